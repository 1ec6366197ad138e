//! The Progress view's own state: the merged actuals, what each load gave, the as-of month,
//! the area of the timelines and which timelines are open.

use crate::core::progress::{parse_actuals, Actuals, MonthNo, RowError, Scope};
use crate::core::Plan;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::Reducible;

/// Where a load came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The element's `actuals` attribute (text fetched by the host).
    Page,
    /// A file chosen in the picker.
    File(String),
}

/// What one load gave: the values used, one error per bad row, warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadNote {
    pub source: Source,
    /// Values in this load (after duplicates within it are replaced).
    pub used: usize,
    pub errors: Vec<RowError>,
    pub warnings: Vec<RowError>,
    /// The file could not be read at all.
    pub unreadable: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PState {
    pub actuals: Rc<Actuals>,
    /// Bumped on every change of `actuals`.
    pub rev: u32,
    /// Newest first.
    pub loads: Vec<Rc<LoadNote>>,
    /// `None`: the latest month in the actuals.
    pub as_of: Option<MonthNo>,
    pub scope: Scope,
    /// Targets whose timeline is open.
    pub open: BTreeSet<usize>,
}

impl PState {
    pub fn new() -> PState {
        PState {
            actuals: Rc::new(Actuals::default()),
            rev: 0,
            loads: Vec::new(),
            as_of: None,
            scope: Scope::City,
            open: BTreeSet::from([0]),
        }
    }

    /// The month the report is for: the chosen one, else the latest reported.
    pub fn month(&self) -> Option<MonthNo> {
        self.as_of.or_else(|| self.actuals.latest_month())
    }

    /// Parses `text` against `plan` and merges the good rows into what is loaded.
    pub fn load(&mut self, plan: &Plan, source: Source, text: &str) {
        let load = parse_actuals(plan, text);
        let used = load.actuals.len();
        if used > 0 {
            let mut merged = (*self.actuals).clone();
            merged.merge(load.actuals);
            self.actuals = Rc::new(merged);
            self.rev = self.rev.wrapping_add(1);
        }
        self.loads.insert(
            0,
            Rc::new(LoadNote {
                source,
                used,
                errors: load.errors,
                warnings: load.warnings,
                unreadable: false,
            }),
        );
    }
}

impl Default for PState {
    fn default() -> PState {
        PState::new()
    }
}

pub enum PAction {
    Load {
        plan: Rc<Plan>,
        source: Source,
        text: String,
    },
    Unreadable(String),
    AsOf(Option<MonthNo>),
    Scope(Scope),
    Toggle(usize),
}

impl Reducible for PState {
    type Action = PAction;
    fn reduce(self: Rc<Self>, action: PAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PAction::Load { plan, source, text } => next.load(&plan, source, &text),
            PAction::Unreadable(name) => next.loads.insert(
                0,
                Rc::new(LoadNote {
                    source: Source::File(name),
                    used: 0,
                    errors: Vec::new(),
                    warnings: Vec::new(),
                    unreadable: true,
                }),
            ),
            PAction::AsOf(m) if m == self.as_of => return self,
            PAction::AsOf(m) => next.as_of = m,
            PAction::Scope(s) if s == self.scope => return self,
            PAction::Scope(s) => next.scope = s,
            PAction::Toggle(t) => {
                if !next.open.remove(&t) {
                    next.open.insert(t);
                }
            }
        }
        Rc::new(next)
    }
}
