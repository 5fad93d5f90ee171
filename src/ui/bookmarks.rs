//! The `B` overlay: every bookmark across cables (cable id, paragraph number, marking, first
//! words), the cursor on one; Enter jumps to it, `d` deletes it.

use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, overlay_frame, Theme};
use crate::app::layout::bookmarks_area;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = bookmarks_area(app.areas.size, app.store.bookmarks().len());
    let bookmarks = app.store.bookmarks();
    let inner = overlay_frame(
        frame,
        area,
        theme,
        format!(
            " Bookmarks ({}) · Enter opens · d deletes · Esc closes ",
            bookmarks.len()
        ),
    );
    let width = usize::from(inner.width);
    if bookmarks.is_empty() {
        let lines = vec![
            Line::from(Span::styled("No bookmarks yet.", theme.dim())),
            Line::from(Span::styled(
                "m (or b in the paragraph list) bookmarks the selected paragraph.",
                theme.dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let id_width = bookmarks
        .iter()
        .map(|b| crate::sanitize::one_line(&b.cable.id).width())
        .max()
        .unwrap_or(0)
        .clamp(6, 20);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {:<id_width$}  {:>4}  {:<9} first words",
            "cable", "¶", "marking"
        ),
        theme.dim(),
    ))];
    let rows = usize::from(inner.height.saturating_sub(1));
    for (index, bookmark) in bookmarks
        .iter()
        .enumerate()
        .skip(app.bookmark_offset)
        .take(rows)
    {
        let selected = index == app.bookmark_cursor;
        let id = ellipsize(&crate::sanitize::one_line(&bookmark.cable.id), id_width);
        let number = bookmark
            .number
            .map_or_else(|| format!("#{}", bookmark.paragraph + 1), |n| n.to_string());
        let marking = bookmark
            .marking
            .as_deref()
            .map(crate::sanitize::one_line)
            .map_or_else(|| "(—)".to_owned(), |m| format!("({m})"));
        let level = bookmark
            .marking
            .as_deref()
            .and_then(crate::cable::grammar::marking::level_of_marking);
        let used = 2 + id_width + 2 + 4 + 2 + 9 + 1;
        let words = ellipsize(
            &crate::sanitize::one_line(&bookmark.first_words),
            width.saturating_sub(used),
        );
        let mut spans = vec![
            if selected {
                Span::styled("› ", theme.key())
            } else {
                Span::raw("  ")
            },
            Span::raw(format!("{id:<id_width$}  ")),
            Span::styled(format!("{number:>4}"), theme.number()),
            Span::raw("  "),
            Span::styled(ellipsize(&marking, 9), theme.marking(level)),
            Span::raw(" ".repeat(9usize.saturating_sub(ellipsize(&marking, 9).width()) + 1)),
            Span::raw(words),
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
