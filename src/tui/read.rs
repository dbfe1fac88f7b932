//! A page to read: the Markdown subset, wrapped by us, scrolled with the
//! arrows and PgUp/PgDn when longer than the screen.

use super::doc::Doc;
use super::view::{Cx, ScreenView, push_heading};
use crate::session::StepView;

pub(crate) fn view(cx: &Cx<'_>, st: &StepView<'_>, text: &str) -> ScreenView {
    let t = cx.theme;
    let mut doc = Doc::new(cx.width);
    if let Some(title) = st.title {
        push_heading(&mut doc, title, t.title, cx.width);
        doc.gap();
    }
    doc.markdown(text, t.text);
    ScreenView::new(String::new(), doc)
}
