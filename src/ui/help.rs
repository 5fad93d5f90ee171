//! The `?` overlay: every binding of the keymap, by section, with its description, and what
//! the marks mean; two columns on wide terminals.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, Theme};
use crate::app::help::{self, Block as HelpBlock};
use crate::app::keymap::Keymap;
use crate::app::App;
use crate::cable::{Level, SpanKind};

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = help::area(app);
    let layout = help::layout(app);
    frame.render_widget(Clear, area);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let more = if layout.lines > inner_height + app.help_scroll {
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

    let count = u16::try_from(layout.columns.len()).unwrap_or(1).max(1);
    let gap = if count > 1 { 2 } else { 0 };
    let column_width = inner.width.saturating_sub(gap * (count - 1)) / count;
    for (index, blocks) in layout.columns.iter().enumerate() {
        let index = u16::try_from(index).unwrap_or(0);
        let rect = Rect::new(
            inner.x + index * (column_width + gap),
            inner.y,
            column_width,
            inner.height,
        );
        let lines: Vec<Line<'_>> = blocks
            .iter()
            .flat_map(|block| block_lines(app, theme, *block, usize::from(column_width)))
            .skip(app.help_scroll)
            .take(inner_height)
            .collect();
        frame.render_widget(Paragraph::new(lines), rect);
    }
}

fn block_lines<'a>(app: &'a App, theme: &Theme, block: HelpBlock, width: usize) -> Vec<Line<'a>> {
    match block {
        HelpBlock::Keys(section) => {
            let bindings: Vec<_> = app
                .keymap
                .bindings
                .iter()
                .filter(|b| b.section == section)
                .collect();
            // As wide as the widest keys of the sections shown.
            let key_width = app
                .keymap
                .bindings
                .iter()
                .filter(|b| help::block_lines(app, HelpBlock::Keys(b.section)) > 0)
                .map(|b| Keymap::keys_label(b).width())
                .max()
                .unwrap_or(0)
                .min(width / 3);
            let rows = bindings
                .iter()
                .map(|binding| (Keymap::keys_label(binding), binding.description))
                .chain(help::extra_lines(&app.keymap, section));
            key_rows(theme, section.title(), rows, key_width, width)
        }
        HelpBlock::Mouse => {
            let rows = help::MOUSE_AND_TERMINAL
                .iter()
                .map(|(keys, description)| ((*keys).to_owned(), *description));
            key_rows(theme, "Mouse and terminal", rows, 6.min(width / 3), width)
        }
        HelpBlock::Marks => {
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
            let bar =
                |kind| Span::styled(Theme::span_bar(kind, theme.color), theme.span_mark(kind));
            // Short lines, so that the legend fits a column of the two-column help.
            vec![
                Line::from(Span::styled("Marks", theme.heading())),
                Line::from(badges),
                Line::from(vec![
                    Span::raw("  "),
                    bar(SpanKind::Summary),
                    Span::raw(" summary  "),
                    bar(SpanKind::Comment),
                    Span::raw(" comment  "),
                    Span::styled("•", theme.match_mark()),
                    Span::raw(" found"),
                ]),
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled("*", theme.key()),
                    Span::raw(" bookmarked  "),
                    Span::styled("N", theme.key()),
                    Span::raw(" unread  "),
                    Span::styled("›", theme.key()),
                    Span::raw(" selected"),
                ]),
            ]
        }
    }
}

/// A block's title, then `keys  description` rows, then a blank line.
fn key_rows<'a>(
    theme: &Theme,
    title: &'static str,
    rows: impl Iterator<Item = (String, &'static str)>,
    key_width: usize,
    width: usize,
) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(title, theme.heading()))];
    for (keys, description) in rows {
        let keys = ellipsize(&keys, key_width);
        let description = ellipsize(description, width.saturating_sub(key_width + 4));
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{keys:<key_width$}"), theme.key()),
            Span::raw("  "),
            Span::raw(description),
        ]));
    }
    lines.push(Line::default());
    lines
}
