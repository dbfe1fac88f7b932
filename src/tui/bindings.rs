//! What each key does, one table per screen (gitui's `commands()` idea).
//!
//! The table is the only place a key gets a meaning: key handling looks
//! the key up here, the footer is made from the bindings' short hints and
//! the help overlay's key list from their long ones, so the three cannot
//! disagree. Digits mean the same everywhere there is a list: they select
//! item N (highlight it; in a pick-one list that is the answer, in a
//! pick-several list they tick it). Enter confirms.

use super::keys::Key;

/// The screen (or prompt) a table is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Who is taking the course: a nickname field over the list of nicknames.
    Profile,
    /// The module list.
    Home,
    /// A module's content note: continue, skip, get help.
    Note,
    /// A page to read.
    Read,
    /// A chat revealing its messages one by one.
    ChatReveal,
    /// Marking the messages that worry the learner.
    ChatFlag,
    /// Picking what to do in a chat.
    ChatChoose,
    /// Spot the signs, or a question with several answers.
    PickMany,
    /// A question with one answer.
    PickOne,
    /// Putting items in order.
    Order,
    /// Feedback, signs or an answer shown: read, then go on.
    Continue,
    /// The end of a module.
    Summary,
    /// The help overlay.
    Help,
    /// The settings overlay.
    Settings,
    /// `--watch`: the course has errors.
    Broken,
}

impl Mode {
    /// Every mode (for the keymap tests).
    pub const ALL: [Mode; 15] = [
        Mode::Profile,
        Mode::Home,
        Mode::Note,
        Mode::Read,
        Mode::ChatReveal,
        Mode::ChatFlag,
        Mode::ChatChoose,
        Mode::PickMany,
        Mode::PickOne,
        Mode::Order,
        Mode::Continue,
        Mode::Summary,
        Mode::Help,
        Mode::Settings,
        Mode::Broken,
    ];

    /// Screens with a nickname field take letters and digits as text.
    pub fn types_text(self) -> bool {
        self == Mode::Profile
    }
}

/// What a key does (the UI's own word; the app turns it into session
/// inputs or UI changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the highlight.
    Up,
    Down,
    First,
    Last,
    /// Move the highlight by a page (lists that must keep the highlight in view).
    PageUp,
    PageDown,
    /// Scroll the page.
    ScrollUp,
    ScrollDown,
    ScrollPageUp,
    ScrollPageDown,
    ScrollTop,
    ScrollBottom,
    /// A digit: select item N.
    Select,
    /// Space: tick or untick the highlighted item.
    Toggle,
    /// Enter.
    Confirm,
    /// Order questions: move the highlighted item.
    MoveItemUp,
    MoveItemDown,
    /// Back to the module list.
    Back,
    /// Preview: back one step.
    BackStep,
    /// Close the overlay on top.
    Close,
    /// Clear the nickname typed so far.
    Clear,
    /// Delete the last character typed.
    Erase,
    Help,
    Settings,
    Quit,
}

/// When a binding's hint is in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Always,
    /// Only when the page is longer than the screen.
    WhenLong,
    /// Only when the list has items (the digits: "1-N pick").
    WithList,
    /// Only in an educator's preview.
    InPreview,
}

/// One line of a table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys (`Key::Digit(0)` stands for every digit).
    pub keys: &'static [Key],
    pub action: Action,
    /// The footer's short hint (a Fluent id; `tui-keys-digits` takes `max`).
    pub footer: &'static str,
    /// The help overlay's line (a Fluent id).
    pub help: &'static str,
    pub show: Show,
}

impl Binding {
    /// Whether `key` is one of this binding's keys.
    pub fn has(&self, key: Key) -> bool {
        self.keys.iter().any(|k| match (k, key) {
            (Key::Digit(_), Key::Digit(_)) => true,
            (a, b) => *a == b,
        })
    }
}

/// Declares bindings, one a line: `NAME = [keys] Action "footer id" "help id" Show;`.
macro_rules! bindings {
    ($($name:ident = [$($k:expr),+] $a:ident $footer:literal $help:literal $show:ident;)*) => {
        $(const $name: Binding = Binding {
            keys: &[$($k),+],
            action: Action::$a,
            footer: $footer,
            help: $help,
            show: Show::$show,
        };)*
    };
}

// Pairs (↑↓, PgUp PgDn, Home End, Shift+↑↓) name the first direction; the
// key pressed gives the other (see `action`).
bindings! {
    MOVE = [Key::Up, Key::Down] Up "tui-keys-move" "tui-help-key-move" Always;
    MOVE_ARROWS = [Key::Up, Key::Down] Up "tui-keys-move" "tui-help-key-move-arrows" Always;
    FIRST_LAST = [Key::Top, Key::Bottom] First "tui-keys-first-last" "tui-help-key-first-last" WithList;
    PAGE_MOVE = [Key::PageUp, Key::PageDown] PageUp "tui-keys-page-move" "tui-help-key-page-move" WhenLong;
    DIGITS = [Key::Digit(0)] Select "tui-keys-digits" "tui-help-key-digits" WithList;
    SCROLL = [Key::Up, Key::Down] ScrollUp "tui-keys-scroll" "tui-help-key-scroll-lines" WhenLong;
    PAGE = [Key::PageUp, Key::PageDown] ScrollPageUp "tui-keys-page" "tui-help-key-scroll" WhenLong;
    TOP_BOTTOM = [Key::Top, Key::Bottom] ScrollTop "tui-keys-top-bottom" "tui-help-key-top-bottom" WhenLong;
    TOGGLE = [Key::Space] Toggle "tui-keys-select" "tui-help-key-space" Always;
    MARK = [Key::Space] Toggle "tui-keys-mark" "tui-help-key-mark" Always;
    MOVE_ITEM = [Key::MoveUp, Key::MoveDown] MoveItemUp "tui-keys-move-item" "tui-help-key-move-item" Always;
    OPEN = [Key::Enter] Confirm "tui-keys-open" "tui-help-key-enter-open" Always;
    OPEN_NICKNAME = [Key::Enter] Confirm "tui-keys-open" "tui-help-key-enter-profile" Always;
    CHOOSE = [Key::Enter] Confirm "tui-keys-choose" "tui-help-key-enter-choose" Always;
    CHECK = [Key::Enter] Confirm "tui-keys-check" "tui-help-key-enter-check" Always;
    DONE_MARKING = [Key::Enter] Confirm "tui-keys-confirm" "tui-help-key-enter-flags" Always;
    CONTINUE_KEY = [Key::Enter] Confirm "tui-keys-continue" "tui-help-key-enter-continue" Always;
    REVEAL = [Key::Enter, Key::Space] Confirm "tui-keys-reveal" "tui-help-key-reveal" Always;
    LEAVE_SUMMARY = [Key::Enter, Key::Esc] Confirm "tui-keys-continue" "tui-help-key-enter-summary" Always;
    APPLY = [Key::Enter, Key::Space] Confirm "tui-keys-apply" "tui-help-key-enter-apply" Always;
    ERASE = [Key::Backspace] Erase "tui-keys-erase" "tui-help-key-erase" Always;
    CLEAR = [Key::Esc] Clear "tui-keys-clear" "tui-help-key-clear" Always;
    BACK = [Key::Esc] Back "tui-keys-back" "tui-help-key-esc" Always;
    BACK_STEP = [Key::StepBack] BackStep "tui-keys-back-step" "tui-help-key-back-step" InPreview;
    CLOSE_HELP = [Key::Esc, Key::Quit, Key::Help, Key::Enter] Close "tui-keys-close" "tui-help-key-close" Always;
    CLOSE_SETTINGS = [Key::Esc, Key::Quit, Key::Settings] Close "tui-keys-close" "tui-help-key-close" Always;
    SETTINGS_KEY = [Key::Settings] Settings "tui-keys-settings" "tui-help-key-settings" Always;
    HELP = [Key::Help] Help "tui-keys-help" "tui-help-key-help" Always;
    HELP_F1 = [Key::Help] Help "tui-keys-help-f1" "tui-help-key-help-f1" Always;
    QUIT = [Key::Quit, Key::Interrupt] Quit "tui-keys-quit" "tui-help-key-quit" Always;
    INTERRUPT = [Key::Interrupt] Quit "tui-keys-interrupt" "tui-help-key-interrupt" Always;
}

const PROFILE: &[Binding] = &[
    MOVE_ARROWS,
    FIRST_LAST,
    PAGE_MOVE,
    OPEN_NICKNAME,
    ERASE,
    CLEAR,
    HELP_F1,
    INTERRUPT,
];
const HOME: &[Binding] = &[MOVE, DIGITS, OPEN, PAGE, SETTINGS_KEY, HELP, QUIT];
const NOTE: &[Binding] = &[MOVE, DIGITS, CHOOSE, PAGE, BACK, HELP, QUIT];
const READ: &[Binding] = &[
    CONTINUE_KEY,
    SCROLL,
    PAGE,
    TOP_BOTTOM,
    BACK,
    BACK_STEP,
    HELP,
    QUIT,
];
const CHAT_REVEAL: &[Binding] = &[REVEAL, SCROLL, PAGE, BACK, BACK_STEP, HELP, QUIT];
const CHAT_FLAG: &[Binding] = &[
    MOVE,
    MARK,
    DIGITS,
    DONE_MARKING,
    PAGE,
    BACK,
    BACK_STEP,
    HELP,
    QUIT,
];
const CHAT_CHOOSE: &[Binding] = &[MOVE, DIGITS, CHOOSE, PAGE, BACK, BACK_STEP, HELP, QUIT];
const PICK_MANY: &[Binding] = &[
    MOVE, TOGGLE, DIGITS, CHECK, PAGE, BACK, BACK_STEP, HELP, QUIT,
];
const PICK_ONE: &[Binding] = &[MOVE, DIGITS, CHECK, PAGE, BACK, BACK_STEP, HELP, QUIT];
const ORDER: &[Binding] = &[
    MOVE, DIGITS, MOVE_ITEM, CHECK, PAGE, BACK, BACK_STEP, HELP, QUIT,
];
const CONTINUE: &[Binding] = &[
    CONTINUE_KEY,
    SCROLL,
    PAGE,
    TOP_BOTTOM,
    BACK,
    BACK_STEP,
    HELP,
    QUIT,
];
const SUMMARY: &[Binding] = &[LEAVE_SUMMARY, SCROLL, PAGE, TOP_BOTTOM, HELP, QUIT];
const HELP_OVERLAY: &[Binding] = &[CLOSE_HELP, SCROLL, PAGE, TOP_BOTTOM, INTERRUPT];
const SETTINGS: &[Binding] = &[MOVE, DIGITS, APPLY, PAGE, CLOSE_SETTINGS, HELP, INTERRUPT];
const BROKEN: &[Binding] = &[SCROLL, PAGE, TOP_BOTTOM, QUIT];

/// The table of a mode.
pub fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Profile => PROFILE,
        Mode::Home => HOME,
        Mode::Note => NOTE,
        Mode::Read => READ,
        Mode::ChatReveal => CHAT_REVEAL,
        Mode::ChatFlag => CHAT_FLAG,
        Mode::ChatChoose => CHAT_CHOOSE,
        Mode::PickMany => PICK_MANY,
        Mode::PickOne => PICK_ONE,
        Mode::Order => ORDER,
        Mode::Continue => CONTINUE,
        Mode::Summary => SUMMARY,
        Mode::Help => HELP_OVERLAY,
        Mode::Settings => SETTINGS,
        Mode::Broken => BROKEN,
    }
}

/// What `key` does in `mode`, if anything. Bindings that come in pairs
/// (↑↓, PgUp PgDn, Home End, Shift+↑↓) take their direction from the key.
pub fn action(mode: Mode, key: Key) -> Option<Action> {
    let bd = table(mode).iter().find(|bd| bd.has(key))?;
    let down = matches!(key, Key::Down | Key::PageDown | Key::Bottom | Key::MoveDown);
    use Action as A;
    Some(match (bd.action, down) {
        (A::Up, true) => A::Down,
        (A::First, true) => A::Last,
        (A::PageUp, true) => A::PageDown,
        (A::ScrollUp, true) => A::ScrollDown,
        (A::ScrollPageUp, true) => A::ScrollPageDown,
        (A::ScrollTop, true) => A::ScrollBottom,
        (A::MoveItemUp, true) => A::MoveItemDown,
        (a, _) => a,
    })
}

/// The footer hints of a mode: (Fluent id, shown when).
pub fn footer(mode: Mode) -> impl Iterator<Item = (&'static str, Show)> {
    table(mode).iter().map(|bd| (bd.footer, bd.show))
}

/// The help overlay's key lines for a mode (Fluent ids, in table order).
pub fn help_lines(mode: Mode) -> impl Iterator<Item = &'static str> {
    table(mode).iter().map(|bd| bd.help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_at_most_one_meaning_per_screen() {
        let keys = [
            Key::Up,
            Key::Down,
            Key::PageUp,
            Key::PageDown,
            Key::Top,
            Key::Bottom,
            Key::Enter,
            Key::Space,
            Key::Esc,
            Key::Digit(3),
            Key::MoveUp,
            Key::MoveDown,
            Key::Help,
            Key::Quit,
            Key::Settings,
            Key::Interrupt,
            Key::Backspace,
        ];
        for mode in Mode::ALL {
            for k in keys {
                let n = table(mode).iter().filter(|bd| bd.has(k)).count();
                assert!(n <= 1, "{mode:?}: {k:?} is bound {n} times");
            }
        }
    }

    #[test]
    fn every_binding_has_a_hint_and_a_help_line() {
        for mode in Mode::ALL {
            for bd in table(mode) {
                assert!(!bd.keys.is_empty(), "{mode:?}: a binding without keys");
                assert!(
                    bd.footer.starts_with("tui-keys-"),
                    "{mode:?}: {}",
                    bd.footer
                );
                assert!(
                    bd.help.starts_with("tui-help-key-"),
                    "{mode:?}: {}",
                    bd.help
                );
            }
        }
    }

    #[test]
    fn digits_select_and_enter_confirms_wherever_there_is_a_list() {
        for mode in Mode::ALL {
            if let Some(a) = action(mode, Key::Digit(0)) {
                assert_eq!(a, Action::Select, "{mode:?}");
                assert_eq!(action(mode, Key::Enter), Some(Action::Confirm), "{mode:?}");
            }
        }
    }

    #[test]
    fn you_can_always_get_out_and_get_help() {
        for mode in Mode::ALL {
            assert_eq!(action(mode, Key::Interrupt), Some(Action::Quit), "{mode:?}");
            if mode != Mode::Broken && mode != Mode::Help {
                assert_eq!(action(mode, Key::Help), Some(Action::Help), "{mode:?}");
            }
        }
        assert_eq!(action(Mode::Help, Key::Quit), Some(Action::Close));
        assert_eq!(action(Mode::Settings, Key::Quit), Some(Action::Close));
        assert_eq!(action(Mode::Home, Key::Quit), Some(Action::Quit));
        assert_eq!(action(Mode::Home, Key::Esc), None);
    }
}
