//! The progress store, as a learner would notice it: progress survives
//! kills, concurrent sessions, corrupt files and odd nicknames; files are
//! private.
//!
//! Some tests re-run this test binary as a child process (the "re-exec"
//! trick): a test whose environment variable is set does the child's work
//! (a save loop to be killed, a burst of concurrent saves); without it, it
//! does nothing.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use notalone::progress::profile::ProfileNameError;
use notalone::progress::store::{
    self, LockState, ProgressStore, SetAsideReason, StoreError, StoreErrorKind,
};
use notalone::progress::{CourseRecord, Position, Status, StepRecord, record};

const COURSE: &str = "notalone";

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn open(dir: &Path, profile: &str) -> store::Opened {
    ProgressStore::open(dir, profile, COURSE).expect("open the store")
}

/// Record a first answer on a step and mark the module started.
fn answer(r: &mut CourseRecord, module: &str, step: &str, correct: bool, at: &str) {
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

fn complete(r: &mut CourseRecord, module: &str, at: &str) {
    let m = r.modules.entry(module.into()).or_default();
    m.started_at.get_or_insert_with(|| at.to_string());
    m.completed_at = Some(at.into());
}

/// Files in a folder whose name satisfies `f`.
fn files_where(dir: &Path, f: impl Fn(&str) -> bool) -> Vec<PathBuf> {
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

fn temps(dir: &Path) -> Vec<PathBuf> {
    files_where(dir, |n| n.ends_with(".tmp"))
}

fn bads(dir: &Path) -> Vec<PathBuf> {
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

// ---------------------------------------------------------------- kills

const LOOP_ENV: &str = "NOTALONE_TEST_SAVE_LOOP_DIR";

/// Child of the kill test: save forever, one more answered step each
/// time, printing the count after each save returns.
#[test]
fn child_save_loop() {
    let Some(dir) = std::env::var_os(LOOP_ENV) else {
        return;
    };
    let mut o = open(Path::new(&dir), "looper");
    let mut n = o.record.modules.get("m").map_or(0, |m| m.steps.len());
    loop {
        n += 1;
        // Some bulk, so that writes take a while.
        answer(
            &mut o.record,
            "m",
            &format!("step-{n:06}-{}", "x".repeat(40)),
            !n.is_multiple_of(3),
            &record::now_rfc3339(),
        );
        o.record.position = Some(Position {
            module: "m".into(),
            step: format!("{n}"),
        });
        o.store.save(&o.record).expect("save");
        println!("saved {n}");
    }
}

/// A tiny deterministic generator (no rand crate): xorshift64*.
struct Rng(u64);
impl Rng {
    fn seeded() -> Self {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        Rng(t | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn kill9(pid: u32) {
    let st = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(st.success(), "kill -9 {pid} failed");
}

#[cfg(unix)]
#[test]
fn kill_9_at_random_moments_never_costs_more_than_the_save_in_flight() {
    let d = tmp();
    let exe = std::env::current_exe().expect("test binary");
    let mut rng = Rng::seeded();
    let seed = rng.0;
    let path = store::record_path(d.path(), "looper", COURSE);
    let pdir = path.parent().expect("parent").to_path_buf();
    let started = Instant::now();
    let (mut last, mut total_saves, mut temps_left, mut mid_save) =
        (0usize, 0usize, 0usize, 0usize);
    for kill in 0..30 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "progress_store::child_save_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(LOOP_ENV, d.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        // Let it start (the first run also creates the profile), then kill
        // it at a random moment.
        std::thread::sleep(Duration::from_millis(30 + rng.below(120)));
        kill9(child.id());
        let status = child.wait().expect("wait");
        assert!(!status.success(), "the child should have been killed");
        let mut out = String::new();
        child
            .stdout
            .take()
            .expect("stdout")
            .read_to_string(&mut out)
            .expect("read child output");
        let printed = out
            .lines()
            // The first one may follow libtest's "test … ... " on its line.
            .filter_map(|l| l.split("saved ").nth(1))
            .filter_map(|n| n.trim().parse::<usize>().ok())
            .next_back();
        if let Some(p) = printed {
            total_saves += p - last;
            last = p;
        }
        temps_left += temps(&pdir).len();
        if printed.is_none() && !path.exists() {
            // Killed before its first save finished (a slow start on a
            // loaded machine): nothing to lose yet.
            continue;
        }
        // The file as a power cut or a kill leaves it: complete JSON, with
        // the last state the child reported, or the one it was saving.
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): {e}"));
        let rec: CourseRecord = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): corrupt file: {e}"));
        let on_disk = rec.modules.get("m").map_or(0, |m| m.steps.len());
        assert!(
            on_disk == last || on_disk == last + 1,
            "kill {kill} (seed {seed}): file has {on_disk} answers, child reported {last}; child said: {}",
            out.lines().rev().take(4).collect::<Vec<_>>().join(" | ")
        );
        if on_disk == last + 1 {
            mid_save += 1; // killed after the rename, before it printed
        }
        last = on_disk;
        // Opening again: no notice, and no temporary file left behind.
        let o = open(d.path(), "looper");
        assert!(o.notice.is_none(), "kill {kill}: {:?}", o.notice);
        assert!(temps(&pdir).is_empty(), "kill {kill}: {:?}", temps(&pdir));
    }
    assert!(bads(&pdir).is_empty());
    assert!(
        total_saves >= 30,
        "too few saves to mean anything: {total_saves}"
    );
    eprintln!(
        "30 kills in {:?}: {total_saves} saves, {temps_left} temporary files left by kills (all cleaned), {mid_save} kills between rename and report, seed {seed}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------- concurrency

const CONC_ENV: &str = "NOTALONE_TEST_CONCURRENT";

/// Child of the concurrency test: `DIR|PROFILE|TAG|RANK|COUNT`. Completes
/// COUNT modules named TAG-i, saving after each, and answers the shared
/// question `common` at a time that depends on RANK.
#[test]
fn child_concurrent_saver() {
    let Ok(spec) = std::env::var(CONC_ENV) else {
        return;
    };
    let parts: Vec<&str> = spec.split('|').collect();
    let [dir, profile, tag, rank, count] = parts[..] else {
        panic!("bad spec {spec}");
    };
    let rank: u32 = rank.parse().expect("rank");
    let count: usize = count.parse().expect("count");
    let mut o = open(Path::new(dir), profile);
    let at = format!("2026-01-01T00:{:02}:00Z", 10 + rank);
    answer(&mut o.record, "common", "q", rank.is_multiple_of(2), &at);
    o.record
        .modules
        .get_mut("common")
        .expect("common")
        .steps
        .get_mut("q")
        .expect("q")
        .answer = Some(vec![rank as usize]);
    for i in 0..count {
        complete(&mut o.record, &format!("{tag}-{i}"), &record::now_rfc3339());
        o.record = o.store.save(&o.record).expect("save");
    }
}

#[cfg(unix)]
#[test]
fn several_processes_saving_at_once_lose_no_completion() {
    let d = tmp();
    let exe = std::env::current_exe().expect("test binary");
    const COUNT: usize = 20;
    // Four sessions of one learner (typed in different cases), three others.
    let jobs = [
        ("Sam", "a", 3),
        ("sam", "b", 1),
        ("SAM", "c", 2),
        ("sAm", "d", 4),
        ("alex", "x", 0),
        ("zoë", "y", 0),
        ("李", "z", 0),
    ];
    let started = Instant::now();
    let children: Vec<_> = jobs
        .iter()
        .map(|(profile, tag, rank)| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "progress_store::child_concurrent_saver",
                    "--test-threads=1",
                ])
                .env(
                    CONC_ENV,
                    format!("{}|{profile}|{tag}|{rank}|{COUNT}", d.path().display()),
                )
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "a saver failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let took = started.elapsed();
    let sam = open(d.path(), "sam").record;
    for tag in ["a", "b", "c", "d"] {
        for i in 0..COUNT {
            assert_eq!(
                sam.status(&format!("{tag}-{i}")),
                Status::Complete,
                "{tag}-{i}"
            );
        }
    }
    assert_eq!(sam.modules.len(), 4 * COUNT + 1);
    // The first answer (rank 1, at 00:11) is kept, whoever saved last.
    let q = &sam.modules["common"].steps["q"];
    assert_eq!(q.answered_at.as_deref(), Some("2026-01-01T00:11:00Z"));
    assert_eq!(q.answer.as_deref(), Some(&[1usize][..]));
    for (profile, tag) in [("alex", "x"), ("zoë", "y"), ("李", "z")] {
        let r = open(d.path(), profile).record;
        assert_eq!(r.modules.len(), COUNT + 1, "{profile}");
        assert!(
            r.modules
                .keys()
                .all(|k| k == "common" || k.starts_with(tag))
        );
    }
    for p in store::list_profiles(d.path()) {
        let dir = store::profile_dir(d.path(), &p);
        assert!(temps(&dir).is_empty() && bads(&dir).is_empty(), "{p}");
    }
    eprintln!("7 processes x {COUNT} saves in {took:?}");
}

// ---------------------------------------------------------------- full disk, read-only

const FULL_ENV: &str = "NOTALONE_TEST_SMALL_DISK";

/// Child of the disk-full test, run in its own mount namespace with a tiny
/// tmpfs at `$FULL_ENV`.
#[test]
fn child_small_disk() {
    let Some(dir) = std::env::var_os(FULL_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let mut o = open(&dir, "sam");
    complete(&mut o.record, "m1", "2026-11-29T10:00:00Z");
    o.store.save(&o.record).expect("first save");
    let before = fs::read(o.store.path()).expect("read");
    // Fill the disk.
    let mut filler = fs::File::create(dir.join("filler")).expect("filler");
    let chunk = vec![7u8; 4096];
    while std::io::Write::write_all(&mut filler, &chunk).is_ok() {}
    let _ = filler.sync_all();
    for i in 0..200 {
        answer(
            &mut o.record,
            "m2",
            &format!("q{i}"),
            true,
            "2026-11-29T10:00:00Z",
        );
    }
    let err = o.store.save(&o.record).expect_err("disk full");
    assert_eq!(err.kind(), StoreErrorKind::Full, "{err}");
    assert!(err.to_string().contains("space"), "{err}");
    assert_eq!(
        fs::read(o.store.path()).expect("read"),
        before,
        "old file intact"
    );
    let pdir = o.store.path().parent().expect("parent").to_path_buf();
    assert!(temps(&pdir).is_empty(), "{:?}", temps(&pdir));
    // Read-only: opening a new profile fails cleanly, saving too.
    drop(filler);
    fs::remove_file(dir.join("filler")).expect("rm filler");
    let st = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&dir)
        .status()
        .expect("remount");
    assert!(st.success());
    let err = ProgressStore::open(&dir, "newcomer", COURSE).expect_err("read-only");
    assert_eq!(err.kind(), StoreErrorKind::ReadOnly, "{err}");
    let err = o.store.save(&o.record).expect_err("read-only");
    assert_eq!(err.kind(), StoreErrorKind::ReadOnly, "{err}");
    assert_eq!(fs::read(o.store.path()).expect("read"), before);
    println!("SMALL-DISK-OK");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_or_read_only_disk_is_an_error_value_and_keeps_the_old_file() {
    let d = tmp();
    let exe = std::env::current_exe().expect("test binary");
    let mnt = d.path().join("mnt");
    fs::create_dir(&mnt).expect("mkdir");
    // A private mount namespace (as root, or as a user with unprivileged
    // user namespaces): the tmpfs disappears with the child.
    let script = format!(
        "mount -t tmpfs -o size=96k tmpfs '{}' && exec \"$0\" --exact progress_store::child_small_disk --nocapture --test-threads=1",
        mnt.display()
    );
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .arg(&exe)
        .env(FULL_ENV, &mnt)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: cannot run unshare: {e}");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && !stdout.contains("running 1 test") {
        eprintln!("skipped: no private tmpfs here: {stderr}");
        return;
    }
    assert!(
        out.status.success() && stdout.contains("SMALL-DISK-OK"),
        "{stdout}\n{stderr}"
    );
}
