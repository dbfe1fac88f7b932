//! The end of a module: score, the objectives it covered, where to get help.

use super::doc::Doc;
use super::help::help_lines;
use super::home::percent;
use super::view::{Cx, ScreenView, heading};
use crate::i18n::{num, s as arg};
use crate::session::Session;

pub(crate) fn view(cx: &Cx<'_>, s: &Session, module: usize) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let course = s.course();
    let mut doc = Doc::new(cx.width);
    let m = course.modules.get(module);
    let title = m.map(|m| m.title.clone()).unwrap_or_default();
    for l in heading(
        &i18n.ta("summary-title", &[("module", arg(title.clone()))]),
        t.title,
        cx.width,
    ) {
        doc.push(l);
    }
    doc.gap();
    match s.score(module) {
        Some(x) => doc.text(
            &i18n.ta("summary-score", &[("percent", num(percent(x)))]),
            t.strong,
        ),
        None => doc.text(&i18n.t("summary-no-score"), t.dim),
    }
    let objectives = s.objectives_of(module);
    if !objectives.is_empty() {
        doc.gap();
        doc.text(&i18n.t("summary-objectives"), t.strong);
        for o in objectives {
            doc.markdown_at(&format!("- {}", course.objective_title(o)), t.text, 2);
        }
    }
    if s.all_complete() {
        doc.gap();
        // The course's own closing words, else a generic line.
        match &course.finish {
            Some(f) => doc.markdown(f, t.good),
            None => doc.text(&i18n.t("course-finished"), t.good),
        }
    }
    doc.gap();
    doc.text(&i18n.t("summary-help"), t.strong);
    doc.gap();
    help_lines(&mut doc, cx, Some(&course.resources));
    doc.gap();
    doc.text(&i18n.t("tui-summary-continue"), t.dim);

    let mut v = ScreenView::new(title, doc);
    v.status = Some(i18n.t("status-complete"));
    v.gauge = Some(1.0);
    v
}
