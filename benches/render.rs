//! The full UI's drawing cost (divan). Targets (issue 3): the heaviest
//! screen, a chat of 60 messages at 200x60, draws in under 1 ms; reacting to
//! a key and redrawing takes under 5 ms.
//!
//! `cargo bench --bench render`

#[path = "../tests/in_process/tui_common.rs"]
mod tui_common;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use divan::Bencher;
use notalone::tui::{App, ColourFilter, TuiOptions, draw};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tui_common::*;

fn main() {
    divan::main();
}

/// The app on a 60-message chat, every message shown, marking the signs.
fn long_chat() -> (Host, App) {
    let mut host = Host::in_memory(long_chat_course(60));
    let mut app = App::new(
        &mut host,
        &TuiOptions {
            profile: Some("sam".into()),
            no_color: false,
        },
    );
    // Open the module, reveal every message: the flagging phase shows all.
    for _ in 0..61 {
        app.handle_event(&key_event(K::Enter), &mut host);
    }
    (host, app)
}

type RealBackend = CrosstermBackend<ColourFilter<std::io::Sink>>;

/// A crossterm backend writing to nowhere: the escape sequences are built
/// as for a real terminal, without a tty.
fn real_terminal(w: u16, h: u16) -> Terminal<RealBackend> {
    let colour = Arc::new(AtomicBool::new(true));
    let backend = CrosstermBackend::new(ColourFilter::new(std::io::sink(), colour));
    Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("terminal")
}

/// Draw the 60-message chat at 200x60 from scratch (every cell sent).
#[divan::bench]
fn chat_60_messages_200x60_full_draw(bencher: Bencher) {
    let (host, mut app) = long_chat();
    bencher
        .with_inputs(|| real_terminal(200, 60))
        .bench_local_refs(|term| {
            term.draw(|f| draw(f, &mut app, &host)).expect("draw");
        });
}

/// The first frame of the chat: nothing laid out yet, every cell sent.
#[divan::bench]
fn chat_60_messages_200x60_first_draw(bencher: Bencher) {
    let (host, mut app) = long_chat();
    bencher
        .with_inputs(|| {
            notalone::tui::wrap::forget_layouts();
            real_terminal(200, 60)
        })
        .bench_local_refs(|term| {
            term.draw(|f| draw(f, &mut app, &host)).expect("draw");
        });
}

/// The same frame drawn again (layout, wrapping, buffer; nothing to send).
#[divan::bench]
fn chat_60_messages_200x60_redraw(bencher: Bencher) {
    let (host, mut app) = long_chat();
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    bencher.bench_local(|| {
        term.draw(|f| draw(f, &mut app, &host)).expect("draw");
    });
}

/// A key (the highlight moves to the next message) and the redraw it causes.
#[divan::bench]
fn key_then_redraw_chat_60_200x60(bencher: Bencher) {
    let (mut host, mut app) = long_chat();
    let mut term = real_terminal(200, 60);
    term.draw(|f| draw(f, &mut app, &host)).expect("draw");
    let mut down = true;
    let mut n = 0;
    bencher.bench_local(|| {
        // Walk down and up the chat so the view scrolls too.
        n += 1;
        if n % 59 == 0 {
            down = !down;
        }
        let k = if down { K::Down } else { K::Up };
        app.handle_event(&key_event(k), &mut host);
        term.draw(|f| draw(f, &mut app, &host)).expect("draw");
    });
}

/// A key and redraw on an ordinary screen at 80x24 (the reading page).
#[divan::bench]
fn key_then_redraw_read_80x24(bencher: Bencher) {
    let mut host = host();
    let mut app = App::new(
        &mut host,
        &TuiOptions {
            profile: Some("sam".into()),
            no_color: false,
        },
    );
    app.handle_event(&key_event(K::Enter), &mut host);
    app.handle_event(&key_event(K::Enter), &mut host);
    let mut term = real_terminal(80, 24);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let k = if flip { K::Char('h') } else { K::Esc };
        app.handle_event(&key_event(k), &mut host);
        term.draw(|f| draw(f, &mut app, &host)).expect("draw");
    });
}
