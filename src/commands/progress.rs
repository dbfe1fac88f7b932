//! `notalone progress`: the class report (learners, questions, objectives,
//! records) as a table, CSV, JSON, xAPI statements or one HTML page;
//! `notalone progress forget --profile NAME`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{ProgressAction, ProgressArgs, ProgressBy, ProgressFormat};
use crate::course::{self, Course, CourseSource};
use crate::i18n::{I18n, s};
use crate::progress::report::{self, Context, XapiOptions};
use crate::progress::store;
use crate::text::sanitize_line;

/// Run `progress`; returns the exit code (0 ok, 1 no such profile to
/// forget or not confirmed, 2 could not run).
pub fn run(args: ProgressArgs, data_dir: Option<PathBuf>) -> i32 {
    run_with(args, data_dir, None, None)
}

/// [`run`] with the course given with `--lessons` and the report's
/// language (`--lang`; default from the environment).
pub fn run_with(
    args: ProgressArgs,
    data_dir: Option<PathBuf>,
    lessons: Option<PathBuf>,
    lang: Option<String>,
) -> i32 {
    let lang = lang
        .as_deref()
        .and_then(course::locale::normalize_tag)
        .or_else(course::locale::from_environment);
    let i18n = I18n::new(lang.as_deref());
    let Some(data_dir) = data_dir.or_else(store::default_data_dir) else {
        return fail(&i18n.t("report-no-home"));
    };
    match args.action {
        Some(ProgressAction::Forget { ref profile, yes }) => forget(&i18n, &data_dir, profile, yes),
        None => report(&i18n, &data_dir, &args, lessons, lang.as_deref()),
    }
}

fn shown(p: &Path) -> String {
    report::safe::visible(&p.display().to_string()).into_owned()
}

fn fail(msg: &str) -> i32 {
    let _ = writeln!(std::io::stderr(), "notalone: {msg}");
    2
}

/// Ask on the terminal; true for yes.
fn confirm(i18n: &I18n, question: &str) -> bool {
    let mut err = std::io::stderr();
    let _ = write!(err, "{question} {} ", i18n.t("report-forget-yes-no"));
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    let answer = line.trim().to_lowercase();
    i18n.t("report-forget-yes-words")
        .split_whitespace()
        .any(|w| w == answer)
}

fn forget(i18n: &I18n, data_dir: &Path, profile: &str, yes: bool) -> i32 {
    let name = report::safe::visible(profile.trim()).into_owned();
    let dir = shown(data_dir);
    let exists = store::list_profiles(data_dir)
        .iter()
        .any(|p| crate::progress::profile::same_profile(p, profile));
    if exists && !yes && std::io::stdin().is_terminal() {
        let q = i18n.ta(
            "report-forget-confirm",
            &[("name", s(name.clone())), ("dir", s(dir.clone()))],
        );
        if !confirm(i18n, &q) {
            let _ = writeln!(std::io::stderr(), "{}", i18n.t("report-forget-kept"));
            return 1;
        }
    }
    match store::forget_profile(data_dir, profile) {
        Ok(true) => {
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                i18n.ta("report-forget-done", &[("name", s(name)), ("dir", s(dir))])
            );
            0
        }
        Ok(false) => {
            let _ = writeln!(
                std::io::stderr(),
                "notalone: {}",
                i18n.ta("report-forget-none", &[("name", s(name)), ("dir", s(dir))])
            );
            1
        }
        Err(e) => fail(&sanitize_line(&e.to_string())),
    }
}

/// The courses we can find, in the report's language: the one given with
/// `--lessons` first (the class's course), then the built-in one. A course
/// that does not load is left out (its records then report by id).
fn courses(i18n: &I18n, lessons: Option<PathBuf>, lang: Option<&str>) -> Vec<Course> {
    let mut out: Vec<Course> = Vec::new();
    let mut sources = Vec::new();
    if let Some(dir) = lessons {
        sources.push(CourseSource::Dir(dir));
    }
    sources.push(CourseSource::Embedded);
    for src in sources {
        match course::load(&src, lang) {
            Ok(c) => {
                if !out.iter().any(|o| o.id == c.id) {
                    out.push(c);
                }
            }
            Err(_) if src == CourseSource::Embedded => {}
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "notalone: {}",
                    i18n.ta(
                        "report-course-not-loaded",
                        &[
                            ("dir", s(shown(src.dir().unwrap_or(Path::new("?"))))),
                            ("error", s(sanitize_line(&e.to_string()))),
                        ]
                    )
                );
            }
        }
    }
    out
}

fn report(
    i18n: &I18n,
    data_dir: &Path,
    args: &ProgressArgs,
    lessons: Option<PathBuf>,
    lang: Option<&str>,
) -> i32 {
    if !data_dir.exists() {
        return fail(&i18n.ta("report-no-folder", &[("dir", s(shown(data_dir)))]));
    }
    let homepage = match &args.xapi_homepage {
        Some(u) if !report::xapi::valid_homepage(u) => {
            return fail(&i18n.ta(
                "report-bad-homepage",
                &[("url", s(report::safe::visible(u).into_owned()))],
            ));
        }
        Some(u) => u.clone(),
        None => report::xapi::DEFAULT_HOMEPAGE.to_string(),
    };
    if args.format == ProgressFormat::Xapi && args.by.is_some_and(|b| b != ProgressBy::Record) {
        return fail(&i18n.t("report-xapi-by"));
    }
    let scan = match store::scan(data_dir) {
        Ok(s) => s,
        Err(e) => return fail(&sanitize_line(&e.to_string())),
    };
    for path in &scan.skipped {
        let _ = writeln!(
            std::io::stderr(),
            "notalone: {}",
            i18n.ta("report-file-skipped", &[("file", s(shown(path)))])
        );
    }
    let nobody = scan.profiles.is_empty();
    let profiles = match &args.profile {
        Some(name) => report::filter_profile(scan.profiles, name),
        None => scan.profiles,
    };
    let courses = courses(i18n, lessons, lang);
    let primary = courses.first().map(|c| c.id.as_str());
    let ctx = Context::new(&courses, primary, lang);
    if profiles.is_empty() {
        let msg = match &args.profile {
            Some(name) if !nobody => i18n.ta(
                "report-nothing-for",
                &[
                    ("name", s(report::safe::visible(name.trim()).into_owned())),
                    ("dir", s(shown(data_dir))),
                ],
            ),
            _ => i18n.ta("report-nothing", &[("dir", s(shown(data_dir)))]),
        };
        if args.format == ProgressFormat::Table {
            return emit(i18n, args.output.as_deref(), &format!("{msg}\n"));
        }
        let _ = writeln!(std::io::stderr(), "{msg}");
    }
    let by = args.by.unwrap_or(match args.format {
        ProgressFormat::Table => ProgressBy::Learner,
        _ => ProgressBy::Record,
    });
    let text = match (args.format, by) {
        (ProgressFormat::Html, by) => report::html::page(&profiles, &ctx, args.by.map(|_| by)),
        (ProgressFormat::Xapi, _) => report::to_xapi(&profiles, &ctx, &XapiOptions { homepage }),
        (format, ProgressBy::Record) => {
            let outlines: Vec<_> = courses.iter().map(report::CourseOutline::of).collect();
            let rows = report::rows(&profiles, &outlines);
            match format {
                ProgressFormat::Json => report::to_json(&rows),
                ProgressFormat::Csv => report::to_csv(&rows),
                _ => report::to_table(&rows, &ctx),
            }
        }
        (format, ProgressBy::Learner) => {
            let rows = report::learner::build(&profiles, &ctx);
            match format {
                ProgressFormat::Json => report::learner::to_json(&rows),
                ProgressFormat::Csv => report::learner::to_csv(&rows),
                _ => report::learner::to_table(&rows, &ctx),
            }
        }
        (format, ProgressBy::Question) => {
            let rows = report::question::build(&profiles, &ctx);
            match format {
                ProgressFormat::Json => report::question::to_json(&rows),
                ProgressFormat::Csv => report::question::to_csv(&rows),
                _ => report::question::to_table(&rows, &ctx),
            }
        }
        (format, ProgressBy::Objective) => {
            let rows = report::objective::build(&profiles, &ctx);
            match format {
                ProgressFormat::Json => report::objective::to_json(&rows),
                ProgressFormat::Csv => report::objective::to_csv(&rows),
                _ => report::objective::to_table(&rows, &ctx),
            }
        }
    };
    emit(i18n, args.output.as_deref(), &text)
}

/// Write the report to the file (readable by its owner only) or stdout.
fn emit(i18n: &I18n, output: Option<&Path>, text: &str) -> i32 {
    if let Some(path) = output {
        let mut open = std::fs::OpenOptions::new();
        open.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
        return match open
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.flush()))
        {
            Ok(()) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    i18n.ta("report-written", &[("file", s(shown(path)))])
                );
                0
            }
            Err(e) => fail(&i18n.ta(
                "report-cannot-write",
                &[
                    ("file", s(shown(path))),
                    ("error", s(sanitize_line(&e.to_string()))),
                ],
            )),
        };
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => fail(&i18n.ta(
            "report-cannot-write",
            &[
                ("file", s("-".to_string())),
                ("error", s(sanitize_line(&e.to_string()))),
            ],
        )),
    }
}
