//! Moving the cursors: the selected paragraph, the text scroll, the cable cursor, the focus.

use super::refresh::{
    clamp_text_scroll, follow_text, keep_cable_cursor_in_view, keep_selection_in_view,
    max_text_scroll, relayout,
};
use crate::app::action::Action;
use crate::app::mode::Focus;
use crate::app::state::App;

/// `index + by`, kept in `0..len`.
pub(super) fn offset(index: usize, by: isize, len: usize) -> usize {
    let moved = if by < 0 {
        index.saturating_sub(by.unsigned_abs())
    } else {
        index.saturating_add(by.unsigned_abs())
    };
    moved.min(len.saturating_sub(1))
}

/// Where a moving key takes the cursor of an overlay list of `count` rows showing `page` at
/// a time (the bookmark list, the warnings list); `None` for keys that do not move it.
pub(super) fn list_cursor(
    action: &Action,
    cursor: usize,
    count: usize,
    page: usize,
) -> Option<usize> {
    let page = isize::try_from(page.max(1)).unwrap_or(isize::MAX);
    let by = match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown | Action::HalfPageDown => page,
        Action::PageUp | Action::HalfPageUp => -page,
        Action::First => return Some(0),
        Action::Last => return Some(count.saturating_sub(1)),
        Action::Scroll { lines, .. } => isize::from(lines.signum()),
        _ => return None,
    };
    Some(offset(cursor, by, count))
}

/// Where a list key moves the cursor of a pane whose rows are not all selectable (section
/// titles): [`list_cursor`]'s row, moved on to the nearest selectable one the way the key
/// went (else back); `next(from, step)` finds a selectable row from `from`.
pub(super) fn selectable_cursor(
    action: &Action,
    cursor: usize,
    count: usize,
    page: usize,
    next: impl Fn(usize, isize) -> Option<usize>,
) -> Option<usize> {
    let target = list_cursor(action, cursor, count, page)?;
    let direction = if target < cursor { -1 } else { 1 };
    Some(
        next(target, direction)
            .or_else(|| next(target, -direction))
            .unwrap_or(cursor),
    )
}

/// Selects the `shown`th visible paragraph and brings it into view in both panes.
pub(super) fn select(app: &mut App, shown: usize) {
    if app.reader.visible.is_empty() {
        return;
    }
    app.reader.selected = shown.min(app.reader.visible.len() - 1);
    app.reader.text_scroll = 0;
    if app.whole {
        scroll_to_selected(app);
    }
    keep_selection_in_view(app);
}

/// Selects the paragraph with index `para` in the cable (`Doc::paras`), or the nearest shown
/// one after it.
pub(super) fn select_para(app: &mut App, para: usize) {
    let visible = &app.reader.visible;
    let shown = visible
        .iter()
        .position(|&p| p >= para)
        .unwrap_or(visible.len().saturating_sub(1));
    select(app, shown);
}

/// In the whole-cable view, scrolls the selected paragraph to the top; the first shown
/// one, to the very top, so the header block and preamble above it show.
pub(super) fn scroll_to_selected(app: &mut App) {
    if let Some(para) = app.reader.selected_para() {
        app.reader.text_scroll = if app.reader.selected == 0 {
            0
        } else {
            app.reader.wrapped.para_lines(para).start
        };
        clamp_text_scroll(app);
    }
}

pub(super) fn scroll_text(app: &mut App, by: isize) {
    app.reader.text_scroll =
        offset(app.reader.text_scroll, by, usize::MAX).min(max_text_scroll(app));
    follow_text(app);
}

pub(super) fn move_cable_cursor(app: &mut App, by: isize) {
    app.cable_cursor = offset(app.cable_cursor, by, app.entries.len());
    keep_cable_cursor_in_view(app);
}

pub(super) fn set_focus(app: &mut App, focus: Focus) {
    if app.focus != focus {
        app.focus = focus;
        // On narrow terminals the cable list and the paragraph list share a place.
        relayout(app);
    }
}
