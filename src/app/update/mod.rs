//! `update(&mut App, Action)`: the one place the state changes. One handler per mode
//! (the reader itself, help, the bookmark list), the search and the mouse beside them, and
//! what is derived from the state (layout, filtered rows, wrapped text, matches) kept up to
//! date in `refresh`.

mod bookmarks;
mod corpus_search;
mod cursor;
mod external;
mod facets;
mod help;
mod links;
mod list;
mod mouse;
mod normal;
mod open;
mod prompt;
mod refresh;
mod search;
mod warnings;

pub use search::find_folded;

use super::action::Action;
use super::effect::{Effect, Program};
use super::mode::Mode;
use super::state::{App, Message};
use crate::cable::Level;

/// How many lines a mouse wheel step scrolls.
pub const WHEEL_LINES: usize = 3;

/// Changes the state for one action, and returns what must be done outside it (copy,
/// another program, the mouse), which the terminal module does.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if let Action::StateSaved(outcome) = action {
        state_saved(app, &outcome);
        return None;
    }
    let from_loop = matches!(
        action,
        Action::CorpusRows(_)
            | Action::CorpusDone(_)
            | Action::CableReady(_)
            | Action::CorpusKeys(_)
            | Action::IndexProgress { .. }
            | Action::IndexReady { .. }
            | Action::CorpusFound(_)
            | Action::CorpusSnippets(_)
    );
    if !matches!(action, Action::Resize { .. } | Action::Redraw) && !from_loop {
        app.message = None;
    }
    let action = corpus_search::handle(app, action)?;
    let corpus_read = matches!(action, Action::CorpusDone(_));
    let cable_arrived = matches!(action, Action::CableReady(_));
    let action = list::handle(app, action);
    if corpus_read {
        let built = app.list.as_mut().and_then(|list| list.built_links.take());
        links::corpus_read(app, built);
    }
    if cable_arrived {
        links::arrived(app);
    }
    if app.list.is_none() {
        // Cables given whole: their graph, for the links pane and the header's references.
        links::ensure_graph(app);
    }
    let action = action?;
    match (&action, app.mode) {
        (Action::Unbound(key), _) => {
            let text = format!("{key} does nothing here · ? lists the keys");
            app.message = Some(Message { text, error: true });
            return None;
        }
        (Action::Note(text), _) => {
            let text = crate::sanitize::one_line(text);
            app.message = Some(Message { text, error: false });
            return None;
        }
        (Action::ProgramFailed(why), _) => {
            let text = crate::sanitize::one_line(why);
            app.message = Some(Message { text, error: true });
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
        Mode::Warnings => warnings::warnings(app, action),
        Mode::Links => links::links(app, action),
        Mode::Normal | Mode::Search => normal::handle(app, action),
    }
    refresh::follow_hit_rows(app);
    // Where the open cable is goes into the store after every action, so any way out (a
    // signal, a crash after a background save) keeps it.
    open::remember_position(app);
    None
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
