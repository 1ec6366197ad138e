//! The widget's one reducer: [`State`], [`Action`] and `impl Reducible`. The rules live in
//! [`crate::core::session`]; this evaluates each change once and keeps what the view needs.
//! An action that changes nothing returns the same `Rc`, so nothing re-renders.

use crate::core::session::{self, History, Kept, StoredError};
use crate::core::share::Tab;
use crate::core::{Outcome, Plan};
use std::rc::Rc;
use yew::Reducible;

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
pub struct State {
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

impl State {
    /// The plan as written, with the kept scenarios read from storage (`None`: nothing stored;
    /// an error: what was stored could not be read).
    pub fn new(plan: Rc<Plan>, stored: Option<Result<Vec<Kept>, StoredError>>) -> State {
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
        State {
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

    /// Re-evaluates after the values changed.
    fn evaluated(mut self) -> State {
        self.outcome = Rc::new(self.plan.evaluate(self.history.values()));
        self.rev = self.rev.wrapping_add(1);
        self
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let values_changed = match action {
            Action::Set(i, v) => match next.plan.inputs().get(i) {
                Some(input) => {
                    let v = input.snap(v);
                    next.history.set(i, v)
                }
                None => false,
            },
            Action::Commit => {
                return if next.history.commit() {
                    Rc::new(next)
                } else {
                    self
                };
            }
            Action::ResetInput(i) => match next.plan.inputs().get(i) {
                Some(input) => {
                    let d = input.default;
                    next.history.commit();
                    let changed = next.history.set(i, d);
                    next.history.commit();
                    changed
                }
                None => false,
            },
            Action::ResetAll => next.history.replace(next.plan.defaults()),
            Action::Undo => next.history.undo(),
            Action::Redo => next.history.redo(),
            Action::Keep(name, fallback) => {
                let kept: Vec<Kept> = next.kept.iter().map(|k| k.kept.clone()).collect();
                let name = session::unique_name(&kept, &name, &fallback);
                next.kept.push(KeptView {
                    kept: Kept {
                        name,
                        values: next.history.values().to_vec(),
                    },
                    outcome: next.outcome.clone(),
                });
                next.kept_rev = next.kept_rev.wrapping_add(1);
                return Rc::new(next);
            }
            Action::Remove(k) => {
                if k >= next.kept.len() {
                    return self;
                }
                next.kept.remove(k);
                next.kept_rev = next.kept_rev.wrapping_add(1);
                return Rc::new(next);
            }
            Action::Storage(note) => {
                if note == self.storage {
                    return self;
                }
                next.storage = note;
                return Rc::new(next);
            }
            Action::Tab(tab) => {
                if tab == self.tab {
                    return self;
                }
                next.tab = tab;
                return Rc::new(next);
            }
            Action::Apply {
                values,
                tab,
                kept,
                fallback,
            } => {
                let mut changed = tab != next.tab;
                next.tab = tab;
                for k in kept {
                    if next.kept.iter().any(|kv| kv.kept == k) {
                        continue;
                    }
                    let have: Vec<Kept> = next.kept.iter().map(|kv| kv.kept.clone()).collect();
                    let name = session::unique_name(&have, &k.name, &fallback);
                    next.kept.push(KeptView {
                        outcome: Rc::new(next.plan.evaluate(&k.values)),
                        kept: Kept {
                            name,
                            values: k.values,
                        },
                    });
                    next.kept_rev = next.kept_rev.wrapping_add(1);
                    changed = true;
                }
                next.history.commit();
                if next.history.replace(values) {
                    return Rc::new(next.evaluated());
                }
                if !changed {
                    return self;
                }
                return Rc::new(next);
            }
        };
        if values_changed {
            Rc::new(next.evaluated())
        } else {
            self
        }
    }
}
