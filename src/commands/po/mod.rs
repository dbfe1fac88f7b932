//! `notalone locales export-po` and `import-po`: not written yet.

use std::io::Write;
use std::path::{Path, PathBuf};

fn not_yet(what: &str) -> i32 {
    let _ = writeln!(
        std::io::stderr(),
        "notalone: `locales {what}` is not available in this version yet; translate the TOML files directly (docs/translating.md)"
    );
    2
}

/// Export a course's lesson text for `lang` as a PO file.
pub fn export(_lang: &str, _dir: Option<PathBuf>, _output: Option<PathBuf>) -> i32 {
    not_yet("export-po")
}

/// Import a PO file into a course's translation files.
pub fn import(_file: &Path, _dir: Option<PathBuf>) -> i32 {
    not_yet("import-po")
}
