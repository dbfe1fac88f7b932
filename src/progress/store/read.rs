//! The store's read path: read one progress or profile file (regular
//! files only, never a link, FIFO or device), decode and check it, and set
//! aside what cannot be used; clean temporary files left by killed saves.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use super::{
    MAX_FILE_BYTES, PROFILE_FILE, PROFILE_FORMAT, ProgressStore, Recovered, SetAsideReason,
    StoreError,
};
use crate::progress::profile::{profile_key, same_profile};
use crate::progress::record::{self, CourseRecord};
use crate::progress::safe_fs::{Kind, Meta, ReadResult, SafeDir};

/// Temporary files older than this are stale even when their lock cannot
/// be taken (a save takes milliseconds).
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

impl ProgressStore {
    /// Read the file on disk; set it aside (noting it) when it is not a
    /// progress file this version can read, or not a regular file of this
    /// account at all.
    pub(super) fn read_disk(&mut self, dir: &SafeDir) -> Result<Option<CourseRecord>, StoreError> {
        let outcome =
            read_record(dir, &self.file_name).map_err(|e| StoreError::io(&self.path, e))?;
        let reason = match outcome {
            ReadOutcome::Missing => return Ok(None),
            ReadOutcome::Good(r, meta)
                if trusted_file(&meta)
                    && r.course == self.course
                    && same_profile(&r.profile, &self.profile) =>
            {
                return Ok(Some(*r));
            }
            ReadOutcome::Good(..) => SetAsideReason::Unreadable,
            ReadOutcome::Bad(reason) => reason,
        };
        match move_aside(dir, &self.file_name) {
            Ok(Some(moved_to)) => {
                self.notice = Some(Recovered { moved_to, reason });
                Ok(None)
            }
            // Someone else moved it meanwhile.
            Ok(None) => Ok(None),
            Err(e) => Err(StoreError::io(&self.path, e)),
        }
    }
}

/// A file of the learner's own folder is used only when it belongs to the
/// learner (or the administrator) and no one else can write to it.
fn trusted_file(m: &Meta) -> bool {
    (m.owned_by_me() || m.uid == Some(0)) && !m.others_can_write()
}

/// What reading a progress file found.
#[derive(Debug)]
pub(crate) enum ReadOutcome {
    Missing,
    Good(Box<CourseRecord>, Meta),
    Bad(SetAsideReason),
}

/// Read and check one progress file. Links, folders, FIFOs, devices, files
/// too large and files that may not be opened are `Bad`; other I/O errors
/// are errors.
pub(crate) fn read_record(dir: &SafeDir, name: &str) -> io::Result<ReadOutcome> {
    let read = match dir.read(name, MAX_FILE_BYTES) {
        // NFS: the file was replaced while being opened; once more.
        Err(e) if e.kind() == io::ErrorKind::StaleNetworkFileHandle => {
            dir.read(name, MAX_FILE_BYTES)
        }
        r => r,
    };
    Ok(match read {
        Ok(ReadResult::Missing) => ReadOutcome::Missing,
        Ok(ReadResult::NotRegular | ReadResult::TooBig) => {
            ReadOutcome::Bad(SetAsideReason::Unreadable)
        }
        Ok(ReadResult::Bytes(bytes, meta)) => match parse_record(&bytes) {
            Ok(r) => ReadOutcome::Good(Box::new(r), meta),
            Err(reason) => ReadOutcome::Bad(reason),
        },
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            ReadOutcome::Bad(SetAsideReason::Unreadable)
        }
        Err(e) => return Err(e),
    })
}

/// The bytes without a UTF-8 byte-order mark (some editors add one).
fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Check and decode the bytes of a progress file.
fn parse_record(bytes: &[u8]) -> Result<CourseRecord, SetAsideReason> {
    let bytes = strip_bom(bytes);
    let newer = |v: u64| v > u64::from(record::VERSION);
    match serde_json::from_slice::<CourseRecord>(bytes) {
        Ok(r) if r.format == record::FORMAT && r.version == record::VERSION => Ok(r),
        Ok(r) if r.format == record::FORMAT && newer(u64::from(r.version)) => {
            Err(SetAsideReason::NewerVersion)
        }
        Ok(_) => Err(SetAsideReason::Unreadable),
        // Not this version's shape: a newer version's file, or garbage.
        Err(_) => {
            #[derive(serde::Deserialize)]
            struct Header {
                format: Option<String>,
                version: Option<u64>,
            }
            match serde_json::from_slice::<Header>(bytes) {
                Ok(Header {
                    format: Some(f),
                    version: Some(v),
                }) if f == record::FORMAT && newer(v) => Err(SetAsideReason::NewerVersion),
                _ => Err(SetAsideReason::Unreadable),
            }
        }
    }
}

/// Move an unreadable file (or whatever is in its place) aside as
/// `<name>.<time>.bad` inside the same folder, never replacing another.
/// `None` if it was gone already.
fn move_aside(dir: &SafeDir, name: &str) -> io::Result<Option<PathBuf>> {
    let stamp: String = record::now_rfc3339()
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    for n in 0..1000u32 {
        let candidate = if n == 0 {
            format!("{name}.{stamp}.bad")
        } else {
            format!("{name}.{stamp}-{n}.bad")
        };
        if dir.stat(&candidate)?.is_some() {
            continue;
        }
        return match dir.rename(name, &candidate) {
            Ok(()) => {
                dir.sync()?;
                Ok(Some(dir.join(&candidate)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        };
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many files set aside",
    ))
}

/// The nickname kept in a profile folder `key`, if it is a readable
/// regular file naming that profile.
pub(crate) fn read_profile_file(dir: &SafeDir, key: &str) -> Option<String> {
    let ReadResult::Bytes(bytes, _) = dir.read(PROFILE_FILE, MAX_FILE_BYTES).ok()? else {
        return None;
    };
    let value: serde_json::Value = serde_json::from_slice(strip_bom(&bytes)).ok()?;
    if value.get("format")?.as_str()? != PROFILE_FORMAT {
        return None;
    }
    let name = value.get("profile")?.as_str()?;
    (profile_key(name) == key).then(|| name.to_string())
}

/// Remove temporary files left by killed saves, in the learner's own
/// (checked) folder only. Those of this course are removed when its lock
/// is held (any writer holds it while its temporary file exists); others
/// only when older than [`STALE_TEMP_AGE`].
pub(super) fn clean_temps(dir: &SafeDir, course_file: &str, lock_held: bool) {
    let Ok(entries) = dir.entries() else {
        return;
    };
    let own_prefix = format!(".{course_file}.");
    for (name, _) in entries {
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        if !dir
            .stat(name)
            .ok()
            .flatten()
            .is_some_and(|m| m.kind == Kind::File)
        {
            continue;
        }
        let own = name.starts_with(&own_prefix);
        let stale = (own && lock_held) || dir.age(name).is_some_and(|age| age > STALE_TEMP_AGE);
        if stale {
            let _ = dir.remove_file(name);
        }
    }
}

/// Decode a progress file's bytes as the store does (format, version and
/// shape checked); `None` when the store would set the file aside. For the
/// fuzz targets and tools.
pub fn parse_record_bytes(bytes: &[u8]) -> Option<CourseRecord> {
    parse_record(bytes).ok()
}
