//! What the full UI sends to a real terminal, as bytes: not one colour
//! escape with `NO_COLOR`, and no control character from lesson text.

use super::tui_common;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use notalone::course::{Speaker, StepKind};
use notalone::tui::{App, ColourFilter, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tui_common::*;

fn opts(profile: &str) -> TuiOptions {
    TuiOptions {
        profile: Some(profile.into()),
        no_color: false,
    }
}

/// A writer the test keeps a handle on.
#[derive(Clone, Default)]
struct Shared(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn bytes(&self) -> Vec<u8> {
        self.0.lock().expect("lock").clone()
    }
}

/// Render every screen through the real crossterm backend into bytes.
fn emitted_bytes(theme_colour: Option<bool>, filter_allows_colour: bool) -> Vec<u8> {
    let opts = TuiOptions {
        profile: Some("sam".into()),
        no_color: theme_colour == Some(false),
    };
    let mut out = Vec::new();
    for (_, keys) in all_screens() {
        out.extend(bytes_after(host(), &opts, &keys, filter_allows_colour));
    }
    out
}

/// What one frame sends to an 80x24 terminal after `keys`, through the
/// crossterm backend and the colour filter.
fn bytes_after(mut host: Host, opts: &TuiOptions, keys: &[K], colour: bool) -> Vec<u8> {
    let mut app = App::new(&mut host, opts);
    for k in keys {
        app.handle_event(&key_event(*k), &mut host);
    }
    let sink = Shared::default();
    let flag = Arc::new(AtomicBool::new(colour));
    let backend = CrosstermBackend::new(ColourFilter::new(sink.clone(), flag));
    let mut term = Terminal::with_options(backend, fixed_80x24()).expect("terminal");
    term.draw(|f| draw(f, &mut app, &host)).expect("draw");
    sink.bytes()
}

/// A fixed viewport: the crossterm backend must not ask the real tty its size.
fn fixed_80x24() -> ratatui::TerminalOptions {
    ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
    }
}

fn colour_escapes(bytes: &[u8]) -> usize {
    let s = String::from_utf8_lossy(bytes);
    s.split('\x1b')
        .skip(1)
        .filter(|seq| {
            let Some(rest) = seq.strip_prefix('[') else {
                return false;
            };
            let Some(end) = rest.find(|c: char| ('\x40'..='\x7e').contains(&c)) else {
                return false;
            };
            rest[end..].starts_with('m')
                && rest[..end].split(';').any(|p| {
                    matches!(
                        p.parse::<u32>(),
                        Ok(30..=49 | 58 | 59 | 90..=97 | 100..=107)
                    )
                })
        })
        .count()
}

#[test]
fn no_color_means_not_one_colour_escape() {
    // NO_COLOR: the theme has no colour and the filter strips the resets.
    let bytes = emitted_bytes(Some(false), false);
    assert_eq!(colour_escapes(&bytes), 0);
    assert!(
        bytes.windows(4).any(|w| w == b"\x1b[1m" || w == b"\x1b[7m"),
        "bold/reverse still used"
    );
    // The default theme through a colour-allowing terminal does use colour.
    assert!(colour_escapes(&emitted_bytes(None, true)) > 0);
}

#[test]
fn hostile_lesson_text_never_reaches_the_terminal() {
    let mut c = course();
    let evil = "hi\x1b]0;PWNED\x07 \x1b[2J\u{9b}31m\u{202e}drow\r\nx\x08";
    c.title = evil.into();
    c.modules[0].title = evil.into();
    c.modules[0].content_note = None;
    if let StepKind::Chat {
        messages, contact, ..
    } = &mut c.modules[0].steps[1].kind
    {
        *contact = evil.into();
        messages[0].text = evil.into();
        messages[2].from = Speaker::You;
        messages[2].text = evil.into();
    }
    if let StepKind::Read { text } = &mut c.modules[0].steps[0].kind {
        *text = format!("**{evil}** *{evil}*\n\n- {evil}");
    }
    let mut out = Vec::new();
    for keys in [
        vec![],
        vec![K::Enter],
        vec![K::Enter, K::Enter, K::Enter, K::Enter, K::Enter],
    ] {
        out.extend(bytes_after(
            Host::in_memory(c.clone()),
            &opts("sam"),
            &keys,
            true,
        ));
    }
    let s = String::from_utf8_lossy(&out);
    assert!(s.contains("PWNED"), "the text is shown, defused");
    assert!(!s.contains("\x1b]"), "no OSC");
    assert!(!s.contains('\x07'), "no BEL");
    assert!(!s.contains("\x1b[2J"), "no clear screen from content");
    assert!(!s.contains('\u{9b}'), "no C1 CSI");
    assert!(!s.contains('\u{202e}'), "no bidi override");
    assert!(!s.contains('\x08'), "no backspace");
    assert!(!s.contains('\r'), "no carriage return");
}
