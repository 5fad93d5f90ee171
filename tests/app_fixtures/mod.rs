//! Cables for the app's tests: a hand-built one whose every part is known, and the seed
//! cable and other corpus files read from the shared corpus at test time.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;
use std::path::PathBuf;

use cable_reader::app::state::Entry;
use cable_reader::app::{update, Action, App};
use cable_reader::cable::{
    Cable, CableDate, Caveat, Classification, DateTime, Level, MarkedSpan, Paragraph, SpanKind,
};

fn para(
    number: Option<u32>,
    marking: Option<&'static str>,
    level: Option<Level>,
    text: String,
) -> Paragraph<'static> {
    Paragraph {
        number,
        marking: marking.map(Cow::Borrowed),
        level,
        text: Cow::Owned(text),
        heading: None,
        spans: Vec::new(),
        span: 0..0,
    }
}

/// Eight paragraphs: SBU, SBU, C (under a heading), S//NF, unmarked, a long C, U, TS.
/// "DBWG" occurs in paragraphs 0, 1, 4 (lower case) and 7; a summary in 0, a comment in 3.
pub fn cable(id: &str) -> Cable<'static> {
    let summary = "Summary: The DBWG comes at a key moment. End Summary.";
    let mut first = para(
        Some(1),
        Some("SBU"),
        Some(Level::SensitiveButUnclassified),
        format!("{summary} More text about Mexico and the DBWG."),
    );
    first.spans.push(MarkedSpan {
        kind: SpanKind::Summary,
        range: 0..summary.len(),
        closed: true,
    });
    let mut third = para(
        Some(3),
        Some("C"),
        Some(Level::Confidential),
        "Calderon has aggressively attacked the cartels.".to_owned(),
    );
    third.heading = Some(Cow::Borrowed("Security Challenges"));
    let comment = "Comment: this matters. End Comment.";
    let fourth_text = format!("The failure to reduce violence. {comment}");
    let mut fourth = para(
        Some(4),
        Some("S//NF"),
        Some(Level::Secret),
        fourth_text.clone(),
    );
    fourth.spans.push(MarkedSpan {
        kind: SpanKind::Comment,
        range: fourth_text.len() - comment.len()..fourth_text.len(),
        closed: true,
    });
    let long = (1..=60)
        .map(|n| format!("word{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    Cable {
        id: Some(id.to_owned()),
        date: Some(CableDate::Minute(DateTime {
            year: 2010,
            month: 1,
            day: 29,
            hour: 20,
            minute: 49,
        })),
        origin: Some(Cow::Borrowed("Embassy Mexico")),
        classification: Classification {
            level: Some(Level::TopSecret),
            caveats: vec![Caveat::Noforn],
        },
        subject: Some(Cow::Borrowed("Scenesetter for the DBWG")),
        tags: vec![Cow::Borrowed("PGOV"), Cow::Borrowed("MX")],
        sections: 2,
        paragraphs: vec![
            first,
            para(
                Some(2),
                Some("SBU"),
                Some(Level::SensitiveButUnclassified),
                "The DBWG is an important component of our strategy.".to_owned(),
            ),
            third,
            fourth,
            para(None, None, None, "Unnumbered note about dbwg.".to_owned()),
            para(Some(5), Some("C"), Some(Level::Confidential), long),
            para(
                Some(6),
                Some("U"),
                Some(Level::Unclassified),
                "Unclassified closing paragraph.".to_owned(),
            ),
            para(
                Some(7),
                Some("TS"),
                Some(Level::TopSecret),
                "Top secret item with DBWG.".to_owned(),
            ),
        ],
        signature: Some(Cow::Borrowed("FEELEY")),
        ..Cable::default()
    }
}

/// A reader over `count` hand-built cables (ids `10TEST1` ...), sized `width`×`height`.
pub fn app(count: usize, width: u16, height: u16) -> App {
    let entries = (1..=count)
        .map(|n| Entry::cable(format!("test{n}.txt"), None, cable(&format!("10TEST{n}"))))
        .collect();
    let mut app = App::new(entries);
    update(&mut app, Action::Resize { width, height });
    app
}

/// The shared corpus: `CABLE_CORPUS`, else `shared/corpus` beside the repository.
pub fn corpus() -> PathBuf {
    if let Some(dir) = std::env::var_os("CABLE_CORPUS") {
        return PathBuf::from(dir);
    }
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if beside.is_dir() {
        return beside;
    }
    PathBuf::from("/work/shared/corpus")
}

/// The seed cable, 10MEXICO83, as reposted on the web.
pub fn seed_path() -> PathBuf {
    let path = corpus().join("repost/10MEXICO83.txt");
    assert!(
        path.is_file(),
        "the seed cable is missing: {} (set CABLE_CORPUS)",
        path.display()
    );
    path
}

/// A cable with three warnings: a date-time group naming no real day (about the header),
/// one at the word `MISSING` in paragraph 3 (set by hand at that byte), and one about no
/// place.
pub fn warned_app(width: u16, height: u16) -> App {
    let mut cable =
        cable_reader::cable::parse_text(WARNED_TEXT, cable_reader::cable::SourceFormat::PlainText);
    let at = WARNED_TEXT.find("MISSING").unwrap_or_default();
    cable.warnings.push(cable_reader::cable::Warning::at(
        at,
        "a word is missing here",
    ));
    cable
        .warnings
        .push(cable_reader::cable::Warning::new("the page says otherwise"));
    let entries = vec![Entry::cable(
        "lima.txt".to_owned(),
        None,
        cable.into_owned(),
    )];
    let mut app = App::new(entries);
    update(&mut app, Action::Resize { width, height });
    app
}

/// The reader over `paths` as the program opens it (the corpus reader: a worker reads them,
/// the first cable opens), waited for until everything is read; the loader serves the
/// cables asked for later (`loader.pump(&mut app)`).
pub fn reader_with(
    paths: &[PathBuf],
    setup: cable_reader::app::state::Setup,
) -> (App, cable_reader::app::loading::Loader) {
    let (mut app, mut loader) = cable_reader::app::loading::start_reader(
        paths.to_vec(),
        cable_reader::corpus::open::Options::default(),
        setup,
        &Default::default(),
    );
    loader.wait(&mut app);
    (app, loader)
}

/// [`reader_with`], for a test that opens no other cable.
pub fn read_with(paths: &[PathBuf], setup: cable_reader::app::state::Setup) -> App {
    reader_with(paths, setup).0
}

/// [`read_with`] with the default keys and a state kept in memory.
pub fn read(paths: &[PathBuf]) -> App {
    read_with(paths, Default::default())
}

/// The text of `warned_app`'s cable.
pub const WARNED_TEXT: &str = "P 310000Z FEB 09\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 0001\n\
        CONFIDENTIAL LIMA 000123\n\nE.O. 12958: DECL: 02/01/2019\nTAGS: PREL\n\
        SUBJECT: TALKS\n\n1. (U) THE FIRST PARAGRAPH.\n\n2. (C) THE SECOND PARAGRAPH.\n\n\
        3. (C) THE THIRD PARAGRAPH, WHOSE LAST WORDS ARE THE ONES A WARNING IS ABOUT:\n\
        SOMETHING IS MISSING HERE.\n";
