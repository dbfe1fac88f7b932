//! What is saved for one learner in one course: plain data, no I/O.
//!
//! Keyed by module and step ids (never indexes), so reordering or renaming
//! lesson files never corrupts a learner's progress. Only what the course
//! needs: the nickname, option indexes chosen, first-try results, dates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Marker written in every progress file.
pub const FORMAT: &str = "notalone-progress";
/// Current version of the progress format. Files with a higher version are
/// set aside, never overwritten.
pub const VERSION: u32 = 1;

/// The progress of one profile in one course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseRecord {
    pub format: String,
    pub version: u32,
    /// The nickname, as the learner typed it.
    pub profile: String,
    /// The course id.
    pub course: String,
    #[serde(default)]
    pub settings: Settings,
    /// Where the learner was last (module and step ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default)]
    pub modules: BTreeMap<String, ModuleRecord>,
    /// Fields this version does not know (written by a newer one): kept
    /// as they are and written back on save.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The learner's settings for this course.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Fields this version does not know (written by a newer one): kept
    /// as they are and written back on save.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A place in the course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub module: String,
    pub step: String,
}

/// Progress in one module.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ModuleRecord {
    /// RFC 3339 UTC time of the first step shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// RFC 3339 UTC time the module was first completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    /// RFC 3339 UTC time the learner first chose "skip this module" at its
    /// content note (reports show the module as skipped, not "not started").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped_at: Option<String>,
    /// The learner accepted the content note (it is not shown again).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub note_accepted: bool,
    /// The last step reached in this module.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Steps answered or read, by step id.
    #[serde(default)]
    pub steps: BTreeMap<String, StepRecord>,
    /// Fields this version does not know (written by a newer one): kept
    /// as they are and written back on save.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// What the learner did on one step. Indexes refer to the step's messages,
/// items, options or choices as written in the lesson file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step was finished (read, answered, or its chat completed).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    /// First-try result, for scored steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_correct: Option<bool>,
    /// The first answer: selected options or spot items; for an `order`
    /// question the option indexes in the order the learner gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Vec<usize>>,
    /// Chat: the messages the learner flagged as warning signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<Vec<usize>>,
    /// Chat: the choices picked, in order (an unsafe choice may be followed by another).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<usize>,
    /// RFC 3339 UTC time of the first answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
    /// Fields this version does not know (written by a newer one): kept
    /// as they are and written back on save.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Status of a module for a learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotStarted,
    InProgress,
    Complete,
}

impl Status {
    /// The contract's spelling: `not-started`, `in-progress`, `complete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Complete => "complete",
        }
    }
}

impl CourseRecord {
    /// A fresh record.
    pub fn new(profile: &str, course: &str) -> Self {
        CourseRecord {
            format: FORMAT.to_string(),
            version: VERSION,
            profile: profile.to_string(),
            course: course.to_string(),
            settings: Settings::default(),
            position: None,
            modules: BTreeMap::new(),
            extra: BTreeMap::new(),
        }
    }

    /// Status of a module.
    pub fn status(&self, module: &str) -> Status {
        match self.modules.get(module) {
            Some(m) if m.completed_at.is_some() => Status::Complete,
            Some(m) if m.started_at.is_some() || !m.steps.is_empty() => Status::InProgress,
            _ => Status::NotStarted,
        }
    }

    /// Score of a module: the share of scored answers right at the first
    /// try, from 0 to 1; `None` before any scored answer.
    pub fn score(&self, module: &str) -> Option<f64> {
        self.modules.get(module).and_then(ModuleRecord::score)
    }

    /// Merge what another writer saved into this record (self is newer in
    /// memory, `disk` is what is on disk now). Nothing is lost: completions
    /// are united, the earliest dates kept, and first answers never replaced.
    /// Position and settings are this record's.
    pub fn merge_from(&mut self, disk: &CourseRecord) {
        for (id, theirs) in &disk.modules {
            let mine = self.modules.entry(id.clone()).or_default();
            mine.merge_from(theirs);
        }
        if self.position.is_none() {
            self.position = disk.position.clone();
        }
        if self.settings.lang.is_none() {
            self.settings.lang = disk.settings.lang.clone();
        }
        if self.settings.theme.is_none() {
            self.settings.theme = disk.settings.theme.clone();
        }
        keep_extra(&mut self.settings.extra, &disk.settings.extra);
        keep_extra(&mut self.extra, &disk.extra);
    }
}

/// Unknown fields of the other side that this side lacks are kept.
fn keep_extra(
    mine: &mut BTreeMap<String, serde_json::Value>,
    theirs: &BTreeMap<String, serde_json::Value>,
) {
    for (k, v) in theirs {
        mine.entry(k.clone()).or_insert_with(|| v.clone());
    }
}

fn earliest(a: &Option<String>, b: &Option<String>) -> Option<String> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if x <= y { x.clone() } else { y.clone() }),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

impl ModuleRecord {
    /// Score of this module (see [`CourseRecord::score`]).
    pub fn score(&self) -> Option<f64> {
        let scored: Vec<bool> = self
            .steps
            .values()
            .filter_map(|s| s.first_correct)
            .collect();
        if scored.is_empty() {
            return None;
        }
        let right = scored.iter().filter(|c| **c).count();
        Some(right as f64 / scored.len() as f64)
    }

    fn merge_from(&mut self, theirs: &ModuleRecord) {
        self.started_at = earliest(&self.started_at, &theirs.started_at);
        self.completed_at = earliest(&self.completed_at, &theirs.completed_at);
        self.skipped_at = earliest(&self.skipped_at, &theirs.skipped_at);
        self.note_accepted |= theirs.note_accepted;
        if self.step.is_none() {
            self.step = theirs.step.clone();
        }
        for (id, t) in &theirs.steps {
            match self.steps.get_mut(id) {
                None => {
                    self.steps.insert(id.clone(), t.clone());
                }
                Some(m) => m.merge_from(t),
            }
        }
        keep_extra(&mut self.extra, &theirs.extra);
    }
}

impl StepRecord {
    fn merge_from(&mut self, theirs: &StepRecord) {
        self.done |= theirs.done;
        // The first answer wins: the one answered earliest.
        let theirs_first = match (&self.answered_at, &theirs.answered_at) {
            (Some(m), Some(t)) => t < m,
            (None, Some(_)) => true,
            _ => false,
        };
        if theirs_first {
            self.first_correct = theirs.first_correct;
            self.answer = theirs.answer.clone();
            self.answered_at = theirs.answered_at.clone();
            if theirs.flags.is_some() {
                self.flags = theirs.flags.clone();
            }
            if !theirs.choices.is_empty() {
                self.choices = theirs.choices.clone();
            }
        } else {
            if self.first_correct.is_none() {
                self.first_correct = theirs.first_correct;
            }
            if self.answer.is_none() {
                self.answer = theirs.answer.clone();
            }
            if self.flags.is_none() {
                self.flags = theirs.flags.clone();
            }
            if self.choices.is_empty() {
                self.choices = theirs.choices.clone();
            }
        }
        keep_extra(&mut self.extra, &theirs.extra);
    }
}

/// The current time as RFC 3339 UTC (`2026-11-29T10:02:11Z`), without a
/// date crate.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

/// Format seconds since the Unix epoch as RFC 3339 UTC.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_946_531), "2026-11-29T10:02:11Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn score_is_first_try_share() {
        let mut m = ModuleRecord::default();
        assert_eq!(m.score(), None);
        for (i, ok) in [true, true, false].iter().enumerate() {
            m.steps.insert(
                format!("s{i}"),
                StepRecord {
                    first_correct: Some(*ok),
                    ..Default::default()
                },
            );
        }
        m.steps.insert(
            "read".into(),
            StepRecord {
                done: true,
                ..Default::default()
            },
        );
        assert_eq!(m.score(), Some(2.0 / 3.0));
    }

    #[test]
    fn merge_keeps_completions_and_first_answers() {
        let mut a = CourseRecord::new("sam", "c");
        let mut b = CourseRecord::new("sam", "c");
        b.modules.entry("m1".into()).or_default().completed_at =
            Some("2026-01-01T00:00:00Z".into());
        a.modules.entry("m2".into()).or_default().steps.insert(
            "q".into(),
            StepRecord {
                first_correct: Some(false),
                answer: Some(vec![1]),
                answered_at: Some("2026-01-02T00:00:00Z".into()),
                ..Default::default()
            },
        );
        b.modules.entry("m2".into()).or_default().steps.insert(
            "q".into(),
            StepRecord {
                first_correct: Some(true),
                answer: Some(vec![0]),
                answered_at: Some("2026-01-01T00:00:00Z".into()),
                ..Default::default()
            },
        );
        a.merge_from(&b);
        assert_eq!(a.status("m1"), Status::Complete);
        let q = &a.modules["m2"].steps["q"];
        assert_eq!(q.first_correct, Some(true));
        assert_eq!(q.answer.as_deref(), Some(&[0][..]));
    }
}
