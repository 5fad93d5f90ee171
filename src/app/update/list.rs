//! The cable list over a corpus: rows arriving from the worker, moving through the limited,
//! sorted view, asking the loop for the cable of a row, the cable it read, and the sort.

use super::cursor::{offset, set_focus};
use super::open::{open, remember_position};
use super::refresh::relayout;
use crate::app::action::Action;
use crate::app::list::CorpusList;
use crate::app::mode::{Focus, Mode};
use crate::app::prompt::PromptKind;
use crate::app::state::{App, Message, Reader};
use crate::corpus::facets::{canonical_typed_id, find_id};
use crate::corpus::limit::parse_limit;
use crate::corpus::sort::SortKey;

/// Handles what the cable list of a corpus owns; gives back any other action.
pub(super) fn handle(app: &mut App, action: Action) -> Option<Action> {
    let Some(list) = app.list.as_mut() else {
        return Some(action);
    };
    let keys = app.mode == Mode::Normal;
    let in_list = keys && app.focus == Focus::Cables;
    let page = app.areas.cables_in_view().max(1) as isize;
    match action {
        Action::CorpusRows(rows) => {
            let rows = rows.take();
            list.progress.bytes_done = rows.bytes_done;
            list.progress.bytes_total = rows.bytes_total;
            list.progress.elapsed_ms = rows.elapsed_ms;
            let was_several = list.rows.len() > 1;
            list.push(rows.summaries);
            if list.open_row.is_none() && list.wanted.is_none() && !list.view.is_empty() {
                // As with cables given whole, the first one opens at once.
                list.wanted = list.view.first().map(|&row| row as usize);
            }
            // The list takes the focus once there are two cables, not while the first is
            // read alone: keys typed then are for its paragraphs (a single file stays so).
            let several = list.rows.len() > 1;
            relayout(app);
            if several && !was_several && app.focus == Focus::Paragraphs {
                set_focus(app, Focus::Cables);
            }
        }
        Action::CorpusDone(done) => {
            let done = done.take();
            list.progress.done = true;
            list.progress.elapsed_ms = done.elapsed_ms;
            list.sort_index = Some(done.sort);
            list.built_links = done.links;
            if list.sort_key != SortKey::Source {
                list.resort();
            }
            if let Some(first) = done.messages.first() {
                let more = done.messages.len() - 1;
                let text = if more == 0 {
                    first.clone()
                } else {
                    format!("{first} (and {more} more, all listed on exit)")
                };
                app.message = Some(Message {
                    text: crate::sanitize::one_line(&text),
                    error: true,
                });
            }
            if let Some(list) = app.list.as_mut() {
                list.messages = done.messages;
            }
            relayout(app);
            // One cable after all: the reader alone, as with one cable given whole.
            if !app.several() && app.focus == Focus::Cables {
                set_focus(app, Focus::Paragraphs);
            }
            keep_in_view(app);
        }
        Action::CableReady(ready) => {
            let ready = ready.take();
            if list.wanted != Some(ready.row) {
                // Another row was asked for since: that one is on its way.
                return None;
            }
            list.wanted = None;
            list.open_row = Some(ready.row);
            // The cable parsed is the row's key, known now if the second pass has not
            // reached it (the same parse and id as that pass: the same key).
            if let (Some(key), Some(row)) = (ready.entry.key(), list.rows.get(ready.row)) {
                let unknown = list.hash(ready.row).is_none();
                if unknown && row.id.as_deref().unwrap_or_default() == key.id {
                    let hash = key.hash;
                    list.set_keys(&[(ready.row, hash)]);
                }
            }
            let bookmark = list.bookmark_wanted.take().filter(|b| b.row == ready.row);
            // The cable left keeps its place; nothing of it may leak into the next one.
            remember_position(app);
            app.reader = Reader::default();
            app.entries = vec![ready.entry];
            open(app, 0);
            if let Some(bookmark) = bookmark {
                super::bookmarks::checked_arrival(app, &bookmark.bookmark);
            }
        }
        Action::CorpusKeys(found) => {
            let found = found.take();
            list.set_keys(&found.keys);
            if let Some(messages) = found.done {
                list.keys_done = true;
                if let Some(first) = messages.first() {
                    app.message = Some(Message {
                        text: crate::sanitize::one_line(first),
                        error: true,
                    });
                }
                list.messages.extend(messages);
            }
        }
        Action::Down if in_list => move_cursor(app, 1),
        Action::Up if in_list => move_cursor(app, -1),
        Action::PageDown if in_list => move_cursor(app, page),
        Action::PageUp if in_list => move_cursor(app, -page),
        Action::HalfPageDown if in_list => move_cursor(app, page / 2),
        Action::HalfPageUp if in_list => move_cursor(app, -page / 2),
        Action::First if in_list => move_cursor(app, isize::MIN / 2),
        Action::Last if in_list => move_cursor(app, isize::MAX / 2),
        Action::Open if in_list => open_selected(app),
        Action::NextCable if keys => step_open(app, 1),
        Action::PrevCable if keys => step_open(app, -1),
        Action::SortNext if keys => {
            let at = SortKey::ALL
                .iter()
                .position(|&key| key == list.sort_key)
                .unwrap_or(0);
            list.sort_key = SortKey::ALL.get(at + 1).copied().unwrap_or(SortKey::Source);
            sort(app);
        }
        Action::Facets if keys => super::facets::open(app),
        Action::GoToStart if keys => {
            app.prompt.start(PromptKind::GoTo, "");
            app.mode = Mode::Prompt;
        }
        Action::LimitStart if keys => {
            let text = list.limit_text.clone();
            app.prompt.start(PromptKind::Limit, &text);
            app.mode = Mode::Prompt;
        }
        Action::SortReverse if keys => {
            list.reverse = !list.reverse;
            sort(app);
        }
        other => return Some(other),
    }
    None
}

/// Asks the loop for the cable of the row under the cursor, and reads it in the paragraphs.
pub(super) fn open_selected(app: &mut App) {
    if let Some(list) = app.list.as_mut() {
        list.wanted = list.row_at(list.cursor).map(|(row, _)| row);
    }
    set_focus(app, Focus::Paragraphs);
}

fn move_cursor(app: &mut App, by: isize) {
    if let Some(list) = app.list.as_mut() {
        list.cursor = offset(list.cursor, by, list.view.len());
    }
    keep_in_view(app);
}

/// `]`/`[`: the next or previous cable of the limited, sorted list, from the one open.
fn step_open(app: &mut App, by: isize) {
    let Some(list) = app.list.as_mut() else {
        return;
    };
    let from = list
        .open_row
        .and_then(|row| list.view.iter().position(|&r| r as usize == row))
        .unwrap_or(list.cursor);
    list.cursor = offset(from, by, list.view.len());
    list.wanted = list.row_at(list.cursor).map(|(row, _)| row);
    keep_in_view(app);
}

fn sort(app: &mut App) {
    let Some(list) = app.list.as_mut() else {
        return;
    };
    list.resort();
    remember_view(app);
    let Some(list) = app.list.as_mut() else {
        return;
    };
    let mut text = format!("sorted by {}", list.sort_key.name());
    if list.reverse {
        text.push_str(", reversed");
    }
    if list.sort_index.is_none() && list.sort_key != SortKey::Source {
        text.push_str(" when every cable is read");
    }
    app.message = Some(Message { text, error: false });
    keep_in_view(app);
}

/// Keeps the list's sort and limit in the saved state, under its sources, for the next open.
fn remember_view(app: &mut App) {
    let Some(list) = app.list.as_ref() else {
        return;
    };
    let Some(key) = list.source_key.clone() else {
        return;
    };
    let view = crate::state::ListView {
        sort: list.sort_key.name().to_owned(),
        reverse: list.reverse,
        limit: list.limit_text.clone(),
        saved_at: 0,
    };
    app.store.set_list_view(key, view);
}

/// Keeps the list's cursor on a row in view.
pub(super) fn keep_in_view(app: &mut App) {
    let height = app.areas.cables_in_view();
    if let Some(list) = app.list.as_mut() {
        scroll_to_cursor(list, height);
    }
}

fn scroll_to_cursor(list: &mut CorpusList, height: usize) {
    list.cursor = list.cursor.min(list.view.len().saturating_sub(1));
    if height == 0 {
        return;
    }
    if list.cursor < list.offset {
        list.offset = list.cursor;
    }
    if list.cursor >= list.offset + height {
        list.offset = list.cursor + 1 - height;
    }
    list.offset = list.offset.min(list.view.len().saturating_sub(height));
}

/// Enter on a limit: the list shows the rows it matches, or the prompt stays with the
/// mistake at its column and the old limit stays.
pub(super) fn submit_limit(app: &mut App, text: &str) -> bool {
    let Some(list) = app.list.as_mut() else {
        return true;
    };
    match parse_limit(text) {
        Ok(limit) => {
            list.set_limit(text, limit);
            remember_view(app);
            let Some(list) = app.list.as_mut() else {
                return true;
            };
            let shown = list.view.len();
            let text = if list.limit.is_some() {
                format!(
                    "{} of {} cables match",
                    crate::app::list::thousands(shown as u64),
                    crate::app::list::thousands(list.rows.len() as u64)
                )
            } else {
                "no limit: every cable".to_owned()
            };
            app.message = Some(Message { text, error: false });
            keep_in_view(app);
            true
        }
        Err(error) => {
            app.prompt.error = Some((error.column, error.message));
            false
        }
    }
}

/// Enter on an id: opens that cable (case and the year's zero do not matter).
pub(super) fn submit_go_to(app: &mut App, typed: &str) {
    let Some(list) = app.list.as_mut() else {
        return;
    };
    let Some(row) = find_id(&list.rows, typed) else {
        let id = crate::sanitize::one_line(&canonical_typed_id(typed));
        app.message = Some(Message {
            text: format!("no cable {id} here"),
            error: true,
        });
        return;
    };
    // A jump: Ctrl-o comes back to the place left.
    if list.open_row != Some(row) {
        super::links::leave_place(app);
    }
    let Some(list) = app.list.as_mut() else {
        return;
    };
    match list.view.iter().position(|&r| r as usize == row) {
        Some(at) => list.cursor = at,
        None => {
            app.message = Some(Message {
                text: "opened, but the limit hides it in the list".to_owned(),
                error: false,
            });
        }
    }
    list.wanted = Some(row);
    keep_in_view(app);
}
