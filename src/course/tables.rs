//! The raw tables, one struct per table kind, and the walk of each: every
//! value kept with its span for the rules and the loader.

use toml::de::{DeTable, DeValue};

use super::fields;
use super::raw::*;

/// Store a converted field; remember it as present-but-bad when the
/// conversion failed.
macro_rules! put {
    ($w:ident, $h:expr, $slot:expr, $name:literal, $conv:expr) => {{
        let v = $conv;
        if v.is_none() {
            $w.mark_bad($h, $name);
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
            match k.get_ref().as_ref() {
                "id" => put!(self, h, r.id, "id", self.string(&k, v)),
                "source_locale" => put!(
                    self,
                    h,
                    r.source_locale,
                    "source_locale",
                    self.string(&k, v)
                ),
                "modules" => put!(self, h, r.modules, "modules", self.string_array(&k, v)),
                "objectives" => put!(
                    self,
                    h,
                    r.objectives,
                    "objectives",
                    self.string_array(&k, v)
                ),
                "pre_check" => put!(self, h, r.pre_check, "pre_check", self.string(&k, v)),
                "post_check" => put!(self, h, r.post_check, "post_check", self.string(&k, v)),
                _ => self.unknown_field(h, &k, &fields::ROOT),
            }
        }
        r
    }

    pub(crate) fn course_text(&mut self, t: DeTable<'t>) -> RawCourseText<'t> {
        let h = 0;
        let mut r = RawCourseText::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "title" => put!(self, h, r.title, "title", self.text(&k, v, TextKind::Title)),
                "welcome" => put!(
                    self,
                    h,
                    r.welcome,
                    "welcome",
                    self.text(&k, v, TextKind::Body)
                ),
                "finish" => put!(
                    self,
                    h,
                    r.finish,
                    "finish",
                    self.text(&k, v, TextKind::Body)
                ),
                "objectives" => {
                    let span = v.span();
                    match v.into_inner() {
                        DeValue::Table(obj) => {
                            let mut out = Vec::with_capacity(obj.len());
                            for (ok, ov) in obj {
                                let title = self.text(&ok, ov, TextKind::Title);
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
            match k.get_ref().as_ref() {
                "intro" => put!(self, h, r.intro, "intro", self.text(&k, v, TextKind::Body)),
                "resource" => {
                    r.resources =
                        self.table_array(&k, v, "[[resource]]", |w, h, t| w.resource(h, t))
                }
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
            match k.get_ref().as_ref() {
                "name" => put!(self, h, r.name, "name", self.text(&k, v, TextKind::Title)),
                "about" => put!(self, h, r.about, "about", self.text(&k, v, TextKind::Body)),
                "web" => put!(self, h, r.web, "web", self.text(&k, v, TextKind::Body)),
                "phone" => put!(self, h, r.phone, "phone", self.text(&k, v, TextKind::Body)),
                "sms" => put!(self, h, r.sms, "sms", self.text(&k, v, TextKind::Body)),
                "hours" => put!(self, h, r.hours, "hours", self.text(&k, v, TextKind::Body)),
                _ => self.unknown_field(h, &k, &fields::RESOURCE),
            }
        }
        r
    }

    pub(crate) fn module(&mut self, t: DeTable<'t>) -> RawModule<'t> {
        let h = 0;
        let mut m = RawModule::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "id" => put!(self, h, m.id, "id", self.string(&k, v)),
                "title" => put!(self, h, m.title, "title", self.text(&k, v, TextKind::Title)),
                "summary" => put!(
                    self,
                    h,
                    m.summary,
                    "summary",
                    self.text(&k, v, TextKind::Body)
                ),
                "minutes" => put!(self, h, m.minutes, "minutes", self.integer(&k, v)),
                "content_note" => put!(
                    self,
                    h,
                    m.content_note,
                    "content_note",
                    self.text(&k, v, TextKind::Body)
                ),
                "step" => put!(
                    self,
                    h,
                    m.steps,
                    "step",
                    self.table_array(&k, v, "[[step]]", |w, h, t| w.step(h, t))
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
            match k.get_ref().as_ref() {
                "id" => put!(self, h, s.id, "id", self.string(&k, v)),
                "type" => put!(self, h, s.ty, "type", self.string(&k, v)),
                "title" => put!(self, h, s.title, "title", self.text(&k, v, TextKind::Title)),
                "text" => put!(self, h, s.text, "text", self.text(&k, v, TextKind::Body)),
                "teaches" => put!(self, h, s.teaches, "teaches", self.string_array(&k, v)),
                "shuffle" => put!(self, h, s.shuffle, "shuffle", self.boolean(&k, v)),
                "next" => put!(self, h, s.next, "next", self.string(&k, v)),
                "contact" => put!(
                    self,
                    h,
                    s.contact,
                    "contact",
                    self.text(&k, v, TextKind::Body)
                ),
                "kind" => put!(self, h, s.kind, "kind", self.string(&k, v)),
                "explanation" => put!(
                    self,
                    h,
                    s.explanation,
                    "explanation",
                    self.text(&k, v, TextKind::Body)
                ),
                "message" => put!(
                    self,
                    h,
                    s.messages,
                    "message",
                    self.table_array(&k, v, "[[step.message]]", |w, h, t| w.message(h, t))
                ),
                "choice" => put!(
                    self,
                    h,
                    s.choices,
                    "choice",
                    self.table_array(&k, v, "[[step.choice]]", |w, h, t| w.choice(h, t))
                ),
                "item" => put!(
                    self,
                    h,
                    s.items,
                    "item",
                    self.table_array(&k, v, "[[step.item]]", |w, h, t| w.item(h, t))
                ),
                "option" => put!(
                    self,
                    h,
                    s.options,
                    "option",
                    self.table_array(&k, v, "[[step.option]]", |w, h, t| w.option(h, t))
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
            match k.get_ref().as_ref() {
                "from" => put!(self, h, m.from, "from", self.string(&k, v)),
                "text" => put!(self, h, m.text, "text", self.text(&k, v, TextKind::Body)),
                "sign" => put!(self, h, m.sign, "sign", self.boolean(&k, v)),
                "why" => put!(self, h, m.why, "why", self.text(&k, v, TextKind::Body)),
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
            match k.get_ref().as_ref() {
                "text" => put!(self, h, c.text, "text", self.text(&k, v, TextKind::Body)),
                "safe" => put!(self, h, c.safe, "safe", self.boolean(&k, v)),
                "feedback" => put!(
                    self,
                    h,
                    c.feedback,
                    "feedback",
                    self.text(&k, v, TextKind::Body)
                ),
                "next" => put!(self, h, c.next, "next", self.string(&k, v)),
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
            match k.get_ref().as_ref() {
                "text" => put!(self, h, i.text, "text", self.text(&k, v, TextKind::Body)),
                "sign" => put!(self, h, i.sign, "sign", self.boolean(&k, v)),
                "why" => put!(self, h, i.why, "why", self.text(&k, v, TextKind::Body)),
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
            match k.get_ref().as_ref() {
                "text" => put!(self, h, o.text, "text", self.text(&k, v, TextKind::Body)),
                "correct" => put!(self, h, o.correct, "correct", self.boolean(&k, v)),
                "feedback" => put!(
                    self,
                    h,
                    o.feedback,
                    "feedback",
                    self.text(&k, v, TextKind::Body)
                ),
                _ => self.unknown_field(h, &k, &fields::OPTION),
            }
        }
        o
    }
}
