//! A volunteer translator's interface file, through the real binary:
//! `export-course` writes every built-in one, `locales new` starts one,
//! `--lessons DIR --lang TAG` shows it message by message, `locales check`
//! covers it, and `--lang` that names nothing says so once.

use std::path::Path;
use std::process::Output;

use crate::runner::{self, err, out, s};

use notalone::commands::locales::ftl::Ftl;

/// `notalone ARGS` in a clean environment (no colour setting either),
/// with `stdin` piped in.
fn notalone(args: &[&str], stdin: &str) -> Output {
    runner::with_input(runner::notalone_cmd(args).env_remove("NO_COLOR"), stdin)
}

/// An exported course with a German translation started in it.
fn german_course(t: &Path) -> std::path::PathBuf {
    let c = t.join("c");
    let o = notalone(&["export-course", s(&c)], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = notalone(&["locales", "new", "de", s(&c)], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("de/notalone.ftl"), "{}", out(&o));
    c
}

fn set_message(file: &Path, id: &str, text: &str) {
    let ftl = std::fs::read_to_string(file).expect("ftl");
    let prefix = format!("{id} =");
    let mut found = false;
    let new: Vec<String> = ftl
        .lines()
        .map(|l| {
            if l.starts_with(&prefix) {
                found = true;
                format!("{id} = {text}")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(found, "{id} not in {}", file.display());
    std::fs::write(file, new.join("\n") + "\n").expect("write");
}

#[test]
fn export_writes_every_built_in_interface_file_and_new_starts_one() {
    let t = tempfile::tempdir().expect("tmp");
    let c = german_course(t.path());
    for tag in ["en", "fr"] {
        let got = std::fs::read_to_string(c.join(tag).join("notalone.ftl")).expect("exported");
        let built_in = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{tag}/notalone.ftl")),
        )
        .expect("project file");
        assert_eq!(got, built_in, "{tag}");
    }
    let de = std::fs::read_to_string(c.join("de/notalone.ftl")).expect("created");
    let f = Ftl::parse(&de);
    assert!(f.syntax.is_empty(), "not valid Fluent: {:?}", f.syntax);
    let en = Ftl::parse(&std::fs::read_to_string(c.join("en/notalone.ftl")).expect("en"));
    assert_eq!(
        f.units.keys().collect::<Vec<_>>(),
        en.units.keys().collect::<Vec<_>>(),
        "every English message, nothing else"
    );
    assert!(de.contains("language-name = Deutsch"), "{de}");
    assert!(de.contains("profile-title = Who is taking the course?"));
    // The fresh course lints clean: the interface files are no lesson files.
    let o = notalone(&["lint", s(&c), "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["errors"], 0, "{v:#}");
}

#[test]
fn the_course_interface_is_used_message_by_message() {
    let t = tempfile::tempdir().expect("tmp");
    let c = german_course(t.path());
    let ftl = c.join("de/notalone.ftl");
    set_message(&ftl, "profile-title", "Wer macht den Kurs?");
    set_message(&ftl, "plain-bye", "Bis bald!");
    // A broken message (an unknown variable) falls back, never a raw id.
    set_message(&ftl, "profile-welcome", "Hallo, { $niemand }!");
    let data = t.path().join("data");
    let args = [
        "--lessons",
        s(&c),
        "--lang",
        "de",
        "--plain",
        "--data-dir",
        s(&data),
    ];
    let o = notalone(&args, "\nsam\nq\n");
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}\n{}", err(&o));
    assert!(text.contains("Wer macht den Kurs?"), "{text}");
    assert!(text.contains("Bis bald!"), "{text}");
    // Untranslated: the English text.
    assert!(text.contains("Make a new nickname"), "{text}");
    assert!(text.contains("Hi, sam!"), "{text}");
    assert!(!text.contains("profile welcome") && !text.contains("profile-welcome"));
    // Nothing said about the language: the course has German.
    assert!(!err(&o).contains("de"), "{}", err(&o));
    // Without --lessons, the built-in strings.
    let o = notalone(
        &[
            "--lang",
            "de",
            "--plain",
            "--data-dir",
            s(&data),
            "--profile",
            "sam",
        ],
        "q\n",
    );
    assert!(!out(&o).contains("Bis bald!"));
}

#[test]
fn lang_that_names_nothing_is_said_once_and_the_course_goes_on() {
    let t = tempfile::tempdir().expect("tmp");
    let data = t.path().join("data");
    let base = ["--plain", "--data-dir", s(&data), "--profile", "sam"];
    let run = |lang: &str| {
        let mut a = vec!["--lang", lang];
        a.extend(base);
        notalone(&a, "q\n")
    };
    let o = run("xx");
    assert_eq!(o.status.code(), Some(0));
    let e = err(&o);
    assert_eq!(e.matches("xx").count(), 1, "{e}");
    assert!(e.contains("English"), "{e}");
    assert!(
        out(&o).contains("Not Alone") || out(&o).contains("=="),
        "{}",
        out(&o)
    );
    let o = run("deutsch");
    assert_eq!(o.status.code(), Some(0));
    let e = err(&o);
    assert!(
        e.contains("not a language code") && e.contains("--lang de"),
        "{e}"
    );
    // In French, to a French learner.
    let o = run("fr-CA");
    assert!(err(&o).is_empty(), "{}", err(&o));
    let o = run("de");
    let e = err(&o);
    assert!(e.contains("de") && e.lines().count() == 1, "{e}");
}

#[test]
fn check_covers_the_course_interface_file() {
    let t = tempfile::tempdir().expect("tmp");
    let c = german_course(t.path());
    let ftl = c.join("de/notalone.ftl");
    set_message(
        &ftl,
        "profile-title",
        "Wer\u{1b}]52;c;ZWNobyBwd25lZA==\u{7} macht den Kurs?",
    );
    set_message(
        &ftl,
        "profile-intro",
        "Wähle\u{202e} deinen\u{200b} Spitznamen.",
    );
    set_message(&ftl, "profile-welcome", "Hallo, { $name }!");
    set_message(&ftl, "home-choose", "Wähle ein Modul { $modul }.");
    let o = notalone(
        &[
            "locales",
            "check",
            s(&c),
            "--lang",
            "de",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let d = v["diagnostics"].as_array().cloned().unwrap_or_default();
    let at = |code: &str| -> Vec<u64> {
        d.iter()
            .filter(|x| x["code"] == code && x["file"] == "de/notalone.ftl")
            .filter_map(|x| x["line"].as_u64())
            .collect()
    };
    let controls = at("control-character");
    assert_eq!(controls.len(), 4, "{v:#}");
    assert_eq!(at("ftl-variable").len(), 1, "{v:#}");
    // The raw controls never reach the output.
    assert!(!o.stdout.contains(&0x1b) && !out(&o).contains('\u{202e}'));
    // A German folder without an interface file gets one warning.
    std::fs::remove_file(&ftl).expect("rm");
    let o = notalone(
        &[
            "locales",
            "check",
            s(&c),
            "--lang",
            "de",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let d = v["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        d.iter()
            .filter(|x| x["file"] == "de/notalone.ftl" && x["code"] == "untranslated")
            .count(),
        1,
        "{v:#}"
    );
    // The status table counts the course's file.
    let o = notalone(&["locales", "status", s(&c)], "");
    assert!(out(&o).lines().any(|l| l.starts_with("de ")), "{}", out(&o));
}

#[test]
fn a_fresh_translation_fits_on_a_screen_or_two_with_errors_first() {
    let t = tempfile::tempdir().expect("tmp");
    let c = german_course(t.path());
    // One real error in a lesson file and one in the interface file.
    let m = c.join("de/how-it-starts.toml");
    let text = std::fs::read_to_string(&m).expect("read");
    std::fs::write(
        &m,
        text.replacen("\ntitle = \"", "\ntitle = \"Wie es anfängt\nx = \"", 1),
    )
    .expect("write");
    set_message(
        &c.join("de/notalone.ftl"),
        "profile-welcome",
        "Hallo { $nick }!",
    );
    let o = notalone(&["locales", "check", s(&c), "--lang", "de"], "");
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    let lines = text.lines().count();
    assert!(lines <= 48, "{lines} lines:\n{text}");
    let first = text.lines().next().unwrap_or("");
    assert!(first.starts_with("error["), "errors first:\n{text}");
    assert!(text.contains("error[ftl-variable]"), "{text}");
    assert!(text.contains("warning[help-lines-unchanged]"), "{text}");
    assert!(
        text.contains("de/what-is-sextortion.toml: ") && text.contains(" texts not translated yet"),
        "{text}"
    );
    assert!(text.contains("de/notalone.ftl: ") && text.contains(" messages not translated yet"));
    // JSON still lists every text.
    let o = notalone(
        &[
            "locales",
            "check",
            s(&c),
            "--lang",
            "de",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        v["warnings"].as_u64().unwrap_or(0) > 300,
        "{}",
        v["warnings"]
    );
    // A word is not a tag: refused with the reason.
    let o = notalone(&["locales", "new", "deutsch", s(&c)], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("two or three letters") && err(&o).contains("`de`"));
    assert!(!c.join("deutsch").exists());
}
