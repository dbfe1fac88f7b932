//! Wiring a course folder to the schemas: Taplo directives, `.taplo.toml`.

use std::path::{Path, PathBuf};

use super::*;

// ---------------------------------------------------------------------------
// Wiring a course folder to the schemas

/// The `#:schema` directive line for a course file, relative to the file
/// (Taplo resolves it against the file's folder); `None` for a file that is
/// not a lesson file.
pub fn directive_for(rel: &str, source_locale: &str) -> Option<String> {
    let file = SchemaFile::for_course_file(rel, source_locale)?;
    let up = if rel.contains('/') { "../" } else { "./" };
    Some(format!("#:schema {up}{SCHEMA_DIR}/{}", file.file_name()))
}

/// `text` with the schema directive added at the top (after a byte-order
/// mark), unless it already has one or `rel` is not a lesson file.
pub fn with_directive(rel: &str, text: &str, source_locale: &str) -> String {
    let Some(line) = directive_for(rel, source_locale) else {
        return text.to_string();
    };
    if has_directive(text) {
        return text.to_string();
    }
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(b) => ("\u{feff}", b),
        None => ("", text),
    };
    format!("{bom}{line}\n{body}")
}

/// Whether a file's header (its leading comments) has a `#:schema` directive.
pub fn has_directive(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .any(|l| l.trim_start().starts_with("#:schema"))
}

/// The `.taplo.toml` of a course folder: which schema each lesson file uses,
/// for editors that have the course folder open (files with a `#:schema`
/// directive use that instead).
pub fn taplo_config(source_locale: &str) -> String {
    // Later rules win where they overlap (Taplo's rule), so the general
    // module rules come first and the specific files last.
    let src = source_locale;
    format!(
        r#"# Editor support for this notalone course: editors with a TOML extension
# built on Taplo (e.g. "Even Better TOML" for VS Code) read this file when
# this folder is the one open, and check each lesson file against the
# schemas in schemas/ as you type. Files that start with a `#:schema` line
# use that schema instead. notalone itself ignores this file; `notalone lint`
# is what decides whether the course is valid.

include = ["**/*.toml"]
exclude = [".taplo.toml"]

[formatting]
# Keep lesson files as written: no reordering, no realigning.
reorder_keys = false
align_entries = false
array_auto_expand = false
array_auto_collapse = false

# Modules of a translation or region folder: every field may be left out.
[[rule]]
include = ["*/*.toml"]
[rule.schema]
path = "./{dir}/{translation}"

# Modules of the source language ({src}/).
[[rule]]
include = ["{src}/*.toml"]
[rule.schema]
path = "./{dir}/{module}"

[[rule]]
include = ["*/course.toml"]
[rule.schema]
path = "./{dir}/{locale_course}"

[[rule]]
include = ["*/resources.toml"]
[rule.schema]
path = "./{dir}/{resources}"

[[rule]]
include = ["course.toml"]
[rule.schema]
path = "./{dir}/{course}"
"#,
        dir = SCHEMA_DIR,
        translation = SchemaFile::ModuleTranslation.file_name(),
        module = SchemaFile::Module.file_name(),
        locale_course = SchemaFile::LocaleCourse.file_name(),
        resources = SchemaFile::Resources.file_name(),
        course = SchemaFile::Course.file_name(),
    )
}

/// What [`write_editor_support`] did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Created(PathBuf),
    Updated(PathBuf),
}

/// Write `schemas/*.json` into a course folder (each file only when missing
/// or different), and `.taplo.toml` when `taplo` says so and it is missing
/// (or `overwrite_taplo`). Returns what was written.
pub fn write_editor_support(
    dir: &Path,
    source_locale: &str,
    overwrite_taplo: bool,
) -> std::io::Result<Vec<Written>> {
    let mut out = Vec::new();
    for file in SchemaFile::ALL {
        let rel = format!("{SCHEMA_DIR}/{}", file.file_name());
        write_if_changed(dir, &rel, file.text(), true, &mut out)?;
    }
    write_if_changed(
        dir,
        ".taplo.toml",
        &taplo_config(source_locale),
        overwrite_taplo,
        &mut out,
    )?;
    Ok(out)
}

/// Never through a symbolic link: the course folder may be one students
/// can write (security review F9).
fn write_if_changed(
    dir: &Path,
    rel: &str,
    text: &str,
    overwrite: bool,
    out: &mut Vec<Written>,
) -> std::io::Result<()> {
    use crate::commands::export::nofollow::{self, How};
    let path = rel.split('/').fold(dir.to_path_buf(), |p, x| p.join(x));
    match nofollow::read(dir, rel)? {
        Some(old) if old == text.as_bytes() => Ok(()),
        Some(_) if !overwrite => Ok(()),
        Some(_) => {
            nofollow::write(dir, rel, text.as_bytes(), How::Replace)?;
            out.push(Written::Updated(path));
            Ok(())
        }
        None => {
            nofollow::write(dir, rel, text.as_bytes(), How::Replace)?;
            out.push(Written::Created(path));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_nulls_anywhere() {
        for f in SchemaFile::ALL {
            let text = f.generate();
            assert!(!text.contains("null"), "{} mentions null", f.file_name());
        }
    }

    #[test]
    fn directives_are_relative_to_the_file() {
        assert_eq!(
            directive_for("course.toml", "en").as_deref(),
            Some("#:schema ./schemas/course.schema.json")
        );
        assert_eq!(
            directive_for("en/intro.toml", "en").as_deref(),
            Some("#:schema ../schemas/module.schema.json")
        );
        assert_eq!(
            directive_for("fr/intro.toml", "en").as_deref(),
            Some("#:schema ../schemas/module-translation.schema.json")
        );
        assert_eq!(
            directive_for("fr-CA/resources.toml", "en").as_deref(),
            Some("#:schema ../schemas/resources.schema.json")
        );
        assert_eq!(directive_for("README.md", "en"), None);
        assert_eq!(directive_for("en/sub/x.toml", "en"), None);
    }

    #[test]
    fn directive_is_added_once() {
        let t = with_directive("en/a.toml", "id = \"a\"\n", "en");
        assert!(t.starts_with("#:schema ../schemas/module.schema.json\nid"));
        assert_eq!(with_directive("en/a.toml", &t, "en"), t);
        let bom = with_directive("en/a.toml", "\u{feff}id = \"a\"\n", "en");
        assert!(bom.starts_with("\u{feff}#:schema"));
    }
}
