//! The cable list over a corpus: the summary rows as they arrive from the worker that reads
//! the sources, the rows in view (limited and sorted), the loading progress and the column
//! widths, kept up to date as rows arrive so a frame never scans the rows.

use std::sync::Arc;

use rayon::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::state::Entry;
use crate::corpus::key::CableKey;
use crate::corpus::limit::Limit;
use crate::corpus::links::Links;
use crate::corpus::sort::{SortIndex, SortKey};
use crate::corpus::summary::Summary;
use crate::state::{Bookmark, State};

/// The widest an id or origin column gets.
pub const MAX_ID_WIDTH: usize = 18;
pub const MAX_ORIGIN_WIDTH: usize = 22;

/// A value shared by an action without copying it; equal only to itself.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }

    /// The value, taken out if this is its only holder, else cloned.
    pub fn take(self) -> T
    where
        T: Clone,
    {
        Arc::try_unwrap(self.0).unwrap_or_else(|arc| (*arc).clone())
    }
}

/// Rows summarised (or loaded from the cache), in source order, and how far reading is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub summaries: Vec<Summary>,
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Since reading started, measured by the loop (update reads no clock).
    pub elapsed_ms: u64,
}

/// Everything is read.
#[derive(Debug, Clone)]
pub struct Done {
    /// Problems worth telling (unreadable files, caches not used); each names its file.
    pub messages: Vec<String>,
    /// Every row's rank under each sort key, computed on the worker.
    pub sort: SortIndex,
    /// The reference graph of every row, built on the worker; `None`: built by `update`.
    pub links: Option<Links>,
    pub elapsed_ms: u64,
}

/// Cable keys the worker's second pass found, for rows whose marks matched by id until now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysFound {
    /// (row, hash of its paragraphs), the row's id being the rest of its key.
    pub keys: Vec<(usize, u64)>,
    /// Set on the last batch: every row's key that can be known is known; what went wrong,
    /// each naming its file.
    pub done: Option<Vec<String>>,
}

/// A cable read and parsed by the loop for row `row`.
#[derive(Debug, Clone)]
pub struct Ready {
    pub row: usize,
    pub entry: Entry,
}

/// How far reading the sources is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub elapsed_ms: u64,
    pub done: bool,
}

impl Progress {
    /// `reading 123,456 of ~251,000 cables · 49% · 3 s left`, or `251,287 cables`; the
    /// total is estimated from the bytes read so far.
    pub fn describe(&self, rows: usize) -> String {
        if self.done {
            return format!(
                "{} cable{}",
                thousands(rows as u64),
                if rows == 1 { "" } else { "s" }
            );
        }
        if self.bytes_total == 0 {
            // A stream (standard input, a FIFO): its size is not known until it ends.
            return format!("reading {} cables", thousands(rows as u64));
        }
        let done = self.bytes_done.min(self.bytes_total);
        let percent = done * 100 / self.bytes_total;
        let mut text = format!("reading {}", thousands(rows as u64));
        if done > 0 && rows > 0 {
            let estimate = (rows as u128 * u128::from(self.bytes_total) / u128::from(done)) as u64;
            text.push_str(&format!(
                " of ~{} cables",
                thousands(round_estimate(estimate))
            ));
        } else {
            text.push_str(" cables");
        }
        text.push_str(&format!(" · {percent}%"));
        if done > 0 && self.elapsed_ms >= 200 {
            let left_ms = u128::from(self.elapsed_ms) * u128::from(self.bytes_total - done)
                / u128::from(done);
            text.push_str(&format!(" · {} s left", left_ms.div_ceil(1000)));
        }
        text
    }
}

/// An estimate says no more than three figures: `251,287` → `251,000`.
fn round_estimate(value: u64) -> u64 {
    let mut unit = 1;
    while value / unit >= 1000 {
        unit *= 10;
    }
    value / unit * unit
}

/// `251287` → `251,287`.
pub fn thousands(value: impl Into<u64>) -> String {
    let value: u64 = value.into();
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, c) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A bookmark whose cable the loop is reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkWanted {
    pub row: usize,
    pub bookmark: Bookmark,
}

/// A row's marks from the saved state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowMarks {
    pub read: bool,
    pub bookmarked: bool,
}

/// The cable list of a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusList {
    /// Every row, in source order (shared with the corpus search's workers, which check
    /// the list's limit on them).
    pub rows: Arc<Vec<Summary>>,
    /// Each row's key hash, once known (from the cache, the worker's second pass, or the
    /// cable parsed on open). Kept beside `rows`, not in them: the search workers share the
    /// rows, and writing a key into them would copy all 251,287 on the UI thread.
    pub hashes: Vec<Option<u64>>,
    /// The rows shown, as indices into `rows`: limited, then sorted.
    pub view: Vec<u32>,
    pub sort_key: SortKey,
    pub reverse: bool,
    /// Present once every row is read.
    pub sort_index: Option<SortIndex>,
    /// The reference graph the worker built once every row was read, until the links
    /// state takes it.
    pub built_links: Option<Links>,
    pub progress: Progress,
    /// The cursor and the first row in view, as positions in `view`.
    pub cursor: usize,
    pub offset: usize,
    /// The row whose cable is open, and the one asked for (the loop reads it).
    pub open_row: Option<usize>,
    pub wanted: Option<usize>,
    /// Column widths, grown as rows arrive (never by a scan in a frame).
    pub id_width: usize,
    pub origin_width: usize,
    /// Every row's key is known that can be (the worker's second pass is over).
    pub keys_done: bool,
    /// A bookmark being gone to, whose row is `wanted`: when its cable arrives, its key is
    /// checked and the bookmarked paragraph selected.
    pub bookmark_wanted: Option<BookmarkWanted>,
    /// The limit in force, as typed and as parsed (`None`: every row).
    pub limit_text: String,
    pub limit: Option<Limit>,
    /// What the saved state knows this list's sources by (`None`: a stream), under which
    /// its sort and limit are kept.
    pub source_key: Option<String>,
    /// What reading said (files that failed or are no cables, caches rebuilt), each naming
    /// its file; the status line shows the first, the exit prints them all.
    pub messages: Vec<String>,
    /// The hits of a corpus search, while the view shows them (best first).
    pub hits: Option<super::corpus_search::HitList>,
}

impl CorpusList {
    /// An empty list, sorted as configured.
    pub fn new(sort_key: SortKey, reverse: bool) -> CorpusList {
        CorpusList {
            sort_key,
            reverse,
            ..CorpusList::default()
        }
    }

    /// Whether row `index` was read and whether it has bookmarks, as the saved state says
    /// now: by the whole key once the row's is known (another text of the same id is
    /// another cable), by id until then.
    pub fn marks(&self, index: usize, state: &State) -> RowMarks {
        let Some(row) = self.rows.get(index) else {
            return RowMarks::default();
        };
        match (self.key(index), row.id.as_deref()) {
            (Some(key), _) => RowMarks {
                read: state.is_read(&key),
                bookmarked: state.has_bookmark(&key),
            },
            (None, Some(id)) => RowMarks {
                read: state.is_id_read(id),
                bookmarked: state.has_id_bookmark(id),
            },
            (None, None) => RowMarks::default(),
        }
    }

    /// Row `index`'s hash, once known.
    pub fn hash(&self, index: usize) -> Option<u64> {
        self.hashes.get(index).copied().flatten()
    }

    /// Row `index`'s cable key, once its hash is known.
    pub fn key(&self, index: usize) -> Option<CableKey> {
        let row = self.rows.get(index)?;
        Some(CableKey {
            id: row.id.clone().unwrap_or_default(),
            hash: self.hash(index)?,
        })
    }

    /// The row of the cable `key`: the row with that whole key, else (while keys are still
    /// being found) the first row of its id whose key is not known yet.
    pub fn find_key(&self, key: &CableKey) -> Option<usize> {
        let id_is = |row: &Summary| row.id.as_deref().unwrap_or_default() == key.id;
        let rows = || self.rows.iter().enumerate();
        rows()
            .position(|(index, row)| self.hash(index) == Some(key.hash) && id_is(row))
            .or_else(|| {
                rows().position(|(index, row)| {
                    self.hash(index).is_none() && !key.id.is_empty() && id_is(row)
                })
            })
    }

    /// Takes in the key hashes the worker found (or the open cable's, parsed).
    pub fn set_keys(&mut self, keys: &[(usize, u64)]) {
        for &(index, hash) in keys {
            if let Some(slot) = self.hashes.get_mut(index) {
                *slot = Some(hash);
            }
        }
    }

    /// Adds rows in source order; those the view shows join it.
    pub fn push(&mut self, rows: Vec<Summary>) {
        for row in rows {
            self.id_width = self
                .id_width
                .max(row.id.as_deref().map_or(0, UnicodeWidthStr::width))
                .min(MAX_ID_WIDTH);
            self.origin_width = self
                .origin_width
                .max(row.origin.as_deref().map_or(0, UnicodeWidthStr::width))
                .min(MAX_ORIGIN_WIDTH);
            let index = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
            let shown = self.limit.as_ref().is_none_or(|limit| limit.matches(&row));
            self.hashes.push(row.hash);
            Arc::make_mut(&mut self.rows).push(row);
            if shown {
                self.view.push(index);
            }
        }
    }

    /// The summary of the row at `position` in the view.
    pub fn row_at(&self, position: usize) -> Option<(usize, &Summary)> {
        let index = *self.view.get(position)? as usize;
        self.rows.get(index).map(|row| (index, row))
    }

    /// Puts `limit` in force: the view becomes the rows it matches, sorted.
    pub fn set_limit(&mut self, text: &str, limit: Limit) {
        let cursor_row = self.view.get(self.cursor).copied();
        // The view becomes the limit's: the hits of a search it held are gone.
        self.hits = None;
        self.limit_text = text.trim().to_owned();
        self.limit = (!limit.is_all()).then_some(limit);
        self.view = match &self.limit {
            None => (0..self.rows.len())
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            // On every core: a word limit over 251,287 subjects takes ~90 ms on one.
            Some(limit) => self
                .rows
                .par_iter()
                .enumerate()
                .filter(|(_, row)| limit.matches(row))
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
        };
        self.cursor = 0;
        self.offset = 0;
        self.resort();
        if let Some(row) = cursor_row {
            if let Some(at) = self.view.iter().position(|&r| r == row) {
                self.cursor = at;
            }
        }
    }

    /// Sorts the view by the current key (source order needs no ranks).
    pub fn resort(&mut self) {
        let cursor_row = self.view.get(self.cursor).copied();
        match (&self.sort_index, self.sort_key) {
            (Some(index), key) => index.sort(&mut self.view, key, self.reverse),
            (None, SortKey::Source) => {
                self.view.sort_unstable();
                if self.reverse {
                    self.view.reverse();
                }
            }
            (None, _) => return,
        }
        if let Some(row) = cursor_row {
            self.cursor = self.view.iter().position(|&r| r == row).unwrap_or(0);
        }
    }
}
