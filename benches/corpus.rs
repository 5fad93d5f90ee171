//! The corpus layer: summarising (header only, one core: cables/s per core), the summary
//! cache's load, limit evaluation and sorting over 251,287 rows (the size of the 2011
//! dump, made by repeating the corpus's rows). `CABLE_DUMP=path/to/cables.csv` adds a
//! summarise run over the first 2,000 rows of that file; `KEY_PASS_DUMP=path` the key pass
//! (every row's cable key, on every core) over all of that file (a 20,000-row dump). The reader's list over those
//! 251,287 rows: one key through `update` (G, j, PgDn, a sort, a limit), one frame; and a
//! save of the reading state holding 251,287 read marks.

use std::path::{Path, PathBuf};

use cable_reader::app::list::{CorpusList, Done, Rows, Shared};
use cable_reader::app::{update, Action, App};
use cable_reader::cable::{parse_cable, unwrap, Source};
use cable_reader::config::keys::{Key, KeyCode};
use cable_reader::corpus::cache;
use cable_reader::corpus::key::{cable_key, CableKey};
use cable_reader::corpus::keys::fill_keys;
use cable_reader::corpus::limit::parse_limit;
use cable_reader::corpus::open::{open, Corpus, Options};
use cable_reader::corpus::record::scan;
use cable_reader::corpus::sort::{SortIndex, SortKey};
use cable_reader::corpus::summary::Summary;
use cable_reader::state::Store;
use cable_reader::ui::{self, Theme};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const DUMP_ROWS: usize = 251_287;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every cable file's bytes in the corpus (PDFs aside).
fn corpus_files() -> Vec<Vec<u8>> {
    cable_reader::corpus::walk::expand_paths(&[corpus_dir()])
        .files
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect()
}

/// The corpus's summary rows repeated to the dump's size.
fn dump_rows() -> Vec<Summary> {
    let rows = open(&[corpus_dir()], &Options::default(), |_| {})
        .corpus
        .summaries;
    rows.iter().cycle().take(DUMP_ROWS).cloned().collect()
}

fn bench_summarise(c: &mut Criterion) {
    let files = corpus_files();
    let sources: Vec<Source<'_>> = files.iter().flat_map(|bytes| unwrap(bytes)).collect();
    let mut group = c.benchmark_group("summarise");
    group.throughput(Throughput::Elements(sources.len() as u64));
    group.bench_function("corpus cables, header only, one core", |b| {
        b.iter(|| {
            for source in &sources {
                black_box(Summary::of_source(source));
            }
        })
    });
    // The second pass: each row's cable key, the body parsed in full and hashed.
    group.bench_function(
        "corpus cables, key (full parse + cable_key), one core",
        |b| {
            b.iter(|| {
                for source in &sources {
                    black_box(cable_key(&parse_cable(source)));
                }
            })
        },
    );
    if let Some(dump) = std::env::var_os("KEY_PASS_DUMP") {
        // The key pass as the loading worker runs it (every core, the file read again in
        // spans), over a whole dump: give one of ~20,000 rows, not the full 251,287.
        let opened = open(&[PathBuf::from(&dump)], &Options::default(), |_| {});
        let unkeyed = || {
            let mut corpus = Corpus::default();
            corpus.sources.clone_from(&opened.corpus.sources);
            corpus.records.clone_from(&opened.corpus.records);
            corpus.summaries.clone_from(&opened.corpus.summaries);
            corpus
        };
        group.throughput(Throughput::Elements(opened.corpus.len() as u64));
        group.sample_size(10);
        group.bench_function("dump, key pass (fill_keys), every core", |b| {
            b.iter_batched(
                unkeyed,
                |mut corpus| black_box(fill_keys(&mut corpus, &Options::default(), |_| {})),
                BatchSize::LargeInput,
            )
        });
    }
    if let Some(dump) = std::env::var_os("CABLE_DUMP") {
        // The first rows of a generated dump: the records found as `open` finds them.
        let bytes: Vec<u8> = std::fs::read(&dump).unwrap_or_default();
        let mut rows: Vec<Vec<u8>> = Vec::new();
        let _ = scan(&mut &bytes[..bytes.len().min(40 << 20)], |chunk| {
            for range in chunk.ranges {
                if rows.len() < 2000 {
                    rows.push(chunk.bytes.get(range.clone()).unwrap_or_default().to_vec());
                }
            }
        });
        group.throughput(Throughput::Elements(rows.len() as u64));
        group.bench_function("dump rows, unwrap + header, one core", |b| {
            b.iter(|| {
                for row in &rows {
                    for source in unwrap(row) {
                        black_box(Summary::of_source(&source));
                    }
                }
            })
        });
    }
    group.finish();
}

fn bench_cache(c: &mut Criterion) {
    let rows = dump_rows();
    let dir = std::env::temp_dir().join(format!("cable-reader-bench-{}", std::process::id()));
    let path = dir.join("cables.csv");
    let key = cache::Key {
        path: &path,
        size: 1,
        modified: 2,
    };
    let ranges: Vec<(u64, u64)> = (0..rows.len() as u64)
        .map(|i| (i * 10_000, 10_000))
        .collect();
    if cache::save(&dir, &key, &ranges, &rows).is_err() {
        return;
    }
    let mut group = c.benchmark_group("cache");
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.sample_size(10);
    group.bench_function("load 251,287 summaries", |b| {
        b.iter(|| black_box(cache::load(&dir, &key)))
    });
    group.bench_function("save 251,287 summaries", |b| {
        b.iter(|| cache::save(&dir, &key, &ranges, &rows))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn bench_limit(c: &mut Criterion) {
    let rows = dump_rows();
    let mut group = c.benchmark_group("limit");
    group.throughput(Throughput::Elements(rows.len() as u64));
    for text in [
        "~c S",
        "~o mexico ~d 2009-01..2009-06",
        "iran | nuclear",
        "!~t PREL ~i 09STATE*",
    ] {
        let limit = parse_limit(text).unwrap_or(cable_reader::corpus::limit::Limit::And(vec![]));
        group.bench_function(format!("{text} over 251,287 rows"), |b| {
            b.iter(|| rows.iter().filter(|row| limit.matches(row)).count())
        });
    }
    group.finish();
}

fn bench_sort(c: &mut Criterion) {
    let rows = dump_rows();
    let mut group = c.benchmark_group("sort");
    group.sample_size(10);
    group.bench_function("rank 251,287 rows by every key", |b| {
        b.iter(|| black_box(SortIndex::new(&rows)))
    });
    let index = SortIndex::new(&rows);
    let all: Vec<u32> = (0..rows.len() as u32).collect();
    for key in [SortKey::Date, SortKey::Subject, SortKey::Origin] {
        group.bench_function(format!("re-sort 251,287 rows by {}", key.name()), |b| {
            b.iter_batched(
                || all.clone(),
                |mut list| index.sort(&mut list, key, true),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// A reader over `rows` as the worker delivers them: every row, then the sort ranks.
fn list_reader(rows: &[Summary], width: u16, height: u16) -> App {
    let mut app = App::new(Vec::new());
    app.list = Some(CorpusList::new(SortKey::Source, false));
    update(&mut app, Action::Resize { width, height });
    update(
        &mut app,
        Action::CorpusRows(Shared::new(Rows {
            summaries: rows.to_vec(),
            bytes_done: 1,
            bytes_total: 1,
            elapsed_ms: 0,
        })),
    );
    update(
        &mut app,
        Action::CorpusDone(Shared::new(Done {
            links: None,
            messages: Vec::new(),
            sort: SortIndex::new(rows),
            elapsed_ms: 0,
        })),
    );
    app
}

/// Types a limit into the prompt (cleared first) and applies it.
fn apply_limit(app: &mut App, text: &str) {
    update(app, Action::LimitStart);
    update(app, Action::PromptKey(Key::ctrl('u')));
    for c in text.chars() {
        update(app, Action::PromptKey(Key::char(c)));
    }
    update(app, Action::PromptKey(Key::plain(KeyCode::Enter)));
}

/// One key through `update` at 251,287 rows, and one frame of the list.
fn bench_list_keys(c: &mut Criterion) {
    let rows = dump_rows();
    let theme = Theme::default();
    let mut group = c.benchmark_group("list keys");
    group.sample_size(20);
    let mut app = list_reader(&rows, 120, 40);
    assert_eq!(
        app.list.as_ref().map(|list| list.view.len()),
        Some(DUMP_ROWS)
    );
    let mut bottom = false;
    group.bench_function("G (and g) at 251,287 rows", |b| {
        b.iter(|| {
            bottom = !bottom;
            update(&mut app, if bottom { Action::Last } else { Action::First });
        })
    });
    group.bench_function("j at 251,287 rows", |b| {
        b.iter(|| update(&mut app, Action::Down))
    });
    group.bench_function("PgDn at 251,287 rows", |b| {
        b.iter(|| update(&mut app, Action::PageDown))
    });
    group.bench_function("o (next sort key, cycling) at 251,287 rows", |b| {
        b.iter(|| update(&mut app, Action::SortNext))
    });
    for text in ["~c S", "~s words"] {
        group.bench_function(
            format!("limit {text} typed and applied at 251,287 rows"),
            |b| b.iter(|| apply_limit(&mut app, text)),
        );
    }
    apply_limit(&mut app, "");
    for (width, height) in [(120u16, 40u16), (200, 60)] {
        let app = list_reader(&rows, width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height))
            .unwrap_or_else(|_| unreachable!("a test backend cannot fail"));
        group.bench_function(
            format!("frame of the list {width}x{height} at 251,287 rows"),
            |b| {
                b.iter(|| {
                    let _ = terminal.draw(|frame| ui::draw(frame, black_box(&app), &theme));
                })
            },
        );
    }
    // The marks come from the saved state: every row read, half the rows' keys known (the
    // others match by id, as while the key pass runs).
    let mut app = list_reader(&rows, 120, 40);
    if let Some(list) = app.list.as_mut() {
        for (at, hash) in list.hashes.iter_mut().enumerate() {
            *hash = at.is_multiple_of(2).then_some(at as u64);
        }
    }
    for (at, row) in rows.iter().enumerate() {
        let id = row.id.clone().unwrap_or_default();
        app.store.mark_read(CableKey {
            id,
            hash: at as u64,
        });
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40))
        .unwrap_or_else(|_| unreachable!("a test backend cannot fail"));
    group.bench_function(
        "frame of the list 120x40 at 251,287 rows, 251,287 read marks",
        |b| {
            b.iter(|| {
                let _ = terminal.draw(|frame| ui::draw(frame, black_box(&app), &theme));
            })
        },
    );
    group.finish();
}

/// A save of the reading state that holds 251,287 read marks (every cable of a dump).
fn bench_state(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let Ok((mut store, _)) = Store::open(dir.path()) else {
        return;
    };
    for row in 0..DUMP_ROWS {
        store.mark_read(CableKey::new(Some(&format!("09STATE{row}")), "text"));
    }
    if store.save().is_err() {
        return;
    }
    let mut group = c.benchmark_group("state");
    group.sample_size(10);
    let mut next = 0;
    // What the UI thread pays: the copy a background save takes (the write runs off it).
    group.bench_function("save job taken on the UI thread, 251,287 read marks", |b| {
        b.iter_custom(|iterations| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iterations {
                next += 1;
                store.mark_read(CableKey::new(Some(&format!("10NEW{next}")), "text"));
                let started = std::time::Instant::now();
                let job = store.save_job();
                spent += started.elapsed();
                if let Some(job) = job {
                    let outcome = job.run();
                    let _ = store.finish_save(&outcome);
                }
            }
            spent
        })
    });
    group.bench_function("one more read mark + save, 251,287 read marks", |b| {
        b.iter(|| {
            next += 1;
            store.mark_read(CableKey::new(Some(&format!("10NEW{next}")), "text"));
            black_box(store.save())
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_summarise,
    bench_cache,
    bench_limit,
    bench_sort,
    bench_list_keys,
    bench_state
);
criterion_main!(benches);
