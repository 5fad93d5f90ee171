//! PDFs of cables (archive.org's `cablegatepdf.zip`, rendered with wkhtmltopdf): the text
//! of every page, its lines put back in reading order, the PDF's own page furniture
//! (page numbers, running heads) left out. The text then goes to the same grammar as
//! every other format.
//!
//! pdf-extract reads the fonts and content streams; it hands each glyph with its place on
//! the page to [`Glyphs`], and the lines are built here from those places, not from the
//! order the content stream happens to draw them in.
//!
//! pdf-extract (and lopdf below it) can panic on damaged input, so every call into it runs
//! under `catch_unwind`, with the panic report silenced for that thread only
//! ([`inside_extraction`] tells the terminal's panic hook to leave the screen alone).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

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
    let mut glyphs = Glyphs::default();
    pdf_extract::output_doc(&document, &mut glyphs).map_err(|error| match error {
        OutputError::PdfError(error) => damaged(error),
        other => PdfError::Damaged(format!("{other:?}")),
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

/// One glyph where the page shows it: PDF user space, y upwards, baseline at `y`.
#[derive(Debug, Clone, PartialEq)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width on the page.
    width: f64,
    /// Font size on the page.
    size: f64,
    text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Page {
    glyphs: Vec<Glyph>,
}

/// pdf-extract's output device: collects glyphs page by page.
#[derive(Debug, Default)]
struct Glyphs {
    pages: Vec<Page>,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page::default());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text rendering matrix maps glyph space to the page: its scale times the font
        // size is the size on the page (as pdf-extract's own text output computes it).
        let scale = ((trm.m11 + trm.m21) * (trm.m12 + trm.m22)).abs().sqrt();
        let size = font_size * scale;
        let glyph = Glyph {
            x: trm.m31,
            y: trm.m32,
            width: width * size,
            size,
            text: text.to_owned(),
        };
        if let Some(page) = self.pages.last_mut() {
            if glyph.x.is_finite() && glyph.y.is_finite() && glyph.size.is_finite() {
                page.glyphs.push(glyph);
            }
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

impl Page {
    /// The page's lines, top to bottom, each left to right. A gap wider than a space
    /// becomes as many spaces as would fill it, so columns stay apart; a vertical gap
    /// wider than the document's line `spacing` becomes blank lines, which is where the
    /// cable's paragraphs end.
    fn lines(&self, spacing: Option<f64>) -> Vec<String> {
        let mut lines = Vec::new();
        let mut previous: Option<f64> = None;
        for mut row in self.rows() {
            let Some(y) = row.first().map(|glyph| glyph.y) else {
                continue;
            };
            if let (Some(previous), Some(spacing)) = (previous, spacing) {
                let skipped = ((previous - y) / spacing).round() - 1.0;
                // A few blank lines at most: one is what tells paragraphs apart.
                let blanks = skipped.clamp(0.0, 3.0) as usize;
                lines.extend(std::iter::repeat_n(String::new(), blanks));
            }
            previous = Some(y);
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            lines.push(line_text(&row));
        }
        lines
    }

    /// The glyphs in rows, top of the page first: glyphs whose baselines lie within a
    /// third of their size of each other share a row.
    fn rows(&self) -> Vec<Vec<&Glyph>> {
        let mut glyphs: Vec<&Glyph> = self.glyphs.iter().collect();
        // Top of the page first (larger y), then left to right.
        glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut rows: Vec<Vec<&Glyph>> = Vec::new();
        for glyph in glyphs {
            match rows.last_mut() {
                Some(row)
                    if row.first().is_some_and(|first| {
                        (first.y - glyph.y).abs() <= first.size.max(glyph.size) / 3.0
                    }) =>
                {
                    row.push(glyph)
                }
                _ => rows.push(vec![glyph]),
            }
        }
        rows
    }
}

/// The usual distance between baselines in the document: the smallest distance that at
/// least a quarter of the gaps between rows share (paragraph gaps are fewer), but no more
/// than 1.3 times the usual glyph size, so that a page of double-spaced rows still shows
/// its blank lines. None when no page has two rows.
fn line_spacing(pages: &[Page]) -> Option<f64> {
    let mut gaps = Vec::new();
    let mut sizes = Vec::new();
    for page in pages {
        let rows = page.rows();
        let baselines: Vec<f64> = rows
            .iter()
            .filter_map(|row| row.first().map(|glyph| glyph.y))
            .collect();
        gaps.extend(
            baselines
                .windows(2)
                .filter_map(|pair| match pair {
                    [above, below] => Some(above - below),
                    _ => None,
                })
                .filter(|gap| *gap > 0.0),
        );
        sizes.extend(page.glyphs.iter().map(|glyph| glyph.size));
    }
    gaps.sort_by(f64::total_cmp);
    sizes.sort_by(f64::total_cmp);
    let gap = gaps.get(gaps.len() / 4).copied()?;
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(gap);
    Some(if size > 0.0 { gap.min(size * 1.3) } else { gap })
}

/// The text of one row of glyphs, sorted left to right.
fn line_text(row: &[&Glyph]) -> String {
    let advance = typical_advance(row);
    let mut text = String::new();
    let mut end: Option<f64> = None;
    for glyph in row {
        if let Some(end) = end {
            let gap = glyph.x - end;
            if advance > 0.0 && gap > advance * 0.5 && !text.ends_with(' ') {
                // At most a line's width of spaces, whatever the coordinates say.
                let spaces = (gap / advance).round().clamp(1.0, 200.0) as usize;
                text.extend(std::iter::repeat_n(' ', spaces));
            }
        }
        text.push_str(&glyph.text);
        end = Some(glyph.x + glyph.width);
    }
    text
}

/// The advance of a typical glyph in the row (the median of the non-zero ones): the width
/// of a space in the monospaced text these PDFs hold.
fn typical_advance(row: &[&Glyph]) -> f64 {
    let mut widths: Vec<f64> = row
        .iter()
        .map(|glyph| glyph.width)
        .filter(|width| *width > 0.0)
        .collect();
    widths.sort_by(f64::total_cmp);
    widths.get(widths.len() / 2).copied().unwrap_or(0.0)
}

/// Drops what the PDF printed on every page rather than the cable: a page number alone
/// on the first or last line of a page, and a first or last line that repeats on every
/// page (digits aside: "Page 2 of 3"), which is a running head or foot. Needs two pages
/// to tell a running head from text.
fn without_furniture(mut pages: Vec<Vec<String>>) -> Vec<Vec<String>> {
    fn first(page: &[String]) -> Option<usize> {
        page.iter().position(|line| !line.trim().is_empty())
    }
    fn last(page: &[String]) -> Option<usize> {
        page.iter().rposition(|line| !line.trim().is_empty())
    }
    let repeated = |pick: fn(&[String]) -> Option<usize>| -> Option<String> {
        let mut keys = pages.iter().map(|page| {
            pick(page)
                .and_then(|at| page.get(at))
                .map(|line| digits_blanked(line))
        });
        let first = keys.next()??;
        (pages.len() >= 2 && keys.all(|key| key.as_deref() == Some(first.as_str())))
            .then_some(first)
    };
    let head = repeated(first);
    let foot = repeated(last);
    for page in &mut pages {
        for (pick, running) in [
            (first as fn(&[String]) -> Option<usize>, &head),
            (last, &foot),
        ] {
            let Some(at) = pick(page) else { continue };
            let furniture = page.get(at).is_some_and(|line| {
                is_page_number(line) || running.as_deref() == Some(digits_blanked(line).as_str())
            });
            if furniture {
                page.remove(at);
            }
        }
        // The blank lines a page starts or ends with are the margin, not the text's.
        while page.last().is_some_and(|line| line.trim().is_empty()) {
            page.pop();
        }
        let leading = first(page).unwrap_or(page.len());
        page.drain(..leading);
    }
    pages
}

/// The line with its digits replaced by `#` and its spaces trimmed, to compare running
/// heads that carry a page number.
fn digits_blanked(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// A line that is only a page number as printers write them: "3", "- 3 -", "3/7",
/// "3 of 7", "Page 3", "Page 3 of 7".
fn is_page_number(line: &str) -> bool {
    let line = line.trim();
    let line = line
        .strip_prefix("Page ")
        .or_else(|| line.strip_prefix("page "))
        .unwrap_or(line);
    let words: Vec<&str> = line
        .split([' ', '/'])
        .filter(|word| !word.is_empty() && *word != "-")
        .collect();
    let number = |word: &&str| word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [one] => number(one),
        [one, two] => number(one) && number(two) && line.contains('/'),
        [one, "of", two] => number(one) && number(two),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            width: 6.0,
            size: 10.0,
            text: text.to_owned(),
        }
    }

    fn lines(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|line| (*line).to_owned()).collect()
    }

    #[test]
    fn magic_bytes_not_extension() {
        assert!(is_pdf(b"%PDF-1.4\n%\xE2\xE3"));
        assert!(is_pdf(b"\r\n%PDF-1.7"));
        let late = [b"UNCLASSIFIED\n".repeat(100), b"%PDF- too late".to_vec()].concat();
        assert!(!is_pdf(&late));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn glyphs_drawn_out_of_order_come_back_in_reading_order() {
        // Drawn bottom line first, and the top line right half before its left half.
        let page = Page {
            glyphs: vec![
                glyph(0.0, 188.0, "B"),
                glyph(12.0, 200.0, "2"),
                glyph(0.0, 200.0, "1"),
                glyph(6.0, 201.0, "x"),
            ],
        };
        assert_eq!(
            page.lines(line_spacing(std::slice::from_ref(&page))),
            lines(&["1x2", "B"])
        );
    }

    #[test]
    fn wider_line_gaps_become_blank_lines() {
        let page = Page {
            glyphs: vec![
                glyph(0.0, 100.0, "A"),
                glyph(0.0, 88.0, "B"),
                glyph(0.0, 76.0, "C"),
                glyph(0.0, 52.0, "D"),
                glyph(0.0, 40.0, "E"),
            ],
        };
        assert_eq!(
            page.lines(line_spacing(std::slice::from_ref(&page))),
            lines(&["A", "B", "C", "", "D", "E"])
        );
    }

    #[test]
    fn gaps_become_spaces_so_columns_stay_apart() {
        let page = Page {
            glyphs: vec![
                glyph(0.0, 100.0, "A"),
                glyph(6.0, 100.0, "B"),
                glyph(30.0, 100.0, "C"),
                glyph(36.0, 100.0, " "),
                glyph(42.0, 100.0, "D"),
            ],
        };
        assert_eq!(
            page.lines(line_spacing(std::slice::from_ref(&page))),
            lines(&["AB   C D"])
        );
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped() {
        let pages = vec![
            lines(&[
                "",
                "2000HANOI00686 - CONFIDENTIAL",
                "FM AMEMBASSY HANOI",
                "",
                "1",
            ]),
            lines(&[
                "2000HANOI00686 - CONFIDENTIAL",
                "1. (C) TEXT",
                "",
                "2. TEXT",
                "Page 2 of 3",
            ]),
            lines(&["2000HANOI00686 - CONFIDENTIAL", "PETERSON", "- 3 -"]),
        ];
        assert_eq!(
            without_furniture(pages),
            vec![
                lines(&["FM AMEMBASSY HANOI"]),
                lines(&["1. (C) TEXT", "", "2. TEXT"]),
                lines(&["PETERSON"]),
            ]
        );
    }

    #[test]
    fn one_page_keeps_its_first_and_last_lines_unless_page_numbers() {
        let pages = vec![lines(&["UNCLASSIFIED", "1. TEXT.", "UNCLASSIFIED"])];
        assert_eq!(without_furniture(pages.clone()), pages);
        // A cable line that only repeats on some pages is text.
        let pages = vec![lines(&["CONFIDENTIAL", "A"]), lines(&["B", "CONFIDENTIAL"])];
        assert_eq!(without_furniture(pages.clone()), pages);
    }

    #[test]
    fn page_number_shapes() {
        for yes in [
            "3",
            "- 3 -",
            "3/7",
            "3 / 7",
            "3 of 7",
            "Page 3",
            "Page 3 of 7",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "3 7",
            "¶3.",
            "000686",
            "PAGE 02 HANOI 00686",
            "1. (C) TEXT",
            "",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn garbage_is_a_damaged_pdf_not_a_panic() {
        let outcome = extract_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");
        assert!(matches!(outcome, Err(PdfError::Damaged(_))), "{outcome:?}");
        assert!(!inside_extraction());
    }
}
