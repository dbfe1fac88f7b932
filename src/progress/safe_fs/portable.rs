//! The side of [`super::SafeDir`] for platforms without `openat`
//! (Windows). Path-based fallback: each name is checked with
//! `symlink_metadata` (which sees links and reparse points without
//! following them) right before it is used.

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
