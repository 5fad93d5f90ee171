//! Unwraps every file of the shared corpus (PDFs aside) and checks what came out: the
//! format, the metadata against the file name, and that no wrapper is left in the text.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use cable_reader::cable::{unwrap, CableDate, Date, DateTime, Source, SourceFormat};
use proptest::prelude::*;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The files of one corpus folder, sorted.
fn files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(CORPUS).join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.map(|e| e.path()).unwrap_or_default())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The one source a single-cable file must give.
fn single<'a>(path: &Path, sources: Vec<Source<'a>>) -> Source<'a> {
    assert_eq!(sources.len(), 1, "{}", path.display());
    sources
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{}: no source", path.display()))
}

/// An HTML tag left in the text: `<` then a letter, `/` or `!`.
fn leftover_tag(text: &str) -> Option<&str> {
    text.match_indices('<').find_map(|(at, _)| {
        let next = text.get(at + 1..)?.chars().next()?;
        (next.is_ascii_alphabetic() || next == '/' || next == '!')
            .then(|| text.get(at..(at + 30).min(text.len())).unwrap_or("<"))
    })
}

/// An HTML entity left in the text: `&name;`, `&#10;`, `&#x0A;`.
fn leftover_entity(text: &str) -> Option<&str> {
    text.match_indices('&').find_map(|(at, _)| {
        let rest = text.get(at + 1..)?;
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        (name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';'))
            .then(|| text.get(at..at + name_len + 2).unwrap_or("&"))
    })
}

const PAGE_TEXT: [&str; 8] = [
    "Cable Viewer",
    "Keep Us Strong",
    "Currently released so far",
    "Browse latest releases",
    "Understanding cables",
    "static/js",
    "</html>",
    "This record is a partial extract",
];

fn check_html_folder(folder: &str) -> (usize, usize) {
    let mut notices = 0;
    let mut count = 0;
    for path in files(folder) {
        let bytes = read(&path);
        let source = single(&path, unwrap(&bytes));
        let name = path.display();
        assert_eq!(source.format, SourceFormat::WikiLeaksHtml, "{name}");
        assert_eq!(
            source.metadata.id.as_deref(),
            Some(stem(&path).as_str()),
            "{name}"
        );
        assert!(source.metadata.date.is_some(), "{name}: no date");
        assert!(
            source.metadata.released.is_some(),
            "{name}: no release date"
        );
        assert!(source.metadata.origin.is_some(), "{name}: no origin");
        let classification = source.metadata.classification.as_deref().unwrap_or("");
        assert!(
            classification.starts_with("UNCLASSIFIED")
                || classification.starts_with("CONFIDENTIAL")
                || classification.starts_with("SECRET"),
            "{name}: classification {classification:?}"
        );
        assert_eq!(
            classification,
            classification.to_uppercase(),
            "{name}: title= read"
        );
        let text = source.text.as_ref();
        assert!(text.len() > 200, "{name}: text too short: {text:?}");
        assert_eq!(leftover_tag(text), None, "{name}: tag left");
        assert_eq!(leftover_entity(text), None, "{name}: entity left");
        for page_text in PAGE_TEXT {
            assert!(!text.contains(page_text), "{name}: {page_text:?} left");
        }
        assert!(!text.contains('\r'), "{name}: CR left");
        if text.contains("1.") && bytes.windows(3).any(|w| w == "¶".as_bytes()) {
            assert!(
                text.contains("¶1.") || text.contains("¶2."),
                "{name}: ¶n. lost"
            );
        }
        match &source.metadata.notice {
            Some(_) => {
                notices += 1;
                assert_eq!(source.warnings.len(), 1, "{name}: {:?}", source.warnings);
            }
            None => assert!(source.warnings.is_empty(), "{name}: {:?}", source.warnings),
        }
        count += 1;
    }
    (count, notices)
}

#[test]
fn wikileaks_pages() {
    assert_eq!(check_html_folder("wikileaks-html"), (464, 34));
}

#[test]
fn wikileaks_full_release_pages() {
    assert_eq!(check_html_folder("wikileaks-html-full"), (8, 0));
}

#[test]
fn wikileaks_page_text_is_the_cable() {
    let path = Path::new(CORPUS).join("wikileaks-html-full/72TEHRAN1164.html");
    let bytes = read(&path);
    let source = single(&path, unwrap(&bytes));
    assert!(source.text.starts_with(
        "R 250930Z FEB 72 \nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 7561 \nINFO SECDEF\nEUCOM\n\
         CSAF\nUNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164 \n \n\
         E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006 \nTAGS: MASS MARR IR\n"
    ));
    assert!(source.text.ends_with("NEGATIVE IMPACT. \n \nHECK"));
    assert_eq!(
        source.metadata.date,
        Some(CableDate::Minute(DateTime {
            year: 1972,
            month: 2,
            day: 25,
            hour: 9,
            minute: 30
        }))
    );
    assert_eq!(
        source.metadata.classification.as_deref(),
        Some("UNCLASSIFIED")
    );
}

#[test]
fn text_dumps() {
    let mut header_only = Vec::new();
    let mut rejoined = 0;
    for path in files("text") {
        let bytes = read(&path);
        let source = single(&path, unwrap(&bytes));
        let name = path.display();
        assert_eq!(source.format, SourceFormat::TextDump, "{name}");
        assert_eq!(
            source.metadata.id.as_deref(),
            Some(stem(&path).as_str()),
            "{name}"
        );
        assert!(source.metadata.date.is_some(), "{name}");
        assert!(source.metadata.classification.is_some(), "{name}");
        assert!(source.metadata.origin.is_some(), "{name}");
        assert!(
            !source.text.contains("This record is a partial extract"),
            "{name}"
        );
        let joins = source
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("the dump joined the routing header"))
            .count();
        if source.text.is_empty() {
            header_only.push(stem(&path));
            assert_eq!(source.warnings.len(), 1, "{name}");
        } else if joins == 1 {
            rejoined += 1;
        } else {
            // Nothing to change but the notice: the text is borrowed from the file's bytes.
            assert!(matches!(source.text, Cow::Borrowed(_)), "{name}");
        }
    }
    // Every dump with a routing header had the cable's first line glued to it.
    assert_eq!(rejoined, 27);
    assert_eq!(
        header_only,
        [
            "10EFTOLONDON16",
            "72TEHRAN1164",
            "73TEHRAN2077",
            "89PANAMA8545"
        ]
    );
}

#[test]
fn text_dump_metadata() {
    let path = Path::new(CORPUS).join("text/66BUENOSAIRES2481.txt");
    let bytes = read(&path);
    let source = single(&path, unwrap(&bytes));
    assert_eq!(
        source.metadata.date,
        // The dump copies the 2010 mirror's clock as written (18:06, the mirror's corrupt
        // minute for the 1848Z cable); the offset is the scraper's, not the cable's.
        Some(CableDate::Minute(DateTime {
            year: 1966,
            month: 12,
            day: 28,
            hour: 18,
            minute: 6
        }))
    );
    assert_eq!(
        source.metadata.subject.as_deref(),
        Some("EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS")
    );
    assert_eq!(
        source.metadata.origin.as_deref(),
        Some("Embassy Buenos Aires")
    );
    assert!(source
        .text
        .starts_with("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n"));

    let path = Path::new(CORPUS).join("text/88BONN31258.txt");
    let bytes = read(&path);
    let source = single(&path, unwrap(&bytes));
    assert_eq!(source.metadata.origin.as_deref(), Some("Embasy Bonn"));
}

#[test]
fn crlf_windows_1252_text() {
    for path in files("text-crlf") {
        let bytes = read(&path);
        let source = single(&path, unwrap(&bytes));
        let name = path.display();
        assert_eq!(source.format, SourceFormat::PlainText, "{name}");
        assert!(!source.text.contains('\r'), "{name}: CR left");
        let text = source.text.as_ref();
        assert!(
            text.lines().count() >= bytes.iter().filter(|b| **b == b'\n').count(),
            "{name}: lines lost"
        );
        if bytes.contains(&0xB6) {
            assert!(text.contains('¶'), "{name}: ¶ not decoded");
            assert_eq!(
                source.warnings.first().map(|w| w.message.as_str()),
                Some("text is not UTF-8: read as Windows-1252"),
                "{name}"
            );
        }
        assert!(!text.contains('\u{FFFD}'), "{name}");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{name}"
        );
    }
}

#[test]
fn csv_sample() {
    let path = Path::new(CORPUS).join("csv/cables_sample.csv");
    let bytes = read(&path);
    let sources = unwrap(&bytes);
    let ids: Vec<Option<&str>> = sources.iter().map(|s| s.metadata.id.as_deref()).collect();
    assert_eq!(ids, [Some("66BUENOSAIRES2481"), Some("72TEHRAN1164")]);
    for source in &sources {
        assert_eq!(source.format, SourceFormat::CsvRow);
        assert!(source.warnings.is_empty(), "{:?}", source.warnings);
        assert_eq!(
            source.metadata.classification.as_deref(),
            Some("UNCLASSIFIED")
        );
        assert!(!source.text.contains("\\\""));
        assert!(!source.text.contains("\\'"));
    }
    let [buenos_aires, tehran] = sources.as_slice() else {
        panic!("two sources expected");
    };
    assert_eq!(
        buenos_aires.metadata.date,
        Some(CableDate::Minute(DateTime {
            year: 1966,
            month: 12,
            day: 28,
            hour: 18,
            minute: 48
        }))
    );
    assert_eq!(
        buenos_aires.metadata.origin.as_deref(),
        Some("Embassy Buenos Aires")
    );
    assert_eq!(buenos_aires.metadata.references, ["66STATE106206"]);
    assert!(buenos_aires
        .text
        .starts_with("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n"));
    assert!(buenos_aires
        .text
        .contains("STATE GRNC\nUNCLASSIFIED BUENOS AIRES 2481 \n"));
    assert!(buenos_aires
        .text
        .contains("OF \"PREFERENTIAL JURISDICTION\" FOR FISHING"));
    assert!(buenos_aires.text.ends_with("GP-3 \nSACCIO \n"));

    assert_eq!(
        tehran.metadata.date,
        Some(CableDate::Minute(DateTime {
            year: 1972,
            month: 2,
            day: 25,
            hour: 9,
            minute: 30
        }))
    );
    assert_eq!(tehran.metadata.origin.as_deref(), Some("Embassy Tehran"));
    assert_eq!(
        tehran.metadata.references,
        ["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"]
    );
    assert!(tehran
        .text
        .starts_with("R 250930Z FEB 72 \nFM AMEMBASSY TEHRAN\n"));
    assert!(tehran
        .text
        .contains("CSAF \n\nUNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164 \n"));
    assert!(tehran.text.contains("SHAH'S REQUEST"));
    assert!(tehran.text.ends_with("NEGATIVE IMPACT. \n \nHECK \n"));
}

#[test]
fn repost_is_plain_borrowed_text() {
    let path = Path::new(CORPUS).join("repost/10MEXICO83.txt");
    let bytes = read(&path);
    let source = single(&path, unwrap(&bytes));
    assert_eq!(source.format, SourceFormat::PlainText);
    assert!(matches!(source.text, Cow::Borrowed(_)));
    assert!(source.warnings.is_empty());
    assert_eq!(source.text.as_bytes(), bytes.as_slice());
}

/// Every corpus file but the PDFs, read once.
fn corpus_files() -> Vec<Vec<u8>> {
    let folders = [
        "wikileaks-html",
        "wikileaks-html-full",
        "text",
        "text-crlf",
        "csv",
        "repost",
    ];
    folders
        .iter()
        .flat_map(|folder| files(folder))
        .step_by(7)
        .map(|path| read(&path))
        .collect()
}

proptest! {
    #[test]
    fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = unwrap(&bytes);
    }

    #[test]
    fn never_panics_on_wrapper_like_bytes(
        parts in proptest::collection::vec(
            prop_oneof![
                Just(&b"\""[..]), Just(&b"\",\""[..]), Just(&b"\\"[..]), Just(&b"\n"[..]),
                Just(&b"\r"[..]), Just(&b"<pre>"[..]), Just(&b"</pre>"[..]),
                Just(&b"<table class='cable'>"[..]), Just(&b"<td>"[..]), Just(&b"</td>"[..]),
                Just(&b"<a href='x'>"[..]), Just(&b"&#x000A;"[..]), Just(&b"\xB6"[..]),
                Just(&b"\xC2"[..]), Just(&b"12"[..]), Just(&b"08STATE1400\n"[..]),
                Just(&b"Mon Jan 07 00:00:00 +0100 2008\n"[..]), Just(&b"SECRET\n"[..]),
            ],
            0..60,
        ),
        csv_start in any::<bool>(),
    ) {
        let mut bytes = if csv_start { b"\"1\",\"".to_vec() } else { Vec::new() };
        for part in parts {
            bytes.extend_from_slice(part);
        }
        let _ = unwrap(&bytes);
    }
}

#[test]
fn never_panics_on_truncated_corpus_files() {
    let files = corpus_files();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    let strategy = (0..files.len(), any::<proptest::sample::Index>());
    let result = runner.run(&strategy, |(file, cut)| {
        let bytes = files.get(file).map(Vec::as_slice).unwrap_or_default();
        let cut = cut.index(bytes.len() + 1);
        let _ = unwrap(bytes.get(..cut).unwrap_or_default());
        let _ = unwrap(bytes.get(cut..).unwrap_or_default());
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

/// The words of a text, so that trailing spaces and blank lines do not count. WikiLeaks
/// adds `¶` before paragraph numbers, and its full-release pages drop the commas between
/// TAGS (each is a link), so those do not count either.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|word| word.trim_start_matches('¶').trim_end_matches(','))
        .filter(|word| !word.is_empty())
        .collect()
}

#[test]
fn the_same_cable_reads_the_same_in_every_wrapper() {
    let csv = read(&Path::new(CORPUS).join("csv/cables_sample.csv"));
    let csv = unwrap(&csv);
    for (id, row) in [("66BUENOSAIRES2481", 0), ("72TEHRAN1164", 1)] {
        let page = read(&Path::new(CORPUS).join(format!("wikileaks-html-full/{id}.html")));
        let page = single(Path::new(id), unwrap(&page));
        let from_csv = csv.get(row).map(|s| words(&s.text)).unwrap_or_default();
        assert_eq!(words(&page.text), from_csv, "{id}");
        assert_eq!(
            page.metadata.date,
            csv.get(row).and_then(|s| s.metadata.date),
            "{id}"
        );
    }
    let page = read(&Path::new(CORPUS).join("wikileaks-html/09BANGKOK1998.html"));
    let dump = read(&Path::new(CORPUS).join("text/09BANGKOK1998.txt"));
    let page = single(Path::new("page"), unwrap(&page));
    let dump = single(Path::new("dump"), unwrap(&dump));
    assert_eq!(words(&page.text), words(&dump.text));
    assert_eq!(page.metadata.classification, dump.metadata.classification);
}

/// The day in a dump's header is the cable's day: wherever the text carries a date-time
/// group, the header's day is the group's (outside truth: the DTG typed in the cable).
#[test]
fn text_dump_days_are_the_cables_days() {
    let mut checked = 0;
    for path in files("text") {
        let bytes = read(&path);
        let source = single(&path, unwrap(&bytes));
        let Some(group) = first_date_time_group(&source.text) else {
            continue;
        };
        let day = source.metadata.date.map(CableDate::day);
        assert_eq!(day, Some(group), "{}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 27);
}

/// The day of the first `DDHHMMZ MON YY` group in a text, read by hand.
fn first_date_time_group(text: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(3).find_map(|window| {
        let [group, month, year] = window else {
            return None;
        };
        let digits = group.strip_suffix('Z')?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let month = MONTHS.iter().position(|m| m == month)? as u8 + 1;
        let year: u16 = year.parse().ok().filter(|_| year.len() == 2)?;
        Some(Date {
            year: if year >= 66 { 1900 + year } else { 2000 + year },
            month,
            day: digits.get(..2)?.parse().ok()?,
        })
    })
}
