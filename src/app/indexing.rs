//! The corpus's search index and the reader's queries, off the UI thread: once the list is
//! read, a worker opens the index of the sources in the cache dir, or builds it on every
//! core (`corpus::search::prepare_in_steps`), reporting its progress; each query runs on a
//! worker of its own: by the index once it is ready, while it is built by the part indexed
//! so far and a scan of the rest, and by a scan of every cable before its first commit (or
//! without an index). The cables of a stream (standard input, a FIFO), which cannot be
//! read again, are scanned from the bytes the corpus keeps of them. A newer query stops
//! the scans of the one before. The list's limit in force is checked on the worker too
//! (on the index's fast fields, or on the list's own rows, shared), so only the best hits
//! within it cross to the loop. The snippets of the first hits come with the answer; the
//! loop asks a worker for the rest as the list scrolls to them. The event loop turns what
//! the workers send into actions; `update` never waits for them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::action::Action;
use super::corpus_search::{Answer, Snippets};
use super::list::Shared;
use super::state::App;
use super::update::update;
use crate::corpus::limit::{parse_limit, Limit};
use crate::corpus::open::Corpus;
use crate::corpus::query::{parse_query, Query};
use crate::corpus::record::{Record, SourceFile};
use crate::corpus::search::index::Progress;
use crate::corpus::search::snippet::Snippet;
use crate::corpus::search::{
    find_within_rows, prepare_in_steps, read, score_record, snippet_of_record, Backend, Cancel,
    Prepared, RowsByPlace,
};
use crate::corpus::summary::Summary;

/// How many of the best hits a query lists (the count is of all, within the limits).
pub const HITS_LISTED: usize = 2000;

/// At most how many hits' snippets come with the answer (as many as the list shows rows
/// of one line, so about two screenfuls of hits; the loop asks for the rest).
pub const SNIPPETS_SENT: usize = 48;

/// How many screenfuls of snippets past the view the loop asks for as the list scrolls.
const SNIPPETS_AHEAD: usize = 2;

/// How long a query waits for the index to be opened before it scans.
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// How many queries' scans are remembered (for [`Indexer::query_scans`]).
const SCANS_KEPT: usize = 16;

/// What the workers send.
enum Event {
    Progress(Progress),
    /// The index as committed so far, searchable (the rest is scanned).
    Snapshot(Prepared),
    Ready(Prepared),
    Found {
        number: u64,
        result: Result<Listed, String>,
        backend: Arc<Prepared>,
    },
    Snippets(Snippets),
}

/// A query's answer as the worker gives it: rows of the list, best first.
struct Listed {
    rows: Vec<u32>,
    count: usize,
    snippets: Vec<(u32, Snippet)>,
}

/// Where each cable of the corpus lies, for the workers: a copy of the records (32 bytes
/// a cable) and the sources (a stream's bytes are shared, not copied).
struct Places {
    records: Vec<Record>,
    sources: Vec<SourceFile>,
    /// Each file source's index, by its canonical path (the index names its files by it).
    source_by_path: HashMap<PathBuf, u32>,
}

impl Places {
    fn of(corpus: &Corpus) -> Places {
        let source_by_path = corpus
            .sources
            .iter()
            .enumerate()
            .filter_map(|(number, source)| {
                let path = source.path.as_ref()?;
                let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                Some((canonical, u32::try_from(number).ok()?))
            })
            .collect();
        Places {
            records: corpus.records.clone(),
            sources: corpus.sources.clone(),
            source_by_path,
        }
    }

    /// The row of the record of corpus source `source` that starts at `start` (records are
    /// in source order, and in byte order within a source).
    fn row_at(&self, source: u32, start: u64) -> Option<u32> {
        let at = self
            .records
            .partition_point(|r| (r.source, r.start) < (source, start));
        let record = self.records.get(at)?;
        ((record.source, record.start) == (source, start))
            .then(|| u32::try_from(at).ok())
            .flatten()
    }

    fn is_stream(&self, source: u32) -> bool {
        self.sources
            .get(source as usize)
            .is_some_and(|source| source.path.is_none())
    }

    /// The snippet of `row`'s cable for `query`, from its record's bytes.
    fn snippet(&self, row: u32, query: &Query<'_>) -> Option<Snippet> {
        let record = self.records.get(row as usize)?;
        let source = self.sources.get(record.source as usize)?;
        let bytes = source.read(record).ok()?;
        Some(snippet_of_record(&bytes, query))
    }

    fn snippets(&self, rows: &[u32], query: &Query<'_>) -> Vec<(u32, Snippet)> {
        rows.par_iter()
            .filter_map(|&row| Some((row, self.snippet(row, query)?)))
            .collect()
    }
}

/// The list's rows as a backend's hits name them (by their place in the backend's files).
struct RowsOfBackend<'a> {
    places: &'a Places,
    /// The corpus source of each of the backend's files.
    corpus_source: Vec<Option<u32>>,
    rows: &'a [Summary],
}

impl RowsOfBackend<'_> {
    fn row(&self, source: u32, start: u64) -> Option<u32> {
        let source = self.corpus_source.get(source as usize).copied().flatten()?;
        self.places.row_at(source, start)
    }
}

impl RowsByPlace for RowsOfBackend<'_> {
    fn summary(&self, source: u32, start: u64) -> Option<&Summary> {
        self.rows.get(self.row(source, start)? as usize)
    }
}

/// A query as its worker runs it.
struct Job {
    number: u64,
    text: String,
    /// The list's limit in force when it was asked.
    within: Option<Limit>,
    rows: Arc<Vec<Summary>>,
    /// How many of the first hits' snippets to send with the answer.
    snippets: usize,
    backend: Arc<Prepared>,
    places: Arc<Places>,
    cancel: Arc<Cancel>,
}

impl Job {
    /// The best [`HITS_LISTED`] rows within the query's limit terms and the list's limit,
    /// the count of all, and the first hits' snippets.
    fn run(&self) -> Result<Listed, String> {
        let query = parse_query(&self.text).map_err(|error| error.to_string())?;
        let own = parse_limit(&query.limit.join(" ")).map_err(|error| error.message)?;
        let within = match &self.within {
            Some(list) if own.is_all() => list.clone(),
            Some(list) => Limit::And(vec![own, list.clone()]),
            None => own,
        };
        let by_backend = RowsOfBackend {
            places: &self.places,
            corpus_source: self
                .backend
                .sources
                .iter()
                .map(|stamp| self.places.source_by_path.get(&stamp.path).copied())
                .collect(),
            rows: &self.rows,
        };
        let (mut hits, mut count) = find_within_rows(
            &self.backend,
            &query,
            &within,
            Some(HITS_LISTED),
            Some(&by_backend),
            &self.cancel,
        )
        .map_err(|error| error.to_string())?;
        if matches!(self.backend.backend, Backend::Index(_)) {
            // Equal scores in the collection's order, however the index's segments fell (a
            // partly built index's hits keep theirs: the indexed part first).
            hits.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then((a.source, a.start).cmp(&(b.source, b.start)))
            });
        }
        let mut rows: Vec<u32> = hits
            .iter()
            .filter_map(|hit| by_backend.row(hit.source, hit.start))
            .collect();
        let (streamed, streamed_count) = self.scan_streams(&query, &within);
        count += streamed_count;
        let room = HITS_LISTED.saturating_sub(rows.len());
        rows.extend(streamed.into_iter().take(room));
        let first = rows
            .get(..self.snippets.min(rows.len()))
            .unwrap_or_default();
        let snippets = self.places.snippets(first, &query);
        Ok(Listed {
            rows,
            count,
            snippets,
        })
    }

    /// The cables of streams (kept in memory: there is no file to index), within `within`
    /// (checked on the list's rows first), parsed and checked on every core: their rows by
    /// score, then in list order, and their count.
    fn scan_streams(&self, query: &Query<'_>, within: &Limit) -> (Vec<u32>, usize) {
        let places = &self.places;
        let streams: Vec<u32> = (0..places.sources.len())
            .filter_map(|source| u32::try_from(source).ok())
            .filter(|&source| places.is_stream(source))
            .collect();
        if streams.is_empty() {
            return (Vec::new(), 0);
        }
        let mut found: Vec<(u32, f32)> = places
            .records
            .par_iter()
            .enumerate()
            .filter_map(|(row, record)| {
                if !streams.contains(&record.source) {
                    return None;
                }
                let row = u32::try_from(row).ok()?;
                let summary = self.rows.get(row as usize)?;
                if !within.matches(summary) || !self.cancel.count_one() {
                    return None;
                }
                let bytes = places
                    .sources
                    .get(record.source as usize)?
                    .read(record)
                    .ok()?;
                Some((row, score_record(&bytes, query)?))
            })
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let count = found.len();
        (found.into_iter().map(|(row, _)| row).collect(), count)
    }
}

/// A query sent to a worker: its stop flag, and whether its worker is done.
struct Sent {
    number: u64,
    cancel: Arc<Cancel>,
    finished: Arc<AtomicBool>,
}

/// What became of a query's scans (for tests and the curious).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryScan {
    pub number: u64,
    /// A newer query asked it to stop.
    pub stopped: bool,
    /// Records its scans parsed and checked.
    pub scanned: u64,
    /// Its worker is done.
    pub finished: bool,
}

/// The loop's side of the index and the queries.
pub struct Indexer {
    events: Receiver<Event>,
    send: Sender<Event>,
    /// How a query is answered now: the index once it is open, else a scan.
    backend: Arc<Prepared>,
    places: Arc<Places>,
    /// The index worker has said something: queries need not wait for it to open the
    /// index (a fresh one opens at once, and a query then never scans).
    started: bool,
    /// When the index worker started (a query waits a moment for the index to open).
    created: Instant,
    /// The number of the last query sent to a worker, and when it was first sent.
    sent: Option<(u64, Instant)>,
    /// The backend the last query was sent to run on: only its answer is taken (a query
    /// asked again of a newer backend has the same number).
    sent_backend: Option<Arc<Prepared>>,
    /// The index became ready while the last query scanned: it is asked again of the
    /// index (a scan of a 2.5 GB dump, competing with the build, takes minutes).
    ask_again: bool,
    /// The queries sent lately, the last one last.
    scans: Vec<Sent>,
    /// The rows whose snippets were asked for, for the hits of the answer numbered so.
    snippets_asked: (u64, HashSet<u32>),
    /// Percent of the build last reported (progress goes to the status only when it moves).
    reported: Option<u64>,
}

impl std::fmt::Debug for Indexer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexer")
            .field("started", &self.started)
            .field("sent", &self.sent)
            .finish()
    }
}

impl Indexer {
    /// Starts opening or building the index of the corpus's files in `cache_dir`; the
    /// cables of its streams are searched by a scan of the bytes kept of them.
    pub fn start(corpus: &Corpus, cache_dir: Option<&Path>) -> Indexer {
        let files: Vec<PathBuf> = corpus
            .sources
            .iter()
            .filter_map(|source| source.path.clone())
            .collect();
        let scan = Prepared {
            sources: files
                .iter()
                .filter_map(|path| {
                    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                    read::stamp(&path).ok()
                })
                .collect(),
            backend: Backend::Scan,
            messages: Vec::new(),
            built: false,
        };
        let (send, events) = mpsc::channel();
        let worker = send.clone();
        let cache_dir = cache_dir.map(Path::to_owned);
        std::thread::spawn(move || {
            if files.is_empty() {
                // Only streams: nothing to index, nothing to read again.
                let _ = worker.send(Event::Ready(Prepared {
                    sources: Vec::new(),
                    backend: Backend::Scan,
                    messages: vec![
                        "the cables read from a stream are searched by a scan (no index)".into(),
                    ],
                    built: false,
                }));
                return;
            }
            // A closed channel means the reader quit; what is sent then goes nowhere.
            let prepared = prepare_in_steps(
                &files,
                cache_dir.as_deref(),
                |progress| {
                    let _ = worker.send(Event::Progress(progress));
                },
                |snapshot| {
                    let _ = worker.send(Event::Snapshot(snapshot));
                },
            );
            let _ = worker.send(Event::Ready(prepared));
        });
        Indexer {
            events,
            send,
            backend: Arc::new(scan),
            places: Arc::new(Places::of(corpus)),
            started: false,
            created: Instant::now(),
            sent: None,
            sent_backend: None,
            ask_again: false,
            scans: Vec::new(),
            snippets_asked: (0, HashSet::new()),
            reported: None,
        }
    }

    /// Queries are answered by a partly built index and a scan of the rest.
    pub fn searching_partly_built(&self) -> bool {
        matches!(self.backend.backend, Backend::Partial { .. })
    }

    /// A query is being answered: the loop should look again very soon.
    pub fn busy(&self) -> bool {
        self.sent.is_some()
    }

    /// What became of the scans of the queries sent lately, oldest first.
    pub fn query_scans(&self) -> Vec<QueryScan> {
        self.scans
            .iter()
            .map(|sent| QueryScan {
                number: sent.number,
                stopped: sent.cancel.stopped(),
                scanned: sent.cancel.scanned(),
                finished: sent.finished.load(Ordering::Acquire),
            })
            .collect()
    }

    /// Turns what the workers sent into actions, hands the query the reader asks for to a
    /// worker, and asks for the snippets the list is about to show. Returns whether the
    /// app changed.
    pub fn pump(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        while let Ok(event) = self.events.try_recv() {
            changed |= self.take(app, event);
        }
        let wanted = app.corpus_search.wanted.clone();
        if let Some(asked) = wanted {
            // A fresh index opens at once; a build says so with its first chunk, which may
            // take a while, so a query waits only a moment before it scans.
            let waited = self.created.elapsed() >= OPEN_WAIT;
            let sent = self.sent.map(|(number, _)| number);
            if (self.started || waited) && (sent != Some(asked.number) || self.ask_again) {
                let within = asked.within.map(|(_, limit)| limit);
                let rows = app
                    .list
                    .as_ref()
                    .map_or_else(Arc::default, |list| Arc::clone(&list.rows));
                let snippets = app.areas.cables_in_view().clamp(1, SNIPPETS_SENT);
                self.ask(asked.number, asked.query, within, rows, snippets);
            }
        }
        self.ask_snippets(app);
        changed
    }

    /// One worker's message, as an action; whether the app changed.
    fn take(&mut self, app: &mut App, event: Event) -> bool {
        match event {
            Event::Progress(progress) => {
                self.started = true;
                let percent = progress.bytes_done * 100 / progress.bytes_total.max(1);
                if self.reported == Some(percent) {
                    return false;
                }
                self.reported = Some(percent);
                update(
                    app,
                    Action::IndexProgress {
                        bytes_done: progress.bytes_done,
                        bytes_total: progress.bytes_total,
                    },
                );
            }
            Event::Snapshot(snapshot) => {
                self.started = true;
                self.backend = Arc::new(snapshot);
                return false;
            }
            Event::Ready(prepared) => {
                self.started = true;
                let indexed = matches!(prepared.backend, Backend::Index(_));
                let messages = prepared.messages.clone();
                // Without an index, searches scan every cable (not a snapshot of a build
                // that failed).
                self.backend = Arc::new(if indexed {
                    prepared
                } else {
                    Prepared {
                        sources: prepared.sources,
                        backend: Backend::Scan,
                        messages: Vec::new(),
                        built: false,
                    }
                });
                // A query still scanning is asked again of the index, its scan stopped.
                let scanning = self
                    .sent_backend
                    .as_ref()
                    .is_some_and(|backend| !matches!(backend.backend, Backend::Index(_)));
                self.ask_again = indexed && self.sent.is_some() && scanning;
                update(app, Action::IndexReady { indexed, messages });
            }
            Event::Found {
                number,
                result,
                backend,
            } => {
                let Some((asked, at)) = self.sent else {
                    return false;
                };
                let same_backend = self
                    .sent_backend
                    .as_ref()
                    .is_some_and(|sent| Arc::ptr_eq(sent, &backend));
                if asked != number || !same_backend {
                    // An older query's answer, come late, or this query's from the scan
                    // it was asked again instead of.
                    return false;
                }
                self.sent = None;
                self.sent_backend = None;
                let elapsed_ms = u64::try_from(at.elapsed().as_millis()).unwrap_or(u64::MAX);
                let scanned = matches!(backend.backend, Backend::Scan);
                let partial = matches!(backend.backend, Backend::Partial { .. });
                let (listed, error) = match result {
                    Ok(listed) => (listed, None),
                    Err(error) => (
                        Listed {
                            rows: Vec::new(),
                            count: 0,
                            snippets: Vec::new(),
                        },
                        Some(error),
                    ),
                };
                self.snippets_asked = (number, listed.snippets.iter().map(|s| s.0).collect());
                let answer = Answer {
                    number,
                    rows: listed.rows,
                    count: listed.count,
                    snippets: listed.snippets,
                    error,
                    elapsed_ms,
                    scanned,
                    partial,
                };
                update(app, Action::CorpusFound(Shared::new(answer)));
            }
            Event::Snippets(snippets) => {
                update(app, Action::CorpusSnippets(Shared::new(snippets)));
            }
        }
        true
    }

    /// Runs one query on a worker of its own, by the backend in use now; the scans of the
    /// query before it stop.
    fn ask(
        &mut self,
        number: u64,
        text: String,
        within: Option<Limit>,
        rows: Arc<Vec<Summary>>,
        snippets: usize,
    ) {
        // Asked again of a newer backend, a query keeps the time it was first asked.
        let first_asked = match self.sent {
            Some((sent, at)) if sent == number => at,
            _ => Instant::now(),
        };
        self.sent = Some((number, first_asked));
        self.sent_backend = Some(Arc::clone(&self.backend));
        self.ask_again = false;
        if let Some(before) = self.scans.last() {
            before.cancel.stop();
        }
        let cancel = Arc::new(Cancel::default());
        let finished = Arc::new(AtomicBool::new(false));
        self.scans.push(Sent {
            number,
            cancel: Arc::clone(&cancel),
            finished: Arc::clone(&finished),
        });
        if self.scans.len() > SCANS_KEPT {
            self.scans.remove(0);
        }
        let job = Job {
            number,
            text,
            within,
            rows,
            snippets,
            backend: Arc::clone(&self.backend),
            places: Arc::clone(&self.places),
            cancel,
        };
        let send = self.send.clone();
        std::thread::spawn(move || {
            let result = job.run();
            finished.store(true, Ordering::Release);
            let _ = send.send(Event::Found {
                number: job.number,
                result,
                backend: job.backend,
            });
        });
    }

    /// Asks a worker for the snippets of the hits in view and the next screenfuls that do
    /// not have theirs yet (each row asked once).
    fn ask_snippets(&mut self, app: &App) {
        let Some(list) = app.list.as_ref() else {
            return;
        };
        let Some(hits) = list.hits.as_ref() else {
            return;
        };
        let (number, asked) = &mut self.snippets_asked;
        if *number != hits.number {
            *number = hits.number;
            asked.clear();
        }
        let height = app.areas.cables_in_view().max(1);
        let end = (list.offset + height * (1 + SNIPPETS_AHEAD)).min(list.view.len());
        let wanted: Vec<u32> = list
            .view
            .get(list.offset.min(end)..end)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|row| !hits.snippets.contains_key(row) && asked.insert(*row))
            .collect();
        if wanted.is_empty() {
            return;
        }
        let places = Arc::clone(&self.places);
        let text = hits.query.clone();
        let number = hits.number;
        let send = self.send.clone();
        std::thread::spawn(move || {
            let Ok(query) = parse_query(&text) else {
                return;
            };
            let snippets = places.snippets(&wanted, &query);
            let _ = send.send(Event::Snippets(Snippets { number, snippets }));
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::app::corpus_search::IndexState;
    use crate::app::list::CorpusList;
    use crate::app::loading::Loader;
    use crate::corpus::open::Options;
    use crate::corpus::search::find;

    /// A query scanning when the index comes is asked again of the index: its scan stops,
    /// the scan's late answer is dropped, and the hits are the index's, with the time
    /// counted from the first asking.
    #[test]
    fn a_query_scanning_when_the_index_comes_is_asked_again_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("cables.csv");
        let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
        let made = std::process::Command::new(tool)
            .args(["--rows", "3000"])
            .arg(&dump)
            .status()
            .unwrap();
        assert!(made.success());
        // The index of the dump, built beforehand in a cache dir of its own.
        let cache = dir.path().join("cache");
        let index = prepare_in_steps(std::slice::from_ref(&dump), Some(&cache), |_| {}, |_| {});
        assert!(matches!(index.backend, Backend::Index(_)));
        let query = parse_query("narcotics").unwrap();
        let (_, truth) = find(&index, &query, None).unwrap();
        assert!(truth > 0);

        // The reader itself has no cache dir: its index worker says "no index", so the
        // query goes out as a scan of all 3,000 cables.
        let mut loader = Loader::start(vec![dump.clone()], Options { cache_dir: None });
        let mut app = App::new(Vec::new());
        app.list = Some(CorpusList::new(Default::default(), false));
        while loader.loading() {
            loader.pump(&mut app);
            std::thread::sleep(Duration::from_millis(5));
        }
        loader.pump(&mut app);
        let mut indexer = Indexer::start(loader.corpus(), None);
        while app.corpus_search.index != IndexState::Scan {
            indexer.pump(&mut app);
            std::thread::sleep(Duration::from_millis(5));
        }
        app.corpus_search.ask("narcotics", None);
        indexer.pump(&mut app);
        assert_eq!(indexer.query_scans().len(), 1, "the query is out, scanning");
        // The index comes (as a build's end would send it) while the scan runs.
        indexer.send.send(Event::Ready(index)).unwrap();
        let start = Instant::now();
        while app.corpus_search.pending.is_some() {
            assert!(start.elapsed() < Duration::from_secs(120));
            indexer.pump(&mut app);
            std::thread::sleep(Duration::from_millis(2));
        }
        let scans = indexer.query_scans();
        assert_eq!(scans.len(), 2, "asked again: {scans:?}");
        assert!(scans[0].stopped, "the scan was stopped: {scans:?}");
        assert!(!scans[1].stopped);
        assert_eq!(scans[1].scanned, 0, "the index answered, nothing scanned");
        let hits = app.list.as_ref().unwrap().hits.as_ref().unwrap();
        assert_eq!(hits.count, truth);
        let said = app.message.as_ref().unwrap().text.clone();
        assert!(!said.contains("by a scan"), "{said}");
    }
}
