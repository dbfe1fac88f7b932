//! A scripted class of twelve learners with known answers in the
//! `tests/courses/report-class` course (warm-up = pre-check, final =
//! post-check), shared by the in-process and real-binary report tests.
//!
//! Answers are file-order indexes, as records keep them. L01-L08 finish
//! everything, L09 and L10 skip the chat module at its content note, L11
//! quits in the chat after flagging, L12 quits after one warm-up answer.

#![allow(dead_code)]

use notalone::progress::{CourseRecord, ModuleRecord, StepRecord};

pub const COURSE: &str = "report-class";

/// One learner's first answers: warm-up signs (single, right 0), warm-up
/// tell (single, right 1), chat flags (signs 1 and 2), chat choice (safe
/// 1), order (right 0,1,2), final signs (multiple, right 0 and 1), final
/// tell (spot, right 0). `None`: not reached.
pub struct Script {
    pub name: &'static str,
    pub w_signs: Option<usize>,
    pub w_tell: Option<usize>,
    pub skip_chat: bool,
    pub flags: Option<&'static [usize]>,
    pub choice: Option<usize>,
    pub order: Option<&'static [usize]>,
    pub f_signs: Option<&'static [usize]>,
    pub f_tell: Option<&'static [usize]>,
}

const fn s(
    name: &'static str,
    w: (Option<usize>, Option<usize>),
    skip_chat: bool,
    flags: Option<&'static [usize]>,
    choice: Option<usize>,
    order: Option<&'static [usize]>,
    f: (Option<&'static [usize]>, Option<&'static [usize]>),
) -> Script {
    Script {
        name,
        w_signs: w.0,
        w_tell: w.1,
        skip_chat,
        flags,
        choice,
        order,
        f_signs: f.0,
        f_tell: f.1,
    }
}

pub const CLASS: [Script; 12] = [
    s(
        "L01",
        (Some(0), Some(1)),
        false,
        Some(&[1, 2]),
        Some(1),
        Some(&[0, 1, 2]),
        (Some(&[0, 1]), Some(&[0])),
    ),
    s(
        "L02",
        (Some(1), Some(0)),
        false,
        Some(&[1]),
        Some(0),
        Some(&[1, 0, 2]),
        (Some(&[0, 1]), Some(&[0])),
    ),
    s(
        "L03",
        (Some(2), Some(1)),
        false,
        Some(&[]),
        Some(1),
        Some(&[0, 1, 2]),
        (Some(&[0]), Some(&[0, 1])),
    ),
    s(
        "L04",
        (Some(1), Some(1)),
        false,
        Some(&[1, 2]),
        Some(1),
        Some(&[1, 0, 2]),
        (Some(&[0, 1]), Some(&[0])),
    ),
    s(
        "L05",
        (Some(0), Some(0)),
        false,
        Some(&[0, 1, 2]),
        Some(0),
        Some(&[2, 1, 0]),
        (Some(&[0, 1, 2]), Some(&[0])),
    ),
    s(
        "L06",
        (Some(1), Some(1)),
        false,
        Some(&[2]),
        Some(1),
        Some(&[0, 1, 2]),
        (Some(&[0, 1]), Some(&[0])),
    ),
    s(
        "L07",
        (Some(0), Some(1)),
        false,
        Some(&[1, 2]),
        Some(1),
        Some(&[1, 0, 2]),
        (Some(&[0, 1]), Some(&[1])),
    ),
    s(
        "L08",
        (Some(2), Some(0)),
        false,
        Some(&[1, 2]),
        Some(1),
        Some(&[0, 1, 2]),
        (Some(&[0, 1]), Some(&[0])),
    ),
    s(
        "L09",
        (Some(1), Some(1)),
        true,
        None,
        None,
        None,
        (Some(&[0, 1]), Some(&[0])),
    ),
    s(
        "L10",
        (Some(0), Some(0)),
        true,
        None,
        None,
        None,
        (Some(&[2]), Some(&[0])),
    ),
    s(
        "L11",
        (Some(0), Some(1)),
        false,
        Some(&[1]),
        None,
        None,
        (None, None),
    ),
    s(
        "L12",
        (Some(1), None),
        false,
        None,
        None,
        None,
        (None, None),
    ),
];

fn at(learner: usize, minute: usize) -> String {
    format!("2026-11-30T09:{:02}:{:02}Z", minute, learner)
}

fn answer(m: &mut ModuleRecord, step: &str, answer: Vec<usize>, ok: bool, t: String) {
    m.steps.insert(
        step.into(),
        StepRecord {
            done: true,
            first_correct: Some(ok),
            answer: Some(answer),
            answered_at: Some(t),
            ..Default::default()
        },
    );
}

fn set(v: &[usize]) -> Vec<usize> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v
}

/// The record a learner following `script` leaves (as the session saves it).
pub fn record(i: usize, script: &Script) -> CourseRecord {
    let mut r = CourseRecord::new(script.name, COURSE);
    // Warm-up.
    if let Some(a) = script.w_signs {
        let m = r.modules.entry("warm-up".into()).or_default();
        m.started_at = Some(at(i, 0));
        answer(m, "w-signs", vec![a], a == 0, at(i, 1));
        m.step = Some("w-signs".into());
        if let Some(b) = script.w_tell {
            answer(m, "w-tell", vec![b], b == 1, at(i, 2));
            m.step = Some("w-tell".into());
            m.completed_at = Some(at(i, 3));
        }
    }
    // Chat (content note first).
    if script.skip_chat {
        r.modules.entry("chat".into()).or_default().skipped_at = Some(at(i, 4));
    } else if let Some(flags) = script.flags {
        let m = r.modules.entry("chat".into()).or_default();
        m.note_accepted = true;
        m.started_at = Some(at(i, 5));
        m.step = Some("follower".into());
        let mut s = StepRecord {
            flags: Some(flags.to_vec()),
            ..Default::default()
        };
        if let Some(c) = script.choice {
            s.choices = vec![c];
            s.first_correct = Some(c == 1);
            s.answer = Some(vec![c]);
            s.answered_at = Some(at(i, 6));
            s.done = true;
        }
        m.steps.insert("follower".into(), s);
        if let Some(o) = script.order {
            answer(m, "order", o.to_vec(), o == [0, 1, 2], at(i, 7));
            m.step = Some("order".into());
            m.completed_at = Some(at(i, 8));
        }
    }
    // Final check.
    if let (Some(fs), Some(ft)) = (script.f_signs, script.f_tell) {
        let m = r.modules.entry("final".into()).or_default();
        m.started_at = Some(at(i, 10));
        answer(m, "f-signs", fs.to_vec(), set(fs) == [0, 1], at(i, 11));
        answer(m, "f-tell", ft.to_vec(), set(ft) == [0], at(i, 12));
        m.step = Some("f-tell".into());
        m.completed_at = Some(at(i, 13));
    }
    r
}

/// Every learner's record, in class order.
pub fn records() -> Vec<CourseRecord> {
    CLASS
        .iter()
        .enumerate()
        .map(|(i, s)| record(i + 1, s))
        .collect()
}
