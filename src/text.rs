//! Lesson text: the one place where text is made safe for a terminal, and the
//! small Markdown subset (paragraphs, `- ` bullets, `**bold**`, `*emphasis*`).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Combining marks kept on one character (caps "zalgo" stacks).
const MAX_MARKS_PER_GRAPHEME: usize = 4;
/// Characters kept in one emoji grapheme (the longest flag is 7).
const MAX_EMOJI_SEQUENCE: usize = 12;

/// True for characters that must never reach a terminal from lesson text:
/// C0 and C1 controls (except newline and tab), DEL, and the bidi embedding,
/// override and isolate controls.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// Bidi embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Invisible characters that have no business in identifiers.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
    ) || is_bidi_control(c)
        || is_invisible_format(c)
}

/// Invisible format characters that shift or garble a terminal's layout:
/// line and paragraph separators (U+2028, U+2029), the zero-width joiner
/// (allowed inside an emoji sequence only), interlinear annotation
/// characters (U+FFF9..U+FFFB), tag characters (U+E0000..U+E007F; allowed
/// in a flag sequence after U+1F3F4) and Hangul fillers.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{2028}'
            | '\u{2029}'
            | '\u{200D}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
    )
}

/// Characters that can take part in an emoji sequence (pictographs,
/// symbols, the emoji variation selector, skin tones, regional indicators).
fn is_emoji_part(c: char) -> bool {
    matches!(
        c as u32,
        0x1F000..=0x1FAFF | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x20E3
            | 0x2190..=0x21FF | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x00A9 | 0x00AE | 0x203C
            | 0x2049 | 0x2122 | 0x2139
    )
}

/// Whether the format character at `chars[i]` belongs to an emoji sequence:
/// a joiner between two emoji, or a tag in a flag sequence.
fn in_emoji_sequence(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    match c {
        '\u{200D}' => {
            prev.is_some_and(is_emoji_part) && chars.get(i + 1).copied().is_some_and(is_emoji_part)
        }
        '\u{E0000}'..='\u{E007F}' => {
            let start = chars[..i]
                .iter()
                .rposition(|c| !matches!(c, '\u{E0000}'..='\u{E007F}'));
            start.is_some_and(|s| chars[s] == '\u{1F3F4}')
        }
        _ => false,
    }
}

/// The first invisible format character of `s` (see
/// [`is_invisible_format`]) that is not part of an emoji sequence.
pub fn find_invisible_format(s: &str) -> Option<char> {
    if s.is_ascii() {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .find(|&i| is_invisible_format(chars[i]) && !in_emoji_sequence(&chars, i))
        .map(|i| chars[i])
}

/// Whether `chars[i]` must not be shown as it is: an invisible format
/// character outside an emoji sequence, or another invisible character
/// (zero-width space, word joiner, soft hyphen, bidi controls...).
pub fn is_hidden_at(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if is_invisible_format(c) {
        return !in_emoji_sequence(chars, i);
    }
    is_invisible(c)
}

/// Drop the invisible format characters that are not part of an emoji sequence.
fn drop_invisible_format(g: &str) -> std::borrow::Cow<'_, str> {
    if !g.chars().any(is_invisible_format) {
        return std::borrow::Cow::Borrowed(g);
    }
    let chars: Vec<char> = g.chars().collect();
    std::borrow::Cow::Owned(
        (0..chars.len())
            .filter(|&i| !is_invisible_format(chars[i]) || in_emoji_sequence(&chars, i))
            .map(|i| chars[i])
            .collect(),
    )
}

/// Make text safe to draw or print: normalise line endings, expand tabs,
/// drop every control character (but newline), bidi controls, stray
/// zero-width characters, and cap combining marks.
pub fn sanitize(input: &str) -> String {
    // Fast path: nothing to drop, expand or cap (no control, bidi or
    // zero-width character at all), which is almost all lesson text.
    if input.chars().all(|c| {
        c == '\n'
            || (!c.is_control()
                && !is_bidi_control(c)
                && !is_invisible_format(c)
                && c.width().unwrap_or(0) > 0)
    }) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let normalized;
    let input = if input.contains('\r') {
        normalized = input.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        input
    };
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for g in line.graphemes(true) {
            if g == "\t" {
                out.push_str("    ");
                continue;
            }
            let g = drop_invisible_format(g);
            let cleaned: String = g
                .chars()
                .filter(|c| {
                    !c.is_control()
                        && !is_bidi_control(*c)
                        && !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
                })
                .collect();
            if cleaned.is_empty() || cleaned.width() == 0 {
                continue;
            }
            // An emoji sequence (a family, a flag) is several characters,
            // not a stack of marks.
            let cap = if cleaned.chars().next().is_some_and(is_emoji_part) {
                MAX_EMOJI_SEQUENCE
            } else {
                1 + MAX_MARKS_PER_GRAPHEME
            };
            out.extend(cleaned.chars().take(cap));
        }
    }
    out
}

/// Sanitise text for a single line (titles, names, labels): also folds
/// newlines into spaces.
pub fn sanitize_line(input: &str) -> String {
    sanitize(input).replace('\n', " ")
}

/// Escape control characters so a message can be printed safely (used for
/// diagnostics, which may quote hostile source text): `\x1b` becomes `\u{1b}`.
pub fn escape_controls(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if (c.is_control() && c != '\n') || is_bidi_control(c) || is_invisible_format(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Escape, inside JSON text, what a terminal could act on or hide: control
/// characters (serde_json leaves DEL and C1 raw), bidi controls, invisible
/// and format characters, as `\uXXXX` (surrogate pairs above U+FFFF). The
/// JSON value is unchanged.
pub fn escape_json_text(json: &str) -> String {
    escape_json_chars(json, |c| (c.is_control() && c != '\n') || is_invisible(c))
}

/// Escape, inside JSON text, every character `hide` names, as `\uXXXX`
/// (surrogate pairs above U+FFFF). The JSON value is unchanged, so `hide`
/// must not name the structural characters (`"`, `\\`, brackets...).
pub fn escape_json_chars(json: &str, hide: impl Fn(char) -> bool) -> String {
    if json
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if hide(c) {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub em: bool,
}

/// A block of the Markdown subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (its lines joined by spaces).
    Para(Vec<Run>),
    /// One `- ` bullet item.
    Bullet(Vec<Run>),
}

impl Block {
    /// The runs of this block.
    pub fn runs(&self) -> &[Run] {
        match self {
            Block::Para(r) | Block::Bullet(r) => r,
        }
    }
}

/// Parse the Markdown subset. Anything else (headings, links, HTML) stays
/// literal text.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut bullet: Option<Vec<&str>> = None;
    let flush = |para: &mut Vec<&str>, bullet: &mut Option<Vec<&str>>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Para(inline(&para.join(" "))));
            para.clear();
        }
        if let Some(b) = bullet.take() {
            blocks.push(Block::Bullet(inline(&b.join(" "))));
        }
    };
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut para, &mut bullet, &mut blocks);
            continue;
        }
        if let Some(rest) = line.strip_prefix("- ") {
            flush(&mut para, &mut bullet, &mut blocks);
            bullet = Some(vec![rest.trim()]);
        } else if let Some(b) = bullet.as_mut() {
            // A continuation line of a bullet item, if indented; else a new paragraph.
            if raw.starts_with(' ') || raw.starts_with('\t') {
                b.push(line);
            } else {
                flush(&mut para, &mut bullet, &mut blocks);
                para.push(line);
            }
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut bullet, &mut blocks);
    blocks
}

/// Parse `**bold**` and `*emphasis*` inside one block. Unmatched markers stay literal.
pub fn inline(s: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut bold = false;
    let mut em = false;
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let has_closing = |from: usize, marker: &str| -> bool {
        let rest: String = chars[from..].iter().collect();
        rest.contains(marker)
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '*' {
            let double = i + 1 < chars.len() && chars[i + 1] == '*';
            if double && (bold || has_closing(i + 2, "**")) {
                push_run(&mut runs, &mut cur, bold, em);
                bold = !bold;
                i += 2;
                continue;
            }
            if !double && (em || has_closing(i + 1, "*")) {
                push_run(&mut runs, &mut cur, bold, em);
                em = !em;
                i += 1;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    push_run(&mut runs, &mut cur, bold, em);
    runs
}

fn push_run(runs: &mut Vec<Run>, cur: &mut String, bold: bool, em: bool) {
    if !cur.is_empty() {
        runs.push(Run {
            text: std::mem::take(cur),
            bold,
            em,
        });
    }
}

/// The Markdown subset as plain text: paragraphs separated by a blank line,
/// bullets as `- `, no `*` markers.
pub fn to_plain(text: &str) -> String {
    let mut out = String::new();
    let mut prev_bullet = false;
    for (i, b) in parse(text).iter().enumerate() {
        let is_bullet = matches!(b, Block::Bullet(_));
        if i > 0 {
            out.push_str(if is_bullet && prev_bullet {
                "\n"
            } else {
                "\n\n"
            });
        }
        if is_bullet {
            out.push_str("- ");
        }
        for r in b.runs() {
            out.push_str(&r.text);
        }
        prev_bullet = is_bullet;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_format_characters_are_found_and_removed() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let flag = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        let heart = "❤\u{FE0F}";
        for ok in [family, flag, heart, "plain", "é à ç — «»"] {
            assert_eq!(find_invisible_format(ok), None, "{ok:?}");
            assert_eq!(sanitize(ok), ok, "{ok:?}");
        }
        let bad = [
            '\u{2028}',
            '\u{2029}',
            '\u{200D}',
            '\u{FFF9}',
            '\u{FFFA}',
            '\u{FFFB}',
            '\u{E0041}',
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
        ];
        for c in bad {
            let t = format!("This{c}module{c}{c} shows");
            assert_eq!(find_invisible_format(&t), Some(c), "{c:?}");
            assert_eq!(sanitize(&t), "Thismodule shows", "{c:?}");
            assert_eq!(sanitize_line(&format!("a{c}b")), "ab", "{c:?}");
            assert!(escape_controls(&t).contains("\\u{"), "{c:?}");
            assert!(escape_json_text(&format!("\"{t}\"")).is_ascii(), "{c:?}");
        }
        // A joiner or a tag outside an emoji sequence is removed; the
        // sequence next to it is kept.
        assert_eq!(
            sanitize(&format!("a\u{200D}b {family}")),
            format!("ab {family}")
        );
        assert_eq!(sanitize(&format!("x\u{E0041}{flag}")), format!("x{flag}"));
        assert_eq!(
            escape_json_text("\"a\u{9b}b\u{202e}c\u{E0041}\""),
            "\"a\\u009bb\\u202ec\\udb40\\udc41\""
        );
        // DEL is plain ASCII but still a control: serde_json leaves it raw.
        assert_eq!(escape_json_text("\"a\u{7f}b\"\n"), "\"a\\u007fb\"\n");
    }

    #[test]
    fn sanitize_drops_escapes_and_bidi() {
        let s = sanitize("a\x1b]0;PWNED\x07b\u{202E}c\u{9b}2J\r\nd\te");
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'));
        assert!(!s.contains('\u{202E}'));
        assert_eq!(s, "a]0;PWNEDbc2J\nd    e");
    }

    #[test]
    fn sanitize_keeps_scripts_and_emoji() {
        assert_eq!(sanitize("héllo 中文 👍🏽 مرحبا"), "héllo 中文 👍🏽 مرحبا");
    }

    #[test]
    fn markdown_subset() {
        let b = parse("Hello **you** and *me*.\nSame para.\n\n- one\n- two *x*\n\n# not a heading");
        assert_eq!(b.len(), 4);
        assert_eq!(
            b[0],
            Block::Para(vec![
                Run {
                    text: "Hello ".into(),
                    bold: false,
                    em: false
                },
                Run {
                    text: "you".into(),
                    bold: true,
                    em: false
                },
                Run {
                    text: " and ".into(),
                    bold: false,
                    em: false
                },
                Run {
                    text: "me".into(),
                    bold: false,
                    em: true
                },
                Run {
                    text: ". Same para.".into(),
                    bold: false,
                    em: false
                },
            ])
        );
        assert!(matches!(b[1], Block::Bullet(_)));
        assert_eq!(
            to_plain("**A** b\n\n- x\n- *y*\n\n2 * 3"),
            "A b\n\n- x\n- y\n\n2 * 3"
        );
    }

    #[test]
    fn escape_controls_is_printable() {
        assert_eq!(escape_controls("a\x1bb"), "a\\u{1b}b");
    }
}
