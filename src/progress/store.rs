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
//! Why it is shaped like this (measured: `reliability-notes.md` §4): a save
//! writes a temporary file in the same folder, fsyncs it, renames it over
//! the old file and fsyncs the folder, so a `kill -9` or a power cut leaves
//! the old or the new file, never half of one. The lock is on a separate
//! file because a lock on the data file would not survive the rename. Under
//! the lock every save re-reads the file and merges it
//! ([`CourseRecord::merge_from`]), so two sessions of one profile lose
//! nothing; where locks are unavailable (some network mounts) the merge
//! still keeps completions.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::profile::{
    ProfileNameError, course_stem, profile_key, same_profile, validate_profile_name,
};
use super::record::{self, CourseRecord};

/// The folder of the data dir that holds one folder per profile.
pub const PROFILES_DIR: &str = "profiles";
/// The file in a profile's folder that keeps the nickname as typed.
pub const PROFILE_FILE: &str = "_profile.json";
/// Marker written in the profile file.
const PROFILE_FORMAT: &str = "notalone-profile";
/// Largest progress file read (a real one is a few KiB).
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// How long a save waits for another process of the same profile before
/// going on without the lock (the merge still keeps completions).
const LOCK_WAIT: Duration = Duration::from_secs(3);
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

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The nickname is not valid.
    #[error(transparent)]
    InvalidProfile(#[from] ProfileNameError),
    /// The files could not be read or written.
    #[error("{}", io_sentence(.path, .source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What kind of failure a [`StoreError`] is, so a front end can pick a
/// translated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreErrorKind {
    InvalidProfile,
    /// The disk or the storage quota is full.
    Full,
    /// The folder is on a read-only file system.
    ReadOnly,
    /// The user may not write there.
    PermissionDenied,
    Other,
}

impl StoreError {
    fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> StoreErrorKind {
        match self {
            StoreError::InvalidProfile(_) => StoreErrorKind::InvalidProfile,
            StoreError::Io { source, .. } => io_kind(source),
        }
    }
}

fn io_kind(e: &io::Error) -> StoreErrorKind {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => StoreErrorKind::Full,
        io::ErrorKind::ReadOnlyFilesystem => StoreErrorKind::ReadOnly,
        io::ErrorKind::PermissionDenied => StoreErrorKind::PermissionDenied,
        _ => StoreErrorKind::Other,
    }
}

fn io_sentence(path: &Path, e: &io::Error) -> String {
    let p = crate::text::sanitize_line(&path.display().to_string());
    match io_kind(e) {
        StoreErrorKind::Full => format!(
            "There is no space left for progress at {p} (the disk or your storage quota is full); free some space or ask your teacher."
        ),
        StoreErrorKind::ReadOnly => format!(
            "Progress cannot be written at {p} because it is read-only; choose another folder with --data-dir."
        ),
        StoreErrorKind::PermissionDenied => format!(
            "You are not allowed to use {p} for progress; choose another folder with --data-dir."
        ),
        _ => format!(
            "Progress at {p} could not be used ({}); check the folder or choose another with --data-dir.",
            crate::text::sanitize_line(&e.to_string())
        ),
    }
}

/// Why a progress file was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAsideReason {
    /// Not a progress file this program can read: garbage, cut short, or
    /// for another profile or course.
    Unreadable,
    /// Written by a newer version of notalone.
    NewerVersion,
}

/// A progress file that could not be read was moved aside (never deleted)
/// and a fresh record started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Where the old file is now.
    pub moved_to: PathBuf,
    /// Why it was set aside.
    pub reason: SetAsideReason,
}

impl Recovered {
    /// One calm English sentence for the learner (front ends translate
    /// with their own message and [`Recovered::file_name`]).
    pub fn message(&self) -> String {
        let name = crate::text::sanitize_line(&self.file_name());
        match self.reason {
            SetAsideReason::Unreadable => format!(
                "Your saved progress could not be read, so you are starting fresh; the old file was kept as {name}."
            ),
            SetAsideReason::NewerVersion => format!(
                "Your progress was saved by a newer version of notalone, so you are starting fresh here; the old file was kept as {name}."
            ),
        }
    }

    /// The name of the file the old progress was moved to.
    pub fn file_name(&self) -> String {
        self.moved_to
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
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

/// The progress of one profile in one course, on disk.
#[derive(Debug)]
pub struct ProgressStore {
    dir: PathBuf,
    path: PathBuf,
    lock_path: PathBuf,
    /// The nickname as first typed (kept in `_profile.json`).
    profile: String,
    course: String,
    /// False once locking proved unsupported here (not tried again).
    locking: bool,
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
    /// Locks do not work here (e.g. a network mount with `nolock`).
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
    /// Create the folders (0700), clean stale temporary files and read the
    /// record, or start a fresh one. Never fails because of a corrupt file:
    /// it is moved aside and `notice` says so. Fails only when the nickname
    /// is invalid or the data dir cannot be used at all (read-only, no
    /// permission): callers then run without saving.
    pub fn open(data_dir: &Path, profile: &str, course_id: &str) -> Result<Opened, StoreError> {
        let name = validate_profile_name(profile)?;
        let dir = profile_dir(data_dir, &name);
        create_private_dir(&dir)?;
        let shown = ensure_profile_file(&dir, &name)?;
        let stem = course_stem(course_id);
        let mut store = ProgressStore {
            path: dir.join(format!("{stem}.json")),
            lock_path: dir.join(format!("{stem}.lock")),
            dir,
            profile: shown,
            course: course_id.to_string(),
            locking: true,
            notice: None,
        };
        let lock = store.lock()?;
        clean_temps(&store.dir, &store.path, lock.state == LockState::Held);
        let record = match store.read_disk()? {
            Some(r) => r,
            None => CourseRecord::new(&store.profile, &store.course),
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
        // The folder may have been removed (`progress forget` meanwhile):
        // make it again rather than lose the learner's next answer.
        if !self.dir.is_dir() {
            create_private_dir(&self.dir)?;
            ensure_profile_file(&self.dir, &self.profile)?;
        }
        let lock = self.lock()?;
        let mut merged = record.clone();
        merged.format = record::FORMAT.to_string();
        merged.version = record::VERSION;
        merged.profile = self.profile.clone();
        merged.course = self.course.clone();
        if let Some(disk) = self.read_disk()? {
            merged.merge_from(&disk);
        }
        self.write(&merged)?;
        // Without the lock another process may have written between our
        // read and our rename, from a copy without our answers: read back,
        // and merge and write again while something of ours is missing.
        if lock.state != LockState::Held {
            for attempt in 0..UNLOCKED_RETRIES {
                let Some(disk) = self.read_disk()? else { break };
                if covers(&disk, &merged) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1 + attempt));
                merged.merge_from(&disk);
                self.write(&merged)?;
            }
        }
        Ok((merged, lock.state))
    }

    fn write(&self, record: &CourseRecord) -> Result<(), StoreError> {
        let mut bytes = serde_json::to_vec_pretty(record)
            .map_err(|e| StoreError::io(&self.path, io::Error::other(e)))?;
        bytes.push(b'\n');
        write_atomic(&self.path, &bytes).map_err(|e| StoreError::io(&self.path, e))
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

    /// A file that became unreadable during the session and was set aside
    /// by a save (rare: edited or damaged meanwhile), once.
    pub fn take_notice(&mut self) -> Option<Recovered> {
        self.notice.take()
    }

    /// Read the file on disk; set it aside (noting it) when unreadable.
    fn read_disk(&mut self) -> Result<Option<CourseRecord>, StoreError> {
        let outcome = read_record(&self.path).map_err(|e| StoreError::io(&self.path, e))?;
        let reason = match outcome {
            ReadOutcome::Missing => return Ok(None),
            ReadOutcome::Good(r)
                if r.course == self.course && same_profile(&r.profile, &self.profile) =>
            {
                return Ok(Some(r));
            }
            ReadOutcome::Good(_) => SetAsideReason::Unreadable,
            ReadOutcome::Bad(reason) => reason,
        };
        match move_aside(&self.path) {
            Ok(Some(moved_to)) => {
                self.notice = Some(Recovered { moved_to, reason });
                Ok(None)
            }
            // Someone else moved it meanwhile.
            Ok(None) => Ok(None),
            Err(e) => Err(StoreError::io(&self.path, e)),
        }
    }

    /// Take the lock file's lock, waiting at most [`LOCK_WAIT`].
    fn lock(&mut self) -> Result<Lock, StoreError> {
        let file =
            open_lock_file(&self.lock_path).map_err(|e| StoreError::io(&self.lock_path, e))?;
        if !self.locking {
            return Ok(Lock {
                file: None,
                state: LockState::Unsupported,
            });
        }
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(Lock {
                        file: Some(file),
                        state: LockState::Held,
                    });
                }
                Err(fs::TryLockError::WouldBlock) => {
                    if start.elapsed() >= LOCK_WAIT {
                        return Ok(Lock {
                            file: None,
                            state: LockState::Busy,
                        });
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                // ENOLCK, Unsupported: go on without locks from now on.
                Err(fs::TryLockError::Error(_)) => {
                    self.locking = false;
                    return Ok(Lock {
                        file: None,
                        state: LockState::Unsupported,
                    });
                }
            }
        }
    }
}

/// Times an unlocked save re-checks that its answers reached the disk.
const UNLOCKED_RETRIES: u64 = 8;

/// True when `disk` already holds everything `ours` would add to it
/// (completions, dates, answers), so merging `ours` in changes nothing.
fn covers(disk: &CourseRecord, ours: &CourseRecord) -> bool {
    let mut check = disk.clone();
    check.merge_from(ours);
    check.modules == disk.modules
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

/// What reading a progress file found.
#[derive(Debug)]
enum ReadOutcome {
    Missing,
    Good(CourseRecord),
    Bad(SetAsideReason),
}

/// Read and check one progress file. I/O errors other than "not found"
/// are errors; content problems are `Bad`.
fn read_record(path: &Path) -> io::Result<ReadOutcome> {
    let bytes = match read_capped(path) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(ReadOutcome::Bad(SetAsideReason::Unreadable)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ReadOutcome::Missing),
        // NFS: the file was replaced while being opened; once more.
        Err(e) if e.kind() == io::ErrorKind::StaleNetworkFileHandle => match read_capped(path) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(ReadOutcome::Bad(SetAsideReason::Unreadable)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ReadOutcome::Missing),
            Err(e) => return Err(e),
        },
        Err(e) => return Err(e),
    };
    Ok(parse_record(&bytes))
}

/// Check and decode the bytes of a progress file.
fn parse_record(bytes: &[u8]) -> ReadOutcome {
    let newer = |v: u64| v > u64::from(record::VERSION);
    match serde_json::from_slice::<CourseRecord>(bytes) {
        Ok(r) if r.format == record::FORMAT && r.version == record::VERSION => ReadOutcome::Good(r),
        Ok(r) if r.format == record::FORMAT && newer(u64::from(r.version)) => {
            ReadOutcome::Bad(SetAsideReason::NewerVersion)
        }
        Ok(_) => ReadOutcome::Bad(SetAsideReason::Unreadable),
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
                }) if f == record::FORMAT && newer(v) => {
                    ReadOutcome::Bad(SetAsideReason::NewerVersion)
                }
                _ => ReadOutcome::Bad(SetAsideReason::Unreadable),
            }
        }
    }
}

/// The bytes of a file, `None` if larger than [`MAX_FILE_BYTES`].
fn read_capped(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let mut f = File::open(path)?;
    if f.metadata()?.len() > MAX_FILE_BYTES {
        return Ok(None);
    }
    let mut buf = Vec::new();
    (&mut f).take(MAX_FILE_BYTES + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Ok(None);
    }
    Ok(Some(buf))
}

/// Move an unreadable file aside as `<name>.<time>.bad` (never replacing
/// another). `None` if it was gone already.
fn move_aside(path: &Path) -> io::Result<Option<PathBuf>> {
    let stamp: String = record::now_rfc3339()
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    for n in 0..1000u32 {
        let candidate = if n == 0 {
            dir.join(format!("{name}.{stamp}.bad"))
        } else {
            dir.join(format!("{name}.{stamp}-{n}.bad"))
        };
        match fs::symlink_metadata(&candidate) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Ok(_) => continue,
            Err(e) => return Err(e),
        }
        return match fs::rename(path, &candidate) {
            Ok(()) => {
                sync_dir(dir)?;
                Ok(Some(candidate))
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

/// Write `bytes` to `path` atomically: temporary file in the same folder,
/// fsync (quota and disk-full errors on network storage show up here),
/// rename over the old file, fsync the folder. On error the old file is
/// untouched and the temporary file removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or(OsStr::new("progress"));
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    // tempfile opens with O_CREAT|O_EXCL and mode 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .rand_bytes(8)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(windows)]
    crate::windows::persist(tmp, path)?;
    #[cfg(not(windows))]
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// fsync a folder so a rename in it is durable. File systems that cannot
/// (some network and Windows ones) are not an error.
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|f| f.sync_all()) {
        Ok(()) => Ok(()),
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
        Err(e) => Err(e),
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Create a folder and its missing parents, 0700 on Unix.
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| StoreError::io(dir, e))
}

/// Make sure the profile folder says whose it is; returns the nickname as
/// first typed.
fn ensure_profile_file(dir: &Path, name: &str) -> Result<String, StoreError> {
    if let Some(stored) = read_profile_file(dir)
        && same_profile(&stored, name)
    {
        return Ok(stored);
    }
    let value = serde_json::json!({
        "format": PROFILE_FORMAT,
        "version": 1,
        "profile": name,
    });
    let mut bytes =
        serde_json::to_vec_pretty(&value).map_err(|e| StoreError::io(dir, io::Error::other(e)))?;
    bytes.push(b'\n');
    let path = dir.join(PROFILE_FILE);
    write_atomic(&path, &bytes).map_err(|e| StoreError::io(&path, e))?;
    Ok(name.to_string())
}

/// The nickname kept in a profile folder, if readable.
fn read_profile_file(dir: &Path) -> Option<String> {
    let bytes = read_capped(&dir.join(PROFILE_FILE)).ok()??;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    if value.get("format")?.as_str()? != PROFILE_FORMAT {
        return None;
    }
    let name = value.get("profile")?.as_str()?;
    let dir_name = dir.file_name()?.to_str()?;
    (profile_key(name) == dir_name).then(|| name.to_string())
}

/// Remove temporary files left by killed saves. Those of this course are
/// removed when its lock is held (any writer holds it while its temporary
/// file exists); others only when older than [`STALE_TEMP_AGE`].
fn clean_temps(dir: &Path, course_file: &Path, lock_held: bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let own_prefix = course_file
        .file_name()
        .map(|n| format!(".{}.", n.to_string_lossy()));
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        if !ft.is_file() {
            continue;
        }
        let own = own_prefix.as_deref().is_some_and(|p| name.starts_with(p));
        let stale = (own && lock_held)
            || entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > STALE_TEMP_AGE);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Delete a profile's data (every course, and files set aside). `Ok(false)`
/// when there is no such profile.
pub fn forget_profile(data_dir: &Path, profile: &str) -> Result<bool, StoreError> {
    let dir = profile_dir(data_dir, profile);
    let meta = match fs::symlink_metadata(&dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::io(&dir, e)),
    };
    // remove_dir_all does not follow symbolic links; a link in place of a
    // profile folder is removed, not what it points to.
    let removed = if meta.is_dir() {
        fs::remove_dir_all(&dir)
    } else {
        fs::remove_file(&dir)
    };
    match removed {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::io(&dir, e)),
    }
    if let Some(parent) = dir.parent() {
        let _ = sync_dir(parent);
    }
    Ok(true)
}

/// One profile found in a data dir.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileData {
    /// The nickname as stored.
    pub name: String,
    /// Its records, one per course, sorted by course id.
    pub records: Vec<CourseRecord>,
}

/// Everything found in a data dir.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Profiles sorted by nickname, case-insensitively.
    pub profiles: Vec<ProfileData>,
    /// Files that could not be read (not progress files, damaged, or
    /// unreadable), left as they are.
    pub skipped: Vec<PathBuf>,
}

/// Read every profile and record of a data dir, without locking or
/// writing anything. A missing data dir is an empty scan; `Err` only when
/// the profiles folder exists but cannot be listed.
pub fn scan(data_dir: &Path) -> Result<Scan, StoreError> {
    let root = data_dir.join(PROFILES_DIR);
    let entries = match fs::read_dir(&root) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // No profiles yet; but a data dir we cannot even look into is an error.
            return match fs::metadata(data_dir) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StoreError::io(data_dir, e)),
                _ => Ok(Scan::default()),
            };
        }
        Err(e) => return Err(StoreError::io(&root, e)),
    };
    let dirs: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let key = e.file_name().to_str()?.to_string();
            key.starts_with("p-").then(|| (key, e.path()))
        })
        .collect();
    // A class is thousands of small files: read them on every core.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(dirs.len().div_ceil(64).max(1));
    let chunk = dirs.len().div_ceil(threads).max(1);
    let parts: Vec<Scan> = std::thread::scope(|scope| {
        let handles: Vec<_> = dirs
            .chunks(chunk)
            .map(|part| {
                let handle = scope.spawn(move || {
                    let mut out = Scan::default();
                    for (key, path) in part {
                        if let Some(p) = scan_profile(path, key, &mut out.skipped) {
                            out.profiles.push(p);
                        }
                    }
                    out
                });
                (part, handle)
            })
            .collect();
        handles
            .into_iter()
            .map(|(part, h)| {
                // Never silently short: a part that failed is listed as skipped.
                h.join().unwrap_or_else(|_| Scan {
                    profiles: Vec::new(),
                    skipped: part.iter().map(|(_, p)| p.clone()).collect(),
                })
            })
            .collect()
    });
    let mut out = Scan::default();
    for part in parts {
        out.profiles.extend(part.profiles);
        out.skipped.extend(part.skipped);
    }
    out.profiles
        .sort_by_cached_key(|p| (p.name.to_lowercase(), p.name.clone()));
    out.skipped.sort();
    Ok(out)
}

fn scan_profile(dir: &Path, key: &str, skipped: &mut Vec<PathBuf>) -> Option<ProfileData> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(_) => {
            skipped.push(dir.to_path_buf());
            return None;
        }
    };
    let mut records = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(stem) = file.strip_suffix(".json") else {
            continue;
        };
        if stem.starts_with('.') || stem.starts_with('_') || stem.is_empty() {
            continue;
        }
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            skipped.push(path);
            continue;
        }
        match read_record(&path) {
            Ok(ReadOutcome::Good(r))
                if profile_key(&r.profile) == key && course_stem(&r.course) == stem =>
            {
                records.push(r);
            }
            Ok(ReadOutcome::Missing) => {}
            _ => skipped.push(path),
        }
    }
    // Saves write the nickname as first typed into every record, so the
    // profile file is only needed for a profile with no course yet.
    let name = match records.first() {
        Some(r) => r.profile.clone(),
        None => read_profile_file(dir)?,
    };
    for r in &mut records {
        if r.profile != name {
            r.profile = name.clone();
        }
    }
    records.sort_by(|a, b| a.course.cmp(&b.course));
    Some(ProfileData { name, records })
}

/// All records of all profiles and courses in a data dir (for reports),
/// ordered by profile then course; unreadable files are skipped and
/// listed.
pub fn read_all(data_dir: &Path) -> (Vec<CourseRecord>, Vec<PathBuf>) {
    match scan(data_dir) {
        Ok(s) => (
            s.profiles.into_iter().flat_map(|p| p.records).collect(),
            s.skipped,
        ),
        Err(_) => (Vec::new(), vec![data_dir.join(PROFILES_DIR)]),
    }
}

/// Profiles found in the data dir (their nicknames as stored), sorted
/// case-insensitively.
pub fn list_profiles(data_dir: &Path) -> Vec<String> {
    let root = data_dir.join(PROFILES_DIR);
    let Ok(entries) = fs::read_dir(&root) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let key = e.file_name().to_str()?.to_string();
            if !key.starts_with("p-") {
                return None;
            }
            read_profile_file(&e.path()).or_else(|| {
                let mut skipped = Vec::new();
                scan_profile(&e.path(), &key, &mut skipped).map(|p| p.name)
            })
        })
        .collect();
    names.sort_by(|a, b| {
        a.to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b))
    });
    names.dedup();
    names
}

/// Decode a progress file's bytes as the store does (format, version and
/// shape checked); `None` when the store would set the file aside. For the
/// fuzz targets and tools.
pub fn parse_record_bytes(bytes: &[u8]) -> Option<CourseRecord> {
    match parse_record(bytes) {
        ReadOutcome::Good(r) => Some(r),
        _ => None,
    }
}
