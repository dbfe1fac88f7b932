//! `locales new TAG [DIR]`: start a translation.

use super::*;

/// The source locale, the modules (in order) and the id of a course.
pub(crate) fn outline(src: &CourseSource) -> Result<(String, Vec<String>, String), String> {
    let info = Info::read(src.clone())?;
    let id = info
        .read_text("course.toml")
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("id").and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_else(|| "course".to_string());
    Ok((info.source, info.modules, id))
}

/// `locales check DIR --lang TAG`, as `import-po` runs it after writing.
pub(crate) fn check_one(dir: &Path, tag: &str, format: ReportFormat) -> i32 {
    check(
        Some(dir.to_path_buf()),
        Some(tag.to_string()),
        format,
        false,
    )
}

/// Why a tag cannot name a new translation, in one sentence.
pub(crate) fn validate_tag(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    if t.contains('_') {
        let suggestion = t.replace('_', "-");
        let hint = match locale::normalize_tag(&suggestion) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => String::new(),
        };
        return Err(format!(
            "`{t}` is not a BCP 47 language tag: tags use a dash, not an underscore{hint}"
        ));
    }
    if let Some(why) = i18n::tag_problem(t) {
        let hint = match i18n::suggest_language(t) {
            Some(tag) => format!("; did you mean `{tag}`?"),
            None => "; use a language code such as de, es or pt-BR".to_string(),
        };
        return Err(format!("{why}{hint}"));
    }
    let parsed = t.parse::<unic_langid::LanguageIdentifier>();
    match parsed {
        Ok(id) if !id.language.is_empty() && !t.contains(['.', '@']) => {
            let canonical = id.to_string();
            if canonical.eq_ignore_ascii_case(i18n::PSEUDO) {
                return Err(format!(
                    "`{}` is the pseudo-locale used to test layouts (`--lang {}`), not a language to translate into",
                    i18n::PSEUDO,
                    i18n::PSEUDO
                ));
            }
            Ok(canonical)
        }
        _ => Err(format!(
            "`{t}` is not a BCP 47 language tag; use a language code such as de, es or pt-BR (language, then optionally a dash and a region)"
        )),
    }
}

pub(super) fn new(tag: &str, dir: Option<PathBuf>) -> i32 {
    let tag = match validate_tag(tag) {
        Ok(t) => t,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    if !dir.join("course.toml").is_file() {
        say(&format!(
            "{} has no course.toml, so it is not a course directory; give the folder that holds course.toml (`notalone export-course DIR` writes the built-in course to DIR)",
            shown(&dir)
        ));
        return 2;
    }
    let info = match Info::read(CourseSource::Dir(dir.clone())) {
        Ok(i) => i,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    if tag == info.source {
        say(&format!(
            "{tag} is the source locale of this course: its folder already holds the text to translate from; pick the language you translate into"
        ));
        return 2;
    }
    let target = dir.join(&tag);
    let taken = std::fs::symlink_metadata(&target).is_ok()
        || info
            .files
            .iter()
            .filter_map(|f| f.split_once('/'))
            .any(|(d, _)| d.eq_ignore_ascii_case(&tag));
    if taken {
        say(&format!(
            "{} already exists; to go on with that translation, edit its files and run `notalone locales check {} --lang {tag}` (remove the folder first to start over)",
            shown(&target),
            shown(&dir)
        ));
        return 2;
    }
    let kind = info.kind(&tag);
    // What to copy, from where.
    let mut copies: Vec<(String, String)> = Vec::new();
    let inherit_from = match &kind {
        Kind::SameLanguage => Some(info.source.clone()),
        Kind::Region(p) => Some(p.clone()),
        _ => None,
    };
    match &inherit_from {
        Some(_) => {
            if let Some(from) = info
                .chain(&tag)
                .into_iter()
                .chain(std::iter::once(info.source.clone()))
                .map(|c| format!("{c}/resources.toml"))
                .find(|p| info.has(p))
            {
                copies.push((from, "resources.toml".to_string()));
            }
        }
        None => {
            let mut names = info.text_files();
            names.insert(1, "resources.toml".to_string());
            for n in names {
                let from = format!("{}/{n}", info.source);
                if info.has(&from) {
                    copies.push((from, n));
                }
            }
        }
    }
    if let Err(e) = std::fs::create_dir(&target) {
        say(&format!("could not create {} ({e})", shown(&target)));
        return 2;
    }
    let mut created = Vec::new();
    let interface = (inherit_from.is_none()).then(|| interface_template(&tag, &info));
    if interface.is_some() {
        copies.push((String::new(), i18n::FTL_FILE.to_string()));
    }
    for (from, name) in &copies {
        let read = match (&interface, name.as_str()) {
            (Some(t), i18n::FTL_FILE) => Ok(Some(t.clone().into_bytes())),
            _ => info.src.read(from),
        };
        let bytes = match read {
            Ok(Some(b)) => b,
            Ok(None) => continue,
            Err(e) => {
                undo(&target, &created);
                say(&could_not_run(&e));
                return 2;
            }
        };
        let to = target.join(name);
        let res = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&to)
            .and_then(|mut f| f.write_all(&bytes).and_then(|()| f.sync_all()));
        if let Err(e) = res {
            let _ = std::fs::remove_file(&to);
            undo(&target, &created);
            say(&format!(
                "could not write {} ({e}); nothing was created",
                shown(&to)
            ));
            return 2;
        }
        created.push(to);
    }
    let copied: Vec<String> = copies
        .iter()
        .filter(|(_, n)| n.ends_with(".toml"))
        .map(|(_, n)| n.clone())
        .collect();
    if inherit_from.is_none() {
        crate::commands::po::remember_copied(&dir, &tag, &info.source, &copied);
    }
    let d = shown(&dir);
    let mut out = format!("Created {}/ with:\n", shown(&target));
    for (_, name) in &copies {
        out.push_str(&format!("  {tag}/{name}\n"));
    }
    match inherit_from {
        Some(p) => out.push_str(&format!(
            "\n{tag} is a regional variant: everything it does not have comes from {p}/.\n\
             Next steps:\n\
             1. Edit {tag}/resources.toml: the help lines for your region.\n\
             \x20  (To adapt a module for the region, copy it from {p}/ into {tag}/ and edit it.)\n\
             2. Check: notalone lint {d}\n\
             3. Preview: notalone --lessons {d} --lang {tag}\n"
        )),
        None => out.push_str(&format!(
            "\nThese are copies of the {src} files. Translate the text only: titles, text,\n\
             feedback, why, explanation... Never change ids, type, kind, from, sign, safe,\n\
             correct, next, teaches or minutes, nor add or remove steps, messages, choices,\n\
             items or options. Put the help lines for your language in resources.toml.\n\n\
             Next steps:\n\
             1. Translate the files in {tag}/ ({ftl} holds the program's own words: menus, keys, messages).\n\
             2. See what is left: notalone locales check {d} --lang {tag}\n\
             3. Preview: notalone --lessons {d} --lang {tag}   (add --plain for the line-by-line version)\n\
             docs/translating.md explains each step.\n",
            src = info.source,
            ftl = i18n::FTL_FILE
        )),
    }
    write_stdout(&out);
    0
}

/// The interface file a new translation starts from: the built-in one of
/// its language if there is one, else the English text under a header that
/// says what to do, `language-name` already in the language where the
/// program knows its name. Valid Fluent from the start.
fn interface_template(tag: &str, info: &Info) -> String {
    let lang = language(tag);
    if let Some(t) = i18n::source(lang).filter(|_| lang != i18n::FALLBACK) {
        return t;
    }
    let en = info
        .read_text(&format!("{}/{}", i18n::FALLBACK, i18n::FTL_FILE))
        .filter(|t| ftl::Ftl::parse(t).syntax.is_empty())
        .or_else(|| i18n::source(i18n::FALLBACK))
        .unwrap_or_default();
    let name = i18n::autonym(lang);
    let title = match name {
        Some(n) => format!("{n} ({tag})"),
        None => tag.to_string(),
    };
    let mut out = format!(
        "# notalone: the program's own words (menus, keys, messages), in {title}.\n\
         # Translate the text after each \"=\" and keep everything else: the ids, and\n\
         # every {{ $variable }} exactly as written (you may move it in the sentence).\n\
         # Until you translate a message it stays in English, and learners see it in English.\n\
         # Check your work: notalone locales check DIR --lang {tag}\n"
    );
    let body = en.trim_start_matches('\u{feff}');
    // The English file's own header (its first comment lines) is replaced.
    let mut lines = body.lines().peekable();
    while lines
        .peek()
        .is_some_and(|l| l.starts_with("# ") || *l == "#")
    {
        lines.next();
    }
    for line in lines {
        match (line.starts_with("language-name ="), name) {
            (true, Some(n)) => out.push_str(&format!("language-name = {n}")),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Remove what `new` created after a failure.
fn undo(target: &Path, created: &[PathBuf]) {
    for f in created {
        let _ = std::fs::remove_file(f);
    }
    let _ = std::fs::remove_dir(target);
}
