//! Keys in the reader itself, with no overlay open: moving in the focused pane, opening,
//! the paragraph filter, and the keys that start or steer a search.

use super::bookmarks::{keep_bookmark_cursor_in_view, toggle_bookmark};
use super::cursor::{
    move_cable_cursor, offset, scroll_text, scroll_to_selected, select, set_focus,
};
use super::mouse::{click, wheel};
use super::open::{open, remember_position};
use super::refresh::{max_text_scroll, refilter, relayout};
use super::search::{
    cancel_search, confirm_search, edit_search, run_search, search_step, start_search,
};
use crate::app::action::Action;
use crate::app::mode::{Focus, Mode};
use crate::app::state::{App, Row};

/// Keys in the reader itself (no overlay open): moving, opening, filtering, searching.
pub(super) fn handle(app: &mut App, action: Action) {
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
            Focus::Text => say_nothing_done(app, "Already in the text · w shows the whole cable"),
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
        Action::ToggleCaveat(caveat) => {
            app.filter.toggle_caveat(caveat);
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
        Action::SearchStart => start_search(app),
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
        Action::DeleteBookmark => {
            say_nothing_done(app, "d deletes in the bookmark list: B opens it")
        }
        Action::Warnings => super::warnings::open_list(app),
        Action::Links | Action::JumpBack | Action::JumpForward => {
            super::links::handle(app, &action);
        }
        Action::Help => {
            app.mode = Mode::Help;
            app.help_scroll = 0;
        }
        Action::Cancel => {
            app.highlight = None;
            app.header_highlight = None;
            app.block_highlight = None;
            if app.mode == Mode::Search {
                cancel_search(app);
            } else if !app.search.query.is_empty() {
                // The highlights go; the search stays for `n` and `N`.
                app.search.kept = std::mem::take(&mut app.search.query);
                run_search(app);
                say_nothing_done(app, "Highlights cleared · n finds the search again");
            } else {
                say_nothing_done(app, "Nothing to cancel · q quits");
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
        // The cable list of a corpus takes these (update/list.rs); without one they do
        // nothing.
        Action::CorpusRows(_)
        | Action::CorpusDone(_)
        | Action::CableReady(_)
        | Action::CorpusKeys(_)
        | Action::SortNext
        | Action::SortReverse
        | Action::Facets
        | Action::GoToStart
        | Action::LimitStart
        | Action::PromptKey(_)
        | Action::PromptEdit(_)
        | Action::CorpusSearchStart
        | Action::NextHit
        | Action::PrevHit
        | Action::FacetFilter
        | Action::FacetAdd
        | Action::IndexProgress { .. }
        | Action::IndexReady { .. }
        | Action::CorpusFound(_)
        | Action::CorpusSnippets(_)
        | Action::PromptPaste(_) => {}
        // Handled before the modes (see `update`); here in a search only.
        Action::Copy
        | Action::CopyId
        | Action::OpenPager
        | Action::OpenEditor
        | Action::ToggleMouse
        | Action::ProgramFailed(_)
        | Action::Note(_)
        | Action::Unbound(_)
        | Action::StateSaved(_) => {}
    }
}

/// A key that did nothing says why, rather than nothing.
fn say_nothing_done(app: &mut App, text: &str) {
    app.message = Some(crate::app::state::Message {
        text: text.to_owned(),
        error: false,
    });
}

pub(super) fn step(app: &mut App, by: isize) {
    match app.focus {
        Focus::Cables => move_cable_cursor(app, by),
        Focus::Paragraphs => select(
            app,
            offset(app.reader.selected, by, app.reader.visible.len()),
        ),
        Focus::Text => scroll_text(app, by),
    }
}

pub(super) fn page(app: &mut App, direction: isize, half: bool) {
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

fn next_cable(app: &mut App, by: isize) {
    let target = offset(app.current, by, app.entries.len());
    if target == app.current {
        app.message = Some(crate::app::state::Message {
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

pub(super) fn panes(app: &App) -> Vec<Focus> {
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
