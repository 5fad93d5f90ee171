//! Words looked for anywhere in a text, ignoring case: the limit's `~s` and `~o` patterns
//! and bare words. The searchers are built once, when the limit is parsed. Cable subjects
//! are nearly all upper case (521 of 539 in the corpus), so the words in upper case are
//! looked for first with a SIMD substring search; only a text holding lower-case letters
//! needs the case-blind search, which hops between every place the first letter occurs.

use std::fmt;

use aho_corasick::AhoCorasick;
use memchr::memmem;

/// Lower-case words and the searcher that finds them in any case.
#[derive(Clone)]
pub struct Folded {
    words: String,
    /// `None` for words outside ASCII, which are found by lower-casing the text (Unicode
    /// case folding changes lengths, so no byte searcher can ignore it).
    ascii: Option<Ascii>,
}

#[derive(Clone)]
struct Ascii {
    upper: memmem::Finder<'static>,
    any_case: AhoCorasick,
}

impl Folded {
    /// `words` in lower case, with their searcher.
    pub fn new(words: &str) -> Folded {
        let words = words.to_lowercase();
        let ascii = if words.is_ascii() {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([words.as_str()])
                .ok()
                .map(|any_case| Ascii {
                    upper: memmem::Finder::new(words.to_ascii_uppercase().as_bytes()).into_owned(),
                    any_case,
                })
        } else {
            None
        };
        Folded { words, ascii }
    }

    /// The words, lower case, as the limit was written.
    pub fn as_str(&self) -> &str {
        &self.words
    }

    /// Whether `text` contains the words, ignoring case.
    pub fn found_in(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        match &self.ascii {
            Some(ascii) => {
                let text = text.as_bytes();
                ascii.upper.find(text).is_some()
                    || (text.iter().any(u8::is_ascii_lowercase) && ascii.any_case.is_match(text))
            }
            None => text.to_lowercase().contains(&self.words),
        }
    }
}

impl PartialEq for Folded {
    fn eq(&self, other: &Folded) -> bool {
        self.words == other.words
    }
}

impl Eq for Folded {}

impl fmt::Debug for Folded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.words, f)
    }
}

impl From<&str> for Folded {
    fn from(words: &str) -> Folded {
        Folded::new(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_words_in_any_case_and_outside_ascii() {
        let mexico = Folded::new("Mexico City");
        assert_eq!(mexico.as_str(), "mexico city");
        assert!(mexico.found_in("Embassy MEXICO CITY"));
        assert!(!mexico.found_in("Consulate Mexico"));
        let accented = Folded::new("Bogotá");
        assert!(accented.found_in("EMBASSY BOGOTÁ"));
        assert!(!accented.found_in("EMBASSY BOGOTA"));
        assert!(Folded::new("").found_in("anything"));
    }

    proptest! {
        #[test]
        fn is_lowercase_contains(text in "[aAbB é]{0,12}", needle in "[abé]{0,3}") {
            prop_assert_eq!(
                Folded::new(&needle).found_in(&text),
                text.to_lowercase().contains(&needle)
            );
        }
    }
}
