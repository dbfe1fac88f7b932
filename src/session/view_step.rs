//! The view of one step: read, chat, spot, question, with items in the
//! learner's display order, verdicts and feedback (or, in the pre-check,
//! only a neutral thanks).

use crate::course::{QuestionKind, Speaker, Step, StepKind};

use super::answer::{question_right, spot_right};
use super::state::{ChatPhase, ChatState, QuestionState, SpotState, StepState, flaggable};
use super::view::{Counter, Item, Words};
use super::{Session, Text};

/// One step on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct StepView<'a> {
    pub module: usize,
    pub module_title: &'a str,
    pub step_id: &'a str,
    pub title: Option<&'a str>,
    /// Along the learner's path.
    pub counter: Counter,
    pub body: StepBody<'a>,
    /// The pre-check: after an answer only this neutral line is shown (no
    /// verdict, feedback or explanation).
    pub neutral: Option<Text>,
}

/// What the step is.
#[derive(Debug, Clone, PartialEq)]
pub enum StepBody<'a> {
    Read { text: &'a str },
    Chat(ChatView<'a>),
    Spot(SpotView<'a>),
    Question(QuestionView<'a>),
}

/// A chat.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatView<'a> {
    pub contact: &'a str,
    /// "Chat with ..."
    pub with: Text,
    pub framing: Option<&'a str>,
    /// The messages shown so far, in chat order.
    pub lines: Vec<ChatLine<'a>>,
    /// The messages not revealed yet (a front end that shows a chat all at
    /// once, like plain mode, prints them too).
    pub rest: Vec<ChatLine<'a>>,
    /// More messages are still to come.
    pub more: Option<Text>,
    pub stage: ChatStage<'a>,
}

/// One chat message shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatLine<'a> {
    pub index: usize,
    pub from: Speaker,
    /// The contact's name, or "You" / "Note".
    pub speaker: Words<'a>,
    pub text: &'a str,
    /// Its number in the flag list (only the other person's messages).
    pub flag_number: Option<usize>,
    pub flagged: bool,
}

/// What the chat is waiting for.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatStage<'a> {
    /// Messages still being revealed.
    Reveal,
    /// Which messages worry you? `items` are the other person's messages;
    /// "none of these" is numbered `none_number`.
    Flag {
        prompt: Text,
        items: Vec<Item<'a>>,
        none_number: usize,
        none_text: Text,
    },
    /// The real warning signs, and those flagged that were not.
    Signs {
        title: Text,
        signs: Vec<SignLine<'a>>,
    },
    /// What do you do?
    Choose { prompt: Text, items: Vec<Item<'a>> },
    /// The feedback of the choice made.
    Feedback(Chosen<'a>),
    /// Nothing left but to go on.
    Done,
}

/// A warning sign (or a message flagged that is not one).
#[derive(Debug, Clone, PartialEq)]
pub struct SignLine<'a> {
    /// Its number in the flag list.
    pub number: usize,
    pub index: usize,
    pub text: &'a str,
    pub sign: bool,
    pub flagged: bool,
    /// Spotted, missed, or "not a sign by itself".
    pub mark: Text,
    pub why: Option<&'a str>,
}

/// A choice made, with its feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen<'a> {
    pub index: usize,
    pub label: Text,
    pub text: &'a str,
    pub feedback: &'a str,
    pub safe: bool,
    /// "A safe choice." or "Not the safest choice.": said in both front ends.
    pub verdict: Text,
    /// "Think about it, then choose again."
    pub again: Option<Text>,
}

/// A spot exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct SpotView<'a> {
    pub text: &'a str,
    pub instruction: Text,
    pub items: Vec<Item<'a>>,
    /// After submitting (not in the pre-check).
    pub result: Option<SpotResult<'a>>,
}

/// The verdict of a spot exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct SpotResult<'a> {
    pub all_right: bool,
    pub headline: Text,
    /// Every item, in display order.
    pub lines: Vec<SpotLine<'a>>,
}

/// One spot item after submitting.
#[derive(Debug, Clone, PartialEq)]
pub struct SpotLine<'a> {
    pub number: usize,
    pub index: usize,
    pub text: &'a str,
    pub sign: bool,
    pub selected: bool,
    /// "This is one" / "This is not one".
    pub kind: Text,
    /// "You got this one right" / "Look again at this one".
    pub you: Text,
    pub why: &'a str,
}

/// A question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionView<'a> {
    pub kind: QuestionKind,
    pub text: &'a str,
    pub instruction: Text,
    /// Options in display order (for an order question, as arranged now).
    pub items: Vec<Item<'a>>,
    /// After submitting (not in the pre-check).
    pub result: Option<QuestionResult<'a>>,
}

/// The verdict of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult<'a> {
    pub right: bool,
    pub headline: Text,
    pub you_chose: Text,
    /// The options chosen (display order) with their feedback.
    pub chosen: Vec<(&'a str, Option<&'a str>)>,
    /// "The right answer(s):" / "The right order:" with the texts, when
    /// there is something to correct (always for order questions).
    pub correct_label: Option<Text>,
    pub correct: Vec<&'a str>,
    pub explanation: Option<&'a str>,
}

fn items<'a>(
    order: &[usize],
    text: impl Fn(usize) -> Option<&'a str>,
    sel: impl Fn(usize) -> bool,
) -> Vec<Item<'a>> {
    order
        .iter()
        .enumerate()
        .filter_map(|(p, i)| {
            Some(Item {
                number: p + 1,
                index: *i,
                text: text(*i)?,
                selected: sel(*i),
            })
        })
        .collect()
}

impl Session {
    pub(super) fn step_view(
        &self,
        mi: usize,
        si: usize,
        state: &StepState,
    ) -> Option<StepView<'_>> {
        let m = self.course.modules.get(mi)?;
        let step = m.steps.get(si)?;
        let check = self.is_pre_check(mi);
        let (body, answered) = match (&step.kind, state) {
            (StepKind::Read { text }, _) => (StepBody::Read { text }, false),
            (StepKind::Chat { .. }, StepState::Chat(c)) => {
                (StepBody::Chat(chat_view(step, c)?), false)
            }
            (StepKind::Spot { .. }, StepState::Spot(s)) => {
                (StepBody::Spot(spot_view(step, s, check)?), s.submitted)
            }
            (StepKind::Question { .. }, StepState::Question(q)) => (
                StepBody::Question(question_view(step, q, check)?),
                q.submitted,
            ),
            _ => return None,
        };
        Some(StepView {
            module: mi,
            module_title: &m.title,
            step_id: &step.id,
            title: step.title.as_deref(),
            counter: self.counter(mi, si),
            body,
            neutral: (check && answered).then(|| Text::id("check-thanks")),
        })
    }
}

fn chat_view<'a>(step: &'a Step, c: &ChatState) -> Option<ChatView<'a>> {
    let StepKind::Chat {
        contact,
        text,
        messages,
        choices,
    } = &step.kind
    else {
        return None;
    };
    let can = flaggable(messages);
    let number = |i: usize| can.iter().position(|x| *x == i).map(|p| p + 1);
    let flagged = |i: usize| c.flags.get(i).copied().unwrap_or(false);
    let mut lines: Vec<ChatLine<'a>> = messages
        .iter()
        .enumerate()
        .map(|(i, msg)| ChatLine {
            index: i,
            from: msg.from,
            speaker: match msg.from {
                Speaker::Them => Words::Lesson(contact.as_str()),
                Speaker::You => Words::Ui(Text::id("chat-you")),
                Speaker::Note => Words::Ui(Text::id("chat-note")),
            },
            text: &msg.text,
            flag_number: number(i),
            flagged: flagged(i),
        })
        .collect();
    let rest = lines.split_off(c.revealed.min(lines.len()));
    let stage = match c.phase {
        ChatPhase::Reveal => ChatStage::Reveal,
        ChatPhase::Flag => ChatStage::Flag {
            prompt: Text::id("chat-flag-prompt"),
            items: items(&can, |i| messages.get(i).map(|m| m.text.as_str()), flagged),
            none_number: can.len() + 1,
            none_text: Text::id("chat-flag-none-item"),
        },
        ChatPhase::Signs => ChatStage::Signs {
            title: Text::id("chat-signs-title"),
            signs: can
                .iter()
                .enumerate()
                .filter_map(|(p, i)| {
                    let msg = messages.get(*i)?;
                    let f = flagged(*i);
                    let mark = match (msg.sign, f) {
                        (true, true) => "chat-sign-found",
                        (true, false) => "chat-sign-missed",
                        (false, true) => "chat-not-sign",
                        (false, false) => return None,
                    };
                    Some(SignLine {
                        number: p + 1,
                        index: *i,
                        text: &msg.text,
                        sign: msg.sign,
                        flagged: f,
                        mark: Text::id(mark),
                        why: if msg.sign { msg.why.as_deref() } else { None },
                    })
                })
                .collect(),
        },
        ChatPhase::Choose => ChatStage::Choose {
            prompt: Text::id("chat-choose"),
            items: items(
                &c.choice_order,
                |i| choices.get(i).map(|x| x.text.as_str()),
                |i| c.chosen == Some(i),
            ),
        },
        ChatPhase::Feedback { choice } => {
            let ch = choices.get(choice)?;
            ChatStage::Feedback(Chosen {
                index: choice,
                label: Text::id("you-chose"),
                text: &ch.text,
                feedback: &ch.feedback,
                safe: ch.safe,
                verdict: Text::id(if ch.safe {
                    "tui-chat-feedback-safe"
                } else {
                    "tui-chat-feedback-unsafe"
                }),
                again: (!ch.safe && ch.next.is_none()).then(|| Text::id("chat-try-again")),
            })
        }
        ChatPhase::Done => ChatStage::Done,
    };
    Some(ChatView {
        contact,
        with: Text::id("chat-with").str("contact", contact),
        framing: text.as_deref(),
        more: (c.phase == ChatPhase::Reveal && c.revealed < messages.len())
            .then(|| Text::id("chat-more")),
        lines,
        rest,
        stage,
    })
}

fn spot_view<'a>(step: &'a Step, s: &SpotState, check: bool) -> Option<SpotView<'a>> {
    let StepKind::Spot { text, items: its } = &step.kind else {
        return None;
    };
    let sel = |i: usize| s.selected.get(i).copied().unwrap_or(false);
    let result = (s.submitted && !check).then(|| {
        let all_right = spot_right(its, &s.selected);
        SpotResult {
            all_right,
            headline: Text::id(if all_right {
                "spot-all-right"
            } else {
                "spot-some-wrong"
            }),
            lines: s
                .order
                .iter()
                .enumerate()
                .filter_map(|(p, i)| {
                    let it = its.get(*i)?;
                    Some(SpotLine {
                        number: p + 1,
                        index: *i,
                        text: &it.text,
                        sign: it.sign,
                        selected: sel(*i),
                        kind: Text::id(if it.sign {
                            "spot-is-sign"
                        } else {
                            "spot-not-sign"
                        }),
                        you: Text::id(if sel(*i) == it.sign {
                            "spot-you-right"
                        } else {
                            "spot-you-wrong"
                        }),
                        why: &it.why,
                    })
                })
                .collect(),
        }
    });
    Some(SpotView {
        text,
        instruction: Text::id("spot-prompt"),
        items: items(&s.order, |i| its.get(i).map(|x| x.text.as_str()), sel),
        result,
    })
}

fn question_view<'a>(step: &'a Step, q: &QuestionState, check: bool) -> Option<QuestionView<'a>> {
    let StepKind::Question {
        kind,
        text,
        explanation,
        options,
    } = &step.kind
    else {
        return None;
    };
    let sel = |i: usize| q.selected.get(i).copied().unwrap_or(false);
    let result = (q.submitted && !check).then(|| {
        let right = question_right(*kind, options, q);
        let (correct_label, correct) = match kind {
            QuestionKind::Order => (
                Some(Text::id("question-correct-order")),
                options.iter().map(|o| o.text.as_str()).collect(),
            ),
            _ if right => (None, Vec::new()),
            _ => {
                let c: Vec<&str> = q
                    .order
                    .iter()
                    .filter_map(|i| options.get(*i))
                    .filter(|o| o.correct)
                    .map(|o| o.text.as_str())
                    .collect();
                let label = if c.len() == 1 {
                    "question-correct-was"
                } else {
                    "question-correct-were"
                };
                (Some(Text::id(label)), c)
            }
        };
        QuestionResult {
            right,
            headline: Text::id(if right {
                "question-right"
            } else {
                "question-not-quite"
            }),
            you_chose: Text::id("you-chose"),
            chosen: if *kind == QuestionKind::Order {
                Vec::new()
            } else {
                q.order
                    .iter()
                    .filter(|i| sel(**i))
                    .filter_map(|i| options.get(*i))
                    .map(|o| (o.text.as_str(), o.feedback.as_deref()))
                    .collect()
            },
            correct_label,
            correct,
            explanation: explanation.as_deref(),
        }
    });
    Some(QuestionView {
        kind: *kind,
        text,
        instruction: Text::id(match kind {
            QuestionKind::Single => "question-pick-one",
            QuestionKind::Multiple => "question-pick-many",
            QuestionKind::Order => "question-order",
        }),
        items: items(&q.order, |i| options.get(i).map(|o| o.text.as_str()), sel),
        result,
    })
}
