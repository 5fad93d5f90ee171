//! The header fields between the classification line and the body: `E.O. 12958: DECL: ...`,
//! `TAGS`, `SUBJECT`, `REF`, `Classified By`. Each parser takes the field's text (its first
//! line and any continuation lines the caller gathered) and borrows from it.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use crate::cable::model::{ClassifiedBy, Date, DateTime, Declassify, ExecutiveOrder, Reference};

use super::lines::Line;
use super::marking::paragraph_start;

/// Which header field a line starts, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    ExecutiveOrder,
    Tags,
    Subject,
    References,
    ClassifiedBy,
}

/// Recognises the keyword that opens a header field at the start of `line`.
pub fn field_kind(line: &str) -> Option<FieldKind> {
    let line = line.trim_start();
    if executive_order_keyword(line).is_ok() {
        Some(FieldKind::ExecutiveOrder)
    } else if tags_keyword(line).is_ok() {
        Some(FieldKind::Tags)
    } else if subject_keyword(line).is_ok() {
        Some(FieldKind::Subject)
    } else if references_keyword(line).is_ok() {
        Some(FieldKind::References)
    } else if classified_by_keyword(line).is_ok() {
        Some(FieldKind::ClassifiedBy)
    } else {
        None
    }
}

/// The index of the last line of a field that opens at `lines[first]`. A subject, a
/// reference list or a Classified By runs on to a blank line, another field or a paragraph
/// start; TAGS run on only over lines of codes (`PTER SP`, `OVIP (RICE, CONDOLEEZZA)`); an
/// E.O. line stands alone. The header and the section headers a body repeats both end
/// their fields here.
pub fn field_last_line(lines: &[Line<'_>], first: usize, kind: FieldKind) -> usize {
    let mut last = first;
    if kind == FieldKind::ExecutiveOrder {
        return last;
    }
    while let Some(next) = lines.get(last + 1) {
        let next = next.trimmed();
        let previous = lines.get(last).map_or("", Line::trimmed);
        let ends = next.is_empty()
            || field_kind(next).is_some()
            || paragraph_start(next).is_ok()
            || (kind == FieldKind::Tags && !looks_like_tag_codes(next, previous));
        if ends {
            break;
        }
        last += 1;
    }
    last
}

/// A line of TAGS codes: capitals and digits, with commas and bracketed names; in retyped
/// cables short lower-case codes (`etra, mnuc, marr`) after a line that ended in a comma.
fn looks_like_tag_codes(line: &str, previous: &str) -> bool {
    let lower_case = line.bytes().any(|b| b.is_ascii_lowercase());
    let longest = if lower_case { 6 } else { 20 };
    (!lower_case || previous.ends_with(','))
        && !line.contains(':')
        && line
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '.'))
            .filter(|word| !word.is_empty())
            .all(|word| {
                word.len() <= longest
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            })
}

/// Where on a line a second field starts, for retyped cables that put
/// `E.O. ...: DECL: ... TAGS: ... Subject: ...` on one line.
pub fn inline_field_start(line: &str) -> Option<usize> {
    let upper_starts = |needle: &str| {
        line.char_indices()
            .filter(|&(at, _)| at > 0)
            .find(|&(at, _)| {
                line.get(at..).is_some_and(|rest| {
                    rest.get(..needle.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(needle))
                }) && line.get(..at).is_some_and(|before| before.ends_with(' '))
            })
            .map(|(at, _)| at)
    };
    ["TAGS:", "SUBJECT:", "SUBJ:"]
        .into_iter()
        .filter_map(upper_starts)
        .min()
}

fn executive_order_keyword(input: &str) -> IResult<&str, &str> {
    recognize((
        tag_no_case("E"),
        opt(char('.')),
        space0,
        tag_no_case("O"),
        opt(char('.')),
        space0,
        take_while_m_n(5, 5, |c: char| c.is_ascii_digit()),
    ))
    .parse(input)
}

fn tags_keyword(input: &str) -> IResult<&str, &str> {
    recognize((tag_no_case("TAGS"), alt((tag(":"), space1)))).parse(input)
}

fn subject_keyword(input: &str) -> IResult<&str, &str> {
    recognize((
        alt((tag_no_case("SUBJECT"), tag_no_case("SUBJ"))),
        space0,
        tag(":"),
    ))
    .parse(input)
}

fn references_keyword(input: &str) -> IResult<&str, &str> {
    recognize((
        alt((
            tag_no_case("REFERENCES"),
            tag_no_case("REFERENCE"),
            tag_no_case("REFTELS"),
            tag_no_case("REFTEL"),
            tag_no_case("REFS"),
            tag_no_case("REF"),
        )),
        space0,
        tag(":"),
    ))
    .parse(input)
}

fn classified_by_keyword(input: &str) -> IResult<&str, &str> {
    recognize((
        tag_no_case("CLASSIFIED"),
        space1,
        tag_no_case("BY"),
        space0,
        opt(char(':')),
    ))
    .parse(input)
}

/// `E.O. 12958: DECL: 01/29/2020`, `EO 12958 DECL: 2020/01/29`, `E.O. 12958: N/A`.
pub fn executive_order(input: &str) -> IResult<&str, ExecutiveOrder<'_>> {
    let (rest, keyword) = executive_order_keyword(input.trim_start())?;
    let number = keyword
        .get(keyword.len().saturating_sub(5)..)
        .and_then(|digits| digits.parse().ok());
    let (rest, _) = (space0, opt(char(':')), space0).parse(rest)?;
    let (rest, _) = opt((
        tag_no_case("DECL"),
        opt(tag_no_case("l")),
        space0,
        opt(char(':')),
        space0,
    ))
    .parse(rest)?;
    let value = rest.trim().trim_end_matches('\\').trim();
    let declassify = (!value.is_empty()).then(|| match declassification_date(value) {
        Some(date) => Declassify::On(date),
        None => Declassify::Written(Cow::Borrowed(value)),
    });
    Ok(("", ExecutiveOrder { number, declassify }))
}

/// A declassification date in the forms the cables use: `01/29/2020`, `1/9/2020`,
/// `2020/01/29`, `01/29/20`.
pub fn declassification_date(text: &str) -> Option<Date> {
    let text = text.trim().trim_end_matches('.');
    let mut parts = text.split('/');
    let first = parts.next()?;
    let second = parts.next()?;
    let third = parts.next()?;
    if parts.next().is_some() || ![first, second, third].iter().all(|p| is_digits(p)) {
        return None;
    }
    let (year, month, day) = if first.len() == 4 {
        (first, second, third)
    } else {
        (third, first, second)
    };
    let year: u16 = match year.len() {
        4 => year.parse().ok()?,
        2 => 2000 + year.parse::<u16>().ok()?,
        _ => return None,
    };
    let month: u8 = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The dateline that newspaper-retyped cables carry instead of a date-time group:
/// `Tuesday, 15 September 2009, 16:39`; `None` inside when it names no real day or time.
pub fn dateline(input: &str) -> IResult<&str, Option<DateTime>> {
    match crate::cable::date::parse_dateline(input) {
        Some(at) => Ok(("", at)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// `TAGS: PGOV PREL MX` or `TAGS PGOV, PREL, MX`, possibly over several lines.
/// Tags are codes, so lower-case ones (retyped cables) are upper-cased.
pub fn tags(input: &str) -> IResult<&str, Vec<Cow<'_, str>>> {
    let (rest, _) = tags_keyword(input.trim_start())?;
    let tags = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|tag| tag.trim_matches(|c: char| c == '.' || c == ':'))
        .filter(|tag| !tag.is_empty())
        .map(|tag| {
            if tag.bytes().any(|b| b.is_ascii_lowercase()) {
                Cow::Owned(tag.to_ascii_uppercase())
            } else {
                Cow::Borrowed(tag)
            }
        })
        .collect();
    Ok(("", tags))
}

/// `SUBJECT: ...` or `SUBJ: ...`, its continuation lines joined with single spaces.
pub fn subject(input: &str) -> IResult<&str, Cow<'_, str>> {
    let (rest, _) = subject_keyword(input.trim_start())?;
    Ok(("", collapse_whitespace(rest.trim())))
}

/// Folds every run of white space (line ends included) into one space, borrowing when the
/// text has none to fold.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let needs_folding =
        text.as_bytes().windows(2).any(
            |pair| matches!(pair, [a, b] if a.is_ascii_whitespace() && b.is_ascii_whitespace()),
        ) || text.bytes().any(|b| b == b'\n' || b == b'\t');
    if !needs_folding {
        return Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    Cow::Owned(folded)
}

/// `Classified By: Polcouns Kathleen Fitzpatrick, per 1.4 (b) and (d).`, over one line or
/// more; the reasons in any written form (`1.4(B), (D)`, `1.5.D`, `1.4 (a,b,c,d)`).
pub fn classified_by(input: &str) -> IResult<&str, ClassifiedBy<'_>> {
    let (rest, _) = classified_by_keyword(input.trim_start())?;
    let rest = rest.trim();
    let (by, reasons) = match find_reasons(rest) {
        Some(at) => (
            rest.get(..at).unwrap_or_default(),
            rest.get(at..)
                .map(|r| r.trim().trim_end_matches('.').trim_end()),
        ),
        None => (rest, None),
    };
    let by = strip_reason_words(by);
    Ok((
        "",
        ClassifiedBy {
            by: collapse_whitespace(by),
            reasons: reasons.filter(|r| !r.is_empty()).map(collapse_whitespace),
            name: classifier_name(by).map(collapse_whitespace),
        },
    ))
}

/// Words of office that stand before a classifier's name ("Polcouns", "DCM", "Charge
/// d'Affaires a.i.", "Acting Political Counselor"), compared without case or dots.
const OFFICE_WORDS: [&str; 47] = [
    "AMBASSADOR",
    "AMB",
    "AMBASSADOR-AT-LARGE",
    "CHARGE",
    "CHARGE'",
    "D'AFFAIRES",
    "DAFFAIRES",
    "AI",
    "CDA",
    "DCM",
    "POLOFF",
    "POLCOUNS",
    "POLCOUNSELOR",
    "POLMILOFF",
    "POLECON",
    "POLECONCOUNS",
    "POL/ECON",
    "ECONOFF",
    "ECONCOUNS",
    "ECONMINCOUNS",
    "POLMINCOUNS",
    "POL",
    "ECON",
    "ACTING",
    "DEPUTY",
    "CHIEF",
    "PRINCIPAL",
    "POLITICAL",
    "ECONOMIC",
    "PUBLIC",
    "AFFAIRS",
    "MINISTER",
    "MINISTER-COUNSELOR",
    "COUNSELOR",
    "COUNSELLOR",
    "CONSUL",
    "GENERAL",
    "CONSUL-GENERAL",
    "OFFICER",
    "SECTION",
    "OF",
    "MISSION",
    "THE",
    "US",
    "AND",
    "BY",
    "CG",
];

/// The classifier's name without the office words before it: "Carlos Pascual" for
/// "Ambassador Carlos Pascual", "MARC WALL" for "AMBASSADOR TO CHAD MARC WALL" (the place
/// after "TO" is part of the office), the office itself when no name follows ("DCM").
/// Text after a comma is an office ("Gene A. Cretz, Ambassador, U.S. Embassy Tripoli")
/// unless the first part held no name ("Charge d'Affaires, a.i., Jane Doe").
pub fn classifier_name(by: &str) -> Option<&str> {
    let by = by.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    if by.is_empty() {
        return None;
    }
    for (index, part) in by.split([',', ';']).enumerate() {
        // After a comma comes an office or a place, or, after a bare office, the name.
        if index > 0 && names_a_place(part) {
            continue;
        }
        if let Some(name) = name_after_office(part) {
            return Some(name);
        }
    }
    let first = by.split([',', ';']).next().unwrap_or(by).trim();
    Some(first).filter(|office| !office.is_empty())
}

/// Whether a part of a Classified By line names a post rather than a person
/// ("U.S. Embassy Tripoli", "Department of State").
fn names_a_place(part: &str) -> bool {
    const PLACE_WORDS: [&str; 9] = [
        "EMBASSY",
        "AMEMBASSY",
        "CONSULATE",
        "AMCONSUL",
        "DEPARTMENT",
        "STATE",
        "MISSION",
        "USUN",
        "US",
    ];
    part.split_whitespace().any(|word| {
        let word: String = word.chars().filter(|c| *c != '.').collect();
        PLACE_WORDS
            .iter()
            .any(|place| place.eq_ignore_ascii_case(&word))
    })
}

/// The words of `part` after its office words, if any are left.
fn name_after_office(part: &str) -> Option<&str> {
    let is_office = |word: &str| {
        let word: String = word
            .chars()
            .filter(|c| *c != '.')
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect::<String>()
            .to_ascii_uppercase();
        word.is_empty() || OFFICE_WORDS.contains(&word.as_str())
    };
    let mut rest = part.trim();
    let mut after_to = false;
    loop {
        let (word, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        if word.is_empty() {
            return None;
        }
        if word.eq_ignore_ascii_case("TO") {
            // "AMBASSADOR TO CHAD": the place is part of the office.
            after_to = true;
            rest = tail.trim_start();
            continue;
        }
        if after_to || is_office(word) {
            after_to = false;
            rest = tail.trim_start();
            continue;
        }
        return Some(rest.trim_end());
    }
}

/// The offset of the first `1.4`/`1.5`/`1.6`-style reason in a Classified By text.
fn find_reasons(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&at| {
        matches!(
            bytes.get(at..at + 3),
            Some([b'1', b'.', b'4' | b'5' | b'6'])
        ) && (at == 0 || bytes.get(at - 1).is_some_and(|b| !b.is_ascii_digit()))
    })
}

/// Takes the words that introduce the reasons ("for reasons", "per", "E.O. 12958") off the
/// end of the classifier's name.
fn strip_reason_words(text: &str) -> &str {
    const TRAILERS: [&str; 12] = [
        "reasons",
        "reason",
        "for",
        "per",
        "under",
        "sections",
        "section",
        "e.o. 12958",
        "eo 12958",
        "e.o.12958",
        "and",
        "12958",
    ];
    let mut text = text.trim();
    loop {
        let before = text;
        text = text
            .trim_end()
            .trim_end_matches([',', ';', ':', '.', ' ', '(', '-']);
        for trailer in TRAILERS {
            if text.len() >= trailer.len() {
                let cut = text.len() - trailer.len();
                let at_word_start = cut == 0
                    || text
                        .as_bytes()
                        .get(cut - 1)
                        .is_some_and(|b| !b.is_ascii_alphanumeric());
                if at_word_start
                    && text
                        .get(cut..)
                        .is_some_and(|tail| tail.eq_ignore_ascii_case(trailer))
                {
                    text = text.get(..cut).unwrap_or_default();
                }
            }
        }
        if text == before {
            return text;
        }
    }
}

/// `REF: A. MEXICO 1234 B. 09 STATE 5678`, `REFS: (A) ...`, `REF: STATE 142735`.
/// `year` is the cable's own two-digit year, used where a reference writes none.
pub fn references(input: &str, year: Option<u16>) -> IResult<&str, Vec<Reference<'_>>> {
    let (rest, _) = references_keyword(input.trim_start())?;
    Ok(("", reference_list(rest, year)))
}

/// The items of a reference list, split at their letters (`A.`, `(A)`, `A)`) when lettered,
/// else at `;`.
pub fn reference_list(text: &str, year: Option<u16>) -> Vec<Reference<'_>> {
    let letters = letter_marks(text);
    let mut items: Vec<(Option<char>, &str)> = Vec::new();
    if letters.is_empty() {
        items.extend(
            text.split(';')
                .flat_map(split_unlettered)
                .map(|item| (None, item)),
        );
    } else {
        if let Some(first) = letters.first() {
            let lead = text.get(..first.start).unwrap_or_default();
            items.extend(split_unlettered(lead).map(|item| (None, item)));
        }
        for (index, mark) in letters.iter().enumerate() {
            let end = letters.get(index + 1).map_or(text.len(), |next| next.start);
            items.push((
                Some(mark.letter),
                text.get(mark.text_start..end).unwrap_or_default(),
            ));
        }
    }
    items
        .into_iter()
        .map(|(letter, item)| (letter, item.trim().trim_end_matches([';', ',']).trim()))
        .filter(|(_, item)| !item.is_empty())
        .map(|(letter, item)| Reference {
            letter,
            written: collapse_whitespace(item),
            id: cable_id_in(item, year),
        })
        .collect()
}

/// Unlettered lists separate cables with `;`, `:` or `,` ("TEHRAN 1234: TEHRAN 999").
fn split_unlettered(text: &str) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, ';' | ':' | ',') {
            let piece = text.get(start..at).unwrap_or_default();
            // Split only where both sides name a cable, so "STATE CA-3400 NOV 2, 1966"
            // stays whole.
            let after = text.get(at + 1..).unwrap_or_default();
            if cable_id_in(piece, Some(0)).is_some() && cable_id_in(after, Some(0)).is_some() {
                pieces.push(piece);
                start = at + 1;
            }
        }
    }
    pieces.push(text.get(start..).unwrap_or_default());
    pieces.into_iter()
}

struct LetterMark {
    letter: char,
    start: usize,
    text_start: usize,
}

/// Finds `A.`, `(A)`, `A)` markers in order A, B, C ... at word starts.
fn letter_marks(text: &str) -> Vec<LetterMark> {
    let bytes = text.as_bytes();
    let mut marks = Vec::new();
    let mut expected = b'A';
    let mut at = 0;
    while at < bytes.len() {
        let at_word_start = at == 0
            || bytes
                .get(at - 1)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b';' || *b == b',');
        if at_word_start {
            let found = match bytes.get(at..at + 3) {
                Some([b'(', letter, b')']) if letter.eq_ignore_ascii_case(&expected) => Some(3),
                _ => match bytes.get(at..at + 2) {
                    Some([letter, b'.' | b')']) if letter.eq_ignore_ascii_case(&expected) => {
                        Some(2)
                    }
                    _ => None,
                },
            };
            let followed_by_space =
                |len: usize| bytes.get(at + len).is_none_or(|b| b.is_ascii_whitespace());
            if let Some(len) = found.filter(|&len| followed_by_space(len)) {
                marks.push(LetterMark {
                    letter: char::from(expected),
                    start: at,
                    text_start: at + len,
                });
                expected += 1;
                at += len;
                continue;
            }
        }
        at += 1;
    }
    marks
}

/// Words that look like a post in a reference but are not.
const NOT_POSTS: [&str; 24] = [
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "MAY",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "SEPT",
    "OCT",
    "NOV",
    "DEC",
    "AND",
    "THE",
    "OF",
    "NOTAL",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "TO",
    "ON",
    "IN",
    "AT",
];

/// The canonical id of the cable a reference names: `09 STATE 5678` -> `09STATE5678`,
/// `MEXICO 1234` -> `{year}MEXICO1234`, `SECSTATE 12` -> `{year}STATE12`.
pub fn cable_id_in(text: &str, year: Option<u16>) -> Option<String> {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .peekable();
    let mut written_year = None;
    if let Some(first) = words.peek() {
        if first.len() == 2 && is_digits(first) {
            written_year = Some(*first);
            words.next();
        }
    }
    let mut post = String::new();
    for word in words {
        let word = word.trim_end_matches([':', ';', ',', '.']);
        let number = word.trim_start_matches('0');
        if is_digits(word) && !post.is_empty() && word.len() <= 7 {
            let number = if number.is_empty() { "0" } else { number };
            let year = match written_year {
                Some(written) => written.to_owned(),
                None => format!("{:02}", year? % 100),
            };
            let post = if post == "SECSTATE" { "STATE" } else { &post };
            return Some(format!("{year}{post}{number}"));
        }
        let is_post_word = word.len() >= 2
            && word.bytes().all(|b| b.is_ascii_uppercase())
            && !NOT_POSTS.contains(&word);
        if !is_post_word || post.len() > 24 {
            return None;
        }
        post.push_str(word);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn executive_order_with_us_date() {
        assert_eq!(
            executive_order("E.O. 12958: DECL: 01/29/2020 "),
            Ok((
                "",
                ExecutiveOrder {
                    number: Some(12958),
                    declassify: Some(Declassify::On(date(2020, 1, 29))),
                }
            ))
        );
    }

    #[test]
    fn executive_order_retyped_form() {
        assert_eq!(
            executive_order("EO 12958 DECL: 2020/01/29"),
            Ok((
                "",
                ExecutiveOrder {
                    number: Some(12958),
                    declassify: Some(Declassify::On(date(2020, 1, 29))),
                }
            ))
        );
    }

    #[test]
    fn executive_order_not_applicable() {
        assert_eq!(
            executive_order("E.O.12958: N/A "),
            Ok((
                "",
                ExecutiveOrder {
                    number: Some(12958),
                    declassify: Some(Declassify::Written(Cow::Borrowed("N/A"))),
                }
            ))
        );
    }

    #[test]
    fn executive_order_written_instruction_and_other_orders() {
        assert_eq!(
            executive_order("E.O. 13526: DECL: DECLASSIFIED BY NARA 09/02/2009"),
            Ok((
                "",
                ExecutiveOrder {
                    number: Some(13526),
                    declassify: Some(Declassify::Written(Cow::Borrowed(
                        "DECLASSIFIED BY NARA 09/02/2009"
                    ))),
                }
            ))
        );
        assert_eq!(
            executive_order("E.o. 12356: decl: 1/9/95"),
            Ok((
                "",
                ExecutiveOrder {
                    number: Some(12356),
                    declassify: Some(Declassify::On(date(2095, 1, 9))),
                }
            ))
        );
    }

    #[test]
    fn executive_order_rejects_other_lines() {
        assert!(executive_order("EOB reported").is_err());
        assert!(executive_order("E.O. is").is_err());
    }

    #[test]
    fn declassification_dates() {
        assert_eq!(
            declassification_date("12/31/2019"),
            Some(date(2019, 12, 31))
        );
        assert_eq!(
            declassification_date("2019/12/31"),
            Some(date(2019, 12, 31))
        );
        assert_eq!(declassification_date("13/31/2019"), None);
        assert_eq!(declassification_date("OADR"), None);
    }

    #[test]
    fn datelines_of_retyped_cables() {
        assert_eq!(
            dateline("Tuesday, 15 September 2009, 16:39"),
            Ok((
                "",
                Some(DateTime {
                    year: 2009,
                    month: 9,
                    day: 15,
                    hour: 16,
                    minute: 39
                })
            ))
        );
        assert_eq!(dateline("Sunday, 30 February 2009, 16:39"), Ok(("", None)));
        assert!(dateline("Tuesday, the talks went on, 16:39").is_err());
        assert!(dateline("UNCLAS SECTION 01 OF 02 CAPE TOWN 000204").is_err());
    }

    #[test]
    fn tags_with_colon_over_lines() {
        assert_eq!(
            tags("TAGS: PGOV PREL\n     PTER SP"),
            Ok((
                "",
                vec![
                    Cow::Borrowed("PGOV"),
                    Cow::Borrowed("PREL"),
                    Cow::Borrowed("PTER"),
                    Cow::Borrowed("SP"),
                ]
            ))
        );
    }

    #[test]
    fn tags_without_colon_with_commas_and_lower_case() {
        assert_eq!(
            tags("TAGS PREL, PGOV, ECON, mx"),
            Ok((
                "",
                vec![
                    Cow::Borrowed("PREL"),
                    Cow::Borrowed("PGOV"),
                    Cow::Borrowed("ECON"),
                    Cow::Owned("MX".to_owned()),
                ]
            ))
        );
        assert!(tags("TAGSX").is_err());
    }

    #[test]
    fn subject_over_two_lines() {
        assert_eq!(
            subject("SUBJECT: Scenesetter for the Opening of the Defense Bilateral Working\nGroup, Washington, D.C., February 1"),
            Ok((
                "",
                Cow::Owned::<str>(
                    "Scenesetter for the Opening of the Defense Bilateral Working Group, Washington, D.C., February 1".to_owned()
                )
            ))
        );
        assert_eq!(
            subject("SUBJ: ONE LINE "),
            Ok(("", Cow::Borrowed("ONE LINE")))
        );
    }

    fn by(
        by: &'static str,
        reasons: Option<&'static str>,
        name: Option<&'static str>,
    ) -> ClassifiedBy<'static> {
        ClassifiedBy {
            by: Cow::Borrowed(by),
            reasons: reasons.map(Cow::Borrowed),
            name: name.map(Cow::Borrowed),
        }
    }

    #[test]
    fn classified_by_with_reasons() {
        assert_eq!(
            classified_by("Classified By: Polcouns Kathleen Fitzpatrick, per 1.4 (b) and (d)."),
            Ok((
                "",
                by(
                    "Polcouns Kathleen Fitzpatrick",
                    Some("1.4 (b) and (d)"),
                    Some("Kathleen Fitzpatrick")
                )
            ))
        );
        assert_eq!(
            classified_by("CLASSIFIED BY: Gene A. Cretz, Ambassador, U.S. Embassy Tripoli.\nREASON: 1.4 (b), (d)"),
            Ok((
                "",
                by(
                    "Gene A. Cretz, Ambassador, U.S. Embassy Tripoli",
                    Some("1.4 (b), (d)"),
                    Some("Gene A. Cretz")
                )
            ))
        );
        assert_eq!(
            classified_by("Classified By: Anne W. Patterson for reasons 1.4 (b) and (d)"),
            Ok((
                "",
                by(
                    "Anne W. Patterson",
                    Some("1.4 (b) and (d)"),
                    Some("Anne W. Patterson")
                )
            ))
        );
    }

    #[test]
    fn classified_by_reasons_in_every_written_form() {
        for (line, reasons) in [
            (
                "Classified By: DCM John Smith, 1.4 (b) and (d)",
                "1.4 (b) and (d)",
            ),
            (
                "Classified By: DCM John Smith, REASON: 1.4(B), (D)",
                "1.4(B), (D)",
            ),
            ("CLASSIFIED BY DCM JOHN SMITH. REASON 1.5.D.", "1.5.D"),
            ("CLASSIFIED BY DCM JOHN SMITH, REASONS 1.5 B,D", "1.5 B,D"),
            (
                "Classified By: DCM John Smith, reasons 1.4 (a,b,c,d)",
                "1.4 (a,b,c,d)",
            ),
        ] {
            let (_, found) = classified_by(line).unwrap();
            let name = if line.contains("JOHN") {
                "JOHN SMITH"
            } else {
                "John Smith"
            };
            let written = if line.contains("JOHN") {
                "DCM JOHN SMITH"
            } else {
                "DCM John Smith"
            };
            assert_eq!(found, by(written, Some(reasons), Some(name)), "{line}");
        }
    }

    #[test]
    fn classifier_names_without_office_words() {
        for (written, name) in [
            ("Ambassador Carlos Pascual", "Carlos Pascual"),
            ("POLOFF JANE DOE", "JANE DOE"),
            ("CDA Robert Jones", "Robert Jones"),
            ("CHARGE D'AFFAIRES JOHN DOE", "JOHN DOE"),
            (
                "Charge\u{2019} d\u{2019}Affaires Michael Gfoeller",
                "Michael Gfoeller",
            ),
            ("Charge d'Affaires, a.i., Jane Doe", "Jane Doe"),
            ("AMBASSADOR TO CHAD MARC WALL", "MARC WALL"),
            ("Acting Political Counselor Paul Jones", "Paul Jones"),
            ("ECONMINCOUNS Matthias Mitman", "Matthias Mitman"),
            ("DCM", "DCM"),
            ("Ambassador, U.S. Embassy Tripoli", "Ambassador"),
        ] {
            assert_eq!(classifier_name(written), Some(name), "{written}");
        }
        assert_eq!(classifier_name(" . "), None);
    }

    #[test]
    fn classified_by_without_reasons() {
        assert_eq!(
            classified_by("Classified by DCM John Smith."),
            Ok(("", by("DCM John Smith", None, Some("John Smith"))))
        );
    }

    #[test]
    fn lettered_references_with_and_without_years() {
        let (_, refs) = references("REF: A. MEXICO 1234 B. 09 STATE 5678", Some(10)).unwrap();
        assert_eq!(
            refs,
            vec![
                Reference {
                    letter: Some('A'),
                    written: Cow::Borrowed("MEXICO 1234"),
                    id: Some("10MEXICO1234".to_owned()),
                },
                Reference {
                    letter: Some('B'),
                    written: Cow::Borrowed("09 STATE 5678"),
                    id: Some("09STATE5678".to_owned()),
                },
            ]
        );
    }

    #[test]
    fn parenthesised_letters_and_multi_word_posts() {
        let (_, refs) = references(
            "REFS: (A) NEW DELHI 001234 (NOTAL)\n      (B) SECSTATE 12",
            Some(6),
        )
        .unwrap();
        assert_eq!(
            refs,
            vec![
                Reference {
                    letter: Some('A'),
                    written: Cow::Borrowed("NEW DELHI 001234 (NOTAL)"),
                    id: Some("06NEWDELHI1234".to_owned()),
                },
                Reference {
                    letter: Some('B'),
                    written: Cow::Borrowed("SECSTATE 12"),
                    id: Some("06STATE12".to_owned()),
                },
            ]
        );
    }

    #[test]
    fn unlettered_references_split_only_between_cables() {
        let (_, refs) = references(
            "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966",
            Some(66),
        )
        .unwrap();
        assert_eq!(
            refs,
            vec![
                Reference {
                    letter: None,
                    written: Cow::Borrowed("STATE 106206 CIRCULAR"),
                    id: Some("66STATE106206".to_owned()),
                },
                Reference {
                    letter: None,
                    written: Cow::Borrowed("STATE CA-3400 NOV 2, 1966"),
                    id: None,
                },
            ]
        );
        let (_, refs) = references("REF: TEHRAN 1234: TEHRAN 999", Some(73)).unwrap();
        assert_eq!(
            refs.iter().map(|r| r.id.as_deref()).collect::<Vec<_>>(),
            vec![Some("73TEHRAN1234"), Some("73TEHRAN999")]
        );
    }

    #[test]
    fn references_that_name_no_cable() {
        assert_eq!(cable_id_in("EMAIL FROM POL 1/5", Some(9)), None);
        assert_eq!(cable_id_in("OSC EUP20080101", Some(9)), None);
        assert_eq!(cable_id_in("MEXICO 1234", None), None);
    }

    #[test]
    fn fields_end_where_their_kind_ends() {
        let lines = crate::cable::grammar::lines::split_lines(
            "TAGS: PGOV PREL\n     PTER SP\nSUBJECT: A LONG\nSUBJECT LINE\n\n1. (C) Text.\nTags: prel, pgov,\netra, mnuc\nthe talks went on at length\nE.O. 12958: N/A\nMORE\n",
            0,
        );
        assert_eq!(field_last_line(&lines, 0, FieldKind::Tags), 1);
        assert_eq!(field_last_line(&lines, 2, FieldKind::Subject), 3);
        assert_eq!(field_last_line(&lines, 6, FieldKind::Tags), 7);
        assert_eq!(field_last_line(&lines, 9, FieldKind::ExecutiveOrder), 9);
    }

    #[test]
    fn field_kinds() {
        assert_eq!(
            field_kind("E.O. 12958: N/A"),
            Some(FieldKind::ExecutiveOrder)
        );
        assert_eq!(field_kind("TAGS PGOV"), Some(FieldKind::Tags));
        assert_eq!(field_kind("SUBJ: X"), Some(FieldKind::Subject));
        assert_eq!(field_kind("REF: X"), Some(FieldKind::References));
        assert_eq!(
            field_kind("Classified By: X"),
            Some(FieldKind::ClassifiedBy)
        );
        assert_eq!(field_kind("REFERENDUM RESULTS"), None);
        assert_eq!(field_kind("TAGSX"), None);
    }

    #[test]
    fn inline_fields() {
        let line = "E.O. 12958: DECL: 12/31/19 TAGS: PGOV PREL";
        assert_eq!(inline_field_start(line), Some(27));
        assert_eq!(inline_field_start("TAGS: X"), None);
    }
}
