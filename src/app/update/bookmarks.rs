//! Bookmarks: toggling one on the selected paragraph, and the keys of the bookmark list.

use super::cursor::{list_cursor, select_para, set_focus};
use super::list::keep_in_view;
use super::open::{open, remember_position};
use super::refresh::{refilter, relayout};
use crate::app::action::Action;
use crate::app::list::BookmarkWanted;
use crate::app::mode::{Focus, Mode};
use crate::app::state::App;
use crate::state::Bookmark;

pub(super) fn toggle_bookmark(app: &mut App) {
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
    app.message = Some(crate::app::state::Message {
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
pub(super) fn bookmarks(app: &mut App, action: Action) {
    let count = app.store.bookmarks().len();
    let page =
        crate::app::layout::bookmark_rows(app.areas.size, app.store.bookmarks().len()).max(1);
    let cursor = app.bookmark_cursor;
    if let Some(moved) = list_cursor(&action, cursor, count, page) {
        app.bookmark_cursor = moved;
        keep_bookmark_cursor_in_view(app);
        return;
    }
    match action {
        Action::Open => jump_to_bookmark(app),
        Action::DeleteBookmark => {
            if let Some(bookmark) = app.store.bookmarks().get(cursor).cloned() {
                app.store
                    .remove_bookmark(&bookmark.cable, bookmark.paragraph);
                app.message = Some(crate::app::state::Message {
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

pub(super) fn keep_bookmark_cursor_in_view(app: &mut App) {
    let rows = crate::app::layout::bookmark_rows(app.areas.size, app.store.bookmarks().len());
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

/// Opens the bookmarked cable at the bookmarked paragraph, showing it even if the filter
/// hid it. Over a corpus the cable's row is found in the list (by its key, or by its id
/// while keys are still being found) and asked of the loop as `:` go to asks for a row;
/// nothing is read here. A cable not in the open collection is named with the file that
/// held it.
fn jump_to_bookmark(app: &mut App) {
    let Some(bookmark) = app.store.bookmarks().get(app.bookmark_cursor).cloned() else {
        return;
    };
    if app.list.is_some() {
        jump_in_corpus(app, bookmark);
        return;
    }
    let Some(index) = app
        .entries
        .iter()
        .position(|entry| entry.key() == Some(&bookmark.cable))
    else {
        not_here(app, &bookmark);
        return;
    };
    app.mode = Mode::Normal;
    if index != app.current {
        open(app, index);
    }
    show_bookmarked(app, bookmark.paragraph);
}

fn jump_in_corpus(app: &mut App, bookmark: Bookmark) {
    let Some(list) = app.list.as_ref() else {
        return;
    };
    let Some(row) = list.find_key(&bookmark.cable) else {
        let id = &bookmark.cable.id;
        if !id.is_empty() && list.rows.iter().any(|row| row.id.as_deref() == Some(id)) {
            let id = crate::sanitize::one_line(id);
            let text = format!(
                "{id} here is another text than the one bookmarked (in {})",
                bookmark_file(&bookmark)
            );
            say(app, &text, true);
        } else {
            not_here(app, &bookmark);
        }
        return;
    };
    app.mode = Mode::Normal;
    if list.open_row == Some(row) && list.wanted.is_none() {
        checked_arrival(app, &bookmark);
        return;
    }
    // A jump: Ctrl-o comes back to the place left.
    super::links::leave_place(app);
    let Some(list) = app.list.as_mut() else {
        return;
    };
    match list.view.iter().position(|&r| r as usize == row) {
        Some(at) => list.cursor = at,
        None => say(app, "opened, but the limit hides it in the list", false),
    }
    let Some(list) = app.list.as_mut() else {
        return;
    };
    list.wanted = Some(row);
    list.bookmark_wanted = Some(BookmarkWanted { row, bookmark });
    keep_in_view(app);
    set_focus(app, Focus::Paragraphs);
}

/// The cable of a bookmark is open: its paragraph is selected if it is the text that was
/// bookmarked, or if the bookmark followed its paragraph into this text (an older split
/// of the same cable, see `state::resplit`); another text may number its paragraphs
/// otherwise, so then only the cable opens.
pub(super) fn checked_arrival(app: &mut App, bookmark: &Bookmark) {
    let key = app.entry().and_then(|entry| entry.key());
    let followed = |b: &&Bookmark| {
        Some(&b.cable) == key && (b.number, b.created_at) == (bookmark.number, bookmark.created_at)
    };
    let paragraph = if key == Some(&bookmark.cable) {
        Some(bookmark.paragraph)
    } else {
        app.store
            .bookmarks()
            .iter()
            .find(followed)
            .map(|b| b.paragraph)
    };
    if let Some(paragraph) = paragraph {
        show_bookmarked(app, paragraph);
    } else {
        let id = crate::sanitize::one_line(&bookmark.cable.id);
        say(
            app,
            &format!("{id} here is another text than the one bookmarked: opened at its start"),
            true,
        );
        set_focus(app, Focus::Paragraphs);
    }
}

/// "Not here", naming the file the bookmark was made in.
fn not_here(app: &mut App, bookmark: &Bookmark) {
    let id = crate::sanitize::one_line(&bookmark.cable.id);
    let file = bookmark_file(bookmark);
    let text = format!("{id} is not in the cables open here; it was bookmarked in {file}");
    say(app, &text, true);
}

/// The file a bookmark was made in, fit for the terminal.
fn bookmark_file(bookmark: &Bookmark) -> String {
    bookmark
        .path
        .as_deref()
        .map_or_else(|| "an unknown file".to_owned(), crate::sanitize::path)
}

fn say(app: &mut App, text: &str, error: bool) {
    app.message = Some(crate::app::state::Message {
        text: text.to_owned(),
        error,
    });
}

/// Selects the bookmarked paragraph of the open cable, clearing a filter that hides it.
fn show_bookmarked(app: &mut App, paragraph: usize) {
    let shown = app
        .doc()
        .and_then(|doc| doc.paras.get(paragraph))
        .map(|para| app.filter.shows_para(para.level, para.caveats));
    if shown == Some(false) {
        app.filter = Default::default();
        refilter(app);
        say(
            app,
            "The filter hid the bookmarked paragraph: showing everything",
            false,
        );
    }
    select_para(app, paragraph);
    set_focus(app, Focus::Paragraphs);
}
