//! The cable list, when several cables are open: classification, id, date and subject, on
//! one line when the list is wide, else with the subject on a second line.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, pane, Theme};
use crate::app::state::{Entry, Focus};
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Cables;
    let count = app.entries.len();
    let title = format!(" Cables {}/{count} ", app.cable_cursor + 1);
    frame.render_widget(pane(app, theme, Line::from(title), focused), area);
    let inner = app.areas.cables_inner();
    let width = usize::from(inner.width);
    let two_lines = app.areas.cable_row_height() > 1;
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
        .min(18);
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    for (index, entry) in app
        .entries
        .iter()
        .enumerate()
        .skip(app.cable_offset)
        .take(app.areas.cables_in_view())
    {
        let selected = index == app.cable_cursor;
        let open = index == app.current;
        let unread = entry.key().is_some_and(|key| !app.store.is_read(key));
        let flags = Flags {
            open,
            selected,
            unread,
        };
        let rows = row(entry, theme, flags, two_lines, id_width, width);
        for line in rows {
            lines.push(if selected {
                line.patch_style(theme.selected(focused))
            } else {
                line
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The line or two lines of one cable, padded to the full width.
/// What the first two columns of a row say.
#[derive(Clone, Copy)]
struct Flags {
    open: bool,
    selected: bool,
    /// Never opened, here or in an earlier run (neomutt's `N`).
    unread: bool,
}

fn row<'a>(
    entry: &'a Entry,
    theme: &Theme,
    flags: Flags,
    two_lines: bool,
    id_width: usize,
    width: usize,
) -> Vec<Line<'a>> {
    let Flags {
        open,
        selected,
        unread,
    } = flags;
    let mut first = vec![
        if selected {
            Span::styled("›", theme.key())
        } else {
            Span::raw(" ")
        },
        if open {
            Span::styled("▸", theme.key())
        } else if unread {
            Span::styled("N", theme.key())
        } else {
            Span::raw(" ")
        },
    ];
    let mut second: Vec<Span<'a>> = vec![Span::raw("        ")];
    let Some(doc) = entry.doc() else {
        let error = entry.content.as_ref().err().map_or("", String::as_str);
        first.push(Span::styled("  ✗   ", theme.error()));
        let name = ellipsize(&entry.name, width.saturating_sub(8));
        if two_lines {
            first.push(Span::styled(name, theme.error()));
            second.push(Span::styled(
                ellipsize(error, width.saturating_sub(8)),
                theme.error(),
            ));
        } else {
            let text = ellipsize(&format!("{}: {error}", entry.name), width.saturating_sub(8));
            first.push(Span::styled(text, theme.error()));
        }
        return finish(first, second, two_lines, width);
    };
    let header = &doc.header;
    let level = header.level.map_or("–", |l| l.abbreviation());
    first.push(Span::styled(
        format!("{level:^5}"),
        theme.marking(header.level),
    ));
    first.push(Span::raw(" "));
    let id_style = if open {
        theme.key()
    } else {
        Default::default()
    };
    let id = header.id.as_deref().unwrap_or("(no id)");
    let date = header.date.as_deref().and_then(|d| d.get(..10));
    let subject = header.subject.as_deref().unwrap_or("(no subject)");
    if two_lines {
        let id = ellipsize(id, width.saturating_sub(8));
        let used = 8 + id.width();
        first.push(Span::styled(id, id_style));
        if let Some(date) = date.filter(|_| used + 3 + 10 <= width) {
            first.push(Span::styled(format!(" · {date}"), theme.dim()));
        }
        second.push(Span::raw(ellipsize(subject, width.saturating_sub(8))));
    } else {
        let id = ellipsize(id, id_width.max(8));
        first.push(Span::styled(format!("{id:<id_width$} "), id_style));
        first.push(Span::styled(
            format!("{} ", date.unwrap_or("          ")),
            theme.dim(),
        ));
        let used = 8 + id_width.max(id.width()) + 1 + 11;
        first.push(Span::raw(ellipsize(subject, width.saturating_sub(used))));
    }
    finish(first, second, two_lines, width)
}

fn finish<'a>(
    first: Vec<Span<'a>>,
    second: Vec<Span<'a>>,
    two_lines: bool,
    width: usize,
) -> Vec<Line<'a>> {
    let pad = |mut spans: Vec<Span<'a>>| {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        if used < width {
            spans.push(Span::raw(" ".repeat(width - used)));
        }
        Line::from(spans)
    };
    if two_lines {
        vec![pad(first), pad(second)]
    } else {
        vec![pad(first)]
    }
}
