//! Languages by their own names ("Deutsch", "Français (Canada)"), and
//! telling a language tag from a word that is not one (`deutsch`).

use super::{CourseInterface, FALLBACK, bundle_for, source};

/// Common languages: (tag, name in the language itself, name in English).
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("ar", "العربية", "Arabic"),
    ("bg", "Български", "Bulgarian"),
    ("bn", "বাংলা", "Bengali"),
    ("ca", "Català", "Catalan"),
    ("cs", "Čeština", "Czech"),
    ("cy", "Cymraeg", "Welsh"),
    ("da", "Dansk", "Danish"),
    ("de", "Deutsch", "German"),
    ("el", "Ελληνικά", "Greek"),
    ("en", "English", "English"),
    ("es", "Español", "Spanish"),
    ("et", "Eesti", "Estonian"),
    ("eu", "Euskara", "Basque"),
    ("fa", "فارسی", "Persian"),
    ("fi", "Suomi", "Finnish"),
    ("fr", "Français", "French"),
    ("ga", "Gaeilge", "Irish"),
    ("gl", "Galego", "Galician"),
    ("he", "עברית", "Hebrew"),
    ("hi", "हिन्दी", "Hindi"),
    ("hr", "Hrvatski", "Croatian"),
    ("hu", "Magyar", "Hungarian"),
    ("id", "Bahasa Indonesia", "Indonesian"),
    ("is", "Íslenska", "Icelandic"),
    ("it", "Italiano", "Italian"),
    ("ja", "日本語", "Japanese"),
    ("ko", "한국어", "Korean"),
    ("lt", "Lietuvių", "Lithuanian"),
    ("lv", "Latviešu", "Latvian"),
    ("ms", "Bahasa Melayu", "Malay"),
    ("mt", "Malti", "Maltese"),
    ("nb", "Norsk bokmål", "Norwegian Bokmål"),
    ("nl", "Nederlands", "Dutch"),
    ("nn", "Norsk nynorsk", "Norwegian Nynorsk"),
    ("no", "Norsk", "Norwegian"),
    ("pa", "ਪੰਜਾਬੀ", "Punjabi"),
    ("pl", "Polski", "Polish"),
    ("pt", "Português", "Portuguese"),
    ("ro", "Română", "Romanian"),
    ("ru", "Русский", "Russian"),
    ("sk", "Slovenčina", "Slovak"),
    ("sl", "Slovenščina", "Slovenian"),
    ("so", "Soomaali", "Somali"),
    ("sq", "Shqip", "Albanian"),
    ("sr", "Српски", "Serbian"),
    ("sv", "Svenska", "Swedish"),
    ("sw", "Kiswahili", "Swahili"),
    ("ta", "தமிழ்", "Tamil"),
    ("th", "ไทย", "Thai"),
    ("tl", "Tagalog", "Tagalog"),
    ("tr", "Türkçe", "Turkish"),
    ("uk", "Українська", "Ukrainian"),
    ("ur", "اردو", "Urdu"),
    ("vi", "Tiếng Việt", "Vietnamese"),
    ("zh", "中文", "Chinese"),
];

/// Regions, named in the language of the tag: (language, region, name).
const REGIONS: &[(&str, &str, &str)] = &[
    ("en", "AU", "Australia"),
    ("en", "CA", "Canada"),
    ("en", "GB", "United Kingdom"),
    ("en", "IE", "Ireland"),
    ("en", "IN", "India"),
    ("en", "NZ", "New Zealand"),
    ("en", "US", "United States"),
    ("en", "ZA", "South Africa"),
    ("fr", "BE", "Belgique"),
    ("fr", "CA", "Canada"),
    ("fr", "CH", "Suisse"),
    ("fr", "FR", "France"),
    ("fr", "LU", "Luxembourg"),
    ("de", "AT", "Österreich"),
    ("de", "BE", "Belgien"),
    ("de", "CH", "Schweiz"),
    ("de", "DE", "Deutschland"),
    ("de", "LU", "Luxemburg"),
    ("es", "AR", "Argentina"),
    ("es", "CL", "Chile"),
    ("es", "CO", "Colombia"),
    ("es", "ES", "España"),
    ("es", "MX", "México"),
    ("es", "US", "Estados Unidos"),
    ("it", "CH", "Svizzera"),
    ("it", "IT", "Italia"),
    ("nl", "BE", "België"),
    ("nl", "NL", "Nederland"),
    ("pt", "BR", "Brasil"),
    ("pt", "PT", "Portugal"),
    ("zh", "CN", "中国"),
    ("zh", "HK", "香港"),
    ("zh", "TW", "台灣"),
];

/// The name of a language in that language, from the small built-in
/// table (`de` -> "Deutsch").
pub fn autonym(language: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(t, _, _)| t.eq_ignore_ascii_case(language))
        .map(|(_, n, _)| *n)
}

/// `language-name` as one interface file of exactly `tag` gives it.
fn own_name(tag: &str, text: String) -> Option<String> {
    let b = bundle_for(tag, text, false)?;
    let msg = b.get_message("language-name")?;
    let mut errors = Vec::new();
    let v = b.format_pattern(msg.value()?, None, &mut errors);
    let v = crate::text::sanitize_line(&v);
    let v = v.trim();
    (errors.is_empty() && !v.is_empty()).then(|| v.chars().take(40).collect())
}

/// A language by its own name, with the region where the tag has one:
/// "Deutsch", "Français (Canada)", "English (United Kingdom)".
///
/// The language's name comes from the `language-name` message of its own
/// interface file (the course's, else the built-in one) when it is
/// translated there, else from a small built-in table, else the tag
/// itself. The region is named in the same language where the table knows
/// it, else shown as its code ("Deutsch (LI)").
pub fn language_name(tag: &str, course: &CourseInterface) -> String {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or(tag);
    let region = parts.find(|p| p.len() == 2 || p.chars().all(|c| c.is_ascii_digit()));
    let english_name = source(FALLBACK).and_then(|t| own_name(FALLBACK, t));
    let translated =
        |n: &String| lang.eq_ignore_ascii_case(FALLBACK) || Some(n) != english_name.as_ref();
    let name = course
        .get(lang)
        .and_then(|t| own_name(lang, t.to_string()))
        .filter(translated)
        .or_else(|| {
            source(lang)
                .and_then(|t| own_name(lang, t))
                .filter(translated)
        })
        .or_else(|| autonym(lang).map(str::to_string))
        .unwrap_or_else(|| crate::text::sanitize_line(tag));
    match region {
        None => name,
        Some(r) => {
            let region_name = REGIONS
                .iter()
                .find(|(l, c, _)| l.eq_ignore_ascii_case(lang) && c.eq_ignore_ascii_case(r))
                .map_or_else(|| r.to_ascii_uppercase(), |(_, _, n)| n.to_string());
            format!("{name} ({region_name})")
        }
    }
}

/// Why a string is not a language tag, in one English sentence for a
/// command-line message; `None` when it is one (`de`, `pt-BR`, `fr_CA` as
/// the environment writes it).
pub fn tag_problem(raw: &str) -> Option<String> {
    let t = raw.trim();
    let base = t.split(['.', '@']).next().unwrap_or("");
    let base = base.replace('_', "-");
    let shown: String = crate::text::sanitize_line(t).chars().take(40).collect();
    if base.is_empty() {
        return Some("an empty language tag is not a language".to_string());
    }
    if base.parse::<unic_langid::LanguageIdentifier>().is_err() {
        return Some(format!(
            "`{shown}` is not a BCP 47 language tag (a language code, then optionally a dash and a region: de, es, pt-BR)"
        ));
    }
    let lang = base.split('-').next().unwrap_or("");
    if !(2..=3).contains(&lang.len()) {
        return Some(format!(
            "`{shown}` is not a language code: language codes have two or three letters (de for Deutsch, fr for français)"
        ));
    }
    None
}

/// The tag of a language named in words (`deutsch`, `German`, `Français`),
/// if the built-in table knows the name.
pub fn suggest_language(raw: &str) -> Option<String> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter_map(|c| {
                let c = c.to_lowercase().next().unwrap_or(c);
                Some(match c {
                    'à' | 'á' | 'â' | 'ä' | 'å' => 'a',
                    'ç' => 'c',
                    'è' | 'é' | 'ê' | 'ë' => 'e',
                    'ì' | 'í' | 'î' | 'ï' => 'i',
                    'ñ' => 'n',
                    'ò' | 'ó' | 'ô' | 'ö' => 'o',
                    'ù' | 'ú' | 'û' | 'ü' => 'u',
                    c if c.is_alphanumeric() => c,
                    _ => return None,
                })
            })
            .collect()
    };
    let want = fold(raw.trim());
    if want.is_empty() {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|(_, own, en)| fold(own) == want || fold(en) == want)
        .map(|(t, _, _)| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_languages_in_their_own_language_with_the_region() {
        let none = CourseInterface::default();
        assert_eq!(language_name("fr", &none), "Français");
        assert_eq!(language_name("fr-CA", &none), "Français (Canada)");
        assert_eq!(language_name("en-GB", &none), "English (United Kingdom)");
        assert_eq!(language_name("de", &none), "Deutsch");
        assert_eq!(language_name("de-AT", &none), "Deutsch (Österreich)");
        assert_eq!(language_name("de-LI", &none), "Deutsch (LI)");
        assert_eq!(language_name("qaa", &none), "qaa");
    }

    #[test]
    fn the_course_file_names_its_language_once_translated() {
        // Still the English text: the table's name wins.
        let c = CourseInterface::from_files([("de", "language-name = English\n")]);
        assert_eq!(language_name("de", &c), "Deutsch");
        let c = CourseInterface::from_files([("gsw", "language-name = Schwiizertüütsch\n")]);
        assert_eq!(language_name("gsw", &c), "Schwiizertüütsch");
        assert_eq!(language_name("gsw-CH", &c), "Schwiizertüütsch (CH)");
        // Controls never reach the screen.
        let c = CourseInterface::from_files([("de", "language-name = Deu\u{1b}[2Jtsch\n")]);
        assert!(!language_name("de", &c).contains('\u{1b}'));
    }

    #[test]
    fn words_are_not_tags() {
        assert!(tag_problem("de").is_none());
        assert!(tag_problem("pt-BR").is_none());
        assert!(tag_problem("fr_CA.UTF-8").is_none());
        let why = tag_problem("deutsch").expect("not a tag");
        assert!(why.contains("two or three letters"), "{why}");
        assert!(tag_problem("x-").is_some());
        assert!(tag_problem("").is_some());
        assert_eq!(suggest_language("deutsch").as_deref(), Some("de"));
        assert_eq!(suggest_language("German").as_deref(), Some("de"));
        assert_eq!(suggest_language("francais").as_deref(), Some("fr"));
        assert_eq!(suggest_language("klingon"), None);
    }
}
