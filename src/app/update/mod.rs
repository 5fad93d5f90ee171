//! `update(&mut App, Action)`: the one place the state changes. One handler per mode
//! (the reader itself, help, the bookmark list), the search and the mouse beside them, and
//! what is derived from the state (layout, filtered rows, wrapped text, matches) kept up to
//! date in `refresh`.

mod bookmarks;
mod cursor;
mod help;
mod list;
mod mouse;
mod normal;
mod open;
mod refresh;
mod search;

pub use search::find_folded;

use super::action::Action;
use super::mode::Mode;
use super::state::App;
use crate::cable::Level;

/// How many lines a mouse wheel step scrolls.
pub const WHEEL_LINES: usize = 3;

pub fn update(app: &mut App, action: Action) {
    let from_loop = matches!(
        action,
        Action::CorpusRows(_) | Action::CorpusDone(_) | Action::CableReady(_)
    );
    if !matches!(action, Action::Resize { .. } | Action::Redraw) && !from_loop {
        app.message = None;
    }
    let Some(action) = list::handle(app, action) else {
        return;
    };
    match app.mode {
        Mode::Help => help::help(app, action),
        Mode::Bookmarks => bookmarks::bookmarks(app, action),
        Mode::Normal | Mode::Search => normal::handle(app, action),
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
