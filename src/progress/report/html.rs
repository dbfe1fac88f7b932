//! The class report as one self-contained HTML page: no scripts, no
//! external styles, fonts or images (a Content-Security-Policy forbids
//! loading anything), readable without JavaScript, printable on A4 and
//! Letter. Each chart is inline SVG with a title and description, and its
//! numbers are also in a table with a caption and headers.

use std::fmt::Write as _;

use super::Context;
use super::learner::{self, Learner};
use super::objective::{self, Objective};
use super::question::{self, Question};
use super::records::{self, CourseOutline, Row};
use super::safe::{self, visible};
use crate::cli::ProgressBy;
use crate::progress::store::ProfileData;

/// Text escaped for HTML (hidden characters first shown as escapes).
pub fn esc(raw: &str) -> String {
    let s = visible(raw);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #2b5c8a; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.meta { color: #444; margin-top: 0; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1.2rem; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0 1.2rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
ul.opts { margin: 0; padding-left: 1.1rem; }
.right { color: #1d6b35; font-weight: 600; }
svg { max-width: 100%; height: auto; display: block; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
.bar-done { fill: #2b5c8a; } .bar-rest { fill: #dde4ec; }
.bar-before { fill: #9aa7b4; } .bar-after { fill: #2b5c8a; }
.bar-right { fill: #2e8b57; }
.note { color: #444; font-size: 0.9rem; }
@page { margin: 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  tr, svg { break-inside: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// Width of a chart's drawing, in SVG units.
const W: usize = 640;
const LABEL: usize = 220;
const ROW: usize = 22;

/// Cut a chart label (the full text is in the table).
fn label(s: &str) -> String {
    esc(&safe::fit(s, 34))
}

/// A horizontal bar chart: one row per item with a share (0 to 1) and the
/// text drawn after the bar.
fn bars(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    rows: &[(String, Option<f64>, String)],
) {
    let h = ROW * rows.len().max(1) + 8;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
    let span = W - LABEL - 70;
    for (i, (name, share, value)) in rows.iter().enumerate() {
        let y = 4 + i * ROW;
        let fill = share.map_or(0, |s| (s.clamp(0.0, 1.0) * span as f64).round() as usize);
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect class=\"bar-rest\" x=\"{LABEL}\" y=\"{y}\" width=\"{span}\" height=\"14\"/><rect class=\"bar-done\" x=\"{LABEL}\" y=\"{y}\" width=\"{fill}\" height=\"14\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 12,
            label(name),
            LABEL + span + 6,
            y + 12,
            esc(value)
        );
    }
    out.push_str("</svg>\n");
}

/// Before and after bars per objective.
fn before_after(out: &mut String, ctx: &Context<'_>, rows: &[Objective]) {
    let h = 2 * ROW * rows.len().max(1) + 28;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-labelledby=\"ba-t ba-d\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"ba-t\">{}</title><desc id=\"ba-d\">{}</desc>",
        esc(&ctx.t("report-html-before-after-chart")),
        esc(&ctx.t("report-html-before-after-desc"))
    );
    let span = W - LABEL - 70;
    let _ = write!(
        out,
        "<rect class=\"bar-before\" x=\"{LABEL}\" y=\"2\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"12\">{}</text><rect class=\"bar-after\" x=\"{}\" y=\"2\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"12\">{}</text>",
        LABEL + 16,
        esc(&ctx.t("report-col-before")),
        LABEL + 120,
        LABEL + 136,
        esc(&ctx.t("report-col-after"))
    );
    for (i, o) in rows.iter().enumerate() {
        let y = 24 + i * 2 * ROW;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 16,
            label(&o.title)
        );
        for (k, (share, class)) in [(o.before, "bar-before"), (o.after, "bar-after")]
            .into_iter()
            .enumerate()
        {
            let yy = y + k * 18;
            let fill = share.map_or(0, |s| (s.clamp(0.0, 1.0) * span as f64).round() as usize);
            let value = share.map_or_else(|| "–".to_string(), |s| format!("{:.0}%", s * 100.0));
            let _ = write!(
                out,
                "<rect class=\"bar-rest\" x=\"{LABEL}\" y=\"{yy}\" width=\"{span}\" height=\"14\"/><rect class=\"{class}\" x=\"{LABEL}\" y=\"{yy}\" width=\"{fill}\" height=\"14\"/><text x=\"{}\" y=\"{}\">{}</text>",
                LABEL + span + 6,
                yy + 12,
                esc(&value)
            );
        }
    }
    out.push_str("</svg>\n");
}

/// A table: caption, header cells, rows of (already escaped) cells; `n`
/// marks number columns.
fn table(
    out: &mut String,
    caption: &str,
    headers: &[String],
    numeric: &[bool],
    rows: &[Vec<String>],
) {
    let _ = write!(out, "<table><caption>{}</caption><thead><tr>", esc(caption));
    for h in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for r in rows {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{c}</th>");
            } else if numeric.get(i).copied().unwrap_or(false) {
                let _ = write!(out, "<td class=\"n\">{c}</td>");
            } else {
                let _ = write!(out, "<td>{c}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{p:.0}%"))
}

fn check(c: Option<learner::Check>) -> String {
    c.map_or_else(
        || "–".to_string(),
        |c| format!("{}/{}", c.right, c.answered),
    )
}

fn learners_section(out: &mut String, ctx: &Context<'_>, rows: &[Learner]) {
    let _ = writeln!(
        out,
        "<section id=\"learners\"><h2>{}</h2>",
        esc(&ctx.t("report-html-learners"))
    );
    let chart: Vec<(String, Option<f64>, String)> = rows
        .iter()
        .map(|r| {
            (
                r.profile.clone(),
                safe::share(r.modules_complete, r.modules_total),
                format!("{}/{}", r.modules_complete, r.modules_total),
            )
        })
        .collect();
    bars(
        out,
        "learners-chart",
        &ctx.t("report-html-learners-chart"),
        &ctx.t("report-html-learners-desc"),
        &chart,
    );
    let headers = [
        ctx.t("report-col-learner"),
        ctx.t("report-col-course"),
        ctx.t("report-col-complete"),
        ctx.t("report-col-skipped"),
        ctx.t("report-col-right-first"),
        ctx.t("report-col-before"),
        ctx.t("report-col-after"),
        ctx.t("report-col-last-active"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                esc(&r.profile),
                esc(&r.course),
                format!("{}/{}", r.modules_complete, r.modules_total),
                if r.skipped.is_empty() {
                    "0".to_string()
                } else {
                    format!("{} ({})", r.skipped.len(), esc(&r.skipped.join(", ")))
                },
                format!(
                    "{}/{} ({})",
                    r.right_first_try,
                    r.answered,
                    pct(r.right_first_try_pct)
                ),
                check(r.before),
                check(r.after),
                esc(&records::table_time(ctx, r.last_active.as_deref())),
            ]
        })
        .collect();
    table(
        out,
        &ctx.t("report-html-learners-caption"),
        &headers,
        &[false, false, true, false, true, true, true, false],
        &cells,
    );
    out.push_str("</section>\n");
}

fn objectives_section(out: &mut String, ctx: &Context<'_>, rows: &[Objective]) {
    let _ = writeln!(
        out,
        "<section id=\"objectives\"><h2>{}</h2>",
        esc(&ctx.t("report-html-objectives"))
    );
    if rows.iter().any(|o| o.before.is_some() || o.after.is_some()) {
        before_after(out, ctx, rows);
    } else {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            esc(&ctx.t("report-html-no-checks"))
        );
    }
    let headers = [
        ctx.t("report-col-objective"),
        ctx.t("report-col-learners"),
        ctx.t("report-col-answered"),
        ctx.t("report-col-right-first"),
        ctx.t("report-col-before"),
        ctx.t("report-col-after"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|o| {
            vec![
                esc(&o.title),
                o.learners.to_string(),
                o.answered.to_string(),
                format!("{} ({})", o.right_first_try, pct(o.right_first_try_pct)),
                format!(
                    "{}/{} ({})",
                    o.before_right,
                    o.before_answered,
                    pct(o.before.map(|b| b * 100.0))
                ),
                format!(
                    "{}/{} ({})",
                    o.after_right,
                    o.after_answered,
                    pct(o.after.map(|a| a * 100.0))
                ),
            ]
        })
        .collect();
    table(
        out,
        &ctx.t("report-html-objectives-caption"),
        &headers,
        &[false, true, true, true, true, true],
        &cells,
    );
    out.push_str("</section>\n");
}

fn questions_section(out: &mut String, ctx: &Context<'_>, rows: &[Question]) {
    let _ = writeln!(
        out,
        "<section id=\"questions\"><h2>{}</h2>",
        esc(&ctx.t("report-html-questions"))
    );
    let chart: Vec<(String, Option<f64>, String)> = rows
        .iter()
        .map(|q| {
            (
                q.text.clone().unwrap_or_else(|| q.step.clone()),
                q.right_first_try_pct.map(|p| p / 100.0),
                pct(q.right_first_try_pct),
            )
        })
        .collect();
    bars(
        out,
        "questions-chart",
        &ctx.t("report-html-questions-chart"),
        &ctx.t("report-html-questions-desc"),
        &chart,
    );
    let headers = [
        ctx.t("report-col-question"),
        ctx.t("report-col-module"),
        ctx.t("report-col-answered"),
        ctx.t("report-col-right-first"),
        ctx.t("report-col-wrong"),
        ctx.t("report-col-options"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|q| {
            let mut opts = String::from("<ul class=\"opts\">");
            for o in &q.options {
                let text = o.text.clone().unwrap_or_else(|| format!("{}", o.index + 1));
                let mark = if o.correct == Some(true) {
                    format!(
                        " <span class=\"right\">({})</span>",
                        esc(&ctx.t("report-html-right"))
                    )
                } else {
                    String::new()
                };
                let _ = write!(opts, "<li>{}{mark}: {}</li>", esc(&text), o.chosen_first);
            }
            opts.push_str("</ul>");
            vec![
                esc(q.text.as_deref().unwrap_or(&q.step)),
                esc(&q.module_title),
                q.answered.to_string(),
                format!("{} ({})", q.right_first_try, pct(q.right_first_try_pct)),
                q.most_chosen_wrong.as_ref().map_or_else(
                    || "–".to_string(),
                    |w| format!("{} ({})", esc(&w.text), w.count),
                ),
                opts,
            ]
        })
        .collect();
    table(
        out,
        &ctx.t("report-html-questions-caption"),
        &headers,
        &[false, false, true, true, false, false],
        &cells,
    );
    out.push_str("</section>\n");
}

fn records_section(out: &mut String, ctx: &Context<'_>, rows: &[Row]) {
    let _ = writeln!(
        out,
        "<section id=\"records\"><h2>{}</h2>",
        esc(&ctx.t("report-html-records"))
    );
    let headers = [
        ctx.t("report-col-learner"),
        ctx.t("report-col-module"),
        ctx.t("report-col-status"),
        ctx.t("report-col-score"),
        ctx.t("report-col-started"),
        ctx.t("report-col-completed"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                esc(&r.profile),
                esc(&r.module),
                esc(&records::status_text(ctx, r.status)),
                pct(r.score.map(|s| s * 100.0)),
                esc(&records::table_time(ctx, r.started_at.as_deref())),
                esc(&records::table_time(ctx, r.completed_at.as_deref())),
            ]
        })
        .collect();
    table(
        out,
        &ctx.t("report-html-records-caption"),
        &headers,
        &[false, false, false, true, false, false],
        &cells,
    );
    out.push_str("</section>\n");
}

/// The page: every view (learners, before and after by objective,
/// questions), or only the one asked for with `--by`.
pub fn page(profiles: &[ProfileData], ctx: &Context<'_>, only: Option<ProgressBy>) -> String {
    let ids = ctx.course_ids(profiles);
    let titles: Vec<String> = ids
        .iter()
        .map(|id| {
            ctx.course(id)
                .map_or_else(|| id.clone(), |c| c.title.clone())
        })
        .collect();
    let title = titles.join(", ");
    let now = jiff::Timestamp::now();
    let date = safe::local_short(now, &ctx.tz);
    let lang = esc(ctx.i18n.lang());
    let heading = ctx.t("report-html-title");
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{} – {} – {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>{}: {}</h1><p class=\"meta\">{}</p></header>",
        esc(&heading),
        esc(&title),
        esc(&date),
        esc(&heading),
        esc(&title),
        esc(&ctx.i18n.ta(
            "report-html-made",
            &[
                ("date", crate::i18n::s(date.clone())),
                ("learners", crate::i18n::num(profiles.len() as f64)),
            ]
        )),
    );
    let show = |b: ProgressBy| only.is_none_or(|o| o == b);
    if only.is_none() {
        let _ = writeln!(
            out,
            "<nav aria-label=\"{}\"><ul><li><a href=\"#learners\">{}</a></li><li><a href=\"#objectives\">{}</a></li><li><a href=\"#questions\">{}</a></li></ul></nav>",
            esc(&ctx.t("report-html-contents")),
            esc(&ctx.t("report-html-learners")),
            esc(&ctx.t("report-html-objectives")),
            esc(&ctx.t("report-html-questions")),
        );
    }
    out.push_str("<main>\n");
    if show(ProgressBy::Learner) {
        learners_section(&mut out, ctx, &learner::build(profiles, ctx));
    }
    if show(ProgressBy::Objective) {
        objectives_section(&mut out, ctx, &objective::build(profiles, ctx));
    }
    if show(ProgressBy::Question) {
        questions_section(&mut out, ctx, &question::build(profiles, ctx));
    }
    if only == Some(ProgressBy::Record) {
        let outlines: Vec<CourseOutline> = ctx.courses.iter().map(CourseOutline::of).collect();
        records_section(&mut out, ctx, &records::rows(profiles, &outlines));
    }
    let _ = writeln!(
        out,
        "</main>\n<footer><p class=\"note\">{}</p></footer>\n</body>\n</html>",
        esc(&ctx.t("report-html-footer"))
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_hidden_characters() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(esc("bob\u{200b}"), "bob\\u{200b}");
        assert_eq!(esc("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }
}
