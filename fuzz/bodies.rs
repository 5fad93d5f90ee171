#![allow(dead_code)] // each target uses one body; the replay test uses all
//! What each fuzz target does with its input, shared by the targets (`fuzz_targets/`) and by
//! the normal test that replays the saved inputs (`tests/fuzz_replay.rs`), so a saved input
//! is checked exactly as the fuzzer checked it. Each body panics on a broken promise.

use cable_reader::cable::wrapper::{read_sources, CsvRecords};
use cable_reader::cable::{json, parse_bytes, parse_cable};
use cable_reader::config::date::DEFAULT_DATE_FORMAT;
use cable_reader::corpus::limit::parse_limit;
use cable_reader::corpus::query::{parse_query, Clause, Term};
use cable_reader::corpus::summary::Summary;
use cable_reader::sanitize;

/// The grammar on any bytes: never a panic; every cable prints as JSON and as plain text,
/// and the plain text is safe for a terminal.
pub fn grammar(data: &[u8]) {
    for cable in parse_bytes(data) {
        let line = json::to_json_line(&cable, "fuzz");
        assert!(!line.contains('\n'), "one JSON line per cable");
        let mut plain = Vec::new();
        cable_reader::plain::write_plain(&cable, DEFAULT_DATE_FORMAT, &mut plain)
            .expect("into a Vec");
        let plain = String::from_utf8_lossy(&plain);
        assert!(
            !plain.chars().any(|c| c.is_control() && c != '\n'),
            "plain text holds a control character"
        );
    }
}

/// The cables.csv reader on any bytes, whole and as a stream with a small record limit:
/// never a panic, records in order and inside the input.
pub fn csv_reader(data: &[u8]) {
    let mut last_end = 0;
    for record in CsvRecords::new(data) {
        assert!(record.offset >= last_end, "records go forward");
        last_end = record.offset + record.raw.len();
        assert!(last_end <= data.len(), "a record inside the input");
    }
    let mut count = 0;
    let read = read_sources(data, 4096, |source| {
        count += 1;
        let _ = parse_cable(&source);
    });
    assert!(read.is_ok(), "reading a slice cannot fail");
}

/// The sanitiser on any text: no control character but `\n` comes out, no bidi control,
/// and every offset maps inside the cleaned text, in order.
pub fn sanitize(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (cleaned, map) = sanitize::clean_mapped(&text);
    assert!(!cleaned
        .chars()
        .any(|c| (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}')));
    let mut previous = 0;
    for offset in 0..=text.len() {
        let mapped = sanitize::map_offset(&map, &cleaned, offset);
        assert!(mapped <= cleaned.len() && cleaned.is_char_boundary(mapped));
        assert!(mapped >= previous, "offsets keep their order");
        previous = mapped;
    }
    assert_eq!(
        sanitize::clean(&cleaned),
        cleaned,
        "cleaning twice changes nothing"
    );
}

/// Summaries the limit target checks each parsed limit on: one cable with every field the
/// limit language asks about, and one with none.
fn limit_rows() -> [Summary; 2] {
    const CABLE: &str = "R 291400Z JAN 10\nFM AMEMBASSY MEXICO\nTO SECSTATE WASHDC\n\
        S E C R E T MEXICO 000083\n\nNOFORN\nSIPDIS\n\nE.O. 12958: DECL: 01/29/2020\n\
        TAGS: PREL PGOV MX\nSUBJECT: CHANGE ON THE HORIZON\n\nREF: 09 STATE 15113\n\n\
        1. (S//NF) TEXT.\n";
    let cable =
        cable_reader::cable::parse_text(CABLE, cable_reader::cable::SourceFormat::PlainText);
    [Summary::of(&cable), Summary::default()]
}

/// A limit's error column is a place in the input: from 1 to one past its last character.
fn column_inside(column: usize, text: &str) {
    assert!(
        (1..=text.chars().count() + 1).contains(&column),
        "column {column} outside a {}-character input",
        text.chars().count()
    );
}

/// The limit language on any text: never a panic; a mistake names a column inside the
/// input and says what; a limit that parses is evaluated on summaries, and its negation
/// `!(...)` parses too and holds exactly where it does not.
pub fn limit(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match parse_limit(&text) {
        Err(error) => {
            column_inside(error.column, &text);
            assert!(!error.message.is_empty(), "an error says what is wrong");
        }
        Ok(limit) => {
            let negated = format!("!({text})");
            let rows = limit_rows();
            let outcomes: Vec<bool> = rows.iter().map(|row| limit.matches(row)).collect();
            let _ = limit.is_all();
            // The text parsed, so its brackets and quotes are closed: inside `!( )` it
            // reads the same.
            if let Ok(not) = parse_limit(&negated) {
                for (row, outcome) in rows.iter().zip(outcomes) {
                    assert_eq!(not.matches(row), !outcome, "!({text}) is not the negation");
                }
            }
        }
    }
}

/// The search query language on any text: never a panic; a mistake names a column inside
/// the input; the limit terms a query hands on are pieces of the input, and the words it
/// looks for are not empty.
pub fn query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match parse_query(&text) {
        Err(error) => column_inside(error.column, &text),
        Ok(query) => {
            for term in &query.limit {
                assert!(
                    text.contains(term),
                    "a limit term {term:?} not from the input"
                );
                if let Err(error) = parse_limit(term) {
                    column_inside(error.column, term);
                }
            }
            for clause in &query.clauses {
                let terms = match clause {
                    Clause::Any(terms) => terms.as_slice(),
                    Clause::Not(term) => std::slice::from_ref(term),
                };
                for term in terms {
                    let empty = match term {
                        Term::Word(word) => word.is_empty(),
                        Term::Prefix(_) => false,
                        Term::Phrase(words) => {
                            words.is_empty() || words.iter().any(String::is_empty)
                        }
                    };
                    assert!(!empty, "an empty word in {term:?}");
                }
            }
            let _ = query.highlight_words();
        }
    }
}
