//! Glyphs, with their places on the page, put back into lines of text: the order the
//! page shows them in, not the order the content stream draws them in.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One glyph where the page shows it: PDF user space, y upwards, baseline at `y`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    x: f64,
    y: f64,
    /// Advance width on the page.
    width: f64,
    /// Font size on the page.
    size: f64,
    text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Page {
    glyphs: Vec<Glyph>,
}

/// pdf-extract's output device: collects glyphs page by page.
#[derive(Debug, Default)]
pub(super) struct Glyphs {
    pub(super) pages: Vec<Page>,
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
    pub(super) fn lines(&self, spacing: Option<f64>) -> Vec<String> {
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
pub(super) fn line_spacing(pages: &[Page]) -> Option<f64> {
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
}
