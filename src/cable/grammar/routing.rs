//! Routing header: VZCZC, precedence and routing-indicator lines, DE, ZNY/ZNR, the
//! date-time group line, FM/TO/INFO addressee lists, INFO LOG distribution, PAGE, NNNN.
//!
//! [`routing_header`] reads the header line by line. Each line kind has its own small
//! parser; the loop decides, from what came before, which kinds may come next (a bare
//! line of routing indicators only continues a routing line, a bare addressee only
//! continues a FM/TO/INFO list). It stops, without error, at the first line that is none
//! of these: the classification line, a dateline, body text.
//!
//! Text dumps glue the body to the last addressee (`RUEHBY/AMEMBASSY CANBERRA
//! 9951UNCLAS STATE 001400`). An addressee line is therefore cut where a classification
//! line (with a section or a post and serial) or a mixed-case dateline begins, and the
//! rest of the line is returned as remaining input.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{map_res, opt, recognize, verify};
use nom::error::ErrorKind;
use nom::multi::{many0, many1};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::classification::{
    caveat_line, classification_line, corrected_copy_line, fail, first_line, line_end,
    teletype_page_line,
};
use crate::cable::date::{self, DateTime, DateTimeGroup};
use crate::cable::model::{Addressee, Routing, StationLine};

/// Precedence words written after an addressee, longest first.
const PRECEDENCES: [&str; 6] = [
    "NIACT IMMEDIATE",
    "IMMEDIATE",
    "PRIORITY",
    "ROUTINE",
    "FLASH",
    "CRITIC",
];

/// Words that open header fields or body text, never an addressee.
const NOT_ADDRESSEES: [&str; 10] = [
    "E.O.", "E.O", "EO", "E.0.", "TAGS", "TAGS:", "SUBJECT:", "SUBJ:", "REF:", "REFS:",
];

/// One line of the routing header, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line<'a> {
    StartOfMessage(&'a str),
    RoutingIndicators(&'a str),
    Station(StationLine<'a>),
    Transmission(&'a str),
    /// Precedence letters and the moment, or the group as written if it names no real day.
    DateTimeGroup(Option<&'a str>, Result<DateTime, &'a str>),
    From(Addressee<'a>),
    To(Addressee<'a>),
    Info(Addressee<'a>),
    /// `XMT AMCONSUL JOHANNESBURG`: an addressee a collective leaves out.
    Excluded(Addressee<'a>),
    Addressee(Addressee<'a>),
    Distribution(&'a str),
}

/// Which addressee list a bare addressee line continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    None,
    From,
    To,
    Info,
    Excluded,
}

/// The trimmed text of the first line of `input`.
fn line_text(input: &str) -> &str {
    first_line(input).trim().trim_end_matches('\\').trim_end()
}

/// Skips the first line of `input`, newline included.
fn skip_line(input: &str) -> &str {
    input.split_once('\n').map_or("", |(_, rest)| rest)
}

/// Skips lines that hold only spaces.
fn skip_blank_lines(input: &str) -> &str {
    let mut rest = input;
    while !rest.is_empty() && first_line(rest).trim().is_empty() {
        rest = skip_line(rest);
    }
    rest
}

/// The rest of the line up to (not including) the line end, trimmed of trailing spaces.
fn rest_of_line(input: &str) -> IResult<&str, &str> {
    let (rest, text) = take_while(|c| c != '\n').parse(input)?;
    let (rest, ()) = line_end(rest)?;
    Ok((rest, text.trim_end()))
}

/// A routing indicator: `RUEHC`, `RUEHKUK`, `RHEHNSC`.
fn routing_indicator(input: &str) -> IResult<&str, &str> {
    verify(
        take_while_m_n(4, 8, |c: char| c.is_ascii_uppercase()),
        |ri: &str| ri.starts_with('R'),
    )
    .parse(input)
}

/// `VZCZCXRO1234`, `VZCZCXYZ0000`, `VZCZCADI319`.
fn start_of_message(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, text) = recognize((
        tag("VZCZC"),
        take_while(|c: char| c.is_ascii_alphanumeric()),
    ))
    .parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((input, Line::StartOfMessage(text)))
}

/// Precedence letters of a routing line (`PP`, `RR`, `OO`, `ZZ`) or a date-time-group
/// line (`O`, `R`, `P`, `Z`).
fn precedence_letter(input: &str) -> IResult<&str, char> {
    nom::character::complete::one_of("ZOPRY").parse(input)
}

/// `PP RUEHWEB`, `RR RUEHAO RUEHCD RUEHGA`.
fn routing_indicator_line(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, text) = recognize((
        precedence_letter,
        opt(precedence_letter),
        many1(preceded(space1, routing_indicator)),
    ))
    .parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((input, Line::RoutingIndicators(text)))
}

/// `RUEHNL RUEHQU RUEHRD`: routing indicators continuing the line above.
fn routing_continuation(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, text) = recognize((
        routing_indicator,
        many0(preceded(space1, routing_indicator)),
    ))
    .parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((input, Line::RoutingIndicators(text)))
}

fn number(input: &str) -> IResult<&str, u32> {
    map_res(digit1, str::parse::<u32>).parse(input)
}

/// `DE RUEHME #0083/01 0292049`, `DE RUEHC #1400 0071425`.
fn station_line(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = (space0, tag("DE"), space1).parse(input)?;
    let (input, station) = take_while1(|c: char| c.is_ascii_alphanumeric()).parse(input)?;
    let (input, serial) = opt(preceded((space1, char('#')), number)).parse(input)?;
    let (input, section) = opt(preceded(char('/'), number)).parse(input)?;
    let (input, filed) =
        opt(preceded(space1, take_while1(|c: char| c.is_ascii_digit()))).parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((
        input,
        Line::Station(StationLine {
            station: Cow::Borrowed(station),
            serial,
            section,
            filed: filed.map(Cow::Borrowed),
        }),
    ))
}

/// `ZNY CCCCC ZZH`, `ZNR UUUUU ZZH`, `ZNY CCCCC ZZH ZUI RUEWMCE1074 1581702`.
fn transmission_line(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, text) = recognize((
        tag("ZN"),
        take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
        space1,
        take_while(|c| c != '\n'),
    ))
    .parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((input, Line::Transmission(text.trim_end())))
}

/// Month abbreviations, any case: `JAN`, `Nov`.
fn month(input: &str) -> IResult<&str, u8> {
    let (rest, word) = take_while_m_n(3, 3, |c: char| c.is_ascii_alphabetic()).parse(input)?;
    match date::month_from_name(word) {
        Some(month) => Ok((rest, month)),
        None => fail(input, ErrorKind::Tag),
    }
}

fn two_digits(input: &str) -> IResult<&str, u8> {
    map_res(
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        str::parse::<u8>,
    )
    .parse(input)
}

/// A date-time group: `292049Z JAN 10`, in the shape of one; [`DateTimeGroup::date`] says
/// whether it names a real day (`310000Z FEB 09` does not).
pub(crate) fn date_time_group(input: &str) -> IResult<&str, DateTimeGroup> {
    let (rest, (day, hour, minute, _, _, month, _, year)) = (
        two_digits,
        two_digits,
        two_digits,
        char('Z'),
        space1,
        month,
        space1,
        two_digits,
    )
        .parse(input)?;
    // Beyond these no group was meant (a serial, a time of day): the shape is not a DTG.
    let shaped = (1..=31).contains(&day) && hour <= 24 && minute <= 59;
    if !shaped {
        return fail(input, ErrorKind::Verify);
    }
    Ok((
        rest,
        DateTimeGroup {
            day,
            hour,
            minute,
            month,
            year,
        },
    ))
}

/// `O R 292049Z JAN 10`, `R 071416Z JAN 08`, `291359Z Nov 00`,
/// `O 220500Z JUL 08 ZDK CTG #00732` (what follows the group is not kept).
fn date_time_group_line(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, precedence) = opt(terminated(
        recognize((
            precedence_letter,
            opt(preceded(char(' '), precedence_letter)),
        )),
        space1,
    ))
    .parse(input)?;
    let (after, dtg) = date_time_group(input)?;
    let written = input.get(..input.len() - after.len()).unwrap_or_default();
    let (input, _) = opt(preceded(space1, take_while(|c| c != '\n'))).parse(after)?;
    let (input, ()) = line_end(input)?;
    Ok((
        input,
        Line::DateTimeGroup(precedence, dtg.date().ok_or(written)),
    ))
}

/// Pieces one of which every classification line holds, spaced or not (`S E C R E T`,
/// `SE C R E T`, `CO N F I D ...`), in capitals.
const LEVEL_WORDS: [&str; 7] = [
    "UNCLAS",
    "SECRET",
    "E C R E T",
    "CONFIDENTIAL",
    "O N F I D",
    "LIMITED",
    "N C L A S",
];

/// Where a glued line must be cut: before a classification line with a section or a
/// post and serial (`...9951UNCLAS STATE 001400`, `...NAIROBIS E C R E T STATE 194868`),
/// or before a mixed-case word that follows a serial (`...0007Thursday, 29 March 2007`).
fn glue_point(line: &str) -> Option<usize> {
    // Most addressee lines hold no level word at all: only those that do are tried at
    // every position.
    let upper: std::borrow::Cow<'_, str> = if line.bytes().any(|b| b.is_ascii_lowercase()) {
        std::borrow::Cow::Owned(line.to_ascii_uppercase())
    } else {
        std::borrow::Cow::Borrowed(line)
    };
    let may_hold_level = LEVEL_WORDS
        .iter()
        .any(|word| memchr::memmem::find(upper.as_bytes(), word.as_bytes()).is_some());
    for (at, c) in line.char_indices().skip(1).filter(|_| may_hold_level) {
        if !matches!(c, 'S' | 'C' | 'U' | 'L' | 'T') {
            continue;
        }
        let Some(tail) = line.get(at..) else {
            continue;
        };
        if let Ok((_, found)) = classification_line(tail) {
            if found.post.is_some() || found.section.is_some() {
                return Some(at);
            }
        }
    }
    let lower = line.find(|c: char| c.is_lowercase())?;
    let head = line.get(..lower)?;
    let word_start = head.trim_end_matches(|c: char| c.is_alphabetic()).len();
    let before = line.get(..word_start)?;
    (word_start > 0 && before.ends_with(|c: char| c.is_ascii_digit())).then_some(word_start)
}

/// Whether `name` can be an addressee name: capitals, digits and a little punctuation,
/// starting with a letter, and not a header field or a passing instruction
/// (`DEPT FOR EAP/CM`). A routing indicator before the name vouches for it, so then the
/// name may start with a digit (`RHMFISS/39ABG INCIRLIK AB TU`), hold office symbols
/// after `//` (`SECDEF WASHDC//USDP:PDUSDP//`) and hold `FOR`
/// (`RUCNOSC/ORG FOR SECURITY CO OP IN EUROPE COLLECTIVE`).
fn plausible_name(name: &str, vouched: bool) -> bool {
    let allowed = |c: char| {
        c.is_ascii_uppercase()
            || c.is_ascii_digit()
            || " /-.()&,'".contains(c)
            || (vouched && c == ':')
    };
    let first_word = name.split(' ').next().unwrap_or_default();
    let starts_well =
        name.starts_with(|c: char| c.is_ascii_uppercase() || (vouched && c.is_ascii_digit()));
    let instruction = (name.contains(" FOR ") || name.contains(" PASS ") || name.ends_with(" FOR"))
        && !name.ends_with(" COLLECTIVE");
    starts_well
        && name.chars().all(allowed)
        && !NOT_ADDRESSEES.contains(&first_word)
        && (vouched || !instruction)
}

/// One addressee written on its own: `RUEHC/SECSTATE WASHDC IMMEDIATE 1234`,
/// `AMEMBASSY RIO DE JANEIRO`, `RUEHBY/AMEMBASSY CANBERRA NIACT IMMEDIATE 9951`.
/// `text` is the addressee part of a line, without the line end.
fn addressee(text: &str) -> IResult<&str, Addressee<'_>> {
    let (rest, routing_indicator) = opt(terminated(
        take_while_m_n(4, 8, |c: char| c.is_ascii_uppercase()),
        char('/'),
    ))
    .parse(text)?;
    let mut name = rest.trim();
    let mut serial = None;
    if let Some((head, last)) = name.rsplit_once(' ') {
        if !last.is_empty() && last.len() <= 6 && last.bytes().all(|b| b.is_ascii_digit()) {
            serial = last.parse::<u32>().ok();
            name = head.trim_end();
        }
    }
    let mut precedence = None;
    for word in PRECEDENCES {
        if let Some(head) = name.strip_suffix(word) {
            if head.ends_with(' ') && !head.trim().is_empty() {
                precedence = name.get(head.len()..);
                name = head.trim_end();
                break;
            }
        }
    }
    if !plausible_name(name, routing_indicator.is_some()) {
        return fail(text, ErrorKind::Verify);
    }
    Ok((
        "",
        Addressee {
            routing_indicator: routing_indicator.map(Cow::Borrowed),
            name: Cow::Borrowed(name),
            precedence: precedence.map(Cow::Borrowed),
            serial,
        },
    ))
}

/// The addressee on the first line of `input`, cut before glued body text. Returns the
/// addressee and whether the line was cut (then the rest of the line is the remaining
/// input and the header ends here).
fn addressee_on_line(input: &str) -> IResult<&str, (Addressee<'_>, bool)> {
    let (after_spaces, _) = space0(input)?;
    let line = first_line(after_spaces);
    match glue_point(line) {
        Some(cut) => {
            let head = line.get(..cut).unwrap_or_default();
            let (_, found) = addressee(head.trim_end())?;
            let rest = after_spaces.get(cut..).unwrap_or_default();
            Ok((rest, (found, true)))
        }
        None => {
            let (rest, text) = rest_of_line(after_spaces)?;
            let (_, found) = addressee(text.trim_end_matches('\\').trim_end())?;
            Ok((rest, (found, false)))
        }
    }
}

/// `FM AMEMBASSY BOGOTA`, `TO RUEHC/SECSTATE WASHDC 2786`, `INFO USCINCSO`.
fn keyed_addressee<'a>(
    key: &'static str,
) -> impl Fn(&'a str) -> IResult<&'a str, (Addressee<'a>, bool)> {
    move |input: &'a str| {
        let (input, _) = (space0, tag(key), space1).parse(input)?;
        addressee_on_line(input)
    }
}

/// A distribution code: `LOG-00`, `EEB-00`, `CEA-01`.
fn office_code(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while1(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()),
        char('-'),
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
    ))
    .parse(input)
}

/// The count at the end of a distribution block, `/012W`, `/000R`, or `(TEDE)`.
fn distribution_mark(input: &str) -> IResult<&str, &str> {
    alt((
        recognize((
            char('/'),
            digit1,
            take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
        )),
        recognize((
            char('('),
            take_while1(|c: char| c.is_ascii_uppercase()),
            char(')'),
        )),
    ))
    .parse(input)
}

/// `INFO  LOG-00   EEB-00 ...`, `ACTION EUR-00`, `      CTME-00  DINT-00 ...`, `/012W`.
fn distribution_codes(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, text) = recognize((
        opt(terminated(alt((tag("INFO"), tag("ACTION"))), space1)),
        alt((office_code, distribution_mark)),
        many0(preceded(space1, alt((office_code, distribution_mark)))),
    ))
    .parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((input, Line::Distribution(text)))
}

/// `------------------A54E38  291401Z /38`: the teletype's end-of-distribution line.
fn distribution_rule(input: &str) -> IResult<&str, Line<'_>> {
    let (input, _) = space0(input)?;
    let (input, text) = recognize((
        take_while_m_n(5, 40, |c| c == '-'),
        take_while1(|c: char| c.is_ascii_alphanumeric()),
        space1,
        take_while_m_n(6, 6, |c: char| c.is_ascii_digit()),
        char('Z'),
        take_while(|c| c != '\n'),
    ))
    .parse(input)?;
    let (input, ()) = line_end(input)?;
    Ok((input, Line::Distribution(text.trim_end())))
}

/// `NNNN`, `BT`, `Distribution:`, and old `PAGE 01 ...` lines (also inside an addressee list,
/// where a teletype page break put them: `PAGE 02 STATE 012345 121530Z`).
fn other_distribution(input: &str) -> IResult<&str, Line<'_>> {
    let (after_spaces, _) = space0(input)?;
    if let Ok((rest, text)) = teletype_page_line(after_spaces) {
        return Ok((rest, Line::Distribution(text)));
    }
    let (rest, text) = alt((
        terminated(tag("NNNN"), line_end),
        // The teletype's break between header and text.
        terminated(tag("BT"), line_end),
        terminated(tag("Distribution:"), line_end),
    ))
    .parse(after_spaces)?;
    Ok((rest, Line::Distribution(text)))
}

/// The lines that may open or carry a header anywhere in it: the ones that mark, for the
/// look-ahead over unknown lines, that the header goes on.
fn strong_line(input: &str) -> IResult<&str, Line<'_>> {
    alt((
        start_of_message,
        station_line,
        transmission_line,
        date_time_group_line,
        routing_indicator_line,
        keyed_addressee("FM").map(|(a, _)| Line::From(a)),
        keyed_addressee("TO").map(|(a, _)| Line::To(a)),
        distribution_codes,
        distribution_rule,
        other_distribution,
    ))
    .parse(input)
}

/// Whether a line that is no routing line still belongs to a header that has not reached
/// its FM line yet (the old teletype headers carry a few odd lines such as
/// `CONFIDENTIAL     PTQ1859` or `TED1302`): true if a strong routing line follows within
/// a few lines, before any classification line.
fn header_goes_on(input: &str) -> bool {
    let mut rest = skip_line(input);
    for _ in 0..8 {
        rest = skip_blank_lines(rest);
        if rest.is_empty() || classification_line(rest).is_ok() {
            return false;
        }
        if strong_line(rest).is_ok() {
            return true;
        }
        rest = skip_line(rest);
    }
    false
}

/// A classification banner written above the date-time group of some headers
/// (`UNCLASSIFIED   STATE   00100153` right before `O 251814Z SEP 09`): a
/// classification line, before any FM line, directly followed by a DTG or FM line, or by
/// the first `PAGE 01 PORT O 01234 01 OF 02 121530Z` line of an old teletype whose
/// distribution block stands before its date-time group.
fn classification_banner(input: &str, seen_from: bool) -> Option<(&str, Line<'_>)> {
    if seen_from {
        return None;
    }
    let (rest, _) = classification_line(input).ok()?;
    let next = skip_blank_lines(rest);
    let followed = date_time_group_line(next).is_ok()
        || keyed_addressee("FM")(next).is_ok()
        || teletype_page_line(next).is_ok_and(|_| header_goes_on(next));
    followed.then(|| (rest, Line::Distribution(line_text(input))))
}

/// Lines that always end the header.
fn ends_header(input: &str) -> bool {
    classification_line(input).is_ok()
        || caveat_line(input).is_ok()
        || corrected_copy_line(input).is_ok()
        || line_text(input).starts_with("This record is a partial extract")
}

/// Reads one header line, given what came before. Returns the line and whether it was
/// cut short by glued body text.
fn next_line<'a>(
    input: &'a str,
    list: List,
    after_routing_line: bool,
    seen_from: bool,
    after_blank: bool,
) -> Option<(&'a str, Line<'a>, bool)> {
    if let Some((rest, line)) = classification_banner(input, seen_from) {
        return Some((rest, line, false));
    }
    if ends_header(input) {
        return None;
    }
    let simple = alt((
        start_of_message,
        station_line,
        transmission_line,
        date_time_group_line,
        distribution_codes,
        distribution_rule,
        other_distribution,
        routing_indicator_line,
    ))
    .parse(input);
    if let Ok((rest, line)) = simple {
        return Some((rest, line, false));
    }
    let keyed = alt((
        keyed_addressee("FM").map(|(a, cut)| (Line::From(a), cut)),
        keyed_addressee("TO").map(|(a, cut)| (Line::To(a), cut)),
        keyed_addressee("INFO").map(|(a, cut)| (Line::Info(a), cut)),
        keyed_addressee("XMT").map(|(a, cut)| (Line::Excluded(a), cut)),
    ))
    .parse(input);
    if let Ok((rest, (line, cut))) = keyed {
        return Some((rest, line, cut));
    }
    if after_routing_line && !after_blank {
        if let Ok((rest, line)) = routing_continuation(input) {
            return Some((rest, line, false));
        }
    }
    if list != List::None && !after_blank {
        if let Ok((rest, (found, cut))) = addressee_on_line(input) {
            return Some((rest, Line::Addressee(found), cut));
        }
    }
    if !seen_from && header_goes_on(input) {
        let (rest, text) = rest_of_line(input).ok()?;
        return Some((rest, Line::Distribution(text.trim_start()), false));
    }
    None
}

/// Byte offset of `part` (a suffix of `whole`) in `whole`.
fn offset(whole: &str, part: &str) -> usize {
    whole.len().saturating_sub(part.len())
}

/// Reads the routing header at the start of `input`: leading blank lines, then every
/// routing line in the order written, and stops at the first line that is none (the
/// classification line, a dateline, body text). Never fails: with no header it returns an
/// empty [`Routing`] and consumes only the leading blank lines. When the last addressee
/// has the body glued to it, the rest of that line is the remaining input. `span` is the
/// byte range of the header in `input`.
pub fn routing_header<'a>(input: &'a str) -> IResult<&'a str, Routing<'a>> {
    let mut routing = Routing::default();
    let start = skip_blank_lines(input);
    let mut rest = start;
    let mut list = List::None;
    let mut after_routing_line = false;
    let mut seen_from = false;
    let mut consumed_any = false;
    loop {
        let line_start = skip_blank_lines(rest);
        if line_start.is_empty() {
            break;
        }
        let after_blank = consumed_any && line_start.len() != rest.len();
        let Some((next, line, cut)) =
            next_line(line_start, list, after_routing_line, seen_from, after_blank)
        else {
            break;
        };
        if !consumed_any {
            routing.span = Some(offset(input, line_start)..offset(input, line_start));
        }
        consumed_any = true;
        after_routing_line = matches!(line, Line::RoutingIndicators(_));
        match line {
            Line::StartOfMessage(text) => routing.start_of_message = Some(Cow::Borrowed(text)),
            Line::RoutingIndicators(text) => routing.routing_lines.push(Cow::Borrowed(text)),
            Line::Station(station) => routing.station = Some(station),
            Line::Transmission(text) => routing.transmission = Some(Cow::Borrowed(text)),
            Line::DateTimeGroup(precedence, dtg) => {
                routing.precedence = precedence.map(Cow::Borrowed);
                match dtg {
                    Ok(at) => routing.date_time_group = Some(at),
                    Err(written) => routing.unreal_date_time_group = Some(Cow::Borrowed(written)),
                }
            }
            Line::From(found) => {
                seen_from = true;
                list = List::From;
                routing.from = Some(found);
            }
            Line::To(found) => {
                list = List::To;
                routing.to.push(found);
            }
            Line::Info(found) => {
                list = List::Info;
                routing.info.push(found);
            }
            Line::Excluded(found) => {
                list = List::Excluded;
                routing.excluded.push(found);
            }
            Line::Addressee(found) => match list {
                List::To => routing.to.push(found),
                List::Info => routing.info.push(found),
                List::Excluded => routing.excluded.push(found),
                // A second FM line would be odd; keep the addressee with the receivers.
                List::From | List::None => routing.to.push(found),
            },
            Line::Distribution(text) => routing.distribution.push(Cow::Borrowed(text)),
        }
        rest = next;
        if let Some(span) = routing.span.as_mut() {
            span.end = offset(input, rest);
        }
        if cut {
            break;
        }
    }
    if !consumed_any {
        return Ok((start, routing));
    }
    Ok((rest, routing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::model::{Caveat, Classification, ClassificationLine, Level};

    fn to(
        ri: Option<&'static str>,
        name: &'static str,
        precedence: Option<&'static str>,
        serial: Option<u32>,
    ) -> Addressee<'static> {
        Addressee {
            routing_indicator: ri.map(Cow::Borrowed),
            name: Cow::Borrowed(name),
            precedence: precedence.map(Cow::Borrowed),
            serial,
        }
    }

    fn dtg(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> DateTime {
        DateTime {
            year,
            month,
            day,
            hour,
            minute,
        }
    }

    fn cows(lines: &[&'static str]) -> Vec<Cow<'static, str>> {
        lines.iter().map(|line| Cow::Borrowed(*line)).collect()
    }

    #[test]
    fn full_modern_header_glued_to_body() {
        // text/08STATE1400.txt
        let input = "VZCZCXYZ0000\nRR RUEHWEB\n\nDE RUEHC #1400 0071425\nZNR UUUUU ZZH\n\
                     R 071416Z JAN 08\nFM SECSTATE WASHDC\nTO RUEHRL/AMEMBASSY BERLIN 1444\n\
                     RUEHBY/AMEMBASSY CANBERRA 9951UNCLAS STATE 001400 \n \nSIPDIS \n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "UNCLAS STATE 001400 \n \nSIPDIS \n");
        assert_eq!(
            routing,
            Routing {
                start_of_message: Some(Cow::Borrowed("VZCZCXYZ0000")),
                routing_lines: cows(&["RR RUEHWEB"]),
                station: Some(StationLine {
                    station: Cow::Borrowed("RUEHC"),
                    serial: Some(1400),
                    section: None,
                    filed: Some(Cow::Borrowed("0071425")),
                }),
                transmission: Some(Cow::Borrowed("ZNR UUUUU ZZH")),
                precedence: Some(Cow::Borrowed("R")),
                date_time_group: Some(dtg(2008, 1, 7, 14, 16)),
                from: Some(to(None, "SECSTATE WASHDC", None, None)),
                to: vec![
                    to(Some("RUEHRL"), "AMEMBASSY BERLIN", None, Some(1444)),
                    to(Some("RUEHBY"), "AMEMBASSY CANBERRA", None, Some(9951)),
                ],
                info: vec![],
                distribution: vec![],
                span: Some(0..input.len() - rest.len()),
                unreal_date_time_group: None,
                excluded: vec![],
            }
        );
        let (after, line) = classification_line(rest).expect("classification");
        assert_eq!(after, " \nSIPDIS \n");
        assert_eq!(
            line,
            ClassificationLine {
                classification: Classification {
                    level: Some(Level::Unclassified),
                    caveats: vec![],
                },
                section: None,
                post: Some(Cow::Borrowed("STATE")),
                serial: Some(1400),
            }
        );
    }

    #[test]
    fn routing_lines_continue_and_station_has_section() {
        // text-crlf/07BOGOTA1165.txt, decoded
        let input = "\nVZCZCXRO0594\n\
                     RR RUEHAO RUEHCD RUEHGA RUEHGD RUEHGR RUEHHA RUEHHO RUEHMC RUEHNG\n\
                     RUEHNL RUEHQU RUEHRD RUEHRG RUEHRS RUEHTM RUEHVC\n\
                     DE RUEHME #0083/01 0292049\nZNR UUUUU ZZH\nO R 292049Z JAN 10\n\
                     FM AMEMBASSY BOGOTA\nTO RUEHC/SECSTATE WASHDC 2786\n\
                     INFO RUEHWH/WESTERN HEMISPHERIC AFFAIRS DIPL POSTS\n\
                     UNCLAS BOGOTA 001165 \n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "UNCLAS BOGOTA 001165 \n");
        assert_eq!(
            routing,
            Routing {
                start_of_message: Some(Cow::Borrowed("VZCZCXRO0594")),
                routing_lines: cows(&[
                    "RR RUEHAO RUEHCD RUEHGA RUEHGD RUEHGR RUEHHA RUEHHO RUEHMC RUEHNG",
                    "RUEHNL RUEHQU RUEHRD RUEHRG RUEHRS RUEHTM RUEHVC",
                ]),
                station: Some(StationLine {
                    station: Cow::Borrowed("RUEHME"),
                    serial: Some(83),
                    section: Some(1),
                    filed: Some(Cow::Borrowed("0292049")),
                }),
                transmission: Some(Cow::Borrowed("ZNR UUUUU ZZH")),
                precedence: Some(Cow::Borrowed("O R")),
                date_time_group: Some(dtg(2010, 1, 29, 20, 49)),
                from: Some(to(None, "AMEMBASSY BOGOTA", None, None)),
                to: vec![to(Some("RUEHC"), "SECSTATE WASHDC", None, Some(2786))],
                info: vec![to(
                    Some("RUEHWH"),
                    "WESTERN HEMISPHERIC AFFAIRS DIPL POSTS",
                    None,
                    None
                )],
                distribution: vec![],
                span: Some(1..input.len() - rest.len()),
                unreal_date_time_group: None,
                excluded: vec![],
            }
        );
    }

    #[test]
    fn old_header_without_routing_indicators() {
        // csv/66BUENOSAIRES2481 header field, with the body glued as in text/.
        let input = "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n\
                     INFO USCINCSO\nCINCLANT\nAMEMBASSY RIO DE JANEIRO\n\
                     STATE GRNCUNCLASSIFIED BUENOS AIRES 2481 \n \n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "UNCLASSIFIED BUENOS AIRES 2481 \n \n");
        assert_eq!(
            routing,
            Routing {
                precedence: Some(Cow::Borrowed("P R")),
                date_time_group: Some(dtg(1966, 12, 28, 18, 48)),
                from: Some(to(None, "AMEMBASSY BUENOS AIRES", None, None)),
                to: vec![to(None, "SECSTATE WASHDC", Some("PRIORITY"), None)],
                info: vec![
                    to(None, "USCINCSO", None, None),
                    to(None, "CINCLANT", None, None),
                    to(None, "AMEMBASSY RIO DE JANEIRO", None, None),
                    to(None, "STATE GRNC", None, None),
                ],
                span: Some(0..input.len() - rest.len()),
                ..Routing::default()
            }
        );
    }

    #[test]
    fn glue_after_precedence_and_inside_words() {
        let (rest, routing) =
            routing_header("O 060221Z FEB 03\nFM USMISSION USUN NEW YORK\nTO SECSTATE WASHDC IMMEDIATE 3602\nCIA WASHDC IMMEDIATEUNCLAS SECTION 01 OF 03 USUN NEW YORK 000300 \n")
                .expect("header");
        assert_eq!(rest, "UNCLAS SECTION 01 OF 03 USUN NEW YORK 000300 \n");
        assert_eq!(
            routing.to,
            vec![
                to(None, "SECSTATE WASHDC", Some("IMMEDIATE"), Some(3602)),
                to(None, "CIA WASHDC", Some("IMMEDIATE"), None),
            ]
        );
        let (rest, routing) = routing_header(
            "P R 182326Z SEP 96\nFM SECSTATE WASHDC\nTO AMEMBASSY ISLAMABAD PRIORITY \nINFO AMEMBASSY NAIROBIS E C R E T STATE 194868\n\nLONDON FOR TUELLER\n",
        )
        .expect("header");
        assert_eq!(rest, "S E C R E T STATE 194868\n\nLONDON FOR TUELLER\n");
        assert_eq!(
            routing.info,
            vec![to(None, "AMEMBASSY NAIROBI", None, None)]
        );
        let (rest, routing) = routing_header(
            "R 042251Z JAN 93\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 4660\nINFO USCINCSO QUARRY HEIGHTS PMC O N F I D E N T I A L SECTION 01 OF 04 LIMA 00056 \n",
        )
        .expect("header");
        assert_eq!(
            rest,
            "C O N F I D E N T I A L SECTION 01 OF 04 LIMA 00056 \n"
        );
        assert_eq!(
            routing.info,
            vec![to(None, "USCINCSO QUARRY HEIGHTS PM", None, None)]
        );
    }

    #[test]
    fn glued_dateline_after_serial() {
        // text/07BANDARSERIBEGAWAN112.txt
        let (rest, routing) = routing_header(
            "R 290600Z MAR 07\nFM AMEMBASSY BANDAR SERI BEGAWAN\nTO RUEHC/SECSTATE WASHDC 3785\nINFO RUCNDT/USMISSION USUN NEW YORK\nRUEHUNV/USMISSION UNVIE VIENNA 0007Thursday, 29 March 2007, 06:00\nC O N F I D E N T I A L BANDAR SERI BEGAWAN 000112 \n",
        )
        .expect("header");
        assert_eq!(
            rest,
            "Thursday, 29 March 2007, 06:00\nC O N F I D E N T I A L BANDAR SERI BEGAWAN 000112 \n"
        );
        assert_eq!(
            routing.info,
            vec![
                to(Some("RUCNDT"), "USMISSION USUN NEW YORK", None, None),
                to(Some("RUEHUNV"), "USMISSION UNVIE VIENNA", None, Some(7)),
            ]
        );
    }

    #[test]
    fn niact_immediate_and_collectives() {
        let (rest, routing) = routing_header(
            "O 121530Z MAR 09\nFM USMISSION USNATO\nTO RUEHBY/AMEMBASSY CANBERRA NIACT IMMEDIATE 9951\nINFO RUEHXX/ALL NATO POST COLLECTIVE PRIORITY\nRHMFISS/CDR USSOUTHCOM MIAMI FL//SCJ2-I/J5/HSE/DIA REP//\nS E C R E T SECTION 01 OF 02 USNATO 000123\n",
        )
        .expect("header");
        assert_eq!(rest, "S E C R E T SECTION 01 OF 02 USNATO 000123\n");
        assert_eq!(routing.date_time_group, Some(dtg(2009, 3, 12, 15, 30)));
        assert_eq!(routing.precedence, Some(Cow::Borrowed("O")));
        assert_eq!(
            routing.to,
            vec![to(
                Some("RUEHBY"),
                "AMEMBASSY CANBERRA",
                Some("NIACT IMMEDIATE"),
                Some(9951)
            )]
        );
        assert_eq!(
            routing.info,
            vec![
                to(
                    Some("RUEHXX"),
                    "ALL NATO POST COLLECTIVE",
                    Some("PRIORITY"),
                    None
                ),
                to(
                    Some("RHMFISS"),
                    "CDR USSOUTHCOM MIAMI FL//SCJ2-I/J5/HSE/DIA REP//",
                    None,
                    None
                ),
            ]
        );
    }

    #[test]
    fn precedence_forms() {
        for (line, precedence, when) in [
            ("O P 041034Z JUN 07\n", Some("O P"), dtg(2007, 6, 4, 10, 34)),
            ("Z 011200Z JAN 09\n", Some("Z"), dtg(2009, 1, 1, 12, 0)),
            ("291359Z Nov 00\n", None, dtg(2000, 11, 29, 13, 59)),
            (
                "O 220500Z JUL 08 ZDK CTG #00732\n",
                Some("O"),
                dtg(2008, 7, 22, 5, 0),
            ),
            ("R 250930Z FEB 72 \n", Some("R"), dtg(1972, 2, 25, 9, 30)),
        ] {
            let (rest, routing) = routing_header(line).expect("header");
            assert_eq!(rest, "", "{line}");
            assert_eq!(
                routing,
                Routing {
                    precedence: precedence.map(Cow::Borrowed),
                    date_time_group: Some(when),
                    span: Some(0..line.len()),
                    ..Routing::default()
                },
                "{line}"
            );
        }
    }

    #[test]
    fn transmission_with_relay_and_blank_lines() {
        let input = "VZCZCXYZ0015\nOO RUEHWEB\n\nDE RUEHFRA #2440 1581725\nZNY CCCCC ZZH ZUI RUEWMCE1074 1581702\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "");
        assert_eq!(
            routing,
            Routing {
                start_of_message: Some(Cow::Borrowed("VZCZCXYZ0015")),
                routing_lines: cows(&["OO RUEHWEB"]),
                station: Some(StationLine {
                    station: Cow::Borrowed("RUEHFRA"),
                    serial: Some(2440),
                    section: None,
                    filed: Some(Cow::Borrowed("1581725")),
                }),
                transmission: Some(Cow::Borrowed("ZNY CCCCC ZZH ZUI RUEWMCE1074 1581702")),
                span: Some(0..input.len()),
                ..Routing::default()
            }
        );
    }

    #[test]
    fn old_distribution_block() {
        // wikileaks-html/00HARARE6677, after the WikiLeaks note.
        let input = "291359Z Nov 00\n\n\n                           CONFIDENTIAL     PTQ1859\n\n\
                     PAGE 01        HARARE  06677  01 OF 03  291400Z \nACTION AF-00    \n\n\
                     INFO  LOG-00   NP-00    AID-00   ACQ-00   CEA-01   CIAE-00  COME-00  \n\
                     \x20     SAS-00   SWCI-00    /012W\n\
                     \x20                 ------------------A54E38  291401Z /38    \n\
                     FM AMEMBASSY HARARE\nTO SECSTATE WASHDC IMMEDIATE 7738\n\
                     INFO NSC WASHDC IMMEDIATE\nSOUTHERN AFRICAN DEVELOPMENT COMMUNITY\n\
                     Wednesday, 29 November 2000, 13:59\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "Wednesday, 29 November 2000, 13:59\n");
        assert_eq!(
            routing,
            Routing {
                date_time_group: Some(dtg(2000, 11, 29, 13, 59)),
                from: Some(to(None, "AMEMBASSY HARARE", None, None)),
                to: vec![to(None, "SECSTATE WASHDC", Some("IMMEDIATE"), Some(7738))],
                info: vec![
                    to(None, "NSC WASHDC", Some("IMMEDIATE"), None),
                    to(None, "SOUTHERN AFRICAN DEVELOPMENT COMMUNITY", None, None),
                ],
                distribution: cows(&[
                    "CONFIDENTIAL     PTQ1859",
                    "PAGE 01        HARARE  06677  01 OF 03  291400Z",
                    "ACTION AF-00",
                    "INFO  LOG-00   NP-00    AID-00   ACQ-00   CEA-01   CIAE-00  COME-00",
                    "SAS-00   SWCI-00    /012W",
                    "------------------A54E38  291401Z /38",
                ]),
                span: Some(0..input.len() - rest.len()),
                ..Routing::default()
            }
        );
    }

    #[test]
    fn classification_banner_above_the_header() {
        // wikileaks-html/09STATE100153
        let input = "UNCLASSIFIED   STATE   00100153 \nO 251814Z SEP 09\nFM SECSTATE WASHDC\n\
                     TO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE IMMEDIATE\n\
                     RUEHTRO/AMEMBASSY TRIPOLI IMMEDIATE 9888\n\
                     UNCLAS SECTION 01 OF 02 STATE 100153 \n \nSENSITIVE \n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(
            rest,
            "UNCLAS SECTION 01 OF 02 STATE 100153 \n \nSENSITIVE \n"
        );
        assert_eq!(
            routing,
            Routing {
                precedence: Some(Cow::Borrowed("O")),
                date_time_group: Some(dtg(2009, 9, 25, 18, 14)),
                from: Some(to(None, "SECSTATE WASHDC", None, None)),
                to: vec![
                    to(
                        None,
                        "ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE",
                        Some("IMMEDIATE"),
                        None
                    ),
                    to(
                        Some("RUEHTRO"),
                        "AMEMBASSY TRIPOLI",
                        Some("IMMEDIATE"),
                        Some(9888)
                    ),
                ],
                distribution: cows(&["UNCLASSIFIED   STATE   00100153"]),
                span: Some(0..input.len() - rest.len()),
                ..Routing::default()
            }
        );
        // A classification line after a DTG-only header is the body's, not a banner.
        let input =
            "201247Z Jan 04\nC o n f i d e n t i a l section 01 of 04 ankara 000348\n\nSipdis\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(
            rest,
            "C o n f i d e n t i a l section 01 of 04 ankara 000348\n\nSipdis\n"
        );
        assert_eq!(routing.distribution, Vec::<Cow<'_, str>>::new());
    }

    #[test]
    fn nnnn_and_xmt() {
        let input = "P 191717Z JUN 09\nFM SECSTATE WASHDC\nTO SECURITY OFFICER COLLECTIVE PRIORITY\nINFO AMCONSUL CASABLANCA PRIORITY\nXMT AMCONSUL JOHANNESBURG\nNNNN\nS E C R E T STATE 063860\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "S E C R E T STATE 063860\n");
        assert_eq!(routing.distribution, cows(&["NNNN"]));
        assert_eq!(
            routing.info,
            vec![to(None, "AMCONSUL CASABLANCA", Some("PRIORITY"), None)]
        );
        assert_eq!(
            routing.excluded,
            vec![to(None, "AMCONSUL JOHANNESBURG", None, None)]
        );
    }

    #[test]
    fn no_header() {
        for input in [
            "C O N F I D E N T I A L SECTION 01 OF 02 MADRID 002215\n\nSIPDIS\n",
            "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n201247Z Jan 04\n",
            "E.O. 12958: N/A\n",
            "SECRETARY RICE SAID\n",
            "",
        ] {
            assert_eq!(routing_header(input), Ok((input, Routing::default())), "{input}");
        }
        let input = "\n \nSIPDIS\n";
        assert_eq!(routing_header(input), Ok(("SIPDIS\n", Routing::default())));
    }

    #[test]
    fn stops_before_body_lines() {
        let input = "O 130854Z AUG 09\nFM AMEMBASSY ULAANBAATAR\nTO SECSTATE WASHDC IMMEDIATE 2981\n\nSIPDIS\nDEPT FOR EAP/CM\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "\nSIPDIS\nDEPT FOR EAP/CM\n");
        assert_eq!(routing.span, Some(0..input.len() - rest.len()));
        let input = "O 130854Z AUG 09\nFM AMEMBASSY X\nTO SECSTATE WASHDC 2981\nDEPT FOR EAP/CM\nE.O. 12958: N/A\n";
        let (rest, _) = routing_header(input).expect("header");
        assert_eq!(rest, "DEPT FOR EAP/CM\nE.O. 12958: N/A\n");
        let input = "O 130854Z AUG 09\nFM AMEMBASSY X\nTO SECSTATE WASHDC 2981\nTAGS PGOV, PREL\n";
        let (rest, _) = routing_header(input).expect("header");
        assert_eq!(rest, "TAGS PGOV, PREL\n");
    }

    #[test]
    fn caveats_are_not_addressees() {
        let input = "R 131433Z JUN 08\nFM AMEMBASSY CHISINAU\nTO SECSTATE WASHDC 6767\nSENSITIVE\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "SENSITIVE\n");
        assert_eq!(
            routing.to,
            vec![to(None, "SECSTATE WASHDC", None, Some(6767))]
        );
        let _ = Caveat::Sipdis;
    }

    #[test]
    fn xmt_lines_name_excluded_addressees() {
        // 09STATE63860's list, with a page break of an old teletype inside TO.
        let input =
            "P 191717Z JUN 09\nFM SECSTATE WASHDC\nTO SECURITY OFFICER COLLECTIVE PRIORITY\n\
                     PAGE 02 STATE 063860 191717Z\nAMEMBASSY TRIPOLI PRIORITY\n\
                     INFO AMCONSUL CASABLANCA PRIORITY\nXMT AMCONSUL JOHANNESBURG\n\
                     AMCONSUL DURBAN\nUNCLAS STATE 063860\n";
        let (rest, routing) = routing_header(input).expect("header");
        assert_eq!(rest, "UNCLAS STATE 063860\n");
        assert_eq!(
            routing,
            Routing {
                precedence: Some(Cow::Borrowed("P")),
                date_time_group: Some(dtg(2009, 6, 19, 17, 17)),
                from: Some(to(None, "SECSTATE WASHDC", None, None)),
                to: vec![
                    to(None, "SECURITY OFFICER COLLECTIVE", Some("PRIORITY"), None),
                    to(None, "AMEMBASSY TRIPOLI", Some("PRIORITY"), None),
                ],
                info: vec![to(None, "AMCONSUL CASABLANCA", Some("PRIORITY"), None)],
                excluded: vec![
                    to(None, "AMCONSUL JOHANNESBURG", None, None),
                    to(None, "AMCONSUL DURBAN", None, None),
                ],
                distribution: cows(&["PAGE 02 STATE 063860 191717Z"]),
                span: Some(0..input.len() - rest.len()),
                ..Routing::default()
            }
        );
    }

    #[test]
    fn date_time_groups() {
        let moment = |text| date_time_group(text).map(|(rest, group)| (rest, group.date()));
        assert_eq!(
            moment("292049Z JAN 10"),
            Ok(("", Some(dtg(2010, 1, 29, 20, 49))))
        );
        assert_eq!(
            moment("281848Z DEC 66"),
            Ok(("", Some(dtg(1966, 12, 28, 18, 48))))
        );
        assert_eq!(
            moment("010000Z JAN 65"),
            Ok(("", Some(dtg(2065, 1, 1, 0, 0))))
        );
        assert!(date_time_group("321200Z JAN 10").is_err());
        assert!(date_time_group("121275Z JAN 10").is_err());
        assert!(date_time_group("121200Z FOO 10").is_err());
    }

    #[test]
    fn a_group_naming_no_real_day_is_kept_as_written() {
        let (_, routing) =
            routing_header("O 310000Z FEB 09\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 0001\n")
                .unwrap();
        assert_eq!(
            routing,
            Routing {
                precedence: Some(Cow::Borrowed("O")),
                date_time_group: None,
                unreal_date_time_group: Some(Cow::Borrowed("310000Z FEB 09")),
                from: Some(to(None, "AMEMBASSY LIMA", None, None)),
                to: vec![to(None, "SECSTATE WASHDC", None, Some(1))],
                span: Some(0..59),
                ..Routing::default()
            }
        );
    }
}
