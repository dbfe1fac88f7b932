//! Watching a course folder for live preview (`notalone --lessons DIR --watch`).
//!
//! [`CourseWatcher`] watches a course folder, and everything under it, and
//! calls back once per burst of changes, after the files have been quiet for
//! a moment (editors write a file in several steps, or save several files at
//! once). It is the file-watching half of live preview; the other half (the
//! UI) reloads the course on each call.
//!
//! # Using it from an event loop
//!
//! The callback runs on the watcher's own thread, so it should only pass the
//! news on. A loop that blocks on terminal input with a timeout can poll a
//! flag or a channel; a loop that waits on a channel of its own events gets
//! a message:
//!
//! ```no_run
//! use std::sync::mpsc;
//! use notalone::watch::CourseWatcher;
//!
//! enum AppEvent { Key(char), CourseChanged }
//!
//! let (tx, rx) = mpsc::channel::<AppEvent>();
//! let changes = tx.clone();
//! // Keep `_watcher` alive as long as the preview runs; dropping it stops watching.
//! let _watcher = CourseWatcher::new("my-course", move || {
//!     let _ = changes.send(AppEvent::CourseChanged);
//! })?;
//! // ... a thread sends AppEvent::Key for each key press ...
//! for ev in rx {
//!     match ev {
//!         AppEvent::CourseChanged => { /* reload; see below */ }
//!         AppEvent::Key(_) => {}
//!     }
//! }
//! # Ok::<(), notalone::watch::WatchError>(())
//! ```
//!
//! [`CourseWatcher::channel`] gives a plain `Receiver<()>` instead (one `()`
//! per burst), for a loop that polls with `try_recv` between
//! `crossterm::event::poll(timeout)` calls.
//!
//! What to do on a change (the contract of issue 8): load the course again
//! (`crate::course::load`); if it loads, show it at the same module and step
//! when they still exist (else the nearest one before); if it has errors,
//! show the lint report (file:line:col and message) in place of the lesson
//! until the next change fixes it. Never keep showing stale content without a
//! word, and never crash: the next change simply triggers another reload.
//!
//! # What counts as a change
//!
//! Files being created, written, renamed or removed anywhere under the
//! folder, including folders renamed or removed. Reads never count (so the
//! reload itself does not trigger another). Ignored: hidden files and
//! folders (`.name`, which includes vim's `.x.swp` and Emacs' `.#x`), backup
//! and temporary files (`x~`, `#x#`, `*.swp`, `*.swx`, `*.tmp`, `*.bak`,
//! `*___jb_tmp___`, `*___jb_old___`), and vim's `4913` probe. The folder
//! itself is watched (not each file) so editors that save by writing a new
//! file and renaming it over the old one are seen.
//!
//! # Native watching and polling
//!
//! By default the operating system's file notifications are used (inotify,
//! FSEvents, ReadDirectoryChangesW). They are unreliable on network drives,
//! shared folders of virtual machines and some sync tools, so the watcher
//! polls instead (every [`POLL_INTERVAL`], comparing file contents) when:
//! - native watching cannot start (e.g. the system's limit of watches is
//!   reached), or
//! - on Linux, the folder is on a network or shared file system (NFS, SMB,
//!   SSHFS, 9p, VirtualBox or VMware shared folders...), or
//! - the environment variable `NOTALONE_WATCH_POLL=1` is set (the escape
//!   hatch when changes are not noticed).
//!
//! [`CourseWatcher::mode`] tells which is in use, so the UI can say so.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};

/// How long the files must be quiet before the callback runs.
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// Longest wait under a constant stream of changes before calling back anyway.
pub const MAX_DELAY: Duration = Duration::from_secs(2);
/// How often the polling fallback looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// Set to `1` to force polling.
pub const POLL_ENV: &str = "NOTALONE_WATCH_POLL";

/// How a [`CourseWatcher`] notices changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The operating system's file notifications.
    Native,
    /// Looking at the files every [`POLL_INTERVAL`].
    Polling,
}

/// Why watching could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The folder does not exist or is not a folder.
    #[error("there is no folder {0} to watch")]
    NoDir(String),
    /// Neither native watching nor polling could start.
    #[error("could not watch {dir} for changes ({error})")]
    Start { dir: String, error: String },
}

/// Options of a [`CourseWatcher`]; [`CourseWatcher::new`] uses the defaults.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Quiet time before calling back.
    pub debounce: Duration,
    /// Longest wait before calling back under constant changes.
    pub max_delay: Duration,
    /// Interval of the polling fallback.
    pub poll_interval: Duration,
    /// Poll even when native watching would work.
    pub force_polling: bool,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            debounce: DEBOUNCE,
            max_delay: MAX_DELAY,
            poll_interval: POLL_INTERVAL,
            force_polling: std::env::var(POLL_ENV).is_ok_and(|v| !v.is_empty() && v != "0"),
        }
    }
}

enum Msg {
    Changed,
    Stop,
}

/// Watches a course folder; calls back once per burst of changes. Dropping
/// it stops watching (and no callback runs after the drop returns).
pub struct CourseWatcher {
    // Dropped first: no more events come in.
    watcher: Option<Box<dyn Watcher + Send>>,
    mode: WatchMode,
    dir: PathBuf,
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for CourseWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CourseWatcher")
            .field("dir", &self.dir)
            .field("mode", &self.mode)
            .finish()
    }
}

impl CourseWatcher {
    /// Watch `dir` (recursively) with the default options; `on_change` runs on
    /// the watcher's thread once per burst of changes.
    pub fn new(
        dir: impl AsRef<Path>,
        on_change: impl Fn() + Send + 'static,
    ) -> Result<CourseWatcher, WatchError> {
        Self::with_options(dir, WatchOptions::default(), on_change)
    }

    /// Watch `dir`; each burst of changes sends one `()` on the receiver.
    pub fn channel(dir: impl AsRef<Path>) -> Result<(CourseWatcher, Receiver<()>), WatchError> {
        Self::channel_with_options(dir, WatchOptions::default())
    }

    /// [`CourseWatcher::channel`] with options.
    pub fn channel_with_options(
        dir: impl AsRef<Path>,
        options: WatchOptions,
    ) -> Result<(CourseWatcher, Receiver<()>), WatchError> {
        let (tx, rx) = mpsc::channel();
        let w = Self::with_options(dir, options, move || {
            let _ = tx.send(());
        })?;
        Ok((w, rx))
    }

    /// Watch `dir` with the given options.
    pub fn with_options(
        dir: impl AsRef<Path>,
        options: WatchOptions,
        on_change: impl Fn() + Send + 'static,
    ) -> Result<CourseWatcher, WatchError> {
        let given = dir.as_ref();
        if !given.is_dir() {
            return Err(WatchError::NoDir(given.display().to_string()));
        }
        // Events carry absolute paths; compare them with the canonical root.
        let root = given.canonicalize().unwrap_or_else(|_| given.to_path_buf());
        let (tx, rx) = mpsc::channel::<Msg>();
        let (watcher, mode) = start(&root, &options, &tx)?;
        let (mut debounce, mut max_delay) = (options.debounce, options.max_delay);
        if mode == WatchMode::Polling {
            // A burst may straddle two looks at the files: wait for the next
            // look before calling back.
            debounce = debounce.max(options.poll_interval + Duration::from_millis(100));
            max_delay = max_delay.max(options.poll_interval * 3);
        }
        let thread = std::thread::Builder::new()
            .name("notalone-watch".to_string())
            .spawn(move || debounce_loop(&rx, debounce, max_delay, on_change))
            .map_err(|e| WatchError::Start {
                dir: root.display().to_string(),
                error: e.to_string(),
            })?;
        Ok(CourseWatcher {
            watcher: Some(watcher),
            mode,
            dir: root,
            tx,
            thread: Some(thread),
        })
    }

    /// How changes are noticed.
    pub fn mode(&self) -> WatchMode {
        self.mode
    }

    /// The folder watched (canonical).
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for CourseWatcher {
    fn drop(&mut self) {
        self.watcher.take();
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Start native watching, or polling when it cannot work.
fn start(
    root: &Path,
    options: &WatchOptions,
    tx: &Sender<Msg>,
) -> Result<(Box<dyn Watcher + Send>, WatchMode), WatchError> {
    if !options.force_polling && !is_network_fs(root) {
        let handler = handler(root, tx.clone());
        let native = notify::recommended_watcher(handler).and_then(|mut w| {
            w.watch(root, RecursiveMode::Recursive)?;
            Ok(w)
        });
        if let Ok(w) = native {
            return Ok((Box::new(w), WatchMode::Native));
        }
        // Fall through: poll instead.
    }
    let config = notify::Config::default()
        .with_poll_interval(options.poll_interval)
        .with_compare_contents(true);
    let mut w = notify::PollWatcher::new(handler(root, tx.clone()), config).map_err(|e| {
        WatchError::Start {
            dir: root.display().to_string(),
            error: e.to_string(),
        }
    })?;
    w.watch(root, RecursiveMode::Recursive)
        .map_err(|e| WatchError::Start {
            dir: root.display().to_string(),
            error: e.to_string(),
        })?;
    Ok((Box::new(w), WatchMode::Polling))
}

/// The notify event handler: forwards relevant events as `Msg::Changed`.
fn handler(
    root: &Path,
    tx: Sender<Msg>,
) -> impl FnMut(notify::Result<notify::Event>) + Send + use<> {
    let root = root.to_path_buf();
    move |res: notify::Result<notify::Event>| {
        let relevant = match &res {
            // An error (e.g. the folder went away): let the reload tell.
            Err(_) => true,
            Ok(ev) => is_relevant(&root, ev),
        };
        if relevant {
            let _ = tx.send(Msg::Changed);
        }
    }
}

fn is_relevant(root: &Path, ev: &notify::Event) -> bool {
    if matches!(ev.kind, EventKind::Access(_)) {
        return false;
    }
    // A folder "modified" only means an entry in it changed, and that entry
    // has its own event (the polling watcher reports both); a folder created,
    // renamed or removed does count.
    let modify = matches!(
        ev.kind,
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_) | ModifyKind::Any)
    );
    // No paths (rare): assume something changed.
    ev.paths.is_empty()
        || ev
            .paths
            .iter()
            .any(|p| !(is_ignored(root, p) || (modify && p.is_dir())))
}

/// Whether a changed path is an editor's temporary file, a backup, or hidden.
pub fn is_ignored(root: &Path, path: &Path) -> bool {
    // Outside the root (should not happen), judge by the file name only: the
    // course folder itself may sit under a hidden folder.
    let rel = match path.strip_prefix(root) {
        Ok(r) => r,
        Err(_) => Path::new(path.file_name().unwrap_or_default()),
    };
    for c in rel.components() {
        if let Component::Normal(name) = c
            && name.to_string_lossy().starts_with('.')
        {
            return true;
        }
    }
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let name = name.as_ref();
    name == "4913"
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

/// Wait for a change, then for `debounce` of quiet (at most `max_delay`
/// from the first change), then call back once.
fn debounce_loop(rx: &Receiver<Msg>, debounce: Duration, max_delay: Duration, f: impl Fn()) {
    loop {
        match rx.recv() {
            Ok(Msg::Changed) => {}
            Ok(Msg::Stop) | Err(_) => return,
        }
        let first = Instant::now();
        loop {
            let left = max_delay.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(debounce.min(left)) {
                Ok(Msg::Changed) => continue,
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        f();
    }
}

/// Whether `dir` is on a network or shared file system, where native
/// notifications miss changes made elsewhere (Linux: from /proc/self/mountinfo).
#[cfg(target_os = "linux")]
fn is_network_fs(dir: &Path) -> bool {
    let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    fs_type_of(&info, dir).is_some_and(|t| is_network_type(&t))
}

#[cfg(not(target_os = "linux"))]
fn is_network_fs(_dir: &Path) -> bool {
    false
}

/// The file system type of the longest mount point containing `dir`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn fs_type_of(mountinfo: &str, dir: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        // "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw"
        let mut halves = line.splitn(2, " - ");
        let (Some(left), Some(right)) = (halves.next(), halves.next()) else {
            continue;
        };
        let Some(mount) = left.split(' ').nth(4) else {
            continue;
        };
        let Some(fstype) = right.split(' ').next() else {
            continue;
        };
        let mount = unescape_mount(mount);
        let mp = Path::new(&mount);
        if dir.starts_with(mp) {
            let len = mp.as_os_str().len();
            if best.as_ref().is_none_or(|(l, _)| len >= *l) {
                best = Some((len, fstype.to_string()));
            }
        }
    }
    best.map(|(_, t)| t)
}

/// Mount points escape space, tab, newline and backslash as `\ooo`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn unescape_mount(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && let Some(n) = s
                .get(i + 1..i + 4)
                .and_then(|o| u8::from_str_radix(o, 8).ok())
        {
            out.push(char::from(n));
            i += 4;
            continue;
        }
        if let Some(c) = s[i..].chars().next() {
            out.push(c);
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn is_network_type(t: &str) -> bool {
    matches!(
        t,
        "nfs"
            | "nfs4"
            | "cifs"
            | "smb3"
            | "smbfs"
            | "9p"
            | "afs"
            | "ceph"
            | "glusterfs"
            | "davfs"
            | "ncpfs"
            | "vboxsf"
            | "vmhgfs"
            | "prl_fs"
            | "virtiofs"
            | "drvfs"
    ) || t.starts_with("fuse.sshfs")
        || t == "fuse.rclone"
        || t == "fuse.vmhgfs-fuse"
        || t == "fuse.gvfsd-fuse"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_temporary_files() {
        let root = Path::new("/c");
        for p in [
            "/c/en/.intro.toml.swp",
            "/c/en/intro.toml~",
            "/c/en/.#intro.toml",
            "/c/en/#intro.toml#",
            "/c/en/4913",
            "/c/.git/index",
            "/c/en/intro.toml___jb_tmp___",
            "/c/en/intro.swp",
        ] {
            assert!(is_ignored(root, Path::new(p)), "{p}");
        }
        for p in ["/c/en/intro.toml", "/c/course.toml", "/c/fr", "/c/en/x.md"] {
            assert!(!is_ignored(root, Path::new(p)), "{p}");
        }
    }

    #[test]
    fn finds_network_mounts() {
        let info = "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n\
                    40 22 0:50 / /mnt/school\\040share rw - cifs //srv/share rw\n\
                    41 22 0:51 / /home/t/vm rw - vboxsf none rw\n";
        assert_eq!(
            fs_type_of(info, Path::new("/home/t/course")).as_deref(),
            Some("ext4")
        );
        assert_eq!(
            fs_type_of(info, Path::new("/mnt/school share/course")).as_deref(),
            Some("cifs")
        );
        assert!(is_network_type("cifs") && is_network_type("fuse.sshfs"));
        assert!(!is_network_type("ext4") && !is_network_type("tmpfs"));
        assert_eq!(
            fs_type_of(info, Path::new("/home/t/vm/c")).as_deref(),
            Some("vboxsf")
        );
    }

    #[test]
    fn debounce_coalesces_a_burst() {
        let (tx, rx) = mpsc::channel();
        let (out_tx, out_rx) = mpsc::channel();
        let t = std::thread::spawn(move || {
            debounce_loop(
                &rx,
                Duration::from_millis(50),
                Duration::from_secs(5),
                move || {
                    let _ = out_tx.send(());
                },
            )
        });
        for _ in 0..10 {
            tx.send(Msg::Changed).expect("send");
        }
        assert!(out_rx.recv_timeout(Duration::from_secs(2)).is_ok());
        assert!(out_rx.recv_timeout(Duration::from_millis(200)).is_err());
        tx.send(Msg::Stop).expect("send");
        t.join().expect("join");
    }
}
