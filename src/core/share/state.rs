//! What a share code carries: the changed inputs, the view, the kept scenarios.

use super::super::plan::Plan;

/// Which tab of the widget is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Tab {
    #[default]
    Targets,
    Compare,
    Progress,
    Seek,
    Risk,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Targets,
        Tab::Compare,
        Tab::Progress,
        Tab::Seek,
        Tab::Risk,
    ];

    pub(super) fn code(self) -> u8 {
        match self {
            Tab::Targets => 0,
            Tab::Compare => 1,
            Tab::Progress => 2,
            Tab::Seek => 3,
            Tab::Risk => 4,
        }
    }

    pub(super) fn from_code(c: u8) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.code() == c)
    }
}

/// What the widget shows: the tab, and optionally a selected target and county.
/// New fields are added with a new flag bit (see docs/share.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct View {
    pub tab: Tab,
    /// Id of the selected target.
    pub target: Option<String>,
    /// Id of the selected county.
    pub county: Option<String>,
}

/// One input set away from the plan as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The input's id (policy lever or assumption).
    pub id: String,
    pub value: f64,
}

/// A named comparison scenario the user kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub name: String,
    pub changes: Vec<Change>,
}

impl Kept {
    /// One value per input: the plan as written with this scenario's changes applied.
    pub fn values(&self, plan: &Plan) -> Vec<f64> {
        apply_changes(plan, &self.changes)
    }
}

/// Everything a share code carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShareState {
    /// Inputs that differ from the plan as written, in plan order.
    pub changes: Vec<Change>,
    pub view: View,
    pub kept: Vec<Kept>,
}

impl ShareState {
    /// The state of a scenario given one value per input (as [`Plan::inputs`]).
    pub fn from_values(plan: &Plan, values: &[f64], view: View) -> ShareState {
        ShareState {
            changes: changes_from_values(plan, values),
            view,
            kept: Vec::new(),
        }
    }

    /// One value per input: the plan as written with the changes applied.
    pub fn values(&self, plan: &Plan) -> Vec<f64> {
        apply_changes(plan, &self.changes)
    }

    /// Adds a kept comparison scenario (given one value per input).
    pub fn keep(&mut self, plan: &Plan, name: impl Into<String>, values: &[f64]) {
        self.kept.push(Kept {
            name: name.into(),
            changes: changes_from_values(plan, values),
        });
    }
}

/// The inputs whose value differs (bit for bit) from the plan's default, in plan order.
pub fn changes_from_values(plan: &Plan, values: &[f64]) -> Vec<Change> {
    plan.inputs()
        .iter()
        .zip(values)
        .filter(|(input, v)| v.to_bits() != input.default.to_bits())
        .map(|(input, v)| Change {
            id: input.id.clone(),
            value: *v,
        })
        .collect()
}

/// The plan's defaults with `changes` applied (unknown ids are ignored).
pub fn apply_changes(plan: &Plan, changes: &[Change]) -> Vec<f64> {
    let mut values = plan.defaults();
    for c in changes {
        if let Some(slot) = plan.input_index(&c.id).and_then(|i| values.get_mut(i)) {
            *slot = c.value;
        }
    }
    values
}
