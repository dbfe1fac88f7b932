//! Class reports.
//!
//! - `records`: one row per profile and module (today's rows: table, CSV,
//!   the JSON contract of `product.md`).
//! - `learner`, `question`, `objective`: the views a teacher acts on (who
//!   finished, which questions the class missed and with which wrong
//!   answers, what the class knew before and after).
//! - `html`: every view on one self-contained page; `xapi`: statements for
//!   a learning record store.
//!
//! Only what the course needs leaves the machine: the nickname, ids,
//! answers as option indexes, first-try results and dates. Everything
//! printed is made safe (see `safe`): hidden characters from planted files
//! are shown as visible escapes.

pub mod html;
pub mod learner;
pub mod objective;
pub mod question;
pub mod records;
pub mod safe;
pub mod table;
pub mod xapi;

use crate::course::Course;
use crate::i18n::I18n;

use super::profile::same_profile;
use super::store::ProfileData;

pub use records::{CSV_HEADER, CourseOutline, Row, rows, to_csv, to_json, to_table};
pub use safe::csv_cell;
pub use xapi::{XapiOptions, to_xapi, xapi_statements};

/// Keep only the profile named `name` (case-insensitively).
pub fn filter_profile(profiles: Vec<ProfileData>, name: &str) -> Vec<ProfileData> {
    profiles
        .into_iter()
        .filter(|p| same_profile(&p.name, name))
        .collect()
}

/// What a report needs besides the records: the courses it can find (in
/// the report's language), the report's language and the local time zone.
pub struct Context<'a> {
    /// Courses found (built-in, `--lessons`), loaded in the report language.
    pub courses: &'a [Course],
    /// The course a profile with no record yet is shown in (the one given
    /// with `--lessons`, else the built-in one).
    pub primary: Option<&'a str>,
    pub i18n: I18n,
    pub tz: jiff::tz::TimeZone,
}

impl<'a> Context<'a> {
    /// A context in language `lang` (a tag; `None`: English) and the local
    /// time zone.
    pub fn new(courses: &'a [Course], primary: Option<&'a str>, lang: Option<&str>) -> Self {
        Context {
            courses,
            primary,
            i18n: I18n::new(lang),
            tz: safe::local_zone(),
        }
    }

    /// The course with this id, if it was found.
    pub fn course(&self, id: &str) -> Option<&'a Course> {
        self.courses.iter().find(|c| c.id == id)
    }

    /// The ids of the courses a view covers: every course someone has a
    /// record of, in order of first appearance; the primary course when
    /// nobody has one.
    pub fn course_ids(&self, profiles: &[ProfileData]) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for p in profiles {
            for r in &p.records {
                if !ids.contains(&r.course) {
                    ids.push(r.course.clone());
                }
            }
        }
        if ids.is_empty()
            && let Some(p) = self.primary
        {
            ids.push(p.to_string());
        }
        // Known courses first, in the order they were found.
        let rank = |id: &String| {
            self.courses
                .iter()
                .position(|c| &c.id == id)
                .unwrap_or(usize::MAX)
        };
        ids.sort_by_key(rank);
        ids
    }

    /// A message in the report's language.
    pub fn t(&self, id: &str) -> String {
        self.i18n.t(id)
    }
}
