//! Properties of the whole parse: it never panics, whatever the bytes, and harmless changes
//! (CRLF line ends, trailing spaces) do not change what it reads.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cable_reader::cable::{json, parse_bytes, parse_cable, unwrap};
use proptest::prelude::*;

/// The corpus files (PDFs aside), read once.
fn corpus() -> &'static [(PathBuf, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut files = Vec::new();
        for folder in [
            "repost",
            "text",
            "text-crlf",
            "csv",
            "wikileaks-html",
            "wikileaks-html-full",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                if let Ok(bytes) = std::fs::read(entry.path()) {
                    files.push((entry.path(), bytes));
                }
            }
        }
        files.sort();
        assert!(
            files.len() > 500,
            "corpus not found under {}",
            root.display()
        );
        files
    })
}

/// Everything `parse --json` says about the cables in `bytes`, less the byte offsets in
/// warnings, which move when line ends change.
fn reading(bytes: &[u8]) -> Vec<String> {
    unwrap(bytes)
        .iter()
        .map(|source| {
            let cable = parse_cable(source);
            let mut value = json::to_json_value(&cable, "x");
            if let Some(warnings) = value.get_mut("warnings").and_then(|w| w.as_array_mut()) {
                for warning in warnings.iter_mut() {
                    if let Some(text) = warning.as_str() {
                        let without_offset = text.split(" (byte ").next().unwrap_or(text);
                        *warning = serde_json::Value::String(without_offset.to_owned());
                    }
                }
            }
            value.to_string()
        })
        .collect()
}

/// Plain-text corpus files (the ones a person would edit or convert).
fn plain_text_files() -> Vec<&'static (PathBuf, Vec<u8>)> {
    corpus()
        .iter()
        .filter(|(path, bytes)| {
            path.extension().is_some_and(|ext| ext == "txt") && std::str::from_utf8(bytes).is_ok()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn never_panics_on_cable_shaped_text(lines in proptest::collection::vec(
        prop_oneof![
            Just("S E C R E T SECTION 01 OF 02 MEXICO 000083".to_owned()),
            Just("MEXICO 00000083 002 OF 002".to_owned()),
            Just("1. (S//NF) Summary: text".to_owned()),
            Just("¶2. (C) End Summary.".to_owned()),
            Just("SUBJECT: A".to_owned()),
            Just("REF: A. 09 STATE 1 B.".to_owned()),
            Just("TAGS".to_owned()),
            Just("E.O. 12958: DECL:".to_owned()),
            Just("Classified By: 1.4".to_owned()),
            Just("FEELEY".to_owned()),
            Just("(Comment: x".to_owned()),
            Just("".to_owned()),
            "[ -~¶]{0,40}",
        ],
        0..40,
    )) {
        let text = lines.join("\n");
        let _ = parse_bytes(text.as_bytes());
    }

    #[test]
    fn never_panics_on_truncated_or_spliced_corpus_files(
        first in any::<prop::sample::Index>(),
        second in any::<prop::sample::Index>(),
        cut_first in any::<prop::sample::Index>(),
        cut_second in any::<prop::sample::Index>(),
    ) {
        let files = corpus();
        let (_, a) = &files[first.index(files.len())];
        let (_, b) = &files[second.index(files.len())];
        let head = &a[..cut_first.index(a.len() + 1)];
        let tail = &b[cut_second.index(b.len() + 1)..];
        let _ = parse_bytes(head);
        let mut spliced = head.to_vec();
        spliced.extend_from_slice(tail);
        let _ = parse_bytes(&spliced);
    }

    #[test]
    fn crlf_line_ends_change_nothing(index in any::<prop::sample::Index>()) {
        let files = plain_text_files();
        let (path, bytes) = files[index.index(files.len())];
        let text = String::from_utf8_lossy(bytes);
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        prop_assert_eq!(reading(bytes), reading(crlf.as_bytes()), "{}", path.display());
    }

    #[test]
    fn trailing_spaces_change_nothing(index in any::<prop::sample::Index>(), spaces in 1usize..4) {
        let files = plain_text_files();
        let (path, bytes) = files[index.index(files.len())];
        let text = String::from_utf8_lossy(bytes);
        let padding = " ".repeat(spaces);
        // Spaces go before the line end, CR included.
        let padded: String = text
            .split('\n')
            .map(|line| match line.strip_suffix('\r') {
                Some(line) => format!("{line}{padding}\r"),
                None => format!("{line}{padding}"),
            })
            .collect::<Vec<_>>()
            .join("\n");
        prop_assert_eq!(reading(bytes), reading(padded.as_bytes()), "{}", path.display());
    }
}

#[test]
fn every_corpus_file_truncated_at_every_line_parses() {
    for (_, bytes) in corpus() {
        let mut end = 0;
        while let Some(next) = bytes[end..].iter().position(|&b| b == b'\n') {
            end += next + 1;
            let _ = parse_bytes(&bytes[..end]);
            // Every 7th line is enough to cover the parts without taking minutes.
            for _ in 0..6 {
                match bytes[end..].iter().position(|&b| b == b'\n') {
                    Some(skip) => end += skip + 1,
                    None => break,
                }
            }
        }
    }
}
