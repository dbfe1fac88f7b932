//! The in-memory host (tests, benches, fuzz targets): courses built in
//! memory, one per language, and records kept in memory. The same host as
//! the real one, with switches for what the disk would do (a failing save,
//! files that no longer load, profile folders that had to be skipped).

use std::path::PathBuf;

use super::Host;
use super::store::Backend;
use crate::course::Course;
use crate::progress::CourseRecord;

/// Courses built in memory: one per language, the first is the default.
#[derive(Debug, Clone)]
pub(crate) struct Fixed {
    first: Course,
    translations: Vec<Course>,
    /// What a reload finds instead of a course: a lint report (`--watch` tests).
    pub broken: Option<String>,
}

impl Fixed {
    pub fn new(course: Course) -> Fixed {
        Fixed {
            first: course,
            translations: Vec::new(),
            broken: None,
        }
    }

    fn all(&self) -> impl Iterator<Item = &Course> {
        std::iter::once(&self.first).chain(&self.translations)
    }

    /// The course in `lang` (exact tag, then its language), else the first.
    pub fn load(&self, lang: Option<&str>) -> Course {
        let find = |tag: &str| self.all().find(|c| c.locale.eq_ignore_ascii_case(tag));
        lang.and_then(|l| find(l).or_else(|| find(super::primary(l))))
            .unwrap_or(&self.first)
            .clone()
    }

    /// The languages the courses are in.
    pub fn locales(&self) -> Vec<String> {
        self.all().map(|c| c.locale.clone()).collect()
    }

    /// Put `course` in place of the one in its language (or add it).
    fn put(&mut self, course: Course) {
        if self.first.locale == course.locale {
            self.first = course;
        } else if let Some(c) = self
            .translations
            .iter_mut()
            .find(|c| c.locale == course.locale)
        {
            *c = course;
        } else {
            self.translations.push(course);
        }
    }
}

impl Host {
    /// Tests: a saved record (memory host only; its nickname is listed).
    pub fn with_record(mut self, record: CourseRecord) -> Host {
        if let Backend::Memory { records, .. } = &mut self.backend {
            records.insert(record.profile.clone(), record);
        }
        self
    }

    /// Tests: nicknames listed on the profile screen (memory host only).
    pub fn with_profiles<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Host {
        if let Backend::Memory { profiles, .. } = &mut self.backend {
            *profiles = names.into_iter().map(Into::into).collect();
        }
        self
    }

    /// Tests: profile folders the scan had to skip (memory host only).
    pub fn with_skipped(mut self, folders: Vec<PathBuf>) -> Host {
        if let Backend::Memory { skipped, .. } = &mut self.backend {
            *skipped = folders;
        }
        self
    }

    /// Tests: the same course in another language (a course in memory
    /// only), offered in settings.
    pub fn with_translation(mut self, course: Course) -> Host {
        if let super::Origin::Fixed(f) = &mut self.origin {
            f.put(course);
            self.locales = f.locales();
            self.languages = self.compute_languages();
        }
        self
    }

    /// Tests of live preview (a course in memory only): what the files
    /// hold now, as the next reload finds them: a course, or the lint
    /// report of files that do not load.
    pub fn set_files(&mut self, now: Result<Course, String>) {
        if let super::Origin::Fixed(f) = &mut self.origin {
            match now {
                Ok(c) => {
                    f.broken = None;
                    f.put(c);
                }
                Err(report) => f.broken = Some(report),
            }
        }
    }

    /// Tests: make every save fail (memory host only).
    pub fn set_save_failing(&mut self, failing: bool) {
        if let Backend::Memory { fail, .. } = &mut self.backend {
            *fail = failing;
        }
    }

    /// Tests: the next profile opened finds its saved progress unreadable
    /// (set aside and started afresh, as the store does; memory host only).
    pub fn set_next_open_recovers(&mut self, recovers: bool) {
        if let Backend::Memory { recover, .. } = &mut self.backend {
            *recover = recovers;
        }
    }

    /// Tests: the record saved for a nickname (memory host only).
    pub fn saved_record(&self, profile: &str) -> Option<&CourseRecord> {
        match &self.backend {
            Backend::Memory { records, .. } => records.get(profile),
            _ => None,
        }
    }

    /// Tests: how many saves went through (memory host only).
    pub fn save_count(&self) -> usize {
        match &self.backend {
            Backend::Memory { saves, .. } => *saves,
            _ => 0,
        }
    }
}
