//! One cable: find it in its wrapper, parse it with the nom grammar, and hold the typed model.
//! Nothing here knows about terminals or drawing.

pub mod grammar;
pub mod json;
pub mod model;
mod owned;
pub mod wrapper;

use std::path::{Path, PathBuf};

pub use grammar::{parse_cable, parse_header, parse_text};
pub use model::*;
pub use wrapper::{sources, try_sources, unwrap, Metadata, PdfError, Source, SourceFormat};

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
    #[error("{path}: {source}")]
    Pdf {
        path: PathBuf,
        #[source]
        source: PdfError,
    },
    /// Nothing but white space (an empty file, empty standard input).
    #[error("{path}: empty: there is nothing to read")]
    Blank { path: PathBuf },
    /// Text with nothing of a cable in it (see [`Cable::shows_a_cable`]).
    #[error("{path}: not a cable: no classification line, routing header, numbered paragraph, TAGS or SUBJECT")]
    NotACable { path: PathBuf },
}

impl ReadError {
    /// Whether the file was read but is no cable: a folder skips such files.
    pub fn is_not_a_cable(&self) -> bool {
        matches!(self, ReadError::NotACable { .. } | ReadError::Blank { .. })
    }
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
    let mut cables = Vec::new();
    for_each_cable_in(path, &bytes, |cable| {
        cables.push(cable.clone().into_owned())
    })?;
    Ok(cables)
}

/// Calls `each` with every cable in the bytes of the file at `path`, one at a time, as
/// [`for_each_cable`] does, and says when the file holds none: a PDF without readable
/// text, or text with nothing of a cable (an error naming the file). A cable whose text
/// gives no id takes the file's name when that is an id (`00DAMASCUS3013.pdf`), with a
/// warning.
pub fn for_each_cable_in(
    path: &Path,
    bytes: &[u8],
    mut each: impl FnMut(&Cable<'_>),
) -> Result<(), ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Blank {
            path: path.to_owned(),
        });
    }
    let sources = try_sources(bytes).map_err(|source| ReadError::Pdf {
        path: path.to_owned(),
        source,
    })?;
    let mut count = 0;
    for source in sources {
        let mut cable = parse_cable(&source);
        settle(path, &source, &mut cable)?;
        each(&cable);
        count += 1;
    }
    if count == 0 {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// What a file's name and kind add to a cable parsed from it: text (or a PDF) with nothing
/// of a cable is no cable; a cable alone in its file (any format but a cables.csv row)
/// whose text gives no id takes the file's name when that is an id, with a warning.
pub fn settle(path: &Path, source: &Source<'_>, cable: &mut Cable<'_>) -> Result<(), ReadError> {
    let text_only = matches!(source.format, SourceFormat::PlainText | SourceFormat::Pdf);
    if text_only && !cable.shows_a_cable() {
        return Err(ReadError::NotACable {
            path: path.to_owned(),
        });
    }
    if source.format != SourceFormat::CsvRow && cable.id.is_none() {
        if let Some(id) = id_from_file_name(path) {
            cable.warnings.push(Warning::new(format!(
                "the text gives no reference id: {id} is taken from the file's name"
            )));
            cable.id = Some(id);
        }
    }
    Ok(())
}

/// The file's name without its extension, if that is a cable id (`00DAMASCUS3013`).
fn id_from_file_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    wrapper::is_cable_id(stem).then(|| stem.to_owned())
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
