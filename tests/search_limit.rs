//! `search --limit` on the index's fast fields gives what checking each hit's header, read
//! back from its record, gives (`find_within_by_reading`, the way it was done before the
//! index held the limit's facts): the same hits in the same order with the same scores and
//! count, and the best ones read back with the same snippets, for a set of limits × queries,
//! on a generated cables.csv and on all of ../shared/corpus; a partly built index and a
//! scan find the same hits. On the corpus the file names are a truth from
//! outside: `~i 07MADRID*` finds only the pages named 07MADRID….

use std::path::{Path, PathBuf};
use std::process::Command;

use cable_reader::corpus::limit::parse_limit;
use cable_reader::corpus::query::parse_query;
use cable_reader::corpus::search::index::IndexHit;
use cable_reader::corpus::search::{
    find_within, find_within_by_reading, prepare, prepare_in_steps, search_within,
    search_within_by_reading, Backend, Prepared,
};
use cable_reader::corpus::walk::expand_paths;

const LIMITS: &[&str] = &[
    "~c S",
    "~c =C",
    "~c U",
    "~c NOFORN",
    "~c SIPDIS",
    "~o mexico",
    "~o embassy",
    "~d 2009-01..2009-06",
    "~d 2008..",
    "~d ..2006-12-31",
    "~t PREL",
    "~t pgov",
    "~s iran",
    "~s the",
    "~i 09*",
    "~i 07MADRID*",
    "~r 07MADRID208",
    "!~c S",
    "~c S | ~o madrid",
    "(~t PREL ~c C) !~s the",
    "talks",
    "!(~d 2009.. | ~c =U)",
];

const QUERIES: &[&str] = &[
    "embassy",
    "government OR minister",
    "\"the embassy\"",
    "terror*",
    "embassy -\"the embassy\"",
    "embassy -government",
];

/// Places of the hits, with their scores, and the count.
type Places = (Vec<(u32, u64, u32)>, usize);

fn places((hits, count): (Vec<IndexHit>, usize)) -> Places {
    let places = hits
        .iter()
        .map(|hit| (hit.source, hit.start, hit.score.to_bits()))
        .collect();
    (places, count)
}

/// Every limit × query gives the reference's answer: where all the hits lie and their
/// count, and the best 5 read back with their snippets; returns how many (limit, query)
/// pairs had hits, so a test can see it was not all empty.
fn agree(prepared: &Prepared, reference: &Prepared, limits: &[&str], queries: &[&str]) -> usize {
    let same_index = matches!(prepared.backend, Backend::Index(_));
    let mut with_hits = 0;
    for limit in limits {
        let within = parse_limit(limit).expect("limit parses");
        for query in queries {
            let parsed = parse_query(query).expect("query parses");
            let all = |found| places(found);
            let mut fast = all(find_within(prepared, &parsed, &within, None).expect("search"));
            let mut read =
                all(find_within_by_reading(reference, &parsed, &within, None).expect("search"));
            with_hits += usize::from(read.1 > 0);
            if same_index {
                // Both ask the same index: the same order, best first, and the same scores.
                assert_eq!(fast, read, "{limit} / {query}");
                let best = search_within(prepared, &parsed, &within, Some(5)).expect("search");
                let reference =
                    search_within_by_reading(reference, &parsed, &within, Some(5)).expect("search");
                assert!(best.problems.is_empty(), "{:?}", best.problems);
                assert_eq!(best.hits, reference.hits, "{limit} / {query}");
                assert_eq!(best.count, reference.count, "{limit} / {query}");
            } else {
                // A scan scores on its own scale and orders ties its own way: the same hits.
                let strip = |places: &mut Places| {
                    places.0.iter_mut().for_each(|place| place.2 = 0);
                    places.0.sort();
                };
                strip(&mut fast);
                strip(&mut read);
                assert_eq!(fast, read, "{limit} / {query}");
            }
        }
    }
    with_hits
}

fn generated(rows: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = Command::new(tool)
        .args(["--rows", &rows.to_string()])
        .arg(&csv)
        .output()
        .expect("make-cables-csv runs");
    assert!(made.status.success(), "make-cables-csv: {made:?}");
    (dir, csv)
}

#[test]
fn limits_on_fast_fields_equal_limits_on_read_records_in_a_dump() {
    let (dir, csv) = generated(300);
    let files = [csv];
    let mut first_snapshot = None;
    let index = prepare_in_steps(
        &files,
        Some(&dir.path().join("cache")),
        |_| {},
        |snapshot| {
            first_snapshot.get_or_insert(snapshot);
        },
    );
    assert!(matches!(index.backend, Backend::Index(_)));
    let with_hits = agree(&index, &index, LIMITS, QUERIES);
    assert!(
        with_hits > LIMITS.len() * QUERIES.len() / 2,
        "{with_hits} pairs with hits"
    );
    // A partly built index (its indexed part on fast fields, the rest scanned) and a scan.
    let partial = first_snapshot.expect("a snapshot");
    assert!(matches!(partial.backend, Backend::Partial { .. }));
    // Each search of these scans the dump (slow in a debug build): a few of each.
    let (limits, queries) = (&LIMITS[..4], &QUERIES[..2]);
    agree(&partial, &index, &LIMITS[15..], &QUERIES[2..]);
    let scanning = prepare(&files, None, |_| {});
    agree(&scanning, &index, limits, queries);
}

#[test]
fn limits_on_fast_fields_equal_limits_on_read_records_in_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let files = expand_paths(&[corpus]).files;
    assert!(files.len() > 500, "{} files", files.len());
    let cache = tempfile::tempdir().expect("temp dir");
    let index = prepare(&files, Some(cache.path()), |_| {});
    assert!(
        matches!(index.backend, Backend::Index(_)),
        "{:?}",
        index.messages
    );
    let with_hits = agree(&index, &index, LIMITS, &QUERIES[..3]);
    assert!(with_hits > 20, "{with_hits} pairs with hits");
    // The file names say which pages are Madrid's of 2007.
    let within = parse_limit("~i 07MADRID*").expect("parses");
    let query = parse_query("embassy OR madrid OR spain").expect("parses");
    let found = search_within(&index, &query, &within, None).expect("search");
    let mut pages = 0;
    for hit in &found.hits {
        let path = &index.sources[hit.source as usize].path;
        if !path.to_string_lossy().contains("wikileaks-html/") {
            continue;
        }
        let name = path.file_stem().and_then(|n| n.to_str()).expect("a name");
        assert!(name.starts_with("07MADRID"), "{name}");
        pages += 1;
    }
    assert!(pages > 0);
}
