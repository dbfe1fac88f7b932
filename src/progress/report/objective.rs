//! `--by objective`: per objective of a course, the learners and answers
//! counted, right at the first try, and the share right in the pre-check
//! (before) and in the post-check (after).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Context;
use super::safe::{self, csv_cell, csv_num};
use super::table::{self, Col, Line};
use crate::progress::store::ProfileData;

/// One objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub course: String,
    pub objective: String,
    /// Its title in the report's language.
    pub title: String,
    /// Learners with at least one answer counted here.
    pub learners: usize,
    /// First answers to the scored steps that teach it, in every module.
    pub answered: usize,
    pub right_first_try: usize,
    pub right_first_try_pct: Option<f64>,
    /// Share (0 to 1) right at the first try in the pre-check, or null.
    pub before: Option<f64>,
    /// Share (0 to 1) right at the first try in the post-check, or null.
    pub after: Option<f64>,
    pub before_answered: usize,
    pub before_right: usize,
    pub after_answered: usize,
    pub after_right: usize,
}

#[derive(Default)]
struct Tally {
    learners: HashSet<usize>,
    answered: usize,
    right: usize,
    before: (usize, usize),
    after: (usize, usize),
}

/// Every declared objective of the courses in the report, in the order of
/// their `course.toml`. Courses that were not found have none.
pub fn build(profiles: &[ProfileData], ctx: &Context<'_>) -> Vec<Objective> {
    let mut out = Vec::new();
    for course_id in ctx.course_ids(profiles) {
        let Some(course) = ctx.course(&course_id) else {
            continue;
        };
        let index: HashMap<&str, usize> = course
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        // (module, step) -> objective indexes it teaches (scored steps only).
        let mut teaches: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for m in &course.modules {
            for s in m.steps.iter().filter(|s| s.is_scored()) {
                let objs: Vec<usize> = s
                    .teaches
                    .iter()
                    .filter_map(|t| index.get(t.as_str()).copied())
                    .collect();
                if !objs.is_empty() {
                    teaches.insert((&m.id, &s.id), objs);
                }
            }
        }
        let mut tallies: Vec<Tally> = course.objectives.iter().map(|_| Tally::default()).collect();
        let pre = course.pre_check.as_deref();
        let post = course.post_check.as_deref();
        let records = profiles
            .iter()
            .flat_map(|p| p.records.iter())
            .filter(|r| r.course == course_id);
        for (learner, r) in records.enumerate() {
            for (mid, m) in &r.modules {
                for (sid, s) in &m.steps {
                    let (Some(ok), Some(objs)) =
                        (s.first_correct, teaches.get(&(mid.as_str(), sid.as_str())))
                    else {
                        continue;
                    };
                    for &o in objs {
                        let t = &mut tallies[o];
                        t.learners.insert(learner);
                        t.answered += 1;
                        t.right += usize::from(ok);
                        if pre == Some(mid.as_str()) {
                            t.before.0 += 1;
                            t.before.1 += usize::from(ok);
                        }
                        if post == Some(mid.as_str()) {
                            t.after.0 += 1;
                            t.after.1 += usize::from(ok);
                        }
                    }
                }
            }
        }
        for (o, t) in course.objectives.iter().zip(tallies) {
            out.push(Objective {
                course: course.id.clone(),
                objective: o.id.clone(),
                title: o.title.clone(),
                learners: t.learners.len(),
                answered: t.answered,
                right_first_try: t.right,
                right_first_try_pct: safe::pct(t.right, t.answered),
                before: safe::share(t.before.1, t.before.0),
                after: safe::share(t.after.1, t.after.0),
                before_answered: t.before.0,
                before_right: t.before.1,
                after_answered: t.after.0,
                after_right: t.after.1,
            });
        }
    }
    out
}

/// `{"objectives": [...]}`.
pub fn to_json(rows: &[Objective]) -> String {
    safe::json_list("objectives", rows)
}

/// Header of the objectives' CSV.
pub const CSV_HEADER: &str = "course,objective,title,learners,answered,right_first_try,right_first_try_pct,before_answered,before_right,before_pct,after_answered,after_right,after_pct";

/// The objectives' CSV (percentages 0 to 100).
pub fn to_csv(rows: &[Objective]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let cells = [
            csv_cell(&r.course),
            csv_cell(&r.objective),
            csv_cell(&r.title),
            r.learners.to_string(),
            r.answered.to_string(),
            r.right_first_try.to_string(),
            csv_num(r.right_first_try_pct),
            r.before_answered.to_string(),
            r.before_right.to_string(),
            csv_num(safe::pct(r.before_right, r.before_answered)),
            r.after_answered.to_string(),
            r.after_right.to_string(),
            csv_num(safe::pct(r.after_right, r.after_answered)),
        ];
        safe::csv_line(&mut out, &cells);
    }
    out
}

fn pct_cell(right: usize, of: usize) -> String {
    safe::pct(right, of).map_or_else(|| "-".to_string(), |p| format!("{p:.0}%"))
}

/// The objectives as a table within 80 columns.
pub fn to_table(rows: &[Objective], ctx: &Context<'_>) -> String {
    let cols = [
        Col::text(ctx.t("report-col-objective"), 16),
        Col::num(ctx.t("report-col-learners")),
        Col::num(ctx.t("report-col-answered")),
        Col::num(ctx.t("report-col-right-first")),
        Col::num(ctx.t("report-col-before")),
        Col::num(ctx.t("report-col-after")),
    ];
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            Line::Cells(vec![
                r.title.clone(),
                r.learners.to_string(),
                r.answered.to_string(),
                pct_cell(r.right_first_try, r.answered),
                pct_cell(r.before_right, r.before_answered),
                pct_cell(r.after_right, r.after_answered),
            ])
        })
        .collect();
    table::render(&cols, &lines, table::WIDTH)
}
