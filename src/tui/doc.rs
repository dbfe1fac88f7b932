//! A screen's body as a list of pre-wrapped lines, and the scroll view that
//! shows part of it. Every screen builds a [`Doc`] for the width it gets;
//! lines that belong to a list item remember it, so a mouse click can find
//! the item and the highlighted item can be kept in view.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::wrap;

/// What a click on a line selects: item `n` of the list on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target(pub usize);

/// One line of a document.
#[derive(Debug, Clone, Default)]
pub struct DocLine {
    pub line: Line<'static>,
    /// Columns left blank before the line.
    pub indent: u16,
    /// Style laid over the whole row from `indent` on (the highlight).
    pub fill: Option<Style>,
    pub target: Option<Target>,
}

/// A screen body, wrapped for one width.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub width: usize,
    pub lines: Vec<DocLine>,
    /// Lines to keep visible (the highlighted item, the newest message).
    pub focus: Option<Range<usize>>,
    /// A larger range around the focus (e.g. a prompt and its options),
    /// kept visible instead when it fits.
    pub context: Option<Range<usize>>,
}

impl Doc {
    pub fn new(width: usize) -> Doc {
        Doc {
            width: width.max(1),
            lines: Vec::new(),
            focus: None,
            context: None,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// An empty line, unless the document is empty or already ends with one.
    pub fn gap(&mut self) {
        if self
            .lines
            .last()
            .is_some_and(|l| !l.line.spans.iter().all(|s| s.content.trim().is_empty()))
        {
            self.lines.push(DocLine::default());
        }
    }

    pub fn push(&mut self, line: Line<'static>) {
        self.push_at(line, 0);
    }

    pub fn push_at(&mut self, line: Line<'static>, indent: u16) {
        self.lines.push(DocLine {
            line,
            indent,
            ..Default::default()
        });
    }

    /// Wrapped plain text.
    pub fn text(&mut self, text: &str, style: Style) {
        for l in wrap::wrap_plain(text, style, self.width) {
            self.push(l);
        }
    }

    /// Wrapped plain text with an indent.
    pub fn text_at(&mut self, text: &str, style: Style, indent: u16) {
        let w = self.width.saturating_sub(indent as usize).max(1);
        for l in wrap::wrap_plain(text, style, w) {
            self.push_at(l, indent);
        }
    }

    /// Markdown-subset text.
    pub fn markdown(&mut self, text: &str, style: Style) {
        self.markdown_at(text, style, 0);
    }

    pub fn markdown_at(&mut self, text: &str, style: Style, indent: u16) {
        let w = self.width.saturating_sub(indent as usize).max(1);
        for l in wrap::markdown(text, style, w) {
            self.push_at(l, indent);
        }
    }

    /// A list item: a marker column (the `›` of the highlight, then `lead`,
    /// e.g. `[x] 2.`), and the item's text wrapped with a hanging indent.
    /// Returns the lines it took.
    #[allow(clippy::too_many_arguments)]
    pub fn item(
        &mut self,
        index: usize,
        lead: Vec<Span<'static>>,
        text: &str,
        text_style: Style,
        highlighted: bool,
        theme: &Theme,
        indent: u16,
    ) -> Range<usize> {
        let start = self.lines.len();
        let lead_w: usize = 2 + lead
            .iter()
            .map(|s| wrap::str_width(&s.content))
            .sum::<usize>();
        let avail = self.width.saturating_sub(indent as usize);
        // Keep the text at least 10 columns wide: drop the hanging indent if needed.
        let hang = if avail >= lead_w + 10 { lead_w } else { 2 };
        let text_w = avail.saturating_sub(hang).max(1);
        let wrapped = wrap::markdown(text, text_style, text_w);
        for (k, mut l) in wrapped.into_iter().enumerate() {
            let mut spans = Vec::new();
            if k == 0 {
                spans.push(if highlighted {
                    Span::styled("› ", theme.marker)
                } else {
                    Span::raw("  ")
                });
                spans.extend(lead.iter().cloned());
                if hang < lead_w {
                    // The text does not fit beside the lead: it starts below.
                    self.lines.push(DocLine {
                        line: Line::from(spans),
                        indent,
                        fill: highlighted.then_some(theme.cursor),
                        target: Some(Target(index)),
                    });
                    spans = vec![wrap::spaces(hang)];
                }
            } else {
                spans.push(wrap::spaces(hang));
            }
            spans.append(&mut l.spans);
            self.lines.push(DocLine {
                line: Line::from(spans),
                indent,
                fill: highlighted.then_some(theme.cursor),
                target: Some(Target(index)),
            });
        }
        start..self.lines.len()
    }

    /// A horizontal rule across the width.
    pub fn rule(&mut self, theme: &Theme) {
        self.push(Line::styled("─".repeat(self.width), theme.rule));
    }
}

/// Where a scroll view ended up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scrolled {
    pub offset: usize,
    pub max: usize,
    pub height: usize,
}

/// The offset that shows `focus` (when following it) with the least
/// movement from `offset`.
pub fn place(len: usize, height: usize, offset: usize, focus: Option<&Range<usize>>) -> Scrolled {
    let max = len.saturating_sub(height);
    let mut off = offset.min(max);
    if let Some(f) = focus {
        if f.end.saturating_sub(f.start) >= height || f.start < off {
            off = f.start;
        } else if f.end > off + height {
            off = f.end - height;
        }
        off = off.min(max);
    }
    Scrolled {
        offset: off,
        max,
        height,
    }
}

/// Draw the visible part of `doc` in `area`. Records clickable rows in
/// `hits`. Returns the scroll position used (the frame says in words when
/// there is more below).
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    doc: &Doc,
    offset: usize,
    follow: bool,
    hits: &mut Vec<(Rect, Target)>,
) -> Scrolled {
    let area = area.intersection(buf.area);
    let height = area.height as usize;
    let focus = if follow {
        match (&doc.context, &doc.focus) {
            (Some(c), _) if c.end.saturating_sub(c.start) <= height => Some(c),
            (_, f) => f.as_ref(),
        }
    } else {
        None
    };
    let s = place(doc.len(), height, offset, focus);
    for (row, dl) in doc.lines.iter().skip(s.offset).take(height).enumerate() {
        let y = area.y + row as u16;
        let x = area.x.saturating_add(dl.indent).min(area.right());
        let w = area.right().saturating_sub(x);
        let row_rect = Rect::new(x, y, w, 1);
        buf.set_line(x, y, &dl.line, w);
        // The highlight goes over the text's own colours: one solid bar.
        if let Some(fill) = dl.fill {
            buf.set_style(row_rect, fill);
        }
        if let Some(t) = dl.target {
            hits.push((Rect::new(area.x, y, area.width, 1), t));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_keeps_focus_visible() {
        assert_eq!(place(100, 10, 0, Some(&(50..52))).offset, 42);
        assert_eq!(place(100, 10, 60, Some(&(50..52))).offset, 50);
        assert_eq!(place(100, 10, 45, Some(&(50..52))).offset, 45);
        assert_eq!(place(5, 10, 3, None).offset, 0);
        assert_eq!(place(100, 10, 500, None).offset, 90);
        assert_eq!(place(100, 0, 5, Some(&(1..2))).offset, 1);
    }
}
