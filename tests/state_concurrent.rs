//! Two (and more) instances saving at once: every bookmark each one made survives, and a
//! deletion in one is not undone by the other.

use std::path::Path;
use std::thread;

use cable_reader::state::{Bookmark, CableKey, StateError, Store};

fn bookmark(writer: usize, paragraph: usize) -> Bookmark {
    let id = format!("10WRITER{writer}");
    Bookmark {
        cable: CableKey::new(Some(&id), &id),
        paragraph,
        number: None,
        marking: None,
        first_words: format!("WRITER {writer} PARAGRAPH {paragraph}"),
        path: None,
        created_at: 0,
    }
}

fn writer(dir: &Path, writer: usize, count: usize) -> Result<(), StateError> {
    // Each thread has its own store and its own handle on the lock file, as two processes do.
    let (mut store, _) = Store::open(dir)?;
    for paragraph in 0..count {
        store.toggle_bookmark(bookmark(writer, paragraph));
        store.save()?;
    }
    Ok(())
}

#[test]
fn concurrent_writers_lose_no_bookmark() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let writers = 4;
    let count = 40;
    thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|n| {
                let dir = dir.path();
                scope.spawn(move || writer(dir, n, count))
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(result) => result?,
                Err(_) => panic!("writer panicked"),
            }
        }
        Ok::<(), StateError>(())
    })?;
    let (store, warnings) = Store::open(dir.path())?;
    assert!(warnings.is_empty());
    assert_eq!(store.bookmarks().len(), writers * count);
    for n in 0..writers {
        for paragraph in 0..count {
            let b = bookmark(n, paragraph);
            assert!(
                store.is_bookmarked(&b.cable, b.paragraph),
                "lost {n}/{paragraph}"
            );
        }
    }
    Ok(())
}

#[test]
fn two_open_instances_merge_instead_of_overwriting() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (mut a, _) = Store::open(dir.path())?;
    let (mut b, _) = Store::open(dir.path())?;

    a.toggle_bookmark(bookmark(1, 1));
    a.toggle_bookmark(bookmark(1, 2));
    a.save()?;
    // b opened before a saved; its save must keep a's bookmarks.
    b.toggle_bookmark(bookmark(2, 1));
    b.save()?;
    assert_eq!(b.bookmarks().len(), 3, "b sees a's bookmarks after saving");

    // a deletes one of its own; b, saving later with a stale view, must not bring it back.
    assert!(a.remove_bookmark(&bookmark(1, 1).cable, 1));
    a.save()?;
    b.mark_read(CableKey::new(Some("10X"), "x"));
    b.save()?;
    let (c, _) = Store::open(dir.path())?;
    let left: Vec<String> = c
        .bookmarks()
        .iter()
        .map(|b| b.first_words.clone())
        .collect();
    assert_eq!(left, vec!["WRITER 1 PARAGRAPH 2", "WRITER 2 PARAGRAPH 1"]);
    assert_eq!(c.state().read_count(), 1);

    // reload picks up the other's changes and keeps unsaved ones.
    a.toggle_bookmark(bookmark(1, 9));
    a.reload()?;
    assert_eq!(a.bookmarks().len(), 3);
    assert!(a.is_dirty());
    assert_eq!(a.state().read_count(), 1);
    Ok(())
}
