//! A shared class folder with real second accounts (security review F1, F2,
//! F3): throwaway Unix users and a group are created, the class folder is
//! set up as docs/deploying.md says, and the real binary runs as each user
//! with `runuser`. Needs root and useradd/runuser: skipped with a reason
//! otherwise, a failure when CI=true.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::runner::{BIN, e2e_course};

const TAKEN: &str = "already used by another account";

fn sh(args: &[&str]) -> bool {
    Command::new(args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Throwaway accounts, a group and a class folder; removed on drop.
struct Class {
    group: String,
    users: Vec<String>,
    base: PathBuf,
}

impl Class {
    fn create() -> Option<Class> {
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        let tools = [
            "useradd", "userdel", "groupadd", "groupdel", "runuser", "mkfifo",
        ]
        .iter()
        .all(|t| sh(&["sh", "-c", &format!("command -v {t}")]));
        if !root || !tools {
            let why = if root {
                "useradd/runuser are not installed"
            } else {
                "it needs root to create throwaway accounts"
            };
            assert!(
                std::env::var_os("CI").is_none_or(|v| v != "true"),
                "shared-folder test cannot run under CI: {why}"
            );
            eprintln!("skipped: the shared-folder test with real accounts: {why}");
            return None;
        }
        let tag = std::process::id() % 100_000;
        let group = format!("nag{tag}");
        let _ = sh(&["groupdel", &group]);
        assert!(sh(&["groupadd", &group]), "groupadd {group}");
        let mut class = Class {
            group: group.clone(),
            users: vec![],
            base: std::env::temp_dir().join(format!("notalone-class-{tag}")),
        };
        for who in ["a", "b", "d"] {
            let u = format!("na{who}{tag}");
            let _ = sh(&["userdel", "-r", &u]);
            assert!(
                sh(&["useradd", "-m", "-s", "/bin/sh", "-G", &group, &u]),
                "useradd {u}"
            );
            class.users.push(u);
        }
        // As docs/deploying.md says: a group folder, sticky, with profiles/
        // made by the administrator.
        let _ = fs::remove_dir_all(&class.base);
        fs::create_dir_all(class.dir().join("profiles")).expect("class folder");
        fs::set_permissions(&class.base, fs::Permissions::from_mode(0o755)).expect("chmod");
        for d in [class.dir(), class.dir().join("profiles")] {
            assert!(sh(&["chgrp", &group, &d.to_string_lossy()]));
            fs::set_permissions(&d, fs::Permissions::from_mode(0o1770)).expect("chmod");
        }
        Some(class)
    }

    fn dir(&self) -> PathBuf {
        self.base.join("class")
    }

    fn profiles(&self) -> PathBuf {
        self.dir().join("profiles")
    }

    /// The user named by role: "a" (the trouble-maker), "b", "d".
    fn user(&self, who: &str) -> &str {
        let i = ["a", "b", "d"]
            .iter()
            .position(|w| *w == who)
            .expect("role");
        &self.users[i]
    }

    fn home(&self, who: &str) -> PathBuf {
        Path::new("/home").join(self.user(who))
    }

    /// A shell command run as `who`.
    fn as_user(&self, who: &str, script: &str) {
        assert!(
            sh(&["runuser", "-u", self.user(who), "--", "sh", "-c", script]),
            "as {who}: {script}"
        );
    }

    /// notalone in plain mode as `who`, with `input` piped in; at most 20 s.
    fn notalone(&self, who: &str, args: &[&str], input: &str) -> Output {
        let mut child = Command::new("runuser")
            .args(["-u", self.user(who), "--", "env"])
            .arg(format!("HOME={}", self.home(who).display()))
            .args(["LANG=C.UTF-8", BIN, "--plain", "--lessons"])
            .arg(e2e_course())
            .arg("--data-dir")
            .arg(self.dir())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runuser runs");
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(input.as_bytes());
        drop(stdin);
        wait_at_most(child, Duration::from_secs(20))
    }
}

impl Drop for Class {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.base);
        for u in &self.users {
            let _ = sh(&["userdel", "-r", u]);
        }
        let _ = sh(&["groupdel", &self.group]);
    }
}

fn wait_at_most(mut child: std::process::Child, limit: Duration) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("notalone hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every entry of a folder with its owner uid.
fn listing(dir: &Path) -> Vec<(String, u32, u64)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| {
                    let m = fs::symlink_metadata(e.path()).expect("stat");
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        m.uid(),
                        m.len(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn uid_of(user: &str) -> u32 {
    let o = Command::new("id").args(["-u", user]).output().expect("id");
    String::from_utf8_lossy(&o.stdout)
        .trim()
        .parse()
        .expect("a uid")
}

#[test]
fn classmates_in_a_shared_folder_cannot_take_redirect_or_freeze_each_others_progress() {
    let Some(class) = Class::create() else {
        return;
    };
    let prof = class.profiles();

    // F2: "a" squats b's nickname with a world-writable folder and a forged
    // record. b is told the nickname is taken; nothing of b's is written
    // there and the forged record is not shown to b.
    class.as_user(
        "a",
        &format!(
            "mkdir -m 0777 {0}/p-{1} && echo '{{}}' > {0}/p-{1}/notalone.json",
            prof.display(),
            class.user("b")
        ),
    );
    let squat = prof.join(format!("p-{}", class.user("b")));
    let before = listing(&squat);
    let out = class.notalone("b", &["--profile", class.user("b")], "\n\n1\n\n");
    assert!(text(&out).contains(TAKEN), "{}", text(&out));
    assert!(!out.status.success());
    assert_eq!(
        listing(&squat),
        before,
        "nothing written in the squatted folder"
    );

    // F1: "a" plants d's profile folder as a link to a folder in d's home.
    // d is told the nickname is taken; d's own files are untouched (before,
    // d's own process deleted an old .tmp file there and renamed another).
    class.as_user(
        "d",
        "mkdir -p \"$HOME/work\" && echo essay > \"$HOME/work/.essay.tmp\" \
         && touch -d '2 hours ago' \"$HOME/work/.essay.tmp\" \
         && echo '{\"other\":\"app\"}' > \"$HOME/work/notalone.json\"",
    );
    let work = class.home("d").join("work");
    class.as_user(
        "a",
        &format!(
            "ln -s {} {}/p-{}",
            work.display(),
            prof.display(),
            class.user("d")
        ),
    );
    let before = listing(&work);
    let out = class.notalone("d", &["--profile", class.user("d")], "\n\n1\n\n");
    assert!(text(&out).contains(TAKEN), "{}", text(&out));
    assert_eq!(listing(&work), before, "d's own folder is untouched");

    // Choosing on the nickname screen: the taken nickname is refused in one
    // calm sentence, another one is made and used.
    let out = class.notalone("b", &[], &format!("1\n{}\nbea\n\n\n\n", class.user("b")));
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(t.contains(TAKEN), "{t}");
    let bea = prof.join("p-bea");
    let m = fs::symlink_metadata(&bea).unwrap_or_else(|e| panic!("b's new folder: {e}\n{t}"));
    assert!(m.is_dir() && m.uid() == uid_of(class.user("b")));
    assert_eq!(m.mode() & 0o777, 0o700);
    let saved = bea.join("e2e.json");
    let saved_bytes = fs::read(&saved).expect("b's progress saved");
    assert_eq!(fs::metadata(&saved).expect("stat").mode() & 0o777, 0o600);

    // "a" then asks for b's new nickname: taken; b's file is unchanged.
    let out = class.notalone("a", &["--profile", "bea"], "\n\n1\n\n");
    assert!(text(&out).contains(TAKEN), "{}", text(&out));
    assert_eq!(fs::read(&saved).expect("still there"), saved_bytes);

    // F3: a FIFO where a profile file should be freezes nobody: not a
    // classmate's nickname screen, not the teacher's report.
    class.as_user(
        "a",
        &format!(
            "mkdir -m 0755 {0}/p-eve && mkfifo -m 0666 {0}/p-eve/_profile.json",
            prof.display()
        ),
    );
    let out = class.notalone("d", &[], "\n");
    assert!(out.status.success(), "{}", text(&out));

    // The teacher (root here) reads every learner's folder but follows no
    // link and trusts no planted file: bea is reported, the squatted and
    // linked folders are not.
    let report = Command::new(BIN)
        .args(["progress", "--format", "json", "--lessons"])
        .arg(e2e_course())
        .arg("--data-dir")
        .arg(class.dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("report runs");
    let report = wait_at_most(report, Duration::from_secs(20));
    assert!(report.status.success(), "{}", text(&report));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).expect("json");
    let profiles: Vec<&str> = json["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["profile"].as_str())
        .collect();
    assert!(profiles.contains(&"bea"), "{profiles:?}");
    assert!(
        profiles.iter().all(|p| *p == "bea"),
        "only bea's real progress is reported: {profiles:?}"
    );
    assert_eq!(listing(&work), before, "d's folder still untouched");
}
