//! How each source's cable list was left: its sort (key and direction) and its limit, so a
//! second open of the same dump or folder shows it the same way. A source is known by the
//! canonical paths it was opened from.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// List views kept, most recently saved first; older ones are dropped on save.
pub const MAX_LIST_VIEWS: usize = 1_000;

/// A cable list's sort and limit, as the user left them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListView {
    /// The sort key's name (`date`, `id`...), as `list --sort` takes it.
    pub sort: String,
    #[serde(default)]
    pub reverse: bool,
    /// The limit as typed; empty for none.
    #[serde(default)]
    pub limit: String,
    /// Seconds since 1970, for dropping the oldest.
    #[serde(default)]
    pub saved_at: u64,
}

/// The key a list is saved under: its paths made canonical, one per line. `None` when a
/// path cannot be read again as the same thing (standard input, a FIFO) or is gone.
pub fn source_key(paths: &[PathBuf]) -> Option<String> {
    let mut key = String::new();
    for path in paths {
        if path.as_os_str() == "-" {
            return None;
        }
        let canonical = std::fs::canonicalize(path).ok()?;
        if !is_file_or_folder(&canonical) {
            return None;
        }
        if !key.is_empty() {
            key.push('\n');
        }
        key.push_str(canonical.to_str()?);
    }
    (!key.is_empty()).then_some(key)
}

fn is_file_or_folder(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_file() || meta.is_dir())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_known_by_its_canonical_paths() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cables.csv");
        std::fs::write(&file, "").unwrap();
        let canonical = std::fs::canonicalize(&file).unwrap();
        // Another way to name the same file gives the same key.
        let roundabout = dir.path().join(".").join("cables.csv");
        assert_eq!(
            source_key(std::slice::from_ref(&roundabout)),
            Some(canonical.display().to_string())
        );
        let folder = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            source_key(&[file.clone(), dir.path().to_owned()]),
            Some(format!("{}\n{}", canonical.display(), folder.display()))
        );
        assert_eq!(source_key(&[PathBuf::from("-")]), None);
        assert_eq!(source_key(&[dir.path().join("missing")]), None);
        assert_eq!(source_key(&[]), None);
    }
}
