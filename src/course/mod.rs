//! The course model: types, loading (embedded or from disk, along the locale
//! chain), lint rules and diagnostics.

pub mod diagnostic;
pub mod fields;
pub mod locale;
pub mod model;
pub mod source;

pub mod memory;
pub mod translation;

mod compare;
mod graph;
mod items;
mod lint;
pub(crate) use lint::summary_phrase;
mod load;
mod prepost;
mod raw;
mod render;
mod rules;
mod slips;
mod steps;
mod tables;
mod walk;

pub use memory::MemoryCourse;
pub use raw::CourseFiles;

pub use diagnostic::{Diagnostic, Report, Severity};
pub use model::*;
pub use source::{CourseSource, SourceError};

/// Why a course could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The files could not be read at all.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The course has errors; the report says where.
    #[error("the course has {} error(s)", .0.errors())]
    Invalid(Report),
}

/// Load a course for a learner whose locale is `lang` (a BCP 47 tag; `None`
/// means the source locale). Succeeds when the course has no errors.
pub fn load(src: &CourseSource, lang: Option<&str>) -> Result<Course, LoadError> {
    load::load(src, lang)
}

/// Check the whole course, every locale, and report every problem found.
pub fn lint(src: &CourseSource) -> Result<Report, SourceError> {
    lint::lint(src)
}

/// Render a report rustc-style (`error[code]: message`, `--> file:line:col`,
/// the line, a caret, `help:`), with every control character escaped.
pub fn render_human(report: &Report, src: &CourseSource, color: bool) -> String {
    lint::render_human(report, src, color)
}

/// The locale folders a course has (e.g. `["en", "en-CA", "fr"]`).
pub fn locales(src: &CourseSource) -> Result<Vec<String>, SourceError> {
    // A locale folder has a BCP 47 name and lesson files (`.toml`); other
    // folders (`schemas/`, `locales/`) are not languages.
    let mut out: Vec<String> = src
        .files()?
        .iter()
        .filter(|f| f.ends_with(".toml"))
        .filter_map(|f| f.split_once('/').map(|(d, _)| d.to_string()))
        .filter(|d| {
            d.parse::<unic_langid::LanguageIdentifier>().is_ok()
                && !d.contains('_')
                && d != "locales"
                && d != "schemas"
        })
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}
