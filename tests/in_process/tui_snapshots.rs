//! Every screen and step type of the full UI, drawn on a `TestBackend` at
//! 80x24 and 40x12, plus wide characters (Japanese, emoji), compared with
//! reviewed snapshots in `tests/snapshots/`. Create or update them with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots`, then review the
//! diff; with `CI=true` a missing or different snapshot fails.

use super::tui_common;

use notalone::tui::TuiOptions;
use tui_common::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

/// Snapshot a screen at both sizes, reached by `setup` from the home screen.
fn shot(name: &str, setup: impl Fn(&mut Harness)) {
    for (w, h) in SIZES {
        let mut hs = Harness::home(w, h);
        setup(&mut hs);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), hs.snapshot());
    }
}

#[test]
fn profile_picker() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(host().with_profiles(["alex", "sam"]), w, h);
        hs.press(&[K::Down]);
        insta::assert_snapshot!(format!("profile_list_{w}x{h}"), hs.snapshot());
        hs.press(&[K::Down, K::Enter]);
        hs.type_text("Jo$");
        hs.press(&[K::Enter]);
        insta::assert_snapshot!(format!("profile_new_error_{w}x{h}"), hs.snapshot());
    }
}

#[test]
fn profile_picker_says_once_that_folders_were_left_out() {
    // Planted in a shared folder: names no one should ever see printed.
    let planted = ["p-\u{1b}[2Jwipe", "p-fifo", "p-link\u{7}"]
        .map(|n| std::path::PathBuf::from("/class/profiles").join(n));
    let host = host()
        .with_profiles(["alex", "sam"])
        .with_skipped(planted.to_vec());
    let mut hs = Harness::new(host, 80, 24);
    insta::assert_snapshot!("profile_skipped_80x24", hs.snapshot());
    let said = "3 profile folders could not be read, so they are not listed.";
    for keys in [&[K::Down][..], &[K::Char('s')], &[K::Backspace, K::End]] {
        hs.press(keys);
        assert_eq!(hs.text().matches(said).count(), 1, "{}", hs.text());
        assert!(!hs.text().contains("wipe"), "{}", hs.text());
    }
    // Opening a profile: the course, not the sentence again.
    hs.press(&[K::Home, K::Enter]);
    assert!(!hs.text().contains(said), "{}", hs.text());
}

#[test]
fn first_run_asks_for_a_nickname() {
    let mut hs = Harness::new(host(), 80, 24);
    hs.type_text("sam");
    insta::assert_snapshot!("profile_first_run_80x24", hs.snapshot());
}

#[test]
fn home() {
    shot("home", |_| {});
    // After some progress: statuses, a score, the highlight on the resume module.
    shot("home_progress", |h| {
        to_step(h, 6);
        h.press(&[K::Enter]);
    });
}

#[test]
fn content_note() {
    shot("note", |h| {
        h.press(&[K::Enter, K::Down]);
    });
}

#[test]
fn read() {
    shot("read", into_module);
    shot("read_scrolled", |h| {
        into_module(h);
        h.press(&[K::Down, K::Down, K::PgDn]);
    });
}

#[test]
fn chat() {
    shot("chat_reveal", |h| {
        to_step(h, 1);
        h.press(&[K::Enter]);
    });
    shot("chat_flag", |h| {
        to_step(h, 1);
        h.press(&[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Down,
            K::Space,
            K::Down,
        ]);
    });
    shot("chat_signs", |h| {
        to_step(h, 1);
        h.press(&[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Char('3'),
            K::Enter,
        ]);
    });
    shot("chat_signs_scrolled", |h| {
        to_step(h, 1);
        h.press(&[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
            K::PgDn,
        ]);
    });
    shot("chat_choose", |h| {
        to_step(h, 1);
        h.press(&[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
            K::Enter,
            K::Down,
        ]);
    });
    shot("chat_feedback_choose_again", |h| {
        to_step(h, 1);
        h.press(&[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
            K::Enter,
            K::Char('1'),
            K::Enter,
        ]);
    });
    shot("chat_feedback_safe", |h| {
        to_step(h, 1);
        h.press(&[
            K::Enter,
            K::Enter,
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
            K::Enter,
            K::Char('2'),
            K::Enter,
        ]);
    });
}

#[test]
fn spot() {
    shot("spot", |h| {
        to_step(h, 2);
        h.press(&[K::Space, K::Down]);
    });
    shot("spot_answered", |h| {
        to_step(h, 2);
        h.press(&[K::Char('1'), K::Char('2'), K::Enter]);
    });
}

#[test]
fn questions() {
    shot("question_single", |h| {
        to_step(h, 3);
        h.press(&[K::Down]);
    });
    shot("question_single_answered", |h| {
        to_step(h, 3);
        h.press(&[K::Char('1'), K::Enter]);
    });
    shot("question_multiple", |h| {
        to_step(h, 4);
        h.press(&[K::Space, K::Down, K::Down]);
    });
    shot("question_multiple_answered", |h| {
        to_step(h, 4);
        h.press(&[K::Char('1'), K::Char('2'), K::Enter]);
    });
    shot("question_order", |h| {
        to_step(h, 5);
        h.press(&[K::Down, K::ShiftUp]);
    });
    shot("question_order_answered", |h| {
        to_step(h, 5);
        h.press(&[K::Enter]);
    });
}

#[test]
fn summary() {
    shot("summary", |h| to_step(h, 6));
}

#[test]
fn help_overlay() {
    shot("help", |h| {
        to_step(h, 3);
        h.press(&[K::Char('h')]);
    });
    for (w, h) in SIZES {
        let mut hs = Harness::new(host().with_profiles(["sam"]), w, h);
        hs.press(&[K::F1]);
        insta::assert_snapshot!(format!("help_on_profile_{w}x{h}"), hs.snapshot());
    }
}

#[test]
fn settings() {
    shot("settings", |h| {
        h.press(&[K::Char('s'), K::Down, K::Down, K::Down]);
    });
    let mut hs = Harness::with_options(
        host(),
        80,
        24,
        TuiOptions {
            profile: Some("sam".into()),
            no_color: true,
        },
    );
    hs.press(&[K::Char('s')]);
    insta::assert_snapshot!("settings_no_color_80x24", hs.snapshot());
}

#[test]
fn notice_when_saving_fails() {
    let mut hs = Harness::with_options(
        host(),
        80,
        24,
        TuiOptions {
            profile: Some("sam".into()),
            no_color: false,
        },
    );
    hs.host.set_save_failing(true);
    hs.press(&[K::Down, K::Enter]);
    insta::assert_snapshot!("notice_cannot_save_80x24", hs.snapshot());
}

#[test]
fn hint_when_a_number_is_out_of_range() {
    shot("hint_out_of_range", |h| {
        to_step(h, 3);
        h.press(&[K::Char('9')]);
    });
}

#[test]
fn window_too_small() {
    for (w, h) in [(39, 24), (80, 11), (20, 6), (1, 1)] {
        let mut hs = Harness::home(w, h);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), hs.snapshot());
        // And back to normal when it grows again.
        hs.resize(80, 24);
        assert!(hs.text().contains("Not Alone"), "{}", hs.text());
    }
}

/// Wide characters: Japanese text and emoji in titles, text and bubbles.
fn wide(name: &str, setup: impl Fn(&mut Harness)) {
    for (w, h) in SIZES {
        let mut hs = Harness::home(w, h);
        hs.press(&[K::Char('3')]);
        setup(&mut hs);
        insta::assert_snapshot!(format!("wide_{name}_{w}x{h}"), hs.snapshot());
    }
}

#[test]
fn wide_characters() {
    wide("home", |_| {});
    wide("read", |h| {
        h.press(&[K::Enter]);
    });
    wide("chat_flag", |h| {
        h.press(&[K::Enter, K::Enter, K::Enter, K::Enter, K::Space]);
    });
    wide("chat_signs", |h| {
        h.press(&[K::Enter, K::Enter, K::Enter, K::Enter, K::Enter]);
    });
    wide("chat_choose", |h| {
        h.press(&[K::Enter, K::Enter, K::Enter, K::Enter, K::Enter, K::Enter]);
    });
}
