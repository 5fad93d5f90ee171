//! Finds the cable text inside what was published: plain text (UTF-8 or Windows-1252,
//! LF or CRLF), text dumps with five metadata lines, WikiLeaks HTML pages, cables.csv rows,
//! PDFs.

use std::borrow::Cow;

use crate::cable::date as dates;
use crate::cable::model::{CableDate, DateTime, Warning};

mod csv;
mod dump;
mod encoding;
mod html;
pub mod pdf;
mod stream;

pub use csv::{looks_like_csv, next_record_start, unescape, CsvRecord, CsvRecords};
pub(crate) use dump::is_cable_id;
pub use encoding::{clean, decode, Decoded};
pub use pdf::PdfError;
pub(crate) use stream::too_long_row;
pub use stream::{read_sources, size, Stopped, TooLong, MAX_RECORD_BYTES};

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
    /// The text of a PDF (archive.org's cablegatepdf, one cable per file).
    Pdf,
}

/// What the wrapper says about the cable (WikiLeaks table, dump header lines, csv fields).
/// The grammar compares these with what the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub id: Option<String>,
    /// In UTC; only the day for a text dump's midnight.
    pub date: Option<CableDate>,
    /// As written: "SECRET//NOFORN".
    pub classification: Option<String>,
    /// As written: "Embassy Mexico".
    pub origin: Option<String>,
    pub subject: Option<String>,
    /// Canonical ids of referenced cables (csv field 6).
    pub references: Vec<String>,
    /// WikiLeaks release date, in UTC.
    pub released: Option<DateTime>,
    /// A publisher's note that stood before the cable text and was taken out of it:
    /// WikiLeaks' "This record is a partial extract of the original cable. The full text of
    /// the original cable is not available."
    pub notice: Option<String>,
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
/// Never fails: bytes that are no known wrapper are read as plain text, and a PDF whose
/// text cannot be read gives no cable ([`try_sources`] says why).
pub fn unwrap(bytes: &[u8]) -> Vec<Source<'_>> {
    sources(bytes).collect()
}

/// The cables in a file's bytes one at a time, so that a cables.csv of any size is read
/// row by row without holding every cable at once. A PDF that cannot be read gives none.
pub fn sources<'a>(bytes: &'a [u8]) -> impl Iterator<Item = Source<'a>> + 'a {
    try_sources(bytes).ok().into_iter().flatten()
}

/// The cables in a file's bytes, or why a PDF among them holds no readable text. PDFs are
/// known by their magic bytes (`%PDF-`), whatever the file is called.
pub fn try_sources<'a>(bytes: &'a [u8]) -> Result<impl Iterator<Item = Source<'a>> + 'a, PdfError> {
    let pdf = if pdf::is_pdf(bytes) {
        Some(pdf_source(bytes)?)
    } else {
        None
    };
    let text = pdf
        .is_none()
        .then(|| text_sources(bytes))
        .into_iter()
        .flatten();
    Ok(pdf.into_iter().chain(text))
}

/// The cables in bytes that are text: one per row of a cables.csv, else one.
fn text_sources<'a>(bytes: &'a [u8]) -> impl Iterator<Item = Source<'a>> + 'a {
    let csv = csv::looks_like_csv(bytes);
    let rows = csv
        .then(|| CsvRecords::new(bytes).map(|record| -> Source<'a> { record.into_source() }))
        .into_iter()
        .flatten();
    let single = (!csv).then(|| single_source(bytes));
    rows.chain(single)
}

/// A PDF's text, with the partial-extract notice WikiLeaks put above some cables taken out
/// as it is from their pages.
fn pdf_source(bytes: &[u8]) -> Result<Source<'static>, PdfError> {
    let text = pdf::extract_text(bytes)?;
    let mut metadata = Metadata::default();
    let mut warnings = Vec::new();
    let text = match notice_len(text.trim_start()) {
        Some(len) => {
            metadata.notice = Some(PARTIAL_EXTRACT_NOTICE.to_owned());
            warnings.push(partial_extract_warning());
            let start = text.len() - text.trim_start().len() + len;
            text.get(start..).unwrap_or_default().to_owned()
        }
        None => text,
    };
    Ok(Source {
        text: Cow::Owned(text),
        format: SourceFormat::Pdf,
        metadata,
        warnings,
    })
}

/// A file that holds one cable: a text dump, a WikiLeaks page, or plain text.
fn single_source(bytes: &[u8]) -> Source<'_> {
    let Decoded { text, warnings } = decode(bytes);
    if let Some(source) = dump::unwrap_dump(&text) {
        return source.into_source(text, warnings);
    }
    if html::looks_like_wikileaks(&text) {
        return html::unwrap_html(&text, warnings);
    }
    Source {
        text,
        format: SourceFormat::PlainText,
        metadata: Metadata::default(),
        warnings,
    }
}

/// The note WikiLeaks puts before cables it has only part of.
pub(crate) const PARTIAL_EXTRACT_NOTICE: &str = "This record is a partial extract of the original \
    cable. The full text of the original cable is not available.";

/// If `text` opens with the partial-extract notice, the notice's length with the line ends
/// and spaces after it.
pub(crate) fn notice_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix(PARTIAL_EXTRACT_NOTICE)?;
    let after = rest.trim_start_matches([' ', '\n']);
    Some(text.len() - after.len())
}

/// The warning that goes with a removed partial-extract notice.
pub(crate) fn partial_extract_warning() -> Warning {
    Warning::new(
        "WikiLeaks has only a partial extract of this cable: the full text is not available",
    )
}

/// The part of a `Cow` text from `start` on, borrowed if the text was.
pub(crate) fn cow_from(text: Cow<'_, str>, start: usize) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.get(start..).unwrap_or_default()),
        Cow::Owned(mut text) => {
            if text.is_char_boundary(start) {
                text.drain(..start);
            } else {
                text.clear();
            }
            Cow::Owned(text)
        }
    }
}

/// Decodes `&name;`, `&#10;` and `&#x000A;` entities (a `;` is required, so `&China` in a
/// cable stays as written), borrowing when there is none.
pub(crate) fn decode_entities(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => html_escape::decode_html_entities(text),
        Cow::Owned(text) => match html_escape::decode_html_entities(&text) {
            Cow::Borrowed(_) => Cow::Owned(text),
            Cow::Owned(decoded) => Cow::Owned(decoded),
        },
    }
}

/// Adds a warning unless an equal one is already there.
pub(crate) fn push_once(warnings: &mut Vec<Warning>, warning: Warning) {
    if !warnings.contains(&warning) {
        warnings.push(warning);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let input = "UNCLASSIFIED\n\nSUBJECT: X\n\n¶1. TEXT.\n";
        let expected = Source {
            text: Cow::Borrowed(input),
            format: SourceFormat::PlainText,
            metadata: Metadata::default(),
            warnings: Vec::new(),
        };
        let sources = unwrap(input.as_bytes());
        assert_eq!(sources, vec![expected]);
        assert!(matches!(
            sources.first().map(|s| &s.text),
            Some(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn crlf_windows_1252_plain_text() {
        let expected = Source {
            text: Cow::Owned("UNCLAS\n\n¶1. SARKOZY,S VISIT.\n".into()),
            format: SourceFormat::PlainText,
            metadata: Metadata::default(),
            warnings: vec![Warning::new("text is not UTF-8: read as Windows-1252")],
        };
        assert_eq!(
            unwrap(b"UNCLAS\r\n\r\n\xB61. SARKOZY,S VISIT.\r\n"),
            vec![expected]
        );
    }

    #[test]
    fn formats_are_told_apart_by_content() {
        let formats = |bytes: &[u8]| -> Vec<SourceFormat> {
            unwrap(bytes).iter().map(|s| s.format).collect()
        };
        assert_eq!(formats(b""), [SourceFormat::PlainText]);
        assert_eq!(
            formats(b"08STATE1400\n\nMon Jan 07 00:00:00 +0100 2008\nSECRET\nX\nTEXT"),
            [SourceFormat::TextDump]
        );
        assert_eq!(
            formats(b"\xEF\xBB\xBF<?xml version='1.0'?>\n<html><title>Cable Viewer</title>"),
            [SourceFormat::WikiLeaksHtml]
        );
        assert_eq!(
            formats(b"\"1\",\"\",\"A\",\"\",\"\",\"\",\"H\",\"B\"\n\"2\",\"\",\"B\",\"\",\"\",\"\",\"H\",\"B\"\n"),
            [SourceFormat::CsvRow, SourceFormat::CsvRow]
        );
        assert_eq!(formats(b"\"QUOTED\" TEXT"), [SourceFormat::PlainText]);
    }

    #[test]
    fn notice_length_includes_following_line_ends() {
        let text = format!("{PARTIAL_EXTRACT_NOTICE}\n\n291359Z Nov 00");
        assert_eq!(notice_len(&text), Some(PARTIAL_EXTRACT_NOTICE.len() + 2));
        assert_eq!(notice_len("291359Z Nov 00"), None);
    }

    #[test]
    fn cow_from_keeps_borrowing() {
        assert_eq!(
            cow_from(Cow::Borrowed("ABC"), 1),
            Cow::<str>::Borrowed("BC")
        );
        assert_eq!(
            cow_from(Cow::Owned("ABC".into()), 1),
            Cow::<str>::Owned("BC".into())
        );
        assert_eq!(
            cow_from(Cow::Owned("¶".into()), 1),
            Cow::<str>::Owned(String::new())
        );
        assert_eq!(cow_from(Cow::Borrowed("A"), 5), Cow::<str>::Borrowed(""));
    }

    #[test]
    fn entities_need_a_semicolon() {
        assert_eq!(
            decode_entities(Cow::Borrowed("A&#x000A;&quot;B&quot; &China &amp; &#39;")),
            "A\n\"B\" &China & '"
        );
        assert!(matches!(
            decode_entities(Cow::Borrowed("A & B")),
            Cow::Borrowed(_)
        ));
    }
}
