//! Runs `routing_header` and `classification_line` over the start of every cable in the
//! shared corpus (`../shared/corpus` beside the crate) and checks that the grammar never
//! panics, that a classification line follows every routing header, and that the
//! date-time group agrees with the date the publisher gives.
//!
//! The wrappers are undone crudely here (the real unwrapping lives in `cable::wrapper`):
//! HTML `<pre>` blocks with tags stripped and entities decoded, CRLF files decoded from
//! Windows-1252, the five header lines of text dumps dropped, csv rows split by hand.

use std::fs;
use std::path::{Path, PathBuf};

use cable_reader::cable::grammar::classification::classification_line;
use cable_reader::cable::grammar::routing::routing_header;
use cable_reader::cable::model::Date;

/// Cables whose header the grammar cannot follow, with the reason.
const KNOWN_ODD: [(&str, &str); 2] = [
    (
        "09ULAANBAATAR234",
        "the body block repeats the WikiLeaks table and the whole header before the cable",
    ),
    (
        "07BERN881",
        "the body block starts with a tab-separated index record, then the whole header again",
    ),
];

const PARTIAL_EXTRACT: &str = "This record is a partial extract of the original cable. \
                               The full text of the original cable is not available.";

/// One cable's text as the grammar would see it, with the publisher's date.
struct Sample {
    name: String,
    text: String,
    /// The date the publisher gives, and how many days it may differ from the DTG
    /// (text dumps give the day in CET).
    date: Option<(Date, i64)>,
    /// The two-digit year of the cable id, for sources without a date.
    id_year: Option<u16>,
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn id_year(id: &str) -> Option<u16> {
    id.get(..2)?.parse().ok()
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&end| end < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn html_sample(path: &Path) -> Option<Sample> {
    let page = fs::read_to_string(path).ok()?;
    let mut blocks = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("<pre>") {
        let after = &rest[start + 5..];
        let end = after.find("</pre>")?;
        blocks.push(decode_entities(&strip_tags(&after[..end])));
        rest = &after[end..];
    }
    let date = page
        .find("href='/date/")
        .and_then(|at| page[at..].find('>').map(|gt| at + gt + 1))
        .and_then(|at| parse_iso_date(page.get(at..at + 10)?));
    let name = stem(path);
    Some(Sample {
        id_year: id_year(&name),
        name,
        text: blocks.join("\n"),
        date: date.map(|date| (date, 0)),
    })
}

fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    Some(Date {
        year: parts.next()?.parse().ok()?,
        month: parts.next()?.parse().ok()?,
        day: parts.next()?.parse().ok()?,
    })
}

fn month_number(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS
        .iter()
        .position(|m| *m == name)
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn text_dump_sample(path: &Path) -> Option<Sample> {
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.splitn(6, '\n');
    let _id = lines.next()?;
    let _subject = lines.next()?;
    // `Thu Jan 07 00:00:00 +0100 2010`
    let when: Vec<&str> = lines.next()?.split_whitespace().collect();
    let date = match when.as_slice() {
        [_, month, day, _, _, year] => Some(Date {
            year: year.parse().ok()?,
            month: month_number(month)?,
            day: day.parse().ok()?,
        }),
        _ => None,
    };
    let _classification = lines.next()?;
    let _origin = lines.next()?;
    let body = lines.next().unwrap_or_default();
    let name = stem(path);
    Some(Sample {
        id_year: id_year(&name),
        name,
        text: body.to_owned(),
        date: date.map(|date| (date, 1)),
    })
}

fn crlf_sample(path: &Path) -> Option<Sample> {
    let bytes = fs::read(path).ok()?;
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let name = stem(path);
    Some(Sample {
        id_year: id_year(&name),
        name,
        text: text.replace("\r\n", "\n"),
        date: None,
    })
}

/// Splits the cables.csv sample: quoted fields, backslash escapes, rows over many lines.
fn csv_samples(path: &Path) -> Vec<Sample> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '\\') => field.extend(chars.next()),
            (true, '"') => quoted = false,
            (true, _) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.into_iter()
        .filter(|row| row.len() >= 8)
        .map(|row| {
            // `12/28/1966 18:48`
            let date = row[1].split(' ').next().and_then(|day| {
                let mut parts = day.split('/');
                let month = parts.next()?.parse().ok()?;
                let day = parts.next()?.parse().ok()?;
                let year = parts.next()?.parse().ok()?;
                Some(Date { year, month, day })
            });
            Sample {
                id_year: id_year(&row[2]),
                name: row[2].clone(),
                text: format!("{}\n{}", row[6], row[7]),
                date: date.map(|date| (date, 0)),
            }
        })
        .collect()
}

/// The Scoop repost: page text around the cable; the header starts at its `DE` line.
fn repost_sample(path: &Path) -> Option<Sample> {
    let text = fs::read_to_string(path).ok()?;
    let start = text.find("DE RUEH")?;
    let name = stem(path);
    Some(Sample {
        id_year: id_year(&name),
        name,
        text: text[start..].to_owned(),
        date: Some((
            Date {
                year: 2010,
                month: 1,
                day: 29,
            },
            0,
        )),
    })
}

fn samples(corpus: &Path) -> Vec<Sample> {
    let mut all = Vec::new();
    for folder in ["wikileaks-html", "wikileaks-html-full"] {
        all.extend(
            files(&corpus.join(folder))
                .iter()
                .filter_map(|p| html_sample(p)),
        );
    }
    all.extend(
        files(&corpus.join("text"))
            .iter()
            .filter_map(|p| text_dump_sample(p)),
    );
    all.extend(
        files(&corpus.join("text-crlf"))
            .iter()
            .filter_map(|p| crlf_sample(p)),
    );
    for path in files(&corpus.join("csv")) {
        all.extend(csv_samples(&path));
    }
    all.extend(
        files(&corpus.join("repost"))
            .iter()
            .filter_map(|p| repost_sample(p)),
    );
    all
}

/// What may stand between the routing header and the classification line in the
/// published forms: blank lines, the WikiLeaks partial-extract note, a retyped dateline
/// ("Thursday, 29 March 2007, 06:00"). The lead's cable parser deals with these.
fn skip_publisher_lines(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start_matches([' ', '\n']);
        if let Some(rest) = trimmed.strip_prefix(PARTIAL_EXTRACT) {
            text = rest;
            continue;
        }
        let line = trimmed.split('\n').next().unwrap_or_default();
        let weekdays = [
            "Monday,",
            "Tuesday,",
            "Wednesday,",
            "Thursday,",
            "Friday,",
            "Saturday,",
            "Sunday,",
        ];
        if weekdays.iter().any(|day| line.starts_with(day)) {
            text = trimmed.split_once('\n').map_or("", |(_, rest)| rest);
            continue;
        }
        return trimmed;
    }
}

fn days_between(a: Date, b: Date) -> i64 {
    fn days(date: Date) -> i64 {
        // Days from civil, Howard Hinnant's algorithm.
        let (y, m, d) = (
            i64::from(date.year),
            i64::from(date.month),
            i64::from(date.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
    (days(a) - days(b)).abs()
}

#[test]
fn routing_then_classification_over_the_corpus() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("shared corpus not found beside the crate; skipping");
        return;
    };
    let samples = samples(&corpus);
    assert!(samples.len() > 500, "only {} cables found", samples.len());
    let mut problems = Vec::new();
    let mut with_header = 0;
    let mut with_dtg = 0;
    for sample in &samples {
        // Drop the partial-extract note that precedes some headers, as the wrapper would.
        let text = sample
            .text
            .trim_start_matches([' ', '\n'])
            .strip_prefix(PARTIAL_EXTRACT)
            .unwrap_or(&sample.text);
        let Ok((rest, routing)) = routing_header(text) else {
            problems.push(format!("{}: routing_header failed", sample.name));
            continue;
        };
        let Some(span) = routing.span.clone() else {
            continue;
        };
        with_header += 1;
        if text.get(span.clone()).is_none() || span.end != text.len() - rest.len() {
            problems.push(format!("{}: bad span {span:?}", sample.name));
        }
        if KNOWN_ODD.iter().any(|(name, _)| *name == sample.name) {
            continue;
        }
        let body = skip_publisher_lines(rest);
        if classification_line(body).is_err() {
            let line = body.split('\n').next().unwrap_or_default();
            problems.push(format!(
                "{}: no classification line after the header: {line:?}",
                sample.name
            ));
        }
        if let Some(dtg) = routing.date_time_group {
            with_dtg += 1;
            if let Some((date, tolerance)) = sample.date {
                if days_between(dtg.date(), date) > tolerance {
                    problems.push(format!(
                        "{}: DTG {dtg} but the publisher says {date}",
                        sample.name
                    ));
                }
            }
            if let Some(year) = sample.id_year {
                if dtg.year % 100 != year {
                    problems.push(format!("{}: DTG {dtg} but the id says {year}", sample.name));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        with_header > 400,
        "only {with_header} routing headers found"
    );
    assert!(with_dtg > 400, "only {with_dtg} date-time groups found");
}

/// The grammar must not panic wherever it is started: run it from every line start of
/// every cable's first few kilobytes.
#[test]
fn never_panics_from_any_line() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    for sample in samples(&corpus) {
        let text = sample.text.as_str();
        let limit = text.len().min(6000);
        let starts = std::iter::once(0).chain(
            text.char_indices()
                .filter(|&(at, c)| c == '\n' && at < limit)
                .map(|(at, _)| at + 1),
        );
        for start in starts {
            let Some(tail) = text.get(start..) else {
                continue;
            };
            if let Ok((rest, routing)) = routing_header(tail) {
                assert!(rest.len() <= tail.len());
                if let Some(span) = routing.span {
                    assert!(span.start <= span.end && span.end <= tail.len());
                }
                let _ = classification_line(rest);
            }
        }
    }
}

mod properties {
    use cable_reader::cable::grammar::classification::{
        caveat_line, classification_line, page_header,
    };
    use cable_reader::cable::grammar::routing::routing_header;
    use proptest::prelude::*;

    const HEADER: &str = "VZCZCXRO0594\nRR RUEHAO RUEHCD\nRUEHNL RUEHQU\nDE RUEHBO #1165/01 0471902\n\
                          ZNR UUUUU ZZH\nR 161902Z FEB 07\nFM AMEMBASSY BOGOTA\n\
                          TO RUEHC/SECSTATE WASHDC 2786\nINFO RUEHWH/WESTERN HEMISPHERIC AFFAIRS DIPL POSTS\n\
                          AMEMBASSY QUITO PRIORITY\nUNCLAS BOGOTA 001165\n";

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,400}") {
            let _ = routing_header(&text);
            let _ = classification_line(&text);
            let _ = caveat_line(&text);
            let _ = page_header(&text);
        }

        #[test]
        fn never_panics_on_header_like_text(
            text in "([A-Z0-9/ #.\\-]{0,40}\n){0,12}",
        ) {
            if let Ok((rest, routing)) = routing_header(&text) {
                prop_assert!(rest.len() <= text.len());
                if let Some(span) = routing.span {
                    prop_assert!(span.end <= text.len());
                }
            }
        }

        /// Trailing spaces on any lines do not change what is read.
        #[test]
        fn trailing_spaces_change_nothing(spaces in proptest::collection::vec(0usize..3, 11)) {
            let padded: String = HEADER
                .split_inclusive('\n')
                .zip(spaces.iter().cycle())
                .map(|(line, &n)| format!("{}{}\n", line.trim_end_matches('\n'), " ".repeat(n)))
                .collect();
            let (_, plain) = routing_header(HEADER).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (rest, spaced) = routing_header(&padded).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(
                (plain.routing_lines, plain.station, plain.from, plain.to, plain.info),
                (spaced.routing_lines, spaced.station, spaced.from, spaced.to, spaced.info)
            );
            prop_assert!(rest.starts_with("UNCLAS BOGOTA 001165"));
        }
    }
}

/// 09STATE63860's page writes `XMT AMCONSUL JOHANNESBURG` under its INFO line (checked by
/// eye in the page): the consulate is named as excluded, in no addressee list.
#[test]
fn xmt_addressees_are_excluded_in_the_json() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let path = dir.join("wikileaks-html/09STATE63860.html");
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sources = cable_reader::cable::unwrap(&bytes);
    let source = sources.first().expect("one cable");
    let cable = cable_reader::cable::parse_cable(source);
    let json = cable_reader::cable::json::to_json_value(&cable, "09STATE63860.html");
    assert_eq!(
        json["excluded"],
        serde_json::json!([{"name": "AMCONSUL JOHANNESBURG"}, {"name": "AMCONSUL JOHANNESBURG"}])
    );
    let named = |list: &serde_json::Value| {
        list.as_array().into_iter().flatten().any(|a| {
            a["name"]
                .as_str()
                .is_some_and(|n| n.contains("JOHANNESBURG"))
        })
    };
    assert!(!named(&json["to"]) && !named(&json["info"]));
    assert_eq!(json["info"][0]["name"], "AMCONSUL CASABLANCA");
}

/// A date-time group that names no real day (`310000Z FEB 09`) gives no date, and a warning
/// at the group's place.
#[test]
fn a_date_time_group_naming_no_real_day_is_a_warning() {
    let text = "P 310000Z FEB 09\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 0001\n\
                UNCLAS LIMA 000123\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TALKS\n\n1. (U) TEXT.\n";
    let cable = cable_reader::cable::parse_text(text, cable_reader::cable::SourceFormat::PlainText);
    assert_eq!(cable.date, None);
    assert_eq!(cable.id, None);
    let warnings: Vec<(String, Option<usize>)> = cable
        .warnings
        .iter()
        .map(|w| (w.message.clone(), w.offset))
        .collect();
    assert_eq!(
        warnings,
        vec![(
            "the date-time group \"310000Z FEB 09\" names no real day: not taken as the date"
                .to_owned(),
            Some(2)
        )]
    );
}
