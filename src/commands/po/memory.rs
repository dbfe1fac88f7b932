//! `<TAG>/.translated-from.toml`: the source text each translation was made
//! from, so that `export-po` can mark a translation whose source changed
//! since as fuzzy (and show the old text as `#| msgid`).
//!
//! A hidden file: the course loader and lint skip it. `import-po` writes it;
//! `locales new` starts it with the text it copied.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::commands::export::nofollow::{self, How, WriteError};

/// The file's name inside a locale folder.
pub const FILE: &str = ".translated-from.toml";

/// Source texts by PO context (`how-it-starts.toml:step.intro.text`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    #[serde(default)]
    texts: BTreeMap<String, String>,
}

impl Memory {
    /// The memory of a locale folder (empty if there is none, or it cannot
    /// be read: then nothing is marked fuzzy).
    pub fn read(dir: &Path, tag: &str) -> Memory {
        nofollow::read(dir, &format!("{tag}/{FILE}"))
            .ok()
            .flatten()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| toml::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// The source text a translation was made from.
    pub fn get(&self, ctxt: &str) -> Option<&str> {
        self.texts.get(ctxt).map(String::as_str)
    }

    pub fn set(&mut self, ctxt: String, source: String) {
        self.texts.insert(ctxt, source);
    }

    /// Write it back (nothing when it is empty).
    pub fn write(&self, dir: &Path, tag: &str) -> Result<(), WriteError> {
        if self.texts.is_empty() {
            return Ok(());
        }
        let body = toml::to_string(self).unwrap_or_default();
        let text = format!(
            "# Written by notalone (locales new, locales import-po): the source text each\n\
             # translation in this folder was made from, so that `locales export-po` can\n\
             # mark a translation whose source changed since. Keep it with the folder.\n\n{body}"
        );
        nofollow::write(dir, &format!("{tag}/{FILE}"), text.as_bytes(), How::Replace)
    }
}
