//! A query checked against one cable's text directly, without an index: the search of a
//! collection that has no index (no cache dir, or one that cannot be written), and the
//! words to highlight in an open cable.

use std::borrow::Cow;
use std::ops::Range;

use crate::corpus::query::{Clause, Query, Term};
use crate::corpus::words::{normalise, words};

/// The longest word the index keeps (tantivy drops longer tokens): the scan does the same,
/// so both give the same hits.
pub const LONGEST_WORD: usize = 65_530;

/// A cable's text split into parts, each into lower-case words.
#[derive(Debug, Clone, Default)]
pub struct Words {
    parts: Vec<Vec<String>>,
}

impl Words {
    pub fn of_parts(parts: &[Cow<'_, str>]) -> Words {
        Words {
            parts: parts
                .iter()
                .map(|part| {
                    words(part)
                        .filter(|(_, word)| word.len() <= LONGEST_WORD)
                        .map(|(_, word)| normalise(word))
                        .collect()
                })
                .collect(),
        }
    }

    /// How many times the term occurs.
    fn count(&self, term: &Term) -> usize {
        self.parts
            .iter()
            .map(|part| match term {
                Term::Word(word) => part.iter().filter(|w| *w == word).count(),
                Term::Prefix(prefix) => part.iter().filter(|w| w.starts_with(prefix)).count(),
                Term::Phrase(phrase) if phrase.is_empty() => 0,
                Term::Phrase(phrase) => part
                    .windows(phrase.len())
                    .filter(|window| window == &phrase.as_slice())
                    .count(),
            })
            .sum()
    }

    /// `None` when the cable does not match; else a score (occurrences of the wanted terms).
    pub fn score(&self, query: &Query<'_>) -> Option<usize> {
        let mut score = 0;
        for clause in &query.clauses {
            match clause {
                Clause::Any(terms) => {
                    let found: usize = terms.iter().map(|term| self.count(term)).sum();
                    if found == 0 {
                        return None;
                    }
                    score += found;
                }
                Clause::Not(term) => {
                    if self.count(term) > 0 {
                        return None;
                    }
                }
            }
        }
        Some(score)
    }
}

/// The byte ranges in `text` of words a query looks for (`highlight` as from
/// [`Query::highlight_words`]; a word matches a prefix term too), in order.
pub fn highlights(text: &str, query: &Query<'_>) -> Vec<Range<usize>> {
    let (exact, prefixes) = wanted(query);
    words(text)
        .filter(|(_, word)| {
            let word = normalise(word);
            exact.contains(&word.as_str()) || prefixes.iter().any(|p| word.starts_with(p))
        })
        .map(|(range, _)| range)
        .collect()
}

/// The words and the prefixes a query wants.
fn wanted<'q>(query: &'q Query<'_>) -> (Vec<&'q str>, Vec<&'q str>) {
    let mut exact = Vec::new();
    let mut prefixes = Vec::new();
    for clause in &query.clauses {
        if let Clause::Any(terms) = clause {
            for term in terms {
                match term {
                    Term::Word(word) => exact.push(word.as_str()),
                    Term::Phrase(words) => exact.extend(words.iter().map(String::as_str)),
                    Term::Prefix(prefix) => prefixes.push(prefix.as_str()),
                }
            }
        }
    }
    (exact, prefixes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::corpus::query::parse_query;

    fn words_of(parts: &[&'static str]) -> Words {
        let parts: Vec<Cow<'_, str>> = parts.iter().map(|p| Cow::Borrowed(*p)).collect();
        Words::of_parts(&parts)
    }

    fn score(parts: &[&'static str], query: &str) -> Option<usize> {
        words_of(parts).score(&parse_query(query).unwrap())
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        let parts = ["Political pragmatism rules.", "Terrorism and terrorists."];
        assert_eq!(score(&parts, "POLITICAL"), Some(1));
        assert_eq!(score(&parts, "\"political pragmatism\""), Some(1));
        assert_eq!(score(&parts, "\"pragmatism political\""), None);
        assert_eq!(score(&parts, "terror*"), Some(2));
        assert_eq!(score(&parts, "terror"), None);
        assert_eq!(score(&parts, "rules -terrorism"), None);
        assert_eq!(score(&parts, "rules -cartel"), Some(1));
        assert_eq!(score(&parts, "cartel OR rules"), Some(1));
    }

    #[test]
    fn a_phrase_stays_inside_one_part() {
        assert_eq!(score(&["rules.", "Terrorism"], "\"rules terrorism\""), None);
    }

    #[test]
    fn highlights_point_at_wanted_words() {
        let query = parse_query("mexico terror* -cartel").unwrap();
        let text = "Mexico's terrorists, cartel, MEXICO";
        let found: Vec<&str> = highlights(text, &query)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["Mexico", "terrorists", "MEXICO"]);
    }
}
