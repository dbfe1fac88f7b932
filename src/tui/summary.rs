//! The end of a module: "n of m right first time", the objectives it
//! covered, the course's closing words once everything is done, and where
//! to get help.

use super::doc::Doc;
use super::help::help_lines;
use super::view::{Cx, ScreenView, heading};
use crate::session::{SummaryView, Words};

pub(crate) fn view(cx: &Cx<'_>, s: &SummaryView<'_>) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    for l in heading(&s.title.render(i18n), t.title, cx.width) {
        doc.push(l);
    }
    doc.gap();
    let style = if s.score.is_some() { t.strong } else { t.dim };
    doc.text(&s.score_text.render(i18n), style);
    if let Some(ba) = &s.before_after {
        doc.text(&ba.render(i18n), t.strong);
    }
    if let Some(title) = &s.objectives_title {
        doc.gap();
        doc.text(&title.render(i18n), t.strong);
        for o in &s.objectives {
            doc.markdown_at(&format!("- {o}"), t.text, 2);
        }
    }
    if let Some(closing) = &s.closing {
        doc.gap();
        match closing {
            Words::Lesson(f) => doc.markdown(f, t.good),
            Words::Ui(text) => doc.text(&text.render(i18n), t.good),
        }
    }
    doc.gap();
    doc.text(&s.help_title.render(i18n), t.strong);
    doc.gap();
    help_lines(&mut doc, cx, &s.help);
    doc.gap();
    doc.text(&i18n.t("tui-summary-continue"), t.dim);

    let mut v = ScreenView::new(s.module_title.to_string(), doc);
    v.status = Some(i18n.t("status-complete"));
    v.gauge = Some(1.0);
    v
}
