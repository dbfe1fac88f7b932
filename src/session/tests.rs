use super::*;
use crate::course::*;

pub(super) const NOW: &str = "2026-11-29T10:00:00Z";

pub(super) fn step(id: &str, next: Option<Next>, kind: StepKind) -> Step {
    Step {
        id: id.into(),
        title: None,
        teaches: vec![],
        shuffle: false,
        next,
        kind,
    }
}

pub(super) fn read(id: &str) -> Step {
    step(id, None, StepKind::Read { text: "Hi".into() })
}

pub(super) fn question(id: &str, kind: QuestionKind, correct: &[bool]) -> Step {
    step(
        id,
        None,
        StepKind::Question {
            kind,
            text: "Q?".into(),
            explanation: None,
            options: correct
                .iter()
                .enumerate()
                .map(|(i, c)| QuestionOption {
                    text: format!("o{i}"),
                    correct: *c,
                    feedback: None,
                })
                .collect(),
        },
    )
}

pub(super) fn msg(from: Speaker, sign: bool) -> Message {
    Message {
        from,
        text: "m".into(),
        sign,
        why: sign.then(|| "why".into()),
    }
}

pub(super) fn choice(safe: bool, next: Option<&str>) -> Choice {
    Choice {
        text: "c".into(),
        safe,
        feedback: "f".into(),
        next: next.map(|n| {
            if n == "end" {
                Next::End
            } else {
                Next::Step(n.into())
            }
        }),
    }
}

pub(super) fn chat(id: &str, signs: &[bool], choices: Vec<Choice>) -> Step {
    step(
        id,
        None,
        StepKind::Chat {
            contact: "x".into(),
            text: None,
            messages: signs.iter().map(|s| msg(Speaker::Them, *s)).collect(),
            choices,
        },
    )
}

pub(super) fn module(id: &str, steps: Vec<Step>) -> Module {
    Module {
        id: id.into(),
        title: id.into(),
        summary: "s".into(),
        minutes: None,
        content_note: None,
        steps,
        translated: true,
    }
}

pub(super) fn course(modules: Vec<Module>) -> Course {
    Course {
        id: "c".into(),
        source_locale: "en".into(),
        locale: "en".into(),
        chain: vec!["en".into()],
        title: "T".into(),
        welcome: "W".into(),
        finish: None,
        objectives: vec![],
        pre_check: None,
        post_check: None,
        modules,
        resources: Resources::default(),
    }
}

pub(super) fn session(modules: Vec<Module>) -> Session {
    Session::new(course(modules), CourseRecord::new("sam", "c"))
}

pub(super) fn at(s: &Session) -> Option<(String, String)> {
    s.current().map(|(m, st, _)| (m.id.clone(), st.id.clone()))
}

pub(super) fn feed(s: &mut Session, inputs: &[Input]) {
    for i in inputs {
        s.update(i.clone(), NOW);
    }
}

#[test]
fn reads_through_a_module_and_completes_it() {
    let mut s = session(vec![module("m", vec![read("a"), read("b")])]);
    assert!(s.update(Input::Continue, NOW).save);
    assert_eq!(at(&s), Some(("m".into(), "a".into())));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "b".into())));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(s.screen(), &Screen::Summary { module: 0 });
    assert_eq!(s.status(0), Status::Complete);
    assert_eq!(s.score(0), None, "no scored step, no score");
}

#[test]
fn scoring_table() {
    // (kind, correct flags, answer submitted, right?)
    let cases: Vec<(QuestionKind, Vec<bool>, Vec<usize>, bool)> = vec![
        (QuestionKind::Single, vec![false, true], vec![1], true),
        (QuestionKind::Single, vec![false, true], vec![0], false),
        (
            QuestionKind::Multiple,
            vec![true, false, true],
            vec![0, 2],
            true,
        ),
        (
            QuestionKind::Multiple,
            vec![true, false, true],
            vec![0],
            false,
        ),
        (
            QuestionKind::Multiple,
            vec![true, false, true],
            vec![0, 1, 2],
            false,
        ),
    ];
    for (kind, correct, answer, right) in cases {
        let mut s = session(vec![module("m", vec![question("q", kind, &correct)])]);
        feed(&mut s, &[Input::Continue]);
        let o = s.update(Input::Answer(answer.clone()), NOW);
        assert!(o.save && o.hint.is_none(), "{kind:?} {answer:?}");
        assert_eq!(
            s.score(0),
            Some(if right { 1.0 } else { 0.0 }),
            "{kind:?} {answer:?}"
        );
        feed(&mut s, &[Input::Continue]);
        assert_eq!(s.status(0), Status::Complete);
    }
}

#[test]
fn order_question_numbers_are_positions_as_shown() {
    let mut s = session(vec![module(
        "m",
        vec![question("q", QuestionKind::Order, &[false; 4])],
    )]);
    feed(&mut s, &[Input::Continue]);
    let shown = match s.current() {
        Some((_, _, StepState::Question(q))) => q.order.clone(),
        _ => panic!("not on the question"),
    };
    assert_ne!(shown, vec![0, 1, 2, 3], "shown shuffled");
    // Give the positions of options 0,1,2,3 in the shown list: right.
    let answer: Vec<usize> = (0..4)
        .map(|o| shown.iter().position(|x| *x == o).unwrap())
        .collect();
    assert_eq!(
        s.update(Input::Answer(vec![0, 1]), NOW).hint,
        Some(Hint::WholeOrder)
    );
    assert_eq!(
        s.update(Input::Answer(vec![0, 0, 1, 2]), NOW).hint,
        Some(Hint::WholeOrder)
    );
    s.update(Input::Answer(answer), NOW);
    assert_eq!(s.score(0), Some(1.0));
}

#[test]
fn order_question_by_keys() {
    let mut s = session(vec![module(
        "m",
        vec![question("q", QuestionKind::Order, &[false; 3])],
    )]);
    feed(&mut s, &[Input::Continue]);
    // Sort by moving items: a bubble sort driven by the shown order.
    for _ in 0..3 {
        for pos in 0..2 {
            let order = match s.current() {
                Some((_, _, StepState::Question(q))) => q.order.clone(),
                _ => unreachable!(),
            };
            if order[pos] > order[pos + 1] {
                feed(
                    &mut s,
                    &[Input::Move {
                        from: pos,
                        to: pos + 1,
                    }],
                );
            }
        }
    }
    feed(&mut s, &[Input::Continue]);
    assert_eq!(s.score(0), Some(1.0));
}

#[test]
fn first_answer_counts_even_when_revisited() {
    let mut s = session(vec![module(
        "m",
        vec![question("q", QuestionKind::Single, &[true, false])],
    )]);
    feed(
        &mut s,
        &[
            Input::Continue,
            Input::Choose(1),
            Input::Submit,
            Input::Continue,
        ],
    );
    assert_eq!(s.score(0), Some(0.0));
    // Open the module again: the answer is shown as given and cannot change the score.
    feed(&mut s, &[Input::Continue, Input::Open(0)]);
    match s.current() {
        Some((_, _, StepState::Question(q))) => {
            assert!(q.submitted);
            assert_eq!(q.selected, vec![false, true]);
        }
        other => panic!("{other:?}"),
    }
    feed(&mut s, &[Input::Answer(vec![0])]);
    assert_eq!(s.score(0), Some(0.0));
}

#[test]
fn chat_reveal_flag_signs_choose_again_then_branch() {
    let c = chat(
        "talk",
        &[false, true, true],
        vec![
            choice(false, None),
            choice(true, Some("safe")),
            choice(false, Some("paid")),
        ],
    );
    let mut s = session(vec![module("m", vec![c, read("paid"), read("safe")])]);
    feed(&mut s, &[Input::Continue]);
    let phase = |s: &Session| match s.current() {
        Some((_, _, StepState::Chat(c))) => (c.revealed, c.phase),
        other => panic!("{other:?}"),
    };
    assert_eq!(phase(&s), (1, ChatPhase::Reveal));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(phase(&s), (2, ChatPhase::Reveal));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(phase(&s), (3, ChatPhase::Flag));
    feed(&mut s, &[Input::Flag(1), Input::Submit]);
    assert_eq!(phase(&s).1, ChatPhase::Signs);
    assert_eq!(
        s.step_record(0, 0).and_then(|r| r.flags.clone()),
        Some(vec![1])
    );
    feed(&mut s, &[Input::Continue]);
    assert_eq!(phase(&s).1, ChatPhase::Choose);
    // Unsafe without next: feedback, then choose again.
    feed(&mut s, &[Input::Choose(0), Input::Submit]);
    assert_eq!(phase(&s).1, ChatPhase::Feedback { choice: 0 });
    feed(&mut s, &[Input::Continue]);
    assert_eq!(phase(&s).1, ChatPhase::Choose);
    // The safe choice branches to "safe", skipping "paid".
    feed(&mut s, &[Input::Choose(1), Input::Submit, Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "safe".into())));
    assert_eq!(s.score(0), Some(0.0), "the first choice counts");
    assert_eq!(s.step_record(0, 0).unwrap().choices, vec![0, 1]);
}

#[test]
fn chat_branch_with_next_goes_there() {
    let c = chat(
        "talk",
        &[false],
        vec![choice(false, Some("paid")), choice(true, Some("end"))],
    );
    let mut s = session(vec![module("m", vec![c, read("paid"), read("safe")])]);
    feed(
        &mut s,
        &[
            Input::Continue,
            Input::RevealAll,
            Input::Answer(vec![0]),
            Input::Continue,
        ],
    );
    assert_eq!(at(&s), Some(("m".into(), "paid".into())));
    let mut s = session(vec![module(
        "m",
        vec![
            chat("talk", &[false], vec![choice(true, Some("end"))]),
            read("x"),
        ],
    )]);
    feed(
        &mut s,
        &[
            Input::Continue,
            Input::RevealAll,
            Input::Answer(vec![0]),
            Input::Continue,
        ],
    );
    assert_eq!(s.screen(), &Screen::Summary { module: 0 });
    assert_eq!(s.score(0), Some(1.0));
}

#[test]
fn a_chat_with_nothing_to_answer_goes_on_after_showing_everything() {
    let mut s = session(vec![module(
        "m",
        vec![chat("c", &[false, false], vec![]), read("after")],
    )]);
    feed(&mut s, &[Input::Continue, Input::RevealAll]);
    assert_eq!(at(&s), Some(("m".into(), "after".into())));
    assert!(s.step_record(0, 0).is_some_and(|r| r.done));
    // One message at a time (full UI): the last message stays on screen until Enter.
    let mut s = session(vec![module(
        "m",
        vec![chat("c", &[false, false], vec![]), read("after")],
    )]);
    feed(&mut s, &[Input::Continue, Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "c".into())));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "after".into())));
}

#[test]
fn step_next_skips_and_ends() {
    let mut a = read("a");
    a.next = Some(Next::Step("c".into()));
    let mut c = read("c");
    c.next = Some(Next::End);
    let mut s = session(vec![module("m", vec![a, read("b"), c, read("d")])]);
    feed(&mut s, &[Input::Continue, Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "c".into())));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(s.screen(), &Screen::Summary { module: 0 });
}

#[test]
fn spot_scoring_and_hints() {
    let spot = step(
        "sp",
        None,
        StepKind::Spot {
            text: "t".into(),
            items: [true, false, true]
                .iter()
                .map(|s| SpotItem {
                    text: "i".into(),
                    sign: *s,
                    why: "w".into(),
                })
                .collect(),
        },
    );
    let mut s = session(vec![module("m", vec![spot.clone()])]);
    feed(&mut s, &[Input::Continue]);
    assert_eq!(
        s.update(Input::Answer(vec![7]), NOW).hint,
        Some(Hint::OutOfRange)
    );
    feed(&mut s, &[Input::Toggle(0), Input::Toggle(2), Input::Submit]);
    assert_eq!(s.score(0), Some(1.0));
    let mut s = session(vec![module("m", vec![spot])]);
    feed(&mut s, &[Input::Continue, Input::Answer(vec![0])]);
    assert_eq!(s.score(0), Some(0.0));
}

#[test]
fn content_note_accept_skip_and_help() {
    let mut m = module("m1", vec![read("a")]);
    m.content_note = Some("note".into());
    let mut s = session(vec![m, module("m2", vec![read("b")])]);
    feed(&mut s, &[Input::Continue]);
    assert_eq!(s.screen(), &Screen::Note { module: 0 });
    assert!(s.update(Input::Choose(2), NOW).help);
    feed(&mut s, &[Input::Skip]);
    assert_eq!(s.screen(), &Screen::Home { cursor: 1 });
    assert_eq!(s.status(0), Status::NotStarted);
    feed(&mut s, &[Input::Open(0), Input::Continue]);
    assert_eq!(at(&s), Some(("m1".into(), "a".into())));
    // Accepted once: not shown again.
    feed(&mut s, &[Input::Back, Input::Open(0)]);
    assert_eq!(at(&s), Some(("m1".into(), "a".into())));
}

#[test]
fn resumes_at_the_step_reached_and_moves_when_it_is_gone() {
    let m = || module("m", vec![read("a"), read("b"), read("c")]);
    let mut s = session(vec![m()]);
    feed(&mut s, &[Input::Continue, Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "b".into())));
    let record = s.record().clone();
    // Same course: resume at b.
    let mut s2 = Session::new(course(vec![m()]), record.clone());
    feed(&mut s2, &[Input::Continue]);
    assert_eq!(at(&s2), Some(("m".into(), "b".into())));
    // Step b removed: nearest step with a record (a).
    let mut s3 = Session::new(
        course(vec![module("m", vec![read("a"), read("c")])]),
        record.clone(),
    );
    feed(&mut s3, &[Input::Continue]);
    assert_eq!(at(&s3), Some(("m".into(), "a".into())));
    // Module renamed: the record is ignored, no panic.
    let mut s4 = Session::new(course(vec![module("n", vec![read("a")])]), record);
    feed(&mut s4, &[Input::Continue]);
    assert_eq!(at(&s4), Some(("n".into(), "a".into())));
}

#[test]
fn home_resumes_next_incomplete_module() {
    let mut s = session(vec![
        module("m1", vec![read("a")]),
        module("m2", vec![read("b")]),
    ]);
    feed(&mut s, &[Input::Continue, Input::Continue, Input::Continue]);
    assert_eq!(s.screen(), &Screen::Home { cursor: 1 });
    assert_eq!(s.completed(), 1);
    feed(&mut s, &[Input::Answer(vec![])]);
    assert_eq!(at(&s), Some(("m2".into(), "b".into())));
}

#[test]
fn bad_inputs_are_hints_not_panics() {
    let mut s = session(vec![module(
        "m",
        vec![question("q", QuestionKind::Single, &[true, false])],
    )]);
    assert_eq!(s.update(Input::Open(5), NOW).hint, Some(Hint::OutOfRange));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(
        s.update(Input::Answer(vec![0, 1]), NOW).hint,
        Some(Hint::OneNumber)
    );
    assert_eq!(s.update(Input::Choose(9), NOW).hint, Some(Hint::OutOfRange));
    assert_eq!(
        s.update(Input::Answer(vec![]), NOW).hint,
        Some(Hint::PickOne)
    );
}

#[test]
fn perfect_module_scores_exactly_one() {
    let mut s = session(vec![module(
        "m",
        vec![
            question("q1", QuestionKind::Single, &[false, true, false]),
            question("q2", QuestionKind::Multiple, &[true, true, false]),
            chat("c", &[true], vec![choice(true, None)]),
        ],
    )]);
    feed(
        &mut s,
        &[
            Input::Continue,
            Input::Answer(vec![1]),
            Input::Continue,
            Input::Answer(vec![0, 1]),
            Input::Continue,
            Input::RevealAll,
            Input::Answer(vec![0]),
            Input::Continue,
            Input::Answer(vec![0]),
            Input::Continue,
        ],
    );
    assert_eq!(s.status(0), Status::Complete);
    assert_eq!(s.score(0), Some(1.0));
}

/// The position shown of chat choice `index` on the screen now.
fn choice_position(s: &Session, index: usize) -> usize {
    let v = s.view();
    let ScreenView::Step(st) = &v.screen else {
        panic!("not on a step")
    };
    let StepBody::Chat(c) = &st.body else {
        panic!("not on a chat")
    };
    let ChatStage::Choose { items, .. } = &c.stage else {
        panic!("not choosing: {:?}", c.stage)
    };
    items.iter().position(|i| i.index == index).expect("shown")
}

#[test]
fn a_branch_that_leads_back_to_a_chat_asks_again_instead_of_looping() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/valid/branching");
    let course = crate::course::load(&CourseSource::Dir(dir), Some("en")).expect("loads");
    let mut s = Session::new(course, crate::progress::CourseRecord::new("sam", "tiny"));
    let at = |s: &Session| s.current().map(|(_, st, _)| st.id.clone());
    s.update(Input::Continue, NOW);
    s.update(Input::RevealAll, NOW);
    // "worse" leads to the consequence, which leads back to the chat.
    s.update(Input::Choose(choice_position(&s, 1)), NOW);
    s.update(Input::Submit, NOW);
    s.update(Input::Continue, NOW);
    assert_eq!(at(&s).as_deref(), Some("consequence"));
    s.update(Input::Continue, NOW);
    assert_eq!(at(&s).as_deref(), Some("retry"));
    s.update(Input::Answer(vec![0]), NOW);
    s.update(Input::Continue, NOW);
    assert_eq!(at(&s).as_deref(), Some("start"));
    assert_eq!(s.prompt().kind, PromptKind::PickOne, "asked again");
    // Choosing well this time leads out of the loop.
    s.update(Input::Choose(choice_position(&s, 2)), NOW);
    s.update(Input::Submit, NOW);
    s.update(Input::Continue, NOW);
    assert_eq!(at(&s).as_deref(), Some("good-path"));
    let rec = &s.record().modules["m"].steps["start"];
    assert_eq!(rec.choices, vec![1, 2], "both choices are in the record");
}
