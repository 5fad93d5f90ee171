//! The full parse (find the cable in its wrapper, then the grammar) over every corpus file,
//! on one core. Reports MB/s (input bytes) and cables/s.

use std::path::Path;

use cable_reader::cable::{parse_cable, unwrap};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn corpus(folder: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect()
}

/// Parses every cable in `files`, returning how many there were.
fn parse_all(files: &[Vec<u8>]) -> usize {
    let mut cables = 0;
    for bytes in files {
        for source in unwrap(bytes) {
            let cable = parse_cable(&source);
            black_box(&cable);
            cables += 1;
        }
    }
    cables
}

fn bench_parse(c: &mut Criterion) {
    let folders = [
        "wikileaks-html",
        "wikileaks-html-full",
        "text",
        "text-crlf",
        "csv",
        "repost",
    ];
    let all: Vec<Vec<u8>> = folders.iter().flat_map(|folder| corpus(folder)).collect();
    let bytes: usize = all.iter().map(Vec::len).sum();
    let cables = parse_all(&all);
    // The cable text alone, without the WikiLeaks page around it, is what a dump holds.
    let texts: Vec<Vec<u8>> = all
        .iter()
        .flat_map(|file| {
            unwrap(file)
                .into_iter()
                .map(|source| source.text.into_owned().into_bytes())
                .collect::<Vec<_>>()
        })
        .collect();
    let text_bytes: usize = texts.iter().map(Vec::len).sum();
    println!(
        "corpus: {} files, {cables} cables, {:.1} MB as published, {:.1} MB of cable text",
        all.len(),
        bytes as f64 / 1e6,
        text_bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("parse");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus as published (bytes)", |b| {
        b.iter(|| parse_all(black_box(&all)))
    });
    group.throughput(Throughput::Elements(cables as u64));
    group.bench_function("corpus as published (cables)", |b| {
        b.iter(|| parse_all(black_box(&all)))
    });
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("cable text only (bytes)", |b| {
        b.iter(|| parse_all(black_box(&texts)))
    });
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("cable text only (cables)", |b| {
        b.iter(|| parse_all(black_box(&texts)))
    });
    for folder in folders {
        let files = corpus(folder);
        let count = parse_all(&files);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_function(format!("{folder} (cables)"), |b| {
            b.iter(|| parse_all(black_box(&files)))
        });
    }
    group.finish();
}

/// The PDFs, apart: their time is the PDF reader's (pdf-extract), not the grammar's. One
/// measurement per file (the text only), then the folder through the whole parse.
fn bench_pdf(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    let mut all = Vec::new();
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("text of {}", name.unwrap_or_default()), |b| {
            b.iter(|| cable_reader::cable::wrapper::pdf::extract_text(black_box(&bytes)))
        });
        all.push(bytes);
    }
    let cables = parse_all(&all);
    group.throughput(Throughput::Elements(cables as u64));
    group.bench_function("folder parsed (cables)", |b| {
        b.iter(|| parse_all(black_box(&all)))
    });
    group.finish();
}

criterion_group!(benches, bench_parse, bench_pdf);
criterion_main!(benches);
