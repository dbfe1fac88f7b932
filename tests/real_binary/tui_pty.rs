//! End to end: the real binary in a pseudo-terminal (portable-pty), its
//! screen read through a terminal emulator (vt100), driven by key presses,
//! mouse clicks, resizes, SIGTERM and a hangup. Checks that the terminal is
//! restored every time (main screen, cooked mode, mouse off), that progress
//! survives, that an idle course uses no CPU, and that `NO_COLOR` means no
//! colour at all.
//!
//! They run `notalone` (no command), which starts the full UI; set
//! `NOTALONE_TUI_BIN=path` to run them against another build.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub(crate) const TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) fn binary() -> PathBuf {
    std::env::var_os("NOTALONE_TUI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_notalone")))
}

pub(crate) fn course_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/tui")
}

/// The program in a pty, and what it drew.
pub(crate) struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    rx: Receiver<Vec<u8>>,
    stop_reading: Arc<AtomicBool>,
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
    pub(crate) fn start(data_dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::start_in(&course_dir(), data_dir, extra, env)
    }

    /// Start on the course in `course` (a copy, for the live-preview tests).
    pub(crate) fn start_in(
        course: &Path,
        data_dir: &Path,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Pty {
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
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = stop_reading.clone();
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
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        Pty {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            rx,
            stop_reading,
            parser: vt100::Parser::new(nz(24), nz(80), 0),
            raw: Vec::new(),
        }
    }

    pub(crate) fn pump(&mut self, wait: Duration) {
        if let Ok(chunk) = self.rx.recv_timeout(wait) {
            self.parser.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
        while let Ok(chunk) = self.rx.try_recv() {
            self.parser.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
    }

    pub(crate) fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `needle`.
    pub(crate) fn wait_for(&mut self, needle: &str) {
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
    pub(crate) fn settle(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(300) {
            self.pump(Duration::from_millis(50));
        }
    }

    pub(crate) fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("writer");
        w.write_all(bytes).expect("write");
        w.flush().expect("flush");
    }

    pub(crate) fn key(&mut self, bytes: &[u8], then: &str) {
        self.send(bytes);
        self.wait_for(then);
    }

    pub(crate) fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(m) = &self.master {
            m.resize(size(cols, rows)).expect("resize");
        }
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// (column, row) of `needle` on screen.
    pub(crate) fn find(&self, needle: &str) -> Option<(u16, u16)> {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for r in 0..rows {
            let line = screen.contents_between(r, 0, r, cols);
            if let Some(i) = line.find(needle) {
                return Some((line[..i].chars().count() as u16, r));
            }
        }
        None
    }

    /// The number shown before `text` in a list ("2. text"): items are
    /// shuffled per learner, so tests pick them by their words.
    pub(crate) fn number_of(&self, text: &str) -> Vec<u8> {
        let screen = self.screen();
        let line = screen
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"));
        // The first "N. " on the line.
        let digits: String = line
            .split(". ")
            .next()
            .unwrap_or("")
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(!digits.is_empty(), "no number before {text:?} in {line:?}");
        digits.into_bytes()
    }

    /// Wait for the exit status, reading what is left.
    pub(crate) fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

    /// The terminal is back to normal: main screen, mouse reports off,
    /// cursor shown, and (Linux) canonical mode with echo.
    pub(crate) fn assert_restored(&self) {
        assert!(
            !self.parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        let raw = String::from_utf8_lossy(&self.raw);
        assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
        assert!(raw.contains("\x1b[?1000l"), "mouse reports turned off");
        assert!(!self.parser.screen().hide_cursor(), "cursor shown");
        #[cfg(target_os = "linux")]
        {
            let t = self
                .master
                .as_ref()
                .and_then(|m| m.get_termios())
                .expect("the pty's termios");
            // Linux values of ICANON and ECHO.
            let lflag = u64::from(t.local_flags.bits());
            assert!(lflag & 0o2 != 0, "canonical mode restored");
            assert!(lflag & 0o10 != 0, "echo restored");
        }
    }

    /// Close our end of the pty, as an SSH client that drops does.
    pub(crate) fn hang_up(&mut self) {
        // The reader thread holds a copy of the master: make it wake up
        // (a resize makes the program draw) and stop.
        self.stop_reading.store(true, Ordering::SeqCst);
        self.resize(81, 24);
        self.settle();
        self.writer = None;
        self.master = None;
    }

    /// Seconds of CPU the program used so far (Linux).
    #[cfg(target_os = "linux")]
    pub(crate) fn cpu_ticks(&self) -> u64 {
        let pid = self.child.process_id().expect("pid");
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
        let after = &stat[stat.rfind(')').expect("comm") + 2..];
        let f: Vec<&str> = after.split(' ').collect();
        // utime and stime are fields 14 and 15 (11 and 12 after the name).
        f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub(crate) const ENTER: &[u8] = b"\r";

pub(crate) fn data_dir(name: &str) -> tempdir::Dir {
    tempdir::Dir::new(name)
}

/// A temporary directory without another dependency.
pub(crate) mod tempdir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(name: &str) -> Dir {
            let p = std::env::temp_dir().join(format!(
                "notalone-tui-pty-{name}-{}-{:?}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0)
            ));
            std::fs::create_dir_all(&p).expect("temp dir");
            Dir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn a_learner_takes_steps_quits_and_resumes_where_they_were() {
    let dir = data_dir("walk");
    let mut p = Pty::start(dir.path(), &[], &[]);
    // First run: no profiles, the nickname field is open.
    p.wait_for("Type a nickname");
    p.send(b"sam");
    p.key(ENTER, "Pty Course");
    p.wait_for("0 of 2 modules complete");
    p.key(ENTER, "Before you start");
    p.key(ENTER, "First page");
    p.wait_for("Step 1 of 6");
    p.key(ENTER, "Chat with maya");
    p.wait_for("hey saw u at the game");
    // Space reveals the next message too.
    p.key(b" ", "add me on the other app");
    p.key(ENTER, "Which messages worry you?");
    p.key(b"2", "[x]");
    p.key(ENTER, "Warning sign, and you spotted it.");
    p.key(ENTER, "What do you do?");
    // A digit selects; Enter chooses.
    let safe = p.number_of("Stop replying");
    p.send(&safe);
    p.wait_for("› ");
    p.settle();
    let hl = p.screen();
    assert!(
        hl.lines()
            .any(|l| l.contains('›') && l.contains("Stop replying")),
        "{hl}"
    );
    assert!(!p.screen().contains("A safe choice."));
    p.key(ENTER, "A safe choice.");
    p.key(ENTER, "Select every message that should worry you.");
    p.wait_for("Step 3 of 6");
    p.send(b"q");
    let status = p.wait_exit();
    assert!(status.success(), "q exits 0: {status:?}");
    p.assert_restored();
    // On the restored terminal, one line says the progress is saved.
    p.wait_for("Your progress is saved.");
    let raw = String::from_utf8_lossy(&p.raw).to_string();
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let said = raw.rfind("Your progress is saved.").expect("the line");
    assert!(said > left, "the line comes after the terminal is restored");

    // Again: the profile exists, Enter resumes at the spot step (no note).
    let mut p = Pty::start(dir.path(), &[], &[]);
    p.wait_for("sam");
    p.key(ENTER, "2 modules left");
    p.wait_for("Press Enter to continue with: Every kind of step");
    p.key(ENTER, "Select every message that should worry you.");
    assert!(!p.screen().contains("Before you start"));
    // Answer with digits and Enter, through the three questions (the
    // items are in sam's shuffled order: pick them by their words).
    let n = p.number_of("keep it secret");
    p.send(&n);
    p.key(ENTER, "You spotted every warning sign.");
    p.key(ENTER, "Someone threatens you. What first?");
    let n = p.number_of("Tell an adult you trust");
    p.send(&n);
    p.key(ENTER, "Right.");
    p.key(ENTER, "Who can help?");
    let n = p.number_of("A parent or carer");
    p.send(&n);
    p.key(ENTER, "Right.");
    p.key(ENTER, "Put these in order");
    // Shift+Down, Shift+Up (xterm sequences) and u/d move the highlighted item.
    p.send(b"\x1b[1;2B");
    p.send(b"u");
    p.key(ENTER, "The right order:");
    p.key(ENTER, "Module complete: Every kind of step");
    p.wait_for("Test Helpline");
    p.key(ENTER, "1 of 2 modules complete");
    p.send(b"\x03");
    let status = p.wait_exit();
    assert!(status.success(), "Ctrl-C quits like q: {status:?}");
    p.assert_restored();
}

#[test]
fn help_and_settings_open_and_close() {
    let dir = data_dir("help");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.key(b"h", "Test Helpline");
    p.wait_for("0800 000 000");
    p.wait_for("Nothing is sent anywhere");
    p.key(b"\x1b", "Pty Course");
    // F1 (xterm: ESC O P) is help too.
    p.key(b"\x1bOP", "Test Helpline");
    p.key(b"h", "modules left");
    p.key(b"s", "Settings");
    p.wait_for("High contrast");
    // q closes settings (and help), as in less or man; on home it quits.
    p.key(b"q", "modules left");
    p.key(b"h", "Test Helpline");
    p.key(b"q", "modules left");
    p.send(b"q");
    assert!(p.wait_exit().success());
    p.assert_restored();
    p.wait_for("Your progress is saved.");
}

#[test]
fn a_mouse_click_selects_and_opens_a_module() {
    let dir = data_dir("mouse");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("After");
    let raw = String::from_utf8_lossy(&p.raw).to_string();
    assert!(raw.contains("\x1b[?1000h"), "click reports on");
    assert!(!raw.contains("\x1b[?1003h"), "no motion reports");
    let (col, row) = p.find("2. After").expect("module row");
    let click = format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    );
    p.key(click.as_bytes(), "› 2. After");
    p.key(click.as_bytes(), "You are not alone.");
    p.send(b"q");
    assert!(p.wait_exit().success());
    p.assert_restored();
}

#[test]
fn resizing_below_the_minimum_and_back() {
    let dir = data_dir("resize");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.resize(30, 8);
    p.wait_for("larger");
    p.resize(1, 1);
    p.settle();
    p.resize(200, 60);
    p.wait_for("Pty Course");
    p.resize(80, 24);
    p.wait_for("modules left");
    p.send(b"q");
    assert!(p.wait_exit().success());
    p.assert_restored();
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_course_uses_no_cpu() {
    let dir = data_dir("idle");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.settle();
    let before = p.cpu_ticks();
    std::thread::sleep(Duration::from_millis(1500));
    let used = p.cpu_ticks() - before;
    assert!(used <= 1, "idle for 1.5 s used {used} ticks of CPU");
    p.send(b"q");
    assert!(p.wait_exit().success());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let dir = data_dir("term");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.key(ENTER, "Before you start");
    p.key(ENTER, "First page");
    let pid = p.child.process_id().expect("pid");
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
    let status = p.wait_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    p.assert_restored();
    // The step reached was saved.
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.key(ENTER, "First page");
    p.send(b"q");
    assert!(p.wait_exit().success());
}

#[test]
fn a_dropped_ssh_session_saves_and_exits_129_without_spinning() {
    let dir = data_dir("hup");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.key(ENTER, "Before you start");
    p.key(ENTER, "First page");
    p.key(ENTER, "Chat with maya");
    p.hang_up();
    let start = Instant::now();
    let status = loop {
        if let Ok(Some(s)) = p.child.try_wait() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "still running 3 s after the hangup"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.exit_code(), 129, "{status:?}");
    assert_eq!(status.signal(), None, "exited, not killed by a signal");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.key(ENTER, "Chat with maya");
    p.send(b"q");
    assert!(p.wait_exit().success());
}

/// SGR sequences that set a colour (foreground, background, underline).
fn colour_sequences(raw: &[u8]) -> Vec<String> {
    let s = String::from_utf8_lossy(raw);
    s.split('\x1b')
        .skip(1)
        .filter_map(|seq| {
            let rest = seq.strip_prefix('[')?;
            let end = rest.find(|c: char| ('\x40'..='\x7e').contains(&c))?;
            let colour = rest[end..].starts_with('m')
                && rest[..end].split(';').any(|p| {
                    matches!(
                        p.parse::<u32>(),
                        Ok(30..=49 | 58 | 59 | 90..=97 | 100..=107)
                    )
                });
            colour.then(|| format!("ESC[{}", &rest[..=end]))
        })
        .collect()
}

#[test]
fn no_color_means_no_colour_escape_at_all() {
    let dir = data_dir("nocolor");
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[("NO_COLOR", "1")]);
    p.wait_for("Pty Course");
    p.key(ENTER, "Before you start");
    p.key(ENTER, "First page");
    p.key(ENTER, "Chat with maya");
    p.key(b"h", "Test Helpline");
    p.key(b"\x1b", "Chat with maya");
    p.send(b"q");
    assert!(p.wait_exit().success());
    p.assert_restored();
    let found = colour_sequences(&p.raw);
    assert!(found.is_empty(), "colour escapes with NO_COLOR: {found:?}");

    // Without NO_COLOR the default theme does use colour (the check works).
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Pty Course");
    p.send(b"q");
    assert!(p.wait_exit().success());
    assert!(!colour_sequences(&p.raw).is_empty());
}

/// Start in plain mode, continue in the full UI, then back in plain mode:
/// both front ends save and resume through the same progress file.
#[test]
fn progress_carries_across_plain_and_full_screen() {
    let dir = data_dir("cross");
    let plain = |input: &str| {
        let mut child = std::process::Command::new(binary())
            .args(["--plain", "--profile", "sam", "--lessons"])
            .arg(course_dir())
            .arg("--data-dir")
            .arg(dir.path())
            .env("LANG", "C.UTF-8")
            .env_remove("NOTALONE_LESSONS")
            .env_remove("NOTALONE_DATA_DIR")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("plain runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("answers");
        let out = child.wait_with_output().expect("exits");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // Plain: home, content note, read, chat (reveal, flag 2, signs, safe choice, feedback).
    // Plain mode shows the choices in sam's shuffled order: find the safe one (file index 1).
    let shown = notalone::session::shuffled_display(
        2,
        &notalone::session::shuffle_key("sam", "tui-e2e", "all-steps", "new-follower"),
    );
    let safe = shown.iter().position(|i| *i == 1).expect("shown") + 1;
    let t = plain(&format!("\n\n\n\n2\n\n{safe}\n\n"));
    assert!(t.contains("Good call."), "{t}");
    // Full UI: Enter on home resumes at the spot step, without the content note.
    let mut p = Pty::start(dir.path(), &["--profile", "sam"], &[]);
    p.wait_for("Press Enter to continue with: Every kind of step");
    p.key(ENTER, "Select every message that should worry you.");
    assert!(!p.screen().contains("Before you start"));
    let n = p.number_of("keep it secret");
    p.send(&n);
    p.key(ENTER, "You spotted every warning sign.");
    p.key(ENTER, "Someone threatens you. What first?");
    p.send(b"q");
    assert!(p.wait_exit().success());
    p.assert_restored();
    // Plain again: resumes at the question the full UI reached.
    let t = plain("\n");
    assert!(t.contains("Someone threatens you. What first?"), "{t}");
}

// ---------------------------------------------------------------------------
// Live preview: `notalone --lessons DIR --watch`. An author edits a step under
// the running course: the new text appears; a syntax error shows the
// diagnostics (file:line:col) in place of the lesson; the fix brings the
// lesson back on the same step. With native notifications and with polling.
