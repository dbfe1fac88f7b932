//! A question: single (one answer), multiple (every right answer), order
//! (move the items). After the answer: feedback per option, the right
//! answer, and the explanation.

use ratatui::text::Span;

use super::doc::Doc;
use super::view::{Cx, ScreenView, push_heading};
use crate::course::{QuestionKind, QuestionOption, StepKind};
use crate::session::{QuestionState, Session};

pub(crate) fn view(
    cx: &Cx<'_>,
    s: &Session,
    module: usize,
    step: usize,
    q: &QuestionState,
) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    let st = s
        .course()
        .modules
        .get(module)
        .and_then(|m| m.steps.get(step));
    let Some((st, (kind, text, explanation, options))) = st.and_then(|st| match &st.kind {
        StepKind::Question {
            kind,
            text,
            explanation,
            options,
        } => Some((st, (*kind, text, explanation, options))),
        _ => None,
    }) else {
        return ScreenView::new(String::new(), doc);
    };
    if let Some(title) = &st.title {
        push_heading(&mut doc, title, t.title, cx.width);
        doc.gap();
    }
    let text_start = doc.len();
    doc.markdown(text, t.strong);
    doc.gap();

    let n = options.len();
    let v;
    if !q.submitted {
        let prompt = match kind {
            QuestionKind::Single => i18n.t("question-pick-one"),
            QuestionKind::Multiple => format!(
                "{} {}",
                i18n.t("question-pick-many"),
                i18n.t("tui-question-many-hint")
            ),
            QuestionKind::Order => format!(
                "{} {}",
                i18n.t("question-order"),
                i18n.t("tui-question-move-hint")
            ),
        };
        doc.text(&prompt, t.dim);
        doc.gap();
        for row in 0..n {
            let opt_i = if kind == QuestionKind::Order {
                q.order.get(row).copied().unwrap_or(row)
            } else {
                row
            };
            let Some(o) = options.get(opt_i) else {
                continue;
            };
            let hl = row == q.cursor;
            let selected = q.selected.get(opt_i).copied().unwrap_or(false);
            let lead = lead(kind, row, selected, t);
            let r = doc.item(
                row,
                lead,
                &o.text,
                if hl { t.strong } else { t.text },
                hl,
                t,
                0,
            );
            if hl {
                // Keep the question in view with the highlight when both fit.
                doc.context = Some(text_start..r.end);
                doc.focus = Some(r);
            }
        }
        v = ScreenView::new(String::new(), doc);
        return v;
    }

    // Answered: what was right, per option, then the right answer and why.
    let right = match kind {
        QuestionKind::Order => q.order.iter().enumerate().all(|(i, o)| i == *o),
        _ => options
            .iter()
            .enumerate()
            .all(|(i, o)| q.selected.get(i).copied().unwrap_or(false) == o.correct),
    };
    let verdict_start = doc.len();
    if right {
        doc.text(&format!("✓ {}", i18n.t("question-right")), t.good);
    } else {
        doc.text(&format!("• {}", i18n.t("question-not-quite")), t.warn);
    }
    doc.gap();
    if kind == QuestionKind::Order {
        doc.text(&i18n.t("tui-question-your-order"), t.strong);
        for (pos, opt_i) in q.order.iter().enumerate() {
            let Some(o) = options.get(*opt_i) else {
                continue;
            };
            let ok = pos == *opt_i;
            let mark = if ok {
                Span::styled("✓ ", t.good)
            } else {
                Span::styled("✗ ", t.warn)
            };
            doc.item(
                pos,
                vec![mark, Span::styled(format!("{}. ", pos + 1), t.dim)],
                &o.text,
                t.text,
                false,
                t,
                0,
            );
        }
        if !right {
            doc.gap();
            doc.text(&i18n.t("question-correct-order"), t.strong);
            for (i, o) in options.iter().enumerate() {
                doc.item(
                    i,
                    vec![Span::styled(format!("{}. ", i + 1), t.dim)],
                    &o.text,
                    t.text,
                    false,
                    t,
                    0,
                );
            }
        }
        for o in options.iter().filter(|o| o.feedback.is_some()) {
            option_feedback(&mut doc, cx, o);
        }
    } else {
        for (i, o) in options.iter().enumerate() {
            let selected = q.selected.get(i).copied().unwrap_or(false);
            let mut lead = lead(kind, i, selected, t);
            let mark = if o.correct {
                Span::styled("✓ ", t.good)
            } else if selected {
                Span::styled("✗ ", t.warn)
            } else {
                Span::raw("  ")
            };
            lead.insert(0, mark);
            doc.item(
                i,
                lead,
                &o.text,
                if selected { t.strong } else { t.text },
                false,
                t,
                0,
            );
            if let Some(f) = o.feedback.as_deref().filter(|_| selected || o.correct) {
                doc.markdown_at(f, t.explain, 8);
            }
        }
        if !right {
            doc.gap();
            let correct: Vec<&QuestionOption> = options.iter().filter(|o| o.correct).collect();
            let label = if correct.len() == 1 {
                i18n.t("question-correct-was")
            } else {
                i18n.t("question-correct-were")
            };
            doc.text(&label, t.strong);
            for o in correct {
                doc.markdown_at(&format!("- {}", o.text), t.text, 2);
            }
        }
    }
    if let Some(e) = explanation {
        doc.gap();
        doc.markdown(e, t.explain);
    }
    doc.gap();
    doc.text(&i18n.t("tui-press-enter"), t.dim);
    doc.focus = Some(verdict_start..verdict_start + 1);
    v = ScreenView::new(String::new(), doc);
    v
}

/// The box in front of an option: `( )`/`(•)` for one answer, `[ ]`/`[x]`
/// for several, the position for an order.
fn lead(
    kind: QuestionKind,
    row: usize,
    selected: bool,
    t: &super::theme::Theme,
) -> Vec<Span<'static>> {
    let number = Span::styled(format!("{}. ", row + 1), t.dim);
    match kind {
        QuestionKind::Single => vec![
            if selected {
                Span::styled("(•) ", t.selected)
            } else {
                Span::raw("( ) ")
            },
            number,
        ],
        QuestionKind::Multiple => vec![
            if selected {
                Span::styled("[x] ", t.selected)
            } else {
                Span::raw("[ ] ")
            },
            number,
        ],
        QuestionKind::Order => vec![number],
    }
}

fn option_feedback(doc: &mut Doc, cx: &Cx<'_>, o: &QuestionOption) {
    if let Some(f) = &o.feedback {
        doc.gap();
        doc.text(&o.text, cx.theme.strong);
        doc.markdown_at(f, cx.theme.explain, 2);
    }
}
