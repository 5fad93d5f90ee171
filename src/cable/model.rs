//! The typed model of one cable. Text borrows from the unwrapped source where it can
//! (`Cow::Borrowed`) and owns only what had to be rebuilt (a paragraph joined across a page
//! break, a subject spread over lines). `Cable::into_owned` detaches it from its source.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use crate::cable::date::{CableDate, Date, DateTime, Precision};

/// A byte range in the unwrapped cable text (`Source::text`).
pub type Span = Range<usize>;

/// The five levels of US classification markings, lowest first, so `Ord` means "higher".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum Level {
    #[serde(rename = "U")]
    Unclassified,
    /// Sensitive But Unclassified, For Official Use Only, Limited Official Use: the
    /// controlled-unclassified family.
    #[serde(rename = "SBU")]
    SensitiveButUnclassified,
    #[serde(rename = "C")]
    Confidential,
    #[serde(rename = "S")]
    Secret,
    #[serde(rename = "TS")]
    TopSecret,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Unclassified,
        Level::SensitiveButUnclassified,
        Level::Confidential,
        Level::Secret,
        Level::TopSecret,
    ];

    /// The short form used in paragraph markings: `U`, `SBU`, `C`, `S`, `TS`.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Level::Unclassified => "U",
            Level::SensitiveButUnclassified => "SBU",
            Level::Confidential => "C",
            Level::Secret => "S",
            Level::TopSecret => "TS",
        }
    }

    /// The word used for a whole cable, as WikiLeaks and cables.csv write it.
    pub fn banner(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::SensitiveButUnclassified => "UNCLASSIFIED",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP SECRET",
        }
    }

    /// Parses an abbreviation as a user would type it (`u`, `SBU`, `ts` ...).
    pub fn from_abbreviation(text: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|level| level.abbreviation().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

/// Handling caveats and distribution controls that travel with a classification.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Caveat {
    Noforn,
    Sipdis,
    Exdis,
    Nodis,
    Limdis,
    Stadis,
    /// "SENSITIVE BUT UNCLASSIFIED" or "SENSITIVE" written as a caveat line.
    SensitiveButUnclassified,
    ForOfficialUseOnly,
    /// "LIMITED OFFICIAL USE", the older controlled-unclassified marking.
    LimitedOfficialUse,
    /// "E F T O": encrypt for transmission only.
    Efto,
    /// "REL TO USA, GBR" and similar release lists.
    ReleasableTo(String),
    Other(String),
}

impl Caveat {
    pub fn label(&self) -> &str {
        match self {
            Caveat::Noforn => "NOFORN",
            Caveat::Sipdis => "SIPDIS",
            Caveat::Exdis => "EXDIS",
            Caveat::Nodis => "NODIS",
            Caveat::Limdis => "LIMDIS",
            Caveat::Stadis => "STADIS",
            Caveat::SensitiveButUnclassified => "SENSITIVE BUT UNCLASSIFIED",
            Caveat::ForOfficialUseOnly => "FOR OFFICIAL USE ONLY",
            Caveat::LimitedOfficialUse => "LIMITED OFFICIAL USE",
            Caveat::Efto => "EFTO",
            Caveat::ReleasableTo(to) | Caveat::Other(to) => to,
        }
    }
}

/// The overall classification of a cable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub level: Option<Level>,
    pub caveats: Vec<Caveat>,
}

impl Classification {
    /// The classification as WikiLeaks and cables.csv write it: "SECRET//NOFORN",
    /// "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "LIMITED OFFICIAL USE", "CONFIDENTIAL".
    pub fn display_name(&self) -> Option<String> {
        let level = self.level?;
        let has = |caveat: &Caveat| self.caveats.contains(caveat);
        let name = match level {
            Level::SensitiveButUnclassified if has(&Caveat::LimitedOfficialUse) => {
                "LIMITED OFFICIAL USE".to_owned()
            }
            Level::SensitiveButUnclassified | Level::Unclassified
                if has(&Caveat::ForOfficialUseOnly) || has(&Caveat::SensitiveButUnclassified) =>
            {
                "UNCLASSIFIED//FOR OFFICIAL USE ONLY".to_owned()
            }
            Level::Confidential | Level::Secret | Level::TopSecret if has(&Caveat::Noforn) => {
                format!("{}//NOFORN", level.banner())
            }
            _ => level.banner().to_owned(),
        };
        Some(name)
    }
}

/// When the cable may be declassified: a date, or an instruction as written
/// ("N/A", "X1", "DECLASSIFIED BY NARA 09/02/2009", "1.6X6").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declassify<'a> {
    On(Date),
    Written(Cow<'a, str>),
}

impl fmt::Display for Declassify<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Declassify::On(date) => date.fmt(f),
            Declassify::Written(text) => f.write_str(text),
        }
    }
}

/// The `E.O. 12958: DECL: 01/29/2020` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutiveOrder<'a> {
    /// 12958, 12356, 13526 ...; `None` when the number is missing or unreadable.
    pub number: Option<u32>,
    pub declassify: Option<Declassify<'a>>,
}

/// One entry of a `REF:` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The list letter, `A` in `A. MEXICO 1234`, if the list is lettered.
    pub letter: Option<char>,
    /// The reference as written, e.g. `09 STATE 5678`.
    pub written: Cow<'a, str>,
    /// The canonical cable id, e.g. `09STATE5678`, when the text names a cable.
    pub id: Option<String>,
}

/// `(b) and (d)`-style reasons from a `Classified By:` line, with the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassifiedBy<'a> {
    /// The classifier: the line's text without the reasons ("Ambassador Carlos Pascual").
    pub by: Cow<'a, str>,
    /// The reasons as written ("1.4 (b) and (d)"), if given.
    pub reasons: Option<Cow<'a, str>>,
    /// The classifier's name without the office words before it ("Carlos Pascual" for
    /// "Ambassador Carlos Pascual"); the office when no name is written ("DCM").
    pub name: Option<Cow<'a, str>>,
}

/// An addressee in a FM/TO/INFO list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee<'a> {
    /// Routing indicator, `RUEHC` in `RUEHC/SECSTATE WASHDC`.
    pub routing_indicator: Option<Cow<'a, str>>,
    /// "SECSTATE WASHDC", "AMEMBASSY BERLIN".
    pub name: Cow<'a, str>,
    /// "IMMEDIATE", "PRIORITY", "NIACT IMMEDIATE", "ROUTINE", "FLASH".
    pub precedence: Option<Cow<'a, str>>,
    /// The message serial number for that addressee, `2786` in `... WASHDC 2786`.
    pub serial: Option<u32>,
}

/// The transmission envelope above the cable's own header. Every part may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routing<'a> {
    /// `VZCZCXRO1234`: start of message with channel and sequence.
    pub start_of_message: Option<Cow<'a, str>>,
    /// Lines of precedence and routing indicators, e.g. `PP RUEHWEB`.
    pub routing_lines: Vec<Cow<'a, str>>,
    /// `DE RUEHME #0083/01 0292049`.
    pub station: Option<StationLine<'a>>,
    /// `ZNY CCCCC ZZH`, `ZNR UUUUU ZZH`.
    pub transmission: Option<Cow<'a, str>>,
    /// `O R 292049Z JAN 10`: precedence letters of the action and info addressees.
    pub precedence: Option<Cow<'a, str>>,
    /// The date-time group of that line.
    pub date_time_group: Option<DateTime>,
    /// A date-time group naming no real day or time (`310000Z FEB 09`), as written.
    pub unreal_date_time_group: Option<Cow<'a, str>>,
    pub from: Option<Addressee<'a>>,
    pub to: Vec<Addressee<'a>>,
    pub info: Vec<Addressee<'a>>,
    /// Addressees an `XMT` line takes out of a collective: the cable was not sent to them.
    pub excluded: Vec<Addressee<'a>>,
    /// `INFO LOG-00 ...` distribution blocks of old cables, and `PAGE 01 ...` lines, as written.
    pub distribution: Vec<Cow<'a, str>>,
    pub span: Option<Span>,
}

/// The `DE RUEHME #0083/01 0292049` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationLine<'a> {
    pub station: Cow<'a, str>,
    pub serial: Option<u32>,
    pub section: Option<u32>,
    /// The Julian day and time of filing, `0292049`.
    pub filed: Option<Cow<'a, str>>,
}

/// The line that opens a cable (and each section of it):
/// `S E C R E T SECTION 01 OF 05 MEXICO 000083`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassificationLine<'a> {
    pub classification: Classification,
    /// `(1, 5)` for `SECTION 01 OF 05`.
    pub section: Option<(u32, u32)>,
    /// The post as written: `MEXICO`, `NEW DELHI`, `STATE`, `USUN NEW YORK`.
    pub post: Option<Cow<'a, str>>,
    pub serial: Option<u32>,
}

/// A page header inside the body: `MEXICO 00000083 002 OF 005`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHeader<'a> {
    pub post: Cow<'a, str>,
    pub serial: u32,
    pub page: u32,
    pub pages: u32,
}

/// What kind of marked span a paragraph holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    Summary,
    Comment,
}

/// A Summary ... End Summary or Comment ... End Comment span inside a paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedSpan {
    pub kind: SpanKind,
    /// Byte range in the paragraph's `text`.
    pub range: Span,
    /// Whether the span's end marker was found (else it runs to the paragraph's end).
    pub closed: bool,
}

/// A paragraph of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    /// `4` for `4.` or `¶4.`; `None` for an unnumbered paragraph.
    pub number: Option<u32>,
    /// The marking as written, without parentheses: `SBU`, `S//NF`, `c`.
    pub marking: Option<Cow<'a, str>>,
    /// The level the marking stands for.
    pub level: Option<Level>,
    /// The text after number and marking, page breaks removed and wrapped lines joined.
    /// Sub-paragraphs and blocks keep their own lines (`\n`, `\n\n` between blocks).
    pub text: Cow<'a, str>,
    /// The heading that stands above this paragraph, if any ("Political and Economic Context").
    pub heading: Option<Cow<'a, str>>,
    pub spans: Vec<MarkedSpan>,
    /// Where the paragraph is in the unwrapped text, page headers included.
    pub span: Span,
}

/// A problem found while reading a cable. The parse goes on; the warning says what was odd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
    /// Byte offset in the unwrapped text, where one applies.
    pub offset: Option<usize>,
}

impl Warning {
    pub fn new(message: impl Into<String>) -> Warning {
        Warning {
            message: message.into(),
            offset: None,
        }
    }

    pub fn at(offset: usize, message: impl Into<String>) -> Warning {
        Warning {
            message: message.into(),
            offset: Some(offset),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} (byte {offset})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Byte spans of the header parts in the unwrapped text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderSpans {
    /// The routing's line holding the date-time group (`O 071752Z FEB 07`).
    pub date_time_group: Option<Span>,
    /// The routing's `FM` line.
    pub from: Option<Span>,
    pub classification_line: Option<Span>,
    pub executive_order: Option<Span>,
    pub tags: Option<Span>,
    pub subject: Option<Span>,
    pub references: Option<Span>,
    pub classified_by: Option<Span>,
    pub body: Option<Span>,
    pub signature: Option<Span>,
}

/// One cable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cable<'a> {
    /// Canonical reference id, `10MEXICO83`.
    pub id: Option<String>,
    /// When the cable was sent, in UTC: to the minute, or only the day.
    pub date: Option<CableDate>,
    /// As WikiLeaks writes it: "Embassy Mexico", "Secretary of State".
    pub origin: Option<Cow<'a, str>>,
    pub classification: Classification,
    pub classification_line: Option<ClassificationLine<'a>>,
    pub routing: Routing<'a>,
    /// Lines between the classification line and the E.O. line that are not caveats:
    /// "BERLIN FOR CRAIG M. CONWAY", "DEPT FOR EAP/CM".
    pub passing_instructions: Vec<Cow<'a, str>>,
    pub executive_order: Option<ExecutiveOrder<'a>>,
    pub tags: Vec<Cow<'a, str>>,
    pub subject: Option<Cow<'a, str>>,
    /// The marking written before the subject, without parentheses: `C` in `SUBJECT: (C) ...`.
    pub subject_marking: Option<Cow<'a, str>>,
    pub references: Vec<Reference<'a>>,
    pub classified_by: Option<ClassifiedBy<'a>>,
    /// Number of sections the cable was sent in (1 when it names none).
    pub sections: u32,
    /// Text between the header and the first numbered paragraph that is not a header field.
    pub preamble: Option<Cow<'a, str>>,
    pub paragraphs: Vec<Paragraph<'a>>,
    /// The text of the Summary span, if the cable has one.
    pub summary: Option<Cow<'a, str>>,
    pub signature: Option<Cow<'a, str>>,
    pub warnings: Vec<Warning>,
    pub spans: HeaderSpans,
}

impl Cable<'_> {
    /// Whether the text showed anything of a cable: an id, a classification line, a routing
    /// header, a numbered paragraph, TAGS or SUBJECT. A README or a letter shows none.
    pub fn shows_a_cable(&self) -> bool {
        self.id.is_some()
            || self.classification_line.is_some()
            || self.routing != Routing::default()
            || self
                .paragraphs
                .iter()
                .any(|paragraph| paragraph.number.is_some())
            || !self.tags.is_empty()
            || self.subject.is_some()
    }

    /// The highest level any paragraph is marked with.
    pub fn highest_paragraph_level(&self) -> Option<Level> {
        self.paragraphs.iter().filter_map(|p| p.level).max()
    }

    /// Why a paragraph's marking does not fit the cable's banner: marked above it (an (S)
    /// paragraph in a CONFIDENTIAL cable), or NOFORN under a banner without it.
    pub fn marking_warning(&self, paragraph: &Paragraph<'_>) -> Option<String> {
        let banner = self.classification.level?;
        let level = paragraph.level?;
        let marking = paragraph.marking.as_deref().unwrap_or_default();
        if level >= Level::Confidential && level > banner {
            return Some(format!(
                "marked {} above the cable's {}",
                level.abbreviation(),
                banner.banner()
            ));
        }
        let noforn = super::grammar::marking::marking_caveats(marking).noforn;
        (noforn && !self.classification.caveats.contains(&Caveat::Noforn)).then(|| {
            format!(
                "marked NOFORN; the cable's banner {} is not",
                self.classification
                    .display_name()
                    .unwrap_or_else(|| banner.banner().to_owned())
            )
        })
    }

    /// How many paragraphs carry each level, lowest first.
    pub fn level_counts(&self) -> [usize; 5] {
        let mut counts = [0; 5];
        for level in self.paragraphs.iter().filter_map(|p| p.level) {
            if let Some(count) = counts.get_mut(level as usize) {
                *count += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cable(level: Level, caveats: Vec<Caveat>) -> Cable<'static> {
        Cable {
            classification: Classification {
                level: Some(level),
                caveats,
            },
            ..Cable::default()
        }
    }

    fn paragraph(marking: &'static str, level: Level) -> Paragraph<'static> {
        Paragraph {
            number: Some(1),
            marking: Some(Cow::Borrowed(marking)),
            level: Some(level),
            text: Cow::Borrowed("x"),
            heading: None,
            spans: Vec::new(),
            span: 0..1,
        }
    }

    #[test]
    fn markings_that_do_not_fit_the_banner() {
        let confidential = cable(Level::Confidential, vec![]);
        assert_eq!(
            confidential.marking_warning(&paragraph("S", Level::Secret)),
            Some("marked S above the cable's CONFIDENTIAL".to_owned())
        );
        assert_eq!(
            confidential.marking_warning(&paragraph("C", Level::Confidential)),
            None
        );
        assert_eq!(
            confidential.marking_warning(&paragraph("C/NF", Level::Confidential)),
            Some("marked NOFORN; the cable's banner CONFIDENTIAL is not".to_owned())
        );
        let noforn = cable(Level::Secret, vec![Caveat::Noforn]);
        assert_eq!(
            noforn.marking_warning(&paragraph("S//NF", Level::Secret)),
            None
        );
        // SBU in an UNCLASSIFIED cable is common and no warning.
        let unclassified = cable(Level::Unclassified, vec![]);
        assert_eq!(
            unclassified.marking_warning(&paragraph("SBU", Level::SensitiveButUnclassified)),
            None
        );
        assert_eq!(
            Cable::default().marking_warning(&paragraph("S", Level::Secret)),
            None
        );
    }
}
