//! Writing a file so that a crash or a kill at any moment leaves either the old file or the
//! new one, never a mix or a truncated one: write a temp file beside it, fsync it, rename it
//! over the old one, fsync the folder so the rename itself is on disk.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The infix of temp file names: `.state.json.tmp-<pid>-<nanos>-<n>`.
pub const TEMP_INFIX: &str = ".tmp-";

/// Replaces `path` with `bytes` atomically. The file is readable by its owner only when
/// `private` is set (unix), else it gets the usual permissions.
pub fn write_atomic_with(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    let dir = parent_dir(path);
    let temp = temp_path(path)?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(&temp)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        // Best effort: the temp file may already be gone (renamed) or never written.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Replaces `path` with `bytes` atomically, with the usual permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, false)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temp_path(path: &Path) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} names no file", path.display()),
        )
    })?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!("{TEMP_INFIX}{}-{nanos}-{n}", std::process::id()));
    Ok(parent_dir(path).join(temp))
}

/// Whether `candidate` is a temp file `write_atomic` made for `target_name`.
pub fn is_temp_for(candidate: &std::ffi::OsStr, target_name: &str) -> bool {
    candidate
        .to_str()
        .and_then(|name| name.strip_prefix('.'))
        .and_then(|name| name.strip_prefix(target_name))
        .is_some_and(|rest| rest.starts_with(TEMP_INFIX))
}

/// Makes a rename in `dir` durable. Folders cannot be opened for fsync on Windows, where
/// the rename is durable once it returns.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temp_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("state.json");
        write_atomic(&path, b"old")?;
        write_atomic_with(&path, b"new", true)?;
        assert_eq!(fs::read(&path)?, b"new");
        let names: Vec<_> = fs::read_dir(dir.path())?
            .filter_map(|entry| entry.ok().map(|entry| entry.file_name()))
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
        }
        Ok(())
    }

    #[test]
    fn knows_its_temp_names() {
        assert!(is_temp_for(
            std::ffi::OsStr::new(".state.json.tmp-12-34-0"),
            "state.json"
        ));
        assert!(!is_temp_for(
            std::ffi::OsStr::new("state.json"),
            "state.json"
        ));
        assert!(!is_temp_for(
            std::ffi::OsStr::new(".other.json.tmp-1"),
            "state.json"
        ));
    }
}
