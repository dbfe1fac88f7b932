//! Interface strings through Fluent (`locales/<tag>/notalone.ftl`), with
//! English embedded as the fallback of every message.

use std::borrow::Cow;
use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::course::{CourseSource, locale};

mod names;
pub use names::{autonym, language_name, suggest_language, tag_problem};

/// The interface translations, embedded at build time.
#[derive(rust_embed::Embed)]
#[folder = "locales/"]
struct Locales;

/// The source language of the interface.
pub const FALLBACK: &str = "en";
/// The pseudo-locale: English, accented and about a third longer.
pub const PSEUDO: &str = "en-XA";
/// Name of the interface strings file in each locale folder.
pub const FTL_FILE: &str = "notalone.ftl";

/// Interface strings for one learner, with fallback to English.
pub struct I18n {
    /// Bundles in fallback order; the last is English.
    bundles: Vec<FluentBundle<FluentResource>>,
    lang: String,
    pseudo: bool,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("lang", &self.lang).finish()
    }
}

/// Locales that have interface strings (folder names under `locales/`).
pub fn available() -> Vec<String> {
    let mut v: Vec<String> = Locales::iter()
        .filter_map(|p| p.strip_suffix(&format!("/{FTL_FILE}")).map(str::to_string))
        .collect();
    v.sort();
    v
}

/// The embedded `.ftl` source of a locale.
pub fn source(tag: &str) -> Option<String> {
    Locales::get(&format!("{tag}/{FTL_FILE}"))
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
}

/// Make a string look translated: accented letters, vowels doubled (about
/// 35% longer), so hard-coded strings and cut-off layouts show up.
pub fn pseudo(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        let mapped = match c {
            'a' => 'á',
            'e' => 'é',
            'i' => 'í',
            'o' => 'ó',
            'u' => 'ú',
            'A' => 'Å',
            'E' => 'É',
            'I' => 'Í',
            'O' => 'Ø',
            'U' => 'Ú',
            'c' => 'ç',
            'n' => 'ñ',
            's' => 'š',
            'y' => 'ý',
            'C' => 'Ç',
            'N' => 'Ñ',
            'S' => 'Š',
            'T' => 'Ŧ',
            'D' => 'Ð',
            'z' => 'ž',
            other => other,
        };
        out.push(mapped);
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') {
            out.push(mapped);
        }
    }
    out
}

fn pseudo_transform(s: &str) -> Cow<'_, str> {
    Cow::Owned(pseudo(s))
}

fn bundle_for(tag: &str, ftl: String, pseudo: bool) -> Option<FluentBundle<FluentResource>> {
    let id: LanguageIdentifier = tag.parse().ok()?;
    // A resource with syntax errors still yields its good messages.
    let res = match FluentResource::try_new(ftl) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut b = FluentBundle::new(vec![id]);
    b.set_use_isolating(false);
    if pseudo {
        b.set_transform(Some(pseudo_transform));
    }
    let _ = b.add_resource(res);
    Some(b)
}

/// Pick the interface language for a requested tag: the tag itself or its
/// closest available relative (`fr-CA` -> `fr`), else English.
pub fn negotiate(requested: Option<&str>) -> String {
    let Some(req) = requested else {
        return FALLBACK.to_string();
    };
    if req.eq_ignore_ascii_case(PSEUDO) {
        return PSEUDO.to_string();
    }
    let avail = available();
    let requested = fluent_langneg::convert_vec_str_to_langids_lossy([req]);
    let available = fluent_langneg::convert_vec_str_to_langids_lossy(&avail);
    let default: LanguageIdentifier = FALLBACK.parse().unwrap_or_default();
    let got = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        Some(&default),
        fluent_langneg::NegotiationStrategy::Filtering,
    );
    got.first()
        .map(|l| l.to_string())
        .unwrap_or_else(|| FALLBACK.to_string())
}

/// The interface files of a course folder (`<tag>/notalone.ftl`), read
/// once when the course is opened, so nothing is read while drawing.
#[derive(Debug, Clone, Default)]
pub struct CourseInterface {
    /// By canonical tag: the file's text (a byte-order mark removed).
    files: BTreeMap<String, String>,
}

impl CourseInterface {
    /// Read every `<tag>/notalone.ftl` of a course on disk. The built-in
    /// course has none (its interface files are the built-in ones). A file
    /// that cannot be read or is not UTF-8 is left out: `locales check`
    /// says why.
    pub fn read(src: &CourseSource) -> CourseInterface {
        let mut files = BTreeMap::new();
        if src.dir().is_none() {
            return CourseInterface { files };
        }
        for rel in src.files().unwrap_or_default() {
            let Some(tag) = rel.strip_suffix(&format!("/{FTL_FILE}")) else {
                continue;
            };
            if tag.contains('/') || locale::normalize_tag(tag).as_deref() != Some(tag) {
                continue;
            }
            let Ok(Some(bytes)) = src.read(&rel) else {
                continue;
            };
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            let text = text
                .strip_prefix('\u{feff}')
                .map_or(text.clone(), str::to_string);
            files.insert(tag.to_string(), text);
        }
        CourseInterface { files }
    }

    /// An interface made of the given files (tag, Fluent text), for tests.
    pub fn from_files<I, T, S>(files: I) -> CourseInterface
    where
        I: IntoIterator<Item = (T, S)>,
        T: Into<String>,
        S: Into<String>,
    {
        CourseInterface {
            files: files
                .into_iter()
                .map(|(t, s)| (t.into(), s.into()))
                .collect(),
        }
    }

    /// The tags that have an interface file in the course.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The Fluent text of one tag's file.
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.files.get(tag).map(String::as_str)
    }
}

/// The languages a learner can pick in Settings: every locale folder of the
/// course (lesson files or an interface file), as (tag, name in that
/// language with its region: "Deutsch", "Français (Canada)"), sorted by
/// tag. Compute it once per course (it lists the course's files).
pub fn languages(src: &CourseSource, course: &CourseInterface) -> Vec<(String, String)> {
    let mut tags: Vec<String> = crate::course::locales(src).unwrap_or_default();
    tags.extend(course.tags().map(str::to_string));
    if tags.is_empty() {
        tags = available();
    }
    tags.retain(|t| !t.eq_ignore_ascii_case(PSEUDO));
    tags.sort();
    tags.dedup();
    tags.into_iter()
        .map(|t| {
            let name = language_name(&t, course);
            (t, name)
        })
        .collect()
}

/// What to tell a learner once, on standard error, about `--lang`: that it
/// is not a language tag, or that the course has nothing in that language
/// (neither lessons nor interface), and which language is used instead.
/// `None` when the language is there (or for the pseudo-locale).
/// `languages` is the list from [`languages`]; `i18n` the strings in use.
pub fn lang_notice(
    requested: Option<&str>,
    languages: &[(String, String)],
    i18n: &I18n,
) -> Option<String> {
    let raw = requested?.trim();
    if raw.eq_ignore_ascii_case(PSEUDO) {
        return None;
    }
    let using = languages
        .iter()
        .find(|(t, _)| t == i18n.lang())
        .map_or_else(
            || language_name(i18n.lang(), &CourseInterface::default()),
            |(_, n)| n.clone(),
        );
    let shown = crate::text::sanitize_line(&crate::text::escape_controls(raw));
    let shown: String = shown.chars().take(40).collect();
    if tag_problem(raw).is_some() {
        return Some(match suggest_language(raw) {
            Some(hint) => i18n.ta(
                "lang-not-a-tag-hint",
                &[("lang", s(shown)), ("hint", s(hint)), ("using", s(using))],
            ),
            None => i18n.ta("lang-not-a-tag", &[("lang", s(shown)), ("using", s(using))]),
        });
    }
    let tag = locale::normalize_tag(raw)?;
    let have = |t: &str| {
        languages.iter().any(|(l, _)| l.eq_ignore_ascii_case(t))
            || available().iter().any(|l| l.eq_ignore_ascii_case(t))
    };
    let chain = locale::chain(&tag, &tag);
    if chain.iter().any(|t| have(t)) {
        return None;
    }
    Some(i18n.ta(
        "lang-not-available",
        &[("lang", s(tag)), ("using", s(using))],
    ))
}

impl I18n {
    /// Interface strings for a requested tag (e.g. `fr-CA`), negotiated
    /// against the embedded locales.
    pub fn new(requested: Option<&str>) -> I18n {
        I18n::with_course(requested, &CourseInterface::default())
    }

    /// Interface strings for a requested tag, from the course's interface
    /// files over the built-in ones, message by message, along the tag's
    /// fallback chain (`de-AT`: the course's `de-AT`, then `de`, then the
    /// built-in `de`, ..., then English). A message found nowhere falls
    /// back to the built-in English, never to a raw id.
    pub fn with_course(requested: Option<&str>, course: &CourseInterface) -> I18n {
        let pseudo = requested.is_some_and(|r| r.trim().eq_ignore_ascii_case(PSEUDO));
        if pseudo {
            return I18n::builtin(Some(PSEUDO));
        }
        let Some(tag) = requested.and_then(locale::normalize_tag) else {
            return I18n::builtin(requested);
        };
        let mut bundles = Vec::new();
        let mut lang = None;
        for t in locale::chain(&tag, FALLBACK) {
            let mut found = false;
            if let Some(text) = course.get(&t)
                && let Some(b) = bundle_for(&t, text.to_string(), false)
            {
                bundles.push(b);
                found = true;
            }
            if let Some(b) = source(&t).and_then(|s| bundle_for(&t, s, false)) {
                bundles.push(b);
                found = true;
            }
            if found && lang.is_none() {
                lang = Some(t);
            }
        }
        // English is always the last resort, even if the chain skipped it.
        if let Some(b) = bundle_for(FALLBACK, source(FALLBACK).unwrap_or_default(), false) {
            bundles.push(b);
        }
        I18n {
            bundles,
            lang: lang.unwrap_or_else(|| FALLBACK.to_string()),
            pseudo: false,
        }
    }

    /// The built-in strings only.
    fn builtin(requested: Option<&str>) -> I18n {
        let lang = negotiate(requested);
        let pseudo = lang == PSEUDO;
        let mut bundles = Vec::new();
        if !pseudo
            && lang != FALLBACK
            && let Some(b) = source(&lang).and_then(|s| bundle_for(&lang, s, false))
        {
            bundles.push(b);
        }
        let en = source(FALLBACK).unwrap_or_default();
        if let Some(b) = bundle_for(if pseudo { PSEUDO } else { FALLBACK }, en, pseudo) {
            bundles.push(b);
        }
        I18n {
            bundles,
            lang,
            pseudo,
        }
    }

    /// The negotiated interface language.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether this is the pseudo-locale.
    pub fn is_pseudo(&self) -> bool {
        self.pseudo
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with arguments (`("count", 3.into())`).
    pub fn ta(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(id, Some(&fa))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let (msg_id, attr) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        for b in &self.bundles {
            let Some(msg) = b.get_message(msg_id) else {
                continue;
            };
            let pattern = match attr {
                Some(a) => msg.get_attribute(a).map(|a| a.value()),
                None => msg.value(),
            };
            let Some(pattern) = pattern else { continue };
            let mut errors = Vec::new();
            let s = b.format_pattern(pattern, args, &mut errors);
            if errors.is_empty() {
                return crate::text::sanitize(&s);
            }
        }
        // Never show a raw id: a readable last resort.
        id.replace(['-', '.'], " ")
    }
}

/// Shorthand: `FluentValue` from a number.
pub fn num(n: impl Into<f64>) -> FluentValue<'static> {
    FluentValue::from(n.into())
}

/// Shorthand: `FluentValue` from a string.
pub fn s(v: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(v.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_is_longer_and_accented() {
        let p = pseudo("Press Enter to continue");
        assert!(p.chars().count() as f64 >= 1.3 * 23.0, "{p}");
        assert!(p.contains('é'));
    }

    #[test]
    fn course_files_come_first_message_by_message() {
        let c = CourseInterface::from_files([
            (
                "de",
                "profile-title = Wer macht den Kurs?\nprofile-welcome = Hallo { $niemand }\n",
            ),
            ("fr-CA", "profile-title = Qui suit le cours, là?\n"),
        ]);
        let de = I18n::with_course(Some("de-AT"), &c);
        assert_eq!(de.lang(), "de");
        assert_eq!(de.t("profile-title"), "Wer macht den Kurs?");
        // A wrong variable falls back to English, not to a raw id.
        assert_eq!(de.ta("profile-welcome", &[("name", s("Ana"))]), "Hi, Ana!");
        assert_eq!(de.t("plain-bye"), I18n::new(None).t("plain-bye"));
        let fr = I18n::with_course(Some("fr-CA"), &c);
        assert_eq!(fr.t("profile-title"), "Qui suit le cours, là?");
        // The rest from the built-in French, over English.
        assert_eq!(fr.t("plain-bye"), I18n::new(Some("fr")).t("plain-bye"));
        assert_ne!(fr.t("plain-bye"), I18n::new(None).t("plain-bye"));
        assert!(I18n::with_course(Some("en-XA"), &c).is_pseudo());
    }

    #[test]
    fn settings_lists_every_language_of_the_course_by_its_own_name() {
        let l = languages(&CourseSource::Embedded, &CourseInterface::default());
        let names: Vec<&str> = l.iter().map(|(_, n)| n.as_str()).collect();
        assert!(names.contains(&"Français (Canada)"), "{names:?}");
        assert!(names.contains(&"English (United Kingdom)"), "{names:?}");
        assert!(names.contains(&"English"), "{names:?}");
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "a name twice: {names:?}");
        let c = CourseInterface::from_files([("de", "profile-title = x\n")]);
        let l = languages(&CourseSource::Embedded, &c);
        assert!(
            l.contains(&("de".to_string(), "Deutsch".to_string())),
            "{l:?}"
        );
    }

    #[test]
    fn negotiation_falls_back() {
        assert_eq!(negotiate(None), "en");
        assert_eq!(negotiate(Some("xx")), "en");
        assert_eq!(negotiate(Some("en-XA")), "en-XA");
    }
}
