//! The reader with its saved state and config, through `update`: bookmarks, the bookmark
//! list, positions kept and restored, cables marked read, the configured filter, keys,
//! wrap width and routing lines.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use app_fixtures::{app, cable};
use cable_reader::app::keymap::{Key, Keymap};
use cable_reader::app::state::{Entry, Filter, Focus, Mode, Settings, Setup};
use cable_reader::app::{update, Action, App};
use cable_reader::cable::Level;
use cable_reader::config::LevelFilter;
use cable_reader::state::Store;

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(app, action);
    }
}

fn entries(count: usize) -> Vec<Entry> {
    (1..=count)
        .map(|n| Entry::cable(format!("test{n}.txt"), None, cable(&format!("10TEST{n}"))))
        .collect()
}

fn app_with(setup: Setup, count: usize) -> App {
    let mut app = App::with_setup(entries(count), setup);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

#[test]
fn a_bookmark_is_toggled_on_the_selected_paragraph() {
    let mut app = app(1, 120, 40);
    run(
        &mut app,
        [Action::Down, Action::Down, Action::ToggleBookmark],
    );
    let key = app.entry().and_then(Entry::key).cloned().unwrap();
    assert!(app.store.is_bookmarked(&key, 2));
    let bookmark = app.store.bookmarks().first().unwrap();
    assert_eq!(bookmark.cable.id, "10TEST1");
    assert_eq!(bookmark.number, Some(3));
    assert_eq!(bookmark.marking.as_deref(), Some("C"));
    assert_eq!(
        bookmark.first_words,
        "Calderon has aggressively attacked the cartels."
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Bookmarked ¶3 · B lists bookmarks")
    );
    update(&mut app, Action::ToggleBookmark);
    assert!(!app.store.is_bookmarked(&key, 2));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Bookmark on ¶3 removed")
    );
}

#[test]
fn the_bookmark_list_opens_jumps_and_deletes() {
    let mut app = app(2, 120, 40);
    // A bookmark on cable 1, paragraph 4; then one on cable 2, paragraph 2.
    app.focus = Focus::Paragraphs;
    run(
        &mut app,
        [
            Action::Down,
            Action::Down,
            Action::Down,
            Action::ToggleBookmark,
        ],
    );
    run(
        &mut app,
        [Action::NextCable, Action::Down, Action::ToggleBookmark],
    );
    assert_eq!(app.store.bookmarks().len(), 2);

    update(&mut app, Action::Bookmarks);
    assert_eq!(app.mode, Mode::Bookmarks);
    // The list starts at the open cable's bookmark.
    let at = app.store.bookmarks().get(app.bookmark_cursor).unwrap();
    assert_eq!(at.cable.id, "10TEST2");
    // Keys of the list: `j` moves, Enter jumps to cable 1, paragraph 4.
    run(&mut app, [Action::First, Action::Open]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current, 0);
    assert_eq!(app.reader.selected_para(), Some(3));

    // `d` in the list deletes the bookmark under the cursor; Esc closes the list.
    run(
        &mut app,
        [Action::Bookmarks, Action::First, Action::DeleteBookmark],
    );
    assert_eq!(app.store.bookmarks().len(), 1);
    assert_eq!(app.store.bookmarks().first().unwrap().cable.id, "10TEST2");
    update(&mut app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    // Outside the list `d` deletes nothing.
    update(&mut app, Action::DeleteBookmark);
    assert_eq!(app.store.bookmarks().len(), 1);
}

#[test]
fn jumping_to_a_paragraph_the_filter_hides_shows_everything() {
    let mut app = app(1, 120, 40);
    run(
        &mut app,
        [
            Action::Down,
            Action::Down,
            Action::Down,
            Action::ToggleBookmark,
        ],
    );
    // Hide S: the bookmarked ¶4 (S//NF) is no longer shown.
    update(&mut app, Action::ToggleLevel(Level::Secret));
    assert_ne!(app.reader.selected_para(), Some(3));
    run(&mut app, [Action::Bookmarks, Action::Open]);
    assert!(app.filter.is_all());
    assert_eq!(app.reader.selected_para(), Some(3));
}

#[test]
fn each_cable_gets_back_its_place_and_filter() {
    let mut app = app(2, 120, 40);
    run(
        &mut app,
        [
            Action::Down,
            Action::Down,
            Action::ToggleLevel(Level::Unclassified),
        ],
    );
    let left_at = app.reader.selected_para();
    update(&mut app, Action::NextCable);
    assert_eq!(
        app.reader.selected_para(),
        Some(0),
        "a new cable opens at its top"
    );
    assert!(app.filter.is_all(), "and with the default filter");
    update(&mut app, Action::PrevCable);
    assert_eq!(app.reader.selected_para(), left_at);
    assert!(!app.filter.shows(Some(Level::Unclassified)));
    assert!(app.filter.shows(Some(Level::Secret)));
}

#[test]
fn a_reopened_reader_restores_the_position_from_the_store() {
    let mut first = app(1, 120, 40);
    run(
        &mut first,
        [Action::Down, Action::Down, Action::Down, Action::Quit],
    );
    assert!(first.quit);
    let key = first.entry().and_then(Entry::key).cloned().unwrap();
    let position = first.store.position(&key).cloned().unwrap();
    assert_eq!(position.paragraph, 3);

    // A second run with a store that holds that position.
    let mut store = Store::in_memory();
    store.set_position(key, position);
    let second = app_with(
        Setup {
            store: Some(store),
            ..Setup::default()
        },
        1,
    );
    assert_eq!(second.reader.selected_para(), Some(3));
}

#[test]
fn opened_cables_are_marked_read() {
    let mut app = app(3, 120, 40);
    let key = |app: &App, index: usize| app.entries[index].key().cloned().unwrap();
    assert!(app.store.is_read(&key(&app, 0)));
    assert!(!app.store.is_read(&key(&app, 1)));
    update(&mut app, Action::NextCable);
    assert!(app.store.is_read(&key(&app, 1)));
    assert!(!app.store.is_read(&key(&app, 2)));
}

#[test]
fn the_configured_filter_applies_to_cables_without_a_saved_one() {
    let filter: Filter = (&LevelFilter::at_least(Level::Confidential, false)).into();
    let app = app_with(
        Setup {
            filter,
            ..Setup::default()
        },
        1,
    );
    // ¶3 (C) is the first paragraph shown at C and up.
    assert_eq!(app.reader.selected_para(), Some(2));
    assert!(!app.filter.shows(None));
    assert_eq!(
        app.filter.to_level_filter(),
        LevelFilter::at_least(Level::Confidential, false)
    );
}

#[test]
fn remapped_keys_drive_the_reader() {
    let mut keymap = Keymap::default();
    keymap.set_keys("quit", &[Key::char('x')]);
    let app = app_with(
        Setup {
            keymap,
            ..Setup::default()
        },
        1,
    );
    assert_eq!(
        app.keymap
            .action(Mode::Normal, Focus::Paragraphs, Key::char('x')),
        Some(Action::Quit)
    );
    assert_eq!(
        app.keymap
            .action(Mode::Normal, Focus::Paragraphs, Key::char('q')),
        None
    );
}

#[test]
fn wrap_width_narrows_the_text() {
    let app = app_with(
        Setup {
            settings: Settings {
                wrap_width: 30,
                ..Settings::default()
            },
            ..Setup::default()
        },
        1,
    );
    assert_eq!(app.reader.wrapped.width, 30);
    assert!(usize::from(app.areas.text_inner().width) > 30);
}

#[test]
fn routing_lines_show_only_when_asked() {
    let mut with_routing = cable("10TEST1");
    with_routing.routing.from = Some(cable_reader::cable::Addressee {
        routing_indicator: None,
        name: "AMEMBASSY MEXICO".into(),
        precedence: None,
        serial: None,
    });
    let build = |show_routing: bool| {
        let mut app = App::with_setup(
            vec![Entry::cable("x.txt".into(), None, with_routing.clone())],
            Setup {
                settings: Settings {
                    show_routing,
                    ..Settings::default()
                },
                ..Setup::default()
            },
        );
        update(
            &mut app,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        app
    };
    let hidden = build(false);
    let shown = build(true);
    assert_eq!(
        shown.doc().unwrap().header.routing,
        vec!["FM AMEMBASSY MEXICO".to_owned()]
    );
    assert_eq!(shown.areas.header.height, hidden.areas.header.height + 1);
}

#[test]
fn the_help_lists_remapped_keys() {
    let mut keymap = Keymap::default();
    keymap.set_keys("quit", &[Key::char('x'), Key::ctrl('q')]);
    let quit = keymap
        .bindings
        .iter()
        .find(|binding| binding.action == Action::Quit)
        .unwrap();
    assert_eq!(Keymap::keys_label(quit), "x Ctrl-q");
    assert!(quit.remapped);
    assert!(keymap.hints().contains(&("x".to_owned(), "quit")));
}
