//! Module ids for `new module` and `new course`: the contract's id rule,
//! with a message that says how to fix a bad one, and ids made from any
//! text.

use crate::text;

/// Longest id (the contract's rule).
const MAX_ID_CHARS: usize = 48;

/// Why `id` cannot be a module id (the contract's id rule), if it cannot.
pub fn module_id_problem(id: &str) -> Option<String> {
    let q = text::sanitize_line(id);
    if id.is_empty() {
        return Some("the module id is empty; give one such as `my-scenario`".to_string());
    }
    let n = id.chars().count();
    if n > MAX_ID_CHARS {
        return Some(format!(
            "the module id `{q}` is {n} characters long; ids have at most {MAX_ID_CHARS}"
        ));
    }
    let ok = id.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !ok {
        let hint = suggest_id(id);
        let hint = if hint.is_empty() {
            "e.g. `my-scenario`".to_string()
        } else {
            format!("e.g. `{hint}`")
        };
        return Some(format!(
            "`{q}` is not a valid module id: ids use lowercase letters a-z, digits and single dashes between words ({hint})"
        ));
    }
    if matches!(id, "course" | "resources") {
        return Some(format!(
            "`{id}` cannot be a module id: <locale>/{id}.toml is a file of its own; choose another id"
        ));
    }
    None
}

/// A valid id made from any text ("My School's Course!" -> "my-school-s-course"),
/// empty when nothing usable is left.
pub fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out
        .trim_end_matches('-')
        .chars()
        .take(MAX_ID_CHARS)
        .collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// "my-school-scenario" -> "My school scenario".
pub(super) fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
