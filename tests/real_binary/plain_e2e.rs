//! End to end: the real binary in plain mode, answers piped in.

use std::path::Path;

use super::runner::{self, e2e_course, notalone_cmd, saved};

struct Run {
    stdout: String,
    raw: Vec<u8>,
    stderr: String,
    code: Option<i32>,
}

fn plain(data: &Path, args: &[&str], input: &str) -> Run {
    let out = runner::plain(&e2e_course(), data, args, input);
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        raw: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
    }
}

/// Positions (1-based, as typed) that put the order question right.
fn order_answer() -> String {
    let shown = notalone::session::shuffled(
        3,
        &notalone::session::shuffle_key("sam", "e2e", "second", "q-order"),
    );
    (0..3)
        .map(|o| (shown.iter().position(|x| *x == o).expect("perm") + 1).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn whole_course_answers() -> String {
    [
        "",    // home: Enter resumes (first module)
        "",    // read
        "",    // chat: show the messages
        "2",   // flag message 2
        "",    // signs
        "1",   // unsafe choice without next
        "",    // feedback -> choose again
        "3",   // pay -> after-paid
        "",    // feedback
        "",    // after-paid read
        "1 3", // spot
        "",    // spot results
        "",    // summary -> home
        "",    // home: resume (second module) -> content note
        "",    // continue
        "2",   // single: right
        "",
        "1,3", // multiple: right
        "",
        &order_answer(),
        "",
        "", // summary -> home
    ]
    .join("\n")
        + "\n"
}

#[test]
fn a_whole_course_by_piped_answers() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = plain(dir.path(), &["--profile", "sam"], &whole_course_answers());
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(!r.raw.contains(&0x1b), "no escape byte in plain output");
    let t = &r.stdout;
    for want in [
        "== Test Course ==",
        "1. First module | Not started",
        "Hello there.",
        "- one point",
        "- two points",
        "sam.k_01: hi there",
        "You: why?",
        "1. hi there",
        "2. send me a pic | Warning sign, and you spotted it.",
        "A stranger asking for a picture.",
        "Think about it, then choose again.",
        "Paying brings more demands.",
        "If you already paid, stop now.",
        "1. Asks to move apps | This is one. You got this one right.",
        "Module complete: First module",
        "1 of 2 right first time",
        "Helpline One: Someone to talk to.",
        "Phone: 1-800-000-0000",
        "This module talks about threats.",
        "1. Continue",
        "2. Skip this module",
        "Right.",
        "Module complete: Second module",
        "3 of 3 right first time",
        "All done, well done.",
    ] {
        assert!(t.contains(want), "missing {want:?} in:\n{t}");
    }
    assert!(!t.contains("**"), "Markdown markers are not shown");
    // Every prompt ends with "> ".
    assert!(t.matches("> ").count() >= 22);
    let p = saved(dir.path());
    assert!(p["modules"]["first"]["completed_at"].is_string());
    assert!(p["modules"]["second"]["completed_at"].is_string());
    assert_eq!(
        p["modules"]["first"]["steps"]["talk"]["choices"],
        serde_json::json!([0, 2])
    );
    assert_eq!(
        p["modules"]["first"]["steps"]["talk"]["first_correct"],
        false
    );
    assert_eq!(
        p["modules"]["second"]["steps"]["q-multi"]["answer"],
        serde_json::json!([0, 2])
    );
}

#[test]
fn branching_the_safe_way_skips_the_paid_page() {
    let dir = tempfile::tempdir().expect("tmp");
    // Enter alone never answers the flag list: "3" is "None of these".
    let r = plain(dir.path(), &["--profile", "ana"], "\n\n\n\n3\n\n2\n\n");
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.contains("3. None of these"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains(r#"Pick the messages that worry you, or pick "None of these"."#),
        "Enter alone was refused: {}",
        r.stdout
    );
    assert!(r.stdout.contains("Good move."));
    assert!(
        r.stdout.contains("Which are warning signs?"),
        "went to after-safe"
    );
    assert!(!r.stdout.contains("If you already paid"));
}

#[test]
fn bad_answers_get_a_hint_and_the_same_prompt() {
    let dir = tempfile::tempdir().expect("tmp");
    // Home: words, a negative, out of range; then into module 2's order question.
    let input = "abc\n-1\n9\n2\n\n2\n\n1 3\n\n1 2\n1 1 2\n1 2 3 4\nq\n";
    let r = plain(dir.path(), &["--profile", "kim"], input);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    assert!(t.contains("Type a number, or press Enter."), "{t}");
    assert!(t.contains("Type a number from 1 to 2."), "{t}");
    assert!(
        t.contains("Type all 3 numbers, each once, in the order you choose."),
        "{t}"
    );
    assert!(t.contains("Your progress is saved."));
}

#[test]
fn end_of_input_mid_question_saves_and_resume_continues_there() {
    let dir = tempfile::tempdir().expect("tmp");
    // Into module 2, answer the first question, stop at the second.
    let r = plain(dir.path(), &["--profile", "lee"], "2\n\n2\n\n");
    assert_eq!(r.code, Some(0));
    let p = saved(dir.path());
    assert_eq!(p["position"]["module"], "second");
    assert_eq!(p["position"]["step"], "q-multi");
    assert_eq!(
        p["modules"]["second"]["steps"]["q-single"]["first_correct"],
        true
    );
    // Come back: Enter resumes at the multiple question, no content note again.
    let r = plain(dir.path(), &["--profile", "lee"], "\n");
    assert!(
        r.stdout
            .contains("Press Enter to continue with: Second module"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("What helps?"), "{}", r.stdout);
    assert!(!r.stdout.contains("This module talks about threats."));
}

#[test]
fn profile_is_asked_when_not_given() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = plain(dir.path(), &[], "\n../../etc\nJo\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("1. Make a new nickname"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("A nickname can use letters, digits, spaces, - and _ only.")
    );
    assert!(r.stdout.contains("Hi, Jo!"));
    let r = plain(dir.path(), &[], "1\nq\n");
    assert!(r.stdout.contains("1. Jo"), "{}", r.stdout);
    assert!(r.stdout.contains("== Test Course =="));
}

#[test]
fn help_at_any_prompt() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = plain(dir.path(), &["--profile", "sam"], "h\nq\n");
    assert!(r.stdout.contains("== Get help =="));
    assert!(
        r.stdout
            .contains("If you are in danger, call your local emergency number.")
    );
    assert!(r.stdout.contains("What this program stores"));
}

#[test]
fn french_with_fallback_per_module() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = plain(
        dir.path(),
        &["--profile", "sam", "--lang", "fr-CA"],
        "2\n\n",
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    assert!(t.contains("== Cours de test =="), "{t}");
    assert!(t.contains("Deuxième module"));
    assert!(t.contains("Qui est responsable ?"));
    // The first module has no French file: shown in English, marked.
    assert!(t.contains("First module"));
}

#[test]
fn preview_opens_any_module_goes_back_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("class");
    std::fs::create_dir(&data).expect("mkdir");
    // Open module 1; read; chat; flag none; signs; the unsafe "Pay them" branch;
    // its page; the spot; back two steps (the chat again, fresh); the safe choice.
    let input = "1\n\n\n3\n\n3\n\n\nb\nb\n\n3\n\n2\n\nq\n";
    let r = plain(&data, &["--preview"], input);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    assert!(
        !t.contains("Who is taking the course?"),
        "no profile screen: {t}"
    );
    assert!(t.contains("Preview: nothing is saved."), "{t}");
    assert!(t.contains("If you already paid, stop now."), "{t}");
    assert!(
        t.contains("Good move."),
        "the other choice after going back: {t}"
    );
    assert!(t.contains("Preview finished. Nothing was saved."), "{t}");
    assert!(!t.contains("Your progress is saved"), "{t}");
    let left: Vec<_> = std::fs::read_dir(&data).expect("read").collect();
    assert!(left.is_empty(), "nothing written to --data-dir: {left:?}");
}

#[test]
fn endless_input_uses_bounded_memory_and_ends_with_a_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let out = notalone_cmd(&["--plain", "--profile", "sam", "--lessons"])
        .arg(e2e_course())
        .arg("--data-dir")
        .arg(dir.path())
        .stdin(zero)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let t = String::from_utf8_lossy(&out.stdout);
    assert!(t.contains("The input never ends a line"), "{t}");
    assert!(t.contains("Your progress is saved."), "{t}");
}
