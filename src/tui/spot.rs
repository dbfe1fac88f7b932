//! Spot the warning signs: tick items, check, then each item (in the order
//! shown) is marked right or wrong with its `why`.

use ratatui::text::Span;

use super::doc::Doc;
use super::theme::Theme;
use super::view::{Cx, ScreenView, push_heading};
use crate::session::{SpotView, StepView};

fn checkbox(sel: bool, t: &Theme) -> Span<'static> {
    if sel {
        Span::styled("[x] ", t.selected)
    } else {
        Span::raw("[ ] ")
    }
}

pub(crate) fn view(cx: &Cx<'_>, st: &StepView<'_>, sp: &SpotView<'_>, cursor: usize) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    if let Some(title) = st.title {
        push_heading(&mut doc, title, t.title, cx.width);
        doc.gap();
    }
    let text_start = doc.len();
    doc.markdown(sp.text, t.strong);
    doc.gap();

    let Some(result) = &sp.result else {
        doc.text(&sp.instruction.render(i18n), t.dim);
        doc.gap();
        for (pos, it) in sp.items.iter().enumerate() {
            let hl = pos == cursor;
            let r = doc.item(
                pos,
                vec![
                    checkbox(it.selected, t),
                    Span::styled(format!("{}. ", it.number), t.dim),
                ],
                it.text,
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
        if let Some(n) = &st.neutral {
            doc.gap();
            doc.text(&n.render(i18n), t.dim);
        }
        return ScreenView::new(String::new(), doc);
    };

    let verdict = doc.len();
    if result.all_right {
        doc.text(&format!("✓ {}", result.headline.render(i18n)), t.good);
    } else {
        doc.text(&format!("• {}", result.headline.render(i18n)), t.warn);
    }
    doc.gap();
    for (pos, line) in result.lines.iter().enumerate() {
        doc.item(
            pos,
            vec![
                checkbox(line.selected, t),
                Span::styled(format!("{}. ", line.number), t.dim),
            ],
            line.text,
            if line.selected { t.strong } else { t.text },
            false,
            t,
            0,
        );
        let ok = line.selected == line.sign;
        let (mark, style) = if ok { ("✓", t.good) } else { ("✗", t.warn) };
        let what = format!(
            "{mark} {}. {}",
            line.kind.render(i18n),
            line.you.render(i18n)
        );
        doc.text_at(&what, style, 6);
        doc.markdown_at(line.why, t.explain, 8);
        doc.gap();
    }
    doc.text(&i18n.t("tui-press-enter"), t.dim);
    doc.focus = Some(verdict..verdict + 1);
    ScreenView::new(String::new(), doc)
}
