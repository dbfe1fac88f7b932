//! What differs on Windows (compiled there only; checked under Wine by
//! `.ci/release-test`, see `docs/deploying.md`).
//!
//! - Data folder: `%APPDATA%\notalone` (the roaming application data
//!   folder, so it follows a student between lab PCs when the school
//!   redirects or roams profiles), not the `%APPDATA%\notalone\data` that
//!   `directories::ProjectDirs` would give.
//! - Atomic replace: `std::fs::rename` and `tempfile`'s `persist` call
//!   `MoveFileExW(MOVEFILE_REPLACE_EXISTING)`, which replaces in one step
//!   but fails while another program (an antivirus or indexer scanning the
//!   new file) holds the target open without `FILE_SHARE_DELETE`; such
//!   failures are brief, so [`retry_sharing`] tries again for a moment.
//! - Locks: `File::try_lock` is `LockFileEx` on the separate lock file.
//! - Piped input ending lines with CRLF: plain mode trims each line.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `%APPDATA%\notalone`, from the known folder (not the environment).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_dir().join("notalone"))
}

/// `ERROR_ACCESS_DENIED`, `ERROR_SHARING_VIOLATION`, `ERROR_LOCK_VIOLATION`.
fn is_transient(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Run `op` again while it fails with a sharing error, for about a second
/// in all; the last error is returned.
pub fn retry_sharing<T>(mut op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    let mut pause = Duration::from_millis(5);
    let mut waited = Duration::ZERO;
    loop {
        match op() {
            Err(e) if is_transient(&e) && waited < Duration::from_secs(1) => {
                std::thread::sleep(pause);
                waited += pause;
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

/// Rename a finished temporary file over `path` (`MoveFileExW` with
/// `MOVEFILE_REPLACE_EXISTING`), retrying briefly while the target is held
/// open by another program. On failure the temporary file is removed.
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let mut pending = Some(tmp);
    retry_sharing(|| {
        let Some(file) = pending.take() else {
            return Err(io::Error::other("temporary file already used"));
        };
        match file.persist(path) {
            Ok(_) => Ok(()),
            Err(e) => {
                pending = Some(e.file);
                Err(e.error)
            }
        }
    })
}
