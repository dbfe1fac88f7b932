//! `notalone lint` at its limits (a file over 1 MiB, ten thousand options,
//! deep nesting, more than ten thousand files) and through the real binary:
//! exit codes, the JSON shape, and output that never carries control
//! characters.

use std::path::Path;
use std::process::{Command, Output};

use notalone::course::{self, CourseSource};

use crate::lint_fixtures::{courses, lint_dir, listing};

// ---------------------------------------------------------------------------
// Limits

fn write_course(dir: &Path, module: &[u8]) {
    let base = courses().join("invalid/syntax");
    for f in ["course.toml", "en/course.toml", "en/resources.toml"] {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(base.join(f), to).expect("copy");
    }
    std::fs::write(dir.join("en/m.toml"), module).expect("write");
}

#[test]
fn a_file_over_1_mib_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut module = b"id = \"m\"\ntitle = \"A\"\nsummary = \"B\"\n# ".to_vec();
    module.resize(1024 * 1024 + 10, b'x');
    write_course(tmp.path(), &module);
    let r = lint_dir(tmp.path());
    assert_eq!(r.errors(), 1, "{}", listing(&r));
    let d = &r.diagnostics[0];
    assert_eq!(
        (d.code.as_str(), d.file.as_str(), d.line, d.column),
        ("file-too-large", "en/m.toml", 1, 1)
    );
}

#[test]
fn ten_thousand_options_give_one_count_error_quickly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut m = String::from(
        "id = \"m\"\ntitle = \"A\"\nsummary = \"B\"\n\n[[step]]\nid = \"q\"\ntype = \"question\"\ntext = \"Q?\"\n",
    );
    for i in 0..10_000 {
        m.push_str(&format!(
            "[[step.option]]\ntext = \"o{i}\"\ncorrect = {}\n",
            i == 0
        ));
    }
    write_course(tmp.path(), m.as_bytes());
    let t = std::time::Instant::now();
    let r = lint_dir(tmp.path());
    assert!(t.elapsed().as_secs() < 20);
    assert_eq!(r.errors(), 1, "{}", listing(&r));
    let d = &r.diagnostics[0];
    assert_eq!((d.code.as_str(), d.line, d.column), ("too-many", 5, 1));
}

#[test]
fn deep_nesting_and_long_lines_do_not_overflow() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut m = String::from("id = \"m\"\ntitle = \"A\"\nsummary = \"B\"\nx = ");
    m.push_str(&"[".repeat(50_000));
    m.push_str(&"{a=".repeat(10_000));
    write_course(tmp.path(), m.as_bytes());
    let r = lint_dir(tmp.path());
    assert!(r.errors() >= 1);
    assert!(
        r.diagnostics.iter().all(|d| d.code == "syntax"),
        "{}",
        listing(&r)
    );
    assert!(
        r.diagnostics.len() <= 21,
        "syntax errors are capped per file"
    );
    let out = course::render_human(&r, &CourseSource::Dir(tmp.path().into()), false);
    assert!(out.contains("en/m.toml:4:"));
}

// ---------------------------------------------------------------------------
// The binary

fn notalone(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notalone"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn path_arg(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_string()
}

#[test]
fn exit_codes() {
    let valid = path_arg(&courses().join("valid/basic"));
    let o = notalone(&["lint", &valid]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("no errors or warnings"));

    let warn = path_arg(&courses().join("invalid/unused-field"));
    assert_eq!(
        notalone(&["lint", &warn]).status.code(),
        Some(0),
        "warnings alone pass"
    );

    let bad = path_arg(&courses().join("invalid/unknown-field"));
    let o = notalone(&["lint", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("error[unknown-field]: unknown field `feedbak`; did you mean `feedback`?"),
        "{out}"
    );
    assert!(out.contains("--> en/m.toml:15:1"), "{out}");
    assert!(out.contains("feedbak = \"yes\""), "{out}");
    assert!(out.contains("^^^^^^^"), "{out}");
    assert!(out.contains("help: rename it to `feedback`"), "{out}");
    assert!(
        out.trim_end()
            .ends_with(&format!("error: 1 error in {bad}")),
        "{out}"
    );

    let o = notalone(&["lint", "/no/such/course/dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no course directory"), "{err}");

    let not_course = path_arg(&courses());
    let o = notalone(&["lint", &not_course, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no course.toml"));

    // The built-in course: whatever state lessons/ is in, lint runs and
    // does not crash.
    let o = notalone(&["lint"]);
    assert!(matches!(o.status.code(), Some(0..=2)));
}

#[test]
fn json_has_exactly_the_contract_shape() {
    let dir = path_arg(&courses().join("invalid/objective-not-checked"));
    let o = notalone(&["lint", &dir, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    let obj = v.as_object().expect("an object");
    let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(obj["errors"], 0);
    assert_eq!(obj["warnings"], 1);
    let d = &obj["diagnostics"][0];
    let mut dk: Vec<&str> = d
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    dk.sort_unstable();
    assert_eq!(
        dk,
        ["code", "column", "file", "line", "message", "severity"]
    );
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "objective-not-checked");
    assert_eq!(d["file"], "course.toml");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 15);

    let dir = path_arg(&courses().join("invalid/structure-mismatch"));
    let o = notalone(&["lint", &dir, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["file"], "fr/m.toml");
}

#[test]
fn output_never_carries_control_characters() {
    // Escapes in lesson text, and a raw ESC byte that breaks the TOML (the
    // parser's own error text quotes the line).
    let tmp = tempfile::tempdir().expect("tempdir");
    write_course(
        tmp.path(),
        b"id = \"m\"\ntitle = \"A \x1b]0;PWNED\x07\"\nsummary = \"B\x9b\"\n",
    );
    std::fs::write(
        tmp.path().join("en/resources.toml"),
        "[[resource]]\nname = \"x\\e[2J\"\nabout = \"\u{9b}31m\u{202e}\"\n",
    )
    .expect("write");
    // A file name with C1, bidi and format characters (F11): lint names it
    // in every output.
    std::fs::write(
        tmp.path().join("en/x\u{9b}31m\u{202e}\u{2028}.toml"),
        "id = \"x\"\n",
    )
    .expect("write");
    let dirs = [
        path_arg(&courses().join("invalid/control-character")),
        path_arg(&courses().join("invalid/invisible-character")),
        path_arg(&courses().join("invalid/control-character-c1")),
        path_arg(tmp.path()),
    ];
    for dir in &dirs {
        for format in ["human", "json"] {
            let o = notalone(&["lint", dir, "--format", format]);
            assert_eq!(o.status.code(), Some(1), "{dir}");
            let text = String::from_utf8(o.stdout).expect("utf-8 output");
            let bad: Vec<char> = text
                .chars()
                .filter(|c| {
                    (c.is_control() && *c != '\n')
                        || ('\u{202a}'..='\u{202e}').contains(c)
                        || matches!(c, '\u{2028}' | '\u{2029}')
                })
                .collect();
            assert!(bad.is_empty(), "{dir} {format}: {bad:?} in\n{text}");
            if format == "json" && dir == &dirs[3] {
                assert!(text.contains("x\\u009b31m\\u202e\\u2028.toml"), "{text}");
                let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
                let files: Vec<&str> = v["diagnostics"]
                    .as_array()
                    .expect("diagnostics")
                    .iter()
                    .filter_map(|d| d["file"].as_str())
                    .collect();
                assert!(
                    files.contains(&"en/x\u{9b}31m\u{202e}\u{2028}.toml"),
                    "{files:?}"
                );
            }
            assert!(!o.stderr.contains(&0x1b));
        }
    }
}

#[test]
fn more_than_ten_thousand_files_cannot_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_course(tmp.path(), b"");
    let junk = tmp.path().join("media");
    std::fs::create_dir(&junk).expect("mkdir");
    for i in 0..10_001 {
        std::fs::write(junk.join(format!("{i}.png")), b"").expect("write");
    }
    let o = notalone(&["lint", &path_arg(tmp.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("more than 10000 files"));
}
