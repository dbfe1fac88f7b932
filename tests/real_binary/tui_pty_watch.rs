//! End to end: `--watch` under a running full-screen preview, the real
//! binary in a pseudo-terminal (the harness is in `tui_pty.rs`): edits,
//! errors with their file:line:col, and fixes show up, with native file
//! watching and with polling.
#![cfg(unix)]

use std::path::Path;

use crate::tui_pty::{ENTER, Pty, course_dir};

/// A copy of the test course to edit.
fn copy_course() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&course_dir(), tmp.path());
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

/// Where the step's file says `file:line:col` on screen, if it does.
fn has_location(screen: &str, file: &str) -> bool {
    screen.lines().any(|l| {
        l.split(&format!("{file}:")).skip(1).any(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap_or("");
            let col: String = parts
                .next()
                .unwrap_or("")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) && !col.is_empty()
        })
    })
}

fn edit_under_a_running_preview(env: &[(&str, &str)]) {
    let course = copy_course();
    let data = tempfile::tempdir().expect("temp dir");
    let file = course.path().join("en/all-steps.toml");
    let original = std::fs::read_to_string(&file).expect("read step file");
    let mut p = Pty::start_in(
        course.path(),
        data.path(),
        &["--watch", "--profile", "w"],
        env,
    );
    p.wait_for("Pty Course");
    p.key(ENTER, "Before you start");
    p.key(ENTER, "First page");
    p.key(ENTER, "Jordan gets a message from someone new.");
    p.wait_for("Step 2 of 6");
    // Let a polling watcher take its first look.
    p.settle();

    // An edit: the new text, same step.
    let edited = original.replace(
        "Jordan gets a message from someone new.",
        "Sam gets a message from a stranger.",
    );
    assert_ne!(edited, original, "the fixture has the text to edit");
    std::fs::write(&file, &edited).expect("write");
    p.wait_for("Sam gets a message from a stranger.");
    p.wait_for("Step 2 of 6");
    assert!(!p.screen().contains("Jordan gets"), "{}", p.screen());

    // A syntax error: the diagnostics in place of the lesson.
    let broken = edited.replace("contact = \"maya\"", "contact = \"maya");
    assert_ne!(broken, edited, "the fixture has the line to break");
    std::fs::write(&file, &broken).expect("write");
    p.wait_for("The course has errors");
    p.wait_for("all-steps.toml:");
    assert!(
        has_location(&p.screen(), "all-steps.toml"),
        "file:line:col shown:\n{}",
        p.screen()
    );
    assert!(
        !p.screen().contains("Sam gets a message"),
        "no stale lesson:\n{}",
        p.screen()
    );
    // Keys of the lesson do nothing meanwhile; the program keeps running.
    p.send(ENTER);
    p.settle();
    assert!(p.screen().contains("The course has errors"));

    // Fixed: the lesson is back, on the same step.
    std::fs::write(&file, &edited).expect("write");
    p.wait_for("Sam gets a message from a stranger.");
    p.wait_for("Step 2 of 6");
    assert!(
        !p.screen().contains("The course has errors"),
        "{}",
        p.screen()
    );

    p.send(b"q");
    let status = p.wait_exit();
    assert!(status.success(), "q exits 0: {status:?}");
}

#[test]
fn edits_errors_and_fixes_show_up_with_native_watching() {
    edit_under_a_running_preview(&[("NOTALONE_WATCH_POLL", "0")]);
}

#[test]
fn edits_errors_and_fixes_show_up_with_polling() {
    edit_under_a_running_preview(&[("NOTALONE_WATCH_POLL", "1")]);
}
