//! One cable: find it in its wrapper, parse it with the nom grammar, and hold the typed model.
//! Nothing here knows about terminals or drawing.

pub mod date;
pub mod grammar;
pub mod json;
pub mod model;
mod owned;
pub mod wrapper;

use std::path::{Path, PathBuf};

pub use grammar::{parse_cable, parse_header, parse_text};
pub use model::*;
pub use wrapper::{sources, unwrap, Metadata, Source, SourceFormat};

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
}

/// Every cable in a file's bytes, each independent of the buffer.
pub fn parse_bytes(bytes: &[u8]) -> Vec<Cable<'static>> {
    unwrap(bytes)
        .iter()
        .map(|source| parse_cable(source).into_owned())
        .collect()
}

/// Calls `each` with every cable in a file's bytes, one at a time: nothing is copied and
/// only one cable is held, whatever the size of a cables.csv.
pub fn for_each_cable(bytes: &[u8], mut each: impl FnMut(&Cable<'_>)) {
    for source in sources(bytes) {
        each(&parse_cable(&source));
    }
}

/// Every cable in the file at `path` (`-` reads standard input).
pub fn read_path(path: &Path) -> Result<Vec<Cable<'static>>, ReadError> {
    let bytes = read_bytes(path)?;
    let cables = parse_bytes(&bytes);
    if cables.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(cables)
}

/// The bytes of the file at `path` (`-` reads standard input), or an error naming it.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(bytes)
}
