//! Keys that reach outside the reader: copy to the clipboard, show the cable in the pager
//! or the editor, release the mouse. They change only the message and the mouse flag here;
//! what must be done outside is returned as an [`Effect`] for the terminal module to do.

use crate::app::effect::{Effect, Program};
use crate::app::state::{App, Message};
use crate::cable::Cable;

/// Copies the selected paragraph as it reads (`6. (C) text`), or the whole cable as plain
/// text in the whole-cable view.
pub(super) fn copy(app: &mut App) -> Option<Effect> {
    let cable = open_cable(app)?;
    let copy = if app.whole {
        Some((plain_text(app, cable), "the whole cable".to_owned()))
    } else {
        app.reader.selected_para().and_then(|para| {
            let paragraph = cable.paragraphs.get(para)?;
            let text = format!(
                "{}{}",
                crate::plain::paragraph_label(paragraph),
                crate::sanitize::clean(paragraph.text.trim_end())
            );
            let what = match paragraph.number {
                Some(number) => format!("¶{number}"),
                None => format!("paragraph {}", para + 1),
            };
            Some((text, what))
        })
    };
    let Some((text, what)) = copy else {
        say(
            app,
            "No paragraph to copy: the filter shows none".to_owned(),
            true,
        );
        return None;
    };
    say(app, copied(&what, &text), false);
    Some(Effect::Copy(text))
}

/// Copies `10MEXICO83: SUBJECT`, for notes and citations.
pub(super) fn copy_id(app: &mut App) -> Option<Effect> {
    let cable = open_cable(app)?;
    let id = cable.id.as_deref().unwrap_or("?");
    let text = match cable.subject.as_deref() {
        Some(subject) => format!("{id}: {}", crate::sanitize::one_line(subject)),
        None => id.to_owned(),
    };
    say(app, copied("the id and subject", &text), false);
    Some(Effect::Copy(text))
}

/// The cable's plain text for the pager or the editor.
pub(super) fn show(app: &mut App, program: Program) -> Option<Effect> {
    let cable = open_cable(app)?;
    let text = plain_text(app, cable);
    Some(Effect::Show { program, text })
}

pub(super) fn toggle_mouse(app: &mut App) -> Option<Effect> {
    app.mouse_captured = !app.mouse_captured;
    let text = if app.mouse_captured {
        "Mouse on: the wheel scrolls, clicks select (M gives it to the terminal)"
    } else {
        "Mouse released: the terminal selects text with it (M takes it back)"
    };
    say(app, text.to_owned(), false);
    Some(Effect::CaptureMouse(app.mouse_captured))
}

fn copied(what: &str, text: &str) -> String {
    let chars = text.chars().count();
    format!("Copied {what} ({chars} characters) to the clipboard")
}

fn say(app: &mut App, text: String, error: bool) {
    app.message = Some(Message { text, error });
}

/// A copy of the cable open in the reader (it is small, and the message is set after);
/// a message when there is none (the file failed to read).
fn open_cable(app: &mut App) -> Option<Cable<'static>> {
    let found = app
        .entries
        .get(app.current)
        .and_then(|entry| entry.content.as_ref().ok())
        .map(|loaded| loaded.cable.clone());
    if found.is_none() {
        say(app, "No cable is open".to_owned(), true);
    }
    found
}

/// The cable as `cable-reader FILE | cat` prints it.
fn plain_text(app: &App, cable: Cable<'static>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = crate::plain::write_plain(&cable, &app.settings.date_format, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
