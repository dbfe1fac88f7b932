//! Loading a course for one learner locale.
//!
//! For each file the course needs (`<locale>/course.toml`, `resources.toml`,
//! one file per module) the loader takes the first folder of the locale
//! chain that has it. A module or course text found outside the source
//! locale is an overlay: structure comes from the source file, text from the
//! translation where present, else from the source. The files needed are
//! checked with the same walk and rules as `lint` (each parsed once); the
//! course is built from that walk when there is no error. Every text is
//! sanitised, so the model never holds a control character.

use std::borrow::Cow;

use super::diagnostic::Severity;
use super::lint::{finish, walk_file};
use super::locale;
use super::model::*;
use super::raw::*;
use super::rules::*;
use super::{CourseSource, LoadError, SourceError};
use crate::text;

/// The same field of the translation, if any.
macro_rules! tf {
    ($t:expr, $f:ident) => {
        $t.and_then(|x| x.$f.as_ref())
    };
}

pub(super) fn load(src: &CourseSource, lang: Option<&str>) -> Result<Course, LoadError> {
    load_files(src, lang)
}

/// A file the course needs, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fetch {
    /// No such file.
    Missing,
    /// Read, but not text (the diagnostic is in the sink).
    Broken,
    /// Its index in the texts read.
    Text(usize),
}

struct Reader<'s, 'b> {
    src: &'b dyn CourseFiles,
    sink: &'s mut Sink,
    names: Vec<String>,
    texts: Vec<Cow<'b, str>>,
}

impl Reader<'_, '_> {
    fn fetch(&mut self, rel: String) -> Result<Fetch, SourceError> {
        let bytes = match self.src.read_file(&rel) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(Fetch::Missing),
            Err(SourceError::TooLarge { file }) => {
                self.sink.file_level(
                    &file,
                    "file-too-large",
                    "this file is larger than 1 MiB; split it into smaller modules".to_string(),
                );
                return Ok(Fetch::Broken);
            }
            Err(e) => return Err(e),
        };
        match decode(&rel, bytes, self.sink) {
            Some(t) => {
                self.names.push(rel);
                self.texts.push(t);
                Ok(Fetch::Text(self.texts.len() - 1))
            }
            None => Ok(Fetch::Broken),
        }
    }

    /// The first folder of the chain that has `name`, and the file.
    fn pick(
        &mut self,
        chain: &[String],
        name: &str,
    ) -> Result<Option<(String, Fetch)>, SourceError> {
        for folder in chain {
            let f = self.fetch(format!("{folder}/{name}"))?;
            if f != Fetch::Missing {
                return Ok(Some((folder.clone(), f)));
            }
        }
        Ok(None)
    }

    /// The source file and, when the chain finds it elsewhere first, the
    /// translation overlaying it.
    fn overlay(
        &mut self,
        chain: &[String],
        source: &str,
        name: &str,
    ) -> Result<(Fetch, Option<(String, Fetch)>), SourceError> {
        match self.pick(chain, name)? {
            Some((folder, f)) if folder == source => Ok((f, None)),
            Some((folder, tr)) => {
                let src = self.fetch(format!("{source}/{name}"))?;
                Ok((src, Some((format!("{folder}/{name}"), tr))))
            }
            None => Ok((Fetch::Missing, None)),
        }
    }
}

fn invalid(sink: Sink) -> LoadError {
    LoadError::Invalid(finish(sink))
}

/// Load a course for the locale `lang` (`None`: the source locale).
pub(crate) fn load_files(src: &dyn CourseFiles, lang: Option<&str>) -> Result<Course, LoadError> {
    src.check()?;
    let mut sink = Sink::default();
    let Some(root_bytes) = src.read_file("course.toml")? else {
        return Err(SourceError::NoCourseToml(src.root_name()).into());
    };
    let Some(root_text) = decode("course.toml", root_bytes, &mut sink) else {
        return Err(invalid(sink));
    };
    let root_file = SourceFile::new("course.toml", &root_text);
    let info = walk_file(&root_file, &mut sink, |w, t| {
        let r = w.root(t);
        check_root(w, &r)
    });
    let (Some(info), false) = (info, sink.has_errors()) else {
        return Err(invalid(sink));
    };
    let Some(source) = info.source.clone() else {
        return Err(invalid(sink));
    };
    let tag = lang
        .and_then(locale::normalize_tag)
        .unwrap_or_else(|| source.clone());
    let chain = locale::chain(&tag, &source);
    // The learner reads the source language (e.g. en-CA with source en):
    // source text is not "untranslated" for them.
    let reads_source_language = locale::chain(&tag, &tag).contains(&source);

    // Read every file needed.
    let mut rd = Reader {
        src,
        sink: &mut sink,
        names: Vec::new(),
        texts: Vec::new(),
    };
    let course = rd.overlay(&chain, &source, "course.toml")?;
    let resources = rd.pick(&chain, "resources.toml")?;
    let mut modules = Vec::with_capacity(info.modules.len());
    for (id, span) in &info.modules {
        let (s, t) = rd.overlay(&chain, &source, &format!("{id}.toml"))?;
        modules.push((id.as_str(), span.clone(), s, t));
    }
    let Reader { names, texts, .. } = rd;
    let files: Vec<SourceFile<'_>> = names
        .iter()
        .zip(texts.iter())
        .map(|(n, t)| SourceFile::new(n, t))
        .collect();

    // Check them (the same walk and rules as lint).
    let declared = info.declared();
    let root_w = |sink: &mut Sink, code: &'static str, span: Span, msg: String| {
        Walk::new(sink, &root_file).error(code, span, msg);
    };
    let course_src = match course.0 {
        Fetch::Text(i) => walk_file(&files[i], &mut sink, |w, t| {
            let c = w.course_text(t);
            check_course_text(w, &c, true, Some(&declared));
            c
        }),
        Fetch::Missing => {
            root_w(
                &mut sink,
                "missing-file",
                info.source_span.clone(),
                format!("the source locale has no {source}/course.toml"),
            );
            None
        }
        Fetch::Broken => None,
    };
    // A translation with errors (its own, or a structure that no longer
    // matches the source) never keeps learners out: the source is used
    // instead, and `lint` reports the errors.
    let mut set_aside: Vec<String> = Vec::new();
    let course_tr = match &course.1 {
        Some((_, Fetch::Text(i))) => walk_file(&files[*i], &mut sink, |w, t| {
            let c = w.course_text(t);
            check_course_text(w, &c, false, Some(&declared));
            c
        })
        .filter(|_| !has_errors_in(&sink, files[*i].name)),
        _ => None,
    };
    if let Some((name, _)) = &course.1
        && course_tr.is_none()
    {
        set_aside.push(name.clone());
    }
    let res = match &resources {
        Some((folder, Fetch::Text(i))) => walk_file(&files[*i], &mut sink, |w, t| {
            let r = w.resources(t);
            check_resources(w, &r, *folder == source);
            r
        }),
        Some(_) => None,
        None => {
            root_w(
                &mut sink,
                "missing-file",
                info.source_span.clone(),
                format!("the source locale has no {source}/resources.toml"),
            );
            None
        }
    };
    let mut raw_modules = Vec::with_capacity(modules.len());
    for (id, span, s, t) in &modules {
        let src_raw = match s {
            Fetch::Text(i) => walk_file(&files[*i], &mut sink, |w, tb| {
                let m = w.module(tb);
                check_module(w, &m, id, Some(&declared), &mut Teaching::default());
                if info.pre_check.as_ref().is_some_and(|(p, _)| p == *id) {
                    super::prepost::check_pre_check_module(w, &m);
                }
                m
            }),
            Fetch::Missing => {
                root_w(
                    &mut sink,
                    "missing-module",
                    span.clone(),
                    format!("module `{id}` has no file {source}/{id}.toml"),
                );
                None
            }
            Fetch::Broken => None,
        };
        let tr_raw = match (t, &src_raw) {
            (Some((_, Fetch::Text(i))), Some(sr)) => {
                let src_name = format!("{source}/{id}.toml");
                walk_file(&files[*i], &mut sink, |w, tb| {
                    let m = w.module(tb);
                    compare_module(w, sr, &m, &src_name);
                    m
                })
                .filter(|_| !has_errors_in(&sink, files[*i].name))
                .map(|m| (m, has_own_text(&files[*i], s, &files)))
            }
            _ => None,
        };
        if let Some((name, _)) = t
            && tr_raw.is_none()
        {
            set_aside.push(name.clone());
        }
        // Copied but not translated yet (every text as in the source) counts
        // as not translated: home marks it.
        let translated = reads_source_language || tr_raw.as_ref().is_some_and(|(_, own)| *own);
        let tr_raw = tr_raw.map(|(m, _)| m);
        raw_modules.push((id, src_raw, tr_raw, translated));
    }
    let blocking = sink
        .diags
        .iter()
        .any(|d| d.severity == Severity::Error && !set_aside.contains(&d.file));
    if blocking {
        return Err(invalid(sink));
    }
    let (Some(course_src), Some(res)) = (course_src, res) else {
        return Err(invalid(sink));
    };

    // Build the resolved course.
    let ct = course_tr.as_ref();
    let objectives = info
        .objectives
        .iter()
        .map(|(id, _)| Objective {
            id: id.clone(),
            title: line(
                objective_title(ct, id),
                objective_title(Some(&course_src), id),
            )
            .unwrap_or_else(|| id.clone()),
        })
        .collect();
    let mut built = Vec::with_capacity(raw_modules.len());
    for (id, s, t, translated) in &raw_modules {
        let Some(s) = s else {
            return Err(invalid(sink));
        };
        built.push(build_module(id, s, t.as_ref(), *translated));
    }
    Ok(Course {
        id: info.id.clone().unwrap_or_default(),
        source_locale: source.clone(),
        locale: chain.first().cloned().unwrap_or_else(|| source.clone()),
        chain: chain.clone(),
        title: line(tf!(ct, title), course_src.title.as_ref()).unwrap_or_default(),
        welcome: body(tf!(ct, welcome), course_src.welcome.as_ref()).unwrap_or_default(),
        finish: body(tf!(ct, finish), course_src.finish.as_ref()),
        objectives,
        pre_check: info.pre_check.as_ref().map(|(m, _)| m.clone()),
        post_check: info.post_check.as_ref().map(|(m, _)| m.clone()),
        modules: built,
        resources: build_resources(&res),
    })
}

/// Whether a file has an error (it is checked as a whole: a translation
/// with any error is set aside).
fn has_errors_in(sink: &Sink, name: &str) -> bool {
    sink.diags
        .iter()
        .any(|d| d.severity == Severity::Error && d.file == name)
}

/// Whether a translated module has some text of its own: a text that is not
/// blank and differs from the source's at the same place.
fn has_own_text(tr: &SourceFile<'_>, src: &Fetch, files: &[SourceFile<'_>]) -> bool {
    let Fetch::Text(si) = src else { return true };
    let source = super::fields::text_fields(super::fields::FileKind::Module, files[*si].text);
    let by_place: std::collections::HashMap<&str, &str> = source
        .iter()
        .map(|f| (f.index_path.as_str(), f.value.as_str()))
        .collect();
    super::fields::text_fields(super::fields::FileKind::Module, tr.text)
        .iter()
        .any(|f| {
            !f.value.trim().is_empty()
                && by_place.get(f.index_path.as_str()).map(|s| s.trim()) != Some(f.value.trim())
        })
}

fn non_blank<'x>(s: Option<&'x Str<'_>>) -> Option<&'x str> {
    s.map(|s| s.as_str()).filter(|s| !s.trim().is_empty())
}

/// Translated text if there is some, else the source's; sanitised.
fn body(tr: Option<&Str<'_>>, src: Option<&Str<'_>>) -> Option<String> {
    non_blank(tr)
        .or_else(|| non_blank(src))
        .map(|s| clean(s, false))
}

/// As `body`, for one-line text (titles, names).
fn line(tr: Option<&Str<'_>>, src: Option<&Str<'_>>) -> Option<String> {
    non_blank(tr)
        .or_else(|| non_blank(src))
        .map(|s| clean(s, true))
}

/// `text::sanitize` (or `sanitize_line`), with a fast path for the common
/// case it would return unchanged: printable ASCII, newlines and spaces.
fn clean(s: &str, one_line: bool) -> String {
    let plain = s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n');
    match (plain, one_line) {
        (true, false) => s.to_string(),
        (true, true) => s.replace('\n', " "),
        (false, false) => text::sanitize(s),
        (false, true) => text::sanitize_line(s),
    }
}

fn objective_title<'x, 'a>(c: Option<&'x RawCourseText<'a>>, id: &str) -> Option<&'x Str<'a>> {
    c?.objectives
        .as_ref()?
        .v
        .iter()
        .find(|(k, _)| k.as_str() == id)
        .and_then(|(_, t)| t.as_ref())
}

fn nth<T>(a: Option<&Sp<Vec<T>>>, i: usize) -> Option<&T> {
    a.and_then(|a| a.v.get(i))
}

fn next_of(s: &Str<'_>) -> Next {
    match s.as_str() {
        "end" => Next::End,
        id => Next::Step(id.to_string()),
    }
}

fn build_resources(r: &RawResources<'_>) -> Resources {
    Resources {
        intro: body(r.intro.as_ref(), None),
        items: items(&r.resources)
            .iter()
            .map(|x| Resource {
                name: line(x.name.as_ref(), None).unwrap_or_default(),
                about: body(x.about.as_ref(), None).unwrap_or_default(),
                web: line(x.web.as_ref(), None),
                phone: line(x.phone.as_ref(), None),
                sms: line(x.sms.as_ref(), None),
                hours: line(x.hours.as_ref(), None),
            })
            .collect(),
    }
}

fn build_module(
    id: &str,
    s: &RawModule<'_>,
    t: Option<&RawModule<'_>>,
    translated: bool,
) -> Module {
    let ts = tf!(t, steps);
    Module {
        id: id.to_string(),
        title: line(tf!(t, title), s.title.as_ref()).unwrap_or_default(),
        summary: body(tf!(t, summary), s.summary.as_ref()).unwrap_or_default(),
        minutes: s.minutes.as_ref().and_then(|m| u32::try_from(m.v).ok()),
        content_note: body(tf!(t, content_note), s.content_note.as_ref()),
        steps: items(&s.steps)
            .iter()
            .enumerate()
            .map(|(i, st)| build_step(st, nth(ts, i)))
            .collect(),
        translated,
    }
}

fn build_step(s: &RawStep<'_>, t: Option<&RawStep<'_>>) -> Step {
    let text = || body(tf!(t, text), s.text.as_ref());
    let kind = match s.ty.as_ref().and_then(|x| StepType::parse(x.as_str())) {
        Some(StepType::Read) | None => StepKind::Read {
            text: text().unwrap_or_default(),
        },
        Some(StepType::Chat) => {
            let (tm, tc) = (tf!(t, messages), tf!(t, choices));
            StepKind::Chat {
                contact: line(tf!(t, contact), s.contact.as_ref()).unwrap_or_default(),
                text: text(),
                messages: items(&s.messages)
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let tm = nth(tm, i);
                        Message {
                            from: match m.from.as_ref().map(|f| f.as_str()) {
                                Some("you") => Speaker::You,
                                Some("note") => Speaker::Note,
                                _ => Speaker::Them,
                            },
                            text: body(tf!(tm, text), m.text.as_ref()).unwrap_or_default(),
                            sign: m.sign.as_ref().is_some_and(|b| b.v),
                            why: body(tf!(tm, why), m.why.as_ref()),
                        }
                    })
                    .collect(),
                choices: items(&s.choices)
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let tc = nth(tc, i);
                        Choice {
                            text: body(tf!(tc, text), c.text.as_ref()).unwrap_or_default(),
                            safe: c.safe.as_ref().is_some_and(|b| b.v),
                            feedback: body(tf!(tc, feedback), c.feedback.as_ref())
                                .unwrap_or_default(),
                            next: c.next.as_ref().map(next_of),
                        }
                    })
                    .collect(),
            }
        }
        Some(StepType::Spot) => {
            let ti = tf!(t, items);
            StepKind::Spot {
                text: text().unwrap_or_default(),
                items: items(&s.items)
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        let ti = nth(ti, i);
                        SpotItem {
                            text: body(tf!(ti, text), it.text.as_ref()).unwrap_or_default(),
                            sign: it.sign.as_ref().is_some_and(|b| b.v),
                            why: body(tf!(ti, why), it.why.as_ref()).unwrap_or_default(),
                        }
                    })
                    .collect(),
            }
        }
        Some(StepType::Question) => {
            let kind = question_kind(s.kind.as_ref().map(|k| k.as_str())).unwrap_or_default();
            let to = tf!(t, options);
            StepKind::Question {
                kind,
                text: text().unwrap_or_default(),
                explanation: body(tf!(t, explanation), s.explanation.as_ref()),
                options: items(&s.options)
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let to = nth(to, i);
                        QuestionOption {
                            text: body(tf!(to, text), o.text.as_ref()).unwrap_or_default(),
                            correct: kind != QuestionKind::Order
                                && o.correct.as_ref().is_some_and(|b| b.v),
                            feedback: body(tf!(to, feedback), o.feedback.as_ref()),
                        }
                    })
                    .collect(),
            }
        }
    };
    Step {
        id: s
            .id
            .as_ref()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        title: line(tf!(t, title), s.title.as_ref()),
        teaches: items(&s.teaches)
            .iter()
            .map(|x| x.as_str().to_string())
            .collect(),
        shuffle: s.shuffle.as_ref().is_none_or(|b| b.v),
        next: s.next.as_ref().map(next_of),
        kind,
    }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
