//! Keys in one place: what a key press means, and the footer hints.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key press, normalised (letters and arrows that mean the same thing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Space,
    Esc,
    /// `1`..`9`, 0-based.
    Digit(usize),
    /// Order questions: move the highlighted item.
    MoveUp,
    MoveDown,
    Help,
    Quit,
    Settings,
    Interrupt,
    Other,
}

/// What a key means outside a text field.
pub fn normalise(k: &KeyEvent) -> Key {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let shift = k.modifiers.contains(KeyModifiers::SHIFT);
    match k.code {
        KeyCode::Char('c') | KeyCode::Char('C') if ctrl => Key::Interrupt,
        _ if ctrl || k.modifiers.contains(KeyModifiers::ALT) => Key::Other,
        KeyCode::Up if shift => Key::MoveUp,
        KeyCode::Down if shift => Key::MoveDown,
        KeyCode::Up | KeyCode::Char('k') => Key::Up,
        KeyCode::Down | KeyCode::Char('j') => Key::Down,
        KeyCode::Char('K') | KeyCode::Char('u') => Key::MoveUp,
        KeyCode::Char('J') | KeyCode::Char('d') => Key::MoveDown,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Top,
        KeyCode::End => Key::Bottom,
        KeyCode::Enter => Key::Enter,
        KeyCode::Char(' ') => Key::Space,
        KeyCode::Esc => Key::Esc,
        KeyCode::Char(c @ '1'..='9') => Key::Digit(c as usize - '1' as usize),
        KeyCode::Char('h') | KeyCode::Char('H') | KeyCode::Char('?') | KeyCode::F(1) => Key::Help,
        KeyCode::Char('q') | KeyCode::Char('Q') => Key::Quit,
        KeyCode::Char('s') | KeyCode::Char('S') => Key::Settings,
        _ => Key::Other,
    }
}

/// One footer hint: a Fluent id, and the `max` argument of `tui-keys-digits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub id: &'static str,
    pub max: Option<usize>,
}

pub const fn hint(id: &'static str) -> Hint {
    Hint { id, max: None }
}

/// `1-N pick`, shown only when there is something to pick.
pub fn digits(n: usize) -> Option<Hint> {
    (n > 0).then_some(Hint {
        id: "tui-keys-digits",
        max: Some(n.min(9)),
    })
}
