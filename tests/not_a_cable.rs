//! Files that are no cables: named alone they are an error naming the file; in a folder
//! they are skipped and counted; text that is partly a cable still opens, with warnings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use cable_reader::cable::{read_path, ReadError};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the binary");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn readme() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

const NOT_A_CABLE: &str =
    "not a cable: no classification line, routing header, numbered paragraph, TAGS or SUBJECT";

#[test]
fn the_readme_named_alone_is_not_a_cable() {
    let error = read_path(&readme()).expect_err("no cable");
    assert!(matches!(error, ReadError::NotACable { .. }));
    assert_eq!(
        error.to_string(),
        format!("{}: {NOT_A_CABLE}", readme().display())
    );
    let readme = readme();
    let path = readme.to_str().unwrap();
    for args in [
        vec![path],
        vec!["parse", path],
        vec!["export", "--format", "json", path],
    ] {
        let output = run(&args, b"");
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("{path}: {NOT_A_CABLE}")),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_letter_on_standard_input_is_not_a_cable_and_empty_input_says_empty() {
    let output = run(
        &["-"],
        b"Dear Sir,\n\nthank you for your letter of May 3.\n",
    );
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains(NOT_A_CABLE));
    let output = run(&["-"], b"");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("<stdin>: empty: there is nothing to read"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn in_a_folder_files_that_are_no_cables_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(readme(), dir.path().join("README.txt")).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/10LIMA157.txt"),
        dir.path().join("10LIMA157.txt"),
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let output = run(&[folder], b"");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Id:              10LIMA157"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        format!("cable-reader: {folder}: skipped 2 files that are no cables")
    );
    let output = run(&["parse", folder], b"");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("skipped 2 file(s) in folders that are no cables"));
}

#[test]
fn text_that_is_partly_a_cable_opens_with_warnings() {
    let output = run(
        &["parse", "-"],
        b"SUBJECT: TALKS WITH THE MINISTER\n\nThe minister said little.\n",
    );
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("subject: TALKS WITH THE MINISTER"),
        "{stdout}"
    );
    assert!(stdout.contains("warning:"), "{stdout}");
}
