//! `notalone locales export-po --lang TAG [DIR] [--output FILE]` and
//! `notalone locales import-po FILE [DIR]`: the lesson text of a course as
//! a gettext PO file, for Poedit, Weblate or Pontoon, and back.
//!
//! One entry per text field of the source locale's files (`course.toml`,
//! `resources.toml`, every module, in course order):
//! - `msgctxt` is `<file>:<path>` (`how-it-starts.toml:step.first-move.option.2.text`),
//!   the field's stable name from [`crate::course::fields`] (steps by id);
//! - `msgid` is the source text, `msgstr` the translation in `<TAG>/<file>`
//!   (empty while it is still the source text);
//! - `#:` names the source file and line, `#.` says what the text is and its
//!   length limit;
//! - `#, fuzzy` with `#| msgid` (the old source text) marks a translation
//!   whose source changed since it was made. How we know: `import-po` and
//!   `locales new` remember, in `<TAG>/.translated-from.toml`, the source
//!   text each translation was made from.
//!
//! `resources.toml` is exported only while the translation's file has as
//! many help lines as the source's: a region's own list is edited directly.
//!
//! `import-po` writes the translated texts into `<TAG>/<file>` with
//! `toml_edit` (comments, layout and everything else kept; a file the
//! language does not have yet starts as a copy of the source's), never
//! through a symbolic link, and then runs `locales check` for TAG.

pub mod file;
mod memory;
mod toml_set;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::ReportFormat;
use crate::commands::export::nofollow::{self, How};
use crate::commands::locales;
use crate::course::fields::{FileKind, TextField, text_fields};
use crate::course::{CourseSource, locale};
use crate::text;

use file::{Entry, PoFile};
pub use memory::Memory;

/// Largest PO file read (8 MiB).
const MAX_PO_BYTES: u64 = 8 * 1024 * 1024;

fn say(msg: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "notalone: {}",
        text::escape_controls(msg).replace('\n', " ")
    );
}

fn shown(p: &Path) -> String {
    text::sanitize_line(&p.display().to_string())
}

/// A text as it goes into a PO file: line endings normalised, and no
/// newline at either end (gettext wants msgid and msgstr to agree there,
/// and lesson text does not depend on them).
fn norm(s: &str) -> String {
    s.replace("\r\n", "\n").trim_matches('\n').to_string()
}

fn read_text(src: &CourseSource, rel: &str) -> Option<String> {
    let bytes = src.read(rel).ok().flatten()?;
    let s = String::from_utf8(bytes).ok()?;
    Some(s.strip_prefix('\u{feff}').map_or(s.clone(), str::to_string))
}

/// The files whose text a translation has, in course order.
fn text_files(modules: &[String]) -> Vec<String> {
    let mut v = vec!["course.toml".to_string(), "resources.toml".to_string()];
    v.extend(modules.iter().map(|m| format!("{m}.toml")));
    v
}

fn count_resources(fields: &[TextField]) -> usize {
    fields
        .iter()
        .filter_map(|f| f.index_path.strip_prefix("resource."))
        .filter_map(|r| r.split('.').next())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// The `#.` note: what the text is, its limit, and the formatting it allows.
fn note(f: &TextField) -> Vec<String> {
    let mut v = vec![format!("{}; at most {} characters.", f.what, f.max_len)];
    if f.max_len > 80
        && !matches!(
            f.key.as_str(),
            "contact" | "web" | "phone" | "sms" | "hours"
        )
    {
        v.push(
            "Formatting: a blank line starts a paragraph, \"- \" a bullet, **bold**, *emphasis*."
                .to_string(),
        );
    }
    v
}

/// Build the PO file of `tag` for a course.
pub fn build(src: &CourseSource, tag: &str) -> Result<(PoFile, Vec<String>), String> {
    let (source, modules, course_id) = locales::outline(src)?;
    let memory = match src.dir() {
        Some(d) => Memory::read(d, tag),
        None => Memory::default(),
    };
    let mut notes = Vec::new();
    let mut entries = Vec::new();
    for name in text_files(&modules) {
        let src_path = format!("{source}/{name}");
        let Some(src_text) = read_text(src, &src_path) else {
            continue;
        };
        let Some(kind) = FileKind::of_path(&src_path) else {
            continue;
        };
        let sfields = text_fields(kind, &src_text);
        let tr_path = format!("{tag}/{name}");
        let tfields = read_text(src, &tr_path)
            .map(|t| text_fields(kind, &t))
            .unwrap_or_default();
        if kind == FileKind::Resources
            && !tfields.is_empty()
            && count_resources(&tfields) != count_resources(&sfields)
        {
            notes.push(format!(
                "{tr_path} has its own list of help lines ({} instead of {}), so they are not in the PO file: edit that file directly",
                count_resources(&tfields),
                count_resources(&sfields)
            ));
            continue;
        }
        let by_index: BTreeMap<&str, &str> = tfields
            .iter()
            .map(|f| (f.index_path.as_str(), f.value.as_str()))
            .collect();
        for f in &sfields {
            let msgid = norm(&f.value);
            if msgid.is_empty() {
                continue;
            }
            let ctxt = format!("{name}:{}", f.path);
            let msgstr = match by_index.get(f.index_path.as_str()).map(|v| norm(v)) {
                // Still the source text: to translate (a name or a number that
                // stays the same is one keystroke in a PO editor).
                Some(t) if !t.is_empty() && t != msgid => t,
                _ => String::new(),
            };
            // Translated from another source text than today's: fuzzy, with
            // the old text when it is known.
            let made_from = memory
                .get(&ctxt)
                .filter(|p| !msgstr.is_empty() && norm(p) != msgid);
            let fuzzy = made_from.is_some();
            let previous = made_from.map(norm).filter(|p| !p.is_empty());
            entries.push(Entry {
                notes: note(f),
                references: vec![format!("{src_path}:{}", f.line)],
                flags: if fuzzy {
                    vec!["fuzzy".to_string()]
                } else {
                    Vec::new()
                },
                previous,
                msgctxt: Some(ctxt),
                msgid,
                msgstr,
                plural: false,
                line: 0,
            });
        }
    }
    let name = crate::i18n::language_name(tag, &crate::i18n::CourseInterface::default());
    let po = PoFile {
        comments: vec![
            format!("The lessons of the course `{course_id}`, to translate into {name} ({tag})."),
            "Made by `notalone locales export-po`. Translate each msgstr; keep the".to_string(),
            "formatting (blank lines, \"- \" bullets, **bold**). When you are done:".to_string(),
            format!("notalone locales import-po THIS-FILE COURSE-FOLDER (it writes {tag}/)."),
        ],
        header: vec![
            ("Project-Id-Version".into(), course_id.clone()),
            ("Report-Msgid-Bugs-To".into(), String::new()),
            ("PO-Revision-Date".into(), po_date()),
            ("Last-Translator".into(), String::new()),
            ("Language-Team".into(), String::new()),
            ("Language".into(), tag.to_string()),
            ("MIME-Version".into(), "1.0".into()),
            ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ("Content-Transfer-Encoding".into(), "8bit".into()),
            (
                "X-Generator".into(),
                format!("notalone {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
        entries,
    };
    Ok((po, notes))
}

/// Now, as PO headers write it (`2026-12-01 09:50+0000`).
fn po_date() -> String {
    let t = crate::progress::record::now_rfc3339();
    // 2026-12-01T09:50:12Z -> 2026-12-01 09:50+0000
    match (t.get(..10), t.get(11..16)) {
        (Some(d), Some(h)) => format!("{d} {h}+0000"),
        _ => t,
    }
}

fn valid_tag(raw: &str, source: Option<&str>) -> Result<String, String> {
    let tag = locales::validate_tag(raw)?;
    if source == Some(tag.as_str()) {
        return Err(format!(
            "{tag} is the source locale of this course: its text is the msgid of every entry; give the language you translate into"
        ));
    }
    Ok(tag)
}

/// Remember the source text of files just copied into `<tag>/` (by
/// `locales new`), so that a later change in the source shows as fuzzy.
pub(crate) fn remember_copied(dir: &Path, tag: &str, source: &str, names: &[String]) {
    let src = CourseSource::Dir(dir.to_path_buf());
    let mut memory = Memory::read(dir, tag);
    for name in names {
        let src_path = format!("{source}/{name}");
        let (Some(text), Some(kind)) = (read_text(&src, &src_path), FileKind::of_path(&src_path))
        else {
            continue;
        };
        for f in text_fields(kind, &text) {
            memory.set(format!("{name}:{}", f.path), norm(&f.value));
        }
    }
    // Only a convenience: a translation works without it.
    let _ = memory.write(dir, tag);
}

/// `locales export-po`; returns the exit code (0 written, 2 could not run).
pub fn export(lang: &str, dir: Option<PathBuf>, output: Option<PathBuf>) -> i32 {
    let src = match dir {
        Some(d) => CourseSource::Dir(d),
        None => CourseSource::Embedded,
    };
    let run = || -> Result<(String, Vec<String>, usize), String> {
        src.check().map_err(|e| e.to_string())?;
        let (source, _, _) = locales::outline(&src)?;
        let tag = valid_tag(lang, Some(&source))?;
        let (po, notes) = build(&src, &tag)?;
        let n = po.entries.len();
        Ok((file::write(&po), notes, n))
    };
    let (text, notes, n) = match run() {
        Ok(x) => x,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    for n in &notes {
        say(n);
    }
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text.as_bytes()) {
                say(&format!(
                    "could not write {} ({e}); check the path and that you may write there",
                    shown(&path)
                ));
                return 2;
            }
            say(&format!(
                "wrote {n} texts to {}; open it in Poedit (or any PO editor), translate, then `notalone locales import-po {} COURSE-FOLDER`",
                shown(&path),
                shown(&path)
            ));
        }
    }
    0
}

/// What an import did, for the summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub tag: String,
    pub texts: usize,
    pub files: Vec<String>,
    pub fuzzy: usize,
    pub stale: Vec<String>,
}

/// Read a PO file and write its translations into the course at `dir`.
pub fn import_into(po_text: &str, po_name: &str, dir: &Path) -> Result<Imported, String> {
    let po = file::parse(po_text).map_err(|e| {
        format!("{po_name}:{}: {}; this is not a PO file notalone can read (export it again, or fix that line)", e.line, e.what)
    })?;
    let src = CourseSource::Dir(dir.to_path_buf());
    src.check().map_err(|e| e.to_string())?;
    let (source, modules, _) = locales::outline(&src)?;
    let lang = po.header_field("Language").unwrap_or("").to_string();
    if lang.is_empty() {
        return Err(format!(
            "{po_name} does not say its language (the `Language:` line of its header); set it in your PO editor (Catalog > Properties in Poedit) and import again"
        ));
    }
    let tag = valid_tag(
        &locale::normalize_tag(&lang).unwrap_or(lang.clone()),
        Some(&source),
    )?;
    let mut memory = Memory::read(dir, &tag);
    let mut done = Imported {
        tag: tag.clone(),
        ..Imported::default()
    };
    // Entries by file.
    let mut by_file: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in &po.entries {
        if e.msgstr.trim().is_empty() || e.plural {
            continue;
        }
        let Some((name, _)) = e.msgctxt.as_deref().and_then(|c| c.split_once(':')) else {
            done.stale.push(format!("line {}: no msgctxt", e.line));
            continue;
        };
        by_file.entry(name.to_string()).or_default().push(e);
    }
    for name in text_files(&modules) {
        let Some(entries) = by_file.remove(&name) else {
            continue;
        };
        let src_path = format!("{source}/{name}");
        let tr_path = format!("{tag}/{name}");
        let Some(src_text) = read_text(&src, &src_path) else {
            done.stale.extend(
                entries
                    .iter()
                    .map(|e| format!("line {}: {src_path} is gone", e.line)),
            );
            continue;
        };
        let kind = FileKind::of_path(&src_path).unwrap_or(FileKind::Module);
        let sfields: BTreeMap<String, TextField> = text_fields(kind, &src_text)
            .into_iter()
            .map(|f| (f.path.clone(), f))
            .collect();
        let existing = nofollow::read(dir, &tr_path).map_err(|e| e.to_string())?;
        let tr_text = match existing {
            Some(b) => String::from_utf8(b).map_err(|_| {
                format!("{tr_path} is not UTF-8 text; save it as UTF-8 and import again")
            })?,
            None => src_text.clone(),
        };
        let mut doc = toml_set::Doc::parse(&tr_text).map_err(|e| {
            format!("{tr_path} cannot be read as TOML ({e}); fix it first (`notalone lint` shows where) and import again")
        })?;
        let mut changed = false;
        for e in entries {
            let path = e
                .msgctxt
                .as_deref()
                .and_then(|c| c.split_once(':'))
                .map_or("", |(_, p)| p);
            let Some(sf) = sfields.get(path) else {
                done.stale.push(format!(
                    "line {}: {name} has no text `{path}` any more",
                    e.line
                ));
                continue;
            };
            let value = norm(&e.msgstr);
            match doc.set(&sf.index_path, &value) {
                Ok(c) => changed |= c,
                Err(why) => {
                    done.stale
                        .push(format!("line {}: {tr_path}: {why}", e.line));
                    continue;
                }
            }
            done.texts += 1;
            if e.fuzzy() {
                done.fuzzy += 1;
                // Stays marked until a person has checked it.
                if memory.get(&format!("{name}:{path}")).is_none() {
                    memory.set(format!("{name}:{path}"), String::new());
                }
            } else {
                memory.set(format!("{name}:{path}"), norm(&e.msgid));
            }
        }
        if changed {
            nofollow::write(dir, &tr_path, doc.to_string().as_bytes(), How::Replace)
                .map_err(|e| e.to_string())?;
            done.files.push(tr_path);
        }
    }
    for (name, entries) in by_file {
        done.stale.extend(
            entries
                .iter()
                .map(|e| format!("line {}: the course has no file {name}", e.line)),
        );
    }
    memory.write(dir, &tag).map_err(|e| e.to_string())?;
    Ok(done)
}

/// `locales import-po`; returns the exit code of the check that follows
/// (0 ok, 1 errors), or 2 when nothing could be imported.
pub fn import(file: &Path, dir: Option<PathBuf>) -> i32 {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let text = match read_po(file) {
        Ok(t) => t,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    let name = shown(file);
    let done = match import_into(&text, &name, &dir) {
        Ok(d) => d,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    let mut out = format!(
        "Imported {} translated texts from {name} into {} file(s) of {}/{}/.\n",
        done.texts,
        done.files.len(),
        shown(&dir),
        done.tag
    );
    if done.fuzzy > 0 {
        out.push_str(&format!(
            "{} of them are marked fuzzy (the English changed since): they are in, and stay marked in the next export until you review them and clear the mark.\n",
            done.fuzzy
        ));
    }
    if !done.stale.is_empty() {
        out.push_str(&format!(
            "{} entries were left out because the course no longer has those texts (export a fresh PO file to get the current ones):\n",
            done.stale.len()
        ));
        for s in done.stale.iter().take(5) {
            out.push_str(&format!("  {}\n", text::escape_controls(s)));
        }
    }
    out.push('\n');
    {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(out.as_bytes());
        let _ = o.flush();
    }
    locales::check_one(&dir, &done.tag, ReportFormat::Human)
}

fn read_po(file: &Path) -> Result<String, String> {
    use std::io::Read;
    let f = std::fs::File::open(file)
        .map_err(|e| format!("could not open {} ({e}); check the file name", shown(file)))?;
    let meta = f
        .metadata()
        .map_err(|e| format!("could not read {} ({e})", shown(file)))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file; give the PO file", shown(file)));
    }
    let mut bytes = Vec::new();
    f.take(MAX_PO_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("could not read {} ({e})", shown(file)))?;
    if bytes.len() as u64 > MAX_PO_BYTES {
        return Err(format!(
            "{} is larger than 8 MiB, so it is not a PO file of this course",
            shown(file)
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "{} is not UTF-8 text; save it as UTF-8 (Poedit does) and import again",
            shown(file)
        )
    })
}
