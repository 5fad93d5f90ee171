//! Corpus search against an outside truth: on a generated cables.csv of 3,000 rows, the
//! hits of the index for words, phrases, exclusions, prefixes and OR are exactly the rows
//! whose text, as the model reads it, holds them, found by a plain scan written here (its
//! own split into words, its own comparisons). Then the index's life: reused while fresh,
//! rebuilt when its files change or it is damaged, and a scan when it cannot be written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use cable_reader::cable::{parse_cable, sources};
use cable_reader::corpus::query::parse_query;
use cable_reader::corpus::search::document::searchable_parts;
use cable_reader::corpus::search::read::scan_file;
use cable_reader::corpus::search::{find, prepare, prepare_in_steps, search, Backend, Prepared};

/// A generated dump, the words of each row's text, and its index.
struct Dump {
    _dir: tempfile::TempDir,
    csv: PathBuf,
    /// Start of each row in the file, and its text: parts, each a list of lower-case words.
    rows: Vec<(u64, Vec<Vec<String>>)>,
    prepared: Prepared,
}

/// The test's own word split: runs of alphanumeric characters, lower-cased.
fn split_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A cables.csv of `count` rows made by make-cables-csv, and each row's start and words.
type Generated = (tempfile::TempDir, PathBuf, Vec<(u64, Vec<Vec<String>>)>);

fn generate(count: usize) -> Generated {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let status = Command::new(tool)
        .args(["--rows", &count.to_string()])
        .arg(&csv)
        .output()
        .expect("make-cables-csv runs");
    assert!(status.status.success(), "make-cables-csv: {status:?}");
    let mut rows = Vec::new();
    scan_file(&csv, |chunk, base, ranges| {
        for range in ranges {
            let bytes = &chunk[range.clone()];
            let source = sources(bytes).next().expect("a row holds a cable");
            let cable = parse_cable(&source);
            let parts = searchable_parts(&cable)
                .iter()
                .map(|part| split_words(part))
                .collect();
            rows.push((base + range.start as u64, parts));
        }
    })
    .expect("dump is readable");
    assert_eq!(rows.len(), count);
    (dir, csv, rows)
}

fn dump() -> &'static Dump {
    static DUMP: OnceLock<Dump> = OnceLock::new();
    DUMP.get_or_init(|| {
        let (dir, csv, rows) = generate(3000);
        let prepared = prepare(
            std::slice::from_ref(&csv),
            Some(&dir.path().join("cache")),
            |_| {},
        );
        assert!(
            matches!(prepared.backend, Backend::Index(_)),
            "{:?}",
            prepared.messages
        );
        Dump {
            _dir: dir,
            csv,
            rows,
            prepared,
        }
    })
}

/// The rows (by start) the index finds for `query`, all of them; the count must agree.
fn index_hits(prepared: &Prepared, query: &str) -> BTreeSet<u64> {
    let query = parse_query(query).expect("query parses");
    let (places, count) = find(prepared, &query, None).expect("search runs");
    assert_eq!(count, places.len());
    let starts: BTreeSet<u64> = places.iter().map(|place| place.start).collect();
    assert_eq!(starts.len(), places.len(), "a row found twice");
    starts
}

/// The rows where `test` holds for some part.
fn scan(test: impl Fn(&[String]) -> bool) -> BTreeSet<u64> {
    scan_rows(&dump().rows, test)
}

fn scan_rows(rows: &[(u64, Vec<Vec<String>>)], test: impl Fn(&[String]) -> bool) -> BTreeSet<u64> {
    rows.iter()
        .filter(|(_, parts)| parts.iter().any(|part| test(part)))
        .map(|(start, _)| *start)
        .collect()
}

fn has_word(word: &str) -> BTreeSet<u64> {
    scan(|part| part.iter().any(|w| w == word))
}

fn has_phrase(phrase: &[String]) -> BTreeSet<u64> {
    scan(|part| part.windows(phrase.len()).any(|window| window == phrase))
}

/// Words of the dump by how many rows hold them, a spread from rare to common, and some
/// made of letters and digits (ids, serials).
fn sample_words() -> Vec<String> {
    let mut rows_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, parts) in &dump().rows {
        let words: BTreeSet<&str> = parts.iter().flatten().map(String::as_str).collect();
        for word in words {
            *rows_of.entry(word).or_default() += 1;
        }
    }
    let mut by_count: Vec<(&str, usize)> = rows_of.into_iter().collect();
    by_count.sort_by_key(|&(word, count)| (count, word));
    let step = (by_count.len() / 40).max(1);
    let mut sample: Vec<String> = by_count
        .iter()
        .step_by(step)
        .map(|(word, _)| (*word).to_owned())
        .collect();
    sample.extend(
        by_count
            .iter()
            .map(|(word, _)| *word)
            .filter(|word| {
                word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic)
            })
            .step_by(97)
            .take(10)
            .map(str::to_owned),
    );
    sample.extend(
        by_count
            .iter()
            .map(|(word, _)| *word)
            .filter(|word| !word.is_ascii())
            .take(5)
            .map(str::to_owned),
    );
    sample
}

#[test]
fn word_hits_are_exactly_the_rows_that_hold_the_word() {
    let dump = dump();
    let sample = sample_words();
    assert!(sample.len() >= 40, "{}", sample.len());
    for word in &sample {
        let expected = has_word(word);
        assert!(!expected.is_empty());
        assert_eq!(index_hits(&dump.prepared, word), expected, "word {word}");
        // Any case.
        assert_eq!(
            index_hits(&dump.prepared, &word.to_uppercase()),
            expected,
            "word {word} in capitals"
        );
    }
}

#[test]
fn an_id_is_one_word() {
    let dump = dump();
    // 09STATE15113-like ids: the scan's own split keeps them whole.
    let expected = has_word("07madrid210");
    assert!(!expected.is_empty(), "the dump holds 07MADRID210");
    assert_eq!(index_hits(&dump.prepared, "07MADRID210"), expected);
}

#[test]
fn phrase_hits_are_the_rows_with_the_words_in_a_row() {
    let dump = dump();
    let mut checked = 0;
    for (row, (_, parts)) in dump.rows.iter().enumerate().step_by(211) {
        let Some(part) = parts.iter().max_by_key(|part| part.len()) else {
            continue;
        };
        for length in [2, 3] {
            let Some(phrase) = part.get(row % 7..row % 7 + length) else {
                continue;
            };
            let expected = has_phrase(phrase);
            let query = format!("\"{}\"", phrase.join(" "));
            assert_eq!(index_hits(&dump.prepared, &query), expected, "{query}");
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked}");
    // Words in the other order are another phrase.
    let words = |text: &str| -> Vec<String> { text.split(' ').map(str::to_owned).collect() };
    let expected = has_phrase(&words("zapatero s decision"));
    assert!(!expected.is_empty());
    assert_eq!(
        index_hits(&dump.prepared, "\"Zapatero's Decision\""),
        expected
    );
    assert_eq!(
        index_hits(&dump.prepared, "\"decision zapatero's\""),
        has_phrase(&words("decision zapatero s"))
    );
}

#[test]
fn exclusion_or_and_prefix() {
    let dump = dump();
    let minus = |a: &BTreeSet<u64>, b: &BTreeSet<u64>| -> BTreeSet<u64> {
        a.difference(b).copied().collect()
    };
    let embassy = has_word("embassy");
    let mexico = has_word("mexico");
    assert!(!embassy.is_empty() && !mexico.is_empty());
    assert_eq!(
        index_hits(&dump.prepared, "embassy -mexico"),
        minus(&embassy, &mexico)
    );
    let both: BTreeSet<u64> = embassy.intersection(&mexico).copied().collect();
    assert_eq!(index_hits(&dump.prepared, "embassy mexico"), both);
    let either: BTreeSet<u64> = embassy.union(&has_word("cartel")).copied().collect();
    assert_eq!(index_hits(&dump.prepared, "embassy OR cartel"), either);
    let terror = scan(|part| part.iter().any(|w| w.starts_with("terror")));
    assert!(!terror.is_empty());
    assert_eq!(index_hits(&dump.prepared, "terror*"), terror);
    // A phrase with a word, and a phrase excluded (tantivy's exclusion of a phrase is
    // worked around in the index; this is the check).
    let decision = has_phrase(&["zapatero".into(), "s".into(), "decision".into()]);
    assert!(!decision.is_empty());
    let with_embassy: BTreeSet<u64> = embassy.intersection(&decision).copied().collect();
    assert_eq!(
        index_hits(&dump.prepared, "embassy \"zapatero's decision\""),
        with_embassy
    );
    assert_eq!(
        index_hits(&dump.prepared, "embassy -\"zapatero's decision\" -mexico"),
        minus(&minus(&embassy, &decision), &mexico)
    );
    // A reason such as 1.4(b) is the phrase of its three words.
    let reason = has_phrase(&["1".into(), "4".into(), "b".into()]);
    assert!(!reason.is_empty());
    assert_eq!(index_hits(&dump.prepared, "1.4(b)"), reason);
}

#[test]
fn the_scan_without_an_index_finds_the_same() {
    let dump = dump();
    let scanning = prepare(std::slice::from_ref(&dump.csv), None, |_| {});
    assert!(matches!(scanning.backend, Backend::Scan));
    // One scan of the dump (slow in a debug build) with OR, a prefix and an excluded phrase.
    let query = "embassy OR terror* -\"zapatero's decision\"";
    let scanned = index_hits(&scanning, query);
    assert!(!scanned.is_empty());
    assert_eq!(scanned, index_hits(&dump.prepared, query));
}

#[test]
fn best_first_and_the_count_of_all() {
    let dump = dump();
    let query = parse_query("embassy").expect("parses");
    let found = search(&dump.prepared, &query, Some(5)).expect("search runs");
    assert_eq!(found.hits.len(), 5);
    assert_eq!(found.count, has_word("embassy").len());
    assert!(found
        .hits
        .windows(2)
        .all(|pair| pair[0].score >= pair[1].score));
    for hit in &found.hits {
        assert!(
            hit.snippet
                .marks
                .iter()
                .any(|mark| hit.snippet.text[mark.clone()].eq_ignore_ascii_case("embassy")),
            "{:?}",
            hit.snippet
        );
    }
}

#[test]
fn a_partly_built_index_finds_what_the_finished_one_finds() {
    let (dir, csv, rows) = generate(300);
    let size = std::fs::metadata(&csv).expect("dump").len();
    let mut snapshots = Vec::new();
    let finished = prepare_in_steps(
        std::slice::from_ref(&csv),
        Some(&dir.path().join("cache")),
        |_| {},
        |snapshot| snapshots.push(snapshot),
    );
    assert!(matches!(finished.backend, Backend::Index(_)));
    assert!(snapshots.len() >= 10, "{} snapshots", snapshots.len());
    // The first commit: some rows indexed, most not.
    let first = snapshots.swap_remove(0);
    let Backend::Partial { index, indexed, .. } = &first.backend else {
        panic!("a snapshot is partial: {:?}", first.backend);
    };
    assert_eq!(indexed.source, 0);
    assert!(
        indexed.offset > 0 && indexed.offset < size / 5,
        "{indexed:?}"
    );
    let held = rows
        .iter()
        .filter(|(start, _)| indexed.holds(0, *start))
        .count();
    assert_eq!(index.len(), held as u64);
    assert!(held > 0 && held < 60, "{held} rows indexed");
    let scanning = prepare(std::slice::from_ref(&csv), None, |_| {});
    let has = |word: &str| scan_rows(&rows, |part| part.iter().any(|w| w == word));
    // Words of the first rows (in the index) and of the last (only in the scan).
    let (_, early) = &rows[1];
    let (_, late) = &rows[290];
    let early_word = early
        .iter()
        .flatten()
        .max_by_key(|w| w.len())
        .expect("words");
    let late_word = late
        .iter()
        .flatten()
        .max_by_key(|w| w.len())
        .expect("words");
    let mut queries = vec![
        early_word.clone(),
        late_word.clone(),
        "embassy".to_owned(),
        format!("{early_word} OR {late_word}"),
        "embassy -government".to_owned(),
        "terror*".to_owned(),
        "\"the embassy\"".to_owned(),
        "embassy -\"the embassy\"".to_owned(),
    ];
    queries.dedup();
    for query in &queries {
        let partial = index_hits(&first, query);
        assert_eq!(partial, index_hits(&finished, query), "{query}");
        assert_eq!(partial, index_hits(&scanning, query), "{query}");
        if !query.contains(' ') && !query.contains('*') {
            assert_eq!(partial, has(query), "{query}");
        }
        // A limited search counts all hits and shows the first ones.
        let parsed = parse_query(query).expect("parses");
        let (shown, count) = find(&first, &parsed, Some(3)).expect("search runs");
        assert_eq!(count, partial.len(), "{query}");
        assert_eq!(shown.len(), count.min(3), "{query}");
        assert!(shown.iter().all(|hit| partial.contains(&hit.start)));
    }
    assert!(!has(early_word).is_empty() && !has(late_word).is_empty());
}

/// A few WikiLeaks pages copied into a folder of their own.
fn small_collection() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wikileaks-html");
    let mut files = Vec::new();
    for name in ["07MADRID208.html", "07MADRID210.html", "10MEXICO83.html"] {
        let from = corpus.join(name);
        if !from.exists() {
            continue;
        }
        let to = dir.path().join(name);
        std::fs::copy(&from, &to).expect("copy a page");
        files.push(to);
    }
    assert!(files.len() >= 2);
    (dir, files)
}

fn ids(prepared: &Prepared, query: &str) -> Vec<String> {
    let query = parse_query(query).expect("parses");
    let mut ids: Vec<String> = search(prepared, &query, None)
        .expect("search runs")
        .hits
        .into_iter()
        .filter_map(|hit| hit.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_fresh_index_is_reused_and_a_stale_one_rebuilt() {
    let (dir, files) = small_collection();
    let cache = dir.path().join("cache");
    let first = prepare(&files, Some(&cache), |_| {});
    assert!(
        first.built && first.messages.is_empty(),
        "{:?}",
        first.messages
    );
    // 07MADRID208's page: "ZAPATERO'S DECISION ON AFGHANISTAN FIRM".
    assert_eq!(ids(&first, "\"afghanistan firm\""), ["07MADRID208"]);
    let again = prepare(&files, Some(&cache), |_| {});
    assert!(!again.built);
    drop((first, again));
    // The page changes: a new word, a new size. The index is built again.
    let page = std::fs::read_to_string(&files[0]).expect("read page");
    let changed = page.replace("AFGHANISTAN FIRM", "AFGHANISTAN QUUXWORD FIRM");
    assert_ne!(page, changed);
    std::fs::write(&files[0], changed).expect("write page");
    let rebuilt = prepare(&files, Some(&cache), |_| {});
    assert!(rebuilt.built);
    assert_eq!(ids(&rebuilt, "quuxword"), ["07MADRID208"]);
}

#[test]
fn a_damaged_index_is_rebuilt() {
    let (dir, files) = small_collection();
    let cache = dir.path().join("cache");
    let first = prepare(&files, Some(&cache), |_| {});
    assert!(first.built);
    drop(first);
    // Overwrite every file of the index but its key with garbage.
    let mut damaged = 0;
    for entry in walk(&cache.join("index")) {
        if entry
            .file_name()
            .is_some_and(|n| n != "cable-reader-key.json")
        {
            std::fs::write(&entry, b"not an index").expect("damage");
            damaged += 1;
        }
    }
    assert!(damaged > 0);
    let second = prepare(&files, Some(&cache), |_| {});
    assert!(second.built, "{:?}", second.messages);
    assert!(
        second.messages.iter().any(|m| m.contains("damaged")),
        "{:?}",
        second.messages
    );
    assert_eq!(ids(&second, "\"afghanistan firm\""), ["07MADRID208"]);
    // And it is fresh again.
    drop(second);
    assert!(!prepare(&files, Some(&cache), |_| {}).built);
}

#[test]
fn an_unwritable_cache_means_a_scan_with_a_message() {
    let (dir, files) = small_collection();
    // A file where the cache folder should be: nothing can be created under it (this
    // holds for root too, unlike permissions).
    let cache = dir.path().join("cache");
    std::fs::write(&cache, b"a file").expect("write");
    let prepared = prepare(&files, Some(&cache), |_| {});
    assert!(matches!(prepared.backend, Backend::Scan));
    assert!(
        prepared
            .messages
            .iter()
            .any(|m| m.contains("without one") && m.contains("cache")),
        "{:?}",
        prepared.messages
    );
    assert_eq!(ids(&prepared, "\"afghanistan firm\""), ["07MADRID208"]);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn a_stopped_query_scans_no_more_records() {
    use cable_reader::corpus::limit::Limit;
    use cable_reader::corpus::search::{find_within_rows, Cancel};
    let dump = dump();
    let scanning = prepare(std::slice::from_ref(&dump.csv), None, |_| {});
    let query = parse_query("embassy").expect("parses");
    let every = Limit::And(Vec::new());
    // Stopped before it starts: not one record is parsed.
    let stopped = Cancel::default();
    stopped.stop();
    let (hits, count) =
        find_within_rows(&scanning, &query, &every, None, None, &stopped).expect("runs");
    assert_eq!((hits.len(), count, stopped.scanned()), (0, 0, 0));
    // Stopped once 100 records are parsed (by another thread, as a newer query would):
    // the scan ends well before the 3,000 rows.
    let cancel = std::sync::Arc::new(Cancel::default());
    let watcher = {
        let cancel = std::sync::Arc::clone(&cancel);
        std::thread::spawn(move || {
            while cancel.scanned() < 100 {
                std::thread::yield_now();
            }
            cancel.stop();
        })
    };
    find_within_rows(&scanning, &query, &every, None, None, &cancel).expect("runs");
    watcher.join().expect("watcher");
    assert!(cancel.scanned() >= 100);
    assert!(cancel.scanned() < 3000, "{} scanned", cancel.scanned());
}
