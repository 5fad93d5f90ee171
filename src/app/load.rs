//! Turns the paths the user gave into entries for the reader: files, folders (their files,
//! sorted), `-` for standard input, and the bundled `samples/` folder when none is given.
//! A file that cannot be read becomes an entry that says why, so one bad file among many
//! does not stop the others.

use std::path::{Path, PathBuf};

use super::state::Entry;

/// The bundled samples: `samples/` in the current folder, else beside the crate's manifest.
pub fn samples_dir() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("samples"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
    ];
    candidates.into_iter().find(|path| path.is_dir())
}

/// Entries for every cable found under `paths`, in order. A folder means every cable file
/// below it, sorted (as `cable-reader parse` reads it); `-` is standard input.
pub fn load(paths: &[PathBuf]) -> Vec<Entry> {
    load_counting(paths).0
}

/// [`load`], and a line for each folder in which files that are no cables (a README, a
/// letter) were skipped, saying how many. A file named alone that is no cable is an entry
/// that says so.
pub fn load_counting(paths: &[PathBuf]) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut notes = Vec::new();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            let expanded = crate::corpus::walk::expand_paths(std::slice::from_ref(path));
            for (dir, error) in &expanded.problems {
                entries.push(Entry::failed(
                    dir.display().to_string(),
                    Some(dir.clone()),
                    format!("cannot read: {error}"),
                ));
            }
            if let Some(note) = expanded.skipped_note() {
                entries.push(Entry::failed(
                    path.display().to_string(),
                    Some(path.clone()),
                    note,
                ));
            }
            let before = entries.len();
            let skipped = expanded
                .files
                .iter()
                .filter(|file| !load_file(file, &mut entries, true))
                .count();
            if skipped > 0 {
                notes.push(format!(
                    "{}: skipped {skipped} file{} that {} no cable{}",
                    path.display(),
                    if skipped == 1 { "" } else { "s" },
                    if skipped == 1 { "is" } else { "are" },
                    if skipped == 1 { "" } else { "s" },
                ));
            }
            if entries.len() == before {
                entries.push(Entry::failed(
                    path.display().to_string(),
                    Some(path.clone()),
                    "the folder holds no cable files".to_owned(),
                ));
            }
        } else {
            load_file(path, &mut entries, false);
        }
    }
    (entries, notes)
}

/// Adds the file's cables (or an entry saying why it failed) to `entries`; false, adding
/// nothing, when a file found in a folder is no cable at all.
fn load_file(path: &Path, entries: &mut Vec<Entry>, in_folder: bool) -> bool {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let stored = (path.as_os_str() != "-").then(|| path.to_owned());
    match crate::cable::read_path(path) {
        Ok(cables) => {
            let several = cables.len() > 1;
            for (index, cable) in cables.into_iter().enumerate() {
                let name = if several {
                    format!("{name} #{}", index + 1)
                } else {
                    name.clone()
                };
                entries.push(Entry::cable(name, stored.clone(), cable));
            }
        }
        Err(error) if in_folder && error.is_not_a_cable() => return false,
        Err(error) => {
            // The error names the file; say only what went wrong after it.
            let text = error.to_string();
            let prefix = format!("{}: ", path.display());
            let reason = text.strip_prefix(&prefix).unwrap_or(&text).to_owned();
            entries.push(Entry::failed(name, stored, reason));
        }
    }
    true
}
