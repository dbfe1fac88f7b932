//! Live preview (`--watch`) of a course with errors: the lint diagnostics
//! in place of the lesson, until the next change fixes them.

use ratatui::text::Line;

use super::doc::Doc;
use super::view::{Cx, ScreenView};
use crate::text::{escape_controls, sanitize_line};

pub(crate) fn view(cx: &Cx<'_>, diagnostics: &str) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    doc.text(&i18n.t("tui-watch-broken-intro"), t.strong);
    doc.gap();
    for raw in diagnostics.lines() {
        // rustc-style text: keep each line's indent (the `-->` and `|`
        // gutters), wrap the rest. Escaped again in case a caller did not.
        let line = sanitize_line(&escape_controls(raw));
        let body = line.trim_start();
        if body.is_empty() {
            doc.push(Line::default());
            continue;
        }
        let indent = (line.len() - body.len()).min(cx.width / 2) as u16;
        let style = if body.starts_with("error") {
            t.warn
        } else if body.starts_with("-->") {
            t.strong
        } else {
            t.text
        };
        doc.text_at(body, style, indent);
    }
    ScreenView::new(i18n.t("tui-watch-broken-title"), doc)
}
