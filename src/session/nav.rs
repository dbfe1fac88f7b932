//! Moving through the course: home, content notes, opening a module,
//! entering, leaving and finishing steps, the summary.

use crate::course::{Next, StepKind};
use crate::progress::{Position, Status, StepRecord};

use super::state::{self, ChatPhase, Screen, StepState};
use super::{Hint, Input, Outcome, Session, shuffle};

impl Session {
    pub(super) fn update_home(&mut self, input: Input, now: &str) -> Outcome {
        let n = self.course.modules.len();
        match input {
            Input::Choose(i) => {
                if i < n {
                    self.screen = Screen::Home { cursor: i };
                    Outcome::default()
                } else {
                    Outcome::hint(Hint::OutOfRange)
                }
            }
            Input::Continue | Input::Submit => self.open_module(self.resume_module(), now),
            Input::Open(i) => {
                if i < n {
                    self.open_module(i, now)
                } else {
                    Outcome::hint(Hint::OutOfRange)
                }
            }
            Input::Answer(v) => match v.as_slice() {
                [] => self.open_module(self.resume_module(), now),
                [i] if *i < n => self.open_module(*i, now),
                [_] => Outcome::hint(Hint::OutOfRange),
                _ => Outcome::hint(Hint::OneNumber),
            },
            _ => Outcome::hint(Hint::NothingToAnswer),
        }
    }

    /// Open module `i`: its content note if not yet accepted, else the step
    /// reached (or the first step).
    fn open_module(&mut self, i: usize, now: &str) -> Outcome {
        let Some(m) = self.course.modules.get(i) else {
            return Outcome::hint(Hint::OutOfRange);
        };
        self.trail.clear();
        let accepted = self
            .record
            .modules
            .get(&m.id)
            .is_some_and(|r| r.note_accepted);
        if m.content_note.is_some() && !accepted {
            self.screen = Screen::Note { module: i };
            return Outcome::default();
        }
        let step = self.resume_step(i);
        self.enter_step(i, step, now)
    }

    /// The step to resume in module `i`: the saved one if it still exists,
    /// else the nearest existing step, else the first. A complete module
    /// (and every module in preview) starts again at its first step.
    fn resume_step(&self, i: usize) -> usize {
        let m = &self.course.modules[i];
        if self.preview || self.status(i) == Status::Complete {
            return 0;
        }
        match self.record.modules.get(&m.id).and_then(|r| r.step.clone()) {
            Some(id) => m.step_index(&id).unwrap_or_else(|| self.nearest_step(i)),
            None => 0,
        }
    }

    /// For a step id that no longer exists: the furthest step the learner
    /// has a record of, else the first.
    pub(super) fn nearest_step(&self, i: usize) -> usize {
        let m = &self.course.modules[i];
        let Some(r) = self.record.modules.get(&m.id) else {
            return 0;
        };
        m.steps
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| r.steps.contains_key(&s.id))
            .map(|(idx, _)| idx)
            .unwrap_or(0)
    }

    pub(super) fn update_note(&mut self, module: usize, input: Input, now: &str) -> Outcome {
        let choose = |s: &mut Self, c: usize| -> Outcome {
            match c {
                0 => {
                    let id = s.course.modules[module].id.clone();
                    s.record.modules.entry(id).or_default().note_accepted = true;
                    let step = s.resume_step(module);
                    s.enter_step(module, step, now).saving()
                }
                1 => {
                    // Remembered so the class report can tell "skipped" from "not started".
                    let id = s.course.modules[module].id.clone();
                    let m = s.record.modules.entry(id).or_default();
                    let first = m.skipped_at.is_none();
                    m.skipped_at.get_or_insert_with(|| now.to_string());
                    let next = (module + 1).min(s.course.modules.len().saturating_sub(1));
                    s.screen = Screen::Home { cursor: next };
                    Outcome {
                        save: first,
                        ..Default::default()
                    }
                }
                _ => Outcome::help(),
            }
        };
        match input {
            Input::Continue => choose(self, 0),
            Input::Skip => choose(self, 1),
            Input::GetHelp => choose(self, 2),
            Input::Choose(c) if c < 3 => choose(self, c),
            Input::Choose(_) => Outcome::hint(Hint::OutOfRange),
            Input::Answer(v) => match v.as_slice() {
                [] => choose(self, 0),
                [c] if *c < 3 => choose(self, *c),
                [_] => Outcome::hint(Hint::OutOfRange),
                _ => Outcome::hint(Hint::OneNumber),
            },
            Input::Back => {
                self.screen = Screen::Home { cursor: module };
                Outcome::default()
            }
            _ => Outcome::default(),
        }
    }

    pub(super) fn update_summary(&mut self, module: usize, input: Input) -> Outcome {
        match input {
            Input::Continue | Input::Submit | Input::Back | Input::Answer(_) => {
                let next = self.next_incomplete(Some(module)).unwrap_or(module);
                self.screen = Screen::Home { cursor: next };
                Outcome::default()
            }
            _ => Outcome::default(),
        }
    }

    /// The shuffle key and whether to shuffle, for step `si` of module `mi`.
    fn shuffle_of(&self, mi: usize, si: usize) -> (String, bool) {
        let m = &self.course.modules[mi];
        let Some(step) = m.steps.get(si) else {
            return (String::new(), false);
        };
        let key = shuffle::key(&self.record.profile, &self.course.id, &m.id, &step.id);
        (key, step.shuffle && !self.preview)
    }

    /// The screen of a step, restored from its record (in preview always
    /// fresh, so every choice can be tried).
    pub(super) fn step_screen(&self, mi: usize, si: usize) -> Screen {
        let m = &self.course.modules[mi];
        let Some(step) = m.steps.get(si) else {
            return Screen::Summary { module: mi };
        };
        let rec = if self.preview {
            None
        } else {
            self.record
                .modules
                .get(&m.id)
                .and_then(|r| r.steps.get(&step.id))
        };
        let (key, shuffle) = self.shuffle_of(mi, si);
        Screen::Step {
            module: mi,
            step: si,
            state: state::restore(&step.kind, rec, &key, shuffle),
        }
    }

    /// Show step `si` of module `mi`, recording the position; answers given
    /// before are shown as given.
    pub(super) fn enter_step(&mut self, mi: usize, si: usize, now: &str) -> Outcome {
        let screen = self.step_screen(mi, si);
        let m = &self.course.modules[mi];
        let Some(step) = m.steps.get(si) else {
            return self.finish_module(mi, now);
        };
        let (mid, sid) = (m.id.clone(), step.id.clone());
        let mr = self.record.modules.entry(mid.clone()).or_default();
        if mr.started_at.is_none() {
            mr.started_at = Some(now.to_string());
        }
        mr.step = Some(sid.clone());
        self.record.position = Some(Position {
            module: mid,
            step: sid,
        });
        self.screen = screen;
        if self.trail.last() != Some(&si) {
            self.trail.push(si);
        }
        Outcome::save()
    }

    pub(super) fn update_step(
        &mut self,
        mi: usize,
        si: usize,
        state: StepState,
        input: Input,
        now: &str,
    ) -> Outcome {
        match input {
            Input::Back => {
                self.screen = Screen::Home { cursor: mi };
                return Outcome::default();
            }
            Input::BackStep => return self.back_step(mi),
            _ => {}
        }
        let Some(step) = self.course.modules[mi].steps.get(si).cloned() else {
            return Outcome::default();
        };
        match (state, &step.kind) {
            (StepState::Read, _) => match input {
                Input::Continue | Input::Submit | Input::Answer(_) => {
                    self.step_record_mut(mi, si).done = true;
                    self.advance(mi, si, step.next.clone(), now).saving()
                }
                _ => Outcome::hint(Hint::NothingToAnswer),
            },
            (StepState::Chat(c), StepKind::Chat { .. }) => {
                self.update_chat(mi, si, &step, c, input, now)
            }
            (StepState::Spot(s), StepKind::Spot { .. }) => {
                self.update_spot(mi, si, &step, s, input, now)
            }
            (StepState::Question(q), StepKind::Question { .. }) => {
                self.update_question(mi, si, &step, q, input, now)
            }
            _ => Outcome::default(),
        }
    }

    /// Preview: back one step along the path taken (to home from the first).
    fn back_step(&mut self, mi: usize) -> Outcome {
        if !self.preview {
            return Outcome::default();
        }
        self.trail.pop();
        match self.trail.last().copied() {
            Some(prev) => {
                self.screen = self.step_screen(mi, prev);
            }
            None => {
                self.screen = Screen::Home { cursor: mi };
            }
        }
        Outcome::default()
    }

    pub(super) fn set_state(&mut self, state: StepState) {
        if let Screen::Step { state: s, .. } = &mut self.screen {
            *s = state;
        }
    }

    pub(super) fn step_record_mut(&mut self, mi: usize, si: usize) -> &mut StepRecord {
        let m = &self.course.modules[mi];
        let sid = m.steps[si].id.clone();
        self.record
            .modules
            .entry(m.id.clone())
            .or_default()
            .steps
            .entry(sid)
            .or_default()
    }

    /// Whether a first answer given now counts: not once the module is
    /// complete (looking at it again, or trying another branch, never
    /// changes a score).
    pub(super) fn scoring(&self, mi: usize) -> bool {
        self.status(mi) != Status::Complete
    }

    /// Record a first answer (kept forever: later answers do not change the score).
    pub(super) fn record_answer(
        &mut self,
        mi: usize,
        si: usize,
        answer: Vec<usize>,
        correct: bool,
        now: &str,
    ) {
        let scoring = self.scoring(mi);
        let r = self.step_record_mut(mi, si);
        if r.first_correct.is_none() && r.answer.is_none() && scoring {
            r.first_correct = Some(correct);
            r.answer = Some(answer);
            r.answered_at = Some(now.to_string());
        }
        r.done = true;
    }

    /// Go on from step `si` to `next` (or the following step, or the end).
    pub(super) fn advance(
        &mut self,
        mi: usize,
        si: usize,
        next: Option<Next>,
        now: &str,
    ) -> Outcome {
        match self.course.modules[mi].target(si, next.as_ref()) {
            // A branch that leads back ("go back and choose again"): a chat
            // answered before asks again, or the learner would go round the
            // same branch for ever. Earlier choices stay in the record.
            Some(t) if t <= si => {
                let o = self.enter_step(mi, t, now);
                if let Screen::Step {
                    state: StepState::Chat(c),
                    ..
                } = &mut self.screen
                    && matches!(c.phase, ChatPhase::Feedback { .. })
                {
                    c.phase = ChatPhase::Choose;
                }
                o
            }
            Some(t) => self.enter_step(mi, t, now),
            None => self.finish_module(mi, now),
        }
    }

    fn finish_module(&mut self, mi: usize, now: &str) -> Outcome {
        let id = self.course.modules[mi].id.clone();
        let mr = self.record.modules.entry(id.clone()).or_default();
        if mr.started_at.is_none() {
            mr.started_at = Some(now.to_string());
        }
        if mr.completed_at.is_none() {
            mr.completed_at = Some(now.to_string());
        }
        mr.step = None;
        // Resume at the next module not complete.
        let next = self.next_incomplete(Some(mi));
        self.record.position = next.and_then(|i| {
            let m = &self.course.modules[i];
            m.steps.first().map(|s| Position {
                module: m.id.clone(),
                step: s.id.clone(),
            })
        });
        self.trail.clear();
        self.screen = Screen::Summary { module: mi };
        Outcome::save()
    }
}
