//! Settings (`s` from home): the language and the colour theme. Both are
//! saved in the learner's record.

use ratatui::text::Span;

use super::app::App;
use super::doc::Doc;
use super::keys::hint;
use super::theme::ThemeName;
use super::view::{Cx, PAGE, ScreenView};
use crate::session::Session;
use crate::text::sanitize_line;

pub(crate) fn view(
    cx: &Cx<'_>,
    s: &Session,
    languages: &[(String, String)],
    app: &App,
    cursor: usize,
) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    let current_lang = s
        .record()
        .settings
        .lang
        .clone()
        .unwrap_or_else(|| s.course().locale.clone());
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
    let exact = languages.iter().any(|(tag, _)| *tag == current_lang);
    for (i, (tag, name)) in languages.iter().enumerate() {
        let on = if exact {
            *tag == current_lang
        } else {
            current_lang.starts_with(&format!("{tag}-"))
        };
        item(&mut doc, i, on, &sanitize_line(name));
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
    let mut v = ScreenView::new(i18n.t("tui-settings-title"), doc);
    v.footer = vec![
        hint("tui-keys-move"),
        hint("tui-keys-apply"),
        PAGE,
        hint("tui-keys-close"),
        hint("tui-keys-help"),
        hint("tui-keys-quit"),
    ];
    v
}
