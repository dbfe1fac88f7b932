//! A course held in memory: for tests, benchmarks and tools that build a
//! course without touching the disk. Same engine as [`super::load`] and
//! [`super::lint`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::raw::CourseFiles;
use super::{Course, LoadError, Report, SourceError};

/// A course's files in memory, by relative path with `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryCourse {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemoryCourse {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add or replace a file (`course.toml`, `en/intro.toml`, ...).
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Remove a file.
    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    /// The bytes of a file.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every file, sorted by path.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Check the whole course (as [`super::lint`]).
    pub fn lint(&self) -> Result<Report, SourceError> {
        super::lint::lint_files(self)
    }

    /// Load the course for a locale (as [`super::load`]).
    pub fn load(&self, lang: Option<&str>) -> Result<Course, LoadError> {
        super::load::load_files(self, lang)
    }

    /// Render a report (as [`super::render_human`]).
    pub fn render_human(&self, report: &Report, color: bool) -> String {
        super::lint::render(report, self, color)
    }
}

impl CourseFiles for MemoryCourse {
    fn list(&self) -> Result<Vec<String>, SourceError> {
        if self.files.len() > super::source::MAX_FILES {
            return Err(SourceError::TooManyFiles(self.root_name()));
        }
        Ok(self.files.keys().cloned().collect())
    }

    fn read_file(&self, rel: &str) -> Result<Option<Cow<'_, [u8]>>, SourceError> {
        Ok(self.files.get(rel).map(|b| Cow::Borrowed(b.as_slice())))
    }

    fn root_name(&self) -> String {
        "the course in memory".to_string()
    }
}
