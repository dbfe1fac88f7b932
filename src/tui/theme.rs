//! Colours live here and nowhere else. Three themes: a calm default, a high
//! contrast one, and one without any colour (only bold, italic, reverse),
//! which `NO_COLOR` forces.

use ratatui::style::{Color, Modifier, Style};

/// The themes a learner can pick in settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    NoColour,
}

impl ThemeName {
    /// Every theme, in the order settings lists them.
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::NoColour,
    ];

    /// The spelling saved in `record.settings.theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::NoColour => "no-colour",
        }
    }

    /// Read a saved spelling; anything unknown is the default.
    pub fn parse(s: Option<&str>) -> ThemeName {
        match s {
            Some("high-contrast") => ThemeName::HighContrast,
            Some("no-colour" | "no-color") => ThemeName::NoColour,
            _ => ThemeName::Default,
        }
    }

    /// The Fluent id of its name.
    pub fn label_id(self) -> &'static str {
        match self {
            ThemeName::Default => "tui-theme-default",
            ThemeName::HighContrast => "tui-theme-high-contrast",
            ThemeName::NoColour => "tui-theme-no-colour",
        }
    }
}

/// Every style the screens use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// Whether any colour may be drawn at all.
    pub colour: bool,
    /// Whole-screen base (the high contrast theme paints its background).
    pub base: Style,
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub strong: Style,
    /// The highlighted row (cursor).
    pub cursor: Style,
    /// The `›` marker in front of the highlighted row.
    pub marker: Style,
    /// A ticked checkbox or chosen option.
    pub selected: Style,
    pub them_bar: Style,
    pub them: Style,
    pub you_bar: Style,
    pub you: Style,
    pub note: Style,
    pub contact: Style,
    /// Right answers, signs found.
    pub good: Style,
    /// Signs missed, answers to look at again (calm, never alarming).
    pub warn: Style,
    pub gauge_on: Style,
    pub gauge_off: Style,
    pub key: Style,
    pub footer: Style,
    pub notice: Style,
    pub rule: Style,
}

impl Theme {
    /// The theme to draw with: `no_color` (the `NO_COLOR` variable) wins.
    pub fn effective(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::no_colour();
        }
        match name {
            ThemeName::Default => Theme::default_theme(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::NoColour => Theme::no_colour(),
        }
    }

    fn default_theme() -> Theme {
        let plain = Style::default();
        Theme {
            name: ThemeName::Default,
            colour: true,
            base: plain,
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            text: plain,
            dim: plain.fg(Color::DarkGray),
            strong: plain.add_modifier(Modifier::BOLD),
            cursor: plain.bg(Color::Blue).fg(Color::White),
            marker: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            them_bar: plain.fg(Color::Magenta),
            them: plain,
            you_bar: plain.fg(Color::Green),
            you: plain,
            note: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            contact: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            good: plain.fg(Color::Green),
            warn: plain.fg(Color::Yellow),
            gauge_on: plain.fg(Color::Cyan),
            gauge_off: plain.fg(Color::DarkGray),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            footer: plain,
            notice: plain.fg(Color::Yellow),
            rule: plain.fg(Color::DarkGray),
        }
    }

    fn high_contrast() -> Theme {
        let base = Style::default().fg(Color::White).bg(Color::Black);
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::HighContrast,
            colour: true,
            base,
            title: base.fg(Color::Yellow).add_modifier(bold),
            text: base,
            dim: base,
            strong: base.add_modifier(bold),
            cursor: Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            marker: base.fg(Color::Yellow).add_modifier(bold),
            selected: base.fg(Color::Yellow).add_modifier(bold),
            them_bar: base.fg(Color::LightCyan).add_modifier(bold),
            them: base,
            you_bar: base.fg(Color::LightGreen).add_modifier(bold),
            you: base,
            note: base.add_modifier(Modifier::ITALIC),
            contact: base.fg(Color::LightCyan).add_modifier(bold),
            good: base.fg(Color::LightGreen).add_modifier(bold),
            warn: base.fg(Color::Yellow).add_modifier(bold),
            gauge_on: base.fg(Color::Yellow),
            gauge_off: base,
            key: base.fg(Color::Yellow).add_modifier(bold),
            footer: base,
            notice: base.fg(Color::Yellow).add_modifier(bold),
            rule: base,
        }
    }

    fn no_colour() -> Theme {
        let plain = Style::default();
        Theme {
            name: ThemeName::NoColour,
            colour: false,
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            text: plain,
            dim: plain,
            strong: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            marker: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::BOLD),
            them_bar: plain.add_modifier(Modifier::BOLD),
            them: plain,
            you_bar: plain.add_modifier(Modifier::BOLD),
            you: plain,
            note: plain.add_modifier(Modifier::ITALIC),
            contact: plain.add_modifier(Modifier::BOLD),
            good: plain.add_modifier(Modifier::BOLD),
            warn: plain.add_modifier(Modifier::BOLD),
            gauge_on: plain,
            gauge_off: plain,
            key: plain.add_modifier(Modifier::BOLD),
            footer: plain,
            notice: plain.add_modifier(Modifier::BOLD),
            rule: plain,
        }
    }

    /// Every style of this theme (to check a theme draws no colour).
    pub fn styles(&self) -> Vec<Style> {
        vec![
            self.base,
            self.title,
            self.text,
            self.dim,
            self.strong,
            self.cursor,
            self.marker,
            self.selected,
            self.them_bar,
            self.them,
            self.you_bar,
            self.you,
            self.note,
            self.contact,
            self.good,
            self.warn,
            self.gauge_on,
            self.gauge_off,
            self.key,
            self.footer,
            self.notice,
            self.rule,
        ]
    }
}

/// Whether the environment asks for no colour (`NO_COLOR` set and not empty,
/// as no-color.org says).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_theme_has_no_colour() {
        for t in [
            Theme::effective(ThemeName::Default, true),
            Theme::no_colour(),
        ] {
            for s in t.styles() {
                assert_eq!(s.fg, None);
                assert_eq!(s.bg, None);
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for n in ThemeName::ALL {
            assert_eq!(ThemeName::parse(Some(n.as_str())), n);
        }
        assert_eq!(ThemeName::parse(Some("neon")), ThemeName::Default);
    }
}
