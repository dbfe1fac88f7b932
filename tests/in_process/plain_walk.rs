//! Plain mode in process, on the host with records in memory: whole-module
//! transcripts (insta), the exit policy, endless input.

use notalone::course::{Course, CourseSource};
use notalone::host::Host;
use notalone::plain::run;

fn fixture(name: &str) -> Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/courses")
        .join(name);
    notalone::course::load(&CourseSource::Dir(dir), Some("en"))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Run plain mode; the transcript with each answer shown after its prompt.
fn walk(host: &mut Host, answers: &[&str]) -> (i32, String) {
    let input = answers.join("\n") + "\n";
    let mut out = Vec::new();
    let code = run(input.as_bytes(), &mut out, host, Some("sam".into()));
    let text = String::from_utf8(out).expect("UTF-8");
    // Put each answer after its "> " so the transcript reads like a session.
    let mut shown = String::new();
    let mut rest = answers.iter();
    for (i, part) in text.split("> ").enumerate() {
        if i > 0 {
            shown.push_str("> ");
            shown.push_str(rest.next().copied().unwrap_or("<end of input>"));
            shown.push('\n');
        }
        shown.push_str(part);
    }
    (code, shown)
}

#[test]
fn transcript_of_a_whole_module() {
    let mut host = Host::in_memory(fixture("e2e"));
    let (code, t) = walk(
        &mut host,
        &[
            "",    // home: resume the first module
            "",    // read
            "",    // chat shown whole
            "",    // Enter alone does not answer the flag list
            "2",   // flag "send me a pic"
            "",    // signs
            "1",   // unsafe choice, no branch: choose again
            "",    // feedback
            "2",   // the safe choice
            "",    // feedback: on to the spot
            "1 3", // spot
            "",    // spot results
            "",    // summary -> home
            "q",
        ],
    );
    assert_eq!(code, 0);
    insta::assert_snapshot!("plain_first_module", t);
    let rec = host.saved_record("sam").expect("saved");
    let talk = &rec.modules["first"].steps["talk"];
    assert_eq!(talk.flags, Some(vec![1]));
    assert_eq!(talk.choices, vec![0, 1]);
    assert!(rec.modules["first"].completed_at.is_some());
}

#[test]
fn quitting_after_a_failed_save_never_says_saved() {
    let mut host = Host::in_memory(fixture("e2e"));
    host.set_save_failing(true);
    let (code, t) = walk(&mut host, &["", "", "q"]);
    assert_eq!(code, 0);
    assert!(t.contains("Your progress cannot be saved"), "{t}");
    assert!(
        t.contains("Your progress could not be saved this time."),
        "{t}"
    );
    assert!(!t.contains("Your progress is saved"), "{t}");
    // When saving works, the last line says so.
    let mut host = Host::in_memory(fixture("e2e"));
    let (_, t) = walk(&mut host, &["", "q"]);
    assert!(
        t.trim_end()
            .ends_with("Your progress is saved. See you next time."),
        "{t}"
    );
}

#[test]
fn endless_input_ends_with_a_clear_message() {
    let mut host = Host::in_memory(fixture("e2e"));
    let mut out = Vec::new();
    let zeros = std::io::BufReader::new(std::io::Read::take(std::io::repeat(0), 64 << 20));
    let code = run(zeros, &mut out, &mut host, Some("sam".into()));
    assert_eq!(code, 0);
    let t = String::from_utf8_lossy(&out);
    assert!(t.contains("The input never ends a line"), "{t}");
    assert!(t.contains("Your progress is saved"), "{t}");
}

/// Settings in plain mode (`s` on the list of modules), as in the full
/// screen: the language in use is marked, Enter keeps it (a regional tag
/// stays regional, so the help keeps its regional lines), a number switches.
#[test]
fn settings_keeps_the_regional_language_and_switches_on_a_number() {
    let dir = std::env::temp_dir().join(format!(
        "notalone-plain-settings-{}-{:?}",
        std::process::id(),
        std::time::Instant::now()
    ));
    let mut host = Host::new(CourseSource::Embedded, Some("en-GB"), Some(dir.clone()))
        .expect("the built-in course");
    let (code, t) = walk(&mut host, &["s", "", "h", "q"]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("(s settings, h help, q quit)"), "{t}");
    assert!(t.contains("Nickname: sam"), "home names the profile:\n{t}");
    assert!(t.contains("English (United Kingdom) (in use)"), "{t}");
    assert!(t.contains("Childline"), "the regional help is kept:\n{t}");
    let saved =
        || std::fs::read_to_string(dir.join("profiles/p-sam/notalone.json")).unwrap_or_default();
    assert!(!saved().contains("\"lang\": \"en\""), "{}", saved());
    // Another number: French from then on.
    let mut host = Host::new(CourseSource::Embedded, Some("en-GB"), Some(dir.clone()))
        .expect("the built-in course");
    let (code, t) = walk(&mut host, &["s", "99", "10", "q"]);
    assert_eq!(code, 0, "{t}");
    assert!(
        t.contains("Type a number from 1 to 15"),
        "out of range is said:\n{t}"
    );
    let after = t.rsplit("== Settings ==").next().unwrap_or("");
    assert!(after.contains("(s réglages, h aide, q quitter)"), "{after}");
    let _ = std::fs::remove_dir_all(&dir);
}
