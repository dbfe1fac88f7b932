//! `notalone locales check|status|new`, through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_notalone"));
    // A course given by the environment must not change what is checked.
    c.env_remove("NOTALONE_LESSONS")
        .env_remove("NO_COLOR")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/courses/locales")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn diags(v: &Value) -> Vec<Value> {
    v["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// The diagnostics with this code in this file.
fn find(v: &Value, code: &str, file: &str) -> Vec<Value> {
    diags(v)
        .into_iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .collect()
}

fn check_json(dir: &Path, lang: Option<&str>) -> (Output, Value) {
    let d = dir.to_str().expect("a UTF-8 path");
    let mut args = vec!["locales", "check", d, "--format", "json"];
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    let o = run(&args);
    let v = json(&o);
    (o, v)
}

/// Copy a directory tree (for tests that write).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let p = e.path();
        let t = to.join(e.file_name());
        if p.is_dir() {
            copy_tree(&p, &t);
        } else {
            std::fs::copy(&p, &t).expect("copy");
        }
    }
}

/// A course with only the source locale (from the clean fixture).
fn source_only() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let clean = fixture("clean");
    std::fs::copy(clean.join("course.toml"), tmp.path().join("course.toml")).expect("copy");
    copy_tree(&clean.join("en"), &tmp.path().join("en"));
    tmp
}

// ---------------------------------------------------------------------------
// check

#[test]
fn check_reports_a_structure_error_at_its_line() {
    let (o, v) = check_json(&fixture("broken"), Some("de"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let d = find(&v, "structure-mismatch", "de/first-signs.toml");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["severity"], "error");
    assert_eq!(d[0]["line"], 20);
    assert_eq!(d[0]["column"], 8);
    assert!(d[0]["message"].as_str().unwrap_or("").contains("sign"));
    // The JSON shape of lint.
    assert!(v["errors"].as_u64().unwrap_or(0) >= 1);
    assert_eq!(
        v["warnings"].as_u64(),
        Some(
            diags(&v)
                .iter()
                .filter(|d| d["severity"] == "warning")
                .count() as u64
        )
    );
    for d in diags(&v) {
        let keys: Vec<&str> = d
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys.len(),
            6,
            "severity, code, file, line, column, message: {d}"
        );
    }
}

#[test]
fn check_reports_untranslated_text_and_files() {
    let (_, v) = check_json(&fixture("broken"), Some("de"));
    let course = find(&v, "untranslated", "de/course.toml");
    // welcome is identical to the source, at its value.
    assert!(
        course.iter().any(|d| d["line"] == 2
            && d["column"] == 11
            && d["message"].as_str().unwrap_or("").contains("welcome")),
        "{course:#?}"
    );
    // finish is missing (a top-level field: line 1), one objective title too
    // (at the [objectives] header).
    assert!(
        course
            .iter()
            .any(|d| d["line"] == 1 && d["message"].as_str().unwrap_or("").contains("finish"))
    );
    assert!(course.iter().any(|d| d["line"] == 9
        && d["message"].as_str().unwrap_or("").contains("stop-contact")));
    let module = find(&v, "untranslated", "de/first-signs.toml");
    assert!(
        module
            .iter()
            .any(|d| d["line"] == 3 && d["message"].as_str().unwrap_or("").contains("summary"))
    );
    // A missing module file.
    let missing = find(&v, "untranslated", "de/what-to-do.toml");
    assert_eq!(missing.len(), 1, "{v:#}");
    assert_eq!(missing[0]["line"], 1);
    assert_eq!(missing[0]["severity"], "warning");
    // A contact name identical to the source is not reported.
    assert!(
        !diags(&v)
            .iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("> contact")),
        "{v:#}"
    );
}

#[test]
fn check_reports_obsolete_files_and_steps() {
    let (_, v) = check_json(&fixture("broken"), Some("de"));
    let file = find(&v, "obsolete", "de/old-module.toml");
    assert_eq!(file.len(), 1, "{v:#}");
    assert_eq!(file[0]["severity"], "warning");
    // lint's unknown-file for the same file is replaced by `obsolete`.
    assert!(find(&v, "unknown-file", "de/old-module.toml").is_empty());

    let (o, v) = check_json(&fixture("broken"), Some("es"));
    assert_eq!(o.status.code(), Some(1));
    let step = find(&v, "obsolete", "es/first-signs.toml");
    assert_eq!(step.len(), 1, "{v:#}");
    assert_eq!(step[0]["line"], 17);
    assert_eq!(step[0]["column"], 1);
    assert!(
        step[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("old-step")
    );
    // The extra step is a structure error too, at the same header.
    let s = find(&v, "structure-mismatch", "es/first-signs.toml");
    assert_eq!(s.len(), 1, "{v:#}");
    assert_eq!(s[0]["line"], 17);
    // Only es is checked.
    assert!(
        diags(&v)
            .iter()
            .all(|d| d["file"].as_str().unwrap_or("").starts_with("es/")),
        "{v:#}"
    );
}

#[test]
fn check_interface_files_in_the_course_dir() {
    let (_, v) = check_json(&fixture("broken"), Some("de"));
    let f = "de/notalone.ftl";
    let syntax = find(&v, "ftl-syntax", f);
    assert_eq!(syntax.len(), 1, "{v:#}");
    assert_eq!(syntax[0]["severity"], "error");
    assert_eq!(syntax[0]["line"], 6);
    assert_eq!(syntax[0]["column"], 1);
    let var = find(&v, "ftl-variable", f);
    assert_eq!(var.len(), 1, "{v:#}");
    assert_eq!(var[0]["line"], 4);
    assert!(
        var[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("nickname")
    );
    let obsolete = find(&v, "obsolete", f);
    assert_eq!(obsolete.len(), 1);
    assert_eq!(obsolete[0]["line"], 7);
    let missing = find(&v, "untranslated", f);
    assert!(
        missing
            .iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("`help-title`"))
    );
    // Translated, or inside the syntax error: not reported as missing.
    for id in ["`profile-title`", "`home-resume`", "`note-title`"] {
        assert!(
            !missing
                .iter()
                .any(|d| d["message"].as_str().unwrap_or("").contains(id)),
            "{id}"
        );
    }
}

#[test]
fn check_treats_region_folders_by_their_parent() {
    // broken/fr-CA has no fr/ beside it: it is a full translation, so its
    // missing files are reported.
    let (_, v) = check_json(&fixture("broken"), Some("fr-CA"));
    assert_eq!(find(&v, "untranslated", "fr-CA/first-signs.toml").len(), 1);
    // en-GB: the source's language; nothing is untranslated.
    let (o, v) = check_json(&fixture("broken"), Some("en-GB"));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(v["warnings"], 0, "{v:#}");
    // clean: fr-CA beside fr, en-CA: nothing to report about the lessons
    // (`--lang fr` also checks the built-in French interface file, which
    // tests/ftl.rs covers).
    for lang in [None, Some("fr"), Some("fr-CA"), Some("en-CA")] {
        let (o, v) = check_json(&fixture("clean"), lang);
        assert_eq!(o.status.code(), Some(0), "{lang:?}: {v:#}");
        let lessons: Vec<Value> = diags(&v)
            .into_iter()
            .filter(|d| !d["file"].as_str().unwrap_or("").starts_with("locales/"))
            .collect();
        assert!(lessons.is_empty(), "{lang:?}: {lessons:#?}");
    }
}

#[test]
fn check_without_lang_covers_every_locale_and_exits_1_on_errors() {
    let (o, v) = check_json(&fixture("broken"), None);
    assert_eq!(o.status.code(), Some(1));
    for f in [
        "de/first-signs.toml",
        "es/first-signs.toml",
        "fr-CA/course.toml",
        "de/notalone.ftl",
    ] {
        assert!(
            diags(&v).iter().any(|d| d["file"] == f),
            "{f} not reported: {v:#}"
        );
    }
    // Nothing about the source locale or the en-GB region.
    assert!(diags(&v).iter().all(|d| {
        let f = d["file"].as_str().unwrap_or("");
        !f.starts_with("en/") && !f.starts_with("en-GB/")
    }));
}

#[test]
fn check_human_output_is_rustc_style() {
    let d = fixture("broken");
    let o = run(&["locales", "check", d.to_str().unwrap_or(""), "--lang", "de"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[structure-mismatch]"), "{out}");
    assert!(out.contains("--> de/first-signs.toml:20:8"), "{out}");
    assert!(out.contains("sign = false"), "{out}");
    // Untranslated texts: one line per file, after every error.
    assert!(!out.contains("warning[untranslated]"), "{out}");
    assert!(
        out.contains("de/first-signs.toml: ") && out.contains(" not translated yet"),
        "{out}"
    );
    let last_error = out.rfind("error[").unwrap_or(0);
    let first_warning = out.find("warning[").unwrap_or(usize::MAX);
    assert!(last_error < first_warning, "errors first: {out}");
    let o2 = run(&[
        "locales",
        "check",
        d.to_str().unwrap_or(""),
        "--lang",
        "de",
        "--verbose",
    ]);
    assert!(
        stdout(&o2).contains("warning[untranslated]"),
        "{}",
        stdout(&o2)
    );
    assert!(out.contains("error[ftl-syntax]"), "{out}");
    assert!(out.contains("--> de/notalone.ftl:6:1"), "{out}");
    assert!(
        out.trim_end()
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("error: 3 errors and "),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn check_could_not_run_exits_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(&["locales", "check", tmp.path().to_str().unwrap_or("")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("course.toml"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let o = run(&["locales", "check", "/no/such/dir"]);
    assert_eq!(o.status.code(), Some(2));
    // No such translation, the source itself, not a tag.
    let d = fixture("clean");
    let d = d.to_str().unwrap_or("");
    for lang in ["de", "en", "x_y_z!"] {
        let o = run(&["locales", "check", d, "--lang", lang]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        assert_eq!(
            stderr(&o).lines().count(),
            1,
            "one sentence: {}",
            stderr(&o)
        );
    }
}

#[test]
fn check_the_built_in_course() {
    // Every built-in translation, lessons and interface: no errors.
    let o = run(&["locales", "check", "--format", "json"]);
    let v = json(&o);
    assert_eq!(v["errors"], 0, "{v:#}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // French is complete: `locales check --lang fr` reports nothing.
    let o = run(&["locales", "check", "--lang", "fr", "--format", "json"]);
    let v = json(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(diags(&v).is_empty(), "{v:#}");
    // The French interface file is part of the check.
    let o = run(&["locales", "check", "--lang", "fr"]);
    assert!(
        stdout(&o).starts_with("ok: no errors or warnings"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------
// status

#[test]
fn status_shows_a_table() {
    let d = fixture("broken");
    let o = run(&["locales", "status", d.to_str().unwrap_or("")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |tag: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(tag))
            .unwrap_or_else(|| panic!("no row for {tag}: {out}"))
            .split("  ")
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    assert!(out.contains("locale"), "{out}");
    assert_eq!(row("en")[1], "source");
    let de = row("de");
    let pct: u32 = de[1].trim_end_matches('%').parse().expect("a percentage");
    assert!(pct > 0 && pct < 100, "{de:?}");
    assert!(de[3].contains("what-to-do.toml"), "{de:?}");
    let es = row("es");
    assert!(es[3].contains("course.toml"), "{es:?}");

    let d = fixture("clean");
    let o = run(&["locales", "status", d.to_str().unwrap_or("")]);
    let out = stdout(&o);
    let fr = out
        .lines()
        .find(|l| l.starts_with("fr "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(fr.contains("100%"), "{fr}");
    let frca = out
        .lines()
        .find(|l| l.starts_with("fr-CA "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(frca.contains("100%"), "{frca}");
}

#[test]
fn status_of_the_built_in_course_has_an_interface_column() {
    let o = run(&["locales", "status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("interface"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("fr ")), "{out}");
}

// ---------------------------------------------------------------------------
// new

#[test]
fn new_starts_a_translation_that_lints_clean() {
    let tmp = source_only();
    let dir = tmp.path().to_str().expect("utf-8").to_string();
    let o = run(&["locales", "new", "de", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for f in [
        "course.toml",
        "resources.toml",
        "first-signs.toml",
        "what-to-do.toml",
    ] {
        assert!(tmp.path().join("de").join(f).is_file(), "de/{f}");
        assert!(out.contains(&format!("de/{f}")), "{out}");
    }
    assert!(
        out.contains(&format!("notalone locales check {dir} --lang de")),
        "{out}"
    );
    assert!(out.contains("--lessons"), "{out}");

    let o = run(&["lint", &dir, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert!(
        diags(&v)
            .iter()
            .all(|d| !d["file"].as_str().unwrap_or("").starts_with("de/")),
        "{v:#}"
    );

    let (o, v) = check_json(tmp.path(), Some("de"));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(v["errors"], 0);
    assert!(v["warnings"].as_u64().unwrap_or(0) > 10, "{v:#}");
    assert!(
        diags(&v)
            .iter()
            .all(|d| d["code"] == "untranslated" || d["code"] == "help-lines-unchanged"),
        "{v:#}"
    );
    // The copied help lines: one warning that a person must adapt them.
    assert_eq!(
        find(&v, "help-lines-unchanged", "de/resources.toml").len(),
        1,
        "{v:#}"
    );
    for f in [
        "de/course.toml",
        "de/first-signs.toml",
        "de/what-to-do.toml",
    ] {
        assert!(!find(&v, "untranslated", f).is_empty(), "{f}");
    }

    // The same tag again is refused.
    let o = run(&["locales", "new", "de", &dir]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
}

#[test]
fn new_for_a_region_copies_only_the_help_lines() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixture("clean"), tmp.path());
    let dir = tmp.path().to_str().expect("utf-8").to_string();
    let o = run(&["locales", "new", "fr-BE", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<_> = std::fs::read_dir(tmp.path().join("fr-BE"))
        .expect("created")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["resources.toml"]);
    // Copied from fr/, not from the English source.
    let text = std::fs::read_to_string(tmp.path().join("fr-BE/resources.toml")).expect("read");
    assert!(text.contains("Si tu es en danger"), "{text}");
    let (o, v) = check_json(tmp.path(), Some("fr-BE"));
    assert_eq!(o.status.code(), Some(0));
    // Nothing to translate, but the help lines of fr are not those of Belgium.
    assert_eq!(v["warnings"], 1, "{v:#}");
    let w = find(&v, "help-lines-unchanged", "fr-BE/resources.toml");
    assert_eq!(w.len(), 1, "{v:#}");
    assert!(
        w[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("fr/resources.toml"),
        "{v:#}"
    );
}

#[test]
fn new_refuses_bad_tags_and_places() {
    let tmp = source_only();
    let dir = tmp.path().to_str().expect("utf-8").to_string();
    let o = run(&["locales", "new", "fr_CA", &dir]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("fr-CA"),
        "suggests a dash: {}",
        stderr(&o)
    );
    for tag in ["C", "", "not a tag", "en", "en-XA", "de.UTF-8"] {
        let o = run(&["locales", "new", tag, &dir]);
        assert_eq!(o.status.code(), Some(2), "{tag:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{tag:?}: {}", stderr(&o));
    }
    // Nothing was created.
    let entries: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("read")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    // Not a course directory.
    let empty = tempfile::tempdir().expect("tempdir");
    let o = run(&["locales", "new", "de", empty.path().to_str().unwrap_or("")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("course.toml"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn new_defaults_to_the_current_directory() {
    let tmp = source_only();
    let o = bin()
        .args(["locales", "new", "pt-br"])
        .current_dir(tmp.path())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The canonical spelling of the tag names the folder.
    assert!(tmp.path().join("pt-BR/course.toml").is_file());
}

// ---------------------------------------------------------------------------
// docs/translating.md

#[test]
fn command_lines_in_the_translating_guide_parse() {
    use clap::Parser;
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/translating.md"))
            .expect("docs/translating.md");
    let mut lines: Vec<String> = Vec::new();
    let mut in_block = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            lines.push(line.trim().to_string());
        } else {
            let mut rest = line;
            while let Some(a) = rest.find('`') {
                let after = &rest[a + 1..];
                let Some(b) = after.find('`') else { break };
                lines.push(after[..b].to_string());
                rest = &after[b + 1..];
            }
        }
    }
    let mut n = 0;
    for l in lines {
        let l = l.split(" #").next().unwrap_or("");
        let l = match l.find("notalone ") {
            // `LANG=de_AT.UTF-8 notalone ...`, `cargo run --release -- ...`
            Some(i) if l[..i].trim().is_empty() || l[..i].contains('=') => &l[i..],
            _ => continue,
        };
        // Placeholders and "..." are not commands.
        if l.contains("...") || l.contains('<') || l.contains('[') {
            continue;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        n += 1;
        if let Err(e) = notalone::cli::Cli::try_parse_from(&words) {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                continue;
            }
            panic!("docs/translating.md: `{l}` does not parse: {e}");
        }
    }
    assert!(n >= 10, "only {n} command lines found");
}
