//! Parity: one scripted walk through a fixture course with every step kind
//! and a branch, driven through each front end, must give the same record
//! and the same visible facts. The script is in the course's own terms
//! (file indexes); each driver turns it into what its learner would type or
//! press, through the learner's shuffled order.
//!
//! Drivers here: plain mode (typed lines) and a bare session bot (semantic
//! inputs, the "third front end"); the full-screen driver is in
//! `tui_parity.rs`. Walks made by strategies on every fixture course:
//! `parity_walks.rs`.

use notalone::course::{Course, CourseSource, QuestionKind, StepKind};
use notalone::host::Host;
use notalone::progress::CourseRecord;
use notalone::session::{Input, flaggable, shuffle_key, shuffled, shuffled_display};

/// What the learner does at one prompt, by file index.
#[derive(Debug, Clone)]
pub enum Act {
    /// Enter: continue, or open the module to resume.
    Enter,
    /// Flag these messages (none: "None of these").
    Flags(Vec<usize>),
    /// Pick this chat choice.
    Choice(usize),
    /// Select these options or spot items, then submit.
    Pick(Vec<usize>),
    /// Put the options of an order question in this order.
    Order(Vec<usize>),
}

/// A scripted walk: (module id, step id, act); the step is where the act
/// happens (both empty on home, the step empty on a note or summary).
#[derive(Debug, Clone)]
pub struct Walk {
    pub profile: String,
    pub acts: Vec<(String, String, Act)>,
}

pub fn fixture() -> Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/parity");
    notalone::course::load(&CourseSource::Dir(dir), Some("en")).expect("parity fixture loads")
}

/// The walk: both modules, the unsafe branch of the chat first (choose
/// again), then the branch of the "pay" choice, every step kind.
pub fn walk() -> Walk {
    use Act::*;
    let acts: Vec<(&str, &str, Act)> = vec![
        ("", "", Enter),                     // home: resume module 1
        ("chats", "intro", Enter),           // read
        ("chats", "talk", Enter),            // chat shown
        ("chats", "talk", Flags(vec![1])),   // flag "send me a pic"
        ("chats", "talk", Enter),            // signs
        ("chats", "talk", Choice(0)),        // unsafe, no branch
        ("chats", "talk", Enter),            // choose again
        ("chats", "talk", Choice(2)),        // pay: the branch
        ("chats", "talk", Enter),            // feedback
        ("chats", "after-paid", Enter),      // the branch's page
        ("chats", "spot", Pick(vec![0, 2])), // spot
        ("chats", "spot", Enter),
        ("chats", "", Enter), // summary -> home
        ("", "", Enter),      // home: module 2
        ("questions", "single", Pick(vec![1])),
        ("questions", "single", Enter),
        ("questions", "multi", Pick(vec![0])), // not all the right ones
        ("questions", "multi", Enter),
        ("questions", "order", Order(vec![0, 1, 2])),
        ("questions", "order", Enter),
        ("questions", "quiet", Enter), // a chat with nothing to answer
        ("questions", "none", Enter),  // a chat: flag none
        ("questions", "none", Flags(vec![])),
        ("questions", "none", Enter),
        ("questions", "", Enter), // summary -> home
    ];
    Walk {
        profile: "pat".into(),
        acts: acts
            .into_iter()
            .map(|(m, s, a)| (m.to_string(), s.to_string(), a))
            .collect(),
    }
}

fn step<'a>(c: &'a Course, module: &str, step: &str) -> &'a notalone::course::Step {
    c.module(module)
        .and_then(|m| m.steps.iter().find(|s| s.id == step))
        .unwrap_or_else(|| panic!("no step {module}/{step}"))
}

/// Display position (0-based) of file index `i` in the order shown to `profile`.
fn position(
    c: &Course,
    profile: &str,
    module: &str,
    st: &str,
    n: usize,
    i: usize,
    order: bool,
) -> usize {
    let s = step(c, module, st);
    let key = shuffle_key(profile, &c.id, module, st);
    let shown = if order {
        shuffled(n, &key)
    } else if s.shuffle {
        shuffled_display(n, &key)
    } else {
        (0..n).collect()
    };
    shown.iter().position(|x| *x == i).expect("shown")
}

/// The line plain mode's learner types for one act.
fn plain_line(c: &Course, profile: &str, module: &str, st: &str, act: &Act) -> String {
    let join = |v: Vec<usize>| {
        v.iter()
            .map(|p| (p + 1).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match act {
        Act::Enter => String::new(),
        Act::Flags(f) => {
            let StepKind::Chat { messages, .. } = &step(c, module, st).kind else {
                panic!("flags on a chat")
            };
            let can = flaggable(messages);
            if f.is_empty() {
                return (can.len() + 1).to_string();
            }
            join(
                f.iter()
                    .map(|i| can.iter().position(|x| x == i).expect("theirs"))
                    .collect(),
            )
        }
        Act::Choice(i) => {
            let StepKind::Chat { choices, .. } = &step(c, module, st).kind else {
                panic!("a choice in a chat")
            };
            join(vec![position(
                c,
                profile,
                module,
                st,
                choices.len(),
                *i,
                false,
            )])
        }
        Act::Pick(v) | Act::Order(v) => {
            let (n, order) = match &step(c, module, st).kind {
                StepKind::Spot { items, .. } => (items.len(), false),
                StepKind::Question { options, kind, .. } => {
                    (options.len(), *kind == QuestionKind::Order)
                }
                _ => panic!("pick on a spot or question"),
            };
            join(
                v.iter()
                    .map(|i| position(c, profile, module, st, n, *i, order))
                    .collect(),
            )
        }
    }
}

/// Plain mode: the record and the transcript.
pub fn drive_plain(course: &Course, w: &Walk) -> (CourseRecord, String) {
    let lines: Vec<String> = w
        .acts
        .iter()
        .map(|(m, s, a)| plain_line(course, &w.profile, m, s, a))
        .collect();
    let mut host = Host::in_memory(course.clone());
    let mut out = Vec::new();
    let input = lines.join("\n") + "\nq\n";
    let code = notalone::plain::run(
        input.as_bytes(),
        &mut out,
        &mut host,
        Some(w.profile.clone()),
    );
    assert_eq!(code, 0);
    let rec = host.saved_record(&w.profile).expect("saved").clone();
    (rec, String::from_utf8(out).expect("UTF-8"))
}

/// A bare session driven with semantic inputs by position shown.
pub fn drive_session(course: &Course, w: &Walk) -> CourseRecord {
    let mut host = Host::in_memory(course.clone());
    let (mut s, _) = host.open(&w.profile);
    for (m, st, act) in &w.acts {
        let pos =
            |i: usize, n: usize, order: bool| position(course, &w.profile, m, st, n, i, order);
        let inputs: Vec<Input> = match act {
            Act::Enter => vec![
                if matches!(s.prompt().kind, notalone::session::PromptKind::Reveal) {
                    Input::RevealAll
                } else {
                    Input::Continue
                },
            ],
            Act::Flags(f) if f.is_empty() => vec![Input::NoneOfThese],
            Act::Flags(f) => {
                let StepKind::Chat { messages, .. } = &step(course, m, st).kind else {
                    panic!()
                };
                let can = flaggable(messages);
                let mut v: Vec<Input> = f
                    .iter()
                    .map(|i| Input::Flag(can.iter().position(|x| x == i).expect("theirs")))
                    .collect();
                v.push(Input::Submit);
                v
            }
            Act::Choice(i) => {
                let n = match &step(course, m, st).kind {
                    StepKind::Chat { choices, .. } => choices.len(),
                    _ => panic!(),
                };
                vec![Input::Choose(pos(*i, n, false)), Input::Submit]
            }
            Act::Pick(v) => {
                let (n, single) = match &step(course, m, st).kind {
                    StepKind::Spot { items, .. } => (items.len(), false),
                    StepKind::Question { options, kind, .. } => {
                        (options.len(), *kind == QuestionKind::Single)
                    }
                    _ => panic!(),
                };
                let mut out: Vec<Input> = v
                    .iter()
                    .map(|i| {
                        if single {
                            Input::Choose(pos(*i, n, false))
                        } else {
                            Input::Toggle(pos(*i, n, false))
                        }
                    })
                    .collect();
                out.push(Input::Submit);
                out
            }
            Act::Order(v) => vec![Input::Answer(
                v.iter().map(|i| pos(*i, v.len(), true)).collect(),
            )],
        };
        for i in inputs {
            let o = host.apply(&mut s, i.clone());
            assert_eq!(o.hint, None, "{m}/{st}: {i:?} refused");
        }
    }
    host.saved_record(&w.profile).expect("saved").clone()
}

/// What must be the same in every front end's record (dates aside).
pub fn facts(r: &CourseRecord) -> String {
    let mut out = String::new();
    for (mid, m) in &r.modules {
        out.push_str(&format!("{mid}: complete={}\n", m.completed_at.is_some()));
        for (sid, s) in &m.steps {
            out.push_str(&format!(
                "  {sid}: done={} first_correct={:?} answer={:?} flags={:?} choices={:?}\n",
                s.done, s.first_correct, s.answer, s.flags, s.choices
            ));
        }
    }
    out
}

#[test]
fn plain_mode_and_the_session_bot_give_the_same_record() {
    let w = walk();
    let (plain, transcript) = drive_plain(&fixture(), &w);
    let bot = drive_session(&fixture(), &w);
    assert_eq!(facts(&plain), facts(&bot));
    insta::assert_snapshot!("parity_record", facts(&plain));
    // Visible facts a learner notices, in plain mode.
    for want in [
        "If you already paid, stop now.",
        "Think about it, then choose again.",
        "Module complete: Chats",
        "Module complete: Questions",
        "2. send me a pic | Warning sign, and you spotted it.",
    ] {
        assert!(transcript.contains(want), "missing {want:?}:\n{transcript}");
    }
    // The counter goes 1, 2, 3, 4 along the branch taken, never jumping.
    let shown: Vec<usize> = transcript
        .lines()
        .filter_map(|l| l.strip_prefix("== Chats | Step "))
        .filter_map(|l| l.split(' ').next()?.parse().ok())
        .collect();
    assert!(
        shown.windows(2).all(|w| w[1] == w[0] || w[1] == w[0] + 1),
        "{shown:?}"
    );
    assert_eq!(shown.first(), Some(&1));
    assert_eq!(shown.last(), Some(&4));
    assert!(
        transcript.contains("== Chats | Step 4 of 4 =="),
        "{transcript}"
    );
}
