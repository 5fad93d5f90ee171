//! The cable list's read and bookmark marks over a corpus: by id while a row's key is not
//! known, by the whole key (id and paragraph hash) once the worker's second pass gives it,
//! so another text of the same id is another cable; and in step with the saved state as
//! cables are opened, bookmarked and unbookmarked, through `update`. The truth is the
//! dump the test writes: which rows share an id and which texts differ.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use cable_reader::app::list::{CorpusList, KeysFound, RowMarks};
use cable_reader::app::loading::{Fed, Loader};
use cable_reader::app::mode::Focus;
use cable_reader::app::{update, Action, App};
use cable_reader::corpus::keys::fill_keys;
use cable_reader::corpus::open::{open, Options};
use cable_reader::corpus::sort::SortIndex;
use cable_reader::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Three rows: `09STATE1`, `09STATE2`, and `09STATE1` again with another text (a better
/// copy, say): the same id, another cable for the saved state.
fn write_dump(dir: &Path) -> PathBuf {
    let row = |n: u32, id: &str, text: &str| {
        format!(
            "\"{n}\",\"1/{n}/2009 10:00\",\"{id}\",\"Embassy Paris\",\"SECRET\",\"\",\"\",\
             \"SECRET PARIS {n}\n\nSUBJECT: ROW {n}\n\n1. (S) {text}\n\n2. (S) Second paragraph.\n\"\n"
        )
    };
    let text = [
        row(1, "09PARIS1", "The first text."),
        row(2, "09PARIS2", "Another cable."),
        row(3, "09PARIS1", "The first text, corrected."),
    ]
    .concat();
    let path = dir.join("cables.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn screen(app: &App) -> String {
    let size = app.areas.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// The list's three rows drawn: the first lines of the screen under the pane's title.
fn list_lines(app: &App) -> String {
    screen(app)
        .lines()
        .filter(|line| line.contains("09PARIS"))
        .map(|line| line.split('│').nth(1).unwrap_or(line).trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Tab through the panes to `pane`, as a user would.
fn focus(app: &mut App, pane: Focus) {
    for _ in 0..4 {
        if app.focus == pane {
            return;
        }
        update(app, Action::FocusNext);
    }
    assert_eq!(app.focus, pane);
}

fn marks(app: &App) -> Vec<RowMarks> {
    let list = app.list.as_ref().unwrap();
    (0..3)
        .map(|row| list.marks(row, app.store.state()))
        .collect()
}

const READ: RowMarks = RowMarks {
    read: true,
    bookmarked: false,
};
const UNREAD: RowMarks = RowMarks {
    read: false,
    bookmarked: false,
};

/// The reader over the dump, its worker played by the test: the rows and their end are
/// sent, the keys kept back for the test to send.
fn reader(dump: &Path) -> (App, Loader, mpsc::Sender<Fed>, Fed) {
    let mut batches = Vec::new();
    let mut opened = open(&[dump.to_owned()], &Options::default(), |batch| {
        batches.push(Fed::rows(batch))
    });
    assert_eq!(opened.corpus.len(), 3);
    let sort = SortIndex::new(&opened.corpus.summaries);
    let mut keys = Vec::new();
    let pass = fill_keys(&mut opened.corpus, &Options::default(), |found| {
        keys.extend(found.iter().copied())
    });
    assert_eq!(pass.parsed, 3);
    let (send, fed) = mpsc::channel();
    let mut loader = Loader::from_channel(fed);
    let mut app = App::new(Vec::new());
    app.list = Some(CorpusList::new(Default::default(), false));
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 24,
        },
    );
    for batch in batches {
        send.send(batch).unwrap();
    }
    send.send(Fed::Done {
        messages: Vec::new(),
        sort,
        links: None,
    })
    .unwrap();
    // The rows are listed and the first cable opens; the keys are still to come.
    loader.pump(&mut app);
    let keys = Fed::Keys(KeysFound {
        keys,
        done: Some(Vec::new()),
    });
    (app, loader, send, keys)
}

#[test]
fn marks_match_by_id_until_the_key_is_known_then_by_the_whole_key() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path());
    let (mut app, mut loader, send, keys) = reader(&dump);
    // The first row opened, so it was read; its key is known from the parse that opened it.
    assert_eq!(app.list.as_ref().unwrap().open_row, Some(0));
    assert!(app.list.as_ref().unwrap().hash(0).is_some());
    assert!(app.list.as_ref().unwrap().hash(2).is_none());
    // The third row has the first's id and no key yet: it matches by id, as read.
    assert_eq!(marks(&app), [READ, UNREAD, READ]);
    send.send(keys).unwrap();
    loader.pump(&mut app);
    assert!(app.list.as_ref().unwrap().keys_done);
    assert!(!loader.loading());
    // Its key is known now: another text, another cable, not read.
    assert_eq!(marks(&app), [READ, UNREAD, UNREAD]);
    // Open the second row from the list: the first stays read (no `N`), the third unread.
    focus(&mut app, Focus::Cables);
    update(&mut app, Action::Down);
    update(&mut app, Action::Open);
    loader.pump(&mut app);
    assert_eq!(app.list.as_ref().unwrap().open_row, Some(1));
    assert_eq!(marks(&app), [READ, READ, UNREAD]);
    insta::assert_snapshot!("marks_by_key_after_two_opened", list_lines(&app));
}

#[test]
fn bookmark_marks_follow_bookmarking_and_unbookmarking() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path());
    let (mut app, mut loader, send, keys) = reader(&dump);
    send.send(keys).unwrap();
    loader.pump(&mut app);
    let bookmarked = |app: &App| -> Vec<bool> { marks(app).iter().map(|m| m.bookmarked).collect() };
    assert_eq!(bookmarked(&app), [false, false, false]);
    // `b` on the first cable's paragraph: its row has the mark, the same id's other text not.
    focus(&mut app, Focus::Paragraphs);
    update(&mut app, Action::ToggleBookmark);
    assert_eq!(app.store.bookmarks().len(), 1);
    assert_eq!(bookmarked(&app), [true, false, false]);
    // Open the third row (same id, other text) and bookmark it too; then unbookmark the
    // first from the bookmark list.
    focus(&mut app, Focus::Cables);
    update(&mut app, Action::Last);
    update(&mut app, Action::Open);
    loader.pump(&mut app);
    assert_eq!(app.list.as_ref().unwrap().open_row, Some(2));
    update(&mut app, Action::ToggleBookmark);
    assert_eq!(bookmarked(&app), [true, false, true]);
    insta::assert_snapshot!("bookmark_marks_by_key", list_lines(&app));
    update(&mut app, Action::ToggleBookmark);
    assert_eq!(bookmarked(&app), [true, false, false]);
    update(&mut app, Action::Bookmarks);
    update(&mut app, Action::DeleteBookmark);
    assert!(app.store.bookmarks().is_empty());
    update(&mut app, Action::Cancel);
    assert_eq!(bookmarked(&app), [false, false, false]);
}

/// The reader over `paths` as the program starts it, read to the end (keys too).
fn real_reader(paths: Vec<PathBuf>) -> (App, Loader) {
    let setup = cable_reader::app::state::Setup {
        store: Some(cable_reader::state::Store::in_memory()),
        ..Default::default()
    };
    let settings = cable_reader::config::CorpusSettings::default();
    let (mut app, mut loader) =
        cable_reader::app::loading::start_reader(paths, Options::default(), setup, &settings);
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 24,
        },
    );
    loader.wait(&mut app);
    (app, loader)
}

/// Opens row `row` from the list, as a user does (the loop reads it).
fn open_row(app: &mut App, loader: &mut Loader, row: usize) {
    focus(app, Focus::Cables);
    update(app, Action::First);
    for _ in 0..row {
        update(app, Action::Down);
    }
    update(app, Action::Open);
    loader.pump(app);
    assert_eq!(app.list.as_ref().unwrap().open_row, Some(row));
}

/// The bookmark list opened and Enter on its bookmark `at`.
fn jump_to_bookmark(app: &mut App, at: usize) {
    update(app, Action::Bookmarks);
    update(app, Action::First);
    for _ in 0..at {
        update(app, Action::Down);
    }
    update(app, Action::Open);
}

#[test]
fn a_bookmark_opens_its_row_of_the_collection_through_the_loop_at_its_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path());
    let (mut app, mut loader) = real_reader(vec![dump.clone()]);
    assert!(!loader.loading());
    // The second paragraph of the third row (id 09PARIS1, the corrected text) bookmarked.
    open_row(&mut app, &mut loader, 2);
    focus(&mut app, Focus::Paragraphs);
    update(&mut app, Action::Down);
    assert_eq!(app.reader.selected_para(), Some(1));
    update(&mut app, Action::ToggleBookmark);
    let bookmark = app.store.bookmarks()[0].clone();
    assert_eq!(bookmark.path.as_deref(), Some(dump.as_path()));
    // From the first row, which has the same id but the other text.
    open_row(&mut app, &mut loader, 0);
    jump_to_bookmark(&mut app, 0);
    // Nothing is read in `update`: the row is asked of the loop, the first still open.
    let list = app.list.as_ref().unwrap();
    assert_eq!(
        list.wanted,
        Some(2),
        "the row with the whole key, not the id's first"
    );
    assert_eq!(list.open_row, Some(0));
    assert_eq!(app.mode, cable_reader::app::mode::Mode::Normal);
    loader.pump(&mut app);
    let list = app.list.as_ref().unwrap();
    assert_eq!(list.open_row, Some(2));
    assert_eq!(
        list.row_at(list.cursor).unwrap().0,
        2,
        "the list's cursor on it"
    );
    assert_eq!(app.entry().and_then(|e| e.key()), Some(&bookmark.cable));
    assert_eq!(app.reader.selected_para(), Some(1));
    assert_eq!(app.focus, Focus::Paragraphs);
    assert!(
        app.doc().unwrap().paras[1]
            .text
            .contains("Second paragraph"),
        "the bookmarked paragraph"
    );
    // Ctrl-o goes back to the place left, as after `:` go to.
    update(&mut app, Action::JumpBack);
    loader.pump(&mut app);
    assert_eq!(app.list.as_ref().unwrap().open_row, Some(0));
}

#[test]
fn a_bookmark_of_a_cable_not_in_the_collection_names_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path());
    let (mut app, mut loader) = real_reader(vec![dump.clone()]);
    open_row(&mut app, &mut loader, 1);
    focus(&mut app, Focus::Paragraphs);
    update(&mut app, Action::ToggleBookmark);
    // The same saved state, another collection: a dump without 09PARIS2.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let text = std::fs::read_to_string(&dump).unwrap();
    let without: String = text
        .split_inclusive("\"\n")
        .filter(|row| !row.contains("09PARIS2"))
        .collect();
    let other_dump = other.join("without.csv");
    std::fs::write(&other_dump, without).unwrap();
    let store = std::mem::replace(&mut app.store, cable_reader::state::Store::in_memory());
    let setup = cable_reader::app::state::Setup {
        store: Some(store),
        ..Default::default()
    };
    let settings = cable_reader::config::CorpusSettings::default();
    let (mut other_app, mut other_loader) = cable_reader::app::loading::start_reader(
        vec![other_dump],
        Options::default(),
        setup,
        &settings,
    );
    other_loader.wait(&mut other_app);
    assert_eq!(other_app.list.as_ref().unwrap().rows.len(), 2);
    jump_to_bookmark(&mut other_app, 0);
    let message = other_app.message.clone().unwrap();
    assert!(message.error);
    assert!(message.text.contains("09PARIS2"), "{}", message.text);
    assert!(
        message.text.contains("not in the cables open here"),
        "{}",
        message.text
    );
    assert!(message.text.contains("cables.csv"), "{}", message.text);
    assert_eq!(other_app.list.as_ref().unwrap().wanted, None);
}

#[test]
fn while_keys_are_found_a_bookmark_opens_by_id_and_checks_the_key_on_arrival() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path());
    let bookmark_on = |hash: u64, number: u32, words: &str| cable_reader::state::Bookmark {
        cable: cable_reader::corpus::key::CableKey {
            id: "09PARIS1".to_owned(),
            hash,
        },
        paragraph: 1,
        number: Some(number),
        marking: Some("S".to_owned()),
        first_words: words.to_owned(),
        path: Some(dump.clone()),
        created_at: 1,
    };
    // The third row's own key; a key no row has (an older copy of the same cable) on a
    // paragraph the third row has too, which the bookmark follows into it; and one on a
    // paragraph it lacks, which stays put.
    for (case, number, words, selected) in [
        ("own key", 2, "Second paragraph.", Some(1)),
        ("older copy", 2, "Second paragraph.", Some(1)),
        ("other text", 9, "A paragraph this text lacks.", Some(0)),
    ] {
        // The keys kept back: only the first row's is known (it opened).
        let (mut app, mut loader, _send, keys) = reader(&dump);
        let Fed::Keys(found) = keys else {
            panic!("keys")
        };
        let third = found.keys.iter().find(|(row, _)| *row == 2).unwrap().1;
        let hash = if case == "own key" { third } else { 7 };
        app.store.toggle_bookmark(bookmark_on(hash, number, words));
        // Found by id: the third row's key is not known yet (the first row's is, and is
        // another).
        jump_to_bookmark(&mut app, 0);
        assert_eq!(app.list.as_ref().unwrap().wanted, Some(2), "{case}");
        loader.pump(&mut app);
        assert_eq!(app.list.as_ref().unwrap().open_row, Some(2), "{case}");
        assert_eq!(app.reader.selected_para(), selected, "{case}");
        let message = app.message.clone();
        if case == "other text" {
            let message = message.unwrap();
            assert!(message.error);
            assert!(message.text.contains("another text"), "{}", message.text);
            // Its key is known now and is not the bookmark's: nothing opens, and the
            // message names the file the bookmark was made in.
            jump_to_bookmark(&mut app, 0);
            let text = app.message.clone().unwrap().text;
            assert!(text.contains("another text"), "{text}");
            assert!(text.contains("cables.csv"), "{text}");
            assert_eq!(app.list.as_ref().unwrap().wanted, None);
        } else {
            assert!(
                message.as_ref().is_none_or(|m| !m.error),
                "{case}: {message:?}"
            );
            assert_eq!(app.store.bookmarks()[0].cable.hash, third, "{case}");
        }
    }
}
