//! Interface strings through Fluent (`locales/<tag>/notalone.ftl`), with
//! English embedded as the fallback of every message.

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

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

impl I18n {
    /// Interface strings for a requested tag (e.g. `fr-CA`), negotiated
    /// against the embedded locales.
    pub fn new(requested: Option<&str>) -> I18n {
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
    fn negotiation_falls_back() {
        assert_eq!(negotiate(None), "en");
        assert_eq!(negotiate(Some("xx")), "en");
        assert_eq!(negotiate(Some("en-XA")), "en-XA");
    }
}
