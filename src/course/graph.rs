//! The step graph of a module: every `next` names a step or "end", the end
//! can be reached from every step (traps are reported once), and every step
//! can be reached from the first.

use std::collections::HashMap;

use super::raw::*;

/// Where a `next` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    End,
    Step(usize),
}

pub(crate) fn check_graph(w: &mut Walk<'_, '_>, steps: &[RawStep<'_>]) {
    let n = steps.len();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, s) in steps.iter().enumerate() {
        if let Some(id) = &s.id {
            index.entry(id.as_str()).or_insert(i);
        }
    }

    // Resolve a `next`; a dangling one is reported and counts as the end
    // (so one mistake does not also give "no way to the end").
    let mut dangling = false;
    let mut resolve = |w: &mut Walk<'_, '_>, next: &Str<'_>| -> Target {
        let v = next.as_str();
        if v == "end" {
            return Target::End;
        }
        if let Some(i) = index.get(v) {
            return Target::Step(*i);
        }
        let mut names: Vec<&str> = index.keys().copied().collect();
        names.sort_unstable();
        let help = match suggest(v, &names) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "use the id of a step of this module, or \"end\"".to_string(),
        };
        w.error_help(
            "dangling-next",
            next.span.clone(),
            format!("`next` names no step of this module: `{}`", q(v)),
            help,
        );
        dangling = true;
        Target::End
    };
    let mut edges: Vec<Vec<Target>> = Vec::with_capacity(n);
    for (i, s) in steps.iter().enumerate() {
        let default = match &s.next {
            Some(next) => resolve(w, next),
            None if i + 1 < n => Target::Step(i + 1),
            None => Target::End,
        };
        let is_chat = s.ty.as_ref().is_some_and(|t| t.as_str() == "chat");
        let choices = items(&s.choices);
        let mut out = Vec::new();
        if is_chat && !choices.is_empty() {
            for c in choices {
                match (&c.next, &c.safe) {
                    (Some(next), _) => out.push(resolve(w, next)),
                    // An unsafe choice without `next`: the learner chooses again.
                    (None, Some(safe)) if !safe.v => {}
                    (None, _) => out.push(default),
                }
            }
        } else {
            out.push(default);
        }
        out.sort_unstable_by_key(|t| match t {
            Target::End => usize::MAX,
            Target::Step(i) => *i,
        });
        out.dedup();
        edges.push(out);
    }
    // A dangling `next` was reported; which steps it would have reached is
    // unknown, so "unreachable" warnings would only add noise.
    let warn_unreachable = !dangling;
    // Which steps can reach the end: walk the reversed edges from the end.
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut can_end = vec![false; n];
    let mut stack = Vec::new();
    for (i, out) in edges.iter().enumerate() {
        for t in out {
            match t {
                Target::End => {
                    if !can_end[i] {
                        can_end[i] = true;
                        stack.push(i);
                    }
                }
                Target::Step(j) => reverse[*j].push(i),
            }
        }
    }
    while let Some(j) = stack.pop() {
        for &i in &reverse[j] {
            if !can_end[i] {
                can_end[i] = true;
                stack.push(i);
            }
        }
    }
    // Which steps can be reached from the first.
    let mut reached = vec![false; n];
    reached[0] = true;
    stack.push(0);
    while let Some(i) = stack.pop() {
        for t in &edges[i] {
            if let Target::Step(j) = t
                && !reached[*j]
            {
                reached[*j] = true;
                stack.push(*j);
            }
        }
    }
    let name = |i: usize| {
        steps[i].id.as_ref().map_or_else(
            || format!("number {}", i + 1),
            |id| format!("`{}`", q(id.as_str())),
        )
    };
    // Steps that cannot reach the end lead into traps: groups of steps that
    // only lead to each other (or a step that leads nowhere). Report each
    // trap once, at its first step; the steps leading into it are fine once
    // the trap is fixed.
    for trap in traps(&edges, &can_end) {
        let first = trap[0];
        let msg = if trap.len() == 1 && edges[first].is_empty() {
            format!(
                "from step {} the learner can never go on: every choice is unsafe and has no `next`",
                name(first)
            )
        } else if trap.len() == 1 {
            format!(
                "step {} only leads to itself: the learner can never reach the end of the module",
                name(first)
            )
        } else {
            let names: Vec<String> = trap.iter().map(|&i| name(i)).collect();
            format!(
                "steps {} only lead to each other: the learner can never reach the end of the module",
                names.join(", ")
            )
        };
        w.error_help(
            "no-way-to-end",
            steps[first].header.clone(),
            msg,
            "give one of these steps a way on: a `next` to a later step or \"end\", or a choice that is safe or has a `next`".to_string(),
        );
    }
    for (i, s) in steps.iter().enumerate() {
        let name = name(i);
        if warn_unreachable && !reached[i] {
            w.warn(
                "unreachable-step",
                s.header.clone(),
                format!("step {name} can never be reached from the first step"),
                Some("point a `next` at it, or remove it".to_string()),
            );
        }
    }
}

/// The traps among the steps that cannot reach the end: strongly connected
/// components (Kosaraju, iterative) with no edge to another component. Each
/// trap is a sorted list of step indices; traps are in order of first step.
fn traps(edges: &[Vec<Target>], can_end: &[bool]) -> Vec<Vec<usize>> {
    let n = edges.len();
    if can_end.iter().all(|c| *c) {
        return Vec::new();
    }
    let succ = |i: usize| {
        edges[i].iter().filter_map(|t| match t {
            Target::Step(j) if !can_end[*j] => Some(*j),
            _ => None,
        })
    };
    // 1. Post-order of a DFS over the steps that cannot reach the end.
    let mut seen = vec![false; n];
    let mut order = Vec::new();
    for start in (0..n).filter(|&i| !can_end[i]) {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, succ(start).collect())];
        while let Some((node, rest)) = stack.last_mut() {
            if let Some(next) = rest.pop() {
                if !seen[next] {
                    seen[next] = true;
                    let s = succ(next).collect();
                    stack.push((next, s));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    // 2. Components on the reversed graph, in reverse post-order.
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in (0..n).filter(|&i| !can_end[i]) {
        for j in succ(i) {
            reverse[j].push(i);
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut count = 0;
    for &start in order.iter().rev() {
        if comp[start] != usize::MAX {
            continue;
        }
        comp[start] = count;
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            for &j in &reverse[i] {
                if comp[j] == usize::MAX {
                    comp[j] = count;
                    stack.push(j);
                }
            }
        }
        count += 1;
    }
    // 3. Components with no edge out are traps.
    let mut leaves = vec![true; count];
    for i in (0..n).filter(|&i| !can_end[i]) {
        if succ(i).any(|j| comp[j] != comp[i]) {
            leaves[comp[i]] = false;
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); count];
    for i in (0..n).filter(|&i| !can_end[i]) {
        if leaves[comp[i]] {
            out[comp[i]].push(i);
        }
    }
    out.retain(|t| !t.is_empty());
    out.sort_by_key(|t| t[0]);
    out
}
