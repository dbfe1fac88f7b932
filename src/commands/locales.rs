//! `notalone locales check|status|new`: tools for translators.
//!
//! # `locales check [DIR] [--lang TAG] [--format json]`
//!
//! Like Mozilla's compare-locales: every locale folder but the source's (or
//! only `TAG`) is compared with the source locale. Same output, JSON shape
//! and exit codes as `lint` (0 no errors, 1 errors, 2 could not run).
//!
//! | code | severity | where | what |
//! |---|---|---|---|
//! | every `lint` code | as in lint | as in lint | lint's diagnostics for the translation's own files, e.g. `structure-mismatch` at the differing line, `syntax`, `unknown-field` |
//! | `untranslated` | warning | the value, or the header of the table that lacks the field; line 1 for a missing file or top-level field | a file the language does not have yet, a text field missing from a translated file, a text identical to the source's, an interface message missing or still in English |
//! | `obsolete` | warning | line 1 of the file / the step header / the message | a module file or a step the source does not have (any more), an interface message the English file does not have |
//! | `ftl-syntax` | error | where the Fluent parser reports | the interface file is not valid Fluent |
//! | `ftl-variable` | error | the message | a `{ $variable }` used in English but not in the translation, or the other way round |
//! | `ftl-duplicate` | error | the second definition | a message defined twice |
//! | `control-character` | error | the character | a control, bidi or invisible format character in an interface file |
//! | `help-lines-unchanged` | warning | line 1 of `resources.toml` | the same help lines as another locale's: a person must adapt them |
//!
//! The human output lists errors first, then the other warnings, then one
//! line per file for the `untranslated` ones ("34 of 40 texts not
//! translated yet"); `--verbose` lists those one by one too. JSON lists
//! every diagnostic, errors first.
//!
//! Kinds of locale folders:
//! - a folder whose language is the source's (`en-CA` when the source is
//!   `en`) is a regional adaptation: its files are checked (lint, obsolete)
//!   but nothing in it is "untranslated";
//! - a region folder whose language folder exists (`fr-CA` beside `fr`)
//!   inherits every file it lacks from `fr`: only the files it has are
//!   compared (a text field missing from one of them falls back to the
//!   source language, so it is reported);
//! - any other folder is a full translation: every file of the source locale
//!   is expected (course.toml, resources.toml, every module).
//!
//! A text identical to the source's is not reported when it is identical by
//! nature: a chat `contact` (a display name), a text without any letter
//! (numbers, phone numbers, emoji, punctuation), a single word without
//! spaces (a name, a handle, a URL, an id, "OK", "Note"), or a short name
//! (at most four words, each capitalised: "Take It Down"). The same rule
//! spares a missing text field whose source text is identical by nature
//! (it falls back to the same text). `resources.toml` is never compared
//! field by field: each region has its own help lines.
//!
//! Interface files: without DIR, the embedded `locales/<tag>/notalone.ftl`
//! files; with DIR, the course's `<tag>/notalone.ftl` files (a full
//! translation without one gets an `untranslated` warning). Both are
//! compared with the built-in English, which the program falls back to.
//!
//! # `locales status [DIR]`
//!
//! A table: each locale, the share of the source's text fields translated
//! (course.toml and every module; a field counts when the first folder of
//! the locale's chain that has the file has it, different from the source
//! or identical by nature), the share of interface messages translated, and
//! the files missing.
//!
//! # `locales new TAG [DIR]`
//!
//! Starts a translation: copies the source locale's text files into `TAG/`.
//! For a regional variant (`en-CA` of an `en` course, `fr-CA` beside `fr`)
//! only `resources.toml` is copied: the rest is inherited.

pub mod ftl;
mod new;
mod status;
mod view;

pub(crate) use new::{check_one, outline, validate_tag};
use status::{count_fields, status};

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::cli::{LocalesCommand, ReportFormat};
use crate::course::translation::{GapKind, TextGap, compare_translation};
use crate::course::{
    self, CourseFiles, CourseSource, Diagnostic, Report, Severity, SourceError, locale,
};
use crate::i18n;
use crate::text;

/// Run a `locales` command; returns the exit code (0 ok, 1 errors, 2 could
/// not run). `lessons` is `--lessons` / `NOTALONE_LESSONS`, used by
/// `check` and `status` when they are given no DIR.
pub fn run(cmd: LocalesCommand, lessons: Option<PathBuf>) -> i32 {
    match cmd {
        LocalesCommand::Check {
            dir,
            lang,
            format,
            verbose,
        } => check(dir.or(lessons), lang, format, verbose),
        LocalesCommand::Status { dir } => status(dir.or(lessons)),
        // DIR, else the current directory (as `--help` says): never a
        // course named by the environment, so files land where asked.
        LocalesCommand::New { tag, dir } => new::new(&tag, dir),
        LocalesCommand::ExportPo { lang, dir, output } => {
            crate::commands::po::export(&lang, dir.or(lessons), output)
        }
        LocalesCommand::ImportPo { file, dir } => crate::commands::po::import(&file, dir),
    }
}

fn say(msg: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "notalone: {}",
        text::escape_controls(msg).replace('\n', " ")
    );
}

fn write_stdout(s: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not a reason to panic.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn shown(p: &Path) -> String {
    text::escape_controls(&p.display().to_string()).replace('\n', "\\n")
}

/// One sentence: why the course could not be read.
fn could_not_run(e: &SourceError) -> String {
    match e {
        SourceError::NoDir(d) => format!(
            "there is no course directory at {d}; give the path of a folder that holds a course.toml"
        ),
        SourceError::NoCourseToml(d) => format!(
            "{d} has no course.toml, so it is not a course directory; give the folder that holds course.toml"
        ),
        SourceError::TooManyFiles(d) => format!(
            "{d} holds more than {} files, so it is not a course directory; give the course folder itself",
            course::source::MAX_FILES
        ),
        SourceError::TooLarge { file } => {
            format!("{file} is larger than 1 MiB; split it into smaller modules")
        }
        SourceError::Io { file, error } => format!(
            "could not read {file} ({error}); check that it exists and that you may read it"
        ),
    }
}

// ---------------------------------------------------------------------------
// What we need to know about a course

/// The source locale, the modules and the locale folders of a course.
struct Info {
    src: CourseSource,
    source: String,
    modules: Vec<String>,
    files: Vec<String>,
    /// Locale folders (canonical BCP 47 tags holding `.toml` files), sorted.
    folders: Vec<String>,
}

/// How a locale folder relates to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Source,
    /// Same language as the source (`en-CA` of an `en` course).
    SameLanguage,
    /// A region of a language that has its own folder (`fr-CA` beside `fr`).
    Region(String),
    /// A translation expected to hold every file.
    Full,
}

fn language(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

impl Info {
    fn read(src: CourseSource) -> Result<Info, String> {
        let files = src.files().map_err(|e| could_not_run(&e))?;
        let root = src.display_root();
        let bytes = src
            .read("course.toml")
            .map_err(|e| could_not_run(&e))?
            .ok_or_else(|| could_not_run(&SourceError::NoCourseToml(root.clone())))?;
        let lint_hint = match src.dir() {
            Some(d) => format!("`notalone lint {}` says why", d.display()),
            None => "`notalone lint` says why".to_string(),
        };
        let unusable = || {
            format!(
                "the course.toml of {root} cannot be read, so translations cannot be compared with the source; {lint_hint}"
            )
        };
        let text = String::from_utf8(bytes).map_err(|_| unusable())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let table: toml::Table = text.parse().map_err(|_| unusable())?;
        let source = table
            .get("source_locale")
            .and_then(|v| v.as_str())
            .and_then(|s| locale::normalize_tag(s).filter(|t| t == s))
            .ok_or_else(unusable)?;
        let modules = table
            .get("modules")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut folders: Vec<String> = files
            .iter()
            .filter_map(|f| f.split_once('/'))
            .filter(|(d, rest)| {
                rest.ends_with(".toml")
                    && *d != "locales"
                    && locale::normalize_tag(d).as_deref() == Some(*d)
            })
            .map(|(d, _)| d.to_string())
            .collect();
        folders.sort();
        folders.dedup();
        Ok(Info {
            src,
            source,
            modules,
            files,
            folders,
        })
    }

    fn kind(&self, tag: &str) -> Kind {
        if tag == self.source {
            return Kind::Source;
        }
        if language(tag).eq_ignore_ascii_case(language(&self.source)) {
            return Kind::SameLanguage;
        }
        let parent = locale::chain(tag, &self.source)
            .into_iter()
            .skip(1)
            .find(|p| *p != self.source && self.folders.contains(p));
        match parent {
            Some(p) => Kind::Region(p),
            None => Kind::Full,
        }
    }

    fn has(&self, path: &str) -> bool {
        self.files.iter().any(|f| f == path)
    }

    /// The text files a translation needs: course.toml, then each module.
    fn text_files(&self) -> Vec<String> {
        let mut v = vec!["course.toml".to_string()];
        v.extend(self.modules.iter().map(|m| format!("{m}.toml")));
        v
    }

    /// The folders of a locale's chain, without the source.
    fn chain(&self, tag: &str) -> Vec<String> {
        locale::chain(tag, &self.source)
            .into_iter()
            .filter(|t| *t != self.source)
            .collect()
    }

    fn read_text(&self, path: &str) -> Option<String> {
        let bytes = self.src.read(path).ok().flatten()?;
        let s = String::from_utf8(bytes).ok()?;
        Some(match s.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => s,
        })
    }
}

// ---------------------------------------------------------------------------
// Identical by nature

/// Whether a text may well be the same in every language: no letter at all
/// (numbers, phone numbers, emoji, punctuation), a single word without
/// spaces (a name, a handle, a URL, an id), or a short name: at most four
/// words, each starting with a capital letter or a digit ("Take It Down",
/// "Kids Help Phone").
pub(crate) fn same_by_nature(s: &str) -> bool {
    let t = s.trim();
    if !t.chars().any(char::is_alphabetic) || !t.chars().any(char::is_whitespace) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= 4
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// The steps of a module file: `[[step]]` header span and `id`.
fn steps_of(text: &str) -> Vec<(Range<usize>, Option<String>)> {
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let root = root.into_inner();
    let mut out = Vec::new();
    if let Some(DeValue::Array(a)) = get(&root, "step") {
        for s in a.iter() {
            if let DeValue::Table(t) = s.get_ref() {
                out.push((s.span(), get_str(t, "id")));
            }
        }
    }
    out
}

fn get<'a, 't>(t: &'a DeTable<'t>, key: &str) -> Option<&'a DeValue<'t>> {
    t.iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, v)| v.get_ref())
}

fn get_str(t: &DeTable<'_>, key: &str) -> Option<String> {
    match get(t, key) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// Quote an id as the engine names fields (`step \`intro\` > text`).
fn q(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    text::escape_controls(&out).replace('\n', "\\n")
}

/// Every text field of a source file (course text or module), by the name
/// [`compare_translation`] gives it, with its value.
fn field_values(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Ok(root) = DeTable::parse(text) else {
        return out;
    };
    let root = root.into_inner();
    for f in ["title", "summary", "content_note", "welcome", "finish"] {
        if let Some(v) = get_str(&root, f) {
            out.insert(f.to_string(), v);
        }
    }
    if let Some(DeValue::Table(o)) = get(&root, "objectives") {
        for (k, v) in o.iter() {
            if let DeValue::String(s) = v.get_ref() {
                out.insert(format!("objectives > {}", q(k.get_ref())), s.to_string());
            }
        }
    }
    let Some(DeValue::Array(steps)) = get(&root, "step") else {
        return out;
    };
    for (i, s) in steps.iter().enumerate() {
        let DeValue::Table(t) = s.get_ref() else {
            continue;
        };
        let name = get_str(t, "id").map_or_else(
            || format!("step {}", i + 1),
            |id| format!("step `{}`", q(&id)),
        );
        for f in ["title", "text", "contact", "explanation"] {
            if let Some(v) = get_str(t, f) {
                out.insert(format!("{name} > {f}"), v);
            }
        }
        for what in ["message", "choice", "item", "option"] {
            let Some(DeValue::Array(a)) = get(t, what) else {
                continue;
            };
            for (j, x) in a.iter().enumerate() {
                let DeValue::Table(x) = x.get_ref() else {
                    continue;
                };
                for f in ["text", "why", "feedback"] {
                    if let Some(v) = get_str(x, f) {
                        out.insert(format!("{name} > {what} {} > {f}", j + 1), v);
                    }
                }
            }
        }
    }
    out
}

/// Byte offset of a line and column (both from 1, column in characters).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// The text gaps of a translation file that count: fields whose source
/// text is identical by nature (and chat contacts) are left out.
/// `source_text` is the source locale's file.
fn real_gaps(src: &dyn CourseFiles, path: &str, source_text: Option<&str>) -> Vec<TextGap> {
    let Ok(gaps) = compare_translation(src, path) else {
        return Vec::new();
    };
    if gaps.is_empty() {
        return gaps;
    }
    let values = source_text.map(field_values).unwrap_or_default();
    gaps.into_iter()
        .filter(|g| {
            let contact = g.field == "contact" || g.field.ends_with("> contact");
            !contact && !values.get(&g.field).is_some_and(|v| same_by_nature(v))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// check

fn check(dir: Option<PathBuf>, lang: Option<String>, format: ReportFormat, verbose: bool) -> i32 {
    let given_dir = dir.is_some();
    let src = match dir {
        Some(d) => CourseSource::Dir(d),
        None => CourseSource::Embedded,
    };
    let lint = match course::lint(&src) {
        Ok(r) => r,
        Err(e) => {
            say(&could_not_run(&e));
            return 2;
        }
    };
    let info = match Info::read(src) {
        Ok(i) => i,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    let lang = match lang {
        None => None,
        // `fr_CA` as the environment writes it is fine here; a word is not.
        Some(l) => match locale::normalize_tag(&l).filter(|_| i18n::tag_problem(&l).is_none()) {
            Some(t) if !t.eq_ignore_ascii_case(i18n::PSEUDO) => Some(t),
            _ => {
                say(&validate_tag(&l).err().unwrap_or_else(|| {
                    format!("`{l}` is not a language to check; give one such as fr, de or pt-BR")
                }));
                return 2;
            }
        },
    };
    if lang.as_deref() == Some(info.source.as_str()) {
        say(&format!(
            "{} is the source locale of this course: `locales check` compares the other locales with it, and `notalone lint` checks the source itself",
            info.source
        ));
        return 2;
    }

    // Interface files to check.
    let ftl_set = FtlSet::new(&info, given_dir);
    let ftl_tags: Vec<String> = ftl_set.to_check(lang.as_deref()).into_iter().collect();

    let checked: Vec<&str> = info
        .folders
        .iter()
        .map(String::as_str)
        .filter(|f| *f != info.source && lang.as_deref().is_none_or(|l| l == *f))
        .collect();
    if let Some(l) = &lang
        && checked.is_empty()
        && ftl_tags.is_empty()
    {
        let dir = info
            .src
            .dir()
            .map_or_else(|| "DIR".to_string(), |d| d.display().to_string());
        say(&format!(
            "{} has no {l}/ folder, so there is no {l} translation to check; `notalone locales new {l} {dir}` starts one",
            info.src.display_root()
        ));
        return 2;
    }

    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut obsolete_files: BTreeSet<String> = BTreeSet::new();
    for l in &checked {
        compare_locale(&info, l, &mut diags, &mut obsolete_files);
        if given_dir && info.kind(l) == Kind::Full && ftl_set.chain(l).is_empty() {
            diags.push(missing_interface(l, &ftl_set.source().0));
        }
    }
    // Lint's own diagnostics for the translations' files.
    let source_errors = lint
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Error
                && (d.file == "course.toml" || d.file.starts_with(&format!("{}/", info.source)))
        })
        .count();
    for d in lint.diagnostics {
        let top = d.file.split_once('/').map(|(t, _)| t);
        let keep = match top {
            None => false,
            Some(t) if t == info.source => false,
            Some(t) if checked.contains(&t) => {
                !(d.code == "unknown-file" && obsolete_files.contains(&d.file))
            }
            // A misnamed folder (`fr_CA/`) concerns translators too.
            Some(t) => lang.is_none() && !info.folders.iter().any(|f| f == t),
        };
        if keep {
            diags.push(d);
        }
    }
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    if !ftl_tags.is_empty() {
        let (src_name, src_text) = ftl_set.source();
        let src_ftl = ftl::Ftl::parse(&src_text);
        for tag in &ftl_tags {
            if let Some((name, t)) = ftl_set.get(tag) {
                // An English variant only replaces some words: nothing in
                // it is "untranslated".
                let same = language(tag).eq_ignore_ascii_case(i18n::FALLBACK);
                diags.extend(ftl::compare(&name, &t, &src_ftl, &src_name, same));
                texts.insert(name, t);
            }
        }
    }
    // Errors first, then warnings, each by file and line.
    diags.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
    });
    let report = Report { diagnostics: diags };

    let out = match format {
        ReportFormat::Json => report.to_json() + "\n",
        ReportFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let totals = if verbose {
                BTreeMap::new()
            } else {
                text_totals(&info, &report, &ftl_set)
            };
            view::render(&view::Input {
                report: &report,
                src: &info.src,
                ftl_texts: &texts,
                color,
                verbose,
                totals: &totals,
                again: &again_command(&info, lang.as_deref()),
            })
        }
    };
    write_stdout(&out);
    if source_errors > 0 {
        let hint = match info.src.dir() {
            Some(d) => format!("`notalone lint {}`", d.display()),
            None => "`notalone lint`".to_string(),
        };
        say(&format!(
            "note: the source locale ({}) itself has {source_errors} error(s); {hint} lists them",
            info.source
        ));
    }
    if report.errors() > 0 { 1 } else { 0 }
}

fn file_level(
    sev: Severity,
    code: &str,
    file: String,
    message: String,
    help: String,
) -> Diagnostic {
    Diagnostic {
        severity: sev,
        code: code.to_string(),
        file,
        line: 1,
        column: 1,
        message,
        span: None,
        help: Some(help),
    }
}

/// How many texts each file with `untranslated` warnings has in its source
/// (lesson text fields, or interface messages), for the summary lines.
fn text_totals(
    info: &Info,
    report: &Report,
    ftl_set: &FtlSet,
) -> BTreeMap<String, (usize, &'static str)> {
    let mut out = BTreeMap::new();
    let en_units = ftl::Ftl::parse(&ftl_set.source().1).units.len();
    for d in &report.diagnostics {
        if d.code != "untranslated" || out.contains_key(&d.file) {
            continue;
        }
        let Some((_, name)) = d.file.split_once('/') else {
            continue;
        };
        let total = if name == i18n::FTL_FILE {
            (en_units, "messages")
        } else if info.has(&format!("{}/{name}", info.source)) {
            (count_fields(info, name), "texts")
        } else {
            continue;
        };
        out.insert(d.file.clone(), total);
    }
    out
}

/// The command that lists every untranslated text, for the summary.
fn again_command(info: &Info, lang: Option<&str>) -> String {
    let mut c = String::from("notalone locales check");
    if let Some(d) = info.src.dir() {
        c.push(' ');
        c.push_str(&shown(d));
    }
    if let Some(l) = lang {
        c.push_str(" --lang ");
        c.push_str(l);
    }
    c.push_str(" --verbose");
    c
}

/// A translation without an interface file: the program speaks English.
fn missing_interface(tag: &str, source_file: &str) -> Diagnostic {
    file_level(
        Severity::Warning,
        "untranslated",
        format!("{tag}/{}", i18n::FTL_FILE),
        format!(
            "{tag} has no {} yet: learners see the program's own words (menus, keys, messages) in English",
            i18n::FTL_FILE
        ),
        format!(
            "copy {source_file} to {tag}/{} and translate the text after each `=` (`notalone export-course DIR` writes the English file)",
            i18n::FTL_FILE
        ),
    )
}

/// The untranslated and obsolete warnings of one locale folder.
fn compare_locale(
    info: &Info,
    tag: &str,
    out: &mut Vec<Diagnostic>,
    obsolete_files: &mut BTreeSet<String>,
) {
    let kind = info.kind(tag);
    let prefix = format!("{tag}/");
    let source = &info.source;
    let present: Vec<&str> = info
        .files
        .iter()
        .filter_map(|f| f.strip_prefix(&prefix))
        .collect();
    for name in &present {
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        if stem.contains('/') || stem == "course" || stem == "resources" {
            continue;
        }
        let path = format!("{tag}/{name}");
        if !info.modules.iter().any(|m| m == stem) {
            out.push(file_level(
                Severity::Warning,
                "obsolete",
                path.clone(),
                format!(
                    "module `{stem}` is not in the course (it is not listed in `modules` of course.toml), so learners never see this file"
                ),
                "remove this file; if the module was renamed, move its text to the new module's file"
                    .to_string(),
            ));
            obsolete_files.insert(path);
            continue;
        }
        obsolete_steps(info, &path, &format!("{source}/{name}"), out);
    }
    if present.contains(&"resources.toml") {
        out.extend(help_lines_copied(info, tag));
    }
    if kind == Kind::SameLanguage || kind == Kind::Source {
        return;
    }
    if kind == Kind::Full {
        let mut needed = info.text_files();
        needed.insert(1, "resources.toml".to_string());
        for name in needed {
            if present.contains(&name.as_str()) {
                continue;
            }
            let src_file = format!("{source}/{name}");
            if !info.has(&src_file) {
                continue;
            }
            let (message, help) = match name.as_str() {
                "course.toml" => (
                    format!(
                        "{tag} has no course.toml yet: learners see the course title, welcome and objectives in {source}"
                    ),
                    format!("copy {src_file} to {tag}/course.toml and translate its text"),
                ),
                "resources.toml" => (
                    format!(
                        "{tag} has no resources.toml yet: learners see the help lines of {source}"
                    ),
                    format!(
                        "copy {src_file} to {tag}/resources.toml and put in the help lines for your language"
                    ),
                ),
                _ => (
                    format!("{tag} has no {name} yet: learners see this module in {source}"),
                    format!("copy {src_file} to {tag}/{name} and translate its text"),
                ),
            };
            out.push(file_level(
                Severity::Warning,
                "untranslated",
                format!("{tag}/{name}"),
                message,
                help,
            ));
        }
    }
    // Text fields of the files it has.
    for name in info.text_files() {
        if !present.contains(&name.as_str()) {
            continue;
        }
        let path = format!("{tag}/{name}");
        let src_file = format!("{source}/{name}");
        let Some(text) = info.read_text(&path) else {
            continue;
        };
        let src_text = info.read_text(&src_file);
        for g in real_gaps(&info.src, &path, src_text.as_deref()) {
            let top_level = g.kind == GapKind::Missing && g.line == 1 && g.column == 1;
            let span = (!top_level).then(|| {
                let at = offset_of(&text, g.line, g.column);
                let end = text[at..].find(['\r', '\n']).map_or(text.len(), |i| at + i);
                at..end.max(at)
            });
            let (message, help) = match g.kind {
                GapKind::Missing => (
                    format!(
                        "{} is missing: learners see the text of {src_file}",
                        g.field
                    ),
                    "add it, translated (copy it from the source file)".to_string(),
                ),
                GapKind::Identical => (
                    format!(
                        "{} is the same as in {src_file}: not translated yet?",
                        g.field
                    ),
                    "translate it; if it really is the same in your language, you can leave it"
                        .to_string(),
                ),
            };
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: "untranslated".to_string(),
                file: g.file,
                line: g.line,
                column: g.column,
                message,
                span,
                help: Some(help),
            });
        }
    }
}

/// The help lines of a locale, if they are the same as another locale's:
/// copied for another region, they must be checked and adapted by a person
/// (a wrong number is worse than none).
fn help_lines_copied(info: &Info, tag: &str) -> Option<Diagnostic> {
    use crate::course::fields::{FileKind, text_fields};
    let values = |t: &str| -> Option<Vec<String>> {
        let text = info.read_text(&format!("{t}/resources.toml"))?;
        let v: Vec<String> = text_fields(FileKind::Resources, &text)
            .into_iter()
            .map(|f| f.value.trim().to_string())
            .collect();
        (!v.is_empty()).then_some(v)
    };
    let mine = values(tag)?;
    // The locales it may have been copied from: its chain first, then the rest.
    let mut others: Vec<String> = info.chain(tag).into_iter().skip(1).collect();
    others.push(info.source.clone());
    others.extend(info.folders.iter().cloned());
    let from = others
        .into_iter()
        .filter(|o| o != tag)
        .find(|o| values(o).as_ref() == Some(&mine))?;
    Some(file_level(
        Severity::Warning,
        "help-lines-unchanged",
        format!("{tag}/resources.toml"),
        format!(
            "the help lines are the same as in {from}/resources.toml: they were written for learners of {from}, and a person must check and adapt every service, number and address for learners of {tag}"
        ),
        "keep only services that really exist for these learners, checked on their official websites; leave out anything you cannot verify (a wrong number is worse than none)"
            .to_string(),
    ))
}

/// Steps of a translated module that the source module does not have.
fn obsolete_steps(info: &Info, path: &str, src_path: &str, out: &mut Vec<Diagnostic>) {
    let (Some(tt), Some(st)) = (info.read_text(path), info.read_text(src_path)) else {
        return;
    };
    let (t, s) = (steps_of(&tt), steps_of(&st));
    if s.is_empty() {
        return;
    }
    let ids: BTreeSet<&str> = s.iter().filter_map(|(_, id)| id.as_deref()).collect();
    for (i, (span, id)) in t.iter().enumerate() {
        let msg = match id {
            Some(id) if !ids.contains(id.as_str()) => format!(
                "step `{}` is not in {src_path}: the source has no such step (any more)",
                text::escape_controls(id)
            ),
            None if i >= s.len() => format!(
                "step number {} is not in {src_path}, which has {} steps",
                i + 1,
                s.len()
            ),
            _ => continue,
        };
        let (line, column) = ftl::line_col(&tt, span.start);
        let end = tt
            .get(span.start..)
            .and_then(|r| r.find(['\r', '\n']))
            .map_or(tt.len(), |n| span.start + n);
        out.push(Diagnostic {
            severity: Severity::Warning,
            code: "obsolete".to_string(),
            file: path.to_string(),
            line,
            column,
            message: msg,
            span: Some(span.start..end.max(span.start)),
            help: Some(format!(
                "remove this step; keep the steps of {src_path}, in the same order"
            )),
        });
    }
}

// ---------------------------------------------------------------------------
// Interface files

/// Where interface files come from: the course's `<tag>/notalone.ftl`
/// (with DIR), else the built-in `locales/<tag>/notalone.ftl`. The English
/// they are compared with is always the built-in one: it is what the
/// program falls back to, message by message.
struct FtlSet {
    /// From the course folder, by tag.
    dir: BTreeMap<String, String>,
    given_dir: bool,
}

impl FtlSet {
    fn new(info: &Info, given_dir: bool) -> FtlSet {
        let mut dir = BTreeMap::new();
        if given_dir {
            for f in &info.files {
                let Some(tag) = f.strip_suffix(&format!("/{}", i18n::FTL_FILE)) else {
                    continue;
                };
                if tag.contains('/') || locale::normalize_tag(tag).as_deref() != Some(tag) {
                    continue;
                }
                if let Some(t) = info.read_text(f) {
                    dir.insert(tag.to_string(), t);
                }
            }
        }
        FtlSet { dir, given_dir }
    }

    fn embedded_tags() -> Vec<String> {
        i18n::available()
            .into_iter()
            .filter(|t| t != i18n::FALLBACK && !t.eq_ignore_ascii_case(i18n::PSEUDO))
            .collect()
    }

    /// The tags whose interface file `check` compares: the course's files
    /// (with DIR), else the built-in translations.
    fn to_check(&self, lang: Option<&str>) -> BTreeSet<String> {
        let mut tags: BTreeSet<String> = if self.given_dir {
            self.dir.keys().cloned().collect()
        } else {
            Self::embedded_tags().into_iter().collect()
        };
        if let Some(l) = lang {
            tags.retain(|t| t == l);
        }
        tags
    }

    /// The English the files are compared with: its name in messages, and
    /// its text (always the built-in one).
    fn source(&self) -> (String, String) {
        let name = if self.dir.contains_key(i18n::FALLBACK) {
            format!("{}/{}", i18n::FALLBACK, i18n::FTL_FILE)
        } else {
            format!("locales/{}/{}", i18n::FALLBACK, i18n::FTL_FILE)
        };
        (name, i18n::source(i18n::FALLBACK).unwrap_or_default())
    }

    /// A locale's interface file to check: its path in diagnostics, and
    /// its text.
    fn get(&self, tag: &str) -> Option<(String, String)> {
        if self.given_dir {
            let name = format!("{tag}/{}", i18n::FTL_FILE);
            return self.dir.get(tag).cloned().map(|t| (name, t));
        }
        i18n::source(tag).map(|t| (format!("locales/{tag}/{}", i18n::FTL_FILE), t))
    }

    /// The interface files a learner of `tag` gets, in fallback order (the
    /// course's over the built-in ones), English left out.
    fn chain(&self, tag: &str) -> Vec<ftl::Ftl> {
        let mut out = Vec::new();
        for t in locale::chain(tag, i18n::FALLBACK) {
            if t == i18n::FALLBACK {
                continue;
            }
            if let Some(text) = self.dir.get(&t) {
                out.push(ftl::Ftl::parse(text));
            }
            if let Some(text) = i18n::source(&t) {
                out.push(ftl::Ftl::parse(&text));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_by_nature() {
        assert!(same_by_nature("maya.k_08"));
        assert!(same_by_nature("https://takeitdown.ncmec.org"));
        assert!(same_by_nature("1-866-658-9022"));
        assert!(same_by_nature("24/7"));
        assert!(same_by_nature("😊 !!"));
        assert!(same_by_nature("Note"));
        assert!(same_by_nature("Take It Down"));
        assert!(!same_by_nature("Take it down"));
        assert!(!same_by_nature("Get Help From Someone You Trust"));
        assert!(!same_by_nature("Block and tell someone"));
        assert!(!same_by_nature("hey saw u at the game 😊"));
    }

    #[test]
    fn tags_are_validated() {
        assert_eq!(validate_tag("de").as_deref(), Ok("de"));
        assert_eq!(validate_tag("pt-br").as_deref(), Ok("pt-BR"));
        assert!(validate_tag("C").is_err());
        assert!(validate_tag("").is_err());
        assert!(validate_tag("en-XA").is_err());
        assert!(validate_tag("de.UTF-8").is_err());
        let e = validate_tag("deutsch").expect_err("a word");
        assert!(
            e.contains("two or three letters") && e.contains("`de`"),
            "{e}"
        );
        let e = validate_tag("fr_CA").expect_err("underscore");
        assert!(e.contains("fr-CA"), "{e}");
    }

    #[test]
    fn offsets_from_line_and_column() {
        let t = "ab\ncdé f\n";
        assert_eq!(offset_of(t, 1, 1), 0);
        assert_eq!(offset_of(t, 2, 1), 3);
        assert_eq!(offset_of(t, 2, 5), 8);
        assert_eq!(ftl::line_col(t, 8), (2, 5));
    }

    #[test]
    fn step_headers_and_field_names() {
        let t = "id = \"m\"\ntitle = \"T\"\n\n[[step]]\nid = \"a\"\ntext = \"x\"\n[[step.option]]\ntext = \"o\"\n\n[[step]]\ntext = \"y\"\n";
        let p = steps_of(t);
        assert_eq!(p.len(), 2);
        assert_eq!(ftl::line_col(t, p[0].0.start), (4, 1));
        assert_eq!(p[0].1.as_deref(), Some("a"));
        assert_eq!(p[1].1, None);
        let v = field_values(t);
        assert_eq!(v.get("title").map(String::as_str), Some("T"));
        assert_eq!(v.get("step `a` > text").map(String::as_str), Some("x"));
        assert_eq!(
            v.get("step `a` > option 1 > text").map(String::as_str),
            Some("o")
        );
        assert_eq!(v.get("step 2 > text").map(String::as_str), Some("y"));
    }
}
