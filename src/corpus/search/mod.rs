//! Search over a collection: the full-text index (built in the cache dir, or reused while
//! its files are unchanged), or, when there is no place for one, a scan of every cable on
//! every core. Hits come best first, each with its header facts and a snippet read from the
//! record's bytes.

pub mod document;
pub mod index;
pub mod matcher;
pub mod read;
pub mod snippet;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cable::{parse_cable, sources, Cable, CableDate, Level};
use crate::corpus::limit::Limit;
use crate::corpus::query::Query;
use crate::corpus::summary::Summary;
use index::{Builder, IndexError, IndexHit, IndexKey, Progress, SearchIndex, SourceStamp, Stale};
use matcher::Words;
use snippet::{snippet, Snippet};

/// How a collection is searched.
#[derive(Debug)]
pub enum Backend {
    Index(SearchIndex),
    /// No index: every cable is parsed and checked.
    Scan,
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
    match build(&dir, &key, &mut progress) {
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

/// Builds the index of `key`'s sources in `dir`, parsing the cables on every core.
fn build(
    dir: &Path,
    key: &IndexKey,
    progress: &mut impl FnMut(Progress),
) -> Result<SearchIndex, IndexError> {
    let builder = Builder::create(dir)?;
    let first_error: Mutex<Option<IndexError>> = Mutex::new(None);
    let bytes_total = key.sources.iter().map(|source| source.size).sum();
    let mut done = Progress {
        bytes_done: 0,
        bytes_total,
        cables: 0,
    };
    for (number, stamp) in key.sources.iter().enumerate() {
        let source = u32::try_from(number).unwrap_or(u32::MAX);
        read::scan_file(&stamp.path, |chunk, base, ranges| {
            ranges.par_iter().for_each(|range| {
                let Some(bytes) = chunk.get(range.clone()) else {
                    return;
                };
                let cable = parse_record(bytes);
                let start = base + range.start as u64;
                if let Err(error) = builder.add(&cable, source, start, range.len() as u64) {
                    if let Ok(mut slot) = first_error.lock() {
                        slot.get_or_insert(error);
                    }
                }
            });
            done.cables += ranges.len() as u64;
            done.bytes_done += chunk.len() as u64;
            progress(done);
        })
        .map_err(|source| IndexError::Io {
            path: stamp.path.clone(),
            source,
        })?;
    }
    if let Some(error) = first_error.into_inner().ok().flatten() {
        return Err(error);
    }
    builder.finish(key)
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
/// limit is checked on each hit's header, read from its record's bytes (the index's fast
/// fields hold the same facts, but the limit is not yet translated to them).
pub fn search_within(
    prepared: &Prepared,
    query: &Query<'_>,
    within: &Limit,
    limit: Option<usize>,
) -> Result<Found, IndexError> {
    if within.is_all() {
        return search(prepared, query, limit);
    }
    let (places, _) = find(prepared, query, None)?;
    let kept: Vec<IndexHit> = places
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
        .collect();
    let count = kept.len();
    let shown = limit.unwrap_or(count).min(count);
    let mut found = rows(prepared, kept.get(..shown).unwrap_or_default(), query);
    found.count = count;
    Ok(found)
}

/// Where the best `limit` hits lie (all when `None`), best first, and the count of all:
/// nothing is read back.
pub fn find(
    prepared: &Prepared,
    query: &Query<'_>,
    limit: Option<usize>,
) -> Result<(Vec<IndexHit>, usize), IndexError> {
    match &prepared.backend {
        Backend::Index(index) => index.search(query, limit),
        Backend::Scan => Ok(scan(&prepared.sources, query, limit)),
    }
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

/// Every cable parsed and checked, on every core: hits by score (occurrences of the wanted
/// words), then in collection order.
fn scan(
    sources: &[SourceStamp],
    query: &Query<'_>,
    limit: Option<usize>,
) -> (Vec<IndexHit>, usize) {
    let mut hits = Vec::new();
    for (number, stamp) in sources.iter().enumerate() {
        let source = u32::try_from(number).unwrap_or(u32::MAX);
        // A file that cannot be read now was stamped a moment ago; it is left out.
        let _ = read::scan_file(&stamp.path, |chunk, base, ranges| {
            let found: Vec<IndexHit> = ranges
                .par_iter()
                .filter_map(|range| {
                    let cable = parse_record(chunk.get(range.clone())?);
                    let parts = document::searchable_parts(&cable);
                    let score = Words::of_parts(&parts).score(query)?;
                    Some(IndexHit {
                        source,
                        start: base + range.start as u64,
                        len: range.len() as u64,
                        score: score as f32,
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
