//! Plain-data views of an evaluated scenario, in the documented JSON shape. Used by
//! `plan-widget eval --format json`, the widget's export and its `scenario-change` event.

use super::i18n::Lang;
use super::plan::{Goal, Outcome, Plan, Status, Unit};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub plan: String,
    /// The scenario's share code (empty when there is none yet).
    pub scenario: String,
    pub levers: Vec<LeverRow>,
    pub targets: Vec<TargetRow>,
    pub derived: Vec<DerivedRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LeverRow {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub value: f64,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub unit: String,
    /// How people read the values in this language, when the plan gives a display unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplayJson>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TargetRow {
    pub id: String,
    pub label: String,
    pub section: String,
    pub unit: String,
    /// `null` when no finite value (status `no_data`).
    pub value: Option<f64>,
    pub goal: GoalJson,
    pub status: Status,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplayJson>,
    /// The widget's export only, once the scenario's chances are known: P(met) (absent for a
    /// target without a value) and the status the widget shows by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chance: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown_status: Option<Status>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DerivedRow {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplayJson>,
}

/// A display unit (`{"unit": "billion yuan", "scale": 0.1}`): shown value = `value × scale`.
/// Only a hint for human displays; `value` and `unit` stay canonical.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DisplayJson {
    pub unit: String,
    pub scale: f64,
}

fn display_of(unit: &Unit, lang: Lang) -> Option<DisplayJson> {
    let shown = unit.shown(lang);
    (shown != unit.canonical(lang) || unit.scale(lang) != 1.0).then(|| DisplayJson {
        unit: shown.to_string(),
        scale: unit.scale(lang),
    })
}

/// `{"op": ">=", "value": 93.5}` or `{"op": "between", "min": 2, "max": 3}`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GoalJson {
    pub op: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl From<Goal> for GoalJson {
    fn from(g: Goal) -> GoalJson {
        match g {
            Goal::Between(a, b) => GoalJson {
                op: g.op(),
                value: None,
                min: Some(a),
                max: Some(b),
            },
            Goal::AtLeast(x) | Goal::AtMost(x) | Goal::Equal(x) => GoalJson {
                op: g.op(),
                value: Some(x),
                min: None,
                max: None,
            },
        }
    }
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Builds the report of `outcome` (an evaluation of `plan`).
pub fn report(plan: &Plan, outcome: &Outcome, scenario: &str, lang: Lang) -> Report {
    Report {
        plan: plan.id().to_string(),
        scenario: scenario.to_string(),
        levers: plan
            .inputs()
            .iter()
            .enumerate()
            .map(|(i, input)| LeverRow {
                id: input.id.clone(),
                kind: input.kind.as_str(),
                label: input.label.get(lang).to_string(),
                value: outcome.input(i),
                default: input.default,
                min: input.min,
                max: input.max,
                step: input.step,
                unit: input.unit.canonical(lang).to_string(),
                display: display_of(&input.unit, lang),
            })
            .collect(),
        targets: plan
            .targets()
            .iter()
            .enumerate()
            .map(|(i, t)| TargetRow {
                id: t.id.clone(),
                label: t.label.get(lang).to_string(),
                section: t.section.clone(),
                unit: t.unit.canonical(lang).to_string(),
                value: finite(outcome.target(plan, i)),
                goal: t.goal.into(),
                status: outcome.statuses.get(i).copied().unwrap_or(Status::NoData),
                source: t.source.clone(),
                display: display_of(&t.unit, lang),
                chance: None,
                shown_status: None,
            })
            .collect(),
        derived: plan
            .derived()
            .iter()
            .enumerate()
            .map(|(i, d)| DerivedRow {
                id: d.id.clone(),
                label: d.label.get(lang).to_string(),
                unit: d.unit.canonical(lang).to_string(),
                value: finite(outcome.derived(plan, i)),
                display: display_of(&d.unit, lang),
            })
            .collect(),
    }
}
