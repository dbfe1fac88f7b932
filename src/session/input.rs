//! What the learner did ([`Input`]) and what the front end must do next
//! ([`Outcome`]), plus [`Text`]: a Fluent message id with its arguments, so
//! the session says *what* to show and front ends only translate it.

use crate::i18n::{I18n, num, s};

/// What the learner did. Numbers are 0-based positions **as shown** (the
/// view's [`super::Item::number`] minus one), never file indexes: the
/// session maps them through the learner's shuffled order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Go on: read on, show the next chat message, leave a feedback or a
    /// summary, accept a content note; on home, open the module to resume.
    Continue,
    /// Show every remaining chat message at once.
    RevealAll,
    /// A pick-one list (single question, chat choice, content note, home):
    /// make item `n` the selection. Does not submit.
    Choose(usize),
    /// A pick-several list (multiple question, spot, flagging): select or
    /// unselect item `n`.
    Toggle(usize),
    /// Answer with the current selection (or order).
    Submit,
    /// Set the selection to these items and submit at once (plain mode
    /// types them on one line). For an order question: the order given.
    Answer(Vec<usize>),
    /// Order questions: move the item shown at `from` to position `to`.
    Move { from: usize, to: usize },
    /// Flagging: flag or unflag message `n` of the flag list.
    Flag(usize),
    /// Flagging: none of these messages worries the learner (submits).
    NoneOfThese,
    /// Back to the module list.
    Back,
    /// Preview only: back one step along the path taken.
    BackStep,
    /// Home: open module `n`.
    Open(usize),
    /// Content note: skip this module.
    Skip,
    /// Content note: "get help".
    GetHelp,
    /// Settings: the language now in use (the host has reloaded the course).
    SetLanguage(String),
    /// Settings: the colour theme's name.
    SetTheme(String),
}

/// Why an input was not taken: the front end shows a one-line hint
/// ([`super::Session::hint_text`] gives it as a [`Text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A number outside the list.
    OutOfRange,
    /// Exactly one number is expected.
    OneNumber,
    /// Select at least one item first.
    SelectSomething,
    /// Nothing was picked where one item is expected (Enter alone in
    /// plain mode).
    PickOne,
    /// An order needs every number exactly once.
    WholeOrder,
    /// Nothing to answer here; press Enter to continue.
    NothingToAnswer,
    /// The flag prompt needs an explicit answer: some messages, or "none of these".
    FlagOrNone,
    /// "None of these" typed together with messages: it goes on its own.
    NoneGoesAlone,
}

/// What the front end must do after an update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The record changed: save it now (`Host::save`), then give the merged
    /// record back with [`super::Session::saved`]. Never set in preview.
    pub save: bool,
    /// Show the help lines.
    pub help: bool,
    /// The input did not fit.
    pub hint: Option<Hint>,
}

impl Outcome {
    pub(crate) fn save() -> Self {
        Outcome {
            save: true,
            ..Default::default()
        }
    }
    pub(crate) fn hint(h: Hint) -> Self {
        Outcome {
            hint: Some(h),
            ..Default::default()
        }
    }
    pub(crate) fn help() -> Self {
        Outcome {
            help: true,
            ..Default::default()
        }
    }
    pub(crate) fn saving(mut self) -> Self {
        self.save = true;
        self
    }
}

/// An argument of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Num(i64),
    Str(String),
}

/// An interface message: a Fluent id with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Text {
    /// A message without arguments.
    pub fn id(id: &'static str) -> Text {
        Text {
            id,
            args: Vec::new(),
        }
    }

    /// Add a number argument.
    pub fn num(mut self, name: &'static str, n: usize) -> Text {
        self.args
            .push((name, Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))));
        self
    }

    /// Add a text argument.
    pub fn str(mut self, name: &'static str, v: &str) -> Text {
        self.args.push((name, Arg::Str(v.to_string())));
        self
    }

    /// The message in the learner's language.
    pub fn render(&self, i18n: &I18n) -> String {
        if self.args.is_empty() {
            return i18n.t(self.id);
        }
        let args: Vec<(&str, fluent_bundle::FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Num(n) => num(*n as f64),
                    Arg::Str(x) => s(x.clone()),
                };
                (*k, v)
            })
            .collect();
        i18n.ta(self.id, &args)
    }
}
