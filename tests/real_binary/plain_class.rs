//! The scripted class taken through plain mode, as learners would: each of
//! the twelve learners answers by option TEXT from the printed list (so
//! shuffled options do not matter), some skip the chat module at its
//! content note, two quit midway. The class report of what plain mode
//! saved must give the same numbers as the class written with the store
//! API (`tests/common/report_class.rs`), in every view.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use notalone::progress::store::ProgressStore;

use crate::report_class::{self, Script};

const BIN: &str = env!("CARGO_BIN_EXE_notalone");

fn lessons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/report-class")
}

const W_SIGNS: [&str; 3] = [
    "A stranger asks to move to a private app",
    "A friend says hello",
    "A teacher posts homework",
];
const W_TELL: [&str; 2] = ["Nobody", "A trusted adult"];
const MESSAGES: [&str; 3] = [
    "hey saw u at the game",
    "u r really cute, let's talk on another app",
    "send me a pic, just for me",
];
const CHOICES: [&str; 2] = ["Send a photo back", "Block and tell someone you trust"];
const ORDER: [&str; 3] = ["Stop replying", "Save the evidence", "Tell an adult"];
const F_SIGNS: [&str; 3] = [
    "They flatter you fast",
    "They want to move to another app",
    "They play the same game",
];
const F_TELL: [&str; 2] = ["A parent or carer", "The person threatening you"];

/// The numbered items of a screen: (number as printed, text).
fn items(screen: &str) -> Vec<(usize, String)> {
    screen
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            let n: usize = n.trim().parse().ok()?;
            let text = rest.split(" | ").next().unwrap_or(rest).trim().to_string();
            Some((n, text))
        })
        .collect()
}

/// The printed numbers of these texts, in this order.
fn numbers(screen: &str, texts: &[&str]) -> String {
    let list = items(screen);
    texts
        .iter()
        .map(|t| {
            list.iter()
                .find(|(_, s)| s == t)
                .unwrap_or_else(|| panic!("{t:?} is not listed in:\n{screen}"))
                .0
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn pick<'a>(texts: &[&'a str], idx: &[usize]) -> Vec<&'a str> {
    idx.iter().map(|i| texts[*i]).collect()
}

/// What the learner types on this screen.
struct Learner<'a> {
    script: &'a Script,
    /// Modules finished or skipped, by title.
    passed: Vec<&'static str>,
    /// Chat choices made so far (after an unsafe one the chat asks again).
    chose: usize,
}

impl Learner<'_> {
    fn answer(&mut self, screen: &str) -> String {
        let s = self.script;
        if let Some(title) = screen
            .lines()
            .find_map(|l| l.strip_prefix("== Module complete: "))
        {
            let t = title.trim_end_matches(" ==").to_string();
            for m in ["Warm-up check", "A chat", "Final check"] {
                if t == m && !self.passed.contains(&m) {
                    self.passed.push(m);
                }
            }
        }
        let has = |t: &str| screen.contains(t);
        let prompt = screen.lines().last().unwrap_or("");
        if has("Before you start") {
            if s.skip_chat {
                self.passed.push("A chat");
                return numbers(screen, &["Skip this module"]);
            }
            return numbers(screen, &["Continue"]);
        }
        if has("type a module number") {
            let next = ["Warm-up check", "A chat", "Final check"]
                .into_iter()
                .find(|m| !self.passed.contains(m));
            return match next {
                Some(m) if m != "Final check" || s.f_signs.is_some() => numbers(screen, &[m]),
                _ => "q".into(),
            };
        }
        if prompt.starts_with("Press Enter to continue.") || items(screen).is_empty() {
            return String::new();
        }
        if has("Which of these is a warning sign?") {
            return numbers(screen, &[W_SIGNS[s.w_signs.expect("w-signs")]]);
        }
        if has("Who should you tell?") {
            return match s.w_tell {
                Some(a) => numbers(screen, &[W_TELL[a]]),
                None => "q".into(),
            };
        }
        if has("Which messages worry you?") {
            let flags = s.flags.expect("flags");
            if flags.is_empty() {
                // "none of these" is a listed item in newer plain modes.
                if let Some((n, _)) = items(screen)
                    .into_iter()
                    .find(|(_, t)| t.to_lowercase().starts_with("none"))
                {
                    return n.to_string();
                }
                return String::new();
            }
            return numbers(screen, &pick(&MESSAGES, flags));
        }
        if has("What do you do?") {
            self.chose += 1;
            return match s.choice {
                // Asked again after an unsafe choice: the learner picks the safe one.
                Some(_) if self.chose > 1 => numbers(screen, &[CHOICES[1]]),
                Some(c) => numbers(screen, &[CHOICES[c]]),
                None => "q".into(),
            };
        }
        if has("Put these steps in order.") {
            return numbers(screen, &pick(&ORDER, s.order.expect("order")));
        }
        if has("Select every warning sign.") {
            return numbers(screen, &pick(&F_SIGNS, s.f_signs.expect("f-signs")));
        }
        if has("Which of these people could you tell?") {
            return numbers(screen, &pick(&F_TELL, s.f_tell.expect("f-tell")));
        }
        String::new()
    }
}

/// One learner through plain mode, answering screen by screen.
fn take_course(data: &Path, script: &Script) -> String {
    let mut child = Command::new(BIN)
        .arg("--plain")
        .arg("--lessons")
        .arg(lessons())
        .args(["--profile", script.name, "--lang", "en", "--data-dir"])
        .arg(data)
        .env_remove("NOTALONE_DATA_DIR")
        .env_remove("NOTALONE_LESSONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start plain mode");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut learner = Learner {
        script,
        passed: Vec::new(),
        chose: 0,
    };
    let mut ended = false;
    let mut transcript = String::new();
    let mut screen = String::new();
    for _ in 0..400 {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                transcript.push_str(&text);
                screen.push_str(&text);
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                ended = true;
                break;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("{}: no prompt within 20 s:\n{transcript}", script.name)
            }
        }
        if let Some(body) = screen.strip_suffix("> ") {
            let answer = learner.answer(body);
            transcript.push_str(&answer);
            transcript.push('\n');
            let _ = writeln!(stdin, "{answer}");
            screen.clear();
        }
    }
    assert!(
        ended,
        "{}: still going after 400 screens:\n{transcript}",
        script.name
    );
    drop(stdin);
    let status = child.wait().expect("wait");
    assert!(status.success(), "{}: {status}\n{transcript}", script.name);
    transcript
}

fn report(data: &Path, by: &str) -> serde_json::Value {
    let o = Command::new(BIN)
        .args([
            "progress",
            "--by",
            by,
            "--format",
            "json",
            "--lang",
            "en",
            "--lessons",
        ])
        .arg(lessons())
        .arg("--data-dir")
        .arg(data)
        .env_remove("NOTALONE_DATA_DIR")
        .output()
        .expect("report");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// The learners' view without the times (plain mode saves real times).
fn without_times(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(rows) = v["learners"].as_array_mut() {
        for r in rows {
            if let Some(o) = r.as_object_mut() {
                o.remove("last_active");
            }
        }
    }
    v
}

#[test]
fn the_class_through_plain_mode_gives_the_scripted_numbers() {
    let plain = tempfile::tempdir().expect("tmp");
    for script in &report_class::CLASS {
        take_course(plain.path(), script);
    }
    let scripted = tempfile::tempdir().expect("tmp");
    for r in report_class::records() {
        let mut o =
            ProgressStore::open(scripted.path(), &r.profile, report_class::COURSE).expect("open");
        o.record.modules = r.modules.clone();
        o.store.save(&o.record).expect("save");
    }
    for by in ["question", "objective"] {
        assert_eq!(
            report(plain.path(), by),
            report(scripted.path(), by),
            "--by {by}"
        );
    }
    assert_eq!(
        without_times(report(plain.path(), "learner")),
        without_times(report(scripted.path(), "learner"))
    );
    // And the numbers themselves, read from what plain mode saved.
    let q = report(plain.path(), "question");
    assert_eq!(q["questions"][0]["answered"], 12);
    assert_eq!(q["questions"][0]["right_first_try"], 5);
    assert_eq!(q["questions"][2]["kind"], "flag");
    assert_eq!(q["questions"][2]["answered"], 9);
    let l = report(plain.path(), "learner");
    assert_eq!(l["learners"][8]["skipped"], serde_json::json!(["chat"]));
    assert_eq!(l["learners"][10]["modules_in_progress"], 1);
}

/// In a class folder the nickname list already holds classmates: a learner
/// who types their nickname at the "type the number" prompt (as on the
/// full-screen profile screen) gets their own profile, new or existing,
/// never the first classmate's by accident.
#[test]
fn a_nickname_typed_at_the_list_prompt_opens_that_profile() {
    use crate::runner;
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("class");
    let course = runner::e2e_course();
    let first = runner::plain(&course, &data, &[], "1\nana\nq\n");
    assert!(first.status.success(), "{first:?}");
    // ben types his nickname instead of the number of "Make a new nickname".
    let ben = runner::plain(&course, &data, &[], "ben\nq\n");
    let out = String::from_utf8_lossy(&ben.stdout);
    assert!(
        out.contains("1. ana"),
        "the list shows the classmate: {out}"
    );
    assert!(out.contains("Hi, ben!"), "ben gets his own profile: {out}");
    // A nickname that is not allowed gets the reason and the list again.
    let bad = runner::plain(&course, &data, &[], "a/b\n2\n");
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("letters, digits"),
        "the reason is given: {out}"
    );
    // ana, typed again, is the existing profile (listed once, not twice).
    let ana = runner::plain(&course, &data, &[], "ana\nq\n");
    assert!(String::from_utf8_lossy(&ana.stdout).contains("Hi, ana!"));
    let json = runner::notalone(&[
        "progress",
        "--data-dir",
        data.to_str().expect("utf-8 path"),
        "--lessons",
        course.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let mut names: Vec<&str> = report["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|p| p["profile"].as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names, ["ana", "ben"], "{report}");
}
