//! Property tests: arbitrary bytes, and arbitrary mutations of a valid
//! course, never make the loader or lint panic; they always give a course
//! or diagnostics, every diagnostic points inside its file, rendered output
//! is free of control characters, and lint and load agree.

use std::path::Path;

use notalone::course::{CourseSource, LoadError, MemoryCourse, Report, StepKind};
use proptest::prelude::*;

/// The valid `basic` fixture, in memory.
fn basic() -> MemoryCourse {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/valid/basic");
    let src = CourseSource::Dir(root);
    let mut m = MemoryCourse::new();
    for f in src.files().expect("fixture files") {
        let b = src.read(&f).expect("readable").expect("exists");
        m.insert(f, b);
    }
    m
}

const FILES: &[&str] = &[
    "course.toml",
    "en/course.toml",
    "en/resources.toml",
    "en/first-signs.toml",
    "en/what-to-do.toml",
    "fr/first-signs.toml",
    "fr/course.toml",
];

/// Bits of TOML and lesson syntax that make mutations interesting.
const SNIPPETS: &[&str] = &[
    "[[step]]\n",
    "[[step.option]]\n",
    "[[step.choice]]\n",
    "[[step.message]]\n",
    "[[step.item]]\n",
    "[objectives]\n",
    "correct = true\n",
    "correct = false\n",
    "sign = true\n",
    "safe = false\n",
    "next = \"end\"\n",
    "next = \"intro\"\n",
    "next = \"nowhere\"\n",
    "type = \"chat\"\n",
    "type = \"question\"\n",
    "type = \"spot\"\n",
    "kind = \"order\"\n",
    "id = \"intro\"\n",
    "id = \"first-signs\"\n",
    "teaches = [\"spot-signs\", \"nope\"]\n",
    "minutes = 0\n",
    "minutes = 99999999999999999999\n",
    "text = \"\\e[2J\"\n",
    "text = \"\\u001b\"\n",
    "text = '''\n",
    "\"\"\"",
    "= ",
    "{ text = \"x\", correct = true }",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "\\",
    "\n",
    "\r\n",
    "\u{feff}",
    "\u{9b}",
    "\u{202e}",
    "\u{200b}",
    "中文",
    "\x1b",
    "\t",
    "#",
    ".",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert { at: usize, snippet: usize },
    Delete { at: usize, len: usize },
    Byte { at: usize, byte: u8 },
    DeleteLine { line: usize },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(at, snippet)| Mutation::Insert { at, snippet }),
        2 => (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
        2 => any::<usize>().prop_map(|line| Mutation::DeleteLine { line }),
        2 => any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Insert { at, snippet } => {
            let at = at % (bytes.len() + 1);
            let s = SNIPPETS[snippet].as_bytes();
            bytes.splice(at..at, s.iter().copied());
        }
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Byte { at, byte } => {
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] = byte;
            }
        }
        Mutation::DeleteLine { line } | Mutation::DuplicateLine { line } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let i = line % lines.len();
            if matches!(m, Mutation::DeleteLine { .. }) {
                lines.remove(i);
            } else {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::SwapLines { a, b } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let len = lines.len();
            lines.swap(a % len, b % len);
            *bytes = lines.join(&b'\n');
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
    }
}

/// Everything that must hold for any input.
fn check(course: &MemoryCourse) -> Result<(), TestCaseError> {
    let report = course
        .lint()
        .map_err(|e| TestCaseError::fail(format!("lint could not run: {e}")))?;
    check_report(course, &report)?;
    let rendered = course.render_human(&report, false);
    prop_assert!(
        !rendered.chars().any(|c| c.is_control() && c != '\n'),
        "control character in rendered output:\n{rendered}"
    );
    prop_assert!(!report.to_json().contains('\x1b'), "raw ESC in JSON");
    for lang in [None, Some("fr"), Some("fr-CA"), Some("en-CA"), Some("de")] {
        match course.load(lang) {
            Ok(c) => {
                check_model(&c)?;
            }
            Err(LoadError::Invalid(r)) => {
                prop_assert!(r.errors() > 0, "load failed without an error: {r:?}");
                check_report(course, &r)?;
                prop_assert!(
                    report.errors() > 0,
                    "load({lang:?}) failed but lint found no error: {:?}",
                    r.diagnostics
                );
            }
            Err(LoadError::Source(e)) => {
                prop_assert!(
                    course.get("course.toml").is_none(),
                    "unexpected source error: {e}"
                );
            }
        }
    }
    if report.errors() == 0 {
        prop_assert!(course.load(None).is_ok());
        prop_assert!(course.load(Some("fr")).is_ok());
    }
    Ok(())
}

/// Every diagnostic names a file of the course and a position inside it.
fn check_report(course: &MemoryCourse, r: &Report) -> Result<(), TestCaseError> {
    for d in &r.diagnostics {
        let Some(bytes) = course.get(&d.file) else {
            return Err(TestCaseError::fail(format!(
                "diagnostic for a missing file: {d:?}"
            )));
        };
        let text = String::from_utf8_lossy(bytes);
        let lines = text.split('\n').count();
        prop_assert!(
            d.line >= 1 && d.line <= lines,
            "{d:?} (file has {lines} lines)"
        );
        prop_assert!(d.column >= 1);
        if let Some(line) = text.split('\n').nth(d.line - 1) {
            prop_assert!(d.column <= line.chars().count() + 1, "{d:?} on {line:?}");
        }
        prop_assert!(!d.message.chars().any(char::is_control), "{d:?}");
    }
    Ok(())
}

fn clean(s: &str) -> bool {
    !s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// A loaded course never holds a control character.
fn check_model(c: &notalone::course::Course) -> Result<(), TestCaseError> {
    let mut texts: Vec<&str> = vec![&c.title, &c.welcome];
    texts.extend(c.finish.as_deref());
    for o in &c.objectives {
        texts.push(&o.title);
    }
    for r in &c.resources.items {
        texts.extend([r.name.as_str(), r.about.as_str()]);
    }
    for m in &c.modules {
        texts.extend([m.title.as_str(), m.summary.as_str()]);
        for s in &m.steps {
            texts.extend(s.title.as_deref());
            match &s.kind {
                StepKind::Read { text } => texts.push(text),
                StepKind::Chat {
                    contact,
                    text,
                    messages,
                    choices,
                } => {
                    texts.push(contact);
                    texts.extend(text.as_deref());
                    for x in messages {
                        texts.push(&x.text);
                        texts.extend(x.why.as_deref());
                    }
                    for x in choices {
                        texts.extend([x.text.as_str(), x.feedback.as_str()]);
                    }
                }
                StepKind::Spot { text, items } => {
                    texts.push(text);
                    for x in items {
                        texts.extend([x.text.as_str(), x.why.as_str()]);
                    }
                }
                StepKind::Question {
                    text,
                    explanation,
                    options,
                    ..
                } => {
                    texts.push(text);
                    texts.extend(explanation.as_deref());
                    for x in options {
                        texts.push(&x.text);
                        texts.extend(x.feedback.as_deref());
                    }
                }
            }
        }
    }
    for t in texts {
        prop_assert!(clean(t), "control character in the model: {t:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_any_file(file in 0..FILES.len(), bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut c = basic();
        c.insert(FILES[file], bytes);
        check(&c)?;
    }

    #[test]
    fn arbitrary_text_in_a_module(text in "\\PC{0,400}") {
        let mut c = basic();
        c.insert("en/what-to-do.toml", text.into_bytes());
        check(&c)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutations_of_a_valid_course(
        file in 0..FILES.len(),
        muts in proptest::collection::vec(mutation(), 1..6),
    ) {
        let mut c = basic();
        let mut bytes = c.get(FILES[file]).map(<[u8]>::to_vec).unwrap_or_default();
        for m in &muts {
            apply(&mut bytes, m);
        }
        c.insert(FILES[file], bytes);
        check(&c)?;
    }
}

#[test]
fn the_unmutated_course_is_valid() {
    let c = basic();
    let r = c.lint().expect("lint runs");
    assert!(r.diagnostics.is_empty(), "{r:?}");
    assert!(c.load(Some("fr")).is_ok());
}

// ---------------------------------------------------------------------------
// A change in the source never locks learners out (issue 15.4)

fn text_of(m: &MemoryCourse, f: &str) -> String {
    String::from_utf8(m.get(f).expect("file").to_vec()).expect("utf-8")
}

#[test]
fn an_option_added_in_the_source_leaves_the_translation_usable() {
    let mut m = basic();
    let en = text_of(&m, "en/first-signs.toml");
    let added = "[[step.choice]]\ntext = \"Ask them who they are\"\nsafe = false\nfeedback = \"Anyone can pretend.\"\n\n[[step]]\nid = \"signs\"";
    m.insert(
        "en/first-signs.toml",
        en.replacen("[[step]]\nid = \"signs\"", added, 1),
    );
    // lint: one error, in the French file, that says what to do.
    let r = m.lint().expect("lint runs");
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == notalone::course::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errors[0].code, "structure-mismatch");
    assert_eq!(errors[0].file, "fr/first-signs.toml");
    let help = errors[0].help.as_deref().unwrap_or_default();
    assert!(
        help.contains("en/first-signs.toml") && help.contains("until then"),
        "{help}"
    );
    // The French learner still gets the course: that module in English,
    // marked, the rest in French.
    let c = m.load(Some("fr")).expect("the French course still loads");
    assert_eq!(c.title, "Pas seul·e");
    let first = &c.modules[0];
    assert!(
        !first.translated,
        "shown from the source, marked not translated"
    );
    assert_eq!(first.title, "Spot the warning signs");
    match &first.steps[1].kind {
        StepKind::Chat { choices, .. } => {
            assert_eq!(choices.len(), 3);
            assert_eq!(choices[0].text, "Send a photo back");
        }
        other => panic!("{other:?}"),
    }
    // The English course is not affected.
    assert!(m.load(None).expect("loads").modules[0].translated);
}

#[test]
fn a_broken_translation_falls_back_to_the_source() {
    let mut m = basic();
    m.insert(
        "fr/first-signs.toml",
        "id = \"first-signs\"\ntitle = \"Repérer\n",
    );
    m.insert("fr/course.toml", "title = 3\n");
    let c = m.load(Some("fr")).expect("loads from the source");
    assert!(!c.modules[0].translated);
    assert_eq!(c.modules[0].title, "Spot the warning signs");
    assert_eq!(c.title, "Not Alone (test course)");
    assert!(m.lint().expect("lint runs").errors() >= 2);
}

#[test]
fn a_module_copied_but_not_translated_yet_counts_as_not_translated() {
    let mut m = basic();
    let en = text_of(&m, "en/what-to-do.toml");
    m.insert("fr/what-to-do.toml", en.clone());
    assert_eq!(m.lint().expect("lint runs").errors(), 0);
    let c = m.load(Some("fr")).expect("loads");
    assert!(c.modules[0].translated, "a real translation");
    assert!(!c.modules[1].translated, "a copy is not a translation yet");
    // One text translated: it is a translation (in progress).
    let title = en
        .lines()
        .find(|l| l.starts_with("title = "))
        .expect("a title")
        .to_string();
    m.insert(
        "fr/what-to-do.toml",
        en.replacen(&title, "title = \"Que faire\"", 1),
    );
    let c = m.load(Some("fr")).expect("loads");
    assert!(c.modules[1].translated);
    assert_eq!(c.modules[1].title, "Que faire");
}
