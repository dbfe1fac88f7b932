//! Comparing a Fluent interface file (`locales/<tag>/notalone.ftl`) with the
//! English source: syntax errors, missing and obsolete messages, text still
//! identical to English, and variables used in one language but not the
//! other.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use fluent_syntax::ast::{self, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

use crate::course::{Diagnostic, Severity};

/// One translatable unit: a message's value (`id`) or one of its
/// attributes (`id.attr`).
#[derive(Debug, Clone)]
pub struct Unit {
    /// The variables it uses (`name` for `{ $name }`), selectors included.
    pub vars: BTreeSet<String>,
    /// The pattern written back in a canonical form, to compare two texts.
    pub shape: String,
    /// Only the literal text, for the "identical by nature" rule.
    pub text: String,
}

/// A parsed `.ftl` file.
#[derive(Debug, Default)]
pub struct Ftl {
    /// Units by key, in file order.
    pub units: BTreeMap<String, Unit>,
    /// Where each message starts: byte offset of its id, and its length.
    starts: HashMap<String, Range<usize>>,
    /// Keys that appear in the file text but not in the parsed result (they
    /// sit inside a syntax error).
    broken: BTreeSet<String>,
    /// Syntax errors: byte range, the broken entry's range, and message.
    pub syntax: Vec<(Range<usize>, Option<Range<usize>>, String)>,
    /// Messages defined twice: the second definition.
    duplicates: Vec<(String, Range<usize>)>,
}

impl Ftl {
    /// Parse an `.ftl` text. Never fails: syntax errors are kept as data.
    pub fn parse(text: &str) -> Ftl {
        let mut out = Ftl::default();
        let (res, errors) = match parser::parse(text) {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        for e in errors {
            let start = e.pos.start.min(text.len());
            let end = e.pos.end.clamp(start, text.len());
            let slice = e
                .slice
                .map(|s| s.start.min(text.len())..s.end.min(text.len()));
            out.syntax.push((start..end, slice, e.kind.to_string()));
        }
        // Where each message id starts a line, in order (for positions and
        // duplicates; the AST of fluent-syntax 0.12 has no spans).
        let mut seen: Vec<(String, Range<usize>)> = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if let Some(id) = message_id_at(line) {
                seen.push((id.to_string(), offset..offset + id.len()));
            }
            offset += line.len();
        }
        let mut parsed: BTreeSet<String> = BTreeSet::new();
        for entry in &res.body {
            if let ast::Entry::Junk { content } = entry {
                // A broken message: its id, if it starts with one.
                let id: String = content
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if !id.is_empty() {
                    out.broken.insert(id);
                }
                continue;
            }
            let ast::Entry::Message(m) = entry else {
                continue;
            };
            let id = m.id.name.to_string();
            if !parsed.insert(id.clone()) {
                continue; // a duplicate: the bundle keeps the first
            }
            if let Some(v) = &m.value {
                out.units.insert(id.clone(), unit(v));
            }
            for a in &m.attributes {
                out.units
                    .insert(format!("{id}.{}", a.id.name), unit(&a.value));
            }
        }
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (id, span) in &seen {
            let n = count.entry(id.as_str()).or_default();
            *n += 1;
            if *n == 1 {
                out.starts.insert(id.clone(), span.clone());
            } else if parsed.contains(id) {
                out.duplicates.push((id.clone(), span.clone()));
            }
            if !parsed.contains(id) {
                out.broken.insert(id.clone());
            }
        }
        out
    }

    /// The byte range of a unit's message id (for `id.attr`, the message's).
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        let id = key.split_once('.').map_or(key, |(m, _)| m);
        self.starts.get(id).cloned()
    }

    /// Whether a unit is counted as translated against the source's:
    /// present, and not the same text (unless identical by nature).
    pub fn translated(&self, key: &str, src: &Unit) -> bool {
        match self.units.get(key) {
            None => false,
            Some(u) => u.shape != src.shape || super::same_by_nature(&src.text),
        }
    }
}

/// The message id a line defines (`id = ...` at the start of the line).
fn message_id_at(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(line.len());
    let (id, rest) = line.split_at(end);
    rest.trim_start_matches([' ', '\t'])
        .starts_with('=')
        .then_some(id)
}

fn unit(p: &Pattern<&str>) -> Unit {
    let mut u = Unit {
        vars: BTreeSet::new(),
        shape: String::new(),
        text: String::new(),
    };
    pattern(p, &mut u);
    u
}

fn pattern(p: &Pattern<&str>, u: &mut Unit) {
    for e in &p.elements {
        match e {
            PatternElement::TextElement { value } => {
                u.shape.push_str(value);
                u.text.push_str(value);
            }
            PatternElement::Placeable { expression } => {
                u.shape.push('{');
                expr(expression, u);
                u.shape.push('}');
                u.text.push(' ');
            }
        }
    }
}

fn expr(e: &Expression<&str>, u: &mut Unit) {
    match e {
        Expression::Inline(i) => inline(i, u),
        Expression::Select { selector, variants } => {
            inline(selector, u);
            u.shape.push_str(" ->");
            for v in variants {
                u.shape.push_str(if v.default { " *[" } else { " [" });
                match &v.key {
                    ast::VariantKey::Identifier { name } => u.shape.push_str(name),
                    ast::VariantKey::NumberLiteral { value } => u.shape.push_str(value),
                }
                u.shape.push(']');
                pattern(&v.value, u);
                u.text.push(' ');
            }
        }
    }
}

fn inline(i: &InlineExpression<&str>, u: &mut Unit) {
    match i {
        InlineExpression::StringLiteral { value } => {
            u.shape.push('"');
            u.shape.push_str(value);
            u.shape.push('"');
            u.text.push_str(value);
        }
        InlineExpression::NumberLiteral { value } => u.shape.push_str(value),
        InlineExpression::FunctionReference { id, arguments } => {
            u.shape.push_str(id.name);
            args(arguments, u);
        }
        InlineExpression::MessageReference { id, attribute } => {
            u.shape.push_str(id.name);
            if let Some(a) = attribute {
                u.shape.push('.');
                u.shape.push_str(a.name);
            }
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            u.shape.push('-');
            u.shape.push_str(id.name);
            if let Some(a) = attribute {
                u.shape.push('.');
                u.shape.push_str(a.name);
            }
            if let Some(a) = arguments {
                args(a, u);
            }
        }
        InlineExpression::VariableReference { id } => {
            u.shape.push('$');
            u.shape.push_str(id.name);
            u.vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => {
            u.shape.push('{');
            expr(expression, u);
            u.shape.push('}');
        }
    }
}

fn args(a: &ast::CallArguments<&str>, u: &mut Unit) {
    u.shape.push('(');
    for p in &a.positional {
        inline(p, u);
        u.shape.push(',');
    }
    for n in &a.named {
        u.shape.push_str(n.name.name);
        u.shape.push(':');
        inline(&n.value, u);
        u.shape.push(',');
    }
    u.shape.push(')');
}

/// Line and column (both from 1, the column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn vars_list(v: &BTreeSet<String>) -> String {
    if v.is_empty() {
        return "none".to_string();
    }
    v.iter()
        .map(|x| format!("{{ ${x} }}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with a character in interface text, if anything: a
/// control character (C0 but newline and tab, DEL, C1), a bidi control, or
/// an invisible format character (zero-width, word joiner, soft hyphen,
/// line and paragraph separators, interlinear annotations, tag characters,
/// Hangul fillers). A zero-width joiner or variation selector right after
/// an emoji is part of it and fine.
fn hazard(c: char, prev: Option<char>) -> Option<&'static str> {
    let emoji = |p: Option<char>| {
        p.is_some_and(
            |p| matches!(p, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{FE0F}'),
        )
    };
    if c == '\n' || c == '\t' || c == '\r' {
        return None;
    }
    if c.is_control() {
        return Some("a control character");
    }
    if crate::text::is_bidi_control(c) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}') {
        return Some("a bidi control character");
    }
    match c {
        '\u{200D}' | '\u{FE0F}' if emoji(prev) => None,
        '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{180E}'
        | '\u{034F}'
        | '\u{FE0F}' => Some("an invisible format character"),
        _ => None,
    }
}

/// Control, bidi and invisible characters anywhere in an interface file
/// (the program would print them to the learner's terminal).
fn hazards(file: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut prev = None;
    for (i, c) in text.char_indices() {
        if let Some(what) = hazard(c, prev) {
            let (line, column) = line_col(text, i);
            out.push(Diagnostic {
                severity: Severity::Error,
                code: "control-character".to_string(),
                file: file.to_string(),
                line,
                column,
                message: format!(
                    "this message holds {what} (U+{:04X}), which could change what the learner's terminal shows",
                    c as u32
                ),
                span: Some(i..i + c.len_utf8()),
                help: Some(
                    "delete it (it is invisible: retype the text around it if you cannot find it)"
                        .to_string(),
                ),
            });
            if out.len() >= 20 {
                break;
            }
        }
        prev = Some(c);
    }
    out
}

/// Compare a translation's `.ftl` (`file` is its path in diagnostics, e.g.
/// `de/notalone.ftl`) with the source's, and list the problems. With
/// `same_language` (an English variant) nothing is "untranslated".
pub fn compare(
    file: &str,
    text: &str,
    source: &Ftl,
    source_file: &str,
    same_language: bool,
) -> Vec<Diagnostic> {
    let tr = Ftl::parse(text);
    let mut out = hazards(file, text);
    // A zero-length span at 0 stands for the whole file (no snippet).
    let mut push = |sev: Severity, code: &str, span: Range<usize>, msg: String, help: String| {
        let (line, column) = line_col(text, span.start);
        out.push(Diagnostic {
            severity: sev,
            code: code.to_string(),
            file: file.to_string(),
            line,
            column,
            message: msg,
            span: (span != (0..0)).then_some(span),
            help: Some(help),
        });
    };
    for (span, slice, msg) in &tr.syntax {
        let (line, _) = line_col(text, span.start);
        let started = slice
            .as_ref()
            .map(|s| line_col(text, s.start).0)
            .filter(|l| *l < line);
        let msg = match started {
            Some(l) => format!("Fluent syntax: {msg} (in the message that starts on line {l})"),
            None => format!("Fluent syntax: {msg}"),
        };
        push(
            Severity::Error,
            "ftl-syntax",
            span.clone(),
            msg,
            format!(
                "compare this message with the same one in {source_file}: keep `id = text`, and every {{ }} exactly as there"
            ),
        );
    }
    for (id, span) in &tr.duplicates {
        push(
            Severity::Error,
            "ftl-duplicate",
            span.clone(),
            format!("message `{id}` is defined twice; only the first one is used"),
            "remove one of the two".to_string(),
        );
    }
    let head = 0..0;
    for (key, su) in &source.units {
        let id = key.split_once('.').map_or(key.as_str(), |(m, _)| m);
        match tr.units.get(key) {
            None => {
                if tr.broken.contains(id) || same_language {
                    continue; // inside a syntax error, reported above
                }
                let (span, msg) = match tr.span_of(key) {
                    Some(s) => (
                        s,
                        format!("attribute `{key}` is missing: learners see the English text"),
                    ),
                    None => (
                        head.clone(),
                        format!("message `{key}` is missing: learners see the English text"),
                    ),
                };
                push(
                    Severity::Warning,
                    "untranslated",
                    span,
                    msg,
                    format!("copy `{key}` from {source_file} and translate it"),
                );
            }
            Some(tu) => {
                let span = tr.span_of(key).unwrap_or(head.clone());
                if tu.vars != su.vars {
                    let missing: BTreeSet<String> = su.vars.difference(&tu.vars).cloned().collect();
                    let extra: BTreeSet<String> = tu.vars.difference(&su.vars).cloned().collect();
                    let msg = if !extra.is_empty() {
                        format!(
                            "`{key}` uses {} but the English message has no such variable (it uses {}); the program never gives it a value",
                            vars_list(&extra),
                            vars_list(&su.vars)
                        )
                    } else {
                        format!(
                            "`{key}` does not use {}, which the English message uses",
                            vars_list(&missing)
                        )
                    };
                    push(
                        Severity::Error,
                        "ftl-variable",
                        span,
                        msg,
                        format!(
                            "use exactly the variables of the English message ({}), spelled the same; place them where they fit in your sentence",
                            vars_list(&su.vars)
                        ),
                    );
                } else if tu.shape == su.shape && !same_language && !super::same_by_nature(&su.text)
                {
                    push(
                        Severity::Warning,
                        "untranslated",
                        span,
                        format!("`{key}` is the same as in English: not translated yet?"),
                        "translate it; if it really is the same in your language, you can leave it"
                            .to_string(),
                    );
                }
            }
        }
    }
    for key in tr.units.keys() {
        if source.units.contains_key(key) {
            continue;
        }
        let span = tr.span_of(key).unwrap_or(head.clone());
        push(
            Severity::Warning,
            "obsolete",
            span,
            format!("`{key}` is not in {source_file}: the program never uses it"),
            "remove it (it may have been renamed: look for a missing message with a similar id)"
                .to_string(),
        );
    }
    out
}

/// Share of the source's units translated in a chain of `.ftl` texts (the
/// first that has a unit decides), as (translated, total).
pub fn coverage(chain: &[Ftl], source: &Ftl) -> (usize, usize) {
    let total = source.units.len();
    let done = source
        .units
        .iter()
        .filter(|(k, su)| {
            chain
                .iter()
                .find(|f| f.units.contains_key(k.as_str()))
                .is_some_and(|f| f.translated(k, su))
        })
        .count();
    (done, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "hello = Hello, { $name }!\nbye = Goodbye for now\nname = notalone\ncount = { $n ->\n    [one] one thing\n   *[other] { $n } things\n}\nold = x\n";

    fn codes(d: &[Diagnostic]) -> Vec<(String, usize)> {
        d.iter().map(|d| (d.code.clone(), d.line)).collect()
    }

    #[test]
    fn finds_missing_obsolete_identical_and_variables() {
        let en = Ftl::parse(EN);
        let fr = "hello = Salut !\nbye = Goodbye for now\nname = notalone\nextra = En trop\ncount = { $n ->\n   *[other] { $n } trucs\n}\n";
        let d = compare(
            "locales/fr/notalone.ftl",
            fr,
            &en,
            "locales/en/notalone.ftl",
            false,
        );
        let c = codes(&d);
        assert!(c.contains(&("ftl-variable".into(), 1)), "{c:?}");
        assert!(c.contains(&("untranslated".into(), 2)), "{c:?}");
        assert!(!c.contains(&("untranslated".into(), 3)), "{c:?}");
        assert!(c.contains(&("obsolete".into(), 4)), "{c:?}");
        // `old` is missing: reported for the whole file.
        assert!(
            d.iter()
                .any(|d| d.code == "untranslated" && d.line == 1 && d.message.contains("`old`"))
        );
        assert!(
            !c.iter().any(|(k, l)| k == "ftl-variable" && *l == 5),
            "{c:?}"
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let en = Ftl::parse(EN);
        let fr = "hello = Salut { $name }\nbye Au revoir\n";
        let d = compare("f.ftl", fr, &en, "e.ftl", false);
        let s = d
            .iter()
            .find(|d| d.code == "ftl-syntax")
            .expect("a syntax error");
        assert_eq!(s.line, 2);
        // `bye` sits in the junk: not also reported as missing.
        assert!(
            !d.iter()
                .any(|d| d.code == "untranslated" && d.message.contains("`bye`"))
        );
    }

    #[test]
    fn duplicates_are_errors() {
        let en = Ftl::parse(EN);
        let d = compare("f.ftl", "bye = Salut\nbye = Ciao\n", &en, "e.ftl", false);
        assert!(d.iter().any(|d| d.code == "ftl-duplicate" && d.line == 2));
    }

    #[test]
    fn control_bidi_and_invisible_characters_are_errors() {
        let en = Ftl::parse(EN);
        let fr = "hello = Salut { $name }\nbye = Au\u{1b}]52;c;x\u{7} revoir\nname = a\u{202e}b\u{200b}c\nold = famille 👨\u{200d}👩 ok\n";
        let d = compare("f.ftl", fr, &en, "e.ftl", false);
        let c: Vec<(usize, usize)> = d
            .iter()
            .filter(|d| d.code == "control-character")
            .map(|d| (d.line, d.column))
            .collect();
        assert_eq!(c, [(2, 9), (2, 17), (3, 9), (3, 11)], "{d:#?}");
        assert!(
            d.iter()
                .all(|d| d.severity == Severity::Error || d.code != "control-character")
        );
    }

    #[test]
    fn an_english_variant_is_never_untranslated() {
        let en = Ftl::parse(EN);
        let d = compare("en-GB/notalone.ftl", "bye = Cheerio\n", &en, "e.ftl", true);
        assert!(d.iter().all(|d| d.code != "untranslated"), "{d:#?}");
    }

    #[test]
    fn coverage_counts_translated_units() {
        let en = Ftl::parse(EN);
        let fr = Ftl::parse("hello = Salut { $name }\nbye = Goodbye for now\n");
        assert_eq!(coverage(&[fr], &en), (1, 5));
    }
}
