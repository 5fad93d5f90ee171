//! `update(&mut App, Action)`: the one place the state changes. One handler per mode
//! (the reader itself, help, the bookmark list), the search and the mouse beside them, and
//! what is derived from the state (layout, filtered rows, wrapped text, matches) kept up to
//! date in `refresh`.

mod bookmarks;
mod cursor;
mod help;
mod mouse;
mod normal;
mod open;
mod refresh;
mod search;

pub use search::find_folded;

use super::action::Action;
use super::mode::Mode;
use super::state::{App, Message};
use crate::cable::Level;

/// How many lines a mouse wheel step scrolls.
pub const WHEEL_LINES: usize = 3;

pub fn update(app: &mut App, action: Action) {
    if let Action::StateSaved(outcome) = action {
        return state_saved(app, &outcome);
    }
    if !matches!(action, Action::Resize { .. } | Action::Redraw) {
        app.message = None;
    }
    match app.mode {
        Mode::Help => help::help(app, action),
        Mode::Bookmarks => bookmarks::bookmarks(app, action),
        Mode::Normal | Mode::Search => normal::handle(app, action),
    }
    // Where the open cable is goes into the store after every action, so any way out (a
    // signal, a crash after a background save) keeps it.
    open::remember_position(app);
}

/// A background save ended: the store takes in the merged state; a failure is said at once
/// (the changes are kept, and the event loop tries again).
fn state_saved(app: &mut App, outcome: &crate::state::SaveOutcome) {
    match app.store.finish_save(outcome) {
        Ok(()) => {
            if let Some(warning) = outcome.warnings.first() {
                app.message = Some(Message {
                    text: crate::sanitize::one_line(warning),
                    error: true,
                });
            }
        }
        Err(error) => {
            app.message = Some(Message {
                text: crate::sanitize::one_line(&format!("Not saved, kept for a retry: {error}")),
                error: true,
            });
        }
    }
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
