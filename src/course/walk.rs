//! The walker: typed readers for the values of one table (strings, texts,
//! booleans, integers, arrays of tables), each checked for its type, and for
//! text, control and invisible characters and length; unknown fields get a
//! "did you mean" from the format's declaration (`fields.rs`).

use std::borrow::Cow;
use std::collections::HashSet;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Severity;
use super::fields;
use super::raw::*;
use crate::text;

/// How long a text may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    Title,
    Body,
}

impl TextKind {
    /// The text kind of a declared field (a title, an objective title, or
    /// other text).
    pub(crate) fn of(f: &fields::Field) -> TextKind {
        match f.kind {
            fields::Kind::Title | fields::Kind::TitleMap => TextKind::Title,
            _ => TextKind::Body,
        }
    }
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

    /// The declaration of `key` in `table`; an undeclared key is reported
    /// as an unknown field (with a suggestion) and gives `None`.
    pub(crate) fn declared(
        &mut self,
        header: usize,
        key: &Key<'t>,
        table: &'static fields::Table,
    ) -> Option<&'static fields::Field> {
        let f = table.field(key.get_ref());
        if f.is_none() {
            self.unknown_field(header, key, table);
        }
        f
    }

    pub(crate) fn unknown_field(&mut self, header: usize, key: &Key<'t>, table: &fields::Table) {
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

    /// A text field declared as `f`: a string, checked for control
    /// characters and length (a title's or other text's).
    pub(crate) fn text(&mut self, key: &Key<'t>, v: Val<'t>, f: &fields::Field) -> Option<Str<'t>> {
        let kind = TextKind::of(f);
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
        field: &fields::Field,
        mut f: impl FnMut(&mut Self, Span, DeTable<'t>) -> T,
    ) -> Option<Sp<Vec<T>>> {
        let header_hint = match field.kind {
            fields::Kind::Tables(t) => t.header,
            _ => field.name,
        };
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

pub(crate) fn a_type(t: &str) -> &'static str {
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
pub(crate) fn swar_interesting(x: u64) -> bool {
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
