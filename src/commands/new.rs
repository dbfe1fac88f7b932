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

use toml_edit::{Array, DocumentMut, Value};

use crate::cli::NewCommand;
use crate::commands::export::nofollow::{self, How, WriteError};
use crate::commands::export::{ensure_dir, is_non_empty_dir};
use crate::schema;
use crate::text;

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
// Ids

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
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// new module

/// What a course.toml says that `new module` needs.
struct RootInfo {
    doc: DocumentMut,
    /// The file uses Windows line endings.
    crlf: bool,
    source_locale: String,
    modules: Vec<String>,
    objectives: Vec<String>,
}

fn read_root(dir: &Path) -> Result<RootInfo, String> {
    let path = dir.join("course.toml");
    let d = shown(dir);
    if !dir.is_dir() {
        return Err(format!(
            "there is no folder {d}; give the course folder (the one that holds course.toml), or start a course with `notalone new course {d}`"
        ));
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "{d} has no course.toml, so it is not a course folder; give the folder that holds course.toml, or start one with `notalone new course DIR` or `notalone export-course DIR`"
            ));
        }
        Err(e) => {
            return Err(format!(
                "could not read {} ({e}); check that you may read it",
                shown(&path)
            ));
        }
    };
    let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let first = e.to_string();
        let first = first.lines().next().unwrap_or("").trim_end_matches(':');
        format!(
            "{} is not valid TOML ({first}); fix it first: `notalone lint {d}` shows where",
            shown(&path)
        )
    })?;
    let source_locale = match doc.get("source_locale").and_then(|i| i.as_str()) {
        Some(s) if crate::course::locale::normalize_tag(s).as_deref() == Some(s) => s.to_string(),
        _ => {
            return Err(format!(
                "{} has no valid `source_locale` (such as \"en\"); fix it first: `notalone lint {d}` shows how",
                shown(&path)
            ));
        }
    };
    let modules = match doc.get("modules") {
        None => Vec::new(),
        Some(item) => match item.as_array() {
            Some(a) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            None => {
                return Err(format!(
                    "`modules` in {} is not a list like [\"first\", \"second\"]; fix it first: `notalone lint {d}` shows how",
                    shown(&path)
                ));
            }
        },
    };
    let objectives = doc
        .get("objectives")
        .and_then(|i| i.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok(RootInfo {
        crlf: text.contains("\r\n"),
        doc,
        source_locale,
        modules,
        objectives,
    })
}

/// Append `id` to an array, laid out like the entries before it.
fn push_like_siblings(arr: &mut Array, id: &str) {
    let mut v = Value::from(id);
    let last_prefix = arr
        .iter()
        .last()
        .and_then(|l| l.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    if let Some(p) = last_prefix {
        match p.rfind('\n') {
            // One entry per line: the same line ending and indent, without
            // any comment that sat above the last entry.
            Some(i) => {
                let eol = if p[..i].ends_with('\r') { "\r\n" } else { "\n" };
                v.decor_mut().set_prefix(format!("{eol}{}", &p[i + 1..]));
            }
            None => v.decor_mut().set_prefix(" "),
        }
        // `"last"\n]` without a trailing comma: move the line break after
        // the new entry.
        if !arr.trailing_comma()
            && let Some(last) = arr.iter_mut().last()
        {
            let suffix = last
                .decor()
                .suffix()
                .and_then(|s| s.as_str())
                .unwrap_or("")
                .to_string();
            if suffix.contains('\n') {
                last.decor_mut().set_suffix("");
                let trailing = arr.trailing().as_str().unwrap_or("").to_string();
                arr.set_trailing(format!("{suffix}{trailing}"));
            }
        }
    }
    arr.push_formatted(v);
}

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

/// The objective of the `new course` scaffold.
const OBJECTIVE: &str = "spot-the-signs";

fn root_scaffold(course_id: &str, module_id: &str) -> String {
    format!(
        r#"{directive}
# The structure of the course. The text learners read is in en/.
# Lines starting with # are comments: learners never see them.
# The full format is described in docs/lesson-format.md.

# The course's id. Learners' progress is saved under it, so keep it once
# learners have started. Lowercase letters, digits and dashes.
id = "{course_id}"

# The language the course is written in: its folder (en/) holds every module.
source_locale = "en"

# The modules, in the order learners take them: one file en/<id>.toml each.
# `notalone new module ID` creates a module and adds its id here.
modules = ["{module_id}"]

# Optional: what learners should be able to do after the course. Steps list
# the objectives they teach with `teaches = ["..."]`; en/course.toml gives
# each one a title. Delete this line (and [objectives] in en/course.toml,
# and the `teaches` lines) if you don't need them.
objectives = ["{OBJECTIVE}"]
"#,
        directive = schema::directive_for("course.toml", "en").unwrap_or_default(),
    )
}

fn course_text_scaffold(title: &str) -> String {
    format!(
        r#"{directive}
# The course's text in English (en). Replace the example text with your own.

# Shown on the first screen (at most 80 characters).
title = "{title}"

# The first screen. Text can use **bold**, *emphasis*, "- " bullet lists and
# blank lines between paragraphs. Triple quotes let text run over several lines.
welcome = """Welcome. This course is about staying safe online: how to spot someone who is trying to trick you, and what to do if it happens.

Nothing explicit is shown. You can take a break at any time: your progress is saved. Press **h** on any screen to see where to get help."""

# Optional: shown when every module is complete.
finish = """You finished the course. Well done.

If something ever worries you online, it is never too late to tell someone. You are not in trouble, and you are not alone."""

# A title for each objective declared in course.toml.
[objectives]
{OBJECTIVE} = "Spot the warning signs in a chat"
"#,
        directive = schema::directive_for("en/course.toml", "en").unwrap_or_default(),
    )
}

fn resources_scaffold() -> String {
    format!(
        r#"{directive}
# Where learners can get help. They see this list on every screen (key h)
# and at the end of every module.
#
# >>> REPLACE THE FIRST ENTRY BELOW with real help for your learners: <<<
# the person or office at your school, and the help lines of your country.
# For a region, put its own list in a folder named after it, e.g.
# en-CA/resources.toml (see docs/lesson-format.md).

# Optional: a sentence shown above the list.
intro = "If you are in danger right now, call your local emergency number."

# PLACEHOLDER: replace this entry with the real name and contact of the
# person or team learners can talk to where you teach.
[[resource]]
name = "A trusted adult at school (replace this example)"
about = "A teacher, school counsellor or the member of staff in charge of safeguarding. Educators: replace this entry with who to talk to at your school, and how to reach them."

# Two services that work from any country (from the built-in course).
[[resource]]
name = "Take It Down (NCMEC)"
about = "A free tool for nude or sexual images taken before you turned 18. The image stays on your device: the tool makes a digital fingerprint of it, and apps that take part use it to remove or block copies. Works from anywhere in the world, and you don't have to give your name."
web = "https://takeitdown.ncmec.org"

[[resource]]
name = "Child Helpline International"
about = "A network of child helplines in many countries. Search for its name, or ask a trusted adult, to find the helpline in your country."
"#,
        directive = schema::directive_for("en/resources.toml", "en").unwrap_or_default(),
    )
}

/// What the scaffolded module does with objectives.
enum Teach<'a> {
    /// Teach (and check) this declared objective.
    Objective(&'a str),
    /// Teach none; show the declared ones in a comment.
    Hint(&'a [String]),
}

fn module_scaffold(id: &str, rel: &str, source_locale: &str, teach: &Teach<'_>) -> String {
    let directive = schema::directive_for(rel, source_locale).unwrap_or_default();
    let title = title_of(id);
    let (teaches, hint) = match teach {
        Teach::Objective(o) => (format!("teaches = [\"{o}\"]\n"), String::new()),
        Teach::Hint([]) => (String::new(), String::new()),
        Teach::Hint(list @ [first, ..]) => (
            String::new(),
            format!(
                "# To say which objectives of course.toml a step teaches, add a line like\n\
                     #     teaches = [\"{first}\"]\n\
                     # to the step. Declared objectives: {}.\n\
                     # Teach them in a question, spot or chat with choices too, so they are checked.\n",
                list.join(", ")
            ),
        ),
    };
    format!(
        r#"{directive}
# A module of your course: one file per module, named after its id.
# Lines starting with # are comments: learners never see them.
# Replace the example text with your own. After each change, run
#     notalone lint <course folder>
# It shows the file, line and column of anything to fix.
# Every field is described in docs/lesson-format.md.

# The module's id: the file name without .toml. Keep it as it is
# (learners' progress is saved under it).
id = "{id}"
# Shown on the home screen (at most 80 characters).
title = "{title}"
# One sentence under the title on the home screen.
summary = "Replace this with one sentence about what this module is about."
# About how many minutes the module takes (1 to 120).
minutes = 5
# Optional: shown before the module starts, with "continue", "skip this
# module" and "get help". Say plainly what the module talks about.
content_note = "This module shows a made-up chat where a stranger asks for a photo. Nothing explicit is shown. You can skip it or take a break at any time."

{hint}# Each [[step]] is one screen, in order. There are four types of step:
# read, chat, spot and question. This module has one of each.
# Every step has an id, unique in this module (lowercase letters, digits
# and dashes). Learners' progress is saved by these ids.

# ---------------------------------------------------------------------------
# 1. A page to read.
[[step]]
id = "introduction"
type = "read"
title = "Before we start"
{teaches}# Text can use **bold**, *emphasis*, "- " bullet lists and blank lines
# between paragraphs. Triple quotes let the text run over several lines.
text = """Replace this page with your own introduction.

In this module, you will:

- read a made-up chat and spot the warning signs,
- choose what to do next,
- check what you learned with a question.

If someone tricks you online, it is **never your fault**."""

# ---------------------------------------------------------------------------
# 2. A made-up chat. Messages appear one at a time. Messages with
# `sign = true` are warning signs: the learner flags the ones that worry
# them, then sees each sign with its `why`. Then the learner picks a choice
# and reads its feedback.
[[step]]
id = "the-chat"
type = "chat"
title = "A new follower"
{teaches}# The other person's display name.
contact = "sky.gamer_22"
# Optional: one line that sets the scene.
text = "Alex, 14, gets a message from an account they don't know."

[[step.message]]
from = "them"        # them (the other person), you (the learner's side) or note (a narrator)
text = "hey! saw ur videos, ur really good 😊"
sign = true
why = "A stranger who flatters you straight away may want something from you."

[[step.message]]
from = "you"
text = "thanks! do i know u?"

[[step.message]]
from = "them"
text = "not yet lol. add me on my other app? its more private"
sign = true
why = "Moving you to a more private app makes it harder for anyone to notice what happens next."

# What the learner could do now: up to six choices. After a choice with
# `safe = false`, the learner reads the feedback and chooses again.
[[step.choice]]
text = "Add them on the other app"
safe = false
feedback = "It's easy to say yes to someone friendly. But a stranger who wants to move somewhere private is a warning sign. Alex can stop here, and it's fine to ask someone for advice."

[[step.choice]]
text = "Stop replying, block the account and tell someone they trust"
safe = true
feedback = "Good call. Alex doesn't owe a stranger anything. Blocking and telling someone means Alex doesn't have to handle this alone."

# ---------------------------------------------------------------------------
# 3. Which of these are warning signs? Two to twelve items, at least one
# with `sign = true`. Every item says why it is, or is not, a sign.
[[step]]
id = "spot-the-signs"
type = "spot"
{teaches}text = "Which of these messages should worry you? Select every one that does."

[[step.item]]
text = "\"Let's keep this between us. Don't tell anyone.\""
sign = true
why = "Asking you to keep secrets cuts you off from people who could help."

[[step.item]]
text = "\"Good game! Want to play again tomorrow?\""
sign = false
why = "A friendly message about what you did together is not a warning sign on its own."

[[step.item]]
text = "\"Quick, send it before my mom gets home.\""
sign = true
why = "Rushing you is meant to stop you from thinking it over or asking anyone."

# ---------------------------------------------------------------------------
# 4. A question. `kind` is "single" (exactly one correct option: the
# default), "multiple" (one or more correct options) or "order" (the
# options as written are the right order; no `correct` then).
[[step]]
id = "check"
type = "question"
kind = "single"
{teaches}text = "Someone you met online threatens to share a photo of you unless you pay. What should you do first?"
# Optional: shown after the answer, whatever it is.
explanation = "Stop, save, block, tell: stop replying, save the messages, block the account and tell an adult you trust. It is never too late to get help."

[[step.option]]
text = "Pay what they ask, so that it stops for good"
correct = false
feedback = "Paying usually leads to more demands, not fewer."

[[step.option]]
text = "Stop replying, save the messages and tell a trusted adult"
correct = true
feedback = "Yes. You don't have to deal with it alone, and you are not in trouble."

[[step.option]]
text = "Delete the whole chat, block them and tell nobody about it"
correct = false
feedback = "It makes sense to want it gone, but the messages help the police and the app stop this person. Keep them, and tell someone."
"#
    )
}
