//! What a translation file lacks: text fields that are missing (they fall
//! back to the source text) or identical to the source (likely not yet
//! translated). Lint does not report these; `locales check` can.

use super::SourceError;
use super::lint::walk_file;
use super::raw::*;
use super::rules::check_root;

/// Why a text field is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// Not in the translation: the learner sees the source text.
    Missing,
    /// The same as the source text.
    Identical,
}

/// One text field of a translation that is missing or identical to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextGap {
    /// The translation file, relative to the course, with `/`.
    pub file: String,
    /// Where: the value when present, else the header of the table that
    /// lacks it (line 1, column 1 for top-level fields).
    pub line: usize,
    pub column: usize,
    /// Which field, readably: `title`, `step \`intro\` > text`,
    /// `step \`quiz\` > option 2 > feedback`, `objectives > stop-contact`.
    pub field: String,
    pub kind: GapKind,
}

/// List the text fields of a translation file (`fr/spot-the-signs.toml` or
/// `fr/course.toml`) that are missing or identical to the source locale's
/// file. Only text the source has is listed. Gives an empty list for files
/// that are not translations (source locale, `resources.toml`, unknown
/// files) or that do not parse (lint reports those).
pub fn compare_translation(src: &dyn CourseFiles, file: &str) -> Result<Vec<TextGap>, SourceError> {
    let mut sink = Sink::default();
    let Some(source) = read_text(src, "course.toml", &mut sink)?.and_then(|t| {
        let f = SourceFile::new("course.toml", &t);
        walk_file(&f, &mut sink, |w, tb| {
            let r = w.root(tb);
            check_root(w, &r).source
        })
        .flatten()
    }) else {
        return Ok(Vec::new());
    };
    let Some((folder, name)) = file.split_once('/') else {
        return Ok(Vec::new());
    };
    if folder == source
        || name == "resources.toml"
        || !name.ends_with(".toml")
        || name.contains('/')
    {
        return Ok(Vec::new());
    }
    let src_name = format!("{source}/{name}");
    let (Some(st), Some(tt)) = (
        read_text(src, &src_name, &mut sink)?,
        read_text(src, file, &mut sink)?,
    ) else {
        return Ok(Vec::new());
    };
    let (sf, tf) = (SourceFile::new(&src_name, &st), SourceFile::new(file, &tt));
    let mut g = Gaps {
        file: &tf,
        out: Vec::new(),
    };
    if name == "course.toml" {
        let s = walk_file(&sf, &mut sink, |w, t| w.course_text(t));
        let t = walk_file(&tf, &mut sink, |w, t| w.course_text(t));
        if let (Some(s), Some(t)) = (s, t) {
            g.course(&s, &t);
        }
    } else {
        let s = walk_file(&sf, &mut sink, |w, t| w.module(t));
        let t = walk_file(&tf, &mut sink, |w, t| w.module(t));
        if let (Some(s), Some(t)) = (s, t) {
            g.module(&s, &t);
        }
    }
    Ok(g.out)
}

fn read_text(
    src: &dyn CourseFiles,
    rel: &str,
    sink: &mut Sink,
) -> Result<Option<String>, SourceError> {
    match src.read_file(rel) {
        Ok(Some(b)) => Ok(decode(rel, b, sink).map(|c| c.into_owned())),
        Ok(None) | Err(SourceError::TooLarge { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

struct Gaps<'f, 't> {
    file: &'f SourceFile<'t>,
    out: Vec<TextGap>,
}

impl Gaps<'_, '_> {
    fn field(&mut self, path: String, src: Option<&Str<'_>>, tr: Option<&Str<'_>>, header: &Span) {
        let Some(s) = src.filter(|s| !s.as_str().trim().is_empty()) else {
            return;
        };
        let (kind, at) = match tr.filter(|t| !t.as_str().trim().is_empty()) {
            None => (GapKind::Missing, header.start),
            Some(t) if t.as_str() == s.as_str() => (GapKind::Identical, t.span.start),
            Some(_) => return,
        };
        let (line, column) = self.file.line_col(at);
        self.out.push(TextGap {
            file: self.file.name.to_string(),
            line,
            column,
            field: path,
            kind,
        });
    }

    fn course(&mut self, s: &RawCourseText<'_>, t: &RawCourseText<'_>) {
        let top = 0..0;
        self.field("title".into(), s.title.as_ref(), t.title.as_ref(), &top);
        self.field(
            "welcome".into(),
            s.welcome.as_ref(),
            t.welcome.as_ref(),
            &top,
        );
        self.field("finish".into(), s.finish.as_ref(), t.finish.as_ref(), &top);
        let header = t.objectives.as_ref().map_or(top, |o| o.span.clone());
        for (k, title) in items(&s.objectives) {
            let tt = items(&t.objectives)
                .iter()
                .find(|(tk, _)| tk.as_str() == k.as_str())
                .and_then(|(_, v)| v.as_ref());
            self.field(
                format!("objectives > {}", q(k.as_str())),
                title.as_ref(),
                tt,
                &header,
            );
        }
    }

    fn module(&mut self, s: &RawModule<'_>, t: &RawModule<'_>) {
        let top = 0..0;
        self.field("title".into(), s.title.as_ref(), t.title.as_ref(), &top);
        self.field(
            "summary".into(),
            s.summary.as_ref(),
            t.summary.as_ref(),
            &top,
        );
        self.field(
            "content_note".into(),
            s.content_note.as_ref(),
            t.content_note.as_ref(),
            &top,
        );
        let tsteps = items(&t.steps);
        for (i, ss) in items(&s.steps).iter().enumerate() {
            let name = ss.id.as_ref().map_or_else(
                || format!("step {}", i + 1),
                |id| format!("step `{}`", q(id.as_str())),
            );
            let ts = tsteps.get(i);
            let h = ts.map_or(top.clone(), |x| x.header.clone());
            let f = |x: &str| format!("{name} > {x}");
            self.field(
                f("title"),
                ss.title.as_ref(),
                ts.and_then(|x| x.title.as_ref()),
                &h,
            );
            self.field(
                f("text"),
                ss.text.as_ref(),
                ts.and_then(|x| x.text.as_ref()),
                &h,
            );
            self.field(
                f("contact"),
                ss.contact.as_ref(),
                ts.and_then(|x| x.contact.as_ref()),
                &h,
            );
            self.field(
                f("explanation"),
                ss.explanation.as_ref(),
                ts.and_then(|x| x.explanation.as_ref()),
                &h,
            );
            let sub = |what: &str, j: usize, x: &str| format!("{name} > {what} {} > {x}", j + 1);
            let tm = ts.map_or(&[][..], |x| items(&x.messages));
            for (j, m) in items(&ss.messages).iter().enumerate() {
                let t = tm.get(j);
                let h = t.map_or(h.clone(), |x| x.header.clone());
                self.field(
                    sub("message", j, "text"),
                    m.text.as_ref(),
                    t.and_then(|x| x.text.as_ref()),
                    &h,
                );
                self.field(
                    sub("message", j, "why"),
                    m.why.as_ref(),
                    t.and_then(|x| x.why.as_ref()),
                    &h,
                );
            }
            let tc = ts.map_or(&[][..], |x| items(&x.choices));
            for (j, c) in items(&ss.choices).iter().enumerate() {
                let t = tc.get(j);
                let h = t.map_or(h.clone(), |x| x.header.clone());
                self.field(
                    sub("choice", j, "text"),
                    c.text.as_ref(),
                    t.and_then(|x| x.text.as_ref()),
                    &h,
                );
                self.field(
                    sub("choice", j, "feedback"),
                    c.feedback.as_ref(),
                    t.and_then(|x| x.feedback.as_ref()),
                    &h,
                );
            }
            let ti = ts.map_or(&[][..], |x| items(&x.items));
            for (j, it) in items(&ss.items).iter().enumerate() {
                let t = ti.get(j);
                let h = t.map_or(h.clone(), |x| x.header.clone());
                self.field(
                    sub("item", j, "text"),
                    it.text.as_ref(),
                    t.and_then(|x| x.text.as_ref()),
                    &h,
                );
                self.field(
                    sub("item", j, "why"),
                    it.why.as_ref(),
                    t.and_then(|x| x.why.as_ref()),
                    &h,
                );
            }
            let to = ts.map_or(&[][..], |x| items(&x.options));
            for (j, o) in items(&ss.options).iter().enumerate() {
                let t = to.get(j);
                let h = t.map_or(h.clone(), |x| x.header.clone());
                self.field(
                    sub("option", j, "text"),
                    o.text.as_ref(),
                    t.and_then(|x| x.text.as_ref()),
                    &h,
                );
                self.field(
                    sub("option", j, "feedback"),
                    o.feedback.as_ref(),
                    t.and_then(|x| x.feedback.as_ref()),
                    &h,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::CourseSource;

    fn basic() -> CourseSource {
        CourseSource::Dir(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/valid/basic"),
        )
    }

    #[test]
    fn lists_missing_and_identical_text() {
        let gaps = compare_translation(&basic(), "fr/first-signs.toml").expect("runs");
        let find = |field: &str| gaps.iter().find(|g| g.field == field);
        let g = find("content_note").expect("content_note is missing");
        assert_eq!((g.kind, g.line, g.column), (GapKind::Missing, 1, 1));
        let g = find("step `intro` > title").expect("step title is missing");
        assert_eq!((g.kind, g.line), (GapKind::Missing, 5));
        let g = find("step `new-follower` > contact").expect("contact is the same");
        assert_eq!((g.kind, g.line, g.column), (GapKind::Identical, 11, 11));
        let g = find("step `new-follower` > message 3 > text").expect("message text missing");
        assert_eq!((g.kind, g.line), (GapKind::Missing, 21));
        let g = find("step `signs` > item 1 > why").expect("whole item array missing");
        assert_eq!((g.kind, g.line), (GapKind::Missing, 32));
        assert!(find("title").is_none(), "translated");
        assert!(
            find("step `new-follower` > message 1 > text").is_none(),
            "translated"
        );
    }

    #[test]
    fn course_text_and_non_translations() {
        let gaps = compare_translation(&basic(), "fr/course.toml").expect("runs");
        let fields: Vec<&str> = gaps.iter().map(|g| g.field.as_str()).collect();
        assert_eq!(fields, ["finish", "objectives > stop-contact"]);
        assert!(
            compare_translation(&basic(), "en/first-signs.toml")
                .expect("runs")
                .is_empty()
        );
        assert!(
            compare_translation(&basic(), "fr/resources.toml")
                .expect("runs")
                .is_empty()
        );
        assert!(
            compare_translation(&basic(), "fr/nope.toml")
                .expect("runs")
                .is_empty()
        );
    }
}
