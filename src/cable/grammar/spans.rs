//! Summary ... End Summary and Comment ... End Comment spans inside and across paragraphs.

use std::borrow::Cow;

use crate::cable::model::{MarkedSpan, Paragraph, Span, SpanKind};

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// How many paragraphs an unclosed span may run over while its end marker is looked for.
const MAX_SPAN_PARAGRAPHS: usize = 8;

const SUMMARY_OPENERS: [&str; 9] = [
    "summary and action request:",
    "summary and action request.",
    "summary and action request",
    "summary and comment:",
    "summary and comment.",
    "begin summary",
    "summary:",
    "summary.",
    "summary -",
];

const SUMMARY_CLOSERS: [&str; 3] = ["end summary", "end of summary", "end summmary"];

/// The words whose place decides every span, found in one pass over a paragraph: each
/// opener and closer is one of them with a few bytes before or after. Each is looked for in
/// lower, title and upper case (a marker in odd mixed case, `COMMent`, is not found): given
/// as patterns, the cases keep the automaton's fast SIMD prefilter, which a case-insensitive
/// search loses.
const WORDS: [&str; 9] = [
    "summmary", "Summmary", "SUMMMARY", "summary", "Summary", "SUMMARY", "comment", "Comment",
    "COMMENT",
];

/// Patterns from this index on in `WORDS` are `comment`.
const FIRST_COMMENT: usize = 6;

static WORD_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(WORDS)
        .ok()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Summary,
    Comment,
}

/// One of `WORDS` in a paragraph's text.
#[derive(Debug, Clone, Copy)]
struct Marker {
    word: Word,
    start: usize,
    end: usize,
}

#[cfg(test)]
thread_local! {
    /// Bytes and markers looked at, so that tests can check the work is linear.
    static WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn tally(_amount: usize) {
    #[cfg(test)]
    WORK.with(|work| work.set(work.get() + _amount));
}

/// Every marker word in `text`, in order.
fn markers(text: &str) -> Vec<Marker> {
    tally(text.len());
    let Some(finder) = WORD_FINDER.as_ref() else {
        return Vec::new();
    };
    finder
        .find_iter(text)
        .map(|found| Marker {
            word: if found.pattern().as_usize() >= FIRST_COMMENT {
                Word::Comment
            } else {
                Word::Summary
            },
            start: found.start(),
            end: found.end(),
        })
        .collect()
}

/// Whether `text` ends with `suffix`, ASCII case ignored.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    tally(1);
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len()
        && text
            .get(text.len() - suffix.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
}

/// Where the closer made of `marker` starts (`End Comment`, `end of summary`), if it is one.
fn closer_start(text: &str, marker: &Marker) -> Option<usize> {
    let before = text.get(..marker.start)?;
    ["end of ", "end "]
        .iter()
        .find(|opening| ends_with_ignore_case(before, opening))
        .map(|opening| marker.start - opening.len())
}

/// The end of a closer: after the rest of its word and the `.`, `)` and `:` that follow.
fn closer_end(text: &str, marker: &Marker) -> usize {
    let tail = text.get(marker.end..).unwrap_or_default();
    let word_tail = tail
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(tail.len());
    let rest = tail.get(word_tail..).unwrap_or_default();
    let punctuation = rest.len() - rest.trim_start_matches(['.', ')', ':']).len();
    tally(word_tail + punctuation);
    (marker.end + word_tail + punctuation).min(text.len())
}

/// The end of the first `word` closer starting at or after `from`, looking at the markers
/// from index `*next` on and leaving `*next` past the markers it read.
fn find_closer(
    text: &str,
    markers: &[Marker],
    next: &mut usize,
    from: usize,
    word: Word,
) -> Option<usize> {
    while let Some(marker) = markers.get(*next) {
        *next += 1;
        tally(1);
        if marker.word != word || marker.start < from {
            continue;
        }
        if closer_start(text, marker).is_some_and(|start| start >= from) {
            return Some(closer_end(text, marker));
        }
    }
    None
}

/// Marks the summary and comment spans of every paragraph.
pub fn mark_spans(paragraphs: &mut [Paragraph<'_>]) {
    let markers: Vec<Vec<Marker>> = paragraphs.iter().map(|p| markers(&p.text)).collect();
    mark_summary(paragraphs, &markers);
    mark_comments(paragraphs, &markers);
}

/// Whether the paragraph's heading starts with `word`, a marking before it aside
/// (`(U) Summary` boxed by rules, 10STATE17263).
fn heading_is(paragraph: &Paragraph<'_>, word: &str) -> bool {
    paragraph.heading.as_deref().is_some_and(|heading| {
        let heading = without_marking(heading.trim())
            .trim_end_matches([':', '.'])
            .trim();
        starts_with_ignore_case(heading, word)
    })
}

/// `text` without a parenthesised marking before it: `(S//NF) Summary` -> `Summary`.
fn without_marking(text: &str) -> &str {
    text.strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .filter(|(marking, _)| marking.len() <= 12 && !marking.contains(' '))
        .map_or(text, |(_, rest)| rest.trim_start())
}

/// Whether `text` opens a summary: a listed opener (`SUMMARY:`, `BEGIN SUMMARY`,
/// `Summary and Action Request:`), or a short label of its own that names the summary
/// (`Introduction and Summary:`, 07PARIS4357).
pub fn opens_summary(text: &str) -> bool {
    SUMMARY_OPENERS
        .iter()
        .any(|opener| starts_with_ignore_case(text, opener))
        || own_label_end(text).is_some()
}

/// The end of a label of at most four words that holds the word `summary` and ends in a
/// colon at the start of `text` (`Introduction and Summary:`), after the colon.
fn own_label_end(text: &str) -> Option<usize> {
    let colon = text
        .char_indices()
        .take(MAX_LABEL_CHARS)
        .find(|(_, c)| matches!(c, ':' | '.'))
        .filter(|(_, c)| *c == ':')
        .map(|(at, _)| at)?;
    let label = text.get(..colon)?;
    let words: Vec<&str> = label.split_whitespace().collect();
    let names_summary = words
        .iter()
        .any(|word| word.eq_ignore_ascii_case("summary"));
    (names_summary && words.len() <= 4).then_some(colon + 1)
}

fn mark_summary(paragraphs: &mut [Paragraph<'_>], markers: &[Vec<Marker>]) {
    let opens = paragraphs
        .iter()
        .position(|p| heading_is(p, "summary") || opens_summary(&p.text));
    if let Some(first) = opens {
        mark_run(paragraphs, markers, first, SpanKind::Summary, 0);
        return;
    }
    // `1. (C) This is an action request. Summary: ...`: a labelled summary later in the
    // first paragraph; or a first paragraph that ends its summary with no opening word.
    let (Some(text), Some(found)) = (paragraphs.first().map(|p| p.text.as_ref()), markers.first())
    else {
        return;
    };
    let labelled = found.iter().find(|marker| {
        marker.word == Word::Summary && {
            let before = text.get(..marker.start).unwrap_or_default().trim_end();
            let after = text.get(marker.end..).unwrap_or_default();
            tally(1);
            before.ends_with(['.', ':', ')']) && after.starts_with([':', '.'])
        }
    });
    if let Some(marker) = labelled {
        mark_run(paragraphs, markers, 0, SpanKind::Summary, marker.start);
        return;
    }
    let mut next = 0;
    if let Some(end) = find_closer(text, found, &mut next, 0, Word::Summary) {
        if let Some(paragraph) = paragraphs.first_mut() {
            paragraph.spans.push(MarkedSpan {
                kind: SpanKind::Summary,
                range: 0..end,
                closed: true,
            });
        }
    }
}

/// Marks a span that opens at `from` in paragraph `first` and ends at a closer of its kind,
/// possibly some paragraphs later. Without a closer, only the first paragraph is marked,
/// open-ended.
fn mark_run(
    paragraphs: &mut [Paragraph<'_>],
    markers: &[Vec<Marker>],
    first: usize,
    kind: SpanKind,
    from: usize,
) {
    let word = match kind {
        SpanKind::Summary => Word::Summary,
        SpanKind::Comment => Word::Comment,
    };
    let mut closing = None;
    for (offset, paragraph) in paragraphs
        .iter()
        .enumerate()
        .skip(first)
        .take(MAX_SPAN_PARAGRAPHS)
    {
        let search_from = if offset == first { from } else { 0 };
        let found = markers.get(offset).map(Vec::as_slice).unwrap_or_default();
        // The markers before `from` are passed over by position, not one by one.
        let mut next = found.partition_point(|marker| marker.start < search_from);
        if let Some(end) = find_closer(&paragraph.text, found, &mut next, search_from, word) {
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

fn mark_comments(paragraphs: &mut [Paragraph<'_>], markers: &[Vec<Marker>]) {
    let mut index = 0;
    while let Some(paragraph) = paragraphs.get(index) {
        if heading_is(paragraph, "comment") && paragraph.spans.is_empty() {
            mark_run(paragraphs, markers, index, SpanKind::Comment, 0);
            index += 1;
            continue;
        }
        let found = markers.get(index).map(Vec::as_slice).unwrap_or_default();
        let (closed, open) = comment_spans(&paragraph.text, found);
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
            mark_run(paragraphs, markers, index, SpanKind::Comment, start);
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

/// The comments closed inside `text`, and where one opens that it does not close. One pass
/// over the paragraph's markers.
fn comment_spans(text: &str, markers: &[Marker]) -> (Vec<Span>, Option<usize>) {
    let mut closed = Vec::new();
    let mut next = 0;
    let mut from = 0;
    while let Some(start) = find_comment_opener(text, markers, &mut next, from) {
        match find_closer(text, markers, &mut next, start, Word::Comment) {
            Some(end) => {
                closed.push(start..end);
                from = end;
            }
            None => return (closed, Some(start)),
        }
    }
    (closed, None)
}

/// `Comment:`, `COMMENT:`, `Begin Comment`, `(Comment:` — not preceded by `End`: the next
/// one among the markers from `*next` on that starts at `from` or later.
fn find_comment_opener(
    text: &str,
    markers: &[Marker],
    next: &mut usize,
    from: usize,
) -> Option<usize> {
    while let Some(marker) = markers.get(*next) {
        *next += 1;
        tally(1);
        if marker.word != Word::Comment || marker.start < from {
            continue;
        }
        let before = text.get(..marker.start).unwrap_or_default().trim_end();
        let after = text.get(marker.end..).unwrap_or_default();
        let capitalised = text.as_bytes().get(marker.start) == Some(&b'C');
        let at_start = before.is_empty() || before.ends_with(['(', '.', '-', ':']);
        let begin = ends_with_ignore_case(before, "begin");
        let labelled = after.starts_with(':') || after.starts_with(" and analysis:");
        if capitalised && ((at_start && labelled) || begin) {
            let start = if begin {
                before.len().saturating_sub("begin".len())
            } else {
                marker.start
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

/// The summary without its label: a listed opener, or a short label of the summary's own
/// (`Summary and introduction:`, `Summary/Introduction.`), or the bare word (`SUMMARY  During`).
fn strip_summary_label(text: &str) -> &str {
    let text = text.trim();
    for opener in SUMMARY_OPENERS {
        if starts_with_ignore_case(text, opener) {
            return text.get(opener.len()..).unwrap_or_default().trim_start();
        }
    }
    if !starts_with_ignore_case(text, "summary") {
        return own_label_end(text)
            .and_then(|end| text.get(end..))
            .map_or(text, str::trim_start);
    }
    let label_end = text
        .char_indices()
        .take(MAX_LABEL_CHARS)
        .find(|(_, c)| matches!(c, ':' | '.'))
        .map(|(at, _)| at + 1)
        .filter(|end| {
            text.get(..*end)
                .is_some_and(|label| label.split_whitespace().count() <= 4)
        });
    text.get(label_end.unwrap_or("summary".len())..)
        .unwrap_or_default()
        .trim_start()
}

/// How long a summary's own label may be (`Summary and Key Points.`).
const MAX_LABEL_CHARS: usize = 40;

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

    fn spans_of(paragraphs: &[Paragraph<'_>]) -> Vec<Vec<MarkedSpan>> {
        paragraphs.iter().map(|p| p.spans.clone()).collect()
    }

    #[test]
    fn summary_labelled_later_in_the_first_paragraph() {
        let mut paragraphs = vec![
            paragraph("This is an action request. Summary: They agreed. End Summary. Then."),
            paragraph("Two."),
        ];
        mark_spans(&mut paragraphs);
        assert_eq!(
            spans_of(&paragraphs),
            vec![
                vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 27..61,
                    closed: true
                }],
                vec![],
            ]
        );
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Borrowed("They agreed."))
        );
    }

    #[test]
    fn first_paragraph_ending_its_summary_without_an_opening_word() {
        let mut paragraphs = vec![
            paragraph("The talks went well. END SUMMARY."),
            paragraph("Details. End summary."),
        ];
        mark_spans(&mut paragraphs);
        assert_eq!(
            spans_of(&paragraphs),
            vec![
                vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 0..33,
                    closed: true
                }],
                vec![],
            ]
        );
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Borrowed("The talks went well."))
        );
    }

    #[test]
    fn summary_and_action_request_and_labels_of_its_own() {
        let mut paragraphs = vec![paragraph(
            "Summary and Action Request: Please demarche. End Summary.",
        )];
        mark_spans(&mut paragraphs);
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Borrowed("Please demarche."))
        );
        let mut paragraphs = vec![paragraph(
            "Summary and introduction: It went well. End summary.",
        )];
        mark_spans(&mut paragraphs);
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Borrowed("It went well."))
        );
        let mut paragraphs = vec![paragraph("SUMMARY  During the trip, talks. END SUMMARY.")];
        mark_spans(&mut paragraphs);
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Borrowed("During the trip, talks."))
        );
    }

    #[test]
    fn boxed_summary_heading_opens_the_summary() {
        let mut summary = paragraph("They agreed. End Summary.");
        summary.heading = Some(Cow::Borrowed("SUMMARY"));
        let mut paragraphs = vec![summary];
        mark_spans(&mut paragraphs);
        assert_eq!(
            spans_of(&paragraphs),
            vec![vec![MarkedSpan {
                kind: SpanKind::Summary,
                range: 0..25,
                closed: true
            }]]
        );
    }

    #[test]
    fn a_label_of_its_own_that_names_the_summary_opens_it() {
        // 07PARIS4357: `Introduction and Summary:` opens ¶1, `End Summary` closes it in ¶2.
        let mut paragraphs = vec![
            paragraph("Introduction and Summary: He is strong."),
            paragraph("He leads. End Summary"),
            paragraph("Part one."),
        ];
        mark_spans(&mut paragraphs);
        assert_eq!(
            spans_of(&paragraphs),
            vec![
                vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 0..39,
                    closed: false
                }],
                vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 0..21,
                    closed: true
                }],
                vec![],
            ]
        );
        assert_eq!(
            summary_text(&paragraphs),
            Some(Cow::Owned("He is strong.\n\nHe leads.".to_owned()))
        );
        // A long sentence that mentions a summary later is no label.
        assert!(!opens_summary(
            "The minister gave a long summary of the talks: none."
        ));
        assert!(!opens_summary("In summary. They agreed."));
    }

    #[test]
    fn a_marked_summary_heading_opens_the_summary() {
        let mut summary = paragraph("They met. End Summary.");
        summary.heading = Some(Cow::Borrowed("(S//NF) Summary"));
        let mut paragraphs = vec![summary];
        mark_spans(&mut paragraphs);
        assert_eq!(
            spans_of(&paragraphs),
            vec![vec![MarkedSpan {
                kind: SpanKind::Summary,
                range: 0..22,
                closed: true
            }]]
        );
        assert_eq!(without_marking("(U) Summary"), "Summary");
        assert_eq!(
            without_marking("(Draft one) Summary"),
            "(Draft one) Summary"
        );
    }

    /// The work `mark_spans` does on one paragraph of `unit` repeated `times` times.
    fn work_for(unit: &str, times: usize) -> usize {
        let text = unit.repeat(times);
        let mut paragraphs = vec![paragraph(&text)];
        WORK.with(|work| work.set(0));
        mark_spans(&mut paragraphs);
        WORK.with(std::cell::Cell::get)
    }

    #[test]
    fn span_search_is_linear_in_the_paragraph() {
        // Issue 10's shapes: each took quadratic time (12 s at 1.6 MB).
        for unit in [
            "NO COMMENT ON THIS. ",
            "TEXT END COMMENT. ",
            "comment ",
            "Comment: open ",
            "Summary: x. End Summary. ",
            "(Comment: a. End Comment.) ",
        ] {
            let small = work_for(unit, 1_000);
            let large = work_for(unit, 16_000);
            assert!(small > 0, "{unit:?}");
            // Sixteen times the input, sixteen times the work (and a little slack).
            assert!(
                large <= small * 17,
                "{unit:?}: {small} steps for 1,000 copies, {large} for 16,000"
            );
            assert!(large <= unit.len() * 16_000 * 4, "{unit:?}: {large} steps");
        }
    }
}
