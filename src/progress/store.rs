//! The progress store: one JSON file per profile and course, written
//! atomically under a separate lock file, merged with what is on disk on
//! every save, and set aside (never deleted) when it cannot be read.
//!
//! Layout of a data dir:
//!
//! ```text
//! <data_dir>/profiles/<key>/_profile.json     the nickname as typed
//! <data_dir>/profiles/<key>/<course>.json     progress in one course
//! <data_dir>/profiles/<key>/<course>.lock     lock file, never replaced
//! <data_dir>/profiles/<key>/<course>.json.<time>.bad   a file set aside
//! ```
//!
//! `<key>` comes from [`profile_key`], `<course>` from [`course_stem`]: both
//! are plain file names that cannot leave the data dir. Folders are created
//! 0700 and files 0600 (on Unix).
//!
//! A data dir may be shared by a class (`docs/deploying.md`, "A shared
//! class folder"), so nothing below it is trusted by path: every name is
//! opened relative to an open folder handle without following links
//! ([`super::safe_fs`]); a learner's folder is used only when it is a real
//! folder of the learner's own account that no one else can write to
//! (otherwise the nickname is [`StoreError::Taken`] or the folder
//! [`StoreError::Unsafe`]); only regular files are read; and the store
//! deletes, renames and writes only inside that folder.
//!
//! Why it is shaped like this (measured: `reliability-notes.md` §4): a save
//! writes a temporary file in the same folder, fsyncs it, renames it over
//! the old file and fsyncs the folder, so a `kill -9` or a power cut leaves
//! the old or the new file, never half of one. The lock is on a separate
//! file because a lock on the data file would not survive the rename. Under
//! the lock every save re-reads the file and merges it
//! ([`CourseRecord::merge_from`]), so two sessions of one profile lose
//! nothing; where locks are unavailable (some network mounts) or another
//! session holds the lock for long, the merge still keeps completions.
//!
//! The parts: `folders` (the data dir, `profiles/` and the learner's own
//! folder, opened and checked), `lock` (the lock file and how long to wait
//! for it), `read` (reading, checking and setting aside files; cleaning
//! temporary files) and `write` (merging and writing atomically).

use std::path::{Path, PathBuf};

use super::profile::{course_stem, profile_key, validate_profile_name};
use super::record::CourseRecord;

mod folders;
mod lock;
mod read;
mod write;

use folders::open_profile_dir;
use read::clean_temps;
use write::ensure_profile_file;

pub use super::scan::{
    ProfileData, ProfileList, Scan, forget_profile, list_profiles, list_profiles_checked, read_all,
    scan,
};
pub use super::store_error::{Recovered, SetAsideReason, StoreError, StoreErrorKind};
pub use folders::{nickname_taken, profile_dir, record_path};
pub use lock::LockState;
pub use read::parse_record_bytes;
pub(crate) use read::{ReadOutcome, read_profile_file, read_record};
pub use write::encode_record;

/// The folder of the data dir that holds one folder per profile.
pub const PROFILES_DIR: &str = "profiles";
/// The file in a profile's folder that keeps the nickname as typed.
pub const PROFILE_FILE: &str = "_profile.json";
/// Marker written in the profile file.
pub(crate) const PROFILE_FORMAT: &str = "notalone-profile";
/// Largest progress file read; a save never writes a larger one (it
/// writes compact JSON when the indented form would not fit, and refuses
/// with [`StoreError::TooLarge`] beyond). A real one is a few KiB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Default data dir: the platform data dir (`~/.local/share/notalone` on
/// Linux, `%APPDATA%\notalone` on Windows); `None` if there is no home
/// directory.
pub fn default_data_dir() -> Option<PathBuf> {
    #[cfg(windows)]
    return crate::windows::default_data_dir();
    #[cfg(not(windows))]
    directories::ProjectDirs::from("", "", "notalone").map(|d| d.data_dir().to_path_buf())
}

/// What [`ProgressStore::open`] gives back.
#[derive(Debug)]
pub struct Opened {
    pub store: ProgressStore,
    /// The saved record, or a fresh one.
    pub record: CourseRecord,
    /// Set when an unreadable file was moved aside.
    pub notice: Option<Recovered>,
}

/// How the last save went, for an honest message (never "saved" after a
/// failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing saved in this session yet (what was loaded is what is on
    /// disk).
    Unchanged,
    /// The last save reached the disk.
    Saved,
    /// The last save reached the disk, but another session of this
    /// profile holds its lock: saved without it (merged, nothing lost).
    SavedBusy,
    /// The last save failed; the file on disk is as it was before.
    Failed(StoreErrorKind),
}

/// The progress of one profile in one course, on disk.
#[derive(Debug)]
pub struct ProgressStore {
    data_dir: PathBuf,
    key: String,
    file_name: String,
    lock_name: String,
    path: PathBuf,
    /// The nickname as first typed (kept in `_profile.json`).
    profile: String,
    course: String,
    /// False once locking proved unsupported here (not tried again).
    locking: bool,
    /// Another session held the lock without saving at the last try.
    busy: bool,
    /// Became busy and not yet told ([`ProgressStore::take_busy_notice`]).
    busy_untold: bool,
    status: SaveStatus,
    /// A file set aside during a save, not yet reported.
    notice: Option<Recovered>,
}

impl ProgressStore {
    /// Create the folders (0700) if needed, clean stale temporary files and
    /// read the record, or start a fresh one. Never fails because of a
    /// corrupt, unreadable or odd file: it is moved aside and `notice` says
    /// so. A read-only data dir still loads the saved record (saves then
    /// fail with an error value). Fails when the nickname is invalid or
    /// taken by another account, when a folder is unsafe, or when the
    /// profile's folder does not exist and cannot be made: callers then
    /// run without saving (or ask for another nickname on `Taken`).
    pub fn open(data_dir: &Path, profile: &str, course_id: &str) -> Result<Opened, StoreError> {
        let name = validate_profile_name(profile)?;
        let key = profile_key(&name);
        let dir = open_profile_dir(data_dir, &key, true)?;
        let shown = ensure_profile_file(&dir, &key, &name);
        let stem = course_stem(course_id);
        let file_name = format!("{stem}.json");
        let mut store = ProgressStore {
            path: dir.join(&file_name),
            data_dir: data_dir.to_path_buf(),
            key,
            lock_name: format!("{stem}.lock"),
            file_name,
            profile: shown,
            course: course_id.to_string(),
            locking: true,
            busy: false,
            busy_untold: false,
            status: SaveStatus::Unchanged,
            notice: None,
        };
        let lock = store.lock(&dir);
        clean_temps(&dir, &store.file_name, lock.state == LockState::Held);
        // An error here (the file cannot be read nor set aside) starts
        // fresh; every save re-reads first and fails the same way, so the
        // file is never overwritten.
        let record = match store.read_disk(&dir) {
            Ok(Some(r)) => r,
            Ok(None) | Err(_) => CourseRecord::new(&store.profile, &store.course),
        };
        drop(lock);
        let notice = store.notice.take();
        Ok(Opened {
            store,
            record,
            notice,
        })
    }

    /// The progress file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The nickname as stored (as first typed).
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// The course id.
    pub fn course(&self) -> &str {
        &self.course
    }

    /// How the last save went.
    pub fn status(&self) -> SaveStatus {
        self.status
    }

    /// True once, after a save found another session of this profile
    /// holding the lock (tell the learner once: `progress-busy`). Saves go
    /// on quickly without the lock meanwhile.
    pub fn take_busy_notice(&mut self) -> bool {
        std::mem::take(&mut self.busy_untold)
    }

    /// A file that became unreadable during the session and was set aside
    /// by a save (rare: edited or damaged meanwhile), once.
    pub fn take_notice(&mut self) -> Option<Recovered> {
        self.notice.take()
    }
}
