//! The untranslated, obsolete and copied-help-lines warnings of one locale
//! folder.

use super::*;
use crate::course::fields::{self, FileKind, text_fields};

/// The untranslated and obsolete warnings of one locale folder.
pub(super) fn compare_locale(
    info: &Info,
    tag: &str,
    out: &mut Vec<Diagnostic>,
    obsolete_files: &mut BTreeSet<String>,
) {
    let kind = info.kind(tag);
    let prefix = format!("{tag}/");
    let source = &info.source;
    let present: Vec<&str> = info
        .files
        .iter()
        .filter_map(|f| f.strip_prefix(&prefix))
        .collect();
    for name in &present {
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        if stem.contains('/') || stem == "course" || stem == "resources" {
            continue;
        }
        let path = format!("{tag}/{name}");
        if !info.modules.iter().any(|m| m == stem) {
            out.push(file_level(
                Severity::Warning,
                "obsolete",
                path.clone(),
                format!(
                    "module `{stem}` is not in the course (it is not listed in `modules` of course.toml), so learners never see this file"
                ),
                "remove this file; if the module was renamed, move its text to the new module's file"
                    .to_string(),
            ));
            obsolete_files.insert(path);
            continue;
        }
        obsolete_steps(info, &path, &format!("{source}/{name}"), out);
    }
    if present.contains(&"resources.toml") {
        out.extend(help_lines_copied(info, tag));
    }
    if kind == Kind::SameLanguage || kind == Kind::Source {
        return;
    }
    if kind == Kind::Full {
        let mut needed = info.text_files();
        needed.insert(1, "resources.toml".to_string());
        for name in needed {
            if present.contains(&name.as_str()) {
                continue;
            }
            let src_file = format!("{source}/{name}");
            if !info.has(&src_file) {
                continue;
            }
            let (message, help) = match name.as_str() {
                "course.toml" => (
                    format!(
                        "{tag} has no course.toml yet: learners see the course title, welcome and objectives in {source}"
                    ),
                    format!("copy {src_file} to {tag}/course.toml and translate its text"),
                ),
                "resources.toml" => (
                    format!(
                        "{tag} has no resources.toml yet: learners see the help lines of {source}"
                    ),
                    format!(
                        "copy {src_file} to {tag}/resources.toml and put in the help lines for your language"
                    ),
                ),
                _ => (
                    format!("{tag} has no {name} yet: learners see this module in {source}"),
                    format!("copy {src_file} to {tag}/{name} and translate its text"),
                ),
            };
            out.push(file_level(
                Severity::Warning,
                "untranslated",
                format!("{tag}/{name}"),
                message,
                help,
            ));
        }
    }
    // Text fields of the files it has.
    for name in info.text_files() {
        if !present.contains(&name.as_str()) {
            continue;
        }
        let path = format!("{tag}/{name}");
        let src_file = format!("{source}/{name}");
        let Some(text) = info.read_text(&path) else {
            continue;
        };
        for g in real_gaps(&info.src, &path) {
            let top_level = g.kind == GapKind::Missing && g.line == 1 && g.column == 1;
            let span = (!top_level).then(|| {
                let at = g.offset.min(text.len());
                let end = text[at..].find(['\r', '\n']).map_or(text.len(), |i| at + i);
                at..end.max(at)
            });
            let (message, help) = match g.kind {
                GapKind::Missing => (
                    format!(
                        "{} is missing: learners see the text of {src_file}",
                        g.field
                    ),
                    "add it, translated (copy it from the source file)".to_string(),
                ),
                GapKind::Identical => (
                    format!(
                        "{} is the same as in {src_file}: not translated yet?",
                        g.field
                    ),
                    "translate it; if it really is the same in your language, you can leave it"
                        .to_string(),
                ),
            };
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: "untranslated".to_string(),
                file: g.file,
                line: g.line,
                column: g.column,
                message,
                span,
                help: Some(help),
            });
        }
    }
}

/// The help lines of a locale, if they are the same as another locale's:
/// copied for another region, they must be checked and adapted by a person
/// (a wrong number is worse than none).
fn help_lines_copied(info: &Info, tag: &str) -> Option<Diagnostic> {
    let values = |t: &str| -> Option<Vec<String>> {
        let text = info.read_text(&format!("{t}/resources.toml"))?;
        let v: Vec<String> = text_fields(FileKind::Resources, &text)
            .into_iter()
            .map(|f| f.value.trim().to_string())
            .collect();
        (!v.is_empty()).then_some(v)
    };
    let mine = values(tag)?;
    // The locales it may have been copied from: its chain first, then the rest.
    let mut others: Vec<String> = info.chain(tag).into_iter().skip(1).collect();
    others.push(info.source.clone());
    others.extend(info.folders.iter().cloned());
    let from = others
        .into_iter()
        .filter(|o| o != tag)
        .find(|o| values(o).as_ref() == Some(&mine))?;
    Some(file_level(
        Severity::Warning,
        "help-lines-unchanged",
        format!("{tag}/resources.toml"),
        format!(
            "the help lines are the same as in {from}/resources.toml: they were written for learners of {from}, and a person must check and adapt every service, number and address for learners of {tag}"
        ),
        "keep only services that really exist for these learners, checked on their official websites; leave out anything you cannot verify (a wrong number is worse than none)"
            .to_string(),
    ))
}

/// The steps of a module file: `[[step]]` header span and `id` (none for
/// a file that is not valid TOML).
fn steps_of(text: &str) -> Vec<(Range<usize>, Option<String>)> {
    let o = fields::outline(FileKind::Module, text);
    if !o.parsed {
        return Vec::new();
    }
    o.steps().map(|s| (s.span.clone(), s.id.clone())).collect()
}

/// Steps of a translated module that the source module does not have.
fn obsolete_steps(info: &Info, path: &str, src_path: &str, out: &mut Vec<Diagnostic>) {
    let (Some(tt), Some(st)) = (info.read_text(path), info.read_text(src_path)) else {
        return;
    };
    let (t, s) = (steps_of(&tt), steps_of(&st));
    if s.is_empty() {
        return;
    }
    let ids: BTreeSet<&str> = s.iter().filter_map(|(_, id)| id.as_deref()).collect();
    for (i, (span, id)) in t.iter().enumerate() {
        let msg = match id {
            Some(id) if !ids.contains(id.as_str()) => format!(
                "step `{}` is not in {src_path}: the source has no such step (any more)",
                text::escape_controls(id)
            ),
            None if i >= s.len() => format!(
                "step number {} is not in {src_path}, which has {} steps",
                i + 1,
                s.len()
            ),
            _ => continue,
        };
        let (line, column) = ftl::line_col(&tt, span.start);
        let end = tt
            .get(span.start..)
            .and_then(|r| r.find(['\r', '\n']))
            .map_or(tt.len(), |n| span.start + n);
        out.push(Diagnostic {
            severity: Severity::Warning,
            code: "obsolete".to_string(),
            file: path.to_string(),
            line,
            column,
            message: msg,
            span: Some(span.start..end.max(span.start)),
            help: Some(format!(
                "remove this step; keep the steps of {src_path}, in the same order"
            )),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_headers_and_ids() {
        let t = "id = \"m\"\ntitle = \"T\"\n\n[[step]]\nid = \"a\"\ntext = \"x\"\n[[step.option]]\ntext = \"o\"\n\n[[step]]\ntext = \"y\"\n";
        let p = steps_of(t);
        assert_eq!(p.len(), 2);
        assert_eq!(ftl::line_col(t, p[0].0.start), (4, 1));
        assert_eq!(p[0].1.as_deref(), Some("a"));
        assert_eq!(p[1].1, None);
        assert!(
            steps_of("[[step]]\nid = \"a\n").is_empty(),
            "not valid TOML"
        );
    }
}
