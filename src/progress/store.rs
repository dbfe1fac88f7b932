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

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::profile::{course_stem, profile_key, same_profile, validate_profile_name};
use super::record::{self, CourseRecord};
use super::safe_fs::{Meta, ReadResult, SafeDir};

pub use super::scan::{
    ProfileData, ProfileList, Scan, forget_profile, list_profiles, list_profiles_checked, read_all,
    scan,
};
pub use super::store_error::{Recovered, SetAsideReason, StoreError, StoreErrorKind};

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
/// How long a save waits, at most, for other sessions of the same profile
/// that keep saving (each save holds the lock for milliseconds).
const LOCK_WAIT_MAX: Duration = Duration::from_secs(10);
/// How long the lock may be held while the progress file does not change
/// before the holder counts as stuck (another session frozen, or a program
/// holding it on purpose): the store then goes on without the lock (the
/// merge keeps completions), reports [`SaveStatus::SavedBusy`] once, and
/// waits only [`BUSY_STILL`] at the next saves.
const LOCK_STILL: Duration = Duration::from_millis(800);
/// [`LOCK_STILL`] while the store knows the lock is held by a stuck session.
const BUSY_STILL: Duration = Duration::from_millis(50);
/// Temporary files older than this are stale even when their lock cannot
/// be taken (a save takes milliseconds).
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

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

/// How a save or an open went about the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// The lock was held.
    Held,
    /// Another process held it too long; went on without it.
    Busy,
    /// Locks do not work here (e.g. a network mount with `nolock`), or
    /// there is no usable lock file (read-only folder, or something that is
    /// not a regular file of this account in its place).
    Unsupported,
}

struct Lock {
    file: Option<File>,
    state: LockState,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            let _ = f.unlock();
        }
    }
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

    /// Save: under the lock, re-read the file on disk, merge it into
    /// `record` ([`CourseRecord::merge_from`]) and write the result
    /// atomically; returns the merged record. Errors (disk full, quota,
    /// read-only) are values; the file on disk is then unchanged.
    pub fn save(&mut self, record: &CourseRecord) -> Result<CourseRecord, StoreError> {
        self.save_with(record).map(|(r, _)| r)
    }

    /// [`save`](Self::save), also telling how the lock went.
    pub fn save_with(
        &mut self,
        record: &CourseRecord,
    ) -> Result<(CourseRecord, LockState), StoreError> {
        let result = self.save_inner(record);
        self.status = match &result {
            Ok((_, LockState::Busy)) => SaveStatus::SavedBusy,
            Ok(_) => SaveStatus::Saved,
            Err(e) => SaveStatus::Failed(e.kind()),
        };
        result
    }

    fn save_inner(
        &mut self,
        record: &CourseRecord,
    ) -> Result<(CourseRecord, LockState), StoreError> {
        // The folder may have been removed (`progress forget` meanwhile):
        // make it again rather than lose the learner's next answer. It is
        // opened (and checked) again on every save.
        let dir = open_profile_dir(&self.data_dir, &self.key, true)?;
        if dir.stat(PROFILE_FILE).ok().flatten().is_none() {
            ensure_profile_file(&dir, &self.key, &self.profile);
        }
        let lock = self.lock(&dir);
        let mut merged = record.clone();
        merged.format = record::FORMAT.to_string();
        merged.version = record::VERSION;
        merged.profile = self.profile.clone();
        merged.course = self.course.clone();
        if let Some(disk) = self.read_disk(&dir)? {
            merged.merge_from(&disk);
        }
        self.write(&dir, &merged)?;
        // Without the lock another process may have written between our
        // read and our rename, from a copy without our answers: read back,
        // and merge and write again while something of ours is missing.
        if lock.state != LockState::Held {
            for attempt in 0..UNLOCKED_RETRIES {
                let Some(disk) = self.read_disk(&dir)? else {
                    break;
                };
                if covers(&disk, &merged) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1 + attempt));
                merged.merge_from(&disk);
                self.write(&dir, &merged)?;
            }
        }
        Ok((merged, lock.state))
    }

    fn write(&self, dir: &SafeDir, record: &CourseRecord) -> Result<(), StoreError> {
        let bytes = encode_record(record).ok_or_else(|| StoreError::TooLarge {
            path: self.path.clone(),
        })?;
        dir.write_atomic(&self.file_name, &bytes)
            .map_err(|e| StoreError::io(&self.path, e))
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

    /// Read the file on disk; set it aside (noting it) when it is not a
    /// progress file this version can read, or not a regular file of this
    /// account at all.
    fn read_disk(&mut self, dir: &SafeDir) -> Result<Option<CourseRecord>, StoreError> {
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

    /// Take the lock file's lock, waiting while other sessions are saving
    /// (at most [`LOCK_WAIT_MAX`]), but not for a holder that is stuck.
    fn lock(&mut self, dir: &SafeDir) -> Lock {
        let unlocked = Lock {
            file: None,
            state: LockState::Unsupported,
        };
        let Ok(Some(file)) = dir.open_lock(&self.lock_name) else {
            return unlocked;
        };
        if !self.locking {
            return unlocked;
        }
        let still_for = if self.busy { BUSY_STILL } else { LOCK_STILL };
        let start = Instant::now();
        let mut seen = dir.version(&self.file_name);
        let mut still_since = start;
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => {
                    self.busy = false;
                    return Lock {
                        file: Some(file),
                        state: LockState::Held,
                    };
                }
                Err(fs::TryLockError::WouldBlock) => {
                    // Sessions that are saving change the file: wait for
                    // them. A holder that changes nothing is stuck.
                    let now = dir.version(&self.file_name);
                    if now != seen {
                        seen = now;
                        still_since = Instant::now();
                    }
                    if still_since.elapsed() >= still_for || start.elapsed() >= LOCK_WAIT_MAX {
                        if !self.busy {
                            self.busy = true;
                            self.busy_untold = true;
                        }
                        return Lock {
                            file: None,
                            state: LockState::Busy,
                        };
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                // ENOLCK, Unsupported: go on without locks from now on.
                Err(fs::TryLockError::Error(_)) => {
                    self.locking = false;
                    return unlocked;
                }
            }
        }
    }
}

/// Times an unlocked save re-checks that its answers reached the disk.
const UNLOCKED_RETRIES: u64 = 20;

/// True when `disk` already holds everything of `ours` that a merge keeps.
fn covers(disk: &CourseRecord, ours: &CourseRecord) -> bool {
    let mut check = disk.clone();
    check.merge_from(ours);
    check.modules == disk.modules
}

/// The bytes a save writes: indented JSON, or compact JSON when the
/// indented form would be over [`MAX_FILE_BYTES`]; `None` when even that
/// is too large (so a save never writes what the reader refuses).
pub fn encode_record(record: &CourseRecord) -> Option<Vec<u8>> {
    let fits = |b: &Vec<u8>| b.len() as u64 <= MAX_FILE_BYTES;
    let mut pretty = serde_json::to_vec_pretty(record).ok()?;
    pretty.push(b'\n');
    if fits(&pretty) {
        return Some(pretty);
    }
    let compact = serde_json::to_vec(record).ok()?;
    fits(&compact).then_some(compact)
}

/// True when the nickname's folder exists in the data dir but belongs to
/// another account (or is a link or a file): the learner should pick
/// another nickname (`profile-taken`). Nothing is created or read.
pub fn nickname_taken(data_dir: &Path, profile: &str) -> bool {
    let Ok(name) = validate_profile_name(profile) else {
        return false;
    };
    matches!(
        open_profile_dir(data_dir, &profile_key(&name), false),
        Err(StoreError::Taken { .. })
    )
}

/// The folder of a profile (whether or not it exists). Any string maps to
/// a folder inside `<data_dir>/profiles`.
pub fn profile_dir(data_dir: &Path, profile: &str) -> PathBuf {
    data_dir.join(PROFILES_DIR).join(profile_key(profile))
}

/// The progress file of a profile in a course (whether or not it exists).
pub fn record_path(data_dir: &Path, profile: &str, course_id: &str) -> PathBuf {
    profile_dir(data_dir, profile).join(format!("{}.json", course_stem(course_id)))
}

/// Open the data dir; when it is missing and `create`, make it (0700) if
/// the folder it goes in exists, or, for the default data dir, below an
/// existing home folder. Missing parents are never made otherwise.
pub(crate) fn open_data_dir(data_dir: &Path, create: bool) -> Result<SafeDir, StoreError> {
    match SafeDir::open_path(data_dir) {
        Ok(d) => Ok(d),
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
            create_data_dir(data_dir)?;
            SafeDir::open_path(data_dir).map_err(|e| StoreError::io(data_dir, e))
        }
        Err(e) => Err(StoreError::io(data_dir, e)),
    }
}

fn create_data_dir(data_dir: &Path) -> Result<(), StoreError> {
    let parent = match data_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let under_home = || {
        let home = directories::BaseDirs::new()?.home_dir().to_path_buf();
        (home.is_absolute()
            && home.is_dir()
            && data_dir.starts_with(&home)
            && default_data_dir().as_deref() == Some(data_dir))
        .then_some(())
    };
    let recursive = if parent.is_dir() {
        false
    } else if under_home().is_some() {
        true
    } else {
        return Err(StoreError::MissingParent {
            path: data_dir.to_path_buf(),
            parent: parent.to_path_buf(),
        });
    };
    let mut b = fs::DirBuilder::new();
    b.recursive(recursive);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    match b.create(data_dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::io(data_dir, e)),
    }
}

/// Open `<data_dir>/profiles`, made 0700 when missing and `create`. It may
/// belong to this account, to the administrator (root) or to whoever owns
/// the data dir; a link, or a folder another student made, is
/// [`StoreError::Unsafe`].
pub(crate) fn open_profiles(root: &SafeDir, create: bool) -> Result<SafeDir, StoreError> {
    let path = root.join(PROFILES_DIR);
    let dir = match root.sub(PROFILES_DIR) {
        Ok(d) => d,
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
            match root.mkdir(PROFILES_DIR) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io(&path, e)),
            }
            root.sub(PROFILES_DIR).map_err(|e| sub_error(&path, e))?
        }
        Err(e) => return Err(sub_error(&path, e)),
    };
    let m = dir.meta().map_err(|e| StoreError::io(&path, e))?;
    let root_owner = root.meta().ok().and_then(|r| r.uid);
    let trusted = m.owned_by_me() || m.uid == Some(0) || m.uid == root_owner;
    if !trusted {
        return Err(StoreError::Unsafe { path });
    }
    Ok(dir)
}

fn sub_error(path: &Path, e: io::Error) -> StoreError {
    if e.kind() == io::ErrorKind::NotADirectory {
        StoreError::Unsafe {
            path: path.to_path_buf(),
        }
    } else {
        StoreError::io(path, e)
    }
}

/// Open the folder of the profile `key`, checked: a real folder (never a
/// link), owned by this account, that others cannot write to. Made 0700
/// when missing and `create`.
pub(crate) fn open_profile_dir(
    data_dir: &Path,
    key: &str,
    create: bool,
) -> Result<SafeDir, StoreError> {
    let root = open_data_dir(data_dir, create)?;
    let profiles = open_profiles(&root, create)?;
    let path = profiles.join(key);
    let taken = || StoreError::Taken { path: path.clone() };
    let dir = match profiles.sub(key) {
        Ok(d) => d,
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
            match profiles.mkdir(key) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io(&path, e)),
            }
            match profiles.sub(key) {
                Ok(d) => d,
                Err(e) if e.kind() == io::ErrorKind::NotADirectory => return Err(taken()),
                Err(e) => return Err(StoreError::io(&path, e)),
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => return Err(taken()),
        // Another account's private folder cannot even be opened.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return match profiles.stat(key) {
                Ok(Some(m)) if !m.owned_by_me() => Err(taken()),
                _ => Err(StoreError::io(&path, e)),
            };
        }
        Err(e) => return Err(StoreError::io(&path, e)),
    };
    let m = dir.meta().map_err(|e| StoreError::io(&path, e))?;
    if !m.owned_by_me() {
        return Err(taken());
    }
    if m.others_can_write() {
        return Err(StoreError::Unsafe { path });
    }
    Ok(dir)
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
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
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

/// Make sure the profile folder says whose it is; returns the nickname as
/// first typed. A folder where it cannot be written (read-only) still
/// works: saving then fails and says so.
fn ensure_profile_file(dir: &SafeDir, key: &str, name: &str) -> String {
    if let Some(stored) = read_profile_file(dir, key)
        && same_profile(&stored, name)
        && validate_profile_name(&stored).as_deref() == Ok(stored.as_str())
    {
        return stored;
    }
    let value = serde_json::json!({
        "format": PROFILE_FORMAT,
        "version": 1,
        "profile": name,
    });
    if let Ok(mut bytes) = serde_json::to_vec_pretty(&value) {
        bytes.push(b'\n');
        let _ = dir.write_atomic(PROFILE_FILE, &bytes);
    }
    name.to_string()
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
fn clean_temps(dir: &SafeDir, course_file: &str, lock_held: bool) {
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
            .is_some_and(|m| m.kind == super::safe_fs::Kind::File)
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
