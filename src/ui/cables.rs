//! The cable list, when several cables are open: id, date, classification, subject.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, pane, Theme};
use crate::app::state::Focus;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Cables;
    let count = app.entries.len();
    let title = format!(" Cables {}/{count} ", app.cable_cursor + 1);
    frame.render_widget(pane(app, theme, Line::from(title), focused), area);
    let inner = app.areas.cables_inner();
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let id_width = app
        .entries
        .iter()
        .map(|e| {
            e.doc()
                .and_then(|d| d.header.id.as_deref())
                .map_or(0, |id| id.width())
        })
        .max()
        .unwrap_or(0)
        .min(20);
    let show_date = width >= 2 + id_width + 1 + 10 + 1 + 6 + 16;
    let mut lines = Vec::with_capacity(height);
    for (index, entry) in app
        .entries
        .iter()
        .enumerate()
        .skip(app.cable_offset)
        .take(height)
    {
        let selected = index == app.cable_cursor;
        let open = index == app.current;
        let mut spans = vec![
            if selected {
                Span::styled("›", theme.key())
            } else {
                Span::raw(" ")
            },
            if open {
                Span::styled("▸", theme.key())
            } else {
                Span::raw(" ")
            },
        ];
        let mut used = 2;
        match entry.doc() {
            Some(doc) => {
                let header = &doc.header;
                let id = ellipsize(header.id.as_deref().unwrap_or("(no id)"), id_width.max(8));
                let id_cell = format!("{id:<id_width$} ");
                used += id_cell.width();
                spans.push(if open {
                    Span::styled(id_cell, theme.key())
                } else {
                    Span::raw(id_cell)
                });
                if show_date {
                    let date = header
                        .date
                        .as_deref()
                        .and_then(|d| d.get(..10))
                        .unwrap_or("          ");
                    spans.push(Span::styled(format!("{date} "), theme.dim()));
                    used += 11;
                }
                let level = header.level.map_or("–", |l| l.abbreviation());
                spans.push(Span::styled(
                    format!("{level:^3}"),
                    theme.marking(header.level),
                ));
                spans.push(Span::raw(" "));
                used += 4;
                let subject = header.subject.as_deref().unwrap_or("(no subject)");
                let room = width.saturating_sub(used);
                let subject = ellipsize(subject, room);
                used += subject.width();
                spans.push(Span::raw(subject));
            }
            None => {
                let room = width.saturating_sub(used + 2);
                let text = ellipsize(&format!("{}: cannot read", entry.name), room);
                used += 2 + text.width();
                spans.push(Span::styled("✗ ", theme.error()));
                spans.push(Span::styled(text, theme.error()));
            }
        }
        if used < width {
            spans.push(Span::raw(" ".repeat(width - used)));
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.patch_style(theme.selected(focused))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
