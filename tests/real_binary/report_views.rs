//! The class report's views through the real binary: the scripted class
//! in every view and language, xAPI for a strict LRS, look-alike nicknames
//! from planted files, and `forget` on a terminal.

use std::path::Path;

use notalone::progress::store::{self, ProgressStore};

use crate::progress_cli::{class, plant, run, stderr, stdout};
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
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_notalone"));
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
