//! One cable: find it in its wrapper, parse it with the nom grammar, and hold the typed model.
//! Nothing here knows about terminals or drawing.

pub mod grammar;
pub mod json;
pub mod model;
mod owned;
pub mod wrapper;

use std::path::{Path, PathBuf};

pub use grammar::{parse_cable, parse_text};
pub use model::*;
pub use wrapper::{sources, unwrap, Metadata, Source, SourceFormat, MAX_RECORD_BYTES};

/// A file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no cable found in the file")]
    Empty { path: PathBuf },
    #[error(
        "{path}: more than {} without the end of a cable, longer than any cable; stopped \
         reading (a device, or a stream that does not end?)",
        wrapper::size(*limit)
    )]
    TooLong { path: PathBuf, limit: usize },
}

/// Every cable in a file's bytes, each independent of the buffer.
pub fn parse_bytes(bytes: &[u8]) -> Vec<Cable<'static>> {
    unwrap(bytes)
        .iter()
        .map(|source| parse_cable(source).into_owned())
        .collect()
}

/// Every cable in the file at `path` (`-` reads standard input).
pub fn read_path(path: &Path) -> Result<Vec<Cable<'static>>, ReadError> {
    let mut cables = Vec::new();
    read_each(path, |cable| cables.push(cable.into_owned()))?;
    if cables.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(cables)
}

/// Calls `each` with every cable in the file at `path` (`-` reads standard input) as it is
/// read. Every input is read as a stream, one record in memory at a time (a 2.5 GB
/// cables.csv, or a FIFO such as `<(zcat cables.csv.gz)`), and no record may pass
/// [`MAX_RECORD_BYTES`] (so `/dev/zero` ends).
pub fn read_each(path: &Path, mut each: impl FnMut(Cable<'_>)) -> Result<(), ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let parse = |source: Source<'_>| each(parse_cable(&source));
    let read = if path == Path::new("-") {
        wrapper::read_sources(std::io::stdin().lock(), MAX_RECORD_BYTES, parse)
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        wrapper::read_sources(file, MAX_RECORD_BYTES, parse)
    };
    match read.map_err(io_error)? {
        Ok(()) => Ok(()),
        Err(too_long) => Err(ReadError::TooLong {
            path: path.to_owned(),
            limit: too_long.limit,
        }),
    }
}
