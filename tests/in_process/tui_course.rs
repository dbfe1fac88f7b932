//! The fixture courses of the full UI's tests and benchmarks, built in
//! memory: one module with a step of each kind, a short untranslated one,
//! one of wide characters, and a chat of any length.
#![allow(dead_code)]

use notalone::course::*;

fn step(id: &str, title: Option<&str>, teaches: &[&str], kind: StepKind) -> Step {
    Step {
        id: id.into(),
        title: title.map(Into::into),
        teaches: teaches.iter().map(|s| s.to_string()).collect(),
        shuffle: false,
        next: None,
        kind,
    }
}

fn msg(from: Speaker, text: &str, why: Option<&str>) -> Message {
    Message {
        from,
        text: text.into(),
        sign: why.is_some(),
        why: why.map(Into::into),
    }
}

fn choice(text: &str, safe: bool, feedback: &str) -> Choice {
    Choice {
        text: text.into(),
        safe,
        feedback: feedback.into(),
        next: None,
    }
}

fn opt(text: &str, correct: bool, feedback: Option<&str>) -> QuestionOption {
    QuestionOption {
        text: text.into(),
        correct,
        feedback: feedback.map(Into::into),
    }
}

fn spot_item(text: &str, sign: bool, why: &str) -> SpotItem {
    SpotItem {
        text: text.into(),
        sign,
        why: why.into(),
    }
}

/// The main fixture module: a content note, then one step of each kind.
pub fn first_module() -> Module {
    Module {
        id: "first-steps".into(),
        title: "Spot the warning signs".into(),
        summary: "How fake accounts reel people in.".into(),
        minutes: Some(8),
        content_note: Some(
            "This module talks about requests for **private photos**. Nothing explicit is shown."
                .into(),
        ),
        translated: true,
        steps: vec![
            step(
                "welcome",
                Some("How it usually starts"),
                &["notice-signs"],
                StepKind::Read {
                    text: "Most people you meet online are who they say they are. \
                           Some are **not**, and they follow a *script*.\n\n\
                           Watch for these:\n\n\
                           - someone new who flatters you fast\n\
                           - a request to move to a private app\n\
                           - pressure to keep things **secret**\n\n\
                           None of this is your fault. If it happens, you can get help, \
                           and the people who help you will not judge you. \
                           Take your time with this page: it is longer than the screen \
                           on small windows, so you can scroll it with the arrows."
                        .into(),
                },
            ),
            step(
                "new-follower",
                Some("A new follower"),
                &["notice-signs"],
                StepKind::Chat {
                    contact: "maya.k_08".into(),
                    text: Some("Jordan, 14, gets a message from someone new.".into()),
                    messages: vec![
                        msg(Speaker::Them, "hey saw u at the game 😊", None),
                        msg(
                            Speaker::Them,
                            "ur really cute, we should talk more",
                            Some("A stranger who flatters you fast wants something."),
                        ),
                        msg(Speaker::You, "who is this?", None),
                        msg(Speaker::Note, "Two days later", None),
                        msg(
                            Speaker::Them,
                            "add me on the other app, it's more private",
                            Some("Moving to a private app hides the conversation."),
                        ),
                    ],
                    choices: vec![
                        choice(
                            "Send a photo back",
                            false,
                            "Once a photo is sent, the sender loses control of it.",
                        ),
                        choice(
                            "Stop replying and tell someone you trust",
                            true,
                            "Good call. Talking to someone helps you think it through.",
                        ),
                    ],
                },
            ),
            step(
                "signs",
                Some("Which ones worry you?"),
                &["notice-signs"],
                StepKind::Spot {
                    text: "Select every message that should worry you.".into(),
                    items: vec![
                        spot_item(
                            "They ask you to move to another app.",
                            true,
                            "Moving to a private app hides the conversation.",
                        ),
                        spot_item(
                            "They like a photo you posted publicly.",
                            false,
                            "On its own, a like is ordinary.",
                        ),
                        spot_item(
                            "They ask you to keep the chat secret.",
                            true,
                            "Secrets protect the person asking, not you.",
                        ),
                    ],
                },
            ),
            step(
                "first-move",
                None,
                &["get-help"],
                StepKind::Question {
                    kind: QuestionKind::Single,
                    text: "Someone threatens to share your photo unless you pay. What first?"
                        .into(),
                    explanation: Some(
                        "Paying rarely ends it. Stop, keep the evidence, and get help.".into(),
                    ),
                    options: vec![
                        opt(
                            "Pay so it stops",
                            false,
                            Some("Paying usually brings more demands."),
                        ),
                        opt("Stop replying and tell an adult you trust", true, None),
                        opt(
                            "Delete everything",
                            false,
                            Some("Keep the evidence: it helps."),
                        ),
                    ],
                },
            ),
            step(
                "who-helps",
                None,
                &["get-help"],
                StepKind::Question {
                    kind: QuestionKind::Multiple,
                    text: "Who can help?".into(),
                    explanation: None,
                    options: vec![
                        opt("A parent or carer", true, None),
                        opt("A teacher or counsellor", true, None),
                        opt("The person threatening you", false, None),
                    ],
                },
            ),
            step(
                "steps-in-order",
                None,
                &["get-help"],
                StepKind::Question {
                    kind: QuestionKind::Order,
                    text: "Put these in order.".into(),
                    explanation: Some("Stop first, then save, then tell.".into()),
                    options: vec![
                        opt("Stop replying", false, None),
                        opt("Save the evidence", false, None),
                        opt("Tell someone you trust", false, None),
                    ],
                },
            ),
        ],
    }
}

/// A short module, not translated, with no note and no questions.
pub fn second_module() -> Module {
    Module {
        id: "getting-help".into(),
        title: "Getting help".into(),
        summary: "Where to go.".into(),
        minutes: Some(1),
        content_note: None,
        translated: false,
        steps: vec![step(
            "where",
            None,
            &[],
            StepKind::Read {
                text: "You are **not alone**.".into(),
            },
        )],
    }
}

/// A module in Japanese with emoji: wide characters everywhere.
pub fn wide_module() -> Module {
    Module {
        id: "wide".into(),
        title: "安全のために 🛡️ 大切なこと".into(),
        summary: "広い文字".into(),
        minutes: Some(5),
        content_note: None,
        translated: true,
        steps: vec![
            step(
                "yomu",
                Some("はじめに 👋"),
                &[],
                StepKind::Read {
                    text: "オンラインで知り合った人が、すぐに**写真**を求めてきたら注意しましょう。\
                           あなたは悪くありません。😊👍🏽 困ったときは、信頼できる大人に相談してください。"
                        .into(),
                },
            ),
            step(
                "chatto",
                None,
                &[],
                StepKind::Chat {
                    contact: "さくら🌸".into(),
                    text: None,
                    messages: vec![
                        msg(Speaker::Them, "こんにちは！試合で見たよ 😊", None),
                        msg(
                            Speaker::Them,
                            "写真を送ってくれる？誰にも言わないでね 🤫",
                            Some("秘密を求めるのは危険のサイン。"),
                        ),
                        msg(Speaker::You, "だれですか？🤔", None),
                    ],
                    choices: vec![
                        choice("返信をやめて大人に相談する 👍", true, "よい判断です。"),
                        choice("写真を送る", false, "送った写真は取り戻せません。"),
                    ],
                },
            ),
        ],
    }
}

/// The fixture course: three modules, objectives, help lines.
pub fn course() -> Course {
    Course {
        id: "fixture".into(),
        source_locale: "en".into(),
        locale: "en".into(),
        chain: vec!["en".into()],
        title: "Not Alone".into(),
        welcome: "Short lessons about staying safe online. **You can stop at any time**: \
                  your progress is saved."
            .into(),
        finish: Some("Thank you for taking the course.".into()),
        objectives: vec![
            Objective {
                id: "notice-signs".into(),
                title: "Notice the warning signs".into(),
            },
            Objective {
                id: "get-help".into(),
                title: "Know who can help".into(),
            },
        ],
        pre_check: None,
        post_check: None,
        modules: vec![first_module(), second_module(), wide_module()],
        resources: Resources {
            intro: Some("If you are in danger right now, call 999.".into()),
            items: vec![
                Resource {
                    name: "Childline".into(),
                    about: "Free, private help for young people, about anything.".into(),
                    web: Some("https://www.childline.org.uk".into()),
                    phone: Some("0800 1111".into()),
                    sms: None,
                    hours: Some("24 hours".into()),
                },
                Resource {
                    name: "Report Remove".into(),
                    about: "Get a nude image of you removed from the internet.".into(),
                    web: Some("https://www.childline.org.uk/remove".into()),
                    phone: None,
                    sms: None,
                    hours: None,
                },
            ],
        },
    }
}

/// A course with one long chat (for the heaviest screen: 60 messages).
pub fn long_chat_course(n: usize) -> Course {
    let mut c = course();
    let messages = (0..n)
        .map(|i| {
            let from = match i % 5 {
                0 | 1 => Speaker::Them,
                2 | 3 => Speaker::You,
                _ => Speaker::Note,
            };
            let text = format!(
                "Message {i}: hey, how was school today? I saw your photo from the game, \
                 it was really good 😊 we should talk more, maybe on another app?"
            );
            msg(
                from,
                &text,
                (i % 7 == 0).then_some("It asks for more, fast."),
            )
        })
        .collect();
    c.modules = vec![Module {
        id: "long".into(),
        title: "A long chat".into(),
        summary: "60 messages.".into(),
        minutes: None,
        content_note: None,
        translated: true,
        steps: vec![step(
            "chat",
            Some("A long conversation"),
            &[],
            StepKind::Chat {
                contact: "someone".into(),
                text: None,
                messages,
                choices: vec![
                    choice("Stop replying", true, "Good."),
                    choice("Keep chatting", false, "Think again."),
                ],
            },
        )],
    }];
    c
}
