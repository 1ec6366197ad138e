//! An exploring session over one plan, as plain data: the current input values with undo and
//! redo, named scenarios kept for comparison (and their storage text), the differences between
//! scenarios, and the summary strip. The widget's reducer is a thin shell over this, so all of
//! its rules are tested natively.

mod state;

pub use state::{Action, Current, KeptView, Session, StorageNote};

use super::expr::{parse, BinOp, Expr};
use super::plan::{Outcome, Plan, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Undo steps kept at most; older ones are dropped.
pub const HISTORY_LIMIT: usize = 200;

/// Input values with undo and redo. A run of changes to the same input (a slider drag, arrow
/// keys) is one undo step until [`History::commit`] ends it.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    values: Vec<f64>,
    /// Earlier values, shared so that cloning a history (a reducer step) is cheap.
    undo: Vec<Rc<[f64]>>,
    redo: Vec<Rc<[f64]>>,
    /// The input being changed in the open undo step, if any.
    open: Option<usize>,
}

impl History {
    pub fn new(values: Vec<f64>) -> History {
        History {
            values,
            undo: Vec::new(),
            redo: Vec::new(),
            open: None,
        }
    }

    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// A run of changes to one input is going on (a slider dragged: `input` events, no
    /// `change` yet).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn push_undo(&mut self) {
        self.undo.push(self.values.as_slice().into());
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Sets input `i` to `v` (already snapped). Returns false (and changes nothing) when the
    /// value is the same or `i` is out of range.
    pub fn set(&mut self, i: usize, v: f64) -> bool {
        match self.values.get(i) {
            Some(old) if *old != v => {}
            _ => return false,
        }
        if self.open != Some(i) {
            self.push_undo();
            self.open = Some(i);
        }
        if let Some(slot) = self.values.get_mut(i) {
            *slot = v;
        }
        true
    }

    /// Ends the open undo step: the next change starts a new one. False when none was open.
    pub fn commit(&mut self) -> bool {
        self.open.take().is_some()
    }

    /// Replaces every value at once (reset all, a loaded scenario) as one undo step.
    pub fn replace(&mut self, values: Vec<f64>) -> bool {
        if values == self.values || values.len() != self.values.len() {
            return false;
        }
        self.push_undo();
        self.values = values;
        self.open = None;
        true
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(prev) => {
                self.redo
                    .push(std::mem::replace(&mut self.values, prev.to_vec()).into());
                self.open = None;
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo
                    .push(std::mem::replace(&mut self.values, next.to_vec()).into());
                self.open = None;
                true
            }
            None => false,
        }
    }
}

/// A target whose status differs between two outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flip {
    pub target: usize,
    pub before: Status,
    pub after: Status,
}

/// Targets whose status differs from `before` to `after`, in plan order.
pub fn flips(before: &Outcome, after: &Outcome) -> Vec<Flip> {
    before
        .statuses
        .iter()
        .zip(&after.statuses)
        .enumerate()
        .filter(|(_, (b, a))| b != a)
        .map(|(target, (b, a))| Flip {
            target,
            before: *b,
            after: *a,
        })
        .collect()
}

/// A target whose projected value or status changed with a move (what the widget's sticky strip
/// lists on a narrow screen).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub target: usize,
    pub before: f64,
    pub after: f64,
    /// The status changed too (by the one-assumption rule).
    pub flipped: bool,
}

/// Targets whose value (beyond float noise) or status differs from `before` to `after`: the
/// flips first, then the others by the size of their change relative to their value, largest
/// first; each group in plan order on ties.
pub fn moves(plan: &Plan, before: &Outcome, after: &Outcome) -> Vec<Move> {
    let mut out: Vec<Move> = (0..plan.targets().len())
        .filter_map(|i| {
            let (b, a) = (before.target(plan, i), after.target(plan, i));
            let flipped = before.statuses.get(i) != after.statuses.get(i);
            let same = (b.is_nan() && a.is_nan()) || (a - b).abs() <= 1e-9 * b.abs().max(1e-9);
            (flipped || !same).then_some(Move {
                target: i,
                before: b,
                after: a,
                flipped,
            })
        })
        .collect();
    let size = |m: &Move| {
        let d = ((m.after - m.before) / m.before.abs().max(1e-9)).abs();
        if d.is_finite() {
            d
        } else {
            f64::MAX
        }
    };
    out.sort_by(|x, y| y.flipped.cmp(&x.flipped).then(size(y).total_cmp(&size(x))));
    out
}

/// Indices of inputs whose values differ between `a` and `b`.
pub fn differing_inputs(a: &[f64], b: &[f64]) -> Vec<usize> {
    a.iter()
        .zip(b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| i)
        .collect()
}

/// A scenario kept under a name for comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub name: String,
    /// One value per input, like [`Plan::inputs`].
    pub values: Vec<f64>,
}

/// Storage form of a kept scenario: only the inputs that differ from the plan, by id, so a
/// stored scenario survives inputs being added or reordered. The widget stores a list of them
/// as JSON (gloo-storage); [`encode_kept`] and [`decode_kept`] are the same as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredKept {
    name: String,
    values: BTreeMap<String, f64>,
}

/// Why stored scenarios could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("stored scenarios are not readable: {0}")]
pub struct StoredError(pub String);

/// The storage key for a plan's kept scenarios, namespaced by plan id and version.
pub fn storage_key(plan: &Plan) -> String {
    format!("plan-widget:{}:v{}:scenarios", plan.id(), plan.version())
}

/// The storage form of `kept`.
pub fn to_stored(plan: &Plan, kept: &[Kept]) -> Vec<StoredKept> {
    let defaults = plan.defaults();
    kept.iter()
        .map(|k| StoredKept {
            name: k.name.clone(),
            values: differing_inputs(&defaults, &k.values)
                .into_iter()
                .filter_map(|i| Some((plan.inputs().get(i)?.id.clone(), *k.values.get(i)?)))
                .collect(),
        })
        .collect()
}

/// Kept scenarios from their storage form. Unknown ids are skipped and values are snapped into
/// range (the plan may have changed within a version).
pub fn from_stored(plan: &Plan, stored: Vec<StoredKept>) -> Vec<Kept> {
    stored
        .into_iter()
        .map(|s| {
            let mut values = plan.defaults();
            for (id, v) in s.values {
                if let (Some(i), true) = (plan.input_index(&id), v.is_finite()) {
                    if let (Some(slot), Some(input)) = (values.get_mut(i), plan.inputs().get(i)) {
                        *slot = input.snap(v);
                    }
                }
            }
            Kept {
                name: s.name,
                values,
            }
        })
        .collect()
}

/// The storage text of `kept`: [`to_stored`] as JSON.
pub fn encode_kept(plan: &Plan, kept: &[Kept]) -> String {
    serde_json::to_string(&to_stored(plan, kept)).unwrap_or_default()
}

/// Reads kept scenarios from storage text ([`from_stored`]); text that is not the storage form
/// is an error, and the caller keeps what it has.
pub fn decode_kept(plan: &Plan, text: &str) -> Result<Vec<Kept>, StoredError> {
    let stored = serde_json::from_str(text).map_err(|e| StoredError(e.to_string()))?;
    Ok(from_stored(plan, stored))
}

/// A name for a new kept scenario: `name` trimmed, or `fallback` numbered when empty; a name
/// already used gets ` (2)`, ` (3)`, … appended.
pub fn unique_name(kept: &[Kept], name: &str, fallback: &str) -> String {
    let base = match name.trim() {
        "" => format!("{fallback} {}", kept.len() + 1),
        n => n.chars().take(60).collect(),
    };
    let taken = |n: &str| kept.iter().any(|k| k.name == n);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|k| format!("{base} ({k})"))
        .find(|n| !taken(n))
        .unwrap_or(base)
}

/// One item of the summary strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripItem {
    /// A derived quantity marked `summary` (index into [`Plan::derived`]).
    Value(usize),
    /// A `summary` derived quantity whose formula is `have - need`, both plain ids: shown as
    /// "need against have" with the balance. Values are slots of the outcome.
    Balance {
        balance: usize,
        have_slot: usize,
        need_slot: usize,
    },
}

/// The summary strip of a plan: every derived quantity marked `summary`; one of the form
/// `a - b` becomes a balance of `b` (needed) against `a` (available), and summary quantities it
/// already shows are not repeated.
pub fn strip(plan: &Plan) -> Vec<StripItem> {
    let slot_of = |id: &str| {
        plan.input_index(id)
            .or_else(|| plan.derived_index(id).map(|d| plan.derived_slot(d)))
    };
    let mut items = Vec::new();
    let mut shown = Vec::new();
    for (i, d) in plan.derived().iter().enumerate() {
        if !d.summary {
            continue;
        }
        if let Ok(Expr::Bin(BinOp::Sub, a, b)) = parse(&d.formula) {
            if let (Expr::Var { name: have, .. }, Expr::Var { name: need, .. }) = (&*a, &*b) {
                if let (Some(have_slot), Some(need_slot)) = (slot_of(have), slot_of(need)) {
                    items.push(StripItem::Balance {
                        balance: i,
                        have_slot,
                        need_slot,
                    });
                    shown.push(have_slot);
                    shown.push(need_slot);
                    continue;
                }
            }
        }
        items.push(StripItem::Value(i));
    }
    items.retain(|item| match item {
        StripItem::Value(d) => !shown.contains(&plan.derived_slot(*d)),
        StripItem::Balance { .. } => true,
    });
    items
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::core::parse_plan;

    fn small() -> Plan {
        parse_plan(include_str!("../../../tests/plans/small.json")).unwrap()
    }

    #[test]
    fn drag_is_one_undo_step_and_redo_restores() {
        let mut h = History::new(vec![1.0, 2.0]);
        assert!(!h.set(0, 1.0), "same value is no change");
        assert!(h.set(0, 3.0));
        assert!(h.set(0, 4.0));
        h.commit();
        assert!(h.set(1, 5.0));
        assert_eq!(h.values(), &[4.0, 5.0]);
        assert!(h.undo());
        assert_eq!(h.values(), &[4.0, 2.0]);
        assert!(h.undo());
        assert_eq!(h.values(), &[1.0, 2.0]);
        assert!(!h.undo());
        assert!(h.redo());
        assert!(h.redo());
        assert_eq!(h.values(), &[4.0, 5.0]);
        assert!(!h.redo());
    }

    #[test]
    fn a_new_change_clears_redo_and_replace_is_one_step() {
        let mut h = History::new(vec![1.0, 2.0]);
        h.set(0, 3.0);
        h.undo();
        assert!(h.can_redo());
        h.set(1, 9.0);
        assert!(!h.can_redo());
        assert!(h.replace(vec![1.0, 2.0]));
        assert!(!h.replace(vec![1.0, 2.0]), "no change");
        assert!(!h.replace(vec![1.0]), "wrong length");
        h.undo();
        assert_eq!(h.values(), &[1.0, 9.0]);
        assert!(!h.set(7, 1.0));
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::new(vec![0.0]);
        for k in 1..=(HISTORY_LIMIT + 50) {
            h.set(0, k as f64);
            h.commit();
        }
        let mut n = 0;
        while h.undo() {
            n += 1;
        }
        assert_eq!(n, HISTORY_LIMIT);
    }

    #[test]
    fn moves_list_changed_targets_flips_first() {
        let plan = small();
        let base = plan.evaluate(&plan.defaults());
        assert!(
            moves(&plan, &base, &base).is_empty(),
            "no move, nothing changed"
        );
        let mut v = plan.defaults();
        v[plan.input_index("kg_new").unwrap()] = 3.0;
        let after = plan.evaluate(&v);
        let m = moves(&plan, &base, &after);
        let ger = plan.target_index("ger").unwrap();
        let g = m.iter().find(|x| x.target == ger).unwrap();
        assert!(g.flipped);
        assert!(g.after < g.before, "fewer new places: a lower rate");
        // Every listed target changed; every target not listed kept value and status.
        for i in 0..plan.targets().len() {
            let changed = (base.target(&plan, i) - after.target(&plan, i)).abs() > 1e-12
                || base.statuses[i] != after.statuses[i];
            assert_eq!(changed, m.iter().any(|x| x.target == i), "target {i}");
        }
        // Unflipped moves come after every flip.
        let k = m.iter().take_while(|x| x.flipped).count();
        assert!(m[k..].iter().all(|x| !x.flipped));
    }

    #[test]
    fn flips_and_differences() {
        let plan = small();
        let base = plan.evaluate(&plan.defaults());
        let mut v = plan.defaults();
        v[plan.input_index("kg_new").unwrap()] = 3.0;
        let after = plan.evaluate(&v);
        let f = flips(&base, &after);
        let ger = plan.target_index("ger").unwrap();
        assert!(f
            .iter()
            .any(|f| f.target == ger && f.after == Status::NotMet && f.before != Status::NotMet));
        assert_eq!(
            differing_inputs(&plan.defaults(), &v),
            vec![plan.input_index("kg_new").unwrap()]
        );
    }

    #[test]
    fn kept_scenarios_round_trip_and_bad_text_is_an_error() {
        let plan = small();
        let mut v = plan.defaults();
        v[0] = 3.0;
        let kept = vec![
            Kept {
                name: "三所".into(),
                values: v,
            },
            Kept {
                name: "plan".into(),
                values: plan.defaults(),
            },
        ];
        let text = encode_kept(&plan, &kept);
        assert_eq!(
            text,
            r#"[{"name":"三所","values":{"kg_new":3.0}},{"name":"plan","values":{}}]"#
        );
        assert_eq!(decode_kept(&plan, &text).unwrap(), kept);
        let odd = r#"[{"name":"x","values":{"kg_new":999,"gone":1}}]"#;
        assert_eq!(decode_kept(&plan, odd).unwrap()[0].values[0], 20.0);
        assert!(decode_kept(&plan, "{oops").is_err());
        assert_eq!(
            storage_key(&plan),
            "plan-widget:demo-town-2023:v1:scenarios"
        );
    }

    #[test]
    fn names_are_unique() {
        let kept = vec![Kept {
            name: "A".into(),
            values: vec![],
        }];
        assert_eq!(unique_name(&kept, "  ", "方案"), "方案 2");
        assert_eq!(unique_name(&kept, " A ", "方案"), "A (2)");
        assert_eq!(unique_name(&kept, "B", "方案"), "B");
    }

    #[test]
    fn strip_finds_balances_generically() {
        let plan = small();
        let s = strip(&plan);
        let bal = plan.derived_index("budget_balance").unwrap();
        let cost = plan.derived_index("cost").unwrap();
        assert_eq!(
            s,
            vec![StripItem::Balance {
                balance: bal,
                have_slot: plan.input_index("funding").unwrap(),
                need_slot: plan.derived_slot(cost),
            }]
        );
    }
}
