//! A lesson file seen through the declaration: every table and every text
//! field, with its place, its names and its length limit. The PO export,
//! `locales check` and the translation comparison all read files this way.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Field, FileKind, Kind, Table};
use crate::course::raw::{MAX_TEXT_CHARS, line_col_with, line_starts, q};

/// One text field of a file, where it is, and how long it may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    /// A stable name for the field: tables of steps by their id, the others
    /// by their number from 1: `title`, `objectives.stop-contact`,
    /// `resource.2.name`, `step.first-move.option.3.feedback`. A step without
    /// an id (a translation may leave it out) is `step.#4`.
    pub path: String,
    /// The same by position only (`step.4.option.3.feedback`): a translation
    /// matches its source by position.
    pub index_path: String,
    /// The field named for an author: `title`, ``step `intro` > text``,
    /// ``step `quiz` > option 2 > feedback``, `objectives > stop-contact`.
    pub label: String,
    /// The key (`feedback`; the objective id for an objective title).
    pub key: String,
    /// The text as written (escapes resolved, line endings as in the file).
    pub value: String,
    /// Line and column of the value (from 1; the column counts characters).
    pub line: usize,
    pub col: usize,
    /// Byte range of the value in the file (with its quotes).
    pub span: Range<usize>,
    /// The longest text allowed, in characters.
    pub max_len: usize,
    /// What the text is, for translators.
    pub what: &'static str,
}

/// One table of a file: the file itself, an `[objectives]` table or one
/// element of an array of tables (`[[step]]`, `[[step.option]]`...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableAt {
    /// The field that holds it (`step`, `option`, `objectives`); empty for
    /// the file's top table.
    pub key: &'static str,
    /// Its names, as for [`TextField`] (`step.4.option.3`; empty for the top).
    pub path: String,
    pub index_path: String,
    pub label: String,
    /// Its `id`, when it has a string one.
    pub id: Option<String>,
    /// Where it starts (the `[[step]]` header); `0..0` for the top table.
    pub span: Range<usize>,
}

/// What [`outline`] finds in a file.
#[derive(Debug, Default)]
pub struct Outline {
    /// Every table, in file order (the top table first).
    pub tables: Vec<TableAt>,
    /// Every text field, in file order.
    pub texts: Vec<TextField>,
    /// Whether the file is valid TOML (else both lists hold what the
    /// parser could recover).
    pub parsed: bool,
}

impl Outline {
    /// The `[[step]]` tables of a module, in order.
    pub fn steps(&self) -> impl Iterator<Item = &TableAt> {
        self.tables
            .iter()
            .filter(|t| t.key == "step" && t.index_path.matches('.').count() == 1)
    }

    /// The deepest table that holds the place `index_path` names (a field
    /// or a table), if the file has it; the top table otherwise.
    pub fn holder(&self, index_path: &str) -> &TableAt {
        let mut best = &self.tables[0];
        for t in &self.tables {
            let inside = index_path
                .strip_prefix(t.index_path.as_str())
                .is_some_and(|rest| rest.starts_with('.'));
            if inside && t.index_path.len() > best.index_path.len() {
                best = t;
            }
        }
        best
    }
}

/// Every text field of a file, in file order. A file that is not valid TOML
/// gives the fields the parser could recover (lint reports the errors);
/// values of the wrong type and unknown keys are skipped.
pub fn text_fields(kind: FileKind, text: &str) -> Vec<TextField> {
    outline(kind, text).texts
}

/// Every table and text field of a file, walked against the declaration
/// of its kind. Arrays of tables are numbered from 1, counting tables
/// only (as the engine's walker does).
pub fn outline(kind: FileKind, text: &str) -> Outline {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (table, errors) = DeTable::parse_recoverable(text);
    let starts = line_starts(text);
    let mut w = Walker {
        text,
        starts: &starts,
        out: Outline {
            parsed: errors.is_empty(),
            ..Outline::default()
        },
    };
    let top = Names::default();
    w.out.tables.push(TableAt {
        key: "",
        path: String::new(),
        index_path: String::new(),
        label: String::new(),
        id: None,
        span: 0..0,
    });
    w.table(kind.table(), table.get_ref(), &top);
    w.out.texts.sort_by_key(|t| t.span.start);
    w.out.tables.sort_by_key(|t| t.span.start);
    w.out
}

/// The three names of a place: stable, positional, readable.
#[derive(Default, Clone)]
struct Names {
    path: String,
    index_path: String,
    label: String,
}

fn join(prefix: &str, sep: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}{sep}{name}")
    }
}

impl Names {
    /// A field or table below this one: the same name in all three.
    fn child(&self, name: &str) -> Names {
        Names {
            path: join(&self.path, ".", name),
            index_path: join(&self.index_path, ".", name),
            label: join(&self.label, " > ", name),
        }
    }
}

struct Walker<'a> {
    text: &'a str,
    starts: &'a [usize],
    out: Outline,
}

fn string_of<'v>(t: &'v DeTable<'_>, key: &str) -> Option<&'v str> {
    match t.get(key).map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => Some(s.as_ref()),
        _ => None,
    }
}

impl Walker<'_> {
    fn push(&mut self, n: Names, key: &str, v: &DeValue<'_>, span: Range<usize>, field: &Field) {
        let DeValue::String(s) = v else { return };
        let (line, col) = line_col_with(self.text, self.starts, span.start);
        self.out.texts.push(TextField {
            path: n.path,
            index_path: n.index_path,
            label: n.label,
            key: key.to_string(),
            value: s.to_string(),
            line,
            col,
            span,
            max_len: field.kind.max_len().unwrap_or(MAX_TEXT_CHARS),
            what: field.what,
        });
    }

    fn table(&mut self, decl: &'static Table, t: &DeTable<'_>, at: &Names) {
        for (k, v) in t {
            let Some(field) = decl.field(k.get_ref()) else {
                continue;
            };
            let here = at.child(field.name);
            match field.kind {
                Kind::Title | Kind::Body => {
                    self.push(here, field.name, v.get_ref(), v.span(), field)
                }
                Kind::TitleMap => {
                    let DeValue::Table(m) = v.get_ref() else {
                        continue;
                    };
                    self.out.tables.push(TableAt {
                        key: field.name,
                        path: here.path.clone(),
                        index_path: here.index_path.clone(),
                        label: here.label.clone(),
                        id: None,
                        span: v.span(),
                    });
                    for (ok, ov) in m {
                        let id = ok.get_ref().as_ref();
                        let n = Names {
                            label: format!("{} > {}", here.label, q(id)),
                            ..here.child(id)
                        };
                        self.push(n, id, ov.get_ref(), ov.span(), field);
                    }
                }
                Kind::Tables(sub) => {
                    let DeValue::Array(a) = v.get_ref() else {
                        continue;
                    };
                    let tables = a.iter().filter_map(|e| match e.get_ref() {
                        DeValue::Table(et) => Some((e.span(), et)),
                        _ => None,
                    });
                    for (i, (span, et)) in tables.enumerate() {
                        let n = i + 1;
                        let id = string_of(et, "id").map(str::to_string);
                        let (name, label) = match (&id, field.name) {
                            (Some(id), "step") => (id.clone(), format!("step `{}`", q(id))),
                            (None, "step") => (format!("#{n}"), format!("step {n}")),
                            _ => (n.to_string(), format!("{} {n}", field.name)),
                        };
                        let names = Names {
                            path: format!("{}.{name}", here.path),
                            index_path: format!("{}.{n}", here.index_path),
                            label: join(&at.label, " > ", &label),
                        };
                        self.out.tables.push(TableAt {
                            key: field.name,
                            path: names.path.clone(),
                            index_path: names.index_path.clone(),
                            label: names.label.clone(),
                            id,
                            span,
                        });
                        self.table(sub, et, &names);
                    }
                }
                Kind::Str | Kind::Bool | Kind::Int | Kind::StrList => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_text_with_its_place() {
        let m = "id = \"m\"\ntitle = \"T\"\nsummary = \"S\"\n\n[[step]]\nid = \"q\"\ntype = \"question\"\ntext = \"Q?\"\n\
                 [[step.option]]\ntext = \"a\"\ncorrect = true\nfeedback = \"\"\"yes\"\"\"\n\
                 [[step]]\ntype = \"read\"\ntext = \"R\"\nzzz = \"unknown\"\n";
        let got: Vec<(String, String, usize, usize, usize)> = text_fields(FileKind::Module, m)
            .into_iter()
            .map(|t| (t.path, t.value, t.line, t.col, t.max_len))
            .collect();
        assert_eq!(
            got,
            [
                ("title".into(), "T".into(), 2, 9, 80),
                ("summary".into(), "S".into(), 3, 11, 4000),
                ("step.q.text".into(), "Q?".into(), 8, 8, 4000),
                ("step.q.option.1.text".into(), "a".into(), 10, 8, 4000),
                (
                    "step.q.option.1.feedback".into(),
                    "yes".into(),
                    12,
                    12,
                    4000
                ),
                ("step.#2.text".into(), "R".into(), 15, 8, 4000),
            ]
        );
        let t = text_fields(FileKind::Module, m);
        assert_eq!(t[4].index_path, "step.1.option.1.feedback");
        assert_eq!(t[4].label, "step `q` > option 1 > feedback");
        assert_eq!(t[5].label, "step 2 > text");
        assert_eq!(t[4].what, "shown when the learner picks this option");
    }

    #[test]
    fn tables_with_their_headers() {
        let m = "title = \"T\"\n[[step]]\nid = \"a\"\n[[step.option]]\ntext = \"o\"\n[[step]]\ntext = \"y\"\n";
        let o = outline(FileKind::Module, m);
        assert!(o.parsed);
        let steps: Vec<(Option<&str>, usize)> =
            o.steps().map(|s| (s.id.as_deref(), s.span.start)).collect();
        assert_eq!(steps, [(Some("a"), 12), (None, 57)]);
        assert_eq!(
            o.holder("step.1.option.1.feedback").label,
            "step `a` > option 1"
        );
        assert_eq!(o.holder("step.1.option.2.text").label, "step `a`");
        assert_eq!(o.holder("step.3.text").span, 0..0);
        assert_eq!(o.holder("title").span, 0..0);
        assert!(!outline(FileKind::Module, "title = \"x\n").parsed);
        // A stray value in an array of tables does not shift the numbers.
        let o = outline(FileKind::Module, "step = [1, {text = \"a\"}]\n");
        assert_eq!(o.texts[0].index_path, "step.1.text");
    }

    #[test]
    fn course_text_and_resources() {
        let c = "title = \"T\"\n[objectives]\nstop-contact = \"Stop\"\n";
        let fields = text_fields(FileKind::CourseText, c);
        let paths: Vec<&str> = fields.iter().map(|t| t.path.as_str()).collect();
        assert_eq!(paths, ["title", "objectives.stop-contact"]);
        assert_eq!(fields[1].label, "objectives > stop-contact");
        let o = outline(FileKind::CourseText, c);
        assert_eq!(o.holder("objectives.keep-evidence").key, "objectives");
        let r = "[[resource]]\nname = \"N\"\nabout = \"A\"\n[[resource]]\nname = \"M\"\n";
        let paths: Vec<String> = text_fields(FileKind::Resources, r)
            .into_iter()
            .map(|t| t.path)
            .collect();
        assert_eq!(
            paths,
            ["resource.1.name", "resource.1.about", "resource.2.name"]
        );
        assert!(text_fields(FileKind::Root, "id = \"x\"\n").is_empty());
        assert_eq!(FileKind::of_path("fr/m.toml"), Some(FileKind::Module));
        assert_eq!(FileKind::of_path("course.toml"), Some(FileKind::Root));
        assert_eq!(
            FileKind::of_path("fr/resources.toml"),
            Some(FileKind::Resources)
        );
        assert_eq!(FileKind::of_path("notes.txt"), None);
    }
}
