//! Live preview's file watching: edits under a watched course folder give
//! one debounced signal per burst, with native watching and with polling.

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use notalone::watch::{CourseWatcher, WatchMode, WatchOptions};

/// A course folder in a temporary directory (exported, so it is real).
fn course() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    notalone::commands::export::export(tmp.path(), true).expect("export");
    tmp
}

/// Let the watcher settle (a polling watcher takes its first look).
fn settle() {
    std::thread::sleep(Duration::from_millis(300));
}

fn options(polling: bool) -> WatchOptions {
    WatchOptions {
        force_polling: polling,
        poll_interval: Duration::from_millis(250),
        // Longer than the default 200 ms, so that a loaded test machine
        // pausing this thread mid-burst does not split the burst.
        debounce: Duration::from_millis(400),
        ..WatchOptions::default()
    }
}

/// Drain signals for `quiet`; how many came.
fn count_within(rx: &Receiver<()>, quiet: Duration) -> usize {
    let mut n = 0;
    while rx.recv_timeout(quiet).is_ok() {
        n += 1;
    }
    n
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{rel} has {from}");
    std::fs::write(&p, text.replacen(from, to, 1)).expect("write");
}

fn burst_gives_one_signal(polling: bool) {
    let c = course();
    let (w, rx) = CourseWatcher::channel_with_options(c.path(), options(polling)).expect("watch");
    if polling {
        assert_eq!(w.mode(), WatchMode::Polling);
    }
    settle();
    assert_eq!(
        count_within(&rx, Duration::from_millis(200)),
        0,
        "no change yet"
    );

    // A burst: three files edited, one saved the way vim does (swap file,
    // probe file, backup by rename, new file), all within a few ms.
    edit(
        c.path(),
        "en/course.toml",
        "Not Alone",
        "Not Alone (our class)",
    );
    edit(c.path(), "en/final-check.toml", "title = ", "title =  ");
    let en = c.path().join("en");
    std::fs::write(en.join(".what-is-sextortion.toml.swp"), b"swap").expect("swap");
    std::fs::write(en.join("4913"), b"").expect("probe");
    std::fs::remove_file(en.join("4913")).expect("probe gone");
    let target = en.join("what-is-sextortion.toml");
    let text = std::fs::read_to_string(&target).expect("read");
    std::fs::rename(&target, en.join("what-is-sextortion.toml~")).expect("backup");
    std::fs::write(&target, text.replacen("title = ", "title =  ", 1)).expect("save");

    let wait = if polling { 5 } else { 3 };
    assert!(
        rx.recv_timeout(Duration::from_secs(wait)).is_ok(),
        "a signal after the burst"
    );
    assert_eq!(
        count_within(&rx, Duration::from_millis(if polling { 1500 } else { 900 })),
        0,
        "exactly one signal for one burst"
    );

    // Editor leftovers alone do not signal.
    std::fs::write(en.join(".intro.toml.swp"), b"x").expect("swap");
    std::fs::write(en.join("scratch.toml~"), b"x").expect("backup");
    assert_eq!(
        count_within(&rx, Duration::from_millis(if polling { 1500 } else { 900 })),
        0,
        "swap and backup files are ignored"
    );

    // Reading the course (what a reload does) does not signal.
    let src = notalone::course::CourseSource::Dir(c.path().to_path_buf());
    let _ = notalone::course::lint(&src).expect("lint");
    assert_eq!(
        count_within(&rx, Duration::from_millis(if polling { 1500 } else { 900 })),
        0,
        "reads are not changes"
    );

    // A later change gives a second signal; a new locale folder counts too.
    std::fs::create_dir(c.path().join("de")).expect("mkdir");
    std::fs::write(c.path().join("de/resources.toml"), b"intro = \"x\"\n").expect("write");
    assert!(
        rx.recv_timeout(Duration::from_secs(wait)).is_ok(),
        "a signal for the next change"
    );
    drop(w);
}

#[test]
fn native_watching_debounces_a_burst() {
    burst_gives_one_signal(false);
}

#[test]
fn polling_fallback_notices_changes() {
    burst_gives_one_signal(true);
}

#[test]
fn callback_runs_and_stops_after_drop() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let c = course();
    let hits = Arc::new(AtomicUsize::new(0));
    let h = Arc::clone(&hits);
    let w = CourseWatcher::new(c.path(), move || {
        h.fetch_add(1, Ordering::SeqCst);
    })
    .expect("watch");
    settle();
    edit(c.path(), "course.toml", "id = ", "id =  ");
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while hits.load(Ordering::SeqCst) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    drop(w);
    edit(c.path(), "course.toml", "id =  ", "id = ");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(hits.load(Ordering::SeqCst), 1, "no callback after drop");
}

#[test]
fn refuses_a_missing_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let err = CourseWatcher::new(tmp.path().join("nope"), || {}).expect_err("no folder");
    assert!(err.to_string().contains("no folder"), "{err}");
}
