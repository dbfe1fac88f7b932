//! Home: the course title, overall progress, every module with its status,
//! score and length; Enter resumes (the highlight starts on the module to
//! resume).

use ratatui::text::{Line, Span};

use super::doc::{DocLine, Target};
use super::view::{Cx, ScreenView};
use super::wrap::{self, str_width};
use crate::i18n::s as arg;
use crate::progress::Status;
use crate::session::{HomeView, Text};
use crate::text::sanitize_line;

/// Below this width a module takes two lines (title, then details).
const ONE_LINE_MIN_WIDTH: usize = 64;

pub(crate) fn view(
    cx: &Cx<'_>,
    h: &HomeView<'_>,
    cursor: usize,
    profile: Option<&str>,
) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = super::doc::Doc::new(cx.width);

    if let Some(name) = profile {
        doc.text(
            &i18n.ta("tui-home-profile", &[("name", arg(sanitize_line(name)))]),
            t.dim,
        );
        doc.gap();
    }
    if let Some(w) = h.welcome {
        doc.markdown(w, t.text);
        doc.gap();
    }
    let list_start = doc.len();
    doc.text(&h.left.render(i18n), t.strong);
    doc.gap();

    let status_style = |st: Status| match st {
        Status::NotStarted => t.dim,
        Status::InProgress => t.selected,
        Status::Complete => t.good,
    };
    let render = |x: &Option<Text>| x.as_ref().map(|x| x.render(i18n)).unwrap_or_default();
    let rows: Vec<Row> = h
        .rows
        .iter()
        .map(|r| {
            let mut title = r.title.to_string();
            if let Some(n) = &r.not_translated {
                title.push(' ');
                title.push_str(&n.render(i18n));
            }
            Row {
                number: format!("{}. ", r.number),
                title,
                status: r.status_text.render(i18n),
                status_style: status_style(r.status),
                score: render(&r.score_text),
                minutes: render(&r.minutes_text),
            }
        })
        .collect();

    let num_w = rows.iter().map(|r| str_width(&r.number)).max().unwrap_or(0);
    let status_w = rows.iter().map(|r| str_width(&r.status)).max().unwrap_or(0);
    let score_w = rows.iter().map(|r| str_width(&r.score)).max().unwrap_or(0);
    let min_w = rows
        .iter()
        .map(|r| str_width(&r.minutes))
        .max()
        .unwrap_or(0);
    let cols = |w: usize| if w > 0 { w + 2 } else { 0 };
    let details_w = cols(status_w) + cols(score_w) + cols(min_w);
    let title_w = cx.width.saturating_sub(2 + num_w + details_w);
    let one_line = cx.width >= ONE_LINE_MIN_WIDTH && title_w >= 16;

    for (i, r) in rows.iter().enumerate() {
        let hl = i == cursor;
        let start = doc.len();
        let marker = if hl {
            Span::styled("› ", t.marker)
        } else {
            Span::raw("  ")
        };
        let num_span = Span::styled(format!("{:<num_w$}", r.number), t.dim);
        if one_line {
            // The title wraps within its column (never cut): the details
            // stay on its first row.
            let style = if hl { t.strong } else { t.text };
            let title_lines = wrap::wrap_plain(&r.title, style, title_w);
            for (li, tl) in title_lines.iter().enumerate() {
                let pad = title_w.saturating_sub(wrap::line_width(tl));
                let mut spans = if li == 0 {
                    vec![marker.clone(), num_span.clone()]
                } else {
                    vec![wrap::spaces(2 + num_w)]
                };
                spans.extend(tl.spans.iter().cloned());
                if li == 0 {
                    spans.push(wrap::spaces(pad));
                    for (text, w, style) in [
                        (&r.status, status_w, r.status_style),
                        (&r.score, score_w, t.text),
                        (&r.minutes, min_w, t.dim),
                    ] {
                        if w > 0 {
                            let p = w.saturating_sub(str_width(text));
                            spans.push(Span::raw("  "));
                            spans.push(Span::styled(text.clone(), style));
                            spans.push(wrap::spaces(p));
                        }
                    }
                }
                doc.lines.push(DocLine {
                    line: Line::from(spans),
                    indent: 0,
                    fill: hl.then_some(t.cursor),
                    target: Some(Target(i)),
                });
            }
        } else {
            let lead = vec![num_span];
            doc.item(
                i,
                lead,
                &r.title,
                if hl { t.strong } else { t.text },
                hl,
                t,
                0,
            );
            let mut details = vec![r.status.clone()];
            details.extend(
                [r.score.clone(), r.minutes.clone()]
                    .into_iter()
                    .filter(|x| !x.is_empty()),
            );
            let indent = (2 + num_w) as u16;
            let w = cx.width.saturating_sub(indent as usize).max(1);
            for l in super::wrap::wrap_plain(&details.join(" · "), r.status_style, w) {
                doc.lines.push(DocLine {
                    line: l,
                    indent,
                    fill: hl.then_some(t.cursor),
                    target: Some(Target(i)),
                });
            }
        }
        if hl {
            doc.focus = Some(start..doc.len());
        }
    }
    doc.gap();
    // "Press Enter to continue with ..." only while Enter does that: the
    // highlight moved to another module opens that one instead.
    if let Some(line) = h.resume_line.as_ref().filter(|_| cursor == h.resume) {
        doc.text(&line.render(i18n), t.dim);
    }
    // The whole list in view when it fits, even if the welcome scrolls up.
    doc.context = Some(list_start..doc.len());

    let mut v = ScreenView::new(h.title.to_string(), doc);
    v.status = Some(h.progress.render(i18n));
    let done = h
        .rows
        .iter()
        .filter(|r| r.status == Status::Complete)
        .count();
    v.gauge = Some(done as f64 / h.rows.len().max(1) as f64);
    v.top_first = true;
    v
}

struct Row {
    number: String,
    title: String,
    status: String,
    status_style: ratatui::style::Style,
    score: String,
    minutes: String,
}
