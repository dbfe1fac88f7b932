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

mod compare;
pub mod ftl;
mod ftl_set;
mod info;
mod new;
mod status;
mod view;

use compare::compare_locale;
use ftl_set::FtlSet;
pub(crate) use info::same_by_nature;
use info::{Info, Kind, language, real_gaps};
pub(crate) use new::{check_one, outline, validate_tag};
use status::{count_fields, status};

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
