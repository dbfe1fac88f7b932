//! The progress store under `kill -9`, several processes saving at once,
//! and a full or read-only disk.
//!
//! These tests re-run this test binary as a child process (the "re-exec"
//! trick): a test whose environment variable is set does the child's work
//! (a save loop to be killed, a burst of concurrent saves, saves on a tiny
//! disk); without it, it does nothing.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use notalone::progress::store::{self, ProgressStore, StoreErrorKind};
use notalone::progress::{CourseRecord, Position, Status, record};

use super::progress_store::{COURSE, answer, bads, complete, open, temps, tmp};

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
                "store_kills::child_save_loop",
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
                    "store_kills::child_concurrent_saver",
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
        "mount -t tmpfs -o size=96k tmpfs '{}' && exec \"$0\" --exact store_kills::child_small_disk --nocapture --test-threads=1",
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
