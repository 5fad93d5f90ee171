//! Search over a collection: the full-text index (built in the cache dir, or reused while
//! its files are unchanged), or, when there is no place for one, a scan of every cable on
//! every core. Hits come best first, each with its header facts and a snippet read from the
//! record's bytes.
//!
//! While the index is built, [`prepare_in_steps`] hands out a searchable snapshot after
//! each commit (one every [`SNAPSHOTS`]th of the bytes): [`Backend::Partial`] holds the
//! index as committed and where it ends ([`Indexed`]: the sources before one are whole,
//! and of that one the records that start before an offset). A search of a snapshot asks
//! the index for the indexed records and scans only the rest, so it finds the same hits,
//! and counts the same, as the finished index; the indexed part's hits come first (its
//! scores and the scan's are not on one scale). Once the index is finished there is no
//! scan.

pub mod document;
pub mod facts;
pub mod index;
pub mod matcher;
pub mod read;
pub mod snippet;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cable::{parse_cable, sources, Cable, CableDate, Level};
use crate::corpus::limit::Limit;
use crate::corpus::query::Query;
use crate::corpus::summary::Summary;
use index::{Builder, IndexError, IndexHit, IndexKey, Progress, SearchIndex, SourceStamp, Stale};
use matcher::Words;
use snippet::{snippet, Snippet};

/// How many snapshots [`prepare_in_steps`] hands out while it builds (a commit each).
pub const SNAPSHOTS: u64 = 20;

/// How a collection is searched.
#[derive(Debug)]
pub enum Backend {
    Index(SearchIndex),
    /// An index still being built: it holds the records of `indexed`; the rest are scanned.
    Partial {
        index: SearchIndex,
        indexed: Indexed,
        progress: Progress,
    },
    /// No index: every cable is parsed and checked.
    Scan,
}

/// The records a partly built index holds: every record of the sources before `source`,
/// and those of `source` that start before `offset` (the build reads the sources in
/// order, and each from its start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indexed {
    pub source: u32,
    pub offset: u64,
}

impl Indexed {
    /// Whether the record of `source` starting at `start` is in the index.
    pub fn holds(&self, source: u32, start: u64) -> bool {
        source < self.source || (source == self.source && start < self.offset)
    }
}

/// A collection ready to be searched, and what is worth telling the user about it.
#[derive(Debug)]
pub struct Prepared {
    pub sources: Vec<SourceStamp>,
    pub backend: Backend,
    pub messages: Vec<String>,
    /// Whether the index was built now (not reused).
    pub built: bool,
}

/// One hit, with what a list of hits shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub score: f32,
    pub id: Option<String>,
    pub date: Option<CableDate>,
    pub level: Option<Level>,
    pub classification: Option<String>,
    pub origin: Option<String>,
    pub subject: Option<String>,
    pub snippet: Snippet,
    /// Where the cable lies: the index of its source, and its bytes there.
    pub source: u32,
    pub start: u64,
    pub len: u64,
}

/// The best hits and the count of all.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub count: usize,
    /// Records that could not be read back for their snippet (the file changed).
    pub problems: Vec<String>,
}

/// Stamps the files and opens their index, building it if it is missing, stale or damaged.
/// Without a cache dir, or when the index cannot be written there, the collection is
/// searched by a scan; `messages` says so. Never fails: a file that cannot be read is a
/// message and is left out.
pub fn prepare(
    files: &[PathBuf],
    cache_dir: Option<&Path>,
    mut progress: impl FnMut(Progress),
) -> Prepared {
    prepare_with(files, cache_dir, &mut progress, None)
}

/// Like [`prepare`], and when the index must be built, hands `snapshot` a searchable
/// [`Prepared`] ([`Backend::Partial`]) after each of about [`SNAPSHOTS`] commits, so a
/// reader can search while it is built. The returned one is the finished index (or a
/// scan, as for [`prepare`]).
pub fn prepare_in_steps(
    files: &[PathBuf],
    cache_dir: Option<&Path>,
    mut progress: impl FnMut(Progress),
    mut snapshot: impl FnMut(Prepared),
) -> Prepared {
    prepare_with(files, cache_dir, &mut progress, Some(&mut snapshot))
}

fn prepare_with(
    files: &[PathBuf],
    cache_dir: Option<&Path>,
    progress: &mut dyn FnMut(Progress),
    mut snapshot: Option<&mut dyn FnMut(Prepared)>,
) -> Prepared {
    let mut messages = Vec::new();
    let mut sources = Vec::new();
    for path in files {
        // The same file named from another folder is the same source (and index).
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        match read::stamp(&path) {
            Ok(stamp) => sources.push(stamp),
            Err(error) => messages.push(format!("{}: cannot read: {error}", path.display())),
        }
    }
    let Some(cache_dir) = cache_dir else {
        messages.push("no cache dir: searching every cable without an index".into());
        return Prepared {
            sources,
            backend: Backend::Scan,
            messages,
            built: false,
        };
    };
    let key = IndexKey::new(sources.clone());
    let dir = key.dir_in(cache_dir);
    match SearchIndex::open(&dir, &key) {
        Ok(index) => {
            return Prepared {
                sources,
                backend: Backend::Index(index),
                messages,
                built: false,
            }
        }
        Err(Stale::Corrupt(why)) => messages.push(format!(
            "{}: the search index is damaged ({why}); building it again",
            dir.display()
        )),
        Err(Stale::Missing | Stale::Changed) => {}
    }
    let mut on_commit = snapshot.as_mut().map(|snapshot| {
        let sources = sources.clone();
        let messages = messages.clone();
        move |index, indexed, progress| {
            snapshot(Prepared {
                sources: sources.clone(),
                backend: Backend::Partial {
                    index,
                    indexed,
                    progress,
                },
                messages: messages.clone(),
                built: false,
            })
        }
    });
    let on_commit = on_commit
        .as_mut()
        .map(|on_commit| on_commit as &mut dyn FnMut(SearchIndex, Indexed, Progress));
    match build(&dir, &key, progress, on_commit) {
        Ok(index) => Prepared {
            sources,
            backend: Backend::Index(index),
            messages,
            built: true,
        },
        Err(error) => {
            // Leave no half-built index behind; if even that fails, its missing key file
            // marks it unfinished.
            let _ = std::fs::remove_dir_all(&dir);
            messages.push(format!(
                "cannot build the search index: {error}; searching every cable without one"
            ));
            Prepared {
                sources,
                backend: Backend::Scan,
                messages,
                built: false,
            }
        }
    }
}

/// Builds the index of `key`'s sources in `dir`, parsing the cables on every core. With
/// `on_commit`, commits about [`SNAPSHOTS`] times on the way and hands it each commit.
fn build(
    dir: &Path,
    key: &IndexKey,
    progress: &mut dyn FnMut(Progress),
    mut on_commit: Option<&mut dyn FnMut(SearchIndex, Indexed, Progress)>,
) -> Result<SearchIndex, IndexError> {
    let mut builder = Builder::create(dir)?;
    let first_error: Mutex<Option<IndexError>> = Mutex::new(None);
    let bytes_total: u64 = key.sources.iter().map(|source| source.size).sum();
    let commit_every = on_commit
        .is_some()
        .then(|| (bytes_total / SNAPSHOTS).max(1));
    let mut since_commit = 0;
    let mut done = Progress {
        bytes_done: 0,
        bytes_total,
        cables: 0,
    };
    for (number, stamp) in key.sources.iter().enumerate() {
        let source = u32::try_from(number).unwrap_or(u32::MAX);
        let before = done.bytes_done;
        read::scan_file(&stamp.path, |chunk, base, ranges| {
            let mut rest = ranges;
            while !rest.is_empty() {
                let take = commit_every.map_or(rest.len(), |every| {
                    records_within(rest, every.saturating_sub(since_commit))
                });
                let (batch, after) = rest.split_at(take);
                rest = after;
                batch.par_iter().for_each(|range| {
                    let Some(bytes) = chunk.get(range.clone()) else {
                        return;
                    };
                    let cable = parse_record(bytes);
                    let start = base + range.start as u64;
                    if let Err(error) = builder.add(&cable, source, start, range.len() as u64) {
                        keep_first(&first_error, error);
                    }
                });
                let end = base + batch.last().map_or(0, |range| range.end as u64);
                done.cables += batch.len() as u64;
                done.bytes_done = before + end;
                since_commit += batch.iter().map(|range| range.len() as u64).sum::<u64>();
                progress(done);
                if let (Some(every), Some(on_commit)) = (commit_every, on_commit.as_mut()) {
                    if since_commit >= every {
                        since_commit = 0;
                        match builder.commit() {
                            Ok(index) => on_commit(
                                index,
                                Indexed {
                                    source,
                                    offset: end,
                                },
                                done,
                            ),
                            Err(error) => keep_first(&first_error, error),
                        }
                    }
                }
            }
        })
        .map_err(|source| IndexError::Io {
            path: stamp.path.clone(),
            source,
        })?;
        done.bytes_done = before + stamp.size;
    }
    if let Some(error) = first_error.into_inner().ok().flatten() {
        return Err(error);
    }
    builder.finish(key)
}

/// How many of the first records fit in `budget` bytes (at least one).
fn records_within(ranges: &[std::ops::Range<usize>], budget: u64) -> usize {
    let mut used = 0;
    let fitting = ranges
        .iter()
        .take_while(|range| {
            used += range.len() as u64;
            used <= budget
        })
        .count();
    fitting.max(1)
}

fn keep_first(slot: &Mutex<Option<IndexError>>, error: IndexError) {
    if let Ok(mut slot) = slot.lock() {
        slot.get_or_insert(error);
    }
}

/// The cable in a record's bytes, parsed in full (an empty cable if there is none).
fn parse_record(bytes: &[u8]) -> Cable<'static> {
    match sources(bytes).next() {
        Some(source) => parse_cable(&source).into_owned(),
        None => Cable::default(),
    }
}

/// The best `limit` hits of `query` (all when `None`), best first, with the count of all,
/// each read back for its header facts and snippet.
pub fn search(
    prepared: &Prepared,
    query: &Query<'_>,
    limit: Option<usize>,
) -> Result<Found, IndexError> {
    let (places, count) = find(prepared, query, limit)?;
    let mut found = rows(prepared, &places, query);
    found.count = count;
    Ok(found)
}

/// Like [`search`], keeping only the cables within `within` (the limit language). The
/// index checks the limit on its fast fields, so only the hits shown are read back; the
/// records the index does not hold (a scan, or the rest of a partly built index) are
/// checked on their header, read from their bytes.
pub fn search_within(
    prepared: &Prepared,
    query: &Query<'_>,
    within: &Limit,
    limit: Option<usize>,
) -> Result<Found, IndexError> {
    let (kept, count) = find_within(prepared, query, within, limit)?;
    let mut found = rows(prepared, &kept, query);
    found.count = count;
    Ok(found)
}

/// Where the best `limit` hits within `within` lie (all when `None`), and the count of all,
/// as [`search_within`] finds them: nothing of the index's hits is read back.
pub fn find_within(
    prepared: &Prepared,
    query: &Query<'_>,
    within: &Limit,
    limit: Option<usize>,
) -> Result<(Vec<IndexHit>, usize), IndexError> {
    find_within_rows(prepared, query, within, limit, None, &Cancel::default())
}

/// The summary rows a reader holds, found by where their record lies: a scan checks a
/// limit on them before it parses a cable, instead of reading the records' headers back.
pub trait RowsByPlace: Sync {
    fn summary(&self, source: u32, start: u64) -> Option<&Summary>;
}

/// Like [`find_within`]; the records the index does not hold are checked on `rows` when
/// given (before they are parsed), else on their header read back. A scan stops early,
/// with what it found so far, once `cancel` is stopped.
pub fn find_within_rows(
    prepared: &Prepared,
    query: &Query<'_>,
    within: &Limit,
    limit: Option<usize>,
    rows: Option<&dyn RowsByPlace>,
    cancel: &Cancel,
) -> Result<(Vec<IndexHit>, usize), IndexError> {
    let in_rows = |source: u32, start: u64| {
        rows.is_none_or(|rows| {
            rows.summary(source, start)
                .is_some_and(|row| within.matches(row))
        })
    };
    // Without rows, a limit is checked on the hits' headers read back, after the scan.
    let keep: Option<&(dyn Fn(u32, u64) -> bool + Sync)> =
        (!within.is_all() && rows.is_some()).then_some(&in_rows);
    let read_back = !within.is_all() && rows.is_none();
    let scan_rest = |indexed: Option<&Indexed>, wanted: Option<usize>| {
        let (places, count) = scan(
            &prepared.sources,
            indexed,
            query,
            if read_back { None } else { wanted },
            keep,
            cancel,
        );
        if read_back {
            let mut kept = read_within(prepared, &places, within);
            let count = kept.len();
            kept.truncate(wanted.unwrap_or(count));
            (kept, count)
        } else {
            (places, count)
        }
    };
    Ok(match &prepared.backend {
        Backend::Index(index) => index.search_within(query, within, limit)?,
        Backend::Partial { index, indexed, .. } => {
            let (mut kept, count) = index.search_within(query, within, limit)?;
            let wanted = limit.map(|limit| limit.saturating_sub(kept.len()));
            let (rest, rest_count) = scan_rest(Some(indexed), wanted);
            kept.extend(rest);
            (kept, count + rest_count)
        }
        Backend::Scan => scan_rest(None, limit),
    })
}

/// Like [`find_within`], but every hit is checked on its header read back from the
/// record's bytes (the way the limit was checked before the index held its facts): the
/// reference the tests hold [`find_within`] to.
pub fn find_within_by_reading(
    prepared: &Prepared,
    query: &Query<'_>,
    within: &Limit,
    limit: Option<usize>,
) -> Result<(Vec<IndexHit>, usize), IndexError> {
    let (places, _) = find(prepared, query, None)?;
    let mut kept = read_within(prepared, &places, within);
    let count = kept.len();
    kept.truncate(limit.unwrap_or(count));
    Ok((kept, count))
}

/// [`search_within`] with the limit checked by [`find_within_by_reading`].
pub fn search_within_by_reading(
    prepared: &Prepared,
    query: &Query<'_>,
    within: &Limit,
    limit: Option<usize>,
) -> Result<Found, IndexError> {
    let (kept, count) = find_within_by_reading(prepared, query, within, limit)?;
    let mut found = rows(prepared, &kept, query);
    found.count = count;
    Ok(found)
}

/// The hits at `places` within `within`, each checked on its header read from its record.
fn read_within(prepared: &Prepared, places: &[IndexHit], within: &Limit) -> Vec<IndexHit> {
    places
        .par_iter()
        .filter(|place| {
            prepared
                .sources
                .get(place.source as usize)
                .and_then(|stamp| read::read_record(&stamp.path, place.start, place.len).ok())
                .and_then(|bytes| {
                    sources(&bytes)
                        .next()
                        .map(|source| Summary::of_source(&source))
                })
                .is_some_and(|row| within.matches(&row))
        })
        .copied()
        .collect()
}

/// Where the best `limit` hits lie (all when `None`), best first, and the count of all:
/// nothing is read back.
pub fn find(
    prepared: &Prepared,
    query: &Query<'_>,
    limit: Option<usize>,
) -> Result<(Vec<IndexHit>, usize), IndexError> {
    find_within(prepared, query, &Limit::And(Vec::new()), limit)
}

/// The hits at `places`, read back from their sources (on every core), in that order.
pub fn rows(prepared: &Prepared, places: &[IndexHit], query: &Query<'_>) -> Found {
    let mut found = Found {
        count: places.len(),
        ..Found::default()
    };
    let rows: Vec<Result<Hit, String>> = places
        .par_iter()
        .map(|place| hit_at(&prepared.sources, place, query))
        .collect();
    for row in rows {
        match row {
            Ok(hit) => found.hits.push(hit),
            Err(problem) => found.problems.push(problem),
        }
    }
    found
}

/// The hit at `place`, read back from its source.
fn hit_at(sources: &[SourceStamp], place: &IndexHit, query: &Query<'_>) -> Result<Hit, String> {
    let stamp = sources
        .get(place.source as usize)
        .ok_or_else(|| format!("the index names source {} it does not have", place.source))?;
    let bytes = read::read_record(&stamp.path, place.start, place.len)
        .map_err(|error| format!("{}: cannot read a hit again: {error}", stamp.path.display()))?;
    let cable = parse_record(&bytes);
    Ok(Hit {
        score: place.score,
        snippet: snippet(&cable, query),
        id: cable.id.clone(),
        date: cable.date,
        level: cable.classification.level,
        classification: cable.classification.display_name(),
        origin: cable.origin.as_deref().map(str::to_owned),
        subject: cable.subject.as_deref().map(str::to_owned),
        source: place.source,
        start: place.start,
        len: place.len,
    })
}

/// A query's stop flag, checked by its scans between records, and how many records they
/// parsed (what a test of the stop counts).
#[derive(Debug, Default)]
pub struct Cancel {
    stopped: AtomicBool,
    scanned: AtomicU64,
}

impl Cancel {
    /// Asks the scans of this query to stop: a newer query has taken its place.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
    }

    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Records parsed and checked so far by the scans of this query.
    pub fn scanned(&self) -> u64 {
        self.scanned.load(Ordering::Relaxed)
    }

    /// One more record to parse, unless the query is stopped: whether to go on.
    pub fn count_one(&self) -> bool {
        if self.stopped() {
            return false;
        }
        self.scanned.fetch_add(1, Ordering::Relaxed);
        true
    }
}

/// A reader that ends (reads nothing more) once the query is stopped, so a stopped scan
/// does not read the rest of a large file.
struct StopReading<'a, R> {
    inner: R,
    cancel: &'a Cancel,
}

impl<R: std::io::Read> std::io::Read for StopReading<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancel.stopped() {
            return Ok(0);
        }
        self.inner.read(buf)
    }
}

/// The score of the cable in `bytes` for `query` (occurrences of the wanted words), if it
/// matches.
pub fn score_record(bytes: &[u8], query: &Query<'_>) -> Option<f32> {
    let cable = parse_record(bytes);
    let parts = document::searchable_parts(&cable);
    Words::of_parts(&parts)
        .score(query)
        .map(|score| score as f32)
}

/// The snippet of the cable in a record's bytes for `query`.
pub fn snippet_of_record(bytes: &[u8], query: &Query<'_>) -> Snippet {
    snippet(&parse_record(bytes), query)
}

/// Every cable parsed and checked, on every core (but those `indexed` holds, and those
/// `keep` leaves out): hits by score (occurrences of the wanted words), then in
/// collection order. Stops, with what it found, once `cancel` is stopped.
fn scan(
    sources: &[SourceStamp],
    indexed: Option<&Indexed>,
    query: &Query<'_>,
    limit: Option<usize>,
    keep: Option<&(dyn Fn(u32, u64) -> bool + Sync)>,
    cancel: &Cancel,
) -> (Vec<IndexHit>, usize) {
    let mut hits = Vec::new();
    let first = indexed.map_or(0, |indexed| indexed.source as usize);
    for (number, stamp) in sources.iter().enumerate().skip(first) {
        if cancel.stopped() {
            break;
        }
        let source = u32::try_from(number).unwrap_or(u32::MAX);
        // A file that cannot be read now was stamped a moment ago; it is left out.
        let Ok(file) = std::fs::File::open(&stamp.path) else {
            continue;
        };
        let mut input = StopReading {
            inner: file,
            cancel,
        };
        let _ = crate::corpus::record::scan(&mut input, |chunk| {
            let (bytes, base) = (chunk.bytes, chunk.base);
            let found: Vec<IndexHit> = chunk
                .ranges
                .par_iter()
                .filter_map(|range| {
                    let start = base + range.start as u64;
                    if indexed.is_some_and(|indexed| indexed.holds(source, start))
                        || keep.is_some_and(|keep| !keep(source, start))
                        || !cancel.count_one()
                    {
                        return None;
                    }
                    let score = score_record(bytes.get(range.clone())?, query)?;
                    Some(IndexHit {
                        source,
                        start,
                        len: range.len() as u64,
                        score,
                    })
                })
                .collect();
            hits.extend(found);
        });
    }
    let count = hits.len();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(limit.unwrap_or(count));
    (hits, count)
}
