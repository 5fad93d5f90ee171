//! The `?` overlay: every binding of the keymap, by section, with its description.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, Theme};
use crate::app::keymap::{Keymap, Section};
use crate::app::update::{help_area, help_line_count};
use crate::app::App;
use crate::cable::{Level, SpanKind};

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = help_area(app);
    frame.render_widget(Clear, area);
    let total = help_line_count(app);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let more = if total > inner_height + app.help_scroll {
        " ↓ more "
    } else {
        ""
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border(true))
        .title(Line::from(" Keys · ? or Esc closes ").style(theme.title(true)))
        .title_bottom(Line::from(more).style(theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let width = usize::from(inner.width);
    let key_width = app
        .keymap
        .bindings
        .iter()
        .map(|b| Keymap::keys_label(b).width())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let mut lines: Vec<Line<'_>> = Vec::with_capacity(total);
    for section in Section::ALL {
        let bindings: Vec<_> = app
            .keymap
            .bindings
            .iter()
            .filter(|b| b.section == section)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(section.title(), theme.heading())));
        for binding in bindings {
            let keys = ellipsize(&Keymap::keys_label(binding), key_width);
            let description = ellipsize(binding.description, width.saturating_sub(key_width + 4));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{keys:<key_width$}"), theme.key()),
                Span::raw("  "),
                Span::raw(description),
            ]));
        }
        lines.push(Line::default());
    }
    // What the colours and marks mean.
    lines.push(Line::from(Span::styled("Marks", theme.heading())));
    let mut badges = vec![Span::raw("  ")];
    for level in Level::ALL {
        badges.push(Span::styled(
            format!("({})", level.abbreviation()),
            theme.marking(Some(level)),
        ));
        badges.push(Span::raw(" "));
    }
    badges.push(Span::styled("(—)", theme.marking(None)));
    badges.push(Span::raw(" unmarked"));
    lines.push(Line::from(badges));
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled(
            Theme::span_bar(SpanKind::Summary, theme.color),
            theme.span_mark(SpanKind::Summary),
        ),
        Span::raw(" summary  "),
        Span::styled(
            Theme::span_bar(SpanKind::Comment, theme.color),
            theme.span_mark(SpanKind::Comment),
        ),
        Span::raw(" comment  "),
        Span::styled("•", theme.match_mark()),
        Span::raw(" has search matches  "),
        Span::styled("›", theme.key()),
        Span::raw(" selected"),
    ]));
    let visible: Vec<Line<'_>> = lines
        .into_iter()
        .skip(app.help_scroll)
        .take(inner_height)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
