//! The saved state under faults: a file with one bad entry keeps every good one (the file as
//! it was is copied aside), a save that cannot write keeps its changes for the next one, and
//! changes made while a background save runs survive it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cable_reader::config::LevelFilter;
use cable_reader::state::{Bookmark, CableKey, Position, StateWarning, Store, STATE_FILE};

fn bookmark(id: &str, paragraph: usize) -> Bookmark {
    Bookmark {
        cable: CableKey::new(Some(id), id),
        paragraph,
        number: Some(u32::try_from(paragraph + 1).unwrap()),
        marking: Some("C".to_owned()),
        first_words: format!("WORDS OF {id}"),
        path: None,
        created_at: 0,
    }
}

fn key(id: &str) -> String {
    CableKey::new(Some(id), id).to_string()
}

#[test]
fn one_bad_entry_keeps_the_good_ones_and_the_file_is_copied_aside() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(STATE_FILE);
    // Hand-written, as a user's editor or a bad disk block might leave it: one position
    // with a key that is no ID#HASH, one bookmark with a paragraph that is no number, one
    // read entry that is no key.
    let original = format!(
        r#"{{
  "version": 1,
  "positions": {{
    "{good}": {{ "paragraph": 4, "scroll": 2, "filter": {{ "levels": ["C", "S"] }}, "saved_at": 5 }},
    "NOHASH": {{ "paragraph": 1, "scroll": 0, "filter": {{ "levels": ["C", "S"] }}, "saved_at": 5 }}
  }},
  "bookmarks": [
    {{ "cable": "{a}", "paragraph": 1, "first_words": "KEPT ONE" }},
    {{ "cable": "{a}", "paragraph": "three" }},
    {{ "cable": "{b}", "paragraph": 0, "first_words": "KEPT TWO" }}
  ],
  "read": ["{a}", 17]
}}"#,
        good = key("10GOOD1"),
        a = key("10A1"),
        b = key("10B2"),
    );
    std::fs::write(&file, &original).unwrap();

    let (store, warnings) = Store::open(dir.path()).unwrap();
    let kept: Vec<(String, usize, String)> = store
        .bookmarks()
        .iter()
        .map(|b| (b.cable.id.clone(), b.paragraph, b.first_words.clone()))
        .collect();
    assert_eq!(
        kept,
        vec![
            ("10A1".to_owned(), 1, "KEPT ONE".to_owned()),
            ("10B2".to_owned(), 0, "KEPT TWO".to_owned()),
        ]
    );
    let position = store
        .position(&CableKey::new(Some("10GOOD1"), "10GOOD1"))
        .map(|p| (p.paragraph, p.scroll));
    assert_eq!(position, Some((4, 2)));
    assert!(store.is_read(&CableKey::new(Some("10A1"), "10A1")));

    let [StateWarning::PartlyRead { copy, skipped, .. }] = warnings.as_slice() else {
        panic!("one warning that says what was left out: {warnings:?}");
    };
    assert_eq!(*skipped, 3);
    // The copy holds the file as it was, bad entries included.
    assert_eq!(std::fs::read_to_string(copy).unwrap(), original);
    // The live file holds the good entries alone, and reads cleanly now.
    let (again, warnings) = Store::open(dir.path()).unwrap();
    assert_eq!(warnings, vec![]);
    assert_eq!(again.bookmarks(), store.bookmarks());
}

#[test]
fn a_save_that_cannot_write_keeps_its_changes_for_the_next() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("state");
    let (mut store, _) = Store::open(&dir).unwrap();
    store.toggle_bookmark(bookmark("10MEXICO83", 2));

    // The folder is replaced by a file: every write fails (even as root).
    let away = home.path().join("away");
    std::fs::rename(&dir, &away).unwrap();
    std::fs::write(&dir, "in the way").unwrap();
    let job = store.save_job().expect("a change to save");
    let outcome = job.run();
    assert!(outcome.error().is_some());
    assert!(store.finish_save(&outcome).is_err());
    assert!(store.is_dirty(), "the change is still to be saved");
    assert_eq!(store.bookmarks().len(), 1, "and still shown");

    std::fs::remove_file(&dir).unwrap();
    std::fs::rename(&away, &dir).unwrap();
    let outcome = store.save_job().expect("the kept change").run();
    assert_eq!(outcome.error(), None);
    store.finish_save(&outcome).unwrap();
    assert!(!store.is_dirty());
    let (reopened, _) = Store::open(&dir).unwrap();
    assert_eq!(reopened.bookmarks(), &[bookmark("10MEXICO83", 2)]);
}

#[test]
fn changes_made_while_a_save_runs_are_kept_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let cable = CableKey::new(Some("10MEXICO83"), "10MEXICO83");
    store.set_position(cable.clone(), Position::new(1, 0, LevelFilter::all()));
    let job = store.save_job().expect("a change");
    assert!(store.save_job().is_none(), "one save at a time");
    // While it runs: a new position (replacing the unsaved one) and a bookmark.
    store.set_position(cable.clone(), Position::new(5, 3, LevelFilter::all()));
    store.toggle_bookmark(bookmark("10MEXICO83", 5));
    let outcome = job.run();
    store.finish_save(&outcome).unwrap();
    assert!(store.is_dirty(), "the later changes are still to be saved");
    assert_eq!(store.position(&cable).map(|p| p.paragraph), Some(5));
    store.save().unwrap();
    let (reopened, _) = Store::open(dir.path()).unwrap();
    assert_eq!(reopened.position(&cable).map(|p| p.paragraph), Some(5));
    assert_eq!(reopened.bookmarks(), &[bookmark("10MEXICO83", 5)]);
}
