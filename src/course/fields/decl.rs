//! The declaration itself: every table of the lesson format, field by
//! field (see `docs/lesson-format.md`; the contract is
//! `shared/design/course-format.md`). Adding a field here adds it to lint's
//! field lists, the JSON Schemas, the PO export and `locales check`; the
//! walker in `tables.rs` must read it (a test fails otherwise).

// The docs are editors' hover text, written for educators: `<locale>` and
// `[[step]]` there are text, not HTML or links.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use super::Check::*;
use super::Kind::*;
use super::Need::*;
use super::{Table, When, field};

/// The root `course.toml`.
pub static ROOT: Table = Table {
    header: "course.toml",
    definition: "",
    title: "notalone course.toml (course structure)",
    doc: "The root course.toml of a notalone course: its id, its source language, the order of its modules and its learning objectives. The text (title, welcome, objective titles) is in <locale>/course.toml.",
    fields: &[
        field(
            "id",
            Str,
            Required,
            Id,
            "the course's id",
            "The course's id, e.g. \"my-school-course\". Learners' progress is saved under this id: give an adapted course an id of its own, and keep it once learners have started. Lowercase letters a-z, digits and single dashes, at most 48 characters.",
        ),
        field(
            "source_locale",
            Str,
            Required,
            Locale,
            "the language the course is written in",
            "The language the course is written in, as a language tag such as \"en\" or \"fr\". Its folder (e.g. en/) holds every module; other folders hold translations and regional help lines.",
        ),
        field(
            "modules",
            StrList,
            Required,
            ModuleIds,
            "the module ids, in order",
            "The module ids, in the order learners take them. Each one needs a file <source_locale>/<id>.toml. `notalone new module ID` adds one here.",
        ),
        field(
            "objectives",
            StrList,
            Optional,
            Ids,
            "the learning objective ids",
            "Optional: learning objective ids. Steps list the objectives they teach in `teaches`; <locale>/course.toml gives each objective a title. `notalone lint` warns about an objective that no step teaches, or that no question, spot or chat with choices checks.",
        ),
        field(
            "pre_check",
            Str,
            Optional,
            Id,
            "the module taken first, to see what learners know",
            "Optional: the id of a module taken first, to see what learners already know. It must be the first of `modules` and hold only question steps; the player shows no right answers in it, and the class report compares it with `post_check`, objective by objective.",
        ),
        field(
            "post_check",
            Str,
            Optional,
            Id,
            "the module compared with the pre-check",
            "Optional: the id of the module compared with `pre_check` (usually the final check). `notalone lint` warns about an objective the pre-check assesses and this module does not.",
        ),
    ],
    when: &[],
};

/// `<locale>/course.toml`.
pub static COURSE_TEXT: Table = Table {
    header: "<locale>/course.toml",
    definition: "",
    title: "notalone <locale>/course.toml (course text)",
    doc: "The course's text in one language (<locale>/course.toml): its title, the welcome and finish pages, and the objectives' titles.",
    fields: &[
        field(
            "title",
            Title,
            Optional,
            Any,
            "the course's title, on the first screen",
            "The course's title, shown on the first screen. Required in the source language; at most 80 characters.",
        ),
        field(
            "welcome",
            Body,
            Optional,
            Any,
            "the welcome page, on the first screen",
            "The welcome page, shown on the first screen. Required in the source language. Text may use **bold**, *emphasis*, \"- \" bullet lists and blank lines between paragraphs.",
        ),
        field(
            "finish",
            Body,
            Optional,
            Any,
            "shown when every module is complete",
            "Optional: shown when every module is complete.",
        ),
        field(
            "objectives",
            TitleMap,
            Optional,
            Titles(
                "The objective's title, e.g. \"Stop all contact with the person threatening you\". At most 80 characters.",
            ),
            "the title of a learning objective",
            "The title of each objective declared in the root course.toml, one line per objective: `objective-id = \"Title\"`. Learners see them in module summaries.",
        ),
    ],
    when: &[],
};

/// `<locale>/resources.toml`.
pub static RESOURCES: Table = Table {
    header: "<locale>/resources.toml",
    definition: "",
    title: "notalone <locale>/resources.toml (help lines)",
    doc: "Where to get help (<locale>/resources.toml): shown from every screen with the h key, and at the end of every module. A region folder (e.g. en-CA/) usually holds only this file; it replaces the parent language's list for learners of that region.",
    fields: &[
        field(
            "intro",
            Body,
            Optional,
            Any,
            "a sentence above the list of help services",
            "Optional: a sentence shown above the list, e.g. \"If you are in danger right now, call 911.\"",
        ),
        field(
            "resource",
            Tables(&RESOURCE),
            Optional,
            Count(1, None),
            "the help services",
            "The help services, one [[resource]] table each, in the order shown. The source language needs at least one.",
        ),
    ],
    when: &[],
};

/// `[[resource]]`.
pub static RESOURCE: Table = Table {
    header: "[[resource]]",
    definition: "Resource",
    title: "",
    doc: "One help service.",
    fields: &[
        field(
            "name",
            Title,
            Required,
            Any,
            "the name of a help service",
            "The service's name, e.g. \"Kids Help Phone\". At most 80 characters.",
        ),
        field(
            "about",
            Body,
            Required,
            Any,
            "what a help service does, and for whom",
            "What the service does and for whom, in a sentence or two.",
        ),
        field(
            "web",
            Body,
            Optional,
            Any,
            "a help service's web address",
            "Optional: its web address.",
        ),
        field(
            "phone",
            Body,
            Optional,
            Any,
            "a help service's phone number, as dialled",
            "Optional: its phone number, as learners should dial it.",
        ),
        field(
            "sms",
            Body,
            Optional,
            Any,
            "how to reach a help service by text message",
            "Optional: how to reach it by text message, e.g. \"Text CONNECT to 686868\".",
        ),
        field(
            "hours",
            Body,
            Optional,
            Any,
            "when a help service is open",
            "Optional: when it is open, e.g. \"24/7\".",
        ),
    ],
    when: &[],
};

/// `<locale>/<module-id>.toml`.
pub static MODULE: Table = Table {
    header: "the module",
    definition: "",
    title: "notalone module file",
    doc: "A module of a notalone course (<locale>/<module-id>.toml): a title, a summary, and one [[step]] table per screen. In a translation, every field may be left out (it is taken from the source language); the ones present must keep the source's structure (ids, type, next, sign, safe, correct, the number of messages, choices, items and options).",
    fields: &[
        field(
            "id",
            Str,
            Required,
            Id,
            "the module's id (its file name)",
            "The module's id: the same as the file name without .toml, and listed in `modules` of the root course.toml.",
        ),
        field(
            "title",
            Title,
            Required,
            Any,
            "the module's title, on the home screen",
            "The module's title, shown on the home screen. At most 80 characters.",
        ),
        field(
            "summary",
            Body,
            Required,
            Any,
            "one sentence under the module's title on the home screen",
            "One sentence under the title on the home screen: what the module is about.",
        ),
        field(
            "minutes",
            Int,
            Optional,
            Range(1, 120),
            "about how many minutes the module takes",
            "Optional: about how many minutes the module takes, from 1 to 120.",
        ),
        field(
            "content_note",
            Body,
            Optional,
            Any,
            "a content note shown before the module starts",
            "Optional: a content note shown before the module starts, with \"continue\", \"skip this module\" and \"get help\". Say plainly what the module talks about, e.g. \"This module talks about threats to share a private photo. Nothing explicit is shown.\"",
        ),
        field(
            "step",
            Tables(&STEP),
            Required,
            Count(1, None),
            "the steps, one screen each",
            "The steps, one [[step]] table per screen, in order. At least one.",
        ),
    ],
    when: &[],
};

/// `[[step]]`.
pub static STEP: Table = Table {
    header: "[[step]]",
    definition: "Step",
    title: "",
    doc: "One screen of a module. Which fields it needs depends on its `type`: read needs `text`; chat needs `contact` and messages; spot needs `text` and items; question needs `text` and options.",
    fields: &[
        field(
            "id",
            Str,
            Required,
            StepId,
            "the step's id",
            "The step's id, unique in the module, e.g. \"first-message\". Progress is saved by id, so keep it once learners have started.",
        ),
        field(
            "type",
            Str,
            Required,
            OneOf(&[
                ("read", "A page to read: needs `text`."),
                (
                    "chat",
                    "A simulated conversation: needs `contact` and [[step.message]] tables; may have [[step.choice]] tables.",
                ),
                (
                    "spot",
                    "Which of these are warning signs? Needs `text` and 2 to 12 [[step.item]] tables.",
                ),
                (
                    "question",
                    "A question with feedback: needs `text` and 2 to 8 [[step.option]] tables.",
                ),
            ]),
            "read, chat, spot or question",
            "What the step shows: \"read\" (a page), \"chat\" (a simulated conversation), \"spot\" (which of these are warning signs?) or \"question\".",
        ),
        field(
            "title",
            Title,
            Optional,
            Any,
            "a step's title, shown above it",
            "Optional: the step's title, shown above it. At most 80 characters.",
        ),
        field(
            "text",
            Body,
            Optional,
            Any,
            "the body of a step (for a chat, the line that sets the scene)",
            "The body: required for read, spot and question steps; for a chat, an optional line that sets the scene. Text may use **bold**, *emphasis*, \"- \" bullet lists and blank lines between paragraphs.",
        ),
        field(
            "teaches",
            StrList,
            Optional,
            Ids,
            "the objectives a step teaches",
            "Optional: ids of the objectives (declared in the root course.toml) this step teaches. A question, spot or chat with choices also checks them.",
        ),
        field(
            "shuffle",
            Bool,
            Optional,
            Any,
            "whether options, items or choices are shuffled",
            "Optional (default true): show the options, items or choices in an order shuffled per learner (the same every time for that learner). false keeps the order written, for \"True / False\", \"All of the above\" or a scale. Order questions are always shuffled.",
        )
        .or("true"),
        field(
            "next",
            Str,
            Optional,
            Id,
            "the step that comes next",
            "Optional: the id of the step to go to after this one, or \"end\" to end the module. Without it, the module goes on with the following step.",
        ),
        field(
            "contact",
            Body,
            Optional,
            Any,
            "the other person's display name in a chat",
            "Chat only: the other person's display name, e.g. \"maya.k_08\".",
        ),
        field(
            "message",
            Tables(&MESSAGE),
            Optional,
            Count(1, None),
            "the messages of a chat",
            "Chat only: the messages, one [[step.message]] table each, revealed one at a time. At least one.",
        ),
        field(
            "choice",
            Tables(&CHOICE),
            Optional,
            Count(0, Some(6)),
            "what the learner could do next in a chat",
            "Chat only, optional: up to six [[step.choice]] tables: what the learner could do next. Each shows its feedback when picked.",
        ),
        field(
            "kind",
            Str,
            Optional,
            OneOf(&[
                ("single", "Exactly one option is correct (the default)."),
                (
                    "multiple",
                    "At least one option is correct; the answer is right when the learner picks exactly the correct ones.",
                ),
                (
                    "order",
                    "The options as written are the correct order; learners see them shuffled and put them in order. No `correct` here.",
                ),
            ]),
            "single, multiple or order",
            "Question only: \"single\" (the default: exactly one correct option), \"multiple\" (one or more correct options) or \"order\" (put the options in the order written).",
        )
        .or("single"),
        field(
            "explanation",
            Body,
            Optional,
            Any,
            "shown after a question is answered, whatever the answer",
            "Question only, optional: shown after the learner answers, whatever the answer.",
        ),
        field(
            "item",
            Tables(&ITEM),
            Optional,
            Count(2, Some(12)),
            "the items of a spot exercise",
            "Spot only: 2 to 12 [[step.item]] tables; at least one has `sign = true`.",
        ),
        field(
            "option",
            Tables(&OPTION),
            Optional,
            Count(2, Some(8)),
            "the options of a question",
            "Question only: 2 to 8 [[step.option]] tables.",
        ),
    ],
    when: &[
        When {
            field: "type",
            is: "read",
            require: &["text"],
        },
        When {
            field: "type",
            is: "chat",
            require: &["contact", "message"],
        },
        When {
            field: "type",
            is: "spot",
            require: &["text", "item"],
        },
        When {
            field: "type",
            is: "question",
            require: &["text", "option"],
        },
    ],
};

/// `[[step.message]]`.
pub static MESSAGE: Table = Table {
    header: "[[step.message]]",
    definition: "Message",
    title: "",
    doc: "One chat message ([[step.message]]).",
    fields: &[
        field(
            "from",
            Str,
            Required,
            OneOf(&[
                ("them", "The other person (their bubble, on the left)."),
                ("you", "The learner's side of the chat (on the right)."),
                (
                    "note",
                    "A narrator's note between messages, e.g. \"Twenty minutes later.\"",
                ),
            ]),
            "them, you or note",
            "Who sends it: \"them\" (the other person), \"you\" (the learner's side) or \"note\" (a narrator's line, e.g. \"Twenty minutes later.\").",
        ),
        field(
            "text",
            Body,
            Required,
            Any,
            "a chat message",
            "The message, as it appears in the chat.",
        ),
        field(
            "sign",
            Bool,
            Optional,
            Any,
            "whether the message is a warning sign",
            "Optional: true when this message is a warning sign. The learner flags the messages that worry them, then sees the real signs with their `why`.",
        )
        .or("false"),
        field(
            "why",
            Body,
            Optional,
            Any,
            "why a chat message is a warning sign",
            "Why this message is a warning sign; required when `sign = true`.",
        ),
    ],
    when: &[When {
        field: "sign",
        is: "true",
        require: &["why"],
    }],
};

/// `[[step.choice]]`.
pub static CHOICE: Table = Table {
    header: "[[step.choice]]",
    definition: "Choice",
    title: "",
    doc: "One thing the learner could do in a chat ([[step.choice]]).",
    fields: &[
        field(
            "text",
            Body,
            Required,
            Any,
            "something the learner could do in a chat",
            "What the learner could do, e.g. \"Stop replying and tell someone\".",
        ),
        field(
            "safe",
            Bool,
            Required,
            Any,
            "whether the choice is safe",
            "true when this is a safe thing to do. After an unsafe choice without `next`, the learner reads the feedback and chooses again.",
        ),
        field(
            "feedback",
            Body,
            Required,
            Any,
            "shown when the learner picks this choice",
            "Shown when the learner picks this choice: explain, never scold.",
        ),
        field(
            "next",
            Str,
            Optional,
            Id,
            "the step this choice leads to",
            "Optional: the id of the step this choice leads to, or \"end\". Without it: the step's `next`, else the following step.",
        ),
    ],
    when: &[],
};

/// `[[step.item]]`.
pub static ITEM: Table = Table {
    header: "[[step.item]]",
    definition: "Item",
    title: "",
    doc: "One item of a spot step ([[step.item]]).",
    fields: &[
        field(
            "text",
            Body,
            Required,
            Any,
            "an item of a spot exercise",
            "The item, e.g. \"They ask you to move to another app.\"",
        ),
        field(
            "sign",
            Bool,
            Required,
            Any,
            "whether the item is a warning sign",
            "true when the item is a warning sign, false when it is not.",
        ),
        field(
            "why",
            Body,
            Required,
            Any,
            "why an item is (or is not) a warning sign",
            "Why it is (or is not) a warning sign, shown after the learner answers.",
        ),
    ],
    when: &[],
};

/// `[[step.option]]`.
pub static OPTION: Table = Table {
    header: "[[step.option]]",
    definition: "QuestionOption",
    title: "",
    doc: "One option of a question ([[step.option]]).",
    fields: &[
        field(
            "text",
            Body,
            Required,
            Any,
            "an answer option of a question",
            "The option's text.",
        ),
        field(
            "correct",
            Bool,
            Optional,
            Any,
            "whether the option is correct",
            "true for a correct option, false for a wrong one. Required for single and multiple questions; not allowed in an order question (the order written is the answer).",
        ),
        field(
            "feedback",
            Body,
            Optional,
            Any,
            "shown when the learner picks this option",
            "Optional: shown when the learner picks this option.",
        ),
    ],
    when: &[],
};
