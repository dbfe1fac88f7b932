//! Settings (`s` from home): the language and the colour theme. Both are
//! saved in the learner's record.

use ratatui::text::Span;

use super::app::App;
use super::doc::Doc;
use super::theme::ThemeName;
use super::view::{Cx, ScreenView};
use crate::host::Host;
use crate::text::sanitize_line;

/// The languages come from the host, which lists them when the course
/// loads (nothing is read from disk here).
pub(crate) fn view(cx: &Cx<'_>, app: &App, host: &Host, cursor: usize) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    let languages = host.languages();
    let in_use = host.language_index();
    let radio = |on: bool| {
        if on {
            Span::styled("(•) ", t.selected)
        } else {
            Span::raw("( ) ")
        }
    };
    let item = |doc: &mut Doc, i: usize, on: bool, label: &str| {
        let hl = i == cursor;
        let r = doc.item(
            i,
            vec![radio(on)],
            label,
            if hl { t.strong } else { t.text },
            hl,
            t,
            2,
        );
        if hl {
            doc.focus = Some(r);
        }
    };
    doc.text(&i18n.t("tui-settings-language"), t.strong);
    for (i, (_, name)) in languages.iter().enumerate() {
        item(&mut doc, i, in_use == Some(i), &sanitize_line(name));
    }
    doc.gap();
    doc.text(&i18n.t("tui-settings-theme"), t.strong);
    for (k, name) in ThemeName::ALL.iter().enumerate() {
        item(
            &mut doc,
            languages.len() + k,
            *name == app.theme_name(),
            &i18n.t(name.label_id()),
        );
    }
    if app.no_color {
        doc.gap();
        doc.text(&i18n.t("tui-settings-no-color-env"), t.dim);
    }
    ScreenView::new(i18n.t("tui-settings-title"), doc)
}
