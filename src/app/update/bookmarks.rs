//! Bookmarks: toggling one on the selected paragraph, and the keys of the bookmark list.

use super::cursor::{list_cursor, select_para, set_focus};
use super::open::{open, remember_position};
use super::refresh::{refilter, relayout};
use crate::app::action::Action;
use crate::app::mode::{Focus, Mode};
use crate::app::state::App;

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
                    .find(|cable| crate::app::state::cable_key(cable) == bookmark.cable);
                if let Some(cable) = cable {
                    app.entries.push(crate::app::state::Entry::cable(
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
        app.message = Some(crate::app::state::Message {
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
    let shown = app
        .doc()
        .and_then(|doc| doc.paras.get(bookmark.paragraph))
        .map(|para| app.filter.shows_para(para.level, para.caveats));
    if let Some(shown) = shown {
        if !shown {
            app.filter = Default::default();
            refilter(app);
            app.message = Some(crate::app::state::Message {
                text: "The filter hid the bookmarked paragraph: showing everything".to_owned(),
                error: false,
            });
        }
    }
    select_para(app, bookmark.paragraph);
    set_focus(app, Focus::Paragraphs);
}
