//! Search over every cable of a corpus, as the reader holds it: how far the index is, the
//! query asked for and not yet answered (the loop hands it to a worker), and the hits the
//! cable list shows in place of its rows until Esc gives the list back (the list keeps
//! them, `CorpusList::hits`, so a new limit replaces them), with the snippets come so far.

use std::collections::HashMap;

use super::list::thousands;
use crate::corpus::limit::Limit;
use crate::corpus::search::snippet::Snippet;

/// How the corpus can be searched right now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IndexState {
    /// The list is still being read, or the index is being opened.
    #[default]
    Waiting,
    /// The index is being built: searches scan what it does not hold yet.
    Building { bytes_done: u64, bytes_total: u64 },
    /// The index is open.
    Ready,
    /// No index (no cache dir, or it cannot be written): every search scans the cables.
    Scan,
}

impl IndexState {
    /// `index 40% built`, while it is.
    pub fn describe(&self) -> Option<String> {
        match self {
            IndexState::Building {
                bytes_done,
                bytes_total,
            } => {
                let percent = if *bytes_total == 0 {
                    0
                } else {
                    (*bytes_done).min(*bytes_total) * 100 / bytes_total
                };
                Some(format!("index {percent}% built"))
            }
            _ => None,
        }
    }
}

/// A query the reader wants answered: its text and its number, so an answer to an older
/// query that comes late is known and dropped, and the list's limit it is asked within.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub query: String,
    pub number: u64,
    /// The list's limit in force, as typed and as parsed.
    pub within: Option<(String, Limit)>,
}

/// The hits of a query, as rows of the cable list, and the list they replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitList {
    pub query: String,
    /// The number of the answer (snippets that come later name it).
    pub number: u64,
    /// The list's limit the search was within, as typed.
    pub within: Option<String>,
    /// The best hits (within the query's limit terms and the list's limit), in the list's
    /// rows, best first.
    pub rows: Vec<u32>,
    /// All hits, when only the best of them are listed.
    pub count: usize,
    /// The one-line snippet of each hit, by its row, as they come from the workers.
    pub snippets: HashMap<u32, Snippet>,
    /// What the list showed before the search: its view, cursor and first row in view.
    pub before: (Vec<u32>, usize, usize),
}

impl HitList {
    /// `1,204 hits for "cartel"`, and how many are listed when not all are.
    pub fn describe(&self) -> String {
        let shown = self.rows.len();
        let mut text = format!(
            "{} hit{} for \"{}\"",
            thousands(self.count as u64),
            if self.count == 1 { "" } else { "s" },
            crate::sanitize::one_line(&self.query)
        );
        if let Some(within) = &self.within {
            text.push_str(&format!(" within {}", crate::sanitize::one_line(within)));
        }
        if shown < self.count {
            text.push_str(&format!(" · best {} listed", thousands(shown as u64)));
        }
        text
    }
}

/// The answer to a query, as the loop hands it to `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub number: u64,
    /// Rows of the cable list, best first (hits the list does not hold are left out).
    pub rows: Vec<u32>,
    /// All hits (more than `rows` when only the best were asked for).
    pub count: usize,
    /// The snippets of the first hits, by row.
    pub snippets: Vec<(u32, Snippet)>,
    /// The search could not run (the index failed to read): why.
    pub error: Option<String>,
    /// From the query's action to this answer, measured by the loop.
    pub elapsed_ms: u64,
    /// There was no index yet (or none can be made): every cable was scanned.
    pub scanned: bool,
    /// The index was being built: what it held was looked up, the rest scanned.
    pub partial: bool,
}

/// Snippets of hits, sent as the list scrolls to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippets {
    /// The answer whose hits they are.
    pub number: u64,
    pub snippets: Vec<(u32, Snippet)>,
}

/// The corpus search's part of the reader's state.
#[derive(Debug, Clone, Default)]
pub struct CorpusSearch {
    pub index: IndexState,
    /// What the index worker said worth telling (a cache dir that cannot be written).
    pub index_message: Option<String>,
    /// The query waiting for the loop to send it to a worker.
    pub wanted: Option<Asked>,
    /// The number of the last query asked (only its answer is taken).
    pub last_asked: u64,
    /// The query being answered, until its answer comes.
    pub pending: Option<String>,
}

impl CorpusSearch {
    /// Asks for `query` within the list's limit `within`; any answer to an earlier one
    /// will be dropped.
    pub fn ask(&mut self, query: &str, within: Option<(String, Limit)>) {
        self.last_asked += 1;
        self.wanted = Some(Asked {
            query: query.to_owned(),
            number: self.last_asked,
            within,
        });
        self.pending = Some(query.to_owned());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn progress_and_counts_as_the_status_says_them() {
        let building = IndexState::Building {
            bytes_done: 40,
            bytes_total: 100,
        };
        assert_eq!(building.describe().as_deref(), Some("index 40% built"));
        assert_eq!(IndexState::Ready.describe(), None);
        let hits = HitList {
            query: "cartel".into(),
            number: 1,
            within: None,
            rows: vec![3, 1],
            count: 1204,
            snippets: HashMap::new(),
            before: (Vec::new(), 0, 0),
        };
        assert_eq!(hits.describe(), "1,204 hits for \"cartel\" · best 2 listed");
        let within = HitList {
            within: Some("~c S".into()),
            count: 2,
            ..hits
        };
        assert_eq!(within.describe(), "2 hits for \"cartel\" within ~c S");
    }
}
