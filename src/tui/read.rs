//! A page to read: the Markdown subset, wrapped by us, scrolled with the
//! arrows and PgUp/PgDn when longer than the screen.

use super::doc::Doc;
use super::view::{Cx, ScreenView, push_heading};
use crate::course::StepKind;
use crate::session::Session;

pub(crate) fn view(cx: &Cx<'_>, s: &Session, module: usize, step: usize) -> ScreenView {
    let t = cx.theme;
    let mut doc = Doc::new(cx.width);
    let st = s
        .course()
        .modules
        .get(module)
        .and_then(|m| m.steps.get(step));
    if let Some(st) = st {
        if let Some(title) = &st.title {
            push_heading(&mut doc, title, t.title, cx.width);
            doc.gap();
        }
        if let StepKind::Read { text } = &st.kind {
            doc.markdown(text, t.text);
        }
    }
    ScreenView::new(String::new(), doc)
}
