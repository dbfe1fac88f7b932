//! The resolved course: validated, locale-resolved and sanitised.
//!
//! Everything the learner-facing code (session, full UI, plain mode) needs,
//! and nothing about TOML, spans or files. The loader (`course::load`) builds
//! it; text in it has already been through `text::sanitize`, so front ends
//! may print it as is.

/// Where a step or choice goes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The step with this id, in the same module.
    Step(String),
    /// The end of the module.
    End,
}

/// One course, resolved for one learner locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// Course id from the root `course.toml` (progress is stored under it).
    pub id: String,
    /// The locale the course is written in (the fallback of every chain).
    pub source_locale: String,
    /// The learner's locale this course was resolved for (first of the chain).
    pub locale: String,
    /// The fallback chain used, e.g. `["fr-CA", "fr", "en"]`.
    pub chain: Vec<String>,
    pub title: String,
    pub welcome: String,
    pub finish: Option<String>,
    /// Declared objectives, in the order of the root `course.toml`.
    pub objectives: Vec<Objective>,
    /// The module taken first to see what learners already know
    /// (`pre_check` in the root `course.toml`), if any.
    pub pre_check: Option<String>,
    /// The module compared with the pre-check (`post_check`), if any.
    pub post_check: Option<String>,
    pub modules: Vec<Module>,
    /// Help lines for the learner's region.
    pub resources: Resources,
}

/// A learning objective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objective {
    pub id: String,
    pub title: String,
}

/// Where to get help (from `<locale>/resources.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resources {
    pub intro: Option<String>,
    pub items: Vec<Resource>,
}

/// One help line or service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resource {
    pub name: String,
    pub about: String,
    pub web: Option<String>,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub hours: Option<String>,
}

/// A module: one file `<locale>/<module-id>.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: Option<u32>,
    pub content_note: Option<String>,
    pub steps: Vec<Step>,
    /// True when the module's file came from the learner's own locale or one
    /// of its parents other than the source locale, or the learner's locale
    /// is the source. False when the learner gets the source text because no
    /// translation exists (the UI marks such modules).
    pub translated: bool,
}

/// One step: one screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    pub title: Option<String>,
    /// Objective ids this step teaches.
    pub teaches: Vec<String>,
    /// Show options, items or choices in an order shuffled per learner
    /// (`shuffle`, default true); false keeps the file order.
    pub shuffle: bool,
    pub next: Option<Next>,
    pub kind: StepKind,
}

/// What a step is.
#[derive(Debug, Clone, PartialEq)]
pub enum StepKind {
    Read {
        text: String,
    },
    Chat {
        contact: String,
        text: Option<String>,
        messages: Vec<Message>,
        choices: Vec<Choice>,
    },
    Spot {
        text: String,
        items: Vec<SpotItem>,
    },
    Question {
        kind: QuestionKind,
        text: String,
        explanation: Option<String>,
        options: Vec<QuestionOption>,
    },
}

/// Who wrote a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Them,
    You,
    Note,
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub from: Speaker,
    pub text: String,
    pub sign: bool,
    pub why: Option<String>,
}

/// One answer the learner can give in a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    pub safe: bool,
    pub feedback: String,
    pub next: Option<Next>,
}

/// One item of a spot exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotItem {
    pub text: String,
    pub sign: bool,
    pub why: String,
}

/// The kind of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuestionKind {
    #[default]
    Single,
    Multiple,
    Order,
}

/// One option of a question. For `Order` questions the options are stored in
/// the correct order and `correct` is false for all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionOption {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

impl Course {
    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// Index of the module with this id.
    pub fn module_index(&self, id: &str) -> Option<usize> {
        self.modules.iter().position(|m| m.id == id)
    }

    /// The title of an objective, or its id when it has none.
    pub fn objective_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.objectives
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.title.as_str())
            .unwrap_or(id)
    }
}

impl Module {
    /// Index of the step with this id.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// Where `next`, said at step `from`, leads: the step it names, else
    /// the following step; `None` at the end of the module.
    pub fn target(&self, from: usize, next: Option<&Next>) -> Option<usize> {
        match next {
            Some(Next::End) => None,
            Some(Next::Step(id)) => self.step_index(id),
            None => (from + 1 < self.steps.len()).then_some(from + 1),
        }
    }

    /// Whether any step of this module is scored.
    pub fn is_scored(&self) -> bool {
        self.steps.iter().any(Step::is_scored)
    }
}

impl Step {
    /// Whether the learner's first answer to this step counts in the score:
    /// questions, spot exercises, and chats with choices.
    pub fn is_scored(&self) -> bool {
        match &self.kind {
            StepKind::Read { .. } => false,
            StepKind::Chat { choices, .. } => !choices.is_empty(),
            StepKind::Spot { .. } | StepKind::Question { .. } => true,
        }
    }
}
