//! The `W` overlay: the open cable's parse warnings, each with where it is (¶ number, the
//! header, or nowhere in particular), the cursor on one; Enter jumps to its line.

use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, overlay_frame, Theme};
use crate::app::layout::warnings_area;
use crate::app::warnings::WarningPlace;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let Some(doc) = app.doc() else {
        return;
    };
    let warnings = &doc.warnings;
    let area = warnings_area(app.areas.size, warnings.len());
    let inner = overlay_frame(
        frame,
        area,
        theme,
        format!(
            " Parse warnings ({}) · Enter shows the line · Esc closes ",
            warnings.len()
        ),
    );
    let width = usize::from(inner.width);
    if warnings.is_empty() {
        let line = Line::from(Span::styled(
            "The grammar found nothing odd in this cable.",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(vec![line]), inner);
        return;
    }
    let mut lines = vec![Line::from(Span::styled(
        format!("  {:<8} warning", "where"),
        theme.dim(),
    ))];
    let rows = usize::from(inner.height.saturating_sub(1));
    for (index, warning) in warnings
        .iter()
        .enumerate()
        .skip(app.warning_offset)
        .take(rows)
    {
        let selected = index == app.warning_cursor;
        let place = match warning.place {
            WarningPlace::Para { para, .. } => doc
                .paras
                .get(para)
                .and_then(|p| p.number)
                .map_or_else(|| format!("#{}", para + 1), |n| format!("¶{n}")),
            WarningPlace::Header { .. } => "header".to_owned(),
            WarningPlace::Nowhere => "—".to_owned(),
        };
        let text = ellipsize(&warning.text, width.saturating_sub(12));
        let mut spans = vec![
            if selected {
                Span::styled("› ", theme.key())
            } else {
                Span::raw("  ")
            },
            Span::styled(format!("{place:<8} "), theme.number()),
            Span::raw(text),
        ];
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        if used < width {
            spans.push(Span::raw(" ".repeat(width - used)));
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.patch_style(theme.selected(true))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
