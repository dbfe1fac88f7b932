//! Writing into a folder that someone else may be able to write (a class
//! folder students share): never through a symbolic link.
//!
//! Every folder below the root is opened relative to its parent's open
//! handle with `O_NOFOLLOW`, so a planted link (`en -> ../victim`) is
//! refused instead of followed. A file is written to a fresh temporary
//! file (`O_CREAT | O_EXCL | O_NOFOLLOW`) and renamed over the name, so a
//! planted link or hard link in its place is replaced, never written
//! through; a symbolic link there is refused first, so the teacher hears
//! about it. The root itself is the folder the user named and may be a link.
//!
//! On Windows the same checks are made on paths (`symlink_metadata`), which
//! leaves a race a local attacker could win; `docs/deploying.md` says so.

use std::io::Write;
use std::path::{Path, PathBuf};

/// How to write a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Replace the file if it exists (through a temporary file and a rename).
    Replace,
    /// Fail if anything exists at the name.
    CreateNew,
}

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{0} is a symbolic link; notalone never writes through a link in a course folder: remove the link (or give another folder) and try again"
    )]
    Link(String),
    #[error("{0} is in the way: it is not a folder; remove it or give another folder")]
    NotDir(String),
    #[error("{0} already exists")]
    Exists(String),
    #[error("could not write {0} ({1}); check that you may write there")]
    Io(String, std::io::Error),
}

impl From<WriteError> for std::io::Error {
    fn from(e: WriteError) -> std::io::Error {
        match e {
            WriteError::Io(_, e) => e,
            WriteError::Exists(_) => {
                std::io::Error::new(std::io::ErrorKind::AlreadyExists, e.to_string())
            }
            other => std::io::Error::other(other.to_string()),
        }
    }
}

fn shown(root: &Path, parts: &[&str]) -> String {
    let p = parts
        .iter()
        .fold(root.to_path_buf(), |p: PathBuf, x| p.join(x));
    crate::text::sanitize_line(&p.display().to_string())
}

fn split(rel: &str) -> Vec<&str> {
    rel.split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect()
}

#[cfg(unix)]
mod imp {
    use super::*;
    use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags};
    use rustix::io::Errno;
    use std::os::fd::OwnedFd;

    const DIR: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::NOFOLLOW)
        .union(OFlags::CLOEXEC);

    fn is_link(dir: &OwnedFd, name: &str) -> bool {
        rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
            .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink)
    }

    /// Open (creating them as needed) the folders of `parts` below `root`.
    pub(super) fn open_dirs(
        root: &Path,
        parts: &[&str],
        create: bool,
    ) -> Result<OwnedFd, WriteError> {
        let io = |e: Errno, n: usize| WriteError::Io(shown(root, &parts[..n]), e.into());
        let mut dir = rustix::fs::openat(
            CWD,
            root,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| io(e, 0))?;
        for (i, part) in parts.iter().enumerate() {
            let next = match rustix::fs::openat(&dir, *part, DIR, Mode::empty()) {
                Err(Errno::NOENT) if create => {
                    match rustix::fs::mkdirat(&dir, *part, Mode::from_raw_mode(0o755)) {
                        Ok(()) | Err(Errno::EXIST) => {}
                        Err(e) => return Err(io(e, i + 1)),
                    }
                    rustix::fs::openat(&dir, *part, DIR, Mode::empty())
                }
                r => r,
            };
            dir = match next {
                Ok(d) => d,
                Err(Errno::LOOP) | Err(Errno::NOTDIR) if is_link(&dir, part) => {
                    return Err(WriteError::Link(shown(root, &parts[..=i])));
                }
                Err(Errno::NOTDIR) => return Err(WriteError::NotDir(shown(root, &parts[..=i]))),
                Err(e) => return Err(io(e, i + 1)),
            };
        }
        Ok(dir)
    }

    pub(super) fn write(
        root: &Path,
        parts: &[&str],
        bytes: &[u8],
        how: How,
    ) -> Result<(), WriteError> {
        let (name, dirs) = parts.split_last().ok_or_else(|| {
            WriteError::Io(shown(root, parts), std::io::Error::other("no file name"))
        })?;
        let dir = open_dirs(root, dirs, true)?;
        let at = || shown(root, parts);
        if is_link(&dir, name) {
            return Err(WriteError::Link(at()));
        }
        let file =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mode = Mode::from_raw_mode(0o644);
        if how == How::CreateNew {
            let fd = match rustix::fs::openat(&dir, *name, file, mode) {
                Ok(fd) => fd,
                Err(Errno::EXIST) => return Err(WriteError::Exists(at())),
                Err(e) => return Err(WriteError::Io(at(), e.into())),
            };
            let mut f = std::fs::File::from(fd);
            return f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| {
                let _ = rustix::fs::unlinkat(&dir, *name, AtFlags::empty());
                WriteError::Io(at(), e)
            });
        }
        let mut n = 0u32;
        let (tmp, fd) = loop {
            let tmp = format!(".{name}.{}.{n}.tmp", std::process::id());
            match rustix::fs::openat(&dir, tmp.as_str(), file, mode) {
                Ok(fd) => break (tmp, fd),
                Err(Errno::EXIST) if n < 100 => n += 1,
                Err(e) => return Err(WriteError::Io(at(), e.into())),
            }
        };
        let mut f = std::fs::File::from(fd);
        let done = f
            .write_all(bytes)
            .and_then(|()| f.sync_all())
            .and_then(|()| {
                rustix::fs::renameat(&dir, tmp.as_str(), &dir, *name).map_err(Into::into)
            });
        if let Err(e) = done {
            let _ = rustix::fs::unlinkat(&dir, tmp.as_str(), AtFlags::empty());
            return Err(WriteError::Io(at(), e));
        }
        Ok(())
    }

    pub(super) fn read(root: &Path, parts: &[&str]) -> Result<Option<Vec<u8>>, WriteError> {
        use std::io::Read;
        let Some((name, dirs)) = parts.split_last() else {
            return Ok(None);
        };
        let dir = match open_dirs(root, dirs, false) {
            Ok(d) => d,
            Err(WriteError::Io(_, e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = match rustix::fs::openat(&dir, *name, flags, Mode::empty()) {
            Ok(fd) => fd,
            Err(Errno::NOENT) => return Ok(None),
            Err(Errno::LOOP) => return Err(WriteError::Link(shown(root, parts))),
            Err(e) => return Err(WriteError::Io(shown(root, parts), e.into())),
        };
        let st =
            rustix::fs::fstat(&fd).map_err(|e| WriteError::Io(shown(root, parts), e.into()))?;
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
            return Err(WriteError::NotDir(shown(root, parts)));
        }
        let mut out = Vec::new();
        std::fs::File::from(fd)
            .take(crate::course::source::MAX_FILE_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| WriteError::Io(shown(root, parts), e))?;
        Ok(Some(out))
    }
}

#[cfg(not(unix))]
mod imp {
    use super::*;

    fn check(root: &Path, parts: &[&str]) -> Result<PathBuf, WriteError> {
        let mut p = root.to_path_buf();
        for (i, part) in parts.iter().enumerate() {
            p = p.join(part);
            if std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(WriteError::Link(shown(root, &parts[..=i])));
            }
        }
        Ok(p)
    }

    pub(super) fn write(
        root: &Path,
        parts: &[&str],
        bytes: &[u8],
        how: How,
    ) -> Result<(), WriteError> {
        let path = check(root, parts)?;
        let at = || shown(root, parts);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| WriteError::Io(at(), e))?;
        }
        check(root, parts)?;
        if how == How::CreateNew {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::AlreadyExists => WriteError::Exists(at()),
                    _ => WriteError::Io(at(), e),
                })?;
            return f.write_all(bytes).map_err(|e| WriteError::Io(at(), e));
        }
        let dir = path.parent().unwrap_or(root);
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| WriteError::Io(at(), e))?;
        tmp.write_all(bytes).map_err(|e| WriteError::Io(at(), e))?;
        tmp.persist(&path)
            .map_err(|e| WriteError::Io(at(), e.error))?;
        Ok(())
    }

    pub(super) fn read(root: &Path, parts: &[&str]) -> Result<Option<Vec<u8>>, WriteError> {
        let path = check(root, parts)?;
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => std::fs::read(&path)
                .map(Some)
                .map_err(|e| WriteError::Io(shown(root, parts), e)),
            Ok(_) => Err(WriteError::NotDir(shown(root, parts))),
            Err(_) => Ok(None),
        }
    }
}

/// Write `bytes` to `root/rel` (`rel` uses `/`), creating the folders it
/// needs, never following a symbolic link below `root`.
pub fn write(root: &Path, rel: &str, bytes: &[u8], how: How) -> Result<(), WriteError> {
    imp::write(root, &split(rel), bytes, how)
}

/// Read `root/rel` if it is a regular file (never through a link, never a
/// FIFO or device); `None` if there is nothing there.
pub fn read(root: &Path, rel: &str) -> Result<Option<Vec<u8>>, WriteError> {
    imp::read(root, &split(rel))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn refuses_links_and_replaces_files() {
        let t = tempfile::tempdir().expect("tmp");
        let root = t.path().join("c");
        let victim = t.path().join("victim");
        std::fs::create_dir_all(&root).expect("mkdir");
        std::fs::create_dir_all(&victim).expect("mkdir");
        std::fs::write(victim.join("secret.txt"), "victim").expect("write");
        std::os::unix::fs::symlink(&victim, root.join("en")).expect("link");
        std::os::unix::fs::symlink(victim.join("secret.txt"), root.join("course.toml"))
            .expect("link");
        let e = write(&root, "en/a.toml", b"x", How::Replace).expect_err("dir link");
        assert!(matches!(e, WriteError::Link(_)), "{e}");
        let e = write(&root, "course.toml", b"x", How::Replace).expect_err("file link");
        assert!(matches!(e, WriteError::Link(_)), "{e}");
        assert!(matches!(
            read(&root, "course.toml"),
            Err(WriteError::Link(_))
        ));
        assert_eq!(
            std::fs::read_to_string(victim.join("secret.txt")).expect("read"),
            "victim"
        );
        assert!(!victim.join("a.toml").exists());
        // A hard link in the way is replaced, not written through.
        std::fs::hard_link(victim.join("secret.txt"), root.join("hard.toml")).expect("hard link");
        write(&root, "hard.toml", b"new", How::Replace).expect("replace");
        assert_eq!(
            std::fs::read_to_string(victim.join("secret.txt")).expect("read"),
            "victim"
        );
        write(&root, "fr/b.toml", b"new", How::Replace).expect("nested");
        assert_eq!(
            read(&root, "fr/b.toml").expect("read"),
            Some(b"new".to_vec())
        );
        assert!(matches!(
            write(&root, "fr/b.toml", b"x", How::CreateNew),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(read(&root, "nothing/here.toml").expect("read"), None);
    }
}
