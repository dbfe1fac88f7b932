//! The state machine of one learner in one course. Pure: no I/O, no clock,
//! no terminal. Front ends turn keys or lines into [`Input`]s, call
//! [`Session::update`], carry out the [`Outcome`] (save, show help) and draw
//! [`Session::screen`].

use crate::course::{Course, Module, Next, QuestionKind, Step, StepKind};
use crate::progress::{CourseRecord, Position, Status, StepRecord};

/// Where the learner is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The module list. `cursor` is the highlighted module.
    Home { cursor: usize },
    /// A module's content note, before its first step. `cursor`: 0 continue,
    /// 1 skip this module, 2 get help.
    Note { module: usize, cursor: usize },
    /// One step of a module.
    Step {
        module: usize,
        step: usize,
        state: StepState,
    },
    /// The end of a module.
    Summary { module: usize },
}

/// The state of the step on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    Read,
    Chat(ChatState),
    Spot(SpotState),
    Question(QuestionState),
}

/// A chat being played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatState {
    /// How many messages are shown.
    pub revealed: usize,
    pub phase: ChatPhase,
    /// Messages the learner flagged as warning signs.
    pub flags: Vec<bool>,
    /// Highlighted message (when flagging) or choice (when choosing).
    pub cursor: usize,
}

/// What a chat is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatPhase {
    /// Messages are being revealed one by one.
    Reveal,
    /// The learner flags the messages that worry them.
    Flag,
    /// The real warning signs are shown with their `why`.
    Signs,
    /// The learner picks what to do.
    Choose,
    /// The feedback of a choice is shown.
    Feedback { choice: usize },
    /// Nothing left to do but continue.
    Done,
}

/// A spot exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotState {
    pub selected: Vec<bool>,
    pub cursor: usize,
    pub submitted: bool,
}

/// A question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionState {
    /// Selected options (single and multiple), by option index.
    pub selected: Vec<bool>,
    /// Order questions: the option indexes in the order shown now.
    pub order: Vec<usize>,
    /// Highlighted row (an option for single/multiple, a position for order).
    pub cursor: usize,
    pub submitted: bool,
}

/// What the learner did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Move the highlight up.
    Up,
    /// Move the highlight down.
    Down,
    /// Toggle the highlighted item (Space).
    Toggle,
    /// Enter: choose, confirm, continue.
    Confirm,
    /// A digit: highlight (and for single choices select) item `n` (0-based).
    Pick(usize),
    /// Order questions: move the highlighted item up or down.
    MoveUp,
    MoveDown,
    /// Esc: back to the module list.
    Back,
    /// Show every remaining chat message at once (plain mode).
    RevealAll,
    /// Answer the current prompt with these 0-based numbers as shown
    /// (plain mode): selections, a choice, flags, or an order.
    Submit(Vec<usize>),
    /// Home: open module `n`.
    Open(usize),
    /// Content note: skip this module.
    Skip,
}

/// Why an input was not taken: the front end shows a one-line hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A number outside the list.
    OutOfRange,
    /// Exactly one number is expected.
    OneNumber,
    /// Select at least one item first.
    SelectSomething,
    /// An order needs every number exactly once.
    WholeOrder,
    /// Nothing to answer here; press Enter to continue.
    NothingToAnswer,
}

/// What the front end must do after an update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The record changed: save it now.
    pub save: bool,
    /// Show the help lines.
    pub help: bool,
    /// The input did not fit.
    pub hint: Option<Hint>,
}

impl Outcome {
    fn save() -> Self {
        Outcome {
            save: true,
            ..Default::default()
        }
    }
    fn hint(h: Hint) -> Self {
        Outcome {
            hint: Some(h),
            ..Default::default()
        }
    }
}

/// One learner in one course.
#[derive(Debug, Clone)]
pub struct Session {
    course: Course,
    record: CourseRecord,
    screen: Screen,
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
        };
        s.screen = Screen::Home {
            cursor: s.resume_module(),
        };
        s
    }

    pub fn course(&self) -> &Course {
        &self.course
    }

    pub fn record(&self) -> &CourseRecord {
        &self.record
    }

    /// Settings are changed by front ends (language, theme) and saved with the record.
    pub fn record_mut(&mut self) -> &mut CourseRecord {
        &mut self.record
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Replace the course (after a language change or a live reload),
    /// staying on the same module and step where they still exist.
    pub fn replace_course(&mut self, course: Course) {
        let pos = self.position_ids();
        self.course = course;
        self.screen = match pos {
            Some((m, Some(st))) => match self.course.module_index(&m) {
                Some(mi) => {
                    let module = &self.course.modules[mi];
                    let si = module
                        .step_index(&st)
                        .unwrap_or_else(|| self.nearest_step(mi, &st));
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
        (0..self.course.modules.len())
            .find(|i| self.status(*i) != Status::Complete)
            .unwrap_or(0)
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

    /// Apply one input.
    pub fn update(&mut self, input: Input, now: &str) -> Outcome {
        match self.screen.clone() {
            Screen::Home { cursor } => self.update_home(cursor, input, now),
            Screen::Note { module, cursor } => self.update_note(module, cursor, input, now),
            Screen::Summary { module } => match input {
                Input::Confirm | Input::Back | Input::Submit(_) => {
                    let next = (module + 1..self.course.modules.len())
                        .chain(0..module)
                        .find(|i| self.status(*i) != Status::Complete)
                        .unwrap_or(module);
                    self.screen = Screen::Home { cursor: next };
                    Outcome::default()
                }
                _ => Outcome::default(),
            },
            Screen::Step {
                module,
                step,
                state,
            } => self.update_step(module, step, state, input, now),
        }
    }

    fn update_home(&mut self, cursor: usize, input: Input, now: &str) -> Outcome {
        let n = self.course.modules.len();
        match input {
            Input::Up => {
                self.screen = Screen::Home {
                    cursor: cursor.saturating_sub(1),
                };
                Outcome::default()
            }
            Input::Down => {
                self.screen = Screen::Home {
                    cursor: (cursor + 1).min(n.saturating_sub(1)),
                };
                Outcome::default()
            }
            Input::Pick(i) => {
                if i < n {
                    self.screen = Screen::Home { cursor: i };
                    Outcome::default()
                } else {
                    Outcome::hint(Hint::OutOfRange)
                }
            }
            Input::Confirm => self.open_module(cursor, now),
            Input::Open(i) => {
                if i < n {
                    self.open_module(i, now)
                } else {
                    Outcome::hint(Hint::OutOfRange)
                }
            }
            Input::Submit(v) => match v.as_slice() {
                [] => self.open_module(cursor, now),
                [i] if *i < n => self.open_module(*i, now),
                [_] => Outcome::hint(Hint::OutOfRange),
                _ => Outcome::hint(Hint::OneNumber),
            },
            _ => Outcome::default(),
        }
    }

    /// Open module `i`: its content note if not yet accepted, else the step
    /// reached (or the first step).
    fn open_module(&mut self, i: usize, now: &str) -> Outcome {
        let Some(m) = self.course.modules.get(i) else {
            return Outcome::hint(Hint::OutOfRange);
        };
        let accepted = self
            .record
            .modules
            .get(&m.id)
            .is_some_and(|r| r.note_accepted);
        if m.content_note.is_some() && !accepted {
            self.screen = Screen::Note {
                module: i,
                cursor: 0,
            };
            return Outcome::default();
        }
        let step = self.resume_step(i);
        self.enter_step(i, step, now)
    }

    /// The step to resume in module `i`: the saved one if it still exists,
    /// else the nearest existing step, else the first. A complete module
    /// starts again at its first step (answers shown as given).
    fn resume_step(&self, i: usize) -> usize {
        let m = &self.course.modules[i];
        if self.status(i) == Status::Complete {
            return 0;
        }
        match self.record.modules.get(&m.id).and_then(|r| r.step.clone()) {
            Some(id) => m
                .step_index(&id)
                .unwrap_or_else(|| self.nearest_step(i, &id)),
            None => 0,
        }
    }

    /// For a step id that no longer exists: the furthest step the learner
    /// has a record of, else the first.
    fn nearest_step(&self, i: usize, _missing: &str) -> usize {
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

    fn update_note(&mut self, module: usize, cursor: usize, input: Input, now: &str) -> Outcome {
        let choose = |s: &mut Self, c: usize| -> Outcome {
            match c {
                0 => {
                    let id = s.course.modules[module].id.clone();
                    s.record.modules.entry(id).or_default().note_accepted = true;
                    let step = s.resume_step(module);
                    let mut o = s.enter_step(module, step, now);
                    o.save = true;
                    o
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
                _ => Outcome {
                    help: true,
                    ..Default::default()
                },
            }
        };
        match input {
            Input::Up => {
                self.screen = Screen::Note {
                    module,
                    cursor: cursor.saturating_sub(1),
                };
                Outcome::default()
            }
            Input::Down => {
                self.screen = Screen::Note {
                    module,
                    cursor: (cursor + 1).min(2),
                };
                Outcome::default()
            }
            Input::Confirm => choose(self, cursor),
            Input::Pick(c) if c < 3 => choose(self, c),
            Input::Pick(_) => Outcome::hint(Hint::OutOfRange),
            Input::Skip => choose(self, 1),
            Input::Submit(v) => match v.as_slice() {
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

    /// Show step `si` of module `mi`, recording the position; answers given
    /// before are shown as given.
    fn enter_step(&mut self, mi: usize, si: usize, now: &str) -> Outcome {
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
        Outcome::save()
    }

    /// The screen of a step, restored from its record.
    fn step_screen(&self, mi: usize, si: usize) -> Screen {
        let m = &self.course.modules[mi];
        let Some(step) = m.steps.get(si) else {
            return Screen::Summary { module: mi };
        };
        let rec = self
            .record
            .modules
            .get(&m.id)
            .and_then(|r| r.steps.get(&step.id));
        let state = match &step.kind {
            StepKind::Read { .. } => StepState::Read,
            StepKind::Chat {
                messages, choices, ..
            } => {
                let n = messages.len();
                let has_signs = messages.iter().any(|m| m.sign);
                let mut flags = vec![false; n];
                let mut st = ChatState {
                    revealed: 1.min(n),
                    phase: ChatPhase::Reveal,
                    flags: Vec::new(),
                    cursor: 0,
                };
                if let Some(r) = rec {
                    if let Some(f) = &r.flags {
                        for i in f.iter().filter(|i| **i < n) {
                            flags[*i] = true;
                        }
                    }
                    let flagged = r.flags.is_some() || !has_signs;
                    if flagged || r.done {
                        st.revealed = n;
                        st.flags = flags.clone();
                        st.phase = match r.choices.last() {
                            Some(c) if *c < choices.len() => ChatPhase::Feedback { choice: *c },
                            _ if !choices.is_empty() && !has_signs => ChatPhase::Choose,
                            _ if has_signs => ChatPhase::Signs,
                            _ => ChatPhase::Done,
                        };
                    }
                }
                if st.flags.is_empty() {
                    st.flags = flags;
                }
                StepState::Chat(st)
            }
            StepKind::Spot { items, .. } => {
                let mut selected = vec![false; items.len()];
                let mut submitted = false;
                if let Some(ans) = rec.and_then(|r| r.answer.as_ref()) {
                    for i in ans.iter().filter(|i| **i < items.len()) {
                        selected[*i] = true;
                    }
                    submitted = true;
                }
                StepState::Spot(SpotState {
                    selected,
                    cursor: 0,
                    submitted,
                })
            }
            StepKind::Question { kind, options, .. } => {
                let n = options.len();
                let mut q = QuestionState {
                    selected: vec![false; n],
                    order: if *kind == QuestionKind::Order {
                        shuffled(n, &format!("{}/{}/{}", self.course.id, m.id, step.id))
                    } else {
                        (0..n).collect()
                    },
                    cursor: 0,
                    submitted: false,
                };
                if let Some(ans) = rec.and_then(|r| r.answer.as_ref()) {
                    if *kind == QuestionKind::Order {
                        if is_permutation(ans, n) {
                            q.order = ans.clone();
                        }
                    } else {
                        for i in ans.iter().filter(|i| **i < n) {
                            q.selected[*i] = true;
                        }
                    }
                    q.submitted = true;
                }
                StepState::Question(q)
            }
        };
        Screen::Step {
            module: mi,
            step: si,
            state,
        }
    }

    fn update_step(
        &mut self,
        mi: usize,
        si: usize,
        state: StepState,
        input: Input,
        now: &str,
    ) -> Outcome {
        if input == Input::Back {
            self.screen = Screen::Home { cursor: mi };
            return Outcome::default();
        }
        let step = self.course.modules[mi].steps[si].clone();
        match (state, &step.kind) {
            (StepState::Read, _) => match input {
                Input::Confirm | Input::Submit(_) => {
                    self.step_record_mut(mi, si).done = true;
                    let mut o = self.advance(mi, si, step.next.clone(), now);
                    o.save = true;
                    o
                }
                _ => Outcome::default(),
            },
            (StepState::Chat(c), StepKind::Chat { .. }) => {
                self.update_chat(mi, si, &step, c, input, now)
            }
            (StepState::Spot(s), StepKind::Spot { items, .. }) => {
                let n = items.len();
                self.update_spot(mi, si, &step, s, n, input, now)
            }
            (StepState::Question(q), StepKind::Question { kind, options, .. }) => {
                let kind = *kind;
                let correct: Vec<bool> = options.iter().map(|o| o.correct).collect();
                self.update_question(mi, si, &step, q, kind, &correct, input, now)
            }
            _ => Outcome::default(),
        }
    }

    fn set_state(&mut self, state: StepState) {
        if let Screen::Step { state: s, .. } = &mut self.screen {
            *s = state;
        }
    }

    fn step_record_mut(&mut self, mi: usize, si: usize) -> &mut StepRecord {
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

    /// Record a first answer (kept forever: later answers do not change the score).
    fn record_answer(
        &mut self,
        mi: usize,
        si: usize,
        answer: Vec<usize>,
        correct: bool,
        now: &str,
    ) {
        let r = self.step_record_mut(mi, si);
        if r.first_correct.is_none() {
            r.first_correct = Some(correct);
            r.answer = Some(answer);
            r.answered_at = Some(now.to_string());
        }
        r.done = true;
    }

    #[allow(clippy::too_many_arguments)]
    fn update_chat(
        &mut self,
        mi: usize,
        si: usize,
        step: &Step,
        mut c: ChatState,
        input: Input,
        now: &str,
    ) -> Outcome {
        let StepKind::Chat {
            messages, choices, ..
        } = &step.kind
        else {
            return Outcome::default();
        };
        let n = messages.len();
        let has_signs = messages.iter().any(|m| m.sign);
        let after_reveal = |c: &mut ChatState| {
            c.revealed = n;
            c.cursor = 0;
            c.phase = if has_signs {
                ChatPhase::Flag
            } else if !choices.is_empty() {
                ChatPhase::Choose
            } else {
                ChatPhase::Done
            };
        };
        match c.phase {
            ChatPhase::Reveal => match input {
                Input::Confirm | Input::Toggle | Input::Down => {
                    if c.revealed + 1 >= n {
                        after_reveal(&mut c);
                    } else {
                        c.revealed += 1;
                    }
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                Input::RevealAll | Input::Submit(_) => {
                    after_reveal(&mut c);
                    if c.phase == ChatPhase::Done {
                        // Everything was shown at once and nothing is asked:
                        // go straight on.
                        self.step_record_mut(mi, si).done = true;
                        let mut o = self.advance(mi, si, step.next.clone(), now);
                        o.save = true;
                        return o;
                    }
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                _ => Outcome::default(),
            },
            ChatPhase::Flag => match input {
                Input::Up => {
                    c.cursor = c.cursor.saturating_sub(1);
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                Input::Down => {
                    c.cursor = (c.cursor + 1).min(n.saturating_sub(1));
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                Input::Pick(i) if i < n => {
                    c.cursor = i;
                    c.flags[i] = !c.flags[i];
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                Input::Pick(_) => Outcome::hint(Hint::OutOfRange),
                Input::Toggle => {
                    if let Some(f) = c.flags.get_mut(c.cursor) {
                        *f = !*f;
                    }
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                Input::Confirm | Input::Submit(_) => {
                    if let Input::Submit(v) = &input {
                        if v.iter().any(|i| *i >= n) {
                            return Outcome::hint(Hint::OutOfRange);
                        }
                        c.flags = (0..n).map(|i| v.contains(&i)).collect();
                    }
                    let flagged: Vec<usize> = (0..n).filter(|i| c.flags[*i]).collect();
                    let r = self.step_record_mut(mi, si);
                    if r.flags.is_none() {
                        r.flags = Some(flagged);
                    }
                    if choices.is_empty() {
                        r.done = true;
                    }
                    c.phase = ChatPhase::Signs;
                    self.set_state(StepState::Chat(c));
                    Outcome::save()
                }
                _ => Outcome::default(),
            },
            ChatPhase::Signs => match input {
                Input::Confirm | Input::Submit(_) => {
                    if choices.is_empty() {
                        let mut o = self.advance(mi, si, step.next.clone(), now);
                        o.save = true;
                        o
                    } else {
                        c.phase = ChatPhase::Choose;
                        c.cursor = 0;
                        self.set_state(StepState::Chat(c));
                        Outcome::default()
                    }
                }
                _ => Outcome::default(),
            },
            ChatPhase::Choose => {
                let k = choices.len();
                let pick = |s: &mut Self, mut c: ChatState, i: usize| -> Outcome {
                    let r = s.step_record_mut(mi, si);
                    r.choices.push(i);
                    if r.first_correct.is_none() {
                        r.first_correct = Some(choices[i].safe);
                        r.answer = Some(vec![i]);
                        r.answered_at = Some(now.to_string());
                    }
                    c.phase = ChatPhase::Feedback { choice: i };
                    s.set_state(StepState::Chat(c));
                    Outcome::save()
                };
                match input {
                    Input::Up => {
                        c.cursor = c.cursor.saturating_sub(1);
                        self.set_state(StepState::Chat(c));
                        Outcome::default()
                    }
                    Input::Down => {
                        c.cursor = (c.cursor + 1).min(k.saturating_sub(1));
                        self.set_state(StepState::Chat(c));
                        Outcome::default()
                    }
                    Input::Pick(i) if i < k => {
                        c.cursor = i;
                        pick(self, c, i)
                    }
                    Input::Pick(_) => Outcome::hint(Hint::OutOfRange),
                    Input::Confirm => {
                        let i = c.cursor.min(k.saturating_sub(1));
                        pick(self, c, i)
                    }
                    Input::Submit(v) => match v.as_slice() {
                        [i] if *i < k => pick(self, c, *i),
                        [_] => Outcome::hint(Hint::OutOfRange),
                        _ => Outcome::hint(Hint::OneNumber),
                    },
                    _ => Outcome::default(),
                }
            }
            ChatPhase::Feedback { choice } => match input {
                Input::Confirm | Input::Submit(_) => {
                    let ch = &choices[choice];
                    if ch.next.is_none() && !ch.safe {
                        // Choose again.
                        c.phase = ChatPhase::Choose;
                        c.cursor = 0;
                        self.set_state(StepState::Chat(c));
                        return Outcome::default();
                    }
                    self.step_record_mut(mi, si).done = true;
                    let next = ch.next.clone().or_else(|| step.next.clone());
                    let mut o = self.advance(mi, si, next, now);
                    o.save = true;
                    o
                }
                _ => Outcome::default(),
            },
            ChatPhase::Done => match input {
                Input::Confirm | Input::Submit(_) => {
                    self.step_record_mut(mi, si).done = true;
                    let mut o = self.advance(mi, si, step.next.clone(), now);
                    o.save = true;
                    o
                }
                _ => Outcome::default(),
            },
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn update_spot(
        &mut self,
        mi: usize,
        si: usize,
        step: &Step,
        mut s: SpotState,
        n: usize,
        input: Input,
        now: &str,
    ) -> Outcome {
        if s.submitted {
            return match input {
                Input::Confirm | Input::Submit(_) => self.advance(mi, si, step.next.clone(), now),
                Input::Up | Input::Down | Input::Toggle | Input::Pick(_) => Outcome::default(),
                _ => Outcome::default(),
            };
        }
        match input {
            Input::Up => s.cursor = s.cursor.saturating_sub(1),
            Input::Down => s.cursor = (s.cursor + 1).min(n.saturating_sub(1)),
            Input::Toggle => {
                if let Some(x) = s.selected.get_mut(s.cursor) {
                    *x = !*x;
                }
            }
            Input::Pick(i) if i < n => {
                s.cursor = i;
                s.selected[i] = !s.selected[i];
            }
            Input::Pick(_) => return Outcome::hint(Hint::OutOfRange),
            Input::Confirm | Input::Submit(_) => {
                if let Input::Submit(v) = &input {
                    if v.iter().any(|i| *i >= n) {
                        return Outcome::hint(Hint::OutOfRange);
                    }
                    s.selected = (0..n).map(|i| v.contains(&i)).collect();
                }
                if !s.selected.iter().any(|x| *x) {
                    return Outcome::hint(Hint::SelectSomething);
                }
                let StepKind::Spot { items, .. } = &step.kind else {
                    return Outcome::default();
                };
                let correct = items
                    .iter()
                    .zip(&s.selected)
                    .all(|(it, sel)| it.sign == *sel);
                let answer: Vec<usize> = (0..n).filter(|i| s.selected[*i]).collect();
                self.record_answer(mi, si, answer, correct, now);
                s.submitted = true;
                self.set_state(StepState::Spot(s));
                return Outcome::save();
            }
            _ => return Outcome::default(),
        }
        self.set_state(StepState::Spot(s));
        Outcome::default()
    }

    #[allow(clippy::too_many_arguments)]
    fn update_question(
        &mut self,
        mi: usize,
        si: usize,
        step: &Step,
        mut q: QuestionState,
        kind: QuestionKind,
        correct: &[bool],
        input: Input,
        now: &str,
    ) -> Outcome {
        let n = correct.len();
        if q.submitted {
            return match input {
                Input::Confirm | Input::Submit(_) => self.advance(mi, si, step.next.clone(), now),
                _ => Outcome::default(),
            };
        }
        let submit = |s: &mut Self, mut q: QuestionState| -> Outcome {
            let (answer, right) = match kind {
                QuestionKind::Order => {
                    let right = q.order.iter().enumerate().all(|(i, o)| i == *o);
                    (q.order.clone(), right)
                }
                _ => {
                    if !q.selected.iter().any(|x| *x) {
                        return Outcome::hint(Hint::SelectSomething);
                    }
                    let right = q.selected.iter().zip(correct).all(|(a, b)| a == b);
                    ((0..n).filter(|i| q.selected[*i]).collect(), right)
                }
            };
            s.record_answer(mi, si, answer, right, now);
            q.submitted = true;
            s.set_state(StepState::Question(q));
            Outcome::save()
        };
        match input {
            Input::Up => q.cursor = q.cursor.saturating_sub(1),
            Input::Down => q.cursor = (q.cursor + 1).min(n.saturating_sub(1)),
            Input::MoveUp if kind == QuestionKind::Order => {
                if q.cursor > 0 {
                    q.order.swap(q.cursor, q.cursor - 1);
                    q.cursor -= 1;
                }
            }
            Input::MoveDown if kind == QuestionKind::Order => {
                if q.cursor + 1 < n {
                    q.order.swap(q.cursor, q.cursor + 1);
                    q.cursor += 1;
                }
            }
            Input::Toggle | Input::Pick(_) if kind == QuestionKind::Order => {
                if let Input::Pick(i) = input {
                    if i >= n {
                        return Outcome::hint(Hint::OutOfRange);
                    }
                    q.cursor = i;
                }
            }
            Input::Toggle => {
                let i = q.cursor;
                toggle(&mut q.selected, i, kind);
            }
            Input::Pick(i) => {
                if i >= n {
                    return Outcome::hint(Hint::OutOfRange);
                }
                q.cursor = i;
                toggle(&mut q.selected, i, kind);
            }
            Input::Confirm => {
                if kind == QuestionKind::Single && !q.selected.iter().any(|x| *x) {
                    // Enter on a highlighted option chooses it.
                    toggle(&mut q.selected, q.cursor, kind);
                }
                return submit(self, q);
            }
            Input::Submit(v) => {
                if v.iter().any(|i| *i >= n) {
                    return Outcome::hint(Hint::OutOfRange);
                }
                match kind {
                    QuestionKind::Single => {
                        let [i] = v.as_slice() else {
                            return Outcome::hint(Hint::OneNumber);
                        };
                        q.selected = (0..n).map(|k| k == *i).collect();
                    }
                    QuestionKind::Multiple => {
                        if v.is_empty() {
                            return Outcome::hint(Hint::SelectSomething);
                        }
                        q.selected = (0..n).map(|k| v.contains(&k)).collect();
                    }
                    QuestionKind::Order => {
                        if !is_permutation(&v, n) {
                            return Outcome::hint(Hint::WholeOrder);
                        }
                        // The numbers are positions as shown: map them to options.
                        let shown = q.order.clone();
                        q.order = v.iter().map(|p| shown[*p]).collect();
                    }
                }
                return submit(self, q);
            }
            _ => return Outcome::default(),
        }
        self.set_state(StepState::Question(q));
        Outcome::default()
    }

    /// Go on from step `si` to `next` (or the following step, or the end).
    fn advance(&mut self, mi: usize, si: usize, next: Option<Next>, now: &str) -> Outcome {
        let m = &self.course.modules[mi];
        let target = match next {
            Some(Next::End) => None,
            Some(Next::Step(id)) => m.step_index(&id),
            None => (si + 1 < m.steps.len()).then_some(si + 1),
        };
        match target {
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
        let next = (mi + 1..self.course.modules.len())
            .chain(0..mi)
            .find(|i| self.status(*i) != Status::Complete);
        self.record.position = next.and_then(|i| {
            let m = &self.course.modules[i];
            m.steps.first().map(|s| Position {
                module: m.id.clone(),
                step: s.id.clone(),
            })
        });
        self.screen = Screen::Summary { module: mi };
        Outcome::save()
    }
}

fn toggle(selected: &mut [bool], i: usize, kind: QuestionKind) {
    if i >= selected.len() {
        return;
    }
    if kind == QuestionKind::Single {
        for (k, s) in selected.iter_mut().enumerate() {
            *s = k == i;
        }
    } else {
        selected[i] = !selected[i];
    }
}

fn is_permutation(v: &[usize], n: usize) -> bool {
    if v.len() != n {
        return false;
    }
    let mut seen = vec![false; n];
    for i in v {
        if *i >= n || seen[*i] {
            return false;
        }
        seen[*i] = true;
    }
    true
}

/// A stable shuffle of `0..n` from a key (so an order question looks the
/// same after a resume), never the identity when `n > 1`.
pub fn shuffled(n: usize, key: &str) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    // FNV-1a seed, then xorshift for a Fisher-Yates shuffle.
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        x ^= u64::from(b);
        x = x.wrapping_mul(0x100_0000_01b3);
    }
    for i in (1..n).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let j = (x % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    if n > 1 && v.iter().enumerate().all(|(i, o)| i == *o) {
        v.rotate_left(1);
    }
    v
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
