//! Today's rows: one per profile and module, as a table, CSV or the JSON
//! contract of `product.md` (`{"records": [...]}`).

use serde::Serialize;

use super::Context;
use super::safe::{self, csv_cell};
use super::table::{self, Col, Line};
use crate::progress::record::{CourseRecord, Status};
use crate::progress::store::ProfileData;

/// A course's module ids in course order (from the loaded course).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseOutline {
    pub id: String,
    pub modules: Vec<String>,
}

impl CourseOutline {
    /// The outline of a loaded course.
    pub fn of(course: &crate::course::Course) -> Self {
        CourseOutline {
            id: course.id.clone(),
            modules: course.modules.iter().map(|m| m.id.clone()).collect(),
        }
    }
}

/// One line of the report: a profile's progress in one module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub profile: String,
    pub course: String,
    pub module: String,
    pub status: Status,
    pub score: Option<f64>,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
}

/// The modules of a record in report order: the course's order when its
/// outline is known, then modules the course no longer has (by id).
pub(crate) fn module_order(record: &CourseRecord, outlines: &[CourseOutline]) -> Vec<String> {
    let mut out: Vec<String> = outlines
        .iter()
        .find(|o| o.id == record.course)
        .map(|o| o.modules.clone())
        .unwrap_or_default();
    for id in record.modules.keys() {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// One row per profile × module, ordered by profile, course, then the
/// course's module order. A profile that has not started any course yet
/// gets not-started rows for each known course.
pub fn rows(profiles: &[ProfileData], outlines: &[CourseOutline]) -> Vec<Row> {
    let mut out = Vec::new();
    for p in profiles {
        if p.records.is_empty() {
            for o in outlines {
                push_rows(
                    &mut out,
                    &p.name,
                    &CourseRecord::new(&p.name, &o.id),
                    outlines,
                );
            }
        }
        for r in &p.records {
            push_rows(&mut out, &p.name, r, outlines);
        }
    }
    out
}

fn push_rows(out: &mut Vec<Row>, profile: &str, r: &CourseRecord, outlines: &[CourseOutline]) {
    for module in module_order(r, outlines) {
        let m = r.modules.get(&module);
        out.push(Row {
            profile: profile.to_string(),
            course: r.course.clone(),
            status: r.status(&module),
            score: r.score(&module),
            started_at: m.and_then(|m| m.started_at.clone()),
            completed_at: m.and_then(|m| m.completed_at.clone()),
            module,
        });
    }
}

/// `{"records": [...]}`, as `product.md` shows.
pub fn to_json(rows: &[Row]) -> String {
    safe::json_list("records", rows)
}

/// Header of the CSV report.
pub const CSV_HEADER: &str = "profile,course,module,status,score,started_at,completed_at";

/// A score for CSV: a fraction with at most 4 decimals (`0.8333`, `1`).
fn csv_score(score: Option<f64>) -> String {
    match score {
        None => String::new(),
        Some(s) => {
            let t = format!("{s:.4}");
            let t = t.trim_end_matches('0').trim_end_matches('.');
            t.to_string()
        }
    }
}

/// The CSV report, header first, one line per row.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::with_capacity(64 + rows.len() * 96);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let cells = [
            csv_cell(&r.profile),
            csv_cell(&r.course),
            csv_cell(&r.module),
            r.status.as_str().to_string(),
            csv_score(r.score),
            csv_cell(r.started_at.as_deref().unwrap_or("")),
            csv_cell(r.completed_at.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Status in the report's language.
pub(crate) fn status_text(ctx: &Context<'_>, s: Status) -> String {
    ctx.t(match s {
        Status::NotStarted => "report-status-not-started",
        Status::InProgress => "report-status-in-progress",
        Status::Complete => "report-status-complete",
    })
}

/// A saved time in local time for a table (`2026-11-29 11:02`), `-` for
/// none; text that is not a time is shown (escaped) as it is.
pub(crate) fn table_time(ctx: &Context<'_>, t: Option<&str>) -> String {
    match t {
        None => "-".to_string(),
        Some(t) => match safe::parse_time(t) {
            Some(ts) => safe::local_short(ts, &ctx.tz),
            None => safe::visible(t).into_owned(),
        },
    }
}

/// The rows as a table in the report's language, within 80 columns, times
/// in local time. The course column is shown only when there is more than
/// one course.
pub fn to_table(rows: &[Row], ctx: &Context<'_>) -> String {
    let many = rows.iter().any(|r| r.course != rows[0].course);
    let mut cols = vec![Col::text(ctx.t("report-col-learner"), 8)];
    if many {
        cols.push(Col::text(ctx.t("report-col-course"), 8));
    }
    cols.extend([
        Col::text(ctx.t("report-col-module"), 10),
        Col::text(ctx.t("report-col-status"), 11),
        Col::num(ctx.t("report-col-score")),
        Col::text(ctx.t("report-col-started"), 16),
        Col::text(ctx.t("report-col-completed"), 16),
    ]);
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.profile.clone()];
            if many {
                cells.push(r.course.clone());
            }
            // The module's title when the course is known (ids are for CSV and JSON).
            let module = ctx
                .course(&r.course)
                .and_then(|c| c.module(&r.module))
                .map_or_else(|| r.module.clone(), |m| m.title.clone());
            cells.extend([
                module,
                status_text(ctx, r.status),
                r.score
                    .map(|s| format!("{}%", (s * 100.0).round() as i64))
                    .unwrap_or_else(|| "-".to_string()),
                table_time(ctx, r.started_at.as_deref()),
                table_time(ctx, r.completed_at.as_deref()),
            ]);
            Line::Cells(cells)
        })
        .collect();
    table::render(&cols, &lines, table::WIDTH)
}
