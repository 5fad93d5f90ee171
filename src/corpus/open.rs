//! Opening a collection: every path (files, folders, `-`) becomes sources and records, and
//! each record a summary row, read from the cache when it matches the file, else
//! summarised on every core as the file is read in chunks.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{self, Lookup};
use super::record::{scan, stamp, Record, RecordError, SourceFile};
use super::summary::Summary;
use super::walk::expand_paths;
use crate::cable::{parse_cable, Cable};

/// How many parsed cables are kept for going back and forth.
pub const RECENT_CABLES: usize = 16;

/// How to open a collection.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where summaries are cached; `None`: not cached.
    pub cache_dir: Option<PathBuf>,
}

/// Rows as they are summarised (or loaded from the cache), in order, for a caller that
/// shows them while the rest is read.
#[derive(Debug)]
pub struct Batch<'a> {
    pub records: &'a [Record],
    pub summaries: &'a [Summary],
    /// The source these rows lie in (so a caller can open their cables while the rest is
    /// still read).
    pub source: Option<&'a SourceFile>,
    /// Bytes of all sources read so far, and in all.
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Many cables: where each lies and its summary row. Full cables are parsed when asked
/// for, and only the last few are kept.
#[derive(Debug, Default)]
pub struct Corpus {
    pub sources: Vec<SourceFile>,
    pub records: Vec<Record>,
    pub summaries: Vec<Summary>,
    recent: VecDeque<(usize, Arc<Cable<'static>>)>,
}

/// A corpus and what happened while opening it.
#[derive(Debug, Default)]
pub struct Opened {
    pub corpus: Corpus,
    /// Records summarised from their bytes (the others came from the cache).
    pub summarised: usize,
    /// Problems worth telling the user: unreadable files and folders, caches rebuilt or not
    /// written. Never fatal; each names its file.
    pub messages: Vec<String>,
}

impl Corpus {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The source a record lies in.
    pub fn source_of(&self, index: usize) -> Option<&SourceFile> {
        let record = self.records.get(index)?;
        self.sources.get(record.source as usize)
    }

    /// The cable of record `index`, parsed in full (or kept from a recent call).
    pub fn cable(&mut self, index: usize) -> Result<Arc<Cable<'static>>, RecordError> {
        if let Some(at) = self.recent.iter().position(|(i, _)| *i == index) {
            if let Some(hit) = self.recent.remove(at) {
                let cable = Arc::clone(&hit.1);
                self.recent.push_front(hit);
                return Ok(cable);
            }
        }
        let (Some(record), Some(source)) = (self.records.get(index), self.source_of(index)) else {
            return Err(RecordError::Changed {
                name: format!("cable {index}"),
            });
        };
        let bytes = source.read(record)?;
        let cable = match record.source_in(&bytes) {
            Some(found) => parse_cable(&found).into_owned(),
            None => Cable::default(),
        };
        let cable = Arc::new(cable);
        self.recent.push_front((index, Arc::clone(&cable)));
        self.recent.truncate(RECENT_CABLES);
        Ok(cable)
    }
}

/// Opens every path, calling `on_rows` with each batch of rows as it is ready.
pub fn open(paths: &[PathBuf], options: &Options, mut on_rows: impl FnMut(Batch<'_>)) -> Opened {
    let mut opened = Opened::default();
    let expanded = expand_paths(paths);
    for (dir, error) in &expanded.problems {
        opened
            .messages
            .push(format!("{}: cannot read folder: {error}", dir.display()));
    }
    opened.messages.extend(expanded.skipped_note());
    let files = expanded.files;
    let bytes_total: u64 = files
        .iter()
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|metadata| metadata.len())
        .sum();
    let mut bytes_done = 0;
    for path in files {
        let index = u32::try_from(opened.corpus.sources.len()).unwrap_or(u32::MAX);
        match read_source(&path, index, options, &mut opened, &mut |batch| {
            on_rows(Batch {
                bytes_done: bytes_done + batch.bytes_done,
                bytes_total,
                ..batch
            })
        }) {
            Ok(source) => {
                bytes_done += source.size;
                opened.corpus.sources.push(source);
            }
            Err(message) => opened.messages.push(message),
        }
    }
    opened
}

/// Reads one source: from the cache if it matches, else by summarising its records.
fn read_source(
    path: &Path,
    index: u32,
    options: &Options,
    opened: &mut Opened,
    on_rows: &mut dyn FnMut(Batch<'_>),
) -> Result<SourceFile, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|error| format!("<stdin>: cannot read: {error}"))?;
        let source = SourceFile::memory("<stdin>", bytes);
        summarise(
            &mut source.bytes().unwrap_or_default(),
            "<stdin>",
            index,
            opened,
            &mut |batch| {
                on_rows(Batch {
                    source: Some(&source),
                    ..batch
                })
            },
        )
        .map_err(|error| format!("<stdin>: cannot read: {error}"))?;
        return Ok(source);
    }
    let cannot = |error: std::io::Error| format!("{}: cannot read: {error}", path.display());
    let mut file = File::open(path).map_err(cannot)?;
    let source = SourceFile::file(path, &file).map_err(cannot)?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let key = cache::Key {
        path: &absolute,
        size: source.size,
        modified: source.modified,
    };
    if let Some(dir) = &options.cache_dir {
        match cache::load(dir, &key) {
            Lookup::Hit(entry) => {
                let records: Vec<Record> = entry
                    .ranges
                    .iter()
                    .enumerate()
                    .map(|(at, &(start, len))| Record {
                        source: index,
                        row: u32::try_from(at + 1).unwrap_or(u32::MAX),
                        start,
                        len,
                    })
                    .collect();
                on_rows(Batch {
                    records: &records,
                    summaries: &entry.summaries,
                    source: Some(&source),
                    bytes_done: source.size,
                    bytes_total: 0,
                });
                opened.corpus.records.extend(records);
                opened.corpus.summaries.extend(entry.summaries);
                return Ok(source);
            }
            Lookup::Missing => {}
            Lookup::Rejected(why) => opened.messages.push(format!(
                "{}: the cached summaries were not used ({why}): summarising again",
                source.name
            )),
        }
    }
    let first = opened.corpus.records.len();
    summarise(&mut file, &source.name, index, opened, &mut |batch| {
        on_rows(Batch {
            source: Some(&source),
            ..batch
        })
    })
    .map_err(cannot)?;
    let unchanged = stamp(&file).is_ok_and(|now| now == (source.size, source.modified));
    if !unchanged {
        opened.messages.push(format!(
            "{}: the file changed while it was read; open it again",
            source.name
        ));
    } else if let Some(dir) = &options.cache_dir {
        let records = opened.corpus.records.get(first..).unwrap_or_default();
        let ranges: Vec<(u64, u64)> = records.iter().map(|r| (r.start, r.len)).collect();
        let summaries = opened.corpus.summaries.get(first..).unwrap_or_default();
        if let Err(error) = cache::save(dir, &key, &ranges, summaries) {
            opened.messages.push(format!(
                "{}: cannot save summaries in the cache {}: {error}",
                source.name,
                dir.display()
            ));
        }
    }
    Ok(source)
}

/// Summarises every record of `input`, chunk by chunk, each chunk's records in parallel.
fn summarise(
    input: &mut impl Read,
    name: &str,
    index: u32,
    opened: &mut Opened,
    on_rows: &mut dyn FnMut(Batch<'_>),
) -> std::io::Result<()> {
    scan(input, |chunk| {
        if let Some(source) = chunk.too_long_source() {
            opened.messages.extend(
                source
                    .warnings
                    .iter()
                    .map(|warning| format!("{name}: {}", warning.message)),
            );
            return;
        }
        let summaries: Vec<Summary> = (0..chunk.ranges.len())
            .into_par_iter()
            .map(|at| {
                chunk
                    .source(at)
                    .map(|source| Summary::of_source(&source))
                    .unwrap_or_default()
            })
            .collect();
        let records: Vec<Record> = chunk
            .ranges
            .iter()
            .enumerate()
            .map(|(at, range)| Record {
                source: index,
                row: u32::try_from(chunk.first_row + at).unwrap_or(u32::MAX),
                start: chunk.base + range.start as u64,
                len: range.len() as u64,
            })
            .collect();
        let bytes_done = chunk.base + chunk.ranges.last().map_or(0, |r| r.end as u64);
        on_rows(Batch {
            records: &records,
            summaries: &summaries,
            source: None,
            bytes_done,
            bytes_total: 0,
        });
        opened.summarised += summaries.len();
        opened.corpus.records.extend(records);
        opened.corpus.summaries.extend(summaries);
    })
}
