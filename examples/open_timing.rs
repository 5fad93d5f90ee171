//! Times opening a collection the way the reader will: when the first rows are ready, when
//! all are summarised (or loaded from the cache), and the peak anonymous memory.
//!
//! `cargo run --release --example open_timing -- PATH...` (the cache is used as the
//! program uses it: `$XDG_CACHE_HOME/cable-reader`).

use std::path::PathBuf;
use std::time::Instant;

use cable_reader::corpus::cache;
use cable_reader::corpus::open::{open, Options};

/// `VmHWM` and `RssAnon` of this process, from /proc (Linux only).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|line| line.starts_with("VmHWM") || line.starts_with("RssAnon"))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let options = Options {
        cache_dir: cache::default_dir(),
    };
    let start = Instant::now();
    let mut first = None;
    let mut peak_anon = 0u64;
    let opened = open(&paths, &options, |batch| {
        if first.is_none() && !batch.summaries.is_empty() {
            first = Some((start.elapsed(), batch.summaries.len()));
        }
        // Sample the anonymous memory as the rows come in.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(kb) = status
            .lines()
            .find(|line| line.starts_with("RssAnon"))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
        {
            peak_anon = peak_anon.max(kb);
        }
    });
    let all = start.elapsed();
    if let Some((at, rows)) = first {
        println!("first {rows} rows after {:.3} s", at.as_secs_f64());
    }
    println!(
        "{} cables ({} summarised, {} from the cache) in {:.3} s",
        opened.corpus.len(),
        opened.summarised,
        opened.corpus.len() - opened.summarised,
        all.as_secs_f64()
    );
    println!(
        "peak RssAnon sampled per batch: {peak_anon} kB; at the end: {}",
        memory()
    );
    for message in &opened.messages {
        println!("message: {message}");
    }
}
