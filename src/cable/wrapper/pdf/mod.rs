//! PDFs of cables (archive.org's `cablegatepdf.zip`, rendered with wkhtmltopdf): the text
//! of every page, its lines put back in reading order, the PDF's own page furniture
//! (page numbers, running heads) left out. The text then goes to the same grammar as
//! every other format.
//!
//! pdf-extract reads the fonts and content streams; it hands each glyph with its place on
//! the page to [`Glyphs`], and the lines are built here from those places, not from the
//! order the content stream happens to draw them in.
//!
//! Loops in the page tree and in drawings, which would hang pdf-extract or overflow its
//! stack, are refused first ([`structure`]).
//!
//! pdf-extract (and lopdf below it) can panic on damaged input, so every call into it runs
//! under `catch_unwind`, with the panic report silenced for that thread only
//! ([`inside_extraction`] tells the terminal's panic hook to leave the screen alone).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::OutputError;

mod furniture;
mod lines;
mod structure;

use furniture::without_furniture;
use lines::{line_spacing, Glyphs, Page};

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF is encrypted; decrypt it first (e.g. `qpdf --decrypt`)")]
    Encrypted,
    #[error("the PDF is damaged: {0}")]
    Damaged(String),
    #[error("the PDF holds no text (a scan or images only?)")]
    NoText,
}

/// Whether the bytes are a PDF: `%PDF-` within the first kilobyte, where readers look for it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..1024).unwrap_or(bytes);
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// The PDF's text, one line per line of the page, pages in order.
pub fn extract_text(bytes: &[u8]) -> Result<String, PdfError> {
    let pages = guarded(|| read_pages(bytes))?;
    let spacing = line_spacing(&pages);
    let lines = without_furniture(pages.iter().map(|page| page.lines(spacing)).collect());
    let mut text = String::new();
    for line in lines.iter().flatten() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    if text.trim().is_empty() {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

thread_local! {
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
}

/// True while this thread is inside pdf-extract: a panic here is caught and reported as a
/// damaged PDF, so a panic hook should neither print it nor restore the terminal.
pub fn inside_extraction() -> bool {
    EXTRACTING.with(Cell::get)
}

/// Runs `read` with panics caught and their default report silenced for this thread.
fn guarded<T>(read: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    install_quiet_hook();
    EXTRACTING.with(|flag| flag.set(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(read));
    EXTRACTING.with(|flag| flag.set(false));
    outcome.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the reader stopped".to_owned());
        Err(PdfError::Damaged(printable(&what)))
    })
}

/// Wraps the panic hook once so that panics caught inside [`guarded`] print nothing.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !inside_extraction() {
                previous(info);
            }
        }));
    });
}

fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    let mut document = pdf_extract::Document::load_mem(bytes).map_err(damaged)?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        // Many PDFs are encrypted with an empty user password only to set permissions;
        // those open. The rest need the password.
        return Err(PdfError::Encrypted);
    }
    structure::check(&document).map_err(PdfError::Damaged)?;
    let mut glyphs = Glyphs::default();
    pdf_extract::output_doc(&document, &mut glyphs).map_err(|error| match error {
        OutputError::PdfError(error) => damaged(error),
        other => PdfError::Damaged(printable(&format!("{other:?}"))),
    })?;
    Ok(glyphs.pages)
}

fn damaged(error: pdf_extract::Error) -> PdfError {
    PdfError::Damaged(printable(&error.to_string()))
}

/// A reader's message made safe to print: no control characters (it may quote the file),
/// at most a line.
fn printable(message: &str) -> String {
    message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(160)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_not_extension() {
        assert!(is_pdf(b"%PDF-1.4\n%\xE2\xE3"));
        assert!(is_pdf(b"\r\n%PDF-1.7"));
        let late = [b"UNCLASSIFIED\n".repeat(100), b"%PDF- too late".to_vec()].concat();
        assert!(!is_pdf(&late));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn a_panic_inside_the_reader_is_a_damaged_pdf() {
        let outcome: Result<(), PdfError> = guarded(|| panic!("index out of range\x1b[2J"));
        assert_eq!(
            outcome,
            Err(PdfError::Damaged("index out of range [2J".to_owned()))
        );
        assert!(!inside_extraction(), "the flag is down again");
    }

    #[test]
    fn garbage_is_a_damaged_pdf_not_a_panic() {
        let outcome = extract_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");
        assert!(matches!(outcome, Err(PdfError::Damaged(_))), "{outcome:?}");
        assert!(!inside_extraction());
    }
}
