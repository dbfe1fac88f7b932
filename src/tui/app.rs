//! The UI state on top of the session, and what each event does to it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::TuiOptions;
use super::bindings::{self, Action, Mode};
use super::course_keys;
use super::keys::{self, Key};
use super::profile_field::{ProfileState, Row};
use super::scroll::{RenderInfo, ScrollState, ScrollTo, ViewKey};
use super::theme::{Theme, ThemeName};
use crate::host::Host;
use crate::i18n::num;
use crate::session::{Input, ScreenKey, Session};
use crate::text::sanitize_line;

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

/// A screen drawn over the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overlay {
    Help,
    Settings { cursor: usize },
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
    /// The terminal's colour filter: kept in step with the theme.
    colour_flag: Option<Arc<AtomicBool>>,
    /// Profiles opened so far (the signal handler is refreshed after each).
    opened: u32,
    /// Live preview: the course on disk has errors; these diagnostics are
    /// shown in place of every screen until a reload succeeds.
    pub(crate) broken: Option<String>,
    /// The nickname whose profile is open.
    pub(crate) profile: Option<String>,
    /// The highlighted item of the list on screen (a position as shown),
    /// and the screen it belongs to (it starts afresh on a new screen).
    pub(crate) cursor: usize,
    cursor_key: Option<ScreenKey>,
}

impl App {
    /// Start on the profile picker, or straight in the course when
    /// `opts.profile` names a profile that opens.
    pub fn new(host: &mut Host, opts: &TuiOptions) -> App {
        let mut app = App {
            stage: Stage::Profile(ProfileState::new(host.profile_choice())),
            overlays: Vec::new(),
            theme_name: ThemeName::Default,
            no_color: opts.no_color,
            notice: None,
            hint: None,
            scroll: ScrollState::default(),
            last: RenderInfo::default(),
            colour_flag: None,
            opened: 0,
            broken: None,
            profile: None,
            cursor: 0,
            cursor_key: None,
        };
        if let Some(p) = &opts.profile {
            app.open_profile(p, host);
        }
        app
    }

    /// The highlighted item of the list on screen (a position as shown).
    pub fn highlighted(&self) -> usize {
        self.cursor
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
    /// host; on errors show them (in place of whatever was shown) until
    /// a later reload succeeds, which returns to the same place.
    pub fn reload(&mut self, host: &mut Host) -> Flow {
        let session = match &mut self.stage {
            Stage::Course(s) => Some(&mut **s),
            Stage::Profile(_) => None,
        };
        match host.reload(session) {
            Some(diagnostics) => {
                self.broken = Some(crate::text::escape_controls(&diagnostics));
                self.notice = None;
            }
            None => {
                self.broken = None;
                self.notice = Some(host.i18n().t("tui-watch-reloaded"));
            }
        }
        self.hint = None;
        self.scroll.manual = false;
        self.sync_cursor();
        Flow::Redraw
    }

    /// The diagnostics shown while the watched course has errors.
    pub fn course_errors(&self) -> Option<&str> {
        self.broken.as_deref()
    }

    /// What is on screen (scroll positions reset when it changes).
    pub(crate) fn view_key(&self) -> ViewKey {
        let mode = self.mode();
        let place = match (&self.stage, mode) {
            (_, Mode::Help | Mode::Settings | Mode::Broken) => None,
            (Stage::Course(s), _) => Some(s.screen_key()),
            (Stage::Profile(_), _) => None,
        };
        ViewKey(format!("{mode:?}@{place:?}"))
    }

    /// Start the highlight afresh when the screen changed; keep it in the list.
    fn sync_cursor(&mut self) {
        let Stage::Course(s) = &self.stage else {
            return;
        };
        let key = s.screen_key();
        let v = s.view();
        if self.cursor_key != Some(key) {
            self.cursor_key = Some(key);
            // Home: where the session put it (the next module after a skip or a summary).
            let home = match s.screen() {
                crate::session::Screen::Home { cursor } => Some(*cursor),
                _ => None,
            };
            self.cursor = course_keys::first_cursor(&v, home);
        }
        self.cursor = self.cursor.min(v.prompt.len.saturating_sub(1));
    }

    /// The table of keys in use now.
    pub fn mode(&self) -> Mode {
        if self.broken.is_some() {
            return Mode::Broken;
        }
        match self.overlays.last() {
            Some(Overlay::Help) => Mode::Help,
            Some(Overlay::Settings { .. }) => Mode::Settings,
            None => self.mode_below(),
        }
    }

    /// The mode under the help overlay (the keys its list explains).
    pub(crate) fn mode_below(&self) -> Mode {
        let under = self.overlays.len().saturating_sub(1);
        if matches!(
            self.overlays.get(..under),
            Some([.., Overlay::Settings { .. }])
        ) {
            return Mode::Settings;
        }
        match &self.stage {
            Stage::Profile(_) => Mode::Profile,
            Stage::Course(s) => course_keys::mode(&s.view()),
        }
    }

    /// Apply one terminal event.
    pub fn handle_event(&mut self, ev: &Event, host: &mut Host) -> Flow {
        match ev {
            // Windows reports releases too: one press, one action.
            Event::Key(k) if k.kind == KeyEventKind::Release => Flow::Idle,
            Event::Key(k) => self.on_key(k, host),
            Event::Mouse(m) => self.on_mouse(m, host),
            Event::Resize(..) => Flow::Redraw,
            Event::Paste(text) => self.on_paste(text),
            _ => Flow::Idle,
        }
    }

    fn on_key(&mut self, k: &KeyEvent, host: &mut Host) -> Flow {
        let mode = self.mode();
        let key = keys::normalise(k, mode.types_text());
        // A notice or hint is shown until the next key.
        let cleared = self.notice.take().is_some() | self.hint.take().is_some();
        let flow = match (bindings::action(mode, key), key) {
            (Some(a), _) => self.act(a, key, host),
            (None, Key::Char(c)) => self.type_char(c),
            (None, _) => Flow::Idle,
        };
        if cleared && flow == Flow::Idle {
            Flow::Redraw
        } else {
            flow
        }
    }

    /// Carry out what a binding says.
    pub(crate) fn act(&mut self, action: Action, key: Key, host: &mut Host) -> Flow {
        let scroll = |app: &mut App, to: ScrollTo| {
            if app.scroll.by(&app.last, to) {
                Flow::Redraw
            } else {
                Flow::Idle
            }
        };
        match action {
            Action::Quit => return Flow::Quit,
            Action::Help => {
                self.overlays.push(Overlay::Help);
                return Flow::Redraw;
            }
            Action::Close => {
                self.overlays.pop();
                return Flow::Redraw;
            }
            Action::Settings => {
                self.open_settings(host);
                return Flow::Redraw;
            }
            Action::ScrollUp => return scroll(self, ScrollTo::LineUp),
            Action::ScrollDown => return scroll(self, ScrollTo::LineDown),
            Action::ScrollPageUp => return scroll(self, ScrollTo::PageUp),
            Action::ScrollPageDown => return scroll(self, ScrollTo::PageDown),
            Action::ScrollTop => return scroll(self, ScrollTo::Top),
            Action::ScrollBottom => return scroll(self, ScrollTo::Bottom),
            _ => {}
        }
        let digit = match key {
            Key::Digit(i) => Some(i),
            _ => None,
        };
        match self.mode() {
            Mode::Profile => self.profile_action(action, host),
            Mode::Settings => self.settings_action(action, digit, host),
            Mode::Help | Mode::Broken => Flow::Idle,
            _ => {
                let Stage::Course(s) = &self.stage else {
                    return Flow::Idle;
                };
                let page = self.last.page();
                let e = course_keys::effect(&s.view(), action, digit, self.cursor, page);
                self.cursor = e.cursor;
                for i in e.inputs {
                    self.input(i, host);
                }
                self.sync_cursor();
                self.scroll.follow();
                Flow::Redraw
            }
        }
    }

    fn type_char(&mut self, c: char) -> Flow {
        match &mut self.stage {
            Stage::Profile(p) if self.overlays.is_empty() && self.broken.is_none() => {
                if p.type_char(c) {
                    self.scroll.follow();
                    Flow::Redraw
                } else {
                    Flow::Idle
                }
            }
            _ => Flow::Idle,
        }
    }

    fn on_paste(&mut self, text: &str) -> Flow {
        if self.mode() != Mode::Profile {
            return Flow::Idle;
        }
        if let Stage::Profile(p) = &mut self.stage {
            p.paste(text);
        }
        Flow::Redraw
    }

    fn profile_action(&mut self, action: Action, host: &mut Host) -> Flow {
        let page = self.last.page() as isize;
        let Stage::Profile(p) = &mut self.stage else {
            return Flow::Idle;
        };
        match action {
            Action::Up => p.move_by(-1),
            Action::Down => p.move_by(1),
            Action::PageUp => p.move_by(-page),
            Action::PageDown => p.move_by(page),
            Action::First => p.first(),
            Action::Last => p.last(),
            Action::Erase => p.erase(),
            Action::Clear => p.clear(),
            Action::Confirm => {
                let name = match p.highlighted() {
                    Some(Row::Name(n)) => n.to_string(),
                    Some(Row::New) | None => p.typed.clone(),
                };
                self.open_profile(&name, host);
            }
            _ => return Flow::Idle,
        }
        self.scroll.follow();
        Flow::Redraw
    }

    /// Validate and open a profile; on failure, stay on the picker with the reason.
    fn open_profile(&mut self, name: &str, host: &mut Host) {
        let nick = match host.validate_profile(name) {
            Ok(nick) => nick,
            Err(msg) => {
                if let Stage::Profile(p) = &mut self.stage {
                    p.error = Some(sanitize_line(&msg));
                }
                return;
            }
        };
        let (session, notice) = host.open(&nick);
        let theme = ThemeName::parse(session.record().settings.theme.as_deref());
        self.set_theme(theme);
        self.notice = notice
            .or_else(|| host.take_notice())
            .map(|n| sanitize_line(&n));
        self.stage = Stage::Course(Box::new(session));
        self.overlays.clear();
        self.profile = Some(sanitize_line(&nick));
        self.opened += 1;
        self.sync_cursor();
    }

    fn open_settings(&mut self, host: &Host) {
        let cursor = host.language_index().unwrap_or(0);
        self.overlays.push(Overlay::Settings { cursor });
        self.scroll.follow();
    }

    /// How many entries settings lists: the languages, then the themes.
    fn settings_len(host: &Host) -> usize {
        host.languages().len() + ThemeName::ALL.len()
    }

    fn settings_action(&mut self, action: Action, digit: Option<usize>, host: &mut Host) -> Flow {
        let n = App::settings_len(host);
        let Some(Overlay::Settings { cursor }) = self.overlays.last_mut() else {
            return Flow::Idle;
        };
        match action {
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            Action::First => *cursor = 0,
            Action::Last => *cursor = n.saturating_sub(1),
            Action::Select => match digit {
                Some(i) if i < n => *cursor = i,
                _ => {
                    self.hint = Some(
                        host.i18n()
                            .ta("hint-out-of-range", &[("max", num(n.min(9) as u32))]),
                    );
                }
            },
            Action::Confirm => {
                let i = *cursor;
                self.apply_setting(i, host);
            }
            _ => return Flow::Idle,
        }
        self.scroll.follow();
        Flow::Redraw
    }

    /// Use settings entry `i`: a language, then the themes. The language
    /// or theme in use already changes nothing (the host keeps a regional
    /// tag regional).
    fn apply_setting(&mut self, i: usize, host: &mut Host) {
        let langs = host.languages().len();
        let Stage::Course(session) = &mut self.stage else {
            return;
        };
        if let Some((tag, _)) = host.languages().get(i).cloned() {
            if host.language_index() == Some(i) {
                return;
            }
            host.set_language(session, &tag);
            self.take_notice(host);
            self.sync_cursor();
        } else if let Some(t) = ThemeName::ALL.get(i - langs).copied() {
            if t == self.theme_name {
                return;
            }
            self.set_theme(t);
            self.input(Input::SetTheme(t.as_str().to_string()), host);
        }
    }

    /// Give the session an input through the host (which saves); show
    /// help, a hint or the host's notice.
    fn input(&mut self, input: Input, host: &mut Host) {
        let Stage::Course(session) = &mut self.stage else {
            return;
        };
        let o = host.apply(session, input);
        if o.help {
            self.overlays.push(Overlay::Help);
        }
        if let Some(h) = o.hint {
            self.hint = Some(session.hint_text(h).render(host.i18n()));
        }
        self.take_notice(host);
    }

    /// A notice from the host (a failed save, progress recovered, another
    /// session holding the lock), shown once.
    fn take_notice(&mut self, host: &mut Host) {
        if let Some(n) = host.take_notice() {
            self.notice = Some(sanitize_line(&n));
        }
    }

    /// How many items the list on screen has (for "1-N pick").
    pub fn list_len(&self, host: &Host) -> usize {
        match (self.mode(), &self.stage) {
            (Mode::Settings, _) => App::settings_len(host),
            (Mode::Profile, Stage::Profile(p)) => p.rows().len(),
            (Mode::Help | Mode::Broken | Mode::Profile, _) => 0,
            (_, Stage::Course(s)) => s.prompt().len,
            (_, Stage::Profile(_)) => 0,
        }
    }
}
