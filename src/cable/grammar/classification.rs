//! Classification line, caveat lines and page headers.
//!
//! The classification line opens a cable and each of its sections
//! (`S E C R E T SECTION 01 OF 05 MEXICO 000083`); caveat lines hold only handling
//! caveats (`SIPDIS`, `NOFORN`); page headers repeat post and serial on every page of a
//! multi-section body (`MEXICO 00000083 002 OF 005`).
//!
//! Level words are matched letter by letter with at most one space between letters and
//! without regard to case, so `S E C R E T`, `SE C R E T`, `SECRET` and
//! `C o n f i d e n t i a l` all read as levels; a level must end at a word boundary, so
//! `SECRETARY` is no level.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{eof, map, map_res, opt, recognize, value, verify};
use nom::error::{Error, ErrorKind};
use nom::multi::many0;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use crate::cable::model::{Caveat, Classification, ClassificationLine, Level, PageHeader};

/// Builds a nom error at `input`.
pub(crate) fn fail<T>(input: &str, kind: ErrorKind) -> IResult<&str, T> {
    Err(nom::Err::Error(Error::new(input, kind)))
}

/// The end of a line: trailing spaces and tabs, an optional trailing backslash (some
/// reposts end every line with ` \`), then `\n` or the end of input.
pub(crate) fn line_end(input: &str) -> IResult<&str, ()> {
    let (input, _) = take_while(|c| c == ' ' || c == '\t').parse(input)?;
    let (input, _) = opt(terminated(char('\\'), space0)).parse(input)?;
    value((), alt((tag("\n"), tag("\r\n"), eof))).parse(input)
}

/// The text of the first line of `input`, without its `\n`.
pub(crate) fn first_line(input: &str) -> &str {
    input.split_once('\n').map_or(input, |(line, _)| line)
}

/// True if the next character ends a word: end of input, space, slash, punctuation.
fn at_boundary(input: &str) -> bool {
    input.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Matches `word` letter by letter, case-insensitively, with at most one space between
/// two letters (`S E C R E T`, `SECRET`, `SE C R E T`), and requires a word boundary
/// after it. Returns the text as written.
pub(crate) fn spaced_word<'a>(word: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |input: &'a str| {
        let mut rest = input;
        for (index, expected) in word.chars().enumerate() {
            if index > 0 {
                if let Some(after_space) = rest.strip_prefix(' ') {
                    rest = after_space;
                }
            }
            match rest.chars().next() {
                Some(c) if c.eq_ignore_ascii_case(&expected) => {
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                }
                _ => return fail(input, ErrorKind::Tag),
            }
        }
        if !at_boundary(rest) {
            return fail(input, ErrorKind::Tag);
        }
        let consumed = input.len() - rest.len();
        Ok((rest, input.get(..consumed).unwrap_or_default()))
    }
}

/// A classification level word, with the caveat it implies (`LIMITED OFFICIAL USE`).
fn level(input: &str) -> IResult<&str, (Level, Option<Caveat>)> {
    alt((
        value(
            (Level::TopSecret, None),
            (spaced_word("TOP"), space1, spaced_word("SECRET")),
        ),
        value((Level::Secret, None), spaced_word("SECRET")),
        value((Level::Confidential, None), spaced_word("CONFIDENTIAL")),
        value((Level::Unclassified, None), spaced_word("UNCLASSIFIED")),
        value((Level::Unclassified, None), spaced_word("UNCLAS")),
        value(
            (
                Level::SensitiveButUnclassified,
                Some(Caveat::LimitedOfficialUse),
            ),
            (
                spaced_word("LIMITED"),
                space1,
                spaced_word("OFFICIAL"),
                space1,
                spaced_word("USE"),
            ),
        ),
    ))
    .parse(input)
}

/// Words after `REL TO` / `RELEASABLE TO`: the rest of the line.
fn release_list(input: &str) -> IResult<&str, Caveat> {
    let (rest, list) = take_while1(|c: char| c != '\n').parse(input)?;
    let list = list.trim_end().trim_end_matches('\\').trim_end();
    if list.is_empty() {
        return fail(input, ErrorKind::TakeWhile1);
    }
    Ok((rest, Caveat::ReleasableTo(list.to_owned())))
}

/// One handling caveat as written on a classification or caveat line.
pub(crate) fn caveat(input: &str) -> IResult<&str, Caveat> {
    alt((
        preceded(
            (
                alt((spaced_word("RELEASABLE"), spaced_word("REL"))),
                space1,
                spaced_word("TO"),
                space1,
            ),
            release_list,
        ),
        value(
            Caveat::SensitiveButUnclassified,
            (
                spaced_word("SENSITIVE"),
                space1,
                spaced_word("BUT"),
                space1,
                spaced_word("UNCLASSIFIED"),
            ),
        ),
        value(
            Caveat::ForOfficialUseOnly,
            (
                spaced_word("FOR"),
                space1,
                spaced_word("OFFICIAL"),
                space1,
                spaced_word("USE"),
                space1,
                spaced_word("ONLY"),
            ),
        ),
        map(
            recognize((spaced_word("DEA"), space1, spaced_word("SENSITIVE"))),
            |_| Caveat::Other("DEA SENSITIVE".to_owned()),
        ),
        value(Caveat::Noforn, spaced_word("NOFORN")),
        value(Caveat::Sipdis, spaced_word("SIPDIS")),
        value(Caveat::Exdis, spaced_word("EXDIS")),
        value(Caveat::Nodis, spaced_word("NODIS")),
        value(Caveat::Limdis, spaced_word("LIMDIS")),
        value(Caveat::Stadis, spaced_word("STADIS")),
        value(Caveat::SensitiveButUnclassified, spaced_word("SENSITIVE")),
        value(Caveat::SensitiveButUnclassified, spaced_word("SBU")),
        value(Caveat::ForOfficialUseOnly, spaced_word("FOUO")),
        value(Caveat::Efto, spaced_word("EFTO")),
        other_caveat,
    ))
    .parse(input)
}

/// Rarer control markings kept as written: `ORCON`, `PROPIN`, `FGI`, `TERREP`, `AIDAC`.
fn other_caveat(input: &str) -> IResult<&str, Caveat> {
    const OTHERS: [&str; 7] = [
        "ORCON",
        "PROPIN",
        "FGI",
        "TERREP",
        "AIDAC",
        "NOCONTRACT",
        "WNINTEL",
    ];
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(input)?;
    match OTHERS.iter().find(|other| other.eq_ignore_ascii_case(word)) {
        Some(other) if at_boundary(rest) => Ok((rest, Caveat::Other((*other).to_owned()))),
        _ => fail(input, ErrorKind::Tag),
    }
}

/// What separates caveats on a classification line: spaces or one or two slashes.
fn caveat_separator(input: &str) -> IResult<&str, &str> {
    alt((
        recognize((space0, alt((tag("//"), tag("/"))), space0)),
        space1,
    ))
    .parse(input)
}

fn number(input: &str) -> IResult<&str, u32> {
    map_res(digit1, str::parse::<u32>).parse(input)
}

/// `SECTION 01 OF 05`.
fn section(input: &str) -> IResult<&str, (u32, u32)> {
    let (input, _) = tag_no_case("SECTION").parse(input)?;
    let (input, part) = preceded(space1, number).parse(input)?;
    let (input, _) = (space1, tag_no_case("OF"), space1).parse(input)?;
    let (input, of) = number.parse(input)?;
    Ok((input, (part, of)))
}

/// A word of a post name: letters, with `.`, `-`, `'` inside (`ST. PETERSBURG`).
fn post_word(input: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c: char| c.is_alphabetic() || c == '.' || c == '-' || c == '\''),
        |word: &str| word.chars().next().is_some_and(char::is_alphabetic),
    )
    .parse(input)
}

/// A serial number: 3 to 8 digits ending at a word boundary.
fn serial(input: &str) -> IResult<&str, u32> {
    let (rest, digits) = take_while_m_n(3, 8, |c: char| c.is_ascii_digit()).parse(input)?;
    match digits.parse::<u32>() {
        Ok(n) if at_boundary(rest) => Ok((rest, n)),
        _ => fail(input, ErrorKind::Digit),
    }
}

/// `MEXICO 000083`, `USUN NEW YORK 000300`: one or more words, then the serial.
fn post_and_serial(input: &str) -> IResult<&str, (&str, u32)> {
    let mut rest = input;
    for _ in 0..8 {
        let (after_word, _) = post_word(rest)?;
        let end = input.len() - after_word.len();
        let (after_space, _) = space1(after_word)?;
        if let Ok((after_serial, n)) = serial(after_space) {
            let post = input.get(..end).unwrap_or_default();
            return Ok((after_serial, (post, n)));
        }
        rest = after_space;
    }
    fail(input, ErrorKind::Many1)
}

/// The old teletype form after the level: `PAGE 02 BONN 31258 01 OF 02 121212Z`.
fn page_prefix(input: &str) -> IResult<&str, u32> {
    preceded((tag("PAGE"), space1), number).parse(input)
}

/// A two-digit year printed before the post in some old cables
/// (`C O N F I D E N T I A L 75 LIBREVILLE 1895`); it is skipped.
fn year_prefix(input: &str) -> IResult<&str, &str> {
    terminated(take_while_m_n(2, 2, |c: char| c.is_ascii_digit()), space1).parse(input)
}

/// `01 OF 02` after the serial in old page lines.
fn trailing_part(input: &str) -> IResult<&str, (u32, u32)> {
    let (input, part) = number(input)?;
    let (input, _) = (space1, tag_no_case("OF"), space1).parse(input)?;
    let (input, of) = number(input)?;
    Ok((input, (part, of)))
}

/// A date-time-group token `121212Z`.
fn dtg_token(input: &str) -> IResult<&str, &str> {
    terminated(
        take_while_m_n(6, 6, |c: char| c.is_ascii_digit()),
        char('Z'),
    )
    .parse(input)
}

/// The line that opens a cable and each of its sections.
///
/// Grammar: level word(s), caveats, optional `SECTION nn OF nn`, optional post and
/// serial, caveats, end of line. A line with a post and serial may go on, after two or
/// more spaces, with other text (a header squeezed onto one line); that text is left as
/// remaining input. Without post and serial the line must hold only level and caveats
/// (`SECRET//NOFORN`, `CONFIDENTIAL`), so body sentences that begin with
/// `SECRET`/`CONFIDENTIAL` do not match.
pub fn classification_line<'a>(input: &'a str) -> IResult<&'a str, ClassificationLine<'a>> {
    let (input, _) = space0(input)?;
    let (input, (level, implied)) = level(input)?;
    let mut caveats: Vec<Caveat> = implied.into_iter().collect();
    let (input, before) = many0(preceded(caveat_separator, caveat)).parse(input)?;
    caveats.extend(before);
    let (input, section) = opt(preceded(space1, section)).parse(input)?;
    let (input, old_page) = opt(preceded(space1, page_prefix)).parse(input)?;
    let (input, post) = opt(preceded((space1, opt(year_prefix)), post_and_serial)).parse(input)?;
    let (input, part) = if post.is_some() && old_page.is_some() {
        opt(preceded(space1, trailing_part)).parse(input)?
    } else {
        (input, None)
    };
    let (input, _) = if post.is_some() {
        opt(preceded(space1, dtg_token)).parse(input)?
    } else {
        (input, None)
    };
    let (input, after) = many0(preceded(caveat_separator, caveat)).parse(input)?;
    caveats.extend(after);
    let rest = match line_end(input) {
        Ok((rest, ())) => rest,
        Err(error) => {
            // A header squeezed onto one line: keep the rest for the next parser. Two
            // spaces part it from the line, or a header field opens right after it
            // (`... STATE 001234 SIPDIS E.O. 12958: DECL: ...`).
            let next = first_line(input).trim();
            let glued = post.is_some()
                && !next.is_empty()
                && (input.starts_with("  ")
                    || (input.starts_with(' ') && super::fields::field_kind(next).is_some()));
            if !glued {
                return Err(error);
            }
            input.trim_start_matches(' ')
        }
    };
    let (post, serial) = match post {
        Some((post, serial)) => (Some(Cow::Borrowed(post)), Some(serial)),
        None => (None, None),
    };
    Ok((
        rest,
        ClassificationLine {
            classification: Classification {
                level: Some(level),
                caveats,
            },
            section: section.or(part),
            post,
            serial,
        },
    ))
}

/// A line that holds only handling caveats: `SIPDIS`, `NOFORN SIPDIS`,
/// `SENSITIVE BUT UNCLASSIFIED`, `FOR OFFICIAL USE ONLY`, `E F T O`, `REL TO USA, GBR`.
///
/// Corrected-copy notices (`C O R R E C T E D  C O P Y - CAPTION ADDED`) are not
/// caveats; see [`corrected_copy_line`]. A line with a level (`SECRET/NOFORN`) is a
/// classification line, not a caveat line.
pub fn caveat_line(input: &str) -> IResult<&str, Vec<Caveat>> {
    let (input, _) = space0(input)?;
    let (input, first) = caveat(input)?;
    let (input, more) = many0(preceded(caveat_separator, caveat)).parse(input)?;
    let (input, ()) = line_end(input)?;
    let mut caveats = vec![first];
    caveats.extend(more);
    Ok((input, caveats))
}

/// `C O R R E C T E D  C O P Y - CAPTION ADDED`, `C O R R E C T E D COPY (TEXT)`: a
/// notice that this is a corrected retransmission. Returns what was corrected as written
/// (`CAPTION ADDED`, `(TEXT)`), empty if nothing is said.
pub fn corrected_copy_line<'a>(input: &'a str) -> IResult<&'a str, Cow<'a, str>> {
    let (input, _) = space0(input)?;
    let (input, _) = spaced_word("CORRECTED")(input)?;
    let (input, _) = space1(input)?;
    let (input, _) = spaced_word("COPY")(input)?;
    let (input, what) = take_while(|c| c != '\n').parse(input)?;
    let (input, ()) = line_end(input)?;
    let what = what.trim().trim_end_matches('\\').trim();
    let what = what.strip_prefix('-').unwrap_or(what).trim_start();
    Ok((input, Cow::Borrowed(what)))
}

/// A post as written in a page header: words of letters, possibly cut short
/// (`USUN NEW Y`, `PORT AU PR`).
fn page_post(input: &str) -> IResult<&str, &str> {
    recognize((post_word, many0((space1, post_word)))).parse(input)
}

/// `002`, `001.2`: the page number; a `.n` suffix is read and dropped.
fn page_number(input: &str) -> IResult<&str, u32> {
    terminated(number, opt((char('.'), digit1))).parse(input)
}

/// A page header inside a multi-section body: `MEXICO 00000083 002 OF 005`,
/// `USUN NEW Y 00000300 002 OF 002`, `NEW DELHI 00005135 001.2 OF 002`.
///
/// The serial is the eight-digit zero-padded form. A page written `001.2` is read as page
/// 1: the suffix marks a continuation of that page (it follows the subject block of the
/// first section), not a new page count.
pub fn page_header<'a>(input: &'a str) -> IResult<&'a str, PageHeader<'a>> {
    let (input, _) = space0(input)?;
    let (input, post) = page_post(input)?;
    let (input, _) = space1(input)?;
    let (input, serial) = map_res(
        take_while_m_n(8, 8, |c: char| c.is_ascii_digit()),
        str::parse::<u32>,
    )
    .parse(input)?;
    let (input, _) = space1(input)?;
    let (input, page) = page_number(input)?;
    let (input, _) = (space1, tag_no_case("OF"), space1).parse(input)?;
    let (input, pages) = number(input)?;
    let (input, ()) = line_end(input)?;
    Ok((
        input,
        PageHeader {
            post: Cow::Borrowed(post),
            serial,
            page,
            pages,
        },
    ))
}

/// The page line of old teletype cables: `PAGE 02 VATICA 01261 061419Z`,
/// `PAGE 01 HARARE 06677 01 OF 03 291400Z`,
/// `PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440`. Returns the line as
/// written (trimmed). Text glued after the date-time group (retyped pages) is left as
/// remaining input.
pub fn teletype_page_line(input: &str) -> IResult<&str, &str> {
    let (after_space, _) = space0(input)?;
    let (rest, _) = (
        tag("PAGE"),
        space1,
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        space1,
    )
        .parse(after_space)?;
    let line = first_line(rest);
    // Either a date-time group token or a classification follows the post.
    let mut offset = 0;
    for word in line.split(' ') {
        let at = rest.get(offset..).unwrap_or_default();
        if !word.is_empty() {
            if let Ok((after, _)) = dtg_token(at) {
                if at_boundary(after) {
                    let end = after_space.len() - after.len();
                    let text = after_space.get(..end).unwrap_or_default();
                    let after = match line_end(after) {
                        Ok((next, ())) => next,
                        Err(_) => after.trim_start_matches(' '),
                    };
                    return Ok((after, text.trim_end()));
                }
            }
            if let Ok((after, found)) = classification_line(at) {
                if found.post.is_some() {
                    let end = after_space.len() - after.len();
                    let text = after_space.get(..end).unwrap_or_default();
                    return Ok((after, text.trim_end()));
                }
            }
        }
        offset += word.len() + 1;
    }
    fail(input, ErrorKind::Verify)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(
        level: Level,
        caveats: Vec<Caveat>,
        section: Option<(u32, u32)>,
        post: Option<&'static str>,
        serial: Option<u32>,
    ) -> ClassificationLine<'static> {
        ClassificationLine {
            classification: Classification {
                level: Some(level),
                caveats,
            },
            section,
            post: post.map(Cow::Borrowed),
            serial,
        }
    }

    #[test]
    fn spaced_secret_with_section() {
        let parsed = classification_line("S E C R E T SECTION 01 OF 05 MEXICO 000083 \nnext");
        assert_eq!(
            parsed,
            Ok((
                "next",
                line(
                    Level::Secret,
                    vec![],
                    Some((1, 5)),
                    Some("MEXICO"),
                    Some(83)
                )
            ))
        );
    }

    #[test]
    fn spaced_confidential_state() {
        assert_eq!(
            classification_line("C O N F I D E N T I A L STATE 012345"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    None,
                    Some("STATE"),
                    Some(12345)
                )
            ))
        );
    }

    #[test]
    fn unspaced_confidential_section() {
        assert_eq!(
            classification_line("CONFIDENTIAL SECTION 02 OF 03 PARIS 001234\n"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    Some((2, 3)),
                    Some("PARIS"),
                    Some(1234)
                )
            ))
        );
    }

    #[test]
    fn unclas_state() {
        assert_eq!(
            classification_line("UNCLAS STATE 001400 \n \nSIPDIS \n"),
            Ok((
                " \nSIPDIS \n",
                line(Level::Unclassified, vec![], None, Some("STATE"), Some(1400))
            ))
        );
    }

    #[test]
    fn unclas_section() {
        assert_eq!(
            classification_line("UNCLAS SECTION 01 OF 02 BOGOTA 001165 "),
            Ok((
                "",
                line(
                    Level::Unclassified,
                    vec![],
                    Some((1, 2)),
                    Some("BOGOTA"),
                    Some(1165)
                )
            ))
        );
    }

    #[test]
    fn unclas_efto() {
        assert_eq!(
            classification_line("UNCLAS E F T O SANAA 001621 \n"),
            Ok((
                "",
                line(
                    Level::Unclassified,
                    vec![Caveat::Efto],
                    None,
                    Some("SANAA"),
                    Some(1621)
                )
            ))
        );
    }

    #[test]
    fn unclassified_two_word_post() {
        assert_eq!(
            classification_line("UNCLASSIFIED BUENOS AIRES 2481 \n"),
            Ok((
                "",
                line(
                    Level::Unclassified,
                    vec![],
                    None,
                    Some("BUENOS AIRES"),
                    Some(2481)
                )
            ))
        );
    }

    #[test]
    fn limited_official_use() {
        assert_eq!(
            classification_line("LIMITED OFFICIAL USE BOGOTA 001234\n"),
            Ok((
                "",
                line(
                    Level::SensitiveButUnclassified,
                    vec![Caveat::LimitedOfficialUse],
                    None,
                    Some("BOGOTA"),
                    Some(1234)
                )
            ))
        );
    }

    #[test]
    fn many_word_posts() {
        assert_eq!(
            classification_line("S E C R E T NEW DELHI 005135"),
            Ok((
                "",
                line(Level::Secret, vec![], None, Some("NEW DELHI"), Some(5135))
            ))
        );
        assert_eq!(
            classification_line("C O N F I D E N T I A L USUN NEW YORK 000300"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    None,
                    Some("USUN NEW YORK"),
                    Some(300)
                )
            ))
        );
        assert_eq!(
            classification_line("C O N F I D E N T I A L BANDAR SERI BEGAWAN 000112 \n"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    None,
                    Some("BANDAR SERI BEGAWAN"),
                    Some(112)
                )
            ))
        );
        assert_eq!(
            classification_line("S E C R E T SECTION 01 OF 02 USNATO 000123"),
            Ok((
                "",
                line(
                    Level::Secret,
                    vec![],
                    Some((1, 2)),
                    Some("USNATO"),
                    Some(123)
                )
            ))
        );
    }

    #[test]
    fn level_and_caveats_only() {
        assert_eq!(
            classification_line("SECRET//NOFORN\n"),
            Ok((
                "",
                line(Level::Secret, vec![Caveat::Noforn], None, None, None)
            ))
        );
        assert_eq!(
            classification_line("SECRET/NOFORN \n"),
            Ok((
                "",
                line(Level::Secret, vec![Caveat::Noforn], None, None, None)
            ))
        );
        assert_eq!(
            classification_line("SECRET//FGI//NOFORN\n"),
            Ok((
                "",
                line(
                    Level::Secret,
                    vec![Caveat::Other("FGI".to_owned()), Caveat::Noforn],
                    None,
                    None,
                    None
                )
            ))
        );
        assert_eq!(
            classification_line(" CONFIDENTIAL\n\nPAGE 02"),
            Ok((
                "\nPAGE 02",
                line(Level::Confidential, vec![], None, None, None)
            ))
        );
    }

    #[test]
    fn caveats_before_and_after_post() {
        assert_eq!(
            classification_line("CONFIDENTIAL NOFORN LONDON 1234"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![Caveat::Noforn],
                    None,
                    Some("LONDON"),
                    Some(1234)
                )
            ))
        );
        assert_eq!(
            classification_line("S E C R E T ROME 001234 NOFORN"),
            Ok((
                "",
                line(
                    Level::Secret,
                    vec![Caveat::Noforn],
                    None,
                    Some("ROME"),
                    Some(1234)
                )
            ))
        );
        assert_eq!(
            classification_line("UNCLAS SECTION 01 OF 02 BRUSSELS 001234 SIPDIS"),
            Ok((
                "",
                line(
                    Level::Unclassified,
                    vec![Caveat::Sipdis],
                    Some((1, 2)),
                    Some("BRUSSELS"),
                    Some(1234)
                )
            ))
        );
    }

    #[test]
    fn unspaced_secret_state() {
        assert_eq!(
            classification_line("SECRET STATE 302065"),
            Ok((
                "",
                line(Level::Secret, vec![], None, Some("STATE"), Some(302065))
            ))
        );
    }

    #[test]
    fn top_secret() {
        assert_eq!(
            classification_line("TOP SECRET STATE 000123"),
            Ok((
                "",
                line(Level::TopSecret, vec![], None, Some("STATE"), Some(123))
            ))
        );
    }

    #[test]
    fn old_page_form() {
        assert_eq!(
            classification_line("CONFIDENTIAL PAGE 02 BONN 31258 01 OF 02 121212Z\n"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    Some((1, 2)),
                    Some("BONN"),
                    Some(31258)
                )
            ))
        );
    }

    #[test]
    fn irregular_spacing_and_case() {
        assert_eq!(
            classification_line("SE C R E T TUNIS 000492"),
            Ok((
                "",
                line(Level::Secret, vec![], None, Some("TUNIS"), Some(492))
            ))
        );
        assert_eq!(
            classification_line("CO N F I D E N T I A L SECTION 01 OF 02 PARIS 004760"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    Some((1, 2)),
                    Some("PARIS"),
                    Some(4760)
                )
            ))
        );
        assert_eq!(
            classification_line("C o n f i d e n t i a l section 01 of 04 ankara 000348\n"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    Some((1, 4)),
                    Some("ankara"),
                    Some(348)
                )
            ))
        );
        assert_eq!(
            classification_line("C O N F I D E N T I A L        ABU DHABI 02641\n"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    None,
                    Some("ABU DHABI"),
                    Some(2641)
                )
            ))
        );
    }

    #[test]
    fn padded_serial_and_wide_spacing() {
        // The banner above the header of wikileaks-html/09STATE100153.
        assert_eq!(
            classification_line("UNCLASSIFIED   STATE   00100153 \nO 251814Z SEP 09\n"),
            Ok((
                "O 251814Z SEP 09\n",
                line(
                    Level::Unclassified,
                    vec![],
                    None,
                    Some("STATE"),
                    Some(100_153)
                )
            ))
        );
    }

    #[test]
    fn year_before_post_is_skipped() {
        assert_eq!(
            classification_line("C O N F I D E N T I A L 75 LIBREVILLE 1895 \n"),
            Ok((
                "",
                line(
                    Level::Confidential,
                    vec![],
                    None,
                    Some("LIBREVILLE"),
                    Some(1895)
                )
            ))
        );
    }

    #[test]
    fn header_squeezed_onto_one_line_leaves_the_rest() {
        let input =
            "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 000228  SIPDIS  STATE FOR EUR/RUS\n";
        assert_eq!(
            classification_line(input),
            Ok((
                "STATE FOR EUR/RUS\n",
                line(
                    Level::Confidential,
                    vec![Caveat::Sipdis],
                    Some((1, 2)),
                    Some("MOSCOW"),
                    Some(228)
                )
            ))
        );
    }

    #[test]
    fn body_sentences_do_not_match() {
        for sentence in [
            "SECRETARY RICE SAID THE TALKS WOULD GO ON.\n",
            "CONFIDENTIAL SOURCES TOLD US THAT 12 MEN\n",
            "SECRET SERVICE AGENTS 12 ARRIVED\n",
            "UNCLASSIFIED VERSION OF THE REPORT 2009 WAS OUT\n",
            "Secretary's speech, however, gave great new energy to the\n",
            "CONFIDENTIALITY IS KEY\n",
            "LIMITED LEGITIMACY IN HIS PLEA FOR LATIN\n",
            "CONFIDENTIAL     PTQ1859\n",
            "SECRET STUFF\n",
        ] {
            assert!(classification_line(sentence).is_err(), "{sentence}");
        }
    }

    #[test]
    fn caveat_lines() {
        assert_eq!(caveat_line("SIPDIS \n"), Ok(("", vec![Caveat::Sipdis])));
        assert_eq!(caveat_line("Sipdis\n"), Ok(("", vec![Caveat::Sipdis])));
        assert_eq!(caveat_line("NOFORN"), Ok(("", vec![Caveat::Noforn])));
        assert_eq!(caveat_line("EXDIS\n"), Ok(("", vec![Caveat::Exdis])));
        assert_eq!(caveat_line("NODIS\n"), Ok(("", vec![Caveat::Nodis])));
        assert_eq!(caveat_line("LIMDIS\n"), Ok(("", vec![Caveat::Limdis])));
        assert_eq!(caveat_line("STADIS\n"), Ok(("", vec![Caveat::Stadis])));
        assert_eq!(
            caveat_line("SENSITIVE \n"),
            Ok(("", vec![Caveat::SensitiveButUnclassified]))
        );
        assert_eq!(
            caveat_line("SENSITIVE BUT UNCLASSIFIED\n"),
            Ok(("", vec![Caveat::SensitiveButUnclassified]))
        );
        assert_eq!(
            caveat_line("SENSITIVE SIPDIS\n"),
            Ok(("", vec![Caveat::SensitiveButUnclassified, Caveat::Sipdis]))
        );
        assert_eq!(
            caveat_line("FOR OFFICIAL USE ONLY \n"),
            Ok(("", vec![Caveat::ForOfficialUseOnly]))
        );
        assert_eq!(
            caveat_line("NOFORN SIPDIS\n"),
            Ok(("", vec![Caveat::Noforn, Caveat::Sipdis]))
        );
        assert_eq!(caveat_line("E F T O\n"), Ok(("", vec![Caveat::Efto])));
        assert_eq!(
            caveat_line("REL TO USA, GBR\n"),
            Ok(("", vec![Caveat::ReleasableTo("USA, GBR".to_owned())]))
        );
        assert_eq!(
            caveat_line("RELEASABLE TO PAKISTAN\n"),
            Ok(("", vec![Caveat::ReleasableTo("PAKISTAN".to_owned())]))
        );
        assert_eq!(
            caveat_line("DEA SENSITIVE\n"),
            Ok(("", vec![Caveat::Other("DEA SENSITIVE".to_owned())]))
        );
        assert_eq!(
            caveat_line("TERREP \n"),
            Ok(("", vec![Caveat::Other("TERREP".to_owned())]))
        );
        assert_eq!(
            caveat_line("SIPDIS \\\nNEXT"),
            Ok(("NEXT", vec![Caveat::Sipdis]))
        );
    }

    #[test]
    fn not_caveat_lines() {
        for text in [
            "DEPT FOR EAP/CM\n",
            "BERLIN FOR CRAIG M. CONWAY \n",
            "SIPDISTRIBUTION\n",
            "SECRET/NOFORN\n",
            "SENSITIVE MATTERS WERE DISCUSSED\n",
            "FOR WHA/AND, WHA/USOAS \n",
            "C O R R E C T E D  C O P Y  - ADDED NOFORN CAPITION\n",
            "E.O. 12958: N/A \n",
        ] {
            assert!(caveat_line(text).is_err(), "{text}");
        }
    }

    #[test]
    fn corrected_copy() {
        assert_eq!(
            corrected_copy_line("C O R R E C T E D  C O P Y  - ADDED NOFORN CAPITION\n"),
            Ok(("", Cow::Borrowed("ADDED NOFORN CAPITION")))
        );
        assert_eq!(
            corrected_copy_line("C O R R E C T E D COPY (TEXT)\nx"),
            Ok(("x", Cow::Borrowed("(TEXT)")))
        );
        assert!(corrected_copy_line("CORRECTED FIGURES FOLLOW\n").is_err());
    }

    fn header(post: &'static str, serial: u32, page: u32, pages: u32) -> PageHeader<'static> {
        PageHeader {
            post: Cow::Borrowed(post),
            serial,
            page,
            pages,
        }
    }

    #[test]
    fn page_headers() {
        assert_eq!(
            page_header("MEXICO 00000083 002 OF 005\nmore"),
            Ok(("more", header("MEXICO", 83, 2, 5)))
        );
        assert_eq!(
            page_header("NEW DELHI 00005135 002 OF 003 \n"),
            Ok(("", header("NEW DELHI", 5135, 2, 3)))
        );
        assert_eq!(
            page_header("NEW DELHI 00005135  001.2 OF 002 \n"),
            Ok(("", header("NEW DELHI", 5135, 1, 2)))
        );
        assert_eq!(
            page_header("STATE 00001400 002 OF 002"),
            Ok(("", header("STATE", 1400, 2, 2)))
        );
        assert_eq!(
            page_header("USUN NEW Y 00000300 002 OF 002\n"),
            Ok(("", header("USUN NEW Y", 300, 2, 2)))
        );
        assert_eq!(
            page_header("TBILISI 00002290  002 OF 006 \\\n"),
            Ok(("", header("TBILISI", 2290, 2, 6)))
        );
        assert_eq!(
            page_header(" UNVIE VIEN 00000279  002.2 OF 003 \n"),
            Ok(("", header("UNVIE VIEN", 279, 2, 3)))
        );
    }

    #[test]
    fn not_page_headers() {
        for text in [
            "PAGE 02 VATICA 01261 061419Z \n",
            "MEXICO 83 002 OF 005\n",
            "IN 2009 00000083 WERE 2 OF 5\n",
            "THE BRASILIA 00000504 002 OF 004 influential Ordem\n",
        ] {
            assert!(page_header(text).is_err(), "{text}");
        }
    }

    #[test]
    fn teletype_pages() {
        assert_eq!(
            teletype_page_line("PAGE 02 VATICA 01261 061419Z \nTO PRESENT"),
            Ok(("TO PRESENT", "PAGE 02 VATICA 01261 061419Z"))
        );
        assert_eq!(
            teletype_page_line("PAGE 01        HARARE  06677  01 OF 03  291400Z \nACTION"),
            Ok(("ACTION", "PAGE 01        HARARE  06677  01 OF 03  291400Z"))
        );
        assert_eq!(
            teletype_page_line(
                "PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440 \nPERSIAN"
            ),
            Ok((
                "PERSIAN",
                "PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440"
            ))
        );
        assert_eq!(
            teletype_page_line("PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER\n"),
            Ok((
                "OPPOSITION LEADER\n",
                "PAGE 02 HARARE 06677 01 OF 03 291400Z"
            ))
        );
        assert!(teletype_page_line("PAGE 2 OF THE REPORT SAYS\n").is_err());
    }
}
