//! Lines of the cable text with their byte offsets: the grammar reads the cable line by
//! line, and every part of the model records where it came from.

use memchr::memchr;

/// One line of text, without its line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    /// Byte offset of the line's first byte in the whole text.
    pub start: usize,
}

impl<'a> Line<'a> {
    /// Offset just past the line's last character (before its `\n`).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Splits `text` into lines, remembering where each starts. `base` is added to every offset,
/// so a slice of a larger text keeps offsets into the larger one.
pub fn split_lines(text: &str, base: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(text.len() / 48 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr(b'\n', bytes.get(start..).unwrap_or_default())
            .map_or(bytes.len(), |at| start + at);
        lines.push(Line {
            text: text.get(start..end).unwrap_or_default(),
            start: base + start,
        });
        start = end + 1;
    }
    lines
}

/// The byte offset of `part` inside `whole`, when `part` is a slice of it.
pub fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let whole_start = whole.as_ptr() as usize;
    let part_start = part.as_ptr() as usize;
    (part_start >= whole_start && part_start + part.len() <= whole_start + whole.len())
        .then(|| part_start - whole_start)
}

/// Whether a line ends a sentence, so that the next line cannot continue it.
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end();
    let trimmed = trimmed.trim_end_matches(['"', '\'', ')', '”', '’']);
    trimmed.ends_with(['.', '?', '!', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_with_offsets() {
        let lines = split_lines("ab\n\ncd", 10);
        assert_eq!(
            lines,
            vec![
                Line {
                    text: "ab",
                    start: 10
                },
                Line {
                    text: "",
                    start: 13
                },
                Line {
                    text: "cd",
                    start: 14
                },
            ]
        );
    }

    #[test]
    fn trailing_newline_makes_no_empty_line() {
        assert_eq!(split_lines("ab\n", 0).len(), 1);
        assert!(split_lines("", 0).is_empty());
    }

    #[test]
    fn offset_of_a_slice() {
        let whole = "hello world";
        assert_eq!(offset_in(whole, &whole[6..]), Some(6));
        assert_eq!(offset_in(whole, "other"), None);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("He said so. "));
        assert!(ends_sentence("the \"photo of the Azores.\""));
        assert!(!ends_sentence("With a"));
    }
}
