//! Until the reader's loader moves to [`crate::corpus::walk`]: the walk with the old
//! error callback.

use std::path::{Path, PathBuf};

pub use crate::corpus::walk::is_cable_file;

/// [`crate::corpus::walk::expand_paths`], reporting folders that cannot be listed by
/// `on_error`.
pub fn expand_paths(
    paths: &[PathBuf],
    mut on_error: impl FnMut(&Path, std::io::Error),
) -> Vec<PathBuf> {
    let expanded = crate::corpus::walk::expand_paths(paths);
    for (path, error) in expanded.problems {
        on_error(&path, error);
    }
    expanded.files
}
