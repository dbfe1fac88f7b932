//! `notalone new module ID [DIR]` and `notalone new course DIR`: scaffolds
//! for educators.
//!
//! `new module` writes `<source_locale>/<ID>.toml`, a commented module with
//! one step of each type that lints clean, and appends ID to `modules` in
//! course.toml with `toml_edit`, so the file keeps its comments and layout.
//! `new course` writes a minimal complete course that lints clean. Both give
//! the course editor support (see [`crate::schema`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::Array;

use crate::cli::NewCommand;
use crate::commands::export::nofollow::{self, How, WriteError};
use crate::commands::export::{ensure_dir, is_non_empty_dir};
use crate::schema;
use crate::text;

mod ids;
mod root_file;
mod scaffolds;

use ids::title_of;
pub use ids::{module_id_problem, suggest_id};
use root_file::{push_like_siblings, read_root};
use scaffolds::{
    OBJECTIVE, Teach, course_text_scaffold, module_scaffold, resources_scaffold, root_scaffold,
};

fn say(msg: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "notalone: {}",
        text::escape_controls(msg).replace('\n', "\\n")
    );
}

fn shown(p: &Path) -> String {
    text::sanitize_line(&p.display().to_string())
}

/// Run `new module` or `new course`; returns the exit code (0 created,
/// 2 refused or failed: nothing is left half-written).
pub fn run(cmd: NewCommand) -> i32 {
    let result = match cmd {
        NewCommand::Module { id, dir } => {
            new_module(&id, &dir.unwrap_or_else(|| PathBuf::from(".")))
        }
        NewCommand::Course { dir } => new_course(&dir),
    };
    match result {
        Ok(summary) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(summary.as_bytes());
            let _ = out.flush();
            0
        }
        Err(msg) => {
            say(&msg);
            2
        }
    }
}

// ---------------------------------------------------------------------------
// new module

/// Create `rel` in `dir`, failing if anything is there; never through a
/// symbolic link (the course folder may be one students can write).
fn write_new(dir: &Path, rel: &str, text: &str) -> Result<(), WriteError> {
    nofollow::write(dir, rel, text.as_bytes(), How::CreateNew)
}

/// Scaffold module `id` in the course at `dir`; returns the summary.
pub fn new_module(id: &str, dir: &Path) -> Result<String, String> {
    if let Some(p) = module_id_problem(id) {
        return Err(p);
    }
    let mut root = read_root(dir)?;
    let d = shown(dir);
    if root.modules.iter().any(|m| m == id) {
        return Err(format!(
            "module `{id}` is already listed in {d}/course.toml; choose another id"
        ));
    }
    let rel = format!("{}/{id}.toml", root.source_locale);
    let file = dir.join(&root.source_locale).join(format!("{id}.toml"));
    if std::fs::symlink_metadata(&file).is_ok() {
        return Err(format!(
            "{} already exists; choose another id (or, to use that file, add \"{id}\" to `modules` in course.toml)",
            shown(&file)
        ));
    }
    let text = module_scaffold(
        id,
        &rel,
        &root.source_locale,
        &Teach::Hint(&root.objectives),
    );

    // Update course.toml in memory first: nothing is written if it fails.
    match root.doc.get_mut("modules") {
        Some(item) => match item.as_array_mut() {
            Some(arr) => push_like_siblings(arr, id),
            None => return Err(format!("`modules` in {d}/course.toml is not a list")),
        },
        None => {
            let mut arr = Array::new();
            arr.push(id);
            root.doc.insert("modules", toml_edit::value(arr));
        }
    }
    let mut new_root = root.doc.to_string();
    if root.crlf {
        // toml_edit writes `\n` where it lays out; keep a Windows file Windows.
        new_root = new_root.replace("\r\n", "\n").replace('\n', "\r\n");
    }

    write_new(dir, &rel, &text).map_err(|e| match e {
        WriteError::Exists(_) => format!(
            "{} already exists; choose another id (or, to use that file, add \"{id}\" to `modules` in course.toml)",
            shown(&file)
        ),
        e => e.to_string(),
    })?;
    if let Err(e) = nofollow::write(dir, "course.toml", new_root.as_bytes(), How::Replace) {
        let _ = std::fs::remove_file(&file);
        return Err(format!(
            "could not update {d}/course.toml: {e}; nothing was created"
        ));
    }
    let editor = match schema::write_editor_support(dir, &root.source_locale, false) {
        Ok(w) if w.is_empty() => String::new(),
        Ok(_) => format!(
            "Wrote the editor schemas to {d}/{}/ (the #:schema line at the top of the file uses them).\n",
            schema::SCHEMA_DIR
        ),
        Err(e) => format!(
            "Note: could not write the editor schemas to {d}/{}/ ({e}); the module works without them.\n",
            schema::SCHEMA_DIR
        ),
    };
    Ok(format!(
        "Created {d}/{rel}: a module with one step of each type (read, chat, spot, question).\n\
         Added \"{id}\" at the end of `modules` in {d}/course.toml (move it to change the order).\n\
         {editor}\n\
         Next steps:\n\
         \x20 1. Replace the example text in {d}/{rel}; its comments explain each line.\n\
         \x20 2. Check it:      notalone lint {d}\n\
         \x20 3. Try it:        notalone --lessons {d} --watch     (reloads each time you save)\n"
    ))
}

// ---------------------------------------------------------------------------
// new course

/// Scaffold a minimal complete course in `dir`; returns the summary.
pub fn new_course(dir: &Path) -> Result<String, String> {
    if is_non_empty_dir(dir)? {
        return Err(format!(
            "{} is not empty; give a new or empty folder for the course",
            shown(dir)
        ));
    }
    let name = dir
        .canonicalize()
        .ok()
        .or_else(|| std::env::current_dir().ok().map(|c| c.join(dir)))
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let mut course_id = suggest_id(&name);
    if course_id.is_empty() || module_id_problem(&course_id).is_some() {
        course_id = "my-course".to_string();
    }
    let title = {
        let t = title_of(&course_id);
        let t: String = t.chars().take(60).collect();
        t.trim().to_string()
    };
    let module_id = "first-module";
    let files = [
        (
            "course.toml".to_string(),
            root_scaffold(&course_id, module_id),
        ),
        ("en/course.toml".to_string(), course_text_scaffold(&title)),
        ("en/resources.toml".to_string(), resources_scaffold()),
        (
            format!("en/{module_id}.toml"),
            module_scaffold(
                module_id,
                &format!("en/{module_id}.toml"),
                "en",
                &Teach::Objective(OBJECTIVE),
            ),
        ),
    ];
    ensure_dir(dir)?;
    for (rel, text) in &files {
        write_new(dir, rel, text).map_err(|e| e.to_string())?;
    }
    let editor = match schema::write_editor_support(dir, "en", true) {
        Ok(_) => String::new(),
        Err(e) => format!(
            "Note: could not write the editor schemas ({e}); the course works without them.\n"
        ),
    };
    let d = shown(dir);
    Ok(format!(
        "Created a course in {d}/:\n\
         \x20 course.toml              the structure: course id \"{course_id}\", module order, objectives\n\
         \x20 en/course.toml           the title, welcome and finish pages\n\
         \x20 en/resources.toml        where learners get help: REPLACE the example with real help lines\n\
         \x20 en/{module_id}.toml    an example module with one step of each type\n\
         \x20 schemas/, .taplo.toml    for editors: checks the files as you type (optional)\n\
         {editor}\n\
         Next steps:\n\
         \x20 1. Put real help lines for your learners in {d}/en/resources.toml.\n\
         \x20 2. Edit the example module, or add your own: notalone new module my-scenario {d}\n\
         \x20 3. Check:   notalone lint {d}\n\
         \x20 4. Try it:  notalone --lessons {d} --watch     (reloads each time you save)\n"
    ))
}
