//! The body: page headers and repeated section headers removed and the sentences they cut
//! joined, numbered paragraphs with their markings, headings, unnumbered text, the signature,
//! and (for a web repost) the page text that interrupts the cable.

mod furniture;
mod headings;

use std::borrow::Cow;

use crate::cable::model::{Paragraph, Span, Warning};

use super::classification::{caveat_line, classification_line, page_header, teletype_page_line};
use super::fields::{field_kind, field_last_line, FieldKind};
use super::lines::{ends_sentence, Line};
use super::marking::{paragraph_start, Marking, ParagraphStart};
use super::spans::{mark_spans, opens_summary};
use furniture::{for_each_piece, is_running_subject, is_stranded_line, Piece};
use headings::{
    is_rule, looks_like_heading, ruled_trailing_heading, trailing_heading, whole_heading,
};

/// What the body parser needs to know about the text around the body.
#[derive(Debug, Default)]
pub struct BodyContext<'a> {
    /// The cable was found inside other text (a news page): lines of that text, trimmed,
    /// so that the same lines met inside the cable are known for the page's.
    pub page_text: Option<Vec<&'a str>>,
    /// The post in the classification line (`NEW DELHI`), which begins each page header.
    pub post: Option<&'a str>,
    /// The subject as the header gave it: old teletype pages print its last words after
    /// each page line.
    pub subject: Option<&'a str>,
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
    /// How many classification lines with a section number the body repeated.
    pub repeated_section_headers: u32,
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
    let items = remove_page_headers(lines, context, &mut body);
    let (blocks, glued) = join_blocks(&items);
    build_paragraphs(&blocks, &glued, context, &mut body);
    body
}

/// Drops page headers (`MEXICO 00000083 002 OF 005`) and the classification line and header
/// fields that each new section repeats, leaving a `PageBreak` where they stood. Stops at
/// `NNNN`, the end-of-message mark.
fn remove_page_headers<'a>(
    lines: &[Line<'a>],
    context: &BodyContext<'_>,
    body: &mut Body<'a>,
) -> Vec<Item<'a>> {
    let post = context.post;
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
        // Page headers hold an eight-digit serial; most lines have none, so the parsers
        // below only run where one is.
        let has_serial = has_eight_digit_run(trimmed);
        let teletype_page = trimmed
            .starts_with("PAGE ")
            .then(|| teletype_page_line(trimmed).ok())
            .flatten();
        if let Some((after, _)) = teletype_page {
            // Old teletype pages end with the classification written on the last line:
            // `... CALLED IN CHARGE CONFIDENTIAL` / `PAGE 02 VATICA 01261 061419Z`. A new
            // section's first page goes on with its distribution block (`ACTION AF-00`,
            // `INFO LOG-00 ...`), which is no text; text glued after the page line is.
            drop_page_footer(&mut items);
            body.page_breaks += 1;
            items.push(Item::PageBreak);
            let after = after.trim();
            if !after.is_empty()
                && !is_distribution(after)
                && !is_running_subject(after, context.subject)
            {
                let at =
                    line.text.len() - line.text.trim_start().len() + (trimmed.len() - after.len());
                push_text(
                    &mut items,
                    Line {
                        text: after,
                        start: line.start + at.min(line.text.len()),
                    },
                );
            }
            let mut distribution = false;
            while lines
                .get(index)
                .is_some_and(|next| is_distribution(next.trimmed()))
            {
                index += 1;
                distribution = true;
            }
            if distribution {
                index = skip_section_header(lines, index);
            }
            continue;
        }
        let whole_page_header = has_serial
            && page_header(trimmed).is_ok_and(|(rest, header)| {
                rest.trim().is_empty() && is_own_post(&header.post, post)
            });
        if whole_page_header {
            body.page_breaks += 1;
            items.push(Item::PageBreak);
            continue;
        }
        let repeated_header = may_open_classification_line(trimmed)
            && classification_line(trimmed)
                .is_ok_and(|(rest, parsed)| rest.trim().is_empty() && parsed.section.is_some());
        if repeated_header {
            body.page_breaks += 1;
            body.repeated_section_headers += 1;
            items.push(Item::PageBreak);
            index = skip_repeated_fields(lines, index);
            continue;
        }
        if let Some(range) = has_serial
            .then(|| page_header_within(line.text, post))
            .flatten()
        {
            // Retyped cables run the page header into a line: keep the text on both sides.
            body.page_breaks += 1;
            let before = line.text.get(..range.start).unwrap_or_default();
            let after = line.text.get(range.end..).unwrap_or_default();
            if !before.trim().is_empty() {
                push_text(
                    &mut items,
                    Line {
                        text: before.trim_end(),
                        start: line.start,
                    },
                );
            }
            items.push(Item::PageBreak);
            if !after.trim().is_empty() {
                let skipped = after.len() - after.trim_start().len();
                push_text(
                    &mut items,
                    Line {
                        text: after.trim_start(),
                        start: line.start + range.end + skipped,
                    },
                );
            }
            continue;
        }
        push_text(&mut items, *line);
    }
    items
}

/// Adds a line of text without its furniture: a stranded tag or classification line is a
/// break (the sentence it cut goes on after it), and so is a `SIPDIS` word inside the line.
fn push_text<'a>(items: &mut Vec<Item<'a>>, line: Line<'a>) {
    if is_stranded_line(line.trimmed()) {
        items.push(Item::PageBreak);
        return;
    }
    for_each_piece(line, |piece| {
        items.push(match piece {
            Piece::Text(line) => Item::Text(line),
            Piece::Break => Item::PageBreak,
        });
    });
}

/// Whether `text` holds eight ASCII digits in a row (the zero-padded serial of a page header).
fn has_eight_digit_run(text: &str) -> bool {
    let mut run = 0;
    for byte in text.bytes() {
        if byte.is_ascii_digit() {
            run += 1;
            if run == 8 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Classification lines open with a level word in capitals or spaced letters (`SECRET`,
/// `S E C R E T`, `C o n f i d ...`, `UNCLAS`, `LIMITED`, `TOP`): sentences (`The`,
/// `Calderon`) are ruled out without parsing.
fn may_open_classification_line(text: &str) -> bool {
    let mut bytes = text.bytes();
    let first = bytes.next().map(|b| b.to_ascii_uppercase());
    let second = bytes.next();
    matches!(first, Some(b'S' | b'C' | b'U' | b'L' | b'T'))
        && second.is_some_and(|b| b.is_ascii_uppercase() || b == b' ')
}

/// Takes the classification that a teletype page prints at its foot off the last text line
/// before a page line (or drops the line when that is all it holds).
fn drop_page_footer(items: &mut Vec<Item<'_>>) {
    const FOOTERS: [&str; 5] = [
        "LIMITED OFFICIAL USE",
        "CONFIDENTIAL",
        "UNCLASSIFIED",
        "SECRET",
        "UNCLAS",
    ];
    // Whole footer lines first: ` CONFIDENTIAL`, `CONFIDENTIAL PTQ1865`.
    while let Some(position) = items.iter().rposition(|item| matches!(item, Item::Text(_))) {
        let is_footer_line = matches!(items.get(position), Some(Item::Text(line)) if {
            let mut words = line.text.split_whitespace();
            let first = words.next().unwrap_or_default();
            let rest: Vec<&str> = words.collect();
            let word_footer = FOOTERS.iter().any(|footer| line.text.trim() == *footer);
            let with_sequence = FOOTERS.contains(&first)
                && rest.len() == 1
                && rest.iter().all(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()));
            word_footer || with_sequence
        });
        if !is_footer_line {
            break;
        }
        items.truncate(position);
    }
    let Some(position) = items.iter().rposition(|item| matches!(item, Item::Text(_))) else {
        return;
    };
    let Some(Item::Text(line)) = items.get(position).copied() else {
        return;
    };
    let text = line.text.trim_end();
    let Some(footer) = FOOTERS.iter().find(|footer| text.ends_with(*footer)) else {
        return;
    };
    let kept = text.get(..text.len() - footer.len()).unwrap_or_default();
    if !(kept.is_empty() || kept.ends_with(' ')) {
        return;
    }
    if kept.trim().is_empty() {
        items.remove(position);
    } else if let Some(slot) = items.get_mut(position) {
        *slot = Item::Text(Line {
            text: kept.trim_end(),
            start: line.start,
        });
    }
}

/// A line of an old cable's distribution block: `ACTION AF-00`, `INFO  LOG-00 NP-00 ...`,
/// `------------------2B2A8F  291401Z /38`: every word an office code, a rule, a hex id,
/// a date-time group or a `/38` count.
fn is_distribution(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    let labelled = words.peek().is_some_and(|w| *w == "INFO" || *w == "ACTION");
    if labelled {
        words.next();
    }
    let is_office = |word: &str| {
        word.split_once('-').is_some_and(|(office, number)| {
            (1..=6).contains(&office.len())
                && office
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && (number.is_empty() || number.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    // Retyped pages run the whole block, and the routing lines after it, into one line:
    // an `INFO LOG-00 NP-00 ...` opening is enough.
    if labelled {
        let codes: Vec<&str> = text.split_whitespace().skip(1).take(3).collect();
        if codes.len() >= 2 && codes.iter().take(2).all(|w| is_office(w)) {
            return true;
        }
    }
    let mut any = false;
    for word in words {
        any = true;
        let bytes = word.as_bytes();
        let office = is_office(word);
        let rule = bytes.len() >= 3 && bytes.iter().all(|b| *b == b'-')
            || (bytes.first() == Some(&b'-')
                && word
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit()));
        let hex_id = bytes.len() == 6 && bytes.iter().all(u8::is_ascii_hexdigit);
        let dtg = bytes.len() == 7 && bytes.last() == Some(&b'Z');
        let count = word
            .strip_prefix('/')
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !(office || rule || hex_id || dtg || count) {
            return false;
        }
    }
    any
}

/// Whether a page header's post is the cable's own (page headers may cut it short:
/// `USUN NEW Y` for `USUN NEW YORK`); without a known post, a short name is taken.
fn is_own_post(written: &str, post: Option<&str>) -> bool {
    let squeeze = |text: &str| -> String {
        text.split_whitespace()
            .collect::<String>()
            .to_ascii_uppercase()
    };
    match post {
        Some(post) => {
            let (written, post) = (squeeze(written), squeeze(post));
            !written.is_empty()
                && (post.starts_with(&written)
                    || written.starts_with(&post)
                    || (written.len() >= 4 && post.ends_with(&written)))
        }
        None => written.split_whitespace().count() <= 3,
    }
}

/// A page header run into a line of text (retyped cables reflow them into sentences):
/// `... told us about TUNIS 00000492 005 OF 005 the plan` -> the byte range of
/// `TUNIS 00000492 005 OF 005`, post included.
fn page_header_within(text: &str, post: Option<&str>) -> Option<std::ops::Range<usize>> {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0usize, |at, word| {
            let start = *at;
            *at += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, word)| !word.is_empty())
        .collect();
    let is_number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    for (index, window) in words.windows(4).enumerate() {
        let [(serial_at, serial), (_, page), (_, of), (pages_at, pages)] = window else {
            continue;
        };
        let pages_clean = pages.trim_end_matches(['.', ',']);
        if !(serial.len() == 8
            && serial.bytes().all(|b| b.is_ascii_digit())
            && is_number(page)
            && of.eq_ignore_ascii_case("OF")
            && is_number(pages_clean))
        {
            continue;
        }
        // The post: the cable's own when known, else the one word before the serial.
        let post_words = post.map_or(1, |post| post.split_whitespace().count());
        let mut start = *serial_at;
        for take in (1..=post_words).rev() {
            let Some(first) = index.checked_sub(take) else {
                continue;
            };
            let Some(&(first_at, _)) = words.get(first) else {
                continue;
            };
            let candidate = text.get(first_at..*serial_at).unwrap_or_default();
            if is_own_post(candidate, post) {
                start = first_at;
                break;
            }
        }
        if start == *serial_at {
            continue;
        }
        return Some(start..pages_at + pages_clean.len());
    }
    None
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
        } else if let Some(kind) = field_kind(trimmed) {
            index = field_last_line(lines, index, kind) + 1;
        } else {
            break;
        }
    }
    index
}

/// After an old cable's distribution block, a new section may repeat its passing
/// instructions and E.O./TAGS/SUBJECT lines: when an E.O. line follows within a few lines,
/// everything up to it and the fields after it go.
fn skip_section_header(lines: &[Line<'_>], index: usize) -> usize {
    let order = lines
        .iter()
        .enumerate()
        .skip(index)
        .take(6)
        .find(|(_, line)| field_kind(line.trimmed()) == Some(FieldKind::ExecutiveOrder));
    match order {
        Some((at, _)) => skip_repeated_fields(lines, at),
        None => index,
    }
}

/// Groups lines into blocks separated by blank lines. Where a page break cut a sentence
/// (the line before it does not end a sentence and the line after it continues one), the
/// two halves stay in one block. Also returns where each such second half starts (as the
/// address of its first byte, in order): it is joined to the first with a space, however
/// short the line before.
fn join_blocks<'a>(items: &[Item<'a>]) -> (Vec<Block<'a>>, Vec<usize>) {
    let mut blocks: Vec<Block<'a>> = Vec::new();
    let mut glued = Vec::new();
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
                    Some(block) if open || continues_cut_sentence => {
                        let cut = break_since_open
                            && block
                                .lines
                                .last()
                                .is_some_and(|last| !ends_sentence(last.text))
                            && paragraph_start(line.text).is_err();
                        if cut {
                            glued.push(line.trimmed().as_ptr() as usize);
                        }
                        block.lines.push(*line);
                    }
                    _ => blocks.push(Block { lines: vec![*line] }),
                }
                open = true;
                break_since_open = false;
            }
        }
    }
    (blocks, glued)
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

/// A paragraph being gathered.
struct Gathering<'a> {
    number: Option<u32>,
    marking: Option<Marking<'a>>,
    heading: Option<Cow<'a, str>>,
    /// Blocks of lines; the first line of the first block is the text after the marking.
    blocks: Vec<Vec<&'a str>>,
    start: usize,
    end: usize,
    /// The paragraph's first line as a whole: every line of the paragraph is a slice of the
    /// same text, so offsets follow from it.
    anchor: &'a str,
}

impl<'a> Gathering<'a> {
    /// The heading that ends the paragraph's last block, and where it starts there.
    fn trailing_heading(&self) -> Option<(usize, Cow<'a, str>)> {
        let keep = usize::from(self.blocks.len() == 1);
        trailing_heading(self.blocks.last()?, keep)
    }

    /// Takes the heading that ends the paragraph's last block off it (never the paragraph's
    /// own first line).
    fn take_trailing_heading(&mut self) -> Option<Cow<'a, str>> {
        let (at, heading) = self.trailing_heading()?;
        let block = self.blocks.last_mut()?;
        block.truncate(at);
        if block.is_empty() {
            self.blocks.pop();
            // The upper rule of a box cut off by a blank line (10SANSALVADOR85).
            if self.blocks.len() > 1
                && self
                    .blocks
                    .last()
                    .is_some_and(|block| block.iter().all(|line| is_rule(line)))
            {
                self.blocks.pop();
            }
        }
        if let Some(last) = self.blocks.last().and_then(|block| block.last()).copied() {
            self.end = self.span_of(last).end;
        }
        Some(heading)
    }

    /// The span in the whole text of `part`, a slice of one of the paragraph's lines.
    fn span_of(&self, part: &str) -> Span {
        let from_anchor = (part.as_ptr() as usize).saturating_sub(self.anchor.as_ptr() as usize);
        let start = self.start + from_anchor;
        start..start + part.len()
    }
}

fn build_paragraphs<'a>(
    blocks: &[Block<'a>],
    glued: &[usize],
    context: &BodyContext<'_>,
    body: &mut Body<'a>,
) {
    let numbered = blocks.iter().any(|block| {
        block
            .lines
            .first()
            .and_then(|line| paragraph_start(line.text).ok())
            .is_some_and(|(_, start)| start.number.is_some())
    });
    let last_numbered_block = blocks.iter().rposition(|block| {
        block
            .lines
            .first()
            .and_then(|line| paragraph_start(line.text).ok())
            .is_some_and(|(_, start)| start.number.is_some())
    });
    // A repost's page text: what stands before the cable, and the blocks after the first
    // block of the last numbered paragraph (the page goes on after the cable ends).
    let page_text: Option<Vec<&str>> = context.page_text.as_ref().map(|before| {
        let after = blocks
            .iter()
            .skip(last_numbered_block.map_or(blocks.len(), |at| at + 1))
            .flat_map(|block| block.lines.iter().map(Line::trimmed));
        before.iter().copied().chain(after).collect()
    });
    let mut gathered: Vec<Gathering<'a>> = Vec::new();
    let mut preamble: Vec<Vec<&'a str>> = Vec::new();
    let mut pending_heading: Option<Cow<'a, str>> = None;
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
        let after_last_paragraph =
            numbered && last_numbered_block.is_none_or(|last| block_index > last);
        let first_opens = paragraph_start(first.text)
            .ok()
            .map(|(_, start)| start)
            .filter(|start| numbering.opens(start, true, true) || gathered.is_empty())
            // After a repost's last numbered paragraph, a marking alone is the page's text.
            .is_some_and(|start| {
                context.page_text.is_none() || start.number.is_some() || !after_last_paragraph
            });
        // A block whose later line certainly opens a paragraph (`¶`-numbered, or marked, in
        // order) has lost the blank line after the text or heading before it.
        let opens_at = if first_opens {
            Some(0)
        } else {
            block
                .lines
                .iter()
                .enumerate()
                .skip(1)
                .find(|(at, line)| {
                    !boxed_by_rules(&block.lines, *at)
                        && paragraph_start(line.text).is_ok_and(|(_, start)| {
                            numbering.opens(&start, true, true)
                                && (start.pilcrow || start.marking.is_some())
                        })
                })
                .map(|(at, _)| at)
        };
        let (before, from) = block.lines.split_at(opens_at.unwrap_or(block.lines.len()));
        if let Some(loose_first) = before.first() {
            let texts: Vec<&'a str> = before.iter().map(|line| line.text).collect();
            let heading = whole_heading(&texts)
                .filter(|_| !from.is_empty() || next_block_opens(blocks, block_index, &numbering));
            if let Some(heading) = heading {
                dropping_page_text = false;
                pending_heading = Some(heading);
            } else if pending_heading.is_none()
                && from.is_empty()
                && next_block_opens(blocks, block_index, &numbering)
                && rule_under_a_heading(&texts, &mut gathered, &mut preamble)
            {
                // `Summary` / blank / `-------` / blank / `¶1.` (10BOGOTA13): the rule, cut
                // off by a blank line, still marks the line above it as a heading; it joins
                // that line's block, and the heading is taken off it below.
            } else if page_text.as_ref().is_some_and(|page_text| {
                // Loose text: inside a repost, text the page also shows outside the cable
                // is the page's, and so is everything after it up to the next paragraph.
                dropping_page_text
                    || after_last_paragraph
                    || before
                        .iter()
                        .any(|line| page_text.contains(&line.trimmed()))
            }) {
                dropping_page_text = true;
                dropped_lines += before.len();
            } else {
                match gathered.last_mut() {
                    Some(paragraph) if numbered => {
                        paragraph.blocks.push(Vec::new());
                        gather_lines(&mut gathered, before, &mut numbering, body);
                    }
                    _ if numbered && !opens_summary(loose_first.text) => preamble.push(texts),
                    _ => {
                        // A cable without numbered paragraphs: every block is a paragraph;
                        // and a summary before the first numbered one (`SUMMARY: ...` after
                        // the header, 75TEHRAN2069) is one, so that it is shown and marked
                        // as the summary.
                        gathered.push(Gathering {
                            number: None,
                            marking: None,
                            heading: pending_heading.take(),
                            blocks: vec![Vec::new()],
                            start: loose_first.start,
                            end: loose_first.end(),
                            anchor: loose_first.text,
                        });
                        gather_lines(&mut gathered, before, &mut numbering, body);
                    }
                }
            }
        }
        if let Some((opening, rest)) = from.split_first() {
            if let Ok((_, start)) = paragraph_start(opening.text) {
                dropping_page_text = false;
                let heading = pending_heading
                    .take()
                    .or_else(|| take_trailing_heading(&mut gathered, &mut preamble));
                start_paragraph(
                    &mut gathered,
                    start,
                    *opening,
                    heading,
                    &mut numbering,
                    body,
                );
                gather_lines(&mut gathered, rest, &mut numbering, body);
            }
        }
        // A heading at the end of this block belongs to the paragraph the next one opens.
        if pending_heading.is_none() && next_block_opens(blocks, block_index, &numbering) {
            pending_heading = take_trailing_heading(&mut gathered, &mut preamble);
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
    body.preamble = (!preamble.is_empty()).then(|| join_blocks_text(&preamble, glued));
    take_signature(&mut gathered, body);
    body.span = match (gathered.first(), gathered.last()) {
        (Some(first), Some(last)) => Some(first.start..last.end),
        _ => None,
    };
    body.paragraphs = gathered
        .into_iter()
        .map(|gathering| finish_paragraph(gathering, glued))
        .collect();
    mark_spans(&mut body.paragraphs);
}

/// When `texts` are only rules and the text gathered so far ends with a line that may be a
/// heading, puts the rules at the end of that line's block and says so.
fn rule_under_a_heading<'a>(
    texts: &[&'a str],
    gathered: &mut [Gathering<'a>],
    preamble: &mut [Vec<&'a str>],
) -> bool {
    if !texts.iter().all(|text| is_rule(text)) {
        return false;
    }
    let block = match gathered.last_mut() {
        Some(paragraph) => paragraph.blocks.last_mut(),
        None => preamble.last_mut(),
    };
    let Some(block) = block else {
        return false;
    };
    if !block
        .last()
        .is_some_and(|line| looks_like_heading(line.trim()))
    {
        return false;
    }
    block.extend_from_slice(texts);
    true
}

/// Whether the line at `at` stands between two rules: a boxed heading (`-----` /
/// `(U) Summary` / `-----`), not a marked paragraph.
fn boxed_by_rules(lines: &[Line<'_>], at: usize) -> bool {
    let rule_at = |index: Option<usize>| {
        index
            .and_then(|index| lines.get(index))
            .is_some_and(|line| is_rule(line.text))
    };
    rule_at(at.checked_sub(1)) && rule_at(at.checked_add(1))
}

/// Whether the block after `index` opens with a paragraph the numbering takes.
fn next_block_opens(blocks: &[Block<'_>], index: usize, numbering: &Numbering) -> bool {
    blocks
        .get(index + 1)
        .and_then(|next| next.lines.first())
        .and_then(|line| paragraph_start(line.text).ok())
        .is_some_and(|(_, start)| numbering.opens(&start, true, true))
}

/// Takes a heading off the end of the text gathered so far (the last paragraph's last block,
/// or the preamble), for the paragraph about to open.
fn take_trailing_heading<'a>(
    gathered: &mut [Gathering<'a>],
    preamble: &mut Vec<Vec<&'a str>>,
) -> Option<Cow<'a, str>> {
    if let Some(paragraph) = gathered.last_mut() {
        return paragraph.take_trailing_heading();
    }
    let block = preamble.last_mut()?;
    let (at, heading) = ruled_trailing_heading(block)?;
    block.truncate(at);
    if block.is_empty() {
        preamble.pop();
    }
    Some(heading)
}

/// How far ahead of the expected number an unmarked `¶` number may be (extracts leave
/// paragraphs out).
const MAX_NUMBER_GAP: u32 = 5;

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
            // A marking alone opens an unnumbered paragraph only after a blank line, and
            // `(c)`, `(s)`, `(u)` there are more likely list letters than markings.
            let list_letter = start.marking.is_some_and(|m| {
                m.written.len() == 1 && m.written.bytes().all(|b| b.is_ascii_lowercase())
            });
            return at_block_start && !list_letter;
        };
        let marked = start.marking.is_some();
        let in_order = number == self.expected;
        if number < self.expected && !marked {
            // Counting again from below: a numbered list inside the paragraph.
            return false;
        }
        if start.pilcrow {
            // WikiLeaks' own anchor: certain, unless it is a number far ahead of the count
            // (`¶200.` at the start of a wrapped line).
            return marked || number <= self.expected + MAX_NUMBER_GAP;
        }
        if self.uses_pilcrows {
            return marked && in_order && (at_block_start || previous_ended);
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
    heading: Option<Cow<'a, str>>,
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
        anchor: line.text,
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
        if let Ok((_, start)) = paragraph_start(line.text) {
            // A heading after the last sentence ends what came before as well as a full stop.
            let previous_ended = gathered.last().is_none_or(|paragraph| {
                paragraph
                    .blocks
                    .last()
                    .and_then(|block| block.last())
                    .is_none_or(|last| ends_sentence(last))
                    || paragraph.trailing_heading().is_some()
            });
            if numbering.opens(&start, false, previous_ended) {
                let heading = gathered
                    .last_mut()
                    .and_then(Gathering::take_trailing_heading);
                start_paragraph(gathered, start, *line, heading, numbering, body);
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
fn take_signature<'a>(gathered: &mut Vec<Gathering<'a>>, body: &mut Body<'a>) {
    // A last paragraph that is only a name (a signature set off by a blank line in a cable
    // without numbered paragraphs, or after them) is no paragraph.
    if gathered.len() > 1 {
        if let Some(last) = gathered.last() {
            let lines: Vec<&str> = last.blocks.iter().flatten().copied().collect();
            if let ([only], None, None) = (lines.as_slice(), last.number, last.marking) {
                if is_signature(only.trim()) {
                    let name = only.trim();
                    body.signature = Some(Cow::Borrowed(name));
                    body.signature_span = Some(last.span_of(name));
                    gathered.pop();
                    return;
                }
            }
        }
    }
    let Some(last) = gathered.last_mut() else {
        return;
    };
    // Footer lines after the signature: a repeated classification, a stray `>`.
    while let Some(block) = last.blocks.last_mut() {
        while block.last().is_some_and(|line| is_footer(line)) {
            block.pop();
        }
        if block.is_empty() {
            last.blocks.pop();
        } else {
            break;
        }
    }
    let lines_in_paragraph: usize = last.blocks.iter().map(Vec::len).sum();
    let Some(block) = last.blocks.last_mut() else {
        return;
    };
    let Some(line) = block.last().copied() else {
        return;
    };
    let previous_ended = match block.len() {
        0 | 1 => true,
        len => block
            .get(len - 2)
            .is_none_or(|previous| ends_sentence(previous)),
    };
    let trimmed = line.trim().trim_end_matches([' ', '\\']);
    // A name in capitals on its own line is a signature whatever precedes it; a retyped
    // title-case name only after a finished sentence.
    let in_capitals = !trimmed.chars().any(char::is_lowercase);
    if lines_in_paragraph > 1 && (previous_ended || in_capitals) && is_signature(trimmed) {
        block.pop();
        if block.is_empty() {
            last.blocks.pop();
        }
        body.signature = Some(Cow::Borrowed(trimmed));
        body.signature_span = Some(last.span_of(trimmed));
        return;
    }
    let Some((sentence, name)) = trimmed.rsplit_once(' ') else {
        return;
    };
    let mixed_case = sentence.bytes().any(|b| b.is_ascii_lowercase());
    let one_word = !name.contains(' ');
    // Glued to the last words: after a finished sentence, or, in a mixed-case cable, a name
    // in capitals of four letters or more (`... Kingdom SUSMAN`, `... 14 EIKENBERRY`).
    let name_in_capitals = !name.chars().any(char::is_lowercase);
    let glued = ends_sentence(sentence) || (mixed_case && name_in_capitals && name.len() >= 4);
    if glued && one_word && is_signature(name) && (mixed_case || name.len() >= 3) {
        if let Some(slot) = block.last_mut() {
            *slot = sentence;
        }
        body.signature_span = Some(last.span_of(name));
        body.signature = Some(Cow::Borrowed(name));
    }
}

/// Lines that follow a cable's last words without being text: a repeated classification,
/// `BT`, a stray `>` or `\`.
fn is_footer(line: &str) -> bool {
    let trimmed = line.trim().trim_matches(['\\', ' ']);
    trimmed.is_empty()
        || matches!(
            trimmed,
            "CONFIDENTIAL"
                | "SECRET"
                | "UNCLASSIFIED"
                | "UNCLAS"
                | "NOFORN"
                | "SIPDIS"
                | ">"
                | "BT"
                | "#"
        )
}

/// Words that end cables in capitals without being a name.
const NOT_SIGNATURES: [&str; 14] = [
    "BT",
    "NNNN",
    "END",
    "UNQUOTE",
    "QUOTE",
    "TEXT",
    "COMMENT",
    "SUMMARY",
    "SIPDIS",
    "NOFORN",
    "CONFIDENTIAL",
    "SECRET",
    "UNCLASSIFIED",
    "UNCLAS",
];

/// Title-case words that end sentences without being a name.
const NOT_TITLE_SIGNATURES: [&str; 6] = ["End", "Comment", "Summary", "Text", "Ends", "Quote"];

/// A signature: one to four words in capitals (`FEELEY`, `J. SMITH`), or one or two
/// capitalised names as WikiLeaks retyped them (`Burnett`, `Krajeski`).
fn is_signature(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if words.is_empty() || text.len() > 40 || letters < 2 || text.ends_with(['.', ',', ':']) {
        return false;
    }
    let capitals = words.len() <= 4
        && words.iter().all(|word| {
            word.chars().any(|c| c.is_alphabetic())
                && word
                    .chars()
                    .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | ','))
                && !NOT_SIGNATURES.contains(word)
        });
    let title_case = words.len() <= 2
        && words.iter().all(|word| {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().count() >= 2
                && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
                && !NOT_TITLE_SIGNATURES.contains(word)
        });
    capitals || title_case
}

fn finish_paragraph<'a>(gathering: Gathering<'a>, glued: &[usize]) -> Paragraph<'a> {
    Paragraph {
        number: gathering.number,
        marking: gathering.marking.map(|m| Cow::Borrowed(m.written)),
        level: gathering.marking.map(|m| m.level),
        text: join_blocks_text(&gathering.blocks, glued),
        heading: gathering.heading,
        spans: Vec::new(),
        span: gathering.start..gathering.end,
    }
}

/// Joins a paragraph's lines into reading text: wrapped lines become one line, sub-items
/// (`-- `, `A. `, `(a) `) and short lines keep their line breaks, blocks are separated by a
/// blank line; a sentence cut by a page break or a tag (`glued`, see `join_blocks`) is
/// joined with a space. A single line is borrowed as it is.
fn join_blocks_text<'a>(blocks: &[Vec<&'a str>], glued: &[usize]) -> Cow<'a, str> {
    let non_empty: Vec<&Vec<&'a str>> = blocks
        .iter()
        .filter(|block| block.iter().any(|line| !line.trim().is_empty()))
        .collect();
    if let [only] = non_empty.as_slice() {
        if let [line] = only.as_slice() {
            return Cow::Borrowed(without_pilcrow(line));
        }
    }
    let mut text = String::new();
    for block in non_empty {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let mut previous: Option<&str> = None;
        for line in block.iter().map(|line| line.trim_end()) {
            let content = without_pilcrow(line);
            if content.is_empty() {
                continue;
            }
            let continues_cut = glued.binary_search(&(content.as_ptr() as usize)).is_ok();
            match previous {
                None => {}
                Some(_) if continues_cut => text.push(' '),
                Some(prev) if starts_sub_item(content) => {
                    let _ = prev;
                    text.push('\n');
                }
                Some(prev)
                    if prev.ends_with('-') && !prev.ends_with(" -") && !prev.ends_with("--") => {}
                Some(prev) if prev.len() >= 40 || starts_lowercase(content) => {
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

/// A line's text without the `¶` WikiLeaks put before a number it took for a paragraph's
/// (`¶2004.` after a wrapped line, a list counting again from 1): the sign is no text.
fn without_pilcrow(line: &str) -> &str {
    let line = line.trim();
    line.strip_prefix('¶').map_or(line, str::trim_start)
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

    /// Each paragraph's number and text, the facts most rules are checked by.
    fn numbered<'a>(body: &'a Body<'_>) -> Vec<(Option<u32>, &'a str)> {
        body.paragraphs
            .iter()
            .map(|p| (p.number, p.text.as_ref()))
            .collect()
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
    fn page_header_run_into_a_line_is_cut_off() {
        let text = "1. (C) He told us about\nthe plan TUNIS 00000492 005 OF 005\nin detail.\n";
        let context = BodyContext {
            page_text: None,
            post: Some("TUNIS"),
            subject: None,
        };
        let body = parse_body(&split_lines(text, 0), &context);
        assert_eq!(body.page_breaks, 1);
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("He told us about the plan in detail.")
        );
        assert_eq!(
            page_header_within(
                "words NEW DELHI 00004521 002 OF 003 more",
                Some("NEW DELHI")
            ),
            Some(6..35)
        );
        assert_eq!(
            page_header_within("Dubai 00000056 002.2 of 002", Some("RPO DUBAI")),
            Some(0..27)
        );
        assert_eq!(
            page_header_within("the 00000056 002 of 002 x", Some("TUNIS")),
            None
        );
    }

    #[test]
    fn teletype_page_lines_and_their_footers_are_removed() {
        let text = "2. (C) DEPUTY FOREIGN MINISTER MIGLIORE CALLED IN CHARGE CONFIDENTIAL\n\nPAGE 02 VATICA 01261 061419Z\nTO PRESENT A PRO MEMORIA.\n";
        let body = parse(text);
        assert_eq!(body.page_breaks, 1);
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("DEPUTY FOREIGN MINISTER MIGLIORE CALLED IN CHARGE TO PRESENT A PRO MEMORIA.")
        );
    }

    #[test]
    fn a_new_teletype_section_drops_its_footer_and_distribution_block() {
        let text = "1. (C) THE ECONOMIC DECLINE IS SO STEEP THAT IF IT WAITS THAT LONG,\n CONFIDENTIAL\n CONFIDENTIAL PTQ1865\nPAGE 01 HARARE 06677 02 OF 03 291401Z ACTION AF-00\nINFO LOG-00 NP-00 AID-00\n      CTME-00 DINT-00\n------------------2B2A8F  291401Z /38\nTHERE WILL BE NOTHING LEFT.\nPAGE 03 HARARE 06677 03 OF 03 291401Z 2. (C) COMMENT: FRANK.\n";
        let body = parse(text);
        let texts = numbered(&body);
        assert_eq!(
            texts,
            vec![
                (Some(1), "THE ECONOMIC DECLINE IS SO STEEP THAT IF IT WAITS THAT LONG, THERE WILL BE NOTHING LEFT."),
                (Some(2), "COMMENT: FRANK."),
            ]
        );
        assert_eq!(body.page_breaks, 2);
        assert!(is_distribution("INFO  LOG-00   NP-00    AID-00"));
        assert!(is_distribution("ACTION AF-00"));
        assert!(!is_distribution("THE TALKS WENT ON"));
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
        let texts = numbered(&body);
        assert_eq!(
            texts,
            vec![(None, "FIRST BLOCK OF TEXT."), (None, "SECOND BLOCK.")]
        );
    }

    #[test]
    fn a_summary_before_the_first_paragraph_is_an_unnumbered_paragraph() {
        // 75TEHRAN2069, 73TEHRAN7005: the summary stands after the header, before ¶1.
        let text = "SUMMARY: THE SHAH ANNOUNCED A PARTY.\nEND SUMMARY.\n\n1. THE STATEMENT.\n";
        let body = parse(text);
        assert_eq!(body.preamble, None);
        assert_eq!(
            body.paragraphs,
            vec![
                Paragraph {
                    number: None,
                    marking: None,
                    level: None,
                    text: Cow::Borrowed("SUMMARY: THE SHAH ANNOUNCED A PARTY.\nEND SUMMARY."),
                    heading: None,
                    spans: vec![MarkedSpan {
                        kind: SpanKind::Summary,
                        range: 0..49,
                        closed: true
                    }],
                    span: 0..49,
                },
                Paragraph {
                    number: Some(1),
                    marking: None,
                    level: None,
                    text: Cow::Borrowed("THE STATEMENT."),
                    heading: None,
                    spans: vec![],
                    span: 51..68,
                },
            ]
        );
        // The text before it stays the preamble; `END SUMMARY` alone on the last line is
        // no heading of ¶1 (72TEHRAN4789).
        let text =
            "COUNTRY TEAM MESSAGE.\n\nBEGIN SUMMARY\n\nIT WENT WELL.\nEND SUMMARY\n\n1. DETAILS.\n";
        let body = parse(text);
        assert_eq!(body.preamble, Some(Cow::Borrowed("COUNTRY TEAM MESSAGE.")));
        assert_eq!(
            body.paragraphs,
            vec![
                Paragraph {
                    number: None,
                    marking: None,
                    level: None,
                    text: Cow::Owned::<str>("BEGIN SUMMARY\n\nIT WENT WELL.\nEND SUMMARY".into()),
                    heading: None,
                    spans: vec![MarkedSpan {
                        kind: SpanKind::Summary,
                        range: 0..40,
                        closed: true
                    }],
                    span: 23..63,
                },
                Paragraph {
                    number: Some(1),
                    marking: None,
                    level: None,
                    text: Cow::Borrowed("DETAILS."),
                    heading: None,
                    spans: vec![],
                    span: 65..76,
                },
            ]
        );
    }

    #[test]
    fn a_rule_cut_off_by_blank_lines_still_marks_a_heading() {
        // 10BOGOTA13: `Summary` / blank / `-------` / blank / `¶1.`; between two paragraphs,
        // with a rule above too (10SANSALVADOR85).
        let text = "Summary\n\n-------\n\n1. (S) Pearl spoke. End summary.\n\n-------\n\nRoadmaps for Peace\n\n-------\n\n2. (C) At a breakfast.\n";
        let body = parse(text);
        assert_eq!(body.preamble, None);
        assert_eq!(
            body.paragraphs,
            vec![
                Paragraph {
                    number: Some(1),
                    marking: Some(Cow::Borrowed("S")),
                    level: Some(Level::Secret),
                    text: Cow::Borrowed("Pearl spoke. End summary."),
                    heading: Some(Cow::Borrowed("Summary")),
                    spans: vec![MarkedSpan {
                        kind: SpanKind::Summary,
                        range: 0..25,
                        closed: true
                    }],
                    span: 18..50,
                },
                Paragraph {
                    number: Some(2),
                    marking: Some(Cow::Borrowed("C")),
                    level: Some(Level::Confidential),
                    text: Cow::Borrowed("At a breakfast."),
                    heading: Some(Cow::Borrowed("Roadmaps for Peace")),
                    spans: vec![],
                    span: 90..112,
                },
            ]
        );
    }

    #[test]
    fn a_marked_heading_boxed_by_rules_is_the_next_paragraphs_heading() {
        // 10STATE17263: `(U) Summary` between rules is no unnumbered (U) paragraph.
        let text = "-----------\n(U) Summary\n-----------\n\n1. (S) They met. End Summary.\n";
        let body = parse(text);
        assert_eq!(body.preamble, None);
        assert_eq!(
            body.paragraphs,
            vec![Paragraph {
                number: Some(1),
                marking: Some(Cow::Borrowed("S")),
                level: Some(Level::Secret),
                text: Cow::Borrowed("They met. End Summary."),
                heading: Some(Cow::Borrowed("(U) Summary")),
                spans: vec![MarkedSpan {
                    kind: SpanKind::Summary,
                    range: 0..22,
                    closed: true
                }],
                span: 37..66,
            }]
        );
    }

    #[test]
    fn text_before_the_first_paragraph_is_preamble() {
        let body = parse("Classified Secret.\n\n1. (S) One.\n");
        assert_eq!(body.preamble, Some(Cow::Borrowed("Classified Secret.")));
        assert_eq!(body.paragraphs.len(), 1);
    }

    #[test]
    fn signatures_as_wikileaks_retyped_them() {
        let body = parse("1. (C) It went well.\n\n2. (C) Truly it did. Leach\n");
        assert_eq!(body.signature, Some(Cow::Borrowed("Leach")));
        assert_eq!(body.signature_span, Some(43..48));
        let body = parse("1. (C) It went well.\nKrajeski\nCONFIDENTIAL\n>\n");
        assert_eq!(body.signature, Some(Cow::Borrowed("Krajeski")));
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("It went well.")
        );
        let body = parse("THE TEXT OF AN OLD CABLE.\n\nKIRBY\n");
        assert_eq!(body.signature, Some(Cow::Borrowed("KIRBY")));
        assert_eq!(body.paragraphs.len(), 1);
        let body = parse("1. (C) We will report from\nWashington\n");
        assert_eq!(body.signature, None);
        let body = parse("1. (C) See the Portal:Unit ed_Kingdom SUSMAN\n");
        assert_eq!(body.signature, Some(Cow::Borrowed("SUSMAN")));
    }

    #[test]
    fn old_signatures_before_a_footer_or_nnnn() {
        for text in [
            "1. THE TALKS WENT WELL.\nJONES\nCONFIDENTIAL\n",
            "1. THE TALKS WENT WELL.\n\nJONES\n\nCONFIDENTIAL\n",
            "1. THE TALKS WENT WELL.\nJONES\nNNNN\n",
            "1. THE TALKS WENT WELL.\n\nJONES\n\nCONFIDENTIAL\n\nNNNN\n",
        ] {
            let body = parse(text);
            assert_eq!(body.signature, Some(Cow::Borrowed("JONES")), "{text:?}");
            assert_eq!(
                body.paragraphs
                    .iter()
                    .map(|p| (p.number, p.text.as_ref()))
                    .collect::<Vec<_>>(),
                vec![(Some(1), "THE TALKS WENT WELL.")],
                "{text:?}"
            );
        }
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
            post: None,
            subject: None,
        };
        let body = parse_body(&split_lines(text, 0), &context);
        let texts: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_ref()).collect();
        assert_eq!(texts, vec!["Summary: first. End", "Second."]);
        assert_eq!(body.signature, Some(Cow::Borrowed("NAME")));
        assert_eq!(body.warnings.len(), 1);
    }

    /// A paragraph as the tests expect it, with its span checked against the text.
    fn expect<'t>(
        text: &'t str,
        number: u32,
        marking: &'t str,
        level: Level,
        heading: Option<&'t str>,
        body: &'t str,
        span: Span,
    ) -> Paragraph<'t> {
        let spanned = text.get(span.clone()).unwrap_or_default();
        assert!(
            spanned.contains(body.split(' ').next().unwrap_or_default()),
            "{spanned:?}"
        );
        Paragraph {
            number: Some(number),
            marking: Some(Cow::Borrowed(marking)),
            level: Some(level),
            text: Cow::Borrowed(body),
            heading: heading.map(Cow::Borrowed),
            spans: Vec::new(),
            span,
        }
    }

    #[test]
    fn heading_over_a_rule_without_blank_lines_opens_the_next_paragraph() {
        // 09BUENOSAIRES641: every section a heading over a rule, then `¶N.` at once.
        let text = "¶1. (C) The call went well.\nCivair\n------ \n¶2. (C) Taiana said so.\nMilitary Group\n-------------- \n¶3. (U) He asked.\n";
        let body = parse(text);
        assert_eq!(
            body.paragraphs,
            vec![
                expect(
                    text,
                    1,
                    "C",
                    Level::Confidential,
                    None,
                    "The call went well.",
                    0..28
                ),
                expect(
                    text,
                    2,
                    "C",
                    Level::Confidential,
                    Some("Civair"),
                    "Taiana said so.",
                    44..68
                ),
                expect(
                    text,
                    3,
                    "U",
                    Level::Unclassified,
                    Some("Military Group"),
                    "He asked.",
                    100..118
                ),
            ]
        );
        assert!(body.warnings.is_empty());
    }

    #[test]
    fn markings_written_without_opening_parenthesis_under_gapped_rules() {
        // 10ROME1: `C)` markings, rules with a gap.
        let text = "¶1. C) Summary: it went well. End summary.\nIran: Appalled by violence, Will try to rope in ENI\n--------------------------------------------- ------ \n¶2. C) On Iran, he was appalled.\n";
        let body = parse(text);
        type Seen<'t> = (Option<u32>, Option<&'t str>, Option<&'t str>, &'t str);
        let paragraphs: Vec<Seen<'_>> = body
            .paragraphs
            .iter()
            .map(|p| {
                (
                    p.number,
                    p.marking.as_deref(),
                    p.heading.as_deref(),
                    p.text.as_ref(),
                )
            })
            .collect();
        assert_eq!(
            paragraphs,
            vec![
                (
                    Some(1),
                    Some("C"),
                    None,
                    "Summary: it went well. End summary."
                ),
                (
                    Some(2),
                    Some("C"),
                    Some("Iran: Appalled by violence, Will try to rope in ENI"),
                    "On Iran, he was appalled."
                ),
            ]
        );
    }

    #[test]
    fn boxed_heading_after_a_paragraph_belongs_to_the_next() {
        // 04SANAA2346: the heading's text ends in `...`, its box set off by blank lines.
        let text = "¶5. (C) Saleh responded, \"we don't need them.\"\n\n-------------------------------- \nSaleh Promises No New MANPADS... \n-------------------------------- \n\n¶6. (S) Saleh pledged.\n";
        let body = parse(text);
        assert_eq!(
            body.paragraphs,
            vec![
                Paragraph {
                    number: Some(5),
                    marking: Some(Cow::Borrowed("C")),
                    level: Some(Level::Confidential),
                    text: Cow::Borrowed("Saleh responded, \"we don't need them.\""),
                    heading: None,
                    spans: vec![],
                    span: 0..47,
                },
                Paragraph {
                    number: Some(6),
                    marking: Some(Cow::Borrowed("S")),
                    level: Some(Level::Secret),
                    text: Cow::Borrowed("Saleh pledged."),
                    heading: Some(Cow::Borrowed("Saleh Promises No New MANPADS...")),
                    spans: vec![],
                    span: 152..175,
                },
            ]
        );
    }

    #[test]
    fn heading_inside_a_block_after_a_sentence_and_an_all_caps_heading() {
        let text = "2. (C) It went well.\nMASS ACTION IS ON THE TABLE\n3. (C) THE LEADER SPOKE.\n";
        assert_eq!(&text[49..73], "3. (C) THE LEADER SPOKE.");
        let body = parse(text);
        assert_eq!(
            body.paragraphs,
            vec![
                expect(
                    text,
                    2,
                    "C",
                    Level::Confidential,
                    None,
                    "It went well.",
                    0..20
                ),
                expect(
                    text,
                    3,
                    "C",
                    Level::Confidential,
                    Some("MASS ACTION IS ON THE TABLE"),
                    "THE LEADER SPOKE.",
                    49..73
                ),
            ]
        );
    }

    #[test]
    fn pilcrow_is_never_text() {
        // A number WikiLeaks anchored that is none (`¶2004.`) and a list counting from 1 again.
        let text = "¶1. (C) Ever since its victory in the elections of\n¶2004. the party won.\n¶2. (C) Two.\n¶1. first item\n";
        let body = parse(text);
        let paragraphs = numbered(&body);
        assert_eq!(
            paragraphs,
            vec![
                (
                    Some(1),
                    "Ever since its victory in the elections of 2004. the party won."
                ),
                (Some(2), "Two.\n1. first item"),
            ]
        );
    }

    #[test]
    fn teletype_furniture_is_dropped_and_sentences_joined() {
        // 00HARARE6677: SIPDIS inside sentences, a boxed heading with SIPDIS in its box
        // after a page line, the running subject after a page line, a paragraph glued to a
        // page line.
        let text = "1. (C) ON NOVEMBER 16 TSVANGIRAI OFFERED FOUR\nSIPDIS SCENARIOS UNDER WHICH IT COULD UNFOLD.\n CONFIDENTIAL\nPAGE 03 HARARE 06677 01 OF 03 291400Z\n------------------ \nTSVANGIRAI LOOKS INTO THE CRYSTAL BALL\nSIPDIS\n------------------ \n\n2. (C) HE SAID THAT THIS OPTION MUST BE CAREFULLY SIPDIS CONSIDERED.\nPAGE 02 HARARE 06677 02 OF 03 291401Z OPPOSITION LEADER\nTHERE WILL BE NOTHING.\n CONFIDENTIAL\nPAGE 03 HARARE 06677 03 OF 03 291401Z 3. (C) COMMENT: FRANK.\n";
        let context = BodyContext {
            page_text: None,
            post: Some("HARARE"),
            subject: Some("ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER"),
        };
        let body = parse_body(&split_lines(text, 0), &context);
        let paragraphs: Vec<(Option<u32>, Option<&str>, &str)> = body
            .paragraphs
            .iter()
            .map(|p| (p.number, p.heading.as_deref(), p.text.as_ref()))
            .collect();
        assert_eq!(
            paragraphs,
            vec![
                (
                    Some(1),
                    None,
                    "ON NOVEMBER 16 TSVANGIRAI OFFERED FOUR SCENARIOS UNDER WHICH IT COULD UNFOLD."
                ),
                (
                    Some(2),
                    Some("TSVANGIRAI LOOKS INTO THE CRYSTAL BALL"),
                    "HE SAID THAT THIS OPTION MUST BE CAREFULLY CONSIDERED.\nTHERE WILL BE NOTHING."
                ),
                (Some(3), None, "COMMENT: FRANK."),
            ]
        );
    }

    #[test]
    fn a_stranded_sipdis_line_does_not_cut_the_sentence() {
        // 08MADRID98: `... trip to` / blank / `SIPDIS` / `the U.S.`
        let body = parse(
            "1. (C) Secretary of State Mejia's energy trip to\n\nSIPDIS\nthe U.S. went well.\n",
        );
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("Secretary of State Mejia's energy trip to the U.S. went well.")
        );
        // However short the line before.
        let body =
            parse("1. (C) A trip to the\n\nSIPDIS\nU.S. and a CAREFULLY SIPDIS CONSIDERED plan.\n");
        assert_eq!(
            body.paragraphs.first().map(|p| p.text.as_ref()),
            Some("A trip to the U.S. and a CAREFULLY CONSIDERED plan.")
        );
    }

    #[test]
    fn ends_at_end_of_message() {
        let body = parse("1. (U) Text.\nNNNN\n2. (U) Not part of it.\n");
        assert_eq!(body.paragraphs.len(), 1);
    }
}
