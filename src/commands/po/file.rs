//! The gettext PO format, as Poedit, Weblate and Pontoon read and write it:
//! a small writer and a careful reader (a damaged file gives the line and
//! what is wrong, never a panic).
//!
//! Why not a crate: `polib` 0.3 panics on some malformed lines (a lone `"`,
//! a keyword without a string) and does not keep `#|` previous msgids,
//! which is how a changed source is shown to translators.

use std::fmt::Write as _;

/// One entry of a PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `#.` lines: a note for translators.
    pub notes: Vec<String>,
    /// `#:` lines: where the text comes from (`en/intro.toml:12`).
    pub references: Vec<String>,
    /// `#,` flags (`fuzzy`).
    pub flags: Vec<String>,
    /// `#| msgid`: the source text the translation was made from, when it
    /// has changed since.
    pub previous: Option<String>,
    pub msgctxt: Option<String>,
    pub msgid: String,
    pub msgstr: String,
    /// `msgid_plural` given (this program writes none; read to refuse).
    pub plural: bool,
    /// Line of `msgid` in the file (from 1), for messages.
    pub line: usize,
}

impl Entry {
    /// Whether the entry is marked fuzzy (needs review).
    pub fn fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }
}

/// A PO file: the header's fields and the entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoFile {
    /// Comment lines before the header (without `# `).
    pub comments: Vec<String>,
    /// `Name: value` fields of the header entry, in order.
    pub header: Vec<(String, String)>,
    pub entries: Vec<Entry>,
}

impl PoFile {
    /// A header field (`Language`).
    pub fn header_field(&self, name: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Escape a string for a PO quoted string.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\{:03o}", c as u32 & 0xff);
            }
            c => out.push(c),
        }
    }
    out
}

/// `keyword "text"`, split after each `\n` (as msgmerge writes it).
fn field(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    let parts: Vec<&str> = text.split_inclusive('\n').collect();
    if parts.len() <= 1 {
        let _ = writeln!(out, "{prefix}{keyword} \"{}\"", escape(text));
        return;
    }
    let _ = writeln!(out, "{prefix}{keyword} \"\"");
    for p in parts {
        let _ = writeln!(out, "{prefix}\"{}\"", escape(p));
    }
}

/// Write a PO file.
pub fn write(po: &PoFile) -> String {
    let mut out = String::new();
    for c in &po.comments {
        if c.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {}", one_line(c));
        }
    }
    out.push_str("msgid \"\"\n");
    let header: String = po
        .header
        .iter()
        .map(|(k, v)| format!("{k}: {}\n", one_line(v)))
        .collect();
    field(&mut out, "", "msgstr", &header);
    for e in &po.entries {
        out.push('\n');
        for n in &e.notes {
            let _ = writeln!(out, "#. {}", one_line(n));
        }
        for r in &e.references {
            let _ = writeln!(out, "#: {}", one_line(r));
        }
        if !e.flags.is_empty() {
            let _ = writeln!(out, "#, {}", e.flags.join(", "));
        }
        if let Some(p) = &e.previous {
            if let Some(c) = &e.msgctxt {
                field(&mut out, "#| ", "msgctxt", c);
            }
            field(&mut out, "#| ", "msgid", p);
        }
        if let Some(c) = &e.msgctxt {
            field(&mut out, "", "msgctxt", c);
        }
        field(&mut out, "", "msgid", &e.msgid);
        field(&mut out, "", "msgstr", &e.msgstr);
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// What is wrong with a PO file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct ParseError {
    pub line: usize,
    pub what: String,
}

/// Undo [`escape`]: the inside of a quoted string.
fn unescape(s: &str, line: usize) -> Result<String, ParseError> {
    let bad = |what: &str| ParseError {
        line,
        what: what.to_string(),
    };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            return Err(bad("a `\"` inside a string must be written `\\\"`"));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some(d @ '0'..='7') => {
                let mut n = d.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(x) => {
                            n = n * 8 + x;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(n).unwrap_or('\u{fffd}'));
            }
            Some(other) => return Err(bad(&format!("unknown escape `\\{other}`"))),
            None => return Err(bad("a string ends with a lone `\\`")),
        }
    }
    Ok(out)
}

/// The quoted string that a line holds after its keyword.
fn quoted(rest: &str, line: usize) -> Result<String, ParseError> {
    let t = rest.trim();
    if t.len() < 2 || !t.starts_with('"') || !t.ends_with('"') {
        return Err(ParseError {
            line,
            what: "expected a text in double quotes (\"...\")".to_string(),
        });
    }
    unescape(&t[1..t.len() - 1], line)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    None,
    Ctxt,
    Id,
    Str,
    Plural,
    PrevId,
    PrevCtxt,
}

#[derive(Default)]
struct Building {
    e: Entry,
    has_id: bool,
    has_str: bool,
    header: bool,
    ctxt: Option<String>,
    prev: Option<String>,
    obsolete: bool,
    started: bool,
}

/// Read a PO file. Obsolete entries (`#~`) are left out.
pub fn parse(text: &str) -> Result<PoFile, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut po = PoFile::default();
    let mut b = Building::default();
    let mut target = Target::None;
    let mut seen_header = false;
    let mut n = 0;
    let finish = |b: &mut Building, po: &mut PoFile, seen_header: &mut bool, line: usize| {
        let done = std::mem::take(b);
        if !done.started || done.obsolete {
            return Ok(());
        }
        if !done.has_id || !done.has_str {
            return Err(ParseError {
                line,
                what: "an entry needs both msgid and msgstr".to_string(),
            });
        }
        let mut e = done.e;
        e.msgctxt = done.ctxt;
        e.previous = done.prev;
        if e.msgid.is_empty() && e.msgctxt.is_none() && !*seen_header {
            *seen_header = true;
            po.header = e
                .msgstr
                .lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect();
            if po.comments.is_empty() {
                po.comments = e.notes;
            }
            return Ok(());
        }
        po.entries.push(e);
        Ok(())
    };
    for raw in text.lines() {
        n += 1;
        let line = raw.trim_end_matches('\r');
        let t = line.trim_start();
        if t.is_empty() {
            finish(&mut b, &mut po, &mut seen_header, n)?;
            target = Target::None;
            continue;
        }
        if let Some(rest) = t.strip_prefix("#~") {
            // An obsolete entry: skipped, but it ends the one before.
            if !b.obsolete && b.started && b.has_str {
                finish(&mut b, &mut po, &mut seen_header, n)?;
            }
            let _ = rest;
            b.obsolete = true;
            b.started = true;
            continue;
        }
        if let Some(rest) = t.strip_prefix("#|") {
            if b.has_str {
                finish(&mut b, &mut po, &mut seen_header, n)?;
            }
            b.started = true;
            let rest = rest.trim_start();
            let (tg, s) = if let Some(s) = rest.strip_prefix("msgctxt") {
                (Target::PrevCtxt, s)
            } else if let Some(s) = rest.strip_prefix("msgid_plural") {
                (Target::None, s)
            } else if let Some(s) = rest.strip_prefix("msgid") {
                (Target::PrevId, s)
            } else {
                (target, rest)
            };
            let v = quoted(s, n)?;
            match tg {
                Target::PrevId => b.prev.get_or_insert_with(String::new).push_str(&v),
                Target::PrevCtxt | Target::None => {}
                _ => {}
            }
            target = tg;
            continue;
        }
        if let Some(rest) = t.strip_prefix('#') {
            if b.has_str {
                finish(&mut b, &mut po, &mut seen_header, n)?;
            }
            b.started = true;
            target = Target::None;
            if let Some(f) = rest.strip_prefix(',') {
                b.e.flags.extend(
                    f.split(',')
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty()),
                );
            } else if let Some(r) = rest.strip_prefix(':') {
                b.e.references.push(r.trim().to_string());
            } else if let Some(x) = rest.strip_prefix('.') {
                b.e.notes.push(x.trim().to_string());
            } else if !seen_header && !b.has_id {
                b.e.notes
                    .push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
            }
            continue;
        }
        if t.starts_with('"') {
            let v = quoted(t, n)?;
            match target {
                Target::Ctxt => b.ctxt.get_or_insert_with(String::new).push_str(&v),
                Target::Id => b.e.msgid.push_str(&v),
                Target::Str => b.e.msgstr.push_str(&v),
                Target::Plural | Target::PrevId | Target::PrevCtxt => {}
                Target::None => {
                    return Err(ParseError {
                        line: n,
                        what: "a text in quotes that belongs to no msgid or msgstr".to_string(),
                    });
                }
            }
            continue;
        }
        let (kw, rest) = t.split_at(t.find([' ', '\t', '"']).unwrap_or(t.len()));
        let v = quoted(rest, n)?;
        match kw {
            "msgctxt" => {
                if b.has_str {
                    finish(&mut b, &mut po, &mut seen_header, n)?;
                }
                b.started = true;
                b.ctxt = Some(v);
                target = Target::Ctxt;
            }
            "msgid" => {
                if b.has_str {
                    finish(&mut b, &mut po, &mut seen_header, n)?;
                }
                if b.has_id {
                    return Err(ParseError {
                        line: n,
                        what: "a second msgid without a msgstr for the first".to_string(),
                    });
                }
                b.started = true;
                b.has_id = true;
                b.e.msgid = v;
                b.e.line = n;
                target = Target::Id;
            }
            "msgid_plural" => {
                b.e.plural = true;
                target = Target::Plural;
            }
            k if k == "msgstr" || k.starts_with("msgstr[") => {
                if !b.has_id {
                    return Err(ParseError {
                        line: n,
                        what: "a msgstr without a msgid before it".to_string(),
                    });
                }
                if k == "msgstr" || k == "msgstr[0]" {
                    b.has_str = true;
                    b.e.msgstr = v;
                    target = Target::Str;
                } else {
                    target = Target::Plural;
                }
            }
            other => {
                return Err(ParseError {
                    line: n,
                    what: format!(
                        "`{}` is not a PO keyword (msgctxt, msgid, msgstr)",
                        crate::text::escape_controls(&other.chars().take(30).collect::<String>())
                    ),
                });
            }
        }
        let _ = b.header;
    }
    finish(&mut b, &mut po, &mut seen_header, n + 1)?;
    Ok(po)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PoFile {
        PoFile {
            comments: vec!["A course.".into(), String::new()],
            header: vec![
                ("Language".into(), "de".into()),
                ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ],
            entries: vec![
                Entry {
                    notes: vec!["A title; at most 80 characters".into()],
                    references: vec!["en/a.toml:2".into()],
                    msgctxt: Some("a.toml:title".into()),
                    msgid: "Say \"no\"\\".into(),
                    msgstr: String::new(),
                    ..Entry::default()
                },
                Entry {
                    flags: vec!["fuzzy".into()],
                    previous: Some("Old text\nsecond".into()),
                    msgctxt: Some("a.toml:step.x.text".into()),
                    msgid: "First line\n\nsecond\tpara".into(),
                    msgstr: "Erste Zeile\n\nzweiter".into(),
                    ..Entry::default()
                },
            ],
        }
    }

    #[test]
    fn round_trips() {
        let po = sample();
        let text = write(&po);
        assert!(text.contains("msgid \"Say \\\"no\\\"\\\\\""), "{text}");
        assert!(
            text.contains("#| msgid \"\"\n#| \"Old text\\n\"\n#| \"second\"\n"),
            "{text}"
        );
        let back = parse(&text).expect("parses");
        assert_eq!(back.header, po.header);
        assert_eq!(back.comments, po.comments);
        let strip = |e: &Entry| Entry {
            line: 0,
            ..e.clone()
        };
        let got: Vec<Entry> = back.entries.iter().map(strip).collect();
        assert_eq!(got, po.entries);
        assert!(back.entries[1].fuzzy());
    }

    #[test]
    fn reads_what_editors_write() {
        // Poedit style: wrapped lines, CRLF, an obsolete entry, a comment.
        let text = "# Translator comment\r\nmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: de\\n\"\r\n\"X-Generator: Poedit 3.4\\n\"\r\n\r\n#. note\r\n#, fuzzy\r\nmsgctxt \"a.toml:title\"\r\nmsgid \"\"\r\n\"Hello \"\r\n\"world\"\r\nmsgstr \"Hallo \"\r\n\"Welt\"\r\n\r\n#~ msgid \"old\"\r\n#~ msgstr \"alt\"\r\n";
        let po = parse(text).expect("parses");
        assert_eq!(po.header_field("language"), Some("de"));
        assert_eq!(po.entries.len(), 1);
        assert_eq!(po.entries[0].msgid, "Hello world");
        assert_eq!(po.entries[0].msgstr, "Hallo Welt");
        assert!(po.entries[0].fuzzy());
    }

    #[test]
    fn damaged_files_say_where() {
        for (text, line) in [
            ("msgid \"\"\nmsgstr \"\"\n\n\"\n", 4),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgid\nmsgstr \"\"\n", 4),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"\n", 5),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgstr \"x\"\n", 4),
            (
                "msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\\q\"\nmsgstr \"\"\n",
                4,
            ),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgod \"a\"\nmsgstr \"\"\n", 4),
        ] {
            let e = parse(text).expect_err(text);
            assert_eq!(e.line, line, "{text:?}: {e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn any_text_round_trips(id in "[^\u{0}]{1,60}", tr in "[^\u{0}]{0,60}") {
            let po = PoFile {
                comments: vec![],
                header: vec![("Language".into(), "de".into())],
                entries: vec![Entry { msgctxt: Some("c".into()), msgid: id.clone(), msgstr: tr.clone(), ..Entry::default() }],
            };
            let back = parse(&write(&po)).expect("parses");
            proptest::prop_assert_eq!(&back.entries[0].msgid, &id);
            proptest::prop_assert_eq!(&back.entries[0].msgstr, &tr);
        }
    }
}
