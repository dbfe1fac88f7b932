//! Plain mode: the course as lines of text on standard output, answered on
//! standard input. For screen readers, braille displays and scripts. A
//! second front end over the same [`Session`] as the full UI: it prints the
//! session's view and turns typed lines into inputs.
//!
//! Contract (product.md): lists are `N. text` numbered from 1; a prompt ends
//! with `> ` and is flushed; numbers may be separated by spaces or commas;
//! Enter alone continues (or resumes on the home screen), but never answers
//! the "which messages worry you?" list, whose last item is "none of
//! these"; `h` shows help, `q` saves and quits; end of input saves and
//! exits 0. Not one escape sequence or control character is written. Lines
//! are read in constant memory, whatever comes in.

mod out;
mod screens;

use std::io::{BufRead, Write};

pub use out::{Answer, MAX_LINE, parse_answer};

use crate::host::Host;
use crate::i18n::I18n;
use crate::session::{Input, PromptKind, ScreenKey, ScreenView, Session, View, help_view};
use crate::text;
use out::{Line, Out, read_line};

/// Why plain mode stopped.
enum Stop {
    Quit,
    Eof,
    /// Input that never ends a line (`< /dev/zero`).
    Endless,
}

type Res<T> = std::io::Result<Result<T, Stop>>;

/// Run plain mode. `profile` is the `--profile` given, if any (ignored in
/// preview). Returns the process exit code.
pub fn run<R: BufRead, W: Write>(
    input: R,
    output: W,
    host: &mut Host,
    profile: Option<String>,
) -> i32 {
    let mut p = Plain {
        input,
        out: Out { w: output },
    };
    match p.run(host, profile) {
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
    /// Read one line.
    fn read(&mut self) -> Res<String> {
        match read_line(&mut self.input)? {
            Line::Text(t) => Ok(Ok(t)),
            Line::End => {
                self.out.blank()?;
                Ok(Err(Stop::Eof))
            }
            Line::Endless => {
                self.out.blank()?;
                Ok(Err(Stop::Endless))
            }
        }
    }

    /// Prompt until an answer that is not `h` arrives.
    fn ask(&mut self, host: &Host, hint: &str) -> Res<Answer> {
        Ok(self.ask_line(host, hint)?.map(|(a, _)| a))
    }

    /// [`Self::ask`], with the line as typed.
    fn ask_line(&mut self, host: &Host, hint: &str) -> Res<(Answer, String)> {
        loop {
            self.out.prompt(hint)?;
            let line = match self.read()? {
                Ok(l) => l,
                Err(s) => return Ok(Err(s)),
            };
            match parse_answer(&line) {
                Answer::Help => {
                    screens::help(&mut self.out, host.i18n(), &help_view(host.course()))?
                }
                Answer::Quit => return Ok(Err(Stop::Quit)),
                a => return Ok(Ok((a, line))),
            }
        }
    }

    fn run(&mut self, host: &mut Host, profile: Option<String>) -> std::io::Result<()> {
        let profile = if host.is_preview() {
            crate::session::PREVIEW_PROFILE.to_string()
        } else {
            match profile {
                Some(p) => p,
                None => match self.pick_profile(host)? {
                    Ok(p) => p,
                    Err(stop) => return self.finish(host, stop),
                },
            }
        };
        let (mut session, notice) = host.open(&profile);
        if let Some(n) = notice {
            self.out.line(&n)?;
        }
        if session.is_preview() {
            self.out.line(&host.i18n().t("plain-preview-intro"))?;
        }
        let mut last: Option<ScreenKey> = None;
        loop {
            let key = session.screen_key();
            let fresh = last != Some(key);
            last = Some(key);
            if let Err(stop) = self.screen(host, &mut session, fresh)? {
                return self.finish(host, stop);
            }
        }
    }

    /// The one exit policy: the host saves (if it must) and says whether
    /// progress is saved.
    fn finish(&mut self, host: &mut Host, stop: Stop) -> std::io::Result<()> {
        if let Stop::Endless = stop {
            self.out.line(&host.i18n().t("plain-input-endless"))?;
        }
        if let Some(n) = host.take_notice() {
            self.out.line(&n)?;
        }
        if let Some(line) = host.close() {
            self.out.line(&line)?;
        }
        self.out.w.flush()
    }

    fn pick_profile(&mut self, host: &mut Host) -> Res<String> {
        let i18n = host.i18n();
        self.out.line(&i18n.t("profile-title"))?;
        self.out.line(&i18n.t("profile-intro"))?;
        let choice = host.profile_choice();
        if let Some(skipped) = &choice.skipped {
            self.out.line(skipped)?;
        }
        let profiles: Vec<String> = choice
            .names
            .iter()
            .map(|p| text::sanitize_line(p))
            .collect();
        loop {
            let mut items: Vec<String> = profiles.clone();
            items.push(host.i18n().t("profile-new"));
            self.out.list(items.iter().map(String::as_str))?;
            let hint = host.i18n().t("plain-pick-profile");
            let (a, line) = match self.ask_line(host, &hint)? {
                Ok(a) => a,
                Err(s) => return Ok(Err(s)),
            };
            let new = match a {
                // A nickname typed here, as on the full-screen profile
                // screen: an existing one opens, a new one is made.
                Answer::Bad | Answer::Settings => match host.validate_profile(line.trim()) {
                    Ok(name) => return self.welcome(host, name),
                    Err(msg) => {
                        self.out.line(&msg)?;
                        false
                    }
                },
                Answer::Numbers(v) if v.len() == 1 && v[0] >= 1 && v[0] <= profiles.len() => {
                    return Ok(Ok(choice.names[v[0] - 1].clone()));
                }
                Answer::Numbers(v) if v.len() == 1 && v[0] == profiles.len() + 1 => true,
                Answer::Enter if profiles.is_empty() => true,
                _ => {
                    let max = crate::session::Text::id("hint-out-of-range").num("max", items.len());
                    self.out.line(&max.render(host.i18n()))?;
                    false
                }
            };
            if !new {
                continue;
            }
            loop {
                self.out.line(&host.i18n().t("profile-ask"))?;
                self.out.prompt("")?;
                let line = match self.read()? {
                    Ok(l) => l,
                    Err(s) => return Ok(Err(s)),
                };
                let typed = line.trim();
                if typed.is_empty() {
                    continue;
                }
                match host.validate_profile(typed) {
                    Ok(name) => return self.welcome(host, name),
                    Err(msg) => self.out.line(&msg)?,
                }
            }
        }
    }

    fn welcome(&mut self, host: &Host, name: String) -> Res<String> {
        let hi = crate::session::Text::id("profile-welcome").str("name", &name);
        self.out.line(&hi.render(host.i18n()))?;
        Ok(Ok(name))
    }

    /// Show the current screen (in full when `fresh`), read one answer, apply it.
    fn screen(&mut self, host: &mut Host, session: &mut Session, fresh: bool) -> Res<()> {
        let hint = {
            let view = session.view();
            let i18n = host.i18n();
            if fresh {
                self.print(i18n, &view)?;
            }
            prompt_line(i18n, view.prompt.kind)
        };
        let answer = match self.ask(host, &hint)? {
            Ok(a) => a,
            Err(s) => return Ok(Err(s)),
        };
        let kind = session.prompt().kind;
        if kind == PromptKind::Home && answer == Answer::Settings {
            return self.settings(host, session);
        }
        let Some(input) = to_input(kind, &answer) else {
            let h = if matches!(answer, Answer::Numbers(_)) {
                "hint-nothing"
            } else {
                "hint-not-a-number"
            };
            self.out.line(&host.i18n().t(h))?;
            return Ok(Ok(()));
        };
        let o = host.apply(session, input);
        if let Some(n) = host.take_notice() {
            self.out.line(&n)?;
        }
        if o.help {
            screens::help(&mut self.out, host.i18n(), &help_view(session.course()))?;
        }
        if let Some(h) = o.hint {
            self.out.line(&session.hint_text(h).render(host.i18n()))?;
        }
        Ok(Ok(()))
    }

    /// Settings (`s` on the list of modules): the languages, numbered, the
    /// one in use said so. Enter, or the language in use, changes nothing
    /// (a regional tag stays regional); another number switches and shows
    /// the list of modules again in that language.
    fn settings(&mut self, host: &mut Host, session: &mut Session) -> Res<()> {
        let current = host.language_index();
        let (items, hint) = {
            let i18n = host.i18n();
            self.out.blank()?;
            self.out
                .line(&format!("== {} ==", i18n.t("tui-settings-title")))?;
            self.out.line(&i18n.t("tui-settings-language"))?;
            let items: Vec<String> = host
                .languages()
                .iter()
                .enumerate()
                .map(|(i, (_, name))| {
                    let name = text::sanitize_line(name);
                    if Some(i) == current {
                        crate::session::Text::id("plain-settings-in-use")
                            .str("language", &name)
                            .render(i18n)
                    } else {
                        name
                    }
                })
                .collect();
            (items, i18n.t("plain-settings-prompt"))
        };
        self.out.list(items.iter().map(String::as_str))?;
        loop {
            let answer = match self.ask(host, &hint)? {
                Ok(a) => a,
                Err(s) => return Ok(Err(s)),
            };
            match answer {
                Answer::Enter => break,
                Answer::Numbers(v) if v.len() == 1 && (1..=items.len()).contains(&v[0]) => {
                    let i = v[0] - 1;
                    if Some(i) != current
                        && let Some((tag, _)) = host.languages().get(i).cloned()
                    {
                        host.set_language(session, &tag);
                        if let Some(n) = host.take_notice() {
                            self.out.line(&n)?;
                        }
                    }
                    break;
                }
                _ => {
                    let max = crate::session::Text::id("hint-out-of-range").num("max", items.len());
                    self.out.line(&max.render(host.i18n()))?;
                }
            }
        }
        self.out.blank()?;
        let view = session.view();
        self.print(host.i18n(), &view)?;
        Ok(Ok(()))
    }

    fn print(&mut self, i18n: &I18n, view: &View<'_>) -> std::io::Result<()> {
        let out = &mut self.out;
        match &view.screen {
            // Whose profile is open (in a preview there is no learner to name).
            ScreenView::Home(h) => {
                screens::home(out, i18n, h, (!view.preview).then_some(view.profile))
            }
            ScreenView::Note(n) => screens::note(out, i18n, n),
            ScreenView::Summary(s) => screens::summary(out, i18n, s),
            ScreenView::Step(v) => {
                screens::step_header(out, i18n, v)?;
                screens::step(out, i18n, v)
            }
        }
    }
}

/// The prompt line for a kind of answer.
fn prompt_line(i18n: &I18n, kind: PromptKind) -> String {
    i18n.t(match kind {
        PromptKind::Home => "plain-home-prompt",
        PromptKind::Note => "plain-note-prompt",
        PromptKind::Continue | PromptKind::Reveal => "plain-enter-prompt",
        PromptKind::PickOne => "plain-pick-one-prompt",
        PromptKind::PickMany => "plain-many-prompt",
        PromptKind::Order => "plain-order-prompt",
        PromptKind::Flag => "plain-flag-prompt",
    })
}

/// What a typed line means at this prompt (numbers are 1-based as typed).
fn to_input(kind: PromptKind, a: &Answer) -> Option<Input> {
    let numbers = |v: &[usize]| Input::Answer(v.iter().map(|n| n.wrapping_sub(1)).collect());
    match (kind, a) {
        (_, Answer::Back) => Some(Input::BackStep),
        (PromptKind::Continue, Answer::Enter) => Some(Input::Continue),
        (PromptKind::Continue | PromptKind::Reveal, _) => {
            matches!(a, Answer::Enter).then_some(Input::RevealAll)
        }
        (PromptKind::Home | PromptKind::Note, Answer::Enter) => Some(Input::Continue),
        // Enter alone answers nothing: the session says what is missing.
        (_, Answer::Enter) => Some(Input::Answer(Vec::new())),
        (_, Answer::Numbers(v)) => Some(numbers(v)),
        _ => None,
    }
}
