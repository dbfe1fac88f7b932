//! JSON Schemas of the lesson format, for editors.
//!
//! Editors with a TOML language server (Taplo: "Even Better TOML" in VS Code,
//! and the editors that embed Taplo) read a JSON Schema to autocomplete field
//! names, show a description when the mouse is over a key, and underline
//! unknown fields and wrong types as the educator types. The schemas are
//! generated from the one declaration of the format
//! (`crate::course::fields`), which the engine's walker uses too, so they
//! cannot disagree with `notalone lint` about which fields exist; lint
//! remains the judge of what is valid. The program embeds the checked-in
//! `schemas/*.json`; `tests/in_process/schemas.rs` checks that they equal
//! what [`generate`] produces, that every valid lesson file of the project
//! validates against them and that files with errors they can see do not.
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

/// The id rule of the contract: lowercase words of a-z and 0-9 joined by
/// single dashes, at most [`MAX_ID_CHARS`] characters.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// Longest id.
pub const MAX_ID_CHARS: usize = crate::course::fields::MAX_ID_CHARS;
/// Longest title.
pub const MAX_TITLE_CHARS: usize = crate::course::fields::MAX_TITLE_CHARS;
/// A language tag, as far as a pattern can tell (`notalone lint` checks
/// the rest).
pub const LOCALE_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

/// Folder of a course that holds the schemas.
pub const SCHEMA_DIR: &str = "schemas";

mod editor;
mod generate;
pub use editor::*;
pub use generate::*;
