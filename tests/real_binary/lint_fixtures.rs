//! The fixture corpus: every valid course lints without errors and loads in
//! every locale; every invalid course (one per rule, in
//! `tests/courses/invalid/`) gives its diagnostic at the exact file, line and
//! column, and no other error. Limits and the real binary's exit codes,
//! JSON shape and safe output are in `lint_limits.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use notalone::course::{self, CourseSource, LoadError, Report, Severity};

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// One invalid fixture: the diagnostic it must give.
struct Case {
    dir: &'static str,
    severity: Severity,
    code: &'static str,
    file: &'static str,
    line: usize,
    column: usize,
}

const fn case(
    dir: &'static str,
    severity: Severity,
    code: &'static str,
    file: &'static str,
    line: usize,
    column: usize,
) -> Case {
    Case {
        dir,
        severity,
        code,
        file,
        line,
        column,
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    case("syntax", E, "syntax", "en/m.toml", 8, 15),
    case("syntax-deep-nesting", E, "syntax", "en/m.toml", 8, 88),
    case("syntax-missing-quote", E, "syntax", "en/m.toml", 8, 15),
    case("syntax-curly-quotes", E, "syntax", "en/m.toml", 8, 8),
    case("syntax-unclosed-text", E, "syntax", "en/m.toml", 8, 8),
    case("syntax-missing-equals", E, "syntax", "en/m.toml", 8, 6),
    case("syntax-repeated-key", E, "syntax", "en/m.toml", 9, 1),
    case("syntax-unclosed-header", E, "syntax", "en/m.toml", 10, 1),
    case("syntax-single-bracket", E, "syntax", "en/m.toml", 10, 1),
    case("syntax-bare-word", E, "syntax", "en/m.toml", 8, 8),
    case("syntax-bare-word-bool", E, "syntax", "en/m.toml", 12, 11),
    case("header-typo", E, "unknown-field", "en/m.toml", 10, 8),
    case("bad-encoding", E, "bad-encoding", "en/m.toml", 8, 12),
    case("unknown-field", E, "unknown-field", "en/m.toml", 15, 1),
    case("unknown-field-top", E, "unknown-field", "course.toml", 2, 1),
    case("unused-field", W, "unused-field", "en/m.toml", 9, 1),
    case("wrong-type", E, "wrong-type", "en/m.toml", 4, 11),
    case("wrong-type-inline", E, "wrong-type", "en/m.toml", 10, 27),
    case("missing-field-top", E, "missing-field", "en/m.toml", 1, 1),
    case("missing-field-step", E, "missing-field", "en/m.toml", 10, 1),
    case("missing-field-option", E, "missing-field", "en/m.toml", 14, 1),
    case("missing-file", E, "missing-file", "course.toml", 2, 17),
    case("empty-text", E, "empty-text", "en/m.toml", 2, 9),
    case("invalid-id", E, "invalid-id", "en/m.toml", 6, 6),
    case("invalid-id-invisible", E, "invalid-id", "course.toml", 4, 15),
    case("duplicate-id", E, "duplicate-id", "en/m.toml", 11, 6),
    case("id-mismatch", E, "id-mismatch", "en/m.toml", 1, 6),
    case("missing-module", E, "missing-module", "course.toml", 5, 3),
    case("unknown-file", W, "unknown-file", "en/extra.toml", 1, 1),
    case("invalid-value", E, "invalid-value", "en/m.toml", 4, 11),
    case("invalid-value-type", E, "invalid-value", "en/m.toml", 7, 8),
    case("invalid-value-locale", E, "invalid-value", "course.toml", 2, 17),
    case("too-few", E, "too-few", "en/m.toml", 5, 1),
    case("too-few-resources", E, "too-few", "en/resources.toml", 1, 1),
    case("too-many", E, "too-many", "en/m.toml", 5, 1),
    case("no-resources", W, "no-resources", "fr/resources.toml", 1, 1),
    case("no-correct-option", E, "no-correct-option", "en/m.toml", 5, 1),
    case("several-correct", E, "several-correct", "en/m.toml", 10, 1),
    case("correct-not-allowed", E, "correct-not-allowed", "en/m.toml", 14, 1),
    case("no-sign", E, "no-sign", "en/m.toml", 5, 1),
    case("missing-why", E, "missing-why", "en/m.toml", 14, 1),
    case("dangling-next", E, "dangling-next", "en/m.toml", 9, 8),
    case("no-way-to-end", E, "no-way-to-end", "en/m.toml", 10, 1),
    case("no-way-to-end-cycle", E, "no-way-to-end", "en/m.toml", 5, 1),
    case("no-way-to-end-unsafe-choices", E, "no-way-to-end", "en/m.toml", 5, 1),
    case("unreachable-step", W, "unreachable-step", "en/m.toml", 11, 1),
    case("unknown-objective", E, "unknown-objective", "en/m.toml", 9, 12),
    case("unknown-objective-title", E, "unknown-objective", "en/course.toml", 5, 1),
    case("objective-not-taught", W, "objective-not-taught", "course.toml", 4, 15),
    case("objective-not-checked", W, "objective-not-checked", "course.toml", 4, 15),
    case("text-too-long", E, "text-too-long", "en/m.toml", 8, 9),
    case("control-character", E, "control-character", "en/m.toml", 8, 8),
    case("control-character-c1", E, "control-character", "en/m.toml", 8, 8),
    case("structure-mismatch", E, "structure-mismatch", "fr/m.toml", 9, 11),
    case("structure-mismatch-count", E, "structure-mismatch", "fr/m.toml", 9, 1),
    case("structure-mismatch-id", E, "structure-mismatch", "fr/m.toml", 5, 6),
    case("pre-check-not-first", E, "pre-check-not-first", "course.toml", 5, 13),
    case("pre-check-not-questions", E, "pre-check-not-questions", "en/warm-up.toml", 7, 8),
    case("unknown-module", E, "unknown-module", "course.toml", 5, 13),
    case("unknown-module-post", E, "unknown-module", "course.toml", 6, 14),
    case("objective-not-post-checked", W, "objective-not-post-checked", "course.toml", 6, 14),
    case("invisible-character", E, "invisible-character", "en/m.toml", 8, 8),
    case("answer-stands-out", W, "answer-stands-out", "en/m.toml", 15, 8),
    case("answer-pattern", W, "answer-pattern", "en/m.toml", 11, 8),
    case("answer-pattern-true-false", W, "answer-pattern", "en/m.toml", 16, 8),
];

/// Course-wide codes: reported at every question that makes the pattern,
/// so their fixtures give the same code on several lines.
const COURSE_WIDE: &[&str] = &["answer-pattern"];

/// Every code lint documents; each needs a fixture (`file-too-large` is
/// made at test time: a 1 MiB fixture does not belong in git).
const ALL_CODES: &[&str] = &[
    "syntax",
    "bad-encoding",
    "file-too-large",
    "unknown-field",
    "unused-field",
    "wrong-type",
    "missing-field",
    "missing-file",
    "empty-text",
    "invalid-id",
    "duplicate-id",
    "id-mismatch",
    "missing-module",
    "unknown-file",
    "invalid-value",
    "too-few",
    "too-many",
    "no-resources",
    "no-correct-option",
    "several-correct",
    "correct-not-allowed",
    "no-sign",
    "missing-why",
    "dangling-next",
    "no-way-to-end",
    "unreachable-step",
    "unknown-objective",
    "objective-not-taught",
    "objective-not-checked",
    "text-too-long",
    "control-character",
    "structure-mismatch",
    "pre-check-not-first",
    "pre-check-not-questions",
    "unknown-module",
    "objective-not-post-checked",
    "answer-stands-out",
    "answer-pattern",
    "invisible-character",
];

pub(crate) fn courses() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses")
}

fn subdirs(p: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(p)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    v.sort();
    v
}

pub(crate) fn lint_dir(p: &Path) -> Report {
    course::lint(&CourseSource::Dir(p.to_path_buf())).expect("lint runs")
}

pub(crate) fn listing(r: &Report) -> String {
    r.diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {:?} {} {}:{}:{} {}\n",
                d.severity, d.code, d.file, d.line, d.column, d.message
            )
        })
        .collect()
}

#[test]
fn every_invalid_fixture_gives_its_diagnostic_and_no_other_error() {
    let mut failures = Vec::new();
    for c in CASES {
        let r = lint_dir(&courses().join("invalid").join(c.dir));
        let hit = r.diagnostics.iter().any(|d| {
            d.severity == c.severity
                && d.code == c.code
                && d.file == c.file
                && d.line == c.line
                && d.column == c.column
        });
        let others: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| {
                d.code != c.code
                    || d.file != c.file
                    || (d.line != c.line && !COURSE_WIDE.contains(&c.code))
            })
            .collect();
        if !hit || !others.is_empty() {
            failures.push(format!(
                "{}: expected {:?} {} at {}:{}:{}, got:\n{}",
                c.dir,
                c.severity,
                c.code,
                c.file,
                c.line,
                c.column,
                listing(&r)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_and_the_corpus_agree() {
    let dirs: BTreeSet<String> = subdirs(&courses().join("invalid")).into_iter().collect();
    let table: BTreeSet<String> = CASES.iter().map(|c| c.dir.to_string()).collect();
    assert_eq!(
        dirs, table,
        "every invalid fixture has one row, and every row a fixture"
    );
    let tested: BTreeSet<&str> = CASES
        .iter()
        .map(|c| c.code)
        .chain(["file-too-large"])
        .collect();
    for code in ALL_CODES {
        assert!(tested.contains(code), "no fixture for `{code}`");
    }
}

#[test]
fn valid_fixtures_have_no_problems_and_load_in_every_locale() {
    let valid = subdirs(&courses().join("valid"));
    assert!(valid.len() >= 3);
    for name in valid {
        let dir = courses().join("valid").join(&name);
        let r = lint_dir(&dir);
        assert!(r.diagnostics.is_empty(), "{name}:\n{}", listing(&r));
        let src = CourseSource::Dir(dir);
        let mut langs: Vec<Option<String>> =
            vec![None, Some("de".into()), Some("zz-Latn-ZZ".into())];
        langs.extend(
            course::locales(&src)
                .expect("locales")
                .into_iter()
                .map(Some),
        );
        for lang in langs {
            match course::load(&src, lang.as_deref()) {
                Ok(c) => {
                    assert!(!c.modules.is_empty());
                    assert!(c.modules.iter().all(|m| !m.steps.is_empty()));
                    assert!(!c.resources.items.is_empty(), "{name} {lang:?}: resources");
                }
                Err(e) => panic!(
                    "{name} {lang:?}: {e} {:?}",
                    match &e {
                        LoadError::Invalid(r) => listing(r),
                        _ => String::new(),
                    }
                ),
            }
        }
    }
}

#[test]
fn the_formats_fixture_reads_inline_tables_literal_strings_and_crlf() {
    let src = CourseSource::Dir(courses().join("valid/formats"));
    let c = course::load(&src, None).expect("loads");
    assert_eq!(c.id, "formats");
    assert!(c.welcome.contains("backslash \\ that stays"));
    assert!(!c.welcome.contains('\r'));
    let m = &c.modules[0];
    assert_eq!(m.minutes, Some(10));
    assert_eq!(m.steps.len(), 3);
    assert!(
        m.summary.contains("Tabs    and \"quotes\""),
        "{}",
        m.summary
    );
    match &m.steps[0].kind {
        course::StepKind::Read { text } => {
            assert_eq!(text, "Line one,joined.\n\nSecond paragraph.")
        }
        other => panic!("{other:?}"),
    }
    match &m.steps[2].kind {
        course::StepKind::Question { kind, options, .. } => {
            assert_eq!(*kind, course::QuestionKind::Multiple);
            assert_eq!(options.len(), 2);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        c.resources.items[0].web.as_deref(),
        Some("https://example.org")
    );
}

#[test]
fn the_checks_fixture_gives_shuffle_and_the_pre_and_post_check() {
    let src = CourseSource::Dir(courses().join("valid/checks"));
    for lang in [None, Some("fr")] {
        let c = course::load(&src, lang).expect("loads");
        assert_eq!(c.pre_check.as_deref(), Some("warm-up"));
        assert_eq!(c.post_check.as_deref(), Some("final-check"));
        for m in &c.modules {
            assert!(
                m.steps[0].shuffle,
                "{}: shuffled unless the file says no",
                m.id
            );
            assert!(
                !m.steps[1].shuffle,
                "{}: `shuffle = false` keeps the order",
                m.id
            );
        }
    }
    // Without the fields: no checks, and every step shuffled.
    let c = course::load(&CourseSource::Dir(courses().join("valid/basic")), None).expect("loads");
    assert_eq!((c.pre_check, c.post_check), (None, None));
    assert!(c.modules.iter().flat_map(|m| &m.steps).all(|s| s.shuffle));
}

#[test]
fn a_translation_may_not_change_shuffle_and_a_bad_pre_check_stops_loading() {
    let dir = courses().join("valid/checks");
    let mut m = course::MemoryCourse::new();
    let src = CourseSource::Dir(dir);
    for f in src.files().expect("files") {
        m.insert(f.clone(), src.read(&f).expect("read").expect("exists"));
    }
    let fr =
        String::from_utf8(m.get("fr/final-check.toml").expect("file").to_vec()).expect("utf-8");
    m.insert(
        "fr/final-check.toml",
        fr.replace("shuffle = false", "shuffle = true"),
    );
    let r = m.lint().expect("lint runs");
    let d: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        d,
        [("structure-mismatch", "fr/final-check.toml", 19)],
        "{}",
        listing(&r)
    );
    let en = String::from_utf8(m.get("en/warm-up.toml").expect("file").to_vec()).expect("utf-8");
    m.insert(
        "en/warm-up.toml",
        en.replacen("type = \"question\"", "type = \"read\"", 1),
    );
    match m.load(None) {
        Err(LoadError::Invalid(r)) => assert!(
            r.diagnostics
                .iter()
                .any(|d| d.code == "pre-check-not-questions"),
            "{}",
            listing(&r)
        ),
        other => panic!("a pre-check with a read step must not load: {other:?}"),
    }
}

/// The common slips of a teacher editing a lesson (issue 15.5): one
/// diagnostic each, in plain words (no parser jargon), with a help line that
/// says what to type.
#[test]
fn common_slips_get_one_plain_message_with_what_to_type() {
    let slips: &[(&str, &str, &str)] = &[
        (
            "syntax-missing-quote",
            "no closing quote",
            "`text = \"Hello.\"`",
        ),
        ("syntax-curly-quotes", "curly quote", "`text = \"Hello.\"`"),
        ("syntax-unclosed-text", "never closed", "\"\"\""),
        ("syntax-missing-equals", "no `=`", "`text = \"Hello.\"`"),
        ("syntax-repeated-key", "written twice", "delete"),
        ("syntax-unclosed-header", "not closed", "`[[step]]`"),
        ("syntax-single-bracket", "two brackets", "`[[step]]`"),
        (
            "syntax-bare-word",
            "without quotes",
            "`text = \"Hello there\"`",
        ),
        (
            "syntax-bare-word-bool",
            "without quotes",
            "`correct = true`",
        ),
        (
            "header-typo",
            "unknown table `[[step.opton]]`",
            "`[[step.option]]`",
        ),
    ];
    let jargon = [
        "TOML syntax",
        "invalid basic string",
        "expected literal",
        "duplicate key",
        "key with no value",
    ];
    for (dir, says, help) in slips {
        let r = lint_dir(&courses().join("invalid").join(dir));
        assert_eq!(r.diagnostics.len(), 1, "{dir}:\n{}", listing(&r));
        let d = &r.diagnostics[0];
        assert!(d.message.contains(says), "{dir}: {}", d.message);
        assert!(
            !jargon.iter().any(|j| d.message.contains(j)),
            "{dir}: {}",
            d.message
        );
        let h = d.help.as_deref().unwrap_or_default();
        assert!(h.contains(help), "{dir}: help {h:?} should say {help:?}");
    }
}

fn lines_of(r: &Report, code: &str) -> Vec<(String, usize)> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.file.clone(), d.line))
        .collect()
}

#[test]
fn answer_patterns_point_at_every_question_that_makes_them() {
    let r = lint_dir(&courses().join("invalid/answer-pattern"));
    let m = |l: usize| ("en/m.toml".to_string(), l);
    // Questions 1 and 2 have the longest right option; question 3 does not.
    assert_eq!(
        lines_of(&r, "answer-pattern"),
        [m(11), m(28)],
        "{}",
        listing(&r)
    );
    let r = lint_dir(&courses().join("invalid/answer-pattern-true-false"));
    // Three of four say "False"; the fourth ("True", line 56) is not part of it.
    assert_eq!(
        lines_of(&r, "answer-pattern"),
        [m(16), m(30), m(44)],
        "{}",
        listing(&r)
    );
    assert!(
        r.diagnostics[0].message.contains("`False`"),
        "{}",
        r.diagnostics[0].message
    );
}

fn memory(dir: &Path) -> course::MemoryCourse {
    let src = CourseSource::Dir(dir.to_path_buf());
    let mut m = course::MemoryCourse::new();
    for f in src.files().expect("files") {
        m.insert(f.clone(), src.read(&f).expect("read").expect("exists"));
    }
    m
}

fn replace(m: &mut course::MemoryCourse, file: &str, from: &str, to: &str) {
    let t = String::from_utf8(m.get(file).expect("file").to_vec()).expect("utf-8");
    assert!(t.contains(from), "{file} has no {from:?}");
    m.insert(file, t.replacen(from, to, 1));
}

#[test]
fn item_checks_run_per_language() {
    // A French option that stands out where the English does not: reported
    // in the French file, at the option's text.
    let mut m = memory(&courses().join("valid/checks"));
    replace(
        &mut m,
        "fr/final-check.toml",
        "Ne plus répondre et demander de l'aide",
        "Ne plus répondre du tout, garder les messages et en parler à un adulte de confiance",
    );
    let r = m.lint().expect("lint runs");
    assert_eq!(
        lines_of(&r, "answer-stands-out"),
        [("fr/final-check.toml".to_string(), 12)],
        "{}",
        listing(&r)
    );
    assert_eq!(r.diagnostics.len(), 1, "{}", listing(&r));
    // The same in English is reported once, in English only: the French
    // file has its own (balanced) text.
    let mut m = memory(&courses().join("valid/checks"));
    replace(
        &mut m,
        "en/final-check.toml",
        "Stop replying and get help",
        "Stop replying at once, keep the messages and talk to an adult you trust",
    );
    let r = m.lint().expect("lint runs");
    assert_eq!(
        lines_of(&r, "answer-stands-out"),
        [("en/final-check.toml".to_string(), 17)],
        "{}",
        listing(&r)
    );
}
