//! The store's write path: merge with what is on disk under the lock and
//! replace the file atomically; never write what the reader would refuse.

use std::time::Duration;

use super::folders::open_profile_dir;
use super::lock::LockState;
use super::read::read_profile_file;
use super::{MAX_FILE_BYTES, PROFILE_FILE, PROFILE_FORMAT, ProgressStore, SaveStatus, StoreError};
use crate::progress::profile::{same_profile, validate_profile_name};
use crate::progress::record::{self, CourseRecord};
use crate::progress::safe_fs::SafeDir;

impl ProgressStore {
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

/// Make sure the profile folder says whose it is; returns the nickname as
/// first typed. A folder where it cannot be written (read-only) still
/// works: saving then fails and says so.
pub(super) fn ensure_profile_file(dir: &SafeDir, key: &str, name: &str) -> String {
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
