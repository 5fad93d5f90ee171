//! Where each cable lies: a source (a file, or stdin's bytes) and a byte range in it. Files
//! are read in large chunks with plain reads, never memory-mapped: a mapped file that
//! shrinks while it is open kills the reader with SIGBUS, and no check before touching
//! the map can rule that out (another program may truncate it a moment later). With reads
//! a shrunk file gives a short read, which is an error we can report. The chunks are the
//! only copy in memory, so memory stays a small fraction of a multi-gigabyte dump.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::cable::wrapper::{
    looks_like_csv, next_record_start, too_long_row, CsvRecord, CsvRecords, TooLong,
    MAX_RECORD_BYTES,
};
use crate::cable::{sources, Source};

/// The first read is small so the first rows are summarised at once; the rest are large.
pub const FIRST_CHUNK: usize = 1 << 20;
pub const CHUNK: usize = 32 << 20;
#[cfg(test)]
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file (or stdin) that cables are read from, as it was when it was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// For messages and the `source` field of JSON: the path as given, or `<stdin>`.
    pub name: String,
    pub size: u64,
    /// Modification time in nanoseconds since 1970 (0 if unknown).
    pub modified: u64,
    /// The records of a stream (standard input, a FIFO), which cannot be read again: filled
    /// by the worker as the stream is read, while the reader may already open its cables.
    memory: Option<Arc<RwLock<Vec<u8>>>>,
}

/// Where one cable lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Index of its source in the corpus.
    pub source: u32,
    /// 1-based record number in its source (a cables.csv row), for messages.
    pub row: u32,
    pub start: u64,
    pub len: u64,
}

impl Record {
    /// The cable source in this record's bytes (`bytes` as `SourceFile::read` gives them).
    pub fn source_in<'a>(&self, bytes: &'a [u8]) -> Option<Source<'a>> {
        record_source(bytes, self.row as usize, self.start)
    }
}

/// The cable source in one record's bytes: a cables.csv row, numbered and placed as in its
/// file (for the messages about it), or a whole file.
pub fn record_source(bytes: &[u8], row: usize, offset: u64) -> Option<Source<'_>> {
    if looks_like_csv(bytes) {
        CsvRecords::within(bytes, row, usize::try_from(offset).unwrap_or(usize::MAX))
            .next()
            .map(CsvRecord::into_source)
    } else {
        sources(bytes).next()
    }
}

/// Whole records read from a file, a chunk at a time.
#[derive(Debug)]
pub struct Chunk<'a> {
    pub bytes: &'a [u8],
    /// File offset of `bytes`' first byte.
    pub base: u64,
    /// Record number (1-based) of the first range.
    pub first_row: usize,
    /// The records, as ranges of `bytes`.
    pub ranges: &'a [Range<usize>],
    /// A cables.csv record longer than [`MAX_RECORD_BYTES`], skipped: then `bytes` and
    /// `ranges` are empty, `first_row` is its row and `base` where it starts.
    pub too_long: bool,
}

impl Chunk<'_> {
    /// The source of the `index`th record of the chunk.
    pub fn source(&self, index: usize) -> Option<Source<'_>> {
        let range = self.ranges.get(index)?;
        record_source(
            self.bytes.get(range.clone())?,
            self.first_row + index,
            self.base + range.start as u64,
        )
    }

    /// For a skipped record: a source with no text and a warning that says why, as the
    /// streaming reader gives.
    pub fn too_long_source(&self) -> Option<Source<'static>> {
        self.too_long.then(|| {
            too_long_row(
                self.first_row,
                usize::try_from(self.base).unwrap_or(usize::MAX),
                MAX_RECORD_BYTES,
            )
        })
    }
}

/// A cable's bytes could not be read again.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{name}: cannot read: {source}")]
    Io {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("{name}: the file changed since it was read; open it again")]
    Changed { name: String },
}

/// Size and modification time of an open file.
pub fn stamp(file: &File) -> io::Result<(u64, u64)> {
    let metadata = file.metadata()?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| {
            u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
        });
    Ok((metadata.len(), modified))
}

impl SourceFile {
    /// A file on disk with its size and modification time as read from `file`.
    pub fn file(path: &Path, file: &File) -> io::Result<SourceFile> {
        let (size, modified) = stamp(file)?;
        Ok(SourceFile {
            path: Some(path.to_owned()),
            name: path.display().to_string(),
            size,
            modified,
            memory: None,
        })
    }

    /// A stream (standard input, a FIFO, a device) whose records are kept in memory as they
    /// are read ([`SourceFile::keep`]).
    pub fn stream(name: &str) -> SourceFile {
        SourceFile {
            path: None,
            name: name.to_owned(),
            size: 0,
            modified: 0,
            memory: Some(Arc::default()),
        }
    }

    /// Keeps a stream's record bytes; gives where they start among the bytes kept, which is
    /// what its [`Record`] holds. Only whole records under the record limit are kept, so a
    /// stream costs what its cables do.
    pub fn keep(&self, record: &[u8]) -> u64 {
        let Some(memory) = &self.memory else {
            return 0;
        };
        // A poisoned lock only means a reader panicked while copying: the bytes are whole.
        let mut bytes = memory
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let start = bytes.len() as u64;
        bytes.extend_from_slice(record);
        start
    }

    /// The bytes of `record`, read again from the file. A file that is no longer as it was
    /// read (other size or time, or too short now) is an error, never a crash.
    pub fn read(&self, record: &Record) -> Result<Vec<u8>, RecordError> {
        let changed = || RecordError::Changed {
            name: self.name.clone(),
        };
        let range = usize::try_from(record.start).ok().and_then(|start| {
            usize::try_from(record.len)
                .ok()
                .map(|len| start..start.saturating_add(len))
        });
        if let Some(memory) = &self.memory {
            let bytes = memory
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            return range
                .and_then(|range| bytes.get(range))
                .map(<[u8]>::to_vec)
                .ok_or_else(changed);
        }
        let Some(path) = &self.path else {
            return Err(changed());
        };
        let io = |source| RecordError::Io {
            name: self.name.clone(),
            source,
        };
        let mut file = File::open(path).map_err(io)?;
        if stamp(&file).map_err(io)? != (self.size, self.modified) {
            return Err(changed());
        }
        let len = usize::try_from(record.len).map_err(|_| changed())?;
        let mut bytes = vec![0; len];
        file.seek(SeekFrom::Start(record.start)).map_err(io)?;
        match file.read_exact(&mut bytes) {
            Ok(()) => Ok(bytes),
            // Truncated after the check above.
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Err(changed()),
            Err(error) => Err(io(error)),
        }
    }
}

/// Reads `input` in chunks and calls `each` with the whole records of each, in file
/// order. A cables.csv gives one record per row; any other file one record for all of it.
/// No record may pass [`MAX_RECORD_BYTES`]: a longer file that is no cables.csv is an
/// error (of kind `InvalidData`, holding a [`TooLong`]) before more of it is read, and a
/// longer cables.csv record (a quote that never closes) is given as a `too_long` chunk and
/// reading goes on at the next record's start, so such a record costs linear work.
pub fn scan(input: &mut impl Read, each: impl FnMut(Chunk<'_>)) -> io::Result<()> {
    scan_with_limit(input, MAX_RECORD_BYTES, each)
}

/// [`scan`] with another record limit, for tests.
fn scan_with_limit(
    input: &mut impl Read,
    limit: usize,
    mut each: impl FnMut(Chunk<'_>),
) -> io::Result<()> {
    let mut rows = 0;
    let mut buffer: Vec<u8> = Vec::new();
    let mut base: u64 = 0;
    let mut want = FIRST_CHUNK;
    let mut csv = None;
    let mut skipping = false;
    loop {
        let eof = fill(input, &mut buffer, want)?;
        want = CHUNK;
        let is_csv = *csv.get_or_insert_with(|| looks_like_csv(&buffer));
        if !is_csv {
            if buffer.len() > limit {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    TooLong { limit },
                ));
            }
            if eof {
                let whole = 0..buffer.len();
                each(Chunk {
                    bytes: &buffer,
                    base,
                    first_row: 1,
                    ranges: std::slice::from_ref(&whole),
                    too_long: false,
                });
                return Ok(());
            }
            // Never more than one byte past the limit.
            want = (limit + 1).saturating_sub(buffer.len()).clamp(1, CHUNK);
            continue;
        }
        if skipping {
            // Inside a record too long to keep: drop bytes up to the next record's start,
            // keeping a record's opening line that may be cut at the end of the buffer.
            const KEEP: usize = 17;
            match next_record_start(&buffer, 0) {
                Some(start) => {
                    buffer.drain(..start);
                    base += start as u64;
                    skipping = false;
                }
                None if eof => return Ok(()),
                None => {
                    let drop = buffer.len().saturating_sub(KEEP);
                    buffer.drain(..drop);
                    base += drop as u64;
                    continue;
                }
            }
        }
        // Only the file's start may hold a byte order mark; offsets count it.
        let records = if base == 0 {
            CsvRecords::new(&buffer)
        } else {
            CsvRecords::continuing(&buffer, 0, 0)
        };
        let mut ranges: Vec<Range<usize>> = records
            .map(|record| record.offset..record.offset + record.raw.len())
            .collect();
        // The last record may be cut by the end of the chunk: it is read again with the
        // next one, unless it is already too long to be a cable.
        let mut keep_from = buffer.len();
        if !eof {
            if let Some(last) = ranges.pop() {
                keep_from = last.start;
            }
        }
        let held_too_long = !eof && buffer.len() - keep_from > limit;
        // Records over the limit are skipped, each given as a `too_long` chunk in its place.
        let mut from = 0;
        for (at, range) in ranges.iter().enumerate() {
            if range.len() > limit {
                emit(&mut each, &buffer, base, rows + 1, ranges.get(from..at));
                rows += at - from;
                rows += 1;
                each(skipped(base + range.start as u64, rows));
                from = at + 1;
            }
        }
        emit(&mut each, &buffer, base, rows + 1, ranges.get(from..));
        rows += ranges.len() - from.min(ranges.len());
        if eof {
            return Ok(());
        }
        if held_too_long {
            rows += 1;
            each(skipped(base + keep_from as u64, rows));
            // Past the record's opening line, so the skip finds the next one.
            keep_from += 1;
            skipping = true;
        }
        buffer.drain(..keep_from);
        base += keep_from as u64;
    }
}

/// Gives `ranges` (when there are any) as one chunk whose first row is `first_row`.
fn emit(
    each: &mut impl FnMut(Chunk<'_>),
    bytes: &[u8],
    base: u64,
    first_row: usize,
    ranges: Option<&[Range<usize>]>,
) {
    if let Some(ranges) = ranges.filter(|ranges| !ranges.is_empty()) {
        each(Chunk {
            bytes,
            base,
            first_row,
            ranges,
            too_long: false,
        });
    }
}

/// The chunk that stands for a record too long to be a cable.
fn skipped(start: u64, row: usize) -> Chunk<'static> {
    Chunk {
        bytes: &[],
        base: start,
        first_row: row,
        ranges: &[],
        too_long: true,
    }
}

/// Appends up to `want` bytes; says whether the input ended.
fn fill(input: &mut impl Read, buffer: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    buffer.reserve(want);
    let read = input.take(want as u64).read_to_end(buffer)?;
    Ok(read < want)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// Rows of a cables.csv; the truth is where each row starts in the text written here.
    fn rows(count: usize) -> (Vec<u8>, Vec<Range<usize>>) {
        let mut bytes = Vec::new();
        let mut ranges = Vec::new();
        for row in 1..=count {
            let start = bytes.len();
            let body = "X".repeat(row * 37 % 500);
            bytes.extend_from_slice(
                format!(
                    "\"{row}\",\"1/2/2009 10:00\",\"09STATE{row}\",\"Secretary of State\",\
                     \"SECRET\",\"\",\"H\",\"SECRET\\n\\n{body}\\\"q\\\"\"\n"
                )
                .as_bytes(),
            );
            ranges.push(start..bytes.len());
        }
        (bytes, ranges)
    }

    fn scanned(bytes: &[u8]) -> Vec<Range<u64>> {
        let mut found = Vec::new();
        let mut next_row = 1;
        scan(&mut &bytes[..], |chunk| {
            assert_eq!(chunk.first_row, next_row);
            next_row += chunk.ranges.len();
            let base = chunk.base;
            found.extend(
                chunk
                    .ranges
                    .iter()
                    .map(|r| base + r.start as u64..base + r.end as u64),
            )
        })
        .unwrap();
        found
    }

    #[test]
    fn rows_across_chunks_are_found_once_each() {
        // Enough rows to need several chunks of FIRST_CHUNK and CHUNK.
        let (bytes, expected) = rows(4000);
        assert!(bytes.len() > FIRST_CHUNK);
        let expected: Vec<Range<u64>> = expected
            .into_iter()
            .map(|r| r.start as u64..r.end as u64)
            .collect();
        assert_eq!(scanned(&bytes), expected);
    }

    #[test]
    fn byte_order_mark_is_counted() {
        let (rows, expected) = rows(3);
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(&rows);
        let expected: Vec<Range<u64>> = expected
            .into_iter()
            .map(|r| r.start as u64 + 3..r.end as u64 + 3)
            .collect();
        assert_eq!(scanned(&bytes), expected);
    }

    /// (row, start, len, too long) of every chunk's records, scanned with `limit`.
    fn scanned_with_limit(bytes: &[u8], limit: usize) -> io::Result<Vec<(usize, u64, u64, bool)>> {
        let mut found = Vec::new();
        scan_with_limit(&mut &bytes[..], limit, |chunk| {
            if chunk.too_long {
                assert!(chunk.too_long_source().is_some());
                found.push((chunk.first_row, chunk.base, 0, true));
            }
            for (at, range) in chunk.ranges.iter().enumerate() {
                found.push((
                    chunk.first_row + at,
                    chunk.base + range.start as u64,
                    range.len() as u64,
                    false,
                ));
            }
        })?;
        Ok(found)
    }

    #[test]
    fn a_file_over_the_limit_that_is_no_csv_is_an_error() {
        let text = vec![b'x'; 5000];
        let error = scanned_with_limit(&text, 1000).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            error.get_ref().and_then(|e| e.downcast_ref::<TooLong>()),
            Some(&TooLong { limit: 1000 })
        );
        assert_eq!(
            scanned_with_limit(&text, 5000).unwrap(),
            [(1, 0, 5000, false)]
        );
    }

    #[test]
    fn a_csv_record_over_the_limit_is_skipped_and_the_next_is_read() {
        let (rows, expected) = rows(3);
        let mut bytes = rows.clone();
        // Row 4 whose last field never closes, longer than the limit, then row 5.
        let long_at = bytes.len() as u64;
        bytes.extend_from_slice(b"\"4\",\"\",\"A\",\"\",\"\",\"\",\"H\",\"");
        bytes.extend(std::iter::repeat_n(b'x', 3 * FIRST_CHUNK));
        let (last, _) = rows_numbered(5);
        let fifth_at = bytes.len() as u64;
        bytes.extend_from_slice(b"\n");
        bytes.extend_from_slice(&last);
        let found = scanned_with_limit(&bytes, FIRST_CHUNK).unwrap();
        let mut want: Vec<(usize, u64, u64, bool)> = expected
            .iter()
            .enumerate()
            .map(|(at, r)| (at + 1, r.start as u64, r.len() as u64, false))
            .collect();
        want.push((4, long_at, 0, true));
        want.push((5, fifth_at + 1, last.len() as u64, false));
        assert_eq!(found, want);
        // The same record never closing at the end of the file: skipped, and the end found.
        let mut unclosed = rows;
        unclosed.extend_from_slice(b"\"4\",\"\",\"A\",\"\",\"\",\"\",\"H\",\"");
        unclosed.extend(std::iter::repeat_n(b'x', 3 * FIRST_CHUNK));
        let found = scanned_with_limit(&unclosed, FIRST_CHUNK).unwrap();
        assert_eq!(found.len(), 4);
        assert_eq!(found.last(), Some(&(4, long_at, 0, true)));
    }

    /// One row numbered `row`, as `rows` writes them.
    fn rows_numbered(row: usize) -> (Vec<u8>, usize) {
        let text = format!(
            "\"{row}\",\"1/2/2009 10:00\",\"09STATE{row}\",\"Secretary of State\",\
             \"SECRET\",\"\",\"H\",\"SECRET\\n\\nTEXT\"\n"
        );
        let len = text.len();
        (text.into_bytes(), len)
    }

    #[test]
    fn other_files_are_one_record() {
        let text = b"UNCLASSIFIED\n\nSUBJECT: X\n";
        assert_eq!(scanned(text), [0..text.len() as u64]);
        assert_eq!(scanned(b""), [0..0]);
    }
}
