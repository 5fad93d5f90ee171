//! The worst shapes found by the hostile-input review (issue 10), so their cost stays
//! visible: a cables.csv record whose last field never closes, an endless device read to
//! the record limit, and a one-letter search on a one-megabyte line with a frame drawn.
//!
//! `cargo bench --bench hostile`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;
use std::time::Duration;

use cable_reader::app::state::Entry;
use cable_reader::app::{update, Action, App};
use cable_reader::cable::wrapper::read_sources;
use cable_reader::cable::{Cable, Paragraph, MAX_RECORD_BYTES};
use cable_reader::ui::{self, Theme};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// One record that opens its last field and never closes it: `size` bytes of text.
fn unclosed_csv(size: usize) -> Vec<u8> {
    let mut csv = b"\"1\",\"2/25/1972 9:30\",\"72TEHRAN1164\",\"Embassy Tehran\",\
\"UNCLASSIFIED\",\"\",\"R 250930Z FEB 72\",\""
        .to_vec();
    let line = b"1. (C) THE SHAH SAID NO COMMENT ON THIS, AND MORE TEXT FOLLOWED.\n";
    while csv.len() < size {
        csv.extend_from_slice(line);
    }
    csv
}

fn one_line_app(bytes: usize) -> App {
    let cable = Cable {
        paragraphs: vec![Paragraph {
            number: Some(1),
            marking: None,
            level: None,
            text: Cow::Owned("a ".repeat(bytes / 2)),
            heading: None,
            spans: Vec::new(),
            span: 0..0,
        }],
        ..Cable::default()
    };
    let mut app = App::new(vec![Entry::cable("line".into(), None, cable)]);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));

    let csv = unclosed_csv(20 << 20);
    group.bench_function(
        "csv record never closing, 20 MB (skipped at the cap)",
        |b| {
            b.iter(|| {
                let mut count = 0;
                let read = read_sources(&csv[..], MAX_RECORD_BYTES, |_| count += 1).unwrap();
                black_box((read, count))
            })
        },
    );

    group.bench_function("/dev/zero-like stream to the cap", |b| {
        b.iter(|| {
            let zeros = std::io::Read::take(std::io::repeat(0), (MAX_RECORD_BYTES + 1) as u64);
            black_box(read_sources(zeros, MAX_RECORD_BYTES, |_| ()).unwrap())
        })
    });

    let theme = Theme::default();
    group.bench_function("search `a` on a 1 MB line, then a frame", |b| {
        let mut app = one_line_app(1 << 20);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        b.iter(|| {
            update(&mut app, Action::SearchStart);
            update(&mut app, Action::SearchInput('a'));
            update(&mut app, Action::SearchConfirm);
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .unwrap();
        })
    });

    group.bench_function("a key after the search on a 1 MB line (a frame)", |b| {
        let mut app = one_line_app(1 << 20);
        update(&mut app, Action::SearchStart);
        update(&mut app, Action::SearchInput('a'));
        update(&mut app, Action::SearchConfirm);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        b.iter(|| {
            update(&mut app, Action::SearchNext);
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
