//! The interface files (`locales/<tag>/notalone.ftl`): valid Fluent, the
//! same messages and variables as English, and every message id the code
//! uses defined in English.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use notalone::commands::locales::ftl::{self, Ftl};
use notalone::course::Severity;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `locales/<tag>/notalone.ftl` of the project, by tag.
fn locales() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root().join("locales")).expect("locales/") {
        let e = e.expect("entry");
        let p = e.path().join("notalone.ftl");
        if p.is_file() {
            let tag = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("UTF-8");
            out.push((tag, text));
        }
    }
    out.sort();
    out
}

fn english() -> Ftl {
    let text = std::fs::read_to_string(root().join("locales/en/notalone.ftl")).expect("en");
    Ftl::parse(&text)
}

fn show(d: &[notalone::course::Diagnostic]) -> String {
    d.iter()
        .map(|d| format!("{}:{}: [{}] {}", d.file, d.line, d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_ftl_file_is_valid_fluent() {
    let all = locales();
    assert!(all.iter().any(|(t, _)| t == "en"), "no English file");
    for (tag, text) in &all {
        let f = Ftl::parse(text);
        assert!(
            f.syntax.is_empty(),
            "locales/{tag}/notalone.ftl has syntax errors: {:?}",
            f.syntax
        );
    }
}

#[test]
fn every_translation_has_every_english_message_with_the_same_variables() {
    let en = english();
    assert!(en.units.len() > 50, "the English file looks truncated");
    for (tag, text) in locales() {
        if tag == "en" {
            continue;
        }
        let file = format!("locales/{tag}/notalone.ftl");
        let d = ftl::compare(&file, &text, &en, "locales/en/notalone.ftl", false);
        let errors: Vec<_> = d
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        assert!(errors.is_empty(), "{}", show(&errors));
        let missing: Vec<_> = d
            .iter()
            .filter(|d| d.code == "untranslated" && d.message.contains("is missing"))
            .cloned()
            .collect();
        assert!(
            missing.is_empty(),
            "{file} lacks messages that English has:\n{}",
            show(&missing)
        );
    }
}

#[test]
fn french_is_complete() {
    let (_, fr) = locales()
        .into_iter()
        .find(|(t, _)| t == "fr")
        .expect("locales/fr/notalone.ftl");
    let d = ftl::compare(
        "locales/fr/notalone.ftl",
        &fr,
        &english(),
        "locales/en/notalone.ftl",
        false,
    );
    assert!(
        d.is_empty(),
        "`locales check --lang fr` would report:\n{}",
        show(&d)
    );
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The string literal that starts `s` (after blanks), if any.
fn literal_at(s: &str) -> Option<&str> {
    let s = s.trim_start().strip_prefix('"')?;
    let end = s.find('"')?;
    Some(&s[..end])
}

/// Whether a literal looks like a message id: lowercase words joined by
/// dashes (`tui-keys-quit`).
fn id_shaped(s: &str) -> bool {
    s.contains('-')
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

#[test]
fn every_message_id_used_in_the_code_exists_in_english() {
    let en = english();
    let known = |id: &str| en.units.contains_key(id);
    // First words of the English ids (`tui`, `home`, `hint`...): a literal
    // in the interface code that starts with one of them is a message id.
    let groups: BTreeSet<&str> = en
        .units
        .keys()
        .filter_map(|k| k.split('-').next())
        .collect();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut unknown = Vec::new();
    let mut direct = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("UTF-8");
        let rel = f.strip_prefix(root()).unwrap_or(f).display().to_string();
        // Ids given straight to `.t("...")` / `.ta("...", ...)`.
        for pat in [".t(", ".ta("] {
            for (i, _) in text.match_indices(pat) {
                if let Some(id) = literal_at(&text[i + pat.len()..]) {
                    direct += 1;
                    if !known(id) {
                        unknown.push(format!("{rel}: `{id}`"));
                    }
                }
            }
        }
        // Ids kept in tables or passed through helpers (`hint("tui-keys-quit")`),
        // in the front ends only (elsewhere, such literals are lesson ids).
        let front_end = ["src/tui/", "src/plain.rs", "src/app.rs", "src/session.rs"]
            .iter()
            .any(|p| rel.starts_with(p));
        if !front_end {
            continue;
        }
        let mut rest = text.as_str();
        while let Some(i) = rest.find('"') {
            rest = &rest[i + 1..];
            let Some(end) = rest.find('"') else { break };
            let lit = &rest[..end];
            rest = &rest[end + 1..];
            if id_shaped(lit) && groups.contains(lit.split('-').next().unwrap_or("")) && !known(lit)
            {
                unknown.push(format!("{rel}: `{lit}`"));
            }
        }
    }
    assert!(
        direct > 20,
        "found only {direct} `.t(\"...\")` calls: the scan is broken"
    );
    unknown.sort();
    unknown.dedup();
    assert!(
        unknown.is_empty(),
        "message ids used in the code but not defined in locales/en/notalone.ftl:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn a_french_canadian_environment_gets_the_french_interface() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let data = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_notalone"))
        .args(["--plain", "--data-dir"])
        .arg(data.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NOTALONE_LESSONS")
        .env("LANG", "fr_CA.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(b"1\nsam\nq\n");
    }
    let out = child.wait_with_output().expect("ends");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Qui suit le cours"), "{text}");
    assert!(text.contains("Salut, sam"), "{text}");
    assert!(!text.contains("Who is taking the course"), "{text}");
}
