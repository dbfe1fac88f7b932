//! What `locales` needs to know about a course: its source locale, its
//! modules and locale folders, and which text gaps count.

use super::*;
use crate::course::translation::CourseRoot;

/// The source locale, the modules and the locale folders of a course.
pub(super) struct Info {
    pub(super) src: CourseSource,
    pub(super) source: String,
    pub(super) modules: Vec<String>,
    pub(super) files: Vec<String>,
    /// Locale folders (canonical BCP 47 tags holding `.toml` files), sorted.
    pub(super) folders: Vec<String>,
}

/// How a locale folder relates to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Source,
    /// Same language as the source (`en-CA` of an `en` course).
    SameLanguage,
    /// A region of a language that has its own folder (`fr-CA` beside `fr`).
    Region(String),
    /// A translation expected to hold every file.
    Full,
}

pub(super) fn language(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

impl Info {
    pub(super) fn read(src: CourseSource) -> Result<Info, String> {
        let files = src.files().map_err(|e| could_not_run(&e))?;
        let root = src.display_root();
        let bytes = src
            .read("course.toml")
            .map_err(|e| could_not_run(&e))?
            .ok_or_else(|| could_not_run(&SourceError::NoCourseToml(root.clone())))?;
        let lint_hint = match src.dir() {
            Some(d) => format!("`notalone lint {}` says why", d.display()),
            None => "`notalone lint` says why".to_string(),
        };
        let unusable = || {
            format!(
                "the course.toml of {root} cannot be read, so translations cannot be compared with the source; {lint_hint}"
            )
        };
        let text = String::from_utf8(bytes).map_err(|_| unusable())?;
        let CourseRoot { source, modules } = CourseRoot::read(&text).ok_or_else(unusable)?;
        let mut folders: Vec<String> = files
            .iter()
            .filter_map(|f| f.split_once('/'))
            .filter(|(d, rest)| {
                rest.ends_with(".toml")
                    && *d != "locales"
                    && locale::normalize_tag(d).as_deref() == Some(*d)
            })
            .map(|(d, _)| d.to_string())
            .collect();
        folders.sort();
        folders.dedup();
        Ok(Info {
            src,
            source,
            modules,
            files,
            folders,
        })
    }

    pub(super) fn kind(&self, tag: &str) -> Kind {
        if tag == self.source {
            return Kind::Source;
        }
        if language(tag).eq_ignore_ascii_case(language(&self.source)) {
            return Kind::SameLanguage;
        }
        let parent = locale::chain(tag, &self.source)
            .into_iter()
            .skip(1)
            .find(|p| *p != self.source && self.folders.contains(p));
        match parent {
            Some(p) => Kind::Region(p),
            None => Kind::Full,
        }
    }

    pub(super) fn has(&self, path: &str) -> bool {
        self.files.iter().any(|f| f == path)
    }

    /// The text files a translation needs: course.toml, then each module.
    pub(super) fn text_files(&self) -> Vec<String> {
        let mut v = vec!["course.toml".to_string()];
        v.extend(self.modules.iter().map(|m| format!("{m}.toml")));
        v
    }

    /// The folders of a locale's chain, without the source.
    pub(super) fn chain(&self, tag: &str) -> Vec<String> {
        locale::chain(tag, &self.source)
            .into_iter()
            .filter(|t| *t != self.source)
            .collect()
    }

    pub(super) fn read_text(&self, path: &str) -> Option<String> {
        let bytes = self.src.read(path).ok().flatten()?;
        let s = String::from_utf8(bytes).ok()?;
        Some(match s.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => s,
        })
    }
}

// ---------------------------------------------------------------------------
// Identical by nature

/// Whether a text may well be the same in every language: no letter at all
/// (numbers, phone numbers, emoji, punctuation), a single word without
/// spaces (a name, a handle, a URL, an id), or a short name: at most four
/// words, each starting with a capital letter or a digit ("Take It Down",
/// "Kids Help Phone").
pub(crate) fn same_by_nature(s: &str) -> bool {
    let t = s.trim();
    if !t.chars().any(char::is_alphabetic) || !t.chars().any(char::is_whitespace) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= 4
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// The text gaps of a translation file that count: fields whose source
/// text is identical by nature (and chat contacts) are left out.
pub(super) fn real_gaps(src: &dyn CourseFiles, path: &str) -> Vec<TextGap> {
    let Ok(gaps) = compare_translation(src, path) else {
        return Vec::new();
    };
    gaps.into_iter()
        .filter(|g| {
            let contact = g.field == "contact" || g.field.ends_with("> contact");
            !contact && !same_by_nature(&g.source)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_by_nature() {
        assert!(same_by_nature("maya.k_08"));
        assert!(same_by_nature("https://takeitdown.ncmec.org"));
        assert!(same_by_nature("1-866-658-9022"));
        assert!(same_by_nature("24/7"));
        assert!(same_by_nature("😊 !!"));
        assert!(same_by_nature("Note"));
        assert!(same_by_nature("Take It Down"));
        assert!(!same_by_nature("Take it down"));
        assert!(!same_by_nature("Get Help From Someone You Trust"));
        assert!(!same_by_nature("Block and tell someone"));
        assert!(!same_by_nature("hey saw u at the game 😊"));
    }
}
