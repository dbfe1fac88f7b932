//! Key presses, normalised: letters and arrows that mean the same thing
//! become one [`Key`]. What a key does is in `bindings.rs`.

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
    /// Preview: back one step (`b`).
    StepBack,
    Backspace,
    /// A character typed into a text field.
    Char(char),
    Other,
}

/// What a key means. In a text field (`text`) letters and digits are
/// typed; only `?` and F1 still open help there.
pub fn normalise(k: &KeyEvent, text: bool) -> Key {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let shift = k.modifiers.contains(KeyModifiers::SHIFT);
    match k.code {
        KeyCode::Char('c') | KeyCode::Char('C') if ctrl => Key::Interrupt,
        _ if ctrl || k.modifiers.contains(KeyModifiers::ALT) => Key::Other,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Char('?') => Key::Help,
        KeyCode::Char(c) if text => Key::Char(c),
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
        KeyCode::Char('h') | KeyCode::Char('H') | KeyCode::F(1) => Key::Help,
        KeyCode::Char('q') | KeyCode::Char('Q') => Key::Quit,
        KeyCode::Char('s') | KeyCode::Char('S') => Key::Settings,
        KeyCode::Char('b') | KeyCode::Char('B') => Key::StepBack,
        _ => Key::Other,
    }
}
