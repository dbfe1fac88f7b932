//! The pseudo-locale (`--lang en-XA`: every interface and lesson string
//! accented and about 35% longer) on the main screens at 80x24: reviewed
//! snapshots in `tests/snapshots/` (create or update them with
//! `INSTA_UPDATE=always cargo test --test tui_pseudo`, then review), and a
//! check that no word is cut off.
//!
//! The check: the vocabulary is every word of the source strings, made
//! pseudo (the fixture course through `notalone::host::pseudo_course`, every
//! message of the English Fluent file through `i18n::pseudo`). Each word on
//! screen that carries a pseudo accent must be a whole word of that
//! vocabulary. Our wrapping breaks lines between words, so a word wrapped
//! to the next row is still whole; a word clipped at the right edge, cut by
//! a truncated title (`Ŧííţļé…`) or by a box too small, is a prefix that is
//! not in the vocabulary, and the test fails naming it. (Words without any
//! accented letter, such as key names and numbers, are not checked; a cut
//! that happens to leave another whole word would slip through.)

use super::tui_common;

use std::collections::BTreeSet;

use notalone::host::Host;
use notalone::i18n;
use notalone::tui::TuiOptions;
use tui_common::*;

/// The fixture course made pseudo, in the pseudo-locale (interface strings too).
fn pseudo_host() -> Host {
    let mut c = course();
    notalone::host::pseudo_course(&mut c);
    c.locale = i18n::PSEUDO.into();
    Host::in_memory(c)
}

fn home() -> Harness {
    Harness::with_options(
        pseudo_host(),
        80,
        24,
        TuiOptions {
            profile: Some("sam".into()),
            no_color: false,
        },
    )
}

/// Words of a text: runs of letters and digits (split the same way on
/// screen and in the sources, so `it's` or `maya.k_08` compare in pieces).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
}

/// A word the pseudo-locale changed (it has a letter outside ASCII).
fn accented(w: &str) -> bool {
    w.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

fn vocabulary(host: &Host) -> BTreeSet<String> {
    // Every string of the course, through its Debug form (escapes undone).
    let course = format!("{:?}", host.course())
        .replace("\\n", " ")
        .replace("\\\"", "\"")
        .replace("\\'", "'");
    let ftl = i18n::pseudo(&i18n::source("en").expect("the English strings"));
    words(&course).chain(words(&ftl)).collect()
}

/// Snapshot the screen and check that every accented word on it is whole.
fn check(name: &str, h: &Harness) {
    insta::assert_snapshot!(format!("pseudo_{name}_80x24"), h.snapshot());
    let vocab = vocabulary(&h.host);
    let text = h.text();
    let cut: Vec<String> = words(&text)
        .filter(|w| accented(w) && !vocab.contains(w))
        .collect();
    assert!(
        cut.is_empty(),
        "{name}: words cut off or not from the source strings: {cut:?}\n{text}"
    );
    // The pseudo-locale is really on (not the English strings).
    assert!(
        words(&text).filter(|w| accented(w)).count() >= 5,
        "{name}: hardly any pseudo text:\n{text}"
    );
}

#[test]
fn profile_picker() {
    let mut h = Harness::new(pseudo_host().with_profiles(["alex", "sam"]), 80, 24);
    h.press(&[K::Down]);
    check("profile", &h);
}

#[test]
fn home_screen() {
    check("home", &home());
}

#[test]
fn read_step() {
    let mut h = home();
    to_step(&mut h, 0);
    check("read", &h);
}

#[test]
fn chat_step() {
    let mut h = home();
    to_step(&mut h, 1);
    h.press(&[K::Enter, K::Enter, K::Enter, K::Enter, K::Enter]);
    check("chat", &h);
}

#[test]
fn question_step() {
    let mut h = home();
    to_step(&mut h, 3);
    check("question", &h);
    h.press(&[K::Char('2'), K::Enter]);
    check("question_answered", &h);
}

#[test]
fn summary_screen() {
    let mut h = home();
    to_step(&mut h, 6);
    check("summary", &h);
}

#[test]
fn help_overlay() {
    let mut h = home();
    h.press(&[K::Char('h')]);
    check("help", &h);
}
