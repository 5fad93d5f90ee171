//! The reference graph of a collection, from its summary rows: each cable's references
//! (canonical ids, as the grammar resolves them) looked up among the cables there, and the
//! cables that cite each one (cited-by, the reverse edges).

use std::collections::HashMap;

use super::summary::Summary;

/// Where each id is, and who cites it. Indexes are positions in the summary rows. Only
/// edges to cables of the collection are kept: cited-by is asked of a cable that is here
/// (the open one, or the one `links ID` names), and keeping the others would cost a string
/// for every id cited anywhere.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Each id's first row.
    first_row: HashMap<String, u32>,
    /// For each row that is its id's first: the rows citing that id, in collection order
    /// (empty for every other row, which costs no allocation).
    cited_by: Vec<Vec<u32>>,
}

/// One reference of a cable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: String,
    /// The row of the cited cable, when it is in the collection.
    pub found: Option<usize>,
}

impl Links {
    /// The graph of `summaries`, in two passes over them: where each id is, then who cites
    /// each.
    pub fn build(summaries: &[Summary]) -> Links {
        let rows = summaries.len().min(u32::MAX as usize);
        let mut links = Links {
            first_row: HashMap::with_capacity(rows),
            cited_by: vec![Vec::new(); rows],
        };
        for (row, summary) in summaries.iter().take(rows).enumerate() {
            if let Some(id) = &summary.id {
                let key = if id.bytes().any(|b| b.is_ascii_lowercase()) {
                    id.to_ascii_uppercase()
                } else {
                    id.clone()
                };
                links.first_row.entry(key).or_insert(row as u32);
            }
        }
        let mut seen: Vec<u32> = Vec::new();
        for (row, summary) in summaries.iter().take(rows).enumerate() {
            seen.clear();
            for reference in &summary.references {
                // A cable cites itself never, and a cable it names twice once.
                if cites_itself(summary, reference) {
                    continue;
                }
                let Some(target) = links.lookup(reference) else {
                    continue;
                };
                if seen.contains(&target) {
                    continue;
                }
                seen.push(target);
                if let Some(citers) = links.cited_by.get_mut(target as usize) {
                    citers.push(row as u32);
                }
            }
        }
        links
    }

    /// The first row of `id`, in any case.
    fn lookup(&self, id: &str) -> Option<u32> {
        match self.first_row.get(id) {
            Some(&row) => Some(row),
            None if id.bytes().any(|b| b.is_ascii_lowercase()) => {
                self.first_row.get(&id.to_ascii_uppercase()).copied()
            }
            None => None,
        }
    }

    /// The first row of the cable with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.lookup(id).map(|row| row as usize)
    }

    /// The references of the cable in `row`, each looked up.
    pub fn references(&self, summaries: &[Summary], row: usize) -> Vec<Link> {
        let Some(summary) = summaries.get(row) else {
            return Vec::new();
        };
        summary
            .references
            .iter()
            .map(|id| Link {
                id: id.clone(),
                found: self.find(id),
            })
            .collect()
    }

    /// The rows of the cables that cite `id`, in collection order; none when the
    /// collection does not hold `id`.
    pub fn cited_by(&self, id: &str) -> &[u32] {
        self.lookup(id)
            .and_then(|row| self.cited_by.get(row as usize))
            .map_or(&[], Vec::as_slice)
    }
}

/// Whether the cable of `summary` cites `id` (canonical): the rule of the graph's cited-by
/// and of the limit `~r ID`, so both pick the same cables. A cable naming itself does not
/// cite itself.
pub fn cites(summary: &Summary, id: &str) -> bool {
    !cites_itself(summary, id)
        && summary
            .references
            .iter()
            .any(|r| r.eq_ignore_ascii_case(id))
}

fn cites_itself(summary: &Summary, reference: &str) -> bool {
    summary
        .id
        .as_deref()
        .is_some_and(|own| own.eq_ignore_ascii_case(reference))
}

/// An id as a user types it, in the canonical form: `07madrid210` → `07MADRID210`.
pub fn canonical_id(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, references: &[&str]) -> Summary {
        Summary {
            id: Some(id.into()),
            references: references.iter().map(|r| (*r).to_owned()).collect(),
            ..Summary::default()
        }
    }

    #[test]
    fn references_found_and_cited_by() {
        let rows = [
            row("07MADRID208", &[]),
            row("07MADRID210", &["07MADRID208", "07STATE1", "07MADRID208"]),
            row("07MADRID300", &["07MADRID208", "07MADRID300"]),
        ];
        let links = Links::build(&rows);
        assert_eq!(
            links.references(&rows, 1),
            [
                Link {
                    id: "07MADRID208".into(),
                    found: Some(0)
                },
                Link {
                    id: "07STATE1".into(),
                    found: None
                },
                Link {
                    id: "07MADRID208".into(),
                    found: Some(0)
                },
            ]
        );
        assert_eq!(links.cited_by("07MADRID208"), [1, 2]);
        assert_eq!(links.cited_by("07MADRID300"), [] as [u32; 0]);
        // Not in the collection: its citers are not kept (`~r 07STATE1` still finds them).
        assert_eq!(links.cited_by("07STATE1"), [] as [u32; 0]);
        assert_eq!(links.find("07MADRID999"), None);
        assert_eq!(links.references(&rows, 9), []);
        for id in ["07MADRID208", "07MADRID210", "07MADRID300", "07madrid208"] {
            let by_rule: Vec<u32> = (0..3u32)
                .filter(|&row| cites(&rows[row as usize], id))
                .collect();
            assert_eq!(links.cited_by(&canonical_id(id)), by_rule, "{id}");
        }
    }

    #[test]
    fn typed_ids_become_canonical() {
        assert_eq!(canonical_id(" 07madrid 210"), "07MADRID210");
    }
}
