//! What a word is, for search: a run of letters and digits (`char::is_alphanumeric`), any
//! case. `09STATE15113` is one word, `1.4(b)` three, `U.S.` two. The index's tokenizer
//! (tantivy's `SimpleTokenizer` and `LowerCaser`) follows the same rule; the tests compare
//! the two.

use std::ops::Range;

/// Each word of `text` with its byte range, in order.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (at, c) = rest.next()?;
            if c.is_alphanumeric() {
                break at;
            }
        };
        let mut end = text.len();
        while let Some(&(at, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            rest.next();
        }
        let word = text.get(start..end)?;
        Some((start..end, word))
    })
}

/// A word as the index keeps it: lower case.
pub fn normalise(word: &str) -> String {
    word.to_lowercase()
}

/// The words of `text`, lower case.
pub fn normalised_words(text: &str) -> Vec<String> {
    words(text).map(|(_, word)| normalise(word)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Vec<&str> {
        words(text).map(|(_, word)| word).collect()
    }

    #[test]
    fn runs_of_letters_and_digits() {
        assert_eq!(list("09STATE15113"), ["09STATE15113"]);
        assert_eq!(list("1.4(b) and (d)"), ["1", "4", "b", "and", "d"]);
        assert_eq!(list("U.S.-Mexico"), ["U", "S", "Mexico"]);
        assert_eq!(
            list("  Señor Calderón, 2010 "),
            ["Señor", "Calderón", "2010"]
        );
        assert_eq!(list(""), Vec::<&str>::new());
        assert_eq!(list("--//--"), Vec::<&str>::new());
    }

    #[test]
    fn ranges_point_at_the_words() {
        let text = "(C) Pascual's view";
        let found: Vec<_> = words(text).map(|(range, _)| range).collect();
        assert_eq!(found, [1..2, 4..11, 12..13, 14..18]);
    }

    #[test]
    fn normalised_is_lower_case() {
        assert_eq!(
            normalised_words("Political PRAGMATISM"),
            ["political", "pragmatism"]
        );
        assert_eq!(normalise("ÉTAT"), "état");
    }
}
