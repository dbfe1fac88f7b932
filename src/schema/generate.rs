//! The JSON Schemas, generated from the declaration in `course::fields`.
//!
//! The program does not generate them at run time: the checked-in
//! `schemas/*.json` are embedded ([`SchemaFile::text`]), and
//! `tests/in_process/schemas.rs` checks they equal what [`generate`] gives
//! (`UPDATE_SCHEMAS=1` rewrites them).

use serde_json::{Map, Value, json};

use super::*;
use crate::course::fields::{self, Check, Field, Kind, Need, Table};

/// One schema file of `schemas/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFile {
    /// The root `course.toml`.
    Course,
    /// `<locale>/course.toml`.
    LocaleCourse,
    /// `<locale>/resources.toml`.
    Resources,
    /// A module in the source locale: every required field is required.
    Module,
    /// A module in a translation: the same fields, none required (what is
    /// left out comes from the source locale).
    ModuleTranslation,
}

impl SchemaFile {
    /// Every schema file.
    pub const ALL: [SchemaFile; 5] = [
        SchemaFile::Course,
        SchemaFile::LocaleCourse,
        SchemaFile::Resources,
        SchemaFile::Module,
        SchemaFile::ModuleTranslation,
    ];

    /// The file's name in `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaFile::Course => "course.schema.json",
            SchemaFile::LocaleCourse => "locale-course.schema.json",
            SchemaFile::Resources => "resources.schema.json",
            SchemaFile::Module => "module.schema.json",
            SchemaFile::ModuleTranslation => "module-translation.schema.json",
        }
    }

    /// The checked-in file, as embedded in the program.
    pub fn text(self) -> &'static str {
        match self {
            SchemaFile::Course => include_str!("../../schemas/course.schema.json"),
            SchemaFile::LocaleCourse => include_str!("../../schemas/locale-course.schema.json"),
            SchemaFile::Resources => include_str!("../../schemas/resources.schema.json"),
            SchemaFile::Module => include_str!("../../schemas/module.schema.json"),
            SchemaFile::ModuleTranslation => {
                include_str!("../../schemas/module-translation.schema.json")
            }
        }
    }

    /// Which schema a course file uses (`rel` is relative to the course
    /// folder, with `/`); `None` for files that are not lesson files.
    pub fn for_course_file(rel: &str, source_locale: &str) -> Option<SchemaFile> {
        let stem = rel.strip_suffix(".toml")?;
        if rel == "course.toml" {
            return Some(SchemaFile::Course);
        }
        let (folder, name) = stem.split_once('/')?;
        if name.contains('/') || folder.starts_with('.') || folder == SCHEMA_DIR {
            return None;
        }
        Some(match name {
            "course" => SchemaFile::LocaleCourse,
            "resources" => SchemaFile::Resources,
            _ if folder == source_locale => SchemaFile::Module,
            _ => SchemaFile::ModuleTranslation,
        })
    }

    /// The top table of the files this schema is for.
    fn table(self) -> &'static Table {
        match self {
            SchemaFile::Course => &fields::ROOT,
            SchemaFile::LocaleCourse => &fields::COURSE_TEXT,
            SchemaFile::Resources => &fields::RESOURCES,
            SchemaFile::Module | SchemaFile::ModuleTranslation => &fields::MODULE,
        }
    }

    /// The schema as JSON, generated from the declaration.
    pub fn schema(self) -> Value {
        let g = Gen {
            translation: self == SchemaFile::ModuleTranslation,
        };
        let top = self.table();
        let mut root = g.table(top);
        let mut defs = Map::new();
        g.definitions(top, &mut defs);
        if !defs.is_empty() {
            root.insert("definitions".into(), Value::Object(defs));
        }
        root.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        let title = if g.translation {
            format!("{} (translation)", top.title)
        } else {
            top.title.to_string()
        };
        root.insert("title".into(), Value::String(title));
        Value::Object(root)
    }

    /// The schema as the text of its file (pretty JSON, newline at the end).
    pub fn generate(self) -> String {
        let mut s = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Every schema file: its name and its text, generated.
pub fn generate() -> Vec<(&'static str, String)> {
    SchemaFile::ALL
        .iter()
        .map(|f| (f.file_name(), f.generate()))
        .collect()
}

struct Gen {
    /// A translation may leave any field out: nothing is required.
    translation: bool,
}

fn id_string() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), json!("string"));
    m.insert("pattern".into(), json!(ID_PATTERN));
    m.insert("maxLength".into(), json!(MAX_ID_CHARS));
    m
}

impl Gen {
    /// Every table below `t`, by definition name.
    fn definitions(&self, t: &'static Table, out: &mut Map<String, Value>) {
        for f in t.fields {
            if let Kind::Tables(sub) = f.kind {
                let mut d = self.table(sub);
                d.insert("description".into(), json!(sub.doc));
                out.insert(sub.definition.into(), Value::Object(d));
                self.definitions(sub, out);
            }
        }
    }

    fn table(&self, t: &'static Table) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("type".into(), json!("object"));
        m.insert("description".into(), json!(t.doc));
        m.insert("additionalProperties".into(), json!(false));
        let props: Map<String, Value> = t
            .fields
            .iter()
            .map(|f| (f.name.to_string(), Value::Object(self.field(f))))
            .collect();
        m.insert("properties".into(), Value::Object(props));
        let required: Vec<&str> = t
            .fields
            .iter()
            .filter(|f| f.need == Need::Required)
            .map(|f| f.name)
            .collect();
        if !self.translation && !required.is_empty() {
            m.insert("required".into(), json!(required));
        }
        if !self.translation && !t.when.is_empty() {
            let rules: Vec<Value> = t
                .when
                .iter()
                .map(|w| {
                    let is = if w.is == "true" {
                        json!(true)
                    } else {
                        json!(w.is)
                    };
                    json!({
                        "if": {"properties": {w.field: {"const": is}}, "required": [w.field]},
                        "then": {"required": w.require},
                    })
                })
                .collect();
            m.insert("allOf".into(), Value::Array(rules));
        }
        m
    }

    fn field(&self, f: &Field) -> Map<String, Value> {
        let mut m = match (f.kind, f.check) {
            (_, Check::Id) => id_string(),
            (_, Check::StepId) => {
                let mut m = id_string();
                m.insert("not".into(), json!({"enum": ["end"]}));
                m
            }
            (_, Check::Locale) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("string"));
                m.insert("pattern".into(), json!(LOCALE_PATTERN));
                m
            }
            (_, Check::OneOf(values)) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("string"));
                let names: Vec<&str> = values.iter().map(|v| v.0).collect();
                let docs: Vec<&str> = values.iter().map(|v| v.1).collect();
                m.insert("enum".into(), json!(names));
                // Taplo shows these beside each value when completing.
                m.insert("x-taplo".into(), json!({"docs": {"enumValues": docs}}));
                m
            }
            (Kind::StrList, check) => {
                let mut item = id_string();
                if matches!(check, Check::ModuleIds) {
                    item.insert("not".into(), json!({"enum": ["course", "resources"]}));
                }
                let mut m = Map::new();
                m.insert("type".into(), json!("array"));
                m.insert("items".into(), Value::Object(item));
                m.insert("uniqueItems".into(), json!(true));
                if matches!(check, Check::ModuleIds) {
                    m.insert("minItems".into(), json!(1));
                }
                m
            }
            (Kind::Tables(sub), check) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("array"));
                let r = format!("#/definitions/{}", sub.definition);
                m.insert("items".into(), json!({ "$ref": r }));
                if let Check::Count(min, max) = check {
                    if min > 0 {
                        m.insert("minItems".into(), json!(min));
                    }
                    if let Some(max) = max {
                        m.insert("maxItems".into(), json!(max));
                    }
                }
                m
            }
            (Kind::TitleMap, check) => {
                let what = match check {
                    Check::Titles(w) => w,
                    _ => "A title.",
                };
                let mut names = id_string();
                names.remove("type");
                let mut m = Map::new();
                m.insert("type".into(), json!("object"));
                m.insert("propertyNames".into(), Value::Object(names));
                m.insert(
                    "additionalProperties".into(),
                    json!({
                        "type": "string",
                        "minLength": 1,
                        "maxLength": MAX_TITLE_CHARS,
                        "description": what,
                    }),
                );
                m
            }
            (Kind::Title | Kind::Body, _) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("string"));
                m.insert("maxLength".into(), json!(f.kind.max_len()));
                if f.need == Need::Required {
                    m.insert("minLength".into(), json!(1));
                }
                m
            }
            (Kind::Bool, _) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("boolean"));
                m
            }
            (Kind::Int, check) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("integer"));
                if let Check::Range(lo, hi) = check {
                    m.insert("minimum".into(), json!(lo));
                    m.insert("maximum".into(), json!(hi));
                }
                m
            }
            (Kind::Str, _) => {
                let mut m = Map::new();
                m.insert("type".into(), json!("string"));
                m
            }
        };
        m.insert("description".into(), json!(f.doc));
        if let Some(d) = f.default {
            let d = match d {
                "true" => json!(true),
                "false" => json!(false),
                s => json!(s),
            };
            m.insert("default".into(), d);
        }
        m
    }
}
