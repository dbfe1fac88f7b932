//! The help overlay (`h` or F1 on every screen): the help lines for the
//! learner's region, what the program stores, and the keys of the screen
//! it was opened on (from that screen's table, so they are the keys that
//! work there).

use super::bindings::{self, Mode};
use super::doc::Doc;
use super::view::{Cx, ScreenView};
use crate::course::Resources;
use crate::i18n::s as arg;

pub(crate) fn view(cx: &Cx<'_>, resources: Option<&Resources>, below: Mode) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    help_lines(&mut doc, cx, resources);
    doc.gap();
    doc.text(&i18n.t("help-privacy"), t.dim);
    doc.gap();
    doc.text(&i18n.t("tui-help-keys"), t.strong);
    let mut seen: Vec<&str> = Vec::new();
    for id in bindings::help_lines(below).chain(["tui-help-key-close-help"]) {
        if !seen.contains(&id) {
            seen.push(id);
            doc.markdown_at(&format!("- {}", i18n.t(id)), t.text, 2);
        }
    }
    if below != Mode::Profile {
        doc.markdown_at(&format!("- {}", i18n.t("tui-help-key-mouse")), t.text, 2);
    }
    ScreenView::new(i18n.t("tui-help-title"), doc)
}

/// The region's help lines: intro, then each service with its numbers.
pub(crate) fn help_lines(doc: &mut Doc, cx: &Cx<'_>, resources: Option<&Resources>) {
    let t = cx.theme;
    let i18n = cx.i18n;
    let Some(r) = resources.filter(|r| !r.items.is_empty() || r.intro.is_some()) else {
        doc.text(&i18n.t("help-none"), t.strong);
        return;
    };
    if let Some(intro) = &r.intro {
        doc.markdown(intro, t.strong);
        doc.gap();
    }
    for item in &r.items {
        doc.text(&item.name, t.title);
        doc.markdown_at(&item.about, t.explain, 2);
        let fields = [
            ("help-phone", "phone", &item.phone),
            ("help-sms", "sms", &item.sms),
            ("help-web", "web", &item.web),
            ("help-hours", "hours", &item.hours),
        ];
        for (id, name, value) in fields {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                doc.text_at(&i18n.ta(id, &[(name, arg(v.to_string()))]), t.strong, 2);
            }
        }
        doc.gap();
    }
    if r.items.is_empty() {
        doc.text(&i18n.t("help-none"), t.strong);
    }
}
