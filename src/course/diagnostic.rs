//! Problems found in a course, with their place in a file.

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, at a line and column (both from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `unknown-field`.
    pub code: String,
    /// Relative to the course directory, with `/`.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Byte range in the file, for snippets (not part of the JSON contract).
    #[serde(skip)]
    pub span: Option<std::ops::Range<usize>>,
    /// A hint on how to fix it, printed as `help:` (not part of the JSON contract).
    #[serde(skip)]
    pub help: Option<String>,
}

/// All problems of one run of `lint` or `locales check`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The JSON object of the contract: `{"errors", "warnings", "diagnostics"}`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            errors: usize,
            warnings: usize,
            diagnostics: &'a [Diagnostic],
        }
        let json = serde_json::to_string_pretty(&Out {
            errors: self.errors(),
            warnings: self.warnings(),
            diagnostics: &self.diagnostics,
        })
        .unwrap_or_else(|_| "{}".to_string());
        // File names come from the disk as they are: C1, bidi and format
        // characters in them are escaped like the other JSON outputs do.
        crate::text::escape_json_text(&json)
    }
}
