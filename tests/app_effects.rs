//! What `update` asks of the outside (copy, pager, editor, mouse) and the bytes the
//! terminal module writes for a copy. The base64 below was computed with Python's
//! `base64.b64encode`, not with this program.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use app_fixtures::app;
use cable_reader::app::effect::{Effect, Program};
use cable_reader::app::{update, Action};

const FIRST_PARAGRAPH: &str = "1. (SBU) Summary: The DBWG comes at a key moment. End Summary. \
    More text about Mexico and the DBWG.";

#[test]
fn y_copies_the_selected_paragraph_as_osc_52() {
    let mut app = app(1, 120, 40);
    let effect = update(&mut app, Action::Copy);
    assert_eq!(effect, Some(Effect::Copy(FIRST_PARAGRAPH.to_owned())));
    let message = app.message.as_ref().expect("a message");
    assert_eq!(message.text, "Copied ¶1 (99 characters) to the clipboard");
    assert!(!message.error);
    let Some(Effect::Copy(text)) = effect else {
        unreachable!()
    };
    assert_eq!(
        cable_reader::terminal::osc52(&text),
        "\x1b]52;c;MS4gKFNCVSkgU3VtbWFyeTogVGhlIERCV0cgY29tZXMgYXQgYSBrZXkgbW9tZW50LiBFbmQg\
         U3VtbWFyeS4gTW9yZSB0ZXh0IGFib3V0IE1leGljbyBhbmQgdGhlIERCV0cu\x07"
    );
}

#[test]
fn capital_y_copies_id_and_subject() {
    let mut app = app(1, 120, 40);
    let Some(Effect::Copy(text)) = update(&mut app, Action::CopyId) else {
        panic!("no copy");
    };
    assert_eq!(text, "10TEST1: Scenesetter for the DBWG");
    assert_eq!(
        cable_reader::terminal::osc52(&text),
        "\x1b]52;c;MTBURVNUMTogU2NlbmVzZXR0ZXIgZm9yIHRoZSBEQldH\x07"
    );
    assert_eq!(
        app.message.unwrap().text,
        "Copied the id and subject (33 characters) to the clipboard"
    );
}

#[test]
fn in_the_whole_cable_view_y_copies_the_cable_as_plain_text() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::ToggleWhole);
    let Some(Effect::Copy(text)) = update(&mut app, Action::Copy) else {
        panic!("no copy");
    };
    let cable = &app.entries[0].content.as_ref().unwrap().cable;
    let mut plain = Vec::new();
    cable_reader::plain::write_plain(cable, &app.settings.date_format, &mut plain).unwrap();
    assert_eq!(text, String::from_utf8(plain).unwrap());
    assert!(text.contains(FIRST_PARAGRAPH), "{text}");
    assert!(app
        .message
        .unwrap()
        .text
        .starts_with("Copied the whole cable ("));
}

#[test]
fn e_and_capital_e_ask_for_the_pager_and_the_editor_with_the_plain_text() {
    let mut app = app(1, 120, 40);
    let Some(Effect::Show { program, text }) = update(&mut app, Action::OpenPager) else {
        panic!("no pager");
    };
    assert_eq!(program, Program::Pager);
    assert!(text.contains(FIRST_PARAGRAPH));
    let Some(Effect::Show { program, .. }) = update(&mut app, Action::OpenEditor) else {
        panic!("no editor");
    };
    assert_eq!(program, Program::Editor);
    // A program that failed is said in the status line.
    update(
        &mut app,
        Action::ProgramFailed("`nope` could not run".into()),
    );
    let message = app.message.unwrap();
    assert!(message.error);
    assert_eq!(message.text, "`nope` could not run");
}

#[test]
fn m_releases_the_mouse_and_takes_it_back() {
    let mut app = app(1, 120, 40);
    assert!(app.mouse_captured);
    assert_eq!(
        update(&mut app, Action::ToggleMouse),
        Some(Effect::CaptureMouse(false))
    );
    assert!(!app.mouse_captured);
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Mouse released"));
    assert_eq!(
        update(&mut app, Action::ToggleMouse),
        Some(Effect::CaptureMouse(true))
    );
    assert!(app.mouse_captured);
}

#[test]
fn copy_keys_do_nothing_outside_the_reader_itself() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::Help);
    assert_eq!(update(&mut app, Action::Copy), None);
}

#[test]
fn a_key_bound_to_nothing_says_so() {
    let mut app = app(1, 120, 40);
    assert_eq!(update(&mut app, Action::Unbound("x".into())), None);
    assert_eq!(
        app.message.unwrap().text,
        "x does nothing here · ? lists the keys"
    );
    let mut app = app_fixtures::app(1, 120, 40);
    update(&mut app, Action::DeleteBookmark);
    assert!(app.message.is_some());
    update(&mut app, Action::Cancel);
    assert_eq!(app.message.unwrap().text, "Nothing to cancel · q quits");
}

#[test]
fn esc_after_a_search_keeps_it_for_n() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    for c in "dbwg".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    update(&mut app, Action::SearchConfirm);
    let found = app.search.matches.len();
    assert!(found > 1);
    update(&mut app, Action::Cancel);
    assert!(app.search.matches.is_empty(), "highlights gone");
    update(&mut app, Action::SearchNext);
    assert_eq!(app.search.query, "dbwg");
    assert_eq!(app.search.matches.len(), found);
    assert!(app.message.unwrap().text.starts_with("Match "));
}

#[test]
fn the_terminal_turns_unbound_keys_into_a_message() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let app = app(1, 120, 40);
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert_eq!(
        cable_reader::terminal::action_for(&app, key('x')),
        Some(Action::Unbound("x".into()))
    );
    assert_eq!(
        cable_reader::terminal::action_for(&app, key('y')),
        Some(Action::Copy)
    );
}
