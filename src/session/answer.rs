//! Spot exercises and questions: selecting (by position shown, mapped to
//! file indexes through the learner's order), submitting, and scoring in
//! one place ([`spot_right`], [`question_right`]), which the view uses too.

use crate::course::{QuestionKind, QuestionOption, SpotItem, Step, StepKind};

use super::shuffle::is_permutation;
use super::state::{QuestionState, SpotState, StepState};
use super::{Hint, Input, Outcome, Session};

/// Whether a spot answer is all right: every sign selected, nothing else.
pub fn spot_right(items: &[SpotItem], selected: &[bool]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, it)| it.sign == selected.get(i).copied().unwrap_or(false))
}

/// Whether a question's answer is right.
pub fn question_right(kind: QuestionKind, options: &[QuestionOption], q: &QuestionState) -> bool {
    match kind {
        QuestionKind::Order => q.order.iter().enumerate().all(|(i, o)| i == *o),
        _ => options
            .iter()
            .enumerate()
            .all(|(i, o)| o.correct == q.selected.get(i).copied().unwrap_or(false)),
    }
}

/// File indexes for positions shown; `None` if one is outside the list.
fn to_files(order: &[usize], positions: &[usize]) -> Option<Vec<usize>> {
    positions.iter().map(|p| order.get(*p).copied()).collect()
}

impl Session {
    pub(super) fn update_spot(
        &mut self,
        mi: usize,
        si: usize,
        step: &Step,
        mut s: SpotState,
        input: Input,
        now: &str,
    ) -> Outcome {
        let StepKind::Spot { items, .. } = &step.kind else {
            return Outcome::default();
        };
        let n = items.len();
        if s.submitted {
            return match input {
                Input::Continue | Input::Submit | Input::Answer(_) => {
                    self.advance(mi, si, step.next.clone(), now)
                }
                _ => Outcome::default(),
            };
        }
        match input {
            Input::Toggle(p) | Input::Choose(p) => match s.order.get(p) {
                Some(i) => s.selected[*i] = !s.selected[*i],
                None => return Outcome::hint(Hint::OutOfRange),
            },
            Input::Submit | Input::Continue | Input::Answer(_) => {
                if let Input::Answer(v) = &input {
                    let Some(files) = to_files(&s.order, v) else {
                        return Outcome::hint(Hint::OutOfRange);
                    };
                    s.selected = (0..n).map(|i| files.contains(&i)).collect();
                }
                if !s.selected.iter().any(|x| *x) {
                    return Outcome::hint(Hint::SelectSomething);
                }
                let correct = spot_right(items, &s.selected);
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

    pub(super) fn update_question(
        &mut self,
        mi: usize,
        si: usize,
        step: &Step,
        mut q: QuestionState,
        input: Input,
        now: &str,
    ) -> Outcome {
        let StepKind::Question { kind, options, .. } = &step.kind else {
            return Outcome::default();
        };
        let kind = *kind;
        let n = options.len();
        if q.submitted {
            return match input {
                Input::Continue | Input::Submit | Input::Answer(_) => {
                    self.advance(mi, si, step.next.clone(), now)
                }
                _ => Outcome::default(),
            };
        }
        let order = kind == QuestionKind::Order;
        match input {
            Input::Move { from, to } if order => {
                if from >= n || to >= n {
                    return Outcome::hint(Hint::OutOfRange);
                }
                let x = q.order.remove(from);
                q.order.insert(to, x);
            }
            // Order questions are answered by moving items.
            Input::Choose(_) | Input::Toggle(_) if order => {}
            Input::Choose(p) | Input::Toggle(p) => match q.order.get(p) {
                Some(i) => {
                    let i = *i;
                    if kind == QuestionKind::Single && matches!(input, Input::Choose(_)) {
                        q.selected = (0..n).map(|k| k == i).collect();
                    } else {
                        toggle(&mut q.selected, i, kind);
                    }
                }
                None => return Outcome::hint(Hint::OutOfRange),
            },
            Input::Submit | Input::Continue => {
                return self.submit_question(mi, si, kind, options, q, now);
            }
            Input::Answer(v) => {
                if v.iter().any(|p| *p >= n) {
                    return Outcome::hint(Hint::OutOfRange);
                }
                let shown = q.order.clone();
                let files: Vec<usize> = v.iter().map(|p| shown[*p]).collect();
                match kind {
                    QuestionKind::Single => {
                        let i = match files.as_slice() {
                            [i] => i,
                            [] => return Outcome::hint(Hint::PickOne),
                            _ => return Outcome::hint(Hint::OneNumber),
                        };
                        q.selected = (0..n).map(|k| k == *i).collect();
                    }
                    QuestionKind::Multiple => {
                        if files.is_empty() {
                            return Outcome::hint(Hint::SelectSomething);
                        }
                        q.selected = (0..n).map(|k| files.contains(&k)).collect();
                    }
                    QuestionKind::Order => {
                        if !is_permutation(&v, n) {
                            return Outcome::hint(Hint::WholeOrder);
                        }
                        q.order = files;
                    }
                }
                return self.submit_question(mi, si, kind, options, q, now);
            }
            _ => return Outcome::default(),
        }
        self.set_state(StepState::Question(q));
        Outcome::default()
    }

    fn submit_question(
        &mut self,
        mi: usize,
        si: usize,
        kind: QuestionKind,
        options: &[QuestionOption],
        mut q: QuestionState,
        now: &str,
    ) -> Outcome {
        let n = options.len();
        let answer = match kind {
            QuestionKind::Order => q.order.clone(),
            _ => {
                if !q.selected.iter().any(|x| *x) {
                    return Outcome::hint(Hint::SelectSomething);
                }
                (0..n).filter(|i| q.selected[*i]).collect()
            }
        };
        let right = question_right(kind, options, &q);
        self.record_answer(mi, si, answer, right, now);
        q.submitted = true;
        self.set_state(StepState::Question(q));
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
