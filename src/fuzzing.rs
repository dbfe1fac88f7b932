//! Entry points for the fuzz targets (`fuzz/`) and the property tests: each
//! takes outside input the way the program does and panics only on a real
//! bug (a crash, or a control character reaching the output).
#![doc(hidden)]

use std::sync::OnceLock;

use crate::course::{Course, CourseSource};
use crate::i18n::I18n;
use crate::plain::{PlainContext, run};
use crate::progress::CourseRecord;
use crate::session::{Input, Session};

struct Ctx {
    course: Option<Course>,
    record: Option<CourseRecord>,
    i18n: I18n,
}

impl PlainContext for Ctx {
    fn profiles(&self) -> Vec<String> {
        vec!["sam".into()]
    }
    fn validate_profile(&self, name: &str) -> Result<String, String> {
        crate::progress::profile::validate_profile_name(name).map_err(|e| e.to_string())
    }
    fn open(&mut self, profile: &str) -> anyhow::Result<(Session, Option<String>)> {
        let course = self
            .course
            .take()
            .ok_or_else(|| anyhow::anyhow!("no course"))?;
        let record = self
            .record
            .take()
            .unwrap_or_else(|| CourseRecord::new(profile, &course.id));
        Ok((Session::new(course, record), None))
    }
    fn save(&mut self, record: &CourseRecord) -> Option<CourseRecord> {
        Some(record.clone())
    }
    fn take_notice(&mut self) -> Option<String> {
        None
    }
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
    fn now(&self) -> String {
        "2026-11-29T10:00:00Z".into()
    }
}

/// Panic if plain-mode output holds a control character (other than newline).
fn check_output(out: &[u8]) {
    let s = String::from_utf8_lossy(out);
    if let Some(c) = s
        .chars()
        .find(|c| *c != '\n' && crate::text::is_forbidden_char(*c))
    {
        panic!("plain mode wrote U+{:04X}", c as u32);
    }
}

/// Run plain mode on a course with this standard input.
pub fn walk_plain(course: Course, input: &[u8]) {
    walk_plain_with(course, None, input);
}

fn walk_plain_with(course: Course, record: Option<CourseRecord>, input: &[u8]) {
    let mut ctx = Ctx {
        course: Some(course),
        record,
        i18n: I18n::new(None),
    };
    let mut out = Vec::new();
    let _ = run(input, &mut out, &mut ctx, Some("sam".into()));
    check_output(&out);
}

fn builtin() -> &'static Course {
    static C: OnceLock<Course> = OnceLock::new();
    C.get_or_init(|| {
        crate::course::load(&CourseSource::Embedded, Some("en"))
            .unwrap_or_else(|e| panic!("built-in course: {e}"))
    })
}

/// Plain mode on the built-in course, with arbitrary standard input.
pub fn plain_builtin(input: &[u8]) {
    walk_plain(builtin().clone(), input);
}

/// A progress file's bytes: parsed as the store parses them; a record that
/// parses is resumed on the built-in course and walked a little.
pub fn progress_bytes(data: &[u8]) {
    let Some(record) = crate::progress::store::parse_record_bytes(data) else {
        return;
    };
    let mut merged = CourseRecord::new("sam", "notalone");
    merged.merge_from(&record);
    let course = builtin().clone();
    for m in &course.modules {
        let _ = record.status(&m.id);
        let _ = record.score(&m.id);
    }
    let mut s = Session::new(course.clone(), record.clone());
    for i in [
        Input::Confirm,
        Input::Confirm,
        Input::Submit(vec![0]),
        Input::Confirm,
        Input::Back,
    ] {
        s.update(i, "2026-11-29T10:00:00Z");
    }
    walk_plain_with(course, Some(record), b"\n\n1\n\n");
}

/// An `.ftl` file: parsed, and every message and attribute formatted.
pub fn ftl(source: &str) {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let res = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut b = FluentBundle::new(vec![unic_langid::langid!("fr")]);
    b.set_use_isolating(false);
    let ids: Vec<String> = res
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    let _ = b.add_resource(res);
    let mut args = FluentArgs::new();
    for (k, v) in [
        ("n", 1.0),
        ("count", 3.0),
        ("done", 0.0),
        ("total", 7.0),
        ("left", 2.0),
    ] {
        args.set(k, v);
    }
    args.set("name", "sam");
    for id in ids {
        if let Some(m) = b.get_message(&id) {
            let mut errors = Vec::new();
            if let Some(v) = m.value() {
                let s = b.format_pattern(v, Some(&args), &mut errors);
                let _ = crate::text::sanitize(&s);
            }
            for a in m.attributes() {
                let _ = b.format_pattern(a.value(), Some(&args), &mut errors);
            }
        }
    }
}
