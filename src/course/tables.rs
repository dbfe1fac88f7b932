//! The raw tables, one struct per table kind, and the walk of each: every
//! value kept with its span for the rules and the loader.
//!
//! The walk of a table looks each key up in the declaration
//! (`course::fields`) first: an undeclared key is an unknown field, and a
//! value is read as text of the declared kind. A match arm names the field
//! only to say which slot its value goes to; a declared field without an
//! arm, or an arm for a field the declaration lacks, fails
//! `the_walker_knows_every_declared_field` / `the_walker_reads_only_declared_fields`.

use toml::de::{DeTable, DeValue};

use super::fields;
use super::raw::*;

/// Store a converted field (`$f`, its declaration); remember it as
/// present-but-bad when the conversion failed.
macro_rules! put {
    ($w:ident, $h:expr, $slot:expr, $f:expr, $conv:expr) => {{
        let v = $conv;
        if v.is_none() {
            $w.mark_bad($h, $f.name);
        }
        $slot = v;
    }};
}

// ---------------------------------------------------------------------------
// Raw tables, one struct per table kind

/// The root `course.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawRoot<'a> {
    pub id: Option<Str<'a>>,
    pub source_locale: Option<Str<'a>>,
    pub modules: Option<Sp<Vec<Str<'a>>>>,
    pub objectives: Option<Sp<Vec<Str<'a>>>>,
    pub pre_check: Option<Str<'a>>,
    pub post_check: Option<Str<'a>>,
}

/// `<locale>/course.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawCourseText<'a> {
    pub title: Option<Str<'a>>,
    pub welcome: Option<Str<'a>>,
    pub finish: Option<Str<'a>>,
    /// Objective id (with the key's span) and title.
    pub objectives: Option<Sp<Vec<ObjectiveTitle<'a>>>>,
}

/// An objective id (spanned like a key) and its title.
pub(crate) type ObjectiveTitle<'a> = (Str<'a>, Option<Str<'a>>);

/// `<locale>/resources.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawResources<'a> {
    pub intro: Option<Str<'a>>,
    pub resources: Option<Sp<Vec<RawResource<'a>>>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawResource<'a> {
    pub header: Span,
    pub name: Option<Str<'a>>,
    pub about: Option<Str<'a>>,
    pub web: Option<Str<'a>>,
    pub phone: Option<Str<'a>>,
    pub sms: Option<Str<'a>>,
    pub hours: Option<Str<'a>>,
}

/// `<locale>/<module-id>.toml`.
#[derive(Debug, Default)]
pub(crate) struct RawModule<'a> {
    pub id: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
    pub summary: Option<Str<'a>>,
    pub minutes: Option<Sp<i64>>,
    pub content_note: Option<Str<'a>>,
    pub steps: Option<Sp<Vec<RawStep<'a>>>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawStep<'a> {
    pub header: Span,
    pub id: Option<Str<'a>>,
    pub ty: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
    pub text: Option<Str<'a>>,
    pub teaches: Option<Sp<Vec<Str<'a>>>>,
    pub shuffle: Option<Sp<bool>>,
    pub next: Option<Str<'a>>,
    pub contact: Option<Str<'a>>,
    pub messages: Option<Sp<Vec<RawMessage<'a>>>>,
    pub choices: Option<Sp<Vec<RawChoice<'a>>>>,
    pub kind: Option<Str<'a>>,
    pub explanation: Option<Str<'a>>,
    pub items: Option<Sp<Vec<RawItem<'a>>>>,
    pub options: Option<Sp<Vec<RawOption<'a>>>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawMessage<'a> {
    pub header: Span,
    pub from: Option<Str<'a>>,
    pub text: Option<Str<'a>>,
    pub sign: Option<Sp<bool>>,
    pub why: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawChoice<'a> {
    pub header: Span,
    pub text: Option<Str<'a>>,
    pub safe: Option<Sp<bool>>,
    pub feedback: Option<Str<'a>>,
    pub next: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawItem<'a> {
    pub header: Span,
    pub text: Option<Str<'a>>,
    pub sign: Option<Sp<bool>>,
    pub why: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawOption<'a> {
    pub header: Span,
    pub text: Option<Str<'a>>,
    pub correct: Option<Sp<bool>>,
    pub feedback: Option<Str<'a>>,
}

/// The items of an optional array (empty when absent).
pub(crate) fn items<T>(a: &Option<Sp<Vec<T>>>) -> &[T] {
    a.as_ref().map_or(&[], |a| a.v.as_slice())
}

// ---------------------------------------------------------------------------
// Walking each table kind

impl<'t> Walk<'_, 't> {
    pub(crate) fn root(&mut self, t: DeTable<'t>) -> RawRoot<'t> {
        let h = 0;
        let mut r = RawRoot::default();
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::ROOT) else {
                continue;
            };
            match f.name {
                "id" => put!(self, h, r.id, f, self.string(&k, v)),
                "source_locale" => put!(self, h, r.source_locale, f, self.string(&k, v)),
                "modules" => put!(self, h, r.modules, f, self.string_array(&k, v)),
                "objectives" => put!(self, h, r.objectives, f, self.string_array(&k, v)),
                "pre_check" => put!(self, h, r.pre_check, f, self.string(&k, v)),
                "post_check" => put!(self, h, r.post_check, f, self.string(&k, v)),
                _ => self.unknown_field(h, &k, &fields::ROOT),
            }
        }
        r
    }

    pub(crate) fn course_text(&mut self, t: DeTable<'t>) -> RawCourseText<'t> {
        let h = 0;
        let mut r = RawCourseText::default();
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::COURSE_TEXT) else {
                continue;
            };
            match f.name {
                "title" => put!(self, h, r.title, f, self.text(&k, v, f)),
                "welcome" => put!(self, h, r.welcome, f, self.text(&k, v, f)),
                "finish" => put!(self, h, r.finish, f, self.text(&k, v, f)),
                "objectives" => {
                    let span = v.span();
                    match v.into_inner() {
                        DeValue::Table(obj) => {
                            let mut out = Vec::with_capacity(obj.len());
                            for (ok, ov) in obj {
                                let title = self.text(&ok, ov, f);
                                let ks = ok.span();
                                out.push((
                                    Sp {
                                        v: ok.into_inner(),
                                        span: ks.clone(),
                                        key: ks,
                                    },
                                    title,
                                ));
                            }
                            r.objectives = Some(Sp {
                                v: out,
                                span,
                                key: k.span(),
                            });
                        }
                        other => self.error_help(
                            "wrong-type",
                            span,
                            format!("`objectives` must be a table, not {}", a_type(other.type_str())),
                            "write `[objectives]` and then one `objective-id = \"Title\"` line per objective".to_string(),
                        ),
                    }
                }
                _ => self.unknown_field(h, &k, &fields::COURSE_TEXT),
            }
        }
        r
    }

    pub(crate) fn resources(&mut self, t: DeTable<'t>) -> RawResources<'t> {
        let h = 0;
        let mut r = RawResources::default();
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::RESOURCES) else {
                continue;
            };
            match f.name {
                "intro" => put!(self, h, r.intro, f, self.text(&k, v, f)),
                "resource" => r.resources = self.table_array(&k, v, f, |w, h, t| w.resource(h, t)),
                _ => self.unknown_field(h, &k, &fields::RESOURCES),
            }
        }
        r
    }

    fn resource(&mut self, header: Span, t: DeTable<'t>) -> RawResource<'t> {
        let h = header.start;
        let mut r = RawResource {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::RESOURCE) else {
                continue;
            };
            match f.name {
                "name" => put!(self, h, r.name, f, self.text(&k, v, f)),
                "about" => put!(self, h, r.about, f, self.text(&k, v, f)),
                "web" => put!(self, h, r.web, f, self.text(&k, v, f)),
                "phone" => put!(self, h, r.phone, f, self.text(&k, v, f)),
                "sms" => put!(self, h, r.sms, f, self.text(&k, v, f)),
                "hours" => put!(self, h, r.hours, f, self.text(&k, v, f)),
                _ => self.unknown_field(h, &k, &fields::RESOURCE),
            }
        }
        r
    }

    pub(crate) fn module(&mut self, t: DeTable<'t>) -> RawModule<'t> {
        let h = 0;
        let mut m = RawModule::default();
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::MODULE) else {
                continue;
            };
            match f.name {
                "id" => put!(self, h, m.id, f, self.string(&k, v)),
                "title" => put!(self, h, m.title, f, self.text(&k, v, f)),
                "summary" => put!(self, h, m.summary, f, self.text(&k, v, f)),
                "minutes" => put!(self, h, m.minutes, f, self.integer(&k, v)),
                "content_note" => put!(self, h, m.content_note, f, self.text(&k, v, f)),
                "step" => put!(
                    self,
                    h,
                    m.steps,
                    f,
                    self.table_array(&k, v, f, |w, h, t| w.step(h, t))
                ),
                _ => self.unknown_field(h, &k, &fields::MODULE),
            }
        }
        m
    }

    fn step(&mut self, header: Span, t: DeTable<'t>) -> RawStep<'t> {
        let h = header.start;
        let mut s = RawStep {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::STEP) else {
                continue;
            };
            match f.name {
                "id" => put!(self, h, s.id, f, self.string(&k, v)),
                "type" => put!(self, h, s.ty, f, self.string(&k, v)),
                "title" => put!(self, h, s.title, f, self.text(&k, v, f)),
                "text" => put!(self, h, s.text, f, self.text(&k, v, f)),
                "teaches" => put!(self, h, s.teaches, f, self.string_array(&k, v)),
                "shuffle" => put!(self, h, s.shuffle, f, self.boolean(&k, v)),
                "next" => put!(self, h, s.next, f, self.string(&k, v)),
                "contact" => put!(self, h, s.contact, f, self.text(&k, v, f)),
                "kind" => put!(self, h, s.kind, f, self.string(&k, v)),
                "explanation" => put!(self, h, s.explanation, f, self.text(&k, v, f)),
                "message" => put!(
                    self,
                    h,
                    s.messages,
                    f,
                    self.table_array(&k, v, f, |w, h, t| w.message(h, t))
                ),
                "choice" => put!(
                    self,
                    h,
                    s.choices,
                    f,
                    self.table_array(&k, v, f, |w, h, t| w.choice(h, t))
                ),
                "item" => put!(
                    self,
                    h,
                    s.items,
                    f,
                    self.table_array(&k, v, f, |w, h, t| w.item(h, t))
                ),
                "option" => put!(
                    self,
                    h,
                    s.options,
                    f,
                    self.table_array(&k, v, f, |w, h, t| w.option(h, t))
                ),
                _ => self.unknown_field(h, &k, &fields::STEP),
            }
        }
        s
    }

    fn message(&mut self, header: Span, t: DeTable<'t>) -> RawMessage<'t> {
        let h = header.start;
        let mut m = RawMessage {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::MESSAGE) else {
                continue;
            };
            match f.name {
                "from" => put!(self, h, m.from, f, self.string(&k, v)),
                "text" => put!(self, h, m.text, f, self.text(&k, v, f)),
                "sign" => put!(self, h, m.sign, f, self.boolean(&k, v)),
                "why" => put!(self, h, m.why, f, self.text(&k, v, f)),
                _ => self.unknown_field(h, &k, &fields::MESSAGE),
            }
        }
        m
    }

    fn choice(&mut self, header: Span, t: DeTable<'t>) -> RawChoice<'t> {
        let h = header.start;
        let mut c = RawChoice {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::CHOICE) else {
                continue;
            };
            match f.name {
                "text" => put!(self, h, c.text, f, self.text(&k, v, f)),
                "safe" => put!(self, h, c.safe, f, self.boolean(&k, v)),
                "feedback" => put!(self, h, c.feedback, f, self.text(&k, v, f)),
                "next" => put!(self, h, c.next, f, self.string(&k, v)),
                _ => self.unknown_field(h, &k, &fields::CHOICE),
            }
        }
        c
    }

    fn item(&mut self, header: Span, t: DeTable<'t>) -> RawItem<'t> {
        let h = header.start;
        let mut i = RawItem {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::ITEM) else {
                continue;
            };
            match f.name {
                "text" => put!(self, h, i.text, f, self.text(&k, v, f)),
                "sign" => put!(self, h, i.sign, f, self.boolean(&k, v)),
                "why" => put!(self, h, i.why, f, self.text(&k, v, f)),
                _ => self.unknown_field(h, &k, &fields::ITEM),
            }
        }
        i
    }

    fn option(&mut self, header: Span, t: DeTable<'t>) -> RawOption<'t> {
        let h = header.start;
        let mut o = RawOption {
            header,
            ..Default::default()
        };
        for (k, v) in t {
            let Some(f) = self.declared(h, &k, &fields::OPTION) else {
                continue;
            };
            match f.name {
                "text" => put!(self, h, o.text, f, self.text(&k, v, f)),
                "correct" => put!(self, h, o.correct, f, self.boolean(&k, v)),
                "feedback" => put!(self, h, o.feedback, f, self.text(&k, v, f)),
                _ => self.unknown_field(h, &k, &fields::OPTION),
            }
        }
        o
    }
}
