//! The full-screen player: a thin ratatui front end over [`Session`].
//!
//! - [`run`] owns the real terminal: raw mode, alternate screen, mouse
//!   clicks, the panic hook and the signal thread (see `terminal.rs`).
//! - [`event_loop`] is generic over the ratatui `Backend` and an
//!   [`EventSource`], so tests drive it with `TestBackend` and scripted events.
//! - [`App`] is the UI state on top of the session (which stage, overlays,
//!   scroll positions, notices); [`draw`] renders it. Screens live one per
//!   file and build a [`doc::Doc`]: pre-wrapped lines (our own wrapping,
//!   never `Paragraph::wrap`) that the scroll view shows.
//!
//! Idle costs nothing: the loop blocks in `event::read()` and redraws only
//! after an event.
//!
//! Live preview (`--watch`, [`run_watching`]): a reader thread turns terminal
//! events into [`LoopEvent::Term`] and the file watcher's news into
//! [`LoopEvent::Reload`], on one channel the loop blocks on. A reload asks
//! [`AppContext::reload`]; while the course has errors the UI shows them in
//! place of the lesson, and comes back to the same step once fixed.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use crate::course::Course;
use crate::i18n::I18n;
use crate::progress::CourseRecord;
use crate::session::Session;

mod app;
pub mod bindings;
mod broken;
mod chat;
mod course_keys;
pub mod doc;
mod help;
mod home;
mod keys;
mod mouse;
mod note;
mod profile;
mod profile_field;
mod question;
mod read;
mod scroll;
mod settings;
mod spot;
mod summary;
mod terminal;
pub mod theme;
mod view;
pub mod wrap;

pub use app::{App, Flow};
pub use terminal::ColourFilter;
pub use theme::{Theme, ThemeName};
pub use view::{MIN_HEIGHT, MIN_WIDTH, draw};

/// What the full UI needs from the program around it (the lead's `app.rs`
/// implements it over the course loader and the progress store; tests use
/// an in-memory fake). Every message it returns is already translated.
pub trait AppContext {
    /// Interface strings in the learner's language (changes after
    /// [`AppContext::set_language`]).
    fn i18n(&self) -> &I18n;
    /// The course as loaded, for the profile screen (title, help lines)
    /// before a profile is open. `None` if it is not available.
    fn course(&self) -> Option<&Course>;
    /// Existing nicknames, in the order to list them.
    fn profiles(&self) -> Vec<String>;
    /// Check a typed nickname: the nickname to use, or a translated reason.
    fn validate_profile(&self, name: &str) -> Result<String, String>;
    /// Open a profile: its session (on the home screen) and a notice to show
    /// once (progress recovered, cannot save, ...). The error's text is shown
    /// to the learner, so make it a translated sentence.
    fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)>;
    /// Save the record; returns the merged record to continue with, or
    /// `None` when saving failed (the UI shows a calm one-line notice).
    fn save(&mut self, record: &CourseRecord) -> Option<CourseRecord>;
    /// A notice that came up since the last call (e.g. the progress file
    /// was unreadable and set aside while saving). Asked after every open
    /// and save; shown once.
    fn take_notice(&mut self) -> Option<String> {
        None
    }
    /// Reload the course in another language (keeping the position with
    /// `Session::replace_course`) and switch the interface strings. The UI
    /// has already set `record.settings.lang` and saves after this call.
    fn set_language(&mut self, session: &mut Session, lang: &str);
    /// Languages to offer in settings: (tag, name in that language).
    fn languages(&self) -> Vec<(String, String)>;
    /// The time now, RFC 3339 (`progress::record::now_rfc3339`).
    fn now(&self) -> String;
    /// What the signal thread (SIGTERM, SIGHUP, ...) calls before the
    /// terminal is restored and the process exits: save the last record.
    /// Asked again after each profile is opened. Must not panic and must
    /// not block for long.
    fn save_on_signal(&self) -> Arc<dyn Fn() + Send + Sync>;
    /// Live preview: load the course again from its files, in the current
    /// language. When it loads, give it to `session` (if a profile is open)
    /// with `Session::replace_course`, which keeps the position, and return
    /// `None`. When it has errors, change nothing and return the
    /// diagnostics to show (file:line:col and message, control characters
    /// escaped). By default there is nothing to reload.
    fn reload(&mut self, session: Option<&mut Session>) -> Option<String> {
        let _ = session;
        None
    }
    /// The exit policy: the one line to print once the terminal is
    /// restored (progress saved, could not be saved, preview), or `None`
    /// when no profile was opened.
    fn close(&mut self) -> Option<String> {
        None
    }
}

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// `--profile NAME`: open this profile directly.
    pub profile: Option<String>,
    /// Draw without colour. [`run`] also turns this on when `NO_COLOR` is set.
    pub no_color: bool,
}

/// What the loop waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopEvent {
    /// A key press, a click, a resize...
    Term(Event),
    /// The course files changed (`--watch`): load them again.
    Reload,
}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next terminal event. Blocks until there is one. An error ends
    /// the loop.
    fn next_event(&mut self) -> std::io::Result<Event>;
    /// The next event or reload (what the loop asks). By default, only
    /// terminal events.
    fn next(&mut self) -> std::io::Result<LoopEvent> {
        self.next_event().map(LoopEvent::Term)
    }
}

/// Runs the full-screen course until the learner quits. Progress is saved
/// through `ctx` after every answer and step change.
pub fn run(ctx: &mut dyn AppContext, mut opts: TuiOptions) -> anyhow::Result<()> {
    opts.no_color |= theme::no_color_env();
    terminal::run(ctx, opts, None)
}

/// [`run`] for live preview: reloads the course (through
/// [`AppContext::reload`]) each time `changes` receives, e.g. from
/// [`crate::watch::CourseWatcher::channel`]. Still no polling: the loop
/// blocks until a key press or a change arrives.
pub fn run_watching(
    ctx: &mut dyn AppContext,
    mut opts: TuiOptions,
    changes: std::sync::mpsc::Receiver<()>,
) -> anyhow::Result<()> {
    opts.no_color |= theme::no_color_env();
    terminal::run(ctx, opts, Some(changes))
}

/// The loop: draw, wait for an event, update, draw again (only when
/// something changed). Returns when the learner quits or the events end.
pub fn event_loop<B>(
    term: &mut Terminal<B>,
    app: &mut App,
    ctx: &mut dyn AppContext,
    events: &mut dyn EventSource,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    event_loop_with(term, app, ctx, events, &mut |_, _| {})
}

/// [`event_loop`], calling `after` after each event.
pub(crate) fn event_loop_with<B>(
    term: &mut Terminal<B>,
    app: &mut App,
    ctx: &mut dyn AppContext,
    events: &mut dyn EventSource,
    after: &mut dyn FnMut(&mut App, &mut dyn AppContext),
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    term.draw(|f| draw(f, app, &*ctx))?;
    loop {
        let ev = match events.next() {
            Ok(ev) => ev,
            // The terminal is gone (or the script ended): progress is saved.
            Err(_) => return Ok(()),
        };
        let flow = match ev {
            LoopEvent::Term(ev) => app.handle_event(&ev, ctx),
            LoopEvent::Reload => app.reload(ctx),
        };
        after(app, ctx);
        match flow {
            Flow::Quit => return Ok(()),
            Flow::Redraw => {
                term.draw(|f| draw(f, app, &*ctx))?;
            }
            Flow::Idle => {}
        }
    }
}
