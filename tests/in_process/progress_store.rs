//! The progress store, as a learner would notice it: progress survives
//! kills, concurrent sessions, corrupt files and odd nicknames; files are
//! private.
//!
//! Kills, concurrent processes and a full disk are in `store_kills`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notalone::progress::profile::ProfileNameError;
use notalone::progress::store::{
    self, LockState, ProgressStore, SetAsideReason, StoreError, StoreErrorKind,
};
use notalone::progress::{CourseRecord, Position, Status, StepRecord};

pub(crate) const COURSE: &str = "notalone";

pub(crate) fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub(crate) fn open(dir: &Path, profile: &str) -> store::Opened {
    ProgressStore::open(dir, profile, COURSE).expect("open the store")
}

/// Record a first answer on a step and mark the module started.
pub(crate) fn answer(r: &mut CourseRecord, module: &str, step: &str, correct: bool, at: &str) {
    let m = r.modules.entry(module.into()).or_default();
    m.started_at.get_or_insert_with(|| at.to_string());
    m.step = Some(step.into());
    m.steps.insert(
        step.into(),
        StepRecord {
            done: true,
            first_correct: Some(correct),
            answer: Some(vec![usize::from(!correct)]),
            answered_at: Some(at.into()),
            ..Default::default()
        },
    );
}

pub(crate) fn complete(r: &mut CourseRecord, module: &str, at: &str) {
    let m = r.modules.entry(module.into()).or_default();
    m.started_at.get_or_insert_with(|| at.to_string());
    m.completed_at = Some(at.into());
}

/// Files in a folder whose name satisfies `f`.
pub(crate) fn files_where(dir: &Path, f: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| f(&e.file_name().to_string_lossy()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

pub(crate) fn temps(dir: &Path) -> Vec<PathBuf> {
    files_where(dir, |n| n.ends_with(".tmp"))
}

pub(crate) fn bads(dir: &Path) -> Vec<PathBuf> {
    files_where(dir, |n| n.ends_with(".bad"))
}

// ---------------------------------------------------------------- basics

#[test]
fn a_new_profile_starts_fresh_and_resumes_where_it_stopped() {
    let d = tmp();
    let o = open(d.path(), "Sam");
    assert!(o.notice.is_none());
    assert_eq!(o.record, CourseRecord::new("Sam", COURSE));
    let mut s = o.store;
    let mut r = o.record;
    answer(&mut r, "spot-the-signs", "q1", true, "2026-11-29T10:02:11Z");
    answer(
        &mut r,
        "spot-the-signs",
        "q2",
        false,
        "2026-11-29T10:03:00Z",
    );
    r.position = Some(Position {
        module: "spot-the-signs".into(),
        step: "q2".into(),
    });
    r.settings.lang = Some("fr".into());
    let saved = s.save(&r).expect("save");
    assert_eq!(saved, r);

    // Another run: everything is back, answers as given.
    let o = open(d.path(), "Sam");
    assert!(o.notice.is_none());
    assert_eq!(o.record, r);
    assert_eq!(o.record.status("spot-the-signs"), Status::InProgress);
    assert_eq!(o.record.score("spot-the-signs"), Some(0.5));
    // The file is human-readable, versioned JSON.
    let text = fs::read_to_string(o.store.path()).expect("read");
    assert!(text.contains("\"format\": \"notalone-progress\""), "{text}");
    assert!(text.contains("\"version\": 1"), "{text}");
}

#[test]
fn nicknames_differing_in_case_are_one_profile_kept_as_first_typed() {
    let d = tmp();
    let mut s = open(d.path(), "Sam").store;
    let mut r = CourseRecord::new("Sam", COURSE);
    complete(&mut r, "m1", "2026-11-29T10:00:00Z");
    s.save(&r).expect("save");
    let o = open(d.path(), "  sAM ");
    assert_eq!(o.record.status("m1"), Status::Complete);
    assert_eq!(o.store.profile(), "Sam");
    assert_eq!(o.store.path(), s.path());
    assert_eq!(store::list_profiles(d.path()), vec!["Sam".to_string()]);
}

#[test]
fn profiles_sharing_a_login_never_share_a_file() {
    let d = tmp();
    let names = ["sam", "Alex", "zoë", "李小龍", "Sam B", "sam_b", "sam-b"];
    let mut paths = BTreeSet::new();
    for (i, n) in names.iter().enumerate() {
        let mut o = open(d.path(), n);
        complete(&mut o.record, &format!("m{i}"), "2026-11-29T10:00:00Z");
        o.store.save(&o.record).expect("save");
        assert!(paths.insert(o.store.path().to_path_buf()), "{n}");
    }
    for (i, n) in names.iter().enumerate() {
        let o = open(d.path(), n);
        assert_eq!(o.record.modules.len(), 1, "{n}");
        assert_eq!(o.record.status(&format!("m{i}")), Status::Complete, "{n}");
    }
    let listed = store::list_profiles(d.path());
    assert_eq!(
        listed,
        ["Alex", "sam", "Sam B", "sam-b", "sam_b", "zoë", "李小龍"]
    );
}

#[test]
fn unknown_modules_and_steps_are_kept() {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    answer(
        &mut o.record,
        "a-module-renamed-since",
        "old-step",
        true,
        "2026-01-01T00:00:00Z",
    );
    o.store.save(&o.record).expect("save");
    let o = open(d.path(), "sam");
    assert!(
        o.record.modules["a-module-renamed-since"]
            .steps
            .contains_key("old-step")
    );
}

#[test]
fn two_sessions_of_one_profile_lose_nothing() {
    let d = tmp();
    let mut a = open(d.path(), "sam");
    let mut b = open(d.path(), "SAM");
    // Both answer the same question; a answered first, but saves last.
    answer(&mut a.record, "m", "q", true, "2026-11-29T10:00:00Z");
    complete(&mut a.record, "m-a", "2026-11-29T10:01:00Z");
    answer(&mut b.record, "m", "q", false, "2026-11-29T10:05:00Z");
    complete(&mut b.record, "m-b", "2026-11-29T10:06:00Z");
    let (_, lock) = b.store.save_with(&b.record).expect("save b");
    assert_eq!(lock, LockState::Held);
    let merged = a.store.save(&a.record).expect("save a");
    assert_eq!(merged.status("m-a"), Status::Complete);
    assert_eq!(merged.status("m-b"), Status::Complete);
    assert_eq!(merged.modules["m"].steps["q"].first_correct, Some(true));
    // b saves again from its stale memory: still nothing lost.
    let merged = b.store.save(&b.record).expect("save b again");
    assert_eq!(merged.status("m-a"), Status::Complete);
    assert_eq!(merged.modules["m"].steps["q"].first_correct, Some(true));
    assert_eq!(open(d.path(), "sam").record, merged);
}

#[test]
fn a_save_waits_for_another_writer_holding_the_lock() {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    o.store.save(&o.record).expect("save");
    let lock_path = o.store.path().with_extension("lock");
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(&lock_path).expect("lock file").ino()
    };
    // Another process's save in progress, as far as flock can tell.
    let other = fs::File::options()
        .read(true)
        .write(true)
        .open(&lock_path)
        .expect("open lock");
    other.lock().expect("lock");
    let released = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(other);
    });
    let t = Instant::now();
    complete(&mut o.record, "m", "2026-11-29T10:00:00Z");
    let (_, state) = o.store.save_with(&o.record).expect("save");
    assert_eq!(state, LockState::Held);
    assert!(
        t.elapsed() >= Duration::from_millis(250),
        "{:?}",
        t.elapsed()
    );
    released.join().expect("thread");
    // The lock file is never replaced (a lock on a replaced file is void).
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        for _ in 0..3 {
            o.store.save(&o.record).expect("save");
        }
        assert_eq!(fs::metadata(&lock_path).expect("lock file").ino(), inode);
    }
}

// ---------------------------------------------------------------- privacy

#[cfg(unix)]
#[test]
fn folders_are_0700_and_files_0600() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let data = d.path().join("data");
    let mut o = open(&data, "sam");
    o.store.save(&o.record).expect("save");
    let mode = |p: &Path| fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    let pdir = o.store.path().parent().expect("parent").to_path_buf();
    for dir in [data.clone(), data.join("profiles"), pdir.clone()] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    let files = files_where(&pdir, |_| true);
    assert_eq!(files.len(), 3, "{files:?}"); // _profile.json, notalone.json, notalone.lock
    for f in files {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

#[test]
fn only_what_the_course_needs_is_stored() {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    answer(&mut o.record, "m", "q", true, "2026-11-29T10:00:00Z");
    o.store.save(&o.record).expect("save");
    let pdir = o.store.path().parent().expect("parent").to_path_buf();
    let mut text = String::new();
    for f in files_where(&pdir, |n| n.ends_with(".json")) {
        text.push_str(&fs::read_to_string(f).expect("read"));
    }
    for secret in [
        std::env::var("USER").unwrap_or_default(),
        std::env::var("HOSTNAME").unwrap_or_default(),
        d.path().display().to_string(),
    ] {
        if secret.len() > 2 {
            assert!(!text.contains(&secret), "{secret} found in {text}");
        }
    }
}

// ---------------------------------------------------------------- names

#[test]
fn hostile_nicknames_are_refused_and_never_leave_the_data_dir() {
    let d = tmp();
    let data = d.path().join("data");
    fs::create_dir_all(&data).expect("mkdir");
    let outside = d.path().join("x");
    fs::write(&outside, "keep me").expect("write");
    let long = "a".repeat(200);
    for name in [
        "../../x",
        "../x",
        "/etc",
        "/",
        ".",
        "..",
        "",
        "   ",
        "a/b",
        "a\\b",
        "a\0b",
        "a\nb",
        long.as_str(),
        "\u{1b}[2J",
        "x\u{202e}y",
    ] {
        match ProgressStore::open(&data, name, COURSE) {
            Err(StoreError::InvalidProfile(_)) => {}
            other => panic!("{name:?} was not refused: {other:?}"),
        }
        // The path a name maps to is always one plain folder under profiles/.
        let p = store::record_path(&data, name, COURSE);
        let rel = p.strip_prefix(data.join("profiles")).expect("inside");
        assert_eq!(rel.components().count(), 2, "{name:?} -> {}", p.display());
        assert!(
            rel.components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{name:?}"
        );
        assert!(
            !store::forget_profile(&data, name).expect("forget"),
            "{name:?}"
        );
    }
    assert_eq!(
        fs::read_to_string(&outside).expect("still there"),
        "keep me"
    );
    // Reserved device names are fine: they get a prefix.
    let o = open(&data, "con");
    let folder = o
        .store
        .path()
        .parent()
        .and_then(|p| p.file_name())
        .expect("name");
    assert_eq!(folder, "p-con");
    let err = ProgressStore::open(&data, &long, COURSE).expect_err("too long");
    assert!(matches!(
        err,
        StoreError::InvalidProfile(ProfileNameError::TooLong)
    ));
    assert_eq!(err.kind(), StoreErrorKind::InvalidProfile);
    assert!(err.to_string().contains("32"), "{err}");
}

#[test]
fn a_course_id_that_is_not_an_id_still_maps_inside() {
    let d = tmp();
    let o = ProgressStore::open(d.path(), "sam", "../../evil").expect("open");
    assert!(o.store.path().starts_with(d.path().join("profiles")));
    assert_eq!(
        o.store.path().file_name().expect("name"),
        "%2E%2E%2F%2E%2E%2Fevil.json"
    );
}

// ---------------------------------------------------------------- recovery

fn valid_file_bytes() -> Vec<u8> {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    for i in 0..3 {
        answer(
            &mut o.record,
            "m",
            &format!("q{i}"),
            i % 2 == 0,
            "2026-11-29T10:00:00Z",
        );
    }
    complete(&mut o.record, "m", "2026-11-29T10:10:00Z");
    o.store.save(&o.record).expect("save");
    fs::read(o.store.path()).expect("read")
}

/// Put `bytes` as sam's progress file, open, and check it was set aside
/// (content kept byte for byte) and a fresh record started.
fn assert_set_aside(bytes: &[u8], reason: SetAsideReason) {
    let d = tmp();
    let path = store::record_path(d.path(), "sam", COURSE);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(&path, bytes).expect("write");
    let o = open(d.path(), "sam");
    let notice = o.notice.expect("a notice");
    assert_eq!(notice.reason, reason);
    assert_eq!(o.record, CourseRecord::new("sam", COURSE));
    assert_eq!(fs::read(&notice.moved_to).expect("kept"), bytes);
    assert!(
        notice.file_name().starts_with("notalone.json.") && notice.file_name().ends_with(".bad")
    );
    assert!(!path.exists());
    let msg = notice.message();
    assert!(
        msg.contains(&notice.file_name()) && !msg.contains('\n'),
        "{msg}"
    );
    // Saving goes on normally and leaves the set-aside file alone.
    let mut s = o.store;
    s.save(&o.record).expect("save after recovery");
    assert_eq!(fs::read(&notice.moved_to).expect("kept"), bytes);
    assert!(open(d.path(), "sam").notice.is_none());
}

#[test]
fn garbage_empty_and_all_nul_files_are_set_aside() {
    let good = valid_file_bytes();
    assert_set_aside(b"this is not json", SetAsideReason::Unreadable);
    assert_set_aside(b"", SetAsideReason::Unreadable);
    assert_set_aside(&vec![0u8; good.len()], SetAsideReason::Unreadable);
    assert_set_aside(
        b"{\"format\":\"something-else\",\"version\":1}",
        SetAsideReason::Unreadable,
    );
    assert_set_aside(
        b"{\"format\":\"notalone-progress\",\"version\":1,\"profile\":\"sam\",\"course\":\"notalone\",\"modules\":7}",
        SetAsideReason::Unreadable,
    );
    // A file for another profile or course is not this one's progress.
    let other = String::from_utf8(good.clone())
        .expect("utf8")
        .replace("\"sam\"", "\"alex\"");
    assert_set_aside(other.as_bytes(), SetAsideReason::Unreadable);
}

#[test]
fn a_file_from_a_newer_version_is_set_aside_not_overwritten() {
    let good = String::from_utf8(valid_file_bytes()).expect("utf8");
    let newer = good.replace("\"version\": 1", "\"version\": 2");
    assert_ne!(good, newer);
    assert_set_aside(newer.as_bytes(), SetAsideReason::NewerVersion);
    let newer_shape = b"{\"format\":\"notalone-progress\",\"version\":9,\"data\":[1,2,3]}";
    assert_set_aside(newer_shape, SetAsideReason::NewerVersion);
}

#[test]
fn every_truncation_of_a_file_is_detected() {
    let good = valid_file_bytes();
    let end = good.len() - 1; // the file ends with a newline
    assert_eq!(good[end], b'\n');
    let d = tmp();
    let path = store::record_path(d.path(), "sam", COURSE);
    open(d.path(), "sam");
    for cut in 0..end {
        fs::write(&path, &good[..cut]).expect("write");
        let o = open(d.path(), "sam");
        let n = o
            .notice
            .unwrap_or_else(|| panic!("prefix of {cut} bytes accepted"));
        assert_eq!(o.record.modules.len(), 0);
        fs::remove_file(n.moved_to).expect("clean");
    }
    // A flipped bit inside a string or a structural byte never crashes.
    for i in (0..end).step_by(13) {
        let mut b = good.clone();
        b[i] ^= 0x20;
        fs::write(&path, &b).expect("write");
        let _ = open(d.path(), "sam");
    }
}

#[test]
fn a_file_damaged_during_a_session_is_set_aside_at_the_next_save() {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    complete(&mut o.record, "m1", "2026-11-29T10:00:00Z");
    o.store.save(&o.record).expect("save");
    fs::write(o.store.path(), b"{\"format\": \"notalone-pro").expect("damage");
    complete(&mut o.record, "m2", "2026-11-29T10:05:00Z");
    let merged = o.store.save(&o.record).expect("save");
    assert_eq!(merged.status("m1"), Status::Complete);
    assert_eq!(merged.status("m2"), Status::Complete);
    let n = o.store.take_notice().expect("notice");
    assert_eq!(
        fs::read(&n.moved_to).expect("kept"),
        b"{\"format\": \"notalone-pro"
    );
    assert!(o.store.take_notice().is_none());
}

#[test]
fn stale_temporary_files_are_cleaned_at_start() {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    o.store.save(&o.record).expect("save");
    let pdir = o.store.path().parent().expect("parent").to_path_buf();
    // What a save killed between create and rename leaves.
    fs::write(pdir.join(".notalone.json.AbC123xy.tmp"), b"{\"format\":").expect("write");
    // A fresh temporary file of another file (maybe being written now).
    fs::write(pdir.join("._profile.json.ZZZZZZZZ.tmp"), b"{").expect("write");
    // An old one of another file.
    let old = pdir.join(".other.json.OLDOLDOL.tmp");
    fs::write(&old, b"{").expect("write");
    let f = fs::File::options().write(true).open(&old).expect("open");
    f.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .expect("set mtime");
    drop(f);
    let o = open(d.path(), "sam");
    assert!(o.notice.is_none());
    assert_eq!(
        temps(&pdir),
        vec![pdir.join("._profile.json.ZZZZZZZZ.tmp")],
        "only the fresh temporary file of another file stays"
    );
}

// ---------------------------------------------------------------- forget, reports

#[test]
fn forget_deletes_every_course_and_set_aside_file_of_one_profile() {
    let d = tmp();
    for course in ["notalone", "other-course"] {
        let mut o = ProgressStore::open(d.path(), "sam", course).expect("open");
        complete(&mut o.record, "m", "2026-11-29T10:00:00Z");
        o.store.save(&o.record).expect("save");
    }
    let mut alex = open(d.path(), "alex");
    alex.store.save(&alex.record).expect("save");
    let sam_path = store::record_path(d.path(), "sam", COURSE);
    fs::write(sam_path.with_extension("json.20260101T000000Z.bad"), b"old").expect("write");

    assert!(store::forget_profile(d.path(), "SAM").expect("forget"));
    assert!(!sam_path.parent().expect("dir").exists());
    assert_eq!(store::list_profiles(d.path()), vec!["alex".to_string()]);
    assert!(!store::forget_profile(d.path(), "sam").expect("forget again"));
    // Alex is untouched.
    assert!(alex.store.path().exists());
}

#[test]
fn a_running_session_keeps_saving_after_its_profile_was_forgotten() {
    let d = tmp();
    let mut o = open(d.path(), "sam");
    o.store.save(&o.record).expect("save");
    assert!(store::forget_profile(d.path(), "sam").expect("forget"));
    complete(&mut o.record, "m", "2026-11-29T10:00:00Z");
    o.store.save(&o.record).expect("save after forget");
    assert_eq!(open(d.path(), "sam").record.status("m"), Status::Complete);
}

#[test]
fn read_all_reports_every_profile_and_skips_unreadable_files() {
    let d = tmp();
    for name in ["bo", "Al", "cy"] {
        let mut o = open(d.path(), name);
        complete(&mut o.record, "m", "2026-11-29T10:00:00Z");
        o.store.save(&o.record).expect("save");
    }
    let bad = store::record_path(d.path(), "cy", "broken");
    fs::write(&bad, b"\0\0\0").expect("write");
    let (records, skipped) = store::read_all(d.path());
    let who: Vec<&str> = records.iter().map(|r| r.profile.as_str()).collect();
    assert_eq!(who, ["Al", "bo", "cy"]);
    assert_eq!(skipped, vec![bad.clone()]);
    // Reading never changes anything.
    assert_eq!(fs::read(&bad).expect("still there"), b"\0\0\0");
    // Missing data dir: empty, no error.
    let (r, s) = store::read_all(&d.path().join("nothing-here"));
    assert!(r.is_empty() && s.is_empty());
}
