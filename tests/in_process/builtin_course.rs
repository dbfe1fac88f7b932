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

fn is_true_false(options: &[course::QuestionOption]) -> bool {
    options.len() == 2
        && options
            .iter()
            .all(|o| ["True", "False", "Vrai", "Faux"].contains(&o.text.as_str()))
}

fn assessed(m: &course::Module) -> HashSet<String> {
    m.steps
        .iter()
        .filter(|s| match &s.kind {
            StepKind::Question { .. } | StepKind::Spot { .. } => true,
            StepKind::Chat { choices, .. } => !choices.is_empty(),
            StepKind::Read { .. } => false,
        })
        .flat_map(|s| s.teaches.iter().cloned())
        .collect()
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

    // The warm-up comes first: about 3 minutes, only questions, at least six
    // of them over at least six objectives, all checked again at the end.
    assert_eq!(c.pre_check.as_deref(), Some("warm-up"));
    assert_eq!(c.post_check.as_deref(), Some("final-check"));
    let warm = &c.modules[0];
    assert_eq!(warm.id, "warm-up");
    assert!(warm.minutes.is_some_and(|m| m <= 4), "{:?}", warm.minutes);
    assert!(
        warm.steps
            .iter()
            .all(|s| matches!(s.kind, StepKind::Question { .. }))
    );
    assert!(
        warm.steps.len() >= 6,
        "{} warm-up questions",
        warm.steps.len()
    );
    let before = assessed(warm);
    assert!(before.len() >= 6, "warm-up objectives {before:?}");
    let after = assessed(c.module("final-check").expect("final check"));
    assert!(before.is_subset(&after), "{before:?} not all in {after:?}");

    for m in c.modules.iter().skip(1) {
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
    }
    for m in &c.modules {
        for s in &m.steps {
            if let StepKind::Question { kind, options, .. } = &s.kind
                && *kind != course::QuestionKind::Order
            {
                // Every wrong option explains itself.
                for o in options.iter().filter(|o| !o.correct) {
                    assert!(
                        o.feedback.is_some(),
                        "{}/{}: wrong option without feedback",
                        m.id,
                        s.id
                    );
                }
                // "True / False" keeps its order; everything else is shuffled.
                assert_eq!(s.shuffle, !is_true_false(options), "{}/{}", m.id, s.id);
            }
        }
    }
    // Sources, then a short calm closing step at the very end.
    let last = c.modules.last().expect("a last module");
    let n = last.steps.len();
    assert_eq!(last.steps[n - 2].title.as_deref(), Some("Sources"));
    let closing = &last.steps[n - 1];
    assert_eq!(closing.id, "closing");
    let StepKind::Read { text } = &closing.kind else {
        panic!("the closing step is a page")
    };
    assert!(text.contains("breath") && text.contains("**h**"), "{text}");
    assert!(text.split_whitespace().count() < 90, "a short closing step");
}

/// Step indexes reachable from the first step of `m` without entering
/// `avoid`; panics when one of them leads to the end of the module.
fn walk_avoiding(m: &course::Module, avoid: usize) -> HashSet<usize> {
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
        if i == avoid || !seen.insert(i) {
            continue;
        }
        for e in edges(i) {
            match e {
                None => panic!(
                    "step {} reaches the end without {}",
                    m.steps[i].id, m.steps[avoid].id
                ),
                Some(j) => todo.push(j),
            }
        }
    }
    seen
}

/// In "if it happens", every way through the branching chat to the end of
/// the module passes "if you already paid", "if you already sent more" and
/// the safe steps ("it is not too late, you are not in trouble"), whatever
/// the learner chose: without them, the end cannot be reached.
#[test]
fn every_path_of_the_threat_reaches_the_reassurance_and_safe_steps() {
    for lang in ["en", "fr"] {
        let c = course::load(&CourseSource::Embedded, Some(lang)).expect("loads");
        let m = c.module("if-it-happens").expect("module");
        let safe = m.step_index("safe-steps").expect("safe-steps step");
        if lang == "en" {
            let StepKind::Read { text } = &m.steps[safe].kind else {
                panic!("safe-steps is a page")
            };
            assert!(text.contains("not too late") && text.contains("not in trouble"));
        }
        let mut seen = HashSet::new();
        for id in ["already-paid", "already-sent", "safe-steps"] {
            seen = walk_avoiding(m, m.step_index(id).expect(id));
        }
        for id in ["branch-beg", "branch-paid", "branch-sent-more"] {
            assert!(
                seen.contains(&m.step_index(id).expect(id)),
                "{id} is reachable"
            );
        }
    }
}

/// No sentence explains the offender's escalation by how the learner
/// reacted (victim-blaming of the "beg" branch).
#[test]
fn no_text_blames_the_escalation_on_the_learners_reaction() {
    let c = course::load(&CourseSource::Embedded, Some("en")).expect("loads");
    let m = c.module("if-it-happens").expect("module");
    for s in &m.steps {
        let mut texts = vec![];
        if let StepKind::Chat {
            messages, choices, ..
        } = &s.kind
        {
            texts.extend(messages.iter().filter_map(|x| x.why.clone()));
            texts.extend(choices.iter().map(|x| x.feedback.clone()));
        }
        for t in texts {
            for bad in ["shows them Sam is scared", "showed them Sam is scared"] {
                assert!(!t.contains(bad), "{}: {t}", s.id);
            }
        }
    }
}

/// Answering by length or wording does no better than chance: the right
/// option of a single question is not usually the longest, never stands out
/// by length, true/false answers are balanced, and the safe chat choice is
/// not usually the longest. Measured in English and in French.
#[test]
fn scored_items_give_no_length_or_wording_cues() {
    for lang in ["en", "fr"] {
        let c = course::load(&CourseSource::Embedded, Some(lang)).expect("loads");
        let (mut singles, mut right_longest, mut tf, mut tf_true) = (0, 0, 0, 0);
        let (mut menus, mut safe_longest) = (0, 0);
        let len = |t: &str| t.chars().count();
        for m in &c.modules {
            for s in &m.steps {
                match &s.kind {
                    StepKind::Question {
                        kind: course::QuestionKind::Single,
                        options,
                        ..
                    } => {
                        if is_true_false(options) {
                            tf += 1;
                            tf_true += usize::from(options[0].correct);
                            continue;
                        }
                        if options.len() < 3 {
                            continue;
                        }
                        singles += 1;
                        let right = options.iter().find(|o| o.correct).expect("right");
                        let wrong = options
                            .iter()
                            .filter(|o| !o.correct)
                            .map(|o| len(&o.text))
                            .max()
                            .expect("wrong");
                        right_longest += usize::from(len(&right.text) >= wrong);
                        assert!(
                            (len(&right.text) as f64) < 1.5 * wrong as f64,
                            "{lang} {}/{}: the right option stands out by length",
                            m.id,
                            s.id
                        );
                    }
                    StepKind::Chat { choices, .. } if choices.len() >= 2 => {
                        menus += 1;
                        let longest = choices
                            .iter()
                            .max_by_key(|ch| len(&ch.text))
                            .expect("choice");
                        safe_longest += usize::from(longest.safe);
                    }
                    _ => {}
                }
                if let StepKind::Question { options, .. } = &s.kind
                    && lang == "en"
                {
                    for o in options.iter().filter(|o| !o.correct) {
                        for w in o.text.split(|ch: char| !ch.is_alphabetic()) {
                            assert!(
                                !["only", "always", "never"].contains(&w.to_lowercase().as_str()),
                                "{}/{}: absolute word in a wrong option: {}",
                                m.id,
                                s.id,
                                o.text
                            );
                        }
                    }
                }
            }
        }
        assert!(singles >= 15, "{lang}: {singles} single questions");
        assert!(
            right_longest * 100 <= singles * 40,
            "{lang}: the right option is the longest in {right_longest} of {singles}"
        );
        assert!(tf >= 6, "{lang}: {tf} true/false questions");
        assert!(
            tf_true * 100 <= tf * 70 && (tf - tf_true) * 100 <= tf * 70,
            "{lang}: {tf_true} of {tf} true/false answers are True"
        );
        assert!(
            safe_longest * 2 <= menus,
            "{lang}: the safe choice is the longest in {safe_longest} of {menus} chat menus"
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

/// The phone-like numbers (digit runs, with spaces or dashes inside) of a
/// bullet line such as "- Suisse : 147 (Pro Juventute), jour et nuit."
fn numbers_in(line: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let t = cur.trim_end_matches([' ', '-']).to_string();
        if t.chars().filter(char::is_ascii_digit).count() >= 3 {
            out.push(t);
        }
        cur.clear();
    };
    for c in line.chars() {
        if c.is_ascii_digit() || (!cur.is_empty() && (c == ' ' || c == '-')) {
            cur.push(c);
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn verified_digits() -> HashSet<String> {
    let list = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verified_numbers.txt"),
    )
    .expect("verified list");
    list.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|n| n.chars().filter(char::is_ascii_digit).collect())
        .collect()
}

/// The pages that mention self-harm list crisis lines right there: each
/// number on them is verified, and learners anywhere are pointed to Child
/// Helpline International.
#[test]
fn self_harm_pages_give_verified_lines_and_a_way_for_anywhere() {
    let verified = verified_digits();
    for lang in ["en", "fr"] {
        let c = course::load(&CourseSource::Embedded, Some(lang)).expect("loads");
        for (module, step) in [
            ("life-after-images", "when-it-feels-too-much"),
            ("helping-a-friend", "if-they-might-hurt-themselves"),
        ] {
            let m = c.module(module).expect(module);
            let s = &m.steps[m.step_index(step).expect(step)];
            let StepKind::Read { text } = &s.kind else {
                panic!("{step} is a page")
            };
            assert!(
                text.contains("childhelplineinternational.org"),
                "{lang} {step}: Child Helpline International"
            );
            let mut lines = 0;
            for line in text.lines().filter(|l| l.starts_with("- ")) {
                for n in numbers_in(line) {
                    lines += 1;
                    let d: String = n.chars().filter(char::is_ascii_digit).collect();
                    assert!(
                        verified.contains(&d),
                        "{lang} {step}: {n:?} is not in tests/verified_numbers.txt"
                    );
                }
            }
            assert!(lines >= 4, "{lang} {step}: only {lines} numbers");
        }
    }
}

/// Generic lists (any country) give a reachable service and do not promise
/// on behalf of every police force that the learner is not in trouble.
#[test]
fn generic_help_reaches_anywhere_and_attributes_the_police() {
    for lang in ["en", "fr"] {
        let c = course::load(&CourseSource::Embedded, Some(lang)).expect("loads");
        let chi = c
            .resources
            .items
            .iter()
            .find(|r| r.name.contains("Child Helpline International"))
            .expect("Child Helpline International");
        assert_eq!(
            chi.web.as_deref(),
            Some("https://childhelplineinternational.org")
        );
        for r in &c.resources.items {
            for unattributed in ["You are not in trouble", "Tu n'auras pas d'ennuis"] {
                assert!(!r.about.contains(unattributed), "{lang}: {}", r.name);
            }
        }
        assert!(
            c.resources
                .items
                .iter()
                .any(|r| r.about.contains("Police in Canada")
                    || r.about.contains("polices du Canada"))
        );
    }
}

/// French-speaking learners in Europe (and English-speaking ones in South
/// Africa and India) get their own country's services, and Québec learners
/// get Kids Help Phone by its French name.
#[test]
fn french_regions_have_their_own_help_lines() {
    let want: &[(&str, &str, &str)] = &[
        ("fr-FR", "3018", "3018"),
        ("fr-FR", "119", "119"),
        ("fr-FR", "3114", "3114"),
        ("fr-BE", "Child Focus", "116 000"),
        ("fr-CH", "147", "147"),
        ("fr-LU", "BEE SECURE", "8002 1234"),
        ("fr-CA", "Jeunesse, J'écoute", "1 800 668-6868"),
        ("en-ZA", "Childline South Africa", "116"),
        ("en-IN", "CHILDLINE 1098", "1098"),
    ];
    for (tag, name, phone) in want {
        let c = course::load(&CourseSource::Embedded, Some(tag)).expect("loads");
        assert!(
            c.resources
                .items
                .iter()
                .any(|r| r.name.contains(name) && r.phone.as_deref() == Some(phone)),
            "{tag}: {name} {phone}"
        );
        assert!(
            c.modules.iter().all(|m| m.translated),
            "{tag}: French modules"
        );
    }
    let ca = course::load(&CourseSource::Embedded, Some("fr-CA")).expect("loads");
    assert!(
        !ca.resources
            .items
            .iter()
            .any(|r| r.name.contains("Kids Help Phone")),
        "fr-CA names Jeunesse, J'écoute in French"
    );
}
