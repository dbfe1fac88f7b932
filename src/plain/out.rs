//! Plain mode's writer (only printable text and newlines, whatever it is
//! given), its bounded line reader, and the answer parser.

use std::io::{BufRead, Write};

use crate::text;

/// The longest answer line kept (bytes); the rest of a longer line is skipped.
pub const MAX_LINE: usize = 4 * 1024;
/// How much of one over-long line is skipped before giving up (bytes).
pub const MAX_SKIP: usize = 1024 * 1024;

/// Writes only printable text and newlines, whatever it is given: the last
/// guard against a control character reaching the learner's terminal.
pub struct Out<W: Write> {
    pub w: W,
}

impl<W: Write> Out<W> {
    pub fn text(&mut self, s: &str) -> std::io::Result<()> {
        let clean: String = s
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| *c == '\n' || !text::is_forbidden_char(*c))
            .collect();
        self.w.write_all(clean.as_bytes())
    }

    pub fn line(&mut self, s: &str) -> std::io::Result<()> {
        self.text(s)?;
        self.w.write_all(b"\n")
    }

    pub fn blank(&mut self) -> std::io::Result<()> {
        self.w.write_all(b"\n")
    }

    pub fn prompt(&mut self, hint: &str) -> std::io::Result<()> {
        if !hint.is_empty() {
            self.line(hint)?;
        }
        self.w.write_all(b"> ")?;
        self.w.flush()
    }

    /// `N. text` lines, numbered from 1.
    pub fn list<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> std::io::Result<()> {
        for (i, t) in items.into_iter().enumerate() {
            self.line(&format!("{}. {}", i + 1, one_line(t)))?;
        }
        Ok(())
    }
}

/// Lesson text (Markdown subset) on one line.
pub fn one_line(s: &str) -> String {
    text::to_plain(s).replace("\n\n", " ").replace('\n', " ")
}

/// A line read.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// End of input.
    End,
    /// A line longer than [`MAX_SKIP`] with no end: input that is not a
    /// learner typing (`< /dev/zero`).
    Endless,
}

/// Read one line, keeping at most [`MAX_LINE`] bytes of it, in constant
/// memory whatever comes in.
pub fn read_line<R: BufRead>(input: &mut R) -> std::io::Result<Line> {
    let mut kept: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if seen == 0 {
                Line::End
            } else {
                Line::Text(String::from_utf8_lossy(&kept).into_owned())
            });
        }
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = MAX_LINE.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        seen += chunk.len();
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Line::Text(String::from_utf8_lossy(&kept).into_owned()));
        }
        if seen > MAX_SKIP {
            return Ok(Line::Endless);
        }
    }
}

/// One line the learner typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Enter alone.
    Enter,
    Help,
    Quit,
    /// `b`: back one step (preview).
    Back,
    /// `s`: settings (the language), from the list of modules.
    Settings,
    /// Numbers as typed (1-based).
    Numbers(Vec<usize>),
    /// Something that is not a number list.
    Bad,
}

/// Parse an answer line: `h`, `q`, or numbers separated by spaces or commas.
pub fn parse_answer(line: &str) -> Answer {
    let t = line.trim();
    if t.is_empty() {
        return Answer::Enter;
    }
    match t.to_lowercase().as_str() {
        "h" | "help" | "?" => return Answer::Help,
        "q" | "quit" | "exit" => return Answer::Quit,
        "b" | "back" => return Answer::Back,
        "s" | "settings" => return Answer::Settings,
        _ => {}
    }
    let mut out = Vec::new();
    for tok in t.split([' ', ',', '\t']).filter(|x| !x.is_empty()) {
        match tok.parse::<usize>() {
            Ok(n) if n <= 1_000_000 => out.push(n),
            _ => return Answer::Bad,
        }
    }
    if out.is_empty() {
        Answer::Bad
    } else {
        Answer::Numbers(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_answers() {
        assert_eq!(parse_answer("\n"), Answer::Enter);
        assert_eq!(parse_answer("  h "), Answer::Help);
        assert_eq!(parse_answer("Q"), Answer::Quit);
        assert_eq!(parse_answer("b"), Answer::Back);
        assert_eq!(parse_answer("1 3,4"), Answer::Numbers(vec![1, 3, 4]));
        assert_eq!(parse_answer("2, 1"), Answer::Numbers(vec![2, 1]));
        assert_eq!(parse_answer("-1"), Answer::Bad);
        assert_eq!(parse_answer("two"), Answer::Bad);
        assert_eq!(parse_answer("99999999999999999999999"), Answer::Bad);
        assert_eq!(parse_answer(","), Answer::Bad);
    }

    #[test]
    fn reads_bounded_lines() {
        let mut r: &[u8] = b"1 2\nsecond";
        assert_eq!(read_line(&mut r).ok(), Some(Line::Text("1 2".into())));
        assert_eq!(read_line(&mut r).ok(), Some(Line::Text("second".into())));
        assert_eq!(read_line(&mut r).ok(), Some(Line::End));
        // A long line is cut, and the next line is read whole.
        let long = format!("{}\n3\n", "9".repeat(MAX_LINE * 3));
        let mut r = std::io::BufReader::with_capacity(100, long.as_bytes());
        match read_line(&mut r).ok() {
            Some(Line::Text(t)) => assert_eq!(t.len(), MAX_LINE),
            other => panic!("{other:?}"),
        }
        assert_eq!(read_line(&mut r).ok(), Some(Line::Text("3".into())));
        // Endless input without a newline stops.
        let mut zero = std::io::BufReader::new(std::io::repeat(0));
        assert_eq!(read_line(&mut zero).ok(), Some(Line::Endless));
    }
}
