//! Printing each screen of the view, nothing else: plain mode never looks
//! at the course or the session's state directly.

use std::io::Write;

use crate::i18n::I18n;
use crate::session::{
    ChatStage, HelpView, HomeView, NoteView, QuestionView, SpotView, StepBody, StepView,
    SummaryView, Text, Words,
};
use crate::text;

use super::out::{Out, one_line};

type Res = std::io::Result<()>;

fn words(i18n: &I18n, w: &Words<'_>) -> String {
    match w {
        Words::Lesson(s) => text::to_plain(s),
        Words::Ui(t) => t.render(i18n),
    }
}

pub fn help<W: Write>(out: &mut Out<W>, i18n: &I18n, help: &HelpView<'_>) -> Res {
    out.blank()?;
    out.line(&format!("== {} ==", help.title.render(i18n)))?;
    resources(out, i18n, help)?;
    out.line(&help.privacy.render(i18n))?;
    out.line(&i18n.t("plain-keys"))?;
    out.blank()
}

fn resources<W: Write>(out: &mut Out<W>, i18n: &I18n, help: &HelpView<'_>) -> Res {
    if let Some(intro) = help.intro {
        out.line(&text::to_plain(intro))?;
    }
    if let Some(none) = &help.none {
        out.line(&none.render(i18n))?;
    }
    for e in &help.entries {
        out.line(&format!("- {}: {}", e.name, one_line(e.about)))?;
        for l in &e.lines {
            out.line(&format!("  {}", l.render(i18n)))?;
        }
    }
    Ok(())
}

pub fn home<W: Write>(
    out: &mut Out<W>,
    i18n: &I18n,
    h: &HomeView<'_>,
    profile: Option<&str>,
) -> Res {
    out.blank()?;
    out.line(&format!("== {} ==", h.title))?;
    if let Some(name) = profile {
        let name = crate::i18n::s(text::sanitize_line(name));
        out.line(&i18n.ta("tui-home-profile", &[("name", name)]))?;
    }
    if let Some(w) = h.welcome {
        out.line(&text::to_plain(w))?;
        out.blank()?;
    }
    out.line(&format!(
        "{}. {}",
        h.progress.render(i18n),
        h.left.render(i18n)
    ))?;
    let rows: Vec<String> = h
        .rows
        .iter()
        .map(|r| {
            let mut line = format!("{} | {}", r.title, r.status_text.render(i18n));
            for t in [&r.score_text, &r.minutes_text].into_iter().flatten() {
                line.push_str(&format!(" | {}", t.render(i18n)));
            }
            if let Some(t) = &r.not_translated {
                line.push_str(&format!(" {}", t.render(i18n)));
            }
            line
        })
        .collect();
    out.list(rows.iter().map(String::as_str))?;
    if let Some(r) = &h.resume_line {
        out.line(&r.render(i18n))?;
    }
    Ok(())
}

pub fn note<W: Write>(out: &mut Out<W>, i18n: &I18n, n: &NoteView<'_>) -> Res {
    out.blank()?;
    out.line(&format!("== {} ==", n.module_title))?;
    out.line(&n.title.render(i18n))?;
    out.line(&text::to_plain(n.note))?;
    let items: Vec<String> = n.items.iter().map(|t| t.render(i18n)).collect();
    out.list(items.iter().map(String::as_str))
}

pub fn summary<W: Write>(out: &mut Out<W>, i18n: &I18n, s: &SummaryView<'_>) -> Res {
    out.blank()?;
    out.line(&format!("== {} ==", s.title.render(i18n)))?;
    out.line(&s.score_text.render(i18n))?;
    if let Some(t) = &s.before_after {
        out.line(&t.render(i18n))?;
    }
    if let Some(t) = &s.objectives_title {
        out.line(&t.render(i18n))?;
        for o in &s.objectives {
            out.line(&format!("- {o}"))?;
        }
    }
    out.line(&s.help_title.render(i18n))?;
    resources(out, i18n, &s.help)?;
    if let Some(w) = &s.closing {
        out.line(&words(i18n, w))?;
    }
    Ok(())
}

/// The step's header (module, counter, title), printed when it is new.
pub fn step_header<W: Write>(out: &mut Out<W>, i18n: &I18n, v: &StepView<'_>) -> Res {
    out.blank()?;
    out.line(&format!(
        "== {} | {} ==",
        v.module_title,
        v.counter.text().render(i18n)
    ))?;
    if let Some(t) = v.title {
        out.line(t)?;
    }
    Ok(())
}

/// The body of a step at its current stage.
pub fn step<W: Write>(out: &mut Out<W>, i18n: &I18n, v: &StepView<'_>) -> Res {
    match &v.body {
        StepBody::Read { text: t } => out.line(&text::to_plain(t)),
        StepBody::Chat(c) => {
            match &c.stage {
                ChatStage::Reveal => {
                    // Plain mode shows the whole chat at once.
                    out.line(&c.with.render(i18n))?;
                    if let Some(f) = c.framing {
                        out.line(&text::to_plain(f))?;
                    }
                    for l in c.lines.iter().chain(&c.rest) {
                        out.line(&format!(
                            "{}: {}",
                            words(i18n, &l.speaker),
                            one_line(l.text)
                        ))?;
                    }
                }
                ChatStage::Flag {
                    prompt,
                    items,
                    none_text,
                    ..
                } => {
                    out.line(&prompt.render(i18n))?;
                    let none = none_text.render(i18n);
                    out.list(items.iter().map(|i| i.text).chain([none.as_str()]))?;
                }
                ChatStage::Signs { title, signs } => {
                    out.line(&title.render(i18n))?;
                    for s in signs {
                        out.line(&format!(
                            "{}. {} | {}",
                            s.number,
                            one_line(s.text),
                            s.mark.render(i18n)
                        ))?;
                        if let Some(w) = s.why {
                            out.line(&format!("   {}", one_line(w)))?;
                        }
                    }
                }
                ChatStage::Choose { prompt, items } => {
                    out.line(&prompt.render(i18n))?;
                    out.list(items.iter().map(|i| i.text))?;
                }
                ChatStage::Feedback(ch) => {
                    out.line(&format!("{}: {}", ch.label.render(i18n), one_line(ch.text)))?;
                    out.line(&ch.verdict.render(i18n))?;
                    out.line(&text::to_plain(ch.feedback))?;
                    if let Some(a) = &ch.again {
                        out.line(&a.render(i18n))?;
                    }
                }
                ChatStage::Done => {}
            }
            Ok(())
        }
        StepBody::Spot(s) => spot(out, i18n, s, v.neutral.as_ref()),
        StepBody::Question(q) => question(out, i18n, q, v.neutral.as_ref()),
    }
}

fn spot<W: Write>(out: &mut Out<W>, i18n: &I18n, s: &SpotView<'_>, neutral: Option<&Text>) -> Res {
    if let Some(n) = neutral {
        return out.line(&n.render(i18n));
    }
    match &s.result {
        None => {
            out.line(&text::to_plain(s.text))?;
            out.list(s.items.iter().map(|i| i.text))
        }
        Some(r) => {
            out.line(&r.headline.render(i18n))?;
            for l in &r.lines {
                out.line(&format!(
                    "{}. {} | {}. {}",
                    l.number,
                    one_line(l.text),
                    l.kind.render(i18n),
                    l.you.render(i18n)
                ))?;
                out.line(&format!("   {}", one_line(l.why)))?;
            }
            Ok(())
        }
    }
}

fn question<W: Write>(
    out: &mut Out<W>,
    i18n: &I18n,
    q: &QuestionView<'_>,
    neutral: Option<&Text>,
) -> Res {
    if let Some(n) = neutral {
        return out.line(&n.render(i18n));
    }
    let Some(r) = &q.result else {
        out.line(&text::to_plain(q.text))?;
        out.line(&q.instruction.render(i18n))?;
        return out.list(q.items.iter().map(|i| i.text));
    };
    out.line(&r.headline.render(i18n))?;
    for (t, f) in &r.chosen {
        out.line(&format!("{}: {}", r.you_chose.render(i18n), one_line(t)))?;
        if let Some(f) = f {
            out.line(&format!("   {}", one_line(f)))?;
        }
    }
    if let Some(label) = &r.correct_label {
        out.line(&label.render(i18n))?;
        if q.kind == crate::course::QuestionKind::Order {
            out.list(r.correct.iter().copied())?;
        } else {
            for c in &r.correct {
                out.line(&format!("- {}", one_line(c)))?;
            }
        }
    }
    if let Some(e) = r.explanation {
        out.line(&text::to_plain(e))?;
    }
    Ok(())
}
