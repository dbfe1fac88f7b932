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
mod imp {
    use std::ffi::{OsStr, OsString};
    use std::fs::File;
    use std::io::{self, Read, Write};
    use std::os::fd::OwnedFd;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::time::Duration;

    use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags};
    use rustix::io::Errno;

    use super::{Kind, Meta, ReadResult, not_a_folder, temp_name};

    pub fn my_uid() -> Option<u32> {
        Some(rustix::process::geteuid().as_raw())
    }

    fn kind(t: FileType) -> Kind {
        match t {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            FileType::Symlink => Kind::Symlink,
            _ => Kind::Other,
        }
    }

    // `st_mode` is a u32 on Linux but a u16 on macOS.
    #[allow(clippy::useless_conversion)]
    fn meta(st: &rfs::Stat) -> Meta {
        Meta {
            uid: Some(st.st_uid),
            mode: u32::from(st.st_mode) & 0o7777,
            kind: kind(FileType::from_raw_mode(st.st_mode)),
        }
    }

    const DIR: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::CLOEXEC)
        .union(OFlags::NOCTTY);
    const NOFOLLOW_FILE: OFlags = OFlags::NOFOLLOW
        .union(OFlags::NONBLOCK)
        .union(OFlags::CLOEXEC)
        .union(OFlags::NOCTTY);

    #[derive(Debug)]
    pub struct Handle(OwnedFd);

    impl Handle {
        pub fn open_path(path: &Path) -> io::Result<Handle> {
            Ok(Handle(rfs::open(path, DIR, Mode::empty())?))
        }

        pub fn sub(&self, _: &Path, name: &str) -> io::Result<Handle> {
            match rfs::openat(&self.0, name, DIR | OFlags::NOFOLLOW, Mode::empty()) {
                Ok(fd) => Ok(Handle(fd)),
                Err(Errno::LOOP | Errno::NOTDIR) => Err(not_a_folder()),
                Err(e) => Err(e.into()),
            }
        }

        pub fn meta(&self) -> io::Result<Meta> {
            Ok(meta(&rfs::fstat(&self.0)?))
        }

        pub fn mkdir(&self, _: &Path, name: &str) -> io::Result<()> {
            Ok(rfs::mkdirat(&self.0, name, Mode::from_raw_mode(0o700))?)
        }

        pub fn read(&self, _: &Path, name: &str, cap: u64) -> io::Result<ReadResult> {
            let fd = match rfs::openat(&self.0, name, OFlags::RDONLY | NOFOLLOW_FILE, Mode::empty())
            {
                Ok(fd) => fd,
                Err(Errno::NOENT) => return Ok(ReadResult::Missing),
                // A symbolic link (O_NOFOLLOW), or a device we may not open.
                Err(Errno::LOOP | Errno::NXIO | Errno::NODEV) => return Ok(ReadResult::NotRegular),
                Err(e) => return Err(e.into()),
            };
            let st = rfs::fstat(&fd)?;
            let m = meta(&st);
            if m.kind != Kind::File {
                return Ok(ReadResult::NotRegular);
            }
            let size = u64::try_from(st.st_size).unwrap_or(0);
            if size > cap {
                return Ok(ReadResult::TooBig);
            }
            let mut f = File::from(fd);
            let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            (&mut f).take(cap + 1).read_to_end(&mut buf)?;
            if buf.len() as u64 > cap {
                return Ok(ReadResult::TooBig);
            }
            Ok(ReadResult::Bytes(buf, m))
        }

        pub fn write_atomic(&self, _: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
            let flags = OFlags::WRONLY
                | OFlags::CREATE
                | OFlags::EXCL
                | OFlags::NOFOLLOW
                | OFlags::CLOEXEC
                | OFlags::NOCTTY;
            let mut tries = 0;
            let (tmp, fd) = loop {
                let tmp = temp_name(name);
                match rfs::openat(&self.0, tmp.as_str(), flags, Mode::from_raw_mode(0o600)) {
                    Ok(fd) => break (tmp, fd),
                    Err(Errno::EXIST) if tries < 100 => tries += 1,
                    Err(e) => return Err(e.into()),
                }
            };
            let mut f = File::from(fd);
            let done = f
                .write_all(bytes)
                .and_then(|()| f.sync_all())
                .and_then(|()| Ok(rfs::renameat(&self.0, tmp.as_str(), &self.0, name)?));
            if let Err(e) = done {
                let _ = rfs::unlinkat(&self.0, tmp.as_str(), AtFlags::empty());
                return Err(e);
            }
            drop(f);
            match rfs::fsync(&self.0) {
                Ok(()) | Err(Errno::INVAL | Errno::NOTSUP | Errno::ACCESS) => Ok(()),
                Err(e) => Err(e.into()),
            }
        }

        pub fn rename(&self, _: &Path, from: &str, to: &str) -> io::Result<()> {
            Ok(rfs::renameat(&self.0, from, &self.0, to)?)
        }

        pub fn remove_file(&self, _: &Path, name: &str) -> io::Result<()> {
            Ok(rfs::unlinkat(&self.0, name, AtFlags::empty())?)
        }

        pub fn stat(&self, _: &Path, name: &str) -> io::Result<Option<Meta>> {
            match rfs::statat(&self.0, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => Ok(Some(meta(&st))),
                Err(Errno::NOENT) => Ok(None),
                Err(e) => Err(e.into()),
            }
        }

        pub fn version(&self, _: &Path, name: &str) -> Option<(u64, i64, i64)> {
            let st = rfs::statat(&self.0, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
            Some((
                st.st_ino,
                st.st_mtime,
                i64::try_from(st.st_mtime_nsec).unwrap_or(0),
            ))
        }

        pub fn age(&self, _: &Path, name: &str) -> Option<Duration> {
            let st = rfs::statat(&self.0, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
            let modified =
                std::time::UNIX_EPOCH + Duration::from_secs(u64::try_from(st.st_mtime).ok()?);
            std::time::SystemTime::now().duration_since(modified).ok()
        }

        pub fn entries(&self, _: &Path) -> io::Result<Vec<(OsString, Option<Kind>)>> {
            let mut out = Vec::new();
            for entry in rfs::Dir::read_from(&self.0)? {
                let entry = entry?;
                let name = entry.file_name().to_bytes();
                if name == b"." || name == b".." {
                    continue;
                }
                let k = match entry.file_type() {
                    FileType::Unknown => None,
                    t => Some(kind(t)),
                };
                out.push((OsStr::from_bytes(name).to_os_string(), k));
            }
            Ok(out)
        }

        pub fn open_lock(&self, _: &Path, name: &str) -> io::Result<Option<File>> {
            let rw = OFlags::RDWR | OFlags::CREATE | NOFOLLOW_FILE;
            let fd = match rfs::openat(&self.0, name, rw, Mode::from_raw_mode(0o600)) {
                Ok(fd) => fd,
                Err(Errno::ROFS | Errno::ACCESS | Errno::PERM | Errno::ISDIR) => {
                    match rfs::openat(&self.0, name, OFlags::RDONLY | NOFOLLOW_FILE, Mode::empty())
                    {
                        Ok(fd) => fd,
                        Err(Errno::NOENT | Errno::LOOP | Errno::ACCESS | Errno::NXIO) => {
                            return Ok(None);
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                Err(Errno::LOOP | Errno::NXIO | Errno::NODEV | Errno::NOTDIR) => return Ok(None),
                Err(e) => return Err(e.into()),
            };
            let m = meta(&rfs::fstat(&fd)?);
            if m.kind != Kind::File || !m.owned_by_me() {
                return Ok(None);
            }
            Ok(Some(File::from(fd)))
        }

        pub fn sync(&self, _: &Path) -> io::Result<()> {
            Ok(rfs::fsync(&self.0)?)
        }
    }
}

#[cfg(not(unix))]
mod imp {
    //! Path-based fallback: each name is checked with `symlink_metadata`
    //! (which sees links and reparse points without following them) right
    //! before it is used.
    use std::ffi::OsString;
    use std::fs::{self, File, OpenOptions};
    use std::io::{self, Read, Write};
    use std::path::Path;
    use std::time::Duration;

    use super::{Kind, Meta, ReadResult, not_a_folder, temp_name};

    pub fn my_uid() -> Option<u32> {
        None
    }

    fn kind(t: fs::FileType) -> Kind {
        if t.is_symlink() {
            Kind::Symlink
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }

    fn meta(m: &fs::Metadata) -> Meta {
        Meta {
            uid: None,
            mode: 0,
            kind: kind(m.file_type()),
        }
    }

    /// Replace in one step (`MoveFileExW`), retrying briefly on Windows
    /// while a scanner holds the target open.
    fn rename(from: &Path, to: &Path) -> io::Result<()> {
        #[cfg(windows)]
        return crate::windows::retry_sharing(|| fs::rename(from, to));
        #[cfg(not(windows))]
        fs::rename(from, to)
    }

    #[derive(Debug)]
    pub struct Handle;

    impl Handle {
        pub fn open_path(path: &Path) -> io::Result<Handle> {
            if fs::metadata(path)?.is_dir() {
                Ok(Handle)
            } else {
                Err(not_a_folder())
            }
        }

        pub fn sub(&self, dir: &Path, name: &str) -> io::Result<Handle> {
            match fs::symlink_metadata(dir.join(name)) {
                Ok(m) if kind(m.file_type()) == Kind::Dir => Ok(Handle),
                Ok(_) => Err(not_a_folder()),
                Err(e) => Err(e),
            }
        }

        pub fn meta(&self) -> io::Result<Meta> {
            Ok(Meta {
                uid: None,
                mode: 0,
                kind: Kind::Dir,
            })
        }

        pub fn mkdir(&self, dir: &Path, name: &str) -> io::Result<()> {
            fs::create_dir(dir.join(name))
        }

        pub fn read(&self, dir: &Path, name: &str, cap: u64) -> io::Result<ReadResult> {
            let path = dir.join(name);
            let m = match fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ReadResult::Missing),
                Err(e) => return Err(e),
            };
            if kind(m.file_type()) != Kind::File {
                return Ok(ReadResult::NotRegular);
            }
            if m.len() > cap {
                return Ok(ReadResult::TooBig);
            }
            let mut buf = Vec::new();
            File::open(&path)?.take(cap + 1).read_to_end(&mut buf)?;
            if buf.len() as u64 > cap {
                return Ok(ReadResult::TooBig);
            }
            Ok(ReadResult::Bytes(buf, meta(&m)))
        }

        pub fn write_atomic(&self, dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
            let tmp = dir.join(temp_name(name));
            let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            let done = f
                .write_all(bytes)
                .and_then(|()| f.sync_all())
                .and_then(|()| {
                    drop(f);
                    rename(&tmp, &dir.join(name))
                });
            if done.is_err() {
                let _ = fs::remove_file(&tmp);
            }
            done
        }

        pub fn rename(&self, dir: &Path, from: &str, to: &str) -> io::Result<()> {
            rename(&dir.join(from), &dir.join(to))
        }

        pub fn remove_file(&self, dir: &Path, name: &str) -> io::Result<()> {
            fs::remove_file(dir.join(name))
        }

        pub fn stat(&self, dir: &Path, name: &str) -> io::Result<Option<Meta>> {
            match fs::symlink_metadata(dir.join(name)) {
                Ok(m) => Ok(Some(meta(&m))),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        }

        pub fn version(&self, dir: &Path, name: &str) -> Option<(u64, i64, i64)> {
            let m = fs::symlink_metadata(dir.join(name)).ok()?;
            let t = m
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some((m.len(), t.as_secs() as i64, i64::from(t.subsec_nanos())))
        }

        pub fn age(&self, dir: &Path, name: &str) -> Option<Duration> {
            let m = fs::symlink_metadata(dir.join(name)).ok()?;
            std::time::SystemTime::now()
                .duration_since(m.modified().ok()?)
                .ok()
        }

        pub fn entries(&self, dir: &Path) -> io::Result<Vec<(OsString, Option<Kind>)>> {
            let mut out = Vec::new();
            for e in fs::read_dir(dir)? {
                let e = e?;
                let k = e.file_type().ok().map(kind);
                out.push((e.file_name(), k));
            }
            Ok(out)
        }

        pub fn open_lock(&self, dir: &Path, name: &str) -> io::Result<Option<File>> {
            let path = dir.join(name);
            match fs::symlink_metadata(&path) {
                Ok(m) if kind(m.file_type()) != Kind::File => return Ok(None),
                _ => {}
            }
            match OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
            {
                Ok(f) => Ok(Some(f)),
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(File::open(&path).ok()),
                Err(e) => Err(e),
            }
        }

        pub fn sync(&self, _: &Path) -> io::Result<()> {
            Ok(())
        }
    }
}
