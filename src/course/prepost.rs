//! The before-and-after check: `pre_check` and `post_check` in the root
//! `course.toml`.
//!
//! The pre-check is the first module and holds only questions (the player
//! shows no right answers in it); the class report compares, per objective,
//! the pre-check with the post-check. So an objective the pre-check assesses
//! should be assessed by the post-check too.

use std::collections::BTreeSet;

use super::raw::*;
use super::rules::{RootInfo, StepType};

/// Check `pre_check` and `post_check` of the root course.toml against the
/// module list; record the valid ones in `info`.
pub(crate) fn check_root_checks(w: &mut Walk<'_, '_>, r: &RawRoot<'_>, info: &mut RootInfo) {
    info.pre_check = named_module(w, r.pre_check.as_ref(), "pre_check", info);
    info.post_check = named_module(w, r.post_check.as_ref(), "post_check", info);
    if let Some((pre, span)) = &info.pre_check
        && let Some(pos) = info.modules.iter().position(|(m, _)| m == pre)
        && pos > 0
    {
        let first = info.modules[0].0.clone();
        w.error_help(
            "pre-check-not-first",
            span.clone(),
            format!(
                "the pre-check `{pre}` is module number {} in `modules`; it must be the first",
                pos + 1
            ),
            format!(
                "move `\"{pre}\"` to the front of `modules` (before `\"{}\"`): learners take the pre-check before anything else",
                q(&first)
            ),
        );
    }
    if let (Some((pre, _)), Some((post, span))) = (&info.pre_check, &info.post_check)
        && pre == post
    {
        w.error_help(
            "invalid-value",
            span.clone(),
            format!("`post_check` names the pre-check `{pre}` itself"),
            "name the module taken at the end (e.g. a final check), to compare with the pre-check"
                .to_string(),
        );
        info.post_check = None;
    }
}

/// A module named by `pre_check` or `post_check`: an error unless it is
/// listed in `modules`.
fn named_module(
    w: &mut Walk<'_, '_>,
    v: Option<&Str<'_>>,
    field: &str,
    info: &RootInfo,
) -> Option<(String, Span)> {
    let v = v?;
    let name = v.as_str();
    if info.modules.iter().any(|(m, _)| m == name) {
        return Some((name.to_string(), v.span.clone()));
    }
    let ids: Vec<&str> = info.modules.iter().map(|(m, _)| m.as_str()).collect();
    let help = match suggest(name, &ids) {
        Some(s) => format!("did you mean `{s}`?"),
        None if ids.is_empty() => format!("`{field}` names one of the modules in `modules`"),
        None => format!(
            "`{field}` names one of the modules in `modules`: {}",
            ids.join(", ")
        ),
    };
    w.error_help(
        "unknown-module",
        v.span.clone(),
        format!(
            "`{field}` names `{}`, which is not a module of this course",
            q(name)
        ),
        help,
    );
    None
}

/// The pre-check module holds only `question` steps: every other step is an
/// error at its `type`.
pub(crate) fn check_pre_check_module(w: &mut Walk<'_, '_>, m: &RawModule<'_>) {
    for s in items(&m.steps) {
        let Some(ty) = &s.ty else { continue };
        match StepType::parse(ty.as_str()) {
            Some(StepType::Question) | None => {}
            Some(_) => w.error_help(
                "pre-check-not-questions",
                ty.span.clone(),
                format!(
                    "this module is the pre-check, so it may hold only question steps, not a `{}` step",
                    q(ty.as_str())
                ),
                "turn this step into a `type = \"question\"`, or move it to another module: the pre-check only asks what learners already know".to_string(),
            ),
        }
    }
}

/// The objectives a module assesses: the `teaches` of its scored steps
/// (questions, spot exercises, chats with choices).
pub(crate) fn assessed(m: &RawModule<'_>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in items(&m.steps) {
        let scored = match s.ty.as_ref().and_then(|t| StepType::parse(t.as_str())) {
            Some(StepType::Question | StepType::Spot) => true,
            Some(StepType::Chat) => !items(&s.choices).is_empty(),
            _ => false,
        };
        if scored {
            out.extend(items(&s.teaches).iter().map(|t| t.as_str().to_string()));
        }
    }
    out
}

/// Warn, at `post_check` in the root course.toml, about each objective the
/// pre-check assesses and the post-check does not.
pub(crate) fn compare_checks(
    w: &mut Walk<'_, '_>,
    info: &RootInfo,
    pre: &BTreeSet<String>,
    post: &BTreeSet<String>,
) {
    let (Some((pre_id, _)), Some((post_id, span))) = (&info.pre_check, &info.post_check) else {
        return;
    };
    for o in pre.difference(post) {
        w.warn(
            "objective-not-post-checked",
            span.clone(),
            format!(
                "objective `{}` is assessed in the pre-check `{pre_id}` but not in the post-check `{post_id}`, so its before and after cannot be compared",
                q(o)
            ),
            Some(format!(
                "add `\"{}\"` to the `teaches` of a question in `{post_id}`, or remove it from the questions of `{pre_id}`",
                q(o)
            )),
        );
    }
}
