//! The UI state on top of the session, and what each event does to it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use unicode_segmentation::UnicodeSegmentation;

use super::doc::{Scrolled, Target};
use super::keys::{self, Key};
use super::theme::{Theme, ThemeName};
use super::{AppContext, TuiOptions};
use crate::course::StepKind;
use crate::i18n::num;
use crate::session::{ChatPhase, Hint, Input, Screen, Session, StepState};
use crate::text::sanitize_line;

/// Longest nickname the text field takes (the context validates further).
const MAX_NICKNAME_CHARS: usize = 64;

/// What the loop does after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Draw again.
    Redraw,
    /// Nothing changed.
    Idle,
    /// The learner quit.
    Quit,
}

/// Before a profile is open, or in the course.
#[derive(Debug)]
pub(crate) enum Stage {
    Profile(ProfileState),
    Course(Box<Session>),
}

/// The profile picker.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileState {
    pub names: Vec<String>,
    /// Highlighted row; `names.len()` is "make a new nickname".
    pub cursor: usize,
    /// The nickname being typed, when the text field is open.
    pub typing: Option<String>,
    /// Why the last nickname was not taken (already translated).
    pub error: Option<String>,
}

/// A screen drawn over the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overlay {
    Help,
    Settings { cursor: usize },
}

/// Identifies what is on screen, so scroll positions reset when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ViewKey {
    overlay: u8,
    screen: u8,
    module: usize,
    step: usize,
    phase: u8,
}

/// The scroll position of the body.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ScrollState {
    pub key: Option<ViewKey>,
    pub offset: usize,
    /// The learner scrolled: stop following the highlight until the next input.
    pub manual: bool,
}

/// What the last draw learned (for scrolling and mouse clicks).
#[derive(Debug, Clone, Default)]
pub(crate) struct RenderInfo {
    pub body: Scrolled,
    pub hits: Vec<(Rect, Target)>,
}

/// The full UI's state.
#[derive(Debug)]
pub struct App {
    pub(crate) stage: Stage,
    pub(crate) overlays: Vec<Overlay>,
    pub(crate) theme_name: ThemeName,
    pub(crate) no_color: bool,
    pub(crate) notice: Option<String>,
    pub(crate) hint: Option<String>,
    pub(crate) scroll: ScrollState,
    pub(crate) last: RenderInfo,
    save_failed: bool,
    /// The terminal's colour filter: kept in step with the theme.
    colour_flag: Option<Arc<AtomicBool>>,
    /// Profiles opened so far (the signal handler is refreshed after each).
    opened: u32,
    /// Live preview: the course on disk has errors; these diagnostics are
    /// shown in place of every screen until a reload succeeds.
    pub(crate) broken: Option<String>,
}

impl App {
    /// Start on the profile picker, or straight in the course when
    /// `opts.profile` names a profile that opens.
    pub fn new(ctx: &mut dyn AppContext, opts: &TuiOptions) -> App {
        let names: Vec<String> = ctx.profiles().iter().map(|n| sanitize_line(n)).collect();
        let typing = names.is_empty().then(String::new);
        let mut app = App {
            stage: Stage::Profile(ProfileState {
                names,
                cursor: 0,
                typing,
                error: None,
            }),
            overlays: Vec::new(),
            theme_name: ThemeName::Default,
            no_color: opts.no_color,
            notice: None,
            hint: None,
            scroll: ScrollState::default(),
            last: RenderInfo::default(),
            save_failed: false,
            colour_flag: None,
            opened: 0,
            broken: None,
        };
        if let Some(p) = &opts.profile {
            app.open_profile(p, ctx);
        }
        app
    }

    /// The session, once a profile is open.
    pub fn session(&self) -> Option<&Session> {
        match &self.stage {
            Stage::Course(s) => Some(s),
            Stage::Profile(_) => None,
        }
    }

    /// The session, mutably (tests and benches set up states with it).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.stage {
            Stage::Course(s) => Some(s),
            Stage::Profile(_) => None,
        }
    }

    /// Whether the help overlay is on top.
    pub fn help_open(&self) -> bool {
        self.overlays.last() == Some(&Overlay::Help)
    }

    /// Whether the settings overlay is on top.
    pub fn settings_open(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Settings { .. }))
    }

    /// The notice line shown now, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// How many times a profile was opened (0 on the picker).
    pub fn opened_count(&self) -> u32 {
        self.opened
    }

    /// Keep `flag` true exactly when the theme may draw colour.
    pub(crate) fn attach_colour_flag(&mut self, flag: Arc<AtomicBool>) {
        flag.store(self.theme().colour, Ordering::SeqCst);
        self.colour_flag = Some(flag);
    }

    fn set_theme(&mut self, name: ThemeName) {
        self.theme_name = name;
        if let Some(f) = &self.colour_flag {
            f.store(self.theme().colour, Ordering::SeqCst);
        }
    }

    /// The theme to draw with.
    pub fn theme(&self) -> Theme {
        Theme::effective(self.theme_name, self.no_color)
    }

    /// The chosen theme (before `NO_COLOR`).
    pub fn theme_name(&self) -> ThemeName {
        self.theme_name
    }

    /// Live preview: the course files changed. Reload through the
    /// context; on errors show them (in place of whatever was shown) until
    /// a later reload succeeds, which returns to the same place.
    pub fn reload(&mut self, ctx: &mut dyn AppContext) -> Flow {
        let session = match &mut self.stage {
            Stage::Course(s) => Some(&mut **s),
            Stage::Profile(_) => None,
        };
        match ctx.reload(session) {
            Some(diagnostics) => {
                self.broken = Some(crate::text::escape_controls(&diagnostics));
                self.notice = None;
            }
            None => {
                self.broken = None;
                self.notice = Some(ctx.i18n().t("tui-watch-reloaded"));
            }
        }
        self.hint = None;
        self.scroll.manual = false;
        Flow::Redraw
    }

    /// The diagnostics shown while the watched course has errors.
    pub fn course_errors(&self) -> Option<&str> {
        self.broken.as_deref()
    }

    pub(crate) fn view_key(&self) -> ViewKey {
        let mut k = ViewKey::default();
        if self.broken.is_some() {
            k.overlay = 3;
            return k;
        }
        match self.overlays.last() {
            Some(Overlay::Help) => {
                k.overlay = 1;
                return k;
            }
            Some(Overlay::Settings { .. }) => {
                k.overlay = 2;
                return k;
            }
            None => {}
        }
        match &self.stage {
            Stage::Profile(p) => {
                k.screen = 1;
                k.phase = u8::from(p.typing.is_some());
            }
            Stage::Course(s) => match s.screen() {
                Screen::Home { .. } => k.screen = 2,
                Screen::Note { module, .. } => {
                    k.screen = 3;
                    k.module = *module;
                }
                Screen::Summary { module } => {
                    k.screen = 4;
                    k.module = *module;
                }
                Screen::Step {
                    module,
                    step,
                    state,
                } => {
                    k.screen = 5;
                    k.module = *module;
                    k.step = *step;
                    k.phase = match state {
                        StepState::Read => 0,
                        StepState::Chat(c) => match c.phase {
                            ChatPhase::Reveal => 1,
                            ChatPhase::Flag => 2,
                            ChatPhase::Signs => 3,
                            ChatPhase::Choose => 4,
                            ChatPhase::Feedback { .. } => 5,
                            ChatPhase::Done => 6,
                        },
                        StepState::Spot(s) => 10 + u8::from(s.submitted),
                        StepState::Question(q) => 20 + u8::from(q.submitted),
                    };
                }
            },
        }
        k
    }

    /// Apply one terminal event.
    pub fn handle_event(&mut self, ev: &Event, ctx: &mut dyn AppContext) -> Flow {
        match ev {
            // Windows reports releases too: one press, one action.
            Event::Key(k) if k.kind == KeyEventKind::Release => Flow::Idle,
            Event::Key(k) => self.on_key(k, ctx),
            Event::Mouse(m) => self.on_mouse(m, ctx),
            Event::Resize(..) => Flow::Redraw,
            Event::Paste(text) => self.on_paste(text),
            _ => Flow::Idle,
        }
    }

    fn typing(&self) -> bool {
        self.overlays.is_empty() && matches!(&self.stage, Stage::Profile(p) if p.typing.is_some())
    }

    fn on_key(&mut self, k: &KeyEvent, ctx: &mut dyn AppContext) -> Flow {
        let key = keys::normalise(k);
        if key == Key::Interrupt {
            return Flow::Quit;
        }
        // A notice or hint is shown until the next key.
        let cleared = self.notice.take().is_some() | self.hint.take().is_some();
        let flow = if self.broken.is_some() {
            // Only scrolling and quitting until the course is fixed.
            match key {
                Key::Quit => Flow::Quit,
                Key::Up | Key::Down | Key::PageUp | Key::PageDown | Key::Top | Key::Bottom => {
                    self.scroll_by(key)
                }
                _ => Flow::Idle,
            }
        } else if self.typing() {
            self.on_typing_key(k, ctx)
        } else {
            match self.overlays.last().copied() {
                Some(Overlay::Help) => self.on_help_key(key),
                Some(Overlay::Settings { cursor }) => self.on_settings_key(key, cursor, ctx),
                None => match key {
                    Key::Quit => Flow::Quit,
                    Key::Help => {
                        self.overlays.push(Overlay::Help);
                        Flow::Redraw
                    }
                    _ => match self.stage {
                        Stage::Profile(_) => self.on_profile_key(key, ctx),
                        Stage::Course(_) => self.on_course_key(key, ctx),
                    },
                },
            }
        };
        if cleared && flow == Flow::Idle {
            Flow::Redraw
        } else {
            flow
        }
    }

    fn on_paste(&mut self, text: &str) -> Flow {
        if self.broken.is_some() || !self.typing() {
            return Flow::Idle;
        }
        if let Stage::Profile(p) = &mut self.stage
            && let Some(t) = &mut p.typing
        {
            for c in sanitize_line(text).chars() {
                if t.chars().count() >= MAX_NICKNAME_CHARS {
                    break;
                }
                t.push(c);
            }
            p.error = None;
        }
        Flow::Redraw
    }

    fn on_typing_key(&mut self, k: &KeyEvent, ctx: &mut dyn AppContext) -> Flow {
        let Stage::Profile(p) = &mut self.stage else {
            return Flow::Idle;
        };
        let Some(t) = &mut p.typing else {
            return Flow::Idle;
        };
        match k.code {
            // `?` cannot be part of a nickname: it opens help here too
            // (some terminals keep F1 for themselves).
            KeyCode::F(1) | KeyCode::Char('?') => {
                self.overlays.push(Overlay::Help);
                Flow::Redraw
            }
            KeyCode::Esc => {
                if p.names.is_empty() {
                    return Flow::Idle;
                }
                p.typing = None;
                p.error = None;
                Flow::Redraw
            }
            KeyCode::Enter => {
                let name = t.clone();
                self.open_profile(&name, ctx);
                Flow::Redraw
            }
            KeyCode::Backspace => {
                if let Some((i, _)) = t.grapheme_indices(true).next_back() {
                    t.truncate(i);
                }
                p.error = None;
                Flow::Redraw
            }
            KeyCode::Char(c)
                if !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && !c.is_control()
                    && !crate::text::is_forbidden_char(c) =>
            {
                if t.chars().count() < MAX_NICKNAME_CHARS {
                    t.push(c);
                }
                p.error = None;
                Flow::Redraw
            }
            _ => Flow::Idle,
        }
    }

    /// Validate and open a profile; on failure, stay on the picker with the reason.
    fn open_profile(&mut self, name: &str, ctx: &mut dyn AppContext) {
        let err = match ctx.validate_profile(name) {
            Err(msg) => sanitize_line(&msg),
            Ok(nick) => match ctx.open(&nick) {
                Ok((session, notice)) => {
                    let theme = ThemeName::parse(session.record().settings.theme.as_deref());
                    self.set_theme(theme);
                    self.notice = notice
                        .or_else(|| ctx.take_notice())
                        .map(|n| sanitize_line(&n));
                    self.stage = Stage::Course(Box::new(session));
                    self.overlays.clear();
                    self.opened += 1;
                    return;
                }
                Err(e) => ctx.i18n().ta(
                    "tui-error-open",
                    &[("reason", crate::i18n::s(sanitize_line(&e.to_string())))],
                ),
            },
        };
        if let Stage::Profile(p) = &mut self.stage {
            p.error = Some(err);
            if p.typing.is_none() {
                p.typing = Some(sanitize_line(name));
            }
        }
    }

    fn on_help_key(&mut self, key: Key) -> Flow {
        match key {
            Key::Esc | Key::Help | Key::Enter => {
                self.overlays.pop();
                Flow::Redraw
            }
            Key::Quit => Flow::Quit,
            Key::Up | Key::Down | Key::PageUp | Key::PageDown | Key::Top | Key::Bottom => {
                self.scroll_by(key)
            }
            _ => Flow::Idle,
        }
    }

    fn on_settings_key(&mut self, key: Key, cursor: usize, ctx: &mut dyn AppContext) -> Flow {
        let n = ctx.languages().len() + ThemeName::ALL.len();
        let set = |app: &mut App, c: usize| {
            if let Some(Overlay::Settings { cursor }) = app.overlays.last_mut() {
                *cursor = c;
            }
            app.scroll.manual = false;
            Flow::Redraw
        };
        match key {
            Key::Esc | Key::Settings => {
                self.overlays.pop();
                Flow::Redraw
            }
            Key::Quit => Flow::Quit,
            Key::Help => {
                self.overlays.push(Overlay::Help);
                Flow::Redraw
            }
            Key::Up => set(self, cursor.saturating_sub(1)),
            Key::Down => set(self, (cursor + 1).min(n.saturating_sub(1))),
            Key::Digit(i) if i < n => {
                set(self, i);
                self.apply_setting(i, ctx)
            }
            Key::Enter | Key::Space => self.apply_setting(cursor, ctx),
            Key::PageUp | Key::PageDown | Key::Top | Key::Bottom => self.scroll_by(key),
            _ => Flow::Idle,
        }
    }

    /// Use settings entry `i`: a language, then the themes.
    fn apply_setting(&mut self, i: usize, ctx: &mut dyn AppContext) -> Flow {
        let langs = ctx.languages();
        let Stage::Course(session) = &mut self.stage else {
            return Flow::Idle;
        };
        if let Some((tag, _)) = langs.get(i) {
            session.record_mut().settings.lang = Some(tag.clone());
            ctx.set_language(session, tag);
        } else if let Some(t) = ThemeName::ALL.get(i - langs.len()).copied() {
            session.record_mut().settings.theme = Some(t.as_str().to_string());
            self.set_theme(t);
        } else {
            return Flow::Idle;
        }
        self.save(ctx);
        Flow::Redraw
    }

    fn on_profile_key(&mut self, key: Key, ctx: &mut dyn AppContext) -> Flow {
        let Stage::Profile(p) = &mut self.stage else {
            return Flow::Idle;
        };
        let n = p.names.len() + 1;
        match key {
            Key::Up => p.cursor = p.cursor.saturating_sub(1),
            Key::Down => p.cursor = (p.cursor + 1).min(n - 1),
            Key::Digit(i) if i < n => p.cursor = i,
            Key::Enter => return self.activate_profile_row(ctx),
            Key::PageUp | Key::PageDown | Key::Top | Key::Bottom => return self.scroll_by(key),
            _ => return Flow::Idle,
        }
        p.error = None;
        self.scroll.manual = false;
        Flow::Redraw
    }

    fn activate_profile_row(&mut self, ctx: &mut dyn AppContext) -> Flow {
        let Stage::Profile(p) = &mut self.stage else {
            return Flow::Idle;
        };
        match p.names.get(p.cursor).cloned() {
            Some(name) => self.open_profile(&name, ctx),
            None => {
                p.typing = Some(String::new());
                p.error = None;
            }
        }
        Flow::Redraw
    }

    fn on_course_key(&mut self, key: Key, ctx: &mut dyn AppContext) -> Flow {
        let Stage::Course(session) = &self.stage else {
            return Flow::Idle;
        };
        let scroll_keys = matches!(key, Key::PageUp | Key::PageDown | Key::Top | Key::Bottom);
        let arrows = matches!(key, Key::Up | Key::Down);
        let input = match session.screen() {
            Screen::Home { .. } => match key {
                Key::Settings => {
                    self.overlays.push(Overlay::Settings { cursor: 0 });
                    return Flow::Redraw;
                }
                _ => list_input(key),
            },
            Screen::Note { .. } => match key {
                Key::Esc => Some(Input::Back),
                _ => list_input(key),
            },
            Screen::Summary { .. } => match key {
                Key::Enter | Key::Esc => Some(Input::Confirm),
                _ => None,
            },
            Screen::Step { state, .. } => {
                if key == Key::Esc {
                    Some(Input::Back)
                } else {
                    match state {
                        StepState::Read => (key == Key::Enter).then_some(Input::Confirm),
                        StepState::Chat(c) => match c.phase {
                            ChatPhase::Reveal => match key {
                                Key::Enter | Key::Space => Some(Input::Confirm),
                                _ => None,
                            },
                            ChatPhase::Flag => match key {
                                Key::Space => Some(Input::Toggle),
                                _ => list_input(key),
                            },
                            ChatPhase::Choose => match key {
                                Key::Space => None,
                                _ => list_input(key),
                            },
                            ChatPhase::Signs | ChatPhase::Feedback { .. } | ChatPhase::Done => {
                                (key == Key::Enter).then_some(Input::Confirm)
                            }
                        },
                        StepState::Spot(s) if !s.submitted => match key {
                            Key::Space => Some(Input::Toggle),
                            _ => list_input(key),
                        },
                        StepState::Question(q) if !q.submitted => match key {
                            Key::Space => Some(Input::Toggle),
                            Key::MoveUp => Some(Input::MoveUp),
                            Key::MoveDown => Some(Input::MoveDown),
                            _ => list_input(key),
                        },
                        StepState::Spot(_) | StepState::Question(_) => {
                            (key == Key::Enter).then_some(Input::Confirm)
                        }
                    }
                }
            }
        };
        match input {
            Some(i) => self.input(i, ctx),
            None if scroll_keys || arrows => self.scroll_by(key),
            None => Flow::Idle,
        }
    }

    /// Give the session an input and carry out its outcome.
    fn input(&mut self, input: Input, ctx: &mut dyn AppContext) -> Flow {
        let Stage::Course(session) = &mut self.stage else {
            return Flow::Idle;
        };
        let now = ctx.now();
        let o = session.update(input, &now);
        if o.save {
            self.save(ctx);
        }
        if o.help {
            self.overlays.push(Overlay::Help);
        }
        if let Some(h) = o.hint {
            self.hint = Some(self.hint_text(h, ctx));
        }
        self.scroll.manual = false;
        Flow::Redraw
    }

    /// Save through the context; keep the merged record; one calm notice on failure.
    fn save(&mut self, ctx: &mut dyn AppContext) {
        let Stage::Course(session) = &mut self.stage else {
            return;
        };
        let saved = ctx.save(session.record());
        let told = ctx.take_notice();
        let failed_now = saved.is_none() && !self.save_failed;
        match saved {
            Some(merged) => {
                *session.record_mut() = merged;
                self.save_failed = false;
            }
            None => self.save_failed = true,
        }
        if let Some(n) = told {
            self.notice = Some(sanitize_line(&n));
        } else if failed_now {
            self.notice = Some(ctx.i18n().t("progress-cannot-save"));
        }
    }

    fn hint_text(&self, h: Hint, ctx: &dyn AppContext) -> String {
        let i18n = ctx.i18n();
        let n = self.list_len();
        match h {
            Hint::OutOfRange => i18n.ta("hint-out-of-range", &[("max", num(n as u32))]),
            Hint::OneNumber => i18n.t("hint-one-number"),
            Hint::SelectSomething => i18n.t("hint-select-something"),
            Hint::WholeOrder => i18n.ta("hint-whole-order", &[("count", num(n as u32))]),
            Hint::NothingToAnswer => i18n.t("hint-nothing"),
        }
    }

    /// How many items the list on screen has (for "type a number from 1 to N").
    pub(crate) fn list_len(&self) -> usize {
        let Some(session) = self.session() else {
            return 0;
        };
        match session.screen() {
            Screen::Home { .. } => session.course().modules.len(),
            Screen::Note { .. } => 3,
            Screen::Summary { .. } => 0,
            Screen::Step { .. } => match session.current() {
                Some((_, step, state)) => match (&step.kind, state) {
                    (StepKind::Chat { messages, .. }, StepState::Chat(c))
                        if c.phase == ChatPhase::Flag =>
                    {
                        messages.len()
                    }
                    (StepKind::Chat { choices, .. }, StepState::Chat(c))
                        if c.phase == ChatPhase::Choose =>
                    {
                        choices.len()
                    }
                    (StepKind::Spot { items, .. }, _) => items.len(),
                    (StepKind::Question { options, .. }, _) => options.len(),
                    _ => 0,
                },
                None => 0,
            },
        }
    }

    /// Scroll the body (manual scrolling stops following the highlight).
    fn scroll_by(&mut self, key: Key) -> Flow {
        let b = self.last.body;
        let page = b.height.saturating_sub(1).max(1);
        let cur = b.offset;
        let new = match key {
            Key::Up => cur.saturating_sub(1),
            Key::Down => cur + 1,
            Key::PageUp => cur.saturating_sub(page),
            Key::PageDown => cur + page,
            Key::Top => 0,
            Key::Bottom => b.max,
            _ => cur,
        };
        self.scroll_to(new)
    }

    fn scroll_to(&mut self, offset: usize) -> Flow {
        let b = self.last.body;
        let new = offset.min(b.max);
        self.scroll.manual = true;
        self.scroll.offset = new;
        if new == b.offset {
            Flow::Idle
        } else {
            Flow::Redraw
        }
    }

    fn on_mouse(&mut self, m: &MouseEvent, ctx: &mut dyn AppContext) -> Flow {
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let pos = Position::new(m.column, m.row);
                let hit = self
                    .last
                    .hits
                    .iter()
                    .find(|(r, _)| r.contains(pos))
                    .map(|(_, t)| *t);
                match hit {
                    Some(t) => self.click(t.0, ctx),
                    None => Flow::Idle,
                }
            }
            MouseEventKind::ScrollUp => self.scroll_to(self.last.body.offset.saturating_sub(3)),
            MouseEventKind::ScrollDown => self.scroll_to(self.last.body.offset + 3),
            _ => Flow::Idle,
        }
    }

    /// A click on item `i` of the list on screen selects it; a click on the
    /// highlighted module or profile opens it.
    fn click(&mut self, i: usize, ctx: &mut dyn AppContext) -> Flow {
        if self.broken.is_some() {
            return Flow::Idle;
        }
        self.notice = None;
        self.hint = None;
        match self.overlays.last().copied() {
            Some(Overlay::Settings { .. }) => {
                if let Some(Overlay::Settings { cursor }) = self.overlays.last_mut() {
                    *cursor = i;
                }
                return self.apply_setting(i, ctx);
            }
            Some(Overlay::Help) => return Flow::Idle,
            None => {}
        }
        match &mut self.stage {
            Stage::Profile(p) => {
                if p.typing.is_some() {
                    return Flow::Idle;
                }
                if p.cursor == i {
                    self.activate_profile_row(ctx)
                } else {
                    p.cursor = i.min(p.names.len());
                    Flow::Redraw
                }
            }
            Stage::Course(session) => {
                let input = match session.screen() {
                    Screen::Home { cursor } if *cursor == i => Input::Confirm,
                    Screen::Home { .. } | Screen::Note { .. } => Input::Pick(i),
                    Screen::Step { state, .. } => match state {
                        StepState::Chat(c)
                            if matches!(c.phase, ChatPhase::Flag | ChatPhase::Choose) =>
                        {
                            Input::Pick(i)
                        }
                        StepState::Spot(s) if !s.submitted => Input::Pick(i),
                        StepState::Question(q) if !q.submitted => Input::Pick(i),
                        _ => return Flow::Idle,
                    },
                    Screen::Summary { .. } => return Flow::Idle,
                };
                self.input(input, ctx)
            }
        }
    }
}

/// Keys of a list: move, pick by number, choose.
fn list_input(key: Key) -> Option<Input> {
    match key {
        Key::Up => Some(Input::Up),
        Key::Down => Some(Input::Down),
        Key::Digit(i) => Some(Input::Pick(i)),
        Key::Enter => Some(Input::Confirm),
        _ => None,
    }
}
