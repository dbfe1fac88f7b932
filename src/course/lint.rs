//! `lint`: check a whole course, every locale, and report every problem.
//!
//! Each file is parsed once into toml's spanned document tree and walked
//! against a field table per table kind (`raw.rs`); the rules that need more
//! than one field run on the result (`rules.rs`). Lines and columns come from
//! the parser's byte spans.
//!
//! # Diagnostic codes
//!
//! Stable, kebab-case; the severity of a code never changes.
//!
//! | code | severity | where | what |
//! |---|---|---|---|
//! | `syntax` | error | where the TOML parser reports | not valid TOML (also: nesting deeper than the parser's limit) |
//! | `bad-encoding` | error | first invalid byte | the file is not UTF-8 |
//! | `file-too-large` | error | line 1, column 1 | a file over 1 MiB |
//! | `unknown-field` | error | the key | a field the format does not have ("did you mean" when one is close) |
//! | `unused-field` | warning | the key | a field of another step type (e.g. `contact` on a read step): ignored |
//! | `wrong-type` | error | the value | e.g. a string where a number or boolean belongs |
//! | `missing-field` | error | the table header (line 1, column 1 for top-level fields) | a required field is missing |
//! | `missing-file` | error | `source_locale` in course.toml | the source locale has no `course.toml` or `resources.toml` |
//! | `empty-text` | error | the value | a required text is empty or blank |
//! | `invalid-id` | error | the value | not `^[a-z0-9]+(-[a-z0-9]+)*$`, longer than 48, invisible characters, or reserved (`end` for steps; `course`, `resources` for modules) |
//! | `duplicate-id` | error | the second occurrence | a module listed twice, a step id used twice in a module, an objective declared twice |
//! | `id-mismatch` | error | the module's `id` | the module id is not the file name |
//! | `missing-module` | error | the entry in `modules` | no `<source>/<id>.toml` for a listed module |
//! | `unknown-file` | warning | line 1, column 1 | a `.toml` file the course does not use (unlisted module, folder that is not a locale tag) |
//! | `invalid-value` | error | the value | `minutes` outside 1..=120; unknown `type`, `kind`, `from`; bad `source_locale`; integer out of range |
//! | `too-few` / `too-many` | error | the step header (`[[step]]`); line 1 for a module's steps and resources | counts: steps >= 1, messages >= 1, choices <= 6, items 2..=12, options 2..=8, resources >= 1 in the source locale, modules >= 1 |
//! | `no-resources` | warning | line 1, column 1 | a translation's resources.toml lists no resource |
//! | `no-correct-option` | error | the step header | no correct option (single or multiple) |
//! | `several-correct` | error | the step header | more than one correct option in a single question |
//! | `correct-not-allowed` | error | the `correct` key | `correct` in an order question |
//! | `no-sign` | error | the step header | a spot step with no item `sign = true` |
//! | `missing-why` | error | the message header | a chat message with `sign = true` and no `why` |
//! | `dangling-next` | error | the value | `next` names no step of the module and is not `"end"` |
//! | `no-way-to-end` | error | the step header | from this step the end of the module cannot be reached |
//! | `unreachable-step` | warning | the step header | the step cannot be reached from the first step |
//! | `unknown-objective` | error | the entry / key | a `teaches` entry or `[objectives]` key not declared in course.toml |
//! | `objective-not-taught` | warning | the entry in `objectives` | no step teaches a declared objective |
//! | `objective-not-checked` | warning | the entry in `objectives` | taught, but by no question, spot, or chat with choices |
//! | `text-too-long` | error | the value | a title over 80 characters, other text over 4,000 |
//! | `control-character` | error | the value | a control character (C0 but newline/tab, DEL, C1) or bidi control in text, including `\e` and `\u001b` escapes |
//! | `answer-stands-out` | warning | the right option's text | a question with 3+ options whose right option is >= 1.5x as long as the longest wrong one (per locale) |
//! | `answer-pattern` | warning | the right option's text, at each question that makes it | course-wide, per locale: right option the longest in > 40% of single questions with 3+ options, or > 70% of true/false questions with one answer (at least 3 questions) |
//! | `unknown-module` | error | the value | `pre_check` or `post_check` names no module of `modules` |
//! | `pre-check-not-first` | error | `pre_check` | the pre-check is not the first module |
//! | `pre-check-not-questions` | error | the step's `type` | a step of the pre-check that is not a question |
//! | `objective-not-post-checked` | warning | `post_check` | an objective the pre-check assesses and the post-check does not |
//! | `invisible-character` | error | the value | an invisible format character in text: U+2028/U+2029, a zero-width joiner outside an emoji, U+FFF9..U+FFFB, tag characters outside a flag, Hangul fillers |
//! | `structure-mismatch` | error | the differing value, or the differing table header | a translation repeats a structure field with another value, or has another number of steps/messages/choices/items/options |
//!
//! A file with syntax errors gets only those (at most 20); its other
//! problems are reported once it parses. The other files are checked in
//! full either way.
//!
//! Could-not-run problems (no such directory, no `course.toml`, more than
//! 10,000 files, an unreadable file) are not diagnostics: `lint` returns a
//! [`SourceError`] and `notalone lint` exits with 2.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use toml::de::DeTable;

use super::diagnostic::{Report, Severity};
use super::items::{self, Question};
use super::prepost::*;
use super::raw::*;
use super::rules::*;
use super::{CourseSource, SourceError};

pub(super) fn lint(src: &CourseSource) -> Result<Report, SourceError> {
    lint_files(src)
}

pub(super) fn render_human(report: &Report, src: &CourseSource, color: bool) -> String {
    render(report, src, color)
}

/// Parse and walk one file; `None` when it has syntax errors.
pub(crate) fn walk_file<'t, T>(
    f: &SourceFile<'t>,
    sink: &mut Sink,
    g: impl FnOnce(&mut Walk<'_, 't>, DeTable<'t>) -> T,
) -> Option<T> {
    let table = parse(f, sink)?;
    let mut w = Walk::new(sink, f);
    Some(g(&mut w, table))
}

/// Sort diagnostics by file, line and column into a report.
pub(crate) fn finish(mut sink: Sink) -> Report {
    sink.diags
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Report {
        diagnostics: sink.diags,
    }
}

/// What a file of a course directory is.
#[derive(Debug, PartialEq, Eq)]
enum FileKind<'f> {
    Root,
    Course(&'f str),
    Resources(&'f str),
    Module(&'f str, &'f str),
    /// Not used by the course, and why.
    Unknown(String),
    /// Not a `.toml` file: none of lint's business.
    Ignored,
}

fn classify(path: &str) -> FileKind<'_> {
    if !path.ends_with(".toml") {
        return FileKind::Ignored;
    }
    if path == "course.toml" {
        return FileKind::Root;
    }
    let Some((folder, rest)) = path.split_once('/') else {
        return FileKind::Unknown(
            "this file is not part of the course: only course.toml belongs at the top of a course"
                .to_string(),
        );
    };
    if super::locale::normalize_tag(folder).as_deref() != Some(folder) {
        let hint = match super::locale::normalize_tag(folder) {
            Some(t) if !folder.contains(['.', '@']) => {
                format!("; to make it a locale, name the folder `{t}`")
            }
            _ => String::new(),
        };
        return FileKind::Unknown(format!(
            "this file is ignored: `{}` is not a locale folder{hint}",
            q(folder)
        ));
    }
    if rest.contains('/') {
        return FileKind::Unknown(
            "this file is ignored: a locale folder holds no sub-folders of lessons".to_string(),
        );
    }
    match rest {
        "course.toml" => FileKind::Course(folder),
        "resources.toml" => FileKind::Resources(folder),
        _ => FileKind::Module(folder, rest.trim_end_matches(".toml")),
    }
}

#[derive(Default)]
struct LocaleFiles<'a, 't> {
    course: Option<&'a SourceFile<'t>>,
    resources: Option<&'a SourceFile<'t>>,
    modules: Vec<(&'a str, &'a SourceFile<'t>)>,
}

/// Lint every file of a course.
pub(crate) fn lint_files(src: &dyn CourseFiles) -> Result<Report, SourceError> {
    src.check()?;
    let list = src.list()?;
    if !list.iter().any(|f| f == "course.toml") {
        return Err(SourceError::NoCourseToml(src.root_name()));
    }
    let mut sink = Sink::default();
    let mut texts: Vec<(&str, Cow<'_, str>)> = Vec::new();
    // Files that exist but could not be read as text (already reported).
    let mut broken: HashSet<&str> = HashSet::new();
    for f in list.iter().filter(|f| classify(f) != FileKind::Ignored) {
        match src.read_file(f) {
            Ok(Some(bytes)) => match decode(f, bytes, &mut sink) {
                Some(t) => texts.push((f.as_str(), t)),
                None => {
                    broken.insert(f);
                }
            },
            Ok(None) => {}
            Err(SourceError::TooLarge { file }) => {
                sink.file_level(
                    &file,
                    "file-too-large",
                    "this file is larger than 1 MiB; split it into smaller modules".to_string(),
                );
                broken.insert(f);
            }
            Err(e) => return Err(e),
        }
    }
    let files: Vec<SourceFile<'_>> = texts.iter().map(|(n, t)| SourceFile::new(n, t)).collect();
    check_all(&files, &broken, &mut sink);
    Ok(finish(sink))
}

fn check_all<'a, 't>(files: &'a [SourceFile<'t>], broken: &HashSet<&str>, sink: &mut Sink) {
    let mut root_file = None;
    let mut locales: BTreeMap<&str, LocaleFiles<'a, 't>> = BTreeMap::new();
    for f in files {
        match classify(f.name) {
            FileKind::Root => root_file = Some(f),
            FileKind::Course(l) => locales.entry(l).or_default().course = Some(f),
            FileKind::Resources(l) => locales.entry(l).or_default().resources = Some(f),
            FileKind::Module(l, stem) => locales.entry(l).or_default().modules.push((stem, f)),
            FileKind::Unknown(why) => {
                sink.push(f, Severity::Warning, "unknown-file", 0..0, why, None)
            }
            FileKind::Ignored => {}
        }
    }
    let root = root_file.and_then(|f| {
        walk_file(f, sink, |w, t| {
            let r = w.root(t);
            check_root(w, &r)
        })
        .map(|info| (f, info))
    });
    let Some((root_file, info)) = root else {
        // Without a usable course.toml, check each file on its own.
        for lf in locales.values() {
            walk_alone(lf, sink);
        }
        return;
    };
    let declared = info.declared();
    let Some(source) = info.source.clone() else {
        for lf in locales.values() {
            walk_alone(lf, sink);
        }
        return;
    };
    let empty = LocaleFiles::default();
    let sf = locales.get(source.as_str()).unwrap_or(&empty);
    let listed: HashSet<&str> = info.modules.iter().map(|(m, _)| m.as_str()).collect();

    // The source locale: everything required, every rule.
    match sf.course {
        Some(f) => {
            walk_file(f, sink, |w, t| {
                let c = w.course_text(t);
                check_course_text(w, &c, true, Some(&declared));
            });
        }
        None => missing_file(
            sink,
            root_file,
            &info,
            broken,
            &format!("{source}/course.toml"),
        ),
    }
    match sf.resources {
        Some(f) => {
            walk_file(f, sink, |w, t| {
                let r = w.resources(t);
                check_resources(w, &r, true);
            });
        }
        None => missing_file(
            sink,
            root_file,
            &info,
            broken,
            &format!("{source}/resources.toml"),
        ),
    }
    let by_stem: HashMap<&str, &SourceFile<'t>> =
        sf.modules.iter().map(|(s, f)| (*s, *f)).collect();
    // Translations of each listed module, checked right after their source
    // (so only one module's tables are in memory at a time).
    let mut translations: HashMap<&str, Vec<&SourceFile<'t>>> = HashMap::new();
    for (loc, lf) in &locales {
        if *loc == source {
            continue;
        }
        for (stem, f) in &lf.modules {
            if listed.contains(stem) {
                translations.entry(stem).or_default().push(f);
            }
        }
    }
    let mut teaching = Teaching::default();
    let mut complete = true;
    let is = |c: &Option<(String, Span)>, id: &str| c.as_ref().is_some_and(|(m, _)| m == id);
    let (mut pre_assessed, mut post_assessed) = (None, None);
    // Scored questions per (locale, module), for the item-writing checks.
    let mut questions: HashMap<(&str, &str), Vec<Question<'a, 't>>> = HashMap::new();
    for (id, span) in &info.modules {
        let src_raw = match by_stem.get(id.as_str()) {
            None if broken.contains(format!("{source}/{id}.toml").as_str()) => None,
            None => {
                let mut w = Walk::new(&mut *sink, root_file);
                w.error_help(
                    "missing-module",
                    span.clone(),
                    format!("module `{id}` has no file {source}/{id}.toml"),
                    format!("create {source}/{id}.toml, or remove `{id}` from `modules`"),
                );
                None
            }
            Some(f) => walk_file(f, sink, |w, t| {
                let m = w.module(t);
                check_module(w, &m, id, Some(&declared), &mut teaching);
                questions.insert(
                    (source.as_str(), id.as_str()),
                    items::questions(f, &m, None),
                );
                if is(&info.pre_check, id) {
                    check_pre_check_module(w, &m);
                    pre_assessed = Some(assessed(&m));
                }
                if is(&info.post_check, id) {
                    post_assessed = Some(assessed(&m));
                }
                m
            }),
        };
        complete &= src_raw.is_some();
        let src_name = format!("{source}/{id}.toml");
        for f in translations.get(id.as_str()).into_iter().flatten() {
            let f: &'a SourceFile<'t> = f;
            let loc = f.name.split('/').next().unwrap_or_default();
            walk_file(f, sink, |w, t| {
                let m = w.module(t);
                if let Some(s) = &src_raw {
                    let before = w.sink.diags.len();
                    compare_module(w, s, &m, &src_name);
                    let matches = !w.sink.diags[before..]
                        .iter()
                        .any(|d| d.code == "structure-mismatch");
                    if matches {
                        questions.insert((loc, id.as_str()), items::questions(f, s, Some(&m)));
                    }
                }
            });
        }
    }
    for (stem, f) in &sf.modules {
        if listed.contains(stem) {
            continue;
        }
        unlisted(sink, f, stem);
        walk_file(f, sink, |w, t| {
            let m = w.module(t);
            check_module(w, &m, stem, Some(&declared), &mut Teaching::default());
        });
    }
    items_by_locale(sink, &info, &source, &locales, &questions);
    if complete {
        let mut w = Walk::new(&mut *sink, root_file);
        check_objectives(&mut w, &info, &teaching);
        if let (Some(pre), Some(post)) = (&pre_assessed, &post_assessed) {
            compare_checks(&mut w, &info, pre, post);
        }
    }

    // Translations and region folders: course text, resources, and module
    // files the course does not list.
    for (loc, lf) in &locales {
        if *loc == source {
            continue;
        }
        if let Some(f) = lf.course {
            walk_file(f, sink, |w, t| {
                let c = w.course_text(t);
                check_course_text(w, &c, false, Some(&declared));
            });
        }
        if let Some(f) = lf.resources {
            walk_file(f, sink, |w, t| {
                let r = w.resources(t);
                check_resources(w, &r, false);
            });
        }
        for (stem, f) in &lf.modules {
            if !listed.contains(stem) {
                unlisted(sink, f, stem);
                walk_file(f, sink, |w, t| {
                    w.module(t);
                });
            }
        }
    }
}

/// The item-writing checks, per locale: the source, and each locale folder
/// with module files, as its learners see the course (a module the folder
/// lacks comes from the next folder of its chain).
fn items_by_locale<'a, 't>(
    sink: &mut Sink,
    info: &RootInfo,
    source: &str,
    locales: &BTreeMap<&str, LocaleFiles<'a, 't>>,
    questions: &HashMap<(&str, &str), Vec<Question<'a, 't>>>,
) {
    let mut by_locale: BTreeMap<String, Vec<Question<'a, 't>>> = BTreeMap::new();
    let with_modules = locales
        .iter()
        .filter(|(l, lf)| **l == source || !lf.modules.is_empty())
        .map(|(l, _)| *l);
    for loc in with_modules {
        let chain = super::locale::chain(loc, source);
        let mut list = Vec::new();
        for (id, _) in &info.modules {
            let found = chain
                .iter()
                .find_map(|c| questions.get(&(c.as_str(), id.as_str())).map(|q| (c, q)));
            match found {
                Some((c, q)) if c == loc => list.extend(q.iter().cloned()),
                Some((_, q)) => list.extend(items::unreported(q)),
                None => {}
            }
        }
        by_locale.insert(loc.to_string(), list);
    }
    items::check_items(sink, &by_locale);
}

fn missing_file(
    sink: &mut Sink,
    root: &SourceFile<'_>,
    info: &RootInfo,
    broken: &HashSet<&str>,
    file: &str,
) {
    if broken.contains(file) {
        return;
    }
    let mut w = Walk::new(sink, root);
    w.error_help(
        "missing-file",
        info.source_span.clone(),
        format!("the source locale has no {file}"),
        format!("create {file}: the source locale needs it"),
    );
}

fn unlisted(sink: &mut Sink, f: &SourceFile<'_>, stem: &str) {
    sink.push(
        f,
        Severity::Warning,
        "unknown-file",
        0..0,
        format!(
            "`{}` is not listed in `modules` of course.toml, so learners never see this file",
            q(stem)
        ),
        Some("add its id to `modules`, or remove the file".to_string()),
    );
}

/// Check the files of a locale folder one by one (course.toml is unusable).
fn walk_alone(lf: &LocaleFiles<'_, '_>, sink: &mut Sink) {
    if let Some(f) = lf.course {
        walk_file(f, sink, |w, t| {
            w.course_text(t);
        });
    }
    if let Some(f) = lf.resources {
        walk_file(f, sink, |w, t| {
            w.resources(t);
        });
    }
    for (_, f) in &lf.modules {
        walk_file(f, sink, |w, t| {
            w.module(t);
        });
    }
}

pub(crate) use super::render::{render, summary_phrase};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_files() {
        assert_eq!(classify("course.toml"), FileKind::Root);
        assert_eq!(classify("en/course.toml"), FileKind::Course("en"));
        assert_eq!(
            classify("fr-CA/resources.toml"),
            FileKind::Resources("fr-CA")
        );
        assert_eq!(classify("en/spot.toml"), FileKind::Module("en", "spot"));
        assert_eq!(classify("README.md"), FileKind::Ignored);
        assert!(matches!(classify("fr_CA/x.toml"), FileKind::Unknown(_)));
        assert!(matches!(classify("fr-ca/x.toml"), FileKind::Unknown(_)));
        assert!(matches!(classify("notes.toml"), FileKind::Unknown(_)));
        assert!(matches!(classify("en/sub/x.toml"), FileKind::Unknown(_)));
    }
}
