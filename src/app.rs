//! Taking the course: what both front ends need from outside the pure
//! session (the course files, the language, the progress store, the clock).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::course::{self, Course, CourseSource, LoadError, locale};
use crate::i18n::{self, I18n};
use crate::progress::profile::{ProfileNameError, validate_profile_name};
use crate::progress::store::{self, ProgressStore, SetAsideReason};
use crate::progress::{CourseRecord, record};
use crate::session::Session;

/// The course being taken, with its language and where progress goes.
pub struct App {
    source: CourseSource,
    /// `--lang`, normalised.
    cli_lang: Option<String>,
    /// The language the course was last loaded in (for `--watch` reloads).
    lang: Option<String>,
    data_dir: Option<PathBuf>,
    i18n: I18n,
    /// The course's own interface files and the languages it offers, read once.
    interface: i18n::CourseInterface,
    languages: Vec<(String, String)>,
    course: Course,
    store: Option<ProgressStore>,
    notice: Option<String>,
    /// Saving failed once (told once, then quiet).
    save_failed: bool,
    /// The last record, for a save from the signal thread.
    last_record: Arc<Mutex<Option<CourseRecord>>>,
}

/// Why the course could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Source(#[from] course::SourceError),
    #[error("the course has errors")]
    Invalid(course::Report),
}

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

/// Apply the pseudo-locale to every text of a course (as `--lang en-XA`
/// does; public for the layout tests).
pub fn pseudo_course(c: &mut Course) {
    use crate::course::StepKind;
    let p = |s: &mut String| *s = i18n::pseudo(s);
    let po = |s: &mut Option<String>| {
        if let Some(x) = s {
            *x = i18n::pseudo(x);
        }
    };
    p(&mut c.title);
    p(&mut c.welcome);
    po(&mut c.finish);
    for o in &mut c.objectives {
        p(&mut o.title);
    }
    po(&mut c.resources.intro);
    for r in &mut c.resources.items {
        p(&mut r.name);
        p(&mut r.about);
        po(&mut r.hours);
    }
    for m in &mut c.modules {
        p(&mut m.title);
        p(&mut m.summary);
        po(&mut m.content_note);
        for s in &mut m.steps {
            po(&mut s.title);
            match &mut s.kind {
                StepKind::Read { text } => p(text),
                StepKind::Chat {
                    contact,
                    text,
                    messages,
                    choices,
                } => {
                    p(contact);
                    po(text);
                    for x in messages {
                        p(&mut x.text);
                        po(&mut x.why);
                    }
                    for x in choices {
                        p(&mut x.text);
                        p(&mut x.feedback);
                    }
                }
                StepKind::Spot { text, items } => {
                    p(text);
                    for x in items {
                        p(&mut x.text);
                        p(&mut x.why);
                    }
                }
                StepKind::Question {
                    text,
                    explanation,
                    options,
                    ..
                } => {
                    p(text);
                    po(explanation);
                    for x in options {
                        p(&mut x.text);
                        po(&mut x.feedback);
                    }
                }
            }
        }
    }
}

impl App {
    /// Prepare: pick the language (`--lang`, else the environment), load the
    /// course. The saved language of a profile applies once it is opened.
    pub fn new(
        source: CourseSource,
        cli_lang: Option<&str>,
        data_dir: Option<PathBuf>,
    ) -> Result<App, StartError> {
        let cli_lang = cli_lang.and_then(|l| {
            if l.eq_ignore_ascii_case(i18n::PSEUDO) {
                Some(i18n::PSEUDO.to_string())
            } else {
                locale::normalize_tag(l)
            }
        });
        let lang = cli_lang.clone().or_else(locale::from_environment);
        let course = match load_course(&source, lang.as_deref()) {
            Ok(c) => c,
            Err(LoadError::Source(e)) => return Err(StartError::Source(e)),
            Err(LoadError::Invalid(r)) => return Err(StartError::Invalid(r)),
        };
        let interface = i18n::CourseInterface::read(&source);
        let languages = i18n::languages(&source, &interface);
        let i18n = I18n::with_course(Some(&course.locale), &interface);
        let data_dir = data_dir.or_else(store::default_data_dir);
        Ok(App {
            source,
            cli_lang,
            lang,
            data_dir,
            i18n,
            interface,
            languages,
            course,
            store: None,
            notice: None,
            save_failed: false,
            last_record: Arc::new(Mutex::new(None)),
        })
    }

    /// The course as loaded now.
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// Where the course comes from.
    pub fn source(&self) -> &CourseSource {
        &self.source
    }

    pub fn i18n(&self) -> &I18n {
        &self.i18n
    }

    /// Existing nicknames in the data dir.
    pub fn profiles(&self) -> Vec<String> {
        self.data_dir
            .as_deref()
            .map(store::list_profiles)
            .unwrap_or_default()
    }

    /// Check a typed nickname; the error is a sentence in the learner's language.
    pub fn validate_profile(&self, name: &str) -> Result<String, String> {
        validate_profile_name(name).map_err(|e| {
            self.i18n.t(match e {
                ProfileNameError::Empty => "profile-error-empty",
                ProfileNameError::TooLong => "profile-error-too-long",
                _ => "profile-error-bad-char",
            })
        })
    }

    /// Switch language (settings screen): reload the course and the
    /// interface strings, keep the position. Returns false if the course
    /// could not be loaded in that language (nothing changes then).
    pub fn set_language(&mut self, session: &mut Session, lang: &str) -> bool {
        let Some(tag) = (if lang.eq_ignore_ascii_case(i18n::PSEUDO) {
            Some(i18n::PSEUDO.to_string())
        } else {
            locale::normalize_tag(lang)
        }) else {
            return false;
        };
        match load_course(&self.source, Some(&tag)) {
            Ok(c) => {
                self.i18n = I18n::with_course(Some(&c.locale), &self.interface);
                self.course = c.clone();
                session.replace_course(c);
                self.lang = Some(tag.clone());
                session.record_mut().settings.lang = Some(tag);
                true
            }
            Err(_) => false,
        }
    }

    /// Live preview: load the course again from its files in the current
    /// language. When it loads, it replaces the course (and the session's,
    /// keeping the position) and `None` is returned; when it has errors,
    /// nothing changes and the rendered lint report is returned (rustc
    /// style, file:line:col, control characters escaped).
    pub fn reload(&mut self, session: Option<&mut Session>) -> Option<String> {
        match load_course(&self.source, self.lang.as_deref()) {
            Ok(c) => {
                if let Some(s) = session {
                    s.replace_course(c.clone());
                }
                self.interface = i18n::CourseInterface::read(&self.source);
                self.i18n = I18n::with_course(Some(&c.locale), &self.interface);
                self.course = c;
                None
            }
            Err(LoadError::Invalid(report)) => Some(crate::text::escape_controls(
                &course::render_human(&report, &self.source, false),
            )),
            Err(LoadError::Source(e)) => Some(crate::text::escape_controls(&e.to_string())),
        }
    }

    /// Languages offered in settings: (tag, name in that language).
    pub fn languages(&self) -> Vec<(String, String)> {
        self.languages.clone()
    }

    /// Open a profile's progress and start a session on the home screen.
    pub fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)> {
        let mut record = CourseRecord::new(profile, &self.course.id);
        let mut notice = None;
        match self.data_dir.clone() {
            Some(dir) => match ProgressStore::open(&dir, profile, &self.course.id) {
                Ok(opened) => {
                    record = opened.record;
                    if let Some(r) = opened.notice {
                        notice = Some(self.recovered_message(r.reason, &r.file_name()));
                    }
                    self.store = Some(opened.store);
                }
                Err(_) => {
                    self.save_failed = true;
                    notice = Some(self.i18n.t("progress-cannot-save"));
                }
            },
            None => {
                self.save_failed = true;
                notice = Some(self.i18n.t("progress-cannot-save"));
            }
        }
        // The saved language applies when --lang was not given.
        if self.cli_lang.is_none()
            && let Some(saved) = record.settings.lang.clone()
            && saved != self.course.locale
            && let Ok(c) = load_course(&self.source, Some(&saved))
        {
            self.i18n = I18n::with_course(Some(&c.locale), &self.interface);
            self.course = c;
            self.lang = Some(saved);
        }
        if let Ok(mut g) = self.last_record.lock() {
            *g = Some(record.clone());
        }
        Ok((Session::new(self.course.clone(), record), notice))
    }

    fn recovered_message(&self, reason: SetAsideReason, file: &str) -> String {
        let _ = reason;
        let _ = file;
        self.i18n.t("progress-recovered")
    }

    /// Save a record (merging with what is on disk). `None` when it could
    /// not be saved: the learner is told once, and the course goes on.
    pub fn save(&mut self, rec: &CourseRecord) -> Option<CourseRecord> {
        if let Ok(mut g) = self.last_record.lock() {
            *g = Some(rec.clone());
        }
        let store = self.store.as_mut()?;
        match store.save(rec) {
            Ok(merged) => {
                if let Some(r) = store.take_notice() {
                    let msg = self.recovered_message(r.reason, &r.file_name());
                    self.notice = Some(msg);
                }
                if let Ok(mut g) = self.last_record.lock() {
                    *g = Some(merged.clone());
                }
                Some(merged)
            }
            Err(_) => {
                if !self.save_failed {
                    self.save_failed = true;
                    self.notice = Some(self.i18n.t("progress-cannot-save"));
                }
                None
            }
        }
    }

    /// A notice to show once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// A function the signal thread calls to save the last record.
    pub fn save_on_signal(&self) -> Arc<dyn Fn() + Send + Sync> {
        let last = Arc::clone(&self.last_record);
        let target = self.store.as_ref().map(|s| {
            (
                self.data_dir.clone(),
                s.profile().to_string(),
                s.course().to_string(),
            )
        });
        Arc::new(move || {
            let Some((Some(dir), profile, course)) = target.clone() else {
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
        record::now_rfc3339()
    }
}

impl crate::plain::PlainContext for App {
    fn profiles(&self) -> Vec<String> {
        App::profiles(self)
    }
    fn validate_profile(&self, name: &str) -> Result<String, String> {
        App::validate_profile(self, name)
    }
    fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)> {
        App::open(self, profile)
    }
    fn save(&mut self, record: &CourseRecord) -> Option<CourseRecord> {
        App::save(self, record)
    }
    fn take_notice(&mut self) -> Option<String> {
        App::take_notice(self)
    }
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
    fn now(&self) -> String {
        App::now(self)
    }
}

impl crate::tui::AppContext for App {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
    fn course(&self) -> Option<&Course> {
        Some(&self.course)
    }
    fn profiles(&self) -> Vec<String> {
        App::profiles(self)
    }
    fn validate_profile(&self, name: &str) -> Result<String, String> {
        App::validate_profile(self, name)
    }
    fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)> {
        App::open(self, profile)
    }
    fn save(&mut self, record: &CourseRecord) -> Option<CourseRecord> {
        App::save(self, record)
    }
    fn take_notice(&mut self) -> Option<String> {
        App::take_notice(self)
    }
    fn set_language(&mut self, session: &mut Session, lang: &str) {
        App::set_language(self, session, lang);
    }
    fn languages(&self) -> Vec<(String, String)> {
        App::languages(self)
    }
    fn now(&self) -> String {
        App::now(self)
    }
    fn save_on_signal(&self) -> Arc<dyn Fn() + Send + Sync> {
        App::save_on_signal(self)
    }
    fn reload(&mut self, session: Option<&mut Session>) -> Option<String> {
        App::reload(self, session)
    }
}
