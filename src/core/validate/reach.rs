//! Which targets each input and each derived quantity reaches.

use crate::core::expr::Expr;
use crate::core::keyed::Keyed;

/// For each input and for each derived quantity, the targets whose value depends on it
/// (sorted target indices): `(by input, by derived)`.
pub(super) fn reach(
    n_inputs: usize,
    order: &[usize],
    derived_exprs: &[Option<Expr>],
    target_exprs: &[Option<Expr>],
    slot_of: &Keyed<usize>,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let n_slots = n_inputs + derived_exprs.len();
    // Slots each slot depends on, itself included (inputs: only themselves).
    let mut below: Vec<Vec<usize>> = (0..n_slots).map(|s| vec![s]).collect();
    let deps_of = |e: &Option<Expr>, below: &[Vec<usize>]| {
        let mut vars = Vec::new();
        if let Some(e) = e {
            e.vars(&mut vars);
        }
        let mut set = Vec::new();
        for (name, _) in vars {
            if let Some(d) = slot_of.get(name.as_str()).and_then(|&s| below.get(s)) {
                set.extend_from_slice(d);
            }
        }
        crate::core::order::sort_usizes(&mut set);
        set.dedup();
        set
    };
    for &d in order {
        let mut set = deps_of(derived_exprs.get(d).unwrap_or(&None), &below);
        set.push(n_inputs + d);
        crate::core::order::sort_usizes(&mut set);
        set.dedup();
        if let Some(slot) = below.get_mut(n_inputs + d) {
            *slot = set;
        }
    }
    let mut out = vec![Vec::new(); n_slots];
    for (t, e) in target_exprs.iter().enumerate() {
        for s in deps_of(e, &below) {
            if let Some(list) = out.get_mut(s) {
                list.push(t);
            }
        }
    }
    let derived = out.split_off(n_inputs.min(out.len()));
    (out, derived)
}
