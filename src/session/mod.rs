//! The state machine of one learner in one course. Pure: no I/O, no clock,
//! no terminal.
//!
//! - Front ends turn keys or lines into [`Input`]s (what the learner did,
//!   never which key) and call [`Session::update`].
//! - They carry out the [`Outcome`]: save (through the host, then hand the
//!   merged record back with [`Session::saved`]), show help, show a hint
//!   ([`Session::hint_text`]).
//! - They draw [`Session::view`]: a typed, read-only description of what is
//!   on screen (titles, step counter, numbered items in display order,
//!   verdicts, prompts, hints as Fluent ids). See `view.rs`.
//!
//! The session is the only writer of the learner's record.

mod answer;
mod chat;
mod input;
mod nav;
mod path;
mod shuffle;
mod state;
mod view;
mod view_step;

pub use input::{Arg, Hint, Input, Outcome, Text};
pub use shuffle::{key as shuffle_key, shuffled, shuffled_display};
pub use state::{ChatPhase, ChatState, QuestionState, Screen, SpotState, StepState, flaggable};
pub use view::{
    CheckRole, Counter, HelpEntry, HelpView, HomeView, Item, ModuleRow, NoteView, Prompt,
    PromptKind, Score, ScreenKey, ScreenView, SummaryView, View, Words, help_view,
};
pub use view_step::{
    ChatLine, ChatStage, ChatView, Chosen, QuestionResult, QuestionView, SignLine, SpotLine,
    SpotResult, SpotView, StepBody, StepView,
};

use crate::course::{Course, Module, Step};
use crate::progress::{CourseRecord, Status, StepRecord};

/// The nickname of the record a preview walks with (never saved).
pub const PREVIEW_PROFILE: &str = "preview";

/// One learner in one course.
#[derive(Debug, Clone)]
pub struct Session {
    course: Course,
    record: CourseRecord,
    screen: Screen,
    /// Educators' preview: nothing saved, file order, back one step, every
    /// choice can be tried.
    preview: bool,
    /// Preview: the steps shown in this module, for "back one step".
    trail: Vec<usize>,
}

impl Session {
    /// Start a session on the home screen, with the highlight on the module
    /// to resume. Progress for steps or modules that no longer exist is kept
    /// but ignored.
    pub fn new(course: Course, record: CourseRecord) -> Session {
        let mut s = Session {
            course,
            record,
            screen: Screen::Home { cursor: 0 },
            preview: false,
            trail: Vec::new(),
        };
        s.screen = Screen::Home {
            cursor: s.resume_module(),
        };
        s
    }

    /// An educator's preview of a course: no profile, nothing ever saved
    /// ([`Outcome::save`] is never set), file order, any module opens,
    /// [`Input::BackStep`] goes back one step and every chat choice can be
    /// tried.
    pub fn preview(course: Course) -> Session {
        let record = CourseRecord::new(PREVIEW_PROFILE, &course.id);
        let mut s = Session::new(course, record);
        s.preview = true;
        s
    }

    /// Whether this is a preview.
    pub fn is_preview(&self) -> bool {
        self.preview
    }

    pub fn course(&self) -> &Course {
        &self.course
    }

    /// The learner's record (to save). Only the session writes it.
    pub fn record(&self) -> &CourseRecord {
        &self.record
    }

    /// The host saved the record: continue with the merged one (what
    /// another session of the same profile saved is kept).
    pub fn saved(&mut self, merged: CourseRecord) {
        if !self.preview {
            self.record = merged;
        }
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Replace the course (after a language change or a live reload),
    /// staying on the same module and step where they still exist.
    pub fn replace_course(&mut self, course: Course) {
        let pos = self.position_ids();
        self.course = course;
        self.trail.clear();
        self.screen = match pos {
            Some((m, Some(st))) => match self.course.module_index(&m) {
                Some(mi) => {
                    let module = &self.course.modules[mi];
                    let si = module
                        .step_index(&st)
                        .unwrap_or_else(|| self.nearest_step(mi));
                    self.step_screen(mi, si)
                }
                None => Screen::Home {
                    cursor: self.resume_module(),
                },
            },
            Some((m, None)) => Screen::Home {
                cursor: self.course.module_index(&m).unwrap_or(0),
            },
            None => Screen::Home {
                cursor: self.resume_module(),
            },
        };
    }

    fn position_ids(&self) -> Option<(String, Option<String>)> {
        match &self.screen {
            Screen::Home { cursor } => self
                .course
                .modules
                .get(*cursor)
                .map(|m| (m.id.clone(), None)),
            Screen::Note { module, .. } | Screen::Summary { module } => self
                .course
                .modules
                .get(*module)
                .map(|m| (m.id.clone(), None)),
            Screen::Step { module, step, .. } => {
                let m = self.course.modules.get(*module)?;
                Some((m.id.clone(), m.steps.get(*step).map(|s| s.id.clone())))
            }
        }
    }

    /// Status of module `i`.
    pub fn status(&self, i: usize) -> Status {
        self.course
            .modules
            .get(i)
            .map(|m| self.record.status(&m.id))
            .unwrap_or(Status::NotStarted)
    }

    /// Score of module `i` (0 to 1), `None` before any scored answer.
    pub fn score(&self, i: usize) -> Option<f64> {
        self.course
            .modules
            .get(i)
            .and_then(|m| self.record.score(&m.id))
    }

    /// How many modules are complete.
    pub fn completed(&self) -> usize {
        (0..self.course.modules.len())
            .filter(|i| self.status(*i) == Status::Complete)
            .count()
    }

    /// Whether every module is complete.
    pub fn all_complete(&self) -> bool {
        self.completed() == self.course.modules.len()
    }

    /// The first module not complete after module `after` (wrapping
    /// around), or from the first module when `after` is `None`.
    pub fn next_incomplete(&self, after: Option<usize>) -> Option<usize> {
        let n = self.course.modules.len();
        let start = after.map(|a| a + 1).unwrap_or(0);
        (0..n)
            .map(|k| (start + k) % n)
            .filter(|i| Some(*i) != after)
            .find(|i| self.status(*i) != Status::Complete)
    }

    /// The module Enter resumes on the home screen: the saved position's
    /// module when it is not complete, else the first module not complete,
    /// else the first.
    pub fn resume_module(&self) -> usize {
        if let Some(p) = &self.record.position
            && let Some(i) = self.course.module_index(&p.module)
            && self.status(i) != Status::Complete
        {
            return i;
        }
        self.next_incomplete(None).unwrap_or(0)
    }

    /// The record of a step, if the learner has been there.
    pub fn step_record(&self, module: usize, step: usize) -> Option<&StepRecord> {
        let m = self.course.modules.get(module)?;
        let s = m.steps.get(step)?;
        self.record.modules.get(&m.id)?.steps.get(&s.id)
    }

    /// The module and step on screen, if any.
    pub fn current(&self) -> Option<(&Module, &Step, &StepState)> {
        match &self.screen {
            Screen::Step {
                module,
                step,
                state,
            } => {
                let m = self.course.modules.get(*module)?;
                Some((m, m.steps.get(*step)?, state))
            }
            _ => None,
        }
    }

    /// Objective ids taught by module `i`, in course order.
    pub fn objectives_of(&self, i: usize) -> Vec<&str> {
        let Some(m) = self.course.modules.get(i) else {
            return Vec::new();
        };
        self.course
            .objectives
            .iter()
            .filter(|o| m.steps.iter().any(|s| s.teaches.contains(&o.id)))
            .map(|o| o.id.as_str())
            .collect()
    }

    /// Whether module `i` is the course's pre-check (no right answers shown).
    pub fn is_pre_check(&self, i: usize) -> bool {
        self.check_index(self.course.pre_check.as_deref()) == Some(i)
    }

    /// Whether module `i` is the course's post-check.
    pub fn is_post_check(&self, i: usize) -> bool {
        self.check_index(self.course.post_check.as_deref()) == Some(i)
    }

    fn check_index(&self, id: Option<&str>) -> Option<usize> {
        id.and_then(|id| self.course.module_index(id))
    }

    /// Right at the first try out of answered, in module `i`.
    pub fn right_of(&self, i: usize) -> Option<(usize, usize)> {
        let m = self.course.modules.get(i)?;
        let r = self.record.modules.get(&m.id)?;
        let scored: Vec<bool> = m
            .steps
            .iter()
            .filter_map(|s| r.steps.get(&s.id).and_then(|x| x.first_correct))
            .collect();
        if scored.is_empty() {
            return None;
        }
        Some((scored.iter().filter(|c| **c).count(), scored.len()))
    }

    /// Apply one input. `now` is the time, RFC 3339 (the session has no clock).
    pub fn update(&mut self, input: Input, now: &str) -> Outcome {
        let mut o = match input {
            Input::SetLanguage(tag) => {
                self.record.settings.lang = Some(tag);
                Outcome::save()
            }
            Input::SetTheme(name) => {
                self.record.settings.theme = Some(name);
                Outcome::save()
            }
            input => match self.screen.clone() {
                Screen::Home { .. } => self.update_home(input, now),
                Screen::Note { module } => self.update_note(module, input, now),
                Screen::Summary { module } => self.update_summary(module, input),
                Screen::Step {
                    module,
                    step,
                    state,
                } => self.update_step(module, step, state, input, now),
            },
        };
        if self.preview {
            o.save = false;
        }
        o
    }

    /// The hint for an input that did not fit, as a message with the
    /// length of the list on screen.
    pub fn hint_text(&self, h: Hint) -> Text {
        let n = self.prompt().len;
        match h {
            Hint::OutOfRange => Text::id("hint-out-of-range").num("max", n),
            Hint::OneNumber => Text::id("hint-one-number"),
            Hint::SelectSomething => Text::id("hint-select-something"),
            Hint::PickOne => Text::id("hint-pick-one"),
            Hint::WholeOrder => Text::id("hint-whole-order").num("count", n),
            Hint::NothingToAnswer => Text::id("hint-nothing"),
            Hint::FlagOrNone => Text::id("hint-flag-or-none"),
            Hint::NoneGoesAlone => Text::id("hint-none-goes-alone").num("none", n),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_view;
