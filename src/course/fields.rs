//! The lesson format, declared once: every table of every file kind, with
//! its fields, their kind (structure or text), whether they are required,
//! what their values must look like and what they are for.
//!
//! Everything that knows the format's field names takes them from here:
//! the engine's walker (`tables.rs`: its field lists and "did you mean"
//! suggestions), the JSON Schemas for editors (`crate::schema` generates
//! them; the checked-in `schemas/*.json` are kept equal by a test), and
//! [`outline`] / [`text_fields`], which list every table and text of a file
//! with its place and length limit (for the PO export, `locales check` and
//! the comparison of a translation with its source).

mod decl;
mod outline;
pub use decl::*;
pub use outline::{Outline, TableAt, TextField, outline, text_fields};

/// Titles are at most this many characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Other text is at most this many characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Ids are at most this many characters.
pub const MAX_ID_CHARS: usize = 48;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Structure: a string (an id, `type`, `kind`, `from`, `next`...).
    Str,
    /// Structure: true or false.
    Bool,
    /// Structure: an integer.
    Int,
    /// Structure: an array of strings (ids).
    StrList,
    /// Text: one line, at most 80 characters.
    Title,
    /// Text: at most 4,000 characters, with the Markdown subset.
    Body,
    /// Text: a table of one title per objective id (`[objectives]`).
    TitleMap,
    /// An array of tables (`[[step]]`, `[[step.option]]`...).
    Tables(&'static Table),
}

impl Kind {
    /// Whether translators translate this field.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Title | Kind::Body | Kind::TitleMap)
    }

    /// The longest text allowed, in characters (text fields only).
    pub fn max_len(self) -> Option<usize> {
        match self {
            Kind::Title | Kind::TitleMap => Some(MAX_TITLE_CHARS),
            Kind::Body => Some(MAX_TEXT_CHARS),
            _ => None,
        }
    }
}

/// Whether a field must be there (in the source locale: a translation may
/// leave any field out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// What a value must look like, beyond its kind (for the JSON Schemas
/// editors read; `notalone lint` checks the same and more).
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// Nothing more than the kind (and the length limit of a text).
    Any,
    /// An id: lowercase words of a-z and 0-9 joined by single dashes, at
    /// most 48 characters.
    Id,
    /// A step id: an id, but not `end` (which `next` uses).
    StepId,
    /// A language tag (`en`, `fr-CA`).
    Locale,
    /// One of these values, each with what it means.
    OneOf(&'static [(&'static str, &'static str)]),
    /// An integer from..=to.
    Range(i64, i64),
    /// How many tables an array of tables holds: at least, at most.
    Count(usize, Option<usize>),
    /// A list of distinct ids.
    Ids,
    /// The module list: at least one, distinct, not `course` or `resources`.
    ModuleIds,
    /// A table of titles by id; the text is what one title is.
    Titles(&'static str),
}

/// One field of a table.
#[derive(Debug)]
pub struct Field {
    /// The key, as written in the file.
    pub name: &'static str,
    pub kind: Kind,
    pub need: Need,
    pub check: Check,
    /// What the field is, in a few words, for translators ("the question").
    pub what: &'static str,
    /// What the field is and how to write it, for educators: the hover text
    /// of editors.
    pub doc: &'static str,
    /// The value when the field is left out, if it has one worth showing
    /// (`true`, `false` or a string).
    pub default: Option<&'static str>,
}

/// A field without a default (`.or(..)` gives it one).
const fn field(
    name: &'static str,
    kind: Kind,
    need: Need,
    check: Check,
    what: &'static str,
    doc: &'static str,
) -> Field {
    Field {
        name,
        kind,
        need,
        check,
        what,
        doc,
        default: None,
    }
}

impl Field {
    /// The values a `OneOf` field allows, in declaration order (empty for
    /// other fields).
    pub fn values(&self) -> Vec<&'static str> {
        match self.check {
            Check::OneOf(v) => v.iter().map(|(name, _)| *name).collect(),
            _ => Vec::new(),
        }
    }

    const fn or(self, default: &'static str) -> Field {
        Field {
            default: Some(default),
            ..self
        }
    }
}

/// A rule between fields: when `field` has the value `is` (a string, or
/// `true`), the fields of `require` are required.
#[derive(Debug)]
pub struct When {
    pub field: &'static str,
    pub is: &'static str,
    pub require: &'static [&'static str],
}

/// One table kind.
#[derive(Debug)]
pub struct Table {
    /// How to name one such table to an author (`[[step.option]]`, or the file).
    pub header: &'static str,
    /// Its name among the definitions of a JSON Schema (`Step`); empty for
    /// the top table of a file.
    pub definition: &'static str,
    /// The JSON Schema's title, for the top table of a file.
    pub title: &'static str,
    /// What the table is, for educators.
    pub doc: &'static str,
    pub fields: &'static [Field],
    pub when: &'static [When],
}

impl Table {
    /// The field names, in declaration order.
    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }

    /// The field with this key.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The values the field `name` allows (see [`Field::values`]).
    pub fn values_of(&self, name: &str) -> Vec<&'static str> {
        self.field(name).map(Field::values).unwrap_or_default()
    }
}

/// Every table, for tests and generators.
pub static ALL_TABLES: &[&Table] = &[
    &ROOT,
    &COURSE_TEXT,
    &RESOURCES,
    &RESOURCE,
    &MODULE,
    &STEP,
    &MESSAGE,
    &CHOICE,
    &ITEM,
    &OPTION,
];

/// The kinds of lesson file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The root `course.toml`.
    Root,
    /// `<locale>/course.toml`.
    CourseText,
    /// `<locale>/resources.toml`.
    Resources,
    /// `<locale>/<module-id>.toml`.
    Module,
}

impl FileKind {
    /// The top table of this kind of file.
    pub fn table(self) -> &'static Table {
        match self {
            FileKind::Root => &ROOT,
            FileKind::CourseText => &COURSE_TEXT,
            FileKind::Resources => &RESOURCES,
            FileKind::Module => &MODULE,
        }
    }

    /// The kind of a course file from its path relative to the course
    /// (`course.toml`, `fr/course.toml`, `fr/resources.toml`, `fr/m.toml`).
    pub fn of_path(rel: &str) -> Option<FileKind> {
        if rel == "course.toml" {
            return Some(FileKind::Root);
        }
        let (_, name) = rel.split_once('/')?;
        if name.contains('/') || !name.ends_with(".toml") {
            return None;
        }
        Some(match name {
            "course.toml" => FileKind::CourseText,
            "resources.toml" => FileKind::Resources,
            _ => FileKind::Module,
        })
    }
}
