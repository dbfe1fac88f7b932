//! Class reports: one row per profile and module, as an aligned table, CSV,
//! the JSON contract of `product.md`, or xAPI 1.0.3 statements.
//!
//! Only what the course needs leaves the machine: the nickname, ids,
//! status, score and dates. No answers' text, no free text, no user or
//! machine names. Everything printed is made safe for a terminal (JSON
//! escapes control and bidi characters; the table and CSV drop them).

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::digest;
use super::profile::same_profile;
use super::record::{CourseRecord, Status};
use super::store::ProfileData;

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

/// Keep only the profile named `name` (case-insensitively).
pub fn filter_profile(profiles: Vec<ProfileData>, name: &str) -> Vec<ProfileData> {
    profiles
        .into_iter()
        .filter(|p| same_profile(&p.name, name))
        .collect()
}

/// The modules of a record in report order: the course's order when its
/// outline is known, then modules the course no longer has (by id).
fn module_order(record: &CourseRecord, outlines: &[CourseOutline]) -> Vec<String> {
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

/// Text made safe for a terminal; plain ASCII (the common case) as is.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(crate::text::sanitize_line(s))
    }
}

/// Escape, inside JSON text, what a terminal could act on: control
/// characters (serde_json leaves DEL and C1 raw), bidi controls and
/// invisible characters. The JSON value is unchanged.
fn escape_json_text(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if (c.is_control() && c != '\n')
            || crate::text::is_invisible(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
        {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `{"records": [...]}`, as `product.md` shows.
pub fn to_json(rows: &[Row]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        records: &'a [Row],
    }
    let json = serde_json::to_string_pretty(&Out { records: rows }).unwrap_or_default();
    let mut s = escape_json_text(&json);
    s.push('\n');
    s
}

/// Header of the CSV report.
pub const CSV_HEADER: &str = "profile,course,module,status,score,started_at,completed_at";

/// One CSV cell: terminal-safe, formula-safe (a cell that a spreadsheet
/// would run as a formula gets a leading `'`), quoted when needed.
pub fn csv_cell(raw: &str) -> String {
    let s = clean(raw);
    let trigger = |c: char| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r');
    let s = if raw.starts_with(trigger) || s.trim_start().starts_with(trigger) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

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

/// Widest a table cell gets (longer text ends with `…`).
const MAX_CELL: usize = 40;

fn table_cell(raw: &str) -> String {
    let s = clean(raw);
    if s.width() <= MAX_CELL {
        return s.into_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) >= MAX_CELL {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `2026-11-29T10:02:11Z` shown as `2026-11-29 10:02`.
fn table_time(t: Option<&str>) -> String {
    match t {
        None => "-".to_string(),
        Some(t) if is_timestamp(t) && t.len() >= 16 => format!("{} {}", &t[..10], &t[11..16]),
        Some(t) => table_cell(t),
    }
}

/// A readable, aligned table (times in UTC).
pub fn to_table(rows: &[Row]) -> String {
    let header = [
        "profile",
        "course",
        "module",
        "status",
        "score",
        "started (UTC)",
        "completed (UTC)",
    ]
    .map(String::from);
    let mut lines: Vec<[String; 7]> = vec![header];
    for r in rows {
        lines.push([
            table_cell(&r.profile),
            table_cell(&r.course),
            table_cell(&r.module),
            r.status.as_str().to_string(),
            r.score
                .map(|s| format!("{}%", (s * 100.0).round() as i64))
                .unwrap_or_else(|| "-".to_string()),
            table_time(r.started_at.as_deref()),
            table_time(r.completed_at.as_deref()),
        ]);
    }
    let mut widths = [0usize; 7];
    for l in &lines {
        for (w, c) in widths.iter_mut().zip(l) {
            *w = (*w).max(c.width());
        }
    }
    let mut out = String::new();
    for l in &lines {
        let mut line = String::new();
        for (i, (c, w)) in l.iter().zip(widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(c);
            // Right-align the score; pad the others.
            let pad = w - c.width();
            if i == 4 {
                line.insert_str(line.len() - c.len(), &" ".repeat(pad));
            } else {
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// True for an RFC 3339 / ISO 8601 time as xAPI accepts it
/// (`2026-11-29T10:02:11Z`, optional fraction, `Z` or `±hh:mm`).
fn is_timestamp(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    }
}

const VERB_ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
const TYPE_COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const TYPE_MODULE: &str = "http://adlnet.gov/expapi/activities/module";
const TYPE_QUESTION: &str = "http://adlnet.gov/expapi/activities/question";

/// Percent-encode what is not an unreserved IRI character.
fn iri_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn activity(id: String, kind: &str) -> serde_json::Value {
    serde_json::json!({
        "objectType": "Activity",
        "id": id,
        "definition": { "type": kind },
    })
}

fn verb(id: &str) -> serde_json::Value {
    let name = id.rsplit('/').next().unwrap_or(id);
    serde_json::json!({ "id": id, "display": { "en-US": name } })
}

/// Finish a statement: add version and timestamp, and an id derived from
/// its content, so exporting twice gives the same statements (an LRS
/// stores them once) and a changed statement gets a new id.
fn statement(mut s: serde_json::Value, timestamp: Option<&str>) -> serde_json::Value {
    if let Some(obj) = s.as_object_mut() {
        obj.insert("version".into(), "1.0.3".into());
        if let Some(t) = timestamp.filter(|t| is_timestamp(t)) {
            obj.insert("timestamp".into(), t.into());
        }
    }
    let canonical = s.to_string();
    let id = digest::uuid_v5(
        &digest::NAMESPACE_URL,
        format!("urn:notalone:statement:{canonical}").as_bytes(),
    );
    if let Some(obj) = s.as_object_mut() {
        obj.insert("id".into(), id.into());
    }
    s
}

/// xAPI 1.0.3 statements for every profile: `attempted` for each module
/// started, `answered` for each scored step (with `result.success`: right
/// at the first try), `completed` for each module complete (with
/// `result.completion` and `result.score.scaled`).
pub fn xapi_statements(
    profiles: &[ProfileData],
    outlines: &[CourseOutline],
) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for p in profiles {
        let actor = serde_json::json!({
            "objectType": "Agent",
            "account": { "homePage": "urn:notalone", "name": p.name },
        });
        for r in &p.records {
            let course_iri = format!("urn:notalone:course:{}", iri_part(&r.course));
            let course = activity(course_iri.clone(), TYPE_COURSE);
            for module_id in module_order(r, outlines) {
                let Some(m) = r.modules.get(&module_id) else {
                    continue;
                };
                let status = r.status(&module_id);
                if status == Status::NotStarted {
                    continue;
                }
                let module_iri = format!("{course_iri}:module:{}", iri_part(&module_id));
                let module = activity(module_iri.clone(), TYPE_MODULE);
                let module_context = serde_json::json!({
                    "platform": "notalone",
                    "contextActivities": { "parent": [course.clone()] },
                });
                out.push(statement(
                    serde_json::json!({
                        "actor": actor.clone(),
                        "verb": verb(VERB_ATTEMPTED),
                        "object": module.clone(),
                        "context": module_context.clone(),
                    }),
                    m.started_at.as_deref(),
                ));
                let mut answered: Vec<(&String, &super::StepRecord)> = m
                    .steps
                    .iter()
                    .filter(|(_, s)| s.first_correct.is_some())
                    .collect();
                answered.sort_by(|a, b| a.1.answered_at.cmp(&b.1.answered_at).then(a.0.cmp(b.0)));
                for (step_id, s) in answered {
                    let step_iri = format!("{module_iri}:step:{}", iri_part(step_id));
                    out.push(statement(
                        serde_json::json!({
                            "actor": actor.clone(),
                            "verb": verb(VERB_ANSWERED),
                            "object": activity(step_iri, TYPE_QUESTION),
                            "result": { "success": s.first_correct == Some(true) },
                            "context": {
                                "platform": "notalone",
                                "contextActivities": {
                                    "parent": [module.clone()],
                                    "grouping": [course.clone()],
                                },
                            },
                        }),
                        s.answered_at.as_deref(),
                    ));
                }
                if status == Status::Complete {
                    let mut result = serde_json::json!({ "completion": true });
                    if let Some(score) = r.score(&module_id)
                        && let Some(obj) = result.as_object_mut()
                    {
                        obj.insert("score".into(), serde_json::json!({ "scaled": score }));
                    }
                    out.push(statement(
                        serde_json::json!({
                            "actor": actor.clone(),
                            "verb": verb(VERB_COMPLETED),
                            "object": module,
                            "result": result,
                            "context": module_context,
                        }),
                        m.completed_at.as_deref(),
                    ));
                }
            }
        }
    }
    out
}

/// The xAPI statements as one JSON array.
pub fn to_xapi(profiles: &[ProfileData], outlines: &[CourseOutline]) -> String {
    let statements = xapi_statements(profiles, outlines);
    let json = serde_json::to_string_pretty(&statements).unwrap_or_else(|_| "[]".to_string());
    let mut s = escape_json_text(&json);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_formula_safe() {
        assert_eq!(csv_cell("sam"), "sam");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'    =1");
        assert_eq!(csv_cell("\r=1"), "' =1");
        assert_eq!(csv_cell("  =1"), "'  =1");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("a\u{1b}]0;x\u{7}b"), "a]0;xb");
    }

    #[test]
    fn timestamps() {
        assert!(is_timestamp("2026-11-29T10:02:11Z"));
        assert!(is_timestamp("2026-11-29T10:02:11.5+01:00"));
        assert!(!is_timestamp("2026-11-29 10:02:11Z"));
        assert!(!is_timestamp("yesterday"));
        assert!(!is_timestamp("2026-11-29T10:02:11"));
    }

    #[test]
    fn json_text_escapes_what_a_terminal_acts_on() {
        let s = escape_json_text("{\"a\":\"x\u{9b}y\u{202e}z\u{7f}\"}");
        assert_eq!(s, "{\"a\":\"x\\u009by\\u202ez\\u007f\"}");
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], "x\u{9b}y\u{202e}z\u{7f}");
    }

    #[test]
    fn table_aligns_wide_text() {
        let row = |p: &str| Row {
            profile: p.into(),
            course: "c".into(),
            module: "m".into(),
            status: Status::InProgress,
            score: Some(0.5),
            started_at: Some("2026-11-29T10:02:11Z".into()),
            completed_at: None,
        };
        let t = to_table(&[row("李小龍"), row("sam")]);
        let widths: Vec<usize> = t
            .lines()
            .map(|l| l.find("in-progress").map(|i| l[..i].width()).unwrap_or(0))
            .collect();
        assert_eq!(widths[1], widths[2], "{t}");
        assert!(t.contains("2026-11-29 10:02"), "{t}");
        assert!(t.contains("50%"), "{t}");
    }
}
