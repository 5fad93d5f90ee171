//! The mouse: the wheel scrolls the pane under it, a click focuses or selects.

use super::cursor::{offset, scroll_text, select, set_focus};
use super::open::open;
use super::WHEEL_LINES;
use crate::app::mode::Focus;
use crate::app::state::{App, Row};

pub(super) fn wheel(app: &mut App, column: u16, row: u16, lines: i16) {
    let by = if lines > 0 {
        WHEEL_LINES as isize
    } else {
        -(WHEEL_LINES as isize)
    };
    let areas = app.areas;
    let hit = |pane: Option<ratatui::layout::Rect>| {
        pane.is_some_and(|p| p.contains(ratatui::layout::Position::new(column, row)))
    };
    if hit(areas.text) {
        scroll_text(app, by);
    } else if hit(areas.list) {
        let height = usize::from(areas.list_inner().height);
        let max = app.reader.rows.len().saturating_sub(height);
        app.reader.list_offset = offset(app.reader.list_offset, by, usize::MAX).min(max);
    } else if hit(areas.cables) {
        let height = areas.cables_in_view();
        if let Some(list) = app.list.as_mut() {
            // The cursor comes along, so the next key does not scroll the view back to it.
            let max = list.view.len().saturating_sub(height);
            list.offset = offset(list.offset, by, usize::MAX).min(max);
            let last = (list.offset + height)
                .min(list.view.len())
                .saturating_sub(1);
            list.cursor = list.cursor.clamp(list.offset, last.max(list.offset));
            return;
        }
        let max = app.entries.len().saturating_sub(height);
        app.cable_offset = offset(app.cable_offset, by, usize::MAX).min(max);
    }
}

/// A click on row `position` of a corpus list: the first selects it, a second on the same
/// row (a double click) opens it.
fn click_corpus_row(app: &mut App, position: usize) {
    let Some(list) = app.list.as_mut() else {
        return;
    };
    if position >= list.view.len() {
        set_focus(app, Focus::Cables);
        return;
    }
    if list.cursor == position && app.focus == Focus::Cables {
        super::list::open_selected(app);
    } else {
        list.cursor = position;
        set_focus(app, Focus::Cables);
    }
}

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas;
    let at = ratatui::layout::Position::new(column, row);
    let inside = |pane: Option<ratatui::layout::Rect>| pane.is_some_and(|p| p.contains(at));
    if inside(areas.cables) {
        let inner = areas.cables_inner();
        if inner.contains(at) {
            let below = usize::from((row - inner.y) / areas.cable_row_height());
            if let Some(first) = app.list.as_ref().map(|list| list.offset) {
                return click_corpus_row(app, first + below);
            }
            let index = app.cable_offset + below;
            if index < app.entries.len() {
                open(app, index);
                set_focus(app, Focus::Paragraphs);
            }
        } else {
            set_focus(app, Focus::Cables);
        }
    } else if inside(areas.list) {
        set_focus(app, Focus::Paragraphs);
        let inner = app.areas.list_inner();
        if inner.contains(at) {
            let index = app.reader.list_offset + usize::from(row - inner.y);
            let shown = app
                .reader
                .rows
                .get(index..)
                .into_iter()
                .flatten()
                .find_map(|r| match r {
                    Row::Para(shown) => Some(*shown),
                    Row::Heading(_) => None,
                });
            if let Some(shown) = shown {
                select(app, shown);
            }
        }
    } else if inside(areas.text) {
        set_focus(app, Focus::Text);
    }
}
