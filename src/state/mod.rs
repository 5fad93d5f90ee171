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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::cable::{Cable, Paragraph};
use crate::config::{Environment, LevelFilter, APP_NAME};

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
}

impl Position {
    pub fn new(paragraph: usize, scroll: usize, filter: LevelFilter) -> Position {
        Position {
            paragraph,
            scroll,
            filter,
            saved_at: now(),
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
    /// Where the cable was read from, so the list can open a cable not loaded now.
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
            marking: paragraph.marking.as_deref().map(clean),
            first_words: first_words(&paragraph.text, FIRST_WORDS),
            path: path.map(Path::to_path_buf),
            created_at: now(),
        }
    }

    fn identity(&self) -> (&CableKey, usize) {
        (&self.cable, self.paragraph)
    }
}

/// Control characters out (text from cables never drives the terminal).
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The first `count` words of a text on one line, with `…` when there is more.
pub fn first_words(text: &str, count: usize) -> String {
    let mut words = text.split_whitespace().map(clean).filter(|w| !w.is_empty());
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
    #[serde(default)]
    read: BTreeSet<CableKey>,
}

impl Default for State {
    fn default() -> State {
        State {
            version: STATE_VERSION,
            positions: BTreeMap::new(),
            bookmarks: Vec::new(),
            read: BTreeSet::new(),
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

    /// Whether any version of the cable with this id was read (its text may have changed).
    pub fn is_id_read(&self, id: &str) -> bool {
        self.read.iter().any(|key| key.id == id)
    }

    /// The ids of the cables read (a cable list matches its rows by id).
    pub fn read_ids(&self) -> impl Iterator<Item = &str> {
        self.read.iter().map(|key| key.id.as_str())
    }

    pub fn read_count(&self) -> usize {
        self.read.len()
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
}

enum OnDisk {
    Missing,
    Read(State),
    Newer(u32),
    Corrupt(String),
}

impl Store {
    /// A store that keeps everything in memory: for when there is no state folder, or tests.
    pub fn in_memory() -> Store {
        Store {
            dir: None,
            state: State::default(),
            pending: Vec::new(),
            read_only: false,
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
        self.pending.push(change);
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
        Err(error) => Ok(OnDisk::Corrupt(error.to_string())),
    }
}

/// Renames a corrupted state file to `state.json.corrupt-<unix seconds>` (with `-2`, `-3` ...
/// when that exists).
fn move_aside(path: &Path) -> io::Result<PathBuf> {
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
        if fs::symlink_metadata(&target).is_ok() {
            continue;
        }
        fs::rename(path, &target)?;
        if let Some(dir) = path.parent() {
            atomic::sync_dir(dir)?;
        }
        return Ok(target);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many corrupted state files moved aside already",
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
            "THE AMBASSADOR MET[31m…"
        );
        assert_eq!(first_words("A B", 3), "A B");
    }
}
