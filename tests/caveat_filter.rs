//! The caveat toggles (keys 6, 7, 8: NOFORN, REL TO, FOUO/SBU) are kept in a cable's saved
//! position and can be the config's default: the state file round trip (and a file written
//! before caveats were saved), the config's `[filter] caveats` and its errors, and the reader
//! opening a cable with them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use std::fs;
use std::path::Path;

use cable_reader::app::state::{Entry, Filter, HandlingCaveat, Setup};
use cable_reader::app::{update, Action, App};
use cable_reader::config::{parse_config, CaveatFilter, LevelFilter};
use cable_reader::state::{CableKey, Position, Store, STATE_FILE};

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

const TEXT: &str = "the unwrapped text of 10MEXICO83";

#[test]
fn caveats_round_trip_through_the_state_file() -> Result {
    let dir = tempfile::tempdir()?;
    let key = CableKey::new(Some("10MEXICO83"), TEXT);
    let (mut store, _) = Store::open(dir.path())?;
    let mut position = Position::new(1, 7, LevelFilter::all());
    position.caveats = CaveatFilter {
        shown: [false, true, false],
    };
    store.set_position(key.clone(), position.clone());
    store.save()?;
    let text = fs::read_to_string(dir.path().join(STATE_FILE))?;
    assert!(
        text.contains("\"caveats\": [\n        \"REL TO\"\n      ]"),
        "{text}"
    );
    let (reopened, warnings) = Store::open(dir.path())?;
    assert!(warnings.is_empty());
    assert_eq!(reopened.position(&key), Some(&position));
    Ok(())
}

#[test]
fn a_state_file_written_before_caveats_were_saved_still_loads() -> Result {
    let dir = tempfile::tempdir()?;
    let key = CableKey::new(Some("10MEXICO83"), TEXT);
    // The form `the_file_by_eye` in state_roundtrip.rs pins, without `caveats`.
    let old = format!(
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
  }}
}}"#
    );
    fs::write(dir.path().join(STATE_FILE), old)?;
    let (store, warnings) = Store::open(dir.path())?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let position = store.position(&key).expect("the old position is kept");
    assert_eq!((position.paragraph, position.scroll), (1, 7));
    assert_eq!(position.caveats, CaveatFilter::default());
    // Saved again with every caveat shown, the file does not name them.
    let (mut store, _) = Store::open(dir.path())?;
    store.set_position(key, Position::new(0, 0, LevelFilter::all()));
    store.save()?;
    let text = fs::read_to_string(dir.path().join(STATE_FILE))?;
    assert!(!text.contains("caveats"), "{text}");
    Ok(())
}

const PATH: &str = "/home/u/.config/cable-reader/config.toml";

#[test]
fn the_config_sets_the_caveats_a_cable_opens_with() {
    let config = parse_config(
        "[filter]\ncaveats = [\"REL TO\", \"fouo\"]\n",
        Path::new(PATH),
        &[],
    )
    .unwrap();
    assert_eq!(
        config.caveats,
        CaveatFilter {
            shown: [false, true, true]
        }
    );
    let none = parse_config("", Path::new(PATH), &[]).unwrap();
    assert_eq!(none.caveats, CaveatFilter::default());
}

#[test]
fn an_unknown_caveat_in_the_config_is_reported_at_its_place() {
    let error = parse_config(
        "theme = \"dark\"\n[filter]\ncaveats = [\"NOFORN\", \"ORCON\"]\n",
        Path::new(PATH),
        &[],
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{PATH}:3:22: unknown caveat `ORCON`, expected one of \"NOFORN\", \"REL TO\", \"FOUO/SBU\"
  |
3 | caveats = [\"NOFORN\", \"ORCON\"]
  |                      ^"
        )
    );
}

fn two_cables(setup: Setup) -> App {
    let entries = (1..=2)
        .map(|n| {
            Entry::cable(
                format!("test{n}.txt"),
                None,
                app_fixtures::cable(&format!("10TEST{n}")),
            )
        })
        .collect();
    let mut app = App::with_setup(entries, setup);
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
fn a_cable_opens_again_with_the_caveats_it_was_left_with() {
    let mut app = two_cables(Setup {
        store: Some(Store::in_memory()),
        ..Setup::default()
    });
    update(&mut app, Action::ToggleCaveat(HandlingCaveat::Noforn));
    assert!(!app.filter.shows_caveat(HandlingCaveat::Noforn));
    update(&mut app, Action::NextCable);
    assert!(app.filter.shows_caveat(HandlingCaveat::Noforn));
    update(&mut app, Action::PrevCable);
    assert!(!app.filter.shows_caveat(HandlingCaveat::Noforn));
    assert!(app.filter.shows_caveat(HandlingCaveat::Releasable));
}

#[test]
fn the_configured_caveats_are_the_default_filter() {
    let filter = Filter::with_caveats(
        &LevelFilter::all(),
        CaveatFilter {
            shown: [true, false, true],
        },
    );
    let app = two_cables(Setup {
        filter,
        store: Some(Store::in_memory()),
        ..Setup::default()
    });
    assert!(!app.filter.shows_caveat(HandlingCaveat::Releasable));
    assert!(app.filter.shows_caveat(HandlingCaveat::Noforn));
}
