//! The links pane: the open cable's references, each marked in this collection or not
//! (with the cited cable's subject when it is), then the cables that cite it; over the
//! reader, only the rows in view drawn.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, fit_spans, Theme};
use crate::app::layout::bookmarks_area;
use crate::app::links::LinkRow;
use crate::app::list::MAX_ID_WIDTH;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let pane = &app.links.pane;
    let area = bookmarks_area(app.areas.size, pane.rows.len());
    frame.render_widget(Clear, area);
    let title = format!(
        " Links of {} · Enter opens · Ctrl-o comes back · Esc closes ",
        pane.id
    );
    let block = Block::bordered().title(Line::styled(title, theme.key()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let id_width = pane
        .rows
        .iter()
        .filter_map(|row| match row {
            LinkRow::Cable(cable) => Some(cable.id.width()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(MAX_ID_WIDTH);
    let lines: Vec<Line<'_>> = pane
        .rows
        .iter()
        .enumerate()
        .skip(pane.offset)
        .take(usize::from(inner.height))
        .map(|(at, row)| match row {
            LinkRow::Title(title) => Line::styled(format!(" {title}"), theme.dim()),
            LinkRow::Empty(text) => Line::styled(format!("   {text}"), theme.dim()),
            LinkRow::Cable(cable) => {
                let id = ellipsize(&cable.id, id_width);
                let pad = " ".repeat(id_width.saturating_sub(id.width()) + 2);
                let mut spans = vec![
                    Span::raw(if at == pane.cursor { " › " } else { "   " }),
                    Span::styled(
                        id,
                        if cable.row.is_some() {
                            theme.reference_found()
                        } else {
                            theme.key()
                        },
                    ),
                    Span::raw(pad),
                ];
                match (cable.row, &cable.subject) {
                    (Some(_), subject) => {
                        spans.push(Span::styled("in this collection", theme.key()));
                        if let Some(subject) = subject {
                            spans.push(Span::styled(" · ", theme.dim()));
                            spans.push(Span::raw(subject.as_str()));
                        }
                    }
                    (None, _) => {
                        spans.push(Span::styled("not in this collection", theme.dim()));
                    }
                }
                let line = Line::from(fit_spans(spans, width));
                if at == pane.cursor {
                    line.patch_style(theme.selected(true))
                } else {
                    line
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
