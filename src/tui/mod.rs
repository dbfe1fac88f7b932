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
//! [`Host::reload`]; while the course has errors the UI shows them in
//! place of the lesson, and comes back to the same step once fixed.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use crate::host::Host;

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
/// through `host` after every answer and step change.
pub fn run(host: &mut Host, mut opts: TuiOptions) -> anyhow::Result<()> {
    opts.no_color |= theme::no_color_env();
    terminal::run(host, opts, None)
}

/// [`run`] for live preview: reloads the course (through
/// [`Host::reload`]) each time `changes` receives, e.g. from
/// [`crate::watch::CourseWatcher::channel`]. Still no polling: the loop
/// blocks until a key press or a change arrives.
pub fn run_watching(
    host: &mut Host,
    mut opts: TuiOptions,
    changes: std::sync::mpsc::Receiver<()>,
) -> anyhow::Result<()> {
    opts.no_color |= theme::no_color_env();
    terminal::run(host, opts, Some(changes))
}

/// The loop: draw, wait for an event, update, draw again (only when
/// something changed). Returns when the learner quits or the events end.
pub fn event_loop<B>(
    term: &mut Terminal<B>,
    app: &mut App,
    host: &mut Host,
    events: &mut dyn EventSource,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    event_loop_with(term, app, host, events, &mut |_, _| {})
}

/// [`event_loop`], calling `after` after each event.
pub(crate) fn event_loop_with<B>(
    term: &mut Terminal<B>,
    app: &mut App,
    host: &mut Host,
    events: &mut dyn EventSource,
    after: &mut dyn FnMut(&mut App, &mut Host),
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    term.draw(|f| draw(f, app, &*host))?;
    loop {
        let ev = match events.next() {
            Ok(ev) => ev,
            // The terminal is gone (or the script ended): progress is saved.
            Err(_) => return Ok(()),
        };
        let flow = match ev {
            LoopEvent::Term(ev) => app.handle_event(&ev, host),
            LoopEvent::Reload => app.reload(host),
        };
        after(app, host);
        match flow {
            Flow::Quit => return Ok(()),
            Flow::Redraw => {
                term.draw(|f| draw(f, app, &*host))?;
            }
            Flow::Idle => {}
        }
    }
}
