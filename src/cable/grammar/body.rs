//! The body: page headers and repeated section headers removed and the sentences they cut
//! joined, numbered paragraphs with their markings, headings, unnumbered text, the signature,
//! and (for a web repost) the page text that interrupts the cable.

use std::borrow::Cow;

use crate::cable::model::{Paragraph, Span, Warning};

use super::classification::{caveat_line, classification_line, page_header};
use super::fields::field_kind;
use super::lines::{ends_sentence, Line};
use super::marking::{paragraph_start, Marking, ParagraphStart};
use super::spans::mark_spans;

/// What the body parser needs to know about the text around the body.
#[derive(Debug, Default)]
pub struct BodyContext<'a> {
    /// The cable was found inside other text (a news page): lines of that text, trimmed,
    /// so that the same lines met inside the cable are known for the page's.
    pub page_text: Option<Vec<&'a str>>,
}

/// The parsed body.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body<'a> {
    pub preamble: Option<Cow<'a, str>>,
    pub paragraphs: Vec<Paragraph<'a>>,
    pub signature: Option<Cow<'a, str>>,
    pub signature_span: Option<Span>,
    /// How many page headers and repeated section headers were removed.
    pub page_breaks: usize,
    /// Where the body ends in the text (before page text that follows a repost).
    pub span: Option<Span>,
    pub warnings: Vec<Warning>,
}

/// One line of the body after page headers are taken out.
#[derive(Debug, Clone, Copy)]
enum Item<'a> {
    Text(Line<'a>),
    Blank,
    PageBreak,
}

/// A run of non-blank lines.
#[derive(Debug, Default)]
struct Block<'a> {
    lines: Vec<Line<'a>>,
}

/// Parses the body lines (everything after the header fields).
pub fn parse_body<'a>(lines: &[Line<'a>], context: &BodyContext<'_>) -> Body<'a> {
    let mut body = Body::default();
    let items = remove_page_headers(lines, &mut body);
    let blocks = join_blocks(&items);
    build_paragraphs(&blocks, context, &mut body);
    body
}

/// Drops page headers (`MEXICO 00000083 002 OF 005`) and the classification line and header
/// fields that each new section repeats, leaving a `PageBreak` where they stood. Stops at
/// `NNNN`, the end-of-message mark.
fn remove_page_headers<'a>(lines: &[Line<'a>], body: &mut Body<'a>) -> Vec<Item<'a>> {
    let mut items = Vec::with_capacity(lines.len());
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        index += 1;
        let trimmed = line.trimmed();
        if trimmed.is_empty() {
            items.push(Item::Blank);
            continue;
        }
        if trimmed == "NNNN" {
            break;
        }
        if is_whole_line(page_header(trimmed)) {
            body.page_breaks += 1;
            items.push(Item::PageBreak);
            continue;
        }
        let repeated_header = classification_line(trimmed)
            .ok()
            .filter(|(rest, parsed)| rest.trim().is_empty() && parsed.section.is_some());
        if repeated_header.is_some() {
            body.page_breaks += 1;
            items.push(Item::PageBreak);
            index = skip_repeated_fields(lines, index);
            continue;
        }
        items.push(Item::Text(*line));
    }
    items
}

fn is_whole_line<T, E>(parsed: Result<(&str, T), E>) -> bool {
    parsed.is_ok_and(|(rest, _)| rest.trim().is_empty())
}

/// After a repeated section header: skips blank lines, caveats and the header fields that
/// some cables repeat at each section, returning the index of the first line of text.
fn skip_repeated_fields(lines: &[Line<'_>], mut index: usize) -> usize {
    while let Some(line) = lines.get(index) {
        let trimmed = line.trimmed();
        if trimmed.is_empty() || is_whole_line(caveat_line(trimmed)) {
            index += 1;
        } else if field_kind(trimmed).is_some() {
            index += 1;
            while let Some(next) = lines.get(index) {
                let next = next.trimmed();
                if next.is_empty() || field_kind(next).is_some() || paragraph_start(next).is_ok() {
                    break;
                }
                index += 1;
            }
        } else {
            break;
        }
    }
    index
}

/// Groups lines into blocks separated by blank lines. Where a page break cut a sentence
/// (the line before it does not end a sentence and the line after it continues one), the
/// two halves stay in one block.
fn join_blocks<'a>(items: &[Item<'a>]) -> Vec<Block<'a>> {
    let mut blocks: Vec<Block<'a>> = Vec::new();
    let mut open = false;
    let mut break_since_open = false;
    for (index, item) in items.iter().enumerate() {
        match item {
            Item::Blank => open = false,
            Item::PageBreak => break_since_open = true,
            Item::Text(line) => {
                let continues_cut_sentence = break_since_open
                    && !open
                    && blocks
                        .last()
                        .and_then(|block| block.lines.last())
                        .is_some_and(|last| !ends_sentence(last.text))
                    && paragraph_start(line.text).is_err()
                    && !is_heading_at(items, index);
                match blocks.last_mut() {
                    Some(block) if open || continues_cut_sentence => block.lines.push(*line),
                    _ => blocks.push(Block { lines: vec![*line] }),
                }
                open = true;
                break_since_open = false;
            }
        }
    }
    blocks
}

/// Whether the text line at `index` stands alone and is followed by a paragraph start: the
/// shape of a heading.
fn is_heading_at(items: &[Item<'_>], index: usize) -> bool {
    let Some(Item::Text(line)) = items.get(index) else {
        return false;
    };
    if !looks_like_heading(line.trimmed()) {
        return false;
    }
    let mut saw_separator = false;
    for item in items.iter().skip(index + 1) {
        match item {
            Item::Blank | Item::PageBreak => saw_separator = true,
            Item::Text(next) => return saw_separator && paragraph_start(next.text).is_ok(),
        }
    }
    false
}

/// A short line without sentence punctuation at its end.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words)
        && text.chars().count() <= 90
        && !text.ends_with(['.', ',', ';'])
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"' || c.is_ascii_digit() || c == '-')
        && !text.starts_with("--")
}

/// A paragraph being gathered.
struct Gathering<'a> {
    number: Option<u32>,
    marking: Option<Marking<'a>>,
    heading: Option<&'a str>,
    /// Blocks of lines; the first line of the first block is the text after the marking.
    blocks: Vec<Vec<&'a str>>,
    start: usize,
    end: usize,
}

fn build_paragraphs<'a>(blocks: &[Block<'a>], context: &BodyContext<'_>, body: &mut Body<'a>) {
    let numbered = blocks.iter().any(|block| {
        block
            .lines
            .first()
            .and_then(|line| paragraph_start(line.text).ok())
            .is_some_and(|(_, start)| start.number.is_some())
    });
    // A repost's page text: what stands before the cable, and the blocks after the first
    // block of the last numbered paragraph (the page goes on after the cable ends).
    let page_text: Option<Vec<&str>> = context.page_text.as_ref().map(|before| {
        let last_paragraph = blocks.iter().rposition(|block| {
            block
                .lines
                .first()
                .is_some_and(|line| paragraph_start(line.text).is_ok())
        });
        let after = blocks
            .iter()
            .skip(last_paragraph.map_or(blocks.len(), |at| at + 1))
            .flat_map(|block| block.lines.iter().map(Line::trimmed));
        before.iter().copied().chain(after).collect()
    });
    let mut gathered: Vec<Gathering<'a>> = Vec::new();
    let mut preamble: Vec<Vec<&'a str>> = Vec::new();
    let mut pending_heading: Option<&'a str> = None;
    let mut dropping_page_text = false;
    let mut dropped_lines = 0usize;
    let mut numbering = Numbering {
        expected: 1,
        uses_pilcrows: blocks
            .iter()
            .flat_map(|block| &block.lines)
            .filter_map(|line| paragraph_start(line.text).ok())
            .filter(|(_, start)| start.pilcrow && start.number.is_some())
            .count()
            >= 2,
    };

    for (block_index, block) in blocks.iter().enumerate() {
        let Some(first) = block.lines.first() else {
            continue;
        };
        let next_starts_paragraph = blocks
            .get(block_index + 1)
            .and_then(|next| next.lines.first())
            .is_some_and(|line| paragraph_start(line.text).is_ok());
        let opening = paragraph_start(first.text)
            .ok()
            .map(|(_, start)| start)
            .filter(|start| numbering.opens(start, true, true) || gathered.is_empty());
        if let Some(start) = opening {
            dropping_page_text = false;
            start_paragraph(
                &mut gathered,
                start,
                *first,
                pending_heading.take(),
                &mut numbering,
                body,
            );
            gather_lines(
                &mut gathered,
                block.lines.get(1..).unwrap_or_default(),
                &mut numbering,
                body,
            );
            continue;
        }
        if block.lines.len() == 1 && next_starts_paragraph && looks_like_heading(first.trimmed()) {
            dropping_page_text = false;
            pending_heading = Some(first.trimmed());
            continue;
        }
        // Loose text: inside a repost, text the page also shows outside the cable is the
        // page's, and so is everything after it up to the next paragraph.
        if let Some(page_text) = &page_text {
            let after_last_paragraph = numbered
                && !blocks.iter().skip(block_index + 1).any(|b| {
                    b.lines
                        .first()
                        .is_some_and(|line| paragraph_start(line.text).is_ok())
                });
            if dropping_page_text
                || after_last_paragraph
                || block
                    .lines
                    .iter()
                    .any(|line| page_text.contains(&line.trimmed()))
            {
                dropping_page_text = true;
                dropped_lines += block.lines.len();
                continue;
            }
        }
        match gathered.last_mut() {
            Some(paragraph) if numbered => {
                paragraph.blocks.push(Vec::new());
                gather_lines(&mut gathered, &block.lines, &mut numbering, body);
            }
            _ if numbered => preamble.push(block.lines.iter().map(|line| line.text).collect()),
            _ => {
                // A cable without numbered paragraphs: every block is a paragraph.
                gathered.push(Gathering {
                    number: None,
                    marking: None,
                    heading: pending_heading.take(),
                    blocks: vec![Vec::new()],
                    start: first.start,
                    end: first.end(),
                });
                gather_lines(&mut gathered, &block.lines, &mut numbering, body);
            }
        }
    }
    if dropped_lines > 0 {
        body.warnings.push(Warning::new(format!(
            "left out {dropped_lines} line(s) of the web page's own text found among the cable's paragraphs"
        )));
    }
    if let Some(heading) = pending_heading {
        body.warnings.push(Warning::new(format!(
            "heading \"{heading}\" is followed by no paragraph"
        )));
    }
    body.preamble = (!preamble.is_empty()).then(|| join_blocks_text(&preamble));
    take_signature(&mut gathered, body);
    body.span = match (gathered.first(), gathered.last()) {
        (Some(first), Some(last)) => Some(first.start..last.end),
        _ => None,
    };
    body.paragraphs = gathered.into_iter().map(finish_paragraph).collect();
    mark_spans(&mut body.paragraphs);
}

/// Which numbers open paragraphs. Cables number their paragraphs 1, 2, 3 ...; numbered
/// lists inside a paragraph restart at 1, and stray numbers stand inside sentences.
struct Numbering {
    expected: u32,
    /// WikiLeaks anchored the paragraphs it found with `¶`: where it did, a number without
    /// one is a list item.
    uses_pilcrows: bool,
}

impl Numbering {
    fn opens(
        &self,
        start: &ParagraphStart<'_>,
        at_block_start: bool,
        previous_ended: bool,
    ) -> bool {
        let Some(number) = start.number else {
            // A marking alone opens an unnumbered paragraph only after a blank line.
            return at_block_start;
        };
        let marked = start.marking.is_some();
        let in_order = number == self.expected;
        if number < self.expected && !marked {
            // Counting again from below: a numbered list inside the paragraph.
            return false;
        }
        if self.uses_pilcrows && !start.pilcrow {
            return at_block_start && marked && in_order;
        }
        if !previous_ended && !at_block_start {
            return false;
        }
        if at_block_start {
            start.pilcrow || marked || number >= self.expected
        } else {
            start.pilcrow || marked || in_order
        }
    }
}

fn start_paragraph<'a>(
    gathered: &mut Vec<Gathering<'a>>,
    start: ParagraphStart<'a>,
    line: Line<'a>,
    heading: Option<&'a str>,
    numbering: &mut Numbering,
    body: &mut Body<'a>,
) {
    if let Some(number) = start.number {
        let expected = numbering.expected;
        if number != expected {
            body.warnings.push(Warning::at(
                line.start,
                format!("paragraph {number} where {expected} was expected"),
            ));
        }
        numbering.expected = number + 1;
    }
    gathered.push(Gathering {
        number: start.number,
        marking: start.marking,
        heading,
        blocks: vec![vec![start.rest]],
        start: line.start,
        end: line.end(),
    });
}

/// Adds lines to the last paragraph, starting a new one where a line inside the block opens
/// the next numbered paragraph (certain: `¶`-numbered or marked; or the expected number
/// after a finished sentence).
fn gather_lines<'a>(
    gathered: &mut Vec<Gathering<'a>>,
    lines: &[Line<'a>],
    numbering: &mut Numbering,
    body: &mut Body<'a>,
) {
    for line in lines {
        let previous_ended = gathered
            .last()
            .and_then(|p| p.blocks.last())
            .and_then(|block| block.last())
            .is_none_or(|last| ends_sentence(last));
        if let Ok((_, start)) = paragraph_start(line.text) {
            if numbering.opens(&start, false, previous_ended) {
                start_paragraph(gathered, start, *line, None, numbering, body);
                continue;
            }
        }
        if let Some(paragraph) = gathered.last_mut() {
            match paragraph.blocks.last_mut() {
                Some(block) => block.push(line.text),
                None => paragraph.blocks.push(vec![line.text]),
            }
            paragraph.end = line.end();
        }
    }
}

/// The signature: a short all-capitals line ending the last paragraph (`MANZANARES`), or a
/// name glued to its last sentence (`... security partners. FEELEY`).
fn take_signature<'a>(gathered: &mut [Gathering<'a>], body: &mut Body<'a>) {
    let Some(last) = gathered.last_mut() else {
        return;
    };
    let lines_in_paragraph: usize = last.blocks.iter().map(Vec::len).sum();
    let Some(block) = last.blocks.last_mut() else {
        return;
    };
    let Some(line) = block.last().copied() else {
        return;
    };
    let trimmed = line.trim();
    let trailing_space = line.len() - line.trim_end().len();
    let end = last.end.saturating_sub(trailing_space);
    if lines_in_paragraph > 1 && is_signature(trimmed) {
        block.pop();
        if block.is_empty() {
            last.blocks.pop();
        }
        body.signature = Some(Cow::Borrowed(trimmed));
        body.signature_span = Some(end.saturating_sub(trimmed.len())..end);
        return;
    }
    let Some((sentence, name)) = trimmed.rsplit_once(' ') else {
        return;
    };
    let mixed_case = sentence.bytes().any(|b| b.is_ascii_lowercase());
    if ends_sentence(sentence) && is_signature(name) && (mixed_case || name.len() >= 3) {
        if let Some(slot) = block.last_mut() {
            *slot = sentence;
        }
        body.signature = Some(Cow::Borrowed(name));
        body.signature_span = Some(end.saturating_sub(name.len())..end);
    }
}

/// Words that end cables in capitals without being a name.
const NOT_SIGNATURES: [&str; 10] = [
    "BT", "NNNN", "END", "UNQUOTE", "QUOTE", "TEXT", "COMMENT", "SUMMARY", "SIPDIS", "NOFORN",
];

fn is_signature(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && text.len() <= 40
        && words.iter().all(|word| {
            word.chars().any(|c| c.is_alphabetic())
                && word
                    .chars()
                    .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | ','))
                && !NOT_SIGNATURES.contains(word)
        })
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

fn finish_paragraph(gathering: Gathering<'_>) -> Paragraph<'_> {
    Paragraph {
        number: gathering.number,
        marking: gathering.marking.map(|m| Cow::Borrowed(m.written)),
        level: gathering.marking.map(|m| m.level),
        text: join_blocks_text(&gathering.blocks),
        heading: gathering.heading.map(Cow::Borrowed),
        spans: Vec::new(),
        span: gathering.start..gathering.end,
    }
}

/// Joins a paragraph's lines into reading text: wrapped lines become one line, sub-items
/// (`-- `, `A. `, `(a) `) and short lines keep their line breaks, blocks are separated by a
/// blank line. A single line is borrowed as it is.
fn join_blocks_text<'a>(blocks: &[Vec<&'a str>]) -> Cow<'a, str> {
    let non_empty: Vec<&Vec<&'a str>> = blocks
        .iter()
        .filter(|block| block.iter().any(|line| !line.trim().is_empty()))
        .collect();
    if let [only] = non_empty.as_slice() {
        if let [line] = only.as_slice() {
            return Cow::Borrowed(line.trim());
        }
    }
    let mut text = String::new();
    for block in non_empty {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let mut previous: Option<&str> = None;
        for line in block.iter().map(|line| line.trim_end()) {
            let content = line.trim_start();
            if content.is_empty() {
                continue;
            }
            match previous {
                None => {}
                Some(prev) if starts_sub_item(content) => {
                    let _ = prev;
                    text.push('\n');
                }
                Some(prev)
                    if prev.ends_with('-') && !prev.ends_with(" -") && !prev.ends_with("--") => {}
                Some(prev) if prev.chars().count() >= 40 || starts_lowercase(content) => {
                    text.push(' ');
                }
                Some(_) => text.push('\n'),
            }
            text.push_str(content);
            previous = Some(content);
        }
    }
    Cow::Owned(text)
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Lines that open a sub-paragraph or list item and so keep their own line.
fn starts_sub_item(text: &str) -> bool {
    if text.starts_with('-')
        || text.starts_with('*')
        || text.starts_with('•')
        || text.starts_with("o ")
    {
        return true;
    }
    let bytes = text.as_bytes();
    match bytes {
        [b'(', mark, b')', b' ', ..] => mark.is_ascii_alphanumeric(),
        [mark, b'.' | b')', b' ', ..] => mark.is_ascii_alphanumeric(),
        [first, second, b'.' | b')', b' ', ..] => first.is_ascii_digit() && second.is_ascii_digit(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::grammar::lines::split_lines;
    use crate::cable::model::{Level, MarkedSpan, SpanKind};

    fn parse(text: &str) -> Body<'_> {
        parse_body(&split_lines(text, 0), &BodyContext::default())
    }

    #[test]
    fn numbered_marked_paragraphs_with_heading_and_signature() {
        let text = "Summary\n\n1. (C) First line of a paragraph that runs on and on past forty\nchars. End Summary.\n\nA Heading\n\n2. (S//NF) Second.\nSMITH\n";
        let body = parse(text);
        assert_eq!(
            body.paragraphs,
            vec![
                Paragraph {
                    number: Some(1),
                    marking: Some(Cow::Borrowed("C")),
                    level: Some(Level::Confidential),
                    text: Cow::Owned::<str>("First line of a paragraph that runs on and on past forty chars. End Summary.".into()),
                    heading: Some(Cow::Borrowed("Summary")),
                    spans: vec![MarkedSpan { kind: SpanKind::Summary, range: 0..76, closed: true }],
                    span: 9..92,
                },
                Paragraph {
                    number: Some(2),
                    marking: Some(Cow::Borrowed("S//NF")),
                    level: Some(Level::Secret),
                    text: Cow::Borrowed("Second."),
                    heading: Some(Cow::Borrowed("A Heading")),
                    spans: vec![],
                    span: 105..129,
                },
            ]
        );
        assert_eq!(body.signature, Some(Cow::Borrowed("SMITH")));
        assert_eq!(body.signature_span, Some(124..129));
        assert_eq!(&text[124..129], "SMITH");
        assert!(body.warnings.is_empty());
    }

    #[test]
    fn page_header_inside_a_sentence_is_removed_and_the_halves_joined() {
        let text = "4. (SBU) With a\nMEXICO 00000083 002 OF 005\nstrategy best described.\n";
        let body = parse(text);
        assert_eq!(body.page_breaks, 1);
        assert_eq!(body.paragraphs.len(), 1);
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("With a strategy best described.")
        );
    }

    #[test]
    fn page_header_between_blank_lines_still_joins_a_cut_sentence() {
        let text = "1. (C) Nothing was\n\nNEW DELHI 00005135 002 OF 003\n\n\ndone about it.\n\n2. (C) Next.\n";
        let body = parse(text);
        let texts: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_ref()).collect();
        assert_eq!(texts, vec!["Nothing was done about it.", "Next."]);
    }

    #[test]
    fn repeated_section_header_is_removed() {
        let text = "1. (C) The talks\nC O N F I D E N T I A L SECTION 02 OF 02 MADRID 002215\n\nSIPDIS\n\nE.O. 12958: DECL: 06/14/2014\nTAGS: PGOV\nSUBJECT: AZNAR KEPT\nUNDER WRAPS\n\nwent well.\n";
        let body = parse(text);
        let texts: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_ref()).collect();
        assert_eq!(texts, vec!["The talks went well."]);
    }

    #[test]
    fn sub_items_keep_their_lines() {
        let text = "3. (U) The demands are these, which the minister read out loud:\n-- first demand;\n-- second demand.\n";
        let body = parse(text);
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("The demands are these, which the minister read out loud:\n-- first demand;\n-- second demand.")
        );
    }

    #[test]
    fn numbers_out_of_order_are_warned() {
        let body = parse("1. (U) One.\n\n3. (U) Three.\n");
        assert_eq!(body.paragraphs.len(), 2);
        assert_eq!(
            body.warnings,
            vec![Warning::at(13, "paragraph 3 where 2 was expected")]
        );
    }

    #[test]
    fn unnumbered_cable_gives_unnumbered_paragraphs() {
        let body = parse("FIRST BLOCK OF TEXT.\n\nSECOND BLOCK.\n");
        let texts: Vec<(Option<u32>, &str)> = body
            .paragraphs
            .iter()
            .map(|p| (p.number, p.text.as_ref()))
            .collect();
        assert_eq!(
            texts,
            vec![(None, "FIRST BLOCK OF TEXT."), (None, "SECOND BLOCK.")]
        );
    }

    #[test]
    fn text_before_the_first_paragraph_is_preamble() {
        let body = parse("Classified Secret.\n\n1. (S) One.\n");
        assert_eq!(body.preamble, Some(Cow::Borrowed("Classified Secret.")));
        assert_eq!(body.paragraphs.len(), 1);
    }

    #[test]
    fn glued_signature() {
        let body = parse("1. (C) Work with their security partners. FEELEY\n");
        assert_eq!(body.signature, Some(Cow::Borrowed("FEELEY")));
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("Work with their security partners.")
        );
    }

    #[test]
    fn repost_page_text_is_left_out() {
        let text = "1. (SBU) Summary: first. End\n\nAdvertisement - scroll\n\nAre you reading?\n\n2. (SBU) Second. NAME\n\nAdvertisement - scroll\n";
        let context = BodyContext {
            page_text: Some(vec!["Advertisement - scroll"]),
        };
        let body = parse_body(&split_lines(text, 0), &context);
        let texts: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_ref()).collect();
        assert_eq!(texts, vec!["Summary: first. End", "Second."]);
        assert_eq!(body.signature, Some(Cow::Borrowed("NAME")));
        assert_eq!(body.warnings.len(), 1);
    }

    #[test]
    fn ends_at_end_of_message() {
        let body = parse("1. (U) Text.\nNNNN\n2. (U) Not part of it.\n");
        assert_eq!(body.paragraphs.len(), 1);
    }
}
