//! Generating the JSON Schemas from the types of `schema.rs`.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;

use super::*;

// ---------------------------------------------------------------------------
// Generating

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

    /// The schema as JSON.
    pub fn schema(self) -> Value {
        let generator = settings().into_generator();
        let schema = match self {
            SchemaFile::Course => generator.into_root_schema_for::<CourseRoot>(),
            SchemaFile::LocaleCourse => generator.into_root_schema_for::<LocaleCourse>(),
            SchemaFile::Resources => generator.into_root_schema_for::<Resources>(),
            SchemaFile::Module | SchemaFile::ModuleTranslation => {
                generator.into_root_schema_for::<Module>()
            }
        };
        let mut v = schema.to_value();
        if self == SchemaFile::ModuleTranslation {
            make_translation(&mut v);
        }
        v
    }

    /// The schema as the text of its file (pretty JSON, newline at the end).
    pub fn generate(self) -> String {
        let mut s = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Every schema file: its name and its text.
pub fn generate() -> Vec<(&'static str, String)> {
    SchemaFile::ALL
        .iter()
        .map(|f| (f.file_name(), f.generate()))
        .collect()
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft07()
        .for_deserialize()
        .with_transform(RecursiveTransform(tidy))
}

/// TOML has no null: make `Option<T>` schemas plain `T` schemas. And
/// descriptions are prose: join the lines of each doc-comment paragraph.
fn tidy(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::String(d)) = obj.get_mut("description") {
        *d = d
            .split("\n\n")
            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    if obj.get("default") == Some(&Value::Null) {
        obj.remove("default");
    }
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let t = types.remove(0);
            obj.insert("type".to_string(), t);
        }
    }
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(alts)) = obj.get_mut(key) else {
            continue;
        };
        alts.retain(|a| a.get("type").and_then(Value::as_str) != Some("null") && !a.is_null());
        if alts.len() == 1 {
            let only = alts.remove(0);
            obj.remove(key);
            match only {
                // Draft-07 ignores the siblings of `$ref` (and so do editors:
                // the description would not show): keep it in an `allOf`.
                Value::Object(inner) if inner.contains_key("$ref") && !obj.is_empty() => {
                    obj.insert(
                        "allOf".to_string(),
                        Value::Array(vec![Value::Object(inner)]),
                    );
                }
                Value::Object(inner) => {
                    for (k, v) in inner {
                        obj.entry(k).or_insert(v);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A translation may leave any field out: drop every `required` and the
/// per-type conditionals.
fn make_translation(v: &mut Value) {
    match v {
        Value::Object(obj) => {
            obj.remove("required");
            if let Some(Value::Array(all)) = obj.get("allOf")
                && all.iter().all(|a| a.get("if").is_some())
            {
                obj.remove("allOf");
            }
            if let Some(Value::String(t)) = obj.get_mut("title")
                && t == "notalone module file"
            {
                *t = "notalone module file (translation)".to_string();
            }
            for (_, child) in obj.iter_mut() {
                make_translation(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_translation),
        _ => {}
    }
}
