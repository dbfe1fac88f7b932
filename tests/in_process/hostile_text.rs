//! Hostile lesson text: whatever a course holds, neither front end writes a
//! control character, an escape sequence or a bidi override. The loader
//! refuses such files (lint errors), so these tests build the course in
//! memory, as if a future bug let one through.

use notalone::course::*;
use notalone::host::Host;
use notalone::plain::run;

/// Payloads: OSC 52 clipboard, OSC 8 link, title change, CSI moves and clear,
/// C1 CSI, bidi override, zero-width characters, DEL, BEL, NUL, backspace.
pub const PAYLOADS: &[&str] = &[
    "\x1b]52;c;ZWNobyBQV05FRA==\x07",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x1b]0;PWNED-TITLE\x07",
    "\x1b[2J\x1b[H\x1b[31mfake",
    "\x1b[21t",
    "\u{9b}2J\u{9d}0;x\u{9c}",
    "abc\u{202E}cba\u{2066}x\u{2069}",
    "zero\u{200B}width\u{FEFF}",
    "del\x7f bel\x07 nul\0 bs\x08 cr\r",
];

fn hostile() -> String {
    PAYLOADS.concat()
}

fn hostile_course() -> Course {
    let h = hostile();
    let opt = |correct| QuestionOption {
        text: format!("option {h}"),
        correct,
        feedback: Some(format!("feedback {h}")),
    };
    Course {
        id: "evil".into(),
        source_locale: "en".into(),
        locale: "en".into(),
        chain: vec!["en".into()],
        title: format!("Title {h}"),
        welcome: format!("Welcome {h}"),
        finish: Some(h.clone()),
        objectives: vec![Objective {
            id: "o".into(),
            title: h.clone(),
        }],
        pre_check: None,
        post_check: None,
        modules: vec![Module {
            id: "m".into(),
            title: format!("Module {h}"),
            summary: h.clone(),
            minutes: Some(5),
            content_note: Some(format!("Note {h}")),
            translated: true,
            steps: vec![
                Step {
                    id: "r".into(),
                    title: Some(h.clone()),
                    teaches: vec!["o".into()],
                    shuffle: true,
                    next: None,
                    kind: StepKind::Read {
                        text: format!("**{h}**\n\n- {h}"),
                    },
                },
                Step {
                    id: "c".into(),
                    title: Some(h.clone()),
                    teaches: vec![],
                    shuffle: true,
                    next: None,
                    kind: StepKind::Chat {
                        contact: h.clone(),
                        text: Some(h.clone()),
                        messages: vec![Message {
                            from: Speaker::Them,
                            text: h.clone(),
                            sign: true,
                            why: Some(h.clone()),
                        }],
                        choices: vec![Choice {
                            text: h.clone(),
                            safe: true,
                            feedback: h.clone(),
                            next: None,
                        }],
                    },
                },
                Step {
                    id: "s".into(),
                    title: None,
                    teaches: vec![],
                    shuffle: true,
                    next: None,
                    kind: StepKind::Spot {
                        text: h.clone(),
                        items: vec![
                            SpotItem {
                                text: h.clone(),
                                sign: true,
                                why: h.clone(),
                            },
                            SpotItem {
                                text: h.clone(),
                                sign: false,
                                why: h.clone(),
                            },
                        ],
                    },
                },
                Step {
                    id: "q".into(),
                    title: None,
                    teaches: vec![],
                    shuffle: true,
                    next: None,
                    kind: StepKind::Question {
                        kind: QuestionKind::Single,
                        text: h.clone(),
                        explanation: Some(h.clone()),
                        options: vec![opt(true), opt(false)],
                    },
                },
            ],
        }],
        resources: Resources {
            intro: Some(h.clone()),
            items: vec![Resource {
                name: h.clone(),
                about: h.clone(),
                web: Some(h.clone()),
                phone: Some(h.clone()),
                sms: Some(h.clone()),
                hours: Some(h.clone()),
            }],
        },
    }
}

/// True if a byte string holds a control character other than newline, or
/// a C1 control or bidi control (as UTF-8).
fn has_control(bytes: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(bytes);
    s.chars()
        .find(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
}

#[test]
fn plain_mode_never_writes_a_control_character() {
    let mut host = Host::in_memory(hostile_course()).with_profiles(vec![hostile()]);
    // Walk every step: profile pick, home, note, read, chat (reveal, flag, signs, choose,
    // feedback), spot (answer, result), question (answer, result), summary, help, quit.
    let input = "1\n\n\n\n\n1\n\n1\n\n1\n\n1\n\nh\n\nq\n";
    let mut out = Vec::new();
    let code = run(input.as_bytes(), &mut out, &mut host, None);
    assert_eq!(code, 0);
    assert!(!out.contains(&0x1b), "an ESC byte was written");
    assert_eq!(has_control(&out), None, "{}", String::from_utf8_lossy(&out));
    let text = String::from_utf8_lossy(&out);
    // The visible remainder is still there (as harmless text).
    assert!(text.contains("PWNED-TITLE"), "{text}");
    assert!(
        text.contains("Module complete"),
        "the walk reached the summary:\n{text}"
    );
}
