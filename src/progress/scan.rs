//! Reading a whole data dir: the class report ([`scan`]), the profile
//! picker ([`list_profiles_checked`]) and `progress forget`. Re-exported
//! from [`super::store`].
//!
//! The report is run by a teacher or an administrator and reads every
//! learner's folder, but like the store it opens every name relative to a
//! folder handle without following links, reads only regular files (never
//! a FIFO or a device, never blocking), and lists whatever it skipped. A
//! folder anyone can write to, or a file in a folder that belongs to
//! another account, is skipped too: its contents may be forged.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::profile::{course_stem, profile_key, validate_profile_name};
use super::record::CourseRecord;
use super::safe_fs::{Kind, Meta, ReadResult, SafeDir};
use super::store::{
    self, MAX_FILE_BYTES, PROFILE_FILE, PROFILES_DIR, ReadOutcome, StoreError, read_record,
};

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
    /// Files and folders that were not read (not progress files, damaged,
    /// unreadable, links, FIFOs, devices, folders others can write to),
    /// left as they are.
    pub skipped: Vec<PathBuf>,
}

/// The profiles a learner can pick on this computer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileList {
    /// Nicknames of this account's profiles, sorted case-insensitively.
    pub names: Vec<String>,
    /// Profile folders of this account that could not be used (a link,
    /// FIFO or device in place of a file, a name that is not a valid
    /// nickname, a folder others can write to): report them once.
    pub skipped: Vec<PathBuf>,
}

/// The data dir's `profiles` folder for reading: `Ok(None)` when there is
/// none yet; a link in its place is an error (never followed).
fn open_profiles_for_reading(data_dir: &Path) -> Result<Option<SafeDir>, StoreError> {
    let root = match SafeDir::open_path(data_dir) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(data_dir, e)),
    };
    let path = data_dir.join(PROFILES_DIR);
    match root.sub(PROFILES_DIR) {
        Ok(p) => Ok(Some(p)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(StoreError::Unsafe { path }),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

/// The `p-…` entries of the profiles folder that may be profile folders;
/// links and files of that name, and names that are not UTF-8, go to
/// `skipped`.
fn candidates(profiles: &SafeDir, skipped: &mut Vec<PathBuf>) -> Result<Vec<String>, StoreError> {
    let entries = profiles
        .entries()
        .map_err(|e| StoreError::io(profiles.path(), e))?;
    let mut out = Vec::new();
    for (name, kind) in entries {
        let Some(key) = name.to_str() else {
            skipped.push(profiles.path().join(&name));
            continue;
        };
        if !key.starts_with("p-") {
            continue;
        }
        match kind {
            Some(Kind::Dir) | None => out.push(key.to_string()),
            Some(_) => skipped.push(profiles.join(key)),
        }
    }
    Ok(out)
}

/// Read every profile and record of a data dir, without locking or
/// writing anything. A missing data dir is an empty scan; `Err` when the
/// profiles folder exists but cannot be listed, or is a link.
pub fn scan(data_dir: &Path) -> Result<Scan, StoreError> {
    let Some(profiles) = open_profiles_for_reading(data_dir)? else {
        return Ok(Scan::default());
    };
    let mut out = Scan::default();
    let dirs = candidates(&profiles, &mut out.skipped)?;
    // A class is thousands of small files: read them on every core.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(dirs.len().div_ceil(64).max(1));
    let chunk = dirs.len().div_ceil(threads).max(1);
    let profiles = &profiles;
    let parts: Vec<Scan> = std::thread::scope(|scope| {
        let handles: Vec<_> = dirs
            .chunks(chunk)
            .map(|part| {
                let handle = scope.spawn(move || {
                    let mut out = Scan::default();
                    for key in part {
                        if let Some(p) = scan_profile(profiles, key, &mut out.skipped) {
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
                    skipped: part.iter().map(|k| profiles.join(k)).collect(),
                })
            })
            .collect()
    });
    for part in parts {
        out.profiles.extend(part.profiles);
        out.skipped.extend(part.skipped);
    }
    out.profiles
        .sort_by_cached_key(|p| (p.name.to_lowercase(), p.name.clone()));
    out.skipped.sort();
    Ok(out)
}

/// A file in a profile folder is believed when it belongs to the folder's
/// owner (or the administrator) and no one else can write to it.
fn believable(file: &Meta, folder: &Meta) -> bool {
    (file.uid == folder.uid || file.uid == Some(0)) && !file.others_can_write()
}

fn scan_profile(profiles: &SafeDir, key: &str, skipped: &mut Vec<PathBuf>) -> Option<ProfileData> {
    let path = profiles.join(key);
    let dir = match profiles.sub(key) {
        Ok(d) => d,
        Err(_) => {
            skipped.push(path);
            return None;
        }
    };
    let folder = match dir.meta() {
        Ok(m) if !m.others_can_write() => m,
        _ => {
            skipped.push(path);
            return None;
        }
    };
    let Ok(entries) = dir.entries() else {
        skipped.push(path);
        return None;
    };
    let mut records = Vec::new();
    for (file, _) in entries {
        let Some(file) = file.to_str() else { continue };
        let Some(stem) = file.strip_suffix(".json") else {
            continue;
        };
        if stem.starts_with('.') || stem.starts_with('_') || stem.is_empty() {
            continue;
        }
        match read_record(&dir, file) {
            Ok(ReadOutcome::Good(r, meta))
                if believable(&meta, &folder)
                    && profile_key(&r.profile) == key
                    && course_stem(&r.course) == stem =>
            {
                records.push(*r);
            }
            Ok(ReadOutcome::Missing) => {}
            _ => skipped.push(dir.join(file)),
        }
    }
    // Saves write the nickname as first typed into every record, so the
    // profile file is only needed for a profile with no course yet.
    let name = match records.first() {
        Some(r) => r.profile.clone(),
        None => match profile_file(&dir, key, &folder) {
            Ok(name) => name?,
            Err(()) => {
                skipped.push(dir.join(PROFILE_FILE));
                return None;
            }
        },
    };
    for r in &mut records {
        if r.profile != name {
            r.profile = name.clone();
        }
    }
    records.sort_by(|a, b| a.course.cmp(&b.course));
    Some(ProfileData { name, records })
}

/// The nickname in a folder's profile file: `Ok(None)` when there is none
/// or it is not one; `Err` when something that is not a believable regular
/// file is in its place (to be reported).
fn profile_file(dir: &SafeDir, key: &str, folder: &Meta) -> Result<Option<String>, ()> {
    match dir.read(PROFILE_FILE, MAX_FILE_BYTES) {
        Ok(ReadResult::Missing) => Ok(None),
        Ok(ReadResult::Bytes(_, meta)) if believable(&meta, folder) => {
            Ok(store::read_profile_file(dir, key))
        }
        _ => Err(()),
    }
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

/// Profiles found in the data dir that this account can read (their
/// nicknames as stored), sorted case-insensitively; links, FIFOs and
/// folders others can write to are left out (see [`list_profiles_checked`]
/// for the profile picker).
pub fn list_profiles(data_dir: &Path) -> Vec<String> {
    list(data_dir, false).names
}

/// The profiles this account can pick: its own folders in the data dir
/// (another account's folders are left out: their nicknames are taken),
/// with a valid nickname, and what was skipped (report it once:
/// `profile-list-skipped`).
pub fn list_profiles_checked(data_dir: &Path) -> ProfileList {
    list(data_dir, true)
}

fn list(data_dir: &Path, own_only: bool) -> ProfileList {
    let mut out = ProfileList::default();
    let Ok(Some(profiles)) = open_profiles_for_reading(data_dir) else {
        return out;
    };
    let Ok(keys) = candidates(&profiles, &mut out.skipped) else {
        return out;
    };
    for key in keys {
        let path = profiles.join(&key);
        match profiles.stat(&key) {
            Ok(Some(m)) if m.kind == Kind::Dir && (m.owned_by_me() || !own_only) => {}
            _ => continue,
        }
        let Ok(dir) = profiles.sub(&key) else {
            out.skipped.push(path);
            continue;
        };
        let folder = match dir.meta() {
            Ok(m) if (m.owned_by_me() || !own_only) && !m.others_can_write() => m,
            _ => {
                out.skipped.push(path);
                continue;
            }
        };
        let name = match profile_file(&dir, &key, &folder) {
            Ok(Some(n)) => Some(n),
            Ok(None) => {
                let mut ignored = Vec::new();
                scan_profile(&profiles, &key, &mut ignored).map(|p| p.name)
            }
            Err(()) => {
                out.skipped.push(dir.join(PROFILE_FILE));
                continue;
            }
        };
        match name {
            // Only a name a learner could type (so it prints as itself).
            Some(n) if validate_profile_name(&n).as_deref() == Ok(n.as_str()) => out.names.push(n),
            Some(_) => out.skipped.push(path),
            None => {}
        }
    }
    out.names.sort_by(|a, b| {
        a.to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b))
    });
    out.names.dedup();
    out.skipped.sort();
    out
}

/// Delete a profile's data (every course, and files set aside). `Ok(false)`
/// when there is no such profile.
pub fn forget_profile(data_dir: &Path, profile: &str) -> Result<bool, StoreError> {
    // Never through a link in place of the profiles folder.
    if open_profiles_for_reading(data_dir)?.is_none() {
        return Ok(false);
    }
    let dir = store::profile_dir(data_dir, profile);
    let meta = match fs::symlink_metadata(&dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::io(&dir, e)),
    };
    // remove_dir_all does not follow symbolic links (it works relative to
    // open folders); a link in place of a profile folder is removed, not
    // what it points to.
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
    if let Some(parent) = dir.parent()
        && let Ok(d) = SafeDir::open_path(parent)
    {
        let _ = d.sync();
    }
    Ok(true)
}
