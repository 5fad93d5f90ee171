//! The records of a source file, for the index build and the scan: the file's bytes and
//! the byte range of each cable in them (one per row of a cables.csv, else one for the
//! whole file), and a record's bytes read back for a hit.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;
use std::time::UNIX_EPOCH;

use super::index::SourceStamp;
use crate::corpus::record::scan;

/// The stamp of the file at `path` as it is now.
pub fn stamp(path: &Path) -> io::Result<SourceStamp> {
    let metadata = std::fs::metadata(path)?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| {
            u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
        });
    Ok(SourceStamp {
        path: path.to_owned(),
        size: metadata.len(),
        modified,
    })
}

/// Calls `each` with each chunk of the file's bytes, the offset of its first byte, and
/// the ranges of the whole records in it (read a chunk at a time, so memory stays a small
/// part of a large dump).
pub fn scan_file(path: &Path, mut each: impl FnMut(&[u8], u64, &[Range<usize>])) -> io::Result<()> {
    let mut file = File::open(path)?;
    scan(&mut file, |chunk| {
        each(chunk.bytes, chunk.base, chunk.ranges)
    })
}

/// The bytes of one record.
pub fn read_record(path: &Path, start: u64, len: u64) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    let len = usize::try_from(len).map_err(io::Error::other)?;
    let mut bytes = vec![0; len];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut bytes)?;
    Ok(bytes)
}
