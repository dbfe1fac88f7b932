//! The educator's scaffolds, through the real binary: `new course`,
//! `new module`, `export-course`.

use std::path::{Path, PathBuf};
use std::process::Output;

use notalone::course::{CourseSource, MemoryCourse, StepKind};

use super::runner::{self, notalone, notalone_cmd};

fn notalone_in(args: &[&str], cwd: &Path) -> Output {
    notalone_cmd(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `lint DIR --format json`: (exit code, errors, warnings, the JSON).
fn lint(dir: &Path) -> (i32, u64, u64, serde_json::Value) {
    let o = notalone(&["lint", s(dir), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("lint json ({e}): {}{}", stdout(&o), stderr(&o)));
    (
        o.status.code().unwrap_or(-1),
        v["errors"].as_u64().unwrap_or(99),
        v["warnings"].as_u64().unwrap_or(99),
        v,
    )
}

fn assert_clean(dir: &Path) {
    let (code, e, w, v) = lint(dir);
    assert_eq!((code, e, w), (0, 0, 0), "lint {}: {v:#}", dir.display());
}

/// A refusal: exit 2, one line on stderr, nothing on stdout.
fn assert_refused(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    assert!(err.contains(needle), "{needle:?} not in: {err}");
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
}

fn new_course(parent: &Path, name: &str) -> PathBuf {
    let dir = parent.join(name);
    let o = notalone(&["new", "course", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "new course: {}", stderr(&o));
    dir
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref())
        .unwrap_or_else(|e| panic!("read {}: {e}", p.as_ref().display()))
}

/// Every lesson file's `#:schema` line points at a schema file that exists.
fn assert_schema_directives(dir: &Path) {
    let files = CourseSource::Dir(dir.to_path_buf()).files().expect("files");
    let mut n = 0;
    for rel in files.iter().filter(|f| f.ends_with(".toml")) {
        let text = read(dir.join(rel));
        let first = text.lines().next().unwrap_or("");
        let target = first
            .strip_prefix("#:schema ")
            .unwrap_or_else(|| panic!("{rel} starts with {first:?}, not a #:schema line"));
        let file_dir = dir.join(rel).parent().expect("parent").to_path_buf();
        assert!(
            file_dir.join(target).is_file(),
            "{rel}: {target} does not exist"
        );
        n += 1;
    }
    assert!(n >= 4);
    assert!(dir.join(".taplo.toml").is_file());
}

// ---------------------------------------------------------------------------
// new course

#[test]
fn new_course_lints_clean_and_runs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_course(tmp.path(), "Year 9 Course");
    assert_clean(&dir);
    assert_schema_directives(&dir);
    let root = read(dir.join("course.toml"));
    assert!(root.contains("id = \"year-9-course\""), "{root}");
    let res = read(dir.join("en/resources.toml"));
    assert!(res.contains("REPLACE"), "the placeholder is marked: {res}");

    // The example module has one step of each type.
    let course = notalone::course::load(&CourseSource::Dir(dir.clone()), None).expect("loads");
    assert_eq!(course.modules.len(), 1);
    let kinds: Vec<&str> = course.modules[0]
        .steps
        .iter()
        .map(|s| match s.kind {
            StepKind::Read { .. } => "read",
            StepKind::Chat { .. } => "chat",
            StepKind::Spot { .. } => "spot",
            StepKind::Question { .. } => "question",
        })
        .collect();
    assert_eq!(kinds, ["read", "chat", "spot", "question"]);
    match &course.modules[0].steps[1].kind {
        StepKind::Chat {
            messages, choices, ..
        } => {
            assert!(messages.iter().any(|m| m.sign));
            assert!(choices.len() >= 2);
        }
        other => panic!("{other:?}"),
    }

    // It runs in plain mode.
    let data = tmp.path().join("data");
    let o = runner::plain(&dir, &data, &["--profile", "sam"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("First module"), "{}", stdout(&o));
}

#[test]
fn new_course_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let o = notalone(&["new", "course", s(tmp.path())]);
    assert_refused(&o, "not empty");
    assert!(!tmp.path().join("course.toml").exists());
}

// ---------------------------------------------------------------------------
// new module

#[test]
fn new_module_lints_clean_and_keeps_course_toml_layout() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_course(tmp.path(), "c");
    let before = read(dir.join("course.toml"));
    let o = notalone(&["new", "module", "school-scenario", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("en/school-scenario.toml"));
    assert_clean(&dir);

    let after = read(dir.join("course.toml"));
    // Comments survive, and only the modules line changed.
    assert!(after.contains("# The modules, in the order learners take them"));
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "modules = [\"first-module\"]",
            "modules = [\"first-module\", \"school-scenario\"]"
        )]
    );
    assert_eq!(before.lines().count(), after.lines().count());

    // The module uses only declared fields (the schemas are made from the
    // declaration), and its directive works.
    let text = read(dir.join("en/school-scenario.toml"));
    let module: toml::Table = toml::from_str(&text).expect("valid TOML");
    let step = &notalone::course::fields::STEP;
    for (k, v) in &module {
        assert!(notalone::course::fields::MODULE.field(k).is_some(), "{k}");
        for s in v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_table())
        {
            assert!(s.keys().all(|k| step.field(k).is_some()), "{s:?}");
        }
    }
    assert_schema_directives(&dir);

    // Run from inside the course folder, DIR defaults to ".".
    let o = notalone_in(&["new", "module", "second-one"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_clean(&dir);
    assert!(read(dir.join("course.toml")).contains("\"school-scenario\", \"second-one\"]"));
}

#[test]
fn new_module_in_an_exported_course_appends_one_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("ours");
    assert_eq!(notalone(&["export-course", s(&dir)]).status.code(), Some(0));
    let before = read(dir.join("course.toml"));
    let o = notalone(&["new", "module", "our-school", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_clean(&dir);
    let after = read(dir.join("course.toml"));
    // The multi-line list gets one more line, indented like the others,
    // right after the last module; nothing else changes.
    let expected = before.replacen(
        "  \"final-check\",\n]",
        "  \"final-check\",\n  \"our-school\",\n]",
        1,
    );
    assert_ne!(expected, before, "the built-in list layout changed");
    assert_eq!(after, expected);
    // The comment line at the top survives.
    assert!(after.contains("# The built-in course: structure only."));
}

#[test]
fn new_module_keeps_other_list_layouts() {
    let cases = [
        (
            "modules = [\n  \"a\",\n  \"b\"\n]\n",
            "modules = [\n  \"a\",\n  \"b\",\n  \"new-one\"\n]\n",
        ),
        (
            "modules = [\"a\", \"b\"] # the order\n",
            "modules = [\"a\", \"b\", \"new-one\"] # the order\n",
        ),
        (
            "modules = [\n    \"a\", # first\n    # then:\n    \"b\",\n]\n",
            "modules = [\n    \"a\", # first\n    # then:\n    \"b\",\n    \"new-one\",\n]\n",
        ),
    ];
    for (list, expected) in cases {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = new_course(tmp.path(), "c");
        for m in ["a", "b"] {
            let t = read(dir.join("en/first-module.toml"))
                .replace("id = \"first-module\"", &format!("id = \"{m}\""));
            std::fs::write(dir.join(format!("en/{m}.toml")), t).expect("write");
        }
        std::fs::remove_file(dir.join("en/first-module.toml")).expect("rm");
        let head = "# My course\nid = \"c\"\nsource_locale = \"en\"\n";
        let tail = "objectives = [\"spot-the-signs\"]\n";
        std::fs::write(dir.join("course.toml"), format!("{head}{list}{tail}")).expect("write");
        assert_clean(&dir);
        let o = notalone(&["new", "module", "new-one", s(&dir)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            read(dir.join("course.toml")),
            format!("{head}{expected}{tail}"),
            "from {list:?}"
        );
        assert_clean(&dir);
    }
}

#[test]
fn new_module_keeps_crlf_line_endings() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_course(tmp.path(), "c");
    let crlf = read(dir.join("course.toml")).replace('\n', "\r\n");
    std::fs::write(dir.join("course.toml"), &crlf).expect("write");
    let o = notalone(&["new", "module", "new-one", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = read(dir.join("course.toml"));
    assert_eq!(
        after,
        crlf.replace(
            "modules = [\"first-module\"]",
            "modules = [\"first-module\", \"new-one\"]"
        )
    );
    assert_clean(&dir);
}

#[test]
fn new_module_refuses_invalid_ids_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_course(tmp.path(), "c");
    let before = read(dir.join("course.toml"));
    let long = "a".repeat(49);
    for (id, needle) in [
        ("My Scenario", "not a valid module id"),
        ("my_scenario", "not a valid module id"),
        ("-start", "not a valid module id"),
        ("two--dashes", "not a valid module id"),
        ("été", "not a valid module id"),
        ("", "empty"),
        (long.as_str(), "at most 48"),
        ("course", "cannot be a module id"),
        ("resources", "cannot be a module id"),
    ] {
        // `--` so that clap takes "-start" as the id, as a user would have to.
        let o = notalone(&["new", "module", "--", id, s(&dir)]);
        assert_refused(&o, needle);
    }
    // A suggestion comes with the refusal.
    let o = notalone(&["new", "module", "My Scenario", s(&dir)]);
    assert!(stderr(&o).contains("`my-scenario`"), "{}", stderr(&o));
    assert_eq!(read(dir.join("course.toml")), before);
    let en: Vec<_> = std::fs::read_dir(dir.join("en"))
        .expect("en")
        .flatten()
        .collect();
    assert_eq!(en.len(), 3, "no file was created");
}

#[test]
fn new_module_refuses_existing_ids() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_course(tmp.path(), "c");
    let o = notalone(&["new", "module", "first-module", s(&dir)]);
    assert_refused(&o, "already listed");
    // A file that exists but is not listed is not overwritten either.
    std::fs::write(dir.join("en/draft.toml"), "# my draft\n").expect("write");
    let o = notalone(&["new", "module", "draft", s(&dir)]);
    assert_refused(&o, "already exists");
    assert_eq!(read(dir.join("en/draft.toml")), "# my draft\n");
    assert!(!read(dir.join("course.toml")).contains("\"draft\""));
}

#[test]
fn new_module_needs_a_course_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = notalone(&["new", "module", "x", s(tmp.path())]);
    assert_refused(&o, "no course.toml");
    let o = notalone(&["new", "module", "x", s(&tmp.path().join("nope"))]);
    assert_refused(&o, "there is no folder");
}

#[test]
fn new_module_teaches_nothing_when_the_course_has_objectives() {
    // The built-in course declares objectives: the new module must not add
    // objective warnings, and its comment lists the objectives to use.
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("ours");
    assert_eq!(notalone(&["export-course", s(&dir)]).status.code(), Some(0));
    let o = notalone(&["new", "module", "extra", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = read(dir.join("en/extra.toml"));
    assert!(
        text.contains("#     teaches = [\"spot-the-signs\"]"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("teaches")));
    assert_clean(&dir);
}

/// The id rule of `new module` is the engine's: an id it accepts lints
/// clean as a module id, one it refuses gives `invalid-id`.
#[test]
fn module_id_rule_matches_lint() {
    let ids = [
        "a",
        "a1",
        "1",
        "my-scenario",
        "x-y-z",
        "My",
        "a_b",
        "a--b",
        "-a",
        "a-",
        "é",
        "a b",
        "course",
        "resources",
        "end",
    ];
    let long_ok = "a".repeat(48);
    let long_bad = "a".repeat(49);
    for id in ids
        .iter()
        .copied()
        .chain([long_ok.as_str(), long_bad.as_str()])
    {
        let ours = notalone::commands::new::module_id_problem(id).is_none();
        let mut c = MemoryCourse::new();
        c.insert(
            "course.toml",
            format!("id = \"c\"\nsource_locale = \"en\"\nmodules = [\"{id}\"]\n"),
        );
        c.insert("en/course.toml", "title = \"T\"\nwelcome = \"W\"\n");
        c.insert(
            "en/resources.toml",
            "[[resource]]\nname = \"N\"\nabout = \"A\"\n",
        );
        c.insert(
            format!("en/{id}.toml"),
            format!(
                "id = \"{id}\"\ntitle = \"T\"\nsummary = \"S\"\n[[step]]\nid = \"s\"\ntype = \"read\"\ntext = \"x\"\n"
            ),
        );
        let report = c.lint().expect("lint");
        let engine = !report.diagnostics.iter().any(|d| d.code == "invalid-id");
        assert_eq!(
            ours, engine,
            "id {id:?}: new module says {ours}, lint says {engine}: {report:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// export-course

#[test]
fn export_round_trip() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("course");
    let o = notalone(&["export-course", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("notalone lint"),
        "the next step is shown: {out}"
    );
    assert!(out.contains("--lessons"), "{out}");
    assert_clean(&dir);
    assert_schema_directives(&dir);

    // Every built-in file is there, the same apart from the #:schema line.
    let builtin = CourseSource::Embedded.files().expect("files");
    for rel in &builtin {
        let want = CourseSource::Embedded
            .read(rel)
            .expect("read")
            .expect("file");
        let got = std::fs::read(dir.join(rel)).expect("exported");
        let got_text = String::from_utf8(got).expect("utf-8");
        let body = match got_text.split_once('\n') {
            Some((first, rest)) if first.starts_with("#:schema") => rest.to_string(),
            _ => got_text.clone(),
        };
        assert_eq!(body.as_bytes(), want.as_slice(), "{rel}");
    }
    // Every locale came along.
    for loc in ["en", "fr", "en-CA", "fr-CA"] {
        assert!(dir.join(loc).is_dir(), "{loc}/");
    }
    // The exported course loads like the built-in one.
    let a = notalone::course::load(&CourseSource::Embedded, Some("fr-CA")).expect("built-in");
    let b =
        notalone::course::load(&CourseSource::Dir(dir.clone()), Some("fr-CA")).expect("exported");
    assert_eq!(a, b);

    // And it runs with --lessons.
    let data = tmp.path().join("data");
    let o = runner::plain(&dir, &data, &["--profile", "sam"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let en = notalone::course::load(&CourseSource::Embedded, Some("en")).expect("built-in");
    assert!(
        stdout(&o).contains(&format!("== {} ==", en.title)),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_refuses_a_non_empty_folder_without_force() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let o = notalone(&["export-course", s(tmp.path())]);
    assert_refused(&o, "--force");
    assert!(!tmp.path().join("course.toml").exists(), "nothing written");

    let o = notalone(&["export-course", s(tmp.path()), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        read(tmp.path().join("notes.txt")),
        "mine",
        "other files stay"
    );
    assert_clean(tmp.path());

    // A file is not a folder.
    let f = tmp.path().join("notes.txt");
    let o = notalone(&["export-course", s(&f), "--force"]);
    assert_refused(&o, "is a file");
}

#[test]
fn export_into_an_empty_existing_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = notalone(&["export-course", s(tmp.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_clean(tmp.path());
}
