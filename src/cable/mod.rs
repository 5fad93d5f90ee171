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
pub use wrapper::{
    sources, try_sources, unwrap, Metadata, PdfError, Source, SourceFormat, MAX_RECORD_BYTES,
};

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

/// Every cable in the file at `path` (`-` reads standard input).
pub fn read_path(path: &Path) -> Result<Vec<Cable<'static>>, ReadError> {
    let mut cables = Vec::new();
    read_each(path, |cable| cables.push(cable.into_owned()))?;
    Ok(cables)
}

/// Calls `each` with every cable in the bytes of the file at `path`, one at a time, and
/// says when the file holds none: a PDF without readable text, or text with nothing of a
/// cable (an error naming the file). A cable whose text gives no id takes the file's name
/// when that is an id (`00DAMASCUS3013.pdf`), with a warning.
pub fn for_each_cable_in(
    path: &Path,
    bytes: &[u8],
    mut each: impl FnMut(&Cable<'_>),
) -> Result<(), ReadError> {
    let sources = try_sources(bytes).map_err(|source| ReadError::Pdf {
        path: path.to_owned(),
        source,
    })?;
    let mut cables = Settled::new(path);
    for source in sources {
        cables.add(source, |cable| each(&cable));
    }
    cables.finish()
}

/// Settles each cable of a file as it is parsed and counts them: the first one that is no
/// cable (blank, or not a cable) stops the file.
struct Settled<'p> {
    path: &'p Path,
    count: usize,
    failure: Option<ReadError>,
}

impl<'p> Settled<'p> {
    fn new(path: &'p Path) -> Self {
        Settled {
            path,
            count: 0,
            failure: None,
        }
    }

    fn add(&mut self, source: Source<'_>, each: impl FnOnce(Cable<'_>)) {
        if self.failure.is_some() {
            return;
        }
        if source.format == SourceFormat::PlainText && source.text.trim().is_empty() {
            self.failure = Some(ReadError::Blank {
                path: self.path.to_owned(),
            });
            return;
        }
        let mut cable = parse_cable(&source);
        match settle(self.path, &source, &mut cable) {
            Ok(()) => {
                self.count += 1;
                each(cable);
            }
            Err(error) => self.failure = Some(error),
        }
    }

    fn finish(self) -> Result<(), ReadError> {
        if let Some(error) = self.failure {
            return Err(error);
        }
        if self.count == 0 {
            return Err(ReadError::Empty {
                path: self.path.to_owned(),
            });
        }
        Ok(())
    }
}

/// What a file's name and kind add to a cable parsed from it: text (or a PDF) with nothing
/// of a cable is no cable; a cable alone in its file (any format but a cables.csv row)
/// whose text gives no id takes the file's name when that is an id, with a warning.
pub fn settle(path: &Path, source: &Source<'_>, cable: &mut Cable<'_>) -> Result<(), ReadError> {
    if shows_no_cable(source, cable) {
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

/// Whether `cable`, parsed from `source`, is no cable: text (or a PDF) with nothing of a
/// cable in it (see [`Cable::shows_a_cable`]). Wrapped formats (a WikiLeaks page, a csv row)
/// always hold one.
pub fn shows_no_cable(source: &Source<'_>, cable: &Cable<'_>) -> bool {
    let text_only = matches!(source.format, SourceFormat::PlainText | SourceFormat::Pdf);
    text_only && !cable.shows_a_cable()
}

/// The file's name without its extension, if that is a cable id (`00DAMASCUS3013`).
fn id_from_file_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    wrapper::is_cable_id(stem).then(|| stem.to_owned())
}

/// Calls `each` with every cable in the file at `path` (`-` reads standard input) as it is
/// read, settled as [`for_each_cable_in`] settles them. Every input is read as a stream,
/// one record in memory at a time (a 2.5 GB cables.csv, or a FIFO such as
/// `<(zcat cables.csv.gz)`), and no record may pass [`MAX_RECORD_BYTES`] (so `/dev/zero`
/// ends).
pub fn read_each(path: &Path, mut each: impl FnMut(Cable<'_>)) -> Result<(), ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let mut cables = Settled::new(path);
    let parse = |source: Source<'_>| cables.add(source, &mut each);
    let read = if path == Path::new("-") {
        wrapper::read_sources(std::io::stdin().lock(), MAX_RECORD_BYTES, parse)
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        wrapper::read_sources(file, MAX_RECORD_BYTES, parse)
    };
    match read.map_err(io_error)? {
        Ok(()) => cables.finish(),
        Err(wrapper::Stopped::TooLong(too_long)) => Err(ReadError::TooLong {
            path: path.to_owned(),
            limit: too_long.limit,
        }),
        Err(wrapper::Stopped::Pdf(source)) => Err(ReadError::Pdf {
            path: path.to_owned(),
            source,
        }),
    }
}

impl ReadError {
    /// An error met while reading `path` in chunks: a record over [`MAX_RECORD_BYTES`] is
    /// [`ReadError::TooLong`], anything else [`ReadError::Io`].
    pub fn reading(path: &Path, source: std::io::Error) -> ReadError {
        match source
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<wrapper::TooLong>())
        {
            Some(too_long) => ReadError::TooLong {
                path: path.to_owned(),
                limit: too_long.limit,
            },
            None => ReadError::Io {
                path: path.to_owned(),
                source,
            },
        }
    }
}
