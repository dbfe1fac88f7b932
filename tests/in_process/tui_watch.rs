//! Live preview in the full UI (`--watch`), with the in-memory context:
//! a reload that finds errors shows them in place of the lesson, a reload
//! that finds the course fixed comes back to the same step with the new
//! text. The real watcher in a real terminal is tests/watch_pty.rs.

use super::tui_common;

use notalone::course::StepKind;
use notalone::tui::Flow;
use tui_common::*;

/// rustc-style diagnostics as `render_human` writes them, with a control
/// character that must not reach the terminal.
const DIAGNOSTICS: &str = "error[syntax]: expected `=` after a key\n  --> en/first-steps.toml:12:7\n   |\n12 | text \u{1b}[31m \"Select\n   |       ^ here\n";

/// From home to the spot step of the first module.
fn to_spot(h: &mut Harness) {
    to_step(h, 2);
    assert_eq!(h.at(), Some(("first-steps".into(), "signs".into())));
}

/// The course with the spot step's prompt changed.
fn edited() -> notalone::course::Course {
    let mut c = course();
    if let StepKind::Spot { text, .. } = &mut c.modules[0].steps[2].kind {
        *text = "Pick the messages that worry you, then press Enter.".into();
    }
    c
}

#[test]
fn errors_replace_the_lesson_until_fixed_then_the_step_comes_back() {
    let mut h = Harness::home(80, 24);
    to_spot(&mut h);
    assert!(
        h.text()
            .contains("Select every message that should worry you.")
    );

    // A broken save: the diagnostics, escaped, in place of the lesson.
    h.host.set_files(Err(DIAGNOSTICS.into()));
    assert_eq!(h.reload(), Flow::Redraw);
    let text = h.text();
    assert!(text.contains("The course has errors"), "{text}");
    assert!(text.contains("this screen updates by itself"), "{text}");
    assert!(text.contains("en/first-steps.toml:12:7"), "{text}");
    assert!(text.contains("expected `=` after a key"), "{text}");
    assert!(
        text.contains(r"\u{1b}[31m"),
        "control characters escaped: {text}"
    );
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        !text.contains("Select every message"),
        "no stale lesson: {text}"
    );
    assert!(text.contains("q quit"), "{text}");
    insta::assert_snapshot!("watch_broken_80x24", h.snapshot());

    // Lesson keys do nothing while broken; the position is kept.
    h.press(&[K::Enter, K::Char('1'), K::Space, K::Esc, K::Char('h')]);
    assert!(h.text().contains("The course has errors"));
    assert_eq!(h.at(), Some(("first-steps".into(), "signs".into())));

    // Still broken after another save: still the diagnostics.
    h.reload();
    assert!(h.text().contains("en/first-steps.toml:12:7"));

    // Fixed: back on the same step, with the new text, and told so.
    h.host.set_files(Ok(edited()));
    h.reload();
    let text = h.text();
    assert_eq!(h.at(), Some(("first-steps".into(), "signs".into())));
    assert!(
        text.contains("Pick the messages that worry you, then press Enter."),
        "{text}"
    );
    assert!(!text.contains("The course has errors"), "{text}");
    assert!(text.contains("Course reloaded"), "{text}");
    // The lesson works again.
    h.press(&[K::Char('1')]);
    assert!(h.text().contains("[x]"), "{}", h.text());
}

#[test]
fn errors_cover_overlays_and_the_profile_picker_and_scroll() {
    // Over the help overlay: broken replaces it; fixed brings it back.
    let mut h = Harness::home(80, 24);
    h.press(&[K::Char('h')]);
    assert!(h.app.help_open());
    h.host.set_files(Err(DIAGNOSTICS.repeat(10)));
    h.reload();
    assert!(h.text().contains("The course has errors"));
    // Long reports scroll.
    let top = h.text();
    assert!(h.text().contains("PgUp PgDn scroll"), "{}", h.text());
    assert_eq!(h.press(&[K::PgDn]), Flow::Redraw);
    assert_ne!(h.text(), top, "PgDn scrolls the diagnostics");
    h.host.set_files(Ok(course()));
    h.reload();
    assert!(h.app.help_open());
    assert!(!h.text().contains("The course has errors"));

    // On the profile picker (no session yet) too; q still quits.
    let mut h = Harness::new(host().with_profiles(["sam"]), 40, 12);
    h.host.set_files(Err(DIAGNOSTICS.into()));
    h.reload();
    assert!(h.text().contains("The course has"), "{}", h.text());
    h.host.set_files(Ok(course()));
    h.reload();
    assert!(h.text().contains("sam"), "{}", h.text());
    h.host.set_files(Err(DIAGNOSTICS.into()));
    h.reload();
    assert_eq!(h.press(&[K::Char('q')]), Flow::Quit);
}

#[test]
fn a_removed_step_falls_back_to_the_nearest_one() {
    let mut h = Harness::home(80, 24);
    to_spot(&mut h);
    let mut c = course();
    c.modules[0].steps.remove(2);
    h.host.set_files(Ok(c));
    h.reload();
    let at = h.at().expect("in a step");
    assert_eq!(at.0, "first-steps");
    assert_ne!(at.1, "signs");
    assert!(!h.text().contains("The course has errors"));
}
