//! The mouse: a click selects what it hits, as the item's digit would; a
//! second click on the highlighted item confirms it, as Enter would. The
//! wheel scrolls. Items are hit by their position as drawn (the learner's
//! shuffled order), so a click always means what the learner sees.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::app::{App, Flow, Overlay, Stage};
use super::bindings::{self, Action, Mode};
use super::keys::Key;
use super::scroll::ScrollTo;
use crate::host::Host;

impl App {
    pub(crate) fn on_mouse(&mut self, m: &MouseEvent, host: &mut Host) -> Flow {
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                match self.last.hit(Position::new(m.column, m.row)) {
                    Some(i) => self.click(i, host),
                    None => Flow::Idle,
                }
            }
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let to = if m.kind == MouseEventKind::ScrollUp {
                    ScrollTo::WheelUp
                } else {
                    ScrollTo::WheelDown
                };
                if self.scroll.by(&self.last, to) {
                    Flow::Redraw
                } else {
                    Flow::Idle
                }
            }
            _ => Flow::Idle,
        }
    }

    /// A click on item `i` (as displayed) selects it, as its digit would;
    /// a click on the highlighted item confirms it, as Enter would.
    fn click(&mut self, i: usize, host: &mut Host) -> Flow {
        self.notice = None;
        self.hint = None;
        let mode = self.mode();
        let last = self.list_len(host).saturating_sub(1);
        let highlighted = match (&self.stage, mode) {
            (_, Mode::Settings) => match self.overlays.last() {
                Some(Overlay::Settings { cursor }) => Some(*cursor),
                _ => None,
            },
            (Stage::Profile(p), Mode::Profile) => Some(p.cursor),
            // Lists where a click selects: a second click on it confirms.
            (_, Mode::Home | Mode::Note | Mode::ChatChoose | Mode::PickOne) => Some(self.cursor),
            (_, Mode::ChatFlag) if self.cursor == last => Some(last),
            _ => None,
        };
        if highlighted == Some(i) {
            return self.act(Action::Confirm, Key::Enter, host);
        }
        match mode {
            Mode::Profile => {
                if let Stage::Profile(p) = &mut self.stage {
                    p.cursor = i.min(p.rows().len().saturating_sub(1));
                }
                Flow::Redraw
            }
            Mode::Help | Mode::Broken => Flow::Idle,
            _ if bindings::action(mode, Key::Digit(0)).is_some() => {
                self.act(Action::Select, Key::Digit(i), host)
            }
            _ => Flow::Idle,
        }
    }
}
