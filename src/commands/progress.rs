//! `notalone progress`: every profile's progress as a table, CSV, JSON or
//! xAPI statements; `notalone progress forget --profile NAME`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{ProgressAction, ProgressArgs, ProgressFormat};
use crate::course::{self, CourseSource};
use crate::progress::report::{self, CourseOutline};
use crate::progress::store;
use crate::text::sanitize_line;

/// Run `progress`; returns the exit code (0 ok, 1 no such profile to
/// forget, 2 could not run).
pub fn run(args: ProgressArgs, data_dir: Option<PathBuf>) -> i32 {
    run_with(args, data_dir, None)
}

/// [`run`], also knowing the module order of a course given with
/// `--lessons` (the built-in course's is always known when it loads).
pub fn run_with(args: ProgressArgs, data_dir: Option<PathBuf>, lessons: Option<PathBuf>) -> i32 {
    let Some(data_dir) = data_dir.or_else(store::default_data_dir) else {
        return fail(
            "notalone: there is no home folder to find progress in; give one with --data-dir DIR.",
        );
    };
    match args.action {
        Some(ProgressAction::Forget { profile }) => forget(&data_dir, &profile),
        None => report(&data_dir, args.format, args.profile.as_deref(), lessons),
    }
}

fn shown(p: &Path) -> String {
    sanitize_line(&p.display().to_string())
}

fn fail(msg: &str) -> i32 {
    let _ = writeln!(std::io::stderr(), "{msg}");
    2
}

fn forget(data_dir: &Path, profile: &str) -> i32 {
    let name = sanitize_line(profile.trim());
    match store::forget_profile(data_dir, profile) {
        Ok(true) => {
            let _ = writeln!(
                std::io::stdout(),
                "The progress of {name} was deleted from {}.",
                shown(data_dir)
            );
            0
        }
        Ok(false) => {
            let _ = writeln!(
                std::io::stderr(),
                "notalone: there is no profile called {name} in {}; `notalone progress` lists them.",
                shown(data_dir)
            );
            1
        }
        Err(e) => fail(&format!("notalone: {e}")),
    }
}

/// The module order of the courses we can load: the built-in one, and the
/// one given with `--lessons`. A course that does not load is left out
/// (its records then list the modules they have).
fn outlines(lessons: Option<PathBuf>) -> Vec<CourseOutline> {
    let mut out = Vec::new();
    let mut sources = vec![CourseSource::Embedded];
    if let Some(dir) = lessons {
        sources.push(CourseSource::Dir(dir));
    }
    for src in sources {
        match course::load(&src, None) {
            Ok(c) => {
                if !out.iter().any(|o: &CourseOutline| o.id == c.id) {
                    out.push(CourseOutline::of(&c));
                }
            }
            Err(_) if src == CourseSource::Embedded => {}
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "notalone: the course in {} could not be loaded ({}), so only the modules learners saved are listed; `notalone lint` says why.",
                    shown(src.dir().unwrap_or(Path::new("?"))),
                    sanitize_line(&e.to_string())
                );
            }
        }
    }
    out
}

fn report(
    data_dir: &Path,
    format: ProgressFormat,
    profile: Option<&str>,
    lessons: Option<PathBuf>,
) -> i32 {
    let scan = match store::scan(data_dir) {
        Ok(s) => s,
        Err(e) => return fail(&format!("notalone: {e}")),
    };
    for path in &scan.skipped {
        let _ = writeln!(
            std::io::stderr(),
            "notalone: skipped {}: it is not a progress file this version can read.",
            shown(path)
        );
    }
    let profiles = match profile {
        Some(name) => report::filter_profile(scan.profiles, name),
        None => scan.profiles,
    };
    let outlines = outlines(lessons);
    let text = match format {
        ProgressFormat::Xapi => report::to_xapi(&profiles, &outlines),
        ProgressFormat::Json => report::to_json(&report::rows(&profiles, &outlines)),
        ProgressFormat::Csv => report::to_csv(&report::rows(&profiles, &outlines)),
        ProgressFormat::Table => {
            let rows = report::rows(&profiles, &outlines);
            if rows.is_empty() {
                match profile {
                    Some(name) => format!(
                        "No progress saved yet for {} in {}.\n",
                        sanitize_line(name.trim()),
                        shown(data_dir)
                    ),
                    None => format!("No progress saved yet in {}.\n", shown(data_dir)),
                }
            } else {
                report::to_table(&rows)
            }
        }
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => fail(&format!("notalone: could not write the report: {e}.")),
    }
}
