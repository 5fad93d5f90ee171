//! The one-line snippet of a hit: a window of the first part of the cable's text that holds
//! a wanted word (the body before the header), with the wanted words marked.

use std::ops::Range;

use super::document::searchable_parts;
use super::matcher::highlights;
use crate::cable::Cable;
use crate::corpus::query::Query;
use crate::sanitize::one_line;

/// About how many characters a snippet holds.
pub const SNIPPET_CHARS: usize = 160;
/// How many characters stand before the first marked word.
const LEAD_CHARS: usize = 40;

/// One line of text with the byte ranges of its marked words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet with each mark between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 8);
        let mut at = 0;
        for mark in &self.marks {
            if let (Some(before), Some(word)) =
                (self.text.get(at..mark.start), self.text.get(mark.clone()))
            {
                out.push_str(before);
                out.push_str(open);
                out.push_str(word);
                out.push_str(close);
                at = mark.end;
            }
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        out
    }
}

/// The snippet of `cable` for `query`: where its words first occur in the paragraphs (else
/// the header), else the start of the first paragraph.
pub fn snippet(cable: &Cable<'_>, query: &Query<'_>) -> Snippet {
    let parts = searchable_parts(cable);
    let body_first = parts
        .iter()
        .skip(header_part_count(cable))
        .chain(parts.iter());
    for part in body_first {
        let line = one_line(part);
        let marks = highlights(&line, query);
        if let Some(first) = marks.first() {
            return window(&line, first.start, &marks);
        }
    }
    let line = cable
        .paragraphs
        .first()
        .map(|paragraph| one_line(&paragraph.text))
        .unwrap_or_default();
    window(&line, 0, &[])
}

/// How many of the searchable parts come from the header (see `searchable_parts`).
fn header_part_count(cable: &Cable<'_>) -> usize {
    let body = cable.preamble.iter().count()
        + cable
            .paragraphs
            .iter()
            .map(|p| 1 + usize::from(p.heading.is_some()))
            .sum::<usize>()
        + cable.signature.iter().count();
    searchable_parts(cable).len().saturating_sub(body)
}

/// About `SNIPPET_CHARS` characters of `line` around byte `focus`, cut at spaces, with `…`
/// where text was left out, and the marks that fall inside.
fn window(line: &str, focus: usize, marks: &[Range<usize>]) -> Snippet {
    let lead_start = line
        .get(..focus)
        .map(|before| {
            before
                .char_indices()
                .rev()
                .nth(LEAD_CHARS)
                .map_or(0, |(at, _)| at)
        })
        .unwrap_or(0);
    // Start after a space, so no word is cut in half.
    let start = if lead_start == 0 {
        0
    } else {
        line.get(lead_start..focus)
            .and_then(|lead| lead.find(' '))
            .map_or(lead_start, |space| lead_start + space + 1)
    };
    let rest = line.get(start..).unwrap_or_default();
    let mut end = rest
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(line.len(), |(at, _)| start + at);
    if end < line.len() {
        if let Some(space) = line.get(start..end).and_then(|text| text.rfind(' ')) {
            if start + space > focus {
                end = start + space;
            }
        }
    }
    let mut text = String::new();
    let mut shift = 0usize;
    if start > 0 {
        text.push('…');
        shift = '…'.len_utf8();
    }
    text.push_str(line.get(start..end).unwrap_or_default());
    if end < line.len() {
        text.push('…');
    }
    let marks = marks
        .iter()
        .filter(|mark| mark.start >= start && mark.end <= end)
        .map(|mark| mark.start - start + shift..mark.end - start + shift)
        .collect();
    Snippet { text, marks }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cable::{parse_text, SourceFormat};
    use crate::corpus::query::parse_query;

    const CABLE: &str = "C O N F I D E N T I A L MEXICO 000083\n\
                         \n\
                         SUBJECT: CARTEL VIOLENCE\n\
                         \n\
                         1. (C) The embassy met officials in Mexico City about the \
                         violence of the cartels in the northern states, where the army \
                         has been deployed since 2006 and where local police forces have \
                         been overwhelmed by the cartel gunmen who control the roads.\n\
                         \n\
                         2. (U) Second.\n";

    #[test]
    fn body_first_with_marks() {
        let cable = parse_text(CABLE, SourceFormat::PlainText);
        let query = parse_query("cartel").unwrap();
        let found = snippet(&cable, &query);
        assert_eq!(
            found.marked("[", "]"),
            "…forces have been overwhelmed by the [cartel] gunmen who control the roads."
        );
    }

    #[test]
    fn long_text_is_cut_at_spaces() {
        let cable = parse_text(CABLE, SourceFormat::PlainText);
        let query = parse_query("embassy").unwrap();
        let found = snippet(&cable, &query);
        assert_eq!(
            found.marked("[", "]"),
            "The [embassy] met officials in Mexico City about the violence of the cartels in \
             the northern states, where the army has been deployed since 2006 and where local…"
        );
    }

    #[test]
    fn header_words_when_the_body_has_none() {
        let cable = parse_text(CABLE, SourceFormat::PlainText);
        let query = parse_query("violence -second").unwrap();
        // "violence" is in paragraph 1 too: the body comes first.
        assert!(snippet(&cable, &query)
            .marked("[", "]")
            .contains("the [violence]"));
        let query = parse_query("confidential").unwrap();
        assert_eq!(snippet(&cable, &query).marked("[", "]"), "[CONFIDENTIAL]");
    }
}
