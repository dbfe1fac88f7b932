//! The command line (a contract: see docs and `product.md`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// What `notalone --version` prints after the name: the version, the commit
/// built from and the platform (`build.rs`; "unknown" without git).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("NOTALONE_COMMIT"),
    ", ",
    env!("NOTALONE_TARGET"),
    ")"
);

/// An offline course that helps young people recognise and survive financial
/// sextortion. Run without a command to start the course.
#[derive(Debug, Parser)]
#[command(name = "notalone", version, long_version = LONG_VERSION, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub run: RunArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options for taking the course.
#[derive(Debug, Args, Clone, Default)]
pub struct RunArgs {
    /// Use the course in DIR instead of the built-in one.
    #[arg(long, value_name = "DIR", env = "NOTALONE_LESSONS", global = true, value_parser = path_or_unset)]
    pub lessons: Option<PathBuf>,

    /// Interface and lesson language, e.g. fr or fr-CA.
    #[arg(long, value_name = "TAG", global = true)]
    pub lang: Option<String>,

    /// Learner profile (a nickname); else chosen on the first screen.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Where progress is kept (default: the platform data dir, ~/.local/share/notalone on Linux, %APPDATA%\notalone on Windows).
    #[arg(long, value_name = "DIR", env = "NOTALONE_DATA_DIR", global = true, value_parser = path_or_unset)]
    pub data_dir: Option<PathBuf>,

    /// Line-based mode for screen readers and scripts: no full-screen UI, no escape sequences.
    #[arg(long)]
    pub plain: bool,

    /// Reload the course when its files change (with --lessons), for authors:
    /// errors are shown in place of the lesson until fixed. Ignored with
    /// --plain.
    #[arg(long, requires = "lessons")]
    pub watch: bool,

    /// Preview for educators: no profile, any module opens, go back a step,
    /// try every choice; nothing is ever saved (nothing is written to --data-dir).
    #[arg(long)]
    pub preview: bool,
}

/// A folder given with `--data-dir`/`--lessons` or their environment
/// variables. An empty or blank value (`NOTALONE_DATA_DIR=` in a login
/// script) parses as an empty path, which [`Cli::parse_args`] turns into
/// "not given".
fn path_or_unset(s: &str) -> Result<PathBuf, std::convert::Infallible> {
    Ok(if s.trim().is_empty() {
        PathBuf::new()
    } else {
        PathBuf::from(s)
    })
}

impl Cli {
    /// Parse the command line (exits on errors, as `clap` does); empty
    /// folder values count as not given.
    pub fn parse_args() -> Cli {
        let mut cli = <Cli as Parser>::parse();
        for p in [&mut cli.run.data_dir, &mut cli.run.lessons] {
            if p.as_ref().is_some_and(|p| p.as_os_str().is_empty()) {
                *p = None;
            }
        }
        cli
    }
}

/// Output format of `lint` and `locales check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Human,
    Json,
}

/// Output format of `progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ProgressFormat {
    #[default]
    Table,
    Csv,
    Json,
    Xapi,
    /// One self-contained page with every view (offline, no scripts).
    Html,
}

/// What one row of the class report is (`progress --by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressBy {
    /// One row per learner: modules complete and skipped, right at the first try, before and after.
    Learner,
    /// One row per scored item: its text, answers, each option's count, the most common wrong answer.
    Question,
    /// One row per objective: right at the first try, before and after.
    Objective,
    /// One row per learner and module (the rows of earlier versions).
    Record,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a course for errors (exit 0 ok, 1 errors, 2 could not run).
    Lint {
        /// The course directory (default: the built-in course).
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Translation tools: check, status, new.
    #[command(subcommand)]
    Locales(LocalesCommand),
    /// Scaffold a module or a course.
    #[command(subcommand)]
    New(NewCommand),
    /// Write the built-in course to DIR, to adapt or translate it.
    ExportCourse {
        dir: PathBuf,
        /// Write into a non-empty DIR, replacing files of the same name.
        #[arg(long)]
        force: bool,
    },
    /// The class report: who finished, which questions were missed, before and after.
    Progress(ProgressArgs),
}

#[derive(Debug, Subcommand)]
pub enum LocalesCommand {
    /// What a translation lacks or breaks (exit 0 ok, 1 errors, 2 could not run).
    Check {
        /// The course directory (default: the built-in course).
        dir: Option<PathBuf>,
        /// Check only this locale.
        #[arg(long, value_name = "TAG")]
        lang: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
        /// List every text not translated yet, one by one (by default one
        /// line per file sums them up; JSON always lists every one).
        #[arg(long, short)]
        verbose: bool,
    },
    /// A table: each locale, % of text translated, files missing.
    Status {
        /// The course directory (default: the built-in course).
        dir: Option<PathBuf>,
    },
    /// Start a translation: copy the source text files into TAG/.
    New {
        /// A BCP 47 tag, e.g. de or pt-BR.
        tag: String,
        /// The course directory (default: the current directory).
        dir: Option<PathBuf>,
    },
    /// Write every lesson text of the course as a gettext PO file, for
    /// Poedit, Weblate or Pontoon.
    ExportPo {
        /// The language to translate into, e.g. de or pt-BR.
        #[arg(long, value_name = "TAG")]
        lang: String,
        /// The course directory (default: the built-in course).
        dir: Option<PathBuf>,
        /// Write the PO file here (default: standard output).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the translation files of a course from a PO file, then check them.
    ImportPo {
        /// The PO file (from `locales export-po`, edited in a translation tool).
        file: PathBuf,
        /// The course directory (default: the current directory).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Scaffold a module that lints clean and add it to course.toml.
    Module {
        /// The module id (lowercase letters, digits and dashes).
        id: String,
        /// The course directory (default: the current directory).
        dir: Option<PathBuf>,
    },
    /// Scaffold a whole minimal course in DIR.
    Course { dir: PathBuf },
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(subcommand)]
    pub action: Option<ProgressAction>,
    /// Rows by learner, question, objective or record (default: learners in
    /// a table, every view in html, records in csv, json and xapi).
    #[arg(long, value_enum)]
    pub by: Option<ProgressBy>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ProgressFormat,
    /// Only this profile.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// xAPI: the URL of your school or organisation, as the learners'
    /// account home page (default https://notalone.invalid/).
    #[arg(long, value_name = "URL")]
    pub xapi_homepage: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProgressAction {
    /// Delete a profile's progress on this machine.
    Forget {
        /// The nickname whose progress is deleted.
        #[arg(long, value_name = "NAME")]
        profile: String,
        /// Do not ask for confirmation (for scripts).
        #[arg(long, short = 'y')]
        yes: bool,
    },
}
