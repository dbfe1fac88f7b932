//! Who is taking the course: pick a nickname or make a new one. Only a
//! nickname is asked, never a real name.

use ratatui::text::{Line, Span};

use super::app::ProfileState;
use super::doc::Doc;
use super::keys::{self, hint};
use super::view::{Cx, PAGE, ScreenView, heading};
use super::wrap;
use crate::course::Course;

pub(crate) fn view(cx: &Cx<'_>, p: &ProfileState, course: Option<&Course>) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    for l in heading(&i18n.t("profile-title"), t.title, cx.width) {
        doc.push(l);
    }
    doc.text(&i18n.t("profile-intro"), t.text);
    doc.gap();
    let mut cursor = None;
    let footer;
    if let Some(typed) = &p.typing {
        doc.text(&i18n.t("profile-ask"), t.dim);
        doc.gap();
        // The field: "Nickname: sam", the cursor after the text.
        let label = i18n.t("tui-profile-field").trim_end().to_string() + " ";
        let lw = wrap::str_width(&label);
        let avail = cx.width.saturating_sub(lw + 3).max(1);
        // Show the end of a long nickname.
        let mut shown: String = typed.clone();
        while wrap::str_width(&shown) > avail {
            shown.remove(0);
        }
        let line = doc.len();
        doc.push_at(
            Line::from(vec![
                Span::styled(label, t.strong),
                Span::styled(shown.clone(), t.selected),
            ]),
            2,
        );
        cursor = Some((line, lw + wrap::str_width(&shown)));
        if let Some(e) = &p.error {
            doc.gap();
            doc.text_at(e, t.warn, 2);
        }
        doc.focus = Some(line..doc.len());
        let mut f = vec![hint("tui-keys-save-name")];
        if !p.names.is_empty() {
            f.push(hint("tui-keys-cancel"));
        }
        f.push(hint("tui-keys-help-f1"));
        f.push(hint("tui-keys-interrupt"));
        footer = f;
    } else {
        for (i, name) in p.names.iter().enumerate() {
            let hl = i == p.cursor;
            let r = doc.item(
                i,
                vec![],
                name,
                if hl { t.strong } else { t.text },
                hl,
                t,
                0,
            );
            if hl {
                doc.focus = Some(r);
            }
        }
        let i = p.names.len();
        let hl = p.cursor == i;
        let r = doc.item(
            i,
            vec![Span::styled("+ ", t.selected)],
            &i18n.t("profile-new"),
            if hl { t.strong } else { t.text },
            hl,
            t,
            0,
        );
        if hl {
            doc.focus = Some(r);
        }
        if let Some(e) = &p.error {
            doc.gap();
            doc.text(e, t.warn);
        }
        footer = [
            Some(hint("tui-keys-move")),
            Some(hint("tui-keys-choose")),
            keys::digits(p.names.len() + 1),
            Some(PAGE),
            Some(hint("tui-keys-help")),
            Some(hint("tui-keys-quit")),
        ]
        .into_iter()
        .flatten()
        .collect();
    }
    let title = course
        .map(|c| c.title.clone())
        .unwrap_or_else(|| i18n.t("tui-app-name"));
    let mut v = ScreenView::new(title, doc);
    v.footer = footer;
    v.cursor = cursor;
    v
}
