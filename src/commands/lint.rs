//! `notalone lint [DIR] [--format json]`: check a course and print every
//! problem. Exit code 0 when there is no error (warnings allowed), 1 when
//! there are errors, 2 when the check could not run.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::ReportFormat;
use crate::course::{self, CourseSource, SourceError};
use crate::text;

/// Run `lint`; returns the exit code (0 ok, 1 errors, 2 could not run).
pub fn run(dir: Option<PathBuf>, format: ReportFormat) -> i32 {
    let src = match dir {
        Some(d) => CourseSource::Dir(d),
        None => CourseSource::Embedded,
    };
    let report = match course::lint(&src) {
        Ok(r) => r,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "error: {}", could_not_run(&e, &src));
            return 2;
        }
    };
    let out = match format {
        ReportFormat::Json => report.to_json(),
        ReportFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            course::render_human(&report, &src, color)
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not a reason to panic.
    let _ = stdout.write_all(out.as_bytes());
    if format == ReportFormat::Json {
        let _ = stdout.write_all(b"\n");
    }
    let _ = stdout.flush();
    if report.errors() > 0 { 1 } else { 0 }
}

/// One sentence: what went wrong and what to do, safe to print.
fn could_not_run(e: &SourceError, src: &CourseSource) -> String {
    let msg = match e {
        SourceError::NoDir(d) => format!(
            "there is no course directory at {d}; give the path of a folder that holds a course.toml"
        ),
        SourceError::NoCourseToml(d) if src.dir().is_none() => format!(
            "{d} has no course.toml; rebuild notalone with a complete lessons/ folder, or lint a course directory"
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
    };
    text::escape_controls(&msg).replace('\n', "\\n")
}
