//! The rules that need more than one field: required fields, ids,
//! uniqueness, counts, question/spot/chat rules, the step graph, objectives,
//! and translation structure parity. They run on the raw tables of
//! `raw.rs`, which keep every value's span.

use std::collections::{HashMap, HashSet};

use super::locale;
use super::raw::*;

/// What the root `course.toml` says, once checked.
#[derive(Debug, Default, Clone)]
pub(crate) struct RootInfo {
    pub id: Option<String>,
    /// The source locale, when it is a valid tag.
    pub source: Option<String>,
    pub source_span: Span,
    /// Module ids in order (valid ones), with their span in `modules`.
    pub modules: Vec<(String, Span)>,
    /// Declared objective ids in order, with their span in `objectives`.
    pub objectives: Vec<(String, Span)>,
    /// `pre_check` when it names a listed module, with the value's span.
    pub pre_check: Option<(String, Span)>,
    /// `post_check` when it names a listed module, with the value's span.
    pub post_check: Option<(String, Span)>,
}

impl RootInfo {
    pub(crate) fn declared(&self) -> HashSet<String> {
        self.objectives.iter().map(|(o, _)| o.clone()).collect()
    }
}

/// The kind of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepType {
    Read,
    Chat,
    Spot,
    Question,
}

impl StepType {
    pub(crate) fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "read" => StepType::Read,
            "chat" => StepType::Chat,
            "spot" => StepType::Spot,
            "question" => StepType::Question,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            StepType::Read => "read",
            StepType::Chat => "chat",
            StepType::Spot => "spot",
            StepType::Question => "question",
        }
    }
}

/// The kind of a question (`single` when absent).
pub(crate) fn question_kind(s: Option<&str>) -> Option<super::model::QuestionKind> {
    use super::model::QuestionKind;
    Some(match s {
        None | Some("single") => QuestionKind::Single,
        Some("multiple") => QuestionKind::Multiple,
        Some("order") => QuestionKind::Order,
        Some(_) => return None,
    })
}

/// "1 option", "3 options".
pub(crate) fn count_of(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Why a string is not a valid id, if it is not.
pub(crate) fn id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("the id is empty".to_string());
    }
    if let Some(c) = s
        .chars()
        .find(|c| crate::text::is_invisible(*c) || c.is_control())
    {
        return Some(format!(
            "the id contains the invisible character U+{:04X}",
            c as u32
        ));
    }
    let n = s.chars().count();
    if n > MAX_ID_CHARS {
        return Some(format!(
            "the id is {n} characters long; ids have at most {MAX_ID_CHARS}"
        ));
    }
    let ok = s.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !ok {
        return Some(
            "ids use lowercase letters a-z, digits and single dashes between them".to_string(),
        );
    }
    None
}

impl Walk<'_, '_> {
    /// Report an invalid id; true when the id is valid.
    pub(crate) fn check_id(&mut self, s: &Str<'_>, what: &str) -> bool {
        match id_problem(s.as_str()) {
            Some(p) => {
                self.error_help(
                    "invalid-id",
                    s.span.clone(),
                    format!("invalid {what} id `{}`: {p}", q(s.as_str())),
                    "write ids like `spot-the-signs`: lowercase letters and digits, words joined by single dashes, at most 48 characters".to_string(),
                );
                false
            }
            None => true,
        }
    }

    /// Report a missing required field at the table's header.
    pub(crate) fn require<T>(
        &mut self,
        field: &Option<T>,
        name: &str,
        header: &Span,
        place: &str,
    ) -> bool {
        if field.is_none() {
            if self.is_bad(header.start, name) {
                return false;
            }
            self.error(
                "missing-field",
                header.clone(),
                format!("missing required field `{name}` in {place}"),
            );
            return false;
        }
        true
    }

    /// A required text field: present and not blank.
    pub(crate) fn require_text(
        &mut self,
        field: &Option<Str<'_>>,
        name: &str,
        header: &Span,
        place: &str,
    ) {
        if let Some(s) = field {
            if s.as_str().trim().is_empty() {
                self.error(
                    "empty-text",
                    s.span.clone(),
                    format!("`{name}` is empty; {place} needs a text here"),
                );
            }
        } else {
            self.require(field, name, header, place);
        }
    }

    fn count<T>(
        &mut self,
        arr: &Option<Sp<Vec<T>>>,
        header: &Span,
        min: usize,
        max: usize,
        what: &str,
        table: &str,
    ) {
        let n = items(arr).len();
        if arr.is_none() && self.is_bad(header.start, what) {
            return;
        }
        if n < min {
            self.error_help(
                "too-few",
                header.clone(),
                format!(
                    "this step has {}; it needs at least {min}",
                    count_of(n, what)
                ),
                format!("add {} `{table}` table(s)", min - n),
            );
        } else if n > max {
            self.error_help(
                "too-many",
                header.clone(),
                format!(
                    "this step has {}; it may have at most {max}",
                    count_of(n, what)
                ),
                format!("remove {} `{table}` table(s)", n - max),
            );
        }
    }

    fn unused<T>(&mut self, field: &Option<Sp<T>>, name: &str, ty: StepType, belongs: &str) {
        if let Some(f) = field {
            self.warn(
                "unused-field",
                f.key.clone(),
                format!("`{name}` is not used by {} steps and is ignored", ty.name()),
                Some(format!("`{name}` belongs to {belongs} steps")),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// course.toml (root)

pub(crate) fn check_root(w: &mut Walk<'_, '_>, r: &RawRoot<'_>) -> RootInfo {
    let top = 0..0;
    let mut info = RootInfo::default();
    w.require(&r.id, "id", &top, "course.toml");
    if let Some(id) = &r.id
        && w.check_id(id, "course")
    {
        info.id = Some(id.as_str().to_string());
    }
    w.require(&r.source_locale, "source_locale", &top, "course.toml");
    if let Some(sl) = &r.source_locale {
        info.source_span = sl.span.clone();
        match locale::normalize_tag(sl.as_str()) {
            Some(tag) if tag == sl.as_str() => info.source = Some(tag),
            Some(tag) if !sl.as_str().contains(['.', '@']) => w.error_help(
                "invalid-value",
                sl.span.clone(),
                format!(
                    "`source_locale` `{}` is not written as a BCP 47 tag",
                    q(sl.as_str())
                ),
                format!("write `{tag}` (and name its folder `{tag}/`)"),
            ),
            _ => w.error_help(
                "invalid-value",
                sl.span.clone(),
                format!("`source_locale` `{}` is not a locale tag", q(sl.as_str())),
                "use a BCP 47 tag such as `en` or `fr-CA`".to_string(),
            ),
        }
    }
    w.require(&r.modules, "modules", &top, "course.toml");
    if let Some(mods) = &r.modules {
        if mods.v.is_empty() {
            w.error_help(
                "too-few",
                mods.span.clone(),
                "`modules` is empty; a course needs at least one module".to_string(),
                "list the module ids in the order learners take them".to_string(),
            );
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for m in &mods.v {
            if !w.check_id(m, "module") {
                continue;
            }
            if matches!(m.as_str(), "course" | "resources") {
                w.error_help(
                    "invalid-id",
                    m.span.clone(),
                    format!(
                        "`{}` cannot be a module id: `<locale>/{}.toml` is a file of its own",
                        m.as_str(),
                        m.as_str()
                    ),
                    "choose another module id".to_string(),
                );
                continue;
            }
            if let Some(first) = seen.get(m.as_str()) {
                w.error_help(
                    "duplicate-id",
                    m.span.clone(),
                    format!("module `{}` is listed twice", m.as_str()),
                    format!("it is first listed on line {}", w.line_of(*first)),
                );
                continue;
            }
            seen.insert(m.as_str(), m.span.start);
            info.modules.push((m.as_str().to_string(), m.span.clone()));
        }
    }
    if let Some(objs) = &r.objectives {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for o in &objs.v {
            if !w.check_id(o, "objective") {
                continue;
            }
            if let Some(first) = seen.get(o.as_str()) {
                w.error_help(
                    "duplicate-id",
                    o.span.clone(),
                    format!("objective `{}` is declared twice", o.as_str()),
                    format!("it is first declared on line {}", w.line_of(*first)),
                );
                continue;
            }
            seen.insert(o.as_str(), o.span.start);
            info.objectives
                .push((o.as_str().to_string(), o.span.clone()));
        }
    }
    super::prepost::check_root_checks(w, r, &mut info);
    info
}

// ---------------------------------------------------------------------------
// <locale>/course.toml and resources.toml

pub(crate) fn check_course_text(
    w: &mut Walk<'_, '_>,
    c: &RawCourseText<'_>,
    is_source: bool,
    declared: Option<&HashSet<String>>,
) {
    let top = 0..0;
    if is_source {
        w.require_text(&c.title, "title", &top, "the course");
        w.require_text(&c.welcome, "welcome", &top, "the course");
    }
    if let (Some(objs), Some(declared)) = (&c.objectives, declared) {
        for (k, _) in &objs.v {
            if !declared.contains(k.as_str()) {
                let mut d: Vec<&str> = declared.iter().map(String::as_str).collect();
                d.sort_unstable();
                let help = match suggest(k.as_str(), &d) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "declare it in `objectives` of the root course.toml".to_string(),
                };
                w.error_help(
                    "unknown-objective",
                    k.span.clone(),
                    format!(
                        "objective `{}` is not declared in course.toml",
                        q(k.as_str())
                    ),
                    help,
                );
            }
        }
    }
}

pub(crate) fn check_resources(w: &mut Walk<'_, '_>, r: &RawResources<'_>, is_source: bool) {
    let list = items(&r.resources);
    if list.is_empty() && !(r.resources.is_none() && w.is_bad(0, "resource")) {
        if is_source {
            w.error_help(
                "too-few",
                r.resources.as_ref().map_or(0..0, |a| a.span.clone()),
                "the source locale's resources.toml lists no help service; it needs at least one [[resource]]".to_string(),
                "add a `[[resource]]` with `name` and `about`".to_string(),
            );
        } else {
            w.warn(
                "no-resources",
                r.resources.as_ref().map_or(0..0, |a| a.span.clone()),
                "this resources.toml lists no help service, so learners of this locale see none"
                    .to_string(),
                Some(
                    "add a `[[resource]]`, or delete this file to use the parent locale's"
                        .to_string(),
                ),
            );
        }
    }
    for res in list {
        w.require_text(&res.name, "name", &res.header, "a resource");
        w.require_text(&res.about, "about", &res.header, "a resource");
    }
}

// ---------------------------------------------------------------------------
// Modules (source locale)

/// Objectives taught, and checked (taught by a scored step).
#[derive(Debug, Default)]
pub(crate) struct Teaching {
    pub taught: HashSet<String>,
    pub checked: HashSet<String>,
}

pub(crate) fn check_module(
    w: &mut Walk<'_, '_>,
    m: &RawModule<'_>,
    stem: &str,
    declared: Option<&HashSet<String>>,
    teaching: &mut Teaching,
) {
    let top = 0..0;
    w.require(&m.id, "id", &top, "the module");
    if let Some(id) = &m.id
        && w.check_id(id, "module")
        && id.as_str() != stem
    {
        w.error_help(
            "id-mismatch",
            id.span.clone(),
            format!(
                "the module id `{}` is not the file name `{}.toml`",
                id.as_str(),
                q(stem)
            ),
            format!(
                "write `id = \"{}\"`, or rename the file to `{}.toml`",
                q(stem),
                id.as_str()
            ),
        );
    }
    w.require_text(&m.title, "title", &top, "the module");
    w.require_text(&m.summary, "summary", &top, "the module");
    if let Some(min) = &m.minutes
        && !(1..=120).contains(&min.v)
    {
        w.error(
            "invalid-value",
            min.span.clone(),
            format!("`minutes` is {}; it must be from 1 to 120", min.v),
        );
    }
    let steps = items(&m.steps);
    if m.steps.is_none() && w.is_bad(0, "step") {
        return;
    }
    if steps.is_empty() {
        let span = m.steps.as_ref().map_or(top.clone(), |s| s.span.clone());
        w.error_help(
            "too-few",
            span,
            "this module has no step; it needs at least one".to_string(),
            "add a `[[step]]` table".to_string(),
        );
        return;
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for s in steps {
        if let Some(id) = &s.id
            && w.check_id(id, "step")
        {
            if id.as_str() == "end" {
                w.error_help(
                    "invalid-id",
                    id.span.clone(),
                    "`end` cannot be a step id: `next = \"end\"` means the end of the module"
                        .to_string(),
                    "choose another step id".to_string(),
                );
            } else if let Some(first) = ids.get(id.as_str()) {
                w.error_help(
                    "duplicate-id",
                    id.span.clone(),
                    format!("step id `{}` is used twice in this module", id.as_str()),
                    format!("it is first used on line {}", w.line_of(*first)),
                );
            } else {
                ids.insert(id.as_str(), id.span.start);
            }
        }
        check_step(w, s, declared, teaching);
    }
    check_graph(w, steps);
}

fn check_step(
    w: &mut Walk<'_, '_>,
    s: &RawStep<'_>,
    declared: Option<&HashSet<String>>,
    teaching: &mut Teaching,
) {
    let h = &s.header;
    w.require(&s.id, "id", h, "this step");
    let ty = match &s.ty {
        None if w.is_bad(h.start, "type") => None,
        None => {
            w.error_help(
                "missing-field",
                h.clone(),
                "missing required field `type` in this step".to_string(),
                "add `type = \"read\"`, \"chat\", \"spot\" or \"question\"".to_string(),
            );
            None
        }
        Some(t) => match StepType::parse(t.as_str()) {
            Some(ty) => Some(ty),
            None => {
                let help = match suggest(t.as_str(), &["read", "chat", "spot", "question"]) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "a step's type is read, chat, spot or question".to_string(),
                };
                w.error_help(
                    "invalid-value",
                    t.span.clone(),
                    format!("unknown step type `{}`", q(t.as_str())),
                    help,
                );
                None
            }
        },
    };
    if let Some(teaches) = &s.teaches {
        for t in &teaches.v {
            match declared {
                Some(d) if d.contains(t.as_str()) => {
                    if !teaching.taught.contains(t.as_str()) {
                        teaching.taught.insert(t.as_str().to_string());
                    }
                    let checked = match ty {
                        Some(StepType::Question | StepType::Spot) => true,
                        Some(StepType::Chat) => !items(&s.choices).is_empty(),
                        _ => false,
                    };
                    if checked && !teaching.checked.contains(t.as_str()) {
                        teaching.checked.insert(t.as_str().to_string());
                    }
                }
                Some(d) => {
                    let mut names: Vec<&str> = d.iter().map(String::as_str).collect();
                    names.sort_unstable();
                    let help = match suggest(t.as_str(), &names) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if names.is_empty() => {
                            "course.toml declares no objectives; add it to `objectives` there"
                                .to_string()
                        }
                        None => format!("the declared objectives are: {}", names.join(", ")),
                    };
                    w.error_help(
                        "unknown-objective",
                        t.span.clone(),
                        format!(
                            "objective `{}` is not declared in course.toml",
                            q(t.as_str())
                        ),
                        help,
                    );
                }
                None => {}
            }
        }
    }
    let Some(ty) = ty else { return };
    let place = format!("this {} step", ty.name());
    match ty {
        StepType::Read => {
            w.require_text(&s.text, "text", h, &place);
            w.unused(&s.shuffle, "shuffle", ty, "chat, spot and question");
            w.unused(&s.contact, "contact", ty, "chat");
            w.unused(&s.messages, "message", ty, "chat");
            w.unused(&s.choices, "choice", ty, "chat");
            w.unused(&s.kind, "kind", ty, "question");
            w.unused(&s.explanation, "explanation", ty, "question");
            w.unused(&s.items, "item", ty, "spot");
            w.unused(&s.options, "option", ty, "question");
        }
        StepType::Chat => {
            w.require_text(&s.contact, "contact", h, &place);
            w.unused(&s.kind, "kind", ty, "question");
            w.unused(&s.explanation, "explanation", ty, "question");
            w.unused(&s.items, "item", ty, "spot");
            w.unused(&s.options, "option", ty, "question");
            w.count(&s.messages, h, 1, usize::MAX, "message", "[[step.message]]");
            w.count(&s.choices, h, 0, 6, "choice", "[[step.choice]]");
            for m in items(&s.messages) {
                match &m.from {
                    None if w.is_bad(m.header.start, "from") => {}
                    None => {
                        w.error_help(
                            "missing-field",
                            m.header.clone(),
                            "missing required field `from` in this message".to_string(),
                            "add `from = \"them\"`, \"you\" or \"note\"".to_string(),
                        );
                    }
                    Some(f) if !matches!(f.as_str(), "them" | "you" | "note") => w.error_help(
                        "invalid-value",
                        f.span.clone(),
                        format!("unknown sender `{}`", q(f.as_str())),
                        "`from` is them, you or note".to_string(),
                    ),
                    Some(_) => {}
                }
                w.require_text(&m.text, "text", &m.header, "a message");
                if m.sign.as_ref().is_some_and(|s| s.v) {
                    match &m.why {
                        None if w.is_bad(m.header.start, "why") => {}
                        None => w.error_help(
                            "missing-why",
                            m.header.clone(),
                            "this message is a warning sign but has no `why`".to_string(),
                            "add `why = \"...\"`: the learner sees it when the signs are revealed"
                                .to_string(),
                        ),
                        Some(_) => w.require_text(&m.why, "why", &m.header, "a warning sign"),
                    }
                }
            }
            for c in items(&s.choices) {
                w.require_text(&c.text, "text", &c.header, "a choice");
                w.require(&c.safe, "safe", &c.header, "this choice");
                w.require_text(&c.feedback, "feedback", &c.header, "a choice");
            }
        }
        StepType::Spot => {
            w.require_text(&s.text, "text", h, &place);
            w.unused(&s.contact, "contact", ty, "chat");
            w.unused(&s.messages, "message", ty, "chat");
            w.unused(&s.choices, "choice", ty, "chat");
            w.unused(&s.kind, "kind", ty, "question");
            w.unused(&s.explanation, "explanation", ty, "question");
            w.unused(&s.options, "option", ty, "question");
            w.count(&s.items, h, 2, 12, "item", "[[step.item]]");
            let list = items(&s.items);
            for i in list {
                w.require_text(&i.text, "text", &i.header, "an item");
                w.require(&i.sign, "sign", &i.header, "this item");
                w.require_text(&i.why, "why", &i.header, "an item");
            }
            if !list.is_empty() && !list.iter().any(|i| i.sign.as_ref().is_some_and(|s| s.v)) {
                w.error_help(
                    "no-sign",
                    h.clone(),
                    "no item of this spot step is a warning sign".to_string(),
                    "mark at least one item with `sign = true`".to_string(),
                );
            }
        }
        StepType::Question => {
            w.require_text(&s.text, "text", h, &place);
            w.unused(&s.contact, "contact", ty, "chat");
            w.unused(&s.messages, "message", ty, "chat");
            w.unused(&s.choices, "choice", ty, "chat");
            w.unused(&s.items, "item", ty, "spot");
            let kind = match &s.kind {
                None => Some(super::model::QuestionKind::Single),
                Some(k) => {
                    let kind = question_kind(Some(k.as_str()));
                    if kind.is_none() {
                        w.error_help(
                            "invalid-value",
                            k.span.clone(),
                            format!("unknown question kind `{}`", q(k.as_str())),
                            "`kind` is single, multiple or order".to_string(),
                        );
                    }
                    kind
                }
            };
            w.count(&s.options, h, 2, 8, "option", "[[step.option]]");
            check_options(w, s, kind);
        }
    }
}

fn check_options(w: &mut Walk<'_, '_>, s: &RawStep<'_>, kind: Option<super::model::QuestionKind>) {
    use super::model::QuestionKind;
    let list = items(&s.options);
    for o in list {
        w.require_text(&o.text, "text", &o.header, "an option");
    }
    let Some(kind) = kind else { return };
    match kind {
        QuestionKind::Order => {
            if let Some(sh) = s.shuffle.as_ref().filter(|sh| !sh.v) {
                w.warn(
                    "unused-field",
                    sh.key.clone(),
                    "`shuffle = false` is ignored in an order question: its options are always shown shuffled".to_string(),
                    Some("remove `shuffle`: in the order written, the answer would be showing".to_string()),
                );
            }
            for o in list {
                if let Some(c) = &o.correct {
                    w.error_help(
                        "correct-not-allowed",
                        c.key.clone(),
                        "`correct` is not allowed in an order question".to_string(),
                        "an order question's options are written in the correct order; remove `correct`".to_string(),
                    );
                }
            }
        }
        QuestionKind::Single | QuestionKind::Multiple => {
            let mut missing = false;
            for o in list {
                if o.correct.is_none() {
                    missing = true;
                    if w.is_bad(o.header.start, "correct") {
                        continue;
                    }
                    w.error_help(
                        "missing-field",
                        o.header.clone(),
                        "missing required field `correct` in this option".to_string(),
                        "add `correct = true` or `correct = false`".to_string(),
                    );
                }
            }
            if list.is_empty() {
                return;
            }
            let n = list
                .iter()
                .filter(|o| o.correct.as_ref().is_some_and(|c| c.v))
                .count();
            if n == 0 && !missing {
                w.error_help(
                    "no-correct-option",
                    s.header.clone(),
                    "no option of this question is correct".to_string(),
                    "mark the right answer with `correct = true`".to_string(),
                );
            } else if n > 1 && kind == QuestionKind::Single {
                w.error_help(
                    "several-correct",
                    s.header.clone(),
                    format!("this single-answer question has {n} correct options"),
                    "mark exactly one option `correct = true`, or write `kind = \"multiple\"`"
                        .to_string(),
                );
            }
        }
    }
}

/// Where a `next` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    End,
    Step(usize),
}

fn check_graph(w: &mut Walk<'_, '_>, steps: &[RawStep<'_>]) {
    let n = steps.len();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, s) in steps.iter().enumerate() {
        if let Some(id) = &s.id {
            index.entry(id.as_str()).or_insert(i);
        }
    }

    // Resolve a `next`; a dangling one is reported and counts as the end
    // (so one mistake does not also give "no way to the end").
    let mut dangling = false;
    let mut resolve = |w: &mut Walk<'_, '_>, next: &Str<'_>| -> Target {
        let v = next.as_str();
        if v == "end" {
            return Target::End;
        }
        if let Some(i) = index.get(v) {
            return Target::Step(*i);
        }
        let mut names: Vec<&str> = index.keys().copied().collect();
        names.sort_unstable();
        let help = match suggest(v, &names) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "use the id of a step of this module, or \"end\"".to_string(),
        };
        w.error_help(
            "dangling-next",
            next.span.clone(),
            format!("`next` names no step of this module: `{}`", q(v)),
            help,
        );
        dangling = true;
        Target::End
    };
    let mut edges: Vec<Vec<Target>> = Vec::with_capacity(n);
    for (i, s) in steps.iter().enumerate() {
        let default = match &s.next {
            Some(next) => resolve(w, next),
            None if i + 1 < n => Target::Step(i + 1),
            None => Target::End,
        };
        let is_chat = s.ty.as_ref().is_some_and(|t| t.as_str() == "chat");
        let choices = items(&s.choices);
        let mut out = Vec::new();
        if is_chat && !choices.is_empty() {
            for c in choices {
                match (&c.next, &c.safe) {
                    (Some(next), _) => out.push(resolve(w, next)),
                    // An unsafe choice without `next`: the learner chooses again.
                    (None, Some(safe)) if !safe.v => {}
                    (None, _) => out.push(default),
                }
            }
        } else {
            out.push(default);
        }
        out.sort_unstable_by_key(|t| match t {
            Target::End => usize::MAX,
            Target::Step(i) => *i,
        });
        out.dedup();
        edges.push(out);
    }
    // A dangling `next` was reported; which steps it would have reached is
    // unknown, so "unreachable" warnings would only add noise.
    let warn_unreachable = !dangling;
    // Which steps can reach the end: walk the reversed edges from the end.
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut can_end = vec![false; n];
    let mut stack = Vec::new();
    for (i, out) in edges.iter().enumerate() {
        for t in out {
            match t {
                Target::End => {
                    if !can_end[i] {
                        can_end[i] = true;
                        stack.push(i);
                    }
                }
                Target::Step(j) => reverse[*j].push(i),
            }
        }
    }
    while let Some(j) = stack.pop() {
        for &i in &reverse[j] {
            if !can_end[i] {
                can_end[i] = true;
                stack.push(i);
            }
        }
    }
    // Which steps can be reached from the first.
    let mut reached = vec![false; n];
    reached[0] = true;
    stack.push(0);
    while let Some(i) = stack.pop() {
        for t in &edges[i] {
            if let Target::Step(j) = t
                && !reached[*j]
            {
                reached[*j] = true;
                stack.push(*j);
            }
        }
    }
    let name = |i: usize| {
        steps[i].id.as_ref().map_or_else(
            || format!("number {}", i + 1),
            |id| format!("`{}`", q(id.as_str())),
        )
    };
    // Steps that cannot reach the end lead into traps: groups of steps that
    // only lead to each other (or a step that leads nowhere). Report each
    // trap once, at its first step; the steps leading into it are fine once
    // the trap is fixed.
    for trap in traps(&edges, &can_end) {
        let first = trap[0];
        let msg = if trap.len() == 1 && edges[first].is_empty() {
            format!(
                "from step {} the learner can never go on: every choice is unsafe and has no `next`",
                name(first)
            )
        } else if trap.len() == 1 {
            format!(
                "step {} only leads to itself: the learner can never reach the end of the module",
                name(first)
            )
        } else {
            let names: Vec<String> = trap.iter().map(|&i| name(i)).collect();
            format!(
                "steps {} only lead to each other: the learner can never reach the end of the module",
                names.join(", ")
            )
        };
        w.error_help(
            "no-way-to-end",
            steps[first].header.clone(),
            msg,
            "give one of these steps a way on: a `next` to a later step or \"end\", or a choice that is safe or has a `next`".to_string(),
        );
    }
    for (i, s) in steps.iter().enumerate() {
        let name = name(i);
        if warn_unreachable && !reached[i] {
            w.warn(
                "unreachable-step",
                s.header.clone(),
                format!("step {name} can never be reached from the first step"),
                Some("point a `next` at it, or remove it".to_string()),
            );
        }
    }
}

/// The traps among the steps that cannot reach the end: strongly connected
/// components (Kosaraju, iterative) with no edge to another component. Each
/// trap is a sorted list of step indices; traps are in order of first step.
fn traps(edges: &[Vec<Target>], can_end: &[bool]) -> Vec<Vec<usize>> {
    let n = edges.len();
    if can_end.iter().all(|c| *c) {
        return Vec::new();
    }
    let succ = |i: usize| {
        edges[i].iter().filter_map(|t| match t {
            Target::Step(j) if !can_end[*j] => Some(*j),
            _ => None,
        })
    };
    // 1. Post-order of a DFS over the steps that cannot reach the end.
    let mut seen = vec![false; n];
    let mut order = Vec::new();
    for start in (0..n).filter(|&i| !can_end[i]) {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, succ(start).collect())];
        while let Some((node, rest)) = stack.last_mut() {
            if let Some(next) = rest.pop() {
                if !seen[next] {
                    seen[next] = true;
                    let s = succ(next).collect();
                    stack.push((next, s));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    // 2. Components on the reversed graph, in reverse post-order.
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in (0..n).filter(|&i| !can_end[i]) {
        for j in succ(i) {
            reverse[j].push(i);
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut count = 0;
    for &start in order.iter().rev() {
        if comp[start] != usize::MAX {
            continue;
        }
        comp[start] = count;
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            for &j in &reverse[i] {
                if comp[j] == usize::MAX {
                    comp[j] = count;
                    stack.push(j);
                }
            }
        }
        count += 1;
    }
    // 3. Components with no edge out are traps.
    let mut leaves = vec![true; count];
    for i in (0..n).filter(|&i| !can_end[i]) {
        if succ(i).any(|j| comp[j] != comp[i]) {
            leaves[comp[i]] = false;
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); count];
    for i in (0..n).filter(|&i| !can_end[i]) {
        if leaves[comp[i]] {
            out[comp[i]].push(i);
        }
    }
    out.retain(|t| !t.is_empty());
    out.sort_by_key(|t| t[0]);
    out
}

/// Warnings for declared objectives never taught, or taught but never checked.
pub(crate) fn check_objectives(w: &mut Walk<'_, '_>, root: &RootInfo, teaching: &Teaching) {
    for (o, span) in &root.objectives {
        if !teaching.taught.contains(o) {
            w.warn(
                "objective-not-taught",
                span.clone(),
                format!("objective `{o}` is declared but no step teaches it"),
                Some(format!(
                    "add `teaches = [\"{o}\"]` to the steps that teach it"
                )),
            );
        } else if !teaching.checked.contains(o) {
            w.warn(
                "objective-not-checked",
                span.clone(),
                format!("objective `{o}` is taught but never checked by a question, spot or chat with choices"),
                Some(format!("add `\"{o}\"` to the `teaches` of a step that checks it")),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Translations

/// Check a translated module against its source: structure fields, where
/// present, equal the source's; tables matched by position.
pub(crate) fn compare_module(
    w: &mut Walk<'_, '_>,
    src: &RawModule<'_>,
    tr: &RawModule<'_>,
    src_name: &str,
) {
    let c = Cmp { src_name };
    c.str_field(w, "id", src.id.as_ref(), tr.id.as_ref(), None);
    if let Some(t) = &tr.minutes
        && src.minutes.as_ref().map(|m| m.v) != Some(t.v)
    {
        c.mismatch(
            w,
            "minutes",
            t.span.clone(),
            src.minutes.as_ref().map(|m| m.v.to_string()),
        );
    }
    let Some(pairs) = c.pairs(w, "step", &src.steps, &tr.steps) else {
        return;
    };
    for (s, t) in pairs {
        c.str_field(w, "id", s.id.as_ref(), t.id.as_ref(), None);
        if !c.str_field(w, "type", s.ty.as_ref(), t.ty.as_ref(), None) {
            continue;
        }
        c.str_field(w, "kind", s.kind.as_ref(), t.kind.as_ref(), Some("single"));
        c.str_field(w, "next", s.next.as_ref(), t.next.as_ref(), None);
        c.bool_field(
            w,
            "shuffle",
            s.shuffle.as_ref(),
            t.shuffle.as_ref(),
            Some(true),
        );
        if let Some(tt) = &t.teaches {
            let sv: Vec<&str> = items(&s.teaches).iter().map(|x| x.as_str()).collect();
            let tv: Vec<&str> = tt.v.iter().map(|x| x.as_str()).collect();
            if sv != tv {
                c.mismatch(
                    w,
                    "teaches",
                    tt.span.clone(),
                    Some(format!("[{}]", sv.join(", "))),
                );
            }
        }
        if let Some(p) = c.pairs(w, "message", &s.messages, &t.messages) {
            for (sm, tm) in p {
                c.str_field(w, "from", sm.from.as_ref(), tm.from.as_ref(), None);
                c.bool_field(w, "sign", sm.sign.as_ref(), tm.sign.as_ref(), Some(false));
            }
        }
        if let Some(p) = c.pairs(w, "choice", &s.choices, &t.choices) {
            for (sc, tc) in p {
                c.bool_field(w, "safe", sc.safe.as_ref(), tc.safe.as_ref(), None);
                c.str_field(w, "next", sc.next.as_ref(), tc.next.as_ref(), None);
            }
        }
        if let Some(p) = c.pairs(w, "item", &s.items, &t.items) {
            for (si, ti) in p {
                c.bool_field(w, "sign", si.sign.as_ref(), ti.sign.as_ref(), None);
            }
        }
        if let Some(p) = c.pairs(w, "option", &s.options, &t.options) {
            for (so, to) in p {
                c.bool_field(w, "correct", so.correct.as_ref(), to.correct.as_ref(), None);
            }
        }
    }
}

struct Cmp<'n> {
    src_name: &'n str,
}

impl Cmp<'_> {
    fn mismatch(&self, w: &mut Walk<'_, '_>, name: &str, span: Span, src: Option<String>) {
        let msg = match src {
            Some(v) => format!(
                "`{name}` differs from the source: it is `{}` in {}",
                q(&v),
                self.src_name
            ),
            None => format!(
                "`{name}` is not set in the source {}; a translation may not add it",
                self.src_name
            ),
        };
        w.error_help(
            "structure-mismatch",
            span,
            msg,
            format!("remove `{name}` from the translation (it is inherited from the source) or write the source's value; until then, learners of this language see this module in the source language"),
        );
    }

    /// Compare a structure string; false when it differs.
    fn str_field(
        &self,
        w: &mut Walk<'_, '_>,
        name: &str,
        src: Option<&Str<'_>>,
        tr: Option<&Str<'_>>,
        default: Option<&str>,
    ) -> bool {
        let Some(t) = tr else { return true };
        let s = src.map(|s| s.as_str()).or(default);
        if s != Some(t.as_str()) {
            self.mismatch(w, name, t.span.clone(), s.map(str::to_string));
            return false;
        }
        true
    }

    fn bool_field(
        &self,
        w: &mut Walk<'_, '_>,
        name: &str,
        src: Option<&Sp<bool>>,
        tr: Option<&Sp<bool>>,
        default: Option<bool>,
    ) {
        let Some(t) = tr else { return };
        let s = src.map(|s| s.v).or(default);
        if s != Some(t.v) {
            self.mismatch(w, name, t.span.clone(), s.map(|b| b.to_string()));
        }
    }

    /// Pair the tables of an array by position. A translation may leave the
    /// whole array out (inherited); when present, it must have the same
    /// number of tables. `None` when there is nothing to compare.
    fn pairs<'x, 'y, T: HasHeader>(
        &self,
        w: &mut Walk<'_, '_>,
        what: &str,
        src: &'x Option<Sp<Vec<T>>>,
        tr: &'y Option<Sp<Vec<T>>>,
    ) -> Option<Vec<(&'x T, &'y T)>> {
        let t = tr.as_ref()?;
        let s = items(src);
        if s.len() != t.v.len() {
            let span = if t.v.len() > s.len() {
                t.v[s.len()].header().clone()
            } else {
                t.v.last()
                    .map_or_else(|| t.span.clone(), |x| x.header().clone())
            };
            w.error_help(
                "structure-mismatch",
                span,
                format!(
                    "this translation has {} where the source {} has {}",
                    count_of(t.v.len(), what),
                    self.src_name,
                    s.len()
                ),
                format!(
                    "give the translation the same {what}s, in the same order, as {}: translate a {what} added there, remove one removed there; until then, learners of this language see this module in the source language",
                    self.src_name
                ),
            );
            return None;
        }
        Some(s.iter().zip(t.v.iter()).collect())
    }
}

pub(crate) trait HasHeader {
    fn header(&self) -> &Span;
}

macro_rules! has_header {
    ($($t:ident),*) => { $(impl HasHeader for $t<'_> { fn header(&self) -> &Span { &self.header } })* };
}
has_header!(RawStep, RawMessage, RawChoice, RawItem, RawOption);
