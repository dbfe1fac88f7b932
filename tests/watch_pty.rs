//! Live preview end to end: `notalone --lessons DIR --watch` in a
//! pseudo-terminal (portable-pty, screen read through vt100, as in
//! tests/tui_pty.rs, whose helpers are copied here). An author edits a step
//! under the running course: the new text appears; a syntax error shows the
//! diagnostics (file:line:col) in place of the lesson; the fix brings the
//! lesson back on the same step. Run with native file notifications and with
//! polling (`NOTALONE_WATCH_POLL=1`).
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);

fn binary() -> PathBuf {
    std::env::var_os("NOTALONE_TUI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_notalone")))
}

fn course_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/tui")
}

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

/// The program in a pty, and what it drew.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    /// Kept open for as long as the program runs.
    _master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    rx: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("not zero")
}

impl Pty {
    fn start(course: &Path, data_dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system().openpty(size(80, 24)).expect("openpty");
        let mut cmd = CommandBuilder::new(binary());
        cmd.arg("--lessons");
        cmd.arg(course);
        cmd.arg("--data-dir");
        cmd.arg(data_dir);
        for a in extra {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("NOTALONE_LESSONS");
        cmd.env_remove("NOTALONE_DATA_DIR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Pty {
            child,
            _master: pair.master,
            writer: Some(writer),
            rx,
            parser: vt100::Parser::new(nz(24), nz(80), 0),
            raw: Vec::new(),
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(chunk) = self.rx.recv_timeout(wait) {
            self.parser.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
        while let Ok(chunk) = self.rx.try_recv() {
            self.parser.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `needle`.
    fn wait_for(&mut self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(needle) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {needle:?}; screen:\n{}",
            self.screen()
        );
    }

    /// Let the program draw what it has to draw.
    fn settle(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(300) {
            self.pump(Duration::from_millis(50));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("writer");
        w.write_all(bytes).expect("write");
        w.flush().expect("flush");
    }

    fn key(&mut self, bytes: &[u8], then: &str) {
        self.send(bytes);
        self.wait_for(then);
    }

    /// Wait for the exit status, reading what is left.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            self.pump(Duration::from_millis(20));
            if let Ok(Some(status)) = self.child.try_wait() {
                self.settle();
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit; screen:\n{}",
                self.screen()
            );
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const ENTER: &[u8] = b"\r";

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
    let mut p = Pty::start(
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
