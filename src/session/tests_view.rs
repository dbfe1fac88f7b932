//! The view and the semantic inputs: what learners tripped over, shuffling,
//! the pre-check and the preview.

use super::tests::*;
use super::*;
use crate::course::*;
use crate::progress::CourseRecord;

fn step_view(s: &Session) -> StepView<'_> {
    match s.view().screen {
        ScreenView::Step(v) => v,
        other => panic!("not a step: {other:?}"),
    }
}

fn mixed_chat() -> Step {
    step(
        "c",
        None,
        StepKind::Chat {
            contact: "x".into(),
            text: None,
            messages: vec![
                msg(Speaker::Note, false),
                msg(Speaker::Them, false),
                msg(Speaker::You, false),
                msg(Speaker::Them, true),
            ],
            choices: vec![choice(false, None), choice(true, None)],
        },
    )
}

fn to_flags(s: &mut Session) {
    feed(s, &[Input::Continue, Input::RevealAll]);
    assert_eq!(s.prompt().kind, PromptKind::Flag);
}

#[test]
fn the_flag_prompt_waits_for_an_explicit_answer() {
    let mut s = session(vec![module("m", vec![mixed_chat()])]);
    to_flags(&mut s);
    // Only their messages are listed, then "none of these".
    let ScreenView::Step(v) = s.view().screen else {
        panic!()
    };
    let StepBody::Chat(c) = v.body else { panic!() };
    let ChatStage::Flag {
        items, none_number, ..
    } = c.stage
    else {
        panic!()
    };
    assert_eq!(
        items.iter().map(|i| i.index).collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert_eq!(none_number, 3);
    assert_eq!(s.prompt().len, 3);
    // Enter alone, submit with nothing flagged, an empty answer: refused.
    for i in [Input::Continue, Input::Submit, Input::Answer(vec![])] {
        assert_eq!(s.update(i, NOW).hint, Some(Hint::FlagOrNone));
        assert_eq!(s.prompt().kind, PromptKind::Flag);
    }
    // Mixing "none of these" with a message is refused too, and said so.
    assert_eq!(
        s.update(Input::Answer(vec![0, 2]), NOW).hint,
        Some(Hint::NoneGoesAlone)
    );
    assert_eq!(
        s.hint_text(Hint::NoneGoesAlone),
        Text::id("hint-none-goes-alone").num("none", 3)
    );
    assert!(s.update(Input::NoneOfThese, NOW).save);
    let r = s.step_record(0, 0).expect("record");
    assert_eq!(r.flags, Some(vec![]));
    assert_eq!(r.first_correct, None, "flags are not scored");
}

#[test]
fn flags_are_stored_by_file_index_and_only_their_messages_count() {
    let mut s = session(vec![module("m", vec![mixed_chat()])]);
    to_flags(&mut s);
    // Flag list item 2 is message 3 (file index).
    feed(&mut s, &[Input::Flag(1), Input::Submit]);
    assert_eq!(
        s.step_record(0, 0).and_then(|r| r.flags.clone()),
        Some(vec![3])
    );
    // The signs list numbers messages as the flag list did.
    let StepBody::Chat(c) = step_view(&s).body else {
        panic!()
    };
    let ChatStage::Signs { signs, .. } = c.stage else {
        panic!()
    };
    assert_eq!(signs.len(), 1);
    assert_eq!((signs[0].number, signs[0].index), (2, 3));
    // "Last item" typed in plain mode means none of these.
    let mut s = session(vec![module("m", vec![mixed_chat()])]);
    to_flags(&mut s);
    feed(&mut s, &[Input::Answer(vec![2])]);
    assert_eq!(
        s.step_record(0, 0).and_then(|r| r.flags.clone()),
        Some(vec![])
    );
}

fn branching() -> Module {
    // 0 chat -> (safe: "b") ; 1 "a" ; 2 "b" -> 3 "c"
    let mut c = chat(
        "talk",
        &[false],
        vec![choice(true, Some("b")), choice(false, Some("a"))],
    );
    c.shuffle = false;
    let mut a = read("a");
    a.next = Some(Next::Step("c".into()));
    module("m", vec![c, a, read("b"), read("c")])
}

#[test]
fn a_detour_that_leads_back_to_the_chat_keeps_the_chat_s_count() {
    // intro, talk (unsafe -> "again" -> talk; safe -> "good"), good, last.
    let mut c = chat(
        "talk",
        &[false],
        vec![choice(true, Some("good")), choice(false, Some("again"))],
    );
    c.shuffle = false;
    let mut again = read("again");
    again.next = Some(Next::Step("talk".into()));
    let m = module(
        "m",
        vec![read("intro"), c, again, read("good"), read("last")],
    );
    let mut s = session(vec![m]);
    let count = |s: &Session| {
        let c = step_view(s).counter;
        (c.n, c.total)
    };
    feed(&mut s, &[Input::Continue]);
    assert_eq!(count(&s), (1, 4));
    feed(&mut s, &[Input::Continue, Input::RevealAll]);
    assert_eq!(count(&s), (2, 4));
    feed(&mut s, &[Input::Answer(vec![1])]);
    assert_eq!(count(&s), (2, 4), "the wrong choice's feedback");
    feed(&mut s, &[Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "again".into())));
    assert_eq!(
        count(&s),
        (2, 4),
        "the detour does not count as a step ahead"
    );
    feed(&mut s, &[Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "talk".into())));
    assert_eq!(count(&s), (2, 4));
    feed(&mut s, &[Input::Answer(vec![0]), Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "good".into())));
    assert_eq!(count(&s), (3, 4));
    feed(&mut s, &[Input::Continue]);
    assert_eq!(count(&s), (4, 4));
}

#[test]
fn the_step_counter_counts_along_the_path() {
    let mut s = session(vec![branching()]);
    feed(&mut s, &[Input::Continue]);
    assert_eq!(step_view(&s).counter, Counter { n: 1, total: 3 });
    feed(
        &mut s,
        &[Input::RevealAll, Input::Answer(vec![0]), Input::Continue],
    );
    assert_eq!(at(&s), Some(("m".into(), "b".into())));
    assert_eq!(step_view(&s).counter, Counter { n: 2, total: 3 });
    feed(&mut s, &[Input::Continue]);
    assert_eq!(step_view(&s).counter, Counter { n: 3, total: 3 });
    // The other branch: a then c, still 1, 2, 3 (never 2, 4).
    let mut s = session(vec![branching()]);
    feed(
        &mut s,
        &[Input::Continue, Input::RevealAll, Input::Answer(vec![1])],
    );
    feed(&mut s, &[Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "a".into())));
    assert_eq!(step_view(&s).counter.n, 2);
    feed(&mut s, &[Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "c".into())));
    assert_eq!(step_view(&s).counter, Counter { n: 3, total: 3 });
}

#[test]
fn no_running_score_and_the_summary_counts_right_first_time() {
    let q = |id| question(id, QuestionKind::Single, &[true, false]);
    let mut s = session(vec![module("m", vec![q("a"), q("b")])]);
    feed(
        &mut s,
        &[Input::Continue, Input::Answer(vec![0]), Input::Back],
    );
    let ScreenView::Home(h) = s.view().screen else {
        panic!()
    };
    assert_eq!(h.rows[0].score, None, "no score in the middle of a module");
    // Back in: the first question as answered, then the second.
    feed(&mut s, &[Input::Continue, Input::Continue]);
    feed(&mut s, &[Input::Answer(vec![1]), Input::Continue]);
    let ScreenView::Summary(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.score, Some(Score { right: 1, of: 2 }));
    assert_eq!(v.score_text.id, "summary-right-first-time");
    feed(&mut s, &[Input::Continue]);
    let ScreenView::Home(h) = s.view().screen else {
        panic!()
    };
    assert_eq!(h.rows[0].score.map(|s| s.percent()), Some(50));
}

#[test]
fn trying_another_branch_after_completing_never_lowers_the_score() {
    let mut s = session(vec![branching()]);
    feed(
        &mut s,
        &[Input::Continue, Input::RevealAll, Input::Answer(vec![0])],
    );
    feed(&mut s, &[Input::Continue, Input::Continue, Input::Continue]);
    assert_eq!(s.status(0), crate::progress::Status::Complete);
    assert_eq!(s.right_of(0), Some((1, 1)));
    // Again, the unsafe branch this time.
    feed(&mut s, &[Input::Continue, Input::Open(0)]);
    feed(&mut s, &[Input::Continue]);
    assert_eq!(s.right_of(0), Some((1, 1)));
}

fn shuffled_question() -> Step {
    let mut q = question(
        "q",
        QuestionKind::Single,
        &[true, false, false, false, false],
    );
    q.shuffle = true;
    q
}

fn shown_for(profile: &str) -> Vec<usize> {
    let mut s = Session::new(
        course(vec![module("m", vec![shuffled_question()])]),
        CourseRecord::new(profile, "c"),
    );
    feed(&mut s, &[Input::Continue]);
    let StepBody::Question(q) = step_view(&s).body else {
        panic!()
    };
    q.items.iter().map(|i| i.index).collect()
}

#[test]
fn options_are_shuffled_per_learner_and_stable() {
    assert_eq!(shown_for("sam"), shown_for("sam"));
    let orders: std::collections::BTreeSet<Vec<usize>> = ["sam", "ana", "kim", "lee", "jo", "max"]
        .iter()
        .map(|p| shown_for(p))
        .collect();
    assert!(
        orders.len() > 2,
        "learners see different orders: {orders:?}"
    );
    // Where the right option lands differs between learners.
    let firsts: std::collections::BTreeSet<usize> =
        ["sam", "ana", "kim", "lee", "jo", "max", "zoe", "ben"]
            .iter()
            .map(|p| shown_for(p).iter().position(|i| *i == 0).unwrap_or(9))
            .collect();
    assert!(firsts.len() > 1);
}

#[test]
fn feedback_and_scoring_follow_the_option_and_old_records_resume() {
    let mut s = Session::new(
        course(vec![module("m", vec![shuffled_question(), read("r")])]),
        CourseRecord::new("sam", "c"),
    );
    feed(&mut s, &[Input::Continue]);
    let StepBody::Question(q) = step_view(&s).body else {
        panic!()
    };
    let right_at = q.items.iter().position(|i| i.index == 0).expect("shown");
    feed(&mut s, &[Input::Choose(right_at), Input::Submit]);
    let r = s.step_record(0, 0).expect("answered");
    assert_eq!(r.answer, Some(vec![0]), "the record keeps the file index");
    assert_eq!(r.first_correct, Some(true));
    let StepBody::Question(q) = step_view(&s).body else {
        panic!()
    };
    assert!(q.result.expect("verdict").right);
    // A record written before shuffling (file index 0) shows that option chosen.
    let mut rec = CourseRecord::new("kim", "c");
    let st = rec.modules.entry("m".into()).or_default();
    st.step = Some("q".into());
    st.started_at = Some(NOW.into());
    st.steps.insert(
        "q".into(),
        crate::progress::StepRecord {
            done: true,
            first_correct: Some(true),
            answer: Some(vec![0]),
            ..Default::default()
        },
    );
    let mut s = Session::new(
        course(vec![module("m", vec![shuffled_question(), read("r")])]),
        rec,
    );
    feed(&mut s, &[Input::Continue]);
    let StepBody::Question(q) = step_view(&s).body else {
        panic!()
    };
    let chosen: Vec<usize> = q
        .items
        .iter()
        .filter(|i| i.selected)
        .map(|i| i.index)
        .collect();
    assert_eq!(chosen, vec![0]);
    assert!(q.result.expect("verdict").right);
}

#[test]
fn shuffle_false_keeps_the_file_order() {
    let mut q = shuffled_question();
    q.shuffle = false;
    let mut s = session(vec![module("m", vec![q])]);
    feed(&mut s, &[Input::Continue]);
    let StepBody::Question(q) = step_view(&s).body else {
        panic!()
    };
    assert_eq!(
        q.items.iter().map(|i| i.index).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4]
    );
}

fn checked_course() -> Course {
    let q = |id| question(id, QuestionKind::Single, &[true, false]);
    let mut c = course(vec![
        module("pre", vec![q("p1"), q("p2")]),
        module("post", vec![q("a1"), q("a2")]),
    ]);
    c.pre_check = Some("pre".into());
    c.post_check = Some("post".into());
    c
}

#[test]
fn the_pre_check_shows_no_right_answers_and_the_post_check_compares() {
    let mut s = Session::new(checked_course(), CourseRecord::new("sam", "c"));
    feed(&mut s, &[Input::Continue, Input::Answer(vec![1])]);
    let v = step_view(&s);
    assert_eq!(v.neutral.map(|t| t.id), Some("check-thanks"));
    let StepBody::Question(q) = v.body else {
        panic!()
    };
    assert_eq!(q.result, None, "no verdict, feedback or explanation");
    feed(
        &mut s,
        &[Input::Continue, Input::Answer(vec![0]), Input::Continue],
    );
    let ScreenView::Summary(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.score, None);
    assert_eq!(v.score_text.id, "check-pre-done");
    feed(&mut s, &[Input::Continue]);
    let ScreenView::Home(h) = s.view().screen else {
        panic!()
    };
    assert_eq!(h.rows[0].check, Some(CheckRole::Pre));
    assert_eq!(h.rows[0].score, None);
    feed(
        &mut s,
        &[Input::Continue, Input::Answer(vec![0]), Input::Continue],
    );
    assert!(step_view(&s).neutral.is_none());
    feed(&mut s, &[Input::Answer(vec![0]), Input::Continue]);
    let ScreenView::Summary(v) = s.view().screen else {
        panic!()
    };
    let ba = v.before_after.expect("before and after");
    assert_eq!(ba.id, "check-before-after");
    assert_eq!(
        ba.args,
        vec![
            ("before", Arg::Num(1)),
            ("before_total", Arg::Num(2)),
            ("now", Arg::Num(2)),
            ("now_total", Arg::Num(2)),
        ]
    );
}

#[test]
fn preview_saves_nothing_goes_back_and_tries_every_choice() {
    let mut c = chat(
        "talk",
        &[],
        vec![choice(true, Some("b")), choice(false, Some("a"))],
    );
    c.shuffle = true;
    let mut a = read("a");
    a.next = Some(Next::End);
    let mut s = Session::preview(course(vec![module("m", vec![c, a, read("b")])]));
    assert!(!s.update(Input::Continue, NOW).save);
    // File order in preview.
    let mut inputs = vec![Input::RevealAll];
    for i in inputs.drain(..) {
        assert!(!s.update(i, NOW).save);
    }
    let StepBody::Chat(v) = step_view(&s).body else {
        panic!()
    };
    let ChatStage::Choose { items, .. } = v.stage else {
        panic!()
    };
    assert_eq!(
        items.iter().map(|i| i.index).collect::<Vec<_>>(),
        vec![0, 1]
    );
    feed(&mut s, &[Input::Answer(vec![0]), Input::Continue]);
    assert_eq!(at(&s), Some(("m".into(), "b".into())));
    // Back one step: the chat again, fresh, and the other choice.
    assert!(!s.update(Input::BackStep, NOW).save);
    assert_eq!(at(&s), Some(("m".into(), "talk".into())));
    feed(
        &mut s,
        &[Input::RevealAll, Input::Answer(vec![1]), Input::Continue],
    );
    assert_eq!(at(&s), Some(("m".into(), "a".into())));
    assert_eq!(step_view(&s).counter.n, 2);
}

#[test]
fn hints_say_the_list_length_on_screen() {
    let mut s = session(vec![module("m", vec![mixed_chat()])]);
    to_flags(&mut s);
    let h = s.update(Input::Answer(vec![7]), NOW).hint.expect("hint");
    assert_eq!(s.hint_text(h), Text::id("hint-out-of-range").num("max", 3));
}
