//! The host: everything a walk needs from outside the pure session (the
//! course files, the language, the progress store, the clock, notices),
//! one type for both front ends, tests, benches and fuzz targets.
//!
//! - [`Host::new`]: the real thing (`notalone`); [`Host::preview`]: an
//!   educator's preview (nothing saved); [`Host::in_memory`]: a course in
//!   memory, records in memory, a fixed clock (tests).
//! - [`Host::open`] gives a [`Session`]; [`Host::apply`] feeds it an input
//!   and carries out the save; [`Host::close`] is the one exit policy (the
//!   line to print once the terminal is back).
//!
//! Nothing here is read from disk while drawing: the language list is
//! computed when the course is loaded.

mod language;
mod memory;
mod pseudo;
mod store;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use pseudo::pseudo_course;

use crate::course::{self, Course, CourseSource, LoadError, MemoryCourse, locale};
use crate::i18n::{self, I18n};
use crate::progress::profile::{ProfileNameError, validate_profile_name};
use crate::progress::store::{LockState, ProgressStore, SetAsideReason, StoreErrorKind};
use crate::progress::{CourseRecord, record};
use crate::session::{Input, Outcome, Session};
use store::{Backend, Saved};

/// Where the course comes from.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    Files(CourseSource),
    Memory(MemoryCourse),
    /// Courses built in memory (tests, benches, fuzz targets): see `memory.rs`.
    Fixed(Box<memory::Fixed>),
}

/// The clock.
#[derive(Debug, Clone)]
enum Clock {
    System,
    Fixed(String),
}

/// The course being taken, with its language and where progress goes.
#[derive(Debug)]
pub struct Host {
    origin: Origin,
    /// `--lang` (or the environment's tag) as first asked, normalised.
    asked_lang: Option<String>,
    /// `--lang` was given (a saved language does not override it).
    cli_lang: bool,
    /// The language the course was last loaded in (for `--watch` reloads).
    lang: Option<String>,
    i18n: I18n,
    /// The course's own interface files (`<tag>/notalone.ftl`), read once.
    interface: i18n::CourseInterface,
    course: Course,
    /// Locale folders of the course (read once).
    locales: Vec<String>,
    /// Languages offered in settings, computed when the course loads.
    languages: Vec<(String, String)>,
    backend: Backend,
    clock: Clock,
    notice: Option<String>,
    /// A profile is open.
    opened: bool,
    /// The last save failed (or saving is impossible).
    save_failed: bool,
    /// The learner was told that another session holds the lock.
    told_busy: bool,
    /// The last record, for a save from the signal thread.
    last_record: Arc<Mutex<Option<CourseRecord>>>,
}

/// The nickname screens' list (see [`Host::profile_choice`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileChoice {
    /// Nicknames to list, in order.
    pub names: Vec<String>,
    /// "2 profile folders could not be read, so they are not listed."
    pub skipped: Option<String>,
}

/// Why the course could not start (the course's own error).
pub type StartError = LoadError;

/// Load a course for a learner language (`en-XA` gives the pseudo-locale
/// over the source text).
pub fn load_course(source: &CourseSource, lang: Option<&str>) -> Result<Course, LoadError> {
    let pseudo = lang.is_some_and(|l| l.eq_ignore_ascii_case(i18n::PSEUDO));
    let mut c = course::load(source, lang)?;
    if pseudo {
        pseudo_course(&mut c);
    }
    Ok(c)
}

pub(crate) fn normalise(lang: &str) -> Option<String> {
    if lang.eq_ignore_ascii_case(i18n::PSEUDO) {
        Some(i18n::PSEUDO.to_string())
    } else {
        locale::normalize_tag(lang)
    }
}

pub(crate) fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

impl Host {
    /// Prepare: pick the language (`--lang`, else the environment), load the
    /// course. The saved language of a profile applies once it is opened.
    pub fn new(
        source: CourseSource,
        cli_lang: Option<&str>,
        data_dir: Option<PathBuf>,
    ) -> Result<Host, StartError> {
        let dir = data_dir.or_else(crate::progress::store::default_data_dir);
        Host::build(
            Origin::Files(source),
            cli_lang,
            Backend::Disk { dir, open: None },
        )
    }

    /// An educator's preview: the same course, no profile, nothing read
    /// from or written to any data folder.
    pub fn preview(source: CourseSource, cli_lang: Option<&str>) -> Result<Host, StartError> {
        Host::build(Origin::Files(source), cli_lang, Backend::Nowhere)
    }

    /// A course in memory with records in memory and a fixed clock (tests,
    /// benches, fuzz targets).
    pub fn in_memory(course: Course) -> Host {
        let lang = Some(course.locale.clone());
        let origin = Origin::Fixed(Box::new(memory::Fixed::new(course.clone())));
        let mut h = Host::assemble(origin, (lang.clone(), lang), course, Backend::memory());
        h.cli_lang = false;
        h.clock = Clock::Fixed("2026-11-29T10:00:00Z".into());
        h
    }

    /// A course's files in memory (tests of loading, languages, reloads).
    pub fn from_memory_course(files: MemoryCourse, lang: Option<&str>) -> Result<Host, StartError> {
        Host::build(Origin::Memory(files), lang, Backend::memory())
    }

    fn build(origin: Origin, cli_lang: Option<&str>, backend: Backend) -> Result<Host, StartError> {
        let given = cli_lang.and_then(normalise);
        let asked = given.clone().or_else(locale::from_environment);
        let course = load_from(&origin, asked.as_deref())?;
        Ok(Host::assemble(origin, (given, asked), course, backend))
    }

    /// `langs`: the language given on the command line, and the one asked
    /// for (given, else the environment's).
    fn assemble(
        origin: Origin,
        langs: (Option<String>, Option<String>),
        course: Course,
        backend: Backend,
    ) -> Host {
        let (given, asked) = langs;
        let (locales, interface) = match &origin {
            Origin::Files(s) => (
                course::locales(s).unwrap_or_default(),
                i18n::CourseInterface::read(s),
            ),
            Origin::Fixed(f) => (f.locales(), i18n::CourseInterface::default()),
            Origin::Memory(_) => (
                vec![course.locale.clone()],
                i18n::CourseInterface::default(),
            ),
        };
        let mut h = Host {
            origin,
            asked_lang: asked.clone(),
            cli_lang: given.is_some(),
            lang: asked,
            i18n: I18n::with_course(Some(&course.locale), &interface),
            interface,
            course,
            locales,
            languages: Vec::new(),
            backend,
            clock: Clock::System,
            notice: None,
            opened: false,
            save_failed: false,
            told_busy: false,
            last_record: Arc::new(Mutex::new(None)),
        };
        h.languages = h.compute_languages();
        h
    }

    /// Whether this host is a preview (nothing is saved).
    pub fn is_preview(&self) -> bool {
        matches!(self.backend, Backend::Nowhere)
    }

    /// The course as loaded now.
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// Where the course comes from (`None` for a course in memory).
    pub fn source(&self) -> Option<&CourseSource> {
        match &self.origin {
            Origin::Files(s) => Some(s),
            _ => None,
        }
    }

    pub fn i18n(&self) -> &I18n {
        &self.i18n
    }

    /// What the nickname screens list, scanned once: this account's
    /// nicknames, and one calm sentence to show once when profile folders
    /// had to be left out (a link, a FIFO, a folder others can write to...).
    /// The sentence says how many, never their names: anyone could have
    /// planted them.
    pub fn profile_choice(&self) -> ProfileChoice {
        let list = self.backend.profiles();
        let skipped = (!list.skipped.is_empty()).then(|| {
            crate::session::Text::id("profile-list-skipped")
                .num("count", list.skipped.len())
                .render(&self.i18n)
        });
        ProfileChoice {
            names: list.names,
            skipped,
        }
    }

    /// Check a typed nickname; the error is a sentence in the learner's language.
    pub fn validate_profile(&self, name: &str) -> Result<String, String> {
        let name = validate_profile_name(name).map_err(|e| {
            self.i18n.t(match e {
                ProfileNameError::Empty => "profile-error-empty",
                ProfileNameError::TooLong => "profile-error-too-long",
                ProfileNameError::MixedScripts(_) => "profile-error-mixed-scripts",
                _ => "profile-error-bad-char",
            })
        })?;
        // Another account's nickname here: pick another (security).
        if self.backend.taken(&name) {
            return Err(self.i18n.t("profile-taken"));
        }
        Ok(name)
    }

    /// Live preview: load the course again from its files in the current
    /// language. When it loads, it replaces the course (and the session's,
    /// keeping the position) and `None` is returned; when it has errors,
    /// nothing changes and the rendered lint report is returned (rustc
    /// style, file:line:col, control characters escaped).
    pub fn reload(&mut self, session: Option<&mut Session>) -> Option<String> {
        if let Origin::Fixed(f) = &self.origin
            && let Some(report) = &f.broken
        {
            return Some(crate::text::escape_controls(report));
        }
        match load_from(&self.origin, self.lang.as_deref()) {
            Ok(c) => {
                if let Some(s) = session {
                    s.replace_course(c.clone());
                }
                self.course = c;
                if let Origin::Files(s) = &self.origin {
                    self.locales = course::locales(s).unwrap_or_default();
                    self.interface = i18n::CourseInterface::read(s);
                }
                self.i18n = I18n::with_course(Some(&self.course.locale), &self.interface);
                self.languages = self.compute_languages();
                None
            }
            Err(LoadError::Invalid(report)) => {
                Some(crate::text::escape_controls(&match &self.origin {
                    Origin::Files(s) => course::render_human(&report, s, false),
                    Origin::Memory(m) => m.render_human(&report, false),
                    Origin::Fixed(_) => report.errors().to_string(),
                }))
            }
            Err(LoadError::Source(e)) => Some(crate::text::escape_controls(&e.to_string())),
        }
    }

    /// Open a profile's progress and start a session on the home screen
    /// (in preview: a preview session, whatever the nickname). The string is
    /// a notice to show once (progress recovered, progress cannot be saved).
    pub fn open(&mut self, profile: &str) -> (Session, Option<String>) {
        self.opened = true;
        self.told_busy = false;
        if self.is_preview() {
            self.save_failed = false;
            return (Session::preview(self.course.clone()), None);
        }
        let opening = self.backend.open(profile, &self.course.id);
        let mut notice = None;
        if let Some(r) = &opening.recovered {
            notice = Some(self.recovered_message(r.reason));
        }
        self.save_failed = !opening.can_save;
        if !opening.can_save {
            notice = Some(self.i18n.t(match opening.error {
                Some(StoreErrorKind::Taken) => "profile-taken",
                Some(StoreErrorKind::Unsafe) => "progress-unsafe-folder",
                Some(StoreErrorKind::MissingParent) => "progress-no-data-folder",
                _ => "progress-cannot-save",
            }));
        }
        let record = opening
            .record
            .unwrap_or_else(|| CourseRecord::new(profile, &self.course.id));
        // The saved language applies when --lang was not given.
        if !self.cli_lang
            && let Some(saved) = record.settings.lang.clone()
            && saved != self.course.locale
            && let Ok(c) = load_from(&self.origin, Some(&saved))
        {
            self.i18n = I18n::with_course(Some(&c.locale), &self.interface);
            self.course = c;
            self.lang = Some(saved);
            self.languages = self.compute_languages();
        }
        self.remember(&record);
        (Session::new(self.course.clone(), record), notice)
    }

    fn recovered_message(&self, reason: SetAsideReason) -> String {
        match reason {
            SetAsideReason::Unreadable => self.i18n.t("progress-recovered"),
            SetAsideReason::NewerVersion => self.i18n.t("progress-recovered-newer"),
        }
    }

    fn remember(&self, rec: &CourseRecord) {
        if let Ok(mut g) = self.last_record.lock() {
            *g = Some(rec.clone());
        }
    }

    /// Give the session an input and carry out what it asks (save). The
    /// caller shows help and hints from the outcome.
    pub fn apply(&mut self, session: &mut Session, input: Input) -> Outcome {
        let o = session.update(input, &self.now());
        self.carry_out(session, &o);
        o
    }

    /// Carry out an outcome's save, if any.
    pub fn carry_out(&mut self, session: &mut Session, o: &Outcome) {
        if o.save {
            self.save(session);
        }
    }

    /// Save the session's record and hand the merged one back to it. On
    /// failure the learner is told once (see [`Host::take_notice`]) and the
    /// course goes on.
    pub fn save(&mut self, session: &mut Session) {
        if session.is_preview() || self.is_preview() {
            return;
        }
        if let Some(merged) = self.save_record(session.record()) {
            session.saved(merged);
        }
    }

    /// Save a record (merging with what is on disk). `None` when it could
    /// not be saved: the learner is told once, and the course goes on.
    pub fn save_record(&mut self, rec: &CourseRecord) -> Option<CourseRecord> {
        if self.is_preview() {
            return None;
        }
        self.remember(rec);
        match self.backend.save(rec) {
            Saved::Merged(merged, lock, recovered) => {
                if let Some(r) = recovered {
                    self.notice = Some(self.recovered_message(r.reason));
                } else if lock == LockState::Busy && !self.told_busy {
                    self.told_busy = true;
                    self.notice = Some(self.i18n.t("progress-locked-elsewhere"));
                }
                self.save_failed = false;
                self.remember(&merged);
                Some(*merged)
            }
            Saved::Failed => {
                if !self.save_failed {
                    self.notice = Some(self.i18n.t("progress-cannot-save"));
                }
                self.save_failed = true;
                None
            }
        }
    }

    /// A notice to show once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// The exit policy, for both front ends: when a profile was open, save
    /// the last record once more if the last save failed, and give the one
    /// line to print after the terminal is restored (or plain mode ends):
    /// saved, could not be saved (never "saved" after a failed save), or
    /// nothing saved (preview).
    pub fn close(&mut self) -> Option<String> {
        if !self.opened {
            return None;
        }
        if self.is_preview() {
            return Some(self.i18n.t("quit-preview"));
        }
        if self.save_failed {
            let last = self.last_record.lock().ok().and_then(|g| g.clone());
            if let Some(rec) = last {
                self.notice = None;
                let _ = self.save_record(&rec);
                self.notice = None;
            }
        }
        Some(self.i18n.t(if self.save_failed {
            "quit-not-saved"
        } else {
            "plain-bye"
        }))
    }

    /// A function the signal thread calls to save the last record.
    pub fn save_on_signal(&self) -> Arc<dyn Fn() + Send + Sync> {
        let last = Arc::clone(&self.last_record);
        let target = self.backend.signal_target();
        Arc::new(move || {
            let Some((dir, profile, course)) = target.clone() else {
                return;
            };
            let rec = match last.lock() {
                Ok(g) => g.clone(),
                Err(_) => None,
            };
            if let Some(rec) = rec
                && let Ok(mut opened) = ProgressStore::open(&dir, &profile, &course)
            {
                let _ = opened.store.save(&rec);
            }
        })
    }

    /// The current time, RFC 3339.
    pub fn now(&self) -> String {
        match &self.clock {
            Clock::System => record::now_rfc3339(),
            Clock::Fixed(t) => t.clone(),
        }
    }
}

pub(crate) fn load_from(origin: &Origin, lang: Option<&str>) -> Result<Course, LoadError> {
    match origin {
        Origin::Files(s) => load_course(s, lang),
        Origin::Memory(m) => {
            let pseudo = lang.is_some_and(|l| l.eq_ignore_ascii_case(i18n::PSEUDO));
            let mut c = m.load(lang)?;
            if pseudo {
                pseudo_course(&mut c);
            }
            Ok(c)
        }
        Origin::Fixed(f) => Ok(f.load(lang)),
    }
}

#[cfg(test)]
mod tests;
