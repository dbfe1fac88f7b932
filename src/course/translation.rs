//! What a translation file lacks: text fields that are missing (they fall
//! back to the source text) or identical to the source (likely not yet
//! translated). Lint does not report these; `locales check` can.

use std::collections::HashMap;

use super::SourceError;
use super::fields::{FileKind, TextField, outline};
use super::lint::walk_file;
use super::raw::*;
use super::rules::check_root;

/// Why a text field is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// Not in the translation: the learner sees the source text.
    Missing,
    /// The same as the source text.
    Identical,
}

/// One text field of a translation that is missing or identical to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextGap {
    /// The translation file, relative to the course, with `/`.
    pub file: String,
    /// Where: the value when present, else the header of the table that
    /// lacks it (line 1, column 1 for top-level fields).
    pub line: usize,
    pub column: usize,
    /// The same place as a byte offset in the translation file.
    pub offset: usize,
    /// Which field, readably: `title`, `step \`intro\` > text`,
    /// `step \`quiz\` > option 2 > feedback`, `objectives > stop-contact`.
    pub field: String,
    /// The source's text of the field.
    pub source: String,
    pub kind: GapKind,
}

/// What the root `course.toml` says about translations, as the engine
/// reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseRoot {
    /// The source locale.
    pub source: String,
    /// The module ids, in order (the valid ones).
    pub modules: Vec<String>,
}

impl CourseRoot {
    /// Read the root `course.toml` (byte-order mark allowed); `None` when
    /// it is not valid TOML or has no valid `source_locale`.
    pub fn read(text: &str) -> Option<CourseRoot> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let f = SourceFile::new("course.toml", text);
        let mut sink = Sink::default();
        let info = walk_file(&f, &mut sink, |w, tb| {
            let r = w.root(tb);
            check_root(w, &r)
        })?;
        Some(CourseRoot {
            source: info.source?,
            modules: info.modules.into_iter().map(|(m, _)| m).collect(),
        })
    }
}

/// List the text fields of a translation file (`fr/spot-the-signs.toml` or
/// `fr/course.toml`) that are missing or identical to the source locale's
/// file. Only text the source has is listed. Gives an empty list for files
/// that are not translations (source locale, `resources.toml`, unknown
/// files) or that do not parse (lint reports those).
pub fn compare_translation(src: &dyn CourseFiles, file: &str) -> Result<Vec<TextGap>, SourceError> {
    let mut sink = Sink::default();
    let Some(CourseRoot { source, .. }) =
        read_text(src, "course.toml", &mut sink)?.and_then(|t| CourseRoot::read(&t))
    else {
        return Ok(Vec::new());
    };
    let Some((folder, name)) = file.split_once('/') else {
        return Ok(Vec::new());
    };
    if folder == source
        || name == "resources.toml"
        || !name.ends_with(".toml")
        || name.contains('/')
    {
        return Ok(Vec::new());
    }
    let src_name = format!("{source}/{name}");
    let (Some(st), Some(tt)) = (
        read_text(src, &src_name, &mut sink)?,
        read_text(src, file, &mut sink)?,
    ) else {
        return Ok(Vec::new());
    };
    let kind = if name == "course.toml" {
        FileKind::CourseText
    } else {
        FileKind::Module
    };
    let (so, to) = (outline(kind, &st), outline(kind, &tt));
    // A file that does not parse has its errors reported by lint.
    if !so.parsed || !to.parsed {
        return Ok(Vec::new());
    }
    let tf = SourceFile::new(file, &tt);
    let by_place: HashMap<&str, &TextField> = to
        .texts
        .iter()
        .map(|t| (t.index_path.as_str(), t))
        .collect();
    let mut out = Vec::new();
    for s in &so.texts {
        if s.value.trim().is_empty() {
            continue;
        }
        let (kind, at) = match by_place
            .get(s.index_path.as_str())
            .filter(|t| !t.value.trim().is_empty())
        {
            None => (GapKind::Missing, to.holder(&s.index_path).span.start),
            Some(t) if t.value == s.value => (GapKind::Identical, t.span.start),
            Some(_) => continue,
        };
        let (line, column) = tf.line_col(at);
        out.push(TextGap {
            file: file.to_string(),
            line,
            column,
            offset: at,
            field: s.label.clone(),
            source: s.value.clone(),
            kind,
        });
    }
    Ok(out)
}

fn read_text(
    src: &dyn CourseFiles,
    rel: &str,
    sink: &mut Sink,
) -> Result<Option<String>, SourceError> {
    match src.read_file(rel) {
        Ok(Some(b)) => Ok(decode(rel, b, sink).map(|c| c.into_owned())),
        Ok(None) | Err(SourceError::TooLarge { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::CourseSource;

    fn basic() -> CourseSource {
        CourseSource::Dir(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/valid/basic"),
        )
    }

    #[test]
    fn lists_missing_and_identical_text() {
        let gaps = compare_translation(&basic(), "fr/first-signs.toml").expect("runs");
        let find = |field: &str| gaps.iter().find(|g| g.field == field);
        let g = find("content_note").expect("content_note is missing");
        assert_eq!((g.kind, g.line, g.column), (GapKind::Missing, 1, 1));
        let g = find("step `intro` > title").expect("step title is missing");
        assert_eq!((g.kind, g.line), (GapKind::Missing, 5));
        let g = find("step `new-follower` > contact").expect("contact is the same");
        assert_eq!((g.kind, g.line, g.column), (GapKind::Identical, 11, 11));
        let g = find("step `new-follower` > message 3 > text").expect("message text missing");
        assert_eq!((g.kind, g.line), (GapKind::Missing, 21));
        let g = find("step `signs` > item 1 > why").expect("whole item array missing");
        assert_eq!((g.kind, g.line), (GapKind::Missing, 32));
        assert!(find("title").is_none(), "translated");
        assert!(
            find("step `new-follower` > message 1 > text").is_none(),
            "translated"
        );
    }

    #[test]
    fn the_root_as_the_engine_reads_it() {
        let r = CourseRoot::read(
            "\u{feff}id = \"c\"\nsource_locale = \"en\"\nmodules = [\"a\", \"Bad Id\", \"b\"]\n",
        )
        .expect("reads");
        assert_eq!(r.source, "en");
        assert_eq!(r.modules, ["a", "b"], "invalid ids are left out");
        assert_eq!(CourseRoot::read("source_locale = \"en_CA\"\n"), None);
        assert_eq!(CourseRoot::read("source_locale = \"en\n"), None);
    }

    #[test]
    fn course_text_and_non_translations() {
        let gaps = compare_translation(&basic(), "fr/course.toml").expect("runs");
        let fields: Vec<&str> = gaps.iter().map(|g| g.field.as_str()).collect();
        assert_eq!(fields, ["finish", "objectives > stop-contact"]);
        assert!(
            compare_translation(&basic(), "en/first-signs.toml")
                .expect("runs")
                .is_empty()
        );
        assert!(
            compare_translation(&basic(), "fr/resources.toml")
                .expect("runs")
                .is_empty()
        );
        assert!(
            compare_translation(&basic(), "fr/nope.toml")
                .expect("runs")
                .is_empty()
        );
    }
}
