//! The files `new course` and `new module` write: commented examples that
//! lint clean, each starting with the editor-schema directive.

use super::ids::title_of;
use crate::schema;

/// The objective of the `new course` scaffold.
pub(super) const OBJECTIVE: &str = "spot-the-signs";

pub(super) fn root_scaffold(course_id: &str, module_id: &str) -> String {
    format!(
        r#"{directive}
# The structure of the course. The text learners read is in en/.
# Lines starting with # are comments: learners never see them.
# The full format is described in docs/lesson-format.md.

# The course's id. Learners' progress is saved under it, so keep it once
# learners have started. Lowercase letters, digits and dashes.
id = "{course_id}"

# The language the course is written in: its folder (en/) holds every module.
source_locale = "en"

# The modules, in the order learners take them: one file en/<id>.toml each.
# `notalone new module ID` creates a module and adds its id here.
modules = ["{module_id}"]

# Optional: what learners should be able to do after the course. Steps list
# the objectives they teach with `teaches = ["..."]`; en/course.toml gives
# each one a title. Delete this line (and [objectives] in en/course.toml,
# and the `teaches` lines) if you don't need them.
objectives = ["{OBJECTIVE}"]
"#,
        directive = schema::directive_for("course.toml", "en").unwrap_or_default(),
    )
}

pub(super) fn course_text_scaffold(title: &str) -> String {
    format!(
        r#"{directive}
# The course's text in English (en). Replace the example text with your own.

# Shown on the first screen (at most 80 characters).
title = "{title}"

# The first screen. Text can use **bold**, *emphasis*, "- " bullet lists and
# blank lines between paragraphs. Triple quotes let text run over several lines.
welcome = """Welcome. This course is about staying safe online: how to spot someone who is trying to trick you, and what to do if it happens.

Nothing explicit is shown. You can take a break at any time: your progress is saved. Press **h** on any screen to see where to get help."""

# Optional: shown when every module is complete.
finish = """You finished the course. Well done.

If something ever worries you online, it is never too late to tell someone. You are not in trouble, and you are not alone."""

# A title for each objective declared in course.toml.
[objectives]
{OBJECTIVE} = "Spot the warning signs in a chat"
"#,
        directive = schema::directive_for("en/course.toml", "en").unwrap_or_default(),
    )
}

pub(super) fn resources_scaffold() -> String {
    format!(
        r#"{directive}
# Where learners can get help. They see this list on every screen (key h)
# and at the end of every module.
#
# >>> REPLACE THE FIRST ENTRY BELOW with real help for your learners: <<<
# the person or office at your school, and the help lines of your country.
# For a region, put its own list in a folder named after it, e.g.
# en-CA/resources.toml (see docs/lesson-format.md).

# Optional: a sentence shown above the list.
intro = "If you are in danger right now, call your local emergency number."

# PLACEHOLDER: replace this entry with the real name and contact of the
# person or team learners can talk to where you teach.
[[resource]]
name = "A trusted adult at school (replace this example)"
about = "A teacher, school counsellor or the member of staff in charge of safeguarding. Educators: replace this entry with who to talk to at your school, and how to reach them."

# Two services that work from any country (from the built-in course).
[[resource]]
name = "Take It Down (NCMEC)"
about = "A free tool for nude or sexual images taken before you turned 18. The image stays on your device: the tool makes a digital fingerprint of it, and apps that take part use it to remove or block copies. Works from anywhere in the world, and you don't have to give your name."
web = "https://takeitdown.ncmec.org"

[[resource]]
name = "Child Helpline International"
about = "A network of child helplines in many countries. Search for its name, or ask a trusted adult, to find the helpline in your country."
"#,
        directive = schema::directive_for("en/resources.toml", "en").unwrap_or_default(),
    )
}

/// What the scaffolded module does with objectives.
pub(super) enum Teach<'a> {
    /// Teach (and check) this declared objective.
    Objective(&'a str),
    /// Teach none; show the declared ones in a comment.
    Hint(&'a [String]),
}

pub(super) fn module_scaffold(
    id: &str,
    rel: &str,
    source_locale: &str,
    teach: &Teach<'_>,
) -> String {
    let directive = schema::directive_for(rel, source_locale).unwrap_or_default();
    let title = title_of(id);
    let (teaches, hint) = match teach {
        Teach::Objective(o) => (format!("teaches = [\"{o}\"]\n"), String::new()),
        Teach::Hint([]) => (String::new(), String::new()),
        Teach::Hint(list @ [first, ..]) => (
            String::new(),
            format!(
                "# To say which objectives of course.toml a step teaches, add a line like\n\
                     #     teaches = [\"{first}\"]\n\
                     # to the step. Declared objectives: {}.\n\
                     # Teach them in a question, spot or chat with choices too, so they are checked.\n",
                list.join(", ")
            ),
        ),
    };
    format!(
        r#"{directive}
# A module of your course: one file per module, named after its id.
# Lines starting with # are comments: learners never see them.
# Replace the example text with your own. After each change, run
#     notalone lint <course folder>
# It shows the file, line and column of anything to fix.
# Every field is described in docs/lesson-format.md.

# The module's id: the file name without .toml. Keep it as it is
# (learners' progress is saved under it).
id = "{id}"
# Shown on the home screen (at most 80 characters).
title = "{title}"
# One sentence under the title on the home screen.
summary = "Replace this with one sentence about what this module is about."
# About how many minutes the module takes (1 to 120).
minutes = 5
# Optional: shown before the module starts, with "continue", "skip this
# module" and "get help". Say plainly what the module talks about.
content_note = "This module shows a made-up chat where a stranger asks for a photo. Nothing explicit is shown. You can skip it or take a break at any time."

{hint}# Each [[step]] is one screen, in order. There are four types of step:
# read, chat, spot and question. This module has one of each.
# Every step has an id, unique in this module (lowercase letters, digits
# and dashes). Learners' progress is saved by these ids.

# ---------------------------------------------------------------------------
# 1. A page to read.
[[step]]
id = "introduction"
type = "read"
title = "Before we start"
{teaches}# Text can use **bold**, *emphasis*, "- " bullet lists and blank lines
# between paragraphs. Triple quotes let the text run over several lines.
text = """Replace this page with your own introduction.

In this module, you will:

- read a made-up chat and spot the warning signs,
- choose what to do next,
- check what you learned with a question.

If someone tricks you online, it is **never your fault**."""

# ---------------------------------------------------------------------------
# 2. A made-up chat. Messages appear one at a time. Messages with
# `sign = true` are warning signs: the learner flags the ones that worry
# them, then sees each sign with its `why`. Then the learner picks a choice
# and reads its feedback.
[[step]]
id = "the-chat"
type = "chat"
title = "A new follower"
{teaches}# The other person's display name.
contact = "sky.gamer_22"
# Optional: one line that sets the scene.
text = "Alex, 14, gets a message from an account they don't know."

[[step.message]]
from = "them"        # them (the other person), you (the learner's side) or note (a narrator)
text = "hey! saw ur videos, ur really good 😊"
sign = true
why = "A stranger who flatters you straight away may want something from you."

[[step.message]]
from = "you"
text = "thanks! do i know u?"

[[step.message]]
from = "them"
text = "not yet lol. add me on my other app? its more private"
sign = true
why = "Moving you to a more private app makes it harder for anyone to notice what happens next."

# What the learner could do now: up to six choices. After a choice with
# `safe = false`, the learner reads the feedback and chooses again.
[[step.choice]]
text = "Add them on the other app"
safe = false
feedback = "It's easy to say yes to someone friendly. But a stranger who wants to move somewhere private is a warning sign. Alex can stop here, and it's fine to ask someone for advice."

[[step.choice]]
text = "Stop replying, block the account and tell someone they trust"
safe = true
feedback = "Good call. Alex doesn't owe a stranger anything. Blocking and telling someone means Alex doesn't have to handle this alone."

# ---------------------------------------------------------------------------
# 3. Which of these are warning signs? Two to twelve items, at least one
# with `sign = true`. Every item says why it is, or is not, a sign.
[[step]]
id = "spot-the-signs"
type = "spot"
{teaches}text = "Which of these messages should worry you? Select every one that does."

[[step.item]]
text = "\"Let's keep this between us. Don't tell anyone.\""
sign = true
why = "Asking you to keep secrets cuts you off from people who could help."

[[step.item]]
text = "\"Good game! Want to play again tomorrow?\""
sign = false
why = "A friendly message about what you did together is not a warning sign on its own."

[[step.item]]
text = "\"Quick, send it before my mom gets home.\""
sign = true
why = "Rushing you is meant to stop you from thinking it over or asking anyone."

# ---------------------------------------------------------------------------
# 4. A question. `kind` is "single" (exactly one correct option: the
# default), "multiple" (one or more correct options) or "order" (the
# options as written are the right order; no `correct` then).
[[step]]
id = "check"
type = "question"
kind = "single"
{teaches}text = "Someone you met online threatens to share a photo of you unless you pay. What should you do first?"
# Optional: shown after the answer, whatever it is.
explanation = "Stop, save, block, tell: stop replying, save the messages, block the account and tell an adult you trust. It is never too late to get help."

[[step.option]]
text = "Pay what they ask, so that it stops for good"
correct = false
feedback = "Paying usually leads to more demands, not fewer."

[[step.option]]
text = "Stop replying, save the messages and tell a trusted adult"
correct = true
feedback = "Yes. You don't have to deal with it alone, and you are not in trouble."

[[step.option]]
text = "Delete the whole chat, block them and tell nobody about it"
correct = false
feedback = "It makes sense to want it gone, but the messages help the police and the app stop this person. Keep them, and tell someone."
"#
    )
}
