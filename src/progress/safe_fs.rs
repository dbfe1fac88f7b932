//! Folders and files inside the data folder, opened so that nothing another
//! account planted is followed.
//!
//! In a shared class folder a student can put a symbolic link, a FIFO, a
//! device or a folder of their own where a classmate's file should be. So
//! below the data folder every name is opened relative to an open folder
//! handle (`openat`), never as a path, with `O_NOFOLLOW` (a link is refused,
//! not followed), files with `O_NONBLOCK | O_NOCTTY` (a FIFO or a terminal
//! cannot make us wait), and what was opened is checked with `fstat` (a
//! regular file or a real folder; its owner and mode) before anything is
//! read. There is no check-then-open: the checks are on the open handle.
//!
//! On platforms without `openat` (Windows) the same operations go through
//! paths, refusing what `symlink_metadata` shows as a link or reparse point
//! just before opening; that leaves a small race, named in
//! `docs/deploying.md`.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What kind of thing a name is, without following links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink,
    /// A FIFO, socket or device.
    Other,
}

/// Owner and permissions of something opened or looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    /// The owning account (`None` where the platform has no such notion).
    pub uid: Option<u32>,
    /// Permission bits (`0o7777`); 0 where unknown.
    pub mode: u32,
    pub kind: Kind,
}

impl Meta {
    /// True when the current account owns it (always true where owners are
    /// unknown).
    pub fn owned_by_me(&self) -> bool {
        match (self.uid, my_uid()) {
            (Some(u), Some(me)) => u == me,
            _ => true,
        }
    }

    /// True when the group or everyone may write to it.
    pub fn others_can_write(&self) -> bool {
        self.mode & 0o022 != 0
    }
}

/// What reading a file found.
#[derive(Debug)]
pub enum ReadResult {
    Missing,
    /// A link, folder, FIFO, socket or device: not read.
    NotRegular,
    /// Larger than the limit: not read.
    TooBig,
    Bytes(Vec<u8>, Meta),
}

/// The current account's user id (`None` on platforms without one).
pub fn my_uid() -> Option<u32> {
    imp::my_uid()
}

/// The error for a name that is a link or not a folder where a folder
/// should be.
pub fn not_a_folder() -> io::Error {
    io::Error::new(
        io::ErrorKind::NotADirectory,
        "not a real folder (a link or a file); it was not followed",
    )
}

/// An open folder.
#[derive(Debug)]
pub struct SafeDir {
    inner: imp::Handle,
    path: PathBuf,
}

impl SafeDir {
    /// Open a folder given by the user or the administrator (the data
    /// folder itself: links in its path are theirs, so they are followed).
    pub fn open_path(path: &Path) -> io::Result<SafeDir> {
        Ok(SafeDir {
            inner: imp::Handle::open_path(path)?,
            path: path.to_path_buf(),
        })
    }

    /// Open the folder `name` inside this one, refusing a link or a file
    /// (an [`io::ErrorKind::NotADirectory`] error, see [`not_a_folder`]).
    pub fn sub(&self, name: &str) -> io::Result<SafeDir> {
        Ok(SafeDir {
            inner: self.inner.sub(&self.path, name)?,
            path: self.path.join(name),
        })
    }

    /// The path this folder was opened as (for messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path of `name` in this folder (for messages).
    pub fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Owner and mode of the folder, from the open handle.
    pub fn meta(&self) -> io::Result<Meta> {
        self.inner.meta()
    }

    /// Create the folder `name` here, private to its owner (0700).
    pub fn mkdir(&self, name: &str) -> io::Result<()> {
        self.inner.mkdir(&self.path, name)
    }

    /// Read the regular file `name`, at most `cap` bytes; never follows a
    /// link, never blocks on a FIFO, never reads a device.
    pub fn read(&self, name: &str, cap: u64) -> io::Result<ReadResult> {
        self.inner.read(&self.path, name, cap)
    }

    /// Replace `name` atomically with `bytes`: a new 0600 temporary file
    /// (`O_CREAT | O_EXCL`, named `.<name>.<random>.tmp`), fsynced, renamed
    /// over `name`, then the folder fsynced. On error the old file is
    /// untouched and the temporary file removed.
    pub fn write_atomic(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_atomic(&self.path, name, bytes)
    }

    /// Rename `from` to `to` inside this folder (the entry itself, never
    /// what a link points to).
    pub fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        self.inner.rename(&self.path, from, to)
    }

    /// Remove the file (or link) `name` here.
    pub fn remove_file(&self, name: &str) -> io::Result<()> {
        self.inner.remove_file(&self.path, name)
    }

    /// What `name` is, its owner and mode, without following it; `None`
    /// when it does not exist.
    pub fn stat(&self, name: &str) -> io::Result<Option<Meta>> {
        self.inner.stat(&self.path, name)
    }

    /// Something that changes whenever `name` is replaced or written
    /// (inode and modification time); `None` when it does not exist.
    pub fn version(&self, name: &str) -> Option<(u64, i64, i64)> {
        self.inner.version(&self.path, name)
    }

    /// How long ago `name` was last modified (`None` if unknown).
    pub fn age(&self, name: &str) -> Option<Duration> {
        self.inner.age(&self.path, name)
    }

    /// The names in this folder (raw, possibly not UTF-8), with their kind
    /// when the listing tells it.
    pub fn entries(&self) -> io::Result<Vec<(OsString, Option<Kind>)>> {
        self.inner.entries(&self.path)
    }

    /// Open (creating, 0600) the lock file `name`. `Ok(None)` when there is
    /// no usable lock file: missing and not creatable (read-only), a link,
    /// a folder, not a regular file or owned by another account. Opened
    /// read-only when it cannot be opened for writing (a lock works on a
    /// read-only handle).
    pub fn open_lock(&self, name: &str) -> io::Result<Option<std::fs::File>> {
        self.inner.open_lock(&self.path, name)
    }

    /// fsync the folder so a rename in it is durable. File systems that
    /// cannot are not an error.
    pub fn sync(&self) -> io::Result<()> {
        match self.inner.sync(&self.path) {
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput
                        | io::ErrorKind::Unsupported
                        | io::ErrorKind::PermissionDenied
                ) =>
            {
                Ok(())
            }
            r => r,
        }
    }
}

/// A fresh random-looking name part for a temporary file (its creation is
/// `O_EXCL`, so this only needs to avoid collisions, not to be secret).
fn temp_tag() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    format!("{:016x}", h.finish())
}

fn temp_name(name: &str) -> String {
    format!(".{name}.{}.tmp", temp_tag())
}

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg(not(unix))]
mod portable;
#[cfg(not(unix))]
use portable as imp;
