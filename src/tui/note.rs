//! A module's content note: continue, skip this module, or get help.

use ratatui::text::Span;

use super::doc::Doc;
use super::view::{Cx, ScreenView, heading};
use crate::session::NoteView;

pub(crate) fn view(cx: &Cx<'_>, n: &NoteView<'_>, cursor: usize) -> ScreenView {
    let t = cx.theme;
    let mut doc = Doc::new(cx.width);
    for l in heading(&n.title.render(cx.i18n), t.title, cx.width) {
        doc.push(l);
    }
    doc.gap();
    if !n.note.is_empty() {
        doc.markdown(n.note, t.text);
        doc.gap();
    }
    for (i, o) in n.items.iter().enumerate() {
        let hl = i == cursor;
        let r = doc.item(
            i,
            vec![Span::styled(format!("{}. ", i + 1), t.dim)],
            &o.render(cx.i18n),
            if hl { t.strong } else { t.text },
            hl,
            t,
            0,
        );
        if hl {
            doc.context = Some(0..r.end);
            doc.focus = Some(r);
        }
    }
    ScreenView::new(n.module_title.to_string(), doc)
}
