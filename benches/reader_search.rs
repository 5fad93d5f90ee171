//! The reader's corpus search, as the user waits for it: from the Enter that submits a
//! query at the `/` prompt of the cable list to the answer applied by `update` (the
//! Indexer's worker runs the query, the loop's `pump` hands the answer to `update`, which
//! makes the list the hits). The index is open before the first query.
//!
//! Input: the dump named by `CABLE_DUMP`, else a cables.csv of 5,000 rows made by
//! ../shared/tools/make-cables-csv in a temp dir; the summaries and the index go to
//! `CABLE_BENCH_CACHE` (built there once and reused), else a temp dir. The run first times
//! one `grep -c SUBJECT` pass over the same file, the yardstick of the targets.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use cable_reader::app::corpus_search::IndexState;
use cable_reader::app::indexing::Indexer;
use cable_reader::app::list::CorpusList;
use cable_reader::app::loading::Loader;
use cable_reader::app::prompt::PromptEdit;
use cable_reader::app::{update, Action, App};
use cable_reader::config::keys::Key;
use cable_reader::corpus::open::Options;
use cable_reader::ui::{self, Theme};
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn dump(dir: &Path) -> PathBuf {
    if let Some(path) = std::env::var_os("CABLE_DUMP") {
        return PathBuf::from(path);
    }
    let csv = dir.join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = Command::new(tool)
        .args(["--rows", "5000"])
        .arg(&csv)
        .status()
        .map(|status| status.success());
    assert!(matches!(made, Ok(true)), "make-cables-csv failed");
    csv
}

/// One `grep -c SUBJECT` pass over `path`, timed.
fn grep_pass(path: &Path) -> Duration {
    let start = Instant::now();
    let output = Command::new("grep")
        .args(["-c", "SUBJECT"])
        .arg(path)
        .output()
        .expect("grep runs");
    let took = start.elapsed();
    eprintln!(
        "grep -c SUBJECT {}: {} lines in {:.0} ms",
        path.display(),
        String::from_utf8_lossy(&output.stdout).trim(),
        took.as_secs_f64() * 1000.0
    );
    took
}

struct Reader {
    app: App,
    indexer: Indexer,
    /// What the status said of the last answer.
    said: String,
}

impl Reader {
    fn open(dump: &Path, cache: &Path) -> Reader {
        let options = Options {
            cache_dir: Some(cache.to_owned()),
        };
        let mut loader = Loader::start(vec![dump.to_owned()], options);
        let mut app = App::new(Vec::new());
        app.list = Some(CorpusList::new(Default::default(), false));
        update(
            &mut app,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        loader.wait(&mut app);
        let mut indexer = Indexer::start(loader.corpus(), loader.cache_dir());
        let start = Instant::now();
        while matches!(
            app.corpus_search.index,
            IndexState::Waiting | IndexState::Building { .. }
        ) {
            indexer.pump(&mut app);
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!(
            "{} cables listed; index {:?} in {:.1} s",
            app.list.as_ref().map_or(0, |list| list.rows.len()),
            app.corpus_search.index,
            start.elapsed().as_secs_f64()
        );
        Reader {
            app,
            indexer,
            said: String::new(),
        }
    }

    /// Types `text` at a prompt opened by `open` and leaves Enter to the caller.
    fn type_at(&mut self, open: Action, text: &str) {
        update(&mut self.app, open);
        update(&mut self.app, Action::PromptEdit(PromptEdit::DeleteToStart));
        for c in text.chars() {
            update(&mut self.app, Action::PromptKey(Key::char(c)));
        }
    }

    /// `L` with `limit` (empty for none), answered at once by `update`.
    fn limit(&mut self, limit: &str) {
        self.type_at(Action::LimitStart, limit);
        update(&mut self.app, Action::PromptEdit(PromptEdit::Submit));
    }

    /// `/query`, then Enter; timed from the Enter to the answer applied, then Esc.
    fn search(&mut self, query: &str) -> Duration {
        let took = self.search_and_stay(query);
        // Esc: the list as it was, for the next round.
        update(&mut self.app, Action::Cancel);
        took
    }

    /// `/query`, then Enter; timed from the Enter to the answer applied; the hits stay.
    fn search_and_stay(&mut self, query: &str) -> Duration {
        self.type_at(Action::CorpusSearchStart, query);
        let start = Instant::now();
        update(&mut self.app, Action::PromptEdit(PromptEdit::Submit));
        while self.app.corpus_search.pending.is_some() {
            // The loop's own pace while a query is out is 2 ms; a finer one measures the
            // work, not the poll.
            self.indexer.pump(&mut self.app);
            std::thread::sleep(Duration::from_micros(100));
        }
        let took = start.elapsed();
        self.said = self
            .app
            .message
            .as_ref()
            .map(|message| message.text.clone())
            .unwrap_or_default();
        took
    }
}

fn bench_reader_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dump(dir.path());
    let cache = std::env::var_os("CABLE_BENCH_CACHE")
        .map_or_else(|| dir.path().join("cache"), PathBuf::from);
    let size = std::fs::metadata(&csv).map_or(0, |m| m.len());
    eprintln!("input {}: {size} bytes", csv.display());
    grep_pass(&csv);
    let mut reader = Reader::open(&csv, &cache);
    let mut group = c.benchmark_group("reader search");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(4));
    for (limit, query) in [
        ("", "iran"),
        ("", "nuclear"),
        ("", "cartel"),
        ("", "\"political pragmatism\""),
        ("", "~c S iran"),
        ("", "iran OR nuclear"),
        ("~c S", "iran"),
        ("~c S", "nuclear"),
    ] {
        reader.limit(limit);
        reader.search(query);
        eprintln!("{limit:>5} /{query}: {}", reader.said);
        let name = if limit.is_empty() {
            query.to_owned()
        } else {
            format!("L {limit} then {query}")
        };
        group.bench_function(name, |b| {
            b.iter_custom(|rounds| (0..rounds).map(|_| reader.search(query)).sum())
        });
    }
    group.finish();
    // A frame of the hits list, snippets under each: drawn from the state alone.
    reader.limit("");
    reader.search_and_stay("iran");
    // The snippets of the hits in view and past them, asked for by the loop.
    for _ in 0..100 {
        reader.indexer.pump(&mut reader.app);
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    let theme = Theme::default();
    c.bench_function("frame of the hits list", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::draw(frame, &reader.app, &theme))
                .expect("draws");
        })
    });
    grep_pass(&csv);
}

criterion_group!(benches, bench_reader_search);
criterion_main!(benches);
