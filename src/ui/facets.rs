//! The facets pane: counts of the limited cable list per level, caveat, origin, year and
//! tag, over the reader; only the rows in view are drawn.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, Theme};
use crate::app::facets::FacetRow;
use crate::app::layout::bookmarks_area;
use crate::app::list::thousands;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let pane = &app.facets;
    let area = bookmarks_area(app.areas.size, pane.rows.len());
    frame.render_widget(Clear, area);
    let shown = app.list.as_ref().map_or(0, |list| list.view.len());
    let title = format!(
        " Facets of {} cables · Enter adds to the limit · Esc closes ",
        thousands(shown as u64)
    );
    let block = Block::bordered().title(Line::styled(title, theme.key()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let lines: Vec<Line<'_>> = pane
        .rows
        .iter()
        .enumerate()
        .skip(pane.offset)
        .take(rows)
        .map(|(at, row)| match row {
            FacetRow::Title(title) => Line::styled(format!(" {title}"), theme.dim()),
            FacetRow::Value { label, count, .. } => {
                let count = thousands(*count as u64);
                let room = width.saturating_sub(count.width() + 6);
                let label = ellipsize(&crate::sanitize::one_line(label), room);
                let pad = width.saturating_sub(label.width() + count.width() + 4);
                let line = Line::from(vec![
                    Span::raw(if at == pane.cursor { " › " } else { "   " }),
                    Span::raw(label),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count, theme.key()),
                    Span::raw(" "),
                ]);
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
