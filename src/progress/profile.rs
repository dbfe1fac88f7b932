//! Learner nicknames: what is accepted, and the file-system key derived from
//! one (which can never leave the data dir nor hit a reserved name).

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

use super::digest;

/// Most characters in a nickname.
pub const MAX_PROFILE_CHARS: usize = 32;

/// Combining marks accepted on one letter (as the text sanitiser).
const MAX_MARKS: usize = 4;

/// Why a nickname was refused. The UI turns each into a translated,
/// child-friendly sentence; `Display` gives the English one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileNameError {
    /// Nothing but spaces.
    #[error("Please type a nickname: it needs at least one letter or digit.")]
    Empty,
    /// More than [`MAX_PROFILE_CHARS`] characters.
    #[error("That nickname is too long: please use at most 32 characters.")]
    TooLong,
    /// A character other than letters, digits, spaces, `-` and `_`.
    #[error(
        "A nickname can only have letters, digits, spaces, '-' and '_' (not {}).",
        show_char(*.0)
    )]
    InvalidChar(char),
    /// Letters of two of the Latin, Greek and Cyrillic alphabets (`bоb`
    /// with a Cyrillic `о` prints like `bob`); the first letter of the
    /// second alphabet.
    #[error(
        "A nickname uses the letters of one alphabet only: {} does not go with the letters before it.",
        show_char(*.0)
    )]
    MixedScripts(char),
}

/// The alphabets whose letters look alike (`a`/`а`/`α`, `o`/`о`/`ο`): a
/// nickname uses one of them at most.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LookAlike {
    Latin,
    Greek,
    Cyrillic,
}

fn look_alike(c: char) -> Option<LookAlike> {
    match c {
        'A'..='Z'
        | 'a'..='z'
        | '\u{AA}'
        | '\u{BA}'
        | '\u{C0}'..='\u{24F}'
        | '\u{1D00}'..='\u{1D7F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}' => Some(LookAlike::Latin),
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => Some(LookAlike::Greek),
        '\u{400}'..='\u{52F}'
        | '\u{1C80}'..='\u{1C8F}'
        | '\u{2DE0}'..='\u{2DFF}'
        | '\u{A640}'..='\u{A69F}' => Some(LookAlike::Cyrillic),
        _ => None,
    }
}

fn show_char(c: char) -> String {
    if c.is_control() || crate::text::is_invisible(c) || c.width().unwrap_or(0) == 0 {
        format!("the invisible character U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

/// Characters that print nothing and are not combining marks: format
/// controls, variation selectors, tags, fillers. Never part of a nickname.
fn is_ignorable(c: char) -> bool {
    crate::text::is_invisible(c)
        || matches!(
            c,
            '\u{034F}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2065}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Validate a nickname: 1 to 32 characters after trimming; letters of any
/// script (with their combining marks), digits, space, `-`, `_`. Runs of
/// spaces are folded into one, and the name is normalised (Unicode NFC:
/// an accent typed as a separate mark and a precomposed letter give the
/// same name). Invisible and format characters (zero-width, soft hyphen,
/// word joiner, tags, fillers, variation selectors) are refused, and so
/// are letters of two of the Latin, Greek and Cyrillic alphabets in one
/// name (`bоb` with a Cyrillic `о`), so two accepted nicknames that print
/// the same are the same nickname. Returns the cleaned name.
pub fn validate_profile_name(name: &str) -> Result<String, ProfileNameError> {
    let normalized: String = name.nfc().collect();
    let trimmed = normalized.trim();
    if trimmed.is_empty() {
        return Err(ProfileNameError::Empty);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut count = 0usize;
    // Combining marks seen on the current letter; None when the previous
    // character cannot carry marks.
    let mut marks: Option<usize> = None;
    let mut prev_space = false;
    let mut alphabet = None;
    for c in trimmed.chars() {
        // Before anything else: some fillers count as letters.
        if is_ignorable(c) {
            return Err(ProfileNameError::InvalidChar(c));
        }
        if c.is_whitespace() {
            if c != ' ' && c != '\u{3000}' && c != '\u{A0}' {
                return Err(ProfileNameError::InvalidChar(c));
            }
            marks = None;
            if prev_space {
                continue;
            }
            prev_space = true;
            out.push(' ');
            count += 1;
            continue;
        }
        prev_space = false;
        if c.is_alphanumeric() {
            marks = Some(0);
            if let Some(a) = look_alike(c) {
                match alphabet {
                    Some(first) if first != a => return Err(ProfileNameError::MixedScripts(c)),
                    _ => alphabet = Some(a),
                }
            }
        } else if c == '-' || c == '_' {
            marks = None;
        } else if !c.is_control() && !is_ignorable(c) && c.width() == Some(0) {
            // A combining mark (an accent, a virama): only on a letter.
            match marks {
                Some(n) if n < MAX_MARKS => marks = Some(n + 1),
                _ => return Err(ProfileNameError::InvalidChar(c)),
            }
        } else {
            return Err(ProfileNameError::InvalidChar(c));
        }
        out.push(c);
        count += 1;
    }
    if count > MAX_PROFILE_CHARS {
        return Err(ProfileNameError::TooLong);
    }
    Ok(out)
}

/// True when two nicknames name the same profile (`Sam` and `sam`).
pub fn same_profile(a: &str, b: &str) -> bool {
    profile_key(a) == profile_key(b)
}

/// Longest key before the hash form is used (file names are limited to
/// 255 bytes on most file systems; stay far below).
const MAX_KEY_BYTES: usize = 96;

/// The folder name of a profile: `p-` and the lowercased, trimmed nickname
/// with every byte outside `[a-z0-9_-]` percent-encoded (`Sam B` gives
/// `p-sam%20b`). Long names are cut and end with a hash of the whole name.
/// Never empty, never `.` or `..`, never a reserved device name, never a
/// path separator: total for any input, so it never escapes the data dir.
pub fn profile_key(name: &str) -> String {
    let lower: String = name.trim().nfc().collect::<String>().to_lowercase();
    format!("p-{}", encode(&lower, |b| b == b'_'))
}

/// The file stem of a course's progress file: the course id with every byte
/// outside `[a-z0-9-]` percent-encoded (course ids normally need none).
pub fn course_stem(course_id: &str) -> String {
    let encoded = encode(course_id, |_| false);
    if encoded.is_empty() {
        // Not a valid id; keep a name that cannot be a dot file.
        "%".to_string()
    } else {
        encoded
    }
}

/// Percent-encode every byte but `[a-z0-9-]` (and those `extra` allows);
/// past [`MAX_KEY_BYTES`], cut and add `~` and a hash of the whole input.
fn encode(s: &str, extra: impl Fn(u8) -> bool) -> String {
    // Room for `~` and 16 hex digits after the cut.
    let limit = MAX_KEY_BYTES - 17;
    let mut out = String::with_capacity(s.len());
    let mut cut = 0;
    for b in s.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || extra(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        if out.len() <= limit {
            cut = out.len();
        }
    }
    if out.len() > MAX_KEY_BYTES {
        let hash = digest::sha1(s.as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        out.truncate(cut);
        out.push('~');
        out.push_str(&hex);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_nicknames_of_any_script() {
        for name in [
            "sam",
            "Sam B",
            "zoë",
            "Ζωή",
            "Юлия",
            "李小龍",
            "محمد",
            "लक्ष्मी",
            "x_y-z 9",
            "-",
            "\u{e9}mile",
            "Ἀλέξανδρος 2",
            "Пётр_1",
            "Łukasz Ørsted",
        ] {
            assert_eq!(validate_profile_name(name).as_deref(), Ok(name), "{name:?}");
        }
        // A separate accent is composed (NFC): one nickname, one folder.
        assert_eq!(
            validate_profile_name("e\u{301}mile").as_deref(),
            Ok("\u{e9}mile")
        );
        assert_eq!(profile_key("e\u{301}mile"), profile_key("\u{e9}mile"));
        assert!(same_profile("E\u{301}MILE", "\u{e9}mile"));
        assert_eq!(validate_profile_name("  sam   b  ").as_deref(), Ok("sam b"));
        assert_eq!(
            validate_profile_name(&"a".repeat(32)).map(|s| s.len()),
            Ok(32)
        );
    }

    #[test]
    fn refuses_what_is_not_a_nickname() {
        use ProfileNameError::*;
        assert_eq!(validate_profile_name(""), Err(Empty));
        assert_eq!(validate_profile_name(" \t "), Err(Empty));
        assert_eq!(validate_profile_name(&"a".repeat(33)), Err(TooLong));
        assert_eq!(validate_profile_name(&"é".repeat(200)), Err(TooLong));
        for (name, bad) in [
            ("../../x", '.'),
            ("/etc", '/'),
            ("a\\b", '\\'),
            ("a\0b", '\0'),
            ("a\nb", '\n'),
            ("a\u{1b}[2Jb", '\u{1b}'),
            ("a\u{202E}b", '\u{202E}'),
            ("a\u{200B}b", '\u{200B}'),
            ("=HYPERLINK(1)", '='),
            ("sam😀", '😀'),
            ("bob\u{200B}", '\u{200B}'),
            ("bob\u{2060}", '\u{2060}'),
            ("bob\u{00AD}", '\u{00AD}'),
            ("bob\u{200D}", '\u{200D}'),
            ("bob\u{FEFF}", '\u{FEFF}'),
            ("bob\u{E0041}", '\u{E0041}'),
            ("b\u{115F}ob", '\u{115F}'),
            ("bob\u{3164}", '\u{3164}'),
            ("bob\u{FE0F}", '\u{FE0F}'),
            ("bo\u{2028}b", '\u{2028}'),
            ("bob\u{FFF9}", '\u{FFF9}'),
            ("b\u{034F}ob", '\u{034F}'),
            ("\u{301}sam", '\u{301}'),
        ] {
            assert_eq!(
                validate_profile_name(name),
                Err(InvalidChar(bad)),
                "{name:?}"
            );
        }
        // Letters that look alike from two alphabets: `bоb` (Cyrillic о),
        // `pаypal` (Cyrillic а), `Ιvan` (Greek Ι), `Юлия` with a Latin `a`.
        for (name, second) in [
            ("b\u{43e}b", '\u{43e}'),
            ("p\u{430}ypal", '\u{430}'),
            ("\u{399}van", 'v'),
            ("\u{42e}\u{43b}\u{438}a", 'a'),
            ("sam \u{3b1}", '\u{3b1}'),
        ] {
            assert_eq!(
                validate_profile_name(name),
                Err(MixedScripts(second)),
                "{name:?}"
            );
        }
        // The messages never print the invisible character itself.
        let msg = InvalidChar('\u{1b}').to_string();
        assert!(!msg.contains('\u{1b}') && msg.contains("U+001B"), "{msg}");
    }

    #[test]
    fn keys_are_safe_file_names() {
        for name in [
            "",
            ".",
            "..",
            "../../x",
            "/etc",
            "con",
            "CON",
            "nul",
            "a/b",
            "a\\b",
            "a\0b",
            "a\nb",
            "sam",
            "Sam B",
            " sam ",
            "李小龍",
        ] {
            let key = profile_key(name);
            assert!(key.starts_with("p-"), "{key}");
            assert!(
                key.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'-' | b'_' | b'%' | b'~')
                    || b.is_ascii_uppercase()),
                "{key}"
            );
            assert!(key.len() <= MAX_KEY_BYTES + 2, "{key}");
        }
        assert_eq!(profile_key("Sam B"), "p-sam%20b");
        assert_eq!(profile_key("con"), "p-con");
        assert_eq!(profile_key("../../x"), "p-%2E%2E%2F%2E%2E%2Fx");
        assert!(same_profile("Sam", "sam"));
        assert!(same_profile("ÉLODIE", "élodie"));
        assert!(!same_profile("sam", "sam2"));
    }

    #[test]
    fn long_keys_are_cut_with_a_hash() {
        let a = "李".repeat(32);
        let b = format!("{}x", "李".repeat(31));
        let (ka, kb) = (profile_key(&a), profile_key(&b));
        assert!(ka.len() <= MAX_KEY_BYTES + 2 && kb.len() <= MAX_KEY_BYTES + 2);
        assert_ne!(ka, kb);
        assert!(ka.contains('~'));
        let long = profile_key(&"%".repeat(200));
        assert!(long.len() <= MAX_KEY_BYTES + 2);
        // No broken %XX triple before the hash.
        let body = long
            .trim_start_matches("p-")
            .split('~')
            .next()
            .unwrap_or("");
        assert_eq!(body.len() % 3, 0, "{long}");
    }

    #[test]
    fn course_stems() {
        assert_eq!(course_stem("notalone"), "notalone");
        assert_eq!(course_stem("my-course-2"), "my-course-2");
        assert_eq!(course_stem("../x"), "%2E%2E%2Fx");
        assert_eq!(course_stem("_profile"), "%5Fprofile");
        assert_eq!(course_stem(""), "%");
    }
}
