//! Expanding command-line paths: a folder means every cable file below it. The walk is
//! made safe against what a folder can hold besides cables:
//!
//! - only regular files are read; FIFOs, sockets and devices would block or never end, so
//!   they are skipped and counted ([`Expanded::skipped`]);
//! - each folder is entered once, known by its device and inode, so symbolic links that
//!   loop (`ln -s ../L L/a; ln -s ../L L/b`) neither multiply the walk nor list a cable
//!   twice;
//! - the walk keeps its own stack, so a deep tree cannot overflow the program's.
//!
//! A path named on the command line is taken as it is, whatever it is: a FIFO or a device
//! there (`<(zcat cables.csv.gz)`) is what the user asked to read, as a stream.

use std::collections::HashSet;
use std::fs::{self, FileType};
use std::io;
use std::path::{Path, PathBuf};

/// Extensions of files that hold cables.
const CABLE_EXTENSIONS: [&str; 6] = ["txt", "html", "htm", "csv", "text", "pdf"];

/// What the command-line paths expand to.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Files to read, in order: each path as given, or a folder's cable files sorted.
    pub files: Vec<PathBuf>,
    /// Folders (or links) that could not be listed or followed, with why.
    pub problems: Vec<(PathBuf, io::Error)>,
    /// Entries inside folders that are no regular files, and what they are.
    pub skipped: Vec<(PathBuf, &'static str)>,
}

impl Expanded {
    /// `skipped 2 entries that are no regular files (FIFO a/f, socket a/s)`, or `None`.
    pub fn skipped_note(&self) -> Option<String> {
        const SHOWN: usize = 5;
        if self.skipped.is_empty() {
            return None;
        }
        let mut named: Vec<String> = self
            .skipped
            .iter()
            .take(SHOWN)
            .map(|(path, kind)| format!("{kind} {}", crate::sanitize::path(path)))
            .collect();
        if self.skipped.len() > SHOWN {
            named.push(format!("{} more", self.skipped.len() - SHOWN));
        }
        let count = self.skipped.len();
        Some(format!(
            "skipped {count} {} that {} no regular file{} ({})",
            if count == 1 { "entry" } else { "entries" },
            if count == 1 { "is" } else { "are" },
            if count == 1 { "" } else { "s" },
            named.join(", ")
        ))
    }
}

/// `DIR: skipped 2 files that are no cables` (a README, a letter), when any were.
pub fn no_cables_note(dir: &Path, skipped: usize) -> Option<String> {
    (skipped > 0).then(|| {
        format!(
            "{}: skipped {skipped} file{} that {} no cable{}",
            crate::sanitize::path(dir),
            if skipped == 1 { "" } else { "s" },
            if skipped == 1 { "is" } else { "are" },
            if skipped == 1 { "" } else { "s" },
        )
    })
}

/// `DIR: the folder holds no cable files`.
pub fn empty_folder_note(dir: &Path) -> String {
    format!(
        "{}: the folder holds no cable files",
        crate::sanitize::path(dir)
    )
}

/// Expands `paths`: files as they are (any extension, any kind), folders to the cable files
/// below them, sorted. `-` (standard input) stays as it is.
pub fn expand_paths(paths: &[PathBuf]) -> Expanded {
    let mut expanded = Expanded::default();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            let start = expanded.files.len();
            walk(path, &mut expanded);
            if let Some(found) = expanded.files.get_mut(start..) {
                found.sort();
            }
        } else {
            expanded.files.push(path.clone());
        }
    }
    expanded
}

/// A folder's identity: its device and inode, so two ways to it count once.
#[cfg(unix)]
fn identity(meta: &fs::Metadata, _path: &Path) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

/// Without inodes, the canonical path stands for the folder.
#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata, path: &Path) -> (u64, u64, PathBuf) {
    (
        0,
        0,
        fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
    )
}

/// What a non-regular, non-folder entry is, for the note.
fn kind_name(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    let _ = file_type;
    "special file"
}

fn walk(root: &Path, expanded: &mut Expanded) {
    let mut seen = HashSet::new();
    match fs::metadata(root) {
        Ok(meta) => {
            seen.insert(identity(&meta, root));
        }
        Err(error) => return expanded.problems.push((root.to_owned(), error)),
    }
    let mut folders = vec![root.to_owned()];
    while let Some(dir) = folders.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                expanded.problems.push((dir, error));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with('.'));
            if hidden {
                continue;
            }
            // Follows a link to what it names; a broken link is a problem to report.
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(error) => {
                    expanded.problems.push((path, error));
                    continue;
                }
            };
            let file_type = meta.file_type();
            if file_type.is_dir() {
                if seen.insert(identity(&meta, &path)) {
                    folders.push(path);
                }
            } else if !file_type.is_file() {
                expanded.skipped.push((path, kind_name(&file_type)));
            } else if is_cable_file(&path) {
                expanded.files.push(path);
            }
        }
    }
}

/// Whether a file inside a folder is read as a cable: a known extension, or none.
pub fn is_cable_file(path: &Path) -> bool {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some(ext) => CABLE_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext)),
        None => true,
    }
}
