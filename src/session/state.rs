//! Where the learner is, and the state of the step on screen, restored from
//! the record when a step is shown again.
//!
//! Selections are kept by **file index**; `order` vectors say, for each
//! position shown, which file index is there (the learner's shuffle).

use crate::course::{QuestionKind, Speaker, StepKind};
use crate::progress::StepRecord;

use super::shuffle;

/// Where the learner is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The module list. `cursor` is the module to highlight on arriving
    /// (the next one after a summary); the full-screen UI moves its own.
    Home { cursor: usize },
    /// A module's content note, before its first step.
    Note { module: usize },
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
    /// Messages the learner flagged as warning signs, by message index.
    pub flags: Vec<bool>,
    /// The choices in the order shown (file indexes).
    pub choice_order: Vec<usize>,
    /// The choice selected but not yet submitted (file index).
    pub chosen: Option<usize>,
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
    /// The feedback of a choice (file index) is shown.
    Feedback { choice: usize },
    /// Nothing left to do but continue.
    Done,
}

/// A spot exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotState {
    /// Selected items, by file index.
    pub selected: Vec<bool>,
    pub submitted: bool,
    /// The items in the order shown (file indexes).
    pub order: Vec<usize>,
}

/// A question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionState {
    /// Selected options (single and multiple), by file index.
    pub selected: Vec<bool>,
    /// The options in the order shown now (file indexes); for an order
    /// question this is the learner's current arrangement.
    pub order: Vec<usize>,
    pub submitted: bool,
}

/// The message indexes of a chat the learner may flag: only the other
/// person's messages, never narrator notes or the learner's own lines.
pub fn flaggable(messages: &[crate::course::Message]) -> Vec<usize> {
    messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.from == Speaker::Them)
        .map(|(i, _)| i)
        .collect()
}

/// Whether a chat has a flag exercise (some message is a warning sign).
pub fn has_flag_exercise(messages: &[crate::course::Message]) -> bool {
    messages.iter().any(|m| m.sign) && !flaggable(messages).is_empty()
}

/// Build the state of a step: fresh, or restored from its record (answers
/// shown as first given). `key` seeds the learner's shuffle; `shuffle`
/// false keeps file order (except order questions, which are the puzzle).
pub fn restore(kind: &StepKind, rec: Option<&StepRecord>, key: &str, shuffle: bool) -> StepState {
    let display = |n: usize| {
        if shuffle {
            shuffle::shuffled_display(n, key)
        } else {
            (0..n).collect()
        }
    };
    match kind {
        StepKind::Read { .. } => StepState::Read,
        StepKind::Chat {
            messages, choices, ..
        } => {
            let n = messages.len();
            let has_signs = has_flag_exercise(messages);
            let mut st = ChatState {
                revealed: 1.min(n),
                phase: ChatPhase::Reveal,
                flags: vec![false; n],
                choice_order: display(choices.len()),
                chosen: None,
            };
            if let Some(r) = rec {
                if let Some(f) = &r.flags {
                    for i in f.iter().filter(|i| **i < n) {
                        st.flags[*i] = true;
                    }
                }
                let flagged = r.flags.is_some() || !has_signs;
                if flagged || r.done {
                    st.revealed = n;
                    st.phase = match r.choices.last() {
                        Some(c) if *c < choices.len() => ChatPhase::Feedback { choice: *c },
                        _ if !choices.is_empty() && !has_signs => ChatPhase::Choose,
                        _ if has_signs => ChatPhase::Signs,
                        _ => ChatPhase::Done,
                    };
                }
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
                submitted,
                order: display(items.len()),
            })
        }
        StepKind::Question { kind, options, .. } => {
            let n = options.len();
            let mut q = QuestionState {
                selected: vec![false; n],
                order: if *kind == QuestionKind::Order {
                    shuffle::shuffled(n, key)
                } else {
                    display(n)
                },
                submitted: false,
            };
            if let Some(ans) = rec.and_then(|r| r.answer.as_ref()) {
                if *kind == QuestionKind::Order {
                    if shuffle::is_permutation(ans, n) {
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
    }
}
