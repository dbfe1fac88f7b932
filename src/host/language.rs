//! The languages a learner can pick, and switching between them (a
//! regional tag stays regional).

use super::{Host, Origin, load_from, normalise, primary};
use crate::i18n::{self, I18n};
use crate::session::{Input, Session};

impl Host {
    /// Languages offered in settings: (tag, name in that language). Computed
    /// when the course loads, never while drawing.
    pub fn languages(&self) -> &[(String, String)] {
        &self.languages
    }

    /// The entry of [`Host::languages`] in use now (settings opens on it).
    pub fn language_index(&self) -> Option<usize> {
        let cur = self.lang.as_deref().unwrap_or(&self.course.locale);
        let find = |tag: &str| {
            self.languages
                .iter()
                .position(|(t, _)| t.eq_ignore_ascii_case(tag))
        };
        find(cur).or_else(|| find(primary(cur)))
    }

    pub(super) fn compute_languages(&self) -> Vec<(String, String)> {
        if let Origin::Files(s) = &self.origin {
            return i18n::languages(s, &self.interface);
        }
        let mut tags: Vec<String> = self.locales.clone();
        tags.retain(|t| !t.contains('-'));
        for t in i18n::available() {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        tags.sort();
        tags.dedup();
        tags.into_iter()
            .map(|t| {
                let name = I18n::new(Some(&t)).t("language-name");
                (t, name)
            })
            .collect()
    }

    /// The tag to load for a language picked in settings: the language in
    /// use stays as it is (`en-GB` stays `en-GB` when `en` is picked); another
    /// language keeps the region asked for first when the course has it.
    fn tag_for(&self, picked: &str) -> Option<String> {
        let picked = normalise(picked)?;
        let cur = self
            .lang
            .clone()
            .unwrap_or_else(|| self.course.locale.clone());
        if picked.eq_ignore_ascii_case(&cur) {
            return Some(cur);
        }
        if !picked.contains('-') {
            if primary(&cur).eq_ignore_ascii_case(&picked) {
                return Some(cur);
            }
            if let Some(asked) = &self.asked_lang
                && primary(asked).eq_ignore_ascii_case(&picked)
            {
                return Some(asked.clone());
            }
            if let Some((_, region)) = cur.split_once('-') {
                let regional = format!("{picked}-{region}");
                if self
                    .locales
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(&regional))
                {
                    return Some(regional);
                }
            }
        }
        Some(picked)
    }

    /// Switch language (settings): reload the course and the interface
    /// strings, keep the position, record and save the choice. Picking the
    /// language in use changes nothing. Returns false if the course could
    /// not be loaded in that language (nothing changes then).
    pub fn set_language(&mut self, session: &mut Session, picked: &str) -> bool {
        let Some(tag) = self.tag_for(picked) else {
            return false;
        };
        let cur = self
            .lang
            .clone()
            .unwrap_or_else(|| self.course.locale.clone());
        if tag.eq_ignore_ascii_case(&cur) {
            // Nothing changes; a record that says otherwise (the first
            // version's UI wrote the bare tag) is put right.
            if session
                .record()
                .settings
                .lang
                .as_deref()
                .is_some_and(|l| l != cur)
            {
                let o = session.update(Input::SetLanguage(cur), &self.now());
                self.carry_out(session, &o);
            }
            return true;
        }
        match load_from(&self.origin, Some(&tag)) {
            Ok(c) => {
                self.i18n = I18n::with_course(Some(&c.locale), &self.interface);
                self.course = c.clone();
                self.lang = Some(tag.clone());
                session.replace_course(c);
                let o = session.update(Input::SetLanguage(tag), &self.now());
                self.carry_out(session, &o);
                true
            }
            Err(_) => false,
        }
    }
}
