//! The lesson format, declared once: every table of every file kind, with
//! its fields, their kind (structure or text) and what they are for.
//!
//! The engine's walker (`raw.rs`) takes its field lists and "did you mean"
//! suggestions from here; `tests/in_process/schemas.rs` checks the JSON
//! Schemas against it; [`text_fields`] lists every text of a file with its
//! place and length limit (for PO export and `locales check`).

mod outline;
pub use outline::{Outline, TableAt, TextField, outline, text_fields};

use super::raw::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};

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

/// One field of a table.
#[derive(Debug)]
pub struct Field {
    /// The key, as written in the file.
    pub name: &'static str,
    pub kind: Kind,
    /// What the field is, for translators and editors ("the question").
    pub what: &'static str,
}

/// One table kind.
#[derive(Debug)]
pub struct Table {
    /// How to name one such table to an author (`[[step.option]]`, or the file).
    pub header: &'static str,
    pub fields: &'static [Field],
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
}

const fn f(name: &'static str, kind: Kind, what: &'static str) -> Field {
    Field { name, kind, what }
}

use Kind::*;

/// The root `course.toml`.
pub static ROOT: Table = Table {
    header: "course.toml",
    fields: &[
        f("id", Str, "the course's id"),
        f(
            "source_locale",
            Str,
            "the language the course is written in",
        ),
        f("modules", StrList, "the module ids, in order"),
        f("objectives", StrList, "the learning objective ids"),
        f(
            "pre_check",
            Str,
            "the module taken first, to see what learners know",
        ),
        f("post_check", Str, "the module compared with the pre-check"),
    ],
};

/// `<locale>/course.toml`.
pub static COURSE_TEXT: Table = Table {
    header: "<locale>/course.toml",
    fields: &[
        f("title", Title, "the course's title, on the first screen"),
        f("welcome", Body, "the welcome page, on the first screen"),
        f("finish", Body, "shown when every module is complete"),
        f("objectives", TitleMap, "the title of a learning objective"),
    ],
};

/// `<locale>/resources.toml`.
pub static RESOURCES: Table = Table {
    header: "<locale>/resources.toml",
    fields: &[
        f("intro", Body, "a sentence above the list of help services"),
        f("resource", Tables(&RESOURCE), "the help services"),
    ],
};

/// `[[resource]]`.
pub static RESOURCE: Table = Table {
    header: "[[resource]]",
    fields: &[
        f("name", Title, "the name of a help service"),
        f("about", Body, "what a help service does, and for whom"),
        f("web", Body, "a help service's web address"),
        f("phone", Body, "a help service's phone number, as dialled"),
        f("sms", Body, "how to reach a help service by text message"),
        f("hours", Body, "when a help service is open"),
    ],
};

/// `<locale>/<module-id>.toml`.
pub static MODULE: Table = Table {
    header: "the module",
    fields: &[
        f("id", Str, "the module's id (its file name)"),
        f("title", Title, "the module's title, on the home screen"),
        f(
            "summary",
            Body,
            "one sentence under the module's title on the home screen",
        ),
        f("minutes", Int, "about how many minutes the module takes"),
        f(
            "content_note",
            Body,
            "a content note shown before the module starts",
        ),
        f("step", Tables(&STEP), "the steps, one screen each"),
    ],
};

/// `[[step]]`.
pub static STEP: Table = Table {
    header: "[[step]]",
    fields: &[
        f("id", Str, "the step's id"),
        f("type", Str, "read, chat, spot or question"),
        f("title", Title, "a step's title, shown above it"),
        f(
            "text",
            Body,
            "the body of a step (for a chat, the line that sets the scene)",
        ),
        f("teaches", StrList, "the objectives a step teaches"),
        f(
            "shuffle",
            Bool,
            "whether options, items or choices are shuffled",
        ),
        f("next", Str, "the step that comes next"),
        f("contact", Body, "the other person's display name in a chat"),
        f("message", Tables(&MESSAGE), "the messages of a chat"),
        f(
            "choice",
            Tables(&CHOICE),
            "what the learner could do next in a chat",
        ),
        f("kind", Str, "single, multiple or order"),
        f(
            "explanation",
            Body,
            "shown after a question is answered, whatever the answer",
        ),
        f("item", Tables(&ITEM), "the items of a spot exercise"),
        f("option", Tables(&OPTION), "the options of a question"),
    ],
};

/// `[[step.message]]`.
pub static MESSAGE: Table = Table {
    header: "[[step.message]]",
    fields: &[
        f("from", Str, "them, you or note"),
        f("text", Body, "a chat message"),
        f("sign", Bool, "whether the message is a warning sign"),
        f("why", Body, "why a chat message is a warning sign"),
    ],
};

/// `[[step.choice]]`.
pub static CHOICE: Table = Table {
    header: "[[step.choice]]",
    fields: &[
        f("text", Body, "something the learner could do in a chat"),
        f("safe", Bool, "whether the choice is safe"),
        f("feedback", Body, "shown when the learner picks this choice"),
        f("next", Str, "the step this choice leads to"),
    ],
};

/// `[[step.item]]`.
pub static ITEM: Table = Table {
    header: "[[step.item]]",
    fields: &[
        f("text", Body, "an item of a spot exercise"),
        f("sign", Bool, "whether the item is a warning sign"),
        f("why", Body, "why an item is (or is not) a warning sign"),
    ],
};

/// `[[step.option]]`.
pub static OPTION: Table = Table {
    header: "[[step.option]]",
    fields: &[
        f("text", Body, "an answer option of a question"),
        f("correct", Bool, "whether the option is correct"),
        f("feedback", Body, "shown when the learner picks this option"),
    ],
};

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
