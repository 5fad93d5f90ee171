//! The open cable's parse warnings as the `W` list shows them: each warning's text, cleaned,
//! and the place in the reader it is about, found once when the cable is loaded from the
//! byte offset the model keeps.

use super::header_block::BlockPart;
use crate::cable::{Cable, Paragraph};
use crate::sanitize;

/// Where in the reader a warning points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningPlace {
    /// Paragraph `para` (index in `Doc::paras`), at byte `at` of its cleaned text.
    Para { para: usize, at: usize },
    /// The header: the row of the header bar that shows the line the warning is about, and
    /// the header block's lines (text pane, whole-cable view) that show it, if any do.
    Header {
        row: HeaderRow,
        block: Option<BlockPart>,
    },
    /// The warning names no place (a wrapper's warning, a metadata disagreement).
    Nowhere,
}

/// A row of the header bar (`ui::header`), each showing some lines of the cable's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRow {
    /// The banner, from the classification line (classification, post and serial).
    Banner,
    /// Id, date and origin: the date-time group, a dateline and the lines before the
    /// classification line.
    Facts,
    /// The FM, TO and INFO lines of the routing header (shown when `show_routing` is set).
    Routing,
    Subject,
    /// Tags and references.
    TagsRefs,
    /// Classified by, and the E.O. line's declassification.
    ClassifiedBy,
}

impl HeaderRow {
    /// What the row shows, for messages: "the subject line".
    pub fn describe(self) -> &'static str {
        match self {
            HeaderRow::Banner => "classification line",
            HeaderRow::Facts => "id and date line",
            HeaderRow::Routing => "routing lines",
            HeaderRow::Subject => "subject line",
            HeaderRow::TagsRefs => "tags and references line",
            HeaderRow::ClassifiedBy => "classified-by line",
        }
    }
}

/// One row of the warnings list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningEntry {
    pub text: String,
    pub place: WarningPlace,
}

/// The warnings of `cable`, each with its place.
pub fn warning_entries(cable: &Cable<'_>) -> Vec<WarningEntry> {
    cable
        .warnings
        .iter()
        .map(|warning| WarningEntry {
            text: sanitize::one_line(&warning.message),
            place: warning
                .offset
                .map_or(WarningPlace::Nowhere, |offset| place(cable, offset)),
        })
        .collect()
}

/// The paragraph holding byte `offset` of the unwrapped text, or the header before the
/// first paragraph. The paragraph's span starts at its number and marking and may hold
/// page breaks its text does not: the offset is taken from the span's end backwards when
/// it falls past the text's length, so it stays inside the text.
fn place(cable: &Cable<'_>, offset: usize) -> WarningPlace {
    let inside = cable
        .paragraphs
        .iter()
        .position(|paragraph| paragraph.span.contains(&offset));
    if let Some(para) = inside {
        let at = cable
            .paragraphs
            .get(para)
            .map_or(0, |paragraph| offset_in_text(paragraph, offset));
        return WarningPlace::Para { para, at };
    }
    let body_start = cable
        .paragraphs
        .first()
        .map_or(usize::MAX, |p| p.span.start);
    if offset < body_start {
        return header_place(cable, offset);
    }
    // Between paragraphs: the next one.
    match cable.paragraphs.iter().position(|p| p.span.start >= offset) {
        Some(para) => WarningPlace::Para { para, at: 0 },
        None => header_place(cable, offset),
    }
}

/// The header bar's row and the header block's part for byte `offset` of the header: the
/// part of the header whose span holds it (the routing's, for a date-time group that names
/// no real day); for what lies outside every part (a dateline, lines before the
/// classification line, where a dump's header joined), the id and date row and no part of
/// the block, which shows none of those lines.
fn header_place(cable: &Cable<'_>, offset: usize) -> WarningPlace {
    let spans = &cable.spans;
    let holds = |span: &Option<crate::cable::Span>| {
        span.as_ref().is_some_and(|span| span.contains(&offset))
    };
    let (row, block) = if holds(&spans.classification_line) {
        (HeaderRow::Banner, BlockPart::Classification)
    } else if holds(&spans.subject) {
        (HeaderRow::Subject, BlockPart::Subject)
    } else if holds(&spans.tags) {
        (HeaderRow::TagsRefs, BlockPart::Tags)
    } else if holds(&spans.references) {
        (HeaderRow::TagsRefs, BlockPart::References)
    } else if holds(&spans.classified_by) {
        (HeaderRow::ClassifiedBy, BlockPart::ClassifiedBy)
    } else if holds(&spans.executive_order) {
        (HeaderRow::ClassifiedBy, BlockPart::ExecutiveOrder)
    } else if holds(&spans.date_time_group) {
        (HeaderRow::Routing, BlockPart::DateTimeGroup)
    } else if holds(&spans.from) {
        (HeaderRow::Routing, BlockPart::From)
    } else if holds(&cable.routing.span) {
        (HeaderRow::Routing, BlockPart::Routing)
    } else {
        return WarningPlace::Header {
            row: HeaderRow::Facts,
            block: None,
        };
    };
    WarningPlace::Header {
        row,
        block: Some(block),
    }
}

/// Where `offset` (inside the paragraph's span) falls in the paragraph's cleaned text.
fn offset_in_text(paragraph: &Paragraph<'_>, offset: usize) -> usize {
    let text = paragraph.text.trim_end();
    let from_start = offset - paragraph.span.start;
    // What the span holds beyond the text: number, marking and removed page furniture.
    let extra = paragraph.span.len().saturating_sub(text.len());
    let raw = from_start.saturating_sub(extra).min(text.len());
    let (cleaned, map) = sanitize::clean_mapped(text);
    sanitize::map_offset(&map, &cleaned, raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::{SourceFormat, Warning};

    #[test]
    fn warnings_point_at_their_paragraph_or_the_header() {
        let text = "P 310000Z FEB 09\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 0001\n\
            UNCLASSIFIED\n\nSUBJECT: TALKS\n\n1. (U) FIRST.\n\n3. (U) THIRD, SECOND IS MISSING.\n";
        let mut cable = crate::cable::parse_text(text, SourceFormat::PlainText);
        let third = text.find("3. (U)").unwrap_or_default();
        cable.warnings = vec![
            Warning::at(third, "paragraph 3 where 2 was expected"),
            // At "SECOND", byte 7 of the paragraph's text "THIRD, SECOND IS MISSING.".
            Warning::at(third + 14, "a word in the third"),
            Warning::at(
                text.find("CLASS").unwrap_or_default(),
                "in the classification line",
            ),
            Warning::at(
                text.find("FEB").unwrap_or_default(),
                "in the date-time group",
            ),
            Warning::at(text.find("LIMA").unwrap_or_default(), "in the FM line"),
            Warning::at(text.find("WASHDC").unwrap_or_default(), "in the TO line"),
            Warning::at(text.find("TALKS").unwrap_or_default(), "in the subject"),
            Warning::new("the page says otherwise"),
        ];
        let entries = warning_entries(&cable);
        assert_eq!(
            entries,
            vec![
                WarningEntry {
                    text: "paragraph 3 where 2 was expected".to_owned(),
                    place: WarningPlace::Para { para: 1, at: 0 },
                },
                WarningEntry {
                    text: "a word in the third".to_owned(),
                    place: WarningPlace::Para { para: 1, at: 7 },
                },
                WarningEntry {
                    text: "in the classification line".to_owned(),
                    place: WarningPlace::Header {
                        row: HeaderRow::Banner,
                        block: Some(BlockPart::Classification),
                    },
                },
                WarningEntry {
                    text: "in the date-time group".to_owned(),
                    place: WarningPlace::Header {
                        row: HeaderRow::Routing,
                        block: Some(BlockPart::DateTimeGroup),
                    },
                },
                WarningEntry {
                    text: "in the FM line".to_owned(),
                    place: WarningPlace::Header {
                        row: HeaderRow::Routing,
                        block: Some(BlockPart::From),
                    },
                },
                // The TO line has no span of its own: the routing as a whole.
                WarningEntry {
                    text: "in the TO line".to_owned(),
                    place: WarningPlace::Header {
                        row: HeaderRow::Routing,
                        block: Some(BlockPart::Routing),
                    },
                },
                WarningEntry {
                    text: "in the subject".to_owned(),
                    place: WarningPlace::Header {
                        row: HeaderRow::Subject,
                        block: Some(BlockPart::Subject),
                    },
                },
                WarningEntry {
                    text: "the page says otherwise".to_owned(),
                    place: WarningPlace::Nowhere,
                },
            ]
        );
    }
}
