//! The corpus layer over ../shared/corpus and over generated dumps: summary rows (read
//! from headers only) against the full parse and the file names; the cache cold, warm,
//! stale, corrupt and unwritable; a file that shrinks while it is open.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use cable_reader::cable::{parse_cable, sources};
use cable_reader::corpus::open::{open, Corpus, Opened, Options};
use cable_reader::corpus::summary::Summary;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn open_quietly(paths: &[PathBuf], options: &Options) -> Opened {
    open(paths, options, |_| {})
}

/// The summary the full parse of record `index` gives.
fn full_summary(corpus: &mut Corpus, index: usize) -> (Summary, bool) {
    let record = corpus.records[index];
    let bytes = corpus.sources[record.source as usize]
        .read(&record)
        .unwrap();
    let source = record.source_in(&bytes).unwrap();
    let mut cable = parse_cable(&source);
    // As `parse` settles it: a cable alone in a file named by its id takes that id.
    let path = corpus.sources[record.source as usize].path.clone().unwrap();
    cable_reader::cable::settle(&path, &source, &mut cable).unwrap();
    let sections_from_header = cable
        .classification_line
        .as_ref()
        .is_some_and(|line| line.section.is_some());
    (Summary::of(&cable), sections_from_header)
}

#[test]
fn summary_rows_equal_the_full_parse_on_every_corpus_cable() {
    let opened = open_quietly(&[corpus_dir()], &Options::default());
    let mut corpus = opened.corpus;
    // Every file of the folder is a source (PDFs are not cable files).
    let files = cable_reader::corpus::walk::expand_paths(&[corpus_dir()]).files;
    assert_eq!(corpus.sources.len(), files.len());
    // One record per cable: as many as the wrapper finds reading each file whole.
    let cables: usize = files
        .iter()
        .map(|file| sources(&fs::read(file).unwrap()).count())
        .sum();
    assert_eq!(corpus.len(), cables);
    assert!(cables > 500, "{cables}");
    let mut differing = Vec::new();
    for index in 0..corpus.len() {
        let summary = corpus.summaries[index].clone();
        let (mut full, sections_from_header) = full_summary(&mut corpus, index);
        // Warnings of the body are the full parse's only; sections counted from repeated
        // section headers in the body too.
        assert!(summary.warnings <= full.warnings);
        full.warnings = summary.warnings;
        if !sections_from_header {
            assert_eq!(summary.sections, 1);
            full.sections = 1;
        }
        if summary != full {
            differing.push(format!(
                "{}: {summary:?} != {full:?}",
                corpus.source_of(index).unwrap().name
            ));
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn ids_match_the_file_names() {
    // WikiLeaks pages, text files and PDFs are named by the cable's id: a truth from
    // outside. A text that gives no id takes its file's name, as `parse` does; the few
    // files whose text names another cable (a publisher's slip) keep the text's id.
    for (folder, files) in [("wikileaks-html", 100), ("text", 30), ("pdf", 10)] {
        let dir = corpus_dir().join(folder);
        let opened = open_quietly(&[dir], &Options::default());
        let corpus = opened.corpus;
        assert!(corpus.len() >= files, "{folder}: {}", corpus.len());
        let (mut named, mut wrong) = (0, Vec::new());
        for index in 0..corpus.len() {
            let name = corpus.source_of(index).unwrap().path.clone().unwrap();
            let stem = name.file_stem().unwrap().to_string_lossy().into_owned();
            let id = corpus.summaries[index].id.as_deref();
            if id == Some(stem.as_str()) {
                named += 1;
                continue;
            }
            let bytes = fs::read(&name).unwrap();
            let text_id = cable_reader::cable::try_sources(&bytes)
                .unwrap()
                .next()
                .and_then(|source| parse_cable(&source).id);
            if text_id.is_none() || text_id.as_deref() != id {
                wrong.push(format!("{stem}: {id:?}, the text gives {text_id:?}"));
            }
        }
        assert!(wrong.is_empty(), "{folder}: {wrong:#?}");
        assert!(named * 20 >= corpus.len() * 19, "{folder}: {named}");
    }
}

/// A cables.csv of `rows` rows, each row's id `09STATE<row>`.
fn write_dump(path: &Path, rows: usize) {
    let mut text = String::new();
    for row in 1..=rows {
        text.push_str(&format!(
            "\"{row}\",\"1/{}/2009 10:00\",\"09STATE{row}\",\"Secretary of State\",\"SECRET//NOFORN\",\"\",\
             \"P {:02}1000Z JAN 09\nFM SECSTATE WASHDC\nTO AMEMBASSY MEXICO\",\
             \"S E C R E T STATE {row}\n\nNOFORN\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL, MX\n\
             SUBJECT: ROW {row} SUBJECT\n\n1. (S) Text of row {row}.\n\"\n",
            row % 28 + 1,
            row % 28 + 1,
        ));
    }
    fs::write(path, text).unwrap();
}

#[test]
fn generated_rows_have_their_ids_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 300);
    let opened = open_quietly(&[dump], &Options::default());
    assert_eq!(opened.summarised, 300);
    let ids: Vec<String> = opened
        .corpus
        .summaries
        .iter()
        .map(|s| s.id.clone().unwrap_or_default())
        .collect();
    let expected: Vec<String> = (1..=300).map(|row| format!("09STATE{row}")).collect();
    assert_eq!(ids, expected);
    let first = &opened.corpus.summaries[0];
    assert_eq!(first.subject.as_deref(), Some("ROW 1 SUBJECT"));
    assert_eq!(first.tags, ["PREL", "MX"]);
    assert_eq!(first.classification.as_deref(), Some("SECRET//NOFORN"));
}

#[test]
fn cache_cold_warm_touched_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 200);
    let options = Options {
        cache_dir: Some(dir.path().join("cache")),
    };
    let paths = [dump.clone()];

    let cold = open_quietly(&paths, &options);
    assert_eq!(cold.summarised, 200);
    assert!(cold.messages.is_empty(), "{:?}", cold.messages);

    let warm = open_quietly(&paths, &options);
    assert_eq!(warm.summarised, 0);
    assert!(warm.messages.is_empty(), "{:?}", warm.messages);
    assert_eq!(warm.corpus.summaries, cold.corpus.summaries);
    assert_eq!(warm.corpus.records, cold.corpus.records);

    // Touched: same bytes, another modification time.
    let file = fs::File::options().write(true).open(&dump).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(file);
    let touched = open_quietly(&paths, &options);
    assert_eq!(touched.summarised, 200);
    assert_eq!(touched.messages.len(), 1, "{:?}", touched.messages);
    assert!(
        touched.messages[0].contains("changed since"),
        "{:?}",
        touched.messages
    );
    assert_eq!(open_quietly(&paths, &options).summarised, 0);

    // Corrupt: every cache file overwritten with noise.
    for entry in fs::read_dir(dir.path().join("cache")).unwrap() {
        fs::write(entry.unwrap().path(), b"\xff\xff\xff not a cache").unwrap();
    }
    let corrupt = open_quietly(&paths, &options);
    assert_eq!(corrupt.summarised, 200);
    assert!(
        corrupt.messages[0].contains("corrupt"),
        "{:?}",
        corrupt.messages
    );
    assert_eq!(corrupt.corpus.summaries, cold.corpus.summaries);
    assert_eq!(open_quietly(&paths, &options).summarised, 0);
}

#[test]
fn unwritable_cache_is_reported_and_the_rows_still_come() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 50);
    // A file where the cache folder should be: it cannot be created.
    let blocker = dir.path().join("cache");
    fs::write(&blocker, b"a file").unwrap();
    let options = Options {
        cache_dir: Some(blocker.join("inside")),
    };
    let opened = open_quietly(&[dump], &options);
    assert_eq!(opened.corpus.len(), 50);
    assert_eq!(opened.messages.len(), 1, "{:?}", opened.messages);
    assert!(
        opened.messages[0].contains("cannot save summaries"),
        "{:?}",
        opened.messages
    );
}

#[test]
fn a_file_truncated_while_open_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 100);
    let mut corpus = open_quietly(std::slice::from_ref(&dump), &Options::default()).corpus;
    assert_eq!(corpus.cable(99).unwrap().id.as_deref(), Some("09STATE100"));
    // Shrink it to a third, as another program might while the reader is open.
    let file = fs::File::options().write(true).open(&dump).unwrap();
    let len = file.metadata().unwrap().len();
    file.set_len(len / 3).unwrap();
    drop(file);
    let error = corpus.cable(98).unwrap_err().to_string();
    assert!(error.contains("cables.csv"), "{error}");
    assert!(error.contains("changed since it was read"), "{error}");
    // A cable opened before is kept whole, from memory.
    assert_eq!(corpus.cable(99).unwrap().id.as_deref(), Some("09STATE100"));
    // Replaced by another file under the same name: also an error.
    write_dump(&dump, 100);
    assert!(corpus.cable(5).is_err());
}

#[test]
fn facet_counts_equal_brute_force_counts_under_a_limit() {
    use cable_reader::corpus::facets::Facets;
    use cable_reader::corpus::limit::parse_limit;
    let corpus = open_quietly(&[corpus_dir()], &Options::default()).corpus;
    let rows = &corpus.summaries;
    for text in ["", "~c C", "~d 2009.. !~t PREL", "~o embassy | ~c NOFORN"] {
        let limit = parse_limit(text).unwrap();
        let list: Vec<u32> = (0..rows.len() as u32)
            .filter(|&i| limit.matches(&rows[i as usize]))
            .collect();
        let within = || list.iter().map(|&i| &rows[i as usize]);
        let facets = Facets::count(rows, &list);
        for (level, count) in &facets.levels {
            assert_eq!(
                *count,
                within().filter(|r| r.level == *level).count(),
                "{text}"
            );
        }
        for (caveat, count) in &facets.caveats {
            assert_eq!(
                *count,
                within().filter(|r| r.caveats.contains(caveat)).count()
            );
        }
        for (origin, count) in &facets.origins {
            assert_eq!(
                *count,
                within()
                    .filter(|r| r.origin.as_ref() == Some(origin))
                    .count()
            );
        }
        for (year, count) in &facets.years {
            assert_eq!(
                *count,
                within()
                    .filter(|r| r.date.is_some_and(|d| d.year == *year))
                    .count()
            );
        }
        for (tag, count) in &facets.tags {
            assert_eq!(*count, within().filter(|r| r.tags.contains(tag)).count());
        }
        // Nothing is left out: every value of the rows has its count.
        let levels: usize = facets.levels.iter().map(|(_, n)| n).sum();
        assert_eq!(levels, list.len());
        let dated = within().filter(|r| r.date.is_some()).count();
        assert_eq!(facets.years.iter().map(|(_, n)| n).sum::<usize>(), dated);
    }
}

#[test]
fn a_file_truncated_while_it_is_summarised_is_reported_and_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    write_dump(&dump, 8000);
    let size = fs::metadata(&dump).unwrap().len();
    assert!(size > 2 << 20, "{size}");
    let options = Options {
        cache_dir: Some(dir.path().join("cache")),
    };
    let mut truncated = false;
    // After the first chunk (1 MB), another program cuts the file to its first 1.5 MB.
    let opened = open(std::slice::from_ref(&dump), &options, |_| {
        if !truncated {
            let file = fs::File::options().write(true).open(&dump).unwrap();
            file.set_len(3 << 19).unwrap();
            truncated = true;
        }
    });
    assert!(
        opened.corpus.len() < 8000 && opened.corpus.len() > 1000,
        "{}",
        opened.corpus.len()
    );
    assert_eq!(opened.messages.len(), 1, "{:?}", opened.messages);
    assert!(
        opened.messages[0].contains("changed while it was read"),
        "{:?}",
        opened.messages
    );
    // Nothing was cached from the half-read file.
    assert!(fs::read_dir(dir.path().join("cache")).map_or(true, |mut d| d.next().is_none()));
}

/// A folder with two corpus cables (named by their ids: the truth) and two notes that are
/// no cables, and a folder of notes only.
fn folders_with_notes() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed");
    let notes = dir.path().join("notes");
    fs::create_dir_all(&mixed).unwrap();
    fs::create_dir_all(&notes).unwrap();
    for id in ["01VATICAN1261", "02HAVANA7763"] {
        let file = format!("{id}.txt");
        fs::copy(corpus_dir().join("text").join(&file), mixed.join(&file)).unwrap();
    }
    for folder in [&mixed, &notes] {
        fs::write(
            folder.join("README.txt"),
            "These files were collected in 2011.\n",
        )
        .unwrap();
        fs::write(folder.join("empty.txt"), "  \n").unwrap();
    }
    (dir, mixed, notes)
}

#[test]
fn a_folder_skips_and_counts_files_that_are_no_cables() {
    let (_dir, mixed, _) = folders_with_notes();
    let opened = open_quietly(std::slice::from_ref(&mixed), &Options::default());
    let ids: Vec<_> = opened
        .corpus
        .summaries
        .iter()
        .map(|s| s.id.clone().unwrap())
        .collect();
    assert_eq!(ids, ["01VATICAN1261", "02HAVANA7763"]);
    assert_eq!(
        opened.messages,
        [format!(
            "{}: skipped 2 files that are no cables",
            mixed.display()
        )]
    );
    assert_eq!(opened.failed, 0);
    // The sources are all four files; only the cables have records.
    assert_eq!(opened.corpus.sources.len(), 4);
}

#[test]
fn a_file_named_alone_that_is_no_cable_is_named_and_gives_no_row() {
    let (_dir, mixed, _) = folders_with_notes();
    let readme = mixed.join("README.txt");
    let cable = mixed.join("01VATICAN1261.txt");
    let opened = open_quietly(&[readme.clone(), cable], &Options::default());
    assert_eq!(opened.corpus.len(), 1);
    assert_eq!(
        opened.corpus.summaries[0].id.as_deref(),
        Some("01VATICAN1261")
    );
    assert_eq!(opened.messages.len(), 1);
    assert!(
        opened.messages[0].starts_with(&format!("{}: not a cable: ", readme.display())),
        "{:?}",
        opened.messages
    );
    assert_eq!(opened.failed, 1);
    let blank = mixed.join("empty.txt");
    let opened = open_quietly(std::slice::from_ref(&blank), &Options::default());
    assert_eq!(
        opened.messages,
        [format!(
            "{}: empty: there is nothing to read",
            blank.display()
        )]
    );
}

#[test]
fn a_folder_of_notes_only_says_it_holds_no_cables() {
    let (_dir, _, notes) = folders_with_notes();
    let opened = open_quietly(std::slice::from_ref(&notes), &Options::default());
    assert!(opened.corpus.is_empty());
    assert_eq!(
        opened.messages,
        [
            format!("{}: skipped 2 files that are no cables", notes.display()),
            format!("{}: the folder holds no cable files", notes.display()),
        ]
    );
}

#[test]
fn a_cached_folder_still_skips_its_notes() {
    // A file without cables is not cached, so a warm open says the same as a cold one.
    let (_dir, mixed, _) = folders_with_notes();
    let cache = tempfile::tempdir().unwrap();
    let options = Options {
        cache_dir: Some(cache.path().to_owned()),
    };
    let cold = open_quietly(std::slice::from_ref(&mixed), &options);
    let warm = open_quietly(std::slice::from_ref(&mixed), &options);
    assert_eq!(cold.summarised, 2);
    assert_eq!(warm.summarised, 0);
    assert_eq!(warm.messages, cold.messages);
    assert_eq!(warm.corpus.summaries, cold.corpus.summaries);
}

#[test]
fn a_paragraph_numbered_text_without_header_is_a_cable_as_parse_says() {
    // The header shows nothing; only the body's numbered paragraph makes it a cable, as
    // `parse` decides (its predicate, applied to the full parse for such files).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fragment.txt");
    fs::write(
        &file,
        "1. (C) The minister said nothing new.\n\n2. (U) Comment.\n",
    )
    .unwrap();
    let parse_says = cable_reader::cable::read_path(&file).is_ok();
    let opened = open_quietly(&[dir.path().to_owned()], &Options::default());
    assert_eq!(opened.corpus.len(), usize::from(parse_says));
    assert!(parse_says);
}
