//! Which table applies on the course's screens, and what an action means
//! there, read from the session's view: the TUI keeps only the highlight
//! (a position in the list as shown) and turns actions into the session's
//! semantic inputs (choose N, toggle N, flag N, none of these, submit...).

use super::bindings::{Action, Mode};
use crate::session::{ChatStage, Input, PromptKind, ScreenView, StepBody, View};

/// The mode of the screen the view shows.
pub(crate) fn mode(v: &View<'_>) -> Mode {
    match (&v.screen, v.prompt.kind) {
        (ScreenView::Home(_), _) => Mode::Home,
        (ScreenView::Note(_), _) => Mode::Note,
        (ScreenView::Summary(_), _) => Mode::Summary,
        (ScreenView::Step(s), kind) => match kind {
            PromptKind::Reveal => Mode::ChatReveal,
            PromptKind::Flag => Mode::ChatFlag,
            PromptKind::PickOne if matches!(s.body, StepBody::Chat(_)) => Mode::ChatChoose,
            PromptKind::PickOne => Mode::PickOne,
            PromptKind::PickMany => Mode::PickMany,
            PromptKind::Order => Mode::Order,
            _ if matches!(s.body, StepBody::Read { .. }) => Mode::Read,
            _ => Mode::Continue,
        },
    }
}

/// Where the highlight starts on a screen: home on the module to resume,
/// a pick-one list on its selection, else the first item.
pub(crate) fn first_cursor(v: &View<'_>, home: Option<usize>) -> usize {
    match &v.screen {
        ScreenView::Home(h) => home.unwrap_or(h.resume),
        ScreenView::Step(s) => {
            let items = match &s.body {
                StepBody::Question(q) if v.prompt.kind == PromptKind::PickOne => &q.items[..],
                StepBody::Chat(c) => match &c.stage {
                    ChatStage::Choose { items, .. } => &items[..],
                    _ => &[],
                },
                _ => &[],
            };
            items.iter().position(|i| i.selected).unwrap_or(0)
        }
        _ => 0,
    }
}

/// What an action does: session inputs, and where the highlight goes.
pub(crate) struct Effect {
    pub inputs: Vec<Input>,
    pub cursor: usize,
}

/// The session inputs for `action` on the view's list, the highlight on
/// `cursor` (`digit`: the digit pressed, 0-based; `page`: rows a page
/// moves). Out-of-range digits go to the session, which says which
/// numbers there are.
pub(crate) fn effect(
    v: &View<'_>,
    action: Action,
    digit: Option<usize>,
    cursor: usize,
    page: usize,
) -> Effect {
    let len = v.prompt.len;
    let last = len.saturating_sub(1);
    let kind = v.prompt.kind;
    let only = |cursor| Effect {
        inputs: Vec::new(),
        cursor,
    };
    let with = |inputs: Vec<Input>, cursor| Effect { inputs, cursor };
    // "None of these" is the last item of the flag list.
    let on_none = kind == PromptKind::Flag && cursor == last;
    match action {
        Action::Up => only(cursor.saturating_sub(1)),
        Action::Down => only((cursor + 1).min(last)),
        Action::PageUp => only(cursor.saturating_sub(page)),
        Action::PageDown => only((cursor + page).min(last)),
        Action::First => only(0),
        Action::Last => only(last),
        Action::Select => match digit {
            Some(d) if d >= len => with(vec![Input::Choose(d)], cursor),
            Some(d) => match kind {
                PromptKind::PickOne if mode(v) == Mode::PickOne => with(vec![Input::Choose(d)], d),
                PromptKind::PickMany => with(vec![Input::Toggle(d)], d),
                PromptKind::Flag if d < last => with(vec![Input::Flag(d)], d),
                // Home, the note, chat choices, order, "none of these": highlight only.
                _ => only(d),
            },
            None => only(cursor),
        },
        Action::Toggle => match kind {
            PromptKind::PickMany => with(vec![Input::Toggle(cursor)], cursor),
            PromptKind::Flag if !on_none => with(vec![Input::Flag(cursor)], cursor),
            _ => only(cursor),
        },
        Action::Confirm => {
            let inputs = match (&v.screen, kind) {
                (ScreenView::Home(_), _) => vec![Input::Open(cursor)],
                (ScreenView::Note(_), _) => vec![match cursor {
                    0 => Input::Continue,
                    1 => Input::Skip,
                    _ => Input::GetHelp,
                }],
                (_, PromptKind::PickOne) => vec![Input::Choose(cursor), Input::Submit],
                (_, PromptKind::Flag) if on_none => vec![Input::NoneOfThese],
                (_, PromptKind::PickMany | PromptKind::Order | PromptKind::Flag) => {
                    vec![Input::Submit]
                }
                _ => vec![Input::Continue],
            };
            with(inputs, cursor)
        }
        Action::MoveItemUp if kind == PromptKind::Order && cursor > 0 => with(
            vec![Input::Move {
                from: cursor,
                to: cursor - 1,
            }],
            cursor - 1,
        ),
        Action::MoveItemDown if kind == PromptKind::Order && cursor < last => with(
            vec![Input::Move {
                from: cursor,
                to: cursor + 1,
            }],
            cursor + 1,
        ),
        Action::Back => with(vec![Input::Back], cursor),
        Action::BackStep => with(vec![Input::BackStep], 0),
        _ => only(cursor),
    }
}
