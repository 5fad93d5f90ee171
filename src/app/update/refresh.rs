//! What is derived from the state, in one place: the rows of the paragraph list, the
//! layout, the wrapped text, and the scroll offsets that keep the cursors in view. Each is
//! recomputed only when what it depends on changed.

use super::cursor::scroll_to_selected;
use super::search::run_search;
use crate::app::layout::Areas;
use crate::app::state::{App, Row};
use crate::app::wrap::{LineKind, Wrapped};

/// The filter changed: new rows, same paragraph selected if it is still shown (else the
/// next shown one), text rewrapped, matches found again.
pub(super) fn refilter(app: &mut App) {
    let before = app.reader.selected_para();
    rebuild_rows(app);
    let visible = &app.reader.visible;
    app.reader.selected = match before {
        Some(para) => visible
            .iter()
            .position(|&p| p >= para)
            .unwrap_or(visible.len().saturating_sub(1)),
        None => 0,
    };
    rewrap(app);
    run_search(app);
    app.reader.text_scroll = 0;
    if app.whole {
        scroll_to_selected(app);
    }
    keep_selection_in_view(app);
}

pub(super) fn rebuild_rows(app: &mut App) {
    let filter = app.filter;
    let (visible, rows) = match app.entries.get(app.current).and_then(|e| e.doc()) {
        Some(doc) => {
            let visible: Vec<usize> = doc
                .paras
                .iter()
                .enumerate()
                .filter(|(_, para)| filter.shows_para(para.level, para.caveats))
                .map(|(index, _)| index)
                .collect();
            let mut rows = Vec::with_capacity(visible.len() + 8);
            for shown in 0..visible.len() {
                if let Some(owner) = doc.heading_above(&visible, shown) {
                    rows.push(Row::Heading(owner));
                }
                rows.push(Row::Para(shown));
            }
            (visible, rows)
        }
        None => (Vec::new(), Vec::new()),
    };
    app.reader.visible = visible;
    app.reader.rows = rows;
}

/// Recomputes the layout for the current size, focus and cable; rewraps only if the text
/// pane's width changed, and says whether it did.
pub(super) fn relayout(app: &mut App) -> bool {
    let size = app.areas.size;
    let header = app
        .entries
        .get(app.current)
        .and_then(|e| e.doc())
        .map(|d| &d.header);
    app.areas = Areas::compute(
        size.width,
        size.height,
        app.several(),
        app.focus,
        header,
        app.settings.show_routing,
    );
    app.areas.size = size;
    app.areas.hit_rows = app.list.as_ref().is_some_and(|list| list.hits.is_some());
    let width = wrap_width(app);
    let rewrapped = width != app.reader.wrapped.width;
    if rewrapped {
        // Keep the reading position across a rewrap in the whole-cable view: the header
        // block's line at the top, or the paragraph.
        let top_header = app
            .reader
            .wrapped
            .lines
            .get(app.reader.text_scroll)
            .and_then(|line| match line.kind {
                LineKind::Header { line } => Some(line),
                _ => None,
            });
        let top_para = app.whole.then(|| top_paragraph(app)).flatten();
        rewrap(app);
        let wrapped = &app.reader.wrapped;
        match (top_header, top_para) {
            (Some(line), _) if app.whole => {
                app.reader.text_scroll = wrapped.header.get(line).map_or(0, |lines| lines.start);
            }
            (_, Some(para)) => app.reader.text_scroll = wrapped.para_lines(para).start,
            _ => {}
        }
    }
    clamp_text_scroll(app);
    keep_selection_in_view(app);
    keep_cable_cursor_in_view(app);
    rewrapped
}

/// The width text wraps at: the text pane's, or less when the config sets `wrap_width`.
fn wrap_width(app: &App) -> usize {
    let pane = usize::from(app.areas.text_inner().width);
    match usize::from(app.settings.wrap_width) {
        0 => pane,
        wanted => pane.min(wanted),
    }
}

pub(super) fn rewrap(app: &mut App) {
    let width = wrap_width(app);
    let doc = app.entries.get(app.current).and_then(|e| e.doc());
    app.reader.wrapped = match doc {
        Some(doc) if width > 0 && !app.areas.too_small => {
            Wrapped::new(doc, &app.reader.visible, width, app.settings.show_routing)
        }
        _ => Wrapped::default(),
    };
}

pub(super) fn max_text_scroll(app: &App) -> usize {
    let view = app.text_view();
    let height = usize::from(app.areas.text_inner().height);
    view.len().saturating_sub(height)
}

pub(super) fn clamp_text_scroll(app: &mut App) {
    app.reader.text_scroll = app.reader.text_scroll.min(max_text_scroll(app));
}

/// In the whole-cable view the selection follows the paragraph at the top of the text.
pub(super) fn follow_text(app: &mut App) {
    if !app.whole {
        return;
    }
    // At the end the last paragraphs can never reach the top: select the last one then.
    let at_end = app.reader.text_scroll >= max_text_scroll(app);
    let para = if at_end && app.reader.text_scroll > 0 {
        app.reader.visible.last().copied()
    } else {
        top_paragraph(app)
    };
    if let Some(para) = para {
        if let Some(shown) = app.reader.visible.iter().position(|&p| p == para) {
            app.reader.selected = shown;
            keep_selection_in_view(app);
        }
    }
}

/// The paragraph on the first line in view, or the next one below it.
fn top_paragraph(app: &App) -> Option<usize> {
    let wrapped = &app.reader.wrapped;
    let top = app.reader.text_scroll;
    (top..wrapped.lines.len())
        .find_map(|line| wrapped.para_at(line))
        .or_else(|| (0..top).rev().find_map(|line| wrapped.para_at(line)))
}

pub(super) fn keep_selection_in_view(app: &mut App) {
    let height = usize::from(app.areas.list_inner().height);
    let rows = app.reader.rows.len();
    if height == 0 {
        return;
    }
    if let Some(row) = app.reader.selected_row() {
        let wanted_top = match row.checked_sub(1).and_then(|r| app.reader.rows.get(r)) {
            Some(Row::Heading(_)) => row - 1,
            _ => row,
        };
        let offset = &mut app.reader.list_offset;
        if wanted_top < *offset {
            *offset = wanted_top;
        }
        if row >= *offset + height {
            *offset = row + 1 - height;
        }
    }
    app.reader.list_offset = app.reader.list_offset.min(rows.saturating_sub(height));
}

pub(super) fn keep_cable_cursor_in_view(app: &mut App) {
    let height = app.areas.cables_in_view();
    if height == 0 {
        return;
    }
    let offset = &mut app.cable_offset;
    if app.cable_cursor < *offset {
        *offset = app.cable_cursor;
    }
    if app.cable_cursor >= *offset + height {
        *offset = app.cable_cursor + 1 - height;
    }
    *offset = (*offset).min(app.entries.len().saturating_sub(height));
}

/// Hits take a line more each (the snippet): the layout follows them in and out of the
/// list, and the cursor stays in view.
pub(super) fn follow_hit_rows(app: &mut App) {
    if app.areas.hit_rows != app.list.as_ref().is_some_and(|list| list.hits.is_some()) {
        relayout(app);
        super::list::keep_in_view(app);
    }
}
