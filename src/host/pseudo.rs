//! The pseudo-locale (`--lang en-XA`) over a whole course.

use crate::course::{Course, StepKind};
use crate::i18n;

/// Apply the pseudo-locale to every text of a course (as `--lang en-XA`
/// does; public for the layout tests).
pub fn pseudo_course(c: &mut Course) {
    let p = |s: &mut String| *s = i18n::pseudo(s);
    let po = |s: &mut Option<String>| {
        if let Some(x) = s {
            *x = i18n::pseudo(x);
        }
    };
    p(&mut c.title);
    p(&mut c.welcome);
    po(&mut c.finish);
    for o in &mut c.objectives {
        p(&mut o.title);
    }
    po(&mut c.resources.intro);
    for r in &mut c.resources.items {
        p(&mut r.name);
        p(&mut r.about);
        po(&mut r.hours);
    }
    for m in &mut c.modules {
        p(&mut m.title);
        p(&mut m.summary);
        po(&mut m.content_note);
        for s in &mut m.steps {
            po(&mut s.title);
            match &mut s.kind {
                StepKind::Read { text } => p(text),
                StepKind::Chat {
                    contact,
                    text,
                    messages,
                    choices,
                } => {
                    p(contact);
                    po(text);
                    for x in messages {
                        p(&mut x.text);
                        po(&mut x.why);
                    }
                    for x in choices {
                        p(&mut x.text);
                        p(&mut x.feedback);
                    }
                }
                StepKind::Spot { text, items } => {
                    p(text);
                    for x in items {
                        p(&mut x.text);
                        p(&mut x.why);
                    }
                }
                StepKind::Question {
                    text,
                    explanation,
                    options,
                    ..
                } => {
                    p(text);
                    po(explanation);
                    for x in options {
                        p(&mut x.text);
                        po(&mut x.feedback);
                    }
                }
            }
        }
    }
}
