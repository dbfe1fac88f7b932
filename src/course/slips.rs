//! Plain-words messages for the common slips of people who do not write
//! TOML every day: a missing closing quote, curly quotes from a word
//! processor, a `"""` text never closed, a missing `=`, a key written twice,
//! a table header not closed or with one bracket, a value that is a word
//! without quotes.
//!
//! This runs only on a file the TOML parser rejected. It reads the file line
//! by line (keeping track of multi-line texts and arrays), and when it
//! recognises a slip, that slip replaces the parser's messages from its line
//! on (the parser's recovery after a slip mostly gives confusing follow-up
//! errors). What it does not recognise is left to the parser's messages.

use std::collections::HashMap;

use super::fields::{ALL_TABLES, Kind};
use super::raw::{Span, q};

/// One recognised slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slip {
    pub span: Span,
    pub message: String,
    pub help: String,
}

/// Array tables of the format (written `[[name]]`).
const ARRAY_TABLES: &[&str] = &[
    "step",
    "step.message",
    "step.choice",
    "step.item",
    "step.option",
    "resource",
];

fn is_bare_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_bool_field(key: &str) -> bool {
    ALL_TABLES.iter().any(|t| {
        t.fields
            .iter()
            .any(|f| f.name == key && matches!(f.kind, Kind::Bool))
    })
}

fn is_curly(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '„' | '‘' | '’' | '‚' | '«' | '»' | '″' | '＂'
    )
}

/// State between lines.
enum Open {
    /// Nothing open.
    None,
    /// A `"""` or `'''` text opened at this byte offset.
    Text {
        delim: &'static str,
        at: usize,
        key: String,
    },
    /// An array or inline table, this many brackets deep.
    Brackets(usize),
}

/// Find the slips of a file's text.
pub(crate) fn scan(text: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut open = Open::None;
    // Keys of the current table: name -> line (from 1).
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut offset = 0;
    for (n, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_no = n + 1;
        let start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        match open {
            Open::Text { delim, .. } => {
                if let Some(end) = find_close(line, delim) {
                    open = Open::None;
                    let rest = &line[end + delim.len()..];
                    after_value(rest, start + end + delim.len(), &mut out);
                }
                continue;
            }
            Open::Brackets(depth) => {
                let d = brackets(line, depth);
                open = if d == 0 {
                    Open::None
                } else {
                    Open::Brackets(d)
                };
                continue;
            }
            Open::None => {}
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let at = start + indent;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('[') {
            keys.clear();
            header(trimmed, at, &mut out);
            continue;
        }
        // key = value
        let key_len = if trimmed.starts_with('"') || trimmed.starts_with('\'') {
            let qc = trimmed.as_bytes()[0] as char;
            trimmed[1..].find(qc).map_or(trimmed.len(), |i| i + 2)
        } else {
            trimmed
                .find(|c: char| !(is_bare_key_char(c) || c == '.'))
                .unwrap_or(trimmed.len())
        };
        if key_len == 0 {
            let c = trimmed.chars().next().unwrap_or(' ');
            if is_curly(c) {
                out.push(curly(line, at, c));
            }
            continue;
        }
        let key = &trimmed[..key_len];
        let after_key = &trimmed[key_len..];
        let eq_rel = after_key.len() - after_key.trim_start().len();
        let rest = after_key.trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            let at_missing = at + key_len + eq_rel;
            let example = if rest.is_empty() {
                "\"...\"".to_string()
            } else {
                rest.to_string()
            };
            out.push(Slip {
                span: at_missing..at_missing,
                message: format!("`{}` has no `=` before its value", q(key)),
                help: format!(
                    "put an equals sign between the name and the value: `{} = {}`",
                    q(key),
                    q(&example)
                ),
            });
            continue;
        };
        if let Some(first) = keys.get(key) {
            out.push(Slip {
                span: at..at + key_len,
                message: format!("`{}` is written twice here (first on line {first})", q(key)),
                help: format!(
                    "keep one `{}` line and delete the other; if this one belongs to the next step or option, start that with its own header, e.g. `[[step]]`",
                    q(key)
                ),
            });
        } else if !key.contains('.') {
            keys.insert(key.to_string(), line_no);
        }
        let vrel = value.len() - value.trim_start().len();
        let v = value.trim_start();
        let vat = at + key_len + eq_rel + 1 + vrel;
        value_slips(key, v, vat, &mut out, &mut open);
    }
    if let Open::Text { delim, at, key } = open {
        let close = delim;
        out.push(Slip {
            span: at..at + delim.len(),
            message: format!(
                "the text of `{}` opened with {delim} here is never closed",
                q(&key)
            ),
            help: format!(
                "write {close} at the end of the text, on its own line or right after the last word"
            ),
        });
    }
    out
}

/// The slips of a value starting at `v` (byte offset `vat`).
fn value_slips(key: &str, v: &str, vat: usize, out: &mut Vec<Slip>, open: &mut Open) {
    let Some(c) = v.chars().next() else {
        out.push(Slip {
            span: vat..vat,
            message: format!("`{}` has no value after `=`", q(key)),
            help: format!(
                "write the value after the equals sign, e.g. `{} = \"...\"`",
                q(key)
            ),
        });
        return;
    };
    for delim in ["\"\"\"", "'''"] {
        if let Some(body) = v.strip_prefix(delim) {
            match find_close(body, delim) {
                Some(end) => after_value(&body[end + 3..], vat + 3 + end + 3, out),
                None => {
                    *open = Open::Text {
                        delim: if delim == "\"\"\"" { "\"\"\"" } else { "'''" },
                        at: vat,
                        key: key.to_string(),
                    }
                }
            }
            return;
        }
    }
    match c {
        '"' | '\'' => {
            let body = &v[1..];
            match find_close(body, if c == '"' { "\"" } else { "'" }) {
                Some(end) => after_value(&body[end + 1..], vat + 1 + end + 1, out),
                None => {
                    let shown = v.trim_end();
                    let end = vat + shown.len();
                    out.push(Slip {
                        span: end..end,
                        message: format!("the text of `{}` has no closing quote {c}", q(key)),
                        help: format!("end the text with {c} on the same line: `{} = {}{c}`; for a text of several lines, use {c}{c}{c} before and after it", q(key), q(shown)),
                    });
                }
            }
        }
        c if is_curly(c) => out.push(curly(&format!("{key} = {v}"), vat, c)),
        '[' | '{' => {
            let d = brackets(v, 0);
            if d > 0 {
                *open = Open::Brackets(d);
            }
        }
        _ => {
            let word = v.split('#').next().unwrap_or(v).trim_end();
            let is_literal = matches!(word, "true" | "false" | "inf" | "nan" | "+inf" | "-inf")
                || word.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
            if is_literal {
                return;
            }
            let lower = word.to_lowercase();
            let help = if is_bool_field(key)
                || matches!(lower.as_str(), "true" | "false" | "yes" | "no")
            {
                match lower.as_str() {
                    "true" | "yes" | "oui" | "y" => {
                        format!("write `{} = true` (lowercase, no quotes)", q(key))
                    }
                    "false" | "no" | "non" | "n" => {
                        format!("write `{} = false` (lowercase, no quotes)", q(key))
                    }
                    _ => format!("write `{} = true` or `{} = false`", q(key), q(key)),
                }
            } else {
                format!(
                    "put the text in straight double quotes: `{} = \"{}\"`",
                    q(key),
                    q(word)
                )
            };
            out.push(Slip {
                span: vat..vat + word.len(),
                message: format!(
                    "the value of `{}` is a word without quotes: `{}`",
                    q(key),
                    q(word)
                ),
                help,
            });
        }
    }
}

/// Curly quotes where straight ones belong.
fn curly(s: &str, at: usize, c: char) -> Slip {
    let fixed: String = s
        .chars()
        .map(|ch| match ch {
            '“' | '”' | '„' | '«' | '»' | '″' | '＂' => '"',
            ch => ch,
        })
        .collect();
    Slip {
        span: at..at + c.len_utf8(),
        message: format!(
            "this text starts with a curly quote {c}, as a word processor writes it; lesson files need straight quotes \""
        ),
        help: format!(
            "retype the quotes as straight quotes \" (turn off \"smart quotes\" in your editor): `{}`",
            q(fixed.trim())
        ),
    }
}

/// After a complete value: only a comment may follow.
fn after_value(rest: &str, at: usize, out: &mut Vec<Slip>) {
    let r = rest.trim_start();
    if r.is_empty() || r.starts_with('#') {
        return;
    }
    let at = at + (rest.len() - r.len());
    out.push(Slip {
        span: at..at + r.len(),
        message: format!("unexpected `{}` after the end of the text", q(r)),
        help: "a quote \" inside a text ends it: write it \\\" (or put the whole text in single quotes ' ... ')".to_string(),
    });
}

/// The byte index of the closing delimiter in `s` (a basic string honours
/// backslash escapes).
fn find_close(s: &str, delim: &str) -> Option<usize> {
    let escapes = delim.starts_with('"');
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if escapes && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if s[i..].starts_with(delim) {
            // `""""` closes with the last three quotes.
            let mut j = i;
            while delim.len() == 3 && s[j + 1..].starts_with(delim) {
                j += 1;
            }
            return Some(j);
        }
        i += 1;
        while i < b.len() && !s.is_char_boundary(i) {
            i += 1;
        }
    }
    None
}

/// Bracket depth after `s`, starting at `depth`, outside strings.
fn brackets(s: &str, mut depth: usize) -> usize {
    let mut in_str: Option<char> = None;
    let mut esc = false;
    for c in s.chars() {
        match in_str {
            Some(qc) => {
                if esc {
                    esc = false;
                } else if c == '\\' && qc == '"' {
                    esc = true;
                } else if c == qc {
                    in_str = None;
                }
            }
            None => match c {
                '"' | '\'' => in_str = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                '#' => break,
                _ => {}
            },
        }
    }
    depth
}

/// Table headers: `[[step]` not closed, `[step]` with one bracket.
fn header(t: &str, at: usize, out: &mut Vec<Slip>) {
    let t = t.split('#').next().unwrap_or(t).trim_end();
    let double = t.starts_with("[[");
    let inner = t.trim_start_matches('[').trim_end_matches(']').trim();
    let opens = t.len() - t.trim_start_matches('[').len();
    let closes = t.len() - t.trim_end_matches(']').len();
    let name = inner.to_string();
    if opens != closes {
        let want = if double || ARRAY_TABLES.contains(&inner) {
            format!("[[{name}]]")
        } else {
            format!("[{name}]")
        };
        out.push(Slip {
            span: at..at + t.len(),
            message: format!("this table header is not closed: `{}`", q(t)),
            help: format!("write `{}`, with as many `]` as `[`", q(&want)),
        });
    } else if !double && ARRAY_TABLES.contains(&inner) {
        out.push(Slip {
            span: at..at + t.len(),
            message: format!("`[{name}]` needs two brackets on each side"),
            help: format!("write `[[{name}]]`: a module can have several of them, and each starts with `[[{name}]]`"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Slip {
        let s = scan(text);
        assert_eq!(s.len(), 1, "{s:#?}");
        s.into_iter().next().expect("one slip")
    }

    fn line_of(text: &str, at: usize) -> usize {
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn recognises_each_slip_at_its_line() {
        let t = "id = \"m\"\ntext = \"Hello.\ntitle = \"x\"\n";
        let s = one(t);
        assert_eq!((line_of(t, s.span.start), s.span.start), (2, 23));
        assert!(s.message.contains("no closing quote"), "{}", s.message);

        let t = "id = \"m\"\ntext = “Hello.”\n";
        let s = one(t);
        assert_eq!(line_of(t, s.span.start), 2);
        assert!(s.help.contains("`text = \"Hello.\"`"), "{}", s.help);

        let t = "id = \"m\"\ntext = \"\"\"Hello.\n\n[[step]]\nid = \"two\"\ntext = \"x\"\n";
        let s = one(t);
        assert_eq!((line_of(t, s.span.start), s.span.start), (2, 16));
        assert!(s.message.contains("never closed"));

        let s = one("id = \"m\"\ntext \"Hello.\"\n");
        assert!(s.message.contains("no `=`"), "{}", s.message);
        assert!(s.help.contains("`text = \"Hello.\"`"), "{}", s.help);

        let t = "[[step]]\ntext = \"a\"\ntext = \"b\"\n[[step]]\ntext = \"c\"\n";
        let s = one(t);
        assert_eq!(line_of(t, s.span.start), 3);
        assert!(s.message.contains("first on line 2"), "{}", s.message);

        let s = one("[[step]\nid = \"x\"\n");
        assert!(s.help.contains("`[[step]]`"), "{}", s.help);
        let s = one("[step]\nid = \"x\"\n");
        assert!(s.help.contains("`[[step]]`"), "{}", s.help);

        let s = one("text = Hello there\n");
        assert!(s.help.contains("`text = \"Hello there\"`"), "{}", s.help);
        let s = one("correct = yes\n");
        assert!(s.help.contains("`correct = true`"), "{}", s.help);
        let s = one("text = \"He said \"hi\" to me\"\n");
        assert!(s.help.contains("\\\""), "{}", s.help);
    }

    #[test]
    fn valid_toml_has_no_slips() {
        for t in [
            "id = \"m\" # comment\nmodules = [\n  \"a\",\n  \"b\",\n]\n[objectives]\nx = \"y\"\n",
            "text = \"\"\"\nline \"quoted\" and [[step]]\nkey = value\n\"\"\"\nn = 3\nb = true\n",
            "t = 'lit \\ eral'\nu = '''\nmulti\n'''\ninline = { a = 1, b = \"}\" }\n",
            "[[step.option]]\ntext = \"a\\\"b\"\ncorrect = false\n",
            "x = \"\"\"a\"\"\"\ny = \"\"\"\"quoted\"\"\"\"\n",
        ] {
            assert_eq!(scan(t), Vec::new(), "{t}");
        }
    }
}
