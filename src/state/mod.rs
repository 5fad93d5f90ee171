//! Saved reading state: where each cable was left (selected paragraph, scroll, filter),
//! bookmarks across cables, and which cables were read.
//!
//! Kept as JSON in the state folder (`$XDG_STATE_HOME/cable-reader/`, else
//! `$XDG_DATA_HOME/cable-reader/`, else the `directories` state or data folder), never beside
//! the cables nor in the config. Written atomically; a corrupted file is moved aside with a
//! warning; two instances never lose each other's changes: `Store::save` takes an exclusive
//! lock, re-reads the file, applies this instance's changes to it and writes the result.

// The atomic writer lives at the crate root (config and the corpus cache use it too); it
// stays reachable here so `state::atomic` keeps working.
pub use crate::atomic;
mod lists;
mod resplit;

pub use lists::{source_key, ListView, MAX_LIST_VIEWS};
pub use resplit::ParagraphMark;

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::cable::{Cable, Paragraph};
use crate::config::{CaveatFilter, Environment, LevelFilter, APP_NAME};

/// The state file's name in the state folder.
pub const STATE_FILE: &str = "state.json";
/// The lock file beside it. It is never removed: removing it would let two instances lock
/// two different files.
pub const LOCK_FILE: &str = "state.lock";
/// The format version this build writes.
pub const STATE_VERSION: u32 = 1;
/// Positions kept, most recently saved first; older ones are dropped on save.
pub const MAX_POSITIONS: usize = 10_000;
/// How long `save` waits for another instance to release the lock.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);
/// How many words of a paragraph a bookmark keeps to show in the list.
pub const FIRST_WORDS: usize = 10;

pub use crate::corpus::key::{text_hash, text_hash_of_parts, CableKey};

/// Where a cable was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Index of the selected paragraph in `Cable::paragraphs`.
    pub paragraph: usize,
    /// Scroll offset of the text pane, in lines.
    pub scroll: usize,
    pub filter: LevelFilter,
    /// Unix seconds when it was saved; the oldest go first past `MAX_POSITIONS`.
    #[serde(default)]
    pub saved_at: u64,
    /// The selected paragraph's number and first words, so the position can follow it when
    /// the cable's paragraphs are split anew (absent in files written before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<ParagraphMark>,
    /// The handling caveats shown (keys 6, 7, 8); all when absent, as in files written
    /// before caveats were saved.
    #[serde(default, skip_serializing_if = "CaveatFilter::is_all")]
    pub caveats: CaveatFilter,
}

impl Position {
    pub fn new(paragraph: usize, scroll: usize, filter: LevelFilter) -> Position {
        Position {
            paragraph,
            scroll,
            filter,
            saved_at: now(),
            mark: None,
            caveats: CaveatFilter::default(),
        }
    }
}

/// A bookmark on one paragraph of one cable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub cable: CableKey,
    /// Index of the paragraph in `Cable::paragraphs` (what identifies it).
    pub paragraph: usize,
    /// The paragraph's number as written (`4` for `4.`), for the list.
    #[serde(default)]
    pub number: Option<u32>,
    /// The marking as written (`S//NF`), for the list.
    #[serde(default)]
    pub marking: Option<String>,
    /// The first words of the paragraph, for the list.
    #[serde(default)]
    pub first_words: String,
    /// Where the cable was read from, named when the cable is not among those open.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// Unix seconds.
    #[serde(default)]
    pub created_at: u64,
}

impl Bookmark {
    /// A bookmark on `cable.paragraphs[index]`; `None` when there is no such paragraph.
    pub fn on(
        cable: &Cable<'_>,
        text: &str,
        index: usize,
        path: Option<&Path>,
    ) -> Option<Bookmark> {
        let paragraph = cable.paragraphs.get(index)?;
        Some(Bookmark::new(
            CableKey::of(cable, text),
            index,
            paragraph,
            path,
        ))
    }

    pub fn new(
        cable: CableKey,
        index: usize,
        paragraph: &Paragraph<'_>,
        path: Option<&Path>,
    ) -> Bookmark {
        Bookmark {
            cable,
            paragraph: index,
            number: paragraph.number,
            marking: paragraph.marking.as_deref().map(crate::sanitize::one_line),
            first_words: first_words(&paragraph.text, FIRST_WORDS),
            path: path.map(Path::to_path_buf),
            created_at: now(),
        }
    }

    fn identity(&self) -> (&CableKey, usize) {
        (&self.cable, self.paragraph)
    }
}

/// The first `count` words of a text on one line, with `…` when there is more.
pub fn first_words(text: &str, count: usize) -> String {
    let mut words = text
        .split_whitespace()
        .map(crate::sanitize::one_line)
        .filter(|w| !w.is_empty());
    let mut out: Vec<String> = words.by_ref().take(count).collect();
    if words.next().is_some() {
        if let Some(last) = out.last_mut() {
            last.push('…');
        }
    }
    out.join(" ")
}

/// Everything saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    #[serde(default)]
    positions: BTreeMap<CableKey, Position>,
    /// Sorted by cable, then paragraph.
    #[serde(default)]
    bookmarks: Vec<Bookmark>,
    /// A persistent set: a background save takes a copy of the state, and with every cable
    /// of a 251k-row dump read, copying a `BTreeSet` cost ~90 ms on the UI thread; this copy
    /// shares the set's nodes and costs nothing until one side changes.
    #[serde(default)]
    read: imbl::OrdSet<CableKey>,
    /// Each source's list sort and limit, by [`source_key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    lists: BTreeMap<String, ListView>,
}

impl Default for State {
    fn default() -> State {
        State {
            version: STATE_VERSION,
            positions: BTreeMap::new(),
            bookmarks: Vec::new(),
            read: imbl::OrdSet::new(),
            lists: BTreeMap::new(),
        }
    }
}

impl State {
    pub fn position(&self, cable: &CableKey) -> Option<&Position> {
        self.positions.get(cable)
    }

    /// All bookmarks, by cable id then paragraph.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn is_bookmarked(&self, cable: &CableKey, paragraph: usize) -> bool {
        self.find_bookmark(cable, paragraph).is_ok()
    }

    pub fn is_read(&self, cable: &CableKey) -> bool {
        self.read.contains(cable)
    }

    /// Whether any version of the cable with this id was read (its text may have changed):
    /// the keys of one id are next to each other in the set, so this is one look.
    pub fn is_id_read(&self, id: &str) -> bool {
        self.read.range(CableKey::all_of(id)).next().is_some()
    }

    /// Whether the cable has a bookmark on any paragraph.
    pub fn has_bookmark(&self, cable: &CableKey) -> bool {
        let at = self.bookmarks.partition_point(|b| &b.cable < cable);
        self.bookmarks.get(at).is_some_and(|b| &b.cable == cable)
    }

    /// Whether any version of the cable with this id has a bookmark.
    pub fn has_id_bookmark(&self, id: &str) -> bool {
        let at = self.bookmarks.partition_point(|b| b.cable.id.as_str() < id);
        self.bookmarks.get(at).is_some_and(|b| b.cable.id == id)
    }

    pub fn read_count(&self) -> usize {
        self.read.len()
    }

    /// How the list of the source known by `key` was left.
    pub fn list_view(&self, key: &str) -> Option<&ListView> {
        self.lists.get(key)
    }

    fn find_bookmark(&self, cable: &CableKey, paragraph: usize) -> Result<usize, usize> {
        self.bookmarks
            .binary_search_by(|bookmark| bookmark.identity().cmp(&(cable, paragraph)))
    }

    fn apply(&mut self, change: &Change) {
        match change {
            Change::Position(cable, position) => {
                self.positions.insert(cable.clone(), position.clone());
            }
            Change::AddBookmark(bookmark) => {
                match self.find_bookmark(&bookmark.cable, bookmark.paragraph) {
                    Ok(at) => {
                        if let Some(slot) = self.bookmarks.get_mut(at) {
                            *slot = bookmark.clone();
                        }
                    }
                    Err(at) => self.bookmarks.insert(at, bookmark.clone()),
                }
            }
            Change::RemoveBookmark(cable, paragraph) => {
                if let Ok(at) = self.find_bookmark(cable, *paragraph) {
                    self.bookmarks.remove(at);
                }
            }
            Change::Read(cable) => {
                self.read.insert(cable.clone());
            }
            Change::Unread(cable) => {
                self.read.remove(cable);
            }
            Change::ListView(key, view) => {
                self.lists.insert(key.clone(), view.clone());
            }
        }
    }

    /// Repairs what a hand-edited file may have broken: bookmark order and duplicates.
    fn normalise(&mut self) {
        self.bookmarks
            .sort_by(|a, b| a.identity().cmp(&b.identity()));
        self.bookmarks.dedup_by(|a, b| a.identity() == b.identity());
        self.version = STATE_VERSION;
    }

    /// Drops the positions saved longest ago past `MAX_POSITIONS`.
    fn prune(&mut self) {
        if self.lists.len() > MAX_LIST_VIEWS {
            let mut ages: Vec<(u64, String)> = self
                .lists
                .iter()
                .map(|(key, view)| (view.saved_at, key.clone()))
                .collect();
            ages.sort();
            let excess = self.lists.len() - MAX_LIST_VIEWS;
            for (_, key) in ages.into_iter().take(excess) {
                self.lists.remove(&key);
            }
        }
        if self.positions.len() <= MAX_POSITIONS {
            return;
        }
        let mut ages: Vec<(u64, CableKey)> = self
            .positions
            .iter()
            .map(|(key, position)| (position.saved_at, key.clone()))
            .collect();
        ages.sort();
        let excess = self.positions.len() - MAX_POSITIONS;
        for (_, key) in ages.into_iter().take(excess) {
            self.positions.remove(&key);
        }
    }
}

/// One change this instance made and has not saved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Position(CableKey, Position),
    AddBookmark(Bookmark),
    RemoveBookmark(CableKey, usize),
    Read(CableKey),
    Unread(CableKey),
    ListView(String, ListView),
}

/// Something the user should hear about, though the program goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateWarning {
    /// The state file could not be read and was moved aside; the program starts clean.
    MovedAside {
        path: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The state file is corrupted and could not even be moved aside; it is left as it is
    /// and nothing is saved.
    Unreadable { path: PathBuf, reason: String },
    /// A newer cable-reader wrote the file: it is read as far as it can be and never
    /// overwritten.
    NewerVersion { path: PathBuf, version: u32 },
    /// Some entries of the file were bad: the good ones are kept, the file as it was is
    /// copied aside.
    PartlyRead {
        path: PathBuf,
        copy: PathBuf,
        skipped: usize,
        reason: String,
    },
}

impl fmt::Display for StateWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateWarning::MovedAside {
                path,
                moved_to,
                reason,
            } => write!(
                f,
                "saved state {} could not be read ({reason}); moved it to {} and started clean",
                path.display(),
                moved_to.display()
            ),
            StateWarning::Unreadable { path, reason } => write!(
                f,
                "saved state {} could not be read ({reason}) nor moved aside; nothing will be saved",
                path.display()
            ),
            StateWarning::PartlyRead {
                path,
                copy,
                skipped,
                reason,
            } => write!(
                f,
                "saved state {}: left out {skipped} bad entr{} ({reason}); the rest is kept, and \
                 the file as it was is copied to {}",
                path.display(),
                if *skipped == 1 { "y" } else { "ies" },
                copy.display()
            ),
            StateWarning::NewerVersion { path, version } => write!(
                f,
                "saved state {} was written by a newer cable-reader (format {version}); it will not be changed",
                path.display()
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("no place for the saved state: set XDG_STATE_HOME or XDG_DATA_HOME")]
    NoStateDir,
    #[error("saved state {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("saved state {} is locked by another cable-reader for more than {} s", path.display(), LOCK_TIMEOUT.as_secs())]
    Locked { path: PathBuf },
}

/// The state folder: `$XDG_STATE_HOME/cable-reader`, else `$XDG_DATA_HOME/cable-reader`,
/// else the `directories` state folder (Linux), else its data folder.
pub fn state_dir(env: &Environment) -> Result<PathBuf, StateError> {
    if let Some(dir) = env.xdg_dir("XDG_STATE_HOME") {
        return Ok(dir.join(APP_NAME));
    }
    if let Some(dir) = env.xdg_dir("XDG_DATA_HOME") {
        return Ok(dir.join(APP_NAME));
    }
    let platform = env.platform();
    platform
        .state_dir
        .clone()
        .or_else(|| platform.data_dir.clone())
        .ok_or(StateError::NoStateDir)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// The saved state of this instance: what was on disk when it was opened or last saved,
/// with this instance's changes applied, and those changes, to merge into the file on save.
#[derive(Debug)]
pub struct Store {
    /// `None` for a store that never touches the disk.
    dir: Option<PathBuf>,
    state: State,
    pending: Vec<Change>,
    /// Set when the file must not be written (a newer format, or unreadable in place).
    read_only: bool,
    /// How many of `pending` (the first ones) a background save is writing now.
    in_flight: usize,
}

/// A save to run off the UI thread (see [`Store::save_job`]): what the store held and the
/// changes to merge into the file.
#[derive(Debug)]
pub struct SaveJob {
    store: Store,
}

/// What a background save did, for [`Store::finish_save`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    /// How many changes the job took.
    changes: usize,
    /// The merged state written, or why nothing was written.
    result: Result<State, String>,
    /// The file turned out to be one this build must not write.
    read_only: bool,
    pub warnings: Vec<String>,
}

impl SaveOutcome {
    /// Why the save failed, if it did.
    pub fn error(&self) -> Option<&str> {
        self.result.as_ref().err().map(String::as_str)
    }
}

impl SaveJob {
    /// Merges the changes into the file under the lock and writes it (as [`Store::save`]).
    pub fn run(mut self) -> SaveOutcome {
        let changes = self.store.pending.len();
        let result = self.store.save();
        SaveOutcome {
            changes,
            read_only: self.store.read_only,
            warnings: result
                .as_ref()
                .map(|warnings| warnings.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            result: result
                .map(|_| self.store.state)
                .map_err(|error| error.to_string()),
        }
    }
}

enum OnDisk {
    Missing,
    Read(State),
    Newer(u32),
    Corrupt(String),
    /// Read, but some entries were bad and left out: how many, and the first reason.
    Partial(State, usize, String),
}

impl Store {
    /// A store that keeps everything in memory: for when there is no state folder, or tests.
    pub fn in_memory() -> Store {
        Store {
            dir: None,
            state: State::default(),
            pending: Vec::new(),
            read_only: false,
            in_flight: 0,
        }
    }

    /// Opens the state in the folder for this environment, creating the folder.
    pub fn open_default(env: &Environment) -> Result<(Store, Vec<StateWarning>), StateError> {
        Store::open(&state_dir(env)?)
    }

    /// Opens the state in `dir`, creating the folder. A corrupted file is moved aside (see
    /// the warnings) and the store starts empty.
    pub fn open(dir: &Path) -> Result<(Store, Vec<StateWarning>), StateError> {
        fs::create_dir_all(dir).map_err(|source| StateError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            dir: Some(dir.to_path_buf()),
            state: State::default(),
            pending: Vec::new(),
            read_only: false,
            in_flight: 0,
        };
        let _lock = store.lock()?;
        let mut warnings = Vec::new();
        store.state = store.read_disk(&mut warnings)?.unwrap_or_default();
        Ok((store, warnings))
    }

    /// The file the state is kept in, if any.
    pub fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join(STATE_FILE))
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn position(&self, cable: &CableKey) -> Option<&Position> {
        self.state.position(cable)
    }

    /// Remembers where a cable was left.
    pub fn set_position(&mut self, cable: CableKey, position: Position) {
        if self.state.position(&cable) == Some(&position) {
            return;
        }
        self.change(Change::Position(cable, position));
    }

    pub fn bookmarks(&self) -> &[Bookmark] {
        self.state.bookmarks()
    }

    pub fn is_bookmarked(&self, cable: &CableKey, paragraph: usize) -> bool {
        self.state.is_bookmarked(cable, paragraph)
    }

    /// Adds the bookmark, or removes the one on the same paragraph. Returns whether the
    /// paragraph is bookmarked now.
    pub fn toggle_bookmark(&mut self, bookmark: Bookmark) -> bool {
        if self.is_bookmarked(&bookmark.cable, bookmark.paragraph) {
            self.change(Change::RemoveBookmark(bookmark.cable, bookmark.paragraph));
            false
        } else {
            self.change(Change::AddBookmark(bookmark));
            true
        }
    }

    /// Removes a bookmark. Returns whether there was one.
    pub fn remove_bookmark(&mut self, cable: &CableKey, paragraph: usize) -> bool {
        if !self.is_bookmarked(cable, paragraph) {
            return false;
        }
        self.change(Change::RemoveBookmark(cable.clone(), paragraph));
        true
    }

    pub fn is_read(&self, cable: &CableKey) -> bool {
        self.state.is_read(cable)
    }

    pub fn mark_read(&mut self, cable: CableKey) {
        if !self.state.is_read(&cable) {
            self.change(Change::Read(cable));
        }
    }

    /// Keeps how the list of the source known by `key` is sorted and limited.
    pub fn set_list_view(&mut self, key: String, mut view: ListView) {
        if self.state.list_view(&key).is_some_and(|old| {
            (&old.sort, old.reverse, &old.limit) == (&view.sort, view.reverse, &view.limit)
        }) {
            return;
        }
        view.saved_at = now();
        self.change(Change::ListView(key, view));
    }

    pub fn mark_unread(&mut self, cable: &CableKey) {
        if self.state.is_read(cable) {
            self.change(Change::Unread(cable.clone()));
        }
    }

    /// Whether there are changes `save` would write.
    pub fn is_dirty(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Whether this store will never write (a newer or unreadable file is in the way).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn change(&mut self, change: Change) {
        self.state.apply(&change);
        // A newer position of the same cable replaces the older unsaved one, so scrolling
        // does not pile up changes; those a background save is writing stay as they are.
        if let Change::Position(cable, _) = &change {
            let mut index = 0;
            let in_flight = self.in_flight;
            self.pending.retain(|old| {
                index += 1;
                index <= in_flight || !matches!(old, Change::Position(key, _) if key == cable)
            });
        }
        self.pending.push(change);
    }

    /// The unsaved changes as a save to run on another thread, or `None` when there is
    /// nothing to write or a save is running already. The changes stay pending until
    /// [`Store::finish_save`] hears that they were written.
    pub fn save_job(&mut self) -> Option<SaveJob> {
        if self.pending.is_empty() || self.read_only || self.in_flight > 0 || self.dir.is_none() {
            return None;
        }
        self.in_flight = self.pending.len();
        Some(SaveJob {
            store: Store {
                dir: self.dir.clone(),
                state: self.state.clone(),
                pending: self.pending.clone(),
                read_only: false,
                in_flight: 0,
            },
        })
    }

    /// Takes in what a background save did: on success the merged file is this instance's
    /// state again, with the changes made since re-applied; on failure every change is kept,
    /// so a later save can write it, and the error is returned.
    pub fn finish_save(&mut self, outcome: &SaveOutcome) -> Result<(), String> {
        self.in_flight = 0;
        self.read_only |= outcome.read_only;
        match &outcome.result {
            Ok(merged) => {
                let later = self
                    .pending
                    .split_off(outcome.changes.min(self.pending.len()));
                let mut state = merged.clone();
                for change in &later {
                    state.apply(change);
                }
                self.state = state;
                self.pending = later;
                Ok(())
            }
            Err(error) => Err(error.clone()),
        }
    }

    /// Writes this instance's changes: under the lock, re-reads the file (another instance
    /// may have saved since), applies the changes to it, writes it atomically, and takes the
    /// merged result as this instance's state. Does nothing when nothing changed.
    pub fn save(&mut self) -> Result<Vec<StateWarning>, StateError> {
        let mut warnings = Vec::new();
        if self.pending.is_empty() || self.read_only {
            return Ok(warnings);
        }
        let Some(path) = self.path() else {
            self.pending.clear();
            return Ok(warnings);
        };
        let _lock = self.lock()?;
        let merged = match self.read_disk(&mut warnings)? {
            Some(mut disk) => {
                for change in &self.pending {
                    disk.apply(change);
                }
                disk
            }
            // Missing, or moved aside as corrupt: what this instance holds is the best there is.
            None if !self.read_only => self.state.clone(),
            None => return Ok(warnings),
        };
        if self.read_only {
            return Ok(warnings);
        }
        let mut merged = merged;
        merged.prune();
        let json = serde_json::to_vec_pretty(&merged).map_err(|error| StateError::Io {
            path: path.clone(),
            source: io::Error::other(error),
        })?;
        atomic::write_atomic_with(&path, &json, true)
            .map_err(|source| StateError::Io { path, source })?;
        self.state = merged;
        self.pending.clear();
        Ok(warnings)
    }

    /// Re-reads the file (another instance may have saved) and re-applies the unsaved
    /// changes of this one.
    pub fn reload(&mut self) -> Result<Vec<StateWarning>, StateError> {
        let mut warnings = Vec::new();
        if self.dir.is_none() {
            return Ok(warnings);
        }
        let _lock = self.lock()?;
        if let Some(mut disk) = self.read_disk(&mut warnings)? {
            for change in &self.pending {
                disk.apply(change);
            }
            self.state = disk;
        }
        Ok(warnings)
    }

    /// Reads the file; call with the lock held. `None` when there is no usable file (missing,
    /// corrupted and moved aside, or newer: see `read_only`). Removes temp files left by
    /// writers that were killed.
    fn read_disk(&mut self, warnings: &mut Vec<StateWarning>) -> Result<Option<State>, StateError> {
        let Some(dir) = self.dir.clone() else {
            return Ok(None);
        };
        remove_stale_temps(&dir);
        let path = dir.join(STATE_FILE);
        match read_state(&path)? {
            OnDisk::Missing => Ok(None),
            OnDisk::Read(state) => Ok(Some(state)),
            OnDisk::Partial(state, skipped, reason) => {
                // The file as it was, bad entries and all, is copied aside; the good entries
                // are written back at once (the lock is held), so the copy is made once.
                let written = copy_aside(&path).and_then(|copy| {
                    let json = serde_json::to_vec_pretty(&state).map_err(io::Error::other)?;
                    atomic::write_atomic_with(&path, &json, true)?;
                    Ok(copy)
                });
                match written {
                    Ok(copy) => warnings.push(StateWarning::PartlyRead {
                        path,
                        copy,
                        skipped,
                        reason,
                    }),
                    Err(error) => {
                        self.read_only = true;
                        warnings.push(StateWarning::Unreadable {
                            path,
                            reason: format!("{reason}; keeping a copy failed: {error}"),
                        });
                    }
                }
                Ok(Some(state))
            }
            OnDisk::Newer(version) => {
                self.read_only = true;
                warnings.push(StateWarning::NewerVersion { path, version });
                Ok(None)
            }
            OnDisk::Corrupt(reason) => {
                match move_aside(&path) {
                    Ok(moved_to) => warnings.push(StateWarning::MovedAside {
                        path,
                        moved_to,
                        reason,
                    }),
                    Err(error) => {
                        self.read_only = true;
                        warnings.push(StateWarning::Unreadable {
                            path,
                            reason: format!("{reason}; moving it aside failed: {error}"),
                        });
                    }
                }
                Ok(None)
            }
        }
    }

    /// Takes the exclusive lock on the lock file, waiting up to `LOCK_TIMEOUT`. The lock goes
    /// when the returned file is dropped.
    fn lock(&self) -> Result<Option<File>, StateError> {
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        let path = dir.join(LOCK_FILE);
        let io_error = |source| StateError::Io {
            path: path.clone(),
            source,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(file)),
                Err(fs::TryLockError::WouldBlock) => {
                    if start.elapsed() > LOCK_TIMEOUT {
                        return Err(StateError::Locked { path });
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(fs::TryLockError::Error(source)) => return Err(io_error(source)),
            }
        }
    }
}

fn read_state(path: &Path) -> Result<OnDisk, StateError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(source) => {
            return Err(StateError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    match serde_json::from_slice::<VersionOnly>(&bytes) {
        Ok(found) if found.version > STATE_VERSION => return Ok(OnDisk::Newer(found.version)),
        Ok(_) => {}
        Err(error) => return Ok(OnDisk::Corrupt(error.to_string())),
    }
    match serde_json::from_slice::<State>(&bytes) {
        Ok(mut state) => {
            state.normalise();
            Ok(OnDisk::Read(state))
        }
        Err(error) => Ok(read_entry_by_entry(&bytes).unwrap_or(OnDisk::Corrupt(error.to_string()))),
    }
}

/// A state file that is valid JSON but has bad entries: each entry read on its own, the good
/// ones kept. `None` when the file is not even an object of the right parts.
fn read_entry_by_entry(bytes: &[u8]) -> Option<OnDisk> {
    use serde_json::Value;
    let Value::Object(mut file) = serde_json::from_slice::<Value>(bytes).ok()? else {
        return None;
    };
    let mut state = State::default();
    let mut skipped = 0;
    let mut first_reason = None;
    let mut bad = |what: String| {
        skipped += 1;
        first_reason.get_or_insert(what);
    };
    match file.remove("positions") {
        Some(Value::Object(positions)) => {
            for (key, value) in positions {
                match (
                    key.parse::<CableKey>(),
                    serde_json::from_value::<Position>(value),
                ) {
                    (Ok(key), Ok(position)) => {
                        state.positions.insert(key, position);
                    }
                    (Err(error), _) => bad(format!("position {error}")),
                    (_, Err(error)) => bad(format!("position of `{key}`: {error}")),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => bad("`positions` is no object".to_owned()),
    }
    match file.remove("bookmarks") {
        Some(Value::Array(bookmarks)) => {
            for value in bookmarks {
                match serde_json::from_value::<Bookmark>(value) {
                    Ok(bookmark) => state.bookmarks.push(bookmark),
                    Err(error) => bad(format!("bookmark: {error}")),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => bad("`bookmarks` is no list".to_owned()),
    }
    match file.remove("read") {
        Some(Value::Array(read)) => {
            for value in read {
                match serde_json::from_value::<CableKey>(value) {
                    Ok(key) => {
                        state.read.insert(key);
                    }
                    Err(error) => bad(format!("read cable: {error}")),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => bad("`read` is no list".to_owned()),
    }
    match file.remove("lists") {
        Some(Value::Object(lists)) => {
            for (key, value) in lists {
                match serde_json::from_value::<ListView>(value) {
                    Ok(view) => {
                        state.lists.insert(key, view);
                    }
                    Err(error) => bad(format!("list view: {error}")),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => bad("`lists` is no object".to_owned()),
    }
    state.normalise();
    let reason = first_reason?;
    Some(OnDisk::Partial(state, skipped, reason))
}

/// Copies the state file to `state.json.corrupt-<unix seconds>` (see [`move_aside`]) and
/// returns where.
fn copy_aside(path: &Path) -> io::Result<PathBuf> {
    let target = aside_name(path)?;
    fs::copy(path, &target)?;
    if let Some(dir) = path.parent() {
        atomic::sync_dir(dir)?;
    }
    Ok(target)
}

/// Renames a corrupted state file to `state.json.corrupt-<unix seconds>` (with `-2`, `-3` ...
/// when that exists).
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let target = aside_name(path)?;
    fs::rename(path, &target)?;
    if let Some(dir) = path.parent() {
        atomic::sync_dir(dir)?;
    }
    Ok(target)
}

/// A free name for a corrupted state file set aside: `state.json.corrupt-<unix seconds>`,
/// with `-2`, `-3` ... when that exists.
fn aside_name(path: &Path) -> io::Result<PathBuf> {
    let stamp = now();
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(STATE_FILE);
    for n in 1..1000 {
        let suffix = if n == 1 {
            format!("{name}.corrupt-{stamp}")
        } else {
            format!("{name}.corrupt-{stamp}-{n}")
        };
        let target = path.with_file_name(suffix);
        if fs::symlink_metadata(&target).is_err() {
            return Ok(target);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many corrupted state files set aside already",
    ))
}

/// Removes temp files of writers that died before renaming. Call with the lock held: no
/// live writer has a temp file then.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if atomic::is_temp_for(&entry.file_name(), STATE_FILE) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_published_values() {
        // From the FNV reference test suite.
        assert_eq!(text_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(text_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(text_hash("foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(text_hash_of_parts(["foo", "", "bar"]), text_hash("foobar"));
    }

    #[test]
    fn marks_by_id_see_every_text_of_the_id_and_no_other_id() {
        let key = |id: &str, hash| CableKey {
            id: id.to_owned(),
            hash,
        };
        let mut store = Store::in_memory();
        // Ids that sort next to each other: a prefix, and the hash's extremes.
        store.mark_read(key("09PARIS1", u64::MAX));
        store.mark_read(key("09PARIS10", 0));
        store.toggle_bookmark(Bookmark {
            cable: key("09PARIS2", 0),
            paragraph: 3,
            number: Some(4),
            marking: None,
            first_words: String::new(),
            path: None,
            created_at: 0,
        });
        let state = store.state();
        assert!(state.is_id_read("09PARIS1"));
        assert!(state.is_id_read("09PARIS10"));
        assert!(!state.is_id_read("09PARIS"));
        assert!(!state.is_id_read("09PARIS2"));
        assert!(state.is_read(&key("09PARIS1", u64::MAX)));
        assert!(!state.is_read(&key("09PARIS1", 0)));
        assert!(state.has_id_bookmark("09PARIS2"));
        assert!(!state.has_id_bookmark("09PARIS1"));
        assert!(!state.has_id_bookmark("09PARIS"));
        assert!(state.has_bookmark(&key("09PARIS2", 0)));
        assert!(!state.has_bookmark(&key("09PARIS2", 1)));
    }

    #[test]
    fn cable_keys_print_and_parse() {
        let key = CableKey::new(Some("10MEXICO83"), "text");
        let printed = key.to_string();
        assert_eq!(printed.parse::<CableKey>(), Ok(key));
        assert_eq!(
            "#00000000000000ff".parse::<CableKey>(),
            Ok(CableKey {
                id: String::new(),
                hash: 255
            })
        );
        assert!("nohash".parse::<CableKey>().is_err());
    }

    #[test]
    fn first_words_are_cut_and_cleaned() {
        assert_eq!(
            first_words("THE  AMBASSADOR\nMET\u{1b}[31m THE MINISTER", 3),
            "THE AMBASSADOR MET\u{241b}[31m…"
        );
        assert_eq!(first_words("A B", 3), "A B");
    }
}
