//! Shared by the full UI's tests and benchmarks: hand-made courses, an
//! in-memory [`AppContext`], and a harness that feeds key events to the
//! [`App`] and draws it on a `TestBackend`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use notalone::course::*;
use notalone::i18n::I18n;
use notalone::progress::CourseRecord;
use notalone::session::Session;
use notalone::tui::{App, AppContext, Flow, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

pub const NOW: &str = "2026-11-29T10:00:00Z";

fn step(id: &str, title: Option<&str>, teaches: &[&str], kind: StepKind) -> Step {
    Step {
        id: id.into(),
        title: title.map(Into::into),
        teaches: teaches.iter().map(|s| s.to_string()).collect(),
        shuffle: false,
        next: None,
        kind,
    }
}

fn msg(from: Speaker, text: &str, why: Option<&str>) -> Message {
    Message {
        from,
        text: text.into(),
        sign: why.is_some(),
        why: why.map(Into::into),
    }
}

fn choice(text: &str, safe: bool, feedback: &str) -> Choice {
    Choice {
        text: text.into(),
        safe,
        feedback: feedback.into(),
        next: None,
    }
}

fn opt(text: &str, correct: bool, feedback: Option<&str>) -> QuestionOption {
    QuestionOption {
        text: text.into(),
        correct,
        feedback: feedback.map(Into::into),
    }
}

fn spot_item(text: &str, sign: bool, why: &str) -> SpotItem {
    SpotItem {
        text: text.into(),
        sign,
        why: why.into(),
    }
}

/// The main fixture module: a content note, then one step of each kind.
pub fn first_module() -> Module {
    Module {
        id: "first-steps".into(),
        title: "Spot the warning signs".into(),
        summary: "How fake accounts reel people in.".into(),
        minutes: Some(8),
        content_note: Some(
            "This module talks about requests for **private photos**. Nothing explicit is shown."
                .into(),
        ),
        translated: true,
        steps: vec![
            step(
                "welcome",
                Some("How it usually starts"),
                &["notice-signs"],
                StepKind::Read {
                    text: "Most people you meet online are who they say they are. \
                           Some are **not**, and they follow a *script*.\n\n\
                           Watch for these:\n\n\
                           - someone new who flatters you fast\n\
                           - a request to move to a private app\n\
                           - pressure to keep things **secret**\n\n\
                           None of this is your fault. If it happens, you can get help, \
                           and the people who help you will not judge you. \
                           Take your time with this page: it is longer than the screen \
                           on small windows, so you can scroll it with the arrows."
                        .into(),
                },
            ),
            step(
                "new-follower",
                Some("A new follower"),
                &["notice-signs"],
                StepKind::Chat {
                    contact: "maya.k_08".into(),
                    text: Some("Jordan, 14, gets a message from someone new.".into()),
                    messages: vec![
                        msg(Speaker::Them, "hey saw u at the game 😊", None),
                        msg(
                            Speaker::Them,
                            "ur really cute, we should talk more",
                            Some("A stranger who flatters you fast wants something."),
                        ),
                        msg(Speaker::You, "who is this?", None),
                        msg(Speaker::Note, "Two days later", None),
                        msg(
                            Speaker::Them,
                            "add me on the other app, it's more private",
                            Some("Moving to a private app hides the conversation."),
                        ),
                    ],
                    choices: vec![
                        choice(
                            "Send a photo back",
                            false,
                            "Once a photo is sent, the sender loses control of it.",
                        ),
                        choice(
                            "Stop replying and tell someone you trust",
                            true,
                            "Good call. Talking to someone helps you think it through.",
                        ),
                    ],
                },
            ),
            step(
                "signs",
                Some("Which ones worry you?"),
                &["notice-signs"],
                StepKind::Spot {
                    text: "Select every message that should worry you.".into(),
                    items: vec![
                        spot_item(
                            "They ask you to move to another app.",
                            true,
                            "Moving to a private app hides the conversation.",
                        ),
                        spot_item(
                            "They like a photo you posted publicly.",
                            false,
                            "On its own, a like is ordinary.",
                        ),
                        spot_item(
                            "They ask you to keep the chat secret.",
                            true,
                            "Secrets protect the person asking, not you.",
                        ),
                    ],
                },
            ),
            step(
                "first-move",
                None,
                &["get-help"],
                StepKind::Question {
                    kind: QuestionKind::Single,
                    text: "Someone threatens to share your photo unless you pay. What first?"
                        .into(),
                    explanation: Some(
                        "Paying rarely ends it. Stop, keep the evidence, and get help.".into(),
                    ),
                    options: vec![
                        opt(
                            "Pay so it stops",
                            false,
                            Some("Paying usually brings more demands."),
                        ),
                        opt("Stop replying and tell an adult you trust", true, None),
                        opt(
                            "Delete everything",
                            false,
                            Some("Keep the evidence: it helps."),
                        ),
                    ],
                },
            ),
            step(
                "who-helps",
                None,
                &["get-help"],
                StepKind::Question {
                    kind: QuestionKind::Multiple,
                    text: "Who can help?".into(),
                    explanation: None,
                    options: vec![
                        opt("A parent or carer", true, None),
                        opt("A teacher or counsellor", true, None),
                        opt("The person threatening you", false, None),
                    ],
                },
            ),
            step(
                "steps-in-order",
                None,
                &["get-help"],
                StepKind::Question {
                    kind: QuestionKind::Order,
                    text: "Put these in order.".into(),
                    explanation: Some("Stop first, then save, then tell.".into()),
                    options: vec![
                        opt("Stop replying", false, None),
                        opt("Save the evidence", false, None),
                        opt("Tell someone you trust", false, None),
                    ],
                },
            ),
        ],
    }
}

/// A short module, not translated, with no note and no questions.
pub fn second_module() -> Module {
    Module {
        id: "getting-help".into(),
        title: "Getting help".into(),
        summary: "Where to go.".into(),
        minutes: Some(1),
        content_note: None,
        translated: false,
        steps: vec![step(
            "where",
            None,
            &[],
            StepKind::Read {
                text: "You are **not alone**.".into(),
            },
        )],
    }
}

/// A module in Japanese with emoji: wide characters everywhere.
pub fn wide_module() -> Module {
    Module {
        id: "wide".into(),
        title: "安全のために 🛡️ 大切なこと".into(),
        summary: "広い文字".into(),
        minutes: Some(5),
        content_note: None,
        translated: true,
        steps: vec![
            step(
                "yomu",
                Some("はじめに 👋"),
                &[],
                StepKind::Read {
                    text: "オンラインで知り合った人が、すぐに**写真**を求めてきたら注意しましょう。\
                           あなたは悪くありません。😊👍🏽 困ったときは、信頼できる大人に相談してください。"
                        .into(),
                },
            ),
            step(
                "chatto",
                None,
                &[],
                StepKind::Chat {
                    contact: "さくら🌸".into(),
                    text: None,
                    messages: vec![
                        msg(Speaker::Them, "こんにちは！試合で見たよ 😊", None),
                        msg(
                            Speaker::Them,
                            "写真を送ってくれる？誰にも言わないでね 🤫",
                            Some("秘密を求めるのは危険のサイン。"),
                        ),
                        msg(Speaker::You, "だれですか？🤔", None),
                    ],
                    choices: vec![
                        choice("返信をやめて大人に相談する 👍", true, "よい判断です。"),
                        choice("写真を送る", false, "送った写真は取り戻せません。"),
                    ],
                },
            ),
        ],
    }
}

/// The fixture course: three modules, objectives, help lines.
pub fn course() -> Course {
    Course {
        id: "fixture".into(),
        source_locale: "en".into(),
        locale: "en".into(),
        chain: vec!["en".into()],
        title: "Not Alone".into(),
        welcome: "Short lessons about staying safe online. **You can stop at any time**: \
                  your progress is saved."
            .into(),
        finish: Some("Thank you for taking the course.".into()),
        objectives: vec![
            Objective {
                id: "notice-signs".into(),
                title: "Notice the warning signs".into(),
            },
            Objective {
                id: "get-help".into(),
                title: "Know who can help".into(),
            },
        ],
        pre_check: None,
        post_check: None,
        modules: vec![first_module(), second_module(), wide_module()],
        resources: Resources {
            intro: Some("If you are in danger right now, call 999.".into()),
            items: vec![
                Resource {
                    name: "Childline".into(),
                    about: "Free, private help for young people, about anything.".into(),
                    web: Some("https://www.childline.org.uk".into()),
                    phone: Some("0800 1111".into()),
                    sms: None,
                    hours: Some("24 hours".into()),
                },
                Resource {
                    name: "Report Remove".into(),
                    about: "Get a nude image of you removed from the internet.".into(),
                    web: Some("https://www.childline.org.uk/remove".into()),
                    phone: None,
                    sms: None,
                    hours: None,
                },
            ],
        },
    }
}

/// A course with one long chat (for the heaviest screen: 60 messages).
pub fn long_chat_course(n: usize) -> Course {
    let mut c = course();
    let messages = (0..n)
        .map(|i| {
            let from = match i % 5 {
                0 | 1 => Speaker::Them,
                2 | 3 => Speaker::You,
                _ => Speaker::Note,
            };
            let text = format!(
                "Message {i}: hey, how was school today? I saw your photo from the game, \
                 it was really good 😊 we should talk more, maybe on another app?"
            );
            msg(
                from,
                &text,
                (i % 7 == 0).then_some("It asks for more, fast."),
            )
        })
        .collect();
    c.modules = vec![Module {
        id: "long".into(),
        title: "A long chat".into(),
        summary: "60 messages.".into(),
        minutes: None,
        content_note: None,
        translated: true,
        steps: vec![step(
            "chat",
            Some("A long conversation"),
            &[],
            StepKind::Chat {
                contact: "someone".into(),
                text: None,
                messages,
                choices: vec![
                    choice("Stop replying", true, "Good."),
                    choice("Keep chatting", false, "Think again."),
                ],
            },
        )],
    }];
    c
}

/// An in-memory context: records live in a map, saves are counted.
pub struct FakeCtx {
    pub i18n: I18n,
    pub course: Course,
    pub records: BTreeMap<String, CourseRecord>,
    pub saves: Arc<AtomicUsize>,
    pub fail_saves: bool,
    pub open_notice: Option<String>,
    pub languages: Vec<(String, String)>,
    pub language_calls: Vec<String>,
    /// What a live-preview reload finds on disk: a course, or diagnostics.
    /// `None`: nothing to reload.
    pub on_disk: Option<Result<Course, String>>,
}

impl FakeCtx {
    pub fn new(course: Course) -> FakeCtx {
        FakeCtx {
            i18n: I18n::new(Some("en")),
            course,
            records: BTreeMap::new(),
            saves: Arc::new(AtomicUsize::new(0)),
            fail_saves: false,
            open_notice: None,
            languages: vec![
                ("en".into(), "English".into()),
                ("fr".into(), "Français".into()),
            ],
            language_calls: Vec::new(),
            on_disk: None,
        }
    }

    pub fn with_profiles(mut self, names: &[&str]) -> FakeCtx {
        for n in names {
            self.records
                .insert(n.to_string(), CourseRecord::new(n, &self.course.id));
        }
        self
    }

    pub fn save_count(&self) -> usize {
        self.saves.load(Ordering::SeqCst)
    }
}

impl AppContext for FakeCtx {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
    fn course(&self) -> Option<&Course> {
        Some(&self.course)
    }
    fn profiles(&self) -> Vec<String> {
        self.records.keys().cloned().collect()
    }
    fn validate_profile(&self, name: &str) -> Result<String, String> {
        let n = name.trim();
        if !n.chars().any(|c| c.is_alphanumeric()) {
            return Err(self.i18n.t("profile-error-empty"));
        }
        if n.chars().count() > 32 {
            return Err(self.i18n.t("profile-error-too-long"));
        }
        if !n
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')
        {
            return Err(self.i18n.t("profile-error-bad-char"));
        }
        Ok(n.to_string())
    }
    fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)> {
        let rec = self
            .records
            .get(profile)
            .cloned()
            .unwrap_or_else(|| CourseRecord::new(profile, &self.course.id));
        Ok((
            Session::new(self.course.clone(), rec),
            self.open_notice.take(),
        ))
    }
    fn save(&mut self, record: &CourseRecord) -> Option<CourseRecord> {
        if self.fail_saves {
            return None;
        }
        self.saves.fetch_add(1, Ordering::SeqCst);
        self.records.insert(record.profile.clone(), record.clone());
        Some(record.clone())
    }
    fn set_language(&mut self, session: &mut Session, lang: &str) {
        self.language_calls.push(lang.to_string());
        self.i18n = I18n::new(Some(lang));
        let mut c = self.course.clone();
        c.locale = lang.to_string();
        session.replace_course(c);
    }
    fn languages(&self) -> Vec<(String, String)> {
        self.languages.clone()
    }
    fn now(&self) -> String {
        NOW.to_string()
    }
    fn save_on_signal(&self) -> Arc<dyn Fn() + Send + Sync> {
        Arc::new(|| {})
    }
    fn reload(&mut self, session: Option<&mut Session>) -> Option<String> {
        match self.on_disk.clone()? {
            Ok(c) => {
                self.course = c.clone();
                if let Some(s) = session {
                    s.replace_course(c);
                }
                None
            }
            Err(diagnostics) => Some(diagnostics),
        }
    }
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

/// The App, its context and a test terminal.
pub struct Harness {
    pub ctx: FakeCtx,
    pub app: App,
    pub term: Terminal<TestBackend>,
    /// The last full frame (TestBackend keeps only the diffs it was sent,
    /// and diffs skip the cell after a wide glyph, which a real terminal
    /// overwrites; the frame is what the learner sees).
    pub frame: Buffer,
}

impl Harness {
    /// On the profile picker.
    pub fn new(ctx: FakeCtx, w: u16, h: u16) -> Harness {
        Harness::with_options(ctx, w, h, TuiOptions::default())
    }

    /// With `--profile sam`: straight to the home screen.
    pub fn home(w: u16, h: u16) -> Harness {
        Harness::with_options(
            FakeCtx::new(course()),
            w,
            h,
            TuiOptions {
                profile: Some("sam".into()),
                no_color: false,
            },
        )
    }

    pub fn with_options(mut ctx: FakeCtx, w: u16, h: u16, opts: TuiOptions) -> Harness {
        let app = App::new(&mut ctx, &opts);
        let mut h = Harness {
            ctx,
            app,
            term: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
            frame: Buffer::empty(Rect::new(0, 0, w, h)),
        };
        h.draw();
        h
    }

    pub fn draw(&mut self) {
        let (app, ctx) = (&mut self.app, &self.ctx);
        let done = self
            .term
            .draw(|f| draw(f, app, ctx))
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
        let flow = self.app.handle_event(&ev, &mut self.ctx);
        if flow != Flow::Quit {
            self.draw();
        }
        flow
    }

    /// Live preview: the course files changed (as the watcher reports).
    pub fn reload(&mut self) -> Flow {
        let flow = self.app.reload(&mut self.ctx);
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
