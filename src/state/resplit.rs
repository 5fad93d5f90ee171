//! Saved marks follow their paragraph when a cable's paragraphs are split anew (a better
//! grammar, a better copy): the cable's key changes with its paragraphs' text, and indices
//! move. Each bookmark and position of the same cable under an older key goes onto the
//! paragraph with the same number and first words, or stays where it was: never onto
//! another paragraph.

use serde::{Deserialize, Serialize};

use super::{first_words, Bookmark, CableKey, Change, Position, Store, FIRST_WORDS};

/// What a mark knows of its paragraph besides the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphMark {
    #[serde(default)]
    pub number: Option<u32>,
    pub first_words: String,
}

impl ParagraphMark {
    /// The mark of a paragraph with this number and text.
    pub fn of(number: Option<u32>, text: &str) -> ParagraphMark {
        ParagraphMark {
            number,
            first_words: first_words(text, FIRST_WORDS),
        }
    }

    /// The same paragraph: the same number, and first words that agree as far as both go
    /// (an old split may have glued a heading onto a short paragraph's end).
    /// An old split may also have kept a marking it could not read in the text (`C)
    /// Summary: ...`): one or two words at the start of either side may be passed over.
    fn matches(&self, other: &ParagraphMark) -> bool {
        let words = |mark: &ParagraphMark| -> Vec<String> {
            mark.first_words
                .split_whitespace()
                .map(|word| word.trim_end_matches('…').to_owned())
                .collect()
        };
        let (mine, theirs) = (words(self), words(other));
        let agree = |skip_mine: usize, skip_theirs: usize| {
            let (a, b) = (
                mine.get(skip_mine..).unwrap_or_default(),
                theirs.get(skip_theirs..).unwrap_or_default(),
            );
            let shared = a.len().min(b.len());
            // Passing words over needs a few words to agree on.
            let enough = if skip_mine + skip_theirs == 0 { 1 } else { 3 };
            shared >= enough && a.get(..shared) == b.get(..shared)
        };
        self.number == other.number
            && [(0, 0), (1, 0), (0, 1), (2, 0), (0, 2)]
                .into_iter()
                .any(|(skip_mine, skip_theirs)| agree(skip_mine, skip_theirs))
    }
}

/// The index of the one paragraph in `paragraphs` that `mark` matches.
fn find(paragraphs: &[ParagraphMark], mark: &ParagraphMark) -> Option<usize> {
    let mut found = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, paragraph)| paragraph.matches(mark))
        .map(|(index, _)| index);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

impl Store {
    /// Moves the bookmarks and position saved for the cable `key` names under another key of
    /// the same id (an older split) onto its paragraphs as now split (`paragraphs`, in
    /// order, asked for only when there is something to move). Keys in `in_use` (other
    /// copies open now) are left alone. Returns how many marks moved.
    pub fn follow_resplit(
        &mut self,
        key: &CableKey,
        paragraphs: impl FnOnce() -> Vec<ParagraphMark>,
        in_use: &[CableKey],
    ) -> usize {
        let stale = |other: &CableKey| {
            other.id == key.id && !key.id.is_empty() && other != key && !in_use.contains(other)
        };
        let any_stale = self
            .bookmarks()
            .iter()
            .any(|bookmark| stale(&bookmark.cable))
            || (self.position(key).is_none() && self.state.positions.keys().any(stale));
        if !any_stale {
            return 0;
        }
        let paragraphs = &paragraphs();
        let bookmarks: Vec<Bookmark> = self
            .bookmarks()
            .iter()
            .filter(|bookmark| stale(&bookmark.cable))
            .cloned()
            .collect();
        let mut moved = 0;
        for bookmark in bookmarks {
            let mark = ParagraphMark {
                number: bookmark.number,
                first_words: bookmark.first_words.clone(),
            };
            let Some(index) = find(paragraphs, &mark) else {
                continue;
            };
            self.change(Change::RemoveBookmark(
                bookmark.cable.clone(),
                bookmark.paragraph,
            ));
            if !self.is_bookmarked(key, index) {
                self.change(Change::AddBookmark(Bookmark {
                    cable: key.clone(),
                    paragraph: index,
                    first_words: paragraphs
                        .get(index)
                        .map_or(bookmark.first_words.clone(), |p| p.first_words.clone()),
                    ..bookmark
                }));
            }
            moved += 1;
        }
        if self.position(key).is_none() {
            let newest: Option<Position> = self
                .state
                .positions
                .iter()
                .filter(|(other, _)| stale(other))
                .map(|(_, position)| position)
                .max_by_key(|position| position.saved_at)
                .cloned();
            let target = newest.and_then(|position| {
                let index = find(paragraphs, position.mark.as_ref()?)?;
                Some(Position {
                    paragraph: index,
                    // Lines moved with the split: start at the paragraph's top.
                    scroll: 0,
                    ..position
                })
            });
            if let Some(position) = target {
                self.change(Change::Position(key.clone(), position));
                moved += 1;
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(number: Option<u32>, words: &str) -> ParagraphMark {
        ParagraphMark {
            number,
            first_words: words.to_owned(),
        }
    }

    #[test]
    fn the_same_paragraph_is_the_same_number_and_first_words() {
        let old = mark(Some(1), "The call went well. Civair ------");
        assert!(old.matches(&mark(Some(1), "The call went well.")));
        assert!(!old.matches(&mark(Some(2), "The call went well.")));
        assert!(!old.matches(&mark(Some(1), "Taiana said so.")));
        assert!(
            mark(Some(3), "A B C D E F G H I J…").matches(&mark(Some(3), "A B C D E F G H I J"))
        );
        assert!(!mark(None, "").matches(&mark(None, "")));
        // 10ROME1 under the old grammar kept its `C)` markings in the text.
        assert!(mark(
            Some(3),
            "C) Berlusconi was still bandaged and scarred from the assault…"
        )
        .matches(&mark(
            Some(3),
            "Berlusconi was still bandaged and scarred from the assault in…"
        )));
        assert!(!mark(Some(3), "C) Berlusconi said").matches(&mark(Some(3), "Letta said")));
        // Two candidates: no guess.
        let twice = [mark(Some(1), "Same words"), mark(Some(1), "Same words")];
        assert_eq!(find(&twice, &mark(Some(1), "Same words")), None);
    }

    #[test]
    fn marks_move_onto_the_paragraph_they_were_on_or_stay() {
        use crate::config::LevelFilter;
        let old = CableKey {
            id: "10ROME1".to_owned(),
            hash: 1,
        };
        let new = CableKey {
            id: "10ROME1".to_owned(),
            hash: 2,
        };
        let bookmark = |paragraph: usize, number: u32, words: &str| Bookmark {
            cable: old.clone(),
            paragraph,
            number: Some(number),
            marking: None,
            first_words: words.to_owned(),
            path: None,
            created_at: 0,
        };
        let mut store = Store::in_memory();
        store.toggle_bookmark(bookmark(1, 3, "C) Berlusconi was still bandaged"));
        store.toggle_bookmark(bookmark(5, 9, "Words no paragraph has"));
        let mut position = Position::new(1, 40, LevelFilter::all());
        position.mark = Some(mark(Some(3), "C) Berlusconi was still bandaged"));
        store.set_position(old.clone(), position);
        let paragraphs = vec![
            mark(Some(1), "Summary: The Ambassador visited"),
            mark(Some(2), "Following the Ambassador's call"),
            mark(Some(3), "Berlusconi was still bandaged"),
        ];
        assert_eq!(store.follow_resplit(&new, || paragraphs.clone(), &[]), 2);
        let marks: Vec<(&CableKey, usize)> = store
            .bookmarks()
            .iter()
            .map(|b| (&b.cable, b.paragraph))
            .collect();
        // ¶3 moved from index 1 to 2; the bookmark no paragraph matches stays as it was.
        assert_eq!(marks, vec![(&old, 5), (&new, 2)]);
        assert_eq!(
            store.position(&new).map(|p| (p.paragraph, p.scroll)),
            Some((2, 0))
        );
        // Another copy of the cable open now keeps its marks.
        let mut store = Store::in_memory();
        store.toggle_bookmark(bookmark(1, 3, "C) Berlusconi was still bandaged"));
        assert_eq!(
            store.follow_resplit(&new, || paragraphs.clone(), std::slice::from_ref(&old)),
            0
        );
    }
}
