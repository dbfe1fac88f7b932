//! Locale tags and fallback chains for lesson files.

use unic_langid::LanguageIdentifier;

/// Turn what the environment or the user gives (`fr_CA.UTF-8`, `fr-ca`,
/// `en_US@euro`) into a canonical BCP 47 tag (`fr-CA`). `C`, `POSIX` and
/// unparsable values give `None`.
pub fn normalize_tag(raw: &str) -> Option<String> {
    let base = raw.split(['.', '@']).next().unwrap_or("").trim();
    if base.is_empty() || base.eq_ignore_ascii_case("c") || base.eq_ignore_ascii_case("posix") {
        return None;
    }
    let base = base.replace('_', "-");
    let id: LanguageIdentifier = base.parse().ok()?;
    if id.language.is_empty() {
        return None;
    }
    Some(id.to_string())
}

/// The fallback chain of a tag: the tag, its parents, then the source locale.
/// `fr-CA` with source `en` gives `["fr-CA", "fr", "en"]`.
pub fn chain(tag: &str, source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let parts: Vec<&str> = tag.split('-').filter(|p| !p.is_empty()).collect();
    for n in (1..=parts.len()).rev() {
        let t = parts[..n].join("-");
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    }
    if !out.iter().any(|o| o.eq_ignore_ascii_case(source)) {
        out.push(source.to_string());
    }
    out
}

/// The learner's locale from the environment: `LC_ALL`, `LC_MESSAGES`,
/// `LANG` (in that order, first non-empty), then the system's (sys-locale).
pub fn from_environment() -> Option<String> {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        // A set variable decides, even when it is "C".
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return normalize_tag(&v);
        }
    }
    sys_locale::get_locale().and_then(|l| normalize_tag(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_posix_locales() {
        assert_eq!(normalize_tag("fr_CA.UTF-8").as_deref(), Some("fr-CA"));
        assert_eq!(normalize_tag("en_US@euro").as_deref(), Some("en-US"));
        assert_eq!(normalize_tag("fr").as_deref(), Some("fr"));
        assert_eq!(normalize_tag("C.UTF-8"), None);
        assert_eq!(normalize_tag("POSIX"), None);
        assert_eq!(normalize_tag(""), None);
    }

    #[test]
    fn chains() {
        assert_eq!(chain("fr-CA", "en"), ["fr-CA", "fr", "en"]);
        assert_eq!(chain("en-CA", "en"), ["en-CA", "en"]);
        assert_eq!(chain("en", "en"), ["en"]);
        assert_eq!(chain("de", "en"), ["de", "en"]);
    }
}
