//! Making report text safe for a terminal, a spreadsheet and a web page,
//! and showing times in local time.
//!
//! Nicknames, ids and dates come from files anyone with access to the data
//! folder could have planted. Control, bidi and invisible characters in
//! them are shown as visible escapes (`bob\u{200b}`), never dropped, so two
//! profiles can never print the same.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that must never reach an output as they are: controls (but
/// not `\n`, handled by the caller), bidi controls, invisible and format
/// characters (zero-width, soft hyphen, word joiner, tag characters,
/// interlinear annotation, Hangul fillers, line and paragraph separators).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || crate::text::is_invisible(c)
        || matches!(
            c,
            '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2065}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Text as one visible line: newlines and tabs become spaces, every
/// hidden character becomes `\u{..}`. Plain ASCII (the common case) as is.
pub fn visible(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Cow::Borrowed(s);
    }
    if !s.chars().any(|c| is_hidden(c) && c != '\u{FE0F}') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' | '\r' if out.ends_with(' ') => {}
            '\n' | '\t' | '\r' => out.push(' '),
            // The emoji presentation selector is harmless and common.
            '\u{FE0F}' => out.push(c),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escape, inside JSON text, what a terminal could act on: control
/// characters (serde_json leaves DEL and C1 raw), bidi controls and
/// invisible characters (but the emoji variation selector). The JSON value
/// is unchanged.
pub fn escape_json_text(json: &str) -> String {
    crate::text::escape_json_chars(json, |c| c != '\n' && is_hidden(c) && c != '\u{FE0F}')
}

/// Pretty JSON, terminal-safe, with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    let mut s = escape_json_text(&json);
    s.push('\n');
    s
}

/// `{"<key>": [rows]}` as terminal-safe pretty JSON (the shape of every
/// report view).
pub fn json_list<T: serde::Serialize>(key: &str, rows: &[T]) -> String {
    let mut out = std::collections::BTreeMap::new();
    out.insert(key, rows);
    json(&out)
}

/// Would a spreadsheet run this as a formula? Leading blanks and hidden
/// characters are looked through, and full-width signs count too.
fn starts_formula(s: &str) -> bool {
    let rest = s.trim_start_matches(|c: char| c.is_whitespace() || is_hidden(c));
    rest.starts_with([
        '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{2212}',
    ]) || s.starts_with(['\t', '\r'])
}

/// One CSV cell: hidden characters shown as escapes, formula-safe (a cell
/// that a spreadsheet would run as a formula gets a leading `'`), quoted
/// when it holds `,`, `;` (the separator of French and German
/// spreadsheets), a quote, or leading or trailing spaces.
pub fn csv_cell(raw: &str) -> String {
    let s = visible(raw);
    let s = if starts_formula(raw) || starts_formula(&s) {
        Cow::Owned(format!("'{s}"))
    } else {
        s
    };
    if s.contains([',', ';', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A CSV line from cells already made safe.
pub fn csv_line(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join(","));
    out.push('\n');
}

/// Visible text cut to `max` columns (ending with `…` when cut).
pub fn fit(raw: &str, max: usize) -> String {
    let s = visible(raw);
    if s.width() <= max {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// True for an RFC 3339 / ISO 8601 time as xAPI accepts it
/// (`2026-11-29T10:02:11Z`, optional fraction, `Z` or `±hh:mm`).
pub fn is_timestamp(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    }
}

/// A saved time as a point in time (`None` when it is not one).
pub fn parse_time(t: &str) -> Option<jiff::Timestamp> {
    if !is_timestamp(t) {
        return None;
    }
    t.parse().ok()
}

/// The local time zone (`TZ`, else the system's, else UTC).
pub fn local_zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC)
}

/// ISO 8601 in local time with its offset: `2026-11-29T11:02:11+01:00`.
pub fn local_iso(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Local time for a table: `2026-11-29 11:02`.
pub fn local_short(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// A share as a percentage from 0 to 100, one decimal at most (`58.3`).
pub fn pct(right: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| (right as f64 * 1000.0 / of as f64).round() / 10.0)
}

/// A share from 0 to 1, four decimals at most.
pub fn share(right: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| (right as f64 * 10_000.0 / of as f64).round() / 10_000.0)
}

/// A number for CSV (`58.3`, `100`), empty for none.
pub fn csv_num(n: Option<f64>) -> String {
    match n {
        None => String::new(),
        Some(n) if n.fract() == 0.0 => format!("{n:.0}"),
        Some(n) => {
            let t = format!("{n:.4}");
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_formula_safe() {
        assert_eq!(csv_cell("sam"), "sam");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "' =1");
        assert_eq!(csv_cell("  =1"), "'  =1");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("a;b;=1+1"), "\"a;b;=1+1\"");
        assert_eq!(csv_cell("\u{200b}=1+1"), "'\\u{200b}=1+1");
        assert_eq!(csv_cell("\u{feff}@x"), "'\\u{feff}@x");
        assert_eq!(csv_cell("\u{ff1d}1+1"), "'\u{ff1d}1+1");
        assert_eq!(csv_cell("a\u{1b}]0;x\u{7}b"), "\"a\\u{1b}]0;x\\u{7}b\"");
    }

    #[test]
    fn hidden_characters_are_shown() {
        assert_eq!(visible("bob"), "bob");
        assert_eq!(visible("bob\u{200b}"), "bob\\u{200b}");
        assert_eq!(visible("bob\u{2060}"), "bob\\u{2060}");
        assert_eq!(visible("bob\u{ad}"), "bob\\u{ad}");
        assert_eq!(visible("b\u{e0041}b"), "b\\u{e0041}b");
        assert_eq!(visible("é ❤\u{fe0f}"), "é ❤\u{fe0f}");
        assert_eq!(visible("a\nb"), "a b");
    }

    #[test]
    fn fits_and_cuts() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdefg", 6), "abcde…");
        assert_eq!(fit("李小龍李小龍", 6), "李小…");
    }

    #[test]
    fn timestamps() {
        assert!(is_timestamp("2026-11-29T10:02:11Z"));
        assert!(is_timestamp("2026-11-29T10:02:11.5+01:00"));
        assert!(!is_timestamp("2026-11-29 10:02:11Z"));
        assert!(!is_timestamp("yesterday"));
        assert!(!is_timestamp("2026-11-29T10:02:11"));
        let t = parse_time("2026-11-29T10:02:11Z").unwrap();
        let paris = jiff::tz::TimeZone::get("Europe/Paris")
            .unwrap_or(jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(1)));
        assert_eq!(local_iso(t, &paris), "2026-11-29T11:02:11+01:00");
        assert_eq!(local_short(t, &paris), "2026-11-29 11:02");
    }

    #[test]
    fn json_text_escapes_what_a_terminal_acts_on() {
        let s = escape_json_text("{\"a\":\"x\u{9b}y\u{202e}z\u{7f}\u{200b}\"}");
        assert_eq!(s, "{\"a\":\"x\\u009by\\u202ez\\u007f\\u200b\"}");
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], "x\u{9b}y\u{202e}z\u{7f}\u{200b}");
    }

    #[test]
    fn numbers() {
        assert_eq!(pct(7, 12), Some(58.3));
        assert_eq!(pct(0, 0), None);
        assert_eq!(share(2, 3), Some(0.6667));
        assert_eq!(csv_num(Some(100.0)), "100");
        assert_eq!(csv_num(Some(58.3)), "58.3");
        assert_eq!(csv_num(None), "");
    }
}
