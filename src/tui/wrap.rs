//! Our own line wrapping, measured with `unicode-width` per grapheme (the
//! same measure ratatui's buffer uses). `Paragraph::wrap` panics on wide
//! glyphs in narrow areas (ratatui#2679), so no widget of ours wraps text:
//! every line handed to ratatui is already at most `width` columns wide,
//! except a single grapheme wider than the whole width, which the buffer
//! then truncates safely.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::{Block, Run};

/// Display width of one grapheme, as ratatui's buffer counts it.
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        return 1;
    }
    // unicode-width says 0 for halfwidth (han)dakuten; terminals draw 1 cell.
    g.width()
        + g.chars()
            .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
            .count()
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    if s.is_ascii() {
        // Sanitised text has no control characters: one column per byte.
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// `n` blank columns, without allocating for the usual widths.
pub fn spaces(n: usize) -> Span<'static> {
    const BLANK: &str = match std::str::from_utf8(&[b' '; 256]) {
        Ok(s) => s,
        Err(_) => "",
    };
    match BLANK.get(..n) {
        Some(s) => Span::raw(s),
        None => Span::raw(" ".repeat(n)),
    }
}

/// Display width of a line.
pub fn line_width(line: &Line<'_>) -> usize {
    line.spans.iter().map(|s| str_width(&s.content)).sum()
}

/// Builds wrapped lines from styled pieces of text, a word at a time.
/// Words are slices of the input: no allocation per word.
struct Wrapper<'a> {
    width: usize,
    lines: Vec<(Line<'static>, usize)>,
    cur: Vec<Span<'static>>,
    cur_w: usize,
    /// The word being collected: (style, text, width) pieces.
    word: Vec<(Style, &'a str, usize)>,
    word_w: usize,
    /// Spaces seen since the last word: their style and how many.
    space: Option<(Style, usize)>,
}

impl<'a> Wrapper<'a> {
    fn new(width: usize) -> Self {
        Wrapper {
            width: width.max(1),
            lines: Vec::new(),
            cur: Vec::new(),
            cur_w: 0,
            word: Vec::new(),
            word_w: 0,
            space: None,
        }
    }

    fn push_span(&mut self, style: Style, text: &str, w: usize) {
        if let Some(last) = self.cur.last_mut()
            && last.style == style
        {
            last.content.to_mut().push_str(text);
            self.cur_w += w;
            return;
        }
        // Room for the rest of the line, so it rarely grows again.
        let mut content = String::with_capacity(text.len().max(self.width.min(128)));
        content.push_str(text);
        self.cur.push(Span::styled(content, style));
        self.cur_w += w;
    }

    fn push_spaces(&mut self, style: Style, n: usize) {
        const SPACES: &str = "                                ";
        let mut left = n;
        while left > 0 {
            let k = left.min(SPACES.len());
            self.push_span(style, &SPACES[..k], k);
            left -= k;
        }
    }

    fn break_line(&mut self) {
        let spans = std::mem::take(&mut self.cur);
        self.lines.push((Line::from(spans), self.cur_w));
        self.cur_w = 0;
    }

    fn push_pending_space(&mut self) {
        if let Some((style, n)) = self.space.take()
            && self.cur_w > 0
        {
            self.push_spaces(style, n);
        }
    }

    fn add_spaces(&mut self, style: Style, n: usize) {
        self.flush_word();
        match &mut self.space {
            Some((_, k)) => *k += n,
            None => self.space = Some((style, n)),
        }
    }

    /// A piece of a word (a word may span runs of different styles).
    fn add_word_part(&mut self, style: Style, text: &'a str) {
        let w = str_width(text);
        self.word.push((style, text, w));
        self.word_w += w;
    }

    /// Place the collected word on the current line or the next.
    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = std::mem::take(&mut self.word);
        let word_w = std::mem::take(&mut self.word_w);
        let space_w = if self.cur_w > 0 {
            self.space.map_or(0, |(_, n)| n)
        } else {
            0
        };
        if self.cur_w + space_w + word_w <= self.width {
            self.push_pending_space();
            for (s, t, w) in &word {
                self.push_span(*s, t, *w);
            }
        } else if word_w <= self.width {
            self.space = None;
            if self.cur_w > 0 {
                self.break_line();
            }
            for (s, t, w) in &word {
                self.push_span(*s, t, *w);
            }
        } else {
            // Longer than a line: break it between graphemes.
            if self.cur_w > 0 && self.cur_w + space_w < self.width {
                self.push_pending_space();
            } else {
                self.space = None;
                if self.cur_w > 0 {
                    self.break_line();
                }
            }
            for (s, t, _) in &word {
                for g in t.graphemes(true) {
                    let gw = grapheme_width(g);
                    if self.cur_w > 0 && self.cur_w + gw > self.width {
                        self.break_line();
                    }
                    self.push_span(*s, g, gw);
                }
            }
        }
        self.space = None;
        // Keep the allocation for the next word.
        let mut word = word;
        word.clear();
        self.word = word;
    }

    fn hard_break(&mut self) {
        self.flush_word();
        self.space = None;
        self.break_line();
    }

    fn finish(mut self) -> Vec<(Line<'static>, usize)> {
        self.flush_word();
        if !self.cur.is_empty() || self.lines.is_empty() {
            self.break_line();
        }
        self.lines
    }
}

/// Wrap styled pieces of text to `width` columns, with each line's width.
/// Newlines force a break. Always at least one (possibly empty) line.
pub fn wrap_sized(pieces: &[(&str, Style)], width: usize) -> Vec<(Line<'static>, usize)> {
    let mut w = Wrapper::new(width);
    for (text, style) in pieces {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                w.hard_break();
            }
            let mut rest = part;
            while !rest.is_empty() {
                let trimmed = rest.trim_start_matches(' ');
                let spaces = rest.len() - trimmed.len();
                if spaces > 0 {
                    w.add_spaces(*style, spaces);
                    rest = trimmed;
                    continue;
                }
                let end = rest.find(' ').unwrap_or(rest.len());
                w.add_word_part(*style, &rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    w.finish()
}

/// Wrap styled pieces of text to `width` columns. Newlines force a break.
/// Always returns at least one (possibly empty) line.
pub fn wrap_styled(pieces: &[(&str, Style)], width: usize) -> Vec<Line<'static>> {
    wrap_sized(pieces, width)
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// Wrap one plain string in one style.
pub fn wrap_plain(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap_styled(&[(text, style)], width)
}

/// The style of a Markdown run on top of a base style.
pub fn run_style(run: &Run, base: Style) -> Style {
    use ratatui::style::Modifier;
    let mut s = base;
    if run.bold {
        s = s.add_modifier(Modifier::BOLD);
    }
    if run.em {
        s = s.add_modifier(Modifier::ITALIC);
    }
    s
}

/// Wrap Markdown runs.
pub fn wrap_runs(runs: &[Run], base: Style, width: usize) -> Vec<Line<'static>> {
    let pieces: Vec<(&str, Style)> = runs
        .iter()
        .map(|r| (r.text.as_str(), run_style(r, base)))
        .collect();
    wrap_styled(&pieces, width)
}

/// Lay out Markdown-subset text: paragraphs separated by a blank line,
/// bullets with a hanging indent. Every line fits in `width` columns.
pub fn markdown(text: &str, base: Style, width: usize) -> Vec<Line<'static>> {
    markdown_sized(text, base, width)
        .iter()
        .map(|(l, _)| l.clone())
        .collect()
}

/// [`markdown`], with each line's width. Lesson text does not change
/// between frames, so layouts are remembered per (text, width, style): a
/// 60-message chat is not parsed and wrapped again on every key.
pub fn markdown_sized(text: &str, base: Style, width: usize) -> Rc<[(Line<'static>, usize)]> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    width.hash(&mut h);
    base.hash(&mut h);
    let key = h.finish();
    LAYOUTS.with(|cell| {
        let mut cache = cell.borrow_mut();
        if let Some(found) = cache.get(&key).and_then(|v| {
            v.iter()
                .find(|e| e.width == width && e.style == base && e.text == text)
        }) {
            return found.lines.clone();
        }
        if cache.len() >= LAYOUT_CACHE_ENTRIES {
            cache.clear();
        }
        let lines: Rc<[(Line<'static>, usize)]> = markdown_uncached(text, base, width).into();
        cache.entry(key).or_default().push(Layout {
            text: text.to_string(),
            width,
            style: base,
            lines: lines.clone(),
        });
        lines
    })
}

/// Forget every remembered layout (benchmarks measure the first frame).
#[doc(hidden)]
pub fn forget_layouts() {
    LAYOUTS.with(|c| c.borrow_mut().clear());
}

/// How many layouts are kept before the cache starts afresh.
const LAYOUT_CACHE_ENTRIES: usize = 4096;

/// One remembered layout.
struct Layout {
    text: String,
    width: usize,
    style: Style,
    lines: Rc<[(Line<'static>, usize)]>,
}

thread_local! {
    static LAYOUTS: RefCell<HashMap<u64, Vec<Layout>>> = RefCell::new(HashMap::new());
}

/// Lay out Markdown without the cache.
fn markdown_uncached(text: &str, base: Style, width: usize) -> Vec<(Line<'static>, usize)> {
    const BULLET: &str = "• ";
    let mut out: Vec<(Line<'static>, usize)> = Vec::new();
    let mut prev_bullet = false;
    for (i, block) in crate::text::parse(text).iter().enumerate() {
        let is_bullet = matches!(block, Block::Bullet(_));
        if i > 0 && !(is_bullet && prev_bullet) {
            out.push((Line::default(), 0));
        }
        let pieces: Vec<(&str, Style)> = block
            .runs()
            .iter()
            .map(|r| (r.text.as_str(), run_style(r, base)))
            .collect();
        match block {
            Block::Para(_) => out.extend(wrap_sized(&pieces, width)),
            Block::Bullet(_) => {
                let inner = width.saturating_sub(2).max(1);
                for (k, (mut line, w)) in wrap_sized(&pieces, inner).into_iter().enumerate() {
                    let lead = if k == 0 { BULLET } else { "  " };
                    line.spans.insert(0, Span::styled(lead, base));
                    out.push((line, w + 2));
                }
            }
        }
        prev_bullet = is_bullet;
    }
    if out.is_empty() {
        out.push((Line::default(), 0));
    }
    out
}

/// Cut a string to at most `width` columns, adding `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g);
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_words_greedily() {
        let l = wrap_plain("the quick brown fox jumps", Style::default(), 10);
        assert_eq!(texts(&l), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn breaks_long_words_and_cjk() {
        let l = wrap_plain("abcdefghijkl", Style::default(), 5);
        assert_eq!(texts(&l), ["abcde", "fghij", "kl"]);
        let l = wrap_plain("中文中文中文", Style::default(), 5);
        assert_eq!(texts(&l), ["中文", "中文", "中文"]);
        for line in &l {
            assert!(line_width(line) <= 5);
        }
    }

    #[test]
    fn never_exceeds_width_except_single_wide_grapheme() {
        let samples = [
            "a🌞b",
            "aaé中中",
            "👍🏽👍🏽 hey 中文 ok",
            "x  y   z",
            "",
            "\n\n",
        ];
        for s in samples {
            for w in 1..12 {
                for line in wrap_plain(s, Style::default(), w) {
                    let lw = line_width(&line);
                    assert!(lw <= w || (lw <= 2 && w == 1), "{s:?} at {w}: {lw}");
                }
            }
        }
    }

    #[test]
    fn markdown_keeps_styles_and_bullets() {
        let l = markdown("Hello **you**.\n\n- one\n- two", Style::default(), 20);
        assert_eq!(texts(&l), ["Hello you.", "", "• one", "• two"]);
        assert!(l[0].spans.iter().any(|s| {
            s.content == "you"
                && s.style
                    .add_modifier
                    .contains(ratatui::style::Modifier::BOLD)
        }));
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("中文中文", 5), "中文…");
        assert_eq!(truncate("ok", 5), "ok");
    }
}
