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
    /// Explanations and feedback: long text that must read well anywhere.
    pub explain: Style,
    /// "More below: PgDn" under a long page.
    pub more: Style,
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

    /// The calm default. It must read well on a dark and on a light
    /// terminal, so text keeps the terminal's own colour and every colour
    /// used is a mid-tone from the 256-colour cube (the same on every
    /// terminal, unlike the 16 named colours): at least 3:1 against both
    /// black and white (see the test below).
    fn default_theme() -> Theme {
        let plain = Style::default();
        let blue = Color::Indexed(32);
        let green = Color::Indexed(28);
        let amber = Color::Indexed(130);
        let purple = Color::Indexed(127);
        let grey = Color::Indexed(243);
        Theme {
            name: ThemeName::Default,
            colour: true,
            base: plain,
            title: plain.fg(blue).add_modifier(Modifier::BOLD),
            text: plain,
            dim: plain.fg(grey),
            strong: plain.add_modifier(Modifier::BOLD),
            cursor: plain.bg(Color::Indexed(25)).fg(Color::Indexed(231)),
            marker: plain.fg(blue).add_modifier(Modifier::BOLD),
            selected: plain.fg(blue).add_modifier(Modifier::BOLD),
            them_bar: plain.fg(purple),
            them: plain,
            you_bar: plain.fg(green),
            you: plain,
            note: plain.fg(grey).add_modifier(Modifier::ITALIC),
            contact: plain.fg(purple).add_modifier(Modifier::BOLD),
            good: plain.fg(green).add_modifier(Modifier::BOLD),
            warn: plain.fg(amber).add_modifier(Modifier::BOLD),
            gauge_on: plain.fg(blue),
            gauge_off: plain.fg(grey),
            key: plain.fg(blue).add_modifier(Modifier::BOLD),
            footer: plain,
            notice: plain.fg(amber).add_modifier(Modifier::BOLD),
            rule: plain.fg(grey),
            explain: plain,
            more: plain.fg(blue).add_modifier(Modifier::BOLD),
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
            explain: base,
            more: base.fg(Color::Yellow).add_modifier(bold),
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
            explain: plain,
            more: plain.add_modifier(Modifier::BOLD),
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
            self.explain,
            self.more,
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

    /// The xterm value of a 256-colour index (cube and grey ramp).
    fn rgb(i: u8) -> (f64, f64, f64) {
        let level = |v: u8| {
            if v == 0 {
                0.0
            } else {
                55.0 + 40.0 * f64::from(v)
            }
        };
        match i {
            16..=231 => {
                let i = i - 16;
                (level(i / 36), level((i / 6) % 6), level(i % 6))
            }
            232..=255 => {
                let g = 8.0 + 10.0 * f64::from(i - 232);
                (g, g, g)
            }
            _ => panic!("the default theme uses only the 256-colour cube: {i}"),
        }
    }

    fn luminance((r, g, b): (f64, f64, f64)) -> f64 {
        let c = |v: f64| {
            let v = v / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)
    }

    fn contrast(a: f64, b: f64) -> f64 {
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn default_colours_read_on_dark_and_light_backgrounds() {
        let t = Theme::effective(ThemeName::Default, false);
        for s in t.styles() {
            if s == t.cursor {
                continue;
            }
            assert_eq!(s.bg, None, "only the highlight paints a background");
            if let Some(Color::Indexed(i)) = s.fg {
                let l = luminance(rgb(i));
                assert!(contrast(l, 0.0) >= 3.0, "colour {i} on black");
                assert!(contrast(l, 1.0) >= 3.0, "colour {i} on white");
            } else {
                assert_eq!(
                    s.fg, None,
                    "{s:?}: the terminal's own colour or a cube colour"
                );
            }
        }
        assert_eq!(
            t.explain.fg, None,
            "explanations keep the terminal's colour"
        );
        let (Some(Color::Indexed(f)), Some(Color::Indexed(b))) = (t.cursor.fg, t.cursor.bg) else {
            panic!("the highlight has its own colours");
        };
        assert!(contrast(luminance(rgb(f)), luminance(rgb(b))) >= 4.5);
    }

    #[test]
    fn names_round_trip() {
        for n in ThemeName::ALL {
            assert_eq!(ThemeName::parse(Some(n.as_str())), n);
        }
        assert_eq!(ThemeName::parse(Some("neon")), ThemeName::Default);
    }
}
