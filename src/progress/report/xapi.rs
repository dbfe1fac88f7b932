//! xAPI statements that a strict learning record store accepts: no
//! `version` (the LRS sets it), the actor's `account.homePage` a URL (the
//! school's, `--xapi-homepage`), activities named in the report's
//! language, and answers with `result.response`.
//!
//! Statement ids are derived from what the statement says (actor, verb,
//! object id, result, time), leaving out what xAPI does not compare
//! (activity definitions, verb display), so exporting again, in another
//! language or after a wording change gives the same ids.

use serde_json::{Value, json};

use super::Context;
use super::records::module_order;
use super::safe::{self, is_timestamp};
use crate::course::{Course, Module, QuestionKind, Step, StepKind};
use crate::progress::digest;
use crate::progress::record::{Status, StepRecord};
use crate::progress::store::ProfileData;

/// Where the learners' accounts live, when the school does not say.
pub const DEFAULT_HOMEPAGE: &str = "https://notalone.invalid/";

/// Options of the xAPI export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XapiOptions {
    /// `actor.account.homePage`: a URL that tells one school's "sam" from
    /// another's.
    pub homepage: String,
}

impl Default for XapiOptions {
    fn default() -> Self {
        XapiOptions {
            homepage: DEFAULT_HOMEPAGE.to_string(),
        }
    }
}

/// Is this a URL an LRS takes as a homePage (`http(s)://host...`, no
/// spaces or controls)?
pub fn valid_homepage(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(':')
        && s.chars().all(|c| c.is_ascii_graphic())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

const VERB_ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
const TYPE_COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const TYPE_MODULE: &str = "http://adlnet.gov/expapi/activities/module";
const TYPE_QUESTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// Percent-encode what is not an unreserved IRI character.
fn iri_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A language map `{"fr": text}`.
fn lang_map(lang: &str, text: &str) -> Value {
    json!({ lang: text })
}

fn activity(id: String, definition: Value) -> Value {
    json!({ "objectType": "Activity", "id": id, "definition": definition })
}

fn verb(id: &str) -> Value {
    let name = id.rsplit('/').next().unwrap_or(id);
    json!({ "id": id, "display": { "en-US": name } })
}

/// The language of a module's text.
fn module_lang<'a>(course: &'a Course, m: &Module) -> &'a str {
    if m.translated {
        &course.locale
    } else {
        &course.source_locale
    }
}

fn plain(s: &str) -> String {
    crate::text::to_plain(s).replace('\n', " ")
}

/// The interaction definition of a scored step (choice or sequencing),
/// with its options as `1`, `2`, ... in file order.
fn interaction(step: &Step, lang: &str, title: &str) -> Value {
    let list = |texts: Vec<String>| -> Vec<Value> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| json!({ "id": (i + 1).to_string(), "description": lang_map(lang, t) }))
            .collect()
    };
    let ids = |v: Vec<usize>| v.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>();
    let (text, kind, choices, patterns): (String, &str, Vec<String>, Vec<String>) = match &step.kind
    {
        StepKind::Question {
            kind,
            text,
            options,
            ..
        } => {
            let texts = options.iter().map(|o| plain(&o.text)).collect();
            match kind {
                QuestionKind::Order => (
                    plain(text),
                    "sequencing",
                    texts,
                    vec![ids((0..options.len()).collect()).join("[,]")],
                ),
                QuestionKind::Single => (
                    plain(text),
                    "choice",
                    texts,
                    options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.correct)
                        .map(|(i, _)| (i + 1).to_string())
                        .collect(),
                ),
                QuestionKind::Multiple => (
                    plain(text),
                    "choice",
                    texts,
                    vec![
                        ids(options
                            .iter()
                            .enumerate()
                            .filter(|(_, o)| o.correct)
                            .map(|(i, _)| i)
                            .collect())
                        .join("[,]"),
                    ],
                ),
            }
        }
        StepKind::Spot { text, items } => (
            plain(text),
            "choice",
            items.iter().map(|i| plain(&i.text)).collect(),
            vec![
                ids(items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.sign)
                    .map(|(i, _)| i)
                    .collect())
                .join("[,]"),
            ],
        ),
        StepKind::Chat { choices, .. } => (
            title.to_string(),
            "choice",
            choices.iter().map(|c| plain(&c.text)).collect(),
            choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.safe)
                .map(|(i, _)| (i + 1).to_string())
                .collect(),
        ),
        StepKind::Read { .. } => (title.to_string(), "other", Vec::new(), Vec::new()),
    };
    json!({
        "type": TYPE_QUESTION,
        "name": lang_map(lang, &text),
        "interactionType": kind,
        "choices": list(choices),
        "correctResponsesPattern": patterns,
    })
}

/// `result.response`: the first answer as option ids (`2[,]4`).
fn response(s: &StepRecord) -> String {
    s.answer
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join("[,]")
}

/// What identifies a statement: everything but activity definitions and
/// the verb's display (which xAPI leaves out when comparing statements).
fn identity(s: &Value) -> Value {
    let mut s = s.clone();
    let strip = |a: &mut Value| {
        if let Some(o) = a.as_object_mut() {
            o.remove("definition");
        }
    };
    if let Some(o) = s.as_object_mut() {
        o.remove("id");
        if let Some(v) = o.get_mut("verb").and_then(Value::as_object_mut) {
            v.remove("display");
        }
        if let Some(obj) = o.get_mut("object") {
            strip(obj);
        }
        if let Some(ctx) = o
            .get_mut("context")
            .and_then(|c| c.get_mut("contextActivities"))
            .and_then(Value::as_object_mut)
        {
            for list in ctx.values_mut() {
                if let Some(items) = list.as_array_mut() {
                    items.iter_mut().for_each(strip);
                }
            }
        }
    }
    s
}

/// Finish a statement: its timestamp, and an id derived from its identity.
fn statement(mut s: Value, timestamp: Option<&str>) -> Value {
    if let Some(obj) = s.as_object_mut()
        && let Some(t) = timestamp.filter(|t| is_timestamp(t))
    {
        obj.insert("timestamp".into(), t.into());
    }
    let id = digest::uuid_v5(
        &digest::NAMESPACE_URL,
        format!("urn:notalone:statement:2:{}", identity(&s)).as_bytes(),
    );
    if let Some(obj) = s.as_object_mut() {
        obj.insert("id".into(), id.into());
    }
    s
}

/// xAPI statements for every profile: `attempted` for each module
/// started, `answered` for each scored step (with `result.success`: right
/// at the first try, and `result.response`), `completed` for each module
/// complete (with `result.completion` and `result.score.scaled`).
pub fn xapi_statements(
    profiles: &[ProfileData],
    ctx: &Context<'_>,
    opts: &XapiOptions,
) -> Vec<Value> {
    let mut out = Vec::new();
    let outlines: Vec<super::CourseOutline> =
        ctx.courses.iter().map(super::CourseOutline::of).collect();
    for p in profiles {
        let actor = json!({
            "objectType": "Agent",
            "account": { "homePage": opts.homepage, "name": p.name },
        });
        for r in &p.records {
            let known = ctx.course(&r.course);
            let course_iri = format!("urn:notalone:course:{}", iri_part(&r.course));
            let mut course_def = json!({ "type": TYPE_COURSE });
            if let Some(c) = known {
                course_def["name"] = lang_map(&c.locale, &c.title);
            }
            let course = activity(course_iri.clone(), course_def);
            for module_id in module_order(r, &outlines) {
                let Some(m) = r.modules.get(&module_id) else {
                    continue;
                };
                let status = r.status(&module_id);
                if status == Status::NotStarted {
                    continue;
                }
                let cm = known.and_then(|c| c.module(&module_id));
                let module_iri = format!("{course_iri}:module:{}", iri_part(&module_id));
                let mut module_def = json!({ "type": TYPE_MODULE });
                if let (Some(c), Some(cm)) = (known, cm) {
                    module_def["name"] = lang_map(module_lang(c, cm), &cm.title);
                }
                let module = activity(module_iri.clone(), module_def);
                let module_context = json!({
                    "platform": "notalone",
                    "contextActivities": { "parent": [course.clone()] },
                });
                out.push(statement(
                    json!({
                        "actor": actor.clone(),
                        "verb": verb(VERB_ATTEMPTED),
                        "object": module.clone(),
                        "context": module_context.clone(),
                    }),
                    m.started_at.as_deref(),
                ));
                let mut answered: Vec<(&String, &StepRecord)> = m
                    .steps
                    .iter()
                    .filter(|(_, s)| s.first_correct.is_some())
                    .collect();
                answered.sort_by(|a, b| a.1.answered_at.cmp(&b.1.answered_at).then(a.0.cmp(b.0)));
                for (step_id, s) in answered {
                    let step_iri = format!("{module_iri}:step:{}", iri_part(step_id));
                    let def = match (
                        known,
                        cm,
                        cm.and_then(|cm| cm.steps.iter().find(|st| &st.id == step_id)),
                    ) {
                        (Some(c), Some(cm), Some(step)) => {
                            let title = step.title.clone().unwrap_or_else(|| cm.title.clone());
                            interaction(step, module_lang(c, cm), &title)
                        }
                        _ => json!({ "type": TYPE_QUESTION }),
                    };
                    out.push(statement(
                        json!({
                            "actor": actor.clone(),
                            "verb": verb(VERB_ANSWERED),
                            "object": activity(step_iri, def),
                            "result": {
                                "success": s.first_correct == Some(true),
                                "response": response(s),
                            },
                            "context": {
                                "platform": "notalone",
                                "contextActivities": {
                                    "parent": [module.clone()],
                                    "grouping": [course.clone()],
                                },
                            },
                        }),
                        s.answered_at.as_deref(),
                    ));
                }
                if status == Status::Complete {
                    let mut result = json!({ "completion": true });
                    if let Some(score) = r.score(&module_id) {
                        result["score"] = json!({ "scaled": score });
                    }
                    out.push(statement(
                        json!({
                            "actor": actor.clone(),
                            "verb": verb(VERB_COMPLETED),
                            "object": module,
                            "result": result,
                            "context": module_context,
                        }),
                        m.completed_at.as_deref(),
                    ));
                }
            }
        }
    }
    out
}

/// The xAPI statements as one JSON array.
pub fn to_xapi(profiles: &[ProfileData], ctx: &Context<'_>, opts: &XapiOptions) -> String {
    safe::json(&xapi_statements(profiles, ctx, opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homepages() {
        assert!(valid_homepage("https://school.example"));
        assert!(valid_homepage("https://school.example/7b"));
        assert!(valid_homepage("http://localhost:8080/"));
        assert!(!valid_homepage("urn:notalone"));
        assert!(!valid_homepage("https://"));
        assert!(!valid_homepage("https://sch ool.example"));
        assert!(!valid_homepage("school.example"));
        assert!(!valid_homepage("https://a\u{1b}b"));
    }

    #[test]
    fn ids_ignore_definitions_and_verb_display() {
        let a = json!({"actor": {"name": "sam"}, "verb": {"id": "v", "display": {"en-US": "x"}},
            "object": {"id": "o", "definition": {"name": {"en": "Question"}}}});
        let mut b = a.clone();
        b["object"]["definition"]["name"] = json!({"fr": "Question ?"});
        b["verb"]["display"] = json!({"fr": "y"});
        assert_eq!(statement(a.clone(), None)["id"], statement(b, None)["id"]);
        let mut c = a.clone();
        c["actor"]["name"] = json!("alex");
        assert_ne!(statement(a, None)["id"], statement(c, None)["id"]);
    }
}
