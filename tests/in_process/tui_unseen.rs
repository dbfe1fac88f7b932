//! What an outside check found on a course the UI had not seen
//! (`tests/courses/unseen`): the home's resume line follows the highlight.

use notalone::course::{Course, CourseSource};
use notalone::host::Host;
use notalone::progress::CourseRecord;
use notalone::tui::TuiOptions;

use crate::tui_common::*;

fn unseen() -> Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/unseen");
    notalone::course::load(&CourseSource::Dir(dir), Some("en")).expect("the unseen course loads")
}

fn harness(c: Course) -> Harness {
    let host = Host::in_memory(c).with_record(CourseRecord::new("ana", "unseen"));
    Harness::with_options(
        host,
        80,
        24,
        TuiOptions {
            profile: Some("ana".into()),
            no_color: false,
        },
    )
}

#[test]
fn the_resume_line_is_shown_only_while_enter_does_what_it_says() {
    let mut h = harness(unseen());
    assert!(
        h.text()
            .contains("Press Enter to continue with: Before we start"),
        "{}",
        h.text()
    );
    // The highlight on another module: Enter opens that one, so the line
    // about "Before we start" would lie.
    h.press(&[K::Char('2')]);
    assert!(!h.text().contains("continue with"), "{}", h.text());
    h.press(&[K::Down]);
    assert!(!h.text().contains("continue with"), "{}", h.text());
    h.press(&[K::Char('1')]);
    assert!(h.text().contains("continue with"), "{}", h.text());
}

#[test]
fn the_preview_s_status_has_no_dangling_separator_on_a_content_note() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/unseen");
    let host = Host::preview(CourseSource::Dir(dir), Some("en")).expect("the course loads");
    let mut h = Harness::with_options(
        host,
        80,
        24,
        TuiOptions {
            profile: Some(notalone::session::PREVIEW_PROFILE.into()),
            no_color: false,
        },
    );
    // The long chat has a content note: a screen without a status of its own.
    h.press(&[K::Char('2'), K::Enter]);
    let text = h.text();
    assert!(text.contains("Before you start"), "{text}");
    let top = text.lines().next().unwrap_or("").trim_end().to_string();
    assert!(top.ends_with("Preview, nothing saved"), "{top:?}");
}
