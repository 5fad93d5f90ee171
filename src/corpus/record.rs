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
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::cable::wrapper::{looks_like_csv, CsvRecord, CsvRecords};
use crate::cable::{sources, Source};

/// The first read is small so the first rows are summarised at once; the rest are large.
pub const FIRST_CHUNK: usize = 1 << 20;
pub const CHUNK: usize = 32 << 20;
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
    /// The bytes of standard input, which cannot be read again.
    memory: Option<Arc<[u8]>>,
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

    /// Bytes held in memory (standard input).
    pub fn memory(name: &str, bytes: Vec<u8>) -> SourceFile {
        SourceFile {
            path: None,
            name: name.to_owned(),
            size: bytes.len() as u64,
            modified: 0,
            memory: Some(bytes.into()),
        }
    }

    /// The bytes of a source held in memory (standard input).
    pub fn bytes(&self) -> Option<&[u8]> {
        self.memory.as_deref()
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
            return range
                .and_then(|range| memory.get(range))
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
pub fn scan(input: &mut impl Read, mut each: impl FnMut(Chunk<'_>)) -> io::Result<()> {
    let mut rows = 0;
    let mut buffer: Vec<u8> = Vec::new();
    let mut base: u64 = 0;
    let mut want = FIRST_CHUNK;
    let mut csv = None;
    loop {
        let eof = fill(input, &mut buffer, want)?;
        want = CHUNK;
        let is_csv = *csv.get_or_insert_with(|| looks_like_csv(&buffer));
        if !is_csv {
            if eof {
                let whole = 0..buffer.len();
                each(Chunk {
                    bytes: &buffer,
                    base,
                    first_row: 1,
                    ranges: std::slice::from_ref(&whole),
                });
                return Ok(());
            }
            continue;
        }
        // Offsets of `CsvRecords` are counted after a byte order mark.
        let skip = if base == 0 && buffer.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let mut ranges: Vec<Range<usize>> = CsvRecords::new(&buffer)
            .map(|record| {
                let start = record.offset + skip;
                start..start + record.raw.len()
            })
            .collect();
        // The last record may be cut by the end of the chunk: it is read again with the
        // next one.
        let keep_from = if eof {
            buffer.len()
        } else {
            ranges.pop().map_or(0, |last| last.start)
        };
        if !ranges.is_empty() {
            each(Chunk {
                bytes: &buffer,
                base,
                first_row: rows + 1,
                ranges: &ranges,
            });
            rows += ranges.len();
        }
        if eof {
            return Ok(());
        }
        buffer.drain(..keep_from);
        base += keep_from as u64;
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

    #[test]
    fn other_files_are_one_record() {
        let text = b"UNCLASSIFIED\n\nSUBJECT: X\n";
        assert_eq!(scanned(text), [0..text.len() as u64]);
        assert_eq!(scanned(b""), [0..0]);
    }
}
