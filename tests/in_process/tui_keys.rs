//! The full-screen UI's keys and the fixes learners asked for (issue 12):
//! the footer and the help overlay come from one table per screen, `q`
//! closes overlays, the nickname list filters, settings keeps the language
//! in use, home opens at the top and names the profile, long pages say
//! "more below", and the high-contrast highlight is one solid bar.

use notalone::course::Course;
use notalone::i18n::I18n;
use notalone::session::Screen;
use notalone::tui::bindings::{self, Mode, Show};
use notalone::tui::{Flow, TuiOptions};
use ratatui::style::Color;

use crate::tui_common::*;
use crate::tui_common::{key_event, rows};

fn opts(profile: &str) -> TuiOptions {
    TuiOptions {
        profile: Some(profile.into()),
        no_color: false,
    }
}

/// The footer: the last rows that are not blank, joined.
fn footer(h: &Harness) -> String {
    let text = h.text();
    let rows: Vec<&str> = text.lines().collect();
    let n = rows.len();
    rows[n - 2..].join("   ")
}

/// Screens reached from home by these keys, each with its mode.
fn screens() -> Vec<(Mode, Vec<K>)> {
    let e = K::Enter;
    let chat = vec![e, e, e];
    vec![
        (Mode::Home, vec![]),
        (Mode::Note, vec![e]),
        (Mode::Read, vec![e, e]),
        (Mode::ChatReveal, chat.clone()),
        (Mode::ChatFlag, [chat.clone(), vec![e, e, e, e]].concat()),
        (
            Mode::Continue,
            [chat.clone(), vec![e, e, e, e, K::Char('2'), e]].concat(),
        ),
        (
            Mode::ChatChoose,
            [chat.clone(), vec![e, e, e, e, K::Char('2'), e, e]].concat(),
        ),
        (
            Mode::PickMany,
            [
                chat.clone(),
                vec![e, e, e, e, K::Char('2'), e, e, K::Char('2'), e, e],
            ]
            .concat(),
        ),
        (Mode::Settings, vec![K::Char('s')]),
        (Mode::Help, vec![K::Char('h')]),
    ]
}

#[test]
fn every_footer_hint_has_a_binding_and_every_binding_a_hint() {
    let i18n = I18n::new(Some("en"));
    for (mode, keys) in screens() {
        // Wide enough that no hint is left out.
        let mut h = Harness::home(200, 60);
        h.press(&keys);
        assert_eq!(h.app.mode(), mode, "{keys:?}\n{}", h.text());
        let shown = footer(&h);
        let expected: Vec<String> = bindings::table(mode)
            .iter()
            .filter(|b| match b.show {
                Show::Always => true,
                Show::WithList => h.app.list_len(&h.host) > 0,
                Show::WhenLong | Show::InPreview => false,
            })
            .map(|b| {
                let max = h.app.list_len(&h.host).min(9) as u32;
                i18n.ta(b.footer, &[("max", notalone::i18n::num(max))])
            })
            .collect();
        for hint in &expected {
            assert!(
                shown.contains(hint.as_str()),
                "{mode:?}: {hint:?} not in {shown:?}"
            );
        }
        // Nothing else: every hint shown is one of the table's.
        let mut rest = shown.clone();
        for hint in &expected {
            rest = rest.replacen(hint.as_str(), "", 1);
        }
        assert!(rest.trim().is_empty(), "{mode:?}: unbound hints {rest:?}");
        // Every binding does something on this screen (no dead hints).
        for b in bindings::table(mode) {
            assert!(
                bindings::action(mode, b.keys[0]).is_some(),
                "{mode:?}: {}",
                b.footer
            );
        }
    }
}

#[test]
fn the_help_overlay_lists_the_keys_of_the_screen_it_was_opened_on() {
    let i18n = I18n::new(Some("en"));
    for (mode, keys) in screens() {
        if mode == Mode::Help {
            continue;
        }
        let mut h = Harness::home(100, 80);
        h.press(&keys);
        h.press(&[K::F1]);
        assert!(h.app.help_open());
        let text = h.text();
        for b in bindings::table(mode) {
            let line = i18n.t(b.help);
            assert!(text.contains(&line), "{mode:?}: {line:?} missing:\n{text}");
        }
    }
    // On the nickname screen h is a letter: help says F1 or ?.
    let mut h = Harness::new(host().with_profiles(["sam"]), 100, 60);
    h.press(&[K::Char('?')]);
    assert!(h.text().contains("F1 or ?: this help"), "{}", h.text());
    assert!(!h.text().contains("h or F1"), "{}", h.text());
}

#[test]
fn q_closes_help_and_settings_and_quits_elsewhere() {
    let mut h = Harness::home(80, 24);
    h.press(&[K::Char('h')]);
    assert_eq!(h.press(&[K::Char('q')]), Flow::Redraw);
    assert!(!h.app.help_open());
    h.press(&[K::Char('s')]);
    assert!(h.app.settings_open());
    // h opens help from settings; q closes help, then settings.
    h.press(&[K::Char('h')]);
    assert!(h.app.help_open());
    h.press(&[K::Char('q')]);
    assert!(h.app.settings_open());
    h.press(&[K::Char('q')]);
    assert!(!h.app.settings_open());
    // Esc on home does nothing.
    let before = h.text();
    assert_eq!(h.press(&[K::Esc]), Flow::Idle);
    assert_eq!(h.text(), before);
    assert_eq!(h.press(&[K::Char('q')]), Flow::Quit);
}

fn thirty() -> Harness {
    let names = (1..=30).map(|i| format!("desk{i:02}"));
    Harness::new(host().with_profiles(names), 80, 24)
}

#[test]
fn thirty_nicknames_typing_filters_and_enter_opens_the_highlighted_row() {
    let mut h = thirty();
    // End moves the highlight to the last row, which is on screen.
    h.press(&[K::End]);
    assert!(h.text().contains("› desk30"), "{}", h.text());
    h.press(&[K::Home]);
    assert!(h.text().contains("› desk01"), "{}", h.text());
    // PgDn moves the highlight a page; Enter opens exactly what is highlighted.
    h.press(&[K::PgDn]);
    let text = h.text();
    let line = text.lines().find(|l| l.contains('›')).expect("a highlight");
    let name = line.trim().trim_start_matches('›').trim().to_string();
    h.press(&[K::Enter]);
    assert_eq!(
        h.app.session().map(|s| s.record().profile.clone()),
        Some(name.clone())
    );
    assert!(
        h.text().contains(&format!("Nickname: {name}")),
        "{}",
        h.text()
    );

    // Typing narrows the list.
    let mut h = thirty();
    h.type_text("desk2");
    let text = h.text();
    assert!(
        text.contains("desk21") && !text.contains("desk11"),
        "{text}"
    );
    h.press(&[K::Down, K::Enter]);
    assert_eq!(h.session().record().profile, "desk21");

    // No nickname matches: Enter makes the typed one and opens home.
    let mut h = thirty();
    h.type_text("mia");
    assert!(
        h.text().contains("Make the new nickname “mia”"),
        "{}",
        h.text()
    );
    h.press(&[K::Enter]);
    assert!(matches!(h.session().screen(), Screen::Home { .. }));
    assert_eq!(h.session().record().profile, "mia");
    assert!(h.text().contains("Nickname: mia"), "{}", h.text());
    // Esc clears the field, Backspace erases a letter.
    let mut h = thirty();
    h.type_text("zz");
    h.press(&[K::Backspace]);
    assert!(h.text().contains("Nickname: z"), "{}", h.text());
    h.press(&[K::Esc]);
    assert!(h.text().contains("desk01"), "{}", h.text());
}

fn regional(locale: &str) -> Course {
    let mut c = course();
    c.locale = locale.into();
    c
}

#[test]
fn settings_opens_on_the_language_in_use_and_enter_there_changes_nothing() {
    let host = Host::in_memory(regional("en-GB"))
        .with_translation(french())
        .with_record(notalone::progress::CourseRecord::new("sam", "fixture"));
    let mut h = Harness::with_options(host, 80, 24, opts("sam"));
    h.press(&[K::Char('s')]);
    assert!(h.text().contains("› (•) English"), "{}", h.text());
    let saves = h.host.save_count();
    h.press(&[K::Enter]);
    assert_eq!(h.host.course().locale, "en-GB", "no language change");
    assert_eq!(h.host.save_count(), saves, "nothing saved");
    assert_eq!(h.session().record().settings.lang, None);
    // To French and back: the region comes back with English.
    h.press(&[K::Down, K::Enter]);
    assert_eq!(h.host.course().locale, "fr");
    assert!(h.text().contains("(•) Français"), "{}", h.text());
    h.press(&[K::Up, K::Enter]);
    assert_eq!(h.host.course().locale, "en-GB");
    assert_eq!(
        h.host
            .saved_record("sam")
            .and_then(|r| r.settings.lang.as_deref()),
        Some("en-GB"),
        "a regional tag stays regional"
    );
    // The theme in use: Enter changes nothing either.
    let saves = h.host.save_count();
    h.press(&[K::Char('3'), K::Enter]);
    assert_eq!(h.host.save_count(), saves);
}

#[test]
fn home_opens_at_the_top_and_names_the_profile() {
    // A welcome long enough to push the list below the fold.
    let mut c = course();
    c.welcome = (1..=30)
        .map(|i| format!("Line {i} of a long welcome."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let host =
        Host::in_memory(c).with_record(notalone::progress::CourseRecord::new("sam", "fixture"));
    let mut h = Harness::with_options(host, 80, 24, opts("sam"));
    let text = h.text();
    assert!(text.contains("Nickname: sam"), "{text}");
    assert!(text.contains("Line 1 of a long welcome."), "{text}");
    assert!(text.contains("More below: PgDn"), "{text}");
    h.press(&[K::PgDn, K::PgDn, K::PgDn, K::PgDn]);
    assert!(h.text().contains("More above: PgUp"), "{}", h.text());
    assert!(
        h.text().contains("1. Spot the warning signs"),
        "{}",
        h.text()
    );
}

#[test]
fn feedback_below_the_fold_says_so_in_words() {
    let mut h = Harness::home(40, 12);
    to_step(&mut h, 3);
    h.press(&[K::Char('1'), K::Enter]);
    assert!(h.text().contains("More below: PgDn"), "{}", h.text());
}

#[test]
fn the_high_contrast_highlight_is_one_solid_bar() {
    let mut h = Harness::home(80, 24);
    h.press(&[K::Char('s'), K::Char('4'), K::Enter, K::Esc]);
    assert_eq!(h.app.theme_name(), notalone::tui::ThemeName::HighContrast);
    let (_, y) = h.find("› 1.").expect("highlighted row");
    // From the marker to the end of the row, every cell is yellow.
    let (x0, _) = h.find("›").expect("marker");
    for x in x0..78 {
        let cell = &h.frame[(x, y)];
        assert_eq!(cell.bg, Color::Yellow, "column {x}: {:?}", cell.symbol());
        assert_eq!(cell.fg, Color::Black, "column {x}");
    }
}

#[test]
fn digits_select_and_enter_confirms_on_every_list() {
    let mut h = Harness::home(80, 24);
    // Home: a digit highlights, Enter opens.
    h.press(&[K::Char('2')]);
    assert_eq!(h.app.highlighted(), 1);
    assert!(matches!(h.session().screen(), Screen::Home { .. }));
    h.press(&[K::Char('1'), K::Enter]);
    // Content note: a digit only highlights.
    h.press(&[K::Char('2')]);
    assert_eq!(h.app.highlighted(), 1);
    assert!(matches!(h.session().screen(), Screen::Note { .. }));
    h.press(&[K::Char('1'), K::Enter]);
    assert_eq!(h.at(), Some(("first-steps".into(), "welcome".into())));
}

/// `notalone --preview`: an educator walks the course without a profile.
fn preview() -> (
    notalone::host::Host,
    notalone::tui::App,
    ratatui::Terminal<ratatui::backend::TestBackend>,
) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/tui");
    let mut host =
        notalone::host::Host::preview(notalone::course::CourseSource::Dir(dir), Some("en"))
            .expect("the course loads");
    let app = notalone::tui::App::new(&mut host, &opts(notalone::session::PREVIEW_PROFILE));
    let term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    (host, app, term)
}

fn shown(
    host: &mut notalone::host::Host,
    app: &mut notalone::tui::App,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    keys: &[K],
) -> String {
    for k in keys {
        app.handle_event(&key_event(*k), host);
    }
    let frame = term
        .draw(|f| notalone::tui::draw(f, app, host))
        .expect("draw")
        .buffer
        .clone();
    let mut out = String::new();
    for (_, line) in rows(&frame) {
        out.push('"');
        out.push_str(&line);
        out.push_str("\"\n");
    }
    out
}

#[test]
fn preview_goes_back_a_step_tries_every_choice_and_saves_nothing() {
    let (mut host, mut app, mut term) = preview();
    let t = shown(&mut host, &mut app, &mut term, &[]);
    assert!(app.session().is_some(), "no profile screen in preview");
    assert!(t.contains("Preview, nothing saved"), "{t}");
    assert!(!t.contains("Nickname:"), "no learner to name: {t}");
    // Into the first module, one step on, then back one step.
    let t = shown(
        &mut host,
        &mut app,
        &mut term,
        &[K::Enter, K::Enter, K::Enter],
    );
    assert!(t.contains("Chat with maya"), "{t}");
    assert!(t.contains("b step back"), "the footer offers the key: {t}");
    let t = shown(&mut host, &mut app, &mut term, &[K::Char('b')]);
    assert!(t.contains("First page"), "{t}");
    insta::assert_snapshot!("preview_back_a_step_80x24", t);
    // Every chat choice can be tried: choose one, go back, choose the other.
    let t = shown(
        &mut host,
        &mut app,
        &mut term,
        &[
            K::Enter,
            K::Space,
            K::Enter,
            K::Char('1'),
            K::Enter,
            K::Enter,
        ],
    );
    assert!(t.contains("What do you do?"), "{t}");
    let first = shown(&mut host, &mut app, &mut term, &[K::Char('1'), K::Enter]);
    let first_safe = first.contains("A safe choice.");
    let mut t = shown(&mut host, &mut app, &mut term, &[K::Char('b')]);
    assert!(!t.contains("You chose"), "{t}");
    // Walk on to the choice again (answering the flag prompt on the way).
    for _ in 0..10 {
        if t.contains("What do you do?") {
            break;
        }
        let keys: &[K] = if t.contains("Which messages worry you?") {
            &[K::Char('1'), K::Enter]
        } else {
            &[K::Enter]
        };
        t = shown(&mut host, &mut app, &mut term, keys);
    }
    assert!(t.contains("What do you do?"), "{t}");
    let second = shown(&mut host, &mut app, &mut term, &[K::Char('2'), K::Enter]);
    assert_ne!(
        second.contains("A safe choice."),
        first_safe,
        "the other choice:\n{second}"
    );
    // Nothing is saved, ever; the exit line says so.
    assert_eq!(host.saved_record(notalone::session::PREVIEW_PROFILE), None);
    let line = host.close().expect("an exit line");
    assert!(line.to_lowercase().contains("nothing"), "{line}");
}

#[test]
fn shuffled_items_are_drawn_in_the_view_order_and_clicks_hit_what_is_drawn() {
    let mut c = course();
    for s in &mut c.modules[0].steps {
        s.shuffle = true;
    }
    // A learner whose order of the spot items is not the file's.
    let name = ["sam", "alex", "mia", "jo", "kim", "lee", "ola", "ivy"]
        .into_iter()
        .find(|n| {
            let key = notalone::session::shuffle_key(n, "fixture", "first-steps", "signs");
            notalone::session::shuffled_display(3, &key) != vec![0, 1, 2]
        })
        .expect("some learner gets a shuffled order");
    let host =
        Host::in_memory(c).with_record(notalone::progress::CourseRecord::new(name, "fixture"));
    let mut h = Harness::with_options(host, 80, 24, opts(name));
    to_step(&mut h, 2);
    assert_eq!(h.app.mode(), Mode::PickMany, "{}", h.text());
    let items: Vec<(usize, String)> = {
        let v = h.session().view();
        let notalone::session::ScreenView::Step(st) = &v.screen else {
            panic!("a step")
        };
        let notalone::session::StepBody::Spot(sp) = &st.body else {
            panic!("a spot step")
        };
        sp.items
            .iter()
            .map(|i| (i.index, i.text.to_string()))
            .collect()
    };
    let order: Vec<usize> = items.iter().map(|(i, _)| *i).collect();
    assert_ne!(
        order,
        (0..order.len()).collect::<Vec<_>>(),
        "{name}'s order is shuffled"
    );
    // Drawn top to bottom in the view's order, numbered 1, 2, 3...
    let rows: Vec<u16> = items
        .iter()
        .map(|(_, text)| h.find(text).expect("drawn").1)
        .collect();
    assert!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "{rows:?}\n{}",
        h.text()
    );
    for (n, (_, text)) in items.iter().enumerate() {
        assert!(
            h.text().contains(&format!("{}. {text}", n + 1)),
            "{}",
            h.text()
        );
    }
    // A click on the last item drawn ticks that item (its file index).
    let (file_index, text) = items.last().expect("items").clone();
    let (x, y) = h.find(&text).expect("drawn");
    h.click(x, y);
    let Some((_, _, notalone::session::StepState::Spot(sp))) = h.session().current() else {
        panic!("still on the spot step");
    };
    assert!(sp.selected[file_index], "clicked {text:?}");
    assert_eq!(sp.selected.iter().filter(|s| **s).count(), 1);
}
