//! A module's content note: continue, skip this module, or get help.

use ratatui::text::Span;

use super::doc::Doc;
use super::view::{Cx, ScreenView, heading};
use crate::session::Session;

pub(crate) fn view(cx: &Cx<'_>, s: &Session, module: usize, cursor: usize) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let m = s.course().modules.get(module);
    let mut doc = Doc::new(cx.width);
    for l in heading(&i18n.t("note-title"), t.title, cx.width) {
        doc.push(l);
    }
    doc.gap();
    if let Some(note) = m.and_then(|m| m.content_note.as_deref()) {
        doc.markdown(note, t.text);
        doc.gap();
    }
    let options = [
        i18n.t("note-continue"),
        i18n.t("note-skip"),
        i18n.t("note-help"),
    ];
    for (i, o) in options.iter().enumerate() {
        let r = doc.item(
            i,
            vec![Span::styled(format!("{}. ", i + 1), t.dim)],
            o,
            if i == cursor { t.strong } else { t.text },
            i == cursor,
            t,
            0,
        );
        if i == cursor {
            doc.context = Some(0..r.end);
            doc.focus = Some(r);
        }
    }
    ScreenView::new(m.map(|m| m.title.clone()).unwrap_or_default(), doc)
}
