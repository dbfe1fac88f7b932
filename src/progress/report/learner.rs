//! `--by learner`: one row per learner and course. Who finished, who
//! skipped what, how many answers were right at the first try, when they
//! were last active, and their before and after results.

use serde::Serialize;

use super::Context;
use super::records::table_time;
use super::safe::{self, csv_cell, csv_num};
use super::table::{self, Col, Line};
use crate::progress::record::{CourseRecord, ModuleRecord, Status};
use crate::progress::store::ProfileData;

/// Right at the first try in one check module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Check {
    pub answered: usize,
    pub right: usize,
}

/// One learner in one course.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Learner {
    pub profile: String,
    pub course: String,
    pub modules_complete: usize,
    pub modules_in_progress: usize,
    pub modules_total: usize,
    /// Modules skipped at their content note and not started since.
    pub skipped: Vec<String>,
    pub answered: usize,
    pub right_first_try: usize,
    pub right_first_try_pct: Option<f64>,
    /// Latest time saved in the record, ISO 8601 in local time.
    pub last_active: Option<String>,
    /// The pre-check (null when the course has none or nothing was answered in it).
    pub before: Option<Check>,
    /// The post-check (same).
    pub after: Option<Check>,
}

/// First-try results in one module.
fn check(m: Option<&ModuleRecord>) -> Option<Check> {
    let m = m?;
    let mut c = Check {
        answered: 0,
        right: 0,
    };
    for s in m.steps.values() {
        if let Some(ok) = s.first_correct {
            c.answered += 1;
            c.right += usize::from(ok);
        }
    }
    (c.answered > 0).then_some(c)
}

/// The latest valid time in a record.
fn last_active(r: &CourseRecord) -> Option<jiff::Timestamp> {
    let mut best: Option<jiff::Timestamp> = None;
    let mut see = |t: &Option<String>| {
        if let Some(ts) = t.as_deref().and_then(safe::parse_time) {
            best = Some(best.map_or(ts, |b| b.max(ts)));
        }
    };
    for m in r.modules.values() {
        see(&m.started_at);
        see(&m.completed_at);
        see(&m.skipped_at);
        for s in m.steps.values() {
            see(&s.answered_at);
        }
    }
    best
}

fn learner(ctx: &Context<'_>, profile: &str, r: &CourseRecord) -> Learner {
    let course = ctx.course(&r.course);
    let modules: Vec<String> = match course {
        Some(c) => c.modules.iter().map(|m| m.id.clone()).collect(),
        None => r.modules.keys().cloned().collect(),
    };
    let mut out = Learner {
        profile: profile.to_string(),
        course: r.course.clone(),
        modules_complete: 0,
        modules_in_progress: 0,
        modules_total: modules.len(),
        skipped: Vec::new(),
        answered: 0,
        right_first_try: 0,
        right_first_try_pct: None,
        last_active: last_active(r).map(|t| safe::local_iso(t, &ctx.tz)),
        before: course
            .and_then(|c| c.pre_check.as_deref())
            .and_then(|id| check(r.modules.get(id))),
        after: course
            .and_then(|c| c.post_check.as_deref())
            .and_then(|id| check(r.modules.get(id))),
    };
    for id in &modules {
        match r.status(id) {
            Status::Complete => out.modules_complete += 1,
            Status::InProgress => out.modules_in_progress += 1,
            Status::NotStarted => {
                if r.modules.get(id).is_some_and(|m| m.skipped_at.is_some()) {
                    out.skipped.push(id.clone());
                }
            }
        }
    }
    for m in r.modules.values() {
        for s in m.steps.values() {
            if let Some(ok) = s.first_correct {
                out.answered += 1;
                out.right_first_try += usize::from(ok);
            }
        }
    }
    out.right_first_try_pct = safe::pct(out.right_first_try, out.answered);
    out
}

/// One row per profile and course it has a record of; a profile with no
/// record yet gets a row in the primary course.
pub fn build(profiles: &[ProfileData], ctx: &Context<'_>) -> Vec<Learner> {
    let mut out = Vec::new();
    for p in profiles {
        if p.records.is_empty() {
            if let Some(c) = ctx.primary {
                out.push(learner(ctx, &p.name, &CourseRecord::new(&p.name, c)));
            }
            continue;
        }
        for r in &p.records {
            out.push(learner(ctx, &p.name, r));
        }
    }
    out
}

/// `{"learners": [...]}`.
pub fn to_json(rows: &[Learner]) -> String {
    safe::json_list("learners", rows)
}

/// Header of the learners' CSV.
pub const CSV_HEADER: &str = "profile,course,modules_complete,modules_in_progress,modules_total,modules_skipped,skipped,answered,right_first_try,right_first_try_pct,last_active,before_answered,before_right,before_pct,after_answered,after_right,after_pct";

fn check_cells(c: Option<Check>) -> [String; 3] {
    match c {
        None => [String::new(), String::new(), String::new()],
        Some(c) => [
            c.answered.to_string(),
            c.right.to_string(),
            csv_num(safe::pct(c.right, c.answered)),
        ],
    }
}

/// The learners' CSV (percentages 0 to 100, times with the local offset,
/// skipped module ids separated by spaces).
pub fn to_csv(rows: &[Learner]) -> String {
    let mut out = String::with_capacity(CSV_HEADER.len() + 1 + rows.len() * 120);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let mut cells = vec![
            csv_cell(&r.profile),
            csv_cell(&r.course),
            r.modules_complete.to_string(),
            r.modules_in_progress.to_string(),
            r.modules_total.to_string(),
            r.skipped.len().to_string(),
            csv_cell(&r.skipped.join(" ")),
            r.answered.to_string(),
            r.right_first_try.to_string(),
            csv_num(r.right_first_try_pct),
            csv_cell(r.last_active.as_deref().unwrap_or("")),
        ];
        cells.extend(check_cells(r.before));
        cells.extend(check_cells(r.after));
        safe::csv_line(&mut out, &cells);
    }
    out
}

/// `3/6`, or `-`.
fn of(c: Option<Check>) -> String {
    c.map_or_else(
        || "-".to_string(),
        |c| format!("{}/{}", c.right, c.answered),
    )
}

/// The learners as a table within 80 columns, in the report's language.
pub fn to_table(rows: &[Learner], ctx: &Context<'_>) -> String {
    let many = rows.iter().any(|r| r.course != rows[0].course);
    let has_checks = rows.iter().any(|r| {
        ctx.course(&r.course)
            .is_some_and(|c| c.pre_check.is_some() || c.post_check.is_some())
    });
    let mut cols = vec![Col::text(ctx.t("report-col-learner"), 8)];
    if many {
        cols.push(Col::text(ctx.t("report-col-course"), 8));
    }
    cols.extend([
        Col::num(ctx.t("report-col-complete")),
        Col::num(ctx.t("report-col-skipped")),
        Col::num(ctx.t("report-col-right-first")),
    ]);
    if has_checks {
        cols.push(Col::num(ctx.t("report-col-before")));
        cols.push(Col::num(ctx.t("report-col-after")));
    }
    cols.push(Col::text(ctx.t("report-col-last-active"), 16));
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.profile.clone()];
            if many {
                cells.push(r.course.clone());
            }
            cells.push(format!("{}/{}", r.modules_complete, r.modules_total));
            cells.push(r.skipped.len().to_string());
            cells.push(match r.right_first_try_pct {
                Some(p) => format!("{}/{} {:.0}%", r.right_first_try, r.answered, p),
                None => "-".to_string(),
            });
            if has_checks {
                cells.push(of(r.before));
                cells.push(of(r.after));
            }
            let last = r
                .last_active
                .as_deref()
                .and_then(safe::parse_time)
                .map(|t| t.to_string());
            cells.push(table_time(ctx, last.as_deref()));
            Line::Cells(cells)
        })
        .collect();
    table::render(&cols, &lines, table::WIDTH)
}
