//! The cable's header as the whole-cable view shows it above ¶1: the lines the cable writes
//! (the date-time group and FM/TO/INFO when routing is shown, the classification line,
//! E.O. and DECL, TAGS, SUBJECT, REF, Classified By), in the order the cable writes them.
//! They are rebuilt from the model and cleaned, never copied from the raw text. A line that
//! repeats a stretch of one of the header bar's lines (subject, tags, one reference) says
//! which, so search matches and found references, found once in those lines, show in both.

use std::ops::Range;

use super::state::HeaderPart;
use crate::cable::{Cable, DateTime, Declassify};
use crate::sanitize::one_line;

/// The part of the cable's header a block line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockPart {
    /// The routing's line of the date-time group, `O 071752Z FEB 07` (the routing's lines
    /// are shown when `show_routing` is on).
    DateTimeGroup,
    /// `FM AMEMBASSY MADRID`.
    From,
    /// The TO and INFO lines.
    Addressees,
    /// The routing as a whole: no line's own part, but a place that covers the routing's
    /// lines (a warning somewhere else in the routing header).
    Routing,
    /// `CONFIDENTIAL SECTION 01 OF 02 MADRID 000210`.
    Classification,
    /// `E.O. 12958: DECL: 02/07/2017`.
    ExecutiveOrder,
    Tags,
    Subject,
    References,
    ClassifiedBy,
}

impl BlockPart {
    /// What the part is, for messages: "subject line".
    pub fn describe(self) -> &'static str {
        match self {
            BlockPart::DateTimeGroup => "date-time group line",
            BlockPart::From => "FM line",
            BlockPart::Addressees => "TO and INFO lines",
            BlockPart::Routing => "routing lines",
            BlockPart::Classification => "classification line",
            BlockPart::ExecutiveOrder => "E.O. line",
            BlockPart::Tags => "tags line",
            BlockPart::Subject => "subject line",
            BlockPart::References => "references",
            BlockPart::ClassifiedBy => "classified-by line",
        }
    }

    /// One of the routing's lines, shown only when asked for.
    pub fn is_routing(self) -> bool {
        matches!(
            self,
            BlockPart::DateTimeGroup | BlockPart::From | BlockPart::Addressees | BlockPart::Routing
        )
    }

    /// Whether a place of this part takes in a line of part `line`: its own, and for the
    /// routing as a whole, every routing line.
    pub fn covers(self, line: BlockPart) -> bool {
        self == line || (self == BlockPart::Routing && line.is_routing())
    }
}

/// A stretch of a header bar line (`HeaderFacts::subject`, `tags` or `references`) that a
/// block line shows again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub part: HeaderPart,
    /// Byte range in the header bar's line.
    pub range: Range<usize>,
    /// Where in the block line's text that stretch starts.
    pub at: usize,
}

/// One line of the header block, cleaned, on one line (the text pane wraps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockLine {
    pub part: BlockPart,
    pub text: String,
    /// Bytes of `text` taken by the field's label (`TAGS: `), drawn dim.
    pub label: usize,
    pub repeats: Option<Repeat>,
}

impl BlockLine {
    /// `range` of the header bar's `part` line, as a range of this line's text, when this
    /// line shows (some of) it.
    pub fn map(&self, part: HeaderPart, range: &Range<usize>) -> Option<Range<usize>> {
        let repeat = self.repeats.as_ref().filter(|r| r.part == part)?;
        let start = range.start.max(repeat.range.start);
        let end = range.end.min(repeat.range.end);
        (start < end || (range.is_empty() && repeat.range.contains(&range.start)))
            .then(|| repeat.at + start - repeat.range.start..repeat.at + end - repeat.range.start)
    }
}

/// One reference of the header bar's references line (`A. MADRID 208; B. STATE 1234`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferencePart {
    /// The reference with its list letter: `A. MADRID 208`.
    pub whole: Range<usize>,
    /// The reference as written, past the letter: `MADRID 208`.
    pub written: Range<usize>,
    /// The canonical id of the cable it names, when it names one.
    pub id: Option<String>,
}

/// The header bar's references line and where each reference is in it: each reference
/// cleaned on one line, `A. ` before it when the list is lettered, `; ` between them.
pub fn references_line(cable: &Cable<'_>) -> Option<(String, Vec<ReferencePart>)> {
    if cable.references.is_empty() {
        return None;
    }
    let mut line = String::new();
    let mut parts = Vec::with_capacity(cable.references.len());
    for reference in &cable.references {
        if !line.is_empty() {
            line.push_str("; ");
        }
        let start = line.len();
        if let Some(letter) = reference.letter {
            line.push_str(&one_line(&letter.to_string()));
            line.push_str(". ");
        }
        let written_start = line.len();
        line.push_str(&one_line(&reference.written));
        parts.push(ReferencePart {
            whole: start..line.len(),
            written: written_start..line.len(),
            id: reference.id.clone(),
        });
    }
    Some((line, parts))
}

/// What the header bar's lines hold, for the block lines that repeat them.
#[derive(Debug, Clone, Copy, Default)]
pub struct BarLines<'a> {
    pub subject: Option<&'a str>,
    pub tags: Option<&'a str>,
    pub references: Option<&'a str>,
    pub reference_parts: &'a [ReferencePart],
    /// The FM, TO and INFO lines (`plain::routing_lines`).
    pub routing: &'a [String],
}

/// The header block of `cable`, in the order the cable writes its fields (by where each
/// stands in the text; a field with no place last).
pub fn header_block(cable: &Cable<'_>, bar: BarLines<'_>) -> Vec<BlockLine> {
    let spans = &cable.spans;
    let start = |span: &Option<crate::cable::Span>| span.as_ref().map_or(usize::MAX, |s| s.start);
    let mut fields: Vec<(usize, Vec<BlockLine>)> = vec![
        (
            start(&spans.classification_line),
            classification_line(cable),
        ),
        (start(&spans.executive_order), executive_order(cable)),
        (start(&spans.tags), tags(bar)),
        (start(&spans.subject), subject(cable, bar)),
        (start(&spans.references), references(bar)),
        (start(&spans.classified_by), classified_by(cable)),
    ];
    fields.sort_by_key(|(at, _)| *at);
    let mut lines = routing(cable, bar);
    lines.extend(fields.into_iter().flat_map(|(_, lines)| lines));
    lines
}

fn plain(part: BlockPart, text: String, label: usize) -> BlockLine {
    BlockLine {
        part,
        text,
        label,
        repeats: None,
    }
}

/// `O 071752Z FEB 07` (precedence and date-time group), then FM, TO, INFO.
fn routing(cable: &Cable<'_>, bar: BarLines<'_>) -> Vec<BlockLine> {
    let routing = &cable.routing;
    let group = match (&routing.date_time_group, &routing.unreal_date_time_group) {
        (Some(at), _) => Some(date_time_group(at)),
        (None, Some(written)) => Some(one_line(written)),
        (None, None) => None,
    };
    let dtg_line = group.map(|group| match routing.precedence.as_deref().map(one_line) {
        Some(precedence) if !precedence.is_empty() => format!("{precedence} {group}"),
        _ => group,
    });
    // `plain::routing_lines` writes the FM line first, when there is one.
    let from = routing.from.is_some();
    let addressees = bar.routing.iter().enumerate().map(|(index, text)| {
        let part = if index == 0 && from {
            BlockPart::From
        } else {
            BlockPart::Addressees
        };
        plain(part, text.clone(), 0)
    });
    dtg_line
        .map(|text| plain(BlockPart::DateTimeGroup, text, 0))
        .into_iter()
        .chain(addressees)
        .collect()
}

/// `071752Z FEB 07`.
fn date_time_group(at: &DateTime) -> String {
    let month = crate::cable::date::month_name(at.month)
        .and_then(|name| name.get(..3))
        .unwrap_or("???")
        .to_ascii_uppercase();
    format!(
        "{:02}{:02}{:02}Z {month} {:02}",
        at.day,
        at.hour,
        at.minute,
        at.year % 100
    )
}

/// `CONFIDENTIAL SECTION 01 OF 02 MADRID 000210`: the line's own classification (its
/// letters closed up), section, post and serial (six digits, as nearly all cables write it).
fn classification_line(cable: &Cable<'_>) -> Vec<BlockLine> {
    let Some(line) = &cable.classification_line else {
        return Vec::new();
    };
    let mut words: Vec<String> = Vec::new();
    if let Some(name) = line.classification.display_name() {
        words.push(name);
    }
    if let Some((section, of)) = line.section {
        words.push(format!("SECTION {section:02} OF {of:02}"));
    }
    if let Some(post) = &line.post {
        words.push(post.to_string());
    }
    if let Some(serial) = line.serial {
        words.push(format!("{serial:06}"));
    }
    vec![plain(
        BlockPart::Classification,
        one_line(&words.join(" ")),
        0,
    )]
}

/// `E.O. 12958: DECL: 02/07/2017`, the date as the cables write it (month first).
fn executive_order(cable: &Cable<'_>) -> Vec<BlockLine> {
    let Some(order) = &cable.executive_order else {
        return Vec::new();
    };
    let label = match order.number {
        Some(number) => format!("E.O. {number}: "),
        None => "E.O.: ".to_owned(),
    };
    let declassify = order
        .declassify
        .as_ref()
        .map(|declassify| match declassify {
            Declassify::On(date) => format!("{:02}/{:02}/{:04}", date.month, date.day, date.year),
            Declassify::Written(text) => one_line(text),
        });
    let text = match declassify {
        Some(declassify) => format!("{label}DECL: {declassify}"),
        None => label.trim_end().trim_end_matches(':').to_owned(),
    };
    vec![plain(BlockPart::ExecutiveOrder, text, 0)]
}

/// A field line that repeats the whole of a header bar line: `label` then `value`.
fn repeating(part: BlockPart, of: HeaderPart, label: &str, value: &str) -> BlockLine {
    BlockLine {
        part,
        text: format!("{label}{value}"),
        label: label.len(),
        repeats: Some(Repeat {
            part: of,
            range: 0..value.len(),
            at: label.len(),
        }),
    }
}

fn tags(bar: BarLines<'_>) -> Vec<BlockLine> {
    bar.tags
        .map(|tags| repeating(BlockPart::Tags, HeaderPart::Tags, "TAGS: ", tags))
        .into_iter()
        .collect()
}

/// `SUBJECT: (C) TEXT`: the marking written before the subject stays before it.
fn subject(cable: &Cable<'_>, bar: BarLines<'_>) -> Vec<BlockLine> {
    let Some(subject) = bar.subject else {
        return Vec::new();
    };
    let mut line = repeating(
        BlockPart::Subject,
        HeaderPart::Subject,
        "SUBJECT: ",
        subject,
    );
    if let Some(marking) = cable
        .subject_marking
        .as_deref()
        .map(one_line)
        .filter(|m| !m.is_empty())
    {
        let marking = format!("({marking}) ");
        line.text.insert_str(line.label, &marking);
        if let Some(repeat) = line.repeats.as_mut() {
            repeat.at += marking.len();
        }
    }
    vec![line]
}

/// `REF: A. MADRID 208`, and each further reference on its own line under the first.
fn references(bar: BarLines<'_>) -> Vec<BlockLine> {
    let Some(line) = bar.references else {
        return Vec::new();
    };
    bar.reference_parts
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let label = if index == 0 { "REF: " } else { "     " };
            BlockLine {
                part: BlockPart::References,
                text: format!("{label}{}", line.get(part.whole.clone()).unwrap_or("")),
                label: label.len(),
                repeats: Some(Repeat {
                    part: HeaderPart::References,
                    range: part.whole.clone(),
                    at: label.len(),
                }),
            }
        })
        .collect()
}

/// `Classified By: Amb. Eduardo Aguirre for reasons 1.4 (b) and (d)`, when the line stands
/// in the header (one found inside ¶1 is shown there, with the paragraph).
fn classified_by(cable: &Cable<'_>) -> Vec<BlockLine> {
    let (Some(by), Some(_)) = (&cable.classified_by, &cable.spans.classified_by) else {
        return Vec::new();
    };
    let label = "Classified By: ";
    let mut text = format!("{label}{}", one_line(&by.by));
    if let Some(reasons) = &by.reasons {
        text.push_str(" for reasons ");
        text.push_str(&one_line(reasons));
    }
    vec![plain(BlockPart::ClassifiedBy, text, label.len())]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_line_maps_the_stretch_it_repeats() {
        let line = BlockLine {
            part: BlockPart::References,
            text: "     B. STATE 1234".to_owned(),
            label: 5,
            repeats: Some(Repeat {
                part: HeaderPart::References,
                range: 15..28,
                at: 5,
            }),
        };
        // `B. STATE 1234` at 15..28 of `A. MADRID 208; B. STATE 1234`.
        assert_eq!(line.map(HeaderPart::References, &(18..23)), Some(8..13));
        // A match across `; ` shows the part on this line.
        assert_eq!(line.map(HeaderPart::References, &(10..17)), Some(5..7));
        assert_eq!(line.map(HeaderPart::References, &(0..13)), None);
        assert_eq!(line.map(HeaderPart::Subject, &(18..23)), None);
        assert_eq!(&line.text[8..13], "STATE");
    }

    const CABLE: &str = "R 121530Z MAR 09\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 1234\n\
        C O N F I D E N T I A L SECTION 01 OF 02 ROME 000456\n\n\
        E.O. 12958: DECL: 03/12/2019\nSUBJECT: (C) FISHERIES TALKS\nTAGS: PREL, PGOV, IT\n\n\
        REF: A. ROME 123\n     B. 08 STATE 4567\n\n\
        Classified By: DCM John Smith for reasons 1.4 (b) and (d)\n\n1. (C) TEXT.\n";

    fn line(part: BlockPart, text: &str, label: usize, repeats: Option<Repeat>) -> BlockLine {
        BlockLine {
            part,
            text: text.to_owned(),
            label,
            repeats,
        }
    }

    #[test]
    fn the_block_writes_the_header_in_the_cables_order() {
        let cable = crate::cable::parse_text(CABLE, crate::cable::SourceFormat::PlainText);
        let doc = crate::app::doc::Doc::new(&cable);
        let header = &doc.header;
        assert_eq!(
            header.references.as_deref(),
            Some("A. ROME 123; B. 08 STATE 4567")
        );
        assert_eq!(
            header.reference_parts,
            [
                ReferencePart {
                    whole: 0..11,
                    written: 3..11,
                    id: Some("09ROME123".to_owned()),
                },
                ReferencePart {
                    whole: 13..29,
                    written: 16..29,
                    id: Some("08STATE4567".to_owned()),
                },
            ]
        );
        let repeat = |part, range, at| Some(Repeat { part, range, at });
        assert_eq!(
            doc.header_block,
            [
                line(BlockPart::DateTimeGroup, "R 121530Z MAR 09", 0, None),
                line(BlockPart::From, "FM AMEMBASSY ROME", 0, None),
                line(BlockPart::Addressees, "TO SECSTATE WASHDC", 0, None),
                line(
                    BlockPart::Classification,
                    "CONFIDENTIAL SECTION 01 OF 02 ROME 000456",
                    0,
                    None
                ),
                line(
                    BlockPart::ExecutiveOrder,
                    "E.O. 12958: DECL: 03/12/2019",
                    0,
                    None
                ),
                // SUBJECT before TAGS, as this cable writes them; its marking stays.
                line(
                    BlockPart::Subject,
                    "SUBJECT: (C) FISHERIES TALKS",
                    9,
                    repeat(HeaderPart::Subject, 0..15, 13)
                ),
                line(
                    BlockPart::Tags,
                    "TAGS: PREL, PGOV, IT",
                    6,
                    repeat(HeaderPart::Tags, 0..14, 6)
                ),
                line(
                    BlockPart::References,
                    "REF: A. ROME 123",
                    5,
                    repeat(HeaderPart::References, 0..11, 5)
                ),
                line(
                    BlockPart::References,
                    "     B. 08 STATE 4567",
                    5,
                    repeat(HeaderPart::References, 13..29, 5)
                ),
                line(
                    BlockPart::ClassifiedBy,
                    "Classified By: DCM John Smith for reasons 1.4 (b) and (d)",
                    15,
                    None
                ),
            ]
        );
    }

    #[test]
    fn a_classified_by_line_inside_paragraph_one_stays_there() {
        let text = "UNCLASSIFIED\n\nSUBJECT: TALKS\n\n1. (U) CLASSIFIED BY DCM JOHN SMITH, \
            REASON 1.5 (D). THE TALKS WENT WELL.\n";
        let cable = crate::cable::parse_text(text, crate::cable::SourceFormat::PlainText);
        assert!(cable.classified_by.is_some());
        let doc = crate::app::doc::Doc::new(&cable);
        let parts: Vec<BlockPart> = doc.header_block.iter().map(|l| l.part).collect();
        assert_eq!(parts, [BlockPart::Classification, BlockPart::Subject]);
    }
}
