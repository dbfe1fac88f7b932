//! The nickname screen's state: a text field that also filters the list of
//! nicknames below it. Typing narrows the list; Enter opens the highlighted
//! row, and when no nickname matches, the only row is "make the nickname
//! you typed".

use unicode_segmentation::UnicodeSegmentation;

use crate::host::ProfileChoice;
use crate::text::{is_forbidden_char, sanitize_line};

/// Longest nickname the text field takes (the host validates further).
const MAX_NICKNAME_CHARS: usize = 64;

/// One row of the list under the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Row<'a> {
    /// An existing nickname.
    Name(&'a str),
    /// Make the nickname typed so far.
    New,
}

/// The profile picker.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileState {
    /// Every existing nickname (made safe to show).
    pub names: Vec<String>,
    /// What is typed in the field.
    pub typed: String,
    /// Highlighted row of [`ProfileState::rows`].
    pub cursor: usize,
    /// Why the last nickname was not taken (already translated).
    pub error: Option<String>,
    /// Profile folders were left out of the list: how many, in one
    /// sentence (from the one scan made when the screen opened).
    pub skipped: Option<String>,
}

impl ProfileState {
    pub fn new(choice: ProfileChoice) -> ProfileState {
        ProfileState {
            names: choice.names.iter().map(|n| sanitize_line(n)).collect(),
            skipped: choice.skipped.map(|s| sanitize_line(&s)),
            ..Default::default()
        }
    }

    /// The rows shown now: the nicknames that contain what is typed (an
    /// exact match first, then those that start with it, so "mi" highlights
    /// "mia" before "amir"), then "make it" when something is typed that is
    /// not a nickname yet.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let needle = self.typed.trim().to_lowercase();
        let (mut exact, mut starts, mut inside) = (Vec::new(), Vec::new(), Vec::new());
        for n in &self.names {
            let lower = n.to_lowercase();
            if lower == needle {
                exact.push(Row::Name(n));
            } else if lower.starts_with(&needle) {
                starts.push(Row::Name(n));
            } else if lower.contains(&needle) {
                inside.push(Row::Name(n));
            }
        }
        let make = !needle.is_empty() && exact.is_empty();
        let mut rows = exact;
        rows.append(&mut starts);
        rows.append(&mut inside);
        if make {
            rows.push(Row::New);
        }
        rows
    }

    /// The row Enter opens.
    pub fn highlighted(&self) -> Option<Row<'_>> {
        let rows = self.rows();
        rows.get(self.cursor.min(rows.len().saturating_sub(1)))
            .copied()
    }

    /// Move the highlight by `delta` rows (clamped to the list).
    pub fn move_by(&mut self, delta: isize) {
        let n = self.rows().len();
        let c = self.cursor.min(n.saturating_sub(1)) as isize + delta;
        self.cursor = c.clamp(0, n.saturating_sub(1) as isize) as usize;
        self.error = None;
    }

    pub fn first(&mut self) {
        self.cursor = 0;
        self.error = None;
    }

    pub fn last(&mut self) {
        self.cursor = self.rows().len().saturating_sub(1);
        self.error = None;
    }

    /// Type one character (control and invisible characters are refused).
    pub fn type_char(&mut self, c: char) -> bool {
        if c.is_control()
            || is_forbidden_char(c)
            || self.typed.chars().count() >= MAX_NICKNAME_CHARS
        {
            return false;
        }
        self.typed.push(c);
        self.edited();
        true
    }

    /// Paste text into the field (made safe first).
    pub fn paste(&mut self, text: &str) {
        for c in sanitize_line(text).chars() {
            if !self.type_char(c) {
                break;
            }
        }
        self.edited();
    }

    /// Delete the last character (a whole grapheme).
    pub fn erase(&mut self) {
        if let Some((i, _)) = self.typed.grapheme_indices(true).next_back() {
            self.typed.truncate(i);
        }
        self.edited();
    }

    /// Empty the field.
    pub fn clear(&mut self) {
        self.typed.clear();
        self.edited();
    }

    fn edited(&mut self) {
        self.cursor = 0;
        self.error = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker(n: usize) -> ProfileState {
        ProfileState::new(ProfileChoice {
            names: (1..=n).map(|i| format!("desk{i:02}")).collect(),
            skipped: None,
        })
    }

    #[test]
    fn typing_filters_and_an_unknown_name_offers_only_to_make_it() {
        let mut p = picker(30);
        assert_eq!(p.rows().len(), 30);
        for c in "desk2".chars() {
            p.type_char(c);
        }
        assert_eq!(p.rows().len(), 11, "desk20..desk29 and make 'desk2'");
        assert_eq!(p.highlighted(), Some(Row::Name("desk20")));
        p.clear();
        for c in "mia".chars() {
            p.type_char(c);
        }
        assert_eq!(p.rows(), vec![Row::New]);
        assert_eq!(p.highlighted(), Some(Row::New));
    }

    #[test]
    fn an_exact_name_comes_first_and_is_not_offered_again() {
        let mut p = ProfileState::new(ProfileChoice {
            names: vec!["sami".into(), "Sam2".into(), "sam".into()],
            skipped: None,
        });
        for c in "SAM".chars() {
            p.type_char(c);
        }
        assert_eq!(
            p.rows(),
            vec![Row::Name("sam"), Row::Name("sami"), Row::Name("Sam2")]
        );
    }

    #[test]
    fn names_that_start_with_what_is_typed_come_before_names_that_contain_it() {
        let mut p = ProfileState::new(ProfileChoice {
            names: vec!["amir".into(), "jamie".into(), "mia".into(), "Mila".into()],
            skipped: None,
        });
        for c in "mi".chars() {
            p.type_char(c);
        }
        assert_eq!(
            p.rows(),
            vec![
                Row::Name("mia"),
                Row::Name("Mila"),
                Row::Name("amir"),
                Row::Name("jamie"),
                Row::New
            ]
        );
        assert_eq!(p.highlighted(), Some(Row::Name("mia")));
    }

    #[test]
    fn home_and_end_move_the_highlight() {
        let mut p = picker(30);
        p.last();
        assert_eq!(p.highlighted(), Some(Row::Name("desk30")));
        p.move_by(5);
        assert_eq!(p.highlighted(), Some(Row::Name("desk30")));
        p.first();
        assert_eq!(p.highlighted(), Some(Row::Name("desk01")));
        p.move_by(-3);
        assert_eq!(p.cursor, 0);
    }
}
