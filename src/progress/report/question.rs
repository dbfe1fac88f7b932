//! `--by question`: one row per scored item in course order (questions,
//! spot exercises, chat choices, and the chat flag exercises): how many
//! answered, how many right at the first try, how often each option was
//! chosen first, and the wrong option chosen most often.
//!
//! Records keep file-order indexes, so counts map straight to the options
//! as written in the lesson file, whatever order each learner saw.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Context;
use super::safe::{self, csv_cell, csv_num};
use super::table::{self, Col, Line};
use crate::course::{Course, QuestionKind, Speaker, Step, StepKind};
use crate::progress::record::StepRecord;
use crate::progress::store::ProfileData;

/// The kind of a scored item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Single,
    Multiple,
    Order,
    Spot,
    Chat,
    Flag,
}

/// One option (for `flag` rows: one message of the other person).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCount {
    /// Its index in the lesson file (among the step's options, items,
    /// choices or messages).
    pub index: usize,
    /// Its text (null when the course was not found).
    pub text: Option<String>,
    /// A right option; for `flag` a warning sign; for `order` the item that
    /// comes first (null when the course was not found).
    pub correct: Option<bool>,
    /// Learners who chose it in their first answer (`order`: put it first;
    /// `flag`: flagged it).
    pub chosen_first: usize,
}

/// The wrong answer given most often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wrong {
    pub text: String,
    pub count: usize,
}

/// One scored item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub course: String,
    pub module: String,
    /// The module's title (its id when the course was not found).
    pub module_title: String,
    pub step: String,
    /// Null when the course was not found.
    pub kind: Option<Kind>,
    /// The question in the report's language (null when the course was not found).
    pub text: Option<String>,
    /// Objective ids the step teaches.
    pub objectives: Vec<String>,
    pub answered: usize,
    pub right_first_try: usize,
    /// Facility: right at the first try out of answered, 0 to 100.
    pub right_first_try_pct: Option<f64>,
    pub options: Vec<OptionCount>,
    pub most_chosen_wrong: Option<Wrong>,
}

/// Counts for one row while the records are read.
#[derive(Default)]
struct Tally {
    answered: usize,
    right: usize,
    chosen: Vec<usize>,
    /// `order`: each wrong order given, with how often.
    orders: HashMap<Vec<usize>, usize>,
}

impl Tally {
    fn choose(&mut self, i: usize) {
        if self.chosen.len() <= i {
            // A hand-edited record can hold any index: cap what we grow to.
            if i > 1_000 {
                return;
            }
            self.chosen.resize(i + 1, 0);
        }
        self.chosen[i] += 1;
    }
}

/// A row's shape before counting: what is counted and from where.
struct Slot {
    row: Question,
    /// True: the flags of a chat; false: its first answer.
    flags: bool,
    /// For `flag`: the warning-sign messages (file indexes), sorted.
    signs: Vec<usize>,
    tally: Tally,
}

fn plain(s: &str) -> String {
    crate::text::to_plain(s).replace('\n', " ")
}

fn opt(index: usize, text: &str, correct: bool) -> OptionCount {
    OptionCount {
        index,
        text: Some(plain(text)),
        correct: Some(correct),
        chosen_first: 0,
    }
}

/// The rows of one step of a known course (a chat may give two).
fn slots_of(ctx: &Context<'_>, course: &Course, module: usize, step: &Step) -> Vec<Slot> {
    let m = &course.modules[module];
    let row = |kind: Kind, text: String, options: Vec<OptionCount>| Question {
        course: course.id.clone(),
        module: m.id.clone(),
        module_title: m.title.clone(),
        step: step.id.clone(),
        kind: Some(kind),
        text: Some(text),
        objectives: step.teaches.clone(),
        answered: 0,
        right_first_try: 0,
        right_first_try_pct: None,
        options,
        most_chosen_wrong: None,
    };
    let slot = |row: Question, flags: bool, signs: Vec<usize>| Slot {
        row,
        flags,
        signs,
        tally: Tally::default(),
    };
    match &step.kind {
        StepKind::Read { .. } => Vec::new(),
        StepKind::Question {
            kind,
            text,
            options,
            ..
        } => {
            let k = match kind {
                QuestionKind::Single => Kind::Single,
                QuestionKind::Multiple => Kind::Multiple,
                QuestionKind::Order => Kind::Order,
            };
            let opts = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    opt(
                        i,
                        &o.text,
                        if k == Kind::Order { i == 0 } else { o.correct },
                    )
                })
                .collect();
            vec![slot(row(k, plain(text), opts), false, Vec::new())]
        }
        StepKind::Spot { text, items } => {
            let opts = items
                .iter()
                .enumerate()
                .map(|(i, it)| opt(i, &it.text, it.sign))
                .collect();
            vec![slot(row(Kind::Spot, plain(text), opts), false, Vec::new())]
        }
        StepKind::Chat {
            contact,
            messages,
            choices,
            ..
        } => {
            let name = step.title.clone().unwrap_or_else(|| contact.clone());
            let mut out = Vec::new();
            if messages.iter().any(|m| m.sign) {
                let opts = messages
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.from == Speaker::Them || m.sign)
                    .map(|(i, m)| opt(i, &m.text, m.sign))
                    .collect();
                let text = ctx.i18n.ta(
                    "report-flag-text",
                    &[("chat", crate::i18n::s(name.clone()))],
                );
                let signs = (0..messages.len()).filter(|i| messages[*i].sign).collect();
                out.push(slot(row(Kind::Flag, text, opts), true, signs));
            }
            if !choices.is_empty() {
                let opts = choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| opt(i, &c.text, c.safe))
                    .collect();
                let text = ctx
                    .i18n
                    .ta("report-choice-text", &[("chat", crate::i18n::s(name))]);
                out.push(slot(row(Kind::Chat, text, opts), false, Vec::new()));
            }
            out
        }
    }
}

/// Count one learner's record of a step into a slot.
fn count(slot: &mut Slot, s: &StepRecord) {
    let t = &mut slot.tally;
    if slot.flags {
        let Some(flags) = &s.flags else { return };
        t.answered += 1;
        let mut f = flags.clone();
        f.sort_unstable();
        f.dedup();
        if slot.row.kind.is_some() && f == slot.signs {
            t.right += 1;
        }
        for i in f {
            t.choose(i);
        }
        return;
    }
    let Some(ok) = s.first_correct else { return };
    t.answered += 1;
    t.right += usize::from(ok);
    let answer = s.answer.as_deref().unwrap_or(&[]);
    if slot.row.kind == Some(Kind::Order) {
        if let Some(first) = answer.first() {
            t.choose(*first);
        }
        if !ok {
            *t.orders.entry(answer.to_vec()).or_default() += 1;
        }
    } else {
        let mut a = answer.to_vec();
        a.sort_unstable();
        a.dedup();
        for i in a {
            t.choose(i);
        }
    }
}

/// Turn a slot's counts into its final row.
fn finish(slot: Slot) -> Question {
    let Slot { mut row, tally, .. } = slot;
    row.answered = tally.answered;
    row.right_first_try = tally.right;
    row.right_first_try_pct = safe::pct(tally.right, tally.answered);
    let known = row.kind.is_some();
    if !known {
        row.options = (0..tally.chosen.len())
            .map(|i| OptionCount {
                index: i,
                text: None,
                correct: None,
                chosen_first: 0,
            })
            .collect();
    }
    for o in &mut row.options {
        o.chosen_first = tally.chosen.get(o.index).copied().unwrap_or(0);
    }
    row.most_chosen_wrong = if row.kind == Some(Kind::Order) {
        // The wrong order given most often (ties: the first in file order).
        let mut orders: Vec<(&Vec<usize>, &usize)> = tally.orders.iter().collect();
        orders.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        orders.first().map(|(order, n)| Wrong {
            text: order
                .iter()
                .map(|i| {
                    row.options
                        .iter()
                        .find(|o| o.index == *i)
                        .and_then(|o| o.text.clone())
                        .unwrap_or_else(|| (i + 1).to_string())
                })
                .collect::<Vec<_>>()
                .join(" → "),
            count: **n,
        })
    } else {
        row.options
            .iter()
            .filter(|o| o.correct == Some(false) && o.chosen_first > 0)
            .fold(None::<&OptionCount>, |best, o| match best {
                Some(b) if b.chosen_first >= o.chosen_first => Some(b),
                _ => Some(o),
            })
            .map(|o| Wrong {
                text: o.text.clone().unwrap_or_default(),
                count: o.chosen_first,
            })
    };
    row
}

/// Every scored item of the courses in the report, in course order; for
/// a course that was not found, the steps its records hold, by id.
pub fn build(profiles: &[ProfileData], ctx: &Context<'_>) -> Vec<Question> {
    let mut out = Vec::new();
    for course_id in ctx.course_ids(profiles) {
        let records = profiles
            .iter()
            .flat_map(|p| p.records.iter())
            .filter(|r| r.course == course_id);
        match ctx.course(&course_id) {
            Some(course) => {
                let mut slots: Vec<Slot> = Vec::new();
                let mut at: HashMap<(&str, &str), (usize, usize)> = HashMap::new();
                for (mi, m) in course.modules.iter().enumerate() {
                    for step in &m.steps {
                        let s = slots_of(ctx, course, mi, step);
                        at.insert((&m.id, &step.id), (slots.len(), s.len()));
                        slots.extend(s);
                    }
                }
                for r in records {
                    for (mid, m) in &r.modules {
                        for (sid, s) in &m.steps {
                            if let Some((first, n)) = at.get(&(mid.as_str(), sid.as_str())) {
                                for slot in &mut slots[*first..first + n] {
                                    count(slot, s);
                                }
                            }
                        }
                    }
                }
                out.extend(slots.into_iter().map(finish));
            }
            None => {
                let mut slots: BTreeMap<(String, String, bool), Slot> = BTreeMap::new();
                for r in records {
                    for (mid, m) in &r.modules {
                        for (sid, s) in &m.steps {
                            for flags in [true, false] {
                                let has = if flags {
                                    s.flags.is_some()
                                } else {
                                    s.first_correct.is_some()
                                };
                                if !has {
                                    continue;
                                }
                                let slot = slots
                                    .entry((mid.clone(), sid.clone(), !flags))
                                    .or_insert_with(|| Slot {
                                        row: unknown_row(&course_id, mid, sid),
                                        flags,
                                        signs: Vec::new(),
                                        tally: Tally::default(),
                                    });
                                count(slot, s);
                            }
                        }
                    }
                }
                out.extend(slots.into_values().map(finish));
            }
        }
    }
    out
}

fn unknown_row(course: &str, module: &str, step: &str) -> Question {
    Question {
        course: course.to_string(),
        module: module.to_string(),
        module_title: module.to_string(),
        step: step.to_string(),
        kind: None,
        text: None,
        objectives: Vec::new(),
        answered: 0,
        right_first_try: 0,
        right_first_try_pct: None,
        options: Vec::new(),
        most_chosen_wrong: None,
    }
}

/// `{"questions": [...]}`.
pub fn to_json(rows: &[Question]) -> String {
    safe::json_list("questions", rows)
}

fn kind_str(k: Option<Kind>) -> &'static str {
    match k {
        None => "",
        Some(Kind::Single) => "single",
        Some(Kind::Multiple) => "multiple",
        Some(Kind::Order) => "order",
        Some(Kind::Spot) => "spot",
        Some(Kind::Chat) => "chat",
        Some(Kind::Flag) => "flag",
    }
}

/// The questions' CSV: one line per item, then for each option (up to the
/// most any item has) its text, whether it is right, and how many chose
/// it first.
pub fn to_csv(rows: &[Question]) -> String {
    let widest = rows.iter().map(|r| r.options.len()).max().unwrap_or(0);
    let mut header = String::from(
        "course,module,step,kind,text,answered,right_first_try,right_first_try_pct,most_chosen_wrong,most_chosen_wrong_count",
    );
    for i in 1..=widest {
        header.push_str(&format!(
            ",option_{i}_text,option_{i}_correct,option_{i}_chosen_first"
        ));
    }
    let mut out = header;
    out.push('\n');
    for r in rows {
        let mut cells = vec![
            csv_cell(&r.course),
            csv_cell(&r.module),
            csv_cell(&r.step),
            kind_str(r.kind).to_string(),
            csv_cell(r.text.as_deref().unwrap_or("")),
            r.answered.to_string(),
            r.right_first_try.to_string(),
            csv_num(r.right_first_try_pct),
            csv_cell(r.most_chosen_wrong.as_ref().map_or("", |w| &w.text)),
            r.most_chosen_wrong
                .as_ref()
                .map_or(String::new(), |w| w.count.to_string()),
        ];
        for i in 0..widest {
            match r.options.get(i) {
                Some(o) => cells.extend([
                    csv_cell(o.text.as_deref().unwrap_or("")),
                    o.correct
                        .map_or(String::new(), |c| if c { "yes" } else { "no" }.to_string()),
                    o.chosen_first.to_string(),
                ]),
                None => cells.extend([String::new(), String::new(), String::new()]),
            }
        }
        safe::csv_line(&mut out, &cells);
    }
    out
}

/// The questions as a table within 80 columns: one heading line per
/// module, then its items, each followed (when there is one) by the wrong
/// answer chosen most often on a line of its own.
pub fn to_table(rows: &[Question], ctx: &Context<'_>) -> String {
    let cols = [
        Col::text(ctx.t("report-col-question"), 16),
        Col::num(ctx.t("report-col-answered")),
        Col::num(ctx.t("report-col-right-first")),
    ];
    let mut lines = Vec::new();
    let mut last: Option<(&str, &str)> = None;
    for r in rows {
        if last != Some((&r.course, &r.module)) {
            lines.push(Line::Heading(r.module_title.clone()));
            last = Some((&r.course, &r.module));
        }
        lines.push(Line::Cells(vec![
            format!("  {}", r.text.as_deref().unwrap_or(&r.step)),
            r.answered.to_string(),
            match r.right_first_try_pct {
                Some(p) => format!("{} {:.0}%", r.right_first_try, p),
                None => "-".to_string(),
            },
        ]));
        if let Some(w) = &r.most_chosen_wrong {
            let line = ctx.i18n.ta(
                "report-table-wrong",
                &[
                    ("text", crate::i18n::s(w.text.clone())),
                    ("count", crate::i18n::num(w.count as f64)),
                ],
            );
            lines.push(Line::Heading(format!("    {line}")));
        }
    }
    table::render(&cols, &lines, table::WIDTH)
}
