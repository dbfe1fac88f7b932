//! Which interface files `locales check` and `status` compare, and with
//! what.

use super::*;

/// Where interface files come from: the course's `<tag>/notalone.ftl`
/// (with DIR), else the built-in `locales/<tag>/notalone.ftl`. The English
/// they are compared with is always the built-in one: it is what the
/// program falls back to, message by message.
pub(super) struct FtlSet {
    /// From the course folder, by tag.
    pub(super) dir: BTreeMap<String, String>,
    given_dir: bool,
}

impl FtlSet {
    pub(super) fn new(info: &Info, given_dir: bool) -> FtlSet {
        let mut dir = BTreeMap::new();
        if given_dir {
            for f in &info.files {
                let Some(tag) = f.strip_suffix(&format!("/{}", i18n::FTL_FILE)) else {
                    continue;
                };
                if tag.contains('/') || locale::normalize_tag(tag).as_deref() != Some(tag) {
                    continue;
                }
                if let Some(t) = info.read_text(f) {
                    dir.insert(tag.to_string(), t);
                }
            }
        }
        FtlSet { dir, given_dir }
    }

    pub(super) fn embedded_tags() -> Vec<String> {
        i18n::available()
            .into_iter()
            .filter(|t| t != i18n::FALLBACK && !t.eq_ignore_ascii_case(i18n::PSEUDO))
            .collect()
    }

    /// The tags whose interface file `check` compares: the course's files
    /// (with DIR), else the built-in translations.
    pub(super) fn to_check(&self, lang: Option<&str>) -> BTreeSet<String> {
        let mut tags: BTreeSet<String> = if self.given_dir {
            self.dir.keys().cloned().collect()
        } else {
            Self::embedded_tags().into_iter().collect()
        };
        if let Some(l) = lang {
            tags.retain(|t| t == l);
        }
        tags
    }

    /// The English the files are compared with: its name in messages, and
    /// its text (always the built-in one).
    pub(super) fn source(&self) -> (String, String) {
        let name = if self.dir.contains_key(i18n::FALLBACK) {
            format!("{}/{}", i18n::FALLBACK, i18n::FTL_FILE)
        } else {
            format!("locales/{}/{}", i18n::FALLBACK, i18n::FTL_FILE)
        };
        (name, i18n::source(i18n::FALLBACK).unwrap_or_default())
    }

    /// A locale's interface file to check: its path in diagnostics, and
    /// its text.
    pub(super) fn get(&self, tag: &str) -> Option<(String, String)> {
        if self.given_dir {
            let name = format!("{tag}/{}", i18n::FTL_FILE);
            return self.dir.get(tag).cloned().map(|t| (name, t));
        }
        i18n::source(tag).map(|t| (format!("locales/{tag}/{}", i18n::FTL_FILE), t))
    }

    /// The interface files a learner of `tag` gets, in fallback order (the
    /// course's over the built-in ones), English left out.
    pub(super) fn chain(&self, tag: &str) -> Vec<ftl::Ftl> {
        let mut out = Vec::new();
        for t in locale::chain(tag, i18n::FALLBACK) {
            if t == i18n::FALLBACK {
                continue;
            }
            if let Some(text) = self.dir.get(&t) {
                out.push(ftl::Ftl::parse(text));
            }
            if let Some(text) = i18n::source(&t) {
                out.push(ftl::Ftl::parse(&text));
            }
        }
        out
    }
}
