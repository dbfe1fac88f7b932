//! Spot the warning signs: toggle items, confirm, then each item is marked
//! right or wrong with its `why`.

use ratatui::text::Span;

use super::doc::Doc;
use super::view::{Cx, ScreenView, push_heading};
use crate::course::StepKind;
use crate::session::{Session, SpotState};

pub(crate) fn view(
    cx: &Cx<'_>,
    s: &Session,
    module: usize,
    step: usize,
    sp: &SpotState,
) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    let st = s
        .course()
        .modules
        .get(module)
        .and_then(|m| m.steps.get(step));
    let Some((st, text, items)) = st.and_then(|st| match &st.kind {
        StepKind::Spot { text, items } => Some((st, text, items)),
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
    let checkbox = |sel: bool| {
        if sel {
            Span::styled("[x] ", t.selected)
        } else {
            Span::raw("[ ] ")
        }
    };

    if !sp.submitted {
        doc.text(&i18n.t("spot-prompt"), t.dim);
        doc.gap();
        for (i, it) in items.iter().enumerate() {
            let hl = i == sp.cursor;
            let sel = sp.selected.get(i).copied().unwrap_or(false);
            let r = doc.item(
                i,
                vec![checkbox(sel), Span::styled(format!("{}. ", i + 1), t.dim)],
                &it.text,
                if hl { t.strong } else { t.text },
                hl,
                t,
                0,
            );
            if hl {
                doc.context = Some(text_start..r.end);
                doc.focus = Some(r);
            }
        }
        return ScreenView::new(String::new(), doc);
    }

    let all_right = items
        .iter()
        .enumerate()
        .all(|(i, it)| sp.selected.get(i).copied().unwrap_or(false) == it.sign);
    let verdict = doc.len();
    if all_right {
        doc.text(&format!("✓ {}", i18n.t("spot-all-right")), t.good);
    } else {
        doc.text(&format!("• {}", i18n.t("spot-some-wrong")), t.warn);
    }
    doc.gap();
    for (i, it) in items.iter().enumerate() {
        let sel = sp.selected.get(i).copied().unwrap_or(false);
        let ok = sel == it.sign;
        doc.item(
            i,
            vec![checkbox(sel), Span::styled(format!("{}. ", i + 1), t.dim)],
            &it.text,
            if sel { t.strong } else { t.text },
            false,
            t,
            0,
        );
        let what = if it.sign {
            i18n.t("spot-is-sign")
        } else {
            i18n.t("spot-not-sign")
        };
        let (mark, verdict_text, style) = if ok {
            ("✓", i18n.t("spot-you-right"), t.good)
        } else {
            ("✗", i18n.t("spot-you-wrong"), t.warn)
        };
        doc.text_at(&format!("{mark} {what}. {verdict_text}"), style, 6);
        doc.markdown_at(&it.why, t.explain, 8);
        doc.gap();
    }
    doc.text(&i18n.t("tui-press-enter"), t.dim);
    doc.focus = Some(verdict..verdict + 1);
    ScreenView::new(String::new(), doc)
}
