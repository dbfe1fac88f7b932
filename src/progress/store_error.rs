//! What can go wrong in the progress store, as values a front end can turn
//! into one calm, translated sentence (re-exported from [`super::store`]).

use std::io;
use std::path::{Path, PathBuf};

use super::profile::ProfileNameError;

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
    /// The nickname's folder belongs to another account, or is a link or a
    /// file instead of a folder: the learner picks another nickname.
    /// Nothing in it was read or written.
    #[error("The nickname of {} is already used by another account on this computer; please pick another one.", shown(.path))]
    Taken { path: PathBuf },
    /// A folder that must not be changeable by others can be (the learner's
    /// own folder writable by other accounts; `profiles/` made by a
    /// student, or a link). It was not used.
    #[error("{} can be changed by other accounts, so progress is not kept there; ask the person who set up this computer to check it (see docs/deploying.md, \"A shared class folder\").", shown(.path))]
    Unsafe { path: PathBuf },
    /// The data folder does not exist and neither does the folder it would
    /// go in: nothing was created.
    #[error("The folder {} does not exist, so progress cannot be kept in {}; create it or choose another with --data-dir.", shown(.parent), shown(.path))]
    MissingParent { path: PathBuf, parent: PathBuf },
    /// The record would be larger than the store reads back
    /// ([`super::store::MAX_FILE_BYTES`]); the old file is kept.
    #[error("The progress for {} is too large to save; the file saved before is kept.", shown(.path))]
    TooLarge { path: PathBuf },
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
    /// The nickname belongs to another account here: pick another
    /// (`profile-taken`).
    Taken,
    /// A folder others can change was not used (`progress-unsafe-folder`).
    Unsafe,
    /// The data folder's parent does not exist (`progress-no-parent`).
    MissingParent,
    /// Too large to save (`progress-too-large`).
    TooLarge,
    Other,
}

impl StoreError {
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
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
            StoreError::Taken { .. } => StoreErrorKind::Taken,
            StoreError::Unsafe { .. } => StoreErrorKind::Unsafe,
            StoreError::MissingParent { .. } => StoreErrorKind::MissingParent,
            StoreError::TooLarge { .. } => StoreErrorKind::TooLarge,
        }
    }

    /// The path the error is about (`None` for an invalid nickname).
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::InvalidProfile(_) => None,
            StoreError::Io { path, .. }
            | StoreError::Taken { path }
            | StoreError::Unsafe { path }
            | StoreError::MissingParent { path, .. }
            | StoreError::TooLarge { path } => Some(path),
        }
    }
}

fn shown(p: &Path) -> String {
    crate::text::sanitize_line(&p.display().to_string())
}

pub(crate) fn io_kind(e: &io::Error) -> StoreErrorKind {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => StoreErrorKind::Full,
        io::ErrorKind::ReadOnlyFilesystem => StoreErrorKind::ReadOnly,
        io::ErrorKind::PermissionDenied => StoreErrorKind::PermissionDenied,
        io::ErrorKind::NotADirectory => StoreErrorKind::Unsafe,
        _ => StoreErrorKind::Other,
    }
}

fn io_sentence(path: &Path, e: &io::Error) -> String {
    let p = shown(path);
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
        StoreErrorKind::Unsafe => format!(
            "{p} is a link or a file where a folder should be, so it was not followed; ask the person who set up this computer to check it."
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
    /// for another profile or course; or not a regular file at all (a
    /// link, a folder, a FIFO), or one that cannot be opened.
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
