//! The full-screen half of the parity test: the same scripted walk as
//! `parity.rs`, pressed as keys in the full-screen UI (digits, Enter,
//! Shift+↑ for an order), over the same in-memory host, gives the same
//! record as plain mode, and the learner sees the same facts.

use notalone::course::Course;
use notalone::host::Host;
use notalone::progress::CourseRecord;
use notalone::session::{ChatStage, Item, ScreenView, StepBody};
use notalone::tui::bindings::Mode;
use notalone::tui::{App, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::parity::{Act, Walk, drive_plain, facts, fixture, walk};
use crate::tui_common::{K, key_event, rows};

/// How the full-screen learner picks an item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Its digit (1 to 9; beyond nine, the arrows).
    Digits,
    /// The arrows to it, then Space where a list takes several.
    Arrows,
}

struct Tui {
    host: Host,
    app: App,
    term: Terminal<TestBackend>,
    seen: String,
    keys: Keys,
}

impl Tui {
    fn press(&mut self, k: K) {
        self.app.handle_event(&key_event(k), &mut self.host);
        let (app, host) = (&mut self.app, &self.host);
        let frame = self
            .term
            .draw(|f| draw(f, app, host))
            .expect("test terminal")
            .buffer
            .clone();
        for (_, line) in rows(&frame) {
            self.seen.push_str(line.trim_end());
            self.seen.push('\n');
        }
    }

    /// Select the item shown at `position`: its digit (1 to 9), or the
    /// highlight moved there with the arrows, then Space when the list
    /// takes several (`toggle`).
    fn select(&mut self, position: usize, toggle: bool) {
        let digit = char::from_digit(position as u32 + 1, 10)
            .filter(|_| position < 9 && self.keys == Keys::Digits);
        if let Some(c) = digit {
            self.press(K::Char(c));
            return;
        }
        while self.app.highlighted() < position {
            self.press(K::Down);
        }
        while self.app.highlighted() > position {
            self.press(K::Up);
        }
        if toggle {
            self.press(K::Space);
        }
    }

    /// The items of the list on screen, as shown (the learner's shuffled order).
    fn items(&self) -> Vec<usize> {
        let s = self.app.session().expect("a profile is open");
        let v = s.view();
        let idx = |items: &[Item<'_>]| items.iter().map(|i| i.index).collect();
        match &v.screen {
            ScreenView::Step(st) => match &st.body {
                StepBody::Chat(c) => match &c.stage {
                    ChatStage::Choose { items, .. } | ChatStage::Flag { items, .. } => idx(items),
                    _ => Vec::new(),
                },
                StepBody::Spot(sp) => idx(&sp.items),
                StepBody::Question(q) => idx(&q.items),
                StepBody::Read { .. } => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn done_chat(&self) -> bool {
        let s = self.app.session().expect("a profile is open");
        let v = s.view();
        matches!(&v.screen, ScreenView::Step(st)
            if matches!(&st.body, StepBody::Chat(c) if matches!(c.stage, ChatStage::Done)))
    }

    /// Where file index `i` is shown.
    fn shown(&self, i: usize) -> usize {
        self.items()
            .iter()
            .position(|x| *x == i)
            .unwrap_or_else(|| panic!("item {i} not shown: {:?}", self.items()))
    }

    fn act(&mut self, act: &Act) {
        match act {
            Act::Enter => {
                if self.app.mode() == Mode::ChatReveal {
                    while self.app.mode() == Mode::ChatReveal {
                        self.press(K::Enter);
                    }
                    // A chat with nothing to answer: one more Enter goes on
                    // (plain mode's one line shows it all and goes on).
                    if self.done_chat() {
                        self.press(K::Enter);
                    }
                } else {
                    self.press(K::Enter);
                }
            }
            Act::Flags(f) if f.is_empty() => {
                // "None of these" is the last item: select it, Enter.
                let last = self.app.list_len(&self.host) - 1;
                self.select(last, true);
                self.press(K::Enter);
            }
            Act::Choice(i) => self.pick_one(*i),
            Act::Pick(v) if v.len() == 1 && self.app.mode() != Mode::PickMany => {
                self.pick_one(v[0])
            }
            Act::Flags(v) | Act::Pick(v) => {
                for i in v {
                    let p = self.shown(*i);
                    self.select(p, true);
                }
                self.press(K::Enter);
            }
            Act::Order(v) => {
                for (target, i) in v.iter().enumerate() {
                    let p = self.shown(*i);
                    self.select(p, false);
                    for _ in target..p {
                        self.press(K::ShiftUp);
                    }
                }
                self.press(K::Enter);
            }
        }
    }

    fn pick_one(&mut self, i: usize) {
        let p = self.shown(i);
        self.select(p, false);
        self.press(K::Enter);
    }
}

/// The full-screen UI at 80x24: the record and everything it drew.
pub fn drive_tui(course: &Course, w: &Walk) -> (CourseRecord, String) {
    drive_tui_with(course, w, Keys::Digits)
}

/// [`drive_tui`], picking items with `keys`.
pub fn drive_tui_with(course: &Course, w: &Walk, keys: Keys) -> (CourseRecord, String) {
    let mut host = Host::in_memory(course.clone());
    let opts = TuiOptions {
        profile: Some(w.profile.clone()),
        no_color: false,
    };
    let app = App::new(&mut host, &opts);
    let mut t = Tui {
        host,
        app,
        term: Terminal::new(TestBackend::new(80, 24)).expect("test terminal"),
        seen: String::new(),
        keys,
    };
    t.press(K::Char('?'));
    t.press(K::Esc);
    for (m, s, act) in &w.acts {
        let at = t.app.session().expect("open").view();
        if let ScreenView::Step(st) = &at.screen {
            let here = (st.step_id, m, s);
            assert_eq!(here.0, s, "{m}/{s}: the walk is on {}", st.step_id);
        }
        t.act(act);
        assert_eq!(t.app.notice(), None, "{m}/{s}: {act:?}");
    }
    let rec = t.host.saved_record(&w.profile).expect("saved").clone();
    (rec, t.seen)
}

#[test]
fn the_full_screen_ui_gives_the_same_record_as_plain_mode() {
    let w = walk();
    let (plain, _) = drive_plain(&fixture(), &w);
    let (tui, seen) = drive_tui(&fixture(), &w);
    assert_eq!(facts(&tui), facts(&plain));
    for want in [
        "If you already paid, stop now.",
        "Think about it, then choose again.",
        "Module complete: Chats",
        "Module complete: Questions",
        "Warning sign, and you spotted it.",
        "Step 4 of 4",
    ] {
        assert!(seen.contains(want), "missing {want:?}");
    }
    // The counter never jumps along the branch.
    let steps: Vec<usize> = seen
        .lines()
        .filter(|l| l.starts_with("  Chats"))
        .filter_map(|l| l.split("Step ").nth(1)?.split(' ').next()?.parse().ok())
        .collect();
    assert!(
        steps.windows(2).all(|w| w[1] == w[0] || w[1] == w[0] + 1),
        "{steps:?}"
    );
}
