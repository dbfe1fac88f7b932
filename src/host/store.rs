//! Where the host keeps progress: the real store on disk, memory (tests),
//! or nowhere (preview).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::progress::CourseRecord;
use crate::progress::store::{
    self, LockState, ProfileList, ProgressStore, Recovered, StoreErrorKind,
};

/// The progress backend.
#[derive(Debug)]
pub(crate) enum Backend {
    /// `--data-dir` (or the default), opened per profile.
    Disk {
        dir: Option<PathBuf>,
        open: Option<ProgressStore>,
    },
    /// In memory (tests): records by nickname, what the scan skipped,
    /// switches for a failing save and an unreadable file, saves counted.
    Memory {
        records: BTreeMap<String, CourseRecord>,
        profiles: Vec<String>,
        skipped: Vec<PathBuf>,
        fail: bool,
        recover: bool,
        saves: usize,
    },
    /// Preview: nothing is read or written.
    Nowhere,
}

/// What opening a profile gave.
pub(crate) struct Opening {
    pub record: Option<CourseRecord>,
    pub recovered: Option<Recovered>,
    /// Progress can be saved.
    pub can_save: bool,
    /// Why the store could not be opened (security: for the message).
    pub error: Option<StoreErrorKind>,
}

/// How a save went.
pub(crate) enum Saved {
    Merged(Box<CourseRecord>, LockState, Option<Recovered>),
    Failed,
}

impl Backend {
    /// An empty in-memory backend.
    pub fn memory() -> Backend {
        Backend::Memory {
            records: BTreeMap::new(),
            profiles: Vec::new(),
            skipped: Vec::new(),
            fail: false,
            recover: false,
            saves: 0,
        }
    }

    /// Existing nicknames, and the profile folders that had to be skipped.
    pub fn profiles(&self) -> ProfileList {
        match self {
            Backend::Disk { dir, .. } => dir
                .as_deref()
                .map(store::list_profiles_checked)
                .unwrap_or_default(),
            Backend::Memory {
                records,
                profiles,
                skipped,
                ..
            } => {
                let mut names = profiles.clone();
                for p in records.keys() {
                    if !names.contains(p) {
                        names.push(p.clone());
                    }
                }
                ProfileList {
                    names,
                    skipped: skipped.clone(),
                }
            }
            Backend::Nowhere => ProfileList::default(),
        }
    }

    pub fn open(&mut self, profile: &str, course: &str) -> Opening {
        match self {
            Backend::Disk { dir, open } => {
                *open = None;
                let Some(dir) = dir.clone() else {
                    return Opening {
                        record: None,
                        recovered: None,
                        can_save: false,
                        error: None,
                    };
                };
                match ProgressStore::open(&dir, profile, course) {
                    Ok(o) => {
                        *open = Some(o.store);
                        Opening {
                            record: Some(o.record),
                            recovered: o.notice,
                            can_save: true,
                            error: None,
                        }
                    }
                    Err(e) => Opening {
                        record: None,
                        recovered: None,
                        can_save: false,
                        error: Some(e.kind()),
                    },
                }
            }
            Backend::Memory {
                records,
                fail,
                recover,
                ..
            } => {
                // An unreadable file is set aside: the learner starts afresh.
                let recovered = std::mem::take(recover).then(|| Recovered {
                    moved_to: PathBuf::from(format!("{profile}.json.unreadable")),
                    reason: store::SetAsideReason::Unreadable,
                });
                Opening {
                    record: match recovered {
                        Some(_) => None,
                        None => records.get(profile).cloned(),
                    },
                    recovered,
                    can_save: !*fail,
                    error: None,
                }
            }
            Backend::Nowhere => Opening {
                record: None,
                recovered: None,
                can_save: false,
                error: None,
            },
        }
    }

    pub fn save(&mut self, rec: &CourseRecord) -> Saved {
        match self {
            Backend::Disk { open, .. } => match open.as_mut() {
                Some(s) => match s.save_with(rec) {
                    Ok((merged, lock)) => Saved::Merged(Box::new(merged), lock, s.take_notice()),
                    Err(_) => Saved::Failed,
                },
                None => Saved::Failed,
            },
            Backend::Memory {
                records,
                fail,
                saves,
                ..
            } => {
                if *fail {
                    return Saved::Failed;
                }
                *saves += 1;
                let mut merged = rec.clone();
                if let Some(old) = records.get(&rec.profile) {
                    merged.merge_from(old);
                }
                records.insert(rec.profile.clone(), merged.clone());
                Saved::Merged(Box::new(merged), LockState::Held, None)
            }
            Backend::Nowhere => Saved::Failed,
        }
    }

    /// The nickname belongs to another account here (security).
    pub fn taken(&self, profile: &str) -> bool {
        match self {
            Backend::Disk { dir: Some(d), .. } => store::nickname_taken(d, profile),
            _ => false,
        }
    }

    /// For the signal thread: where to save the last record.
    pub fn signal_target(&self) -> Option<(PathBuf, String, String)> {
        match self {
            Backend::Disk {
                dir: Some(dir),
                open: Some(s),
            } => Some((dir.clone(), s.profile().to_string(), s.course().to_string())),
            _ => None,
        }
    }
}
