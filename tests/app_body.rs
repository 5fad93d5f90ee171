//! The reader side of the body, through `update`: headings kept by the filter, hidden
//! paragraphs said where they were, caveat filters, marking warnings, search in the header,
//! saved marks moved onto re-split paragraphs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use cable_reader::app::state::Row;
use cable_reader::app::{update, Action, App};
use cable_reader::cable::Level;

/// 10MEXICO83 (the seed), at 120x40.
fn seed() -> App {
    let mut app = app_fixtures::read(&[app_fixtures::seed_path()]);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

/// The headings of the paragraph list, in order.
fn list_headings(app: &App) -> Vec<String> {
    let doc = app.doc().unwrap();
    app.reader
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Heading(para) => doc.paras[*para].heading.clone(),
            Row::Para(_) => None,
        })
        .collect()
}

#[test]
fn hiding_a_paragraph_keeps_the_heading_of_its_section() {
    let mut app = seed();
    let all = list_headings(&app);
    assert_eq!(
        all,
        [
            "Political and Economic Context",
            "Security Challenges",
            "Change on the Horizon",
            "Military Modernization Key"
        ]
    );
    // `2` hides SBU: ¶3 and ¶12 open their sections, the C paragraphs after them stay.
    update(
        &mut app,
        Action::ToggleLevel(Level::SensitiveButUnclassified),
    );
    assert_eq!(
        list_headings(&app),
        [
            "Security Challenges",
            "Change on the Horizon",
            "Military Modernization Key"
        ]
    );
    // The heading stands right above ¶13, the first shown paragraph of its section.
    let doc = app.doc().unwrap();
    let at = app
        .reader
        .rows
        .iter()
        .position(|row| matches!(row, Row::Heading(p) if doc.paras[*p].number == Some(12)))
        .unwrap();
    let Row::Para(shown) = app.reader.rows[at + 1] else {
        panic!("a paragraph under the heading");
    };
    assert_eq!(doc.paras[app.reader.visible[shown]].number, Some(13));
}

#[test]
fn caveat_toggles_hide_paragraphs_by_their_marking() {
    use cable_reader::app::state::HandlingCaveat;
    // 07KAMPALA1848: seven S/NF paragraphs.
    let path = app_fixtures::corpus().join("wikileaks-html/07KAMPALA1848.html");
    let mut app = app_fixtures::read(&[path]);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(app.doc().unwrap().caveat_counts, [7, 0, 0]);
    assert_eq!(app.reader.visible.len(), 7);
    update(&mut app, Action::ToggleCaveat(HandlingCaveat::Noforn));
    assert!(app.reader.visible.is_empty());
    assert_eq!(app.filter.describe(), "−NF");
    // REL TO hides nothing here; NOFORN back shows all again.
    update(&mut app, Action::ToggleCaveat(HandlingCaveat::Releasable));
    update(&mut app, Action::ToggleCaveat(HandlingCaveat::Noforn));
    assert_eq!(app.reader.visible.len(), 7);
    update(&mut app, Action::ShowAll);
    assert!(app.filter.is_all());
    // 10MEXICO83: the six SBU paragraphs are the controlled ones; `8` hides them as `2` does.
    let mut seed = seed();
    assert_eq!(seed.doc().unwrap().caveat_counts, [0, 0, 6]);
    update(&mut seed, Action::ToggleCaveat(HandlingCaveat::Controlled));
    assert_eq!(seed.reader.visible.len(), 11);
}

#[test]
fn keys_6_7_8_are_bound_and_described() {
    use cable_reader::app::state::HandlingCaveat;
    let app = seed();
    for (name, caveat) in [
        ("toggle_noforn", HandlingCaveat::Noforn),
        ("toggle_rel", HandlingCaveat::Releasable),
        ("toggle_fouo", HandlingCaveat::Controlled),
    ] {
        let binding = app
            .keymap
            .bindings
            .iter()
            .find(|binding| binding.name == name)
            .unwrap();
        assert_eq!(binding.action, Action::ToggleCaveat(caveat));
        assert!(!binding.description.is_empty());
    }
}

fn search(app: &mut App, query: &str) {
    update(app, Action::SearchStart);
    for c in query.chars() {
        update(app, Action::SearchInput(c));
    }
    update(app, Action::SearchConfirm);
}

#[test]
fn search_finds_the_header_and_counts_what_the_filter_hides() {
    use cable_reader::app::state::HeaderPart;
    let mut app = seed();
    // "Scenesetter" stands only in the subject.
    search(&mut app, "scenesetter");
    assert!(app.search.matches.is_empty());
    assert_eq!(app.search.header.len(), 1);
    assert_eq!(app.search.header[0].0, HeaderPart::Subject);
    let subject = app.doc().unwrap().header.subject.clone().unwrap();
    assert_eq!(&subject[app.search.header[0].1.clone()], "Scenesetter");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Not in the shown paragraphs: 1 in the header (subject)"
    );
    // "DBWG": in the subject and in paragraphs; hide SBU and some go out of reach.
    search(&mut app, "dbwg");
    let all = app.search.matches.len();
    assert!(all > 0);
    assert_eq!(app.search.hidden, 0);
    update(
        &mut app,
        Action::ToggleLevel(Level::SensitiveButUnclassified),
    );
    let doc = app.doc().unwrap();
    let in_sbu: usize = doc
        .paras
        .iter()
        .filter(|p| p.level == Some(Level::SensitiveButUnclassified))
        .map(|p| {
            cable_reader::app::update::find_folded(&p.text, "dbwg").len()
                + p.heading.as_deref().map_or(0, |h| {
                    cable_reader::app::update::find_folded(h, "dbwg").len()
                })
        })
        .sum();
    assert!(in_sbu > 0);
    assert_eq!(app.search.hidden, in_sbu);
    assert_eq!(app.search.matches.len() + in_sbu, all);
    update(&mut app, Action::SearchNext);
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .ends_with("in hidden paragraphs"));
}

/// The state file a reader wrote for 10ROME1 under the old grammar: its two paragraphs then
/// (¶1 and ¶3, the others swallowed, markings `C)` left in the text) keyed by the hash of
/// their old text (FNV-1a of each text and a blank line, from that version's `parse --json`).
const OLD_SPLIT_STATE: &str = r#"{
  "version": 1,
  "positions": {
    "10ROME1#b650a4e7b4be44c5": {
      "paragraph": 1,
      "scroll": 12,
      "filter": {
        "levels": ["U", "SBU", "C", "S", "TS"],
        "unmarked": true
      },
      "saved_at": 1700000000
    }
  },
  "bookmarks": [
    {
      "cable": "10ROME1#b650a4e7b4be44c5",
      "paragraph": 0,
      "number": 1,
      "marking": null,
      "first_words": "C) Summary: The Ambassador visited recuperating Prime Minister Silvio Berlusconi…",
      "created_at": 1700000000
    },
    {
      "cable": "10ROME1#b650a4e7b4be44c5",
      "paragraph": 1,
      "number": 3,
      "marking": null,
      "first_words": "C) Berlusconi was still bandaged and scarred from the assault…",
      "created_at": 1700000000
    }
  ],
  "read": []
}"#;

#[test]
fn bookmarks_saved_under_the_old_split_follow_their_paragraphs() {
    use cable_reader::app::state::Setup;
    use cable_reader::state::Store;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), OLD_SPLIT_STATE).unwrap();
    let (store, warnings) = Store::open(dir.path()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let path = app_fixtures::corpus().join("wikileaks-html/10ROME1.html");
    let setup = Setup {
        store: Some(store),
        ..Setup::default()
    };
    let mut app = app_fixtures::read_with(&[path], setup);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let key = app.entry().and_then(|e| e.key()).cloned().unwrap();
    assert_ne!(
        format!("{key}"),
        "10ROME1#b650a4e7b4be44c5",
        "the split changed the key"
    );
    let doc = app.doc().unwrap();
    // Now 13 paragraphs: ¶3 is the third.
    assert_eq!(doc.paras.len(), 13);
    let marked: Vec<(usize, Option<u32>)> = app
        .store
        .bookmarks()
        .iter()
        .map(|b| {
            assert_eq!(b.cable, key);
            (b.paragraph, doc.paras[b.paragraph].number)
        })
        .collect();
    assert_eq!(marked, vec![(0, Some(1)), (2, Some(3))]);
    assert!(doc.paras[2]
        .text
        .starts_with("Berlusconi was still bandaged"));
    // The old position knew only an index, which now points elsewhere: the cable opens at
    // its start rather than on another paragraph.
    assert_eq!(app.reader.selected_para(), Some(0));
    // The reader now remembers its place after every action, so a position under the new
    // key may exist: it is the one just taken (the first paragraph), not the old index.
    assert!(app
        .store
        .position(&key)
        .is_none_or(|position| position.paragraph == 0));
    // Saved and read again, the moved bookmarks stay.
    app.store.save().unwrap();
    let (again, _) = Store::open(dir.path()).unwrap();
    let saved: Vec<usize> = again
        .bookmarks()
        .iter()
        .filter(|b| b.cable == key)
        .map(|b| b.paragraph)
        .collect();
    assert_eq!(saved, vec![0, 2]);
}
