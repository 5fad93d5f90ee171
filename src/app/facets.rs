//! The facets pane's state: for the cable list under its limit, how many cables have each
//! level, caveat, origin (the top 50, or those matching the filter box), year and tag, as
//! one list of rows; Enter on a value adds it to the limit.

use crate::cable::Level;
use crate::corpus::facets::Facets;

/// How many origins are listed when no filter is typed.
pub const TOP_ORIGINS: usize = 50;

/// One row of the pane: a section's title, or a value with its count and the limit clause
/// that picks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    Title(&'static str),
    Value {
        label: String,
        count: usize,
        /// `None`: the value cannot be asked for (no level known).
        clause: Option<String>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct FacetsPane {
    pub facets: Facets,
    /// Words the origins must contain (the filter box), lower case.
    pub origin_filter: String,
    pub rows: Vec<FacetRow>,
    /// The cursor (on a value row) and the first row in view.
    pub cursor: usize,
    pub offset: usize,
}

impl FacetsPane {
    pub fn new(facets: Facets) -> FacetsPane {
        let mut pane = FacetsPane {
            facets,
            ..FacetsPane::default()
        };
        pane.rebuild();
        pane
    }

    /// The rows from the counts and the origin filter; the cursor on the first value.
    pub fn rebuild(&mut self) {
        let mut rows = vec![FacetRow::Title("Levels")];
        for (level, count) in &self.facets.levels {
            rows.push(FacetRow::Value {
                label: level.map_or("unknown", Level::abbreviation).to_owned(),
                count: *count,
                clause: level.map(|l| format!("~c ={}", l.abbreviation())),
            });
        }
        rows.push(FacetRow::Title("Caveats"));
        rows.extend(
            self.facets
                .caveats
                .iter()
                .map(|(caveat, count)| FacetRow::Value {
                    label: caveat.clone(),
                    count: *count,
                    clause: Some(format!("~c {caveat}")),
                }),
        );
        let filter = self.origin_filter.to_lowercase();
        let words: Vec<&str> = filter.split_whitespace().collect();
        rows.push(FacetRow::Title(if words.is_empty() {
            "Origins (top 50; / filters)"
        } else {
            "Origins (filtered; / changes)"
        }));
        rows.extend(
            self.facets
                .origins
                .iter()
                .filter(|(origin, _)| {
                    let origin = origin.to_lowercase();
                    words.iter().all(|word| origin.contains(word))
                })
                .take(if words.is_empty() {
                    TOP_ORIGINS
                } else {
                    usize::MAX
                })
                .map(|(origin, count)| FacetRow::Value {
                    label: origin.clone(),
                    count: *count,
                    clause: Some(format!("~o {origin}")),
                }),
        );
        rows.push(FacetRow::Title("Years"));
        rows.extend(
            self.facets
                .years
                .iter()
                .map(|(year, count)| FacetRow::Value {
                    label: year.to_string(),
                    count: *count,
                    clause: Some(format!("~d {year}-01-01..{year}-12-31")),
                }),
        );
        rows.push(FacetRow::Title("Tags"));
        rows.extend(self.facets.tags.iter().map(|(tag, count)| FacetRow::Value {
            label: tag.clone(),
            count: *count,
            clause: Some(format!("~t {tag}")),
        }));
        self.rows = rows;
        self.cursor = self.next_value(0, 1).unwrap_or(0);
        self.offset = 0;
    }

    /// The first value row from `from` going `step` (1 or -1), `from` included.
    pub fn next_value(&self, from: usize, step: isize) -> Option<usize> {
        let mut at = from;
        loop {
            if matches!(self.rows.get(at), Some(FacetRow::Value { .. })) {
                return Some(at);
            }
            at = at.checked_add_signed(step)?;
            if at >= self.rows.len() {
                return None;
            }
        }
    }
}
