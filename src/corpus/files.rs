//! Expanding command-line paths: a folder means every cable file in it, recursively.

use std::path::{Path, PathBuf};

/// Extensions of files that hold cables.
const CABLE_EXTENSIONS: [&str; 6] = ["txt", "html", "htm", "csv", "text", "pdf"];

/// A path given on the command line, expanded: files as they are (any extension), folders
/// to the cable files below them, sorted. Unreadable folders are reported by `on_error`.
pub fn expand_paths(
    paths: &[PathBuf],
    mut on_error: impl FnMut(&Path, std::io::Error),
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut on_error);
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, on_error: &mut impl FnMut(&Path, std::io::Error)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return on_error(dir, error),
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
        if path.is_dir() {
            walk(&path, found, on_error);
        } else if is_cable_file(&path) {
            found.push(path);
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
