//! The cable list of a corpus, drawn virtually: only the rows in view are looked at, and
//! the column widths were grown as rows arrived, so a frame costs the same for eight cables
//! and for 251,287. Columns: level badge, id, date, origin, subject (cut with `…`), and the
//! marks (open `▸`, unread `N`, bookmarked `★`). The hits of a corpus search have a
//! second line: the snippet, dimmed, with the query's words in the match style (`…` until
//! a worker has sent it: a frame never reads a cable).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, fit_spans, pane, Theme};
use crate::app::list::{thousands, CorpusList};
use crate::app::state::Focus;
use crate::app::App;
use crate::corpus::search::snippet::Snippet;
use crate::corpus::summary::Summary;

pub fn draw(frame: &mut Frame<'_>, app: &App, list: &CorpusList, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Cables;
    let shown = list.view.len();
    let position = if shown == 0 { 0 } else { list.cursor + 1 };
    let mut title = format!(
        " {} {}/{}",
        if list.hits.is_some() {
            "Hits"
        } else {
            "Cables"
        },
        thousands(position as u64),
        thousands(shown as u64)
    );
    if let Some(hits) = &list.hits {
        title.push_str(&format!(
            " for \"{}\"",
            ellipsize(&crate::sanitize::one_line(&hits.query), 30)
        ));
        if let Some(within) = &hits.within {
            title.push_str(&format!(
                " within {}",
                ellipsize(&crate::sanitize::one_line(within), 24)
            ));
        }
    } else if shown != list.rows.len() {
        title.push_str(&format!(" of {}", thousands(list.rows.len() as u64)));
    }
    title.push(' ');
    frame.render_widget(pane(app, theme, Line::from(title), focused), area);
    let inner = app.areas.cables_inner();
    let width = usize::from(inner.width);
    let two_lines = app.areas.cable_row_height() > 1;
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    for position in list.offset..(list.offset + app.areas.cables_in_view()).min(shown) {
        let Some((index, summary)) = list.row_at(position) else {
            break;
        };
        let saved = list.marks(index, app.store.state());
        let marks = Marks {
            selected: position == list.cursor,
            open: list.open_row == Some(index),
            unread: !saved.read,
            bookmarked: saved.bookmarked,
        };
        let mut row_lines = row(summary, list, theme, marks, two_lines, width);
        if let Some(hits) = &list.hits {
            let snippet = u32::try_from(index)
                .ok()
                .and_then(|index| hits.snippets.get(&index));
            row_lines.push(snippet_line(snippet, theme, width));
        }
        for line in row_lines {
            lines.push(if marks.selected {
                line.patch_style(theme.selected(focused))
            } else {
                line
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[derive(Clone, Copy)]
struct Marks {
    selected: bool,
    open: bool,
    /// Never opened, here or in an earlier run (neomutt's `N`).
    unread: bool,
    bookmarked: bool,
}

fn row<'a>(
    summary: &Summary,
    list: &CorpusList,
    theme: &Theme,
    marks: Marks,
    two_lines: bool,
    width: usize,
) -> Vec<Line<'a>> {
    let mut first = vec![
        if marks.selected {
            Span::styled("›", theme.key())
        } else {
            Span::raw(" ")
        },
        if marks.open {
            Span::styled("▸", theme.key())
        } else if marks.unread {
            Span::styled("N", theme.key())
        } else {
            Span::raw(" ")
        },
        if marks.bookmarked {
            Span::styled("★", theme.key())
        } else {
            Span::raw(" ")
        },
    ];
    let level = summary.level.map_or("–", |l| l.abbreviation());
    first.push(Span::styled(
        format!("{level:^5}"),
        theme.marking(summary.level),
    ));
    first.push(Span::raw(" "));
    // Text from the file: cleaned of control characters before it is drawn.
    let id = crate::sanitize::one_line(summary.id.as_deref().unwrap_or("(no id)"));
    let origin = crate::sanitize::one_line(summary.origin.as_deref().unwrap_or(""));
    let subject = crate::sanitize::one_line(summary.subject.as_deref().unwrap_or("(no subject)"));
    let date = summary.date.map_or_else(
        || " ".repeat(10),
        |d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
    );
    let id_style = if marks.open {
        theme.key()
    } else {
        Default::default()
    };
    let badge = 9;
    if two_lines {
        let id = ellipsize(&id, width.saturating_sub(badge));
        let used = badge + id.width();
        first.push(Span::styled(id, id_style));
        if used + 13 <= width {
            first.push(Span::styled(format!(" · {date}"), theme.dim()));
        }
        let second = vec![
            Span::raw(" ".repeat(badge)),
            Span::raw(ellipsize(&subject, width.saturating_sub(badge))),
        ];
        return vec![pad(first, width), pad(second, width)];
    }
    let id_width = list.id_width.max(8);
    let id = ellipsize(&id, id_width);
    first.push(Span::styled(format!("{id:<id_width$} "), id_style));
    first.push(Span::styled(format!("{date} "), theme.dim()));
    let mut used = badge + id_width + 1 + 11;
    // The origin only when the subject keeps room of its own.
    let origin_width = list.origin_width;
    if origin_width > 0 && width >= used + origin_width + 1 + 20 {
        let origin = ellipsize(&origin, origin_width);
        first.push(Span::raw(format!("{origin:<origin_width$} ")));
        used += origin_width + 1;
    }
    first.push(Span::raw(ellipsize(&subject, width.saturating_sub(used))));
    vec![pad(first, width)]
}

/// A hit's snippet under its row, indented to the id: dimmed, the query's words in the
/// match style, cut to the width; `…` while it has not come.
fn snippet_line<'a>(snippet: Option<&Snippet>, theme: &Theme, width: usize) -> Line<'a> {
    let indent = 9;
    let mut spans = Vec::new();
    match snippet {
        None => spans.push(Span::styled("…", theme.dim())),
        Some(snippet) => {
            // Each piece is cleaned on its own, so the marks stay on their words.
            let piece = |range: std::ops::Range<usize>| {
                crate::sanitize::line(snippet.text.get(range).unwrap_or_default())
            };
            // The first word stays in view in a narrow list: the text before it is cut to
            // a quarter of the room.
            let lead = width.saturating_sub(indent) / 4;
            let mut at = 0;
            for mark in &snippet.marks {
                if mark.start < at || mark.end > snippet.text.len() {
                    continue;
                }
                let before = piece(at..mark.start);
                let before = if at == 0 {
                    keep_tail(&before, lead)
                } else {
                    before
                };
                spans.push(Span::styled(before, theme.dim()));
                spans.push(Span::styled(piece(mark.clone()), theme.search_match(false)));
                at = mark.end;
            }
            spans.push(Span::styled(piece(at..snippet.text.len()), theme.dim()));
        }
    }
    let mut line = vec![Span::raw(" ".repeat(indent))];
    line.extend(fit_spans(spans, width.saturating_sub(indent)));
    pad(line, width)
}

/// The end of `text` that fits in `width` columns, after a `…` when some was cut.
fn keep_tail(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut used = 1;
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= width
        })
        .last()
        .map_or(text.len(), |(at, _)| at);
    format!("…{}", text.get(start..).unwrap_or_default())
}

/// A row padded to the full width, so the selection's colour fills it.
fn pad<'a>(mut spans: Vec<Span<'a>>, width: usize) -> Line<'a> {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    if used < width {
        spans.push(Span::raw(" ".repeat(width - used)));
    }
    Line::from(spans)
}
