//! Reading a corpus while the reader runs: a worker thread opens the sources
//! (`corpus::open`) and sends each batch of rows as it is ready; the event loop turns them
//! into actions and reads the cable of a row when the list asks for one. `update` stays
//! synchronous: it never waits for the worker and does no I/O.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use super::action::Action;
use super::list::{CorpusList, Done, KeysFound, Ready, Rows, Shared};
use super::state::{App, Entry, Setup};
use super::update::update;
use crate::config::CorpusSettings;
use crate::corpus::keys::fill_keys;
use crate::corpus::links::Links;
use crate::corpus::open::{open, Batch, Corpus, Options};
use crate::corpus::record::{Record, SourceFile};
use crate::corpus::sort::SortIndex;
use crate::corpus::summary::Summary;

/// The reader over `paths`, drawn at once, and the loader whose worker reads them. The list
/// starts sorted and limited as it was left for the same source, else as configured.
pub fn start_reader(
    paths: Vec<PathBuf>,
    options: Options,
    setup: Setup,
    settings: &CorpusSettings,
) -> (App, Loader) {
    let source_key = crate::state::source_key(&paths);
    let mut list = CorpusList::new(settings.sort, settings.reverse);
    let saved = source_key.as_deref().and_then(|key| {
        setup
            .store
            .as_ref()
            .and_then(|store| store.state().list_view(key))
            .cloned()
    });
    let mut limit_text = settings.limit.clone();
    if let Some(saved) = saved {
        // A saved sort this build does not know falls back to the configured one.
        list.sort_key = saved.sort.parse().unwrap_or(settings.sort);
        list.reverse = saved.reverse;
        limit_text = saved.limit;
    }
    // The config's limit was checked when the config was read and a saved one when it was
    // typed; one that no longer parses is no limit.
    if let Ok(limit) = crate::corpus::limit::parse_limit(&limit_text) {
        list.set_limit(&limit_text, limit);
    }
    list.source_key = source_key;
    let mut app = App::with_setup(Vec::new(), setup);
    app.list = Some(list);
    (app, Loader::start(paths, options))
}

/// What the worker sends.
#[derive(Debug)]
pub enum Fed {
    Rows {
        records: Vec<Record>,
        summaries: Vec<Summary>,
        source: Option<SourceFile>,
        bytes_done: u64,
        bytes_total: u64,
    },
    Done {
        messages: Vec<String>,
        sort: SortIndex,
        /// The reference graph of every row (`None`: `update` builds it).
        links: Option<Links>,
    },
    /// Keys of the second pass, which follows `Done`; the last batch has `done` set.
    Keys(KeysFound),
}

impl Fed {
    /// A batch as `corpus::open` hands it, owned so it can cross to the loop.
    pub fn rows(batch: Batch<'_>) -> Fed {
        Fed::Rows {
            records: batch.records.to_vec(),
            summaries: batch.summaries.to_vec(),
            source: batch.source.cloned(),
            bytes_done: batch.bytes_done,
            bytes_total: batch.bytes_total,
        }
    }
}

/// The loop's side of a corpus being read: what comes from the worker, and where each
/// cable lies (the summaries go to the app, so they are kept once).
#[derive(Debug)]
pub struct Loader {
    fed: Receiver<Fed>,
    corpus: Corpus,
    started: Instant,
    /// Every row is listed.
    done: bool,
    /// Every row's key is known (or cannot be).
    keys_done: bool,
    /// Where the search index of these sources goes (the summaries' cache dir).
    cache_dir: Option<PathBuf>,
}

impl Loader {
    /// Starts reading `paths` on a worker thread.
    pub fn start(paths: Vec<PathBuf>, options: Options) -> Loader {
        let (send, fed) = mpsc::channel();
        let cache_dir = options.cache_dir.clone();
        std::thread::spawn(move || {
            let opened = open(&paths, &options, |batch| {
                // A closed channel means the reader quit: the rest is not wanted.
                let _ = send.send(Fed::rows(batch));
            });
            let sort = SortIndex::new(&opened.corpus.summaries);
            // The graph of 251k rows takes ~0.6 s: built here, the reader never stalls.
            let links = Some(Links::build(&opened.corpus.summaries));
            let _ = send.send(Fed::Done {
                messages: opened.messages,
                sort,
                links,
            });
            // Every row is listed and counted; now each row's cable key, which parses every
            // body (~3 times the summarising, so not in that pass), and into the cache.
            let mut corpus = opened.corpus;
            let pass = fill_keys(&mut corpus, &options, |keys| {
                let _ = send.send(Fed::Keys(KeysFound {
                    keys: keys.clone(),
                    done: None,
                }));
            });
            let _ = send.send(Fed::Keys(KeysFound {
                keys: Vec::new(),
                done: Some(pass.messages),
            }));
        });
        Loader {
            cache_dir,
            ..Loader::from_channel(fed)
        }
    }

    /// A loader fed by anything (a test's slow worker).
    pub fn from_channel(fed: Receiver<Fed>) -> Loader {
        Loader {
            fed,
            corpus: Corpus::default(),
            started: Instant::now(),
            done: false,
            keys_done: false,
            cache_dir: None,
        }
    }

    /// Where each cable lies (the search index names its hits by their place).
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Where the sources' summaries are cached, and so their search index.
    pub fn cache_dir(&self) -> Option<&std::path::Path> {
        self.cache_dir.as_deref()
    }

    /// Still reading (rows, or their keys): the loop should look again soon.
    pub fn loading(&self) -> bool {
        !self.keys_done
    }

    /// Every row is listed and counted (their keys may still come).
    pub fn listed(&self) -> bool {
        self.done
    }

    /// Turns everything the worker has sent into actions, and reads the cable the list asks
    /// for. Returns whether the app changed.
    pub fn pump(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        while !self.keys_done {
            match self.fed.try_recv() {
                Ok(fed) => self.take(app, fed),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.stopped(app),
            }
            changed = true;
        }
        self.serve(app) || changed
    }

    /// Waits until everything is read, turning it into actions as it comes, then reads the
    /// cable the list asks for: the whole opening at once, for tests and benchmarks.
    pub fn wait(&mut self, app: &mut App) {
        while !self.keys_done {
            match self.fed.recv() {
                Ok(fed) => self.take(app, fed),
                Err(_) => self.stopped(app),
            }
        }
        self.serve(app);
    }

    /// The worker died without saying it was done (it panicked, or a test's worker had no
    /// keys to send): keep what was read.
    fn stopped(&mut self, app: &mut App) {
        self.keys_done = true;
        if !self.done {
            self.done = true;
            let done = self.done_with(
                vec!["reading stopped early: the cables read so far are listed".to_owned()],
                SortIndex::default(),
                None,
            );
            update(app, Action::CorpusDone(Shared::new(done)));
        }
        let keys = KeysFound {
            keys: Vec::new(),
            done: Some(Vec::new()),
        };
        update(app, Action::CorpusKeys(Shared::new(keys)));
    }

    /// Reads the cable the list asks for, if it asks; says whether it did.
    fn serve(&mut self, app: &mut App) -> bool {
        let Some(row) = app.list.as_ref().and_then(|list| list.wanted) else {
            return false;
        };
        let entry = self.entry(row);
        update(app, Action::CableReady(Shared::new(Ready { row, entry })));
        true
    }

    /// One message from the worker, as an action.
    fn take(&mut self, app: &mut App, fed: Fed) {
        let action = match fed {
            Fed::Rows {
                records,
                summaries,
                source,
                bytes_done,
                bytes_total,
            } => {
                if let (Some(source), Some(first)) = (source, records.first()) {
                    // Sources without rows leave gaps; their place is never read.
                    while self.corpus.sources.len() <= first.source as usize {
                        self.corpus.sources.push(source.clone());
                    }
                }
                self.corpus.records.extend(records);
                Action::CorpusRows(Shared::new(Rows {
                    summaries,
                    bytes_done,
                    bytes_total,
                    elapsed_ms: self.elapsed_ms(),
                }))
            }
            Fed::Done {
                messages,
                sort,
                links,
            } => {
                self.done = true;
                Action::CorpusDone(Shared::new(self.done_with(messages, sort, links)))
            }
            Fed::Keys(found) => {
                self.keys_done = found.done.is_some();
                Action::CorpusKeys(Shared::new(found))
            }
        };
        update(app, action);
    }

    fn done_with(&self, messages: Vec<String>, sort: SortIndex, links: Option<Links>) -> Done {
        Done {
            messages,
            sort,
            links,
            elapsed_ms: self.elapsed_ms(),
        }
    }

    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The cable of row `row`, read and parsed now (or kept from a recent open).
    fn entry(&mut self, row: usize) -> Entry {
        let (name, path) = match (self.corpus.records.get(row), self.corpus.source_of(row)) {
            (Some(record), Some(source)) => {
                let alone = record.row == 1
                    && self
                        .corpus
                        .records
                        .get(row + 1)
                        .is_none_or(|next| next.source != record.source);
                let name = if alone {
                    source.name.clone()
                } else {
                    format!("{} #{}", source.name, record.row)
                };
                (name, source.path.clone())
            }
            _ => (format!("cable {}", row + 1), None),
        };
        match self.corpus.cable(row) {
            Ok(cable) => Entry::cable(name, path, (*cable).clone()),
            Err(error) => Entry::failed(name, path, error.to_string()),
        }
    }
}
