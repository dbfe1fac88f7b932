//! The root `course.toml` as `new module` reads and edits it: parsed with
//! `toml_edit`, so the file keeps its comments, layout and line endings.

use std::path::Path;

use toml_edit::{Array, DocumentMut, Value};

use super::shown;

/// What a course.toml says that `new module` needs.
pub(super) struct RootInfo {
    pub(super) doc: DocumentMut,
    /// The file uses Windows line endings.
    pub(super) crlf: bool,
    pub(super) source_locale: String,
    pub(super) modules: Vec<String>,
    pub(super) objectives: Vec<String>,
}

pub(super) fn read_root(dir: &Path) -> Result<RootInfo, String> {
    let path = dir.join("course.toml");
    let d = shown(dir);
    if !dir.is_dir() {
        return Err(format!(
            "there is no folder {d}; give the course folder (the one that holds course.toml), or start a course with `notalone new course {d}`"
        ));
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "{d} has no course.toml, so it is not a course folder; give the folder that holds course.toml, or start one with `notalone new course DIR` or `notalone export-course DIR`"
            ));
        }
        Err(e) => {
            return Err(format!(
                "could not read {} ({e}); check that you may read it",
                shown(&path)
            ));
        }
    };
    let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let first = e.to_string();
        let first = first.lines().next().unwrap_or("").trim_end_matches(':');
        format!(
            "{} is not valid TOML ({first}); fix it first: `notalone lint {d}` shows where",
            shown(&path)
        )
    })?;
    let source_locale = match doc.get("source_locale").and_then(|i| i.as_str()) {
        Some(s) if crate::course::locale::normalize_tag(s).as_deref() == Some(s) => s.to_string(),
        _ => {
            return Err(format!(
                "{} has no valid `source_locale` (such as \"en\"); fix it first: `notalone lint {d}` shows how",
                shown(&path)
            ));
        }
    };
    let modules = match doc.get("modules") {
        None => Vec::new(),
        Some(item) => match item.as_array() {
            Some(a) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            None => {
                return Err(format!(
                    "`modules` in {} is not a list like [\"first\", \"second\"]; fix it first: `notalone lint {d}` shows how",
                    shown(&path)
                ));
            }
        },
    };
    let objectives = doc
        .get("objectives")
        .and_then(|i| i.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok(RootInfo {
        crlf: text.contains("\r\n"),
        doc,
        source_locale,
        modules,
        objectives,
    })
}

/// Append `id` to an array, laid out like the entries before it.
pub(super) fn push_like_siblings(arr: &mut Array, id: &str) {
    let mut v = Value::from(id);
    let last_prefix = arr
        .iter()
        .last()
        .and_then(|l| l.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    if let Some(p) = last_prefix {
        match p.rfind('\n') {
            // One entry per line: the same line ending and indent, without
            // any comment that sat above the last entry.
            Some(i) => {
                let eol = if p[..i].ends_with('\r') { "\r\n" } else { "\n" };
                v.decor_mut().set_prefix(format!("{eol}{}", &p[i + 1..]));
            }
            None => v.decor_mut().set_prefix(" "),
        }
        // `"last"\n]` without a trailing comma: move the line break after
        // the new entry.
        if !arr.trailing_comma()
            && let Some(last) = arr.iter_mut().last()
        {
            let suffix = last
                .decor()
                .suffix()
                .and_then(|s| s.as_str())
                .unwrap_or("")
                .to_string();
            if suffix.contains('\n') {
                last.decor_mut().set_suffix("");
                let trailing = arr.trailing().as_str().unwrap_or("").to_string();
                arr.set_trailing(format!("{suffix}{trailing}"));
            }
        }
    }
    arr.push_formatted(v);
}
