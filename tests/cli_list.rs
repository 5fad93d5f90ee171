//! `cable-reader list` run as a user would: rows from headers, the same facts under the
//! same names as `parse --json`, limits and sorts, and limit mistakes with their column.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(folder)
}

fn run(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the binary runs")
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn list_json_agrees_with_parse_json_field_by_field() {
    let cache = tempfile::tempdir().unwrap();
    let folder = corpus("wikileaks-html");
    let folder = folder.to_str().unwrap();
    let listed = run(&["list", "--json", folder], cache.path());
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let parsed = run(&["parse", "--json", folder], cache.path());
    let (listed, parsed) = (json_lines(&listed), json_lines(&parsed));
    assert_eq!(listed.len(), parsed.len());
    assert!(listed.len() > 100);
    for (row, full) in listed.iter().zip(&parsed) {
        for field in [
            "source",
            "id",
            "date",
            "classification",
            "caveats",
            "origin",
            "subject",
            "tags",
            "references",
        ] {
            assert_eq!(row[field], full[field], "{field} of {}", full["source"]);
        }
    }
    // The cache was written where XDG_CACHE_HOME says.
    assert!(cache.path().join("cable-reader").is_dir());
}

#[test]
fn list_json_gives_the_key_parse_json_gives_on_every_corpus_cable() {
    let cache = tempfile::tempdir().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let folder = folder.to_str().unwrap();
    let parsed = json_lines(&run(&["parse", "--json", folder], cache.path()));
    assert!(parsed.len() > 500, "{}", parsed.len());
    let keyed = |lines: &[Value]| -> Vec<(String, String)> {
        lines
            .iter()
            .map(|line| {
                let key = line["key"].as_str().unwrap_or("no key").to_owned();
                (line["source"].as_str().unwrap().to_owned(), key)
            })
            .collect()
    };
    let truth = keyed(&parsed);
    // The key is `ID#HASH` with the id `parse` gives (empty when it finds none).
    for line in &parsed {
        let key = line["key"].as_str().unwrap();
        let (id, hash) = key.rsplit_once('#').unwrap();
        assert_eq!(id, line["id"].as_str().unwrap_or_default(), "{key}");
        assert_eq!(hash.len(), 16, "{key}");
    }
    // Cold (the keys computed), then warm (the keys from the cache): the same keys.
    for run_number in 0..2 {
        let listed = run(&["list", "--json", folder], cache.path());
        let stderr = String::from_utf8_lossy(&listed.stderr).into_owned();
        assert_eq!(
            keyed(&json_lines(&listed)),
            truth,
            "run {run_number}: {stderr}"
        );
    }
}

#[test]
fn limit_and_sort() {
    let cache = tempfile::tempdir().unwrap();
    let folder = corpus("text");
    let folder = folder.to_str().unwrap();
    let all = run(&["list", folder], cache.path());
    let all = String::from_utf8(all.stdout).unwrap();
    // One row per text file, named by its id (a truth from outside: the file names).
    let mut names: Vec<String> = std::fs::read_dir(corpus("text"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            path.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    let ids: Vec<&str> = all
        .lines()
        .map(|line| line.split("  ").next().unwrap())
        .collect();
    assert_eq!(ids, names);

    let vatican = run(&["list", "--limit", "~o vatican", folder], cache.path());
    let vatican = String::from_utf8(vatican.stdout).unwrap();
    assert_eq!(
        vatican
            .lines()
            .map(|l| l.split("  ").next().unwrap())
            .collect::<Vec<_>>(),
        ["01VATICAN1261"]
    );

    let by_date = run(
        &["list", "--sort", "date", "--reverse", folder],
        cache.path(),
    );
    let dates: Vec<String> = String::from_utf8(by_date.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split("  ").nth(1).unwrap().to_owned())
        .collect();
    let mut expected = dates.clone();
    expected.sort();
    expected.reverse();
    assert_eq!(dates, expected);
    assert_eq!(dates.len(), names.len());
}

#[test]
fn a_bad_limit_says_where() {
    let cache = tempfile::tempdir().unwrap();
    let folder = corpus("text");
    let output = run(
        &[
            "list",
            "--limit",
            "~c S ~d 2009-13",
            folder.to_str().unwrap(),
        ],
        cache.path(),
    );
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "cable-reader: --limit: column 9: ~d 2009-13: no month 13\n"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn parse_json_on_every_core_keeps_the_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    // Enough rows for several chunks (the first is 1 MB), each row's id known.
    let mut text = String::new();
    for row in 1..=3000 {
        text.push_str(&format!(
            "\"{row}\",\"1/2/2009 10:00\",\"09STATE{row}\",\"Secretary of State\",\"SECRET\",\"\",\"\",\
             \"SECRET STATE {row}\n\nSUBJECT: ROW {row}\n\n1. (S) {}\n\"\n",
            "Words of the paragraph. ".repeat(row % 40 + 1)
        ));
    }
    std::fs::write(&dump, &text).unwrap();
    assert!(text.len() > 1 << 20);
    let output = run(&["parse", "--json", dump.to_str().unwrap()], dir.path());
    assert!(output.status.success());
    let ids: Vec<String> = json_lines(&output)
        .iter()
        .map(|cable| cable["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let expected: Vec<String> = (1..=3000).map(|row| format!("09STATE{row}")).collect();
    assert_eq!(ids, expected);
    // The same bytes as parsing the file whole, one cable after another.
    let mut sequential = String::new();
    cable_reader::cable::for_each_cable_in(&dump, text.as_bytes(), |cable| {
        let key = cable_reader::corpus::key::cable_key(cable).to_string();
        let json =
            cable_reader::cable::json::CableJson::new(cable, dump.to_str().unwrap()).with_key(key);
        sequential.push_str(&serde_json::to_string(&json).unwrap());
        sequential.push('\n');
    })
    .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), sequential);
}

#[test]
fn the_config_gives_the_default_limit_sort_and_cache_dir() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let cache_dir = dir.path().join("my-cache");
    std::fs::write(
        &config,
        format!(
            "[corpus]\ncache_dir = {:?}\nsort = \"id\"\nreverse = true\nlimit = \"~o vatican | ~o havana\"\n",
            cache_dir.to_str().unwrap()
        ),
    )
    .unwrap();
    let folder = corpus("text");
    let output = Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(["list", folder.to_str().unwrap()])
        .env("CABLE_READER_CONFIG", &config)
        .env("XDG_CACHE_HOME", dir.path().join("unused"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let ids: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split("  ").next().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["02HAVANA7763", "01VATICAN1261"]);
    assert!(cache_dir.is_dir());
    assert!(!dir.path().join("unused").exists());
    // The command line wins over the config.
    let output = Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args([
            "list",
            "--limit",
            "~o vatican",
            "--sort",
            "date",
            folder.to_str().unwrap(),
        ])
        .env("CABLE_READER_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
}

/// A folder holding a corpus cable and a README; a folder holding only a README.
fn folders_with_a_readme() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed");
    let only = dir.path().join("only");
    std::fs::create_dir_all(&mixed).unwrap();
    std::fs::create_dir_all(&only).unwrap();
    std::fs::copy(
        corpus("text").join("01VATICAN1261.txt"),
        mixed.join("01VATICAN1261.txt"),
    )
    .unwrap();
    for folder in [&mixed, &only] {
        std::fs::write(folder.join("README.txt"), "Notes on the collection.\n").unwrap();
    }
    (dir, mixed, only)
}

#[test]
fn readmes_give_no_rows() {
    let cache = tempfile::tempdir().unwrap();
    let (_dir, mixed, only) = folders_with_a_readme();
    let text = |output: &Output| {
        (
            String::from_utf8(output.stdout.clone()).unwrap(),
            String::from_utf8(output.stderr.clone()).unwrap(),
        )
    };
    // Among cables: one row (the id is the file's name), the README counted.
    let output = run(&["list", mixed.to_str().unwrap()], cache.path());
    let (out, err) = text(&output);
    assert!(output.status.success(), "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("01VATICAN1261  2001-03-06  "), "{out}");
    assert!(!out.contains('?'), "{out}");
    assert_eq!(
        err,
        format!(
            "cable-reader: {}: skipped 1 file that is no cable\n",
            mixed.display()
        )
    );
    // Named alone: no row, the file named, a failure.
    let readme = mixed.join("README.txt");
    let output = run(&["list", readme.to_str().unwrap()], cache.path());
    let (out, err) = text(&output);
    assert!(!output.status.success());
    assert_eq!(out, "");
    assert!(
        err.starts_with(&format!("cable-reader: {}: not a cable", readme.display())),
        "{err}"
    );
    // Nothing at all a cable: a failure.
    let output = run(&["list", only.to_str().unwrap()], cache.path());
    let (out, err) = text(&output);
    assert!(!output.status.success());
    assert_eq!(out, "");
    assert!(err.contains("the folder holds no cable files"), "{err}");
}

#[cfg(unix)]
#[test]
fn streams_are_read_with_the_record_limit() {
    let cache = tempfile::tempdir().unwrap();
    // An endless device ends at the 16 MiB record limit, with a message naming it.
    let output = run(&["list", "/dev/zero"], cache.path());
    assert!(!output.status.success());
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.starts_with("cable-reader: /dev/zero: more than 16 MiB without the end of a cable"),
        "{err}"
    );
    // A FIFO named on the command line is read as a stream: its cable is listed.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("cables");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let text = std::fs::read(corpus("text").join("02HAVANA7763.txt")).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let output = run(&["list", fifo.to_str().unwrap()], cache.path());
    writer.join().unwrap();
    assert!(output.status.success());
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.starts_with("02HAVANA7763  "), "{out}");
}
