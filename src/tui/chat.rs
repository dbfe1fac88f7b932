//! A simulated chat, drawn like a messaging app: their bubbles on the left
//! under the contact's name, yours on the right, notes centred. Messages
//! appear one by one; then the learner marks the ones that worry them, the
//! real warning signs are shown with their `why`, and finally the learner
//! chooses what to do and reads the feedback.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::doc::{Doc, DocLine, Target};
use super::theme::Theme;
use super::view::{Cx, ScreenView, push_heading};
use super::wrap;
use crate::course::Speaker;
use crate::session::{ChatLine, ChatStage, ChatView, SignLine, StepView};

/// Columns left of the bubbles: the `›[x] ` of marking.
const GUTTER: usize = 5;

pub(crate) fn view(cx: &Cx<'_>, st: &StepView<'_>, c: &ChatView<'_>, cursor: usize) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    if let Some(title) = st.title {
        push_heading(&mut doc, title, t.title, cx.width);
    }
    if let Some(f) = c.framing {
        doc.markdown(f, t.explain);
    }
    doc.gap();
    doc.text(&c.with.render(i18n), t.contact);
    doc.rule(t);

    let prompt_start = doc.len();
    let (flagging, none_item) = match &c.stage {
        ChatStage::Flag {
            prompt,
            items,
            none_number,
            none_text,
        } => {
            doc.text(&prompt.render(i18n), t.strong);
            doc.gap();
            (Some(items.len()), Some((*none_number, none_text)))
        }
        ChatStage::Signs { title, .. } => {
            let h = doc.len();
            doc.text(&title.render(i18n), t.strong);
            doc.text(&i18n.t("tui-chat-signs-intro"), t.dim);
            doc.focus = Some(h..doc.len());
            doc.gap();
            (None, None)
        }
        _ => (None, None),
    };
    let signs: &[SignLine<'_>] = match &c.stage {
        ChatStage::Signs { signs, .. } => signs,
        _ => &[],
    };
    let marking = flagging.is_some() || !signs.is_empty();

    let bubbles = Bubbles {
        theme: t,
        width: cx.width,
        contact: c.contact,
        you: i18n.t("chat-you"),
    };
    let mut last_range = doc.len()..doc.len();
    let mut prev: Option<Speaker> = None;
    for line in &c.lines {
        let highlighted = flagging.is_some() && line.flag_number == Some(cursor + 1);
        if prev != Some(line.from) {
            doc.gap();
        }
        let start = doc.len();
        let mark = line
            .flag_number
            .filter(|_| marking)
            .map(|n| (n - 1, line.flagged));
        bubbles.message(&mut doc, line, prev != Some(line.from), mark, highlighted);
        let msg_range = start..doc.len();
        if let Some(sign) = signs.iter().find(|s| s.index == line.index) {
            sign_notes(&mut doc, cx, sign);
        }
        if highlighted {
            doc.focus = Some(msg_range.clone());
            doc.context = Some(prompt_start..msg_range.end);
        }
        last_range = start..doc.len();
        prev = Some(line.from);
    }
    doc.gap();

    match &c.stage {
        ChatStage::Reveal => {
            let hint_at = doc.len();
            if let Some(more) = &c.more {
                doc.text(&more.render(i18n), t.dim);
            }
            doc.focus = Some(last_range.start..doc.len().max(hint_at));
        }
        ChatStage::Flag { .. } => {
            if let (Some(n), Some((number, text))) = (flagging, none_item) {
                let hl = cursor == n;
                let r = doc.item(
                    n,
                    vec![Span::styled(format!("{number}. "), t.dim)],
                    &text.render(i18n),
                    if hl { t.strong } else { t.text },
                    hl,
                    t,
                    0,
                );
                if hl {
                    doc.focus = Some(r);
                }
            }
            doc.gap();
            doc.text(&i18n.t("tui-chat-flag-done"), t.dim);
        }
        ChatStage::Signs { .. } | ChatStage::Done => {
            let p = doc.len();
            doc.text(&i18n.t("tui-press-enter"), t.dim);
            if matches!(c.stage, ChatStage::Done) {
                doc.focus = Some(p..doc.len());
            }
        }
        ChatStage::Choose { prompt, items } => {
            doc.rule(t);
            let p = doc.len();
            doc.text(&prompt.render(i18n), t.strong);
            doc.gap();
            for (pos, it) in items.iter().enumerate() {
                let hl = pos == cursor;
                let r = doc.item(
                    pos,
                    vec![Span::styled(format!("{}. ", it.number), t.dim)],
                    it.text,
                    if hl { t.strong } else { t.text },
                    hl,
                    t,
                    0,
                );
                if hl {
                    doc.focus = Some(r);
                }
            }
            doc.context = Some(p..doc.len());
        }
        ChatStage::Feedback(ch) => {
            doc.rule(t);
            let p = doc.len();
            doc.text(&ch.label.render(i18n), t.dim);
            doc.markdown_at(ch.text, t.strong, 2);
            doc.gap();
            let (mark, style) = if ch.safe {
                ("✓", t.good)
            } else {
                ("•", t.warn)
            };
            let verdict = format!("{mark} {}", ch.verdict.render(i18n));
            doc.text(&verdict, style);
            doc.markdown(ch.feedback, t.explain);
            doc.gap();
            let next = match &ch.again {
                Some(again) => again.render(i18n),
                None => i18n.t("tui-press-enter"),
            };
            doc.text(&next, t.dim);
            doc.focus = Some(p..doc.len());
        }
    }
    ScreenView::new(String::new(), doc)
}

/// Draws message bubbles.
struct Bubbles<'a> {
    theme: &'a Theme,
    width: usize,
    contact: &'a str,
    you: String,
}

impl Bubbles<'_> {
    /// The columns bubbles may use (right of the gutter).
    fn area(&self) -> usize {
        self.width.saturating_sub(GUTTER).max(1)
    }

    fn max_bubble(&self) -> usize {
        let a = self.area();
        (a * 3 / 4).max(a.min(24)).max(1)
    }

    /// Add message `i`: the speaker's name when it changes, then the bubble.
    /// `mark`: the `[x]`/`[ ]` box when marking.
    fn message(
        &self,
        doc: &mut Doc,
        m: &ChatLine<'_>,
        label: bool,
        mark: Option<(usize, bool)>,
        highlighted: bool,
    ) {
        let t = self.theme;
        let area = self.area();
        let fill = highlighted.then_some(t.cursor);
        let target = mark.map(|(pos, _)| Target(pos));
        let mark = mark.map(|(_, on)| on);
        let push = |doc: &mut Doc, spans: Vec<Span<'static>>| {
            doc.lines.push(DocLine {
                line: Line::from(spans),
                indent: 0,
                fill,
                target,
            });
        };
        let gutter = |first: bool| -> Vec<Span<'static>> {
            let lead = if highlighted && first {
                Span::styled("›", t.marker)
            } else {
                Span::raw(" ")
            };
            match (first, mark) {
                (true, Some(true)) => vec![lead, Span::styled("[x] ", t.selected)],
                (true, Some(false)) => vec![lead, Span::raw("[ ] ")],
                _ => vec![lead, wrap::spaces(GUTTER - 1)],
            }
        };
        match m.from {
            Speaker::Them => {
                let inner = self.max_bubble().saturating_sub(2).max(1);
                let lines = wrap::markdown(m.text, t.them, inner);
                if label {
                    let name = wrap::truncate(self.contact, area);
                    doc.push(Line::from(vec![
                        wrap::spaces(GUTTER),
                        Span::styled(name, t.contact),
                    ]));
                }
                for (k, l) in lines.into_iter().enumerate() {
                    let mut spans = gutter(k == 0);
                    spans.push(Span::styled("┃ ", t.them_bar));
                    spans.extend(l.spans);
                    push(doc, spans);
                }
            }
            Speaker::You => {
                let inner = self.max_bubble().saturating_sub(2).max(1);
                let lines = wrap::markdown_sized(m.text, t.you, inner);
                let bubble_w = lines.iter().map(|(_, w)| *w).max().unwrap_or(0) + 2;
                let lines = lines.iter().cloned();
                let left = area.saturating_sub(bubble_w);
                if label {
                    let name = wrap::truncate(&self.you, area);
                    let pad = area.saturating_sub(wrap::str_width(&name));
                    doc.push(Line::from(vec![
                        wrap::spaces(GUTTER + pad),
                        Span::styled(name, t.strong),
                    ]));
                }
                for (k, (l, lw)) in lines.into_iter().enumerate() {
                    let pad = bubble_w.saturating_sub(2 + lw);
                    let mut spans = gutter(k == 0);
                    spans.push(wrap::spaces(left));
                    spans.extend(l.spans);
                    spans.push(wrap::spaces(pad));
                    spans.push(Span::styled(" ┃", t.you_bar));
                    push(doc, spans);
                }
            }
            Speaker::Note => {
                let inner = self.max_bubble();
                let lines = wrap::markdown_sized(m.text, t.note, inner);
                for (k, (l, lw)) in lines.iter().cloned().enumerate() {
                    let pad = area.saturating_sub(lw) / 2;
                    let mut spans = gutter(k == 0);
                    spans.push(wrap::spaces(pad));
                    spans.extend(l.spans);
                    push(doc, spans);
                }
            }
        }
    }
}

/// Under a message, once the signs are revealed: found, missed or not a
/// sign, and why.
fn sign_notes(doc: &mut Doc, cx: &Cx<'_>, sign: &SignLine<'_>) {
    let t = cx.theme;
    let indent = (GUTTER + 2) as u16;
    let (glyph, style): (&str, Style) = match (sign.sign, sign.flagged) {
        (true, true) => ("✓", t.good),
        (true, false) => ("!", t.warn),
        _ => ("·", t.dim),
    };
    doc.text_at(
        &format!("{glyph} {}", sign.mark.render(cx.i18n)),
        style,
        indent,
    );
    if let Some(why) = sign.why {
        doc.markdown_at(why, t.explain, indent + 2);
    }
}
