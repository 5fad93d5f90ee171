//! Facets: how many cables of a (limited) list have each level, caveat, origin, year and
//! tag, for the facets pane; and finding a cable by its id for "go to".

use std::collections::HashMap;

use super::summary::Summary;
use crate::cable::Level;

/// Counts per value of each facet, most frequent first (ties by value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Every level, lowest first, with its count (zero included); then the unknown level.
    pub levels: Vec<(Option<Level>, usize)>,
    pub caveats: Vec<(String, usize)>,
    pub origins: Vec<(String, usize)>,
    /// By year, earliest first.
    pub years: Vec<(u16, usize)>,
    pub tags: Vec<(String, usize)>,
}

impl Facets {
    /// The facets of the rows `list` (indices into `rows`), in one pass over them.
    pub fn count(rows: &[Summary], list: &[u32]) -> Facets {
        let mut levels = [0usize; 6];
        let mut caveats: HashMap<&str, usize> = HashMap::new();
        let mut origins: HashMap<&str, usize> = HashMap::new();
        let mut years: HashMap<u16, usize> = HashMap::new();
        let mut tags: HashMap<&str, usize> = HashMap::new();
        for row in list.iter().filter_map(|&index| rows.get(index as usize)) {
            let slot = row.level.map_or(5, |level| level as usize);
            if let Some(count) = levels.get_mut(slot) {
                *count += 1;
            }
            for caveat in first_of_each(&row.caveats) {
                *caveats.entry(caveat).or_default() += 1;
            }
            if let Some(origin) = &row.origin {
                *origins.entry(origin).or_default() += 1;
            }
            if let Some(date) = row.date {
                *years.entry(date.year).or_default() += 1;
            }
            for tag in first_of_each(&row.tags) {
                *tags.entry(tag).or_default() += 1;
            }
        }
        let mut years: Vec<(u16, usize)> = years.into_iter().collect();
        years.sort_unstable();
        Facets {
            levels: Level::ALL
                .into_iter()
                .map(Some)
                .chain([None])
                .zip(levels)
                .collect(),
            caveats: by_count(caveats),
            origins: by_count(origins),
            years,
            tags: by_count(tags),
        }
    }
}

/// Each value once, however often a row repeats it (a facet counts cables, not mentions).
fn first_of_each(values: &[String]) -> impl Iterator<Item = &str> {
    values.iter().enumerate().filter_map(move |(at, value)| {
        (!values.get(..at).unwrap_or_default().contains(value)).then_some(value.as_str())
    })
}

fn by_count(counts: HashMap<&str, usize>) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(value, count)| (value.to_owned(), count))
        .collect();
    counts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// The id as typed for "go to", in the canonical form: upper case, and a one-digit year
/// given its zero (`9state15113` → `09STATE15113`).
pub fn canonical_typed_id(typed: &str) -> String {
    let typed = typed.trim().to_ascii_uppercase();
    let digits = typed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 1 {
        format!("0{typed}")
    } else {
        typed
    }
}

/// The first row whose id is the one typed (see `canonical_typed_id`).
pub fn find_id(rows: &[Summary], typed: &str) -> Option<usize> {
    let wanted = canonical_typed_id(typed);
    rows.iter().position(|row| {
        row.id
            .as_deref()
            .is_some_and(|id| id.eq_ignore_ascii_case(&wanted))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::corpus::summary::Stamp;

    fn row(id: &str, level: Option<Level>, origin: &str, year: u16, tags: &[&str]) -> Summary {
        Summary {
            id: Some(id.to_owned()),
            level,
            origin: Some(origin.to_owned()),
            date: Some(Stamp {
                year,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
            }),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            caveats: if level == Some(Level::Secret) {
                vec!["NOFORN".to_owned()]
            } else {
                Vec::new()
            },
            ..Summary::default()
        }
    }

    #[test]
    fn counts_of_the_listed_rows_only() {
        let rows = [
            row(
                "09STATE1",
                Some(Level::Secret),
                "Secretary of State",
                2009,
                &["PREL", "IR"],
            ),
            row(
                "09ROME2",
                Some(Level::Confidential),
                "Embassy Rome",
                2009,
                &["PREL"],
            ),
            row("08ROME3", None, "Embassy Rome", 2008, &[]),
            row(
                "10ROME4",
                Some(Level::Secret),
                "Embassy Rome",
                2010,
                &["IR"],
            ),
        ];
        let facets = Facets::count(&rows, &[0, 1, 2]);
        assert_eq!(
            facets,
            Facets {
                levels: vec![
                    (Some(Level::Unclassified), 0),
                    (Some(Level::SensitiveButUnclassified), 0),
                    (Some(Level::Confidential), 1),
                    (Some(Level::Secret), 1),
                    (Some(Level::TopSecret), 0),
                    (None, 1),
                ],
                caveats: vec![("NOFORN".into(), 1)],
                origins: vec![("Embassy Rome".into(), 2), ("Secretary of State".into(), 1)],
                years: vec![(2008, 1), (2009, 2)],
                tags: vec![("PREL".into(), 2), ("IR".into(), 1)],
            }
        );
    }

    #[test]
    fn go_to_ids() {
        let rows = [
            row("09STATE15113", None, "", 2009, &[]),
            row("10MEXICO83", None, "", 2010, &[]),
        ];
        assert_eq!(find_id(&rows, "09STATE15113"), Some(0));
        assert_eq!(find_id(&rows, "9state15113"), Some(0));
        assert_eq!(find_id(&rows, " 10mexico83 "), Some(1));
        assert_eq!(find_id(&rows, "10MEXICO8"), None);
        assert_eq!(canonical_typed_id("9state1"), "09STATE1");
        assert_eq!(canonical_typed_id("09state1"), "09STATE1");
    }
}
