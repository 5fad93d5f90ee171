//! Inputs built to hurt: FIFOs and devices, symbolic-link loops, endless streams, file names
//! and cable text that try to drive the terminal, outputs that cannot be written. The real
//! binary is run on each, with a deadline, and what it printed is checked byte by byte.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use cable_reader::corpus::walk::expand_paths;

const BIN: &str = env!("CARGO_BIN_EXE_cable-reader");

/// A short cable with the subject given.
fn cable_text(subject: &str) -> String {
    format!(
        "UNCLAS TESTPOST 000001\n\nSUBJECT: {subject}\n\nREF: A. 09 STATE 1\n\n\
         1. (U) FIRST PARAGRAPH.\n\n2. (U) SECOND PARAGRAPH.\n"
    )
}

/// A seed cable from the corpus, with a name that is outside truth: its file name.
fn corpus_cable() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/text/01VATICAN1261.txt")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo");
}

/// Waits for `child` to end, at most `limit`; kills it and fails if it does not.
fn finish(mut child: Child, limit: Duration, what: &str) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn run(args: &[&std::ffi::OsStr], what: &str) -> Output {
    let child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child, Duration::from_secs(60), what)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_fifo_in_a_folder_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(corpus_cable(), dir.path().join("01VATICAN1261.txt")).unwrap();
    mkfifo(&dir.path().join("f"));
    mkfifo(&dir.path().join("g.txt"));
    let output = run(&["parse".as_ref(), dir.path().as_os_str()], "parse");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("01VATICAN1261  "), "{stdout}");
    assert_eq!(stdout.matches("  file: ").count(), 1);
    let stderr = text(&output.stderr);
    let f = dir.path().join("f");
    let g = dir.path().join("g.txt");
    assert_eq!(
        stderr,
        format!(
            "cable-reader: skipped 2 entries that are no regular files (FIFO {}, FIFO {})\n",
            f.display(),
            g.display()
        )
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_read_as_a_stream_after_the_cables_before_it() {
    // `parse`, and the reader's plain form (stdout is a pipe here).
    for command in [&["parse"][..], &[]] {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("stream");
        mkfifo(&fifo);
        let mut child = Command::new(BIN)
            .args(command)
            .arg(corpus_cable())
            .arg(&fifo)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The first cable is shown while the FIFO has no writer yet.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut first = String::new();
            let _ = stdout.read_line(&mut first);
            let _ = sender.send(first);
            let mut rest = String::new();
            let _ = stdout.read_to_string(&mut rest);
            rest
        });
        let first = receiver.recv_timeout(Duration::from_secs(30));
        let opened = std::fs::OpenOptions::new().write(true).open(&fifo);
        let first = first.expect("the cable before the FIFO is printed before the FIFO is read");
        assert!(first.contains("01VATICAN1261"), "{command:?}: {first}");
        let mut writer = opened.unwrap();
        writer
            .write_all(cable_text("FROM A STREAM").as_bytes())
            .unwrap();
        drop(writer);
        let output = finish(child, Duration::from_secs(30), "reading a FIFO");
        assert!(
            output.status.success(),
            "{command:?}: {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn symbolic_link_loops_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("L");
    std::fs::create_dir(&root).unwrap();
    std::fs::copy(corpus_cable(), root.join("01VATICAN1261.txt")).unwrap();
    std::os::unix::fs::symlink("../L", root.join("a")).unwrap();
    std::os::unix::fs::symlink("../L", root.join("b")).unwrap();
    std::os::unix::fs::symlink(".", root.join("self")).unwrap();
    let expanded = expand_paths(std::slice::from_ref(&root));
    assert_eq!(expanded.files, vec![root.join("01VATICAN1261.txt")]);
    assert!(expanded.problems.is_empty());
    let output = run(&["parse".as_ref(), root.as_os_str()], "parse a link loop");
    assert!(output.status.success());
    assert_eq!(text(&output.stdout).matches("01VATICAN1261  ").count(), 1);
}

#[test]
fn an_endless_device_ends_at_the_record_limit() {
    let output = run(&["parse".as_ref(), "/dev/zero".as_ref()], "parse /dev/zero");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        text(&output.stderr),
        "cable-reader: /dev/zero: more than 16 MiB without the end of a cable, longer than \
         any cable; stopped reading (a device, or a stream that does not end?)\n"
    );
}

#[test]
fn a_full_disk_fails_every_command_with_a_message() {
    let cable = corpus_cable();
    let runs: [&[&std::ffi::OsStr]; 5] = [
        &["parse".as_ref(), "--json".as_ref(), cable.as_os_str()],
        &["parse".as_ref(), cable.as_os_str()],
        &[
            "export".as_ref(),
            "--format".as_ref(),
            "text".as_ref(),
            cable.as_os_str(),
        ],
        &[cable.as_os_str()],
        &["config".as_ref(), "path".as_ref()],
    ];
    for args in runs {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let child = Command::new(BIN)
            .args(args)
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = finish(child, Duration::from_secs(30), "writing to /dev/full");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            text(&output.stderr),
            "cable-reader: cannot write the output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wikileaks-html");
    for args in [
        vec!["parse", "--json"],
        vec!["parse"],
        vec!["export", "--format", "jsonl"],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .arg(&corpus)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line, then close the pipe, as `| head -1` does.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        drop(stdout);
        let output = finish(child, Duration::from_secs(60), "a closed pipe");
        assert!(!line.is_empty());
        assert!(output.status.success(), "{args:?}");
        assert_eq!(text(&output.stderr), "", "{args:?}");
    }
}

/// `ESC ] 0 ; PWNED BEL ESC [ 2 J`: retitles the terminal and clears it, if printed raw.
const ATTACK: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";
/// The same, made visible.
const SHOWN: &str = "\u{241b}]0;PWNED\u{2407}\u{241b}[2J";

fn no_escapes(bytes: &[u8], what: &str) {
    let shown = text(bytes);
    let found = shown.find(['\u{1b}', '\u{7}', '\u{0}', '\u{9b}']);
    assert_eq!(found, None, "{what}: {shown}");
}

#[test]
fn a_file_name_that_drives_the_terminal_is_shown_inert() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("cable{ATTACK}.txt");
    let path = dir.path().join(&name);
    std::fs::write(&path, cable_text("NAMES")).unwrap();

    let parse = run(&["parse".as_ref(), path.as_os_str()], "parse");
    assert!(parse.status.success());
    no_escapes(&parse.stdout, "parse");
    let expected = format!("  file: {}/cable{SHOWN}.txt\n", dir.path().display());
    assert!(
        text(&parse.stdout).contains(&expected),
        "{}",
        text(&parse.stdout)
    );

    // JSON keeps the name exactly (escaped by serde), so nothing is lost.
    let json = run(
        &["parse".as_ref(), "--json".as_ref(), path.as_os_str()],
        "parse --json",
    );
    no_escapes(&json.stdout, "parse --json");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        value
            .get("source")
            .and_then(|s| s.as_str())
            .map(|s| s.as_bytes()),
        Some(path.as_os_str().as_bytes())
    );

    for format in ["text", "markdown"] {
        let export = run(
            &[
                "export".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                path.as_os_str(),
            ],
            "export",
        );
        assert!(export.status.success(), "{format}");
        no_escapes(&export.stdout, format);
        no_escapes(&export.stderr, format);
    }

    // An error that names the file.
    let missing = dir.path().join(format!("gone{ATTACK}"));
    let error = run(
        &["parse".as_ref(), missing.as_os_str()],
        "parse a missing file",
    );
    assert_eq!(error.status.code(), Some(1));
    no_escapes(&error.stderr, "error message");
    assert_eq!(
        text(&error.stderr),
        format!(
            "cable-reader: {}/gone{SHOWN}: cannot read: No such file or directory (os error 2)\n",
            dir.path().display()
        )
    );
    // The reader's plain form names a file that holds no cable.
    let empty = dir.path().join(format!("empty{ATTACK}.txt"));
    std::fs::write(&empty, "").unwrap();
    let reader = run(&[empty.as_os_str()], "reader on an empty file");
    no_escapes(&reader.stderr, "reader");
    no_escapes(&reader.stdout, "reader");
}

#[test]
fn bidi_and_zero_width_characters_are_neutralised_in_text_and_kept_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bidi.txt");
    let subject = "PAY \u{202e}TXT.EXE\u{202c} NOW\u{200b}\u{2067}X\u{2069}\u{feff}";
    std::fs::write(&path, cable_text(subject)).unwrap();
    let parse = run(&["parse".as_ref(), path.as_os_str()], "parse");
    let stdout = text(&parse.stdout);
    assert!(
        stdout.contains("  subject: PAY ⟨RLO⟩TXT.EXE⟨PDF⟩ NOW⟨RLI⟩X⟨PDI⟩\n"),
        "{stdout}"
    );
    let json = run(
        &["parse".as_ref(), "--json".as_ref(), path.as_os_str()],
        "parse --json",
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value.get("subject").and_then(|s| s.as_str()), Some(subject));
    let export = run(
        &[
            "export".as_ref(),
            "--format".as_ref(),
            "markdown".as_ref(),
            path.as_os_str(),
        ],
        "export markdown",
    );
    let markdown = text(&export.stdout);
    let title = markdown.lines().next().unwrap_or_default();
    assert!(
        title.ends_with(" — PAY ⟨RLO⟩TXT.EXE⟨PDF⟩ NOW⟨RLI⟩X⟨PDI⟩"),
        "{markdown}"
    );
    for c in ['\u{202e}', '\u{200b}', '\u{feff}', '\u{2067}'] {
        assert!(!markdown.contains(c), "{c:?} in {markdown}");
        assert!(!stdout.contains(c), "{c:?} in {stdout}");
    }
}

#[test]
fn config_error_snippets_show_escapes_and_nul_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("wrap_width = \"{ATTACK}\0\"\n")).unwrap();
    let output = run(
        &[
            "--config".as_ref(),
            config.as_os_str(),
            "config".as_ref(),
            "check".as_ref(),
        ],
        "config check",
    );
    assert_eq!(output.status.code(), Some(1));
    no_escapes(&output.stderr, "config error");
    assert!(
        text(&output.stderr).contains(&format!("wrap_width = \"{SHOWN}\u{2400}\"")),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn the_config_flag_may_stand_before_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mine.toml");
    std::fs::write(&config, "wrap_width = 70\n").unwrap();
    for args in [
        [
            "--config".as_ref(),
            config.as_os_str(),
            "config".as_ref(),
            "check".as_ref(),
        ],
        [
            "config".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            "check".as_ref(),
        ],
        [
            "config".as_ref(),
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
        ],
    ] {
        let output = run(&args, "config check");
        assert_eq!(
            (output.status.code(), text(&output.stdout)),
            (Some(0), format!("{}: ok\n", config.display())),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
}
