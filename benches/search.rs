//! Corpus search: building the index (MB/s of input), queries (a word, a phrase, words with
//! an exclusion, each with the snippets of the best 20; a limit and a word, on the index's
//! fast fields and by reading every hit's record as before), and the reference graph (build
//! from summary rows, one lookup). Input: the dump named by `CABLE_DUMP`, else a cables.csv
//! of 3,000 rows made by ../shared/tools/make-cables-csv in a temp dir. `CABLE_BENCH_NO_BUILD`
//! leaves out the timed builds (minutes on the whole dump); the index is still built once.

use std::path::{Path, PathBuf};
use std::process::Command;

use cable_reader::corpus::limit::parse_limit;
use cable_reader::corpus::links::Links;
use cable_reader::corpus::open::{open, Options};
use cable_reader::corpus::query::parse_query;
use cable_reader::corpus::search::{
    prepare, search, search_within, search_within_by_reading, Backend,
};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn dump(dir: &Path) -> PathBuf {
    if let Some(path) = std::env::var_os("CABLE_DUMP") {
        return PathBuf::from(path);
    }
    let csv = dir.join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = Command::new(tool)
        .args(["--rows", "3000"])
        .arg(&csv)
        .status()
        .map(|status| status.success());
    assert!(matches!(made, Ok(true)), "make-cables-csv failed");
    csv
}

fn bench_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dump(dir.path());
    let files = vec![csv.clone()];
    let size = std::fs::metadata(&csv).map_or(0, |m| m.len());

    if std::env::var_os("CABLE_BENCH_NO_BUILD").is_none() {
        let mut group = c.benchmark_group("index");
        group.sample_size(10);
        group.throughput(Throughput::Bytes(size));
        group.bench_function("build", |b| {
            b.iter(|| {
                let cache = tempfile::tempdir().expect("temp dir");
                let prepared = prepare(&files, Some(cache.path()), |_| {});
                assert!(matches!(prepared.backend, Backend::Index(_)));
                black_box(prepared);
            })
        });
        group.finish();
    }

    let cache = dir.path().join("cache");
    let prepared = prepare(&files, Some(&cache), |_| {});
    if let Backend::Index(index) = &prepared.backend {
        eprintln!(
            "index of {} cables, {size} bytes of input: {} bytes on disk",
            index.len(),
            index.size_on_disk()
        );
    }
    let mut group = c.benchmark_group("query");
    for (name, text) in [
        ("word", "afghanistan"),
        ("phrase", "\"zapatero's decision\""),
        ("words and exclusion", "embassy kosovo -spain"),
    ] {
        let query = parse_query(text).expect("query parses");
        group.bench_function(name, |b| {
            b.iter(|| black_box(search(&prepared, &query, Some(20)).expect("search runs")))
        });
    }
    let query = parse_query("embassy").expect("query parses");
    let within = parse_limit("~c S").expect("limit parses");
    group.bench_function("limit and word, fast fields", |b| {
        b.iter(|| {
            black_box(search_within(&prepared, &query, &within, Some(20)).expect("search runs"))
        })
    });
    group.sample_size(10);
    group.bench_function("limit and word, reading records", |b| {
        b.iter(|| {
            black_box(
                search_within_by_reading(&prepared, &query, &within, Some(20))
                    .expect("search runs"),
            )
        })
    });
    group.finish();

    let summaries = open(&files, &Options::default(), |_| {}).corpus.summaries;
    let mut group = c.benchmark_group("links");
    group.sample_size(10);
    group.bench_function("build", |b| b.iter(|| black_box(Links::build(&summaries))));
    let links = Links::build(&summaries);
    group.bench_function("lookup", |b| {
        b.iter(|| {
            let row = links.find(black_box("07MADRID210"));
            let references = row.map(|row| links.references(&summaries, row));
            black_box((references, links.cited_by(black_box("07MADRID208"))))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
