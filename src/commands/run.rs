//! Taking the course: `notalone` with no command.

use std::io::{IsTerminal, Write};

use crate::cli::RunArgs;
use crate::course::{CourseSource, LoadError};
use crate::host::Host;
use crate::i18n::{I18n, num, s};
use crate::text;

fn say(msg: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "notalone: {}",
        text::escape_controls(msg)
    );
}

/// Start the course (full-screen, or plain with `--plain`); returns the exit code.
pub fn run(args: RunArgs) -> i32 {
    let source = match &args.lessons {
        Some(dir) => CourseSource::Dir(dir.clone()),
        None => CourseSource::Embedded,
    };
    // Messages before the course is loaded, in the language asked for.
    let early = I18n::new(
        args.lang
            .as_deref()
            .and_then(crate::course::locale::normalize_tag)
            .or_else(crate::course::locale::from_environment)
            .as_deref(),
    );
    let started = if args.preview {
        Host::preview(source.clone(), args.lang.as_deref())
    } else {
        Host::new(source.clone(), args.lang.as_deref(), args.data_dir.clone())
    };
    let mut host = match started {
        Ok(h) => h,
        Err(LoadError::Source(e)) => {
            say(&early.ta("error-lessons-dir", &[("error", s(e.to_string()))]));
            return 2;
        }
        Err(LoadError::Invalid(report)) => {
            let dir = source.display_root();
            say(&early.ta(
                "error-course-invalid",
                &[
                    ("dir", s(dir.clone())),
                    ("count", num(report.errors() as f64)),
                ],
            ));
            let _ = std::io::stderr()
                .write_all(crate::course::render_human(&report, &source, false).as_bytes());
            return 1;
        }
    };
    if let Some(n) = crate::i18n::lang_notice(args.lang.as_deref(), host.languages(), host.i18n()) {
        say(&n);
    }
    let profile = match (&args.profile, args.preview) {
        (_, true) => Some(crate::session::PREVIEW_PROFILE.to_string()),
        (Some(name), false) => match host.validate_profile(name) {
            Ok(p) => Some(p),
            Err(msg) => {
                say(&format!("{msg} (--profile {})", text::sanitize_line(name)));
                return 2;
            }
        },
        (None, false) => None,
    };
    if args.plain {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        return crate::plain::run(stdin.lock(), stdout.lock(), &mut host, profile);
    }
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() || dumb {
        say(&host.i18n().t("error-needs-terminal"));
        return 2;
    }
    let opts = crate::tui::TuiOptions {
        profile,
        no_color: false,
    };
    // Live preview: the watcher lives as long as the course runs.
    let watching = match (&args.lessons, args.watch) {
        (Some(dir), true) => match crate::watch::CourseWatcher::channel(dir) {
            Ok(w) => Some(w),
            Err(e) => {
                say(&host
                    .i18n()
                    .ta("error-watch", &[("error", s(e.to_string()))]));
                return 2;
            }
        },
        _ => None,
    };
    let result = match watching {
        Some((_watcher, changes)) => crate::tui::run_watching(&mut host, opts, changes),
        None => crate::tui::run(&mut host, opts),
    };
    // The full-screen UI prints its own line after restoring the terminal;
    // the host still retries a failed save once.
    let _ = host.close();
    match result {
        Ok(()) => 0,
        Err(e) => {
            say(&host
                .i18n()
                .ta("error-full-screen", &[("error", s(e.to_string()))]));
            1
        }
    }
}
