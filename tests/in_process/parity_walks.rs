//! Parity on every fixture course: each course under `tests/courses/` that
//! loads (and the built-in course) is walked to the end with a few
//! strategies (always the first item, always the last, choose again in
//! chats, "none of these" in flag prompts). A bot on the session makes each
//! walk (one act per prompt, in the course's own terms, so a course we
//! have never seen needs no script); plain mode, the semantic-input bot and
//! the full-screen UI then walk it and must save the same record (the
//! in-memory host's clock is fixed, so timestamps agree too) and show the
//! same facts: every "Step n of m" counter and every module's score.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use notalone::course::{Course, CourseSource};
use notalone::host::Host;
use notalone::progress::{CourseRecord, Status};
use notalone::session::{ChatStage, Input, Item, PromptKind, ScreenView, Session, StepBody};

use crate::parity::{Act, Walk, drive_plain, drive_session};
use crate::tui_parity::{Keys, drive_tui, drive_tui_with};

/// How the learner answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// The first item shown, everywhere (chats: the first not tried yet).
    First,
    /// The last item shown, everywhere (flags: the last message, not "none").
    Last,
    /// Chats: an unsafe choice first whenever one is left, so the course
    /// says "choose again"; lists: every other item.
    Again,
    /// Flag prompts: "none of these"; lists: every item; orders reversed.
    NoneOfThese,
    /// Item `k` of every list (wrapping round), the order turned by `k`.
    Nth(usize),
}

pub const STRATEGIES: [Strategy; 4] = [
    Strategy::First,
    Strategy::Last,
    Strategy::Again,
    Strategy::NoneOfThese,
];

/// Every fixture course that loads in `lang` (its folder's name under
/// `tests/courses/`), then the built-in course as `lessons`; in another
/// language than English, only the courses translated into it.
pub fn courses(lang: &str) -> Vec<(String, Course)> {
    fn find(dir: &Path, out: &mut Vec<PathBuf>) {
        if dir.join("course.toml").is_file() {
            out.push(dir.to_path_buf());
        }
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut subs: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        subs.sort();
        for p in subs.into_iter().filter(|p| p.is_dir()) {
            find(&p, out);
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses");
    let mut dirs = Vec::new();
    find(&root, &mut dirs);
    let mut out: Vec<(String, Course)> = dirs
        .into_iter()
        .filter_map(|d| {
            let c = notalone::course::load(&CourseSource::Dir(d.clone()), Some(lang)).ok()?;
            let name = d.strip_prefix(&root).ok()?.to_string_lossy().into_owned();
            Some((name, c))
        })
        .collect();
    let builtin = notalone::course::load(&CourseSource::Embedded, Some(lang))
        .unwrap_or_else(|e| panic!("the built-in course loads: {e}"));
    out.push(("lessons".into(), builtin));
    out.retain(|(_, c)| c.locale.starts_with(lang));
    out
}

/// A walk made by `strategy`, with what the learner must see on the way
/// (the counters and scores, rendered) and the bot's own record.
pub struct Made {
    pub walk: Walk,
    pub seen: BTreeSet<String>,
    pub record: CourseRecord,
}

/// Positions shown (0-based) of the items a strategy picks from `n`.
fn many(strategy: Strategy, n: usize) -> Vec<usize> {
    match strategy {
        Strategy::First => vec![0],
        Strategy::Last => vec![n.saturating_sub(1)],
        Strategy::Again => (0..n).step_by(2).collect(),
        Strategy::NoneOfThese => (0..n).collect(),
        Strategy::Nth(k) => vec![k % n.max(1)],
    }
}

fn one(strategy: Strategy, n: usize) -> usize {
    match strategy {
        Strategy::First => 0,
        Strategy::Last => n.saturating_sub(1),
        Strategy::Again => 1 % n.max(1),
        Strategy::NoneOfThese => n / 2,
        Strategy::Nth(k) => k % n.max(1),
    }
}

/// Where the session is, in course terms (module id, step id).
fn place(s: &Session) -> (String, String) {
    let v = s.view();
    let module = |i: usize| s.course().modules.get(i).map(|m| m.id.clone());
    match &v.screen {
        ScreenView::Step(st) => (module(st.module).unwrap_or_default(), st.step_id.into()),
        ScreenView::Summary(sm) => (module(sm.module).unwrap_or_default(), String::new()),
        _ => (String::new(), String::new()),
    }
}

/// The list on screen: its items as shown, and whether it is a chat's choices.
fn list(s: &Session) -> (Vec<(usize, usize)>, bool) {
    let v = s.view();
    let pairs = |items: &[Item<'_>]| items.iter().map(|i| (i.number - 1, i.index)).collect();
    match &v.screen {
        ScreenView::Step(st) => match &st.body {
            StepBody::Chat(c) => match &c.stage {
                ChatStage::Choose { items, .. } => (pairs(items), true),
                ChatStage::Flag { items, .. } => (pairs(items), false),
                _ => (Vec::new(), false),
            },
            StepBody::Spot(sp) => (pairs(&sp.items), false),
            StepBody::Question(q) => (pairs(&q.items), false),
            StepBody::Read { .. } => (Vec::new(), false),
        },
        _ => (Vec::new(), false),
    }
}

/// What the learner sees on this screen that both front ends must show.
fn facts_on_screen(s: &Session, host: &Host, seen: &mut BTreeSet<String>) {
    match &s.view().screen {
        ScreenView::Step(st) => {
            seen.insert(st.counter.text().render(host.i18n()));
        }
        ScreenView::Summary(sm) => {
            seen.insert(sm.score_text.render(host.i18n()));
        }
        _ => {}
    }
}

/// Walk `course` to the end (every module complete, back home) the way
/// `strategy` answers, one act per prompt.
pub fn make(course: &Course, strategy: Strategy, profile: &str) -> Made {
    let mut host = Host::in_memory(course.clone());
    let (mut s, _) = host.open(profile);
    let mut acts = Vec::new();
    let mut seen = BTreeSet::new();
    let mut tried: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    let all_done =
        |s: &Session| (0..s.course().modules.len()).all(|i| s.status(i) == Status::Complete);
    for _ in 0..5000 {
        facts_on_screen(&s, &host, &mut seen);
        let prompt = s.prompt();
        let (module, step) = place(&s);
        if prompt.kind == PromptKind::Home && all_done(&s) {
            return Made {
                walk: Walk {
                    profile: profile.into(),
                    acts,
                },
                seen,
                record: host.saved_record(profile).cloned().expect("saved"),
            };
        }
        let (items, chat) = list(&s);
        let index = |p: usize| items[p].1;
        let (act, input) = match prompt.kind {
            PromptKind::Home | PromptKind::Note | PromptKind::Continue => {
                (Act::Enter, Input::Continue)
            }
            PromptKind::Reveal => (Act::Enter, Input::RevealAll),
            PromptKind::Flag if strategy == Strategy::NoneOfThese || items.is_empty() => {
                (Act::Flags(Vec::new()), Input::Answer(vec![items.len()]))
            }
            PromptKind::Flag => {
                let p = many(strategy, items.len());
                (
                    Act::Flags(p.iter().map(|p| index(*p)).collect()),
                    Input::Answer(p),
                )
            }
            PromptKind::PickOne if chat => {
                let done = tried.entry((module.clone(), step.clone())).or_default();
                let fresh: Vec<usize> = (0..items.len())
                    .filter(|p| !done.contains(&index(*p)))
                    .collect();
                let unsafe_left = fresh
                    .iter()
                    .copied()
                    .find(|p| !chat_choice_safe(course, &module, &step, index(*p)).unwrap_or(true));
                let p = match (strategy, unsafe_left) {
                    (Strategy::Again, Some(p)) => p,
                    _ if fresh.is_empty() => 0,
                    (Strategy::Last, _) => fresh[fresh.len() - 1],
                    (Strategy::Nth(k), _) => fresh[k % fresh.len()],
                    _ => fresh[0],
                };
                done.insert(index(p));
                (Act::Choice(index(p)), Input::Answer(vec![p]))
            }
            PromptKind::PickOne => {
                let p = one(strategy, items.len());
                (Act::Pick(vec![index(p)]), Input::Answer(vec![p]))
            }
            PromptKind::PickMany => {
                let p = many(strategy, items.len());
                (
                    Act::Pick(p.iter().map(|p| index(*p)).collect()),
                    Input::Answer(p),
                )
            }
            PromptKind::Order => {
                let mut p: Vec<usize> = (0..items.len()).collect();
                match strategy {
                    Strategy::First => {}
                    Strategy::Last | Strategy::NoneOfThese => p.reverse(),
                    Strategy::Again => p.rotate_left(1),
                    Strategy::Nth(k) => p.rotate_left(k % items.len().max(1)),
                }
                (
                    Act::Order(p.iter().map(|p| index(*p)).collect()),
                    Input::Answer(p),
                )
            }
        };
        let o = host.apply(&mut s, input.clone());
        assert_eq!(
            o.hint, None,
            "{}: {module}/{step}: {input:?} refused",
            course.id
        );
        acts.push((module, step, act));
    }
    let last: Vec<_> = acts.iter().rev().take(8).collect();
    panic!(
        "{}: the walk ({strategy:?}) does not end; last acts: {last:?}",
        course.id
    );
}

fn chat_choice_safe(course: &Course, module: &str, step: &str, i: usize) -> Option<bool> {
    let st = course.module(module)?.steps.iter().find(|s| s.id == step)?;
    match &st.kind {
        notalone::course::StepKind::Chat { choices, .. } => choices.get(i).map(|c| c.safe),
        _ => None,
    }
}

/// Walk each course with each strategy through every front end.
fn walk_all(courses: &[(String, Course)], strategies: &[Strategy]) {
    for (name, course) in courses {
        for (k, strategy) in strategies.iter().copied().enumerate() {
            let profile = ["pat", "kim", "ola", "sam"][k % 4];
            let made = make(course, strategy, profile);
            let what = format!("{name} ({strategy:?}, {} acts)", made.walk.acts.len());
            eprintln!("walking {what}: {} facts", made.seen.len());
            let (plain, transcript) = drive_plain(course, &made.walk);
            assert_eq!(plain, made.record, "{what}: plain mode");
            assert_eq!(
                drive_session(course, &made.walk),
                made.record,
                "{what}: the semantic-input bot"
            );
            let (tui, drawn) = drive_tui(course, &made.walk);
            assert_eq!(tui, made.record, "{what}: the full-screen UI");
            for fact in &made.seen {
                assert!(
                    transcript.contains(fact),
                    "{what}: plain never showed {fact:?}"
                );
                assert!(
                    drawn.contains(fact),
                    "{what}: the full screen never showed {fact:?}"
                );
            }
        }
    }
}

#[test]
fn every_fixture_course_walks_to_the_same_record_in_every_front_end() {
    let courses = courses("en");
    let names: Vec<&str> = courses.iter().map(|(n, _)| n.as_str()).collect();
    for known in [
        "e2e",
        "parity",
        "tui",
        "report-class",
        "valid/branching",
        "lessons",
    ] {
        assert!(names.contains(&known), "{known} is walked: {names:?}");
    }
    walk_all(&courses, &STRATEGIES);
}

#[test]
fn the_french_courses_walk_to_the_same_record_too() {
    let courses = courses("fr");
    let names: Vec<&str> = courses.iter().map(|(n, _)| n.as_str()).collect();
    for known in ["e2e", "report-class", "lessons"] {
        assert!(
            names.contains(&known),
            "{known} is walked in French: {names:?}"
        );
    }
    walk_all(&courses, &[Strategy::First, Strategy::NoneOfThese]);
}

/// Digits then Enter in the full-screen UI, or the arrows to the item then
/// Enter (the highlight belongs to the UI), answer exactly as the same
/// numbers typed in plain mode: every position of every list of two
/// courses with each kind of step.
#[test]
fn digits_or_the_highlight_then_enter_answer_as_the_numbers_typed_in_plain_mode() {
    let courses: Vec<(String, Course)> = courses("en")
        .into_iter()
        .filter(|(n, _)| n == "parity" || n == "e2e")
        .collect();
    assert_eq!(courses.len(), 2);
    for (name, course) in &courses {
        let mut answers = BTreeSet::new();
        for k in 0..4 {
            let made = make(course, Strategy::Nth(k), "pat");
            let (plain, _) = drive_plain(course, &made.walk);
            assert_eq!(plain, made.record, "{name} item {k}: plain mode");
            for keys in [Keys::Digits, Keys::Arrows] {
                let (tui, _) = drive_tui_with(course, &made.walk, keys);
                assert_eq!(tui, plain, "{name} item {k} with {keys:?}");
            }
            answers.insert(crate::parity::facts(&plain));
        }
        // The walks really answered differently.
        assert!(answers.len() >= 3, "{name}: {answers:?}");
    }
}
