//! The corpus's search index and the reader's queries, off the UI thread: once the list is
//! read, a worker opens the index of the sources in the cache dir, or builds it on every
//! core (`corpus::search::prepare_in_steps`), reporting its progress; each query runs on a
//! worker of its own: by the index once it is ready, while it is built by the part indexed
//! so far and a scan of the rest, and by a scan of every cable before its first commit (or
//! without an index). The event loop turns what they send into actions; `update` never waits for them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::Instant;

use super::action::Action;
use super::corpus_search::Answer;
use super::list::Shared;
use super::state::App;
use super::update::update;
use crate::corpus::open::Corpus;
use crate::corpus::query::parse_query;
use crate::corpus::record::SourceFile;
use crate::corpus::search::index::{IndexHit, Progress};
use crate::corpus::search::{find, prepare_in_steps, read, Backend, Prepared};

/// How many of the best hits a query without limit terms lists (the count is of all);
/// with limit terms every hit is fetched, since the limit is checked on the list's rows.
pub const HITS_LISTED: usize = 2000;

/// How long a query waits for the index to be opened before it scans.
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// What the workers send.
enum Event {
    Progress(Progress),
    /// The index as committed so far, searchable (the rest is scanned).
    Snapshot(Prepared),
    Ready(Prepared),
    Found {
        number: u64,
        result: Result<(Vec<IndexHit>, usize), String>,
        backend: Arc<Prepared>,
    },
}

/// The loop's side of the index and the queries.
pub struct Indexer {
    events: Receiver<Event>,
    send: Sender<Event>,
    /// How a query is answered now: the index once it is open, else a scan.
    backend: Arc<Prepared>,
    /// The index worker has said something: queries need not wait for it to open the
    /// index (a fresh one opens at once, and a query then never scans).
    started: bool,
    /// When the index worker started (a query waits a moment for the index to open).
    created: Instant,
    /// The number of the last query sent to a worker, and when.
    sent: Option<(u64, Instant)>,
    /// Each corpus source's index, by its canonical path (hits name their file by it).
    source_by_path: HashMap<PathBuf, u32>,
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
    /// Starts opening or building the index of `sources` (files only: standard input
    /// cannot be read again) in `cache_dir`.
    pub fn start(sources: &[SourceFile], cache_dir: Option<&Path>) -> Indexer {
        let files: Vec<PathBuf> = sources
            .iter()
            .filter_map(|source| source.path.clone())
            .collect();
        let source_by_path = sources
            .iter()
            .enumerate()
            .filter_map(|(number, source)| {
                let path = source.path.as_ref()?;
                let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                Some((canonical, u32::try_from(number).ok()?))
            })
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
            started: false,
            created: Instant::now(),
            sent: None,
            source_by_path,
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

    /// Turns what the workers sent into actions, and hands the query the reader asks for
    /// to a worker. Returns whether the app changed.
    pub fn pump(&mut self, app: &mut App, corpus: &Corpus) -> bool {
        let mut changed = false;
        while let Ok(event) = self.events.try_recv() {
            match event {
                Event::Progress(progress) => {
                    self.started = true;
                    let percent = progress.bytes_done * 100 / progress.bytes_total.max(1);
                    if self.reported != Some(percent) {
                        self.reported = Some(percent);
                        update(
                            app,
                            Action::IndexProgress {
                                bytes_done: progress.bytes_done,
                                bytes_total: progress.bytes_total,
                            },
                        );
                        changed = true;
                    }
                }
                Event::Snapshot(snapshot) => {
                    self.started = true;
                    self.backend = Arc::new(snapshot);
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
                    update(app, Action::IndexReady { indexed, messages });
                    changed = true;
                }
                Event::Found {
                    number,
                    result,
                    backend,
                } => {
                    let Some((asked, at)) = self.sent else {
                        continue;
                    };
                    if asked != number {
                        // An older query's answer, come late.
                        continue;
                    }
                    self.sent = None;
                    let elapsed_ms = u64::try_from(at.elapsed().as_millis()).unwrap_or(u64::MAX);
                    let scanned = matches!(backend.backend, Backend::Scan);
                    let partial = matches!(backend.backend, Backend::Partial { .. });
                    let answer = match result {
                        Ok((hits, count)) => Answer {
                            number,
                            rows: self.rows_of(&backend, &hits, corpus),
                            count,
                            error: None,
                            elapsed_ms,
                            scanned,
                            partial,
                        },
                        Err(error) => Answer {
                            number,
                            rows: Vec::new(),
                            count: 0,
                            error: Some(error),
                            elapsed_ms,
                            scanned,
                            partial,
                        },
                    };
                    update(app, Action::CorpusFound(Shared::new(answer)));
                    changed = true;
                }
            }
        }
        let wanted = app.corpus_search.wanted.clone();
        if let Some(asked) = wanted {
            // A fresh index opens at once; a build says so with its first chunk, which may
            // take a while, so a query waits only a moment before it scans.
            let waited = self.created.elapsed() >= OPEN_WAIT;
            if (self.started || waited) && self.sent.map(|(number, _)| number) != Some(asked.number)
            {
                self.ask(asked.number, asked.query);
            }
        }
        changed
    }

    /// Runs one query on a worker of its own, by the backend in use now.
    fn ask(&mut self, number: u64, text: String) {
        self.sent = Some((number, Instant::now()));
        let backend = Arc::clone(&self.backend);
        let send = self.send.clone();
        std::thread::spawn(move || {
            let result = match parse_query(&text) {
                Ok(query) => {
                    let listed = query.limit.is_empty().then_some(HITS_LISTED);
                    find(&backend, &query, listed)
                        .map(|(mut hits, count)| {
                            if matches!(backend.backend, Backend::Index(_)) {
                                // Equal scores in the collection's order, however the
                                // index's segments fell (a partly built index's hits
                                // keep theirs: the indexed part first).
                                hits.sort_by(|a, b| {
                                    b.score
                                        .total_cmp(&a.score)
                                        .then((a.source, a.start).cmp(&(b.source, b.start)))
                                });
                            }
                            (hits, count)
                        })
                        .map_err(|error| error.to_string())
                }
                Err(error) => Err(error.to_string()),
            };
            let _ = send.send(Event::Found {
                number,
                result,
                backend,
            });
        });
    }

    /// The list rows of `hits`, found by their file and first byte (the corpus's records
    /// are in source order, and in byte order within a source).
    fn rows_of(&self, backend: &Prepared, hits: &[IndexHit], corpus: &Corpus) -> Vec<u32> {
        let corpus_source: Vec<Option<u32>> = backend
            .sources
            .iter()
            .map(|stamp| self.source_by_path.get(&stamp.path).copied())
            .collect();
        hits.iter()
            .filter_map(|hit| {
                let source = corpus_source.get(hit.source as usize).copied().flatten()?;
                let at = corpus
                    .records
                    .partition_point(|r| (r.source, r.start) < (source, hit.start));
                let record = corpus.records.get(at)?;
                ((record.source, record.start) == (source, hit.start))
                    .then(|| u32::try_from(at).ok())
                    .flatten()
            })
            .collect()
    }
}
