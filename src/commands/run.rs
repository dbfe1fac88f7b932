//! Taking the course: `notalone` with no command.

use std::io::{IsTerminal, Write};

use crate::app::{App, StartError};
use crate::cli::RunArgs;
use crate::course::CourseSource;
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
    let mut app = match App::new(source.clone(), args.lang.as_deref(), args.data_dir.clone()) {
        Ok(a) => a,
        Err(StartError::Source(e)) => {
            say(&early.ta("error-lessons-dir", &[("error", s(e.to_string()))]));
            return 2;
        }
        Err(StartError::Invalid(report)) => {
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
    if let Some(n) = crate::i18n::lang_notice(args.lang.as_deref(), &app.languages(), app.i18n()) {
        say(&n);
    }
    if let Some(name) = &args.profile {
        match app.validate_profile(name) {
            Ok(_) => {}
            Err(msg) => {
                say(&format!("{msg} (--profile {})", text::sanitize_line(name)));
                return 2;
            }
        }
    }
    let profile = args
        .profile
        .as_deref()
        .and_then(|p| app.validate_profile(p).ok());
    if args.plain {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        return crate::plain::run(stdin.lock(), stdout.lock(), &mut app, profile);
    }
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() || dumb {
        say(&app.i18n().t("error-needs-terminal"));
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
                say(&app.i18n().ta("error-watch", &[("error", s(e.to_string()))]));
                return 2;
            }
        },
        _ => None,
    };
    let result = match watching {
        Some((_watcher, changes)) => crate::tui::run_watching(&mut app, opts, changes),
        None => crate::tui::run(&mut app, opts),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            say(&app
                .i18n()
                .ta("error-full-screen", &[("error", s(e.to_string()))]));
            1
        }
    }
}
