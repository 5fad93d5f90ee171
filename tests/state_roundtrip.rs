//! Saved state: where it lives, a round trip through the file, a corrupted file moved aside,
//! a file from a newer version left alone.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use cable_reader::cable::{Cable, Level, Paragraph};
use cable_reader::config::{Environment, LevelFilter, PlatformDirs};
use cable_reader::state::{
    state_dir, Bookmark, CableKey, Position, StateError, StateWarning, Store, STATE_FILE,
};

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

fn paragraph(
    number: u32,
    marking: &'static str,
    level: Level,
    text: &'static str,
) -> Paragraph<'static> {
    Paragraph {
        number: Some(number),
        marking: Some(Cow::Borrowed(marking)),
        level: Some(level),
        text: Cow::Borrowed(text),
        heading: None,
        spans: Vec::new(),
        span: 0..0,
    }
}

fn cable() -> Cable<'static> {
    Cable {
        id: Some("10MEXICO83".to_owned()),
        paragraphs: vec![
            paragraph(
                1,
                "SBU",
                Level::SensitiveButUnclassified,
                "SUMMARY. THE GOVERNMENT OF MEXICO HAS MADE PROGRESS ON ITS SECURITY STRATEGY",
            ),
            paragraph(
                2,
                "S//NF",
                Level::Secret,
                "THE AMBASSADOR MET\nTHE MINISTER.",
            ),
        ],
        ..Cable::default()
    }
}

const TEXT: &str = "the unwrapped text of 10MEXICO83";

fn open(dir: &Path) -> std::result::Result<(Store, Vec<StateWarning>), StateError> {
    Store::open(dir)
}

#[test]
fn state_dir_prefers_xdg_state_then_xdg_data_then_platform() -> std::result::Result<(), StateError>
{
    let platform = PlatformDirs {
        config_dir: None,
        state_dir: Some(PathBuf::from("/p/state/cable-reader")),
        data_dir: Some(PathBuf::from("/p/data/cable-reader")),
    };
    let all = Environment::empty()
        .with_var("XDG_STATE_HOME", "/xs")
        .with_var("XDG_DATA_HOME", "/xd")
        .with_platform_dirs(platform.clone());
    assert_eq!(state_dir(&all)?, PathBuf::from("/xs/cable-reader"));
    let data = Environment::empty()
        .with_var("XDG_DATA_HOME", "/xd")
        .with_platform_dirs(platform.clone());
    assert_eq!(state_dir(&data)?, PathBuf::from("/xd/cable-reader"));
    let none = Environment::empty().with_platform_dirs(platform.clone());
    assert_eq!(state_dir(&none)?, PathBuf::from("/p/state/cable-reader"));
    let mac = Environment::empty().with_platform_dirs(PlatformDirs {
        state_dir: None,
        ..platform
    });
    assert_eq!(state_dir(&mac)?, PathBuf::from("/p/data/cable-reader"));
    assert!(matches!(
        state_dir(&Environment::empty()),
        Err(StateError::NoStateDir)
    ));
    // The config variable never moves the state.
    let config_only = Environment::empty().with_var("XDG_CONFIG_HOME", "/xc");
    assert!(state_dir(&config_only).is_err());
    Ok(())
}

#[test]
fn round_trip() -> Result {
    let home = tempfile::tempdir()?;
    let env = Environment::empty().with_var("XDG_STATE_HOME", home.path());
    let cable = cable();
    let key = CableKey::of(&cable, TEXT);
    let filter = LevelFilter::at_least(Level::Confidential, false);

    let (mut store, warnings) = Store::open_default(&env)?;
    assert!(warnings.is_empty());
    assert_eq!(
        store.path(),
        Some(home.path().join("cable-reader").join(STATE_FILE))
    );
    store.set_position(key.clone(), Position::new(1, 7, filter));
    let first = Bookmark::on(&cable, TEXT, 0, Some(Path::new("/cables/10MEXICO83.txt")));
    let second = Bookmark::on(&cable, TEXT, 1, None);
    let (Some(first), Some(second)) = (first, second) else {
        panic!("paragraphs 0 and 1 exist");
    };
    assert!(Bookmark::on(&cable, TEXT, 2, None).is_none());
    assert!(store.toggle_bookmark(second.clone()));
    assert!(store.toggle_bookmark(first.clone()));
    store.mark_read(key.clone());
    assert!(store.is_dirty());
    assert!(store.save()?.is_empty());
    assert!(!store.is_dirty());

    let (reopened, warnings) = Store::open_default(&env)?;
    assert!(warnings.is_empty());
    assert_eq!(reopened.state(), store.state());
    let position = reopened.position(&key).cloned();
    assert_eq!(
        position.map(|p| (p.paragraph, p.scroll, p.filter)),
        Some((1, 7, filter))
    );
    assert!(reopened.is_read(&key));
    assert!(reopened.state().is_id_read("10MEXICO83"));
    let listed: Vec<(Option<u32>, Option<&str>, &str)> = reopened
        .bookmarks()
        .iter()
        .map(|b| (b.number, b.marking.as_deref(), b.first_words.as_str()))
        .collect();
    assert_eq!(
        listed,
        vec![
            (
                Some(1),
                Some("SBU"),
                "SUMMARY. THE GOVERNMENT OF MEXICO HAS MADE PROGRESS ON ITS…"
            ),
            (Some(2), Some("S//NF"), "THE AMBASSADOR MET THE MINISTER."),
        ]
    );
    assert_eq!(
        reopened.bookmarks().first().and_then(|b| b.path.clone()),
        Some(PathBuf::from("/cables/10MEXICO83.txt"))
    );

    // Toggle off and delete, save, reopen: gone.
    let (mut store, _) = Store::open_default(&env)?;
    assert!(!store.toggle_bookmark(first));
    assert!(store.remove_bookmark(&second.cable, second.paragraph));
    assert!(!store.remove_bookmark(&second.cable, second.paragraph));
    store.mark_unread(&key);
    store.save()?;
    let (reopened, _) = Store::open_default(&env)?;
    assert!(reopened.bookmarks().is_empty());
    assert!(!reopened.is_read(&key));
    assert!(reopened.position(&key).is_some());
    Ok(())
}

#[test]
fn a_changed_text_does_not_get_the_old_position() -> Result {
    let dir = tempfile::tempdir()?;
    let cable = cable();
    let (mut store, _) = open(dir.path())?;
    store.set_position(
        CableKey::of(&cable, TEXT),
        Position::new(1, 3, LevelFilter::all()),
    );
    store.save()?;
    let (store, _) = open(dir.path())?;
    assert!(store
        .position(&CableKey::of(&cable, "a better copy"))
        .is_none());
    Ok(())
}

#[test]
fn the_file_by_eye() -> Result {
    let dir = tempfile::tempdir()?;
    let (mut store, _) = open(dir.path())?;
    let key = CableKey::new(Some("10MEXICO83"), TEXT);
    let mut position = Position::new(1, 7, LevelFilter::only(&[Level::Secret], true));
    position.saved_at = 1_700_000_000;
    store.set_position(key.clone(), position);
    store.toggle_bookmark(Bookmark {
        cable: key.clone(),
        paragraph: 1,
        number: Some(2),
        marking: Some("S//NF".to_owned()),
        first_words: "THE AMBASSADOR MET".to_owned(),
        path: None,
        created_at: 1_700_000_001,
    });
    store.mark_read(key.clone());
    store.save()?;
    let text = fs::read_to_string(dir.path().join(STATE_FILE))?;
    let expected = format!(
        r#"{{
  "version": 1,
  "positions": {{
    "{key}": {{
      "paragraph": 1,
      "scroll": 7,
      "filter": {{
        "levels": [
          "S"
        ],
        "unmarked": true
      }},
      "saved_at": 1700000000
    }}
  }},
  "bookmarks": [
    {{
      "cable": "{key}",
      "paragraph": 1,
      "number": 2,
      "marking": "S//NF",
      "first_words": "THE AMBASSADOR MET",
      "path": null,
      "created_at": 1700000001
    }}
  ],
  "read": [
    "{key}"
  ]
}}"#
    );
    assert_eq!(text, expected);
    assert!(key.to_string().starts_with("10MEXICO83#"));
    Ok(())
}

#[test]
fn a_corrupted_file_is_moved_aside_and_the_store_starts_clean() -> Result {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(STATE_FILE);
    fs::write(&path, "{\"version\": 1, \"bookmarks\": [tru")?;
    let (mut store, warnings) = open(dir.path())?;
    assert!(store.bookmarks().is_empty());
    let [StateWarning::MovedAside {
        path: from,
        moved_to,
        reason,
    }] = warnings.as_slice()
    else {
        panic!("expected one MovedAside warning, got {warnings:?}");
    };
    assert_eq!(from, &path);
    let moved_name = moved_to
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    assert!(
        moved_name.starts_with("state.json.corrupt-"),
        "{moved_name}"
    );
    assert_eq!(
        fs::read_to_string(moved_to)?,
        "{\"version\": 1, \"bookmarks\": [tru"
    );
    assert!(!path.exists());
    assert!(reason.contains("line 1"), "{reason}");
    let message = warnings
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        message.contains("moved it to") && message.contains("started clean"),
        "{message}"
    );

    // The next save writes a good file; the moved one stays for the user.
    store.mark_read(CableKey::new(Some("X"), "x"));
    assert!(store.save()?.is_empty());
    let (store, warnings) = open(dir.path())?;
    assert!(warnings.is_empty());
    assert_eq!(store.state().read_count(), 1);
    assert!(moved_to.exists());

    // Valid JSON of the wrong shape is corrupted too; a second one gets its own name.
    fs::write(&path, "[1, 2, 3]")?;
    let (_, warnings) = open(dir.path())?;
    assert!(matches!(
        warnings.as_slice(),
        [StateWarning::MovedAside { .. }]
    ));
    let aside = fs::read_dir(dir.path())?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .count();
    assert_eq!(aside, 2);
    Ok(())
}

#[test]
fn a_file_from_a_newer_version_is_never_overwritten() -> Result {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(STATE_FILE);
    let newer = "{\"version\": 99, \"something\": \"new\"}";
    fs::write(&path, newer)?;
    let (mut store, warnings) = open(dir.path())?;
    assert!(matches!(
        warnings.as_slice(),
        [StateWarning::NewerVersion { version: 99, .. }]
    ));
    assert!(store.is_read_only());
    store.mark_read(CableKey::new(Some("X"), "x"));
    store.save()?;
    assert_eq!(fs::read_to_string(&path)?, newer);
    Ok(())
}

#[test]
fn in_memory_store_never_touches_disk() {
    let mut store = Store::in_memory();
    let key = CableKey::new(None, "text");
    store.mark_read(key.clone());
    assert!(store.is_read(&key));
    assert!(matches!(store.save(), Ok(warnings) if warnings.is_empty()));
    assert_eq!(store.path(), None);
}
