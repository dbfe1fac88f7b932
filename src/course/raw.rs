//! The raw layer: one lesson file, parsed once into toml's spanned document
//! tree and walked against a field table per table kind.
//!
//! The walk reports what can be seen in one file alone (unknown fields,
//! wrong types, control characters, text length) and keeps every value with
//! its span, so the rules (`rules.rs`) can point at the exact line, and the
//! loader (`load.rs`) can build the resolved model without parsing again.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use toml::de::DeTable;

use super::diagnostic::{Diagnostic, Severity};
use super::source::{MAX_FILE_BYTES, SourceError};
use crate::text;

pub(crate) use super::tables::*;
pub(crate) use super::walk::*;

/// A byte range in a file.
pub(crate) type Span = Range<usize>;

pub(crate) use super::fields::{MAX_ID_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
/// Syntax errors reported per file (the parser's recovery can cascade).
const MAX_SYNTAX_ERRORS: usize = 20;

/// A value with the span of the value and of its key (for array elements
/// the key span is the value span).
#[derive(Debug, Clone)]
pub(crate) struct Sp<T> {
    pub v: T,
    pub span: Span,
    pub key: Span,
}

/// A string value.
pub(crate) type Str<'a> = Sp<Cow<'a, str>>;

impl Sp<Cow<'_, str>> {
    pub(crate) fn as_str(&self) -> &str {
        &self.v
    }
}

// ---------------------------------------------------------------------------
// Files, positions and diagnostics

/// Where a course's files come from, for the engine: a course on disk or
/// embedded ([`super::CourseSource`]), or one held in memory
/// ([`super::memory::MemoryCourse`]).
pub trait CourseFiles {
    /// Every file of the course, as relative paths with `/`.
    fn list(&self) -> Result<Vec<String>, SourceError>;
    /// The bytes of one file, `None` if it does not exist.
    fn read_file(&self, rel: &str) -> Result<Option<Cow<'_, [u8]>>, SourceError>;
    /// How to name the course to a human.
    fn root_name(&self) -> String;
    /// Check that this is a course at all (before loading).
    fn check(&self) -> Result<(), SourceError> {
        Ok(())
    }
}

impl CourseFiles for super::CourseSource {
    fn list(&self) -> Result<Vec<String>, SourceError> {
        self.files()
    }
    fn read_file(&self, rel: &str) -> Result<Option<Cow<'_, [u8]>>, SourceError> {
        Ok(self.read(rel)?.map(Cow::Owned))
    }
    fn root_name(&self) -> String {
        self.display_root()
    }
    fn check(&self) -> Result<(), SourceError> {
        super::CourseSource::check(self)
    }
}

/// One file's text (byte-order mark removed) and its name.
pub(crate) struct SourceFile<'t> {
    pub name: &'t str,
    pub text: &'t str,
    line_starts: OnceCell<Vec<usize>>,
}

impl<'t> SourceFile<'t> {
    pub(crate) fn new(name: &'t str, text: &'t str) -> Self {
        SourceFile {
            name,
            text,
            line_starts: OnceCell::new(),
        }
    }

    /// Line and column (both from 1; the column counts characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col_with(self.text, self.line_starts(), offset)
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(self.text))
    }
}

pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

pub(crate) fn line_col_with(text: &str, starts: &[usize], offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_idx = match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = starts.get(line_idx).copied().unwrap_or(0).min(offset);
    let col = text.get(start..offset).map_or(0, |s| s.chars().count());
    (line_idx + 1, col + 1)
}

/// Where diagnostics go.
#[derive(Default)]
pub(crate) struct Sink {
    pub diags: Vec<Diagnostic>,
}

impl Sink {
    pub(crate) fn push(
        &mut self,
        file: &SourceFile<'_>,
        severity: Severity,
        code: &'static str,
        span: Span,
        message: String,
        help: Option<String>,
    ) {
        let (line, column) = file.line_col(span.start);
        self.diags.push(Diagnostic {
            severity,
            code: code.to_string(),
            file: file.name.to_string(),
            line,
            column,
            message: text::escape_controls(&message),
            span: Some(span),
            help: help.map(|h| text::escape_controls(&h)),
        });
    }

    /// A problem with a file as a whole (line 1, column 1, no span).
    pub(crate) fn file_level(&mut self, name: &str, code: &'static str, message: String) {
        self.diags.push(Diagnostic {
            severity: Severity::Error,
            code: code.to_string(),
            file: name.to_string(),
            line: 1,
            column: 1,
            message: text::escape_controls(&message),
            span: None,
            help: None,
        });
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Quote a user value for a message: escaped and cut to a sane length.
pub(crate) fn q(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    text::escape_controls(&out).replace('\n', "\\n")
}

/// Turn a file's bytes into text: size limit, UTF-8, byte-order mark.
/// Problems become diagnostics and give `None`.
pub(crate) fn decode<'b>(
    name: &str,
    bytes: Cow<'b, [u8]>,
    sink: &mut Sink,
) -> Option<Cow<'b, str>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        sink.file_level(
            name,
            "file-too-large",
            format!(
                "this file is larger than 1 MiB ({} bytes); split it into smaller modules",
                bytes.len()
            ),
        );
        return None;
    }
    const BOM: &[u8] = "\u{feff}".as_bytes();
    // Validate once; report the first invalid byte.
    let (body, valid): (&[u8], usize) = match bytes {
        Cow::Borrowed(b) => {
            let b = b.strip_prefix(BOM).unwrap_or(b);
            match std::str::from_utf8(b) {
                Ok(s) => return Some(Cow::Borrowed(s)),
                Err(e) => (b, e.valid_up_to()),
            }
        }
        Cow::Owned(mut v) => {
            if v.starts_with(BOM) {
                v.drain(..BOM.len());
            }
            match String::from_utf8(v) {
                Ok(s) => return Some(Cow::Owned(s)),
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or("");
                    bad_encoding(name, prefix, sink);
                    return None;
                }
            }
        }
    };
    bad_encoding(
        name,
        std::str::from_utf8(&body[..valid]).unwrap_or(""),
        sink,
    );
    None
}

fn bad_encoding(name: &str, valid_prefix: &str, sink: &mut Sink) {
    let f = SourceFile::new(name, valid_prefix);
    let at = valid_prefix.len();
    sink.push(
        &f,
        Severity::Error,
        "bad-encoding",
        at..at,
        "this file is not valid UTF-8".to_string(),
        Some("save the file as UTF-8 (with or without a byte-order mark)".to_string()),
    );
}

/// Parse a file into the spanned document tree; syntax errors become
/// diagnostics and give `None`.
pub(crate) fn parse<'t>(file: &SourceFile<'t>, sink: &mut Sink) -> Option<DeTable<'t>> {
    let (table, errors) = DeTable::parse_recoverable(file.text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    // The common slips, in plain words; they replace the parser's messages
    // from the first slip on.
    let slips = super::slips::scan(file.text);
    let first_slip = slips.first().map(|s| line_of_offset(file, s.span.start));
    for s in slips {
        sink.push(
            file,
            Severity::Error,
            "syntax",
            s.span,
            s.message,
            Some(s.help),
        );
    }
    let errors: Vec<_> = errors
        .into_iter()
        .filter(|e| {
            first_slip.is_none_or(|l| line_of_offset(file, e.span().map_or(0, |s| s.start)) < l)
        })
        .collect();
    if errors.is_empty() {
        return None;
    }
    let mut errs: Vec<(Span, String)> = errors
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            (span, e.message().to_string())
        })
        .collect();
    errs.sort_by_key(|(s, _)| (s.start, s.end));
    errs.dedup_by(|a, b| a.0.start == b.0.start);
    let total = errs.len();
    for (i, (span, msg)) in errs.into_iter().enumerate() {
        if i == MAX_SYNTAX_ERRORS {
            let last = file.text.len();
            sink.push(
                file,
                Severity::Error,
                "syntax",
                last..last,
                format!(
                    "{} more syntax errors in this file",
                    total - MAX_SYNTAX_ERRORS
                ),
                None,
            );
            break;
        }
        let help = if msg.contains("recurse") {
            Some("lesson files never need values nested this deeply".to_string())
        } else {
            None
        };
        sink.push(
            file,
            Severity::Error,
            "syntax",
            span,
            format!("TOML syntax: {msg}"),
            help,
        );
    }
    None
}

fn line_of_offset(file: &SourceFile<'_>, at: usize) -> usize {
    file.line_col(at).0
}

#[cfg(test)]
mod tests {
    use super::super::fields;
    use super::*;

    #[test]
    fn positions() {
        let f = SourceFile::new("a", "ab\ncé d\n\nx");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(6), (2, 3)); // after "cé"
        assert_eq!(f.line_col(9), (3, 1));
        assert_eq!(f.line_col(10), (4, 1));
        assert_eq!(f.line_col(999), (4, 2));
        // inside a multi-byte character: floors to its start
        assert_eq!(f.line_col(5), (2, 2));
    }

    /// A TOML value of every declared field of `t`, as an inline table.
    fn every_field(t: &fields::Table) -> String {
        use fields::Kind;
        let parts: Vec<String> = t
            .fields
            .iter()
            .map(|f| {
                let v = match f.kind {
                    Kind::Str | Kind::Title | Kind::Body => "\"x\"".to_string(),
                    Kind::Bool => "true".to_string(),
                    Kind::Int => "1".to_string(),
                    Kind::StrList => "[\"x\"]".to_string(),
                    Kind::TitleMap => "{ a = \"x\" }".to_string(),
                    Kind::Tables(sub) => format!("[{}]", every_field(sub)),
                };
                format!("{} = {v}", f.name)
            })
            .collect();
        format!("{{ {} }}", parts.join(", "))
    }

    #[test]
    fn the_walker_knows_every_declared_field() {
        use fields::FileKind;
        for kind in [
            FileKind::Root,
            FileKind::CourseText,
            FileKind::Resources,
            FileKind::Module,
        ] {
            let inline = every_field(kind.table());
            let doc = format!("doc = {inline}");
            let parsed: toml::Table = toml::from_str(&doc).expect("parses");
            let body = toml::to_string(&parsed["doc"]).expect("writes");
            let f = SourceFile::new("x.toml", &body);
            let mut sink = Sink::default();
            let t = parse(&f, &mut sink).expect("valid TOML");
            let mut w = Walk::new(&mut sink, &f);
            match kind {
                FileKind::Root => drop(w.root(t)),
                FileKind::CourseText => drop(w.course_text(t)),
                FileKind::Resources => drop(w.resources(t)),
                FileKind::Module => drop(w.module(t)),
            }
            let unknown: Vec<&str> = sink
                .diags
                .iter()
                .filter(|d| d.code == "unknown-field" || d.code == "wrong-type")
                .map(|d| d.message.as_str())
                .collect();
            assert!(unknown.is_empty(), "{kind:?}: {unknown:?}\n{body}");
        }
    }

    /// The other way round: every field a walk function has an arm for is
    /// declared in the table it walks (an arm for an undeclared key would
    /// never run: the key is reported as unknown first).
    #[test]
    fn the_walker_reads_only_declared_fields() {
        let src = include_str!("tables.rs");
        let by_name = |n: &str| -> &'static fields::Table {
            match n {
                "ROOT" => &fields::ROOT,
                "COURSE_TEXT" => &fields::COURSE_TEXT,
                "RESOURCES" => &fields::RESOURCES,
                "RESOURCE" => &fields::RESOURCE,
                "MODULE" => &fields::MODULE,
                "STEP" => &fields::STEP,
                "MESSAGE" => &fields::MESSAGE,
                "CHOICE" => &fields::CHOICE,
                "ITEM" => &fields::ITEM,
                "OPTION" => &fields::OPTION,
                other => panic!("tables.rs walks an unknown table {other}"),
            }
        };
        let mut walked = Vec::new();
        for chunk in src.split("self.declared(h, &k, &fields::").skip(1) {
            let name = chunk.split(')').next().unwrap_or_default();
            let table = by_name(name);
            let body = chunk
                .split_once("match f.name {")
                .and_then(|(_, b)| b.split_once("_ => self.unknown_field"))
                .map(|(b, _)| b)
                .unwrap_or_else(|| panic!("the walk of {name} matches on f.name"));
            let arms: Vec<&str> = body
                .lines()
                .filter_map(|l| l.trim().strip_prefix('"')?.split_once("\" =>"))
                .map(|(n, _)| n)
                .collect();
            for a in &arms {
                assert!(
                    table.field(a).is_some(),
                    "tables.rs reads `{a}` in {name}, which course::fields does not declare"
                );
            }
            assert_eq!(arms.len(), table.fields.len(), "{name}: {arms:?}");
            walked.push(name);
        }
        assert_eq!(walked.len(), fields::ALL_TABLES.len(), "{walked:?}");
    }

    #[test]
    fn suggestions() {
        let step = &fields::STEP.names();
        assert_eq!(
            suggest("feedbak", &fields::CHOICE.names()),
            Some("feedback")
        );
        assert_eq!(suggest("titel", step), Some("title"));
        assert_eq!(suggest("options", step), Some("option"));
        assert_eq!(suggest("Title", step), Some("title"));
        assert_eq!(
            suggest("source-locale", &fields::ROOT.names()),
            Some("source_locale")
        );
        assert_eq!(suggest("zzzzzz", step), None);
    }

    #[test]
    fn scans_text_in_one_pass() {
        assert_eq!(scan_text("ab\r\ncd"), (None, 5));
        assert_eq!(scan_text("ab\rcd"), (Some('\r'), 5));
        assert_eq!(scan_text("é\r\n\u{1b}"), (Some('\u{1b}'), 3));
        assert_eq!(scan_text("a\x7f"), (Some('\x7f'), 2));
        assert_eq!(scan_text("中\u{202e}"), (Some('\u{202e}'), 2));
        for s in ["plain", "tab\tok", "c1 \u{85}", "bidi \u{2066}", "x\r\n"] {
            assert_eq!(scan_text(s).0, forbidden_in_text(s), "{s:?}");
        }
        // Every position of a long text, so both the 8-byte words and the
        // tail are exercised.
        let base = "abcdefghijklmnopqrstuvwxyz0123456789 — é";
        for bad in ['\u{1b}', '\u{7f}', '\u{85}', '\u{202a}', '\u{2069}', '\r'] {
            for at in 0..=base.chars().count() {
                let mut t: String = base.chars().take(at).collect();
                t.push(bad);
                t.extend(base.chars().skip(at));
                assert_eq!(
                    scan_text(&t),
                    (Some(bad), base.chars().count() + 1),
                    "{t:?}"
                );
            }
        }
        assert_eq!(scan_text(&"x".repeat(17)), (None, 17));
        assert_eq!(scan_text("0123456\r\n89abcdef"), (None, 16));
        assert!(!swar_interesting(u64::from_le_bytes(*b"abcdefgh")));
        for c in [0u8, 0x1f, 0x7f, 0xc2, 0xe2] {
            let mut w = *b"abcdefgh";
            w[5] = c;
            assert!(swar_interesting(u64::from_le_bytes(w)), "{c:#x}");
        }
        for c in [0x20u8, 0x7e, 0x80, 0xc3, 0xe1, 0xe3, 0xff] {
            let mut w = *b"abcdefgh";
            w[3] = c;
            assert!(!swar_interesting(u64::from_le_bytes(w)), "{c:#x}");
        }
    }

    #[test]
    fn text_controls() {
        assert_eq!(forbidden_in_text("a\r\nb\tc\n"), None);
        assert_eq!(forbidden_in_text("a\x1bb"), Some('\x1b'));
        assert_eq!(forbidden_in_text("a\rb"), Some('\r'));
        assert_eq!(forbidden_in_text("a\u{9b}b"), Some('\u{9b}'));
        assert_eq!(forbidden_in_text("a\u{202e}b"), Some('\u{202e}'));
        assert_eq!(forbidden_in_text("a\u{7f}b"), Some('\u{7f}'));
    }
}
