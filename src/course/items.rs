//! Item-writing checks: warnings that keep scored questions honest, so that
//! a learner who answers by length or by a repeated answer does no better
//! than chance.
//!
//! - `answer-stands-out`: in a question with three or more options, the
//!   right option is at least 1.5 times as long (in characters) as the
//!   longest wrong one.
//! - `answer-pattern` (course-wide): the right option is the longest in more
//!   than 40% of the single questions with three or more options, or more
//!   than 70% of the true/false questions (single, two options) share one
//!   answer. Reported at each question that makes the pattern, when there
//!   are at least [`MIN_FOR_PATTERN`] such questions.
//!
//! Both run per language: the source locale, and every locale folder with
//! module files, as its learners see it (a translated text where there is
//! one, else the source's; modules the locale does not translate count in
//! its pattern, but are reported in the source only).

use std::collections::BTreeMap;

use super::diagnostic::Severity;
use super::raw::*;
use super::rules::{StepType, question_kind};

/// A pattern needs at least this many questions of its kind.
pub(crate) const MIN_FOR_PATTERN: usize = 3;
/// `answer-stands-out` ratio.
const STANDS_OUT: f64 = 1.5;
/// `answer-pattern`: share of single questions whose right option is the longest.
const LONGEST_SHARE: f64 = 0.40;
/// `answer-pattern`: share of true/false questions with the same answer.
const SAME_ANSWER_SHARE: f64 = 0.70;

/// One option as the learner sees it.
#[derive(Debug, Clone)]
pub(crate) struct Opt {
    chars: usize,
    correct: bool,
    /// Lowercased, trimmed, without final punctuation (to compare answers).
    norm: String,
    /// As written, trimmed (to quote it).
    shown: String,
    /// Where to point: the text, else the option's header, else the step's.
    at: Span,
}

/// One single or multiple question as the learner of one locale sees it.
#[derive(Clone)]
pub(crate) struct Question<'a, 't> {
    file: &'a SourceFile<'t>,
    single: bool,
    options: Vec<Opt>,
    /// Whether warnings about it go into `file` (false for a module a
    /// locale does not translate: its source is reported already).
    report: bool,
}

fn norm(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', '!', '?', '…', ' ', '\u{a0}'])
        .to_lowercase()
}

/// The single and multiple questions of a module: from the source `src`,
/// with the text of the translation `tr` (in `file`) where it has one.
pub(crate) fn questions<'a, 't>(
    file: &'a SourceFile<'t>,
    src: &RawModule<'_>,
    tr: Option<&RawModule<'_>>,
) -> Vec<Question<'a, 't>> {
    let mut out = Vec::new();
    let tsteps = tr.map(|t| items(&t.steps));
    for (i, s) in items(&src.steps).iter().enumerate() {
        if s.ty.as_ref().and_then(|t| StepType::parse(t.as_str())) != Some(StepType::Question) {
            continue;
        }
        let kind = question_kind(s.kind.as_ref().map(|k| k.as_str()));
        use super::model::QuestionKind;
        let single = match kind {
            Some(QuestionKind::Single) => true,
            Some(QuestionKind::Multiple) => false,
            _ => continue,
        };
        let ts = tsteps.and_then(|t| t.get(i));
        let step_at = ts.map_or_else(|| s.header.clone(), |t| t.header.clone());
        let topts = ts.map(|t| items(&t.options));
        let mut options = Vec::new();
        for (j, o) in items(&s.options).iter().enumerate() {
            let to = topts.and_then(|t| t.get(j));
            let text = to
                .and_then(|t| t.text.as_ref())
                .filter(|t| !t.as_str().trim().is_empty())
                .or(o.text.as_ref());
            let Some(text) = text else { continue };
            let at = match (tr, to) {
                (None, _) => text.span.clone(),
                (Some(_), Some(t)) => t.text.as_ref().map_or(t.header.clone(), |x| x.span.clone()),
                (Some(_), None) => step_at.clone(),
            };
            options.push(Opt {
                chars: text.as_str().trim().chars().count(),
                correct: o.correct.as_ref().is_some_and(|c| c.v),
                norm: norm(text.as_str()),
                shown: text.as_str().trim().to_string(),
                at,
            });
        }
        out.push(Question {
            file,
            single,
            options,
            report: true,
        });
    }
    out
}

/// The same questions, counted in a locale's pattern but not reported there.
pub(crate) fn unreported<'a, 't>(qs: &[Question<'a, 't>]) -> Vec<Question<'a, 't>> {
    qs.iter()
        .cloned()
        .map(|mut q| {
            q.report = false;
            q
        })
        .collect()
}

fn warn(
    sink: &mut Sink,
    q: &Question<'_, '_>,
    at: &Span,
    code: &'static str,
    msg: String,
    help: &str,
) {
    sink.push(
        q.file,
        Severity::Warning,
        code,
        at.clone(),
        msg,
        Some(help.to_string()),
    );
}

/// Run both checks over the questions of each locale (`locale` -> its
/// questions, in course order).
pub(crate) fn check_items(sink: &mut Sink, by_locale: &BTreeMap<String, Vec<Question<'_, '_>>>) {
    for (locale, qs) in by_locale {
        stands_out(sink, qs);
        longest_pattern(sink, locale, qs);
        same_answer_pattern(sink, locale, qs);
    }
}

fn stands_out(sink: &mut Sink, qs: &[Question<'_, '_>]) {
    for q in qs.iter().filter(|q| q.report && q.options.len() >= 3) {
        let longest_wrong = q
            .options
            .iter()
            .filter(|o| !o.correct)
            .map(|o| o.chars)
            .max();
        let right = q
            .options
            .iter()
            .filter(|o| o.correct)
            .max_by_key(|o| o.chars);
        let (Some(wrong), Some(right)) = (longest_wrong, right) else {
            continue;
        };
        if right.chars as f64 >= STANDS_OUT * wrong.max(1) as f64 {
            warn(
                sink,
                q,
                &right.at,
                "answer-stands-out",
                format!(
                    "the right option is {} characters long, {:.1} times the longest wrong one ({}): a learner who picks the longest option gets it right without knowing",
                    right.chars,
                    right.chars as f64 / wrong.max(1) as f64,
                    wrong
                ),
                "make the wrong options as complete and believable as the right one (real misconceptions), or say the right one more briefly",
            );
        }
    }
}

/// The right option is strictly longer than every wrong one.
fn right_is_longest<'q>(q: &'q Question<'_, '_>) -> Option<&'q Opt> {
    let right = q.options.iter().find(|o| o.correct)?;
    q.options
        .iter()
        .filter(|o| !o.correct)
        .all(|o| o.chars < right.chars)
        .then_some(right)
}

fn longest_pattern(sink: &mut Sink, locale: &str, qs: &[Question<'_, '_>]) {
    let pool: Vec<&Question<'_, '_>> = qs
        .iter()
        .filter(|q| q.single && q.options.len() >= 3)
        .collect();
    let hits: Vec<(&Question<'_, '_>, &Opt)> = pool
        .iter()
        .filter_map(|q| right_is_longest(q).map(|o| (*q, o)))
        .collect();
    let n = pool.len();
    if n < MIN_FOR_PATTERN || (hits.len() as f64) <= LONGEST_SHARE * n as f64 {
        return;
    }
    for (q, o) in hits.iter().filter(|(q, _)| q.report) {
        warn(
            sink,
            q,
            &o.at,
            "answer-pattern",
            format!(
                "in {} of the {n} single questions with three or more options ({locale}), the right option is the longest, and this is one of them: a learner who always picks the longest option scores well without knowing",
                hits.len()
            ),
            "make a wrong option the longest in some of these questions (at most 40% may have the longest right option)",
        );
    }
}

fn same_answer_pattern(sink: &mut Sink, locale: &str, qs: &[Question<'_, '_>]) {
    let pool: Vec<(&Question<'_, '_>, &Opt)> = qs
        .iter()
        .filter(|q| q.single && q.options.len() == 2)
        .filter_map(|q| q.options.iter().find(|o| o.correct).map(|o| (q, o)))
        .collect();
    let n = pool.len();
    if n < MIN_FOR_PATTERN {
        return;
    }
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, o) in &pool {
        *groups.entry(o.norm.as_str()).or_default() += 1;
    }
    let Some((answer, k)) = groups.into_iter().max_by_key(|(_, k)| *k) else {
        return;
    };
    if (k as f64) <= SAME_ANSWER_SHARE * n as f64 {
        return;
    }
    for (qn, o) in pool.iter().filter(|(qn, o)| qn.report && o.norm == answer) {
        warn(
            sink,
            qn,
            &o.at,
            "answer-pattern",
            format!(
                "{k} of the {n} true/false questions ({locale}) have the answer `{}`, and this is one of them: a learner who always gives that answer scores well without knowing",
                q(&o.shown)
            ),
            "balance them: turn some statements around so that the other answer is right (at most 70% may share an answer)",
        );
    }
}
