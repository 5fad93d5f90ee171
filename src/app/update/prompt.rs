//! Keys at the prompt: editing the line, and acting on it with Enter (go to an id, put a
//! limit in force, search every cable); Esc closes it.

use super::list::{submit_go_to, submit_limit};
use crate::app::action::Action;
use crate::app::mode::Mode;
use crate::app::prompt::{PromptKind, PromptOutcome};
use crate::app::state::App;

pub(super) fn prompt(app: &mut App, action: Action) {
    let outcome = match action {
        Action::PromptEdit(edit) => app.prompt.edit(edit),
        // A key the loop did not find an edit for (or one a test sends as it is).
        Action::PromptKey(key) => match app.keymap.prompt_edit(key) {
            Some(edit) => app.prompt.edit(edit),
            None => app.prompt.key(key),
        },
        Action::PromptPaste(text) => {
            app.prompt.paste(&text);
            PromptOutcome::Editing
        }
        Action::ForceQuit => {
            super::normal::handle(app, action);
            return;
        }
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            super::refresh::relayout(app);
            return;
        }
        _ => return,
    };
    match outcome {
        PromptOutcome::Editing => {}
        PromptOutcome::Cancel if app.prompt.kind == PromptKind::FacetFilter => {
            app.mode = Mode::Facets;
        }
        PromptOutcome::Cancel => app.mode = Mode::Normal,
        PromptOutcome::Submit(line) => {
            app.prompt.remember(&line);
            let close = match app.prompt.kind {
                PromptKind::GoTo => {
                    submit_go_to(app, &line);
                    true
                }
                PromptKind::Limit => submit_limit(app, &line),
                PromptKind::Search => super::corpus_search::submit(app, &line),
                PromptKind::FacetFilter => {
                    super::facets::set_origin_filter(app, &line);
                    false
                }
            };
            if close {
                app.mode = Mode::Normal;
            }
        }
    }
}
