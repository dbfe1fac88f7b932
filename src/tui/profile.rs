//! Who is taking the course: type a nickname, which also finds it in the
//! list below. Only a nickname is asked, never a real name.

use ratatui::text::{Line, Span};

use super::doc::Doc;
use super::profile_field::{ProfileState, Row};
use super::view::{Cx, ScreenView, heading};
use super::wrap;
use crate::course::Course;
use crate::i18n::s as arg;

pub(crate) fn view(cx: &Cx<'_>, p: &ProfileState, course: &Course) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    for l in heading(&i18n.t("profile-title"), t.title, cx.width) {
        doc.push(l);
    }
    doc.text(&i18n.t("profile-intro"), t.text);
    if let Some(skipped) = &p.skipped {
        doc.text(skipped, t.dim);
    }
    doc.gap();
    let ask = if p.names.is_empty() {
        i18n.t("profile-ask")
    } else {
        i18n.t("tui-profile-find")
    };
    doc.text(&ask, t.dim);
    doc.gap();

    // The field: "Nickname: sam", the cursor after the text.
    let label = i18n.t("tui-profile-field").trim_end().to_string() + " ";
    let lw = wrap::str_width(&label);
    let avail = cx.width.saturating_sub(lw + 3).max(1);
    // Show the end of a long nickname.
    let mut shown: String = p.typed.clone();
    while wrap::str_width(&shown) > avail {
        shown.remove(0);
    }
    let field = doc.len();
    doc.push_at(
        Line::from(vec![
            Span::styled(label, t.strong),
            Span::styled(shown.clone(), t.selected),
        ]),
        2,
    );
    let cursor = Some((field, lw + wrap::str_width(&shown)));
    if let Some(e) = &p.error {
        doc.gap();
        doc.text_at(e, t.warn, 2);
    }
    doc.gap();

    let rows = p.rows();
    let hl_row = p.cursor.min(rows.len().saturating_sub(1));
    for (i, row) in rows.iter().enumerate() {
        let hl = i == hl_row;
        let style = if hl { t.strong } else { t.text };
        let r = match row {
            Row::Name(name) => doc.item(i, vec![], name, style, hl, t, 0),
            Row::New => doc.item(
                i,
                vec![Span::styled("+ ", t.selected)],
                &i18n.ta(
                    "tui-profile-make",
                    &[("name", arg(p.typed.trim().to_string()))],
                ),
                style,
                hl,
                t,
                0,
            ),
        };
        if hl {
            // The field and the highlighted row in view together when they fit.
            doc.context = Some(field..r.end);
            doc.focus = Some(r);
        }
    }
    if rows.is_empty() {
        doc.focus = Some(field..field + 1);
    }
    let mut v = ScreenView::new(course.title.clone(), doc);
    v.cursor = cursor;
    v
}
