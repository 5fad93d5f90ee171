//! Summary rows saved on disk, so the second open of a dump lists everything at once.
//!
//! One file per source in the cache folder, named by a hash of the source's path, holding
//! the source's path, size and modification time and the program's version: a cache that
//! does not match all four is stale and rebuilt, as is one that cannot be decoded. The
//! encoding is postcard (serde, compact varints, no schema to keep): a summary row is
//! about 100 bytes there and decodes without a parser of text, unlike JSON.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::text_hash;
use super::summary::Summary;

/// Changes whenever the program does: summaries of another version are never trusted.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The format: 2 added each row's cable key hash (a row of format 1 has none, and decoding
/// it as 2 would misread it, so the magic is checked before anything else is trusted).
const MAGIC: &str = "cable-reader summaries 2";

/// The cache folder: `$XDG_CACHE_HOME/cable-reader`, else the platform's cache folder.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_CACHE_HOME").filter(|dir| !dir.is_empty()) {
        return Some(PathBuf::from(xdg).join("cable-reader"));
    }
    directories::ProjectDirs::from("", "", "cable-reader").map(|dirs| dirs.cache_dir().to_owned())
}

/// What the cache holds for one source: the ranges of its records and their summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub ranges: Vec<(u64, u64)>,
    pub summaries: Vec<Summary>,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    magic: String,
    version: String,
    path: String,
    size: u64,
    modified: u64,
    entry: Entry,
}

/// The key a cache file must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'a> {
    /// The source's absolute path.
    pub path: &'a Path,
    pub size: u64,
    pub modified: u64,
}

/// What a look in the cache found.
#[derive(Debug)]
pub enum Lookup {
    Hit(Entry),
    /// No cache for this source yet.
    Missing,
    /// A cache that must not be trusted, and why (for the message).
    Rejected(String),
}

/// The cache file for the source at `path`.
pub fn file_for(dir: &Path, path: &Path) -> PathBuf {
    let hash = text_hash(&path.to_string_lossy());
    dir.join(format!("{hash:016x}.summaries"))
}

/// Looks for the summaries of the source `key` in `dir`.
pub fn load(dir: &Path, key: &Key<'_>) -> Lookup {
    let file = file_for(dir, key.path);
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        // No cache folder (or a file in its place, which saving reports) is no cache.
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Lookup::Missing
        }
        Err(error) => return Lookup::Rejected(format!("cannot read it: {error}")),
    };
    // The magic first: a file of another format may not decode as this one at all.
    match postcard::take_from_bytes::<String>(&bytes) {
        Ok((magic, _)) if magic == MAGIC => {}
        Ok((magic, _)) if magic.starts_with("cable-reader summaries") => {
            return Lookup::Rejected(format!(
                "it is in an older format (`{}`, without cable keys)",
                crate::sanitize::one_line(&magic)
            ))
        }
        _ => return Lookup::Rejected("it is corrupt (no summaries)".to_owned()),
    }
    let cached: CacheFile = match postcard::from_bytes(&bytes) {
        Ok(cached) => cached,
        Err(error) => return Lookup::Rejected(format!("it is corrupt ({error})")),
    };
    if cached.version != VERSION {
        return Lookup::Rejected(format!(
            "it was written by version {} of cable-reader",
            cached.version
        ));
    }
    if cached.path != key.path.to_string_lossy() {
        return Lookup::Rejected("it belongs to another file".to_owned());
    }
    if (cached.size, cached.modified) != (key.size, key.modified) {
        return Lookup::Rejected("the file changed since it was written".to_owned());
    }
    if cached.entry.ranges.len() != cached.entry.summaries.len() {
        return Lookup::Rejected("it is corrupt (counts differ)".to_owned());
    }
    Lookup::Hit(cached.entry)
}

/// The same fields as `CacheFile`, borrowed, for writing (postcard encodes both alike).
#[derive(Serialize)]
struct CacheFileRef<'a> {
    magic: &'a str,
    version: &'a str,
    path: &'a str,
    size: u64,
    modified: u64,
    ranges: &'a [(u64, u64)],
    summaries: &'a [Summary],
}

/// Saves the summaries of the source `key` in `dir`, atomically (a crash leaves the old
/// cache or the new one, and a reader never sees half a file).
pub fn save(
    dir: &Path,
    key: &Key<'_>,
    ranges: &[(u64, u64)],
    summaries: &[Summary],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = key.path.to_string_lossy();
    let cached = CacheFileRef {
        magic: MAGIC,
        version: VERSION,
        path: &path,
        size: key.size,
        modified: key.modified,
        ranges,
        summaries,
    };
    let bytes = postcard::to_allocvec(&cached).map_err(std::io::Error::other)?;
    crate::atomic::write_atomic(&file_for(dir, key.path), &bytes)
}
