//! Every cable of ../shared/corpus (PDFs aside) parses, agrees with its wrapper's metadata,
//! and leaves no page header, HTML or page text in its paragraphs, with paragraphs in order.
//! The share of files passing each check is printed (run with `--nocapture` to see it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cable_reader::cable::{parse_cable, unwrap, Cable, DateTime, Source, SourceFormat};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![corpus_dir()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).expect("corpus folder is readable");
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "pdf") {
                    folders.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|ext| ext == "txt" || ext == "html" || ext == "csv")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A line that is a page header: `<post> <8 digits> <page> OF <pages>`.
fn is_page_header(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.windows(4).any(|w| {
        w[0].len() == 8
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && w[1].bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && w[2].eq_ignore_ascii_case("OF")
            && w[3].bytes().all(|b| b.is_ascii_digit())
    })
}

fn has_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<a ", "</a>", "<pre", "</pre>", "<code", "<br", "<td", "&#x", "&amp;", "&quot;", "&lt;",
        "&gt;", "&#39;",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

/// Words of the news page around the repost; none may be in a paragraph.
const REPOST_PAGE_WORDS: [&str; 6] = [
    "Scoop",
    "Advertisement",
    "newsletter",
    "scroll to continue",
    "World Headlines",
    "Catch Up",
];

#[derive(Default)]
struct Tally {
    checked: usize,
    passed: usize,
    failures: Vec<String>,
}

fn check(
    tallies: &mut BTreeMap<&'static str, Tally>,
    name: &'static str,
    ok: bool,
    what: impl FnOnce() -> String,
) {
    let tally = tallies.entry(name).or_default();
    tally.checked += 1;
    if ok {
        tally.passed += 1;
    } else {
        tally.failures.push(what());
    }
}

/// The wrappers' dates are less exact than the text's date-time group: the WikiLeaks
/// mirror's "Created" column repeats the hour or the month in place of the minute
/// (`13:01` for 131310Z JAN), and the text dumps give the day at midnight in Central
/// European time. Those are compared to the hour and to the day; csv rows exactly.
fn dates_agree(format: SourceFormat, ours: DateTime, theirs: DateTime) -> bool {
    let hours = |d: DateTime| {
        let days = i64::from(d.year) * 372 + i64::from(d.month) * 31 + i64::from(d.day);
        days * 24 + i64::from(d.hour)
    };
    match format {
        SourceFormat::WikiLeaksHtml => hours(ours) == hours(theirs),
        // Midnight CET is the evening before in UTC; month ends make the day count rough.
        SourceFormat::TextDump => (hours(ours) - hours(theirs)).abs() <= 24 * 4,
        _ => ours == theirs,
    }
}

fn numbers_in_order(cable: &Cable<'_>) -> bool {
    let numbers: Vec<u32> = cable.paragraphs.iter().filter_map(|p| p.number).collect();
    // Partial extracts leave paragraphs out, so gaps are allowed; going back is not.
    numbers.windows(2).all(|pair| pair[1] > pair[0])
}

fn check_cable(
    tallies: &mut BTreeMap<&'static str, Tally>,
    file: &str,
    source: &Source<'_>,
    cable: &Cable<'_>,
) {
    let meta = &source.metadata;
    if let Some(id) = &meta.id {
        check(
            tallies,
            "id agrees with metadata",
            cable.id.as_ref() == Some(id),
            || format!("{file}: id {:?} vs {id}", cable.id),
        );
    }
    if let Some(date) = &meta.date {
        let agrees = cable
            .date
            .is_some_and(|ours| dates_agree(source.format, ours, *date));
        check(tallies, "date agrees with metadata", agrees, || {
            format!(
                "{file}: date {:?} vs {date}",
                cable.date.map(|d| d.to_string())
            )
        });
    }
    if let Some(classification) = &meta.classification {
        let ours = cable.classification.display_name();
        check(
            tallies,
            "classification agrees with metadata",
            ours.as_ref() == Some(classification),
            || format!("{file}: classification {ours:?} vs {classification}"),
        );
    }
    if let Some(origin) = &meta.origin {
        check(
            tallies,
            "origin agrees with metadata",
            cable.origin.as_deref() == Some(origin.as_str()),
            || format!("{file}: origin {:?} vs {origin}", cable.origin),
        );
    }
    let texts = || cable.paragraphs.iter().map(|p| p.text.as_ref());
    check(
        tallies,
        "no page header in paragraphs",
        !texts().any(|t| t.lines().any(is_page_header)),
        || format!("{file}: page header left in a paragraph"),
    );
    check(
        tallies,
        "no HTML in paragraphs",
        !texts().any(has_html),
        || format!("{file}: HTML left in a paragraph"),
    );
    check(
        tallies,
        "no repost page text in paragraphs",
        !file.starts_with("repost")
            || !texts().any(|t| REPOST_PAGE_WORDS.iter().any(|w| t.contains(w))),
        || format!("{file}: page text left in a paragraph"),
    );
    check(
        tallies,
        "paragraph numbers in order",
        numbers_in_order(cable),
        || {
            let numbers: Vec<u32> = cable.paragraphs.iter().filter_map(|p| p.number).collect();
            format!("{file}: paragraph numbers {numbers:?}")
        },
    );
    let has_body = !source.text.trim().is_empty();
    if has_body {
        check(
            tallies,
            "has paragraphs",
            !cable.paragraphs.is_empty(),
            || format!("{file}: no paragraphs"),
        );
    }
}

#[test]
fn every_corpus_cable_parses_and_checks_out() {
    let files = corpus_files();
    assert!(
        files.len() > 500,
        "corpus not found at {}",
        corpus_dir().display()
    );
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut cables = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("corpus file is readable");
        let name = path
            .strip_prefix(corpus_dir())
            .unwrap_or(path)
            .display()
            .to_string();
        for source in unwrap(&bytes) {
            let cable = parse_cable(&source);
            cables += 1;
            check_cable(&mut tallies, &name, &source, &cable);
            if source.format == SourceFormat::WikiLeaksHtml {
                check(
                    &mut tallies,
                    "HTML page has metadata",
                    source.metadata.id.is_some(),
                    || format!("{name}: no metadata table read"),
                );
            }
        }
    }
    println!("{} files, {cables} cables", files.len());
    let mut failed = Vec::new();
    for (name, tally) in &tallies {
        println!(
            "{name:40} {:>4}/{:<4} {:5.1}%",
            tally.passed,
            tally.checked,
            100.0 * tally.passed as f64 / tally.checked.max(1) as f64
        );
        for failure in &tally.failures {
            println!("    {failure}");
            failed.push(failure.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "{} check(s) failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
