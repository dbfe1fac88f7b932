//! A small draft-07 JSON Schema validator, for the keywords the lesson
//! schemas use (`schemas.rs` checks the valid courses against them).

use std::collections::BTreeSet;

use notalone::schema;
use serde_json::Value;

pub(crate) fn validate(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, value, "", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.strip_prefix("#/").expect("local $ref");
            path.split('/').fold(root, |v, k| &v[k])
        }
        None => s,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        other => panic!("type {other} is not expected in the schemas"),
    }
}

fn check(root: &Value, s: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let s = resolve(root, s);
    let Some(obj) = s.as_object() else {
        return;
    };
    macro_rules! err {
        ($($t:tt)*) => { errors.push(format!("{at}: {}", format!($($t)*))) };
    }
    for (k, kw) in obj {
        match k.as_str() {
            "type" => {
                let t = kw.as_str().expect("single type");
                if !type_ok(t, v) {
                    err!("expected {t}, got {v}");
                }
            }
            "enum" => {
                if !kw.as_array().expect("enum").contains(v) {
                    err!("{v} is not one of {kw}");
                }
            }
            "const" => {
                if kw != v {
                    err!("{v} is not {kw}");
                }
            }
            "pattern" => {
                let p = kw.as_str().expect("pattern");
                if let Some(sv) = v.as_str() {
                    let ok = match p {
                        schema::ID_PATTERN => is_id(sv),
                        schema::LOCALE_PATTERN => is_tag(sv),
                        other => panic!("pattern {other} has no checker in this test"),
                    };
                    if !ok {
                        err!("{sv:?} does not match {p}");
                    }
                }
            }
            "maxLength" | "minLength" => {
                if let Some(sv) = v.as_str() {
                    let n = sv.chars().count() as u64;
                    let lim = kw.as_u64().expect("length");
                    if (k == "maxLength" && n > lim) || (k == "minLength" && n < lim) {
                        err!("length {n} breaks {k} {lim}");
                    }
                }
            }
            "minimum" | "maximum" => {
                if let Some(n) = v.as_f64() {
                    let lim = kw.as_f64().expect("number");
                    if (k == "minimum" && n < lim) || (k == "maximum" && n > lim) {
                        err!("{n} breaks {k} {lim}");
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let n = a.len() as u64;
                    let lim = kw.as_u64().expect("count");
                    if (k == "minItems" && n < lim) || (k == "maxItems" && n > lim) {
                        err!("{n} items breaks {k} {lim}");
                    }
                }
            }
            "uniqueItems" => {
                if let Some(a) = v.as_array() {
                    let set: BTreeSet<String> = a.iter().map(Value::to_string).collect();
                    if set.len() != a.len() {
                        err!("items are not unique");
                    }
                }
            }
            "items" => {
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    check(root, kw, item, &format!("{at}[{i}]"), errors);
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for r in kw.as_array().expect("required") {
                        let r = r.as_str().expect("name");
                        if !o.contains_key(r) {
                            err!("missing required field {r}");
                        }
                    }
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (pk, ps) in kw.as_object().expect("properties") {
                        if let Some(pv) = o.get(pk) {
                            check(root, ps, pv, &format!("{at}.{pk}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let props = obj.get("properties").and_then(Value::as_object);
                    for (pk, pv) in o {
                        if props.is_some_and(|p| p.contains_key(pk)) {
                            continue;
                        }
                        match kw {
                            Value::Bool(false) => err!("unknown field {pk}"),
                            Value::Bool(true) => {}
                            sub => check(root, sub, pv, &format!("{at}.{pk}"), errors),
                        }
                    }
                }
            }
            "propertyNames" => {
                for pk in v.as_object().into_iter().flatten().map(|(k, _)| k) {
                    check(
                        root,
                        kw,
                        &Value::String(pk.clone()),
                        &format!("{at}.{pk}"),
                        errors,
                    );
                }
            }
            "not" => {
                let mut sub = Vec::new();
                check(root, kw, v, at, &mut sub);
                if sub.is_empty() {
                    err!("{v} is not allowed here");
                }
            }
            "allOf" => {
                for sub in kw.as_array().expect("allOf") {
                    check(root, sub, v, at, errors);
                }
            }
            "if" => {
                let mut sub = Vec::new();
                check(root, kw, v, at, &mut sub);
                if sub.is_empty()
                    && let Some(then) = obj.get("then")
                {
                    check(root, then, v, at, errors);
                }
            }
            "then" | "$ref" | "$schema" | "title" | "description" | "definitions" | "x-taplo"
            | "default" | "format" => {}
            other => panic!("keyword {other} has no checker in this test"),
        }
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
