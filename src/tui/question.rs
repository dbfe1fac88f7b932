//! A question: single (one answer), multiple (every right answer), order
//! (move the items), options in the order shown. After the answer: the
//! verdict, what was chosen with its feedback, the right answer, and the
//! explanation (in the pre-check only a neutral thanks).

use ratatui::text::Span;

use super::doc::Doc;
use super::theme::Theme;
use super::view::{Cx, ScreenView, push_heading};
use crate::course::QuestionKind;
use crate::session::{Item, QuestionView, StepView};

pub(crate) fn view(
    cx: &Cx<'_>,
    st: &StepView<'_>,
    q: &QuestionView<'_>,
    cursor: usize,
) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    if let Some(title) = st.title {
        push_heading(&mut doc, title, t.title, cx.width);
        doc.gap();
    }
    let text_start = doc.len();
    doc.markdown(q.text, t.strong);
    doc.gap();

    let Some(result) = &q.result else {
        if let Some(n) = &st.neutral {
            // The pre-check: what was chosen, then a neutral thanks.
            list(&mut doc, q, usize::MAX, t);
            doc.gap();
            let at = doc.len();
            doc.text(&n.render(i18n), t.strong);
            doc.gap();
            doc.text(&i18n.t("tui-press-enter"), t.dim);
            doc.focus = Some(at..at + 1);
            return ScreenView::new(String::new(), doc);
        }
        let hint = match q.kind {
            QuestionKind::Single => None,
            QuestionKind::Multiple => Some("tui-question-many-hint"),
            QuestionKind::Order => Some("tui-question-move-hint"),
        };
        let mut prompt = q.instruction.render(i18n);
        if let Some(h) = hint {
            prompt = format!("{prompt} {}", i18n.t(h));
        }
        doc.text(&prompt, t.dim);
        doc.gap();
        if let Some(r) = list(&mut doc, q, cursor, t) {
            // Keep the question in view with the highlight when both fit.
            doc.context = Some(text_start..r.end);
            doc.focus = Some(r);
        }
        return ScreenView::new(String::new(), doc);
    };

    let verdict_start = doc.len();
    if result.right {
        doc.text(&format!("✓ {}", result.headline.render(i18n)), t.good);
    } else {
        doc.text(&format!("• {}", result.headline.render(i18n)), t.warn);
    }
    doc.gap();
    if q.kind == QuestionKind::Order {
        doc.text(&i18n.t("tui-question-your-order"), t.strong);
        list(&mut doc, q, usize::MAX, t);
    } else {
        doc.text(&result.you_chose.render(i18n), t.strong);
        for (text, feedback) in &result.chosen {
            doc.markdown_at(&format!("- {text}"), t.text, 2);
            if let Some(f) = feedback {
                doc.markdown_at(f, t.explain, 4);
            }
        }
    }
    if let Some(label) = &result.correct_label {
        doc.gap();
        doc.text(&label.render(i18n), t.strong);
        for (i, c) in result.correct.iter().enumerate() {
            let lead = if q.kind == QuestionKind::Order {
                format!("{}. {c}", i + 1)
            } else {
                format!("- {c}")
            };
            doc.markdown_at(&lead, t.text, 2);
        }
    }
    if let Some(e) = result.explanation {
        doc.gap();
        doc.markdown(e, t.explain);
    }
    doc.gap();
    doc.text(&i18n.t("tui-press-enter"), t.dim);
    doc.focus = Some(verdict_start..verdict_start + 1);
    ScreenView::new(String::new(), doc)
}

/// The options as shown, the highlight on `cursor`; returns its lines.
fn list(
    doc: &mut Doc,
    q: &QuestionView<'_>,
    cursor: usize,
    t: &Theme,
) -> Option<std::ops::Range<usize>> {
    let mut focus = None;
    for (pos, it) in q.items.iter().enumerate() {
        let hl = pos == cursor;
        let r = doc.item(
            pos,
            lead(q.kind, it, t),
            it.text,
            if hl || it.selected { t.strong } else { t.text },
            hl,
            t,
            0,
        );
        if hl {
            focus = Some(r);
        }
    }
    focus
}

/// The box in front of an option: `( )`/`(•)` for one answer, `[ ]`/`[x]`
/// for several, the position for an order.
fn lead(kind: QuestionKind, it: &Item<'_>, t: &Theme) -> Vec<Span<'static>> {
    let number = Span::styled(format!("{}. ", it.number), t.dim);
    let mark = |on: &'static str, off: &'static str| {
        if it.selected {
            Span::styled(on, t.selected)
        } else {
            Span::raw(off)
        }
    };
    match kind {
        QuestionKind::Single => vec![mark("(•) ", "( ) "), number],
        QuestionKind::Multiple => vec![mark("[x] ", "[ ] "), number],
        QuestionKind::Order => vec![number],
    }
}
