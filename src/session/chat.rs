//! A chat: messages revealed, warning signs flagged (an explicit answer,
//! never Enter alone), the real signs shown, a choice made and its feedback.

use crate::course::{Choice, Step, StepKind};

use super::state::{ChatPhase, ChatState, StepState, flaggable, has_flag_exercise};
use super::{Hint, Input, Outcome, Session};

/// What a flag-prompt input amounts to.
enum FlagAnswer {
    /// These message indexes (possibly none: "none of these").
    Flags(Vec<usize>),
    Hint(Hint),
}

impl Session {
    pub(super) fn update_chat(
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
        let has_signs = has_flag_exercise(messages);
        let after_reveal = |c: &mut ChatState| {
            c.revealed = n;
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
                Input::Continue => {
                    if c.revealed + 1 >= n {
                        after_reveal(&mut c);
                    } else {
                        c.revealed += 1;
                    }
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                Input::RevealAll | Input::Answer(_) => {
                    after_reveal(&mut c);
                    if c.phase == ChatPhase::Done {
                        // Everything was shown at once and nothing is asked:
                        // go straight on.
                        self.step_record_mut(mi, si).done = true;
                        return self.advance(mi, si, step.next.clone(), now).saving();
                    }
                    self.set_state(StepState::Chat(c));
                    Outcome::default()
                }
                _ => Outcome::default(),
            },
            ChatPhase::Flag => {
                let can = flaggable(messages);
                let answer = match input {
                    // By position in the flag list (only their messages).
                    Input::Flag(k) | Input::Toggle(k) => match can.get(k) {
                        Some(i) => {
                            c.flags[*i] = !c.flags[*i];
                            None
                        }
                        None if k == can.len() => Some(FlagAnswer::Flags(Vec::new())),
                        None => return Outcome::hint(Hint::OutOfRange),
                    },
                    Input::NoneOfThese => Some(FlagAnswer::Flags(Vec::new())),
                    Input::Continue | Input::Submit => {
                        let flagged: Vec<usize> =
                            can.iter().copied().filter(|i| c.flags[*i]).collect();
                        if flagged.is_empty() {
                            Some(FlagAnswer::Hint(Hint::FlagOrNone))
                        } else {
                            Some(FlagAnswer::Flags(flagged))
                        }
                    }
                    Input::Answer(v) => Some(flag_answer(&v, &can)),
                    _ => None,
                };
                match answer {
                    None => {
                        self.set_state(StepState::Chat(c));
                        Outcome::default()
                    }
                    Some(FlagAnswer::Hint(h)) => Outcome::hint(h),
                    Some(FlagAnswer::Flags(flagged)) => {
                        c.flags = (0..n).map(|i| flagged.contains(&i)).collect();
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
                }
            }
            ChatPhase::Signs => match input {
                Input::Continue | Input::Submit | Input::Answer(_) => {
                    if choices.is_empty() {
                        self.advance(mi, si, step.next.clone(), now).saving()
                    } else {
                        c.phase = ChatPhase::Choose;
                        c.chosen = None;
                        self.set_state(StepState::Chat(c));
                        Outcome::default()
                    }
                }
                _ => Outcome::hint(Hint::NothingToAnswer),
            },
            ChatPhase::Choose => self.update_choose(mi, si, choices, c, input, now),
            ChatPhase::Feedback { choice } => match input {
                Input::Continue | Input::Submit | Input::Answer(_) => {
                    let Some(ch) = choices.get(choice) else {
                        return Outcome::default();
                    };
                    if ch.next.is_none() && !ch.safe {
                        // Choose again.
                        c.phase = ChatPhase::Choose;
                        c.chosen = None;
                        self.set_state(StepState::Chat(c));
                        return Outcome::default();
                    }
                    self.step_record_mut(mi, si).done = true;
                    let next = ch.next.clone().or_else(|| step.next.clone());
                    self.advance(mi, si, next, now).saving()
                }
                _ => Outcome::hint(Hint::NothingToAnswer),
            },
            ChatPhase::Done => match input {
                Input::Continue | Input::Submit | Input::Answer(_) => {
                    self.step_record_mut(mi, si).done = true;
                    self.advance(mi, si, step.next.clone(), now).saving()
                }
                _ => Outcome::hint(Hint::NothingToAnswer),
            },
        }
    }

    fn update_choose(
        &mut self,
        mi: usize,
        si: usize,
        choices: &[Choice],
        mut c: ChatState,
        input: Input,
        now: &str,
    ) -> Outcome {
        let shown = |p: usize| c.choice_order.get(p).copied();
        let pick = match input {
            Input::Choose(p) | Input::Toggle(p) => match shown(p) {
                Some(i) => {
                    c.chosen = Some(i);
                    None
                }
                None => return Outcome::hint(Hint::OutOfRange),
            },
            Input::Submit | Input::Continue => match c.chosen {
                Some(i) => Some(i),
                None => return Outcome::hint(Hint::SelectSomething),
            },
            Input::Answer(v) => match v.as_slice() {
                [p] => match shown(*p) {
                    Some(i) => Some(i),
                    None => return Outcome::hint(Hint::OutOfRange),
                },
                [] => return Outcome::hint(Hint::PickOne),
                _ => return Outcome::hint(Hint::OneNumber),
            },
            _ => None,
        };
        let Some(i) = pick else {
            self.set_state(StepState::Chat(c));
            return Outcome::default();
        };
        let Some(choice) = choices.get(i) else {
            return Outcome::hint(Hint::OutOfRange);
        };
        let scoring = self.scoring(mi);
        let r = self.step_record_mut(mi, si);
        r.choices.push(i);
        if r.first_correct.is_none() && scoring {
            r.first_correct = Some(choice.safe);
            r.answer = Some(vec![i]);
            r.answered_at = Some(now.to_string());
        }
        c.chosen = None;
        c.phase = ChatPhase::Feedback { choice: i };
        self.set_state(StepState::Chat(c));
        Outcome::save()
    }
}

/// Numbers typed at the flag prompt (positions in the flag list; the last
/// position, one past the messages, is "none of these").
fn flag_answer(v: &[usize], can: &[usize]) -> FlagAnswer {
    let none = can.len();
    if v.is_empty() {
        return FlagAnswer::Hint(Hint::FlagOrNone);
    }
    if v.iter().any(|p| *p > none) {
        return FlagAnswer::Hint(Hint::OutOfRange);
    }
    if v.contains(&none) {
        return if v.iter().all(|p| *p == none) {
            FlagAnswer::Flags(Vec::new())
        } else {
            FlagAnswer::Hint(Hint::NoneGoesAlone)
        };
    }
    let mut flagged: Vec<usize> = v.iter().map(|p| can[*p]).collect();
    flagged.sort_unstable();
    flagged.dedup();
    FlagAnswer::Flags(flagged)
}
