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
use super::keys::path_of;
use super::record::{scan, stamp, Chunk, Record, RecordError, SourceFile};
use super::summary::Summary;
use super::walk::{empty_folder_note, expand_paths, no_cables_note, Expanded};
use crate::cable::{
    parse_cable, parse_header, settle, try_sources, Cable, ReadError, SourceFormat,
};

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
    /// Files and folders that could not be read, PDFs without text, and files named alone
    /// that are no cable: what makes `list` fail, as `parse` does.
    pub failed: usize,
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
            Some(found) => {
                let mut cable = parse_cable(&found);
                // As it was summarised: a cable alone in a file named by its id takes it.
                let _ = settle(&path_of(source), &found, &mut cable);
                cable.into_owned()
            }
            None => Cable::default(),
        };
        let cable = Arc::new(cable);
        self.recent.push_front((index, Arc::clone(&cable)));
        self.recent.truncate(RECENT_CABLES);
        Ok(cable)
    }
}

/// Opens every path, calling `on_rows` with each batch of rows as it is ready. A file in a
/// folder that is no cable (a README) is skipped and counted in one message per folder; a
/// file named alone that is no cable gets a message naming it, and no row.
pub fn open(paths: &[PathBuf], options: &Options, mut on_rows: impl FnMut(Batch<'_>)) -> Opened {
    let mut opened = Opened::default();
    // Each path as given, and what it expands to (a folder: the cable files below it).
    let expanded: Vec<(&PathBuf, Expanded)> = paths
        .iter()
        .map(|path| (path, expand_paths(std::slice::from_ref(path))))
        .collect();
    let bytes_total: u64 = expanded
        .iter()
        .flat_map(|(_, expanded)| &expanded.files)
        .filter_map(|path| std::fs::metadata(path).ok())
        .filter(std::fs::Metadata::is_file)
        .map(|metadata| metadata.len())
        .sum();
    let mut bytes_done = 0;
    for (given, expanded) in expanded {
        opened.failed += expanded.problems.len();
        for (dir, error) in &expanded.problems {
            opened.messages.push(format!(
                "{}: cannot read folder: {error}",
                crate::sanitize::path(dir)
            ));
        }
        opened.messages.extend(expanded.skipped_note());
        let folder = given.as_os_str() != "-" && given.is_dir();
        let records_before = opened.corpus.records.len();
        let mut skipped = 0;
        for path in expanded.files {
            let index = u32::try_from(opened.corpus.sources.len()).unwrap_or(u32::MAX);
            match read_source(&path, index, options, &mut opened, &mut |batch| {
                on_rows(Batch {
                    bytes_done: bytes_done + batch.bytes_done,
                    bytes_total,
                    ..batch
                })
            }) {
                Ok((source, no_cables)) => {
                    bytes_done += source.size;
                    opened.corpus.sources.push(source);
                    if folder {
                        skipped += no_cables.len();
                    } else {
                        opened.failed += no_cables.len();
                        opened.messages.extend(no_cables);
                    }
                }
                Err(message) => {
                    opened.failed += 1;
                    opened.messages.push(message);
                }
            }
        }
        if !folder {
            continue;
        }
        opened.messages.extend(no_cables_note(given, skipped));
        if opened.corpus.records.len() == records_before {
            opened.messages.push(empty_folder_note(given));
        }
    }
    opened
}

/// Standard input, a FIFO or a device: read once, as a stream, never again.
fn is_stream(path: &Path) -> bool {
    path.as_os_str() == "-" || std::fs::metadata(path).is_ok_and(|meta| !meta.is_file())
}

/// Reads one source: from the cache if it matches, else by summarising its records. Gives
/// the source and, for each record that is no cable, why (naming the file).
fn read_source(
    path: &Path,
    index: u32,
    options: &Options,
    opened: &mut Opened,
    on_rows: &mut dyn FnMut(Batch<'_>),
) -> Result<(SourceFile, Vec<String>), String> {
    if is_stream(path) {
        return read_stream(path, index, opened, on_rows);
    }
    let name = crate::sanitize::path(path);
    let cannot = |error: std::io::Error| ReadError::reading(path, error).to_string();
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
                return Ok((source, Vec::new()));
            }
            Lookup::Missing => {}
            Lookup::Rejected(why) => opened.messages.push(format!(
                "{name}: the cached summaries were not used ({why}): summarising again"
            )),
        }
    }
    let first = opened.corpus.records.len();
    let no_cables = summarise(&mut file, path, &source, index, opened, on_rows).map_err(cannot)?;
    let unchanged = stamp(&file).is_ok_and(|now| now == (source.size, source.modified));
    let records = opened.corpus.records.get(first..).unwrap_or_default();
    if !unchanged {
        opened.messages.push(format!(
            "{name}: the file changed while it was read; open it again"
        ));
    } else if let (Some(dir), false) = (&options.cache_dir, records.is_empty()) {
        // A file without cables is not cached: the cache could not say why it has none.
        let summaries = opened.corpus.summaries.get(first..).unwrap_or_default();
        if let Err(message) = save_cache(dir, &source, records, summaries) {
            opened.messages.push(message);
        }
    }
    Ok((source, no_cables))
}

/// Saves the rows of the file `source` in the cache in `dir` (keyed by the file's path,
/// size and time as it was read); why not, naming the file.
pub(super) fn save_cache(
    dir: &Path,
    source: &SourceFile,
    records: &[Record],
    summaries: &[Summary],
) -> Result<(), String> {
    let Some(path) = &source.path else {
        return Ok(());
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let key = cache::Key {
        path: &absolute,
        size: source.size,
        modified: source.modified,
    };
    let ranges: Vec<(u64, u64)> = records.iter().map(|r| (r.start, r.len)).collect();
    cache::save(dir, &key, &ranges, summaries).map_err(|error| {
        format!(
            "{}: cannot save summaries in the cache {}: {error}",
            crate::sanitize::path(path),
            dir.display()
        )
    })
}

/// Reads a stream a chunk at a time, as a file is read, keeping its records' bytes (only
/// those: a record over the limit is skipped, so an endless stream ends or is dropped).
fn read_stream(
    path: &Path,
    index: u32,
    opened: &mut Opened,
    on_rows: &mut dyn FnMut(Batch<'_>),
) -> Result<(SourceFile, Vec<String>), String> {
    let stdin = path.as_os_str() == "-";
    let shown = if stdin { Path::new("<stdin>") } else { path };
    let cannot = |error: std::io::Error| ReadError::reading(shown, error).to_string();
    let source = SourceFile::stream(&shown.display().to_string());
    let no_cables = if stdin {
        summarise(
            &mut std::io::stdin().lock(),
            shown,
            &source,
            index,
            opened,
            on_rows,
        )
    } else {
        let mut file = File::open(path).map_err(cannot)?;
        summarise(&mut file, shown, &source, index, opened, on_rows)
    }
    .map_err(cannot)?;
    Ok((source, no_cables))
}

/// What one record of a source turned out to be.
enum Found {
    Cable(Summary),
    /// Text with nothing of a cable in it (a README): why, naming the file.
    NoCable(String),
    /// A record that gives no cable to summarise (a PDF without text): why.
    Failed(String),
}

/// The summary row of record `at` of `chunk`, or why there is none. Only the header is
/// parsed, except when it shows nothing of a cable: then the body is parsed too, since a
/// numbered paragraph alone makes a cable ([`shows_no_cable`], the rule `parse` applies),
/// which costs only for the rare and small files with no header (a README).
fn summarise_record(chunk: &Chunk<'_>, at: usize, path: &Path) -> Found {
    let Some(source) = chunk.source(at) else {
        let bytes = chunk
            .ranges
            .get(at)
            .and_then(|range| chunk.bytes.get(range.clone()))
            .unwrap_or_default();
        let path = path.to_owned();
        let error = match try_sources(bytes) {
            Err(source) => ReadError::Pdf { path, source },
            Ok(_) => ReadError::Empty { path },
        };
        return Found::Failed(error.to_string());
    };
    if source.format == SourceFormat::PlainText && source.text.trim().is_empty() {
        let path = path.to_owned();
        return Found::NoCable(ReadError::Blank { path }.to_string());
    }
    let mut header = parse_header(&source);
    if settle(path, &source, &mut header).is_err() {
        // The header shows no cable; the body may (a numbered paragraph alone).
        let mut cable = parse_cable(&source);
        if settle(path, &source, &mut cable).is_err() {
            let path = path.to_owned();
            return Found::NoCable(ReadError::NotACable { path }.to_string());
        }
        // The id the file's name gave, with its warning, as `parse` gives it.
        if header.id.is_none() && cable.id.is_some() {
            header.id = cable.id;
            header.warnings.extend(cable.warnings.pop());
        }
    }
    Found::Cable(Summary::of(&header))
}

/// Summarises every record of `input`, chunk by chunk, each chunk's records in parallel.
/// The records of a stream are kept in `source` as they are read. Gives why each record
/// that is no cable is none.
fn summarise(
    input: &mut impl Read,
    path: &Path,
    source: &SourceFile,
    index: u32,
    opened: &mut Opened,
    on_rows: &mut dyn FnMut(Batch<'_>),
) -> std::io::Result<Vec<String>> {
    let name = &source.name;
    let stream = source.path.is_none();
    let mut no_cables = Vec::new();
    scan(input, |chunk| {
        if let Some(skipped) = chunk.too_long_source() {
            opened.messages.extend(
                skipped
                    .warnings
                    .iter()
                    .map(|warning| format!("{name}: {}", warning.message)),
            );
            return;
        }
        let found: Vec<Found> = (0..chunk.ranges.len())
            .into_par_iter()
            .map(|at| summarise_record(&chunk, at, path))
            .collect();
        let mut records = Vec::with_capacity(found.len());
        let mut summaries = Vec::with_capacity(found.len());
        for ((at, range), found) in chunk.ranges.iter().enumerate().zip(found) {
            match found {
                Found::Cable(summary) => {
                    let start = if stream {
                        source.keep(chunk.bytes.get(range.clone()).unwrap_or_default())
                    } else {
                        chunk.base + range.start as u64
                    };
                    records.push(Record {
                        source: index,
                        row: u32::try_from(chunk.first_row + at).unwrap_or(u32::MAX),
                        start,
                        len: range.len() as u64,
                    });
                    summaries.push(summary);
                }
                Found::NoCable(why) => no_cables.push(why),
                Found::Failed(why) => {
                    opened.failed += 1;
                    opened.messages.push(why);
                }
            }
        }
        let bytes_done = chunk.base + chunk.ranges.last().map_or(0, |r| r.end as u64);
        on_rows(Batch {
            records: &records,
            summaries: &summaries,
            source: Some(source),
            bytes_done,
            bytes_total: 0,
        });
        opened.summarised += summaries.len();
        opened.corpus.records.extend(records);
        opened.corpus.summaries.extend(summaries);
    })?;
    Ok(no_cables)
}
