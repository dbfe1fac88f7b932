//! The help overlay (`h` or F1 on every screen): the help lines for the
//! learner's region, what the program stores, and the keys of the screen
//! it was opened on (from that screen's table, so they are the keys that
//! work there).

use super::bindings::{self, Mode};
use super::doc::Doc;
use super::view::{Cx, ScreenView};
use crate::session::HelpView;

pub(crate) fn view(cx: &Cx<'_>, help: &HelpView<'_>, below: Mode) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    help_lines(&mut doc, cx, help);
    doc.gap();
    doc.text(&help.privacy.render(i18n), t.dim);
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
    ScreenView::new(help.title.render(i18n), doc)
}

/// The region's help lines: intro, then each service with its numbers.
pub(crate) fn help_lines(doc: &mut Doc, cx: &Cx<'_>, help: &HelpView<'_>) {
    let t = cx.theme;
    let i18n = cx.i18n;
    if let Some(intro) = help.intro {
        doc.markdown(intro, t.strong);
        doc.gap();
    }
    for e in &help.entries {
        doc.text(e.name, t.title);
        doc.markdown_at(e.about, t.explain, 2);
        for line in &e.lines {
            doc.text_at(&line.render(i18n), t.strong, 2);
        }
        doc.gap();
    }
    if let Some(none) = &help.none {
        doc.text(&none.render(i18n), t.strong);
    }
}
