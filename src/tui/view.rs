//! The frame: header (title, step n of m, a gauge), the body (a scrolling
//! [`Doc`]), a notice line, and the footer with the keys that work here.
//! Below 40x12 only a "make the window larger" message is drawn.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::{App, Overlay, Stage};
use super::bindings::{self, Mode, Show};
use super::doc::{self, Doc};
use super::scroll::{RenderInfo, ScrollState};
use super::theme::Theme;
use super::wrap;
use super::{broken, chat, help, home, note, profile, question, read, settings, spot, summary};
use crate::host::Host;
use crate::i18n::{I18n, num};
use crate::session::{ScreenView as Shown, Session, StepBody, help_view};

/// Below this size only the "make the window larger" message is drawn.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Lines longer than this are hard to read: wide terminals get a centred column.
const MAX_CONTENT_WIDTH: u16 = 100;

/// What screens need to build their body.
pub(crate) struct Cx<'a> {
    pub i18n: &'a I18n,
    pub theme: &'a Theme,
    /// Columns of the body.
    pub width: usize,
}

/// One screen, ready to lay out.
pub(crate) struct ScreenView {
    pub title: String,
    pub status: Option<String>,
    /// Progress gauge, 0 to 1.
    pub gauge: Option<f64>,
    pub doc: Doc,
    /// Open at the top, not where the highlight is (home: the welcome first).
    pub top_first: bool,
    /// The text cursor (line of the doc, column), for the nickname field.
    pub cursor: Option<(usize, usize)>,
}

impl ScreenView {
    pub fn new(title: String, doc: Doc) -> ScreenView {
        ScreenView {
            title,
            status: None,
            gauge: None,
            doc,
            top_first: false,
            cursor: None,
        }
    }
}

/// Draw the whole UI. Never panics, whatever the size.
pub fn draw(frame: &mut Frame<'_>, app: &mut App, host: &Host) {
    let area = frame.area();
    let theme = app.theme();
    let i18n = host.i18n();
    if theme.base != Style::default() {
        frame.buffer_mut().set_style(area, theme.base);
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame.buffer_mut(), area, i18n, &theme);
        app.last = RenderInfo::default();
        return;
    }
    let key = app.view_key();
    let fresh = app.scroll.key.as_ref() != Some(&key);
    if fresh {
        app.scroll = ScrollState {
            key: Some(key),
            offset: 0,
            manual: false,
        };
    }

    let margin = if area.width >= 60 { 2 } else { 1 };
    let cw = (area.width - 2 * margin).min(MAX_CONTENT_WIDTH);
    let x0 = area.x + (area.width - cw) / 2;
    let cx = Cx {
        i18n,
        theme: &theme,
        width: cw as usize,
    };
    let view = build(app, host, &cx);
    if fresh && view.top_first {
        // Stay at the top until the learner moves.
        app.scroll.manual = true;
    }
    let mode = app.mode();
    let list_len = app.list_len(host);

    let tall = area.height >= 20;
    let mut notes: Vec<Line<'static>> = Vec::new();
    for text in [app.notice.as_deref(), app.hint.as_deref()]
        .into_iter()
        .flatten()
    {
        notes.extend(wrap::wrap_plain(text, theme.notice, cw as usize));
    }
    notes.truncate(if tall { 3 } else { 2 });

    let header_h: u16 = 2 + u16::from(tall);
    let spacer: u16 = u16::from(tall);
    let fixed = header_h + notes.len() as u16 + spacer;
    // First guess the body height without scroll hints, then decide them.
    let preview = app.session().is_some_and(Session::is_preview);
    let hints = |overflow| footer_hints(mode, list_len, overflow, preview);
    let guess_footer = footer_lines(&hints(false), i18n, &theme, cw as usize);
    let guess_body = area
        .height
        .saturating_sub(fixed + guess_footer.len() as u16);
    let overflow = view.doc.len() > guess_body as usize;
    let mut footer = footer_lines(&hints(overflow), i18n, &theme, cw as usize);
    footer.truncate(2);
    // A long page keeps its last row to say, in words, that there is more.
    let body_h = area
        .height
        .saturating_sub(fixed + footer.len() as u16 + u16::from(overflow))
        .max(1);

    let buf = frame.buffer_mut();
    let mut y = area.y;
    header(buf, Rect::new(x0, y, cw, 2), &view, &theme);
    y += header_h;
    let body = Rect::new(x0, y, cw, body_h).intersection(area);
    let mut hits = Vec::new();
    let s = doc::render(
        buf,
        body,
        &view.doc,
        app.scroll.offset,
        !app.scroll.manual,
        &mut hits,
    );
    y += body_h;
    if overflow && y < area.bottom() {
        more_line(buf, Rect::new(x0, y, cw, 1), &s, i18n, &theme);
        y += 1;
    }
    for l in &notes {
        if y >= area.bottom() {
            break;
        }
        buf.set_line(x0, y, l, cw);
        y += 1;
    }
    let fy = area.bottom().saturating_sub(footer.len() as u16);
    for (i, l) in footer.iter().enumerate() {
        buf.set_line(x0, fy + i as u16, l, cw);
    }
    app.scroll.offset = s.offset;
    app.last = RenderInfo { body: s, hits };

    if let Some((line, col)) = view.cursor
        && line >= s.offset
        && line < s.offset + s.height
    {
        let indent = view.doc.lines.get(line).map_or(0, |l| l.indent);
        let cx = (body.x + indent).saturating_add(col as u16);
        let cy = body.y + (line - s.offset) as u16;
        if cx < body.right() && cy < body.bottom() {
            frame.set_cursor_position((cx, cy));
        }
    }
}

/// The "make the window larger" message, wrapped by us, cut to the area.
fn too_small(buf: &mut Buffer, area: Rect, i18n: &I18n, theme: &Theme) {
    let msg = i18n.ta(
        "tui-too-small",
        &[
            ("width", num(u32::from(MIN_WIDTH))),
            ("height", num(u32::from(MIN_HEIGHT))),
        ],
    );
    let lines = wrap::wrap_plain(&msg, theme.strong, area.width as usize);
    for (i, l) in lines.iter().take(area.height as usize).enumerate() {
        buf.set_line(area.x, area.y + i as u16, l, area.width);
    }
}

fn header(buf: &mut Buffer, area: Rect, view: &ScreenView, theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.height == 0 {
        return;
    }
    let w = area.width as usize;
    let status = view.status.as_deref().unwrap_or("");
    let sw = wrap::str_width(status);
    let title_w = if sw > 0 { w.saturating_sub(sw + 2) } else { w };
    let title = wrap::truncate(&view.title, title_w);
    buf.set_stringn(area.x, area.y, &title, title_w, theme.title);
    if sw > 0 && sw <= w {
        buf.set_stringn(area.right() - sw as u16, area.y, status, sw, theme.dim);
    }
    if area.height > 1 {
        let y = area.y + 1;
        match view.gauge {
            Some(f) => {
                let f = if f.is_finite() {
                    f.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let on = (f * w as f64).round() as usize;
                let (a, b) = if theme.colour {
                    ("━", "─")
                } else {
                    ("█", "░")
                };
                let line = Line::from(vec![
                    Span::styled(a.repeat(on), theme.gauge_on),
                    Span::styled(b.repeat(w - on.min(w)), theme.gauge_off),
                ]);
                buf.set_line(area.x, y, &line, area.width);
            }
            None => {
                buf.set_stringn(area.x, y, "─".repeat(w), w, theme.rule);
            }
        }
    }
}

/// Hints left out, in this order, so that the footer takes one line
/// (the help overlay still lists them).
const OPTIONAL: [&str; 6] = [
    "tui-keys-top-bottom",
    "tui-keys-first-last",
    "tui-keys-page-move",
    "tui-keys-digits",
    "tui-keys-page",
    "tui-keys-scroll",
];
/// Then, so that it takes at most two lines (help, quit and the main
/// action always stay).
const DROP_ORDER: [&str; 5] = [
    "tui-keys-back",
    "tui-keys-erase",
    "tui-keys-clear",
    "tui-keys-settings",
    "tui-keys-move",
];

/// One footer entry: a Fluent id and, for the digits, the last number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FooterHint {
    pub id: &'static str,
    pub max: Option<usize>,
}

/// The footer of a mode, from its table: every binding's hint, except
/// scrolling on a page that fits and digits without a list.
pub(crate) fn footer_hints(
    mode: Mode,
    list_len: usize,
    overflow: bool,
    preview: bool,
) -> Vec<FooterHint> {
    bindings::footer(mode)
        .filter(|(_, show)| match show {
            Show::Always => true,
            Show::WhenLong => overflow,
            Show::WithList => list_len > 0,
            Show::InPreview => preview,
        })
        .map(|(id, show)| FooterHint {
            id,
            max: (show == Show::WithList).then_some(list_len.min(9)),
        })
        .collect()
}

/// Lay the footer hints out, at most two lines: the least needed hints
/// are left out when they do not fit.
fn footer_lines(
    hints: &[FooterHint],
    i18n: &I18n,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut hints = hints.to_vec();
    let mut lines = lay_out_footer(&hints, i18n, theme, width);
    for (ids, most) in [(&OPTIONAL[..], 1), (&DROP_ORDER[..], 2)] {
        for id in ids {
            if lines.len() <= most {
                break;
            }
            hints.retain(|h| h.id != *id);
            lines = lay_out_footer(&hints, i18n, theme, width);
        }
    }
    lines
}

/// The row under a long page: "more below: PgDn" (or above, at the end).
fn more_line(buf: &mut Buffer, area: Rect, s: &doc::Scrolled, i18n: &I18n, theme: &Theme) {
    let text = if s.offset < s.max {
        i18n.t("tui-more-below")
    } else if s.offset > 0 {
        i18n.t("tui-more-above")
    } else {
        return;
    };
    let line = Line::from(Span::styled(
        wrap::truncate(&text, area.width as usize),
        theme.more,
    ));
    buf.set_line(area.x, area.y, &line, area.width);
}

fn lay_out_footer(
    hints: &[FooterHint],
    i18n: &I18n,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let texts: Vec<String> = hints
        .iter()
        .map(|h| match h.max {
            Some(m) => i18n.ta(h.id, &[("max", num(m as u32))]),
            None => i18n.t(h.id),
        })
        .collect();
    const GAP: usize = 2;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut cur_w = 0;
    for t in texts {
        let tw = wrap::str_width(&t);
        if cur_w > 0 && cur_w + GAP + tw > width {
            lines.push(Line::from(std::mem::take(&mut cur)));
            cur_w = 0;
        }
        if cur_w > 0 {
            cur.push(wrap::spaces(GAP));
            cur_w += GAP;
        }
        let (k, rest) = match t.split_once(' ') {
            Some((k, r)) => (k.to_string(), format!(" {r}")),
            None => (t.clone(), String::new()),
        };
        cur.push(Span::styled(k, theme.key));
        cur.push(Span::styled(rest, theme.footer));
        cur_w += tw;
    }
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    lines
}

/// The screen on top: an overlay, the profile picker, or the course.
fn build(app: &App, host: &Host, cx: &Cx<'_>) -> ScreenView {
    if let Some(diagnostics) = &app.broken {
        return broken::view(cx, diagnostics);
    }
    match app.overlays.last() {
        Some(Overlay::Help) => {
            let course = match &app.stage {
                Stage::Course(s) => s.course(),
                Stage::Profile(_) => host.course(),
            };
            return help::view(cx, &help_view(course), app.mode_below());
        }
        Some(Overlay::Settings { cursor }) if app.session().is_some() => {
            return settings::view(cx, app, host, *cursor);
        }
        _ => {}
    }
    match &app.stage {
        Stage::Profile(p) => profile::view(cx, p, host.course()),
        Stage::Course(s) => course_view(cx, s, app.cursor),
    }
}

/// A course screen, from the session's view (`cursor`: the highlight).
fn course_view(cx: &Cx<'_>, s: &Session, cursor: usize) -> ScreenView {
    let v = s.view();
    let mut sv = match &v.screen {
        // In a preview there is no learner to name.
        Shown::Home(h) => home::view(cx, h, cursor, (!v.preview).then_some(v.profile)),
        Shown::Note(n) => note::view(cx, n, cursor),
        Shown::Summary(sm) => summary::view(cx, sm),
        Shown::Step(st) => {
            let mut sv = match &st.body {
                StepBody::Read { text } => read::view(cx, st, text),
                StepBody::Chat(c) => chat::view(cx, st, c, cursor),
                StepBody::Spot(sp) => spot::view(cx, st, sp, cursor),
                StepBody::Question(q) => question::view(cx, st, q, cursor),
            };
            // The module title, "Step n of m" along the learner's path, a gauge.
            sv.title = st.module_title.to_string();
            sv.status = Some(st.counter.text().render(cx.i18n));
            sv.gauge = Some(st.counter.n as f64 / st.counter.total.max(1) as f64);
            sv
        }
    };
    if v.preview {
        // Nothing is saved: say so where the status goes (alone when the
        // screen has no status, never with a dangling "·").
        sv.status = Some(match sv.status.take().filter(|s| !s.trim().is_empty()) {
            Some(status) => cx
                .i18n
                .ta("tui-preview-status", &[("status", crate::i18n::s(status))]),
            None => cx.i18n.t("tui-preview-nothing-saved"),
        });
    }
    sv
}

/// A heading line.
pub(crate) fn heading(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap::wrap_plain(text, style, width)
}

/// Add a step's title, wrapped, to a document.
pub(crate) fn push_heading(doc: &mut Doc, text: &str, style: Style, width: usize) {
    for l in heading(text, style, width) {
        doc.push(l);
    }
}
