//! The limit language (after neomutt's patterns), shared by the reader's `L` and
//! `cable-reader list --limit`:
//!
//! ```text
//! ~c S            level at least Secret        ~c =C      level exactly Confidential
//! ~c NOFORN       a caveat                     ~o Mexico  origin contains the word(s)
//! ~d 2009-01..2009-06   date range (either end may be left open: ~d 2009.., ~d ..2009-06)
//! ~t PREL         a tag                        ~s words   subject contains
//! ~i 09STATE*     id pattern (* and ?)         ~r 09STATE15113  refers to that cable
//! bare words      subject words                !x  not     x | y  or     (x y)  group
//! ```
//!
//! Juxtaposition is "and" and binds tighter than `|`. A value with spaces is quoted:
//! `~o "Mexico City"`. Every mistake comes with the column it is at.

use std::fmt;

use nom::bytes::complete::{take_till, take_while1, take_while_m_n};
use nom::character::complete::{char, multispace0};
use nom::combinator::{opt, recognize};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::folded::Folded;
use super::summary::{Stamp, Summary};
use crate::cable::Level;

/// A parsed limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// Every part holds (an empty `And` holds for every cable).
    And(Vec<Limit>),
    Or(Vec<Limit>),
    Not(Box<Limit>),
    /// `~c S`
    LevelAtLeast(Level),
    /// `~c =S`
    LevelIs(Level),
    /// `~c NOFORN`, upper case.
    Caveat(String),
    /// `~o Mexico`, found in any case.
    Origin(Folded),
    /// `~d`: both ends inclusive.
    Date {
        from: Option<Stamp>,
        to: Option<Stamp>,
    },
    /// `~t PREL`, upper case.
    Tag(String),
    /// `~s words` or a bare word, found in any case.
    Subject(Folded),
    /// `~i 09STATE*`, upper case.
    Id(String),
    /// `~r 09STATE15113`, upper case.
    References(String),
}

/// A mistake in a limit: where (1-based column, in characters) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for LimitError {}

/// The parser's error: the input left where it went wrong, and what did.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem<'a> {
    at: &'a str,
    message: String,
}

impl<'a> nom::error::ParseError<&'a str> for Problem<'a> {
    fn from_error_kind(at: &'a str, _kind: nom::error::ErrorKind) -> Self {
        Problem {
            at,
            message: "cannot read this".to_owned(),
        }
    }

    fn append(_: &'a str, _: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

type Parsed<'a, T> = IResult<&'a str, T, Problem<'a>>;

fn fail<'a, T>(at: &'a str, message: impl Into<String>) -> Parsed<'a, T> {
    Err(nom::Err::Failure(Problem {
        at,
        message: message.into(),
    }))
}

/// What the pattern letters mean, for messages.
const PATTERNS: &str = "~c level, ~o origin, ~d date, ~t tag, ~s subject, ~i id, ~r reference";

/// The longest limit read.
pub const MAX_CHARS: usize = 1000;

/// Parses a limit. An empty one (only spaces) holds for every cable.
pub fn parse_limit(input: &str) -> Result<Limit, LimitError> {
    let located = |problem: Problem<'_>| {
        let offset = input.len().saturating_sub(problem.at.len());
        LimitError {
            column: input.get(..offset).map_or(1, |s| s.chars().count() + 1),
            message: problem.message,
        }
    };
    if input.trim().is_empty() {
        return Ok(Limit::And(Vec::new()));
    }
    // Parentheses and `!` nest by recursion: a bound on the length bounds the depth.
    if let Some((cut, _)) = input.char_indices().nth(MAX_CHARS) {
        return Err(located(Problem {
            at: input.get(cut..).unwrap_or_default(),
            message: format!("a limit has at most {MAX_CHARS} characters"),
        }));
    }
    let (rest, limit) = or_expr(input).map_err(|error| match error {
        nom::Err::Error(problem) | nom::Err::Failure(problem) => located(problem),
        nom::Err::Incomplete(_) => LimitError {
            column: input.chars().count() + 1,
            message: "the limit ends too soon".to_owned(),
        },
    })?;
    let rest = rest.trim_start();
    if rest.starts_with(')') {
        return Err(located(Problem {
            at: rest,
            message: ") without (".to_owned(),
        }));
    }
    if !rest.is_empty() {
        return Err(located(Problem {
            at: rest,
            message: "unexpected text".to_owned(),
        }));
    }
    Ok(limit)
}

/// `a | b | c`
fn or_expr(input: &str) -> Parsed<'_, Limit> {
    let (mut input, first) = and_expr(input)?;
    let mut parts = vec![first];
    loop {
        let (after_space, _) = multispace0(input)?;
        let Some(after_bar) = after_space.strip_prefix('|') else {
            break;
        };
        let (rest, next) = and_expr(after_bar)?;
        parts.push(next);
        input = rest;
    }
    Ok((input, single_or(parts, Limit::Or)))
}

/// `a b c`: every part holds.
fn and_expr(input: &str) -> Parsed<'_, Limit> {
    let mut parts = Vec::new();
    let mut input = input;
    loop {
        let (after_space, _) = multispace0(input)?;
        if after_space.is_empty() || after_space.starts_with(['|', ')']) {
            if parts.is_empty() {
                return fail(after_space, "a pattern or a word is missing here");
            }
            break;
        }
        let (rest, part) = unary(after_space)?;
        parts.push(part);
        input = rest;
    }
    Ok((input, single_or(parts, Limit::And)))
}

fn single_or(mut parts: Vec<Limit>, many: fn(Vec<Limit>) -> Limit) -> Limit {
    if parts.len() == 1 {
        if let Some(part) = parts.pop() {
            return part;
        }
    }
    many(parts)
}

/// `!x`, `(x)`, a pattern or a word.
fn unary(input: &str) -> Parsed<'_, Limit> {
    if let Some(rest) = input.strip_prefix('!') {
        let (rest, _) = multispace0(rest)?;
        if rest.is_empty() || rest.starts_with(['|', ')']) {
            return fail(input, "! needs a pattern after it");
        }
        let (rest, inner) = unary(rest)?;
        return Ok((rest, Limit::Not(Box::new(inner))));
    }
    if let Some(rest) = input.strip_prefix('(') {
        let (rest, inner) = or_expr(rest)?;
        let (rest, _) = multispace0(rest)?;
        return match rest.strip_prefix(')') {
            Some(rest) => Ok((rest, inner)),
            None => fail(input, "( without )"),
        };
    }
    if input.starts_with('~') {
        return pattern(input);
    }
    let (rest, word) = value(input)?;
    Ok((rest, Limit::Subject(Folded::new(word))))
}

/// A value: a word (up to a space, `|` or a parenthesis) or a quoted string.
fn value(input: &str) -> Parsed<'_, &str> {
    if let Some(rest) = input.strip_prefix('"') {
        let (rest, text) = take_till(|c| c == '"').parse(rest)?;
        return match rest.strip_prefix('"') {
            Some(rest) => Ok((rest, text)),
            None => fail(input, "\" without its closing \""),
        };
    }
    take_while1(|c: char| !c.is_whitespace() && !matches!(c, '(' | ')' | '|' | '"')).parse(input)
}

/// `~c S` and the other patterns.
fn pattern(input: &str) -> Parsed<'_, Limit> {
    let after_tilde = input.get(1..).unwrap_or_default();
    let Some(letter) = after_tilde.chars().next().filter(|c| !c.is_whitespace()) else {
        return fail(input, format!("~ needs a letter: {PATTERNS}"));
    };
    if !"codtsir".contains(letter) {
        return fail(
            after_tilde,
            format!("no pattern ~{letter}; there are {PATTERNS}"),
        );
    }
    let after_letter = after_tilde.get(letter.len_utf8()..).unwrap_or_default();
    let (at_value, _) = multispace0(after_letter)?;
    if at_value.is_empty()
        || at_value.starts_with(['|', ')', '('])
        || at_value.len() == after_letter.len()
    {
        return fail(at_value, format!("~{letter} needs a value after a space"));
    }
    let (rest, text) = value(at_value)?;
    let limit = match letter {
        'c' => classification(at_value, text)?,
        'o' => Limit::Origin(Folded::new(text)),
        'd' => date_range(at_value, text)?,
        't' => Limit::Tag(text.to_uppercase()),
        's' => Limit::Subject(Folded::new(text)),
        'i' => Limit::Id(text.to_uppercase()),
        _ => Limit::References(text.to_uppercase()),
    };
    Ok((rest, limit))
}

/// `S`, `=C`, `NOFORN`; levels by abbreviation or name.
fn classification<'a>(at: &'a str, text: &str) -> Result<Limit, nom::Err<Problem<'a>>> {
    let (exact, name) = match text.strip_prefix('=') {
        Some(name) => (true, name),
        None => (false, text),
    };
    let level = Level::from_abbreviation(name).or_else(|| {
        Level::ALL.into_iter().find(|level| {
            level.banner().eq_ignore_ascii_case(name) && *level != Level::SensitiveButUnclassified
        })
    });
    match (level, exact) {
        (Some(level), true) => Ok(Limit::LevelIs(level)),
        (Some(level), false) => Ok(Limit::LevelAtLeast(level)),
        (None, true) => Err(nom::Err::Failure(Problem {
            at,
            message: format!("~c {text}: no level {name}; levels are U, SBU, C, S, TS"),
        })),
        (None, false) => Ok(Limit::Caveat(name.to_uppercase())),
    }
}

/// `2009-01..2009-06`, `2009..`, `..2009-06-30`, `2009-03`.
fn date_range<'a>(at: &'a str, text: &str) -> Result<Limit, nom::Err<Problem<'a>>> {
    let problem = |message: String| {
        nom::Err::Failure(Problem {
            at,
            message: format!("~d {text}: {message}"),
        })
    };
    let (from, to) = match text.split_once("..") {
        Some((from, to)) => (from, to),
        None => (text, text),
    };
    if from.is_empty() && to.is_empty() {
        return Err(problem("a date is missing on both sides of ..".to_owned()));
    }
    let bound = |written: &str| -> Result<Option<DateParts>, nom::Err<Problem<'a>>> {
        if written.is_empty() {
            return Ok(None);
        }
        let parsed = date_parts(written).map_err(|_| {
            problem(format!(
                "{written} is no date; write YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        })?;
        let (year, month, day) = parsed;
        if let Some(month) = month {
            if !(1..=12).contains(&month) {
                return Err(problem(format!("no month {month}")));
            }
            if let Some(day) = day {
                let last = days_in_month(year, month);
                if day == 0 || day > last {
                    return Err(problem(format!("no day {day} in {year}-{month:02}")));
                }
            }
        }
        Ok(Some(parsed))
    };
    let from = bound(from)?.map(|(year, month, day)| Stamp {
        year,
        month: month.unwrap_or(1),
        day: day.unwrap_or(1),
        hour: 0,
        minute: 0,
    });
    let to = bound(to)?.map(|(year, month, day)| {
        let month = month.unwrap_or(12);
        Stamp {
            year,
            month,
            day: day.unwrap_or_else(|| days_in_month(year, month)),
            hour: 23,
            minute: 59,
        }
    });
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(problem("the range ends before it starts".to_owned()));
        }
    }
    Ok(Limit::Date { from, to })
}

/// Year, month and day as written (month and day may be left out).
type DateParts = (u16, Option<u8>, Option<u8>);

/// `YYYY[-MM[-DD]]`, all of it.
fn date_parts(text: &str) -> Result<DateParts, ()> {
    let digits = |count| take_while_m_n(count, count, |c: char| c.is_ascii_digit());
    type Written<'t> = (&'t str, Option<(&'t str, Option<&'t str>)>);
    let parsed: IResult<&str, Written<'_>> = (
        recognize(digits(4)),
        opt((
            preceded(char('-'), digits(2)),
            opt(preceded(char('-'), digits(2))),
        )),
    )
        .parse(text);
    let Ok(("", (year, rest))) = parsed else {
        return Err(());
    };
    let number = |text: &str| text.parse::<u16>().map_err(|_| ());
    let year = number(year)?;
    let (month, day) = match rest {
        None => (None, None),
        Some((month, day)) => (
            Some(u8::try_from(number(month)?).map_err(|_| ())?),
            day.map(|day| number(day).and_then(|d| u8::try_from(d).map_err(|_| ())))
                .transpose()?,
        ),
    };
    Ok((year, month, day))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl Limit {
    /// Whether the cable summarised in `row` is within the limit.
    pub fn matches(&self, row: &Summary) -> bool {
        match self {
            Limit::And(parts) => parts.iter().all(|part| part.matches(row)),
            Limit::Or(parts) => parts.iter().any(|part| part.matches(row)),
            Limit::Not(inner) => !inner.matches(row),
            Limit::LevelAtLeast(_) | Limit::LevelIs(_) => self.holds_for_level(row.level),
            Limit::Date { .. } => self.holds_for_date(row.date),
            Limit::Caveat(_) => row.caveats.iter().any(|c| self.holds_for_text(c)),
            Limit::Origin(_) => row.origin.iter().any(|o| self.holds_for_text(o)),
            Limit::Tag(_) => row.tags.iter().any(|t| self.holds_for_text(t)),
            Limit::Subject(_) => row.subject.iter().any(|s| self.holds_for_text(s)),
            Limit::Id(_) => row.id.iter().any(|id| self.holds_for_text(id)),
            // The graph's rule (a cable naming itself does not cite itself), so `~r` and
            // the links pane pick the same cables.
            Limit::References(id) => crate::corpus::links::cites(row, id),
        }
    }

    /// The fact of a cable a single pattern reads (`None` for `And`, `Or`, `Not`).
    pub fn fact(&self) -> Option<Fact> {
        Some(match self {
            Limit::And(_) | Limit::Or(_) | Limit::Not(_) => return None,
            Limit::LevelAtLeast(_) | Limit::LevelIs(_) => Fact::Level,
            Limit::Caveat(_) => Fact::Caveats,
            Limit::Origin(_) => Fact::Origin,
            Limit::Date { .. } => Fact::Date,
            Limit::Tag(_) => Fact::Tags,
            Limit::Subject(_) => Fact::Subject,
            Limit::Id(_) => Fact::Id,
            Limit::References(_) => Fact::References,
        })
    }

    /// For a level pattern: whether a cable of `level` is within it.
    pub fn holds_for_level(&self, level: Option<Level>) -> bool {
        match self {
            Limit::LevelAtLeast(wanted) => level.is_some_and(|l| l >= *wanted),
            Limit::LevelIs(wanted) => level == Some(*wanted),
            _ => false,
        }
    }

    /// For a date pattern: whether a cable of `date` is within it.
    pub fn holds_for_date(&self, date: Option<Stamp>) -> bool {
        match self {
            Limit::Date { from, to } => date.is_some_and(|date| {
                from.is_none_or(|from| date >= from) && to.is_none_or(|to| date <= to)
            }),
            _ => false,
        }
    }

    /// For a pattern over a text fact (caveats, origin, tags, subject, id, references):
    /// whether one value of it satisfies the pattern (a cable is within it when any value
    /// does).
    pub fn holds_for_text(&self, value: &str) -> bool {
        match self {
            Limit::Caveat(wanted) | Limit::Tag(wanted) | Limit::References(wanted) => {
                value.eq_ignore_ascii_case(wanted)
            }
            Limit::Origin(words) | Limit::Subject(words) => words.found_in(value),
            Limit::Id(pattern) => glob_matches(pattern.as_bytes(), value.as_bytes()),
            _ => false,
        }
    }

    /// Whether the limit holds for every cable.
    pub fn is_all(&self) -> bool {
        matches!(self, Limit::And(parts) if parts.is_empty())
    }
}

/// The facts of a cable the limit language reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    Level,
    Caveats,
    Origin,
    Date,
    Tags,
    Subject,
    Id,
    References,
}

/// `*` any run, `?` any one byte; ASCII case ignored. Only the last `*` is retried, so it
/// takes at most pattern × text steps (ids are short).
fn glob_matches(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || text.get(t).is_some_and(|b| b.eq_ignore_ascii_case(&c)) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .unwrap_or_default()
        .iter()
        .all(|&c| c == b'*')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stamp(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Stamp {
        Stamp {
            year,
            month,
            day,
            hour,
            minute,
        }
    }

    #[test]
    fn each_pattern() {
        let cases = [
            ("~c S", Limit::LevelAtLeast(Level::Secret)),
            ("~c =C", Limit::LevelIs(Level::Confidential)),
            ("~c secret", Limit::LevelAtLeast(Level::Secret)),
            ("~c NOFORN", Limit::Caveat("NOFORN".into())),
            ("~c noforn", Limit::Caveat("NOFORN".into())),
            ("~o Mexico", Limit::Origin("mexico".into())),
            ("~o \"Mexico City\"", Limit::Origin("mexico city".into())),
            ("~t PREL", Limit::Tag("PREL".into())),
            ("~s words", Limit::Subject("words".into())),
            ("~i 09STATE*", Limit::Id("09STATE*".into())),
            ("~r 09state15113", Limit::References("09STATE15113".into())),
            ("Iran", Limit::Subject("iran".into())),
            (
                "~d 2009-01..2009-06",
                Limit::Date {
                    from: Some(stamp(2009, 1, 1, 0, 0)),
                    to: Some(stamp(2009, 6, 30, 23, 59)),
                },
            ),
            (
                "~d 2008-02",
                Limit::Date {
                    from: Some(stamp(2008, 2, 1, 0, 0)),
                    to: Some(stamp(2008, 2, 29, 23, 59)),
                },
            ),
            (
                "~d 2009..",
                Limit::Date {
                    from: Some(stamp(2009, 1, 1, 0, 0)),
                    to: None,
                },
            ),
            (
                "~d ..2009-06-15",
                Limit::Date {
                    from: None,
                    to: Some(stamp(2009, 6, 15, 23, 59)),
                },
            ),
            ("", Limit::And(vec![])),
            ("   ", Limit::And(vec![])),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_limit(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn operators_and_precedence() {
        let subject = |word: &str| Limit::Subject(word.into());
        assert_eq!(
            parse_limit("a b | !c (d | ~t X)"),
            Ok(Limit::Or(vec![
                Limit::And(vec![subject("a"), subject("b")]),
                Limit::And(vec![
                    Limit::Not(Box::new(subject("c"))),
                    Limit::Or(vec![subject("d"), Limit::Tag("X".into())]),
                ]),
            ]))
        );
        assert_eq!(
            parse_limit("!!~c S"),
            Ok(Limit::Not(Box::new(Limit::Not(Box::new(
                Limit::LevelAtLeast(Level::Secret)
            )))))
        );
        assert_eq!(
            parse_limit("((a))|b"),
            Ok(Limit::Or(vec![subject("a"), subject("b")]))
        );
        assert_eq!(
            parse_limit("~o Mexico ~c =S"),
            Ok(Limit::And(vec![
                Limit::Origin("mexico".into()),
                Limit::LevelIs(Level::Secret)
            ]))
        );
    }

    #[test]
    fn every_error_with_its_column() {
        let long = "(".repeat(MAX_CHARS + 5);
        assert_eq!(
            parse_limit(&long),
            Err(LimitError {
                column: MAX_CHARS + 1,
                message: "a limit has at most 1000 characters".to_owned()
            })
        );
        let cases: [(&str, usize, &str); 19] = [
            ("~d 2009-13", 4, "~d 2009-13: no month 13"),
            ("~d 2009-00", 4, "~d 2009-00: no month 0"),
            ("~d 2009-02-30", 4, "~d 2009-02-30: no day 30 in 2009-02"),
            ("~d 2009-1", 4, "~d 2009-1: 2009-1 is no date; write YYYY, YYYY-MM or YYYY-MM-DD"),
            ("~d ..", 4, "~d ..: a date is missing on both sides of .."),
            ("~d 2010..2009", 4, "~d 2010..2009: the range ends before it starts"),
            ("a ~x foo", 4, "no pattern ~x; there are ~c level, ~o origin, ~d date, ~t tag, ~s subject, ~i id, ~r reference"),
            ("~", 1, "~ needs a letter: ~c level, ~o origin, ~d date, ~t tag, ~s subject, ~i id, ~r reference"),
            ("~c", 3, "~c needs a value after a space"),
            ("~cS", 3, "~c needs a value after a space"),
            ("~c =X", 4, "~c =X: no level X; levels are U, SBU, C, S, TS"),
            ("(a b", 1, "( without )"),
            ("a)", 2, ") without ("),
            ("a |", 4, "a pattern or a word is missing here"),
            ("| a", 1, "a pattern or a word is missing here"),
            ("()", 2, "a pattern or a word is missing here"),
            ("!", 1, "! needs a pattern after it"),
            ("~o \"Mexico", 4, "\" without its closing \""),
            ("é ~q", 4, "no pattern ~q; there are ~c level, ~o origin, ~d date, ~t tag, ~s subject, ~i id, ~r reference"),
        ];
        for (input, column, message) in cases {
            assert_eq!(
                parse_limit(input),
                Err(LimitError {
                    column,
                    message: message.to_owned()
                }),
                "{input}"
            );
        }
        assert_eq!(
            parse_limit("~d 2009-13").unwrap_err().to_string(),
            "column 4: ~d 2009-13: no month 13"
        );
    }

    fn row() -> Summary {
        Summary {
            id: Some("09STATE15113".into()),
            date: Some(stamp(2009, 2, 17, 23, 1)),
            level: Some(Level::Confidential),
            caveats: vec!["NOFORN".into()],
            origin: Some("Embassy Mexico".into()),
            subject: Some("MEXICO: Drug violence in Ciudad Juárez".into()),
            tags: vec!["PREL".into(), "SNAR".into()],
            references: vec!["09MEXICO100".into()],
            ..Summary::default()
        }
    }

    #[test]
    fn matching() {
        let row = row();
        let holds = |limit: &str| parse_limit(limit).unwrap().matches(&row);
        for yes in [
            "",
            "~c C",
            "~c U",
            "~c =C",
            "~c noforn",
            "~o mexico",
            "~o \"embassy mex\"",
            "~d 2009-02",
            "~d 2009-02-17",
            "~d ..2009",
            "~d 2009-02-17..",
            "~t snar",
            "~s violence",
            "juárez",
            "JUÁREZ",
            "~i 09STATE*",
            "~i 09state1511?",
            "~i *151*",
            "~r 09MEXICO100",
            "drug violence",
            "nothing | drug",
            "!~c S",
            "(~c S | ~t PREL) ~o Mexico",
        ] {
            assert!(holds(yes), "{yes}");
        }
        for no in [
            "~c S",
            "~c =U",
            "~c EXDIS",
            "~o Paris",
            "~d 2009-03..",
            "~d ..2009-02-16",
            "~t PTER",
            "~i 10*",
            "~i 09STATE1511",
            "~r 09MEXICO10",
            "drug nothing",
            "!drug",
        ] {
            assert!(!holds(no), "{no}");
        }
        // A cable without a date is in no date range, and one without a level in no level.
        let blank = Summary::default();
        assert!(!parse_limit("~d ..2100").unwrap().matches(&blank));
        assert!(!parse_limit("~c U").unwrap().matches(&blank));
        assert!(parse_limit("!~c U").unwrap().matches(&blank));
    }

    proptest! {
        #[test]
        fn any_string_parses_or_errors(input in "\\PC{0,40}") {
            if let Err(error) = parse_limit(&input) {
                prop_assert!(error.column >= 1 && error.column <= input.chars().count() + 1);
            }
        }

        #[test]
        fn limit_like_strings_parse_or_error(input in "[~!|() \"a-zA-Z0-9.=*?-]{0,30}") {
            if let Err(error) = parse_limit(&input) {
                prop_assert!(error.column >= 1 && error.column <= input.chars().count() + 1);
            }
        }
    }
}
