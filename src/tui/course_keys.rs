//! Which table applies on the course's screens, and what an action means
//! to the session there.

use super::bindings::{Action, Mode};
use crate::course::{QuestionKind, StepKind};
use crate::session::{ChatPhase, Input, Screen, Session, StepState};

/// The mode of the screen the session is on.
pub(crate) fn mode(s: &Session) -> Mode {
    match s.screen() {
        Screen::Home { .. } => Mode::Home,
        Screen::Note { .. } => Mode::Note,
        Screen::Summary { .. } => Mode::Summary,
        Screen::Step { state, .. } => match state {
            StepState::Read => Mode::Read,
            StepState::Chat(c) => match c.phase {
                ChatPhase::Reveal => Mode::ChatReveal,
                ChatPhase::Flag => Mode::ChatFlag,
                ChatPhase::Choose => Mode::ChatChoose,
                ChatPhase::Signs | ChatPhase::Feedback { .. } | ChatPhase::Done => Mode::Continue,
            },
            StepState::Spot(sp) if !sp.submitted => Mode::PickMany,
            StepState::Question(q) if !q.submitted => {
                match s.current().map(|(_, st, _)| &st.kind) {
                    Some(StepKind::Question {
                        kind: QuestionKind::Single,
                        ..
                    }) => Mode::PickOne,
                    Some(StepKind::Question {
                        kind: QuestionKind::Order,
                        ..
                    }) => Mode::Order,
                    _ => Mode::PickMany,
                }
            }
            StepState::Spot(_) | StepState::Question(_) => Mode::Continue,
        },
    }
}

/// The highlighted row of the list on screen, if it has one.
fn cursor(s: &Session) -> usize {
    match s.screen() {
        Screen::Home { cursor } | Screen::Note { cursor, .. } => *cursor,
        Screen::Step { state, .. } => match state {
            StepState::Chat(c) => c.cursor,
            StepState::Spot(sp) => sp.cursor,
            StepState::Question(q) => q.cursor,
            StepState::Read => 0,
        },
        Screen::Summary { .. } => 0,
    }
}

/// Session inputs for `action` (`digit`: the digit pressed, 0-based) on a
/// list of `len` items. Empty when the action is the UI's own (scrolling).
pub(crate) fn inputs(s: &Session, action: Action, digit: Option<usize>, len: usize) -> Vec<Input> {
    let mode = mode(s);
    let steps_to = |target: usize| -> Vec<Input> {
        let c = cursor(s);
        if target >= c {
            vec![Input::Down; target - c]
        } else {
            vec![Input::Up; c - target]
        }
    };
    match action {
        Action::Up => vec![Input::Up],
        Action::Down => vec![Input::Down],
        Action::First => steps_to(0),
        Action::Last => steps_to(len.saturating_sub(1)),
        Action::Toggle => vec![Input::ToggleHighlighted],
        Action::Confirm => vec![Input::Confirm],
        Action::MoveItemUp => vec![Input::MoveUp],
        Action::MoveItemDown => vec![Input::MoveDown],
        Action::Back => vec![Input::Back],
        Action::Select => match digit {
            // Out of range: the session says which numbers there are.
            Some(i) if i >= len => vec![Input::Pick(i)],
            // Lists where choosing acts at once: the digit only highlights.
            Some(i) if matches!(mode, Mode::Note | Mode::ChatChoose) => steps_to(i),
            Some(i) => vec![Input::Pick(i)],
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}
