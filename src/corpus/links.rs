//! The reference graph of a collection, from its summary rows: each cable's references
//! (canonical ids, as the grammar resolves them) looked up among the cables there, and the
//! cables that cite each one (cited-by, the reverse edges).

use std::collections::HashMap;

use super::summary::Summary;

/// Where each id is, and who cites it. Indexes are positions in the summary rows.
#[derive(Debug, Clone, Default)]
pub struct Links {
    by_id: HashMap<String, Vec<u32>>,
    cited_by: HashMap<String, Vec<u32>>,
}

/// One reference of a cable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: String,
    /// The row of the cited cable, when it is in the collection.
    pub found: Option<usize>,
}

impl Links {
    /// The graph of `summaries`, in one pass over them.
    pub fn build(summaries: &[Summary]) -> Links {
        let mut links = Links::default();
        for (row, summary) in summaries.iter().enumerate() {
            let Ok(row) = u32::try_from(row) else {
                break;
            };
            if let Some(id) = &summary.id {
                links.by_id.entry(id.clone()).or_default().push(row);
            }
            let mut seen: Vec<&str> = Vec::new();
            for reference in &summary.references {
                // A cable that names one cable twice cites it once.
                if cites_itself(summary, reference)
                    || seen.iter().any(|s| s.eq_ignore_ascii_case(reference))
                {
                    continue;
                }
                seen.push(reference);
                links
                    .cited_by
                    .entry(reference.to_ascii_uppercase())
                    .or_default()
                    .push(row);
            }
        }
        links
    }

    /// The rows of the cable with this id (several when the collection holds copies).
    pub fn rows_of(&self, id: &str) -> &[u32] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// The first row of the cable with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.rows_of(id).first().map(|&row| row as usize)
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

    /// The rows of the cables that cite `id`, in collection order.
    pub fn cited_by(&self, id: &str) -> &[u32] {
        self.cited_by.get(id).map_or(&[], Vec::as_slice)
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
        assert_eq!(links.cited_by("07STATE1"), [1]);
        assert_eq!(links.find("07MADRID999"), None);
        assert_eq!(links.references(&rows, 9), []);
        for id in ["07MADRID208", "07MADRID300", "07STATE1", "07madrid208"] {
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
