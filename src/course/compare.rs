//! A translated module against its source: structure fields, where
//! present, equal the source's; tables are matched by position.

use super::raw::*;
use super::rules::count_of;

/// Check a translated module against its source: structure fields, where
/// present, equal the source's; tables matched by position.
pub(crate) fn compare_module(
    w: &mut Walk<'_, '_>,
    src: &RawModule<'_>,
    tr: &RawModule<'_>,
    src_name: &str,
) {
    let c = Cmp { src_name };
    c.str_field(w, "id", src.id.as_ref(), tr.id.as_ref(), None);
    if let Some(t) = &tr.minutes
        && src.minutes.as_ref().map(|m| m.v) != Some(t.v)
    {
        c.mismatch(
            w,
            "minutes",
            t.span.clone(),
            src.minutes.as_ref().map(|m| m.v.to_string()),
        );
    }
    let Some(pairs) = c.pairs(w, "step", &src.steps, &tr.steps) else {
        return;
    };
    for (s, t) in pairs {
        c.str_field(w, "id", s.id.as_ref(), t.id.as_ref(), None);
        if !c.str_field(w, "type", s.ty.as_ref(), t.ty.as_ref(), None) {
            continue;
        }
        c.str_field(w, "kind", s.kind.as_ref(), t.kind.as_ref(), Some("single"));
        c.str_field(w, "next", s.next.as_ref(), t.next.as_ref(), None);
        c.bool_field(
            w,
            "shuffle",
            s.shuffle.as_ref(),
            t.shuffle.as_ref(),
            Some(true),
        );
        if let Some(tt) = &t.teaches {
            let sv: Vec<&str> = items(&s.teaches).iter().map(|x| x.as_str()).collect();
            let tv: Vec<&str> = tt.v.iter().map(|x| x.as_str()).collect();
            if sv != tv {
                c.mismatch(
                    w,
                    "teaches",
                    tt.span.clone(),
                    Some(format!("[{}]", sv.join(", "))),
                );
            }
        }
        if let Some(p) = c.pairs(w, "message", &s.messages, &t.messages) {
            for (sm, tm) in p {
                c.str_field(w, "from", sm.from.as_ref(), tm.from.as_ref(), None);
                c.bool_field(w, "sign", sm.sign.as_ref(), tm.sign.as_ref(), Some(false));
            }
        }
        if let Some(p) = c.pairs(w, "choice", &s.choices, &t.choices) {
            for (sc, tc) in p {
                c.bool_field(w, "safe", sc.safe.as_ref(), tc.safe.as_ref(), None);
                c.str_field(w, "next", sc.next.as_ref(), tc.next.as_ref(), None);
            }
        }
        if let Some(p) = c.pairs(w, "item", &s.items, &t.items) {
            for (si, ti) in p {
                c.bool_field(w, "sign", si.sign.as_ref(), ti.sign.as_ref(), None);
            }
        }
        if let Some(p) = c.pairs(w, "option", &s.options, &t.options) {
            for (so, to) in p {
                c.bool_field(w, "correct", so.correct.as_ref(), to.correct.as_ref(), None);
            }
        }
    }
}

struct Cmp<'n> {
    src_name: &'n str,
}

impl Cmp<'_> {
    fn mismatch(&self, w: &mut Walk<'_, '_>, name: &str, span: Span, src: Option<String>) {
        let msg = match src {
            Some(v) => format!(
                "`{name}` differs from the source: it is `{}` in {}",
                q(&v),
                self.src_name
            ),
            None => format!(
                "`{name}` is not set in the source {}; a translation may not add it",
                self.src_name
            ),
        };
        w.error_help(
            "structure-mismatch",
            span,
            msg,
            format!("remove `{name}` from the translation (it is inherited from the source) or write the source's value; until then, learners of this language see this module in the source language"),
        );
    }

    /// Compare a structure string; false when it differs.
    fn str_field(
        &self,
        w: &mut Walk<'_, '_>,
        name: &str,
        src: Option<&Str<'_>>,
        tr: Option<&Str<'_>>,
        default: Option<&str>,
    ) -> bool {
        let Some(t) = tr else { return true };
        let s = src.map(|s| s.as_str()).or(default);
        if s != Some(t.as_str()) {
            self.mismatch(w, name, t.span.clone(), s.map(str::to_string));
            return false;
        }
        true
    }

    fn bool_field(
        &self,
        w: &mut Walk<'_, '_>,
        name: &str,
        src: Option<&Sp<bool>>,
        tr: Option<&Sp<bool>>,
        default: Option<bool>,
    ) {
        let Some(t) = tr else { return };
        let s = src.map(|s| s.v).or(default);
        if s != Some(t.v) {
            self.mismatch(w, name, t.span.clone(), s.map(|b| b.to_string()));
        }
    }

    /// Pair the tables of an array by position. A translation may leave the
    /// whole array out (inherited); when present, it must have the same
    /// number of tables. `None` when there is nothing to compare.
    fn pairs<'x, 'y, T: HasHeader>(
        &self,
        w: &mut Walk<'_, '_>,
        what: &str,
        src: &'x Option<Sp<Vec<T>>>,
        tr: &'y Option<Sp<Vec<T>>>,
    ) -> Option<Vec<(&'x T, &'y T)>> {
        let t = tr.as_ref()?;
        let s = items(src);
        if s.len() != t.v.len() {
            let span = if t.v.len() > s.len() {
                t.v[s.len()].header().clone()
            } else {
                t.v.last()
                    .map_or_else(|| t.span.clone(), |x| x.header().clone())
            };
            w.error_help(
                "structure-mismatch",
                span,
                format!(
                    "this translation has {} where the source {} has {}",
                    count_of(t.v.len(), what),
                    self.src_name,
                    s.len()
                ),
                format!(
                    "give the translation the same {what}s, in the same order, as {}: translate a {what} added there, remove one removed there; until then, learners of this language see this module in the source language",
                    self.src_name
                ),
            );
            return None;
        }
        Some(s.iter().zip(t.v.iter()).collect())
    }
}

pub(crate) trait HasHeader {
    fn header(&self) -> &Span;
}

macro_rules! has_header {
    ($($t:ident),*) => { $(impl HasHeader for $t<'_> { fn header(&self) -> &Span { &self.header } })* };
}
has_header!(RawStep, RawMessage, RawChoice, RawItem, RawOption);
