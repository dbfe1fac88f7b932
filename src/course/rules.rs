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
    pub(crate) fn name(self) -> &'static str {
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

    pub(crate) fn count<T>(
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

    pub(crate) fn unused<T>(
        &mut self,
        field: &Option<Sp<T>>,
        name: &str,
        ty: StepType,
        belongs: &str,
    ) {
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

pub(crate) use super::compare::*;
use super::graph::check_graph;
use super::steps::check_step;

#[cfg(test)]
mod tests {
    use super::super::fields;
    use super::*;

    /// The values lint accepts for `type` and `kind` are the declared ones
    /// (which the schemas offer to editors), no more and no fewer.
    #[test]
    fn step_types_and_question_kinds_are_the_declared_ones() {
        let types = fields::STEP.values_of("type");
        for t in &types {
            let parsed = StepType::parse(t).unwrap_or_else(|| panic!("lint refuses `{t}`"));
            assert_eq!(parsed.name(), *t);
        }
        // Every variant is declared (a new variant must be added to the match).
        for ty in [
            StepType::Read,
            StepType::Chat,
            StepType::Spot,
            StepType::Question,
        ] {
            match ty {
                StepType::Read | StepType::Chat | StepType::Spot | StepType::Question => {
                    assert!(types.contains(&ty.name()), "{} is not declared", ty.name())
                }
            }
        }
        assert_eq!(StepType::parse("quiz"), None);
        let kinds = fields::STEP.values_of("kind");
        assert_eq!(kinds.len(), 3);
        for k in &kinds {
            assert!(question_kind(Some(k)).is_some(), "lint refuses `{k}`");
        }
        assert!(question_kind(Some("several")).is_none());
        assert_eq!(
            fields::STEP.field("kind").and_then(|f| f.default),
            Some("single")
        );
    }
}
