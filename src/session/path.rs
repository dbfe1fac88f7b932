//! The step counter: "Step n of m" counted along the path the learner is
//! on (the branches they took), so it goes up by one at each step and never
//! jumps, whatever the file order of a branching module.

use crate::course::{Next, StepKind};

use super::Session;
use super::view::Counter;

impl Session {
    /// The step after step `si` of module `mi` on this learner's path: the
    /// branch of the last choice made in a chat, else (before choosing) the
    /// branch of its first safe choice, else the step's `next`, else the
    /// following step. `None` at the end of the module.
    fn path_next(&self, mi: usize, si: usize) -> Option<usize> {
        let m = self.course.modules.get(mi)?;
        let step = m.steps.get(si)?;
        let mut next = step.next.clone();
        if let StepKind::Chat { choices, .. } = &step.kind
            && !choices.is_empty()
        {
            let made = self
                .step_record(mi, si)
                .and_then(|r| r.choices.last().copied());
            // An unsafe choice without a branch means "choose again", and
            // one whose branch only leads back to this chat is a detour:
            // neither is the path.
            let branch = match made
                .and_then(|c| choices.get(c))
                .filter(|c| c.safe || c.next.is_some())
                .filter(|c| !self.leads_back(mi, si, c.next.as_ref()))
            {
                Some(c) => c.next.clone(),
                None => choices.iter().find(|c| c.safe).and_then(|c| c.next.clone()),
            };
            if branch.is_some() {
                next = branch;
            }
        }
        m.target(si, next.as_ref())
    }

    /// Whether going to `next` from the chat `chat` of module `mi` comes
    /// back to that chat through steps without choices of their own (the
    /// "think again" detour of a wrong choice).
    fn leads_back(&self, mi: usize, chat: usize, next: Option<&Next>) -> bool {
        let Some(m) = self.course.modules.get(mi) else {
            return false;
        };
        let mut cur = match next {
            Some(Next::Step(_)) => m.target(chat, next),
            _ => None,
        };
        for _ in 0..m.steps.len() {
            let Some(c) = cur else { return false };
            if c == chat {
                return true;
            }
            let Some(step) = m.steps.get(c) else {
                return false;
            };
            if matches!(&step.kind, StepKind::Chat { choices, .. } if !choices.is_empty()) {
                return false;
            }
            cur = m.target(c, step.next.as_ref());
        }
        false
    }

    /// The counter of step `si` of module `mi`; a detour step off the path
    /// (one that leads back to a chat on it) keeps the counter of the step
    /// it returns to, so the count never jumps forward and back.
    pub(super) fn counter(&self, mi: usize, si: usize) -> Counter {
        if (!self.preview || self.trail.is_empty()) && !self.on_path(mi, si) {
            let len = self.course.modules.get(mi).map_or(0, |m| m.steps.len());
            let mut cur = si;
            for _ in 0..len {
                match self.path_next(mi, cur) {
                    Some(nx) if self.on_path(mi, nx) => return self.path_counter(mi, nx),
                    Some(nx) => cur = nx,
                    None => break,
                }
            }
        }
        self.path_counter(mi, si)
    }

    /// Whether step `si` is on the path from the first step of module `mi`.
    fn on_path(&self, mi: usize, si: usize) -> bool {
        let len = self.course.modules.get(mi).map_or(0, |m| m.steps.len());
        let mut seen = vec![false; len];
        let mut cur = 0;
        loop {
            if cur == si {
                return true;
            }
            match seen.get_mut(cur) {
                Some(s) if !*s => *s = true,
                _ => return false,
            }
            match self.path_next(mi, cur) {
                Some(nx) => cur = nx,
                None => return false,
            }
        }
    }

    fn path_counter(&self, mi: usize, si: usize) -> Counter {
        let len = self.course.modules.get(mi).map_or(0, |m| m.steps.len());
        let mut seen = vec![false; len];
        // Steps before this one on the path.
        let n = if self.preview && !self.trail.is_empty() {
            self.trail.len()
        } else {
            let mut path = 1;
            let mut cur = 0;
            let mut reached = cur == si;
            while !reached {
                if let Some(s) = seen.get_mut(cur) {
                    *s = true;
                }
                match self.path_next(mi, cur) {
                    Some(nx) if !seen.get(nx).copied().unwrap_or(true) => {
                        cur = nx;
                        path += 1;
                        reached = cur == si;
                    }
                    _ => break,
                }
            }
            if reached { path } else { si + 1 }
        };
        // Steps still ahead on the path.
        let mut ahead = 0;
        let mut seen = vec![false; len];
        let mut cur = si;
        while let Some(nx) = self.path_next(mi, cur) {
            if seen.get(nx).copied().unwrap_or(true) || nx == si {
                break;
            }
            seen[nx] = true;
            ahead += 1;
            cur = nx;
        }
        Counter {
            n,
            total: n + ahead,
        }
    }
}
