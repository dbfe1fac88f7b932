//! The educator docs are tested:
//!
//! - every ```toml example of `docs/lesson-format.md` and `docs/authoring.md`
//!   is linted inside a small generated course and must give no error and no
//!   warning; an example tagged `broken=CODE` must give that lint code; one
//!   tagged `translation` is linted as the translation (`fr/`) of the toml
//!   example before it; one tagged `region` as `en-CA/resources.toml`;
//! - every `notalone ...` command line shown in them (in code blocks and
//!   inline code) parses with the real command-line definitions;
//! - every lint code of the engine is in the table of lint messages, and
//!   every code in the table is the engine's.

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::Parser;
use notalone::cli::Cli;
use notalone::course::{MemoryCourse, Report};

const DOCS: [&str; 2] = ["docs/lesson-format.md", "docs/authoring.md"];

fn read_doc(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// A fenced code block: its info string, text, and first line number.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    for (i, line) in doc.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("```") {
            match cur.take() {
                Some(b) => out.push(b),
                None => {
                    cur = Some(Block {
                        info: rest.trim().to_string(),
                        text: String::new(),
                        line: i + 2,
                    })
                }
            }
            continue;
        }
        if let Some(b) = cur.as_mut() {
            b.text.push_str(line);
            b.text.push('\n');
        }
    }
    assert!(cur.is_none(), "an unclosed ``` block");
    out
}

// ---------------------------------------------------------------------------
// TOML examples

#[derive(Debug, PartialEq)]
enum Kind {
    Root,
    LocaleCourse,
    Resources,
    Module,
}

fn kind_of(t: &toml::Table) -> Kind {
    if t.contains_key("source_locale") || t.contains_key("modules") {
        Kind::Root
    } else if t.contains_key("resource") || (t.contains_key("intro") && !t.contains_key("title")) {
        Kind::Resources
    } else if t.contains_key("step") || t.contains_key("summary") || t.contains_key("id") {
        Kind::Module
    } else {
        Kind::LocaleCourse
    }
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Objective ids a module example teaches.
fn taught(t: &toml::Table) -> Vec<String> {
    let mut out = Vec::new();
    for s in t
        .get("step")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        for o in strings(s.get("teaches")) {
            if !out.contains(&o) {
                out.push(o);
            }
        }
    }
    out
}

fn module_file(id: &str, objectives: &[String]) -> String {
    let mut m = format!(
        "id = \"{id}\"\ntitle = \"A module\"\nsummary = \"Made by the docs test.\"\n\n\
         [[step]]\nid = \"page\"\ntype = \"read\"\ntext = \"A page.\"\n"
    );
    if !objectives.is_empty() {
        let list: Vec<String> = objectives.iter().map(|o| format!("\"{o}\"")).collect();
        m.push_str(&format!(
            "\n[[step]]\nid = \"check\"\ntype = \"question\"\ntext = \"Q?\"\nteaches = [{}]\n\
             [[step.option]]\ntext = \"a\"\ncorrect = true\n[[step.option]]\ntext = \"b\"\ncorrect = false\n",
            list.join(", ")
        ));
    }
    m
}

/// A module of one question teaching every objective (a pre- or post-check).
fn check_file(id: &str, objectives: &[String]) -> String {
    let list: Vec<String> = objectives.iter().map(|o| format!("\"{o}\"")).collect();
    format!(
        "id = \"{id}\"\ntitle = \"A check\"\nsummary = \"Made by the docs test.\"\n\n\
         [[step]]\nid = \"check\"\ntype = \"question\"\ntext = \"Q?\"\nteaches = [{}]\n\
         [[step.option]]\ntext = \"a\"\ncorrect = true\n[[step.option]]\ntext = \"b\"\ncorrect = false\n",
        list.join(", ")
    )
}

fn locale_course(objectives: &[String]) -> String {
    let mut c = "title = \"Docs\"\nwelcome = \"Welcome.\"\n".to_string();
    if !objectives.is_empty() {
        c.push_str("[objectives]\n");
        for o in objectives {
            c.push_str(&format!("{o} = \"Objective {o}\"\n"));
        }
    }
    c
}

const RESOURCES: &str = "[[resource]]\nname = \"Help\"\nabout = \"Someone to talk to.\"\n";

/// A module example that starts at `[[step]]` gets a module header.
fn as_module(text: &str, t: &toml::Table) -> (String, String) {
    match t.get("id").and_then(|v| v.as_str()) {
        Some(id) => (id.to_string(), text.to_string()),
        None => (
            "example".to_string(),
            format!("id = \"example\"\ntitle = \"Example\"\nsummary = \"An example.\"\n\n{text}"),
        ),
    }
}

/// The small course an example is linted in.
fn course_for(text: &str, info: &[&str], previous: Option<&str>) -> MemoryCourse {
    let mut c = MemoryCourse::new();
    let parsed: Option<toml::Table> = toml::from_str(text).ok();
    let is_translation = info.contains(&"translation");
    if is_translation {
        let src = previous.expect("a translation example follows its source example");
        let st: toml::Table = toml::from_str(src).expect("source example parses");
        let (id, module) = as_module(src, &st);
        let objectives = taught(&st);
        c.insert("course.toml", root(std::slice::from_ref(&id), &objectives));
        c.insert("en/course.toml", locale_course(&objectives));
        c.insert("en/resources.toml", RESOURCES);
        c.insert(format!("en/{id}.toml"), module);
        c.insert(format!("fr/{id}.toml"), text);
        return c;
    }
    let Some(t) = parsed else {
        // Not even TOML (a `broken=syntax` example): lint it as a module.
        c.insert("course.toml", root(&["example".to_string()], &[]));
        c.insert("en/course.toml", locale_course(&[]));
        c.insert("en/resources.toml", RESOURCES);
        c.insert("en/example.toml", text);
        return c;
    };
    match kind_of(&t) {
        Kind::Root => {
            let modules = strings(t.get("modules"));
            let objectives = strings(t.get("objectives"));
            // The pre- and post-check hold only questions.
            let checks: Vec<&str> = ["pre_check", "post_check"]
                .iter()
                .filter_map(|k| t.get(*k).and_then(|v| v.as_str()))
                .collect();
            c.insert("course.toml", text);
            c.insert("en/course.toml", locale_course(&objectives));
            c.insert("en/resources.toml", RESOURCES);
            for (i, m) in modules.iter().enumerate() {
                let objs = if i == 0 {
                    objectives.clone()
                } else {
                    Vec::new()
                };
                let file = if checks.contains(&m.as_str()) {
                    check_file(m, &objectives)
                } else {
                    module_file(m, &objs)
                };
                c.insert(format!("en/{m}.toml"), file);
            }
        }
        Kind::LocaleCourse => {
            let objectives: Vec<String> = t
                .get("objectives")
                .and_then(|v| v.as_table())
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            c.insert("course.toml", root(&["example".to_string()], &objectives));
            c.insert("en/course.toml", text);
            c.insert("en/resources.toml", RESOURCES);
            c.insert("en/example.toml", module_file("example", &objectives));
        }
        Kind::Resources => {
            c.insert("course.toml", root(&["example".to_string()], &[]));
            c.insert("en/course.toml", locale_course(&[]));
            if info.contains(&"region") {
                c.insert("en/resources.toml", RESOURCES);
                c.insert("en-CA/resources.toml", text);
            } else {
                c.insert("en/resources.toml", text);
            }
            c.insert("en/example.toml", module_file("example", &[]));
        }
        Kind::Module => {
            let (id, module) = as_module(text, &t);
            let objectives = taught(&t);
            let mut modules = vec![id.clone()];
            if !objectives.is_empty() {
                modules.push("checker".to_string());
                c.insert("en/checker.toml", module_file("checker", &objectives));
            }
            c.insert("course.toml", root(&modules, &objectives));
            c.insert("en/course.toml", locale_course(&objectives));
            c.insert("en/resources.toml", RESOURCES);
            c.insert(format!("en/{id}.toml"), module);
        }
    }
    c
}

fn root(modules: &[String], objectives: &[String]) -> String {
    let q = |v: &[String]| {
        v.iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut r = format!(
        "id = \"docs\"\nsource_locale = \"en\"\nmodules = [{}]\n",
        q(modules)
    );
    if !objectives.is_empty() {
        r.push_str(&format!("objectives = [{}]\n", q(objectives)));
    }
    r
}

fn describe(r: &Report) -> String {
    r.diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {:?} {} {}:{}:{} {}",
                d.severity, d.code, d.file, d.line, d.column, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn toml_examples_lint_as_documented() {
    let mut checked = 0;
    let mut broken = 0;
    for doc in DOCS {
        let text = read_doc(doc);
        let mut previous: Option<String> = None;
        for b in blocks(&text) {
            let mut words = b.info.split_whitespace();
            if words.next() != Some("toml") {
                continue;
            }
            let info: Vec<&str> = words.collect();
            let expect = info.iter().find_map(|w| w.strip_prefix("broken="));
            let course = course_for(&b.text, &info, previous.as_deref());
            let report = course.lint().expect("lint runs");
            let place = format!("{doc}:{} (```toml {})", b.line, info.join(" "));
            match expect {
                None => assert!(
                    report.diagnostics.is_empty(),
                    "the example at {place} should lint clean, but:\n{}",
                    describe(&report)
                ),
                Some(code) => {
                    broken += 1;
                    assert!(
                        report.diagnostics.iter().any(|d| d.code == code),
                        "the broken example at {place} should give `{code}`, but:\n{}",
                        describe(&report)
                    );
                }
            }
            if !info.contains(&"translation") && expect.is_none() {
                previous = Some(b.text.clone());
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} toml examples found");
    assert!(broken >= 2, "the broken examples are checked too");
}

// ---------------------------------------------------------------------------
// Command lines

/// Split a shell line into words (quotes, no expansion).
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The `notalone ...` invocations in one line of shell, without comments,
/// pipes' other sides, or leading `VAR=value` settings.
fn invocations(line: &str) -> Vec<Vec<String>> {
    let line = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let line = line
        .trim()
        .trim_start_matches("$ ")
        .trim_start_matches("> ");
    let mut out = Vec::new();
    for part in line.split(['|', ';']).flat_map(|p| p.split("&&")) {
        // Redirections (`> file`) are the shell's, not notalone's.
        let part = part.split(['>', '<']).next().unwrap_or("");
        let words = shell_words(part.trim());
        let start = words
            .iter()
            .position(|w| !w.contains('=') || w.starts_with('-'))
            .unwrap_or(words.len());
        let words = &words[start..];
        if words.first().map(String::as_str) == Some("notalone") {
            out.push(words.to_vec());
        }
    }
    out
}

/// Inline `code` spans of a Markdown text (outside fenced blocks).
fn inline_code(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        let mut rest = line;
        while let Some(a) = rest.find('`') {
            let after = &rest[a + 1..];
            let Some(b) = after.find('`') else { break };
            out.push(after[..b].to_string());
            rest = &after[b + 1..];
        }
    }
    out
}

#[test]
fn command_lines_in_the_docs_parse() {
    let mut n = 0;
    for doc in DOCS {
        let text = read_doc(doc);
        let mut lines: Vec<(usize, String)> = Vec::new();
        for b in blocks(&text) {
            if b.info.starts_with("toml") {
                continue;
            }
            for (i, l) in b.text.lines().enumerate() {
                lines.push((b.line + i, l.to_string()));
            }
        }
        for code in inline_code(&text) {
            lines.push((0, code));
        }
        for (line_no, line) in lines {
            for words in invocations(&line) {
                n += 1;
                if let Err(e) = Cli::try_parse_from(&words) {
                    // `--help` and `--version` "fail" with a display error.
                    use clap::error::ErrorKind;
                    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                        continue;
                    }
                    panic!("{doc}:{line_no}: `{}` does not parse: {e}", words.join(" "));
                }
            }
        }
    }
    assert!(n >= 20, "only {n} command lines found");
}

#[test]
fn invocations_are_found() {
    assert_eq!(
        invocations("NOTALONE_LESSONS=my-course notalone --plain  # comment"),
        vec![vec!["notalone", "--plain"]]
    );
    assert_eq!(
        invocations("printf '\\n\\n' | notalone --plain --profile sam"),
        vec![vec!["notalone", "--plain", "--profile", "sam"]]
    );
    assert_eq!(
        invocations("notalone lint \"my course\""),
        vec![vec!["notalone", "lint", "my course"]]
    );
    assert!(invocations("cp -r my-course /shared").is_empty());
    assert_eq!(
        invocations("notalone progress --format csv > progress.csv"),
        vec![vec!["notalone", "progress", "--format", "csv"]]
    );
}

// ---------------------------------------------------------------------------
// Lint codes

/// The codes in the first column of a Markdown table (backticked words).
fn table_codes(text: &str, marker: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(start) = text.find(marker) else {
        panic!("no {marker:?} table");
    };
    for line in text[start..].lines().skip(2) {
        let line = line.trim_start_matches("//!").trim();
        if !line.starts_with('|') {
            break;
        }
        let first = line.trim_start_matches('|').split('|').next().unwrap_or("");
        let mut rest = first;
        while let Some(a) = rest.find('`') {
            let after = &rest[a + 1..];
            let Some(b) = after.find('`') else { break };
            out.insert(after[..b].to_string());
            rest = &after[b + 1..];
        }
    }
    out
}

#[test]
fn lint_codes_table_matches_the_engine() {
    let engine_src = read_doc("src/course/lint.rs");
    let engine = table_codes(&engine_src, "//! | code |");
    assert!(engine.len() > 25, "{engine:?}");
    let doc = table_codes(&read_doc("docs/lesson-format.md"), "| code | kind |");
    assert_eq!(
        doc, engine,
        "the lint codes of docs/lesson-format.md differ from src/course/lint.rs"
    );
}
