//! `notalone progress`, run as a teacher would: the real binary on a data
//! dir written through the store.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use notalone::progress::store::{self, ProgressStore};
use notalone::progress::{CourseRecord, StepRecord};

const BIN: &str = env!("CARGO_BIN_EXE_notalone");

fn run(data: &Path, args: &[&str]) -> Output {
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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A class: sam finished `m1` (2 of 3 right) and started `m2`; alex started
/// `m1` without answering.
fn class(dir: &Path) {
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
fn plant(dir: &Path, profile: &str, course: &str, module: &str) {
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

use crate::report_class;

fn lessons() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/report-class")
}

/// The scripted class saved through the store, as sessions save it.
fn scripted_class(dir: &Path) {
    for r in report_class::records() {
        let mut o = ProgressStore::open(dir, &r.profile, report_class::COURSE).expect("open");
        o.record.modules = r.modules.clone();
        o.store.save(&o.record).expect("save");
    }
}

#[test]
fn every_view_of_the_scripted_class_through_the_binary() {
    let d = tempfile::tempdir().expect("tmp");
    scripted_class(d.path());
    let l = lessons();
    let lessons_arg = l.to_str().expect("utf-8 path");
    let json = |by: &str| -> serde_json::Value {
        let o = run(
            d.path(),
            &["--lessons", lessons_arg, "--by", by, "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(0), "{by}: {}", stderr(&o));
        serde_json::from_str(&stdout(&o)).expect("json")
    };
    let learners = json("learner");
    let l09 = &learners["learners"][8];
    assert_eq!(l09["profile"], "L09");
    assert_eq!(l09["skipped"], serde_json::json!(["chat"]));
    assert_eq!(l09["modules_complete"], 2);
    assert_eq!(l09["right_first_try"], 3);
    let q = json("question");
    assert_eq!(q["questions"][0]["answered"], 12);
    assert_eq!(q["questions"][0]["right_first_try"], 5);
    assert_eq!(
        q["questions"][0]["text"],
        "Which of these is a warning sign?"
    );
    assert_eq!(
        l09["before"],
        serde_json::json!({"answered": 2, "right": 1})
    );
    assert_eq!(l09["after"], serde_json::json!({"answered": 2, "right": 2}));
    assert_eq!(learners["learners"][11]["after"], serde_json::Value::Null);
    let o = json("objective");
    assert_eq!(o["objectives"][0]["answered"], 30);
    assert_eq!(o["objectives"][0]["before"], 0.4167);
    assert_eq!(o["objectives"][0]["after"], 0.7);
    assert_eq!(o["objectives"][1]["before"], 0.6364);
    assert_eq!(o["objectives"][1]["after"], 0.8);
    // Without --by: the table shows learners, JSON keeps today's records.
    let t = run(d.path(), &["--lessons", lessons_arg]);
    let table = stdout(&t);
    assert!(table.starts_with("Learner"), "{table}");
    assert_eq!(table.lines().count(), 13, "{table}");
    let r = run(d.path(), &["--lessons", lessons_arg, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&r)).expect("json");
    assert_eq!(v["records"].as_array().expect("records").len(), 36);
    // French headers with --lang fr; CSV keys stay English.
    let fr = run(d.path(), &["--lessons", lessons_arg, "--lang", "fr"]);
    assert!(stdout(&fr).starts_with("Élève"), "{}", stdout(&fr));
    let fq = run(
        d.path(),
        &[
            "--lessons",
            lessons_arg,
            "--lang",
            "fr",
            "--by",
            "question",
            "--format",
            "json",
        ],
    );
    let fq: serde_json::Value = serde_json::from_str(&stdout(&fq)).expect("json");
    assert_eq!(
        fq["questions"][0]["text"],
        "Lequel de ces messages est un signal d'alerte ?"
    );
    assert_eq!(
        fq["questions"][0]["most_chosen_wrong"]["text"],
        "Un ami dit bonjour"
    );
    let csv = run(
        d.path(),
        &[
            "--lessons",
            lessons_arg,
            "--lang",
            "fr",
            "--by",
            "learner",
            "--format",
            "csv",
        ],
    );
    assert!(stdout(&csv).starts_with("profile,course,modules_complete"));
}

#[test]
fn look_alike_nicknames_from_planted_files_are_shown_escaped() {
    let d = tempfile::tempdir().expect("tmp");
    for name in ["bob", "bob\u{200b}", "bob\u{2060}", "bob\u{ad}", "a;b;=1+1"] {
        plant(d.path(), name, "demo", "m1");
    }
    for args in [
        &["--format", "csv"][..],
        &["--by", "learner", "--format", "csv"],
        &["--by", "record"],
        &[],
        &["--format", "html"],
    ] {
        let o = run(d.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        for shown in ["bob\\u{200b}", "bob\\u{2060}", "bob\\u{ad}"] {
            assert!(out.contains(shown), "{args:?}: {shown} missing in {out}");
        }
        assert!(
            !out.contains(['\u{200b}', '\u{2060}', '\u{ad}']),
            "{args:?}: {out:?}"
        );
    }
    let o = run(d.path(), &["--format", "csv"]);
    assert!(
        stdout(&o).contains("\"a;b;=1+1\","),
        "a cell with ; is quoted: {}",
        stdout(&o)
    );
}

#[test]
fn forget_asks_first_unless_yes() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let o = run(d.path(), &["forget", "--profile", "sam", "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!store::profile_dir(d.path(), "sam").exists());
}

#[test]
fn xapi_names_activities_and_gives_responses() {
    let d = tempfile::tempdir().expect("tmp");
    scripted_class(d.path());
    let l = lessons();
    let lessons_arg = l.to_str().expect("utf-8 path");
    let export = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["--lessons", lessons_arg, "--format", "xapi"];
        args.extend_from_slice(extra);
        let o = run(d.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o))
            .expect("json")
            .as_array()
            .expect("array")
            .clone()
    };
    let st = export(&["--xapi-homepage", "https://school.example/7b"]);
    for s in &st {
        assert!(s.get("version").is_none());
        assert_eq!(
            s["actor"]["account"]["homePage"],
            "https://school.example/7b"
        );
        let name = s["object"]["definition"]["name"]
            .as_object()
            .expect("a language map");
        assert!(
            name.len() == 1
                && name
                    .values()
                    .all(|v| v.as_str().is_some_and(|t| !t.is_empty())),
            "every activity is named: {s:#}"
        );
    }
    let w = st
        .iter()
        .find(|s| {
            s["actor"]["account"]["name"] == "L02"
                && s["object"]["id"]
                    .as_str()
                    .is_some_and(|i| i.ends_with(":step:w-signs"))
        })
        .expect("L02 answered w-signs");
    assert_eq!(
        w["object"]["definition"]["name"]["en-US"], "Which of these is a warning sign?",
        "named in the report's language (LC_ALL=en_US.UTF-8)"
    );
    assert_eq!(w["object"]["definition"]["interactionType"], "choice");
    assert_eq!(
        w["object"]["definition"]["correctResponsesPattern"],
        serde_json::json!(["1"])
    );
    assert_eq!(
        w["object"]["definition"]["choices"][1]["description"]["en-US"],
        "A friend says hello"
    );
    assert_eq!(w["result"]["response"], "2");
    assert_eq!(w["result"]["success"], false);
    let order = st
        .iter()
        .find(|s| {
            s["actor"]["account"]["name"] == "L05"
                && s["object"]["id"]
                    .as_str()
                    .is_some_and(|i| i.ends_with(":step:order"))
        })
        .expect("L05 ordered");
    assert_eq!(order["result"]["response"], "3[,]2[,]1");
    assert_eq!(
        order["object"]["definition"]["interactionType"],
        "sequencing"
    );
    // Ids do not depend on the report's language (names do).
    let fr = export(&[
        "--xapi-homepage",
        "https://school.example/7b",
        "--lang",
        "fr",
    ]);
    let ids = |v: &[serde_json::Value]| v.iter().map(|s| s["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&st), ids(&fr));
    // Another school's "L02" is someone else.
    let other = export(&["--xapi-homepage", "https://other.example"]);
    assert_ne!(ids(&st), ids(&other));
    // A homePage that is not a URL is refused.
    let o = run(
        d.path(),
        &["--format", "xapi", "--xapi-homepage", "urn:notalone"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--xapi-homepage"), "{}", stderr(&o));
}

/// `progress forget` on a terminal: the answer typed decides.
fn forget_on_a_terminal(data: &Path, answer: &str) -> (u32, String) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["progress", "forget", "--profile", "sam", "--data-dir"]);
    cmd.arg(data);
    cmd.env("LC_ALL", "en_US.UTF-8");
    cmd.env_remove("NOTALONE_DATA_DIR");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let seen = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut s) = sink.lock() {
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    });
    let start = std::time::Instant::now();
    while !seen.lock().expect("lock").contains("[y/N]") {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "no question asked: {:?}",
            seen.lock().expect("lock")
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    writer
        .write_all(format!("{answer}\r").as_bytes())
        .expect("type");
    let status = child.wait().expect("wait");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let out = seen.lock().expect("lock").clone();
    (status.exit_code(), out)
}

#[test]
fn forget_asks_on_a_terminal_and_keeps_on_no() {
    let d = tempfile::tempdir().expect("tmp");
    class(d.path());
    let (code, out) = forget_on_a_terminal(d.path(), "n");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Delete all saved progress of sam"), "{out}");
    assert!(out.contains("Nothing was deleted"), "{out}");
    assert!(store::profile_dir(d.path(), "sam").exists());
    let (code, out) = forget_on_a_terminal(d.path(), "yes");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("was deleted"), "{out}");
    assert!(!store::profile_dir(d.path(), "sam").exists());
}
