//! What the reader shows of one cable, prepared once when the cable is loaded: every string
//! cleaned (see [`crate::sanitize::clean`]), summary and comment spans mapped into the cleaned
//! text, counts per level. Drawing reads these and never touches the raw cable text.

use std::ops::Range;

use super::header_block::{header_block, references_line, BarLines, BlockLine, ReferencePart};
use super::state::HandlingCaveat;
use crate::cable::grammar::marking::{marking_caveats, MarkingCaveats};
use crate::cable::{Cable, Level, SpanKind};
use crate::{plain, sanitize};

/// One paragraph, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub number: Option<u32>,
    /// The marking as written, without parentheses (`S//NF`); `None` when unmarked.
    pub marking: Option<String>,
    pub level: Option<Level>,
    /// The heading standing above the paragraph, on one line.
    pub heading: Option<String>,
    /// The paragraph's text, cleaned; `\n` separates its blocks.
    pub text: String,
    /// Summary and comment spans, as byte ranges of `text`.
    pub spans: Vec<(SpanKind, Range<usize>)>,
    /// Why the marking does not fit the cable's banner (`Cable::marking_warning`).
    pub warning: Option<String>,
    /// The handling caveats the marking carries.
    pub caveats: MarkingCaveats,
}

impl Para {
    /// `6. ` — the number as it opens the paragraph, or nothing.
    pub fn number_label(&self) -> String {
        self.number.map(|n| format!("{n}. ")).unwrap_or_default()
    }

    /// `(S//NF)`, or `(—)` for an unmarked paragraph.
    pub fn marking_label(&self) -> String {
        match &self.marking {
            Some(marking) => format!("({marking})"),
            None => "(—)".to_owned(),
        }
    }

    /// The kinds of span the paragraph holds, in order, without repeats.
    pub fn span_kinds(&self) -> Vec<SpanKind> {
        let mut kinds: Vec<SpanKind> = Vec::new();
        for (kind, _) in &self.spans {
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
        }
        kinds
    }
}

/// The header facts, cleaned, each on one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderFacts {
    /// "SECRET//NOFORN".
    pub banner: Option<String>,
    pub level: Option<Level>,
    pub id: Option<String>,
    /// `2010-01-29 20:49Z`.
    pub date: Option<String>,
    pub origin: Option<String>,
    pub subject: Option<String>,
    pub tags: Option<String>,
    /// `A. MADRID 208; B. STATE 1234`.
    pub references: Option<String>,
    /// Where each reference stands in `references`, and the id it names.
    pub reference_parts: Vec<ReferencePart>,
    pub sections: u32,
    pub classified_by: Option<String>,
    pub declassify: Option<String>,
    pub warnings: usize,
    /// When the cable was sent, for a configured date format.
    pub datetime: Option<crate::cable::CableDate>,
    /// FM, TO and INFO lines, shown when the config asks for the routing header.
    pub routing: Vec<String>,
}

/// One cable prepared for the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub header: HeaderFacts,
    /// The cable's header as it writes it, shown above ¶1 in the whole-cable view.
    pub header_block: Vec<BlockLine>,
    pub paras: Vec<Para>,
    pub preamble: Option<String>,
    pub signature: Option<String>,
    /// Paragraphs per level, lowest first.
    pub counts: [usize; 5],
    /// Paragraphs whose marking carries NOFORN, REL TO, FOUO/SBU (`HandlingCaveat::ALL`).
    pub caveat_counts: [usize; 3],
    pub unmarked: usize,
    /// The parse warnings, each with the place it is about (the `W` list).
    pub warnings: Vec<crate::app::warnings::WarningEntry>,
}

impl Doc {
    /// The paragraph whose heading stands above paragraph `para` when only `visible` are
    /// shown: its own, or that of the hidden paragraph that opened its section, if no shown
    /// paragraph before it in that section already carries it. A heading names its
    /// section, not only the paragraph under it, so it stays while any of the section shows.
    pub fn heading_above(&self, visible: &[usize], shown: usize) -> Option<usize> {
        let para = *visible.get(shown)?;
        let owner = (0..=para)
            .rev()
            .find(|&p| self.paras.get(p).is_some_and(|p| p.heading.is_some()))?;
        let previous = shown.checked_sub(1).and_then(|at| visible.get(at));
        previous
            .is_none_or(|&previous| previous < owner)
            .then_some(owner)
    }

    /// The runs of paragraphs that `visible` leaves out, each as the range of their indices
    /// in `paras`, in order.
    pub fn hidden_runs(&self, visible: &[usize]) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let mut next = 0;
        for &para in visible.iter().chain(std::iter::once(&self.paras.len())) {
            if para > next {
                runs.push(next..para);
            }
            next = para + 1;
        }
        runs
    }

    /// `2 paragraphs hidden: S` for the paragraphs in `run`.
    pub fn hidden_note(&self, run: Range<usize>) -> String {
        let levels: Vec<Option<Level>> = self
            .paras
            .get(run)
            .unwrap_or_default()
            .iter()
            .map(|p| p.level)
            .collect();
        plain::hidden_note(&levels)
    }

    pub fn new(cable: &Cable<'_>) -> Doc {
        let paras = cable
            .paragraphs
            .iter()
            .map(|paragraph| {
                let (text, map) = sanitize::clean_mapped(paragraph.text.trim_end());
                let spans = paragraph
                    .spans
                    .iter()
                    .map(|span| {
                        let start = sanitize::map_offset(&map, &text, span.range.start);
                        let end = sanitize::map_offset(&map, &text, span.range.end).max(start);
                        (span.kind, start..end)
                    })
                    .filter(|(_, range)| !range.is_empty())
                    .collect();
                Para {
                    number: paragraph.number,
                    marking: plain::marking(paragraph),
                    level: paragraph.level,
                    heading: paragraph
                        .heading
                        .as_deref()
                        .map(sanitize::one_line)
                        .filter(|h| !h.is_empty()),
                    text,
                    spans,
                    warning: cable.marking_warning(paragraph),
                    caveats: paragraph
                        .marking
                        .as_deref()
                        .map(marking_caveats)
                        .unwrap_or_default(),
                }
            })
            .collect::<Vec<Para>>();
        let mut caveat_counts = [0; 3];
        for para in &paras {
            for (count, caveat) in caveat_counts.iter_mut().zip(HandlingCaveat::ALL) {
                *count += usize::from(caveat.in_marking(para.caveats));
            }
        }
        let block = |text: Option<&str>| {
            text.map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| sanitize::clean(t).into_owned())
        };
        let (references, reference_parts) = references_line(cable).unzip();
        let header = HeaderFacts {
            banner: plain::banner(&cable.classification),
            level: plain::cable_level(cable),
            id: cable.id.as_deref().map(sanitize::one_line),
            date: cable.date.as_ref().map(plain::short_date_time),
            origin: cable.origin.as_deref().map(sanitize::one_line),
            subject: cable.subject.as_deref().map(sanitize::one_line),
            tags: (!cable.tags.is_empty()).then(|| {
                cable
                    .tags
                    .iter()
                    .map(|t| sanitize::one_line(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            references,
            reference_parts: reference_parts.unwrap_or_default(),
            sections: cable.sections,
            classified_by: plain::classified_by_line(cable).map(|c| sanitize::one_line(&c)),
            declassify: plain::declassify_line(cable, "%Y-%m-%d"),
            warnings: cable.warnings.len(),
            datetime: cable.date,
            routing: plain::routing_lines(cable),
        };
        let header_block = header_block(
            cable,
            BarLines {
                subject: header.subject.as_deref(),
                tags: header.tags.as_deref(),
                references: header.references.as_deref(),
                reference_parts: &header.reference_parts,
                routing: &header.routing,
            },
        );
        Doc {
            header,
            header_block,
            paras,
            preamble: block(cable.preamble.as_deref()),
            signature: block(cable.signature.as_deref()),
            counts: cable.level_counts(),
            caveat_counts,
            unmarked: plain::unmarked_count(cable),
            warnings: crate::app::warnings::warning_entries(cable),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cable::{MarkedSpan, Paragraph};
    use std::borrow::Cow;

    fn para(level: Option<Level>, heading: Option<&str>) -> Para {
        Para {
            number: None,
            marking: level.map(|l| l.abbreviation().to_owned()),
            level,
            heading: heading.map(str::to_owned),
            text: "x".to_owned(),
            spans: Vec::new(),
            warning: None,
            caveats: MarkingCaveats::default(),
        }
    }

    #[test]
    fn a_section_heading_stays_while_any_of_its_paragraphs_shows() {
        let doc = Doc {
            paras: vec![
                para(Some(Level::Confidential), None),
                para(
                    Some(Level::SensitiveButUnclassified),
                    Some("Change on the Horizon"),
                ),
                para(Some(Level::Confidential), None),
                para(Some(Level::Confidential), None),
                para(Some(Level::Secret), Some("Comment")),
            ],
            ..Doc::default()
        };
        // Everything shown: each heading over its own paragraph.
        let all = [0, 1, 2, 3, 4];
        let above: Vec<Option<usize>> = (0..5).map(|i| doc.heading_above(&all, i)).collect();
        assert_eq!(above, [None, Some(1), None, None, Some(4)]);
        // SBU hidden: its heading goes over the first shown paragraph of its section.
        let visible = [0, 2, 3, 4];
        let above: Vec<Option<usize>> = (0..4).map(|i| doc.heading_above(&visible, i)).collect();
        assert_eq!(above, [None, Some(1), None, Some(4)]);
        assert_eq!(doc.hidden_runs(&visible), vec![1..2]);
        assert_eq!(doc.hidden_note(1..2), "1 paragraph hidden: SBU");
        assert_eq!(doc.hidden_runs(&[2]), vec![0..2, 3..5]);
        assert_eq!(doc.hidden_note(3..5), "2 paragraphs hidden: C, S");
    }

    #[test]
    fn spans_follow_cleaning() {
        let cable = Cable {
            paragraphs: vec![Paragraph {
                number: Some(1),
                marking: Some(Cow::Borrowed("C")),
                level: Some(Level::Confidential),
                text: Cow::Borrowed("\tComment: odd. End Comment. Rest"),
                heading: Some(Cow::Borrowed("  Two\nlines ")),
                spans: vec![MarkedSpan {
                    kind: SpanKind::Comment,
                    range: 1..27,
                    closed: true,
                }],
                span: 0..0,
            }],
            ..Cable::default()
        };
        let doc = Doc::new(&cable);
        let para = &doc.paras[0];
        assert_eq!(para.heading.as_deref(), Some("Two lines"));
        let (_, range) = &para.spans[0];
        assert_eq!(&para.text[range.clone()], "Comment: odd. End Comment.");
        assert_eq!(doc.counts, [0, 0, 1, 0, 0]);
        assert_eq!(para.marking_label(), "(C)");
    }
}
