//! The Unix side of [`super::SafeDir`]: `openat` relative to an open
//! folder with `O_NOFOLLOW`, files opened `O_NONBLOCK | O_NOCTTY`, and every
//! check made with `fstat` on what was opened (through `rustix`).

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
        let fd = match rfs::openat(&self.0, name, OFlags::RDONLY | NOFOLLOW_FILE, Mode::empty()) {
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
                match rfs::openat(&self.0, name, OFlags::RDONLY | NOFOLLOW_FILE, Mode::empty()) {
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
