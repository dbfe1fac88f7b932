//! What `locales check` prints for a person: errors first, then the
//! other warnings, then one line per file for the texts not translated yet
//! (every one of them with `--verbose`), then the summary line.

use std::collections::BTreeMap;

use crate::course::{CourseSource, MemoryCourse, Report, Severity};
use crate::text;

/// What to render.
pub(super) struct Input<'a> {
    /// Every diagnostic, errors first.
    pub report: &'a Report,
    pub src: &'a CourseSource,
    /// Interface files by their name in diagnostics (they may be embedded).
    pub ftl_texts: &'a BTreeMap<String, String>,
    pub color: bool,
    pub verbose: bool,
    /// Per file: how many texts its source has, and what they are called.
    pub totals: &'a BTreeMap<String, (usize, &'static str)>,
    /// The command that lists every text one by one.
    pub again: &'a str,
}

/// Whether a diagnostic is summed up in a per-file line (not `--verbose`).
fn summed_up(d: &crate::course::Diagnostic) -> bool {
    d.code == "untranslated" && d.severity == Severity::Warning
}

/// The human report.
pub(super) fn render(i: &Input<'_>) -> String {
    let (listed, summed): (Vec<_>, Vec<_>) = i
        .report
        .diagnostics
        .iter()
        .cloned()
        .partition(|d| i.verbose || !summed_up(d));
    let mut out = String::new();
    if !listed.is_empty() {
        let shown = Report {
            diagnostics: listed,
        };
        out.push_str(&blocks(&shown, i));
    }
    if !summed.is_empty() {
        // Per file, in order: how many texts are left.
        let mut per_file: BTreeMap<&str, Vec<&crate::course::Diagnostic>> = BTreeMap::new();
        for d in &summed {
            per_file.entry(d.file.as_str()).or_default().push(d);
        }
        out.push_str(&bold(
            "Not translated yet (learners see these texts in the source language):",
            i.color,
        ));
        out.push('\n');
        for (file, ds) in &per_file {
            let f = text::escape_controls(file).replace('\n', "\\n");
            let whole_file = ds.len() == 1 && ds[0].span.is_none() && ds[0].line == 1;
            let line = match (i.totals.get(*file), whole_file) {
                (_, true) if ds[0].message.contains(" has no ") => {
                    format!("  {f}: {}", text::escape_controls(&ds[0].message))
                }
                (Some((total, what)), _) => {
                    format!(
                        "  {f}: {} of {total} {what} not translated yet",
                        ds.len().min(*total)
                    )
                }
                (None, _) => format!("  {f}: {} not translated yet", ds.len()),
            };
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&format!(
            "  (`{}` lists each one with its line)\n\n",
            text::escape_controls(i.again)
        ));
    }
    out.push_str(&summary(i.report, &i.src.display_root(), i.color));
    out.push('\n');
    out
}

fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// Rustc-style blocks for these diagnostics (without lint's summary line).
fn blocks(report: &Report, i: &Input<'_>) -> String {
    let mut mem = MemoryCourse::new();
    let files: std::collections::BTreeSet<&str> =
        report.diagnostics.iter().map(|d| d.file.as_str()).collect();
    for f in files {
        if let Some(t) = i.ftl_texts.get(f) {
            mem.insert(f, t.as_bytes());
        } else if let Ok(Some(b)) = i.src.read(f) {
            mem.insert(f, b);
        }
    }
    let body = mem.render_human(report, i.color);
    // Drop lint's summary line (it names the in-memory course), keep the
    // order given (errors first): render_human keeps it.
    let body = body.trim_end_matches('\n');
    let body = body.rsplit_once('\n').map_or("", |(b, _)| b);
    let mut out = String::from(body);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// "warning: 3 warnings in the translations of lessons/".
fn summary(report: &Report, root: &str, color: bool) -> String {
    let root = text::escape_controls(root).replace('\n', "\\n");
    crate::course::summary_phrase(report, &format!("the translations of {root}"), color)
}
