//! The built-in course: lints clean, meets the brief's numbers, and its help
//! lines use only verified numbers.

use std::collections::HashSet;

use notalone::course::{self, CourseSource, Next, StepKind};

fn lessons() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

#[test]
fn lints_with_no_errors_and_no_warnings() {
    for src in [CourseSource::Embedded, CourseSource::Dir(lessons())] {
        let report = course::lint(&src).expect("lint runs");
        assert!(
            report.diagnostics.is_empty(),
            "{}",
            course::render_human(&report, &src, false)
        );
    }
}

#[test]
fn meets_the_brief() {
    let c = course::load(&CourseSource::Embedded, Some("en")).expect("loads");
    assert_eq!(c.objectives.len(), 9);
    for want in [
        "spot-the-signs",
        "not-your-fault",
        "stop-contact",
        "keep-evidence",
        "dont-pay",
        "tell-someone",
        "report",
        "life-after",
        "help-a-friend",
    ] {
        assert!(
            c.objectives.iter().any(|o| o.id == want),
            "objective {want}"
        );
    }
    let minutes: u32 = c.modules.iter().filter_map(|m| m.minutes).sum();
    assert!((45..=60).contains(&minutes), "{minutes} minutes");
    let questions = c
        .modules
        .iter()
        .flat_map(|m| &m.steps)
        .filter(|s| matches!(s.kind, StepKind::Question { .. }))
        .count();
    assert!(questions >= 25, "{questions} scored questions");
    for m in &c.modules {
        let interactive = m
            .steps
            .iter()
            .any(|s| matches!(s.kind, StepKind::Chat { .. } | StepKind::Spot { .. }));
        let qs = m
            .steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Question { .. }))
            .count();
        assert!(interactive, "{} has a chat or spot step", m.id);
        assert!(qs >= 2, "{} has at least two questions", m.id);
        // Every wrong option explains itself.
        for s in &m.steps {
            if let StepKind::Question { kind, options, .. } = &s.kind
                && *kind != course::QuestionKind::Order
            {
                for o in options.iter().filter(|o| !o.correct) {
                    assert!(
                        o.feedback.is_some(),
                        "{}/{}: wrong option without feedback",
                        m.id,
                        s.id
                    );
                }
            }
        }
    }
    let last = c
        .modules
        .last()
        .and_then(|m| m.steps.last())
        .expect("a last step");
    assert_eq!(last.title.as_deref(), Some("Sources"));
}

/// In "if it happens", every way through the branching chat to the end of
/// the module passes the safe steps ("it is not too late, you are not in
/// trouble"): without that step, the end cannot be reached.
#[test]
fn every_path_of_the_threat_reaches_the_safe_steps() {
    let c = course::load(&CourseSource::Embedded, Some("en")).expect("loads");
    let m = c.module("if-it-happens").expect("module");
    let safe = m.step_index("safe-steps").expect("safe-steps step");
    let StepKind::Read { text } = &m.steps[safe].kind else {
        panic!("safe-steps is a page")
    };
    assert!(text.contains("not too late") && text.contains("not in trouble"));
    // Walk the graph from the first step, never entering safe-steps.
    let edges = |i: usize| -> Vec<Option<usize>> {
        let s = &m.steps[i];
        let follow = |n: &Option<Next>| match n {
            Some(Next::End) => None,
            Some(Next::Step(id)) => m.step_index(id),
            None => (i + 1 < m.steps.len()).then_some(i + 1),
        };
        let mut out = vec![];
        match &s.kind {
            StepKind::Chat { choices, .. } if !choices.is_empty() => {
                for ch in choices {
                    if ch.next.is_some() {
                        out.push(follow(&ch.next));
                    } else if ch.safe {
                        out.push(follow(&s.next));
                    }
                }
            }
            _ => out.push(follow(&s.next)),
        }
        out
    };
    let mut seen = HashSet::new();
    let mut todo = vec![0usize];
    while let Some(i) = todo.pop() {
        if i == safe || !seen.insert(i) {
            continue;
        }
        for e in edges(i) {
            match e {
                None => panic!(
                    "step {} reaches the end without the safe steps",
                    m.steps[i].id
                ),
                Some(j) => todo.push(j),
            }
        }
    }
    for id in [
        "branch-paid",
        "branch-sent-more",
        "already-paid",
        "already-sent",
    ] {
        assert!(
            seen.contains(&m.step_index(id).expect(id)),
            "{id} is reachable"
        );
    }
}

/// Every phone or text number in every resources.toml is in the verified
/// list kept next to the tests (with the source of each).
#[test]
fn help_line_numbers_are_verified() {
    let list = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verified_numbers.txt"),
    )
    .expect("verified list");
    let verified: HashSet<String> = list
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|n| n.trim().to_string())
        .collect();
    let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    let verified_digits: HashSet<String> = verified.iter().map(|v| digits(v)).collect();
    let mut checked = 0;
    for entry in std::fs::read_dir(lessons()).expect("lessons") {
        let dir = entry.expect("entry").path();
        let file = dir.join("resources.toml");
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let doc: toml::Table = toml::from_str(&text).expect("parses");
        let resources = doc
            .get("resource")
            .and_then(|r| r.as_array())
            .cloned()
            .unwrap_or_default();
        for r in resources {
            for field in ["phone", "sms"] {
                if let Some(n) = r.get(field).and_then(|v| v.as_str()) {
                    checked += 1;
                    assert!(
                        verified.contains(n.trim()) || verified_digits.contains(&digits(n)),
                        "{}: {field} {n:?} is not in tests/verified_numbers.txt",
                        file.display()
                    );
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} numbers found");
}

#[test]
fn french_is_complete_and_canadian_help_is_french() {
    let c = course::load(&CourseSource::Embedded, Some("fr-CA")).expect("loads");
    assert!(
        c.modules.iter().all(|m| m.translated),
        "every module in French"
    );
    assert!(
        c.resources
            .items
            .iter()
            .any(|r| r.name.contains("Cyberaide"))
    );
    assert!(
        c.resources
            .items
            .iter()
            .any(|r| r.phone.as_deref() == Some("9-8-8") || r.name.contains("9-8-8"))
    );
}
