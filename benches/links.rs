//! The reference graph: building it from summary rows (once, when the corpus is read), and
//! what `r` costs (the open cable's references looked up and its citers listed), beside the
//! scan the limit `~r ID` makes. Inputs: the 464 WikiLeaks pages of ../shared/corpus, and
//! 251,287 generated summary rows (the dump's count), each citing up to four others.

use std::path::Path;

use cable_reader::app::links::LinksPane;
use cable_reader::corpus::limit::parse_limit;
use cable_reader::corpus::links::Links;
use cable_reader::corpus::open::{open, Options};
use cable_reader::corpus::summary::Summary;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// The dump's row count.
const DUMP_ROWS: usize = 251_287;

const POSTS: [&str; 8] = [
    "STATE", "MADRID", "MEXICO", "BAGHDAD", "LONDON", "PARIS", "TOKYO", "KABUL",
];

/// `rows` summaries with ids like the dump's and references to earlier cables (a cable
/// cites what came before it), some of them to cables not in the rows.
fn generated(rows: usize) -> Vec<Summary> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let id = |n: usize| {
        format!(
            "{:02}{}{}",
            3 + n % 8,
            POSTS[n % POSTS.len()],
            n / POSTS.len() + 1
        )
    };
    (0..rows)
        .map(|n| {
            let count = (next() % 5) as usize;
            let references = (0..count)
                .map(|_| {
                    // One in ten names a cable past the end: not in the collection.
                    let cited = (next() as usize) % (n + rows / 10 + 1);
                    id(if cited < n { cited } else { rows + cited })
                })
                .collect();
            Summary {
                id: Some(id(n)),
                subject: Some(format!("SUBJECT OF CABLE {n}")),
                references,
                ..Summary::default()
            }
        })
        .collect()
}

fn pages() -> Vec<Summary> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wikileaks-html");
    let opened = open(&[folder], &Options::default(), |_| {});
    assert_eq!(opened.corpus.summaries.len(), 464);
    opened.corpus.summaries
}

/// The row most cited in `rows` (the pane with the longest cited-by list).
fn most_cited(rows: &[Summary], links: &Links) -> usize {
    (0..rows.len())
        .max_by_key(|&row| {
            rows[row]
                .id
                .as_deref()
                .map_or(0, |id| links.cited_by(id).len())
        })
        .unwrap_or(0)
}

fn bench_links(c: &mut Criterion) {
    for (name, rows) in [
        ("pages_464", pages()),
        ("generated_251287", generated(DUMP_ROWS)),
    ] {
        let references: usize = rows.iter().map(|row| row.references.len()).sum();
        let links = Links::build(&rows);
        let row = most_cited(&rows, &links);
        let id = rows[row].id.clone().unwrap_or_default();
        eprintln!(
            "{name}: {} rows, {references} references; {id} is cited by {}",
            rows.len(),
            links.cited_by(&id).len()
        );
        let mut group = c.benchmark_group(format!("links_{name}"));
        group.sample_size(10);
        group.bench_function("build", |b| b.iter(|| black_box(Links::build(&rows))));
        group.bench_function("pane_of_most_cited", |b| {
            b.iter(|| black_box(LinksPane::new(&links, &rows, row)))
        });
        group.bench_function("find", |b| b.iter(|| black_box(links.find(&id))));
        let limit = parse_limit(&format!("~r {id}")).expect("a limit");
        group.bench_function("tilde_r_scan", |b| {
            b.iter(|| black_box(rows.iter().filter(|s| limit.matches(s)).count()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_links);
criterion_main!(benches);
