//! alx/cablegate text dumps: five header lines (reference id, subject, Ruby date in CET/CEST,
//! classification, origin), then the WikiLeaks `<pre>` text with no separator.

use std::borrow::Cow;

use super::{
    cow_from, dates, decode_entities, encoding, notice_len, partial_extract_warning, Metadata,
    Source, SourceFormat, PARTIAL_EXTRACT_NOTICE,
};
use crate::cable::model::Warning;

/// The five header lines of a dump, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DumpHeader {
    pub metadata: Metadata,
    /// Where the cable text starts (after the fifth line's end, or the text's end).
    pub body_start: usize,
}

/// Whether a line is a cable reference id: 2 to 4 digits, capitals, digits
/// (`08STATE1400`, `06EFTOSANAA1621`, `7575LIBREVILLE1895`).
pub(crate) fn is_cable_id(line: &str) -> bool {
    let year = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = line.get(year..).unwrap_or_default();
    let post = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    let serial = rest.get(post..).unwrap_or_default();
    (2..=4).contains(&year)
        && post >= 2
        && !serial.is_empty()
        && serial.len() <= 10
        && serial.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a line is a WikiLeaks classification: `SECRET`, `CONFIDENTIAL//NOFORN`,
/// `UNCLASSIFIED//FOR OFFICIAL USE ONLY` ...
fn is_classification(line: &str) -> bool {
    let (level, caveat) = match line.split_once("//") {
        Some((level, caveat)) => (level, Some(caveat)),
        None => (line, None),
    };
    let known_level = matches!(
        level,
        "UNCLASSIFIED" | "CONFIDENTIAL" | "SECRET" | "TOP SECRET" | "LIMITED OFFICIAL USE"
    );
    let caveat_ok = caveat.is_none_or(|c| {
        !c.is_empty()
            && c.bytes()
                .all(|b| b.is_ascii_uppercase() || b == b' ' || b == b'/')
    });
    known_level && caveat_ok
}

/// Reads the five header lines if `text` opens with them; `None` for any other text.
pub(super) fn unwrap_dump(text: &str) -> Option<DumpHeader> {
    let mut lines = Vec::with_capacity(5);
    let mut start = 0;
    while lines.len() < 5 {
        let rest = text.get(start..)?;
        match rest.find('\n') {
            Some(end) => {
                lines.push(rest.get(..end)?);
                start += end + 1;
            }
            None if lines.len() == 4 && !rest.is_empty() => {
                lines.push(rest);
                start = text.len();
            }
            None => return None,
        }
    }
    let [id, subject, date, classification, origin] = lines.as_slice() else {
        return None;
    };
    // Trailing blanks (an editor's, a copy's) do not make the header another format.
    let (id, classification, date) = (id.trim_end(), classification.trim_end(), date.trim_end());
    if !is_cable_id(id) || !is_classification(classification) {
        return None;
    }
    let date = dates::parse_ruby(date)?;
    let origin = origin.trim_end();
    let subject = subject.trim_end();
    let metadata = Metadata {
        id: Some((*id).to_owned()),
        date: Some(date),
        classification: Some((*classification).to_owned()),
        origin: (!origin.is_empty()).then(|| origin.to_owned()),
        subject: (!subject.is_empty()).then(|| subject.to_owned()),
        ..Metadata::default()
    };
    Some(DumpHeader {
        metadata,
        body_start: start,
    })
}

impl DumpHeader {
    /// The cable after the header lines, with the partial-extract notice taken out and
    /// entities decoded. `text` is the text the header was read from.
    pub(super) fn into_source<'a>(
        self,
        text: Cow<'a, str>,
        mut warnings: Vec<Warning>,
    ) -> Source<'a> {
        let mut metadata = self.metadata;
        let mut start = self.body_start;
        let notice = text.get(start..).and_then(notice_len);
        if let Some(len) = notice {
            start += len;
            metadata.notice = Some(PARTIAL_EXTRACT_NOTICE.to_owned());
            warnings.push(partial_extract_warning());
        }
        let body = decode_entities(cow_from(text, start));
        // An entity may have stood for a CR or a control character.
        let (mut body, removed) = encoding::clean(body);
        if removed > 0 {
            warnings.push(encoding::removed_warning(removed));
        }
        if let Some(join) = header_body_join(&body) {
            body.to_mut().insert(join, '\n');
            warnings.push(Warning::at(
                join,
                "the dump joined the routing header and the cable's first line: a line break was put back",
            ));
        }
        if body.trim().is_empty() {
            warnings.push(Warning::new(
                "the text dump holds only its five header lines: no cable text",
            ));
        }
        Source {
            text: body,
            format: SourceFormat::TextDump,
            metadata,
            warnings,
        }
    }
}

/// How the body block of a WikiLeaks page may open: a classification line, or the dateline
/// of a newspaper-retyped cable.
const BODY_OPENINGS: [&str; 15] = [
    "C O N F I D E N T I A L",
    "S E C R E T",
    "T O P S E C R E T",
    "UNCLAS",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
    "LIMITED OFFICIAL USE",
    "Monday, ",
    "Tuesday, ",
    "Wednesday, ",
    "Thursday, ",
    "Friday, ",
    "Saturday, ",
    "Sunday, ",
];

/// Where the cable's first line starts if the dump glued it to the routing header's last
/// line (alx joined WikiLeaks' two `<pre>` blocks with nothing between them:
/// `TO SECSTATE WASHDC 8172UNCLAS SECTION 01 OF 02 HAVANA 007763`). Only the lines before
/// the cable's header fields are searched, and only a glued opening counts.
fn header_body_join(body: &str) -> Option<usize> {
    let mut line_start = 0;
    for line in body.split_inclusive('\n').take(200) {
        let trimmed = line.trim_start();
        let stop = ["E.O.", "EO ", "TAGS", "SUBJECT"]
            .iter()
            .chain(BODY_OPENINGS.iter())
            .any(|opening| trimmed.starts_with(opening));
        if stop {
            return None;
        }
        let glued = BODY_OPENINGS
            .iter()
            .flat_map(|opening| line.match_indices(opening))
            .filter(|&(at, opening)| is_glued(line, at, opening))
            .map(|(at, _)| at)
            .min();
        if let Some(at) = glued {
            return Some(line_start + at);
        }
        line_start += line.len();
    }
    None
}

/// Whether `opening` at `at` in `line` follows a header word directly (`PRIORITYUNCLAS`,
/// `8172UNCLAS`, `IMMEDIATES E C R E T`) and is a whole word (`SECRET`, not `SECRETARY`).
fn is_glued(line: &str, at: usize, opening: &str) -> bool {
    let before = line.get(..at).and_then(|b| b.chars().next_back());
    let after = line
        .get(at + opening.len()..)
        .and_then(|a| a.chars().next());
    let glued = before.is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ')');
    let whole_word = opening.ends_with(' ')
        || opening == "UNCLAS"
        || !after.is_some_and(|c| c.is_ascii_alphanumeric());
    glued && whole_word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::model::{CableDate, Date};

    const DUMP: &str = "08STATE1400\nFOLLOW-UP:  BLUE LANTERN LEVEL THREE\n\
        Mon Jan 07 00:00:00 +0100 2008\nUNCLASSIFIED\nSecretary of State\n\
        VZCZCXYZ0000\nRR RUEHWEB\n\n¶1. (U) TEXT &quot;QUOTED&quot;";

    fn metadata() -> Metadata {
        Metadata {
            id: Some("08STATE1400".into()),
            date: Some(CableDate::Day(Date {
                year: 2008,
                month: 1,
                day: 7,
            })),
            classification: Some("UNCLASSIFIED".into()),
            origin: Some("Secretary of State".into()),
            subject: Some("FOLLOW-UP:  BLUE LANTERN LEVEL THREE".into()),
            ..Metadata::default()
        }
    }

    #[test]
    fn cable_ids() {
        for id in [
            "08STATE1400",
            "06EFTOSANAA1621",
            "7575LIBREVILLE1895",
            "10MEXICO83",
        ] {
            assert!(is_cable_id(id), "{id}");
        }
        for line in [
            "",
            "STATE1400",
            "08STATE",
            "08 STATE 1400",
            "8STATE1400",
            "08State1400",
        ] {
            assert!(!is_cable_id(line), "{line}");
        }
    }

    #[test]
    fn classifications() {
        for line in [
            "SECRET",
            "SECRET//NOFORN",
            "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        ] {
            assert!(is_classification(line), "{line}");
        }
        for line in ["", "secret", "SECRET//", "SECRET NOFORN", "S E C R E T"] {
            assert!(!is_classification(line), "{line}");
        }
    }

    #[test]
    fn header_is_read() {
        assert_eq!(
            unwrap_dump(DUMP),
            Some(DumpHeader {
                metadata: metadata(),
                body_start: 112,
            })
        );
        assert_eq!(DUMP.get(112..116), Some("VZCZ"));
    }

    #[test]
    fn body_is_borrowed_when_nothing_changes() {
        let text = DUMP.replace("&quot;", "\"");
        let header = unwrap_dump(&text);
        let source = header.map(|h| h.into_source(Cow::Borrowed(&text), Vec::new()));
        let expected = Source {
            text: Cow::Borrowed(text.get(112..).unwrap_or_default()),
            format: SourceFormat::TextDump,
            metadata: metadata(),
            warnings: Vec::new(),
        };
        assert_eq!(source, Some(expected));
        assert!(matches!(source.map(|s| s.text), Some(Cow::Borrowed(_))));
    }

    #[test]
    fn entities_are_decoded() {
        let source = unwrap_dump(DUMP).map(|h| h.into_source(Cow::Borrowed(DUMP), Vec::new()));
        assert_eq!(
            source.map(|s| s.text),
            Some(Cow::Owned(
                "VZCZCXYZ0000\nRR RUEHWEB\n\n¶1. (U) TEXT \"QUOTED\"".into()
            ))
        );
    }

    #[test]
    fn notice_is_taken_out() {
        let text = "01VATICAN1261\nDROC--VATICAN DEMARCHE\nTue Mar 06 00:00:00 +0100 2001\n\
            CONFIDENTIAL\nEmbassy Vatican\nThis record is a partial extract of the original \
            cable. The full text of the original cable is not available.C O N F I D E N T I A L";
        let source = unwrap_dump(text).map(|h| h.into_source(Cow::Borrowed(text), Vec::new()));
        let source = source.unwrap_or_else(|| panic!("not read as a dump"));
        assert_eq!(source.text, "C O N F I D E N T I A L");
        assert_eq!(
            source.metadata.notice.as_deref(),
            Some(PARTIAL_EXTRACT_NOTICE)
        );
        assert_eq!(source.warnings, vec![partial_extract_warning()]);
    }

    #[test]
    fn header_only_dump() {
        let text = "73TEHRAN2077\nAUDIENCE WITH SHAH APRIL 5\nMon Apr 02 00:00:00 +0100 1973\n\
            SECRET\nEmbassy Tehran\n";
        let source = unwrap_dump(text).map(|h| h.into_source(Cow::Borrowed(text), Vec::new()));
        let expected = Source {
            text: Cow::Borrowed(""),
            format: SourceFormat::TextDump,
            metadata: Metadata {
                id: Some("73TEHRAN2077".into()),
                // "Mon Apr 02 00:00:00 +0100 1973": the day of 2 April.
                date: Some(CableDate::Day(Date {
                    year: 1973,
                    month: 4,
                    day: 2,
                })),
                classification: Some("SECRET".into()),
                origin: Some("Embassy Tehran".into()),
                subject: Some("AUDIENCE WITH SHAH APRIL 5".into()),
                ..Metadata::default()
            },
            warnings: vec![Warning::new(
                "the text dump holds only its five header lines: no cable text",
            )],
        };
        assert_eq!(source, Some(expected));
    }

    #[test]
    fn glued_header_and_body_are_split() {
        let cases = [
            ("TO SECSTATE WASHDC 8172UNCLAS SECTION 01", Some(23)),
            (
                "X\nRUEAWJL/DEPT OF JUSTICE WASHINGTON DC IMMEDIATES E C R E T SECTION",
                Some(49),
            ),
            (
                "X\nAMCONSUL EDINBURGH POUCH)C O N F I D E N T I A L",
                Some(27),
            ),
            (
                "RUEHUNV/USMISSION UNVIE VIENNA 0007Thursday, 29 March 2007, 06:00",
                Some(35),
            ),
            ("STATE GRNCUNCLASSIFIED BUENOS AIRES 2481", Some(10)),
            ("INFO RUEHXX/SECRETARY OF STATE\nUNCLAS X", None),
            ("TO AMEMBASSY SECRETARIAT\nUNCLAS X", None),
            ("C O N F I D E N T I A L X\nSUBJECT: PRIORITYSECRET", None),
            ("FM AMEMBASSY X\nTAGS: PREL\nWASHDC 8172UNCLAS", None),
        ];
        for (text, join) in cases {
            assert_eq!(header_body_join(text), join, "{text}");
        }
    }

    #[test]
    fn dump_with_glued_body() {
        let text = "02HAVANA7763\nCUBA\nFri Nov 15 00:00:00 +0100 2002\nUNCLASSIFIED\n\
            US Interests Section Havana\nR 151616Z NOV 02\nTO SECSTATE WASHDC 8172UNCLAS HAVANA 7763";
        let source = unwrap_dump(text).map(|h| h.into_source(Cow::Borrowed(text), Vec::new()));
        let summary = source.map(|s| (s.text.into_owned(), s.warnings));
        let warning = Warning::at(
            40,
            "the dump joined the routing header and the cable's first line: a line break was put back",
        );
        assert_eq!(
            summary,
            Some((
                "R 151616Z NOV 02\nTO SECSTATE WASHDC 8172\nUNCLAS HAVANA 7763".to_owned(),
                vec![warning]
            ))
        );
    }

    #[test]
    fn ordinary_cables_are_not_dumps() {
        let cables = [
            "UNCLASSIFIED\nSECRET\nMon Jan 07 00:00:00 +0100 2008\nSECRET\nX\n",
            "08STATE1400\nS\nMon Jan 07 2008\nUNCLASSIFIED\nSecretary of State\n",
            "08STATE1400\nS\nMon Jan 07 00:00:00 +0100 2008\nSECRET STUFF\nX\n",
            "08STATE1400\nS\nMon Jan 07 00:00:00 +0100 2008\n",
            "VZCZCXYZ0000\nRR RUEHWEB\nDE RUEHC #1400 0071234\nZNR UUUUU ZZH\nR 071234Z JAN 08\n",
        ];
        for cable in cables {
            assert_eq!(unwrap_dump(cable), None, "{cable}");
        }
    }
}
