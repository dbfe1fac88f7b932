//! JSON Schemas of the lesson format, for editors.
//!
//! Editors with a TOML language server (Taplo: "Even Better TOML" in VS Code,
//! and the editors that embed Taplo) read a JSON Schema to autocomplete field
//! names, show a description when the mouse is over a key, and underline
//! unknown fields and wrong types as the educator types. The types below
//! mirror `docs/lesson-format.md` (the contract is
//! `shared/design/course-format.md`) and exist only to generate those
//! schemas: the course engine (`crate::course`) walks lesson files with its
//! own span-aware code, so `notalone lint` remains the judge of what is
//! valid. `tests/schemas.rs` keeps the two from drifting apart: every field
//! here is one the engine knows and the reverse, every valid lesson file of
//! the project deserializes into these types (with `deny_unknown_fields`),
//! and the checked-in `schemas/*.json` equal what [`generate`] produces.
//!
//! How a course is wired to the schemas (see `docs/authoring.md`):
//! `export-course`, `new course` and `new module` copy the schemas into the
//! course's `schemas/` folder, start each lesson file with a Taplo
//! `#:schema` directive pointing there (relative to the file), and write a
//! `.taplo.toml` that maps the same files by path, for files an educator
//! creates by hand. The directive is the part that always works: Taplo reads
//! `.taplo.toml` only from the folder the editor has open.
//!
//! The schemas are draft-07 (what editors support best) with no `null`
//! anywhere (TOML has none). Every table rejects unknown fields
//! (`additionalProperties: false`). Rules that need more than one field
//! (exactly one correct option, graph rules, objectives declared in
//! course.toml) are for `notalone lint`.

// The doc comments of the schema types are the editors' hover text, written
// for educators: `<locale>` and `[[step]]` there are text, not HTML or links.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

/// The id rule of the contract: lowercase words of a-z and 0-9 joined by
/// single dashes, at most [`MAX_ID_CHARS`] characters.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// Longest id.
pub const MAX_ID_CHARS: u64 = 48;
/// Longest title.
pub const MAX_TITLE_CHARS: u64 = 80;
/// Longest text other than a title.
pub const MAX_TEXT_CHARS: u64 = 4_000;

/// Folder of a course that holds the schemas.
pub const SCHEMA_DIR: &str = "schemas";

// ---------------------------------------------------------------------------
// course.toml (the root)

/// The root course.toml of a notalone course: its id, its source language,
/// the order of its modules and its learning objectives. The text (title,
/// welcome, objective titles) is in <locale>/course.toml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "notalone course.toml (course structure)")]
pub struct CourseRoot {
    /// The course's id, e.g. "my-school-course". Learners' progress is saved
    /// under this id: give an adapted course an id of its own, and keep it
    /// once learners have started. Lowercase letters a-z, digits and single
    /// dashes, at most 48 characters.
    #[schemars(schema_with = "id_schema")]
    pub id: String,
    /// The language the course is written in, as a language tag such as "en"
    /// or "fr". Its folder (e.g. en/) holds every module; other folders hold
    /// translations and regional help lines.
    #[schemars(schema_with = "locale_schema")]
    pub source_locale: String,
    /// The module ids, in the order learners take them. Each one needs a file
    /// <source_locale>/<id>.toml. `notalone new module ID` adds one here.
    #[schemars(schema_with = "module_list_schema")]
    pub modules: Vec<String>,
    /// Optional: learning objective ids. Steps list the objectives they teach
    /// in `teaches`; <locale>/course.toml gives each objective a title.
    /// `notalone lint` warns about an objective that no step teaches, or that
    /// no question, spot or chat with choices checks.
    #[serde(default)]
    #[schemars(schema_with = "id_list_schema")]
    pub objectives: Option<Vec<String>>,
    /// Optional: the id of a module taken first, to see what learners already
    /// know. It must be the first of `modules` and hold only question steps;
    /// the player shows no right answers in it, and the class report compares
    /// it with `post_check`, objective by objective.
    #[serde(default)]
    #[schemars(schema_with = "id_schema")]
    pub pre_check: Option<String>,
    /// Optional: the id of the module compared with `pre_check` (usually the
    /// final check). `notalone lint` warns about an objective the pre-check
    /// assesses and this module does not.
    #[serde(default)]
    #[schemars(schema_with = "id_schema")]
    pub post_check: Option<String>,
}

// ---------------------------------------------------------------------------
// <locale>/course.toml

/// The course's text in one language (<locale>/course.toml): its title, the
/// welcome and finish pages, and the objectives' titles.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "notalone <locale>/course.toml (course text)")]
pub struct LocaleCourse {
    /// The course's title, shown on the first screen. Required in the source
    /// language; at most 80 characters.
    #[serde(default)]
    #[schemars(schema_with = "title_schema")]
    pub title: Option<String>,
    /// The welcome page, shown on the first screen. Required in the source
    /// language. Text may use **bold**, *emphasis*, "- " bullet lists and
    /// blank lines between paragraphs.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub welcome: Option<String>,
    /// Optional: shown when every module is complete.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub finish: Option<String>,
    /// The title of each objective declared in the root course.toml, one line
    /// per objective: `objective-id = "Title"`. Learners see them in module
    /// summaries.
    #[serde(default)]
    #[schemars(schema_with = "objective_titles_schema")]
    pub objectives: Option<BTreeMap<String, String>>,
}

// ---------------------------------------------------------------------------
// <locale>/resources.toml

/// Where to get help (<locale>/resources.toml): shown from every screen with
/// the h key, and at the end of every module. A region folder (e.g. en-CA/)
/// usually holds only this file; it replaces the parent language's list for
/// learners of that region.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "notalone <locale>/resources.toml (help lines)")]
pub struct Resources {
    /// Optional: a sentence shown above the list, e.g. "If you are in danger
    /// right now, call 911."
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub intro: Option<String>,
    /// The help services, one [[resource]] table each, in the order shown.
    /// The source language needs at least one.
    #[schemars(length(min = 1))]
    pub resource: Option<Vec<Resource>>,
}

/// One help service.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// The service's name, e.g. "Kids Help Phone". At most 80 characters.
    #[schemars(schema_with = "required_title_schema")]
    pub name: String,
    /// What the service does and for whom, in a sentence or two.
    #[schemars(schema_with = "required_text_schema")]
    pub about: String,
    /// Optional: its web address.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub web: Option<String>,
    /// Optional: its phone number, as learners should dial it.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub phone: Option<String>,
    /// Optional: how to reach it by text message, e.g. "Text CONNECT to 686868".
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub sms: Option<String>,
    /// Optional: when it is open, e.g. "24/7".
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub hours: Option<String>,
}

// ---------------------------------------------------------------------------
// <locale>/<module-id>.toml

/// A module of a notalone course (<locale>/<module-id>.toml): a title, a
/// summary, and one [[step]] table per screen. In a translation, every field
/// may be left out (it is taken from the source language); the ones present
/// must keep the source's structure (ids, type, next, sign, safe, correct,
/// the number of messages, choices, items and options).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "notalone module file")]
pub struct Module {
    /// The module's id: the same as the file name without .toml, and listed
    /// in `modules` of the root course.toml.
    #[schemars(schema_with = "id_schema", required)]
    pub id: Option<String>,
    /// The module's title, shown on the home screen. At most 80 characters.
    #[schemars(schema_with = "required_title_schema", required)]
    pub title: Option<String>,
    /// One sentence under the title on the home screen: what the module is about.
    #[schemars(schema_with = "required_text_schema", required)]
    pub summary: Option<String>,
    /// Optional: about how many minutes the module takes, from 1 to 120.
    #[schemars(range(min = 1, max = 120))]
    pub minutes: Option<u8>,
    /// Optional: a content note shown before the module starts, with
    /// "continue", "skip this module" and "get help". Say plainly what the
    /// module talks about, e.g. "This module talks about threats to share a
    /// private photo. Nothing explicit is shown."
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub content_note: Option<String>,
    /// The steps, one [[step]] table per screen, in order. At least one.
    #[schemars(length(min = 1), required)]
    pub step: Option<Vec<Step>>,
}

/// What a step shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("x-taplo" = {"docs": {"enumValues": [
    "A page to read: needs `text`.",
    "A simulated conversation: needs `contact` and [[step.message]] tables; may have [[step.choice]] tables.",
    "Which of these are warning signs? Needs `text` and 2 to 12 [[step.item]] tables.",
    "A question with feedback: needs `text` and 2 to 8 [[step.option]] tables.",
]}}))]
pub enum StepType {
    Read,
    Chat,
    Spot,
    Question,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("x-taplo" = {"docs": {"enumValues": [
    "Exactly one option is correct (the default).",
    "At least one option is correct; the answer is right when the learner picks exactly the correct ones.",
    "The options as written are the correct order; learners see them shuffled and put them in order. No `correct` here.",
]}}))]
pub enum QuestionKind {
    Single,
    Multiple,
    Order,
}

/// Who sends a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("x-taplo" = {"docs": {"enumValues": [
    "The other person (their bubble, on the left).",
    "The learner's side of the chat (on the right).",
    "A narrator's note between messages, e.g. \"Twenty minutes later.\"",
]}}))]
pub enum Sender {
    Them,
    You,
    Note,
}

/// One screen of a module. Which fields it needs depends on its `type`:
/// read needs `text`; chat needs `contact` and messages; spot needs `text`
/// and items; question needs `text` and options.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = step_rules)]
pub struct Step {
    /// The step's id, unique in the module, e.g. "first-message". Progress is
    /// saved by id, so keep it once learners have started.
    #[schemars(schema_with = "step_id_schema", required)]
    pub id: Option<String>,
    /// What the step shows: "read" (a page), "chat" (a simulated
    /// conversation), "spot" (which of these are warning signs?) or
    /// "question".
    #[serde(rename = "type")]
    #[schemars(required)]
    pub r#type: Option<StepType>,
    /// Optional: the step's title, shown above it. At most 80 characters.
    #[serde(default)]
    #[schemars(schema_with = "title_schema")]
    pub title: Option<String>,
    /// The body: required for read, spot and question steps; for a chat, an
    /// optional line that sets the scene. Text may use **bold**, *emphasis*,
    /// "- " bullet lists and blank lines between paragraphs.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub text: Option<String>,
    /// Optional: ids of the objectives (declared in the root course.toml)
    /// this step teaches. A question, spot or chat with choices also checks them.
    #[serde(default)]
    #[schemars(schema_with = "id_list_schema")]
    pub teaches: Option<Vec<String>>,
    /// Optional (default true): show the options, items or choices in an
    /// order shuffled per learner (the same every time for that learner).
    /// false keeps the order written, for "True / False", "All of the above"
    /// or a scale. Order questions are always shuffled.
    pub shuffle: Option<bool>,
    /// Optional: the id of the step to go to after this one, or "end" to end
    /// the module. Without it, the module goes on with the following step.
    #[serde(default)]
    #[schemars(schema_with = "next_schema")]
    pub next: Option<String>,
    /// Chat only: the other person's display name, e.g. "maya.k_08".
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub contact: Option<String>,
    /// Chat only: the messages, one [[step.message]] table each, revealed one
    /// at a time. At least one.
    #[schemars(length(min = 1))]
    pub message: Option<Vec<Message>>,
    /// Chat only, optional: up to six [[step.choice]] tables: what the learner
    /// could do next. Each shows its feedback when picked.
    #[schemars(length(max = 6))]
    pub choice: Option<Vec<Choice>>,
    /// Question only: "single" (the default: exactly one correct option),
    /// "multiple" (one or more correct options) or "order" (put the options
    /// in the order written).
    pub kind: Option<QuestionKind>,
    /// Question only, optional: shown after the learner answers, whatever the answer.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub explanation: Option<String>,
    /// Spot only: 2 to 12 [[step.item]] tables; at least one has `sign = true`.
    #[schemars(length(min = 2, max = 12))]
    pub item: Option<Vec<Item>>,
    /// Question only: 2 to 8 [[step.option]] tables.
    #[schemars(length(min = 2, max = 8))]
    pub option: Option<Vec<QuestionOption>>,
}

/// One chat message ([[step.message]]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = message_rules)]
pub struct Message {
    /// Who sends it: "them" (the other person), "you" (the learner's side)
    /// or "note" (a narrator's line, e.g. "Twenty minutes later.").
    #[schemars(required)]
    pub from: Option<Sender>,
    /// The message, as it appears in the chat.
    #[schemars(schema_with = "required_text_schema", required)]
    pub text: Option<String>,
    /// Optional: true when this message is a warning sign. The learner flags
    /// the messages that worry them, then sees the real signs with their `why`.
    pub sign: Option<bool>,
    /// Why this message is a warning sign; required when `sign = true`.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub why: Option<String>,
}

/// One thing the learner could do in a chat ([[step.choice]]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What the learner could do, e.g. "Stop replying and tell someone".
    #[schemars(schema_with = "required_text_schema", required)]
    pub text: Option<String>,
    /// true when this is a safe thing to do. After an unsafe choice without
    /// `next`, the learner reads the feedback and chooses again.
    #[schemars(required)]
    pub safe: Option<bool>,
    /// Shown when the learner picks this choice: explain, never scold.
    #[schemars(schema_with = "required_text_schema", required)]
    pub feedback: Option<String>,
    /// Optional: the id of the step this choice leads to, or "end". Without
    /// it: the step's `next`, else the following step.
    #[serde(default)]
    #[schemars(schema_with = "next_schema")]
    pub next: Option<String>,
}

/// One item of a spot step ([[step.item]]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item, e.g. "They ask you to move to another app."
    #[schemars(schema_with = "required_text_schema", required)]
    pub text: Option<String>,
    /// true when the item is a warning sign, false when it is not.
    #[schemars(required)]
    pub sign: Option<bool>,
    /// Why it is (or is not) a warning sign, shown after the learner answers.
    #[schemars(schema_with = "required_text_schema", required)]
    pub why: Option<String>,
}

/// One option of a question ([[step.option]]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    /// The option's text.
    #[schemars(schema_with = "required_text_schema", required)]
    pub text: Option<String>,
    /// true for a correct option, false for a wrong one. Required for single
    /// and multiple questions; not allowed in an order question (the order
    /// written is the answer).
    pub correct: Option<bool>,
    /// Optional: shown when the learner picks this option.
    #[serde(default)]
    #[schemars(schema_with = "text_schema")]
    pub feedback: Option<String>,
}

// ---------------------------------------------------------------------------
// Field schemas

fn id_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS})
}

/// A step id: any id but "end" (which `next` uses for the end of the module).
fn step_id_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": ID_PATTERN,
        "maxLength": MAX_ID_CHARS,
        "not": {"enum": ["end"]},
    })
}

fn next_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS})
}

fn locale_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"})
}

fn id_list_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS},
        "uniqueItems": true,
    })
}

fn module_list_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": {
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": MAX_ID_CHARS,
            "not": {"enum": ["course", "resources"]},
        },
        "minItems": 1,
        "uniqueItems": true,
    })
}

fn title_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "maxLength": MAX_TITLE_CHARS})
}

fn required_title_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "minLength": 1, "maxLength": MAX_TITLE_CHARS})
}

fn text_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "maxLength": MAX_TEXT_CHARS})
}

fn required_text_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS})
}

fn objective_titles_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS},
        "additionalProperties": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TITLE_CHARS,
            "description": "The objective's title, e.g. \"Stop all contact with the person threatening you\". At most 80 characters.",
        },
    })
}

/// The fields each step type requires, as draft-07 conditionals.
fn step_rules(schema: &mut Schema) {
    let rule = |ty: &str, required: &[&str]| {
        json!({
            "if": {"properties": {"type": {"const": ty}}, "required": ["type"]},
            "then": {"required": required},
        })
    };
    schema.insert(
        "allOf".to_string(),
        json!([
            rule("read", &["text"]),
            rule("chat", &["contact", "message"]),
            rule("spot", &["text", "item"]),
            rule("question", &["text", "option"]),
        ]),
    );
}

/// A warning sign needs its `why`.
fn message_rules(schema: &mut Schema) {
    schema.insert(
        "allOf".to_string(),
        json!([{
            "if": {"properties": {"sign": {"const": true}}, "required": ["sign"]},
            "then": {"required": ["why"]},
        }]),
    );
}

mod editor;
mod generate;
pub use editor::*;
pub use generate::*;
