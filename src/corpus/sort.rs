//! Sorting a list of summary rows (neomutt's `o`): by date, id, origin, classification or
//! subject, either way. Each key's order of all rows is computed once (in parallel), as a
//! rank per row; a re-sort of any subset (a limited list) is then a sort of small integers.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::summary::Summary;

/// What a list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As the sources list them.
    #[default]
    Source,
    Date,
    Id,
    Origin,
    Classification,
    Subject,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Source,
        SortKey::Date,
        SortKey::Id,
        SortKey::Origin,
        SortKey::Classification,
        SortKey::Subject,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Source => "source",
            SortKey::Date => "date",
            SortKey::Id => "id",
            SortKey::Origin => "origin",
            SortKey::Classification => "classification",
            SortKey::Subject => "subject",
        }
    }
}

impl std::str::FromStr for SortKey {
    type Err = String;

    fn from_str(text: &str) -> Result<SortKey, String> {
        SortKey::ALL
            .into_iter()
            .find(|key| key.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = SortKey::ALL.iter().map(|key| key.name()).collect();
                format!("no sort key `{text}`; keys are {}", names.join(", "))
            })
    }
}

/// Every row's rank under each key (ties keep the sources' order).
#[derive(Debug, Clone, Default)]
pub struct SortIndex {
    date: Vec<u32>,
    id: Vec<u32>,
    origin: Vec<u32>,
    classification: Vec<u32>,
    subject: Vec<u32>,
}

impl SortIndex {
    pub fn new(rows: &[Summary]) -> SortIndex {
        let keys = [
            SortKey::Date,
            SortKey::Id,
            SortKey::Origin,
            SortKey::Classification,
            SortKey::Subject,
        ];
        let mut ranks: Vec<Vec<u32>> = keys.par_iter().map(|&key| ranks(rows, key)).collect();
        let mut take = || ranks.pop().unwrap_or_default();
        let subject = take();
        let classification = take();
        let origin = take();
        let id = take();
        let date = take();
        SortIndex {
            date,
            id,
            origin,
            classification,
            subject,
        }
    }

    /// Rows indexed so far.
    pub fn len(&self) -> usize {
        self.date.len()
    }

    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }

    /// Sorts `list` (indices of rows) by `key`, reversed if asked.
    pub fn sort(&self, list: &mut [u32], key: SortKey, reverse: bool) {
        let ranks = match key {
            SortKey::Source => None,
            SortKey::Date => Some(&self.date),
            SortKey::Id => Some(&self.id),
            SortKey::Origin => Some(&self.origin),
            SortKey::Classification => Some(&self.classification),
            SortKey::Subject => Some(&self.subject),
        };
        match ranks {
            None => list.sort_unstable(),
            Some(ranks) => list.par_sort_unstable_by_key(|&row| {
                ranks.get(row as usize).copied().unwrap_or(u32::MAX)
            }),
        }
        if reverse {
            list.reverse();
        }
    }
}

/// The rank of each row under `key`.
fn ranks(rows: &[Summary], key: SortKey) -> Vec<u32> {
    let mut order: Vec<u32> = (0..u32::try_from(rows.len()).unwrap_or(u32::MAX)).collect();
    let row = |index: u32| rows.get(index as usize);
    match key {
        SortKey::Source => {}
        SortKey::Date => {
            // Undated rows last.
            order.par_sort_by_key(|&i| {
                let date = row(i).and_then(|r| r.date);
                (date.is_none(), date, i)
            });
        }
        SortKey::Classification => {
            order.par_sort_by_key(|&i| {
                let level = row(i).and_then(|r| r.level);
                (level.is_none(), level, i)
            });
        }
        SortKey::Id => {
            let keys: Vec<Option<IdKey>> = rows
                .par_iter()
                .map(|r| r.id.as_deref().map(IdKey::of))
                .collect();
            order.par_sort_by(|&a, &b| {
                let (ka, kb) = (keys.get(a as usize), keys.get(b as usize));
                last_if_none(ka.and_then(Option::as_ref), kb.and_then(Option::as_ref))
                    .then(a.cmp(&b))
            });
        }
        SortKey::Origin | SortKey::Subject => {
            let keys: Vec<Option<String>> = rows
                .par_iter()
                .map(|r| {
                    let text = if key == SortKey::Origin {
                        &r.origin
                    } else {
                        &r.subject
                    };
                    text.as_deref().map(str::to_lowercase)
                })
                .collect();
            order.par_sort_by(|&a, &b| {
                let (ka, kb) = (keys.get(a as usize), keys.get(b as usize));
                last_if_none(ka.and_then(Option::as_ref), kb.and_then(Option::as_ref))
                    .then(a.cmp(&b))
            });
        }
    }
    let mut ranks = vec![0; rows.len()];
    for (rank, &index) in order.iter().enumerate() {
        if let Some(slot) = ranks.get_mut(index as usize) {
            *slot = u32::try_from(rank).unwrap_or(u32::MAX);
        }
    }
    ranks
}

fn last_if_none<T: Ord>(a: Option<&T>, b: Option<&T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// An id in the order people expect: `09STATE2` before `09STATE15113`, `99ROME1` (1999)
/// before `00ROME1` (2000).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct IdKey {
    year: u16,
    post: String,
    serial: u64,
    rest: String,
}

impl IdKey {
    fn of(id: &str) -> IdKey {
        let digits = id.bytes().take_while(u8::is_ascii_digit).count();
        let (year, rest) = id.split_at(digits.min(2));
        let year = year
            .parse::<u16>()
            .map_or(0, |y| if y >= 66 { 1900 + y } else { 2000 + y });
        let serial_at = rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (post, serial) = rest.split_at(serial_at);
        IdKey {
            year,
            post: post.to_ascii_uppercase(),
            serial: serial.parse().unwrap_or(0),
            rest: id.to_owned(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cable::Level;
    use crate::corpus::summary::Stamp;

    fn row(id: &str, year: Option<u16>, level: Option<Level>, origin: &str) -> Summary {
        Summary {
            id: (!id.is_empty()).then(|| id.to_owned()),
            date: year.map(|year| Stamp {
                year,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
            }),
            level,
            origin: (!origin.is_empty()).then(|| origin.to_owned()),
            subject: Some(format!("subject of {id}")),
            ..Summary::default()
        }
    }

    fn sorted(rows: &[Summary], key: SortKey, reverse: bool) -> Vec<u32> {
        let index = SortIndex::new(rows);
        let mut list: Vec<u32> = (0..rows.len() as u32).collect();
        index.sort(&mut list, key, reverse);
        list
    }

    #[test]
    fn each_key() {
        let rows = [
            row(
                "09STATE15113",
                Some(2009),
                Some(Level::Secret),
                "Secretary of State",
            ),
            row(
                "09STATE2",
                Some(2009),
                Some(Level::Confidential),
                "secretary of State",
            ),
            row("99ROME1", Some(1999), None, "Embassy Rome"),
            row("", None, Some(Level::Unclassified), ""),
            row("00ROME7", Some(2000), Some(Level::Secret), "Embassy Rome"),
        ];
        assert_eq!(sorted(&rows, SortKey::Source, false), [0, 1, 2, 3, 4]);
        assert_eq!(sorted(&rows, SortKey::Source, true), [4, 3, 2, 1, 0]);
        // Ties keep the sources' order; missing values go last.
        assert_eq!(sorted(&rows, SortKey::Date, false), [2, 4, 0, 1, 3]);
        assert_eq!(sorted(&rows, SortKey::Date, true), [3, 1, 0, 4, 2]);
        assert_eq!(sorted(&rows, SortKey::Id, false), [2, 4, 1, 0, 3]);
        assert_eq!(sorted(&rows, SortKey::Origin, false), [2, 4, 0, 1, 3]);
        assert_eq!(
            sorted(&rows, SortKey::Classification, false),
            [3, 1, 0, 4, 2]
        );
        assert_eq!(sorted(&rows, SortKey::Subject, false), [3, 4, 0, 1, 2]);
    }

    #[test]
    fn a_subset_sorts_by_the_same_ranks() {
        let rows = [
            row("09STATE3", Some(2009), None, "B"),
            row("09STATE1", Some(2008), None, "A"),
            row("09STATE2", Some(2007), None, "C"),
        ];
        let index = SortIndex::new(&rows);
        let mut list = vec![2, 0];
        index.sort(&mut list, SortKey::Id, false);
        assert_eq!(list, [2, 0]);
        index.sort(&mut list, SortKey::Date, false);
        assert_eq!(list, [2, 0]);
        index.sort(&mut list, SortKey::Origin, true);
        assert_eq!(list, [2, 0]);
        index.sort(&mut list, SortKey::Origin, false);
        assert_eq!(list, [0, 2]);
    }

    #[test]
    fn key_names() {
        assert_eq!("Date".parse::<SortKey>(), Ok(SortKey::Date));
        assert_eq!(
            "size".parse::<SortKey>(),
            Err(
                "no sort key `size`; keys are source, date, id, origin, classification, subject"
                    .to_owned()
            )
        );
    }
}
