//! One frame of the reader drawn into a `TestBackend`, on the largest cable of the shared
//! corpus (the one with the most paragraph text), and the steps a user repeats: scrolling a
//! line, rewrapping after a resize, typing a search character.
//!
//! `cargo bench --bench frame`; the corpus is `CABLE_CORPUS` or `../shared/corpus`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use cable_reader::app::state::{Entry, Focus};
use cable_reader::app::{update, Action, App};
use cable_reader::ui::{self, Theme};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn corpus() -> PathBuf {
    std::env::var_os("CABLE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// The corpus cable with the most paragraph text.
fn largest() -> Entry {
    let folders = [
        "text",
        "text-crlf",
        "repost",
        "wikileaks-html",
        "wikileaks-html-full",
        "csv",
    ];
    let paths: Vec<PathBuf> = folders
        .iter()
        .map(|f| corpus().join(f))
        .filter(|p| p.is_dir())
        .collect();
    // Read as the reader reads them: the corpus layer's records, each cable parsed in full.
    let mut corpus = cable_reader::corpus::open::open(&paths, &Default::default(), |_| {}).corpus;
    let size = |entry: &Entry| {
        entry.doc().map_or(0, |doc| {
            doc.paras.iter().map(|p| p.text.len()).sum::<usize>()
        })
    };
    let entry = (0..corpus.len())
        .filter_map(|row| {
            let name = corpus.source_of(row)?.name.clone();
            let cable = corpus.cable(row).ok()?;
            Some(Entry::cable(name, None, (*cable).clone()))
        })
        .max_by_key(size)
        .expect("the corpus has cables");
    let doc = entry.doc().expect("the largest cable parsed");
    eprintln!(
        "largest corpus cable: {} ({}), {} paragraphs, {} bytes of paragraph text",
        doc.header.id.as_deref().unwrap_or("?"),
        entry.name,
        doc.paras.len(),
        size(&entry)
    );
    entry
}

fn app(entry: Entry, width: u16, height: u16) -> App {
    let mut app = App::new(vec![entry]);
    update(&mut app, Action::Resize { width, height });
    app
}

fn frames(c: &mut Criterion) {
    let entry = largest();
    let theme = Theme::default();
    let mut group = c.benchmark_group("frame");
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_secs(1));

    for (width, height) in [(120u16, 40u16), (200, 60)] {
        let mut reader = app(entry.clone(), width, height);
        update(&mut reader, Action::ToggleWhole);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        group.bench_function(format!("draw whole cable {width}x{height}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::draw(frame, black_box(&reader), &theme))
                    .unwrap();
            })
        });
    }

    let mut reader = app(entry.clone(), 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    group.bench_function("draw selected paragraph 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::draw(frame, black_box(&reader), &theme))
                .unwrap();
        })
    });

    // A scroll step: one line down (or back up at the end), then the frame.
    update(&mut reader, Action::ToggleWhole);
    update(&mut reader, Action::FocusNext);
    assert_eq!(reader.focus, Focus::Text);
    let mut down = true;
    group.bench_function("scroll step + draw 120x40", |b| {
        b.iter(|| {
            let before = reader.reader.text_scroll;
            update(&mut reader, if down { Action::Down } else { Action::Up });
            if reader.reader.text_scroll == before {
                down = !down;
            }
            terminal
                .draw(|frame| ui::draw(frame, &reader, &theme))
                .unwrap();
        })
    });

    // A resize that changes the text width: the whole cable is rewrapped.
    let mut reader = app(entry.clone(), 120, 40);
    update(&mut reader, Action::ToggleWhole);
    let mut wide = false;
    group.bench_function("resize (rewrap whole cable) 120<->121", |b| {
        b.iter(|| {
            wide = !wide;
            let width = if wide { 121 } else { 120 };
            update(&mut reader, Action::Resize { width, height: 40 });
        })
    });

    // Typing one more search character (and deleting it again): matches found anew.
    let mut reader = app(entry, 120, 40);
    update(&mut reader, Action::SearchStart);
    update(&mut reader, Action::SearchInput('t'));
    group.bench_function("search keystroke + draw 120x40", |b| {
        b.iter(|| {
            update(&mut reader, Action::SearchInput('h'));
            terminal
                .draw(|frame| ui::draw(frame, &reader, &theme))
                .unwrap();
            update(&mut reader, Action::SearchBackspace);
        })
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
