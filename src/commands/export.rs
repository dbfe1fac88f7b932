//! `notalone export-course DIR [--force]`: write the built-in course (every
//! locale) to DIR, ready to edit and to run with `--lessons DIR`.
//!
//! Besides the lesson files, DIR gets editor support (see [`crate::schema`]):
//! the JSON Schemas in `DIR/schemas/`, a `#:schema` line at the top of each
//! lesson file pointing there, and a `.taplo.toml`. None of these change
//! what the course is; notalone ignores them.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::course::CourseSource;
use crate::i18n;
use crate::schema;
use crate::text;

pub mod nofollow;

fn say(msg: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "notalone: {}",
        text::escape_controls(msg).replace('\n', "\\n")
    );
}

fn shown(p: &Path) -> String {
    text::sanitize_line(&p.display().to_string())
}

/// Run `export-course`; returns the exit code (0 written, 2 refused or failed).
pub fn run(dir: PathBuf, force: bool) -> i32 {
    match export(&dir, force) {
        Ok(summary) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(summary.as_bytes());
            let _ = out.flush();
            0
        }
        Err(msg) => {
            say(&msg);
            2
        }
    }
}

/// Whether `dir` exists and holds anything (hidden files count).
pub(crate) fn is_non_empty_dir(dir: &Path) -> Result<bool, String> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!(
            "could not open {} ({e}); check the path and that you may read it",
            shown(dir)
        )),
    }
}

/// Create `dir` (and its parents) unless it exists; refuse a file.
pub(crate) fn ensure_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{} is a file, not a folder; give the path of a new or empty folder",
            shown(dir)
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "could not create the folder {} ({e}); check the path and that you may write there",
            shown(dir)
        )
    })
}

/// Write the built-in course to `dir`; returns the summary for stdout.
pub fn export(dir: &Path, force: bool) -> Result<String, String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{} is a file, not a folder; give the path of a new or empty folder",
            shown(dir)
        ));
    }
    if !force && is_non_empty_dir(dir)? {
        return Err(format!(
            "{} is not empty; give a new or empty folder, or add --force to write into it (files of the same name are replaced)",
            shown(dir)
        ));
    }
    let src = CourseSource::Embedded;
    let files = src
        .files()
        .map_err(|e| format!("could not read the built-in course ({e})"))?;
    let source_locale = builtin_source_locale(&src);
    ensure_dir(dir)?;
    let mut per_folder: BTreeMap<String, usize> = BTreeMap::new();
    for rel in &files {
        let bytes = match src.read(rel) {
            Ok(Some(b)) => b,
            Ok(None) => continue,
            Err(e) => return Err(format!("could not read the built-in course ({e})")),
        };
        let bytes = match std::str::from_utf8(&bytes) {
            Ok(t) => schema::with_directive(rel, t, &source_locale).into_bytes(),
            Err(_) => bytes,
        };
        nofollow::write(dir, rel, &bytes, nofollow::How::Replace).map_err(|e| e.to_string())?;
        let folder = rel.split_once('/').map_or("", |(f, _)| f).to_string();
        *per_folder.entry(folder).or_default() += 1;
    }
    // The interface strings of every built-in language, beside its lessons.
    let mut files = files;
    for tag in i18n::available() {
        let Some(ftl) = i18n::source(&tag) else {
            continue;
        };
        let rel = format!("{tag}/{}", i18n::FTL_FILE);
        nofollow::write(dir, &rel, ftl.as_bytes(), nofollow::How::Replace)
            .map_err(|e| e.to_string())?;
        *per_folder.entry(tag.clone()).or_default() += 1;
        files.push(rel);
    }
    schema::write_editor_support(dir, &source_locale, force).map_err(|e| {
        format!(
            "the course was written, but not the editor schemas in {} ({e})",
            shown(&dir.join(schema::SCHEMA_DIR))
        )
    })?;
    Ok(summary(dir, &files, &per_folder, &source_locale))
}

/// The source locale of the built-in course (`en` if it cannot be read).
fn builtin_source_locale(src: &CourseSource) -> String {
    src.read("course.toml")
        .ok()
        .flatten()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| t.parse::<toml_edit::DocumentMut>().ok())
        .and_then(|d| d.get("source_locale")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

fn summary(
    dir: &Path,
    files: &[String],
    per_folder: &BTreeMap<String, usize>,
    source_locale: &str,
) -> String {
    let d = shown(dir);
    let total: usize = per_folder.values().sum();
    let mut out = format!("Wrote the built-in course to {d}/ ({total} files):\n");
    for (folder, n) in per_folder {
        let files_word = if *n == 1 { "file" } else { "files" };
        if folder.is_empty() {
            out.push_str(
                "  course.toml              the structure: id, module order, objectives\n",
            );
        } else if folder == source_locale {
            out.push_str(&format!(
                "  {:<24} {n} {files_word}: the text of every module (the source language)\n",
                format!("{folder}/")
            ));
        } else {
            let what = if files
                .iter()
                .any(|f| f.starts_with(&format!("{folder}/")) && !f.ends_with("/resources.toml"))
            {
                "a translation"
            } else {
                "help lines for a region"
            };
            out.push_str(&format!(
                "  {:<24} {n} {files_word}: {what}\n",
                format!("{folder}/")
            ));
        }
    }
    out.push_str(&format!(
        "  {:<24} the program's own words (menus, keys, messages) in that language\n",
        format!("*/{}", i18n::FTL_FILE)
    ));
    out.push_str(&format!(
        "  {:<24} for editors: checks the files as you type (optional)\n",
        format!("{}/, .taplo.toml", schema::SCHEMA_DIR)
    ));
    out.push_str(&format!(
        "\nNext steps:\n\
         \x20 1. Edit the files in {d}/ with any text editor (docs/authoring.md shows how).\n\
         \x20    Give the course an id of its own in {d}/course.toml if you change it a lot.\n\
         \x20 2. Check your changes:   notalone lint {d}\n\
         \x20 3. Try your version:     notalone --lessons {d}     (add --watch to reload as you save)\n"
    ));
    out
}
