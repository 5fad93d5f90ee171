//! Where the reader finds the bundled samples it opens when no path is given. Every path the
//! user names is read by the corpus reader ([`super::loading`]).

use std::path::{Path, PathBuf};

/// The bundled samples: `samples/` in the current folder, else beside the crate's manifest.
pub fn samples_dir() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("samples"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
    ];
    candidates.into_iter().find(|path| path.is_dir())
}
