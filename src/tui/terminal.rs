//! The real terminal: setup and every way back out of it.
//!
//! - Setup: raw mode, alternate screen, hidden cursor, mouse clicks (button
//!   presses and the wheel only: no motion reports, so moving the mouse over
//!   an SSH link costs nothing).
//! - Quit: [`restore`], which undoes each step and ignores errors, so one
//!   failure does not leave the others undone.
//! - Panic: a hook that restores first, then lets the previous hook print.
//! - SIGTERM, SIGHUP (an SSH session dropping), SIGINT, SIGQUIT: a signal
//!   thread (not a flag polled by the loop: after a hangup crossterm may spin
//!   inside `read`, crossterm#793) saves, restores from a helper thread with
//!   a time limit, and exits 128+signal without running destructors
//!   (`restore()` or `Terminal::drop` printing to a dead tty could
//!   double-panic).
//! - `NO_COLOR` and the no-colour theme: [`ColourFilter`] strips every colour
//!   parameter from the bytes ratatui writes, including the colour resets
//!   the crossterm backend sends after each frame.

use std::io::{self, BufWriter, Stdout, Write};
use std::mem::ManuallyDrop;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, Event};
use ratatui::crossterm::{cursor, execute, terminal};

use super::app::App;
use super::{EventSource, LoopEvent, TuiOptions, event_loop_with};
use crate::host::Host;

/// What the signal thread calls to save: replaced after a profile opens.
type SaveFn = Arc<dyn Fn() + Send + Sync>;
static SAVE_ON_SIGNAL: std::sync::Mutex<Option<SaveFn>> = std::sync::Mutex::new(None);

fn set_save_on_signal(f: SaveFn) {
    if let Ok(mut g) = SAVE_ON_SIGNAL.lock() {
        *g = Some(f);
    }
}

/// True while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Reads events from the terminal, blocking (an idle course uses no CPU).
struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next_event(&mut self) -> io::Result<Event> {
        event::read()
    }
}

/// Live preview: terminal events and course changes on one channel, which
/// the loop blocks on (idle still costs nothing).
struct ChannelEvents {
    rx: Receiver<io::Result<LoopEvent>>,
}

impl ChannelEvents {
    /// A thread reads the terminal (blocking in `event::read`, as the plain
    /// loop does) and another passes on each change; both send here.
    fn start(changes: Receiver<()>) -> io::Result<ChannelEvents> {
        let (tx, rx) = mpsc::channel();
        let keys = tx.clone();
        std::thread::Builder::new()
            .name("notalone-input".into())
            .spawn(move || {
                loop {
                    let ev = event::read();
                    let failed = ev.is_err();
                    // Stop when the loop is gone or the terminal is.
                    if keys.send(ev.map(LoopEvent::Term)).is_err() || failed {
                        return;
                    }
                }
            })?;
        std::thread::Builder::new()
            .name("notalone-changes".into())
            .spawn(move || {
                // Ends when the watcher is dropped or the loop is gone.
                for () in changes {
                    if tx.send(Ok(LoopEvent::Reload)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(ChannelEvents { rx })
    }
}

impl EventSource for ChannelEvents {
    fn next_event(&mut self) -> io::Result<Event> {
        loop {
            if let LoopEvent::Term(ev) = self.next()? {
                return Ok(ev);
            }
        }
    }

    fn next(&mut self) -> io::Result<LoopEvent> {
        self.rx
            .recv()
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "no more events"))?
    }
}

pub(super) fn run(
    host: &mut Host,
    opts: TuiOptions,
    changes: Option<Receiver<()>>,
) -> anyhow::Result<()> {
    install_panic_hook();
    set_save_on_signal(host.save_on_signal());
    #[cfg(unix)]
    install_signal_thread()?;

    let mut app = App::new(host, &opts);
    let mut opened = app.opened_count();
    if opened > 0 {
        set_save_on_signal(host.save_on_signal());
    }
    let colour = Arc::new(AtomicBool::new(app.theme().colour));
    app.attach_colour_flag(colour.clone());
    let writer = ColourFilter::new(BufWriter::new(io::stdout()), colour);

    enter()?;
    // Never dropped: `Terminal::drop` prints to stderr when showing the
    // cursor fails (a dead tty), which would panic; `restore` shows it.
    let mut term = match Terminal::new(CrosstermBackend::new(writer)) {
        Ok(t) => ManuallyDrop::new(t),
        Err(e) => {
            restore();
            return Err(e.into());
        }
    };
    let mut refresh = |app: &mut App, host: &mut Host| {
        if app.opened_count() != opened {
            opened = app.opened_count();
            set_save_on_signal(host.save_on_signal());
        }
    };
    let result = match changes {
        None => event_loop_with(&mut term, &mut app, host, &mut TerminalEvents, &mut refresh),
        Some(changes) => match ChannelEvents::start(changes) {
            Ok(mut events) => event_loop_with(&mut term, &mut app, host, &mut events, &mut refresh),
            Err(e) => Err(e.into()),
        },
    };
    restore();
    // One line on the restored terminal: is the progress saved?
    if let Some(line) = host.close() {
        let mut out = io::stdout();
        let _ = writeln!(out, "{}", crate::text::sanitize_line(&line));
        let _ = out.flush();
    }
    result
}

/// Raw mode, alternate screen, hidden cursor, mouse clicks.
fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Start crossterm's reader now: it is made on the first read, and only
    // then listens for SIGWINCH. Made after the first frame, a resize in
    // between was lost (ignored by default) and the screen stayed drawn
    // for the old size until the next key (seen under load).
    if let Err(e) = event::poll(std::time::Duration::ZERO) {
        restore();
        return Err(e);
    }
    let mut out = io::stdout();
    let r = execute!(out, terminal::EnterAlternateScreen, cursor::Hide)
        .and_then(|_| enable_mouse(&mut out));
    if let Err(e) = r {
        restore();
        return Err(e);
    }
    Ok(())
}

/// Button presses and the wheel (1000), in SGR coordinates (1006): no
/// motion tracking.
#[cfg(unix)]
fn enable_mouse(out: &mut Stdout) -> io::Result<()> {
    out.write_all(b"\x1b[?1000h\x1b[?1006h")?;
    out.flush()
}

#[cfg(not(unix))]
fn enable_mouse(out: &mut Stdout) -> io::Result<()> {
    execute!(out, ratatui::crossterm::event::EnableMouseCapture)
}

/// Put the terminal back: mouse off, cursor shown, main screen, cooked mode.
/// Every step is tried even when one fails; nothing is printed.
pub(crate) fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, cursor::Show);
    let _ = execute!(out, terminal::LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restore the terminal before the previous hook prints the panic.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Save, restore and exit on SIGTERM, SIGHUP, SIGINT and SIGQUIT.
#[cfg(unix)]
fn install_signal_thread() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::Signals;
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("notalone-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let save = SAVE_ON_SIGNAL.lock().ok().and_then(|g| g.clone());
                if let Some(save) = save {
                    save();
                }
                // Restore from a helper thread: a blocked stdout (^S flow
                // control, a full pipe) must not keep us from exiting.
                let (tx, rx) = std::sync::mpsc::channel();
                let _ = std::thread::Builder::new().spawn(move || {
                    restore();
                    let _ = tx.send(());
                });
                let _ = rx.recv_timeout(std::time::Duration::from_millis(500));
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// A writer that removes colour from SGR sequences while `strip` is set:
/// foreground, background and underline colours (including the resets to
/// the default colour), so not one colour escape reaches the terminal.
/// Bold, italic and reverse pass. Other bytes pass unchanged.
pub struct ColourFilter<W: Write> {
    inner: W,
    strip_flag: Arc<AtomicBool>,
    /// An escape sequence not yet complete.
    pending: Vec<u8>,
    out: Vec<u8>,
}

impl<W: Write> ColourFilter<W> {
    /// `colour_allowed`: when false, colours are stripped.
    pub fn new(inner: W, colour_allowed: Arc<AtomicBool>) -> Self {
        ColourFilter {
            inner,
            strip_flag: colour_allowed,
            pending: Vec::new(),
            out: Vec::new(),
        }
    }

    /// The wrapped writer.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    fn strip(&self) -> bool {
        !self.strip_flag.load(Ordering::Relaxed)
    }

    fn finish_sequence(&mut self) {
        let seq = std::mem::take(&mut self.pending);
        // ESC [ params m
        if seq.len() >= 3 && seq[1] == b'[' && seq.last() == Some(&b'm') && self.strip() {
            let params = &seq[2..seq.len() - 1];
            if let Some(kept) = strip_colour_params(params) {
                if !kept.is_empty() {
                    self.out.extend_from_slice(b"\x1b[");
                    self.out.extend_from_slice(kept.as_bytes());
                    self.out.push(b'm');
                }
                return;
            }
        }
        self.out.extend_from_slice(&seq);
    }
}

/// The SGR parameters without colours. `None` if they cannot be parsed
/// (then the sequence passes unchanged). An empty result means drop the
/// sequence (an empty `ESC[m` would mean "reset all").
fn strip_colour_params(params: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(params).ok()?;
    if s.is_empty() {
        return Some("0".to_string());
    }
    let parts: Vec<&str> = s.split(';').collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        // Colon sub-parameters (38:2::r:g:b) belong to their colour.
        let head = p.split(':').next().unwrap_or("");
        let n: u32 = if head.is_empty() {
            0
        } else {
            head.parse().ok()?
        };
        match n {
            38 | 48 | 58 if !p.contains(':') => {
                // 38;5;n or 38;2;r;g;b
                match parts.get(i + 1).and_then(|x| x.parse::<u32>().ok()) {
                    Some(5) => i += 3,
                    Some(2) => i += 5,
                    _ => i += 1,
                }
                continue;
            }
            30..=39 | 40..=49 | 58 | 59 | 90..=97 | 100..=107 => {}
            _ => kept.push(p),
        }
        i += 1;
    }
    Some(kept.join(";"))
}

impl<W: Write> Write for ColourFilter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.strip() && self.pending.is_empty() {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        for &b in buf {
            if self.pending.is_empty() {
                if b == 0x1b {
                    self.pending.push(b);
                } else {
                    self.out.push(b);
                }
                continue;
            }
            self.pending.push(b);
            let len = self.pending.len();
            if len == 2 && b != b'[' {
                // Not a CSI sequence.
                let seq = std::mem::take(&mut self.pending);
                self.out.extend_from_slice(&seq);
            } else if len > 2 && (0x40..=0x7e).contains(&b) {
                self.finish_sequence();
            } else if len > 64 {
                let seq = std::mem::take(&mut self.pending);
                self.out.extend_from_slice(&seq);
            }
        }
        let out = std::mem::take(&mut self.out);
        self.inner.write_all(&out)?;
        self.out = out;
        self.out.clear();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(bytes: &[u8], colour: bool) -> Vec<u8> {
        let flag = Arc::new(AtomicBool::new(colour));
        let mut f = ColourFilter::new(Vec::new(), flag);
        // Split writes anywhere: sequences may arrive in pieces.
        for chunk in bytes.chunks(3) {
            f.write_all(chunk).unwrap();
        }
        f.flush().unwrap();
        f.inner
    }

    #[test]
    fn strips_every_colour_but_keeps_modifiers() {
        let input = b"a\x1b[39m\x1b[49m\x1b[59m\x1b[1;31mb\x1b[38;5;12mc\x1b[48;2;1;2;3;7md\x1b[0m\x1b[2;3He";
        let out = filter(input, false);
        assert_eq!(out, b"a\x1b[1mbc\x1b[7md\x1b[0m\x1b[2;3He".to_vec());
    }

    #[test]
    fn passes_everything_when_colour_is_allowed() {
        let input = b"a\x1b[31mb\x1b[39m";
        assert_eq!(filter(input, true), input.to_vec());
    }
}
