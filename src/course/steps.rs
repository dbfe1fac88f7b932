//! The rules of one step, by its type: required fields, fields of another
//! type, counts, senders, signs, and the options of a question.

use std::collections::HashSet;

use super::fields;
use super::raw::*;
use super::rules::{StepType, Teaching, question_kind};

pub(crate) fn check_step(
    w: &mut Walk<'_, '_>,
    s: &RawStep<'_>,
    declared: Option<&HashSet<String>>,
    teaching: &mut Teaching,
) {
    let h = &s.header;
    w.require(&s.id, "id", h, "this step");
    let ty = match &s.ty {
        None if w.is_bad(h.start, "type") => None,
        None => {
            w.error_help(
                "missing-field",
                h.clone(),
                "missing required field `type` in this step".to_string(),
                "add `type = \"read\"`, \"chat\", \"spot\" or \"question\"".to_string(),
            );
            None
        }
        Some(t) => match StepType::parse(t.as_str()) {
            Some(ty) => Some(ty),
            None => {
                let help = match suggest(t.as_str(), &fields::STEP.values_of("type")) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "a step's type is read, chat, spot or question".to_string(),
                };
                w.error_help(
                    "invalid-value",
                    t.span.clone(),
                    format!("unknown step type `{}`", q(t.as_str())),
                    help,
                );
                None
            }
        },
    };
    if let Some(teaches) = &s.teaches {
        for t in &teaches.v {
            match declared {
                Some(d) if d.contains(t.as_str()) => {
                    if !teaching.taught.contains(t.as_str()) {
                        teaching.taught.insert(t.as_str().to_string());
                    }
                    let checked = match ty {
                        Some(StepType::Question | StepType::Spot) => true,
                        Some(StepType::Chat) => !items(&s.choices).is_empty(),
                        _ => false,
                    };
                    if checked && !teaching.checked.contains(t.as_str()) {
                        teaching.checked.insert(t.as_str().to_string());
                    }
                }
                Some(d) => {
                    let mut names: Vec<&str> = d.iter().map(String::as_str).collect();
                    names.sort_unstable();
                    let help = match suggest(t.as_str(), &names) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if names.is_empty() => {
                            "course.toml declares no objectives; add it to `objectives` there"
                                .to_string()
                        }
                        None => format!("the declared objectives are: {}", names.join(", ")),
                    };
                    w.error_help(
                        "unknown-objective",
                        t.span.clone(),
                        format!(
                            "objective `{}` is not declared in course.toml",
                            q(t.as_str())
                        ),
                        help,
                    );
                }
                None => {}
            }
        }
    }
    let Some(ty) = ty else { return };
    let place = format!("this {} step", ty.name());
    match ty {
        StepType::Read => {
            w.require_text(&s.text, "text", h, &place);
            w.unused(&s.shuffle, "shuffle", ty, "chat, spot and question");
            w.unused(&s.contact, "contact", ty, "chat");
            w.unused(&s.messages, "message", ty, "chat");
            w.unused(&s.choices, "choice", ty, "chat");
            w.unused(&s.kind, "kind", ty, "question");
            w.unused(&s.explanation, "explanation", ty, "question");
            w.unused(&s.items, "item", ty, "spot");
            w.unused(&s.options, "option", ty, "question");
        }
        StepType::Chat => {
            w.require_text(&s.contact, "contact", h, &place);
            w.unused(&s.kind, "kind", ty, "question");
            w.unused(&s.explanation, "explanation", ty, "question");
            w.unused(&s.items, "item", ty, "spot");
            w.unused(&s.options, "option", ty, "question");
            w.count(&s.messages, h, 1, usize::MAX, "message", "[[step.message]]");
            w.count(&s.choices, h, 0, 6, "choice", "[[step.choice]]");
            for m in items(&s.messages) {
                match &m.from {
                    None if w.is_bad(m.header.start, "from") => {}
                    None => {
                        w.error_help(
                            "missing-field",
                            m.header.clone(),
                            "missing required field `from` in this message".to_string(),
                            "add `from = \"them\"`, \"you\" or \"note\"".to_string(),
                        );
                    }
                    Some(f) if !fields::MESSAGE.values_of("from").contains(&f.as_str()) => w
                        .error_help(
                            "invalid-value",
                            f.span.clone(),
                            format!("unknown sender `{}`", q(f.as_str())),
                            "`from` is them, you or note".to_string(),
                        ),
                    Some(_) => {}
                }
                w.require_text(&m.text, "text", &m.header, "a message");
                if m.sign.as_ref().is_some_and(|s| s.v) {
                    match &m.why {
                        None if w.is_bad(m.header.start, "why") => {}
                        None => w.error_help(
                            "missing-why",
                            m.header.clone(),
                            "this message is a warning sign but has no `why`".to_string(),
                            "add `why = \"...\"`: the learner sees it when the signs are revealed"
                                .to_string(),
                        ),
                        Some(_) => w.require_text(&m.why, "why", &m.header, "a warning sign"),
                    }
                }
            }
            for c in items(&s.choices) {
                w.require_text(&c.text, "text", &c.header, "a choice");
                w.require(&c.safe, "safe", &c.header, "this choice");
                w.require_text(&c.feedback, "feedback", &c.header, "a choice");
            }
        }
        StepType::Spot => {
            w.require_text(&s.text, "text", h, &place);
            w.unused(&s.contact, "contact", ty, "chat");
            w.unused(&s.messages, "message", ty, "chat");
            w.unused(&s.choices, "choice", ty, "chat");
            w.unused(&s.kind, "kind", ty, "question");
            w.unused(&s.explanation, "explanation", ty, "question");
            w.unused(&s.options, "option", ty, "question");
            w.count(&s.items, h, 2, 12, "item", "[[step.item]]");
            let list = items(&s.items);
            for i in list {
                w.require_text(&i.text, "text", &i.header, "an item");
                w.require(&i.sign, "sign", &i.header, "this item");
                w.require_text(&i.why, "why", &i.header, "an item");
            }
            if !list.is_empty() && !list.iter().any(|i| i.sign.as_ref().is_some_and(|s| s.v)) {
                w.error_help(
                    "no-sign",
                    h.clone(),
                    "no item of this spot step is a warning sign".to_string(),
                    "mark at least one item with `sign = true`".to_string(),
                );
            }
        }
        StepType::Question => {
            w.require_text(&s.text, "text", h, &place);
            w.unused(&s.contact, "contact", ty, "chat");
            w.unused(&s.messages, "message", ty, "chat");
            w.unused(&s.choices, "choice", ty, "chat");
            w.unused(&s.items, "item", ty, "spot");
            let kind = match &s.kind {
                None => Some(super::model::QuestionKind::Single),
                Some(k) => {
                    let kind = question_kind(Some(k.as_str()));
                    if kind.is_none() {
                        w.error_help(
                            "invalid-value",
                            k.span.clone(),
                            format!("unknown question kind `{}`", q(k.as_str())),
                            "`kind` is single, multiple or order".to_string(),
                        );
                    }
                    kind
                }
            };
            w.count(&s.options, h, 2, 8, "option", "[[step.option]]");
            check_options(w, s, kind);
        }
    }
}

fn check_options(w: &mut Walk<'_, '_>, s: &RawStep<'_>, kind: Option<super::model::QuestionKind>) {
    use super::model::QuestionKind;
    let list = items(&s.options);
    for o in list {
        w.require_text(&o.text, "text", &o.header, "an option");
    }
    let Some(kind) = kind else { return };
    match kind {
        QuestionKind::Order => {
            if let Some(sh) = s.shuffle.as_ref().filter(|sh| !sh.v) {
                w.warn(
                    "unused-field",
                    sh.key.clone(),
                    "`shuffle = false` is ignored in an order question: its options are always shown shuffled".to_string(),
                    Some("remove `shuffle`: in the order written, the answer would be showing".to_string()),
                );
            }
            for o in list {
                if let Some(c) = &o.correct {
                    w.error_help(
                        "correct-not-allowed",
                        c.key.clone(),
                        "`correct` is not allowed in an order question".to_string(),
                        "an order question's options are written in the correct order; remove `correct`".to_string(),
                    );
                }
            }
        }
        QuestionKind::Single | QuestionKind::Multiple => {
            let mut missing = false;
            for o in list {
                if o.correct.is_none() {
                    missing = true;
                    if w.is_bad(o.header.start, "correct") {
                        continue;
                    }
                    w.error_help(
                        "missing-field",
                        o.header.clone(),
                        "missing required field `correct` in this option".to_string(),
                        "add `correct = true` or `correct = false`".to_string(),
                    );
                }
            }
            if list.is_empty() {
                return;
            }
            let n = list
                .iter()
                .filter(|o| o.correct.as_ref().is_some_and(|c| c.v))
                .count();
            if n == 0 && !missing {
                w.error_help(
                    "no-correct-option",
                    s.header.clone(),
                    "no option of this question is correct".to_string(),
                    "mark the right answer with `correct = true`".to_string(),
                );
            } else if n > 1 && kind == QuestionKind::Single {
                w.error_help(
                    "several-correct",
                    s.header.clone(),
                    format!("this single-answer question has {n} correct options"),
                    "mark exactly one option `correct = true`, or write `kind = \"multiple\"`"
                        .to_string(),
                );
            }
        }
    }
}
