//! Tests of the loader (`load.rs`).
use super::super::MemoryCourse;
use super::*;

fn fixture(name: &str) -> MemoryCourse {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/courses/valid")
        .join(name);
    let src = CourseSource::Dir(root);
    let mut m = MemoryCourse::new();
    for f in src.files().expect("fixture files") {
        let b = src.read(&f).expect("readable").expect("exists");
        m.insert(f, b);
    }
    m
}

fn load_ok(m: &MemoryCourse, lang: Option<&str>) -> Course {
    match m.load(lang) {
        Ok(c) => c,
        Err(LoadError::Invalid(r)) => panic!("invalid: {:#?}", r.diagnostics),
        Err(e) => panic!("{e}"),
    }
}

fn chat(s: &Step) -> (&String, &Vec<Message>, &Vec<Choice>) {
    match &s.kind {
        StepKind::Chat {
            contact,
            messages,
            choices,
            ..
        } => (contact, messages, choices),
        other => panic!("not a chat: {other:?}"),
    }
}

#[test]
fn loads_the_source_locale() {
    let c = load_ok(&fixture("basic"), None);
    assert_eq!(c.id, "basic");
    assert_eq!(c.source_locale, "en");
    assert_eq!(c.locale, "en");
    assert_eq!(c.chain, ["en"]);
    assert_eq!(c.title, "Not Alone (test course)");
    assert!(c.welcome.starts_with("Welcome."));
    assert_eq!(c.finish.as_deref(), Some("You finished every module."));
    assert_eq!(c.objectives.len(), 2);
    assert_eq!(
        c.objective_title("stop-contact"),
        "Stop all contact with the person threatening you"
    );
    assert_eq!(c.modules.len(), 2);
    let m = &c.modules[0];
    assert_eq!(m.id, "first-signs");
    assert_eq!(m.minutes, Some(8));
    assert!(m.translated);
    assert_eq!(m.steps.len(), 3);
    assert_eq!(m.steps[0].teaches, ["spot-signs"]);
    let (contact, messages, choices) = chat(&m.steps[1]);
    assert_eq!(contact, "maya.k_08");
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[0].from, Speaker::Them);
    assert_eq!(messages[2].from, Speaker::Note);
    assert!(messages[1].sign && messages[1].why.is_some());
    assert!(!messages[0].sign);
    assert_eq!(choices.len(), 2);
    assert!(!choices[0].safe && choices[1].safe);
    assert!(
        matches!(&m.steps[2].kind, StepKind::Spot { items, .. } if items.len() == 2 && items[0].sign)
    );
    let w = &c.modules[1];
    assert!(
        matches!(&w.steps[0].kind, StepKind::Question { kind: QuestionKind::Single, options, .. }
        if options.len() == 2 && options[1].correct && !options[0].correct && options[0].feedback.is_some())
    );
    assert_eq!(w.steps[1].next, Some(Next::Step("order-it".into())));
    match &w.steps[2].kind {
        StepKind::Question {
            kind: QuestionKind::Order,
            options,
            ..
        } => {
            assert_eq!(options.len(), 3);
            assert_eq!(options[0].text, "Stop replying");
            assert!(options.iter().all(|o| !o.correct));
        }
        other => panic!("{other:?}"),
    }
    let (_, _, choices) = chat(&w.steps[3]);
    assert_eq!(choices[0].next, Some(Next::Step("after-pay".into())));
    assert_eq!(choices[1].next, Some(Next::End));
    assert_eq!(w.steps[4].next, Some(Next::End));
    assert_eq!(c.resources.items.len(), 2);
    assert_eq!(
        c.resources.items[1].sms, None,
        "empty optional text is None"
    );
    assert_eq!(c.resources.items[1].hours.as_deref(), Some("24/7"));
}

#[test]
fn overlays_a_translation_and_falls_back() {
    let c = load_ok(&fixture("basic"), Some("fr"));
    assert_eq!(c.locale, "fr");
    assert_eq!(c.chain, ["fr", "en"]);
    assert_eq!(c.title, "Pas seul·e");
    assert_eq!(c.welcome, "Bienvenue.");
    assert_eq!(
        c.finish.as_deref(),
        Some("You finished every module."),
        "text falls back"
    );
    assert_eq!(c.objective_title("spot-signs"), "Reconnaître les signes");
    assert_eq!(
        c.objective_title("stop-contact"),
        "Stop all contact with the person threatening you"
    );
    let m = &c.modules[0];
    assert!(m.translated);
    assert_eq!(m.title, "Repérer les signaux");
    assert_eq!(m.minutes, Some(8), "structure is inherited");
    assert_eq!(
        m.content_note.as_deref(),
        Some("Talks about requests for photos. Nothing explicit is shown.")
    );
    assert_eq!(m.steps[0].id, "intro");
    assert_eq!(m.steps[0].title.as_deref(), Some("How it usually starts"));
    assert!(matches!(&m.steps[0].kind, StepKind::Read { text } if text.starts_with("Ça commence")));
    let (_, messages, choices) = chat(&m.steps[1]);
    assert_eq!(messages[0].text, "salut je t'ai vu au match 😊");
    assert_eq!(messages[2].text, "Jordan thinks about it.");
    assert_eq!(messages[2].from, Speaker::Note);
    assert_eq!(choices[0].text, "Envoyer une photo");
    assert!(!choices[0].safe);
    assert_eq!(choices[1].feedback, "Good call.");
    assert!(
        matches!(&m.steps[2].kind, StepKind::Spot { text, items } if text.starts_with("Sélectionne") && items[0].text.starts_with("They ask"))
    );
    assert!(
        !c.modules[1].translated,
        "no French file: source text, marked"
    );
    assert_eq!(c.resources.items.len(), 1);
    assert_eq!(c.resources.items[0].name, "Une ligne d'écoute");
}

#[test]
fn follows_the_chain_per_file() {
    let c = load_ok(&fixture("basic"), Some("fr_CA.UTF-8"));
    assert_eq!(c.chain, ["fr-CA", "fr", "en"]);
    assert_eq!(c.title, "Pas seul·e");
    assert_eq!(c.resources.items[0].name, "Une ligne d'écoute");
    let c = load_ok(&fixture("basic"), Some("en-CA"));
    assert_eq!(c.chain, ["en-CA", "en"]);
    assert_eq!(c.resources.items[0].name, "Cybertip.ca");
    assert!(
        c.modules.iter().all(|m| m.translated),
        "en-CA reads the source language"
    );
    let c = load_ok(&fixture("basic"), Some("de"));
    assert_eq!(c.locale, "de");
    assert!(c.modules.iter().all(|m| !m.translated));
    let c = load_ok(&fixture("basic"), Some("C"));
    assert_eq!(c.locale, "en");
}

#[test]
fn accepts_crlf_and_bom() {
    let m = fixture("basic");
    let mut crlf = MemoryCourse::new();
    for p in m.paths() {
        let t = String::from_utf8(m.get(p).expect("file").to_vec()).expect("utf-8");
        let mut b = "\u{feff}".as_bytes().to_vec();
        b.extend(t.replace('\n', "\r\n").into_bytes());
        crlf.insert(p, b);
    }
    let a = load_ok(&m, Some("fr"));
    let b = load_ok(&crlf, Some("fr"));
    assert_eq!(a, b);
    assert!(crlf.lint().expect("lint runs").diagnostics.is_empty());
}

#[test]
fn fails_on_errors_and_never_keeps_control_characters() {
    let mut m = fixture("basic");
    let t = String::from_utf8(m.get("en/first-signs.toml").expect("file").to_vec()).expect("utf-8");
    m.insert(
        "en/first-signs.toml",
        t.replace("How it usually starts", "How\\e[2J it starts"),
    );
    match m.load(None) {
        Err(LoadError::Invalid(r)) => {
            assert_eq!(r.errors(), 1);
            assert_eq!(r.diagnostics[0].code, "control-character");
            assert_eq!(r.diagnostics[0].line, 10);
        }
        other => panic!("{other:?}"),
    }
    // TOML 1.1 `\x1b` and `\e` escapes, and `\u009b`, are caught too.
    for esc in ["\\x1b", "\\e", "\\u009b", "\\u202e"] {
        let mut m = fixture("basic");
        let w =
            String::from_utf8(m.get("en/what-to-do.toml").expect("file").to_vec()).expect("utf-8");
        m.insert(
            "en/what-to-do.toml",
            w.replace("Pay so it stops", &format!("Pay{esc}")),
        );
        match m.load(None) {
            Err(LoadError::Invalid(r)) => {
                assert_eq!(r.diagnostics[0].code, "control-character", "{esc}")
            }
            other => panic!("{esc}: {other:?}"),
        }
    }
    // Errors in files the learner's locale does not use do not stop loading.
    let mut m = fixture("basic");
    m.insert("fr/what-to-do.toml", "id = 3\n");
    assert!(m.load(None).is_ok());
    // ... nor in a translation: that module comes from the source.
    let fr = m
        .load(Some("fr"))
        .expect("a broken translation is set aside");
    assert!(!fr.modules[1].translated);
    assert!(m.lint().expect("lint runs").errors() > 0);
    // Warnings do not stop loading.
    let mut m = fixture("basic");
    let t = String::from_utf8(m.get("course.toml").expect("file").to_vec()).expect("utf-8");
    m.insert(
        "course.toml",
        t.replace("\"stop-contact\"]", "\"stop-contact\", \"untaught\"]"),
    );
    assert!(m.load(None).is_ok());
    assert_eq!(m.lint().expect("lint runs").warnings(), 1);
}

#[test]
fn the_fast_path_is_what_sanitize_gives() {
    for s in [
        "plain text",
        "two\nlines\n\n- bullet",
        " lead and trail ",
        "a\tb",
        "é",
        "x\r\ny",
        "\u{1b}[2J",
    ] {
        assert_eq!(clean(s, false), text::sanitize(s), "{s:?}");
        assert_eq!(clean(s, true), text::sanitize_line(s), "{s:?}");
    }
}

#[test]
fn no_course_toml_is_a_source_error() {
    let m = MemoryCourse::new();
    assert!(matches!(
        m.load(None),
        Err(LoadError::Source(SourceError::NoCourseToml(_)))
    ));
}

#[test]
fn the_model_holds_no_control_characters() {
    let c = load_ok(&fixture("basic"), Some("fr"));
    let dump = format!("{c:?}");
    // Debug escapes control characters, so look at the texts themselves.
    let mut texts = vec![c.title.clone(), c.welcome.clone()];
    for m in &c.modules {
        texts.push(m.title.clone());
        texts.push(m.summary.clone());
    }
    assert!(
        texts
            .iter()
            .all(|t| !t.chars().any(|ch| ch.is_control() && ch != '\n'))
    );
    assert!(!dump.is_empty());
}
