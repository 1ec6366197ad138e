//! The dependency graph of derived quantities: their order of evaluation, and cycles.

use super::{Ctx, PlanErrorKind};
use crate::core::expr::Expr;
use crate::core::keyed::Keyed;
use crate::core::plan::Derived;

/// Topological order of derived quantities (indices into `derived`); cycles are reported
/// once each, naming the ids around the cycle.
pub(super) fn topo_order(
    cx: &mut Ctx,
    derived: &[Derived],
    exprs: &[Option<Expr>],
    places: &[String],
    slot_of: &Keyed<usize>,
    n_inputs: usize,
) -> Vec<usize> {
    let deps: Vec<Vec<usize>> = exprs
        .iter()
        .map(|e| {
            let mut vars = Vec::new();
            if let Some(e) = e {
                e.vars(&mut vars);
            }
            vars.iter()
                .filter_map(|(n, _)| slot_of.get(n.as_str()))
                .filter(|s| **s >= n_inputs)
                .map(|s| s - n_inputs)
                .collect()
        })
        .collect();
    // 0 = unvisited, 1 = on stack, 2 = done.
    let mut state = vec![0u8; derived.len()];
    let mut order = Vec::with_capacity(derived.len());
    // Few cycles: a list, not another hash table type in the wasm.
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for start in 0..derived.len() {
        if state.get(start) != Some(&0) {
            continue;
        }
        // Iterative DFS: (node, next dependency index).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some(&(node, next)) = stack.last() {
            let dep = deps.get(node).and_then(|d| d.get(next)).copied();
            match dep {
                Some(dep) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match state.get(dep) {
                        Some(0) => {
                            if let Some(s) = state.get_mut(dep) {
                                *s = 1;
                            }
                            stack.push((dep, 0));
                        }
                        Some(1) => {
                            let pos = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                            let cycle = stack.iter().skip(pos).map(|(n, _)| *n).collect();
                            let found = Cycle { derived, places };
                            found.report(cx, cycle, dep, &mut reported);
                        }
                        _ => {}
                    }
                }
                None => {
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    order.push(node);
                    stack.pop();
                }
            }
        }
    }
    order
}

/// Where the cycles found are reported.
struct Cycle<'a> {
    derived: &'a [Derived],
    places: &'a [String],
}

impl Cycle<'_> {
    /// Reports the `cycle` (the derived quantities on the stack from `dep` on) at `dep`'s
    /// place, unless the same set of quantities was reported already.
    fn report(
        &self,
        cx: &mut Ctx,
        mut cycle: Vec<usize>,
        dep: usize,
        reported: &mut Vec<Vec<usize>>,
    ) {
        let mut key = cycle.clone();
        crate::core::order::sort_usizes(&mut key);
        if reported.contains(&key) {
            return;
        }
        reported.push(key);
        cycle.push(dep);
        let names = cycle
            .iter()
            .filter_map(|n| self.derived.get(*n).map(|d| d.id.clone()))
            .collect();
        let place = self.places.get(dep).cloned().unwrap_or_default();
        cx.err(place, PlanErrorKind::Cycle(names));
    }
}
