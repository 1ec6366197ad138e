//! The widget's session as one value: the values with their history, the current evaluation,
//! the kept scenarios with theirs, the open tab and what browser storage did. [`Session::apply`]
//! is every rule of the widget's reducer (`web::ui::state` is a shell over it): an action that
//! changes nothing returns false, so the widget keeps the same state and nothing re-renders.

use super::{unique_name, History, Kept, StoredError};
use crate::core::plan::{Outcome, Plan};
use crate::core::share::Tab;
use std::rc::Rc;

/// A kept scenario with its evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptView {
    pub kept: Kept,
    pub outcome: Rc<Outcome>,
}

/// What happened to browser storage, shown in the compare panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageNote {
    /// Writing was refused (quota, private mode, disabled).
    Refused,
    /// What was stored could not be read.
    Unreadable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub plan: Rc<Plan>,
    pub history: History,
    /// The current scenario's evaluation.
    pub outcome: Rc<Outcome>,
    /// The plan as written, evaluated once.
    pub base: Rc<Outcome>,
    pub kept: Vec<KeptView>,
    /// Bumped whenever the values change (the `scenario-change` event follows it).
    pub rev: u32,
    /// Bumped whenever the kept scenarios change (storage writes follow it).
    pub kept_rev: u32,
    pub storage: Option<StorageNote>,
    /// The open tab (it goes into the share code).
    pub tab: Tab,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Set input `i` to a value (snapped to its range and step).
    Set(usize, f64),
    /// The end of a drag or an edit: the next change is a new undo step.
    Commit,
    ResetInput(usize),
    ResetAll,
    Undo,
    Redo,
    /// Keep the current scenario under a name (the second field is the default name stem).
    Keep(String, String),
    Remove(usize),
    Storage(Option<StorageNote>),
    /// Open a tab.
    Tab(Tab),
    /// A share code's scenario: the values (one undo step), the tab, and kept scenarios added
    /// to those already kept (the fallback name stem as for `Keep`).
    Apply {
        values: Vec<f64>,
        tab: Tab,
        kept: Vec<Kept>,
        fallback: String,
    },
}

/// What the current scenario is, for its name under the QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current<'a> {
    /// The plan as written.
    AsWritten,
    /// A kept scenario with the same values.
    Kept(&'a str),
    /// Values of the reader's own.
    Custom,
}

impl Session {
    /// The plan as written, with the kept scenarios read from storage (`None`: nothing stored;
    /// an error: what was stored could not be read).
    pub fn new(plan: Rc<Plan>, stored: Option<Result<Vec<Kept>, StoredError>>) -> Session {
        let base = Rc::new(plan.evaluate(&plan.defaults()));
        let (kept, storage) = match stored {
            None => (Vec::new(), None),
            Some(Ok(k)) => (k, None),
            Some(Err(_)) => (Vec::new(), Some(StorageNote::Unreadable)),
        };
        let kept = kept
            .into_iter()
            .map(|kept| KeptView {
                outcome: Rc::new(plan.evaluate(&kept.values)),
                kept,
            })
            .collect();
        Session {
            history: History::new(plan.defaults()),
            outcome: base.clone(),
            base,
            plan,
            kept,
            rev: 0,
            kept_rev: 0,
            storage,
            tab: Tab::default(),
        }
    }

    pub fn values(&self) -> &[f64] {
        self.history.values()
    }

    /// The kept scenarios without their evaluations (share codes, storage).
    pub fn kept_list(&self) -> Vec<Kept> {
        self.kept.iter().map(|k| k.kept.clone()).collect()
    }

    /// Whether the values differ from the plan as written.
    pub fn changed(&self) -> bool {
        self.values() != self.plan.defaults().as_slice()
    }

    /// The current scenario: the plan as written, a kept one with the same values, or custom.
    pub fn current(&self) -> Current<'_> {
        if !self.changed() {
            return Current::AsWritten;
        }
        self.kept
            .iter()
            .find(|k| k.kept.values == self.values())
            .map_or(Current::Custom, |k| Current::Kept(&k.kept.name))
    }

    /// The scenarios compared beside the current one: the plan as written, then the kept ones.
    pub fn compared_values(&self) -> Vec<Vec<f64>> {
        std::iter::once(self.plan.defaults())
            .chain(self.kept.iter().map(|k| k.kept.values.clone()))
            .collect()
    }

    /// The storage note after writing the kept scenarios (`ok`: the browser took them), as an
    /// action when it changes. Unreadable stored text stays reported until a write fails.
    pub fn after_write(&self, ok: bool) -> Option<Action> {
        let note = (!ok).then_some(StorageNote::Refused);
        let keeps_unreadable = self.storage == Some(StorageNote::Unreadable) && ok;
        (note != self.storage && !keeps_unreadable).then_some(Action::Storage(note))
    }

    /// Applies `action`; false when it changed nothing.
    pub fn apply(&mut self, action: Action) -> bool {
        let values_changed = match action {
            Action::Set(i, v) => self.set(i, v),
            Action::Commit => return self.history.commit(),
            Action::ResetInput(i) => self.reset_input(i),
            Action::ResetAll => self.history.replace(self.plan.defaults()),
            Action::Undo => self.history.undo(),
            Action::Redo => self.history.redo(),
            Action::Keep(name, fallback) => {
                let outcome = self.outcome.clone();
                let values = self.values().to_vec();
                self.keep(&name, &fallback, values, outcome);
                return true;
            }
            Action::Remove(k) => return self.remove(k),
            Action::Storage(note) => return replace(&mut self.storage, note),
            Action::Tab(tab) => return replace(&mut self.tab, tab),
            Action::Apply {
                values,
                tab,
                kept,
                fallback,
            } => return self.apply_code(values, tab, kept, &fallback),
        };
        if values_changed {
            self.evaluate();
        }
        values_changed
    }

    fn set(&mut self, i: usize, v: f64) -> bool {
        match self.plan.inputs().get(i).map(|input| input.snap(v)) {
            Some(v) => self.history.set(i, v),
            None => false,
        }
    }

    /// One input back to the plan's value, as one undo step of its own.
    fn reset_input(&mut self, i: usize) -> bool {
        let Some(d) = self.plan.inputs().get(i).map(|input| input.default) else {
            return false;
        };
        self.history.commit();
        let changed = self.history.set(i, d);
        self.history.commit();
        changed
    }

    fn keep(&mut self, name: &str, fallback: &str, values: Vec<f64>, outcome: Rc<Outcome>) {
        let name = unique_name(&self.kept_list(), name, fallback);
        self.kept.push(KeptView {
            kept: Kept { name, values },
            outcome,
        });
        self.kept_rev = self.kept_rev.wrapping_add(1);
    }

    fn remove(&mut self, k: usize) -> bool {
        if k >= self.kept.len() {
            return false;
        }
        self.kept.remove(k);
        self.kept_rev = self.kept_rev.wrapping_add(1);
        true
    }

    /// A share code's scenario: its kept scenarios not already kept are added, its values
    /// replace the current ones as one undo step, its tab opens.
    fn apply_code(&mut self, values: Vec<f64>, tab: Tab, kept: Vec<Kept>, fallback: &str) -> bool {
        let mut changed = replace(&mut self.tab, tab);
        for k in kept {
            if self.kept.iter().any(|kv| kv.kept == k) {
                continue;
            }
            let outcome = Rc::new(self.plan.evaluate(&k.values));
            self.keep(&k.name, fallback, k.values, outcome);
            changed = true;
        }
        self.history.commit();
        if self.history.replace(values) {
            self.evaluate();
            return true;
        }
        changed
    }

    /// Re-evaluates after the values changed.
    fn evaluate(&mut self) {
        self.outcome = Rc::new(self.plan.evaluate(self.history.values()));
        self.rev = self.rev.wrapping_add(1);
    }
}

/// Sets `slot` to `value`; false when it already held it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::core::parse_plan;
    use crate::core::session::{decode_kept, encode_kept};

    fn session() -> Session {
        let plan = parse_plan(include_str!("../../../tests/plans/small.json")).unwrap();
        Session::new(Rc::new(plan), None)
    }

    fn kept(name: &str, values: Vec<f64>) -> Kept {
        Kept {
            name: name.into(),
            values,
        }
    }

    #[test]
    fn set_snaps_evaluates_and_bumps_the_revision() {
        let mut s = session();
        let i = s.plan.input_index("kg_new").unwrap();
        assert!(s.apply(Action::Set(i, 3.4)));
        assert_eq!(s.values()[i], 3.0, "snapped to the step");
        assert_eq!(s.rev, 1);
        assert_eq!(*s.outcome, s.plan.evaluate(s.values()));
        assert!(!s.apply(Action::Set(i, 3.2)), "snaps to the same value");
        assert!(!s.apply(Action::Set(99, 1.0)), "no such input");
        assert_eq!(s.rev, 1);
        assert!(s.changed());
    }

    #[test]
    fn a_drag_is_one_step_and_commit_changes_only_the_history() {
        let mut s = session();
        let i = s.plan.input_index("kg_new").unwrap();
        s.apply(Action::Set(i, 3.0));
        s.apply(Action::Set(i, 4.0));
        assert!(s.apply(Action::Commit));
        assert!(!s.apply(Action::Commit), "nothing open");
        assert_eq!(s.rev, 2, "a commit does not re-evaluate");
        assert!(s.apply(Action::Undo));
        assert!(!s.changed());
        assert_eq!(*s.outcome, *s.base);
        assert!(s.apply(Action::Redo));
        assert_eq!(s.values()[i], 4.0);
    }

    #[test]
    fn reset_input_is_its_own_step_and_reset_all_one_step() {
        let mut s = session();
        let (a, b) = (
            s.plan.input_index("kg_new").unwrap(),
            s.plan.input_index("funding").unwrap(),
        );
        s.apply(Action::Set(a, 2.0));
        s.apply(Action::Set(b, 5000.0));
        assert!(s.apply(Action::ResetInput(b)));
        assert!(!s.apply(Action::ResetInput(b)), "already the plan's value");
        assert!(!s.apply(Action::ResetInput(99)));
        s.apply(Action::Undo);
        assert_eq!(s.values()[b], 5000.0, "undo brings the reset input back");
        assert!(s.apply(Action::ResetAll));
        assert!(!s.apply(Action::ResetAll), "already as written");
        s.apply(Action::Undo);
        assert_eq!((s.values()[a], s.values()[b]), (2.0, 5000.0));
    }

    #[test]
    fn keep_names_uniquely_and_remove_bumps_the_kept_revision() {
        let mut s = session();
        let i = s.plan.input_index("kg_new").unwrap();
        s.apply(Action::Set(i, 2.0));
        assert!(s.apply(Action::Keep(String::new(), "方案".into())));
        assert!(s.apply(Action::Keep("方案 1".into(), "方案".into())));
        let names: Vec<_> = s.kept.iter().map(|k| k.kept.name.as_str()).collect();
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1], "{names:?}");
        assert_eq!(s.kept_rev, 2);
        assert_eq!(
            s.kept[0].outcome, s.outcome,
            "kept with the current evaluation"
        );
        assert_eq!(s.current(), Current::Kept(&s.kept[0].kept.name.clone()));
        assert!(!s.apply(Action::Remove(5)));
        assert!(s.apply(Action::Remove(0)));
        assert_eq!((s.kept.len(), s.kept_rev), (1, 3));
        assert_eq!(s.compared_values().len(), 2, "as written + one kept");
    }

    #[test]
    fn current_names_the_plan_as_written_and_custom_values() {
        let mut s = session();
        assert_eq!(s.current(), Current::AsWritten);
        let i = s.plan.input_index("funding").unwrap();
        s.apply(Action::Set(i, 100.0));
        assert_eq!(s.current(), Current::Custom);
    }

    #[test]
    fn tab_and_storage_change_only_when_different() {
        let mut s = session();
        assert!(!s.apply(Action::Tab(Tab::default())));
        assert!(s.apply(Action::Tab(Tab::Compare)));
        assert!(s.apply(Action::Storage(Some(StorageNote::Refused))));
        assert!(!s.apply(Action::Storage(Some(StorageNote::Refused))));
        assert_eq!(s.rev, 0, "neither re-evaluates");
    }

    #[test]
    fn a_share_code_adds_new_kept_scenarios_once_and_replaces_the_values() {
        let mut s = session();
        let mut values = s.plan.defaults();
        values[s.plan.input_index("kg_new").unwrap()] = 1.0;
        let mut other = s.plan.defaults();
        other[s.plan.input_index("funding").unwrap()] = 5000.0;
        let code = || Action::Apply {
            values: values.clone(),
            tab: Tab::Compare,
            kept: vec![kept("甲", other.clone())],
            fallback: "方案".into(),
        };
        assert!(s.apply(code()));
        assert_eq!((s.tab, s.kept.len(), s.rev), (Tab::Compare, 1, 1));
        let statuses = &s.plan.evaluate(&other).statuses;
        assert_eq!(
            &s.kept[0].outcome.statuses, statuses,
            "evaluated when added"
        );
        assert!(!s.apply(code()), "the same code again changes nothing");
        s.apply(Action::Undo);
        assert!(!s.changed(), "the values were one undo step");
    }

    #[test]
    fn stored_text_is_read_and_unreadable_text_reported_until_a_write_fails() {
        let plan = session().plan;
        let text = encode_kept(&plan, &[kept("甲", plan.defaults())]);
        let s = Session::new(plan.clone(), Some(decode_kept(&plan, &text)));
        assert_eq!((s.kept.len(), s.storage), (1, None));
        assert_eq!(s.after_write(true), None);
        assert_eq!(
            s.after_write(false),
            Some(Action::Storage(Some(StorageNote::Refused)))
        );
        let s = Session::new(plan.clone(), Some(decode_kept(&plan, "not json")));
        assert_eq!(
            (s.kept.len(), s.storage),
            (0, Some(StorageNote::Unreadable))
        );
        assert_eq!(s.after_write(true), None, "a good write keeps the report");
        assert_eq!(
            s.after_write(false),
            Some(Action::Storage(Some(StorageNote::Refused)))
        );
    }
}
