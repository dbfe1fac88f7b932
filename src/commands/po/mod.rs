//! `notalone locales export-po` and `import-po` (in progress).

use std::path::{Path, PathBuf};

/// Export a course's lesson text for `lang` as a PO file.
pub fn export(_lang: &str, _dir: Option<PathBuf>, _output: Option<PathBuf>) -> i32 {
    2
}

/// Import a PO file into a course's translation files.
pub fn import(_file: &Path, _dir: Option<PathBuf>) -> i32 {
    2
}
