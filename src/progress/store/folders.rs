//! The store's folders: the data dir, `profiles/` and a learner's own
//! profile folder, each opened without following links and checked (owner,
//! who may write) before anything in it is used.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{PROFILES_DIR, StoreError, default_data_dir};
use crate::progress::profile::{course_stem, profile_key, validate_profile_name};
use crate::progress::safe_fs::SafeDir;

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
fn open_data_dir(data_dir: &Path, create: bool) -> Result<SafeDir, StoreError> {
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
fn open_profiles(root: &SafeDir, create: bool) -> Result<SafeDir, StoreError> {
    let path = root.join(PROFILES_DIR);
    let dir = open_or_make(root, PROFILES_DIR, create).map_err(|e| sub_error(&path, e))?;
    let m = dir.meta().map_err(|e| StoreError::io(&path, e))?;
    let root_owner = root.meta().ok().and_then(|r| r.uid);
    let trusted = m.owned_by_me() || m.uid == Some(0) || m.uid == root_owner;
    if !trusted {
        return Err(StoreError::Unsafe { path });
    }
    Ok(dir)
}

/// Open the folder `name` in `parent`; when it is missing and `create`,
/// make it (0700) first (another session making it meanwhile is fine).
fn open_or_make(parent: &SafeDir, name: &str, create: bool) -> io::Result<SafeDir> {
    match parent.sub(name) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
            match parent.mkdir(name) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
            parent.sub(name)
        }
        r => r,
    }
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
    let dir = match open_or_make(&profiles, key, create) {
        Ok(d) => d,
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
