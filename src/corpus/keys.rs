//! The second pass over a collection: each summary row's cable key, the id and paragraph
//! hash the saved state knows the cable by. The hash needs the whole body parsed (about
//! three times the header's cost), so it is not computed while the rows are listed: the
//! list is usable first, and this pass runs after, on every core, reading each file again
//! in large spans of consecutive records. The keys are written into the summary cache, so
//! a second open has them without parsing anything.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::key::cable_key;
use super::open::{save_cache, Corpus, Options};
use super::record::{stamp, Record, SourceFile, CHUNK};
use crate::cable::{parse_cable, settle};

/// The hashes found for some rows: (index of the row in the corpus, hash).
pub type Keys = Vec<(usize, u64)>;

/// What the key pass did.
#[derive(Debug, Default)]
pub struct KeyPass {
    /// Records parsed for their key (the others had it from the cache).
    pub parsed: usize,
    /// Files whose keys could not be computed or saved, each naming its file.
    pub messages: Vec<String>,
}

/// The path a cable's id may be taken from, as when it was summarised.
pub fn path_of(source: &SourceFile) -> PathBuf {
    source
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&source.name))
}

/// The hash of the cable in `record`, whose bytes are `bytes`: the body parsed in full and
/// settled as `parse` settles it, so the key is the one the reader gives the open cable.
pub fn record_hash(record: &Record, bytes: &[u8], path: &Path) -> Option<u64> {
    let source = record.source_in(bytes)?;
    let mut cable = parse_cable(&source);
    // A record that shows no cable was not listed; the id from the name is what counts.
    let _ = settle(path, &source, &mut cable);
    Some(cable_key(&cable).hash)
}

/// Computes the hash of every row of `corpus` that has none, source by source, handing each
/// batch to `on_keys` as it is ready, and saves the keys of each file in the cache.
pub fn fill_keys(
    corpus: &mut Corpus,
    options: &Options,
    mut on_keys: impl FnMut(&Keys),
) -> KeyPass {
    let mut pass = KeyPass::default();
    let mut first = 0;
    while first < corpus.records.len() {
        let source_index = corpus.records.get(first).map_or(0, |r| r.source);
        let end = corpus
            .records
            .get(first..)
            .unwrap_or_default()
            .iter()
            .position(|record| record.source != source_index)
            .map_or(corpus.records.len(), |at| first + at);
        let missing: Vec<usize> = (first..end)
            .filter(|&row| corpus.summaries.get(row).is_some_and(|s| s.hash.is_none()))
            .collect();
        if !missing.is_empty() {
            let rows = first..end;
            fill_source(corpus, options, rows, &missing, &mut pass, &mut on_keys);
        }
        first = end;
    }
    pass
}

/// The keys of the rows `missing` (in record order) of the source whose rows are `rows`,
/// saved in the cache with the source's other rows.
fn fill_source(
    corpus: &mut Corpus,
    options: &Options,
    rows: Range<usize>,
    missing: &[usize],
    pass: &mut KeyPass,
    on_keys: &mut impl FnMut(&Keys),
) {
    let source_index = corpus.records.get(rows.start).map_or(0, |r| r.source);
    let Some(source) = corpus.sources.get(source_index as usize).cloned() else {
        return;
    };
    let path = path_of(&source);
    let keys = match &source.path {
        Some(file) => hashes_from_file(file, &source, &corpus.records, missing, on_keys),
        None => Ok(hashes_from_memory(
            &source,
            &corpus.records,
            missing,
            on_keys,
        )),
    };
    let keys = match keys {
        Ok(keys) => keys,
        Err(why) => {
            pass.messages.push(format!(
                "{}: cable keys not computed ({why}); read marks match by id",
                crate::sanitize::path(&path)
            ));
            return;
        }
    };
    pass.parsed += keys.len();
    for &(row, hash) in &keys {
        if let Some(summary) = corpus.summaries.get_mut(row) {
            summary.hash = Some(hash);
        }
    }
    if let (Some(dir), Some(_)) = (&options.cache_dir, &source.path) {
        let records = corpus.records.get(rows.clone()).unwrap_or_default();
        let summaries = corpus.summaries.get(rows).unwrap_or_default();
        if let Err(message) = save_cache(dir, &source, records, summaries) {
            pass.messages.push(message);
        }
    }
}

/// Reads the file again in spans of consecutive records up to [`CHUNK`] bytes and parses
/// each span's records on every core. A file not as it was listed gives no keys at all.
fn hashes_from_file(
    file_path: &Path,
    source: &SourceFile,
    records: &[Record],
    missing: &[usize],
    on_keys: &mut impl FnMut(&Keys),
) -> Result<Keys, String> {
    let changed = || "the file changed since it was listed".to_owned();
    let mut file = File::open(file_path).map_err(|error| format!("cannot read it: {error}"))?;
    let unchanged =
        |file: &File| stamp(file).is_ok_and(|now| now == (source.size, source.modified));
    if !unchanged(&file) {
        return Err(changed());
    }
    let path = path_of(source);
    let mut keys = Vec::with_capacity(missing.len());
    let mut span = Vec::new();
    let mut at = 0;
    while at < missing.len() {
        let rows = span_of(records, missing, at);
        at += rows.len();
        let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
            break;
        };
        let (Some(first), Some(last)) = (records.get(first), records.get(last)) else {
            break;
        };
        let start = first.start;
        let len = usize::try_from(last.start + last.len - start).map_err(|_| changed())?;
        span.resize(len, 0);
        file.seek(SeekFrom::Start(start))
            .and_then(|_| file.read_exact(&mut span))
            .map_err(|_| changed())?;
        let batch: Keys = rows
            .par_iter()
            .filter_map(|&row| {
                let record = records.get(row)?;
                let from = usize::try_from(record.start - start).ok()?;
                let len = usize::try_from(record.len).ok()?;
                let bytes = span.get(from..from.checked_add(len)?)?;
                record_hash(record, bytes, &path).map(|hash| (row, hash))
            })
            .collect();
        on_keys(&batch);
        keys.extend(batch);
    }
    if !unchanged(&file) {
        return Err(changed());
    }
    Ok(keys)
}

/// The rows from `missing[at]` on whose records lie within one span of [`CHUNK`] bytes
/// (at least one row, however long its record).
fn span_of<'m>(records: &[Record], missing: &'m [usize], at: usize) -> &'m [usize] {
    let rest = missing.get(at..).unwrap_or_default();
    let Some(start) = rest
        .first()
        .and_then(|&row| records.get(row))
        .map(|r| r.start)
    else {
        return rest;
    };
    let within = rest
        .iter()
        .position(|&row| {
            records
                .get(row)
                .is_none_or(|r| r.start + r.len - start > CHUNK as u64)
        })
        .unwrap_or(rest.len());
    rest.get(..within.max(1)).unwrap_or(rest)
}

/// The records of a stream are in memory: each is copied out and parsed, on every core.
fn hashes_from_memory(
    source: &SourceFile,
    records: &[Record],
    missing: &[usize],
    on_keys: &mut impl FnMut(&Keys),
) -> Keys {
    let path = path_of(source);
    let mut keys = Vec::with_capacity(missing.len());
    for rows in missing.chunks(4096) {
        let batch: Keys = rows
            .par_iter()
            .filter_map(|&row| {
                let record = records.get(row)?;
                let bytes = source.read(record).ok()?;
                record_hash(record, &bytes, &path).map(|hash| (row, hash))
            })
            .collect();
        on_keys(&batch);
        keys.extend(batch);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(start: u64, len: u64) -> Record {
        Record {
            source: 0,
            row: 1,
            start,
            len,
        }
    }

    #[test]
    fn spans_hold_consecutive_records_up_to_a_chunk_and_at_least_one() {
        let chunk = CHUNK as u64;
        let records = vec![
            record(0, 10),
            record(10, chunk - 20),
            record(chunk - 10, 10),
            // Past the first chunk's end.
            record(chunk, 10),
            // Longer than a chunk alone.
            record(chunk + 10, 2 * chunk),
            record(3 * chunk + 10, 5),
        ];
        let missing: Vec<usize> = (0..records.len()).collect();
        let mut spans = Vec::new();
        let mut at = 0;
        while at < missing.len() {
            let span = span_of(&records, &missing, at);
            spans.push(span.to_vec());
            at += span.len();
        }
        assert_eq!(spans, [vec![0, 1, 2], vec![3], vec![4], vec![5]]);
        // Rows with their keys already known are left out, and do not widen a span.
        let missing = [0, 3];
        assert_eq!(span_of(&records, &missing, 0), [0]);
        assert_eq!(span_of(&records, &missing, 1), [3]);
    }
}
