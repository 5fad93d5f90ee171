//! Summary ... End Summary and Comment ... End Comment spans inside and across paragraphs.

use std::borrow::Cow;

use crate::cable::model::{MarkedSpan, Paragraph, Span, SpanKind};

/// How many paragraphs an unclosed span may run over while its end marker is looked for.
const MAX_SPAN_PARAGRAPHS: usize = 8;

const SUMMARY_OPENERS: [&str; 6] = [
    "summary and comment:",
    "summary and comment.",
    "begin summary",
    "summary:",
    "summary.",
    "summary -",
];
const SUMMARY_CLOSERS: [&str; 3] = ["end summary", "end of summary", "end summmary"];
const COMMENT_CLOSERS: [&str; 2] = ["end comment", "end of comment"];

/// Marks the summary and comment spans of every paragraph.
pub fn mark_spans(paragraphs: &mut [Paragraph<'_>]) {
    mark_summary(paragraphs);
    mark_comments(paragraphs);
}

fn heading_is(paragraph: &Paragraph<'_>, word: &str) -> bool {
    paragraph.heading.as_deref().is_some_and(|heading| {
        let heading = heading.trim().trim_end_matches([':', '.']).trim();
        starts_with_ignore_case(heading, word)
    })
}

fn mark_summary(paragraphs: &mut [Paragraph<'_>]) {
    let Some(first) = paragraphs.iter().position(|p| {
        heading_is(p, "summary")
            || SUMMARY_OPENERS
                .iter()
                .any(|opener| starts_with_ignore_case(&p.text, opener))
    }) else {
        return;
    };
    mark_run(paragraphs, first, SpanKind::Summary, 0, &SUMMARY_CLOSERS);
}

/// Marks a span that opens at `from` in paragraph `first` and ends at one of `closers`,
/// possibly some paragraphs later. Without a closer, only the first paragraph is marked,
/// open-ended.
fn mark_run(
    paragraphs: &mut [Paragraph<'_>],
    first: usize,
    kind: SpanKind,
    from: usize,
    closers: &[&str],
) {
    let mut closing = None;
    for (offset, paragraph) in paragraphs
        .iter()
        .enumerate()
        .skip(first)
        .take(MAX_SPAN_PARAGRAPHS)
    {
        let search_from = if offset == first { from } else { 0 };
        if let Some(end) = find_closer(&paragraph.text, search_from, closers) {
            closing = Some((offset, end));
            break;
        }
    }
    match closing {
        Some((last, end)) => {
            for index in first..=last {
                if let Some(paragraph) = paragraphs.get_mut(index) {
                    let start = if index == first { from } else { 0 };
                    let stop = if index == last {
                        end
                    } else {
                        paragraph.text.len()
                    };
                    paragraph.spans.push(MarkedSpan {
                        kind,
                        range: start..stop,
                        closed: index == last,
                    });
                }
            }
        }
        None => {
            if let Some(paragraph) = paragraphs.get_mut(first) {
                // A lone "End" closing the paragraph is a closer cut short by a republisher.
                let closed = paragraph.text.trim_end().ends_with(" End");
                paragraph.spans.push(MarkedSpan {
                    kind,
                    range: from..paragraph.text.len(),
                    closed,
                });
            }
        }
    }
}

/// The end (exclusive, after trailing `.` and `)`) of the first closer at or after `from`.
fn find_closer(text: &str, from: usize, closers: &[&str]) -> Option<usize> {
    closers
        .iter()
        .filter_map(|closer| find_ignore_case(text, closer, from).map(|at| at + closer.len()))
        .min()
        .map(|end| {
            let tail = text.get(end..).unwrap_or_default();
            let word_tail = tail
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(tail.len());
            let after_word = end + word_tail;
            let rest = text.get(after_word..).unwrap_or_default();
            after_word + rest.len() - rest.trim_start_matches(['.', ')', ':']).len()
        })
        .map(|end| end.min(text.len()))
}

fn mark_comments(paragraphs: &mut [Paragraph<'_>]) {
    let mut index = 0;
    while let Some(paragraph) = paragraphs.get(index) {
        if heading_is(paragraph, "comment") && paragraph.spans.is_empty() {
            mark_run(paragraphs, index, SpanKind::Comment, 0, &COMMENT_CLOSERS);
            index += 1;
            continue;
        }
        let (closed, open) = comment_spans(&paragraph.text);
        if let Some(paragraph) = paragraphs.get_mut(index) {
            paragraph
                .spans
                .extend(closed.into_iter().map(|range| MarkedSpan {
                    kind: SpanKind::Comment,
                    range,
                    closed: true,
                }));
        }
        if let Some(start) = open {
            mark_run(
                paragraphs,
                index,
                SpanKind::Comment,
                start,
                &COMMENT_CLOSERS,
            );
            // Skip the paragraphs the run covered.
            index += 1;
            while paragraphs
                .get(index)
                .is_some_and(|p| p.spans.iter().any(|s| s.kind == SpanKind::Comment))
            {
                index += 1;
            }
        } else {
            index += 1;
        }
    }
}

/// The comments closed inside `text`, and where one opens that it does not close.
fn comment_spans(text: &str) -> (Vec<Span>, Option<usize>) {
    let mut closed = Vec::new();
    let mut from = 0;
    while let Some(start) = find_comment_opener(text, from) {
        match find_closer(text, start, &COMMENT_CLOSERS) {
            Some(end) => {
                closed.push(start..end);
                from = end;
            }
            None => return (closed, Some(start)),
        }
    }
    (closed, None)
}

/// `Comment:`, `COMMENT:`, `Begin Comment`, `(Comment:` — not preceded by `End`.
fn find_comment_opener(text: &str, from: usize) -> Option<usize> {
    let mut search = from;
    while let Some(at) = find_ignore_case(text, "comment", search) {
        search = at + "comment".len();
        let word = text.get(at..search).unwrap_or_default();
        let before = text.get(..at).unwrap_or_default().trim_end();
        let after = text.get(search..).unwrap_or_default();
        let capitalised = word.starts_with('C');
        let at_start = before.is_empty() || before.ends_with(['(', '.', '-', ':']);
        let begin = before.to_ascii_lowercase().ends_with("begin");
        let labelled = after.starts_with(':') || after.starts_with(" and analysis:");
        if capitalised && ((at_start && labelled) || begin) {
            let start = if begin {
                before.len().saturating_sub("begin".len())
            } else {
                at
            };
            return Some(start);
        }
    }
    None
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// ASCII case-insensitive search for `needle` (lower case) in `text` from byte `from`.
fn find_ignore_case(text: &str, needle: &str, from: usize) -> Option<usize> {
    let haystack = text.as_bytes();
    let needle = needle.as_bytes();
    let first = *needle.first()?;
    let upper = first.to_ascii_uppercase();
    // Most paragraphs hold no marker at all: rule them out with two fast substring searches
    // for the needle's last word, less its first letter, in lower and upper case (a Title
    // Case word is lower case after its first letter). A marker in odd mixed case
    // (`COMMent`) is not found.
    let last_word = needle.rsplit(|b| *b == b' ').next().unwrap_or(needle);
    let tail = last_word.get(1..)?;
    if !tail.is_empty() {
        let tail_upper = tail.to_ascii_uppercase();
        let rest = haystack.get(from..)?;
        if memchr::memmem::find(rest, tail).is_none()
            && memchr::memmem::find(rest, &tail_upper).is_none()
        {
            return None;
        }
    }
    let mut at = from;
    while at + needle.len() <= haystack.len() {
        let rest = haystack.get(at..)?;
        let found = memchr::memchr2(first, upper, rest)?;
        at += found;
        if haystack
            .get(at..at + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
            && text.is_char_boundary(at)
        {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The summary's text: the summary spans of the paragraphs, without the "Summary:" label
/// and the "End Summary." closer, joined by blank lines.
pub fn summary_text<'a>(paragraphs: &[Paragraph<'a>]) -> Option<Cow<'a, str>> {
    let mut pieces: Vec<&str> = Vec::new();
    let mut owned_needed = false;
    for paragraph in paragraphs {
        for span in paragraph
            .spans
            .iter()
            .filter(|s| s.kind == SpanKind::Summary)
        {
            let piece = paragraph.text.get(span.range.clone()).unwrap_or_default();
            let piece = strip_summary_label(piece);
            let piece = strip_closer(piece, &SUMMARY_CLOSERS);
            if !piece.is_empty() {
                pieces.push(piece);
            }
            owned_needed |= matches!(paragraph.text, Cow::Owned(_));
        }
    }
    match pieces.as_slice() {
        [] => None,
        [only] if !owned_needed => borrowed_piece(paragraphs, only),
        _ => Some(Cow::Owned(pieces.join("\n\n"))),
    }
}

/// Re-borrows a piece of a borrowed paragraph text with the paragraphs' lifetime.
fn borrowed_piece<'a>(paragraphs: &[Paragraph<'a>], piece: &str) -> Option<Cow<'a, str>> {
    for paragraph in paragraphs {
        if let Cow::Borrowed(text) = paragraph.text {
            if let Some(offset) = super::lines::offset_in(text, piece) {
                return text.get(offset..offset + piece.len()).map(Cow::Borrowed);
            }
        }
    }
    Some(Cow::Owned(piece.to_owned()))
}

fn strip_summary_label(text: &str) -> &str {
    let text = text.trim();
    for opener in SUMMARY_OPENERS {
        if starts_with_ignore_case(text, opener) {
            return text.get(opener.len()..).unwrap_or_default().trim_start();
        }
    }
    text
}

fn strip_closer<'t>(text: &'t str, closers: &[&str]) -> &'t str {
    let text = text.trim_end();
    let lower = text.to_ascii_lowercase();
    for closer in closers {
        if let Some(at) = lower.rfind(closer) {
            let tail = lower.get(at + closer.len()..).unwrap_or_default();
            if tail
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | ')' | ':' | ' '))
            {
                return text.get(..at).unwrap_or_default().trim_end();
            }
        }
    }
    text.strip_suffix(" End").unwrap_or(text).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Paragraph<'_> {
        Paragraph {
            number: None,
            marking: None,
            level: None,
            text: Cow::Borrowed(text),
            heading: None,
            spans: Vec::new(),
            span: 0..0,
        }
    }

    #[test]
    fn summary_in_one_paragraph() {
        let mut paragraphs = vec![paragraph("Summary: It went well. End Summary. More.")];
        mark_spans(&mut paragraphs);
        assert_eq!(
            paragraphs.first().map(|p| p.spans.clone()),
            Some(vec![MarkedSpan {
                kind: SpanKind::Summary,
                range: 0..35,
                closed: true
            }])
        );
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Borrowed("It went well."))
        );
    }

    #[test]
    fn summary_over_two_paragraphs() {
        let mut paragraphs = vec![
            paragraph("SUMMARY: One."),
            paragraph("Two. END SUMMARY."),
            paragraph("Three."),
        ];
        mark_spans(&mut paragraphs);
        let spans: Vec<Vec<MarkedSpan>> = paragraphs.iter().map(|p| p.spans.clone()).collect();
        assert_eq!(
            spans,
            vec![
                vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 0..13,
                    closed: false
                }],
                vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 0..17,
                    closed: true
                }],
                vec![],
            ]
        );
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Owned("One.\n\nTwo.".to_owned()))
        );
    }

    #[test]
    fn summary_cut_short_by_a_republisher() {
        let mut paragraphs = vec![paragraph("Summary: The talks. End")];
        mark_spans(&mut paragraphs);
        assert_eq!(
            paragraphs.first().map(|p| p.spans.clone()),
            Some(vec![MarkedSpan {
                kind: SpanKind::Summary,
                range: 0..23,
                closed: true
            }])
        );
        assert_eq!(summary_text(&paragraphs), Some(Cow::Borrowed("The talks.")));
    }

    #[test]
    fn inline_comment() {
        let mut paragraphs = vec![paragraph(
            "He agreed. (Comment: He rarely does. End Comment.) Then he left.",
        )];
        mark_spans(&mut paragraphs);
        assert_eq!(
            paragraphs.first().map(|p| p.spans.clone()),
            Some(vec![MarkedSpan {
                kind: SpanKind::Comment,
                range: 12..50,
                closed: true
            }])
        );
    }

    #[test]
    fn comment_heading_marks_the_paragraph() {
        let mut comment = paragraph("We think so. End Comment.");
        comment.heading = Some(Cow::Borrowed("Comment"));
        let mut paragraphs = vec![comment];
        mark_spans(&mut paragraphs);
        assert_eq!(
            paragraphs.first().map(|p| p.spans.clone()),
            Some(vec![MarkedSpan {
                kind: SpanKind::Comment,
                range: 0..25,
                closed: true
            }])
        );
    }

    #[test]
    fn the_word_comment_in_a_sentence_is_no_span() {
        let mut paragraphs = vec![paragraph("He declined to comment: no reason.")];
        mark_spans(&mut paragraphs);
        assert_eq!(paragraphs.first().map(|p| p.spans.len()), Some(0));
    }
}
