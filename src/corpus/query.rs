//! The query language of corpus search:
//!
//! - `pascual cartel`: every word must occur (any case, whole words; see [`super::words`]);
//! - `"political pragmatism"`: the words one after the other;
//! - `-drugs`, `-"red line"`: the word or phrase must not occur;
//! - `cartel OR narco`: either (OR in capitals; `or` is a word);
//! - `terror*`: any word that begins so;
//! - `~c S ~o Mexico`: limit terms, kept as written for the limit language.
//!
//! A bare token that holds several words (`1.4(b)`, `U.S.`) is the phrase of them.

use nom::branch::alt;
use nom::bytes::complete::{take_till, take_till1};
use nom::character::complete::{alpha1, char, multispace0, multispace1};
use nom::combinator::recognize;
use nom::sequence::delimited;
use nom::{IResult, Parser};

use super::words::normalised_words;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query<'a> {
    /// All must hold.
    pub clauses: Vec<Clause>,
    /// The limit terms as written (`~c S`, `~o Mexico`), in order, for the limit parser.
    pub limit: Vec<&'a str>,
}

/// One condition on a cable's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// At least one of these (one term, or terms joined by OR).
    Any(Vec<Term>),
    /// This must not occur.
    Not(Term),
}

/// What is looked for. Words are lower case, as the index keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// Two or more words, one after the other.
    Phrase(Vec<String>),
    /// Any word that starts with this.
    Prefix(String),
}

/// A query that cannot be read, with the column (in characters, from 1) of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

impl Query<'_> {
    /// Whether some clause asks for words (not only exclusions).
    pub fn has_words(&self) -> bool {
        self.clauses
            .iter()
            .any(|clause| matches!(clause, Clause::Any(_)))
    }

    /// The words a hit is highlighted by: those of every term that must or may occur
    /// (prefixes as written, without the star).
    pub fn highlight_words(&self) -> Vec<&str> {
        let mut found = Vec::new();
        for clause in &self.clauses {
            if let Clause::Any(terms) = clause {
                for term in terms {
                    match term {
                        Term::Word(word) | Term::Prefix(word) => found.push(word.as_str()),
                        Term::Phrase(words) => found.extend(words.iter().map(String::as_str)),
                    }
                }
            }
        }
        found
    }
}

/// One lexical token and where it starts (a byte offset in the query).
#[derive(Debug)]
struct Token<'a> {
    at: usize,
    kind: Kind<'a>,
}

#[derive(Debug)]
enum Kind<'a> {
    Or,
    Limit(&'a str),
    Term { excluded: bool, term: Term },
}

/// Parses a query.
pub fn parse_query(input: &str) -> Result<Query<'_>, QueryError> {
    let tokens = lex(input)?;
    let error = |at: usize, message: String| QueryError {
        column: column(input, at),
        message,
    };
    let mut query = Query::default();
    // An OR seen, waiting for the term after it (its offset).
    let mut pending_or: Option<usize> = None;
    for token in tokens {
        match token.kind {
            Kind::Or => {
                if let Some(at) = pending_or {
                    return Err(error(at, "OR needs a word after it".into()));
                }
                match query.clauses.last() {
                    Some(Clause::Any(_)) => pending_or = Some(token.at),
                    Some(Clause::Not(_)) => {
                        return Err(error(
                            token.at,
                            "OR cannot join an excluded word; put the exclusion apart".into(),
                        ))
                    }
                    None => return Err(error(token.at, "OR needs a word before it".into())),
                }
            }
            Kind::Limit(text) => {
                if let Some(at) = pending_or {
                    return Err(error(at, "OR needs a word after it".into()));
                }
                query.limit.push(text);
            }
            Kind::Term { excluded, term } => {
                let joins = pending_or.take().is_some();
                match (joins, excluded, query.clauses.last_mut()) {
                    (true, true, _) => {
                        return Err(error(
                            token.at,
                            "OR cannot join an excluded word; put the exclusion apart".into(),
                        ))
                    }
                    (true, false, Some(Clause::Any(terms))) => terms.push(term),
                    (_, true, _) => query.clauses.push(Clause::Not(term)),
                    (_, false, _) => query.clauses.push(Clause::Any(vec![term])),
                }
            }
        }
    }
    if let Some(at) = pending_or {
        return Err(error(at, "OR needs a word after it".into()));
    }
    Ok(query)
}

/// The column (in characters, from 1) of byte offset `at`.
fn column(input: &str, at: usize) -> usize {
    input.get(..at).map_or(0, |before| before.chars().count()) + 1
}

fn lex(input: &str) -> Result<Vec<Token<'_>>, QueryError> {
    let mut tokens = Vec::new();
    let mut rest = input;
    loop {
        rest = skip_space(rest);
        if rest.is_empty() {
            return Ok(tokens);
        }
        let at = input.len() - rest.len();
        let error = |message: String| QueryError {
            column: column(input, at),
            message,
        };
        let (after, kind) = if rest.starts_with('~') {
            let (after, text) = limit_term(rest).map_err(|_| {
                error("a limit needs a letter and a value, as in `~c S` or `~o Mexico`".into())
            })?;
            (after, Kind::Limit(text))
        } else {
            let (body, excluded) = match rest.strip_prefix('-') {
                Some(body) if body.starts_with(|c: char| !c.is_whitespace()) => (body, true),
                Some(_) => return Err(error("`-` needs a word right after it".into())),
                None => (rest, false),
            };
            let (after, term) = term(body).map_err(error)?;
            if !excluded && body.starts_with("OR") && body.len() - after.len() == 2 {
                (after, Kind::Or)
            } else {
                (after, Kind::Term { excluded, term })
            }
        };
        tokens.push(Token { at, kind });
        rest = after;
    }
}

fn skip_space(input: &str) -> &str {
    let parsed: IResult<&str, &str> = multispace0(input);
    parsed.map_or(input, |(rest, _)| rest)
}

/// `"a phrase"`, the text between the quotes.
fn quoted(input: &str) -> IResult<&str, &str> {
    delimited(char('"'), take_till(|c| c == '"'), char('"')).parse(input)
}

/// A token without quotes: up to a space or a quote.
fn bare(input: &str) -> IResult<&str, &str> {
    take_till1(|c: char| c.is_whitespace() || c == '"').parse(input)
}

/// `~c S`, `~o "New Delhi"`: a limit's letter(s), a space, and its value.
fn limit_term(input: &str) -> IResult<&str, &str> {
    recognize((
        char('~'),
        alpha1,
        multispace1,
        alt((recognize(quoted), bare)),
    ))
    .parse(input)
}

/// A quoted phrase or a bare token, as a term; the error says what is wrong with it.
fn term(input: &str) -> Result<(&str, Term), String> {
    if input.starts_with('"') {
        let (rest, inner) = quoted(input).map_err(|_| "this quote is never closed".to_owned())?;
        return match words_term(inner) {
            Some(term) => Ok((rest, term)),
            None => Err("the phrase holds no word (letters or digits)".into()),
        };
    }
    let (rest, text) = bare(input).map_err(|_| "expected a word".to_owned())?;
    let stem = text.trim_end_matches('*');
    if stem.len() < text.len() {
        let words = normalised_words(stem);
        let ends_in_word = stem.ends_with(char::is_alphanumeric);
        return match (words.as_slice(), ends_in_word) {
            ([word], true) => Ok((rest, Term::Prefix(word.clone()))),
            ([], _) => Err(format!("`{text}` holds no word to begin with")),
            _ => Err(format!(
                "a prefix is one word followed by `*`, as in `terror*`, not `{text}`"
            )),
        };
    }
    match words_term(text) {
        Some(term) => Ok((rest, term)),
        None => Err(format!("`{text}` holds no word (letters or digits)")),
    }
}

/// A word, or the phrase of the words in `text`; `None` when it has none.
fn words_term(text: &str) -> Option<Term> {
    let mut words = normalised_words(text);
    match words.len() {
        0 => None,
        1 => words.pop().map(Term::Word),
        _ => Some(Term::Phrase(words)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(text: &str) -> Term {
        Term::Word(text.into())
    }

    fn phrase(words: &[&str]) -> Term {
        Term::Phrase(words.iter().map(|w| (*w).to_owned()).collect())
    }

    fn all(term: Term) -> Clause {
        Clause::Any(vec![term])
    }

    fn fails(input: &str) -> QueryError {
        parse_query(input).unwrap_err()
    }

    #[test]
    fn words_must_all_occur_lower_case() {
        assert_eq!(
            parse_query("Pascual  CARTEL").unwrap(),
            Query {
                clauses: vec![all(word("pascual")), all(word("cartel"))],
                limit: vec![],
            }
        );
    }

    #[test]
    fn an_id_is_one_word_and_a_reason_a_phrase() {
        assert_eq!(
            parse_query("09STATE15113 1.4(b)").unwrap(),
            Query {
                clauses: vec![all(word("09state15113")), all(phrase(&["1", "4", "b"]))],
                limit: vec![],
            }
        );
    }

    #[test]
    fn phrases_exclusions_and_prefixes() {
        assert_eq!(
            parse_query(r#""Political Pragmatism" -drugs -"red line" terror*"#).unwrap(),
            Query {
                clauses: vec![
                    all(phrase(&["political", "pragmatism"])),
                    Clause::Not(word("drugs")),
                    Clause::Not(phrase(&["red", "line"])),
                    all(Term::Prefix("terror".into())),
                ],
                limit: vec![],
            }
        );
    }

    #[test]
    fn or_joins_neighbours() {
        assert_eq!(
            parse_query(r#"cartel OR narco OR "drug lord" mexico or"#).unwrap(),
            Query {
                clauses: vec![
                    Clause::Any(vec![
                        word("cartel"),
                        word("narco"),
                        phrase(&["drug", "lord"])
                    ]),
                    all(word("mexico")),
                    all(word("or")),
                ],
                limit: vec![],
            }
        );
    }

    #[test]
    fn limit_terms_are_kept_as_written() {
        assert_eq!(
            parse_query(r#"~c S ~o Mexico "political pragmatism" ~o "New Delhi""#).unwrap(),
            Query {
                clauses: vec![all(phrase(&["political", "pragmatism"]))],
                limit: vec!["~c S", "~o Mexico", "~o \"New Delhi\""],
            }
        );
    }

    #[test]
    fn a_one_word_phrase_is_a_word() {
        assert_eq!(
            parse_query(r#""Mexico""#).unwrap().clauses,
            vec![all(word("mexico"))]
        );
    }

    #[test]
    fn empty_query_has_nothing() {
        assert_eq!(parse_query("  ").unwrap(), Query::default());
        assert!(!parse_query("-x").unwrap().has_words());
        assert!(parse_query("x -y").unwrap().has_words());
    }

    #[test]
    fn errors_name_their_column() {
        let cases = [
            ("mexico \"open", 8, "this quote is never closed"),
            ("OR mexico", 1, "OR needs a word before it"),
            ("mexico OR", 8, "OR needs a word after it"),
            ("a OR OR b", 3, "OR needs a word after it"),
            ("a OR ~c S", 3, "OR needs a word after it"),
            (
                "a OR -b",
                6,
                "OR cannot join an excluded word; put the exclusion apart",
            ),
            (
                "-a OR b",
                4,
                "OR cannot join an excluded word; put the exclusion apart",
            ),
            ("x - y", 3, "`-` needs a word right after it"),
            (
                "x \"--\"",
                3,
                "the phrase holds no word (letters or digits)",
            ),
            ("x ...", 3, "`...` holds no word (letters or digits)"),
            ("*", 1, "`*` holds no word to begin with"),
            (
                "u.s.*",
                1,
                "a prefix is one word followed by `*`, as in `terror*`, not `u.s.*`",
            ),
            (
                "señor ~c",
                7,
                "a limit needs a letter and a value, as in `~c S` or `~o Mexico`",
            ),
        ];
        for (input, column, message) in cases {
            assert_eq!(
                fails(input),
                QueryError {
                    column,
                    message: message.into()
                },
                "{input}"
            );
        }
    }

    #[test]
    fn highlight_words_leave_out_exclusions() {
        let query = parse_query(r#"a OR "b c" -d e*"#).unwrap();
        assert_eq!(query.highlight_words(), ["a", "b", "c", "e"]);
    }

    proptest! {
        #[test]
        fn never_panics(input in "\\PC*") {
            let _ = parse_query(&input);
        }

        #[test]
        fn never_panics_on_query_like_text(input in "([a-zA-Zé0-9~*\"()-]{0,4}( |OR|\t)?){0,8}") {
            if let Err(error) = parse_query(&input) {
                prop_assert!(error.column >= 1 && error.column <= input.chars().count() + 1);
            }
        }

        #[test]
        fn surrounding_space_changes_nothing(input in "[a-z \"*~-]{0,20}") {
            let padded = format!("  {input}\t ");
            let plain = parse_query(&input).map(|query| query.clauses);
            let spaced = parse_query(&padded).map(|query| query.clauses);
            prop_assert_eq!(plain.is_ok(), spaced.is_ok());
            if let (Ok(plain), Ok(spaced)) = (plain, spaced) {
                prop_assert_eq!(plain, spaced);
            }
        }
    }
}
