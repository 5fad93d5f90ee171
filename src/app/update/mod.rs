//! `update(&mut App, Action)`: the one place the state changes. One handler per mode
//! (the reader itself, help, the bookmark list), the search and the mouse beside them, and
//! what is derived from the state (layout, filtered rows, wrapped text, matches) kept up to
//! date in `refresh`.

mod bookmarks;
mod cursor;
mod external;
mod facets;
mod help;
mod list;
mod mouse;
mod normal;
mod open;
mod prompt;
mod refresh;
mod search;

pub use search::find_folded;

use super::action::Action;
use super::effect::{Effect, Program};
use super::mode::Mode;
use super::state::{self, App};
use crate::cable::Level;

/// How many lines a mouse wheel step scrolls.
pub const WHEEL_LINES: usize = 3;

/// Changes the state for one action, and returns what must be done outside it (copy,
/// another program, the mouse), which the terminal module does.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    let from_loop = matches!(
        action,
        Action::CorpusRows(_) | Action::CorpusDone(_) | Action::CableReady(_)
    );
    if !matches!(action, Action::Resize { .. } | Action::Redraw) && !from_loop {
        app.message = None;
    }
    let action = list::handle(app, action)?;
    match (&action, app.mode) {
        (Action::Unbound(key), _) => {
            let text = format!("{key} does nothing here · ? lists the keys");
            app.message = Some(state::Message { text, error: true });
            return None;
        }
        (Action::Note(text), _) => {
            let text = crate::plain::one_line(text);
            app.message = Some(state::Message { text, error: false });
            return None;
        }
        (Action::ProgramFailed(why), _) => {
            let text = crate::plain::one_line(why);
            app.message = Some(state::Message { text, error: true });
            return None;
        }
        (Action::ToggleMouse, _) => return external::toggle_mouse(app),
        (Action::Copy, Mode::Normal) => return external::copy(app),
        (Action::CopyId, Mode::Normal) => return external::copy_id(app),
        (Action::OpenPager, Mode::Normal) => return external::show(app, Program::Pager),
        (Action::OpenEditor, Mode::Normal) => return external::show(app, Program::Editor),
        _ => {}
    }
    match app.mode {
        Mode::Help => help::help(app, action),
        Mode::Bookmarks => bookmarks::bookmarks(app, action),
        Mode::Prompt => prompt::prompt(app, action),
        Mode::Facets => facets::facets(app, action),
        Mode::Normal | Mode::Search => normal::handle(app, action),
    }
    None
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
