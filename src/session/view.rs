//! What is on screen, as typed read-only facts borrowed from the course:
//! both front ends render [`View`] and nothing else (the steps are in
//! `view_step.rs`). Interface wording is a [`Text`] (a Fluent id with
//! arguments); lesson text is a `&str` (already sanitised by the loader;
//! the Markdown subset still to render).

use crate::course::{Course, Module};
use crate::progress::Status;

use super::state::{ChatPhase, Screen, StepState, flaggable};
use super::{Session, StepView, Text};

/// Everything on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct View<'a> {
    pub course_title: &'a str,
    /// The nickname whose profile is open.
    pub profile: &'a str,
    /// An educator's preview (nothing is saved).
    pub preview: bool,
    pub screen: ScreenView<'a>,
    /// What the learner can answer here.
    pub prompt: Prompt,
}

/// The screen shown.
#[derive(Debug, Clone, PartialEq)]
pub enum ScreenView<'a> {
    Home(HomeView<'a>),
    Note(NoteView<'a>),
    Step(StepView<'a>),
    Summary(SummaryView<'a>),
}

/// What the learner can answer now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// How many numbered items the list on screen has (for "1 to N").
    pub len: usize,
}

/// The kind of answer expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Home: Enter resumes, or a module number opens it.
    Home,
    /// A content note: continue, skip, get help.
    Note,
    /// Nothing to answer: continue.
    Continue,
    /// A chat is being revealed: continue shows the next message.
    Reveal,
    /// Pick one item, then submit.
    PickOne,
    /// Pick one or more items, then submit.
    PickMany,
    /// Put every item in order.
    Order,
    /// Flag the messages that worry you, or "none of these" (the last
    /// item); never submitted by Enter alone.
    Flag,
}

/// A numbered item of a list, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    /// 1-based number as shown.
    pub number: usize,
    /// Index in the lesson file (what records store).
    pub index: usize,
    pub text: &'a str,
    pub selected: bool,
}

/// Words that are either the lesson's own or an interface message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words<'a> {
    Lesson(&'a str),
    Ui(Text),
}

/// "Step n of m", along the learner's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub n: usize,
    pub total: usize,
}

impl Counter {
    /// The counter as a message.
    pub fn text(&self) -> Text {
        Text::id("step-of")
            .num("n", self.n)
            .num("total", self.total)
    }
}

/// Right at the first try out of answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub right: usize,
    pub of: usize,
}

impl Score {
    /// 0 to 100, rounded (0 when nothing was answered).
    pub fn percent(&self) -> usize {
        if self.of == 0 {
            return 0;
        }
        ((self.right.min(self.of) * 100 + self.of / 2) / self.of).min(100)
    }
}

/// The role of a module in a before-and-after check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckRole {
    Pre,
    Post,
}

/// The home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeView<'a> {
    pub title: &'a str,
    /// The course's welcome, before anything is done.
    pub welcome: Option<&'a str>,
    /// "2 of 5 modules complete" and "3 modules left".
    pub progress: Text,
    pub left: Text,
    pub rows: Vec<ModuleRow<'a>>,
    /// The module Enter opens.
    pub resume: usize,
    /// "Press Enter to continue with: ..." (or to look at it again).
    pub resume_line: Option<Text>,
}

/// One module on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleRow<'a> {
    pub number: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub status: Status,
    pub status_text: Text,
    /// Only for a complete module (never a running score), never for the pre-check.
    pub score: Option<Score>,
    pub score_text: Option<Text>,
    pub minutes: Option<u32>,
    pub minutes_text: Option<Text>,
    /// "(not translated yet)" when the learner gets the source text.
    pub not_translated: Option<Text>,
    pub check: Option<CheckRole>,
}

/// A module's content note.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteView<'a> {
    pub module_title: &'a str,
    pub title: Text,
    pub note: &'a str,
    /// Continue, skip this module, get help (numbered 1 to 3).
    pub items: [Text; 3],
}

/// The end of a module.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryView<'a> {
    pub module: usize,
    pub module_title: &'a str,
    pub title: Text,
    /// Right at the first try, out of answered (none for the pre-check).
    pub score: Option<Score>,
    /// "4 of 5 right first time", "no questions", or the pre-check's thanks.
    pub score_text: Text,
    /// The post-check: "Before: 3 of 6. Now: 6 of 6."
    pub before_after: Option<Text>,
    /// Titles of the objectives the module covered.
    pub objectives_title: Option<Text>,
    pub objectives: Vec<&'a str>,
    pub help_title: Text,
    pub help: HelpView<'a>,
    /// The course's closing words, once every module is complete.
    pub closing: Option<Words<'a>>,
}

/// The help lines for the learner's region.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpView<'a> {
    pub title: Text,
    pub intro: Option<&'a str>,
    pub entries: Vec<HelpEntry<'a>>,
    /// "Talk to an adult you trust" when the course has no help lines.
    pub none: Option<Text>,
    pub privacy: Text,
}

/// One service.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpEntry<'a> {
    pub name: &'a str,
    pub about: &'a str,
    /// Phone, text, web, hours (blank values left out).
    pub lines: Vec<Text>,
}

/// The help lines of a course (also before a profile is open).
pub fn help_view(course: &Course) -> HelpView<'_> {
    fn value(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|x| !x.is_empty())
    }
    let entries: Vec<HelpEntry<'_>> = course
        .resources
        .items
        .iter()
        .filter(|r| !r.name.trim().is_empty())
        .map(|r| {
            let mut lines = Vec::new();
            if let Some(p) = value(&r.phone) {
                lines.push(Text::id("help-phone").str("phone", p));
            }
            if let Some(x) = value(&r.sms) {
                lines.push(Text::id("help-sms").str("sms", x));
            }
            if let Some(w) = value(&r.web) {
                lines.push(Text::id("help-web").str("web", w));
            }
            if let Some(h) = value(&r.hours) {
                lines.push(Text::id("help-hours").str("hours", h));
            }
            HelpEntry {
                name: &r.name,
                about: &r.about,
                lines,
            }
        })
        .collect();
    HelpView {
        title: Text::id("help-title"),
        intro: course.resources.intro.as_deref(),
        none: entries.is_empty().then(|| Text::id("help-none")),
        entries,
        privacy: Text::id("help-privacy"),
    }
}

fn status_text(s: Status) -> Text {
    Text::id(match s {
        Status::NotStarted => "status-not-started",
        Status::InProgress => "status-in-progress",
        Status::Complete => "status-complete",
    })
}

/// Identifies what is on screen: it changes exactly when a front end
/// should show the screen afresh (and reset its scrolling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ScreenKey {
    /// 0 home, 1 note, 2 step, 3 summary.
    pub screen: u8,
    pub module: usize,
    pub step: usize,
    /// The step's phase (chat stage, answered or not, feedback's choice).
    pub phase: usize,
}

impl Session {
    /// What is on screen, as a key (see [`ScreenKey`]).
    pub fn screen_key(&self) -> ScreenKey {
        let k = |screen, module, step, phase| ScreenKey {
            screen,
            module,
            step,
            phase,
        };
        match &self.screen {
            Screen::Home { .. } => k(0, 0, 0, 0),
            Screen::Note { module, .. } => k(1, *module, 0, 0),
            Screen::Summary { module } => k(3, *module, 0, 0),
            Screen::Step {
                module,
                step,
                state,
            } => {
                let phase = match state {
                    StepState::Read => 0,
                    StepState::Chat(c) => match c.phase {
                        ChatPhase::Reveal => 1,
                        ChatPhase::Flag => 2,
                        ChatPhase::Signs => 3,
                        ChatPhase::Choose => 4,
                        ChatPhase::Done => 5,
                        ChatPhase::Feedback { choice } => 100 + choice,
                    },
                    StepState::Spot(s) => 10 + usize::from(s.submitted),
                    StepState::Question(q) => 20 + usize::from(q.submitted),
                };
                k(2, *module, *step, phase)
            }
        }
    }

    /// What is on screen now.
    pub fn view(&self) -> View<'_> {
        let screen = match &self.screen {
            Screen::Home { .. } => ScreenView::Home(self.home_view()),
            Screen::Note { module, .. } => match self.note_view(*module) {
                Some(v) => ScreenView::Note(v),
                None => ScreenView::Home(self.home_view()),
            },
            Screen::Summary { module } => match self.summary_view(*module) {
                Some(v) => ScreenView::Summary(v),
                None => ScreenView::Home(self.home_view()),
            },
            Screen::Step {
                module,
                step,
                state,
            } => match self.step_view(*module, *step, state) {
                Some(v) => ScreenView::Step(v),
                None => ScreenView::Home(self.home_view()),
            },
        };
        View {
            course_title: &self.course.title,
            profile: &self.record.profile,
            preview: self.preview,
            screen,
            prompt: self.prompt(),
        }
    }

    /// What the learner can answer now, and the length of the list.
    pub fn prompt(&self) -> Prompt {
        let p = |kind, len| Prompt { kind, len };
        match &self.screen {
            Screen::Home { .. } => p(PromptKind::Home, self.course.modules.len()),
            Screen::Note { .. } => p(PromptKind::Note, 3),
            Screen::Summary { .. } => p(PromptKind::Continue, 0),
            Screen::Step { .. } => {
                let Some((_, step, state)) = self.current() else {
                    return p(PromptKind::Continue, 0);
                };
                use crate::course::{QuestionKind, StepKind};
                match (&step.kind, state) {
                    (StepKind::Chat { messages, .. }, StepState::Chat(c)) => match c.phase {
                        ChatPhase::Reveal => p(PromptKind::Reveal, 0),
                        ChatPhase::Flag => p(PromptKind::Flag, flaggable(messages).len() + 1),
                        ChatPhase::Choose => p(PromptKind::PickOne, c.choice_order.len()),
                        _ => p(PromptKind::Continue, 0),
                    },
                    (StepKind::Spot { items, .. }, StepState::Spot(s)) if !s.submitted => {
                        p(PromptKind::PickMany, items.len())
                    }
                    (StepKind::Question { kind, options, .. }, StepState::Question(q))
                        if !q.submitted =>
                    {
                        let k = match kind {
                            QuestionKind::Single => PromptKind::PickOne,
                            QuestionKind::Multiple => PromptKind::PickMany,
                            QuestionKind::Order => PromptKind::Order,
                        };
                        p(k, options.len())
                    }
                    _ => p(PromptKind::Continue, 0),
                }
            }
        }
    }

    fn check_role(&self, i: usize) -> Option<CheckRole> {
        if self.is_pre_check(i) {
            Some(CheckRole::Pre)
        } else if self.is_post_check(i) {
            Some(CheckRole::Post)
        } else {
            None
        }
    }

    fn row<'a>(&'a self, i: usize, m: &'a Module) -> ModuleRow<'a> {
        let status = self.status(i);
        let check = self.check_role(i);
        let score = if status == Status::Complete && check != Some(CheckRole::Pre) {
            self.right_of(i).map(|(right, of)| Score { right, of })
        } else {
            None
        };
        ModuleRow {
            number: i + 1,
            id: &m.id,
            title: &m.title,
            summary: &m.summary,
            status,
            status_text: status_text(status),
            score_text: score.map(|s| Text::id("score").num("percent", s.percent())),
            score,
            minutes: m.minutes,
            minutes_text: m
                .minutes
                .map(|n| Text::id("home-minutes").num("minutes", n as usize)),
            not_translated: (!m.translated).then(|| Text::id("module-not-translated")),
            check,
        }
    }

    fn home_view(&self) -> HomeView<'_> {
        let total = self.course.modules.len();
        let done = self.completed();
        let resume = self.resume_module();
        let resume_line = self.course.modules.get(resume).map(|m| {
            let id = if self.status(resume) == Status::Complete {
                "home-review"
            } else {
                "home-resume"
            };
            Text::id(id).str("module", &m.title)
        });
        HomeView {
            title: &self.course.title,
            welcome: (self.record.modules.is_empty() || self.preview)
                .then_some(self.course.welcome.as_str()),
            progress: Text::id("home-progress")
                .num("done", done)
                .num("total", total),
            left: Text::id("home-left").num("left", total - done.min(total)),
            rows: self
                .course
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| self.row(i, m))
                .collect(),
            resume,
            resume_line,
        }
    }

    fn note_view(&self, mi: usize) -> Option<NoteView<'_>> {
        let m = self.course.modules.get(mi)?;
        Some(NoteView {
            module_title: &m.title,
            title: Text::id("note-title"),
            note: m.content_note.as_deref().unwrap_or(""),
            items: [
                Text::id("note-continue"),
                Text::id("note-skip"),
                Text::id("note-help"),
            ],
        })
    }

    fn summary_view(&self, mi: usize) -> Option<SummaryView<'_>> {
        let m = self.course.modules.get(mi)?;
        let score = self.right_of(mi).map(|(right, of)| Score { right, of });
        let pre = self.is_pre_check(mi);
        let score_text = match score {
            _ if pre => Text::id("check-pre-done"),
            Some(s) => Text::id("summary-right-first-time")
                .num("right", s.right)
                .num("total", s.of),
            None => Text::id("summary-no-score"),
        };
        let before_after = if self.is_post_check(mi) {
            let before = self.check_index(self.course.pre_check.as_deref());
            match (before.and_then(|b| self.right_of(b)), score) {
                (Some((br, bof)), Some(now)) => Some(
                    Text::id("check-before-after")
                        .num("before", br)
                        .num("before_total", bof)
                        .num("now", now.right)
                        .num("now_total", now.of),
                ),
                _ => None,
            }
        } else {
            None
        };
        let objectives: Vec<&str> = self
            .objectives_of(mi)
            .into_iter()
            .map(|o| self.course.objective_title(o))
            .collect();
        let closing = self.all_complete().then(|| match &self.course.finish {
            Some(f) => Words::Lesson(f.as_str()),
            None => Words::Ui(Text::id("course-finished")),
        });
        Some(SummaryView {
            module: mi,
            module_title: &m.title,
            title: Text::id("summary-title").str("module", &m.title),
            score: if pre { None } else { score },
            score_text,
            before_after,
            objectives_title: (!objectives.is_empty()).then(|| Text::id("summary-objectives")),
            objectives,
            help_title: Text::id("summary-help"),
            help: help_view(&self.course),
            closing,
        })
    }
}
