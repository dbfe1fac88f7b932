//! Human output of a report: rustc-style blocks (annotate-snippets) with
//! the offending line made safe to print, and the summary line.

use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use super::diagnostic::{Diagnostic, Report, Severity};
use super::raw::*;
use crate::text;

/// Render a report rustc-style, one block per diagnostic, then a summary
/// line. Everything printed is free of control characters.
pub(crate) fn render(report: &Report, src: &dyn CourseFiles, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut cache: HashMap<&str, Option<(String, Vec<usize>)>> = HashMap::new();
    let mut out = String::new();
    for d in &report.diagnostics {
        let file = cache.entry(d.file.as_str()).or_insert_with(|| {
            let bytes = src.read_file(&d.file).ok().flatten()?;
            let s = String::from_utf8_lossy(&bytes);
            let s = s.strip_prefix('\u{feff}').unwrap_or(&s).to_string();
            let starts = line_starts(&s);
            Some((s, starts))
        });
        out.push_str(&render_one(&renderer, d, file.as_ref()));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report, &src.root_name(), color));
    out.push('\n');
    out
}

fn render_one(renderer: &Renderer, d: &Diagnostic, file: Option<&(String, Vec<usize>)>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = text::escape_controls(&d.file).replace('\n', "\\n");
    let title = level
        .primary_title(text::escape_controls(&d.message))
        .id(text::escape_controls(&d.code));
    let snippet = file.and_then(|(t, starts)| snippet_line(t, starts, d));
    let mut group = match snippet {
        Some((line, span)) => title.element(
            Snippet::source(line)
                .line_start(d.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span)),
        ),
        None => title.element(Origin::path(path).line(d.line).char_column(d.column)),
    };
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.message(text::escape_controls(h)));
    }
    renderer.render(&[group])
}

/// The diagnostic's line, made safe to print (each control character
/// replaced by one visible character, so columns do not move), and the span
/// within it.
fn snippet_line(
    text: &str,
    starts: &[usize],
    d: &Diagnostic,
) -> Option<(String, std::ops::Range<usize>)> {
    const MAX_LINE: usize = 1_000;
    let span = d.span.clone()?;
    let start = *starts.get(d.line.checked_sub(1)?)?;
    let end = starts.get(d.line).map_or(text.len(), |n| n - 1);
    let raw = text.get(start..end)?;
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    if raw.chars().count() > MAX_LINE {
        return None;
    }
    let floor = |mut i: usize| {
        i = i.min(raw.len());
        while !raw.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(span.start.saturating_sub(start));
    let b = floor(span.end.saturating_sub(start)).max(a);
    let (ca, cb) = (raw[..a].chars().count(), raw[..b].chars().count());
    let mut line = String::with_capacity(raw.len());
    let (mut na, mut nb) = (0, 0);
    let chars: Vec<char> = raw.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i == ca {
            na = line.len();
        }
        if i == cb {
            nb = line.len();
        }
        line.push(if text::is_hidden_at(&chars, i) && !c.is_control() {
            '\u{fffd}'
        } else {
            visible(c)
        });
    }
    let n = raw.chars().count();
    if ca >= n {
        na = line.len();
    }
    if cb >= n {
        nb = line.len();
    }
    Some((line, na..nb))
}

/// A printable stand-in for a control character (same width, one character).
fn visible(c: char) -> char {
    match c {
        '\t' => '\t',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if c.is_control() || text::is_bidi_control(c) => '\u{fffd}',
        c => c,
    }
}

/// "error: 3 errors and 1 warning in lessons/".
pub(crate) fn summary(report: &Report, root: &str, color: bool) -> String {
    summary_phrase(
        report,
        &text::escape_controls(root).replace('\n', "\\n"),
        color,
    )
}

/// The summary line of a report about `place` ("lessons/", "the
/// translations of lessons/"); `place` must already be safe to print.
pub(crate) fn summary_phrase(report: &Report, place: &str, color: bool) -> String {
    let (e, w) = (report.errors(), report.warnings());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (label, style, body) = if e > 0 {
        let body = if w > 0 {
            format!("{} and {}", plural(e, "error"), plural(w, "warning"))
        } else {
            plural(e, "error")
        };
        ("error", "\x1b[1;31m", body)
    } else if w > 0 {
        ("warning", "\x1b[1;33m", plural(w, "warning"))
    } else {
        ("ok", "\x1b[1;32m", "no errors or warnings".to_string())
    };
    if color {
        format!("{style}{label}\x1b[0m\x1b[1m: {body} in {place}\x1b[0m")
    } else {
        format!("{label}: {body} in {place}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_plural_correct() {
        let mut r = Report::default();
        assert_eq!(summary(&r, "x/", false), "ok: no errors or warnings in x/");
        let d = Diagnostic {
            severity: Severity::Error,
            code: "syntax".into(),
            file: "a".into(),
            line: 1,
            column: 1,
            message: "m".into(),
            span: None,
            help: None,
        };
        r.diagnostics.push(d.clone());
        assert_eq!(summary(&r, "x/", false), "error: 1 error in x/");
        r.diagnostics.push(d.clone());
        r.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            ..d
        });
        assert_eq!(
            summary(&r, "x/", false),
            "error: 2 errors and 1 warning in x/"
        );
    }

    #[test]
    fn snippet_lines_are_safe_and_keep_columns() {
        let text = "a = 1\nb = \"x\u{9b}y\" # \u{1b}\r\nc";
        let starts = line_starts(text);
        let d = Diagnostic {
            severity: Severity::Error,
            code: "control-character".into(),
            file: "a".into(),
            line: 2,
            column: 5,
            message: "m".into(),
            span: Some(10..16),
            help: None,
        };
        let (line, span) = snippet_line(text, &starts, &d).expect("a line");
        assert!(!line.chars().any(|c| c.is_control()));
        assert_eq!(
            line.chars().count(),
            "b = \"x\u{9b}y\" # \u{1b}".chars().count()
        );
        assert_eq!(&line[span], "\"x\u{fffd}y\"");
    }
}
