//! The key pass: every summary row gets the cable key the saved state uses (`ID#HASH` of its
//! paragraphs), computed after the rows are listed, kept in the summary cache, and counted:
//! every record parsed on a cold open, none on a warm one, all again after the file is
//! touched; a cache of the format without keys is rebuilt with a message.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use cable_reader::cable::{parse_cable, sources};
use cable_reader::corpus::key::cable_key;
use cable_reader::corpus::keys::fill_keys;
use cable_reader::corpus::open::{open, Opened, Options};

/// A cables.csv of `rows` rows, row `n` with id `09STATE<n>` and its own paragraph text.
fn write_dump(path: &Path, rows: usize) -> String {
    let mut text = String::new();
    for row in 1..=rows {
        text.push_str(&format!(
            "\"{row}\",\"1/2/2009 10:00\",\"09STATE{row}\",\"Secretary of State\",\"SECRET\",\"\",\"\",\
             \"SECRET STATE {row}\n\nSUBJECT: ROW {row}\n\n1. (S) Paragraph of row {row}.\n\n2. (S) More.\n\"\n"
        ));
    }
    fs::write(path, &text).unwrap();
    text
}

fn open_with_keys(path: &Path, options: &Options) -> (Opened, usize, Vec<String>) {
    let mut opened = open(&[path.to_owned()], options, |_| {});
    let mut batches = 0;
    let pass = fill_keys(&mut opened.corpus, options, |keys| batches += keys.len());
    assert_eq!(batches, pass.parsed, "every key found is handed on");
    (opened, pass.parsed, pass.messages)
}

#[test]
fn keys_cold_warm_touched_and_the_old_cache_format() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    let text = write_dump(&dump, 300);
    let options = Options {
        cache_dir: Some(dir.path().join("cache")),
    };
    // The truth: each record's cable parsed whole from the file's bytes, on its own.
    let truth: Vec<String> = sources(text.as_bytes())
        .map(|source| cable_key(&parse_cable(&source)).to_string())
        .collect();
    assert_eq!(truth.len(), 300);
    assert_eq!(truth[0].split_once('#').unwrap().0, "09STATE1");
    let keys = |opened: &Opened| -> Vec<String> {
        opened
            .corpus
            .summaries
            .iter()
            .map(|s| s.key().map_or_else(|| "none".to_owned(), |k| k.to_string()))
            .collect()
    };

    let (cold, parsed, messages) = open_with_keys(&dump, &options);
    assert_eq!((cold.summarised, parsed), (300, 300));
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(keys(&cold), truth);

    // Warm: the keys come from the cache, nothing is parsed.
    let warm = open(std::slice::from_ref(&dump), &options, |_| {});
    assert_eq!(warm.summarised, 0);
    assert_eq!(keys(&warm), truth);
    let (_, parsed, _) = open_with_keys(&dump, &options);
    assert_eq!(parsed, 0);

    // Touched: everything summarised and keyed again.
    let file = fs::File::options().write(true).open(&dump).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(file);
    let (touched, parsed, _) = open_with_keys(&dump, &options);
    assert_eq!((touched.summarised, parsed), (300, 300));
    assert_eq!(keys(&touched), truth);

    // A cache of the first format (no keys) is never read as this one: rebuilt, with a
    // message saying why.
    let cache_files: Vec<_> = fs::read_dir(dir.path().join("cache"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(cache_files.len(), 1);
    let mut old = postcard::to_allocvec("cable-reader summaries 1").unwrap();
    old.extend_from_slice(&fs::read(&cache_files[0]).unwrap()[25..]);
    fs::write(&cache_files[0], old).unwrap();
    let (rebuilt, parsed, _) = open_with_keys(&dump, &options);
    assert_eq!((rebuilt.summarised, parsed), (300, 300));
    assert_eq!(rebuilt.messages.len(), 1, "{:?}", rebuilt.messages);
    assert!(
        rebuilt.messages[0].contains("older format"),
        "{:?}",
        rebuilt.messages
    );
    assert_eq!(keys(&rebuilt), truth);
}

#[test]
fn a_cache_written_before_the_keys_were_known_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 120);
    let options = Options {
        cache_dir: Some(dir.path().join("cache")),
    };
    // Listed, and the reader quit before the key pass: the cache has rows, no keys.
    let listed = open(std::slice::from_ref(&dump), &options, |_| {});
    assert_eq!(listed.summarised, 120);
    assert!(listed.corpus.summaries.iter().all(|s| s.hash.is_none()));
    // The next open lists from the cache, parses every record for its key once, and saves.
    let (warm, parsed, messages) = open_with_keys(&dump, &options);
    assert_eq!((warm.summarised, parsed), (0, 120));
    assert!(messages.is_empty(), "{messages:?}");
    let (again, parsed, _) = open_with_keys(&dump, &options);
    assert_eq!((again.summarised, parsed), (0, 0));
    assert!(again.corpus.summaries.iter().all(|s| s.hash.is_some()));
}

#[test]
fn a_file_changed_before_the_key_pass_gets_no_keys_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 50);
    let options = Options {
        cache_dir: Some(dir.path().join("cache")),
    };
    let mut opened = open(std::slice::from_ref(&dump), &options, |_| {});
    // Shrunk between the listing and the key pass.
    let text = fs::read(&dump).unwrap();
    fs::write(&dump, &text[..text.len() / 2]).unwrap();
    let pass = fill_keys(&mut opened.corpus, &options, |_| {});
    assert_eq!(pass.parsed, 0);
    assert!(opened.corpus.summaries.iter().all(|s| s.hash.is_none()));
    assert_eq!(pass.messages.len(), 1, "{:?}", pass.messages);
    assert!(
        pass.messages[0].contains("cables.csv"),
        "{:?}",
        pass.messages
    );
    assert!(pass.messages[0].contains("changed"), "{:?}", pass.messages);
}
