//! Key-event scenarios for the full UI: a learner walks a whole fixture
//! module with the keyboard, quits, comes back; help, settings, the mouse,
//! resizing to any size. What reaches the terminal as bytes: `tui_bytes.rs`.

use super::tui_common;

use notalone::progress::Status;
use notalone::session::{ChatPhase, Screen, StepState};
use notalone::tui::{Flow, TuiOptions};
use tui_common::*;

fn opts(profile: &str) -> TuiOptions {
    TuiOptions {
        profile: Some(profile.into()),
        no_color: false,
    }
}

fn chat_phase(h: &Harness) -> Option<ChatPhase> {
    match h.session().current()?.2 {
        StepState::Chat(c) => Some(c.phase),
        _ => None,
    }
}

#[test]
fn a_newcomer_completes_a_module_with_the_keyboard_alone() {
    let mut h = Harness::new(host(), 80, 24);
    // First run: the nickname field is open.
    assert!(h.text().contains("Type a nickname"), "{}", h.text());
    h.type_text("sam");
    h.press(&[K::Enter]);
    assert!(h.text().contains("0 of 3 modules complete"), "{}", h.text());

    // Home: Enter resumes the first module; its content note comes first.
    h.press(&[K::Enter]);
    assert!(h.text().contains("Before you start"));
    h.press(&[K::Enter]);
    assert_eq!(h.at(), Some(("first-steps".into(), "welcome".into())));
    assert!(
        h.host.save_count() >= 1,
        "accepting the note and entering the step is saved"
    );

    // Read: Enter continues.
    h.press(&[K::Enter]);
    assert_eq!(h.at(), Some(("first-steps".into(), "new-follower".into())));

    // Chat: messages appear one by one.
    assert!(h.text().contains("hey saw u at the game"));
    assert!(!h.text().contains("ur really cute"));
    h.press(&[K::Enter]);
    assert!(h.text().contains("ur really cute"));
    h.press(&[K::Space, K::Enter, K::Enter]);
    assert_eq!(chat_phase(&h), Some(ChatPhase::Flag));
    // Mark messages 2 and 5 (the real signs), by number and with Space.
    h.press(&[K::Char('2'), K::Down, K::Space]);
    assert!(h.text().contains("[x]"));
    let saves = h.host.save_count();
    h.press(&[K::Enter]);
    assert_eq!(chat_phase(&h), Some(ChatPhase::Signs));
    assert!(h.host.save_count() > saves, "flags are saved");
    assert!(
        h.text().contains("Warning sign, and you spotted it."),
        "{}",
        h.text()
    );
    h.press(&[K::Enter]);
    assert_eq!(chat_phase(&h), Some(ChatPhase::Choose));
    // An unsafe choice first: feedback, then choose again.
    h.press(&[K::Enter]);
    assert!(
        h.text().contains("Think about it, then choose again."),
        "{}",
        h.text()
    );
    h.press(&[K::Enter]);
    assert_eq!(chat_phase(&h), Some(ChatPhase::Choose));
    h.press(&[K::Down, K::Enter]);
    assert!(h.text().contains("A safe choice."));
    h.press(&[K::Enter]);
    assert_eq!(h.at(), Some(("first-steps".into(), "signs".into())));

    // Spot: toggle the two signs, check, read why.
    h.press(&[K::Space, K::Down, K::Down, K::Space, K::Enter]);
    assert!(
        h.text().contains("You spotted every warning sign."),
        "{}",
        h.text()
    );
    h.press(&[K::Enter]);

    // Single: a digit selects, Enter checks.
    h.press(&[K::Char('2'), K::Enter]);
    assert!(h.text().contains("Right."), "{}", h.text());
    h.press(&[K::Enter]);

    // Multiple: Enter without a selection asks for one.
    h.press(&[K::Enter]);
    assert!(
        h.text().contains("Pick at least one answer first."),
        "{}",
        h.text()
    );
    h.press(&[K::Space, K::Down, K::Space, K::Enter]);
    assert!(h.text().contains("Right."), "{}", h.text());
    h.press(&[K::Enter]);

    // Order: put the items right with Shift+arrows / u / d, then check.
    solve_order(&mut h);
    h.press(&[K::Enter]);
    assert!(h.text().contains("Right."), "{}", h.text());
    h.press(&[K::Enter]);

    // Summary: score, objectives, help lines.
    assert_eq!(h.session().screen(), &Screen::Summary { module: 0 });
    let text = h.text();
    assert!(text.contains("4 of 5 right first time"), "{text}");
    assert!(text.contains("Notice the warning signs"), "{text}");
    assert!(text.contains("Know who can help"), "{text}");
    assert!(text.contains("Childline"), "{text}");
    assert_eq!(h.session().status(0), Status::Complete);

    // Back home: the next module is highlighted, progress shows.
    h.press(&[K::Enter]);
    assert!(h.text().contains("1 of 3 modules complete"), "{}", h.text());
    assert!(h.text().contains("› 2. Getting help"), "{}", h.text());
    // Everything was saved: the host's record is the session's.
    assert_eq!(h.host.saved_record("sam"), Some(h.session().record()));
    assert_eq!(h.press(&[K::Char('q')]), Flow::Quit);
}

/// Move the order question's items until they are in the right order.
fn solve_order(h: &mut Harness) {
    for _ in 0..10 {
        let Some((_, _, StepState::Question(q))) = h.session().current() else {
            panic!("not on a question");
        };
        let order = q.order.clone();
        let cursor = h.app.highlighted();
        let Some(pos) = (0..order.len()).find(|p| order[*p] != *p) else {
            return;
        };
        // Bring the item that belongs at `pos` up to it.
        let from = order.iter().position(|o| *o == pos).unwrap_or(pos);
        for _ in 0..cursor.saturating_sub(from) {
            h.press(&[K::Up]);
        }
        for _ in 0..from.saturating_sub(cursor) {
            h.press(&[K::Down]);
        }
        for k in 0..from - pos {
            h.press(&[if k % 2 == 0 { K::ShiftUp } else { K::Char('u') }]);
        }
    }
}

#[test]
fn quit_and_come_back_to_the_same_step() {
    let mut h = Harness::with_options(host(), 80, 24, opts("sam"));
    h.press(&[K::Enter, K::Enter, K::Enter]);
    assert_eq!(h.at(), Some(("first-steps".into(), "new-follower".into())));
    assert_eq!(h.press(&[K::Char('q')]), Flow::Quit);

    // Next time: the home highlight is on the module, Enter goes straight
    // back to the chat (the accepted content note is not shown again).
    let saved = std::mem::replace(&mut h.host, host());
    let mut again = Harness::new(saved, 80, 24);
    assert!(again.text().contains("› sam"), "{}", again.text());
    again.press(&[K::Enter]);
    assert!(again.text().contains("› 1. Spot the warning signs"));
    again.press(&[K::Enter]);
    assert_eq!(
        again.at(),
        Some(("first-steps".into(), "new-follower".into()))
    );
}

#[test]
fn ctrl_c_quits_and_key_releases_are_ignored() {
    let mut h = Harness::home(80, 24);
    assert_eq!(h.release(K::Enter), Flow::Idle);
    assert!(matches!(h.session().screen(), Screen::Home { .. }));
    assert_eq!(h.press(&[K::CtrlC]), Flow::Quit);
    // Ctrl-C quits even while typing a nickname, where q is a letter.
    let mut h = Harness::new(host(), 80, 24);
    h.type_text("q");
    assert!(h.text().contains("Nickname: q"), "{}", h.text());
    assert_eq!(h.press(&[K::CtrlC]), Flow::Quit);
}

#[test]
fn help_is_one_key_away_on_every_screen() {
    let mut h = Harness::new(host().with_profiles(["sam"]), 80, 24);
    let check = |h: &mut Harness, key: K| {
        // A hint shown now goes with the next key: start without one.
        h.press(&[key, K::Esc]);
        let before = h.text();
        h.press(&[key]);
        assert!(h.app.help_open(), "{before}");
        assert!(h.text().contains("Childline"), "{}", h.text());
        assert!(
            h.text().contains("Nothing is sent anywhere"),
            "{}",
            h.text()
        );
        h.press(&[K::Esc]);
        assert!(!h.app.help_open());
        assert_eq!(h.text(), before, "closing help returns to the same screen");
    };
    // The nickname screen types letters: help is F1 or ? there.
    check(&mut h, K::F1);
    check(&mut h, K::Char('?'));
    h.press(&[K::Enter]);
    for keys in [
        &[][..],
        &[K::Enter],
        &[K::Enter],
        &[K::Enter],
        &[K::Enter, K::Enter, K::Enter, K::Enter],
        &[K::Enter],
        &[K::Enter],
    ] {
        h.press(keys);
        check(&mut h, K::Char('h'));
        check(&mut h, K::F1);
    }
    // In the nickname field, h is a letter and F1 is help.
    let mut h = Harness::new(host(), 80, 24);
    h.type_text("h");
    assert!(!h.app.help_open());
    h.press(&[K::F1]);
    assert!(h.app.help_open());
    // `?` cannot be in a nickname: it is help there too.
    h.press(&[K::Esc, K::Char('?')]);
    assert!(h.app.help_open());
    h.press(&[K::Esc]);
    assert!(h.text().contains("Nickname: h"), "{}", h.text());
}

#[test]
fn the_content_note_offers_skip_and_help() {
    let mut h = Harness::home(80, 24);
    // A digit selects, Enter confirms (as on every list).
    h.press(&[K::Enter, K::Char('3')]);
    assert!(!h.app.help_open(), "a digit only selects");
    h.press(&[K::Enter]);
    assert!(h.app.help_open(), "Get help opens the help lines");
    h.press(&[K::Esc, K::Up]);
    h.press(&[K::Enter]);
    assert_eq!(h.session().screen(), &Screen::Home { cursor: 1 });
}

#[test]
fn esc_goes_home_and_enter_resumes() {
    let mut h = Harness::home(80, 24);
    h.press(&[K::Enter, K::Enter, K::Enter]);
    h.press(&[K::Esc]);
    assert_eq!(h.session().screen(), &Screen::Home { cursor: 0 });
    h.press(&[K::Enter]);
    assert_eq!(h.at(), Some(("first-steps".into(), "new-follower".into())));
}

#[test]
fn the_mouse_selects_what_it_clicks() {
    let mut h = Harness::home(80, 24);
    // A click on a module highlights it; a second click opens it.
    let (x, y) = h.find("Getting help").expect("module row");
    h.click(x, y);
    assert_eq!(h.app.highlighted(), 1);
    h.click(x, y);
    assert_eq!(h.at(), Some(("getting-help".into(), "where".into())));
    // Note options, then chat choices, spot items, question options.
    h.press(&[K::Esc, K::Up, K::Enter]);
    let (x, y) = h.find("Continue").expect("note option");
    h.click(x, y);
    assert_eq!(h.at(), Some(("first-steps".into(), "welcome".into())));
    h.press(&[K::Enter, K::Enter, K::Enter, K::Enter, K::Enter]);
    assert_eq!(chat_phase(&h), Some(ChatPhase::Flag));
    let (x, y) = h.find("ur really cute").expect("message");
    h.click(x, y);
    assert!(matches!(h.session().current(), Some((_, _, StepState::Chat(c))) if c.flags[1]));
    h.press(&[K::Enter, K::Enter]);
    let (x, y) = h.find("Stop replying and tell").expect("choice");
    h.click(x, y);
    assert!(
        !h.text().contains("A safe choice."),
        "a first click selects"
    );
    h.click(x, y);
    assert!(
        h.text().contains("A safe choice."),
        "a click on the selected one chooses it"
    );
    h.press(&[K::Enter]);
    let (x, y) = h.find("keep the chat secret").expect("spot item");
    h.click(x, y);
    assert!(h.text().contains("[x] 3."), "{}", h.text());
    // Clicks outside any option do nothing.
    assert_eq!(h.click(0, 0), Flow::Idle);
}

#[test]
fn settings_change_theme_and_language_and_save_them() {
    let mut h = Harness::with_options(host().with_translation(french()), 80, 24, opts("sam"));
    h.press(&[K::Char('s')]);
    assert!(h.app.settings_open());
    // Entries: English, Français, then the three themes.
    h.press(&[K::Down, K::Down, K::Down, K::Enter]);
    assert_eq!(
        h.session().record().settings.theme.as_deref(),
        Some("high-contrast")
    );
    assert_eq!(
        h.host
            .saved_record("sam")
            .and_then(|r| r.settings.theme.as_deref()),
        Some("high-contrast"),
        "saved"
    );
    assert!(!h.app.theme().styles().iter().all(|s| s.fg.is_none()));
    h.press(&[K::Down, K::Space]);
    assert!(
        h.app
            .theme()
            .styles()
            .iter()
            .all(|s| s.fg.is_none() && s.bg.is_none())
    );
    h.press(&[K::Up, K::Up, K::Up, K::Enter]);
    assert_eq!(h.host.course().locale, "fr");
    assert_eq!(
        h.host
            .saved_record("sam")
            .and_then(|r| r.settings.lang.as_deref()),
        Some("fr")
    );
    // The interface speaks French now.
    assert!(h.text().contains("Réglages"), "{}", h.text());
    h.press(&[K::Esc]);
    assert!(!h.app.settings_open());
    assert!(matches!(h.session().screen(), Screen::Home { .. }));
}

#[test]
fn a_failed_save_is_told_once_calmly() {
    let mut h = Harness::with_options(host(), 80, 24, opts("sam"));
    // The disk fills up once the course is open.
    h.host.set_save_failing(true);
    h.press(&[K::Enter, K::Enter]);
    assert!(h.text().contains("cannot be saved"), "{}", h.text());
    h.press(&[K::Enter]);
    assert!(
        !h.text().contains("cannot be saved"),
        "told once: {}",
        h.text()
    );
    h.press(&[K::Enter]);
    assert!(!h.text().contains("cannot be saved"));
}

#[test]
fn a_notice_from_opening_is_shown_once() {
    let mut host = host();
    host.set_next_open_recovers(true);
    let mut h = Harness::with_options(host, 80, 24, opts("sam"));
    assert!(h.text().contains("could not be read"), "{}", h.text());
    h.press(&[K::Down]);
    assert!(!h.text().contains("could not be read"));
}

#[test]
fn nicknames_are_checked_and_never_hold_control_characters() {
    let mut h = Harness::new(host(), 80, 24);
    h.press(&[K::Enter]);
    assert!(h.text().contains("at least one letter"), "{}", h.text());
    h.type_text("a\u{1b}]0;x\u{7}");
    assert!(h.text().contains("Nickname: a]0;x"), "{}", h.text());
    h.press(&[
        K::Backspace,
        K::Backspace,
        K::Backspace,
        K::Backspace,
        K::Char('m'),
    ]);
    h.press(&[K::Enter]);
    assert_eq!(h.session().record().profile, "am");
}

#[test]
fn resizing_to_any_size_keeps_the_place() {
    let mut h = Harness::home(80, 24);
    h.press(&[K::Enter, K::Enter, K::Enter, K::Enter]);
    for (w, hh) in [
        (1, 1),
        (39, 11),
        (200, 60),
        (40, 12),
        (2, 80),
        (300, 3),
        (80, 24),
    ] {
        h.resize(w, hh);
    }
    assert!(h.text().contains("ur really cute"), "{}", h.text());
    assert_eq!(h.at(), Some(("first-steps".into(), "new-follower".into())));
}

#[test]
fn every_screen_draws_at_every_size_without_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 0..=12 {
        for h in 0..=12 {
            sizes.push((w, h));
        }
    }
    for w in (13..=200).step_by(17) {
        for h in (1..=60).step_by(9) {
            sizes.push((w, h));
        }
    }
    sizes.extend([(40, 12), (80, 24), (200, 60), (1, 200), (500, 2)]);
    let mut screens = all_screens();
    screens.push(("profile", vec![]));
    for (name, keys) in screens {
        let mut h = if name == "profile" {
            Harness::new(host().with_profiles(["sam", "中文名字"]), 80, 24)
        } else {
            Harness::home(80, 24)
        };
        h.press(&keys);
        let before = h.app.session().map(|s| s.screen().clone());
        for (w, hh) in &sizes {
            h.resize(*w, *hh);
            let small = *w < 40 || *hh < 12;
            if small && *w >= 10 && *hh >= 1 {
                assert!(h.text().contains("Please"), "{name} {w}x{hh}: {}", h.text());
            } else if !small && *w <= 80 {
                assert!(
                    !h.text().contains("make this window larger"),
                    "{name} {w}x{hh}"
                );
            }
        }
        // Scroll keys at the smallest usable size still work.
        h.resize(40, 12);
        h.press(&[K::PgDn, K::PgDn, K::PgUp]);
        assert_eq!(
            h.app.session().map(|s| s.screen().clone()),
            before,
            "{name}"
        );
    }
}

#[test]
fn a_sixty_message_chat_scrolls_to_keep_the_newest_in_view() {
    let mut h = Harness::with_options(Host::in_memory(long_chat_course(60)), 80, 24, opts("sam"));
    h.press(&[K::Enter]);
    for i in 1..60 {
        h.press(&[K::Space]);
        if i < 59 {
            assert!(
                h.text().contains(&format!("Message {i}:")),
                "{i}: {}",
                h.text()
            );
        }
    }
    assert_eq!(chat_phase(&h), Some(ChatPhase::Flag));
    // The highlight follows the cursor down the whole chat.
    for _ in 0..59 {
        h.press(&[K::Down]);
    }
    assert!(h.text().contains("Message 59:"), "{}", h.text());
    assert!(h.text().contains("›"), "{}", h.text());
}
