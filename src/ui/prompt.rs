//! The prompt line (go to, limit) over the key hints, with the cursor where the typing
//! goes and a mistake shown under its column.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = app.areas.bottom.unwrap_or(app.areas.status);
    let prompt = &app.prompt;
    let label = prompt.kind.label();
    let width = usize::from(area.width);
    let room = width.saturating_sub(label.width() + 1).max(1);
    let scroll = prompt.input.visual_scroll(room);
    let value = crate::sanitize::one_line(prompt.input.value());
    let shown: String = value.chars().skip(scroll).collect();
    let mut spans = vec![
        Span::styled(label, theme.key()),
        Span::raw(super::ellipsize(&shown, room)),
    ];
    if let Some((column, message)) = &prompt.error {
        spans.push(Span::styled(
            format!("  column {column}: {message}"),
            theme.error(),
        ));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Line::from(super::fit_spans(spans, width))),
        area,
    );
    let cursor = prompt.input.visual_cursor().saturating_sub(scroll);
    let x = area.x + u16::try_from(label.width() + cursor).unwrap_or(u16::MAX);
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    // Where the mistake is: a caret on the status line above, under its column.
    if let (Some((column, _)), Some(_)) = (&prompt.error, app.areas.bottom) {
        let at = label.width() + column.saturating_sub(1);
        if at >= scroll && at - scroll < width {
            let caret = ratatui::layout::Rect::new(
                area.x + u16::try_from(at - scroll).unwrap_or(0),
                app.areas.status.y,
                1,
                1,
            );
            frame.render_widget(Paragraph::new(Span::styled("^", theme.error())), caret);
        }
    }
}
