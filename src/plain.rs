//! Plain mode: the course as lines of text on standard output, answered on
//! standard input. For screen readers, braille displays and scripts. A
//! second front end over the same [`Session`] as the full UI.
//!
//! Contract (product.md): lists are `N. text` numbered from 1; a prompt ends
//! with `> ` and is flushed; numbers may be separated by spaces or commas;
//! Enter alone continues (or resumes on the home screen); `h` shows help,
//! `q` saves and quits; end of input saves and exits 0. Not one escape
//! sequence or control character is written.

use std::io::{BufRead, Write};

use crate::course::{Course, Module, QuestionKind, Speaker, StepKind};
use crate::i18n::{I18n, num, s};
use crate::progress::{CourseRecord, Status};
use crate::session::{ChatPhase, Hint, Input, Outcome, Screen, Session, StepState};
use crate::text;

/// What plain mode needs from the rest of the program.
pub trait PlainContext {
    /// Existing nicknames.
    fn profiles(&self) -> Vec<String>;
    /// Check a typed nickname: the cleaned name, or a translated reason.
    fn validate_profile(&self, name: &str) -> Result<String, String>;
    /// Open a profile's progress and start a session. The string is a notice
    /// to show once (progress recovered, progress cannot be saved).
    fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)>;
    /// Save; returns the merged record, or `None` when saving failed (then
    /// the context returns a notice from [`PlainContext::take_notice`]).
    fn save(&mut self, record: &CourseRecord) -> Option<CourseRecord>;
    /// A notice to show once, if any.
    fn take_notice(&mut self) -> Option<String>;
    fn i18n(&self) -> &I18n;
    fn now(&self) -> String;
}

/// Writes only printable text and newlines, whatever it is given: the last
/// guard against a control character reaching the learner's terminal.
struct Out<W: Write> {
    w: W,
}

impl<W: Write> Out<W> {
    fn text(&mut self, s: &str) -> std::io::Result<()> {
        let clean: String = s
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| *c == '\n' || !text::is_forbidden_char(*c))
            .collect();
        self.w.write_all(clean.as_bytes())
    }

    fn line(&mut self, s: &str) -> std::io::Result<()> {
        self.text(s)?;
        self.w.write_all(b"\n")
    }

    fn blank(&mut self) -> std::io::Result<()> {
        self.w.write_all(b"\n")
    }

    fn prompt(&mut self, hint: &str) -> std::io::Result<()> {
        if !hint.is_empty() {
            self.line(hint)?;
        }
        self.w.write_all(b"> ")?;
        self.w.flush()
    }

    fn list<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> std::io::Result<()> {
        for (i, t) in items.into_iter().enumerate() {
            self.line(&format!("{}. {}", i + 1, one_line(t)))?;
        }
        Ok(())
    }
}

fn one_line(s: &str) -> String {
    text::to_plain(s).replace("\n\n", " ").replace('\n', " ")
}

/// One line the learner typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Enter alone.
    Enter,
    Help,
    Quit,
    /// Numbers as typed (1-based).
    Numbers(Vec<usize>),
    /// Something that is not a number list.
    Bad,
}

/// Parse an answer line: `h`, `q`, or numbers separated by spaces or commas.
pub fn parse_answer(line: &str) -> Answer {
    let t = line.trim();
    if t.is_empty() {
        return Answer::Enter;
    }
    match t.to_lowercase().as_str() {
        "h" | "help" | "?" => return Answer::Help,
        "q" | "quit" | "exit" => return Answer::Quit,
        _ => {}
    }
    let mut out = Vec::new();
    for tok in t.split([' ', ',', '\t']).filter(|x| !x.is_empty()) {
        match tok.parse::<usize>() {
            Ok(n) if n <= 1_000_000 => out.push(n),
            _ => return Answer::Bad,
        }
    }
    if out.is_empty() {
        Answer::Bad
    } else {
        Answer::Numbers(out)
    }
}

/// Why plain mode stopped.
enum Stop {
    Quit,
    Eof,
}

type Res<T> = std::io::Result<Result<T, Stop>>;

/// Run plain mode. `profile` is the `--profile` given, if any. Returns the
/// process exit code.
pub fn run<R: BufRead, W: Write>(
    input: R,
    output: W,
    ctx: &mut dyn PlainContext,
    profile: Option<String>,
) -> i32 {
    let mut p = Plain {
        input,
        out: Out { w: output },
    };
    match p.run(ctx, profile) {
        Ok(()) => 0,
        // A closed standard output (a pipe closed early) is not the learner's problem.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "notalone: {}",
                text::escape_controls(&e.to_string())
            );
            1
        }
    }
}

struct Plain<R: BufRead, W: Write> {
    input: R,
    out: Out<W>,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Read one line; `None` at end of input.
    fn read(&mut self) -> std::io::Result<Option<String>> {
        let mut buf = Vec::new();
        // Bound a line's length: a huge line from a script is cut, not buffered forever.
        let mut limited = std::io::Read::take(std::io::Read::by_ref(&mut self.input), 64 * 1024);
        let n = limited.read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if !buf.ends_with(b"\n") && n == 64 * 1024 {
            // Skip the rest of an over-long line.
            let mut rest = Vec::new();
            self.input.read_until(b'\n', &mut rest)?;
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    fn help(&mut self, i18n: &I18n, course: Option<&Course>) -> std::io::Result<()> {
        self.out.blank()?;
        self.out.line(&format!("== {} ==", i18n.t("help-title")))?;
        match course {
            Some(c) => self.resources(i18n, c)?,
            None => self.out.line(&i18n.t("help-none"))?,
        }
        self.out.line(&i18n.t("help-privacy"))?;
        self.out.line(&i18n.t("plain-keys"))?;
        self.out.blank()
    }

    fn resources(&mut self, i18n: &I18n, c: &Course) -> std::io::Result<()> {
        if let Some(intro) = &c.resources.intro {
            self.out.line(&text::to_plain(intro))?;
        }
        if c.resources.items.is_empty() {
            self.out.line(&i18n.t("help-none"))?;
        }
        for r in &c.resources.items {
            self.out
                .line(&format!("- {}: {}", r.name, one_line(&r.about)))?;
            if let Some(p) = &r.phone {
                self.out.line(&format!(
                    "  {}",
                    i18n.ta("help-phone", &[("phone", s(p.clone()))])
                ))?;
            }
            if let Some(x) = &r.sms {
                self.out.line(&format!(
                    "  {}",
                    i18n.ta("help-sms", &[("sms", s(x.clone()))])
                ))?;
            }
            if let Some(w) = &r.web {
                self.out.line(&format!(
                    "  {}",
                    i18n.ta("help-web", &[("web", s(w.clone()))])
                ))?;
            }
            if let Some(h) = &r.hours {
                self.out.line(&format!(
                    "  {}",
                    i18n.ta("help-hours", &[("hours", s(h.clone()))])
                ))?;
            }
        }
        Ok(())
    }

    /// Prompt until an answer that is not `h` arrives.
    fn ask(&mut self, ctx: &dyn PlainContext, course: Option<&Course>, hint: &str) -> Res<Answer> {
        loop {
            self.out.prompt(hint)?;
            let Some(line) = self.read()? else {
                self.out.blank()?;
                return Ok(Err(Stop::Eof));
            };
            match parse_answer(&line) {
                Answer::Help => self.help(ctx.i18n(), course)?,
                Answer::Quit => return Ok(Err(Stop::Quit)),
                a => return Ok(Ok(a)),
            }
        }
    }

    fn run(&mut self, ctx: &mut dyn PlainContext, profile: Option<String>) -> std::io::Result<()> {
        let profile = match profile {
            Some(p) => p,
            None => match self.pick_profile(ctx)? {
                Ok(p) => p,
                Err(_) => return Ok(()),
            },
        };
        let (mut session, notice) = match ctx.open(&profile) {
            Ok(x) => x,
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "notalone: {}",
                    text::escape_controls(&e.to_string())
                );
                return Err(std::io::Error::other("could not start"));
            }
        };
        if let Some(n) = notice {
            self.out.line(&n)?;
        }
        let i18n_lang = ctx.i18n().lang().to_string();
        let _ = i18n_lang;
        let mut last_screen_key = String::new();
        loop {
            let key = screen_key(&session);
            let fresh = key != last_screen_key;
            last_screen_key = key;
            let step = self.screen(ctx, &mut session, fresh)?;
            match step {
                Ok(()) => {}
                Err(Stop::Quit) | Err(Stop::Eof) => {
                    // Progress is saved after every answer; save once more for the position.
                    let rec = session.record().clone();
                    if let Some(m) = ctx.save(&rec) {
                        *session.record_mut() = m;
                    }
                    if let Some(n) = ctx.take_notice() {
                        self.out.line(&n)?;
                    }
                    self.out.line(&ctx.i18n().t("plain-bye"))?;
                    self.out.w.flush()?;
                    return Ok(());
                }
            }
        }
    }

    fn pick_profile(&mut self, ctx: &mut dyn PlainContext) -> Res<String> {
        let i18n_title = ctx.i18n().t("profile-title");
        self.out.line(&i18n_title)?;
        self.out.line(&ctx.i18n().t("profile-intro"))?;
        let profiles = ctx.profiles();
        loop {
            let mut items: Vec<String> = profiles.clone();
            items.push(ctx.i18n().t("profile-new"));
            self.out.list(items.iter().map(String::as_str))?;
            let hint = ctx.i18n().t("plain-pick-profile");
            let a = match self.ask(ctx, None, &hint)? {
                Ok(a) => a,
                Err(s) => return Ok(Err(s)),
            };
            let new = match a {
                Answer::Numbers(v) if v.len() == 1 && v[0] >= 1 && v[0] <= profiles.len() => {
                    return Ok(Ok(profiles[v[0] - 1].clone()));
                }
                Answer::Numbers(v) if v.len() == 1 && v[0] == profiles.len() + 1 => true,
                Answer::Enter if profiles.is_empty() => true,
                Answer::Numbers(v) if v.len() == 1 => {
                    self.out.line(
                        &ctx.i18n()
                            .ta("hint-out-of-range", &[("max", num(items.len() as f64))]),
                    )?;
                    false
                }
                _ => {
                    self.out.line(
                        &ctx.i18n()
                            .ta("hint-out-of-range", &[("max", num(items.len() as f64))]),
                    )?;
                    false
                }
            };
            if !new {
                continue;
            }
            loop {
                self.out.line(&ctx.i18n().t("profile-ask"))?;
                self.out.prompt("")?;
                let Some(line) = self.read()? else {
                    self.out.blank()?;
                    return Ok(Err(Stop::Eof));
                };
                let typed = line.trim();
                if typed.is_empty() {
                    continue;
                }
                match ctx.validate_profile(typed) {
                    Ok(name) => {
                        self.out.line(
                            &ctx.i18n()
                                .ta("profile-welcome", &[("name", s(name.clone()))]),
                        )?;
                        return Ok(Ok(name));
                    }
                    Err(msg) => self.out.line(&msg)?,
                }
            }
        }
    }

    /// Show the current screen (in full when `fresh`), read one answer, apply it.
    fn screen(
        &mut self,
        ctx: &mut dyn PlainContext,
        session: &mut Session,
        fresh: bool,
    ) -> Res<()> {
        let screen = session.screen().clone();
        let course = session.course().clone();
        let i18n = ctx.i18n();
        let mut hint = String::new();
        // What a number typed here means, and what Enter alone does.
        let input_for: Box<dyn Fn(Answer) -> Option<Input>> = match &screen {
            Screen::Home { cursor } => {
                if fresh {
                    self.home(i18n, session, *cursor)?;
                }
                hint = i18n.t("plain-home-prompt");
                Box::new(|a| match a {
                    Answer::Enter => Some(Input::Confirm),
                    Answer::Numbers(v) => {
                        Some(Input::Submit(v.iter().map(|n| n.wrapping_sub(1)).collect()))
                    }
                    _ => None,
                })
            }
            Screen::Note { module, .. } => {
                let m = &course.modules[*module];
                if fresh {
                    self.out.blank()?;
                    self.out.line(&format!("== {} ==", m.title))?;
                    self.out.line(&i18n.t("note-title"))?;
                    if let Some(n) = &m.content_note {
                        self.out.line(&text::to_plain(n))?;
                    }
                    self.out.list([
                        i18n.t("note-continue").as_str(),
                        i18n.t("note-skip").as_str(),
                        i18n.t("note-help").as_str(),
                    ])?;
                }
                hint = i18n.t("plain-note-prompt");
                Box::new(|a| match a {
                    Answer::Enter => Some(Input::Submit(vec![])),
                    Answer::Numbers(v) => {
                        Some(Input::Submit(v.iter().map(|n| n.wrapping_sub(1)).collect()))
                    }
                    _ => None,
                })
            }
            Screen::Summary { module } => {
                if fresh {
                    self.summary(i18n, session, *module)?;
                }
                hint = i18n.t("plain-enter-prompt");
                Box::new(|_| Some(Input::Confirm))
            }
            Screen::Step {
                module,
                step,
                state,
            } => {
                let m = &course.modules[*module];
                let st = &m.steps[*step];
                if fresh {
                    self.out.blank()?;
                    let mut head = format!(
                        "== {} | {} ==",
                        m.title,
                        i18n.ta(
                            "step-of",
                            &[
                                ("n", num((*step + 1) as f64)),
                                ("total", num(m.steps.len() as f64))
                            ]
                        )
                    );
                    if let Some(t) = &st.title {
                        head = format!("{head}\n{t}");
                    }
                    self.out.line(&head)?;
                }
                self.step(i18n, &course, m, *step, state, fresh, &mut hint)?
            }
        };
        let answer = match self.ask(ctx, Some(&course), &hint)? {
            Ok(a) => a,
            Err(s) => return Ok(Err(s)),
        };
        let was_number = matches!(answer, Answer::Numbers(_));
        let input = match answer {
            Answer::Bad => None,
            a => input_for(a),
        };
        let Some(input) = input else {
            let h = if was_number {
                "hint-nothing"
            } else {
                "hint-not-a-number"
            };
            self.out.line(&ctx.i18n().t(h))?;
            return Ok(Ok(()));
        };
        let before = screen_key(session);
        let outcome = session.update(input, &ctx.now());
        self.after(ctx, session, &outcome, &before)?;
        Ok(Ok(()))
    }

    fn after(
        &mut self,
        ctx: &mut dyn PlainContext,
        session: &mut Session,
        outcome: &Outcome,
        _before: &str,
    ) -> std::io::Result<()> {
        if outcome.save {
            let rec = session.record().clone();
            match ctx.save(&rec) {
                Some(m) => *session.record_mut() = m,
                None => {
                    if let Some(n) = ctx.take_notice() {
                        self.out.line(&n)?;
                    }
                }
            }
        }
        if outcome.help {
            let course = session.course().clone();
            self.help(ctx.i18n(), Some(&course))?;
        }
        if let Some(h) = outcome.hint {
            let msg = self.hint_text(ctx.i18n(), session, h);
            self.out.line(&msg)?;
        }
        Ok(())
    }

    fn hint_text(&self, i18n: &I18n, session: &Session, h: Hint) -> String {
        let max = list_len(session);
        match h {
            Hint::OutOfRange => i18n.ta("hint-out-of-range", &[("max", num(max as f64))]),
            Hint::OneNumber => i18n.t("hint-one-number"),
            Hint::SelectSomething => i18n.t("hint-select-something"),
            Hint::WholeOrder => i18n.ta("hint-whole-order", &[("count", num(max as f64))]),
            Hint::NothingToAnswer => i18n.t("hint-nothing"),
        }
    }

    fn home(&mut self, i18n: &I18n, session: &Session, _cursor: usize) -> std::io::Result<()> {
        let c = session.course();
        let total = c.modules.len();
        let done = session.completed();
        self.out.blank()?;
        self.out.line(&format!("== {} ==", c.title))?;
        if session.record().modules.is_empty() {
            self.out.line(&text::to_plain(&c.welcome))?;
            self.out.blank()?;
        }
        self.out.line(&format!(
            "{}. {}",
            i18n.ta(
                "home-progress",
                &[("done", num(done as f64)), ("total", num(total as f64))]
            ),
            i18n.ta("home-left", &[("left", num((total - done) as f64))])
        ))?;
        if session.all_complete() {
            if let Some(f) = &c.finish {
                self.out.line(&text::to_plain(f))?;
            } else {
                self.out.line(&i18n.t("course-finished"))?;
            }
        }
        let items: Vec<String> = c
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| module_line(i18n, session, i, m))
            .collect();
        self.out.list(items.iter().map(String::as_str))?;
        let resume = session.resume_module();
        if let Some(m) = c.modules.get(resume)
            && !session.all_complete()
        {
            self.out
                .line(&i18n.ta("home-resume", &[("module", s(m.title.clone()))]))?;
        }
        Ok(())
    }

    fn summary(&mut self, i18n: &I18n, session: &Session, mi: usize) -> std::io::Result<()> {
        let c = session.course();
        let m = &c.modules[mi];
        self.out.blank()?;
        self.out.line(&format!(
            "== {} ==",
            i18n.ta("summary-title", &[("module", s(m.title.clone()))])
        ))?;
        match session.score(mi) {
            Some(sc) => self
                .out
                .line(&i18n.ta("summary-score", &[("percent", num(percent(sc)))]))?,
            None => self.out.line(&i18n.t("summary-no-score"))?,
        }
        let objs = session.objectives_of(mi);
        if !objs.is_empty() {
            self.out.line(&i18n.t("summary-objectives"))?;
            for o in objs {
                self.out.line(&format!("- {}", c.objective_title(o)))?;
            }
        }
        self.out.line(&i18n.t("summary-help"))?;
        self.resources(i18n, c)?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn step(
        &mut self,
        i18n: &I18n,
        course: &Course,
        m: &Module,
        si: usize,
        state: &StepState,
        fresh: bool,
        hint: &mut String,
    ) -> std::io::Result<Box<dyn Fn(Answer) -> Option<Input>>> {
        let _ = course;
        let st = &m.steps[si];
        let numbers = |a: Answer| match a {
            Answer::Enter => Some(Input::Confirm),
            Answer::Numbers(v) => {
                Some(Input::Submit(v.iter().map(|n| n.wrapping_sub(1)).collect()))
            }
            _ => None,
        };
        let enter_only = |a: Answer| match a {
            Answer::Enter => Some(Input::Confirm),
            _ => None,
        };
        match (&st.kind, state) {
            (StepKind::Read { text: t }, _) => {
                if fresh {
                    self.out.line(&text::to_plain(t))?;
                }
                *hint = i18n.t("plain-enter-prompt");
                Ok(Box::new(enter_only))
            }
            (
                StepKind::Chat {
                    contact,
                    text: framing,
                    messages,
                    choices,
                },
                StepState::Chat(c),
            ) => {
                let speaker = |from: Speaker| match from {
                    Speaker::Them => contact.clone(),
                    Speaker::You => i18n.t("chat-you"),
                    Speaker::Note => i18n.t("chat-note"),
                };
                match c.phase {
                    ChatPhase::Reveal => {
                        // Plain mode shows the whole chat at once.
                        if fresh {
                            self.out
                                .line(&i18n.ta("chat-with", &[("contact", s(contact.clone()))]))?;
                            if let Some(f) = framing {
                                self.out.line(&text::to_plain(f))?;
                            }
                            for msg in messages {
                                self.out.line(&format!(
                                    "{}: {}",
                                    speaker(msg.from),
                                    one_line(&msg.text)
                                ))?;
                            }
                        }
                        *hint = i18n.t("plain-enter-prompt");
                        Ok(Box::new(|a| match a {
                            Answer::Enter => Some(Input::RevealAll),
                            _ => None,
                        }))
                    }
                    ChatPhase::Flag => {
                        if fresh {
                            self.out.line(&i18n.t("chat-flag-prompt"))?;
                            self.out.list(messages.iter().map(|m| m.text.as_str()))?;
                        }
                        *hint = i18n.t("plain-flag-prompt");
                        Ok(Box::new(numbers))
                    }
                    ChatPhase::Signs => {
                        if fresh {
                            self.out.line(&i18n.t("chat-signs-title"))?;
                        }
                        for (i, msg) in messages.iter().enumerate().filter(|_| fresh) {
                            let flagged = c.flags.get(i).copied().unwrap_or(false);
                            if msg.sign {
                                let mark = if flagged {
                                    i18n.t("chat-sign-found")
                                } else {
                                    i18n.t("chat-sign-missed")
                                };
                                self.out.line(&format!(
                                    "{}. {} | {}",
                                    i + 1,
                                    one_line(&msg.text),
                                    mark
                                ))?;
                                if let Some(w) = &msg.why {
                                    self.out.line(&format!("   {}", one_line(w)))?;
                                }
                            } else if flagged {
                                self.out.line(&format!(
                                    "{}. {} | {}",
                                    i + 1,
                                    one_line(&msg.text),
                                    i18n.t("chat-not-sign")
                                ))?;
                            }
                        }
                        *hint = i18n.t("plain-enter-prompt");
                        Ok(Box::new(enter_only))
                    }
                    ChatPhase::Choose => {
                        if fresh {
                            self.out.line(&i18n.t("chat-choose"))?;
                            self.out.list(choices.iter().map(|c| c.text.as_str()))?;
                        }
                        *hint = i18n.t("plain-pick-one-prompt");
                        Ok(Box::new(|a| match a {
                            Answer::Numbers(v) => {
                                Some(Input::Submit(v.iter().map(|n| n.wrapping_sub(1)).collect()))
                            }
                            Answer::Enter => Some(Input::Submit(vec![])),
                            _ => None,
                        }))
                    }
                    ChatPhase::Feedback { choice } => {
                        if fresh {
                            let ch = &choices[choice];
                            self.out.line(&format!(
                                "{}: {}",
                                i18n.t("you-chose"),
                                one_line(&ch.text)
                            ))?;
                            self.out.line(&text::to_plain(&ch.feedback))?;
                            if !ch.safe && ch.next.is_none() {
                                self.out.line(&i18n.t("chat-try-again"))?;
                            }
                        }
                        *hint = i18n.t("plain-enter-prompt");
                        Ok(Box::new(enter_only))
                    }
                    ChatPhase::Done => {
                        *hint = i18n.t("plain-enter-prompt");
                        Ok(Box::new(enter_only))
                    }
                }
            }
            (StepKind::Spot { text: t, items }, StepState::Spot(sp)) => {
                if !sp.submitted {
                    if fresh {
                        self.out.line(&text::to_plain(t))?;
                        self.out.list(items.iter().map(|i| i.text.as_str()))?;
                    }
                    *hint = i18n.t("plain-many-prompt");
                    Ok(Box::new(numbers))
                } else {
                    if !fresh {
                        *hint = i18n.t("plain-enter-prompt");
                        return Ok(Box::new(enter_only));
                    }
                    let all = items.iter().zip(&sp.selected).all(|(it, s)| it.sign == *s);
                    self.out.line(&i18n.t(if all {
                        "spot-all-right"
                    } else {
                        "spot-some-wrong"
                    }))?;
                    for (i, it) in items.iter().enumerate() {
                        let sel = sp.selected.get(i).copied().unwrap_or(false);
                        let kind = i18n.t(if it.sign {
                            "spot-is-sign"
                        } else {
                            "spot-not-sign"
                        });
                        let you = i18n.t(if sel == it.sign {
                            "spot-you-right"
                        } else {
                            "spot-you-wrong"
                        });
                        self.out.line(&format!(
                            "{}. {} | {}. {}",
                            i + 1,
                            one_line(&it.text),
                            kind,
                            you
                        ))?;
                        self.out.line(&format!("   {}", one_line(&it.why)))?;
                    }
                    *hint = i18n.t("plain-enter-prompt");
                    Ok(Box::new(enter_only))
                }
            }
            (
                StepKind::Question {
                    kind,
                    text: t,
                    explanation,
                    options,
                },
                StepState::Question(q),
            ) => {
                if !q.submitted {
                    if fresh {
                        self.out.line(&text::to_plain(t))?;
                    }
                    let fresh_list = fresh;
                    match kind {
                        QuestionKind::Single => {
                            if fresh_list {
                                self.out.line(&i18n.t("question-pick-one"))?;
                            }
                            *hint = i18n.t("plain-pick-one-prompt");
                        }
                        QuestionKind::Multiple => {
                            if fresh_list {
                                self.out.line(&i18n.t("question-pick-many"))?;
                            }
                            *hint = i18n.t("plain-many-prompt");
                        }
                        QuestionKind::Order => {
                            if fresh_list {
                                self.out.line(&i18n.t("question-order"))?;
                            }
                            *hint = i18n.t("plain-order-prompt");
                        }
                    }
                    if fresh_list {
                        let shown: Vec<&str> =
                            q.order.iter().map(|o| options[*o].text.as_str()).collect();
                        self.out.list(shown)?;
                    }
                    Ok(Box::new(|a| match a {
                        Answer::Numbers(v) => {
                            Some(Input::Submit(v.iter().map(|n| n.wrapping_sub(1)).collect()))
                        }
                        Answer::Enter => Some(Input::Submit(vec![])),
                        _ => None,
                    }))
                } else {
                    if !fresh {
                        *hint = i18n.t("plain-enter-prompt");
                        return Ok(Box::new(enter_only));
                    }
                    let right = match kind {
                        QuestionKind::Order => q.order.iter().enumerate().all(|(i, o)| i == *o),
                        _ => q.selected.iter().zip(options).all(|(s, o)| *s == o.correct),
                    };
                    self.out.line(&i18n.t(if right {
                        "question-right"
                    } else {
                        "question-not-quite"
                    }))?;
                    match kind {
                        QuestionKind::Order => {
                            self.out.line(&i18n.t("question-correct-order"))?;
                            self.out.list(options.iter().map(|o| o.text.as_str()))?;
                        }
                        _ => {
                            for (i, o) in options.iter().enumerate() {
                                if q.selected.get(i).copied().unwrap_or(false) {
                                    self.out.line(&format!(
                                        "{}: {}",
                                        i18n.t("you-chose"),
                                        one_line(&o.text)
                                    ))?;
                                    if let Some(f) = &o.feedback {
                                        self.out.line(&format!("   {}", one_line(f)))?;
                                    }
                                }
                            }
                            if !right {
                                let correct: Vec<&str> = options
                                    .iter()
                                    .filter(|o| o.correct)
                                    .map(|o| o.text.as_str())
                                    .collect();
                                let label = if correct.len() == 1 {
                                    "question-correct-was"
                                } else {
                                    "question-correct-were"
                                };
                                self.out.line(&i18n.t(label))?;
                                for c in correct {
                                    self.out.line(&format!("- {}", one_line(c)))?;
                                }
                            }
                        }
                    }
                    if let Some(e) = explanation {
                        self.out.line(&text::to_plain(e))?;
                    }
                    *hint = i18n.t("plain-enter-prompt");
                    Ok(Box::new(enter_only))
                }
            }
            _ => {
                *hint = i18n.t("plain-enter-prompt");
                Ok(Box::new(enter_only))
            }
        }
    }
}

/// A key that changes when the screen changes in a way worth printing again.
fn screen_key(s: &Session) -> String {
    match s.screen() {
        Screen::Home { .. } => "home".into(),
        Screen::Note { module, .. } => format!("note/{module}"),
        Screen::Summary { module } => format!("summary/{module}"),
        Screen::Step {
            module,
            step,
            state,
        } => {
            let sub = match state {
                StepState::Read => String::new(),
                StepState::Chat(c) => match c.phase {
                    ChatPhase::Reveal => "reveal".into(),
                    ChatPhase::Flag => "flag".into(),
                    ChatPhase::Signs => "signs".into(),
                    ChatPhase::Choose => "choose".into(),
                    ChatPhase::Feedback { choice } => format!("fb{choice}"),
                    ChatPhase::Done => "done".into(),
                },
                StepState::Spot(sp) => format!("{}", sp.submitted),
                StepState::Question(q) => format!("{}", q.submitted),
            };
            format!("step/{module}/{step}/{sub}")
        }
    }
}

/// How many items the list on screen has (for hints).
fn list_len(s: &Session) -> usize {
    match s.screen() {
        Screen::Home { .. } => s.course().modules.len(),
        Screen::Note { .. } => 3,
        Screen::Summary { .. } => 0,
        Screen::Step { .. } => match s.current() {
            Some((_, st, state)) => match (&st.kind, state) {
                (StepKind::Chat { choices, .. }, StepState::Chat(c))
                    if c.phase == ChatPhase::Choose =>
                {
                    choices.len()
                }
                (StepKind::Chat { messages, .. }, _) => messages.len(),
                (StepKind::Spot { items, .. }, _) => items.len(),
                (StepKind::Question { options, .. }, _) => options.len(),
                _ => 0,
            },
            None => 0,
        },
    }
}

fn percent(score: f64) -> f64 {
    (score * 100.0).round()
}

fn module_line(i18n: &I18n, session: &Session, i: usize, m: &Module) -> String {
    let status = match session.status(i) {
        Status::NotStarted => i18n.t("status-not-started"),
        Status::InProgress => i18n.t("status-in-progress"),
        Status::Complete => i18n.t("status-complete"),
    };
    let mut line = format!("{} | {}", m.title, status);
    if let Some(sc) = session.score(i) {
        line.push_str(&format!(
            " | {}",
            i18n.ta("score", &[("percent", num(percent(sc)))])
        ));
    }
    if let Some(min) = m.minutes {
        line.push_str(&format!(
            " | {}",
            i18n.ta("home-minutes", &[("minutes", num(min))])
        ));
    }
    if !m.translated {
        line.push_str(&format!(" {}", i18n.t("module-not-translated")));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_answers() {
        assert_eq!(parse_answer("\n"), Answer::Enter);
        assert_eq!(parse_answer("  h "), Answer::Help);
        assert_eq!(parse_answer("Q"), Answer::Quit);
        assert_eq!(parse_answer("1 3,4"), Answer::Numbers(vec![1, 3, 4]));
        assert_eq!(parse_answer("2, 1"), Answer::Numbers(vec![2, 1]));
        assert_eq!(parse_answer("-1"), Answer::Bad);
        assert_eq!(parse_answer("two"), Answer::Bad);
        assert_eq!(parse_answer("99999999999999999999999"), Answer::Bad);
        assert_eq!(parse_answer(","), Answer::Bad);
    }
}
