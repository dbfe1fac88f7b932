//! Scrolling the body and finding what a click hit: the UI's own state,
//! never the session's.

use ratatui::layout::{Position, Rect};

use super::doc::{Scrolled, Target};

/// Identifies what is on screen, so scroll positions reset when it changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ViewKey(pub String);

/// The scroll position of the body.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScrollState {
    pub key: Option<ViewKey>,
    pub offset: usize,
    /// The learner scrolled: stop following the highlight until the next input.
    pub manual: bool,
}

/// What the last draw learned (for scrolling and mouse clicks).
#[derive(Debug, Clone, Default)]
pub(crate) struct RenderInfo {
    pub body: Scrolled,
    pub hits: Vec<(Rect, Target)>,
}

/// Where the body goes for a scroll action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScrollTo {
    LineUp,
    LineDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// The mouse wheel: a few lines.
    WheelUp,
    WheelDown,
}

impl ScrollState {
    /// Scroll; returns whether the view moved.
    pub fn by(&mut self, last: &RenderInfo, to: ScrollTo) -> bool {
        let b = last.body;
        let page = b.height.saturating_sub(1).max(1);
        let cur = b.offset;
        let new = match to {
            ScrollTo::LineUp => cur.saturating_sub(1),
            ScrollTo::LineDown => cur + 1,
            ScrollTo::PageUp => cur.saturating_sub(page),
            ScrollTo::PageDown => cur + page,
            ScrollTo::Top => 0,
            ScrollTo::Bottom => b.max,
            ScrollTo::WheelUp => cur.saturating_sub(3),
            ScrollTo::WheelDown => cur + 3,
        };
        let new = new.min(b.max);
        self.manual = true;
        self.offset = new;
        new != b.offset
    }

    /// Follow the highlight again (after an input).
    pub fn follow(&mut self) {
        self.manual = false;
    }
}

impl RenderInfo {
    /// The list item drawn at `pos`, if any.
    pub fn hit(&self, pos: Position) -> Option<usize> {
        self.hits
            .iter()
            .find(|(r, _)| r.contains(pos))
            .map(|(_, t)| t.0)
    }

    /// Rows of the body (for moving a highlight by a page).
    pub fn page(&self) -> usize {
        self.body.height.saturating_sub(1).max(1)
    }
}
