//! Replays the saved fuzz inputs (`tests/fuzz_inputs/<target>/`) through the same bodies the
//! cargo-fuzz targets run (`fuzz/bodies.rs`), on stable, in every test run. Add an input the
//! fuzzer found (`fuzz/artifacts/<target>/crash-*`) to the target's folder to keep it fixed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_inputs")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| body(&bytes));
        assert!(result.is_ok(), "{target}: {} breaks it", path.display());
        count += 1;
    }
    assert!(
        count >= 3,
        "{target}: only {count} saved inputs in {}",
        dir.display()
    );
}

#[test]
fn grammar_inputs() {
    replay("grammar", bodies::grammar);
}

#[test]
fn csv_reader_inputs() {
    replay("csv_reader", bodies::csv_reader);
}

#[test]
fn sanitize_inputs() {
    replay("sanitize", bodies::sanitize);
}

#[test]
fn limit_inputs() {
    replay("limit", bodies::limit);
}

#[test]
fn query_inputs() {
    replay("query", bodies::query);
}
