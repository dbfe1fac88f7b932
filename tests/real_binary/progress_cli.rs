//! `notalone progress`, run as a teacher would: the real binary on a data
//! dir written through the store.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use notalone::progress::store::{self, ProgressStore};
use notalone::progress::{CourseRecord, StepRecord};

const BIN: &str = env!("CARGO_BIN_EXE_notalone");

pub(crate) fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("progress")
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("NOTALONE_DATA_DIR")
        .env_remove("NOTALONE_LESSONS")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run notalone")
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A class: sam finished `m1` (2 of 3 right) and started `m2`; alex started
/// `m1` without answering.
pub(crate) fn class(dir: &Path) {
    let mut o = ProgressStore::open(dir, "sam", "demo").expect("open");
    let r = &mut o.record;
    let m1 = r.modules.entry("m1".into()).or_default();
    m1.started_at = Some("2026-11-29T10:02:11Z".into());
    m1.completed_at = Some("2026-11-29T10:09:40Z".into());
    for (id, ok, at) in [
        ("q1", true, "2026-11-29T10:03:00Z"),
        ("q2", false, "2026-11-29T10:04:00Z"),
        ("q3", true, "2026-11-29T10:05:00Z"),
    ] {
        m1.steps.insert(
            id.into(),
            StepRecord {
                done: true,
                first_correct: Some(ok),
                answer: Some(vec![1]),
                answered_at: Some(at.into()),
                ..Default::default()
            },
        );
    }
    m1.steps.insert(
        "read".into(),
        StepRecord {
            done: true,
            ..Default::default()
        },
    );
    r.modules.entry("m2".into()).or_default().started_at = Some("2026-11-29T10:10:00Z".into());
    o.store.save(&o.record).expect("save");
    let mut o = ProgressStore::open(dir, "alex", "demo").expect("open");
    o.record.modules.entry("m1".into()).or_default().started_at =
        Some("2026-11-30T08:00:00Z".into());
    o.store.save(&o.record).expect("save");
}

/// Write a record directly, bypassing nickname checks (a hand-edited or
/// hostile file).
pub(crate) fn plant(dir: &Path, profile: &str, course: &str, module: &str) {
    let mut r = CourseRecord::new(profile, course);
    let m = r.modules.entry(module.into()).or_default();
    m.started_at = Some("2026-11-29T10:00:00Z".into());
    let path = store::record_path(dir, profile, course);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(&path, serde_json::to_vec(&r).expect("json")).expect("write");
}

#[test]
fn an_empty_or_missing_data_dir_is_an_empty_report() {
    let d = tempfile::tempdir().expect("tmp");
    let missing = d.path().join("nobody-here");
    let o = run(&missing, &[]);
    assert_eq!(o.status.code(), Some(2), "could not run: {}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&missing.display().to_string()) && err.contains("does not exist"),
        "{err}"
    );
    assert!(!missing.exists(), "a report must not create the data dir");
    let o = run(d.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("No progress saved yet in {}.\n", d.path().display())
    );
    let o = run(d.path(), &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v, serde_json::json!({ "records": [] }));
    let o = run(d.path(), &["--format", "csv"]);
    assert_eq!(
        stdout(&o),
        "profile,course,module,status,score,started_at,completed_at\n"
    );
    let o = run(d.path(), &["--format", "xapi"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn json_is_exactly_the_contract() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let o = run(d.path(), &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v,
        serde_json::json!({ "records": [
            { "profile": "alex", "course": "demo", "module": "m1", "status": "in-progress",
              "score": null, "started_at": "2026-11-30T08:00:00Z", "completed_at": null },
            { "profile": "sam", "course": "demo", "module": "m1", "status": "complete",
              "score": 2.0 / 3.0, "started_at": "2026-11-29T10:02:11Z",
              "completed_at": "2026-11-29T10:09:40Z" },
            { "profile": "sam", "course": "demo", "module": "m2", "status": "in-progress",
              "score": null, "started_at": "2026-11-29T10:10:00Z", "completed_at": null },
        ]})
    );
}

#[test]
fn profile_filters_case_insensitively() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let o = run(d.path(), &["--format", "json", "--profile", "SAM"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let records = v["records"].as_array().expect("array");
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r["profile"] == "sam"));
    let o = run(d.path(), &["--profile", "nobody"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("No progress saved yet for nobody in "),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_table_is_aligned_and_readable() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let o = run(d.path(), &["--by", "record"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("Learner  Module  Status"), "{out}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{out}");
    // Every column starts at the same place on every line.
    let col = |l: &str, word: &str| l.find(word);
    assert_eq!(
        col(lines[1], "in progress"),
        col(lines[0], "Status"),
        "{out}"
    );
    assert_eq!(col(lines[2], "complete"), col(lines[0], "Status"), "{out}");
    assert!(lines[2].contains("67%"), "{out}");
    assert!(
        lines[2].contains("2026-11-29 10:02") && lines[2].contains("2026-11-29 10:09"),
        "{out}"
    );
}

#[test]
fn csv_has_a_header_and_is_safe_in_a_spreadsheet() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    plant(d.path(), "=HYPERLINK(\"http://x\",\"y\")", "demo", "m1");
    plant(d.path(), "-2+3", "demo", "@SUM(A1)");
    let o = run(d.path(), &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "profile,course,module,status,score,started_at,completed_at"
    );
    assert!(
        lines.contains(&"sam,demo,m1,complete,0.6667,2026-11-29T10:02:11Z,2026-11-29T10:09:40Z"),
        "{out}"
    );
    assert!(
        lines.contains(&"alex,demo,m1,in-progress,,2026-11-30T08:00:00Z,"),
        "{out}"
    );
    // The formula is quoted and starts with an apostrophe inside the cell.
    assert!(
        lines.contains(&"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",demo,m1,in-progress,,2026-11-29T10:00:00Z,"),
        "{out}"
    );
    assert!(
        lines.contains(&"'-2+3,demo,'@SUM(A1),in-progress,,2026-11-29T10:00:00Z,"),
        "{out}"
    );
    // No cell of any line starts with a formula character.
    for l in &lines[1..] {
        for cell in split_csv(l) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell} in {l}"
            );
        }
    }
}

/// Split one CSV line into cells (RFC 4180 quoting).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().expect("cell").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().expect("cell").push(c),
        }
    }
    cells
}

#[test]
fn hostile_text_in_files_never_reaches_the_terminal() {
    let d = tempfile::tempdir().expect("tmp");
    plant(
        d.path(),
        "ev\u{1b}]0;PWNED\u{7}il\u{202e}",
        "demo",
        "m\u{9b}2J",
    );
    for format in ["table", "csv", "json", "xapi"] {
        let o = run(d.path(), &["--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{format}: {out:?}"
        );
        assert!(out.contains("ev") && out.contains("il"), "{format}: {out}");
    }
    // JSON keeps the exact value, escaped.
    let o = run(d.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["records"][0]["profile"],
        "ev\u{1b}]0;PWNED\u{7}il\u{202e}"
    );
}

#[test]
fn xapi_statements_are_well_formed_and_stable() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let o = run(d.path(), &["--format", "xapi"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let st = v.as_array().expect("array");
    // alex: attempted m1; sam: attempted m1, 3 answered, completed m1, attempted m2.
    assert_eq!(st.len(), 7, "{v:#}");
    let verbs: Vec<&str> = st
        .iter()
        .map(|s| s["verb"]["id"].as_str().expect("verb"))
        .collect();
    let adl = |v: &str| format!("http://adlnet.gov/expapi/verbs/{v}");
    assert_eq!(
        verbs,
        [
            adl("attempted"),
            adl("attempted"),
            adl("answered"),
            adl("answered"),
            adl("answered"),
            adl("completed"),
            adl("attempted"),
        ]
    );
    let mut ids = std::collections::BTreeSet::new();
    for s in st {
        assert!(s.get("version").is_none(), "an LRS sets the version");
        assert_eq!(s["actor"]["objectType"], "Agent");
        assert_eq!(
            s["actor"]["account"]["homePage"],
            "https://notalone.invalid/"
        );
        assert!(s["actor"]["account"]["name"] == "sam" || s["actor"]["account"]["name"] == "alex");
        assert_eq!(
            s["actor"].as_object().expect("actor").len(),
            2,
            "no other identifier"
        );
        assert_eq!(s["object"]["objectType"], "Activity");
        let obj = s["object"]["id"].as_str().expect("object id");
        assert!(
            obj.starts_with("urn:notalone:course:demo:module:m"),
            "{obj}"
        );
        assert!(
            s["object"]["definition"]["type"]
                .as_str()
                .expect("type")
                .starts_with("http://adlnet.gov/expapi/activities/")
        );
        assert!(s["verb"]["display"]["en-US"].is_string());
        let id = s["id"].as_str().expect("id");
        assert!(is_uuid(id), "{id}");
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        assert!(s.get("timestamp").is_some());
    }
    let completed = &st[5];
    assert_eq!(
        completed["object"]["id"],
        "urn:notalone:course:demo:module:m1"
    );
    assert_eq!(
        completed["object"]["definition"]["type"],
        "http://adlnet.gov/expapi/activities/module"
    );
    assert_eq!(completed["result"]["completion"], true);
    assert_eq!(completed["result"]["score"]["scaled"], 2.0 / 3.0);
    assert_eq!(completed["timestamp"], "2026-11-29T10:09:40Z");
    let answered = &st[3];
    assert_eq!(
        answered["object"]["id"],
        "urn:notalone:course:demo:module:m1:step:q2"
    );
    assert_eq!(answered["result"]["success"], false);
    assert_eq!(answered["timestamp"], "2026-11-29T10:04:00Z");
    assert_eq!(
        answered["context"]["contextActivities"]["parent"][0]["id"],
        "urn:notalone:course:demo:module:m1"
    );
    // The first answer, as the option ids in file order (option 2 here).
    assert_eq!(answered["result"]["response"], "2");
    // Exporting again gives the same statements (an LRS stores them once).
    let again = run(d.path(), &["--format", "xapi"]);
    assert_eq!(stdout(&again), stdout(&o));
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        && parts[2].starts_with('5')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn forget_deletes_a_profile_and_says_so() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let o = Command::new(BIN)
        .args(["progress", "forget", "--profile", "SAM", "--data-dir"])
        .arg(d.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("SAM") && out.contains("deleted"), "{out}");
    assert_eq!(store::list_profiles(d.path()), vec!["alex".to_string()]);
    assert!(!store::profile_dir(d.path(), "sam").exists());

    let o = Command::new(BIN)
        .args(["progress", "forget", "--profile", "sam", "--data-dir"])
        .arg(d.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no profile called sam"), "{err}");
    assert!(!err.contains("panicked"));
    // A hostile name reaches nothing outside the data dir.
    let o = Command::new(BIN)
        .args(["progress", "forget", "--profile", "../../..", "--data-dir"])
        .arg(d.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(d.path().exists());
}

#[test]
fn unreadable_files_are_skipped_with_a_warning() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let bad = store::record_path(d.path(), "sam", "broken");
    fs::write(&bad, b"{\"format\":").expect("write");
    let o = run(d.path(), &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 4);
    let err = stderr(&o);
    assert!(
        err.contains("skipped") && err.contains("broken.json"),
        "{err}"
    );
    assert_eq!(fs::read(&bad).expect("kept"), b"{\"format\":");
}

#[cfg(unix)]
#[test]
fn a_data_dir_that_is_a_file_is_one_clear_error() {
    let d = tempfile::tempdir().expect("tmp");
    let file = d.path().join("not-a-dir");
    fs::write(&file, b"x").expect("write");
    let o = run(&file, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn modules_not_started_are_listed_in_course_order() {
    let d = tempfile::tempdir().expect("tmp");
    // The built-in course: every module, in its order.
    let mut o = ProgressStore::open(d.path(), "sam", "notalone").expect("open");
    o.record
        .modules
        .entry("how-it-starts".into())
        .or_default()
        .started_at = Some("2026-11-29T10:00:00Z".into());
    o.store.save(&o.record).expect("save");
    let builtin = notalone::course::load(&notalone::course::CourseSource::Embedded, None)
        .expect("the built-in course loads");
    let o = run(d.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rows = v["records"].as_array().expect("array");
    let modules: Vec<&str> = rows
        .iter()
        .map(|r| r["module"].as_str().expect("id"))
        .collect();
    let expected: Vec<&str> = builtin.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(modules, expected);
    for r in rows {
        let started = r["module"] == "how-it-starts";
        assert_eq!(
            r["status"],
            if started {
                "in-progress"
            } else {
                "not-started"
            },
            "{r}"
        );
    }

    // A course given with --lessons.
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/valid/basic");
    let course =
        notalone::course::load(&notalone::course::CourseSource::Dir(lessons.clone()), None)
            .expect("fixture loads");
    let last = course.modules.last().expect("a module").id.clone();
    let mut o = ProgressStore::open(d.path(), "alex", &course.id).expect("open");
    o.record.modules.entry(last.clone()).or_default().started_at =
        Some("2026-11-29T10:00:00Z".into());
    o.store.save(&o.record).expect("save");
    let o = Command::new(BIN)
        .args([
            "progress",
            "--format",
            "json",
            "--profile",
            "alex",
            "--lessons",
        ])
        .arg(&lessons)
        .arg("--data-dir")
        .arg(d.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let modules: Vec<&str> = v["records"]
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["module"].as_str().expect("id"))
        .collect();
    let expected: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(modules, expected);
}
