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
use crate::course::{Message, Speaker, StepKind};
use crate::i18n::s as arg;
use crate::session::{ChatPhase, ChatState, Session};

/// Columns left of the bubbles: the `›[x] ` of marking.
const GUTTER: usize = 5;

pub(crate) fn view(
    cx: &Cx<'_>,
    s: &Session,
    module: usize,
    step: usize,
    c: &ChatState,
) -> ScreenView {
    let t = cx.theme;
    let i18n = cx.i18n;
    let mut doc = Doc::new(cx.width);
    let st = s
        .course()
        .modules
        .get(module)
        .and_then(|m| m.steps.get(step));
    let Some((st, contact, framing, messages, choices)) = st.and_then(|st| match &st.kind {
        StepKind::Chat {
            contact,
            text,
            messages,
            choices,
        } => Some((st, contact, text, messages, choices)),
        _ => None,
    }) else {
        return ScreenView::new(String::new(), doc);
    };

    if let Some(title) = &st.title {
        push_heading(&mut doc, title, t.title, cx.width);
    }
    if let Some(f) = framing {
        doc.markdown(f, t.dim);
    }
    doc.gap();
    doc.text(
        &i18n.ta("tui-chat-header", &[("contact", arg(contact.clone()))]),
        t.contact,
    );
    doc.rule(t);

    let prompt_start = doc.len();
    match c.phase {
        ChatPhase::Flag => {
            doc.text(&i18n.t("chat-flag-prompt"), t.strong);
            doc.text(&i18n.t("chat-flag-none"), t.dim);
            doc.gap();
        }
        ChatPhase::Signs => {
            let h = doc.len();
            doc.text(&i18n.t("chat-signs-title"), t.strong);
            doc.text(&i18n.t("tui-chat-signs-intro"), t.dim);
            doc.focus = Some(h..doc.len());
            doc.gap();
        }
        _ => {}
    }

    let shown = if c.phase == ChatPhase::Reveal {
        c.revealed.min(messages.len())
    } else {
        messages.len()
    };
    let bubbles = Bubbles {
        theme: t,
        width: cx.width,
        contact,
        you: i18n.t("chat-you"),
    };
    let mut last_range = doc.len()..doc.len();
    let mut prev: Option<Speaker> = None;
    for (i, m) in messages.iter().take(shown).enumerate() {
        let marking = matches!(c.phase, ChatPhase::Flag | ChatPhase::Signs);
        let flagged = c.flags.get(i).copied().unwrap_or(false);
        let highlighted = c.phase == ChatPhase::Flag && i == c.cursor;
        if prev != Some(m.from) {
            doc.gap();
        }
        let start = doc.len();
        bubbles.message(
            &mut doc,
            m,
            prev != Some(m.from),
            i,
            marking.then_some(flagged),
            highlighted,
        );
        let msg_range = start..doc.len();
        if c.phase == ChatPhase::Signs {
            sign_notes(&mut doc, cx, m, flagged);
        }
        if highlighted {
            doc.focus = Some(msg_range.clone());
            doc.context = Some(prompt_start..msg_range.end);
        }
        last_range = start..doc.len();
        prev = Some(m.from);
    }
    doc.gap();

    match c.phase {
        ChatPhase::Reveal => {
            let hint_at = doc.len();
            if shown < messages.len() {
                doc.text(&i18n.t("chat-more"), t.dim);
            }
            doc.focus = Some(last_range.start..doc.len().max(hint_at));
        }
        ChatPhase::Flag => {
            doc.text(&i18n.t("tui-chat-flag-done"), t.dim);
        }
        ChatPhase::Signs => {
            doc.text(&i18n.t("tui-press-enter"), t.dim);
        }
        ChatPhase::Choose => {
            doc.rule(t);
            let p = doc.len();
            doc.text(&i18n.t("chat-choose"), t.strong);
            doc.gap();
            for (i, ch) in choices.iter().enumerate() {
                let hl = i == c.cursor;
                let r = doc.item(
                    i,
                    vec![Span::styled(format!("{}. ", i + 1), t.dim)],
                    &ch.text,
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
        ChatPhase::Feedback { choice } => {
            doc.rule(t);
            let p = doc.len();
            if let Some(ch) = choices.get(choice) {
                doc.text(&i18n.t("you-chose"), t.dim);
                doc.markdown_at(&ch.text, t.strong, 2);
                doc.gap();
                let (verdict, style) = if ch.safe {
                    (format!("✓ {}", i18n.t("tui-chat-feedback-safe")), t.good)
                } else {
                    (format!("• {}", i18n.t("tui-chat-feedback-unsafe")), t.warn)
                };
                doc.text(&verdict, style);
                doc.markdown(&ch.feedback, t.explain);
                doc.gap();
                let again = ch.next.is_none() && !ch.safe;
                doc.text(
                    &if again {
                        i18n.t("chat-try-again")
                    } else {
                        i18n.t("tui-press-enter")
                    },
                    t.dim,
                );
            }
            doc.focus = Some(p..doc.len());
        }
        ChatPhase::Done => {
            let p = doc.len();
            doc.text(&i18n.t("tui-press-enter"), t.dim);
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
        m: &Message,
        label: bool,
        i: usize,
        mark: Option<bool>,
        highlighted: bool,
    ) {
        let t = self.theme;
        let area = self.area();
        let fill = highlighted.then_some(t.cursor);
        let target = mark.map(|_| Target(i));
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
                let lines = wrap::markdown(&m.text, t.them, inner);
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
                let lines = wrap::markdown_sized(&m.text, t.you, inner);
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
                let lines = wrap::markdown_sized(&m.text, t.note, inner);
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
fn sign_notes(doc: &mut Doc, cx: &Cx<'_>, m: &Message, flagged: bool) {
    let t = cx.theme;
    let i18n = cx.i18n;
    let indent = (GUTTER + 2) as u16;
    let (text, style): (String, Style) = match (m.sign, flagged) {
        (true, true) => (format!("✓ {}", i18n.t("chat-sign-found")), t.good),
        (true, false) => (format!("! {}", i18n.t("chat-sign-missed")), t.warn),
        (false, true) => (format!("· {}", i18n.t("chat-not-sign")), t.dim),
        (false, false) => return,
    };
    doc.text_at(&text, style, indent);
    if let Some(why) = m.why.as_deref().filter(|_| m.sign) {
        doc.markdown_at(why, t.explain, indent + 2);
    }
}
