#![allow(dead_code)] // each target uses one body; the replay test uses all
//! What each fuzz target does with its input, shared by the targets (`fuzz_targets/`) and by
//! the normal test that replays the saved inputs (`tests/fuzz_replay.rs`), so a saved input
//! is checked exactly as the fuzzer checked it. Each body panics on a broken promise.

use cable_reader::cable::wrapper::{read_sources, CsvRecords};
use cable_reader::cable::{json, parse_bytes, parse_cable};
use cable_reader::config::date::DEFAULT_DATE_FORMAT;
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
