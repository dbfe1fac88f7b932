//! `locales export-po` and `import-po` as a translator with Poedit uses
//! them: export, check with GNU gettext's `msgfmt --check`, edit the way a
//! PO editor rewrites a file, import, run the course.

use std::path::Path;
use std::process::{Command, Output};

use crate::runner::{self, err, out, s};

/// `notalone ARGS` in a clean environment (no colour setting either),
/// with `stdin` piped in.
fn notalone(args: &[&str], stdin: &str) -> Output {
    runner::with_input(runner::notalone_cmd(args).env_remove("NO_COLOR"), stdin)
}

/// `msgfmt --check` on a file, if GNU gettext is installed (with CI=true it
/// must be). `None` when it is not there.
fn msgfmt_check(po: &Path) -> Option<(bool, String)> {
    let run = Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(po)
        .output();
    match run {
        Ok(o) => Some((o.status.success(), err(&o))),
        Err(_) => {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "msgfmt (Debian package gettext) is needed in CI"
            );
            eprintln!("skipped: msgfmt is not installed (apt-get install gettext)");
            None
        }
    }
}

fn course(t: &Path) -> std::path::PathBuf {
    let c = t.join("c");
    assert_eq!(
        notalone(&["export-course", s(&c)], "").status.code(),
        Some(0)
    );
    let o = notalone(&["locales", "new", "de", s(&c)], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    c
}

fn export(c: &Path, to: &Path) -> String {
    let o = notalone(
        &[
            "locales",
            "export-po",
            "--lang",
            "de",
            s(c),
            "--output",
            s(to),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    std::fs::read_to_string(to).expect("written")
}

/// What a PO editor does to a file: CRLF, long strings wrapped, its own
/// header line and comments, and the translations typed in.
fn edit_like_poedit(po: &str, fill: &[(&str, &str)]) -> String {
    let mut outp = String::new();
    let mut ctxt = String::new();
    let mut skip_str = false;
    for line in po.lines() {
        if let Some(c) = line.strip_prefix("msgctxt \"") {
            ctxt = c.trim_end_matches('"').to_string();
            outp.push_str("# a translator's comment\r\n");
        }
        if line.starts_with("\"Language: ") {
            outp.push_str(line);
            outp.push_str("\r\n\"X-Generator: Poedit 3.4.2\\n\"\r\n");
            continue;
        }
        if skip_str {
            if line.starts_with('"') {
                continue;
            }
            skip_str = false;
        }
        if line.starts_with("msgstr ")
            && let Some((_, t)) = fill.iter().find(|(c, _)| *c == ctxt)
        {
            outp.push_str("msgstr \"\"\r\n");
            // Wrapped at spaces, as editors do.
            for chunk in t.split_inclusive(' ') {
                outp.push_str(&format!("\"{chunk}\"\r\n"));
            }
            skip_str = true;
            continue;
        }
        outp.push_str(line);
        outp.push_str("\r\n");
    }
    outp
}

#[test]
fn export_edit_import_check_run() {
    let t = tempfile::tempdir().expect("tmp");
    let c = course(t.path());
    let before = std::fs::read_to_string(c.join("de/how-it-starts.toml")).expect("read");
    let po_path = t.path().join("de.po");
    let po = export(&c, &po_path);
    // Every text of the course, each with its context, reference and note.
    assert!(po.contains("\"Language: de\\n\""), "{po}");
    assert!(po.contains("msgctxt \"course.toml:title\"\nmsgid \"Not Alone\"\nmsgstr \"\"\n"));
    assert!(po.contains("msgctxt \"resources.toml:resource.1.name\""));
    assert!(po.contains("msgctxt \"how-it-starts.toml:step."), "modules");
    assert!(po.contains("#: en/how-it-starts.toml:"), "references");
    assert!(po.contains("at most 80 characters"), "length limits");
    let entries = po.matches("\nmsgctxt ").count();
    assert!(entries > 500, "{entries} entries");
    if let Some((ok, why)) = msgfmt_check(&po_path) {
        assert!(ok, "msgfmt --check: {why}");
    }

    let edited = edit_like_poedit(
        &po,
        &[
            ("course.toml:title", "Nicht allein"),
            ("how-it-starts.toml:title", "Wie es anfängt"),
            (
                "how-it-starts.toml:summary",
                "Die Tricks der Täter, Schritt für Schritt, und wie du sie \\\"erkennst\\\".",
            ),
        ],
    );
    let edited_path = t.path().join("de-edited.po");
    std::fs::write(&edited_path, &edited).expect("write");
    if let Some((ok, why)) = msgfmt_check(&edited_path) {
        assert!(ok, "msgfmt --check after editing: {why}");
    }
    let o = notalone(&["locales", "import-po", s(&edited_path), s(&c)], "");
    assert_eq!(o.status.code(), Some(0), "{}\n{}", out(&o), err(&o));
    assert!(
        out(&o).contains("Imported 3 translated texts"),
        "{}",
        out(&o)
    );
    // Then the same checks as `locales check`.
    assert!(out(&o).contains("not translated yet"), "{}", out(&o));

    // Only the translated lines changed; comments and layout are kept.
    let after = std::fs::read_to_string(c.join("de/how-it-starts.toml")).expect("read");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert!(after.contains("title = \"Wie es anfängt\""), "{after}");
    let parsed: toml::Table = after.parse().expect("still valid TOML");
    assert_eq!(
        parsed["summary"].as_str(),
        Some("Die Tricks der Täter, Schritt für Schritt, und wie du sie \"erkennst\".")
    );
    // The course shows it.
    let o = notalone(
        &[
            "--lessons",
            s(&c),
            "--lang",
            "de",
            "--plain",
            "--data-dir",
            s(&t.path().join("data")),
            "--profile",
            "jana",
        ],
        "q\n",
    );
    assert!(out(&o).contains("Nicht allein"), "{}", out(&o));

    // A second export: the translations are in, nothing is fuzzy.
    let again = export(&c, &po_path);
    assert!(
        again.contains("msgid \"Not Alone\"\nmsgstr \"Nicht allein\"\n"),
        "{again}"
    );
    assert!(!again.contains("#, fuzzy"));

    // The English changes: that entry is fuzzy, with the old text.
    let en = c.join("en/how-it-starts.toml");
    let text = std::fs::read_to_string(&en).expect("read");
    let old_title = text
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .map(|t| t.trim_end_matches('"').to_string())
        .expect("a title");
    std::fs::write(
        &en,
        text.replacen(
            &format!("title = \"{old_title}\""),
            "title = \"How it begins\"",
            1,
        ),
    )
    .expect("write");
    let third = export(&c, &po_path);
    let at = third
        .find("\nmsgctxt \"how-it-starts.toml:title\"")
        .expect("entry")
        + 1;
    let block = &third[third[..at].rfind("\n\n").unwrap_or(0)..at + 120];
    assert!(block.contains("#, fuzzy"), "{block}");
    assert!(
        block.contains(&format!("#| msgid \"{old_title}\"")),
        "{block}"
    );
    assert!(
        third[at..].starts_with("msgctxt \"how-it-starts.toml:title\"\nmsgid \"How it begins\"\nmsgstr \"Wie es anfängt\""),
        "{}",
        &third[at..at + 150]
    );
    if let Some((ok, why)) = msgfmt_check(&po_path) {
        assert!(ok, "msgfmt --check with fuzzy entries: {why}");
    }
}

#[test]
fn import_refuses_damaged_files_and_skips_stale_entries() {
    let t = tempfile::tempdir().expect("tmp");
    let c = course(t.path());
    let bad = t.path().join("bad.po");
    std::fs::write(&bad, "msgid \"\"\nmsgstr \"Language: de\\n\"\n\nmsgctxt \"course.toml:title\"\nmsgid \"Not Alone\"\nmsgstr \"Nicht \"allein\"\n").expect("write");
    let o = notalone(&["locales", "import-po", s(&bad), s(&c)], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("bad.po:6:"), "{}", err(&o));
    // No language in the header.
    std::fs::write(&bad, "msgid \"\"\nmsgstr \"\"\n\nmsgctxt \"course.toml:title\"\nmsgid \"Not Alone\"\nmsgstr \"Nicht allein\"\n").expect("write");
    let o = notalone(&["locales", "import-po", s(&bad), s(&c)], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("Language:"), "{}", err(&o));
    // A text the course no longer has is left out, the rest goes in.
    std::fs::write(&bad, "msgid \"\"\nmsgstr \"Language: de\\n\"\n\nmsgctxt \"course.toml:title\"\nmsgid \"Not Alone\"\nmsgstr \"Nicht allein\"\n\nmsgctxt \"how-it-starts.toml:step.gone.text\"\nmsgid \"Old\"\nmsgstr \"Alt\"\n").expect("write");
    let o = notalone(&["locales", "import-po", s(&bad), s(&c)], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("1 entries were left out"), "{}", out(&o));
    let ct = std::fs::read_to_string(c.join("de/course.toml")).expect("read");
    assert!(ct.contains("title = \"Nicht allein\""), "{ct}");
    // Export refuses a word for a language and the source itself.
    for lang in ["deutsch", "en"] {
        let o = notalone(&["locales", "export-po", "--lang", lang, s(&c)], "");
        assert_eq!(o.status.code(), Some(2), "{lang}");
    }
}
