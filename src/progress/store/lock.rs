//! The store's lock: a separate lock file per course (a lock on the data
//! file would not survive the atomic rename), waited for while other
//! sessions of the profile are saving, given up on when its holder is
//! stuck.

use std::fs::{self, File};
use std::time::{Duration, Instant};

use super::ProgressStore;
use crate::progress::safe_fs::SafeDir;

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

pub(super) struct Lock {
    file: Option<File>,
    pub(super) state: LockState,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            let _ = f.unlock();
        }
    }
}

impl ProgressStore {
    /// Take the lock file's lock, waiting while other sessions are saving
    /// (at most [`LOCK_WAIT_MAX`]), but not for a holder that is stuck.
    pub(super) fn lock(&mut self, dir: &SafeDir) -> Lock {
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
