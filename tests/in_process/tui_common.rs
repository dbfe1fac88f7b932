//! Shared by the full UI's tests and benchmarks: hand-made courses, the
//! in-memory [`Host`], and a harness that feeds key events to the [`App`]
//! and draws it on a `TestBackend`.
#![allow(dead_code)]

use notalone::course::*;
pub use notalone::host::Host;
use notalone::session::Session;
use notalone::tui::{App, Flow, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

pub const NOW: &str = "2026-11-29T10:00:00Z";

#[path = "tui_course.rs"]
mod tui_course;
pub use tui_course::*;

/// The in-memory host on the fixture course (records in memory, a fixed clock).
pub fn host() -> Host {
    Host::in_memory(course())
}

/// The fixture course "in French" (the same text; the interface is French):
/// for [`Host::with_translation`].
pub fn french() -> Course {
    let mut c = course();
    c.locale = "fr".into();
    c.chain = vec!["fr".into(), "en".into()];
    c
}

/// Each row of a buffer as text, with the column of each char.
pub fn rows(buf: &Buffer) -> Vec<(Vec<u16>, String)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut cols = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            for _ in s.chars() {
                cols.push(x);
            }
            line.push_str(s);
            x += notalone::tui::wrap::str_width(s).max(1) as u16;
        }
        out.push((cols, line));
    }
    out
}

/// Keys by name, for readable scenarios.
#[derive(Debug, Clone, Copy)]
pub enum K {
    Enter,
    Space,
    Esc,
    Up,
    Down,
    ShiftUp,
    ShiftDown,
    PgUp,
    PgDn,
    Home,
    End,
    Backspace,
    F1,
    CtrlC,
    Char(char),
}

pub fn key_event(k: K) -> Event {
    let (code, mods) = match k {
        K::Enter => (KeyCode::Enter, KeyModifiers::NONE),
        K::Space => (KeyCode::Char(' '), KeyModifiers::NONE),
        K::Esc => (KeyCode::Esc, KeyModifiers::NONE),
        K::Up => (KeyCode::Up, KeyModifiers::NONE),
        K::Down => (KeyCode::Down, KeyModifiers::NONE),
        K::ShiftUp => (KeyCode::Up, KeyModifiers::SHIFT),
        K::ShiftDown => (KeyCode::Down, KeyModifiers::SHIFT),
        K::PgUp => (KeyCode::PageUp, KeyModifiers::NONE),
        K::PgDn => (KeyCode::PageDown, KeyModifiers::NONE),
        K::Home => (KeyCode::Home, KeyModifiers::NONE),
        K::End => (KeyCode::End, KeyModifiers::NONE),
        K::Backspace => (KeyCode::Backspace, KeyModifiers::NONE),
        K::F1 => (KeyCode::F(1), KeyModifiers::NONE),
        K::CtrlC => (KeyCode::Char('c'), KeyModifiers::CONTROL),
        K::Char(c) => (KeyCode::Char(c), KeyModifiers::NONE),
    };
    Event::Key(KeyEvent::new(code, mods))
}

/// The App, its host and a test terminal.
pub struct Harness {
    pub host: Host,
    pub app: App,
    pub term: Terminal<TestBackend>,
    /// The last full frame (TestBackend keeps only the diffs it was sent,
    /// and diffs skip the cell after a wide glyph, which a real terminal
    /// overwrites; the frame is what the learner sees).
    pub frame: Buffer,
}

impl Harness {
    /// On the profile picker.
    pub fn new(host: Host, w: u16, h: u16) -> Harness {
        Harness::with_options(host, w, h, TuiOptions::default())
    }

    /// With `--profile sam`: straight to the home screen.
    pub fn home(w: u16, h: u16) -> Harness {
        Harness::with_options(
            host(),
            w,
            h,
            TuiOptions {
                profile: Some("sam".into()),
                no_color: false,
            },
        )
    }

    pub fn with_options(mut host: Host, w: u16, h: u16, opts: TuiOptions) -> Harness {
        let app = App::new(&mut host, &opts);
        let mut h = Harness {
            host,
            app,
            term: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
            frame: Buffer::empty(Rect::new(0, 0, w, h)),
        };
        h.draw();
        h
    }

    pub fn draw(&mut self) {
        let (app, host) = (&mut self.app, &self.host);
        let done = self
            .term
            .draw(|f| draw(f, app, host))
            .expect("drawing never fails on a TestBackend");
        self.frame = done.buffer.clone();
    }

    /// Send keys, drawing after each (as the real loop does).
    pub fn press(&mut self, keys: &[K]) -> Flow {
        let mut last = Flow::Idle;
        for k in keys {
            last = self.event(key_event(*k));
        }
        last
    }

    pub fn event(&mut self, ev: Event) -> Flow {
        let flow = self.app.handle_event(&ev, &mut self.host);
        if flow != Flow::Quit {
            self.draw();
        }
        flow
    }

    /// Live preview: the course files changed (as the watcher reports).
    pub fn reload(&mut self) -> Flow {
        let flow = self.app.reload(&mut self.host);
        self.draw();
        flow
    }

    /// Type text into a field.
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.press(&[K::Char(c)]);
        }
    }

    pub fn click(&mut self, col: u16, row: u16) -> Flow {
        self.event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        }))
    }

    pub fn release(&mut self, k: K) -> Flow {
        let Event::Key(mut e) = key_event(k) else {
            unreachable!()
        };
        e.kind = KeyEventKind::Release;
        self.event(Event::Key(e))
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.term.backend_mut().resize(w, h);
        self.event(Event::Resize(w, h));
    }

    /// The screen for insta: one quoted line per row, as a terminal shows
    /// it (a wide glyph covers the next cell).
    pub fn snapshot(&self) -> String {
        let mut out = String::new();
        for (_, line) in rows(&self.frame) {
            out.push('"');
            out.push_str(&line);
            out.push_str("\"\n");
        }
        out
    }

    /// The screen's text, one line per row, trailing spaces cut.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (_, line) in rows(&self.frame) {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Where `needle` first appears on screen (column, row).
    pub fn find(&self, needle: &str) -> Option<(u16, u16)> {
        for (y, (cols, line)) in rows(&self.frame).into_iter().enumerate() {
            if let Some(i) = line.find(needle) {
                let ci = line[..i].chars().count();
                return cols.get(ci).map(|x| (*x, y as u16));
            }
        }
        None
    }

    pub fn session(&self) -> &Session {
        self.app.session().expect("a profile is open")
    }

    pub fn at(&self) -> Option<(String, String)> {
        self.session()
            .current()
            .map(|(m, s, _)| (m.id.clone(), s.id.clone()))
    }
}

/// From home, into the first module (past its content note), on step 0.
pub fn into_module(h: &mut Harness) {
    h.press(&[K::Enter, K::Enter]);
}

/// From home, into the first module and through its steps with the
/// answers of [`first_module`], up to step `n` (0-based).
pub fn to_step(h: &mut Harness, n: usize) {
    into_module(h);
    let answers: [&[K]; 6] = [
        &[K::Enter],
        // Reveal, flag message 2, see the signs, choose 2, go on.
        &[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
            K::Enter,
        ],
        &[K::Char('1'), K::Char('3'), K::Enter, K::Enter],
        &[K::Char('2'), K::Enter, K::Enter],
        &[K::Char('1'), K::Char('2'), K::Enter, K::Enter],
        &[K::Enter, K::Enter],
    ];
    for a in answers.iter().take(n) {
        h.press(a);
    }
}

/// Key sequences from home that reach every screen and state.
pub fn all_screens() -> Vec<(&'static str, Vec<K>)> {
    let e = K::Enter;
    let chat = vec![e, e, e];
    let mut v: Vec<(&str, Vec<K>)> = vec![
        ("home", vec![]),
        ("settings", vec![K::Char('s')]),
        ("help", vec![K::Char('h')]),
        ("note", vec![e]),
        ("read", vec![e, e]),
        ("chat-reveal", chat.clone()),
        (
            "chat-flag",
            [chat.clone(), vec![e, e, e, e, K::Space]].concat(),
        ),
        ("chat-signs", [chat.clone(), vec![e, e, e, e, e]].concat()),
        (
            "chat-choose",
            [chat.clone(), vec![e, e, e, e, e, e]].concat(),
        ),
        (
            "chat-feedback",
            [chat.clone(), vec![e, e, e, e, e, e, e]].concat(),
        ),
    ];
    let after_chat = [
        chat,
        vec![e, e, e, e, K::Char('2'), e, e, K::Char('2'), e, e],
    ]
    .concat();
    v.push(("spot", after_chat.clone()));
    v.push((
        "spot-answered",
        [after_chat.clone(), vec![K::Char('1'), e]].concat(),
    ));
    let q1 = [after_chat, vec![K::Char('1'), e, e]].concat();
    v.push(("single", q1.clone()));
    v.push((
        "single-answered",
        [q1.clone(), vec![K::Char('1'), e]].concat(),
    ));
    let q2 = [q1, vec![K::Char('1'), e, e]].concat();
    v.push(("multiple", q2.clone()));
    v.push((
        "multiple-answered",
        [q2.clone(), vec![K::Char('1'), e]].concat(),
    ));
    let q3 = [q2, vec![K::Char('1'), e, e]].concat();
    v.push(("order", q3.clone()));
    v.push(("order-answered", [q3.clone(), vec![e]].concat()));
    v.push(("summary", [q3, vec![e, e]].concat()));
    v.push(("wide-chat", vec![K::Char('3'), e, e, e, e, e]));
    v
}
