//! `update(&mut App, Action)`: the one place the state changes. It also keeps what is
//! derived from the state (layout, filtered rows, wrapped text, matches) up to date, and
//! recomputes each only when what it depends on changed.

use std::ops::Range;

use super::action::Action;
use super::layout::Areas;
use super::state::{App, Focus, Match, Mode, Part, Row};
use super::wrap::{LineKind, Wrapped};
use crate::cable::Level;

/// How many lines a mouse wheel step scrolls.
pub const WHEEL_LINES: usize = 3;

pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize { .. } | Action::Redraw) {
        app.message = None;
    }
    if app.mode == Mode::Help {
        help(app, action);
        return;
    }
    if app.mode == Mode::Bookmarks {
        bookmarks(app, action);
        return;
    }
    match action {
        Action::Down => step(app, 1),
        Action::Up => step(app, -1),
        Action::PageDown => page(app, 1, false),
        Action::PageUp => page(app, -1, false),
        Action::HalfPageDown => page(app, 1, true),
        Action::HalfPageUp => page(app, -1, true),
        Action::First => step(app, isize::MIN / 2),
        Action::Last => step(app, isize::MAX / 2),
        Action::FocusNext => cycle_focus(app, 1),
        Action::FocusPrev => cycle_focus(app, -1),
        Action::Open => match app.focus {
            Focus::Cables => {
                let index = app.cable_cursor;
                open(app, index);
                set_focus(app, Focus::Paragraphs);
            }
            Focus::Paragraphs => set_focus(app, Focus::Text),
            Focus::Text => {}
        },
        Action::ToggleWhole => {
            app.whole = !app.whole;
            app.reader.text_scroll = 0;
            if app.whole {
                scroll_to_selected(app);
            }
        }
        Action::NextCable => next_cable(app, 1),
        Action::PrevCable => next_cable(app, -1),
        Action::ToggleLevel(level) => {
            if let Some(shown) = app.filter.levels.get_mut(level as usize) {
                *shown = !*shown;
            }
            refilter(app);
        }
        Action::ToggleUnmarked => {
            app.filter.unmarked = !app.filter.unmarked;
            refilter(app);
        }
        Action::ShowAll => {
            app.filter = Default::default();
            refilter(app);
        }
        Action::StepThreshold => {
            app.filter.step_threshold();
            refilter(app);
        }
        Action::SearchStart => {
            app.mode = Mode::Search;
            app.search.input.clear();
            app.search.origin = Some((
                app.reader.selected,
                app.reader.text_scroll,
                app.search.query.clone(),
            ));
            app.search.query.clear();
            run_search(app);
        }
        Action::SearchInput(c) => edit_search(app, |input| input.push(c)),
        Action::SearchPaste(text) => edit_search(app, |input| {
            input.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        }),
        Action::SearchBackspace => {
            if app.mode == Mode::Search && app.search.input.is_empty() {
                cancel_search(app);
            } else {
                edit_search(app, |input| {
                    input.pop();
                });
            }
        }
        Action::SearchDeleteWord => edit_search(app, |input| {
            let kept = input
                .trim_end()
                .trim_end_matches(|c: char| !c.is_whitespace());
            input.truncate(kept.len());
        }),
        Action::SearchClear => edit_search(app, String::clear),
        Action::SearchConfirm => confirm_search(app),
        Action::SearchNext => search_step(app, true),
        Action::SearchPrev => search_step(app, false),
        Action::ToggleBookmark => toggle_bookmark(app),
        Action::Bookmarks => {
            app.mode = Mode::Bookmarks;
            // Start at the first bookmark of the open cable, if it has one.
            let current = app.entry().and_then(|e| e.key()).cloned();
            app.bookmark_cursor = app
                .store
                .bookmarks()
                .iter()
                .position(|b| Some(&b.cable) == current.as_ref())
                .unwrap_or(0);
            keep_bookmark_cursor_in_view(app);
        }
        // Only the bookmark list deletes bookmarks.
        Action::DeleteBookmark => {}
        Action::Help => {
            app.mode = Mode::Help;
            app.help_scroll = 0;
        }
        Action::Cancel => {
            if app.mode == Mode::Search {
                cancel_search(app);
            } else if !app.search.query.is_empty() {
                app.search.query.clear();
                run_search(app);
            }
        }
        Action::Quit | Action::ForceQuit => {
            remember_position(app);
            app.quit = true;
        }
        Action::Redraw => app.clear = true,
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            relayout(app);
        }
        Action::Scroll { column, row, lines } => wheel(app, column, row, lines),
        Action::Click { column, row } => click(app, column, row),
    }
}

/// Keys while the help overlay is open: move scrolls it, `q`, Esc and `?` close it.
fn help(app: &mut App, action: Action) {
    let max = help_max_scroll(app);
    let page = help_page(app);
    let scroll = &mut app.help_scroll;
    match action {
        Action::Down => *scroll = (*scroll + 1).min(max),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => *scroll = (*scroll + page).min(max),
        Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(page),
        Action::First => *scroll = 0,
        Action::Last => *scroll = max,
        Action::Scroll { lines, .. } => {
            *scroll = if lines > 0 {
                (*scroll + WHEEL_LINES).min(max)
            } else {
                scroll.saturating_sub(WHEEL_LINES)
            }
        }
        Action::Help | Action::Cancel | Action::Quit | Action::Click { .. } => {
            app.mode = Mode::Normal;
        }
        Action::ForceQuit => app.quit = true,
        Action::Redraw => app.clear = true,
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            relayout(app);
            app.help_scroll = app.help_scroll.min(help_max_scroll(app));
        }
        _ => {}
    }
}

fn help_page(app: &App) -> usize {
    super::help::page(app)
}

fn help_max_scroll(app: &App) -> usize {
    super::help::max_scroll(app)
}

// ---------------------------------------------------------------- opening and deriving

/// Opens entry `index` in the reader: rows, wrapped text and matches for it. The cable left
/// keeps its place in the saved state; the cable opened gets back the place it was left at
/// (selected paragraph, scroll, filter) and counts as read.
pub(crate) fn open(app: &mut App, index: usize) {
    if index >= app.entries.len() {
        return;
    }
    // Before the first cable is open nothing is selected, and nothing is remembered.
    remember_position(app);
    app.current = index;
    app.cable_cursor = index;
    app.reader.selected = 0;
    app.reader.list_offset = 0;
    app.reader.text_scroll = 0;
    app.search.current = None;
    app.search.origin = None;
    if app.mode == Mode::Search {
        app.mode = Mode::Normal;
    }
    if let Some(entry) = app.entries.get(index) {
        if let Err(error) = &entry.content {
            app.message = Some(super::state::Message {
                text: format!("{}: {error}", entry.name),
                error: true,
            });
        }
    }
    let saved = app
        .entry()
        .and_then(|entry| entry.key())
        .and_then(|key| app.store.position(key))
        .cloned();
    app.filter = saved
        .as_ref()
        .map_or(app.default_filter, |position| (&position.filter).into());
    if let Some(key) = app.entry().and_then(|entry| entry.key()).cloned() {
        app.store.mark_read(key);
    }
    rebuild_rows(app);
    if !relayout(app) {
        // Same width as before, but another cable: its text still has to be wrapped.
        rewrap(app);
    }
    if let Some(position) = saved {
        select_para(app, position.paragraph);
        app.reader.text_scroll = position.scroll;
        clamp_text_scroll(app);
        if app.whole {
            follow_text(app);
        }
    }
    run_search(app);
    keep_cable_cursor_in_view(app);
}

/// Keeps where the open cable is (selected paragraph, scroll, filter) in the saved state.
fn remember_position(app: &mut App) {
    let Some(key) = app.entry().and_then(|entry| entry.key()).cloned() else {
        return;
    };
    let Some(para) = app.reader.selected_para() else {
        return;
    };
    let position =
        crate::state::Position::new(para, app.reader.text_scroll, app.filter.to_level_filter());
    if app.store.position(&key).is_none_or(|old| {
        (old.paragraph, old.scroll, old.filter)
            != (position.paragraph, position.scroll, position.filter)
    }) {
        app.store.set_position(key, position);
    }
}

/// Selects the paragraph with index `para` in the cable (`Doc::paras`), or the nearest shown
/// one after it.
fn select_para(app: &mut App, para: usize) {
    let visible = &app.reader.visible;
    let shown = visible
        .iter()
        .position(|&p| p >= para)
        .unwrap_or(visible.len().saturating_sub(1));
    select(app, shown);
}

// ---------------------------------------------------------------- bookmarks

fn toggle_bookmark(app: &mut App) {
    let Some(para) = app.reader.selected_para() else {
        return;
    };
    let Some(entry) = app.entries.get(app.current) else {
        return;
    };
    let Ok(loaded) = &entry.content else {
        return;
    };
    let Some(paragraph) = loaded.cable.paragraphs.get(para) else {
        return;
    };
    let bookmark =
        crate::state::Bookmark::new(loaded.key.clone(), para, paragraph, entry.path.as_deref());
    let label = paragraph_label(paragraph.number, para);
    let added = app.store.toggle_bookmark(bookmark);
    app.message = Some(super::state::Message {
        text: if added {
            format!("Bookmarked {label} · B lists bookmarks")
        } else {
            format!("Bookmark on {label} removed")
        },
        error: false,
    });
}

/// `¶6`, or `paragraph 3` for an unnumbered one (counted from 1).
fn paragraph_label(number: Option<u32>, index: usize) -> String {
    match number {
        Some(number) => format!("¶{number}"),
        None => format!("paragraph {}", index + 1),
    }
}

/// Keys while the bookmark list is open: move, Enter jumps, `d` deletes, Esc/q/B close.
fn bookmarks(app: &mut App, action: Action) {
    let count = app.store.bookmarks().len();
    let page = super::layout::bookmark_rows(app).max(1);
    let cursor = app.bookmark_cursor;
    match action {
        Action::Down => app.bookmark_cursor = offset(cursor, 1, count),
        Action::Up => app.bookmark_cursor = offset(cursor, -1, count),
        Action::PageDown | Action::HalfPageDown => {
            app.bookmark_cursor = offset(cursor, page as isize, count)
        }
        Action::PageUp | Action::HalfPageUp => {
            app.bookmark_cursor = offset(cursor, -(page as isize), count)
        }
        Action::First => app.bookmark_cursor = 0,
        Action::Last => app.bookmark_cursor = count.saturating_sub(1),
        Action::Scroll { lines, .. } => {
            app.bookmark_cursor = offset(cursor, isize::from(lines.signum()), count)
        }
        Action::Open => jump_to_bookmark(app),
        Action::DeleteBookmark => {
            if let Some(bookmark) = app.store.bookmarks().get(cursor).cloned() {
                app.store
                    .remove_bookmark(&bookmark.cable, bookmark.paragraph);
                app.message = Some(super::state::Message {
                    text: format!(
                        "Deleted the bookmark on {} {}",
                        bookmark.cable.id,
                        paragraph_label(bookmark.number, bookmark.paragraph)
                    ),
                    error: false,
                });
            }
            let count = app.store.bookmarks().len();
            app.bookmark_cursor = app.bookmark_cursor.min(count.saturating_sub(1));
        }
        Action::Bookmarks | Action::Cancel | Action::Quit | Action::Click { .. } => {
            app.mode = Mode::Normal;
        }
        Action::ForceQuit => {
            remember_position(app);
            app.quit = true;
        }
        Action::Redraw => app.clear = true,
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            relayout(app);
        }
        _ => {}
    }
    keep_bookmark_cursor_in_view(app);
}

fn keep_bookmark_cursor_in_view(app: &mut App) {
    let rows = super::layout::bookmark_rows(app);
    if rows == 0 {
        return;
    }
    let offset = &mut app.bookmark_offset;
    if app.bookmark_cursor < *offset {
        *offset = app.bookmark_cursor;
    }
    if app.bookmark_cursor >= *offset + rows {
        *offset = app.bookmark_cursor + 1 - rows;
    }
}

/// Opens the bookmarked cable (loading its file when it is not open) at the bookmarked
/// paragraph, showing it even if the filter hid it.
fn jump_to_bookmark(app: &mut App) {
    let Some(bookmark) = app.store.bookmarks().get(app.bookmark_cursor).cloned() else {
        return;
    };
    let mut found = app
        .entries
        .iter()
        .position(|entry| entry.key() == Some(&bookmark.cable));
    if found.is_none() {
        if let Some(path) = &bookmark.path {
            if let Ok(cables) = crate::cable::read_path(path) {
                let cable = cables
                    .into_iter()
                    .find(|cable| super::state::cable_key(cable) == bookmark.cable);
                if let Some(cable) = cable {
                    app.entries.push(super::state::Entry::cable(
                        path.display().to_string(),
                        Some(path.clone()),
                        cable,
                    ));
                    found = Some(app.entries.len() - 1);
                }
            }
        }
    }
    let Some(index) = found else {
        app.message = Some(super::state::Message {
            text: format!(
                "{} is not open, and its file {} no longer holds it",
                bookmark.cable.id,
                bookmark
                    .path
                    .as_deref()
                    .map_or_else(|| "(unknown)".to_owned(), |p| p.display().to_string())
            ),
            error: true,
        });
        return;
    };
    app.mode = Mode::Normal;
    if index != app.current {
        open(app, index);
    }
    let level = app
        .doc()
        .and_then(|doc| doc.paras.get(bookmark.paragraph))
        .map(|para| para.level);
    if let Some(level) = level {
        if !app.filter.shows(level) {
            app.filter = Default::default();
            refilter(app);
            app.message = Some(super::state::Message {
                text: "The filter hid the bookmarked paragraph: showing everything".to_owned(),
                error: false,
            });
        }
    }
    select_para(app, bookmark.paragraph);
    set_focus(app, Focus::Paragraphs);
}

/// The filter changed: new rows, same paragraph selected if it is still shown (else the
/// next shown one), text rewrapped, matches found again.
fn refilter(app: &mut App) {
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

fn rebuild_rows(app: &mut App) {
    let filter = app.filter;
    let (visible, rows) = match app.entries.get(app.current).and_then(|e| e.doc()) {
        Some(doc) => {
            let visible: Vec<usize> = doc
                .paras
                .iter()
                .enumerate()
                .filter(|(_, para)| filter.shows(para.level))
                .map(|(index, _)| index)
                .collect();
            let mut rows = Vec::with_capacity(visible.len() + 8);
            for (shown, &para) in visible.iter().enumerate() {
                if doc.paras.get(para).is_some_and(|p| p.heading.is_some()) {
                    rows.push(Row::Heading(para));
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
fn relayout(app: &mut App) -> bool {
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
    let width = wrap_width(app);
    let rewrapped = width != app.reader.wrapped.width;
    if rewrapped {
        // Keep the reading position across a rewrap in the whole-cable view.
        let top_para = app.whole.then(|| top_paragraph(app)).flatten();
        rewrap(app);
        if let Some(para) = top_para {
            app.reader.text_scroll = app.reader.wrapped.para_lines(para).start;
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

fn rewrap(app: &mut App) {
    let width = wrap_width(app);
    let doc = app.entries.get(app.current).and_then(|e| e.doc());
    app.reader.wrapped = match doc {
        Some(doc) if width > 0 && !app.areas.too_small => {
            Wrapped::new(doc, &app.reader.visible, width)
        }
        _ => Wrapped::default(),
    };
}

// ---------------------------------------------------------------- moving

fn step(app: &mut App, by: isize) {
    match app.focus {
        Focus::Cables => move_cable_cursor(app, by),
        Focus::Paragraphs => select(
            app,
            offset(app.reader.selected, by, app.reader.visible.len()),
        ),
        Focus::Text => scroll_text(app, by),
    }
}

fn page(app: &mut App, direction: isize, half: bool) {
    let height = match app.focus {
        Focus::Cables => u16::try_from(app.areas.cables_in_view()).unwrap_or(u16::MAX),
        Focus::Paragraphs => app.areas.list_inner().height,
        Focus::Text => app.areas.text_inner().height,
    };
    let height = usize::from(height).max(2);
    let amount = if half {
        height / 2
    } else {
        height.saturating_sub(1)
    }
    .max(1);
    let by = direction * isize::try_from(amount).unwrap_or(1);
    if app.focus == Focus::Text && !app.whole && !half {
        // Paging past the end of a paragraph goes on to the next, as a pager does.
        let max = max_text_scroll(app);
        if direction > 0 && app.reader.text_scroll >= max {
            if app.reader.selected + 1 < app.reader.visible.len() {
                select(app, app.reader.selected + 1);
            }
            return;
        }
        if direction < 0 && app.reader.text_scroll == 0 {
            if app.reader.selected > 0 {
                select(app, app.reader.selected - 1);
                app.reader.text_scroll = max_text_scroll(app);
            }
            return;
        }
    }
    match app.focus {
        Focus::Paragraphs => {
            // Move by rows on screen, then land on a paragraph row.
            let rows = app.reader.rows.len();
            let row = app.reader.selected_row().unwrap_or(0);
            let target = offset(row, by, rows);
            let shown = app
                .reader
                .rows
                .get(target..)
                .into_iter()
                .flatten()
                .find_map(|r| match r {
                    Row::Para(shown) => Some(*shown),
                    Row::Heading(_) => None,
                })
                .unwrap_or(app.reader.visible.len().saturating_sub(1));
            select(app, shown);
        }
        _ => step(app, by),
    }
}

/// `index + by`, kept in `0..len`.
fn offset(index: usize, by: isize, len: usize) -> usize {
    let moved = if by < 0 {
        index.saturating_sub(by.unsigned_abs())
    } else {
        index.saturating_add(by.unsigned_abs())
    };
    moved.min(len.saturating_sub(1))
}

/// Selects the `shown`th visible paragraph and brings it into view in both panes.
fn select(app: &mut App, shown: usize) {
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

fn scroll_to_selected(app: &mut App) {
    if let Some(para) = app.reader.selected_para() {
        app.reader.text_scroll = app.reader.wrapped.para_lines(para).start;
        clamp_text_scroll(app);
    }
}

fn max_text_scroll(app: &App) -> usize {
    let view = app.text_view();
    let height = usize::from(app.areas.text_inner().height);
    view.len().saturating_sub(height)
}

fn clamp_text_scroll(app: &mut App) {
    app.reader.text_scroll = app.reader.text_scroll.min(max_text_scroll(app));
}

fn scroll_text(app: &mut App, by: isize) {
    app.reader.text_scroll =
        offset(app.reader.text_scroll, by, usize::MAX).min(max_text_scroll(app));
    follow_text(app);
}

/// In the whole-cable view the selection follows the paragraph at the top of the text.
fn follow_text(app: &mut App) {
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

fn keep_selection_in_view(app: &mut App) {
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

fn move_cable_cursor(app: &mut App, by: isize) {
    app.cable_cursor = offset(app.cable_cursor, by, app.entries.len());
    keep_cable_cursor_in_view(app);
}

fn keep_cable_cursor_in_view(app: &mut App) {
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

fn next_cable(app: &mut App, by: isize) {
    let target = offset(app.current, by, app.entries.len());
    if target == app.current {
        app.message = Some(super::state::Message {
            text: if by > 0 {
                "This is the last cable"
            } else {
                "This is the first cable"
            }
            .to_owned(),
            error: false,
        });
        return;
    }
    open(app, target);
}

fn panes(app: &App) -> Vec<Focus> {
    let mut panes = Vec::with_capacity(3);
    if app.several() {
        panes.push(Focus::Cables);
    }
    panes.extend([Focus::Paragraphs, Focus::Text]);
    panes
}

fn cycle_focus(app: &mut App, by: isize) {
    let panes = panes(app);
    let at = panes.iter().position(|f| *f == app.focus).unwrap_or(0);
    let len = panes.len() as isize;
    let next = (at as isize + by).rem_euclid(len);
    if let Some(focus) = panes.get(next as usize) {
        set_focus(app, *focus);
    }
}

fn set_focus(app: &mut App, focus: Focus) {
    if app.focus != focus {
        app.focus = focus;
        // On narrow terminals the cable list and the paragraph list share a place.
        relayout(app);
    }
}

// ---------------------------------------------------------------- mouse

fn wheel(app: &mut App, column: u16, row: u16, lines: i16) {
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
        let max = app.entries.len().saturating_sub(height);
        app.cable_offset = offset(app.cable_offset, by, usize::MAX).min(max);
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas;
    let at = ratatui::layout::Position::new(column, row);
    let inside = |pane: Option<ratatui::layout::Rect>| pane.is_some_and(|p| p.contains(at));
    if inside(areas.cables) {
        let inner = areas.cables_inner();
        if inner.contains(at) {
            let index = app.cable_offset + usize::from((row - inner.y) / areas.cable_row_height());
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

// ---------------------------------------------------------------- search

fn edit_search(app: &mut App, edit: impl FnOnce(&mut String)) {
    if app.mode != Mode::Search {
        return;
    }
    edit(&mut app.search.input);
    app.search.query = app.search.input.clone();
    run_search(app);
    // Show the first match from where the search started, as you type.
    let (selected, scroll) = app
        .search
        .origin
        .as_ref()
        .map(|(s, t, _)| (*s, *t))
        .unwrap_or((app.reader.selected, app.reader.text_scroll));
    match first_match_from(app, selected) {
        Some(index) => go_to_match(app, index),
        None => {
            app.search.current = None;
            select(app, selected);
            app.reader.text_scroll = scroll;
            clamp_text_scroll(app);
        }
    }
}

fn cancel_search(app: &mut App) {
    app.mode = Mode::Normal;
    if let Some((selected, scroll, query)) = app.search.origin.take() {
        app.search.query = query;
        run_search(app);
        select(app, selected);
        app.reader.text_scroll = scroll;
        clamp_text_scroll(app);
    }
    app.search.input.clear();
}

fn confirm_search(app: &mut App) {
    if app.mode != Mode::Search {
        return;
    }
    app.mode = Mode::Normal;
    let (selected, previous) = match app.search.origin.take() {
        Some((selected, _, previous)) => (selected, previous),
        None => (app.reader.selected, String::new()),
    };
    if app.search.input.is_empty() {
        // An empty search repeats the last one, as in less and vim.
        app.search.input = previous;
    }
    app.search.query = app.search.input.clone();
    run_search(app);
    if app.search.query.is_empty() {
        return;
    }
    match first_match_from(app, selected) {
        Some(index) => {
            go_to_match(app, index);
            announce_match(app, index, false);
        }
        None => {
            app.message = Some(super::state::Message {
                text: format!("Not found: {}", app.search.query),
                error: true,
            });
        }
    }
}

fn search_step(app: &mut App, forward: bool) {
    if app.search.query.is_empty() {
        app.message = Some(super::state::Message {
            text: "No search yet: press / to search".to_owned(),
            error: true,
        });
        return;
    }
    let count = app.search.matches.len();
    if count == 0 {
        app.message = Some(super::state::Message {
            text: format!("Not found: {}", app.search.query),
            error: true,
        });
        return;
    }
    let (index, wrapped) = match app.search.current {
        Some(current) if forward => ((current + 1) % count, current + 1 >= count),
        Some(current) => ((current + count - 1) % count, current == 0),
        None => {
            let selected = app.reader.selected;
            let first = first_match_from(app, selected).unwrap_or(0);
            if forward {
                (first, false)
            } else {
                let before = (first + count - 1) % count;
                (before, before >= first)
            }
        }
    };
    go_to_match(app, index);
    announce_match(app, index, wrapped);
}

fn announce_match(app: &mut App, index: usize, wrapped: bool) {
    let count = app.search.matches.len();
    let mut text = format!("Match {} of {count}", index + 1);
    if wrapped {
        text.push_str(" (wrapped around)");
    }
    app.message = Some(super::state::Message { text, error: false });
}

/// The first match in the `shown`th visible paragraph or after it, wrapping to the top.
fn first_match_from(app: &App, shown: usize) -> Option<usize> {
    let para = app.reader.visible.get(shown).copied().unwrap_or(0);
    let matches = &app.search.matches;
    if matches.is_empty() {
        return None;
    }
    let at = matches.partition_point(|m| m.para < para);
    Some(if at < matches.len() { at } else { 0 })
}

/// Selects the paragraph of match `index` and scrolls the text so the match is in view.
fn go_to_match(app: &mut App, index: usize) {
    let Some(found) = app.search.matches.get(index).cloned() else {
        return;
    };
    app.search.current = Some(index);
    if let Some(shown) = app.reader.visible.iter().position(|&p| p == found.para) {
        select(app, shown);
    }
    let lines = app.reader.wrapped.para_lines(found.para);
    let line = app
        .reader
        .wrapped
        .lines
        .get(lines.clone())
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, line)| {
            matches!(
                (line.kind, found.part),
                (LineKind::Heading { .. }, Part::Heading) | (LineKind::Text { .. }, Part::Text)
            )
        })
        .take_while(|(_, line)| line.range.start <= found.range.start)
        .last()
        .map(|(offset, _)| lines.start + offset);
    let Some(line) = line else {
        return;
    };
    let view = app.text_view();
    let relative = line.saturating_sub(view.start);
    let height = usize::from(app.areas.text_inner().height).max(1);
    let scroll = &mut app.reader.text_scroll;
    if relative < *scroll || relative >= *scroll + height {
        *scroll = relative.saturating_sub(height / 3);
    }
    clamp_text_scroll(app);
    if app.whole {
        // keep the selection on the match's paragraph even if another is at the top
        if let Some(shown) = app.reader.visible.iter().position(|&p| p == found.para) {
            app.reader.selected = shown;
            keep_selection_in_view(app);
        }
    }
}

/// Finds the query in the headings and texts of the shown paragraphs, ignoring case.
pub(crate) fn run_search(app: &mut App) {
    app.search.matches.clear();
    app.search.current = None;
    let query = fold(&app.search.query).0;
    if query.is_empty() {
        return;
    }
    let Some(doc) = app.entries.get(app.current).and_then(|e| e.doc()) else {
        return;
    };
    let mut matches = Vec::new();
    for &index in &app.reader.visible {
        let Some(para) = doc.paras.get(index) else {
            continue;
        };
        let parts = [
            (Part::Heading, para.heading.as_deref()),
            (Part::Text, Some(para.text.as_str())),
        ];
        for (part, text) in parts {
            if let Some(text) = text {
                for range in find_folded(text, &query) {
                    matches.push(Match {
                        para: index,
                        part,
                        range,
                    });
                }
            }
        }
    }
    app.search.matches = matches;
}

/// `text` lower-cased, with the byte offset in `text` of each byte of the result (and one
/// past the end), or no offsets when they are the same (ASCII).
fn fold(text: &str) -> (String, Option<Vec<usize>>) {
    if text.is_ascii() {
        return (text.to_ascii_lowercase(), None);
    }
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            let before = folded.len();
            folded.push(lower);
            offsets.extend(std::iter::repeat_n(at, folded.len() - before));
        }
    }
    offsets.push(text.len());
    (folded, Some(offsets))
}

/// Ranges of `text` where the folded `query` occurs, case-insensitively.
pub fn find_folded(text: &str, query: &str) -> Vec<Range<usize>> {
    let (folded, offsets) = fold(text);
    folded
        .match_indices(query)
        .map(|(start, found)| {
            let end = start + found.len();
            match &offsets {
                None => start..end,
                Some(offsets) => {
                    let from = offsets.get(start).copied().unwrap_or(text.len());
                    let mut to = offsets.get(end).copied().unwrap_or(text.len());
                    if to <= from {
                        to = text
                            .get(from..)
                            .and_then(|rest| rest.chars().next())
                            .map_or(text.len(), |c| from + c.len_utf8());
                    }
                    from..to
                }
            }
        })
        .collect()
}

/// Levels shown in the status bar, with their counts, for the open cable.
pub fn level_counts(app: &App) -> Vec<(Level, usize)> {
    let Some(doc) = app.doc() else {
        return Vec::new();
    };
    Level::ALL
        .into_iter()
        .zip(doc.counts)
        .filter(|(_, count)| *count > 0)
        .collect()
}
