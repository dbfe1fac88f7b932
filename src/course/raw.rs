//! The raw layer: one lesson file, parsed once into toml's spanned document
//! tree and walked against a field table per table kind.
//!
//! The walk reports what can be seen in one file alone (unknown fields,
//! wrong types, control characters, text length) and keeps every value with
//! its span, so the rules (`rules.rs`) can point at the exact line, and the
//! loader (`load.rs`) can build the resolved model without parsing again.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Severity};
use super::fields;
use super::source::{MAX_FILE_BYTES, SourceError};
use crate::text;

/// A byte range in a file.
pub(crate) type Span = Range<usize>;

/// Titles are at most this many characters.
pub(crate) const MAX_TITLE_CHARS: usize = 80;
/// Other text is at most this many characters.
pub(crate) const MAX_TEXT_CHARS: usize = 4_000;
/// Ids are at most this many characters.
pub(crate) const MAX_ID_CHARS: usize = 48;
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

// ---------------------------------------------------------------------------
// The walker

/// How long a text may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    Title,
    Body,
}

/// Walks tables of one file, reporting into a sink.
pub(crate) struct Walk<'s, 't> {
    pub sink: &'s mut Sink,
    pub file: &'s SourceFile<'t>,
    /// Fields present but unusable (wrong type, or misspelt with a
    /// suggestion), by table header start and field name: a rule that needs
    /// them stays quiet instead of reporting them missing too.
    bad: HashSet<(usize, &'static str)>,
}

/// Store a converted field; remember it as present-but-bad when the
/// conversion failed.
macro_rules! put {
    ($w:ident, $h:expr, $slot:expr, $name:literal, $conv:expr) => {{
        let v = $conv;
        if v.is_none() {
            $w.mark_bad($h, $name);
        }
        $slot = v;
    }};
}

type Val<'a> = Spanned<DeValue<'a>>;
type Key<'a> = Spanned<Cow<'a, str>>;

impl<'s, 't> Walk<'s, 't> {
    pub(crate) fn new(sink: &'s mut Sink, file: &'s SourceFile<'t>) -> Self {
        Walk {
            sink,
            file,
            bad: HashSet::new(),
        }
    }

    pub(crate) fn mark_bad(&mut self, header: usize, name: &'static str) {
        self.bad.insert((header, name));
    }

    /// Whether a field of the table at `header` was present but unusable.
    pub(crate) fn is_bad(&self, header: usize, name: &str) -> bool {
        self.bad.iter().any(|(h, n)| *h == header && *n == name)
    }

    pub(crate) fn error(&mut self, code: &'static str, span: Span, msg: String) {
        self.sink
            .push(self.file, Severity::Error, code, span, msg, None);
    }

    pub(crate) fn error_help(&mut self, code: &'static str, span: Span, msg: String, help: String) {
        self.sink
            .push(self.file, Severity::Error, code, span, msg, Some(help));
    }

    pub(crate) fn warn(
        &mut self,
        code: &'static str,
        span: Span,
        msg: String,
        help: Option<String>,
    ) {
        self.sink
            .push(self.file, Severity::Warning, code, span, msg, help);
    }

    /// Line of a byte offset, for messages ("first defined on line 4").
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.file.line_col(offset).0
    }

    fn unknown_field(&mut self, header: usize, key: &Key<'t>, table: &fields::Table) {
        let name = key.get_ref();
        let known = table.names();
        if let Some(h) = self.header_at(key.span().start) {
            // A table header with a typo: `[[step.opton]]`.
            let (open, close) = if h.starts_with("[[") {
                ("[[", "]]")
            } else {
                ("[", "]")
            };
            let inner = h.trim_start_matches('[').trim_end_matches(']').trim();
            let parent = inner.rsplit_once('.').map(|(p, _)| format!("{p}."));
            let tables: Vec<&str> = table
                .fields
                .iter()
                .filter(|f| matches!(f.kind, fields::Kind::Tables(_) | fields::Kind::TitleMap))
                .map(|f| f.name)
                .collect();
            let fix = |n: &str| format!("{open}{}{n}{close}", parent.as_deref().unwrap_or(""));
            match suggest(name, &known) {
                Some(s) => {
                    self.mark_bad(header, s);
                    self.error_help(
                        "unknown-field",
                        key.span(),
                        format!("unknown table `{}`; did you mean `{}`?", q(&h), fix(s)),
                        format!("write the header as `{}`", fix(s)),
                    );
                }
                None => {
                    let list: Vec<String> = tables.iter().map(|t| fix(t)).collect();
                    self.error_help(
                        "unknown-field",
                        key.span(),
                        format!("unknown table `{}`", q(&h)),
                        if list.is_empty() {
                            "this file has no tables here; remove the header".to_string()
                        } else {
                            format!("the tables here are: {}", list.join(", "))
                        },
                    );
                }
            }
            return;
        }
        match suggest(name, &known) {
            Some(s) => {
                self.mark_bad(header, s);
                self.error_help(
                    "unknown-field",
                    key.span(),
                    format!("unknown field `{}`; did you mean `{s}`?", q(name)),
                    format!("rename it to `{s}`"),
                )
            }
            None => self.error_help(
                "unknown-field",
                key.span(),
                format!("unknown field `{}`", q(name)),
                format!("the fields here are: {}", known.join(", ")),
            ),
        }
    }

    /// The table header on the line of `at`, when the line is one
    /// (`[[step.option]]`, comment removed).
    fn header_at(&self, at: usize) -> Option<String> {
        let text = self.file.text;
        let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
        let end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
        let line = text.get(start..end)?.trim();
        let line = line.split('#').next().unwrap_or(line).trim_end();
        (line.starts_with('[') && line.ends_with(']')).then(|| line.to_string())
    }

    fn wrong_type(&mut self, name: &str, want: &str, v: &Val<'t>) {
        self.error(
            "wrong-type",
            v.span(),
            format!(
                "`{name}` must be {want}, not {}",
                a_type(v.get_ref().type_str())
            ),
        );
    }

    fn sp<T>(v: T, key: &Key<'t>, val: &Val<'t>) -> Sp<T> {
        Sp {
            v,
            span: val.span(),
            key: key.span(),
        }
    }

    /// A text field: a string, checked for control characters and length.
    pub(crate) fn text(&mut self, key: &Key<'t>, v: Val<'t>, kind: TextKind) -> Option<Str<'t>> {
        let span = v.span();
        let k = key.span();
        match v.into_inner() {
            DeValue::String(s) => {
                self.check_text(&s, span.clone(), kind);
                Some(Sp { v: s, span, key: k })
            }
            other => {
                self.error(
                    "wrong-type",
                    span,
                    format!(
                        "`{}` must be a string, not {}",
                        key.get_ref(),
                        a_type(other.type_str())
                    ),
                );
                None
            }
        }
    }

    /// Control characters and length of a text value at `span`.
    pub(crate) fn check_text(&mut self, s: &str, span: Span, kind: TextKind) {
        let (bad, n) = scan_text(s);
        if let Some(c) = bad {
            self.error_help(
                "control-character",
                span.clone(),
                format!(
                    "text contains the control character U+{:04X}; lesson text may hold no control characters but newline and tab",
                    c as u32
                ),
                "remove it: control characters and escapes such as \\e or \\u001b could drive the learner's terminal".to_string(),
            );
        }
        if bad.is_none()
            && let Some(c) = text::find_invisible_format(s)
        {
            self.error_help(
                "invisible-character",
                span.clone(),
                format!(
                    "text contains the invisible character U+{:04X}, which shifts or garbles the learner's screen",
                    c as u32
                ),
                "remove it (it often comes with text pasted from a web page or a word processor); for a new line, press Enter"
                    .to_string(),
            );
        }
        let (max, what) = match kind {
            TextKind::Title => (MAX_TITLE_CHARS, "a title"),
            TextKind::Body => (MAX_TEXT_CHARS, "a text"),
        };
        if n > max {
            self.error(
                "text-too-long",
                span,
                format!("this text is {n} characters long; {what} may have at most {max}"),
            );
        }
    }

    /// A structure string (id, type, kind, from, next).
    pub(crate) fn string(&mut self, key: &Key<'t>, v: Val<'t>) -> Option<Str<'t>> {
        let span = v.span();
        match v.into_inner() {
            DeValue::String(s) => Some(Sp {
                v: s,
                span,
                key: key.span(),
            }),
            other => {
                self.error(
                    "wrong-type",
                    span,
                    format!(
                        "`{}` must be a string, not {}",
                        key.get_ref(),
                        a_type(other.type_str())
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn boolean(&mut self, key: &Key<'t>, v: Val<'t>) -> Option<Sp<bool>> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Self::sp(*b, key, &v)),
            _ => {
                self.wrong_type(key.get_ref(), "true or false", &v);
                None
            }
        }
    }

    pub(crate) fn integer(&mut self, key: &Key<'t>, v: Val<'t>) -> Option<Sp<i64>> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let digits = i.as_str().replace('_', "");
                match i64::from_str_radix(&digits, i.radix()) {
                    Ok(n) => Some(Self::sp(n, key, &v)),
                    Err(_) => {
                        self.error(
                            "invalid-value",
                            v.span(),
                            format!("`{}` is out of range", key.get_ref()),
                        );
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(key.get_ref(), "an integer", &v);
                None
            }
        }
    }

    /// An array of strings (module ids, objective ids, `teaches`).
    pub(crate) fn string_array(&mut self, key: &Key<'t>, v: Val<'t>) -> Option<Sp<Vec<Str<'t>>>> {
        let span = v.span();
        let name = key.get_ref().clone();
        match v.into_inner() {
            DeValue::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for e in a {
                    let es = e.span();
                    match e.into_inner() {
                        DeValue::String(s) => out.push(Sp {
                            v: s,
                            span: es.clone(),
                            key: es,
                        }),
                        other => self.error(
                            "wrong-type",
                            es,
                            format!(
                                "each entry of `{name}` must be a string, not {}",
                                a_type(other.type_str())
                            ),
                        ),
                    }
                }
                Some(Sp {
                    v: out,
                    span,
                    key: key.span(),
                })
            }
            other => {
                self.error(
                    "wrong-type",
                    span,
                    format!(
                        "`{name}` must be an array of strings, not {}",
                        a_type(other.type_str())
                    ),
                );
                None
            }
        }
    }

    /// An array of tables (`[[step]]`, `[[step.option]]`, or an array of
    /// inline tables); `f` walks each table, given its header span.
    pub(crate) fn table_array<T>(
        &mut self,
        key: &Key<'t>,
        v: Val<'t>,
        header_hint: &str,
        mut f: impl FnMut(&mut Self, Span, DeTable<'t>) -> T,
    ) -> Option<Sp<Vec<T>>> {
        let span = v.span();
        let name = key.get_ref().clone();
        match v.into_inner() {
            DeValue::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for e in a {
                    let es = e.span();
                    match e.into_inner() {
                        DeValue::Table(t) => out.push(f(self, es, t)),
                        other => self.error_help(
                            "wrong-type",
                            es,
                            format!(
                                "each `{name}` must be a table, not {}",
                                a_type(other.type_str())
                            ),
                            format!("write each one as a `{header_hint}` table"),
                        ),
                    }
                }
                Some(Sp {
                    v: out,
                    span,
                    key: key.span(),
                })
            }
            other => {
                self.error_help(
                    "wrong-type",
                    span,
                    format!(
                        "`{name}` must be an array of tables, not {}",
                        a_type(other.type_str())
                    ),
                    format!("write each one as a `{header_hint}` table"),
                );
                None
            }
        }
    }
}

fn a_type(t: &str) -> &'static str {
    match t {
        "string" => "a string",
        "integer" => "an integer",
        "float" => "a float",
        "boolean" => "a boolean",
        "datetime" => "a date-time",
        "array" => "an array",
        "table" => "a table",
        _ => "another type",
    }
}

/// One pass over a text: the first character it may not hold (see
/// `forbidden_in_text`, the plain reference in the tests) and its length in characters, line endings
/// normalised (CRLF counts as one).
pub(crate) fn scan_text(s: &str) -> (Option<char>, usize) {
    // Byte-level, as this runs on every text of a course: every forbidden
    // character starts with a byte below 0x20, 0x7F (DEL), 0xC2 (C1
    // controls) or 0xE2 (bidi controls), where the slow check runs. Words
    // of 8 bytes with none of those are skipped at once.
    let b = s.as_bytes();
    // std counts characters a word at a time.
    let mut n = s.chars().count();
    let mut bad = None;
    let mut visit = |i: usize, c: u8| {
        if c >= 0x20 && c != 0x7f && c != 0xc2 && c != 0xe2 {
            return;
        }
        match c {
            b'\n' | b'\t' => {}
            b'\r' if b.get(i + 1) == Some(&b'\n') => n -= 1,
            _ => {
                if bad.is_none()
                    && let Some(ch) = s.get(i..).and_then(|r| r.chars().next())
                    && text::is_forbidden_char(ch)
                {
                    bad = Some(ch);
                }
            }
        }
    };
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        if swar_interesting(u64::from_le_bytes(w)) {
            for (j, &c) in chunk.iter().enumerate() {
                visit(at + j, c);
            }
        }
        at += 8;
    }
    for (j, &c) in chunks.remainder().iter().enumerate() {
        visit(at + j, c);
    }
    (bad, n)
}

/// Whether any byte of the word is below 0x20, or is 0x7F, 0xC2 or 0xE2.
fn swar_interesting(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Exact test for "some byte is zero".
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    // A byte is below 0x20 when its top three bits are zero.
    has_zero(x & (0xe0 * ONES))
        || has_zero(x ^ (0x7f * ONES))
        || has_zero(x ^ (0xc2 * ONES))
        || has_zero(x ^ (0xe2 * ONES))
}

/// The first character lesson text may not hold: control characters other
/// than newline and tab (a CR in a CRLF line ending is fine), and bidi
/// controls.
#[cfg(test)]
pub(crate) fn forbidden_in_text(s: &str) -> Option<char> {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if text::is_forbidden_char(c) {
            return Some(c);
        }
    }
    None
}

/// The closest known name, if close enough to be a likely typo.
pub(crate) fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    if name.len() > 64 {
        return None;
    }
    let lower = name.to_lowercase().replace('-', "_");
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let d = strsim::osa_distance(&lower, k);
        let limit = (k.chars().count() / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

// ---------------------------------------------------------------------------
// Raw tables, one struct per table kind

/// The root `course.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawRoot<'a> {
    pub id: Option<Str<'a>>,
    pub source_locale: Option<Str<'a>>,
    pub modules: Option<Sp<Vec<Str<'a>>>>,
    pub objectives: Option<Sp<Vec<Str<'a>>>>,
    pub pre_check: Option<Str<'a>>,
    pub post_check: Option<Str<'a>>,
}

/// `<locale>/course.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawCourseText<'a> {
    pub title: Option<Str<'a>>,
    pub welcome: Option<Str<'a>>,
    pub finish: Option<Str<'a>>,
    /// Objective id (with the key's span) and title.
    pub objectives: Option<Sp<Vec<ObjectiveTitle<'a>>>>,
}

/// An objective id (spanned like a key) and its title.
pub(crate) type ObjectiveTitle<'a> = (Str<'a>, Option<Str<'a>>);

/// `<locale>/resources.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawResources<'a> {
    pub intro: Option<Str<'a>>,
    pub resources: Option<Sp<Vec<RawResource<'a>>>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawResource<'a> {
    pub header: Span,
    pub name: Option<Str<'a>>,
    pub about: Option<Str<'a>>,
    pub web: Option<Str<'a>>,
    pub phone: Option<Str<'a>>,
    pub sms: Option<Str<'a>>,
    pub hours: Option<Str<'a>>,
}

/// `<locale>/<module-id>.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawModule<'a> {
    pub id: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
    pub summary: Option<Str<'a>>,
    pub minutes: Option<Sp<i64>>,
    pub content_note: Option<Str<'a>>,
    pub steps: Option<Sp<Vec<RawStep<'a>>>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawStep<'a> {
    pub header: Span,
    pub id: Option<Str<'a>>,
    pub ty: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
    pub text: Option<Str<'a>>,
    pub teaches: Option<Sp<Vec<Str<'a>>>>,
    pub shuffle: Option<Sp<bool>>,
    pub next: Option<Str<'a>>,
    pub contact: Option<Str<'a>>,
    pub messages: Option<Sp<Vec<RawMessage<'a>>>>,
    pub choices: Option<Sp<Vec<RawChoice<'a>>>>,
    pub kind: Option<Str<'a>>,
    pub explanation: Option<Str<'a>>,
    pub items: Option<Sp<Vec<RawItem<'a>>>>,
    pub options: Option<Sp<Vec<RawOption<'a>>>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawMessage<'a> {
    pub header: Span,
    pub from: Option<Str<'a>>,
    pub text: Option<Str<'a>>,
    pub sign: Option<Sp<bool>>,
    pub why: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawChoice<'a> {
    pub header: Span,
    pub text: Option<Str<'a>>,
    pub safe: Option<Sp<bool>>,
    pub feedback: Option<Str<'a>>,
    pub next: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawItem<'a> {
    pub header: Span,
    pub text: Option<Str<'a>>,
    pub sign: Option<Sp<bool>>,
    pub why: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawOption<'a> {
    pub header: Span,
    pub text: Option<Str<'a>>,
    pub correct: Option<Sp<bool>>,
    pub feedback: Option<Str<'a>>,
}

/// The items of an optional array (empty when absent).
pub(crate) fn items<T>(a: &Option<Sp<Vec<T>>>) -> &[T] {
    a.as_ref().map_or(&[], |a| a.v.as_slice())
}

// ---------------------------------------------------------------------------
// Walking each table kind

impl<'t> Walk<'_, 't> {
    pub(crate) fn root(&mut self, t: DeTable<'t>) -> RawRoot<'t> {
        let h = 0;
        let mut r = RawRoot::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "id" => put!(self, h, r.id, "id", self.string(&k, v)),
                "source_locale" => put!(
                    self,
                    h,
                    r.source_locale,
                    "source_locale",
                    self.string(&k, v)
                ),
                "modules" => put!(self, h, r.modules, "modules", self.string_array(&k, v)),
                "objectives" => put!(
                    self,
                    h,
                    r.objectives,
                    "objectives",
                    self.string_array(&k, v)
                ),
                "pre_check" => put!(self, h, r.pre_check, "pre_check", self.string(&k, v)),
                "post_check" => put!(self, h, r.post_check, "post_check", self.string(&k, v)),
                _ => self.unknown_field(h, &k, &fields::ROOT),
            }
        }
        r
    }

    pub(crate) fn course_text(&mut self, t: DeTable<'t>) -> RawCourseText<'t> {
        let h = 0;
        let mut r = RawCourseText::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "title" => put!(self, h, r.title, "title", self.text(&k, v, TextKind::Title)),
                "welcome" => put!(
                    self,
                    h,
                    r.welcome,
                    "welcome",
                    self.text(&k, v, TextKind::Body)
                ),
                "finish" => put!(
                    self,
                    h,
                    r.finish,
                    "finish",
                    self.text(&k, v, TextKind::Body)
                ),
                "objectives" => {
                    let span = v.span();
                    match v.into_inner() {
                        DeValue::Table(obj) => {
                            let mut out = Vec::with_capacity(obj.len());
                            for (ok, ov) in obj {
                                let title = self.text(&ok, ov, TextKind::Title);
                                let ks = ok.span();
                                out.push((
                                    Sp {
                                        v: ok.into_inner(),
                                        span: ks.clone(),
                                        key: ks,
                                    },
                                    title,
                                ));
                            }
                            r.objectives = Some(Sp {
                                v: out,
                                span,
                                key: k.span(),
                            });
                        }
                        other => self.error_help(
                            "wrong-type",
                            span,
                            format!("`objectives` must be a table, not {}", a_type(other.type_str())),
                            "write `[objectives]` and then one `objective-id = \"Title\"` line per objective".to_string(),
                        ),
                    }
                }
                _ => self.unknown_field(h, &k, &fields::COURSE_TEXT),
            }
        }
        r
    }

    pub(crate) fn resources(&mut self, t: DeTable<'t>) -> RawResources<'t> {
        let h = 0;
        let mut r = RawResources::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "intro" => put!(self, h, r.intro, "intro", self.text(&k, v, TextKind::Body)),
                "resource" => {
                    r.resources =
                        self.table_array(&k, v, "[[resource]]", |w, h, t| w.resource(h, t))
                }
                _ => self.unknown_field(h, &k, &fields::RESOURCES),
            }
        }
        r
    }

    fn resource(&mut self, header: Span, t: DeTable<'t>) -> RawResource<'t> {
        let h = header.start;
        let mut r = RawResource {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "name" => put!(self, h, r.name, "name", self.text(&k, v, TextKind::Title)),
                "about" => put!(self, h, r.about, "about", self.text(&k, v, TextKind::Body)),
                "web" => put!(self, h, r.web, "web", self.text(&k, v, TextKind::Body)),
                "phone" => put!(self, h, r.phone, "phone", self.text(&k, v, TextKind::Body)),
                "sms" => put!(self, h, r.sms, "sms", self.text(&k, v, TextKind::Body)),
                "hours" => put!(self, h, r.hours, "hours", self.text(&k, v, TextKind::Body)),
                _ => self.unknown_field(h, &k, &fields::RESOURCE),
            }
        }
        r
    }

    pub(crate) fn module(&mut self, t: DeTable<'t>) -> RawModule<'t> {
        let h = 0;
        let mut m = RawModule::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "id" => put!(self, h, m.id, "id", self.string(&k, v)),
                "title" => put!(self, h, m.title, "title", self.text(&k, v, TextKind::Title)),
                "summary" => put!(
                    self,
                    h,
                    m.summary,
                    "summary",
                    self.text(&k, v, TextKind::Body)
                ),
                "minutes" => put!(self, h, m.minutes, "minutes", self.integer(&k, v)),
                "content_note" => put!(
                    self,
                    h,
                    m.content_note,
                    "content_note",
                    self.text(&k, v, TextKind::Body)
                ),
                "step" => put!(
                    self,
                    h,
                    m.steps,
                    "step",
                    self.table_array(&k, v, "[[step]]", |w, h, t| w.step(h, t))
                ),
                _ => self.unknown_field(h, &k, &fields::MODULE),
            }
        }
        m
    }

    fn step(&mut self, header: Span, t: DeTable<'t>) -> RawStep<'t> {
        let h = header.start;
        let mut s = RawStep {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "id" => put!(self, h, s.id, "id", self.string(&k, v)),
                "type" => put!(self, h, s.ty, "type", self.string(&k, v)),
                "title" => put!(self, h, s.title, "title", self.text(&k, v, TextKind::Title)),
                "text" => put!(self, h, s.text, "text", self.text(&k, v, TextKind::Body)),
                "teaches" => put!(self, h, s.teaches, "teaches", self.string_array(&k, v)),
                "shuffle" => put!(self, h, s.shuffle, "shuffle", self.boolean(&k, v)),
                "next" => put!(self, h, s.next, "next", self.string(&k, v)),
                "contact" => put!(
                    self,
                    h,
                    s.contact,
                    "contact",
                    self.text(&k, v, TextKind::Body)
                ),
                "kind" => put!(self, h, s.kind, "kind", self.string(&k, v)),
                "explanation" => put!(
                    self,
                    h,
                    s.explanation,
                    "explanation",
                    self.text(&k, v, TextKind::Body)
                ),
                "message" => put!(
                    self,
                    h,
                    s.messages,
                    "message",
                    self.table_array(&k, v, "[[step.message]]", |w, h, t| w.message(h, t))
                ),
                "choice" => put!(
                    self,
                    h,
                    s.choices,
                    "choice",
                    self.table_array(&k, v, "[[step.choice]]", |w, h, t| w.choice(h, t))
                ),
                "item" => put!(
                    self,
                    h,
                    s.items,
                    "item",
                    self.table_array(&k, v, "[[step.item]]", |w, h, t| w.item(h, t))
                ),
                "option" => put!(
                    self,
                    h,
                    s.options,
                    "option",
                    self.table_array(&k, v, "[[step.option]]", |w, h, t| w.option(h, t))
                ),
                _ => self.unknown_field(h, &k, &fields::STEP),
            }
        }
        s
    }

    fn message(&mut self, header: Span, t: DeTable<'t>) -> RawMessage<'t> {
        let h = header.start;
        let mut m = RawMessage {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "from" => put!(self, h, m.from, "from", self.string(&k, v)),
                "text" => put!(self, h, m.text, "text", self.text(&k, v, TextKind::Body)),
                "sign" => put!(self, h, m.sign, "sign", self.boolean(&k, v)),
                "why" => put!(self, h, m.why, "why", self.text(&k, v, TextKind::Body)),
                _ => self.unknown_field(h, &k, &fields::MESSAGE),
            }
        }
        m
    }

    fn choice(&mut self, header: Span, t: DeTable<'t>) -> RawChoice<'t> {
        let h = header.start;
        let mut c = RawChoice {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "text" => put!(self, h, c.text, "text", self.text(&k, v, TextKind::Body)),
                "safe" => put!(self, h, c.safe, "safe", self.boolean(&k, v)),
                "feedback" => put!(
                    self,
                    h,
                    c.feedback,
                    "feedback",
                    self.text(&k, v, TextKind::Body)
                ),
                "next" => put!(self, h, c.next, "next", self.string(&k, v)),
                _ => self.unknown_field(h, &k, &fields::CHOICE),
            }
        }
        c
    }

    fn item(&mut self, header: Span, t: DeTable<'t>) -> RawItem<'t> {
        let h = header.start;
        let mut i = RawItem {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "text" => put!(self, h, i.text, "text", self.text(&k, v, TextKind::Body)),
                "sign" => put!(self, h, i.sign, "sign", self.boolean(&k, v)),
                "why" => put!(self, h, i.why, "why", self.text(&k, v, TextKind::Body)),
                _ => self.unknown_field(h, &k, &fields::ITEM),
            }
        }
        i
    }

    fn option(&mut self, header: Span, t: DeTable<'t>) -> RawOption<'t> {
        let h = header.start;
        let mut o = RawOption {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "text" => put!(self, h, o.text, "text", self.text(&k, v, TextKind::Body)),
                "correct" => put!(self, h, o.correct, "correct", self.boolean(&k, v)),
                "feedback" => put!(
                    self,
                    h,
                    o.feedback,
                    "feedback",
                    self.text(&k, v, TextKind::Body)
                ),
                _ => self.unknown_field(h, &k, &fields::OPTION),
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
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
