//! Parses the whole corpus many times: a target for profilers (`perf record`, callgrind).

use std::path::Path;

use cable_reader::cable::{parse_cable, unwrap};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut texts = Vec::new();
    for folder in [
        "wikileaks-html",
        "wikileaks-html-full",
        "text",
        "text-crlf",
        "csv",
        "repost",
    ] {
        for entry in std::fs::read_dir(root.join(folder))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                for source in unwrap(&bytes) {
                    texts.push(source.text.into_owned());
                }
            }
        }
    }
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let start = std::time::Instant::now();
    let mut paragraphs = 0;
    for _ in 0..rounds {
        for text in &texts {
            let source = cable_reader::cable::Source {
                text: std::borrow::Cow::Borrowed(text),
                format: cable_reader::cable::SourceFormat::PlainText,
                metadata: Default::default(),
                warnings: Vec::new(),
            };
            paragraphs += parse_cable(&source).paragraphs.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{} cables x {rounds} in {seconds:.2} s: {:.0} cables/s ({paragraphs} paragraphs)",
        texts.len(),
        (texts.len() * rounds) as f64 / seconds
    );
}
