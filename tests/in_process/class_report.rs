//! The class report over a scripted class with known answers: exact
//! numbers in every view (learners, questions, objectives), as JSON, CSV
//! and the 80-column table, through the library.

#[path = "../common/report_class.rs"]
mod report_class;

use notalone::course::{self, CourseSource};
use notalone::progress::report::{self, Context, learner, objective, question};
use notalone::progress::store::ProfileData;
use serde_json::{Value, json};

fn course() -> course::Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/report-class");
    let c = course::load(&CourseSource::Dir(dir), Some("en")).expect("course loads");
    assert_eq!(c.pre_check.as_deref(), Some("warm-up"));
    assert_eq!(c.post_check.as_deref(), Some("final"));
    c
}

fn class() -> Vec<ProfileData> {
    report_class::records()
        .into_iter()
        .map(|r| ProfileData {
            name: r.profile.clone(),
            records: vec![r],
        })
        .collect()
}

fn ctx(courses: &[course::Course]) -> Context<'_> {
    let mut c = Context::new(courses, Some(report_class::COURSE), Some("en"));
    c.tz = jiff::tz::TimeZone::UTC;
    c
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

#[test]
fn learners_view_has_exact_numbers() {
    let courses = [course()];
    let ctx = ctx(&courses);
    let v = parse(&learner::to_json(&learner::build(&class(), &ctx)));
    let rows = v["learners"].as_array().expect("learners");
    assert_eq!(rows.len(), 12);
    // (name, complete, skipped, answered, right, before, after)
    type Expect = (
        &'static str,
        u64,
        &'static [&'static str],
        u64,
        u64,
        Option<(u64, u64)>,
        Option<(u64, u64)>,
    );
    let expect: [Expect; 12] = [
        ("L01", 3, &[], 6, 6, Some((2, 2)), Some((2, 2))),
        ("L02", 3, &[], 6, 2, Some((2, 0)), Some((2, 2))),
        ("L03", 3, &[], 6, 3, Some((2, 1)), Some((2, 0))),
        ("L04", 3, &[], 6, 4, Some((2, 1)), Some((2, 2))),
        ("L05", 3, &[], 6, 2, Some((2, 1)), Some((2, 1))),
        ("L06", 3, &[], 6, 5, Some((2, 1)), Some((2, 2))),
        ("L07", 3, &[], 6, 4, Some((2, 2)), Some((2, 1))),
        ("L08", 3, &[], 6, 4, Some((2, 0)), Some((2, 2))),
        ("L09", 2, &["chat"], 4, 3, Some((2, 1)), Some((2, 2))),
        ("L10", 2, &["chat"], 4, 2, Some((2, 1)), Some((2, 1))),
        ("L11", 1, &[], 2, 2, Some((2, 2)), None),
        ("L12", 0, &[], 1, 0, Some((1, 0)), None),
    ];
    let check = |c: Option<(u64, u64)>| match c {
        None => Value::Null,
        Some((a, r)) => json!({"answered": a, "right": r}),
    };
    for (row, (name, complete, skipped, answered, right, before, after)) in rows.iter().zip(expect)
    {
        assert_eq!(row["profile"], name);
        assert_eq!(row["course"], "report-class");
        assert_eq!(row["modules_complete"], complete, "{name}");
        assert_eq!(row["modules_total"], 3, "{name}");
        assert_eq!(row["skipped"], json!(skipped), "{name}");
        assert_eq!(row["answered"], answered, "{name}");
        assert_eq!(row["right_first_try"], right, "{name}");
        assert_eq!(row["before"], check(before), "{name}");
        assert_eq!(row["after"], check(after), "{name}");
    }
    assert_eq!(rows[0]["last_active"], "2026-11-30T09:13:01+00:00");
    assert_eq!(rows[10]["modules_in_progress"], 1, "L11 quit in the chat");
    assert_eq!(rows[11]["last_active"], "2026-11-30T09:01:12+00:00");
}

#[test]
fn questions_view_has_exact_numbers() {
    let courses = [course()];
    let ctx = ctx(&courses);
    let v = parse(&question::to_json(&question::build(&class(), &ctx)));
    let rows = v["questions"].as_array().expect("questions");
    let ids: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["step"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("w-signs", "single"),
        ("w-tell", "single"),
        ("follower", "flag"),
        ("follower", "chat"),
        ("order", "order"),
        ("f-signs", "multiple"),
        ("f-tell", "spot"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(ids, want, "course order, a chat's flags before its choice");
    let counts = |r: &Value| -> Vec<u64> {
        r["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["chosen_first"].as_u64().unwrap())
            .collect()
    };
    // (answered, right, chosen first per option, most chosen wrong)
    let expect: [(u64, u64, Vec<u64>, Value); 7] = [
        (
            12,
            5,
            vec![5, 5, 2],
            json!({"text": "A friend says hello", "count": 5}),
        ),
        (11, 7, vec![4, 7], json!({"text": "Nobody", "count": 4})),
        (
            9,
            4,
            vec![1, 7, 6],
            json!({"text": "hey saw u at the game", "count": 1}),
        ),
        (
            8,
            6,
            vec![2, 6],
            json!({"text": "Send a photo back", "count": 2}),
        ),
        (
            8,
            4,
            vec![4, 3, 1],
            json!({"text": "Save the evidence → Stop replying → Tell an adult", "count": 3}),
        ),
        (
            10,
            7,
            vec![9, 8, 2],
            json!({"text": "They play the same game", "count": 2}),
        ),
        (
            10,
            8,
            vec![9, 2],
            json!({"text": "The person threatening you", "count": 2}),
        ),
    ];
    for (r, (answered, right, chosen, wrong)) in rows.iter().zip(expect) {
        let id = &r["step"];
        assert_eq!(r["answered"], answered, "{id}");
        assert_eq!(r["right_first_try"], right, "{id}");
        assert_eq!(counts(r), chosen, "{id}");
        assert_eq!(r["most_chosen_wrong"], wrong, "{id}");
    }
    assert_eq!(rows[0]["text"], "Which of these is a warning sign?");
    assert_eq!(rows[0]["right_first_try_pct"], 41.7);
    assert_eq!(
        rows[0]["options"][0],
        json!({"index": 0, "text": "A stranger asks to move to a private app", "correct": true, "chosen_first": 5})
    );
    // Flag rows list the other person's messages; `correct` marks the signs.
    let flags = &rows[2]["options"];
    assert_eq!(flags[0]["correct"], false);
    assert_eq!(flags[1]["correct"], true);
    assert_eq!(flags[2]["text"], "send me a pic, just for me");
    assert_eq!(
        rows[2]["text"],
        "A new follower: which messages are warning signs?"
    );
    assert_eq!(
        rows[4]["options"][0]["correct"], true,
        "order: the item that comes first"
    );
}

#[test]
fn objectives_view_compares_before_and_after() {
    let courses = [course()];
    let ctx = ctx(&courses);
    let v = parse(&objective::to_json(&objective::build(&class(), &ctx)));
    let rows = v["objectives"].as_array().expect("objectives");
    assert_eq!(rows.len(), 2);
    let signs = &rows[0];
    assert_eq!(signs["objective"], "signs");
    assert_eq!(signs["title"], "Spot the warning signs");
    assert_eq!(signs["learners"], 12);
    // w-signs 12 (5 right) + chat choice 8 (6) + f-signs 10 (7); flags are not scored.
    assert_eq!(signs["answered"], 30);
    assert_eq!(signs["right_first_try"], 18);
    assert_eq!(signs["before"], 0.4167);
    assert_eq!(signs["after"], 0.7);
    let tell = &rows[1];
    assert_eq!(tell["learners"], 11);
    assert_eq!(tell["answered"], 29);
    assert_eq!(tell["right_first_try"], 19);
    assert_eq!(tell["before"], 0.6364);
    assert_eq!(tell["after"], 0.8);
}

fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_views_use_percentages_and_local_times() {
    let courses = [course()];
    let ctx = ctx(&courses);
    let l = csv_rows(&learner::to_csv(&learner::build(&class(), &ctx)));
    assert_eq!(l[0].join(","), learner::CSV_HEADER);
    let col = |name: &str| l[0].iter().position(|h| h == name).expect(name);
    let l09 = &l[9];
    assert_eq!(l09[col("profile")], "L09");
    assert_eq!(l09[col("modules_complete")], "2");
    assert_eq!(l09[col("modules_skipped")], "1");
    assert_eq!(l09[col("skipped")], "chat");
    assert_eq!(l09[col("right_first_try_pct")], "75");
    assert_eq!(l09[col("before_pct")], "50");
    assert_eq!(l09[col("after_pct")], "100");
    assert_eq!(l09[col("last_active")], "2026-11-30T09:13:09+00:00");
    assert_eq!(l[12][col("after_pct")], "", "L12 has no post-check");
    let q = csv_rows(&question::to_csv(&question::build(&class(), &ctx)));
    let qc = |name: &str| q[0].iter().position(|h| h == name).expect(name);
    assert_eq!(q[1][qc("right_first_try_pct")], "41.7");
    assert_eq!(q[1][qc("most_chosen_wrong")], "A friend says hello");
    assert_eq!(q[1][qc("option_2_chosen_first")], "5");
    assert_eq!(q[1][qc("option_1_correct")], "yes");
    let o = csv_rows(&objective::to_csv(&objective::build(&class(), &ctx)));
    assert_eq!(o[0].join(","), objective::CSV_HEADER);
    let oc = |name: &str| o[0].iter().position(|h| h == name).expect(name);
    assert_eq!(o[1][oc("before_pct")], "41.7");
    assert_eq!(o[1][oc("after_pct")], "70");
    assert_eq!(o[2][oc("right_first_try_pct")], "65.5");
}

#[test]
fn tables_fit_80_columns_in_english_and_french() {
    let courses = [course()];
    for lang in ["en", "fr"] {
        let mut ctx = Context::new(&courses, Some(report_class::COURSE), Some(lang));
        ctx.tz = jiff::tz::TimeZone::UTC;
        let class = class();
        let tables = [
            learner::to_table(&learner::build(&class, &ctx), &ctx),
            question::to_table(&question::build(&class, &ctx), &ctx),
            objective::to_table(&objective::build(&class, &ctx), &ctx),
        ];
        for t in &tables {
            for line in t.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= 80,
                    "{lang}: {line:?}\n{t}"
                );
            }
        }
        let learners = &tables[0];
        let head = learners.lines().next().unwrap();
        if lang == "fr" {
            assert!(
                head.starts_with("Élève") && head.contains("Avant"),
                "{learners}"
            );
        } else {
            assert!(
                head.starts_with("Learner") && head.contains("Before"),
                "{learners}"
            );
        }
        let l09 = learners.lines().find(|l| l.starts_with("L09")).unwrap();
        assert!(
            l09.contains("2/3")
                && l09.contains("3/4")
                && l09.contains("1/2")
                && l09.contains("2/2"),
            "{l09}"
        );
        assert!(l09.contains("2026-11-30 09:13"), "{l09}");
        assert!(
            tables[1].contains("A friend says hello (5)"),
            "{}",
            tables[1]
        );
    }
}

#[test]
fn a_course_that_cannot_be_found_reports_by_id() {
    let ctx = ctx(&[]);
    let v = parse(&question::to_json(&question::build(&class(), &ctx)));
    let rows = v["questions"].as_array().unwrap();
    let w = rows
        .iter()
        .find(|r| r["step"] == "w-signs")
        .expect("w-signs by id");
    assert_eq!(w["text"], Value::Null);
    assert_eq!(w["kind"], Value::Null);
    assert_eq!(w["answered"], 12);
    assert_eq!(w["right_first_try"], 5);
    let chosen: Vec<u64> = w["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["chosen_first"].as_u64().unwrap())
        .collect();
    assert_eq!(chosen, [5, 5, 2]);
    let l = parse(&learner::to_json(&learner::build(&class(), &ctx)));
    assert_eq!(l["learners"][0]["modules_total"], 3);
    assert_eq!(l["learners"][0]["before"], Value::Null);
    let _ = report::to_json(&[]);
}

fn educators_doc() -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/for-educators.md");
    std::fs::read_to_string(p).expect("docs/for-educators.md")
}

/// Every key of a JSON value, nested ones too.
fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_field_and_column_is_documented_for_educators() {
    let doc = educators_doc();
    let courses = [course()];
    let ctx = ctx(&courses);
    let class = class();
    let mut all = std::collections::BTreeSet::new();
    keys(
        &parse(&learner::to_json(&learner::build(&class, &ctx))),
        &mut all,
    );
    keys(
        &parse(&question::to_json(&question::build(&class, &ctx))),
        &mut all,
    );
    keys(
        &parse(&objective::to_json(&objective::build(&class, &ctx))),
        &mut all,
    );
    for k in &all {
        assert!(
            doc.contains(&format!("`{k}`")) || doc.contains(&format!("\"{k}\"")),
            "field `{k}` is not in docs/for-educators.md"
        );
    }
    for header in [learner::CSV_HEADER, objective::CSV_HEADER] {
        for col in header.split(',') {
            assert!(
                doc.contains(col),
                "CSV column {col} is not in docs/for-educators.md"
            );
        }
    }
}

#[test]
fn command_lines_for_educators_parse() {
    use clap::Parser;
    let doc = educators_doc();
    let mut n = 0;
    for line in doc
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("notalone "))
    {
        let words: Vec<&str> = line
            .split_whitespace()
            .take_while(|w| !w.starts_with('#') && !w.starts_with('>'))
            .collect();
        n += 1;
        if let Err(e) = notalone::cli::Cli::try_parse_from(&words) {
            panic!("`{}` does not parse: {e}", words.join(" "));
        }
    }
    assert!(n >= 6, "only {n} command lines");
}
