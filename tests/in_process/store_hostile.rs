//! The progress store against what a classmate can plant in a shared data
//! folder on one account (links, FIFOs, terminals, folders in place of
//! files), and the faults that used to cost progress: a file at the size
//! limit, a byte-order mark, fields from a newer version, a read-only
//! folder, an unusable lock file, a stuck lock. The tests with a second
//! real account are in `tests/real_binary/shared_folder.rs`.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use notalone::progress::store::{
    self, LockState, MAX_FILE_BYTES, ProgressStore, SaveStatus, StoreErrorKind,
};
use notalone::progress::{CourseRecord, StepRecord};

const COURSE: &str = "notalone";

fn open(dir: &Path, profile: &str) -> store::Opened {
    ProgressStore::open(dir, profile, COURSE).expect("open the store")
}

fn complete(r: &mut CourseRecord, module: &str) {
    let m = r.modules.entry(module.into()).or_default();
    m.started_at = Some("2026-11-29T10:00:00Z".into());
    m.completed_at = Some("2026-11-29T10:05:00Z".into());
}

/// A profile with one completed module saved.
fn saved(dir: &Path, profile: &str) -> std::path::PathBuf {
    let mut o = open(dir, profile);
    complete(&mut o.record, "m1");
    o.store.save(&o.record).expect("save");
    o.store.path().to_path_buf()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Run `f` on a thread; fail if it does not finish in `secs` (a hang).
fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("{what} did not finish in {secs} s (it hangs)"))
}

#[cfg(unix)]
#[test]
fn a_profile_folder_that_is_a_link_is_taken_and_nothing_is_followed() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().expect("tmp");
    let data = d.path().join("data");
    let victim = d.path().join("work");
    fs::create_dir_all(data.join("profiles")).expect("mkdir");
    fs::create_dir(&victim).expect("mkdir");
    fs::write(victim.join(".essay.tmp"), "important essay draft").expect("write");
    fs::write(victim.join("notalone.json"), "{\"some\":\"other app\"}").expect("write");
    let before = names_in(&victim);
    symlink(&victim, data.join("profiles/p-dave")).expect("symlink");
    let err = ProgressStore::open(&data, "dave", COURSE).expect_err("a link is not followed");
    assert_eq!(err.kind(), StoreErrorKind::Taken, "{err}");
    assert!(err.to_string().contains("pick another"), "{err}");
    assert_eq!(
        names_in(&victim),
        before,
        "nothing created, renamed or deleted"
    );
    assert_eq!(
        fs::read_to_string(victim.join(".essay.tmp")).expect("still there"),
        "important essay draft"
    );
    // The class report does not follow it either, and says it skipped it.
    let scan = store::scan(&data).expect("scan");
    assert!(scan.profiles.is_empty(), "{:?}", scan.profiles);
    assert_eq!(scan.skipped, vec![data.join("profiles/p-dave")]);
}

#[cfg(unix)]
#[test]
fn a_profiles_folder_that_is_a_link_is_refused() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().expect("tmp");
    let data = d.path().join("data");
    let elsewhere = d.path().join("attacker");
    fs::create_dir_all(&data).expect("mkdir");
    fs::create_dir(&elsewhere).expect("mkdir");
    symlink(&elsewhere, data.join("profiles")).expect("symlink");
    let err = ProgressStore::open(&data, "bob", COURSE).expect_err("refused");
    assert_eq!(err.kind(), StoreErrorKind::Unsafe, "{err}");
    assert!(names_in(&elsewhere).is_empty());
    assert_eq!(
        store::scan(&data).expect_err("refused").kind(),
        StoreErrorKind::Unsafe
    );
    assert!(store::list_profiles(&data).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_terminal_link_never_hangs_the_picker_the_course_or_the_report() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().expect("tmp");
    let data = d.path().to_path_buf();
    saved(&data, "alice");
    let evil = data.join("profiles/p-evil");
    fs::create_dir_all(&evil).expect("mkdir");
    let fifo = |p: &Path| {
        let st = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .expect("mkfifo");
        assert!(st.success());
    };
    fifo(&evil.join("_profile.json"));
    let tty = data.join("profiles/p-tty");
    fs::create_dir_all(&tty).expect("mkdir");
    symlink("/dev/tty", tty.join("_profile.json")).expect("symlink");
    symlink("/dev/tty", tty.join("notalone.json")).expect("symlink");
    // A FIFO as the learner's own progress file.
    let sam = saved(&data, "sam");
    fs::remove_file(&sam).expect("rm");
    fifo(&sam);

    let dd = data.clone();
    let list = within(10, "the profile list", move || {
        store::list_profiles_checked(&dd)
    });
    assert_eq!(list.names, vec!["alice".to_string(), "sam".to_string()]);
    assert!(
        list.skipped.contains(&evil.join("_profile.json")),
        "{list:?}"
    );
    assert!(
        list.skipped.contains(&tty.join("_profile.json")),
        "{list:?}"
    );

    let dd = data.clone();
    let scan = within(10, "the class report", move || store::scan(&dd)).expect("scan");
    let names: Vec<(&str, usize)> = scan
        .profiles
        .iter()
        .map(|p| (p.name.as_str(), p.records.len()))
        .collect();
    assert_eq!(names, [("alice", 1), ("sam", 0)], "{scan:?}");
    for p in [
        evil.join("_profile.json"),
        tty.join("notalone.json"),
        sam.clone(),
    ] {
        assert!(scan.skipped.contains(&p), "{p:?} not in {:?}", scan.skipped);
    }

    // The course: the FIFO is set aside (renamed, never opened for
    // reading), and the learner starts fresh and can save again.
    let dd = data.clone();
    let mut o = within(10, "opening the course", move || open(&dd, "sam"));
    let notice = o.notice.take().expect("told once");
    assert!(notice.moved_to.to_string_lossy().ends_with(".bad"));
    complete(&mut o.record, "m2");
    o.store.save(&o.record).expect("saves again");
    assert!(fs::symlink_metadata(&sam).expect("file").is_file());
}

#[cfg(unix)]
#[test]
fn a_folder_or_a_link_loop_in_place_of_a_file_is_set_aside_and_saving_works_again() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().expect("tmp");
    for (i, plant) in ["dir", "loop"].iter().enumerate() {
        let name = format!("p{i}");
        let path = saved(d.path(), &name);
        fs::remove_file(&path).expect("rm");
        match *plant {
            "dir" => fs::create_dir(&path).expect("mkdir"),
            _ => symlink(&path, &path).expect("loop"),
        }
        let mut o = open(d.path(), &name);
        assert!(o.notice.is_some(), "{plant}: told");
        complete(&mut o.record, "m3");
        o.store.save(&o.record).expect("saves");
        assert_eq!(
            open(d.path(), &name).record,
            o.store.save(&o.record).expect("save")
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unusable_lock_file_still_loads_and_saves() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().expect("tmp");
    for (i, plant) in ["dir", "dangling"].iter().enumerate() {
        let name = format!("l{i}");
        let path = saved(d.path(), &name);
        let lock = path.with_extension("lock");
        fs::remove_file(&lock).expect("rm lock");
        let target = d.path().join(format!("attacker-made-{i}"));
        match *plant {
            "dir" => fs::create_dir(&lock).expect("mkdir"),
            _ => symlink(&target, &lock).expect("symlink"),
        }
        let mut o = open(d.path(), &name);
        assert!(o.notice.is_none());
        assert_eq!(
            o.record.status("m1"),
            notalone::progress::Status::Complete,
            "{plant}: resumed"
        );
        complete(&mut o.record, "m2");
        let (_, state) = o.store.save_with(&o.record).expect("saves without a lock");
        assert_eq!(state, LockState::Unsupported);
        assert!(
            !target.exists(),
            "{plant}: nothing created through the link"
        );
    }
}

#[test]
fn a_file_with_a_byte_order_mark_is_read() {
    let d = tempfile::tempdir().expect("tmp");
    let path = saved(d.path(), "bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&path).expect("read"));
    fs::write(&path, &bytes).expect("write");
    let o = open(d.path(), "bom");
    assert!(o.notice.is_none(), "{:?}", o.notice);
    assert_eq!(o.record.status("m1"), notalone::progress::Status::Complete);
    assert_eq!(store::scan(d.path()).expect("scan").profiles.len(), 1);
}

#[test]
fn fields_from_a_newer_version_are_kept_on_save() {
    let d = tempfile::tempdir().expect("tmp");
    let path = saved(d.path(), "newer");
    let mut v: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    v["future_field"] = serde_json::json!({"a": [1, 2]});
    v["settings"]["future_setting"] = serde_json::json!(true);
    v["modules"]["m1"]["future_module_field"] = serde_json::json!("x");
    v["modules"]["m1"]["steps"] = serde_json::json!({"s": {"done": true, "future_step_field": 7}});
    fs::write(&path, serde_json::to_vec(&v).expect("json")).expect("write");
    let mut o = open(d.path(), "newer");
    assert!(o.notice.is_none());
    o.record
        .modules
        .entry("m2".into())
        .or_default()
        .steps
        .insert(
            "q".into(),
            StepRecord {
                done: true,
                ..Default::default()
            },
        );
    o.store.save(&o.record).expect("save");
    let after: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    assert_eq!(after["future_field"], serde_json::json!({"a": [1, 2]}));
    assert_eq!(after["settings"]["future_setting"], serde_json::json!(true));
    assert_eq!(after["modules"]["m1"]["future_module_field"], "x");
    assert_eq!(after["modules"]["m1"]["steps"]["s"]["future_step_field"], 7);
    assert_eq!(after["modules"]["m2"]["steps"]["q"]["done"], true);
}

/// Compact JSON of a valid record of `profile`, a little under `target`
/// bytes (built as text: fast even in a debug build).
fn compact_record_text(profile: &str, target: usize) -> String {
    let mut s = format!(
        "{{\"format\":\"notalone-progress\",\"version\":1,\"profile\":\"{profile}\",\"course\":\"{COURSE}\",\"modules\":{{"
    );
    let mut i = 0;
    while s.len() + 300 < target {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            "\"module-{i:07}\":{{\"started_at\":\"2026-11-29T10:00:00Z\",\"steps\":{{\"s\":{{\"done\":true,\"first_correct\":true,\"answer\":[1],\"answered_at\":\"2026-11-29T10:00:00Z\"}}}}}}"
        ));
        i += 1;
    }
    s.push_str("}}");
    s
}

#[test]
fn a_save_never_writes_what_the_reader_refuses_tested_at_the_limit() {
    let d = tempfile::tempdir().expect("tmp");
    let limit = usize::try_from(MAX_FILE_BYTES).expect("fits");
    let path = saved(d.path(), "big");
    // A valid compact file just under the limit, whose indented form is
    // far over it: read, and saved again compact, never set aside.
    let text = compact_record_text("big", limit - 1000);
    fs::write(&path, &text).expect("write");
    let mut o = open(d.path(), "big");
    assert!(o.notice.is_none(), "{:?}", o.notice);
    let modules = o.record.modules.len();
    assert!(modules > 40_000, "{modules}");
    assert!(serde_json::to_vec_pretty(&o.record).expect("json").len() > limit);
    complete(&mut o.record, "one-more");
    o.store.save(&o.record).expect("save near the limit");
    let len = fs::metadata(&path).expect("file").len();
    assert!(len <= MAX_FILE_BYTES, "{len}");
    let pdir = path.parent().expect("dir").to_path_buf();
    let no_leftovers = |what: &str| {
        let names = names_in(&pdir);
        assert!(
            !names
                .iter()
                .any(|n| n.ends_with(".bad") || n.ends_with(".tmp")),
            "{what}: {names:?}"
        );
    };
    no_leftovers("after the save");
    // Exactly at the limit the reader still reads it.
    let mut at_limit = fs::read(&path).expect("read");
    at_limit.resize(limit, b' ');
    fs::write(&path, &at_limit).expect("write");
    let again = open(d.path(), "big");
    assert!(
        again.notice.is_none(),
        "a file of exactly the limit is read"
    );
    assert_eq!(again.record.modules.len(), modules + 1);
    // Too large even compact: an error value, the old file kept, no .bad.
    let mut over = again.record.clone();
    for i in 0..60_000 {
        complete(&mut over, &format!("extra-{i:07}"));
    }
    let err = o.store.save(&over).expect_err("too large");
    assert_eq!(err.kind(), StoreErrorKind::TooLarge, "{err}");
    assert_eq!(
        o.store.status(),
        SaveStatus::Failed(StoreErrorKind::TooLarge)
    );
    assert_eq!(fs::read(&path).expect("read"), at_limit);
    no_leftovers("after the refused save");
}

#[cfg(unix)]
#[test]
fn a_stuck_lock_costs_one_short_wait_and_is_reported_once() {
    let d = tempfile::tempdir().expect("tmp");
    let path = saved(d.path(), "sam");
    let holder = fs::File::options()
        .read(true)
        .write(true)
        .open(path.with_extension("lock"))
        .expect("lock file");
    holder.lock().expect("hold the lock");
    let mut o = open(d.path(), "sam");
    let mut waits = Vec::new();
    for i in 0..7 {
        complete(&mut o.record, &format!("b{i}"));
        let t = Instant::now();
        let (_, state) = o
            .store
            .save_with(&o.record)
            .expect("saved without the lock");
        waits.push(t.elapsed());
        assert_eq!(state, LockState::Busy);
        assert_eq!(o.store.status(), SaveStatus::SavedBusy);
    }
    // Open already met the stuck lock: every save is quick.
    let total: Duration = waits.iter().sum();
    assert!(total < Duration::from_secs(2), "{waits:?}");
    assert!(o.store.take_busy_notice(), "told once");
    assert!(!o.store.take_busy_notice(), "only once");
    drop(holder);
    let (merged, state) = o.store.save_with(&o.record).expect("save");
    assert_eq!(state, LockState::Held);
    assert_eq!(o.store.status(), SaveStatus::Saved);
    assert_eq!(merged.modules.len(), 8);
    assert_eq!(open(d.path(), "sam").record.modules.len(), 8);
}

#[test]
fn missing_parents_of_the_data_folder_are_not_created() {
    let d = tempfile::tempdir().expect("tmp");
    let data = d.path().join("nonexistent/x/data");
    let err = ProgressStore::open(&data, "sam", COURSE).expect_err("no parent");
    assert_eq!(err.kind(), StoreErrorKind::MissingParent, "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!d.path().join("nonexistent").exists());
    // The data folder itself is made when its parent exists.
    let data = d.path().join("data");
    open(&data, "sam");
    assert!(data.is_dir());
}

#[test]
fn planted_nicknames_that_print_like_another_are_left_out_of_the_picker() {
    let d = tempfile::tempdir().expect("tmp");
    saved(d.path(), "bob");
    // Invisible characters, a separate accent, and a Cyrillic о in bоb.
    for (i, name) in [
        "bob\u{200B}",
        "bob\u{2060}",
        "bob\u{00AD}",
        "e\u{301}mile",
        "b\u{43e}b",
    ]
    .iter()
    .enumerate()
    {
        let key = notalone::progress::profile::profile_key(name);
        let dir = d.path().join("profiles").join(&key);
        fs::create_dir_all(&dir).expect("mkdir");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).expect("chmod");
        }
        let body = serde_json::json!({"format": "notalone-profile", "version": 1, "profile": name});
        fs::write(dir.join("_profile.json"), body.to_string()).expect("write");
        let _ = i;
    }
    let list = store::list_profiles_checked(d.path());
    assert_eq!(list.names, vec!["bob".to_string()], "{list:?}");
    assert_eq!(list.skipped.len(), 5, "{list:?}");
    // bоb cannot be opened either: it is not a nickname.
    assert!(matches!(
        ProgressStore::open(d.path(), "b\u{43e}b", COURSE).map(|_| ()),
        Err(e) if e.kind() == StoreErrorKind::InvalidProfile
    ));
    // Typed with a separate accent, émile is one profile with émile, and
    // the planted spelling is replaced by the normalised one.
    let a = open(d.path(), "e\u{301}mile");
    assert_eq!(a.store.profile(), "\u{e9}mile");
    assert_eq!(
        store::list_profiles(d.path()),
        vec!["bob".to_string(), "\u{e9}mile".to_string()]
    );
}
