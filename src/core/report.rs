//! Plain-data views of an evaluated scenario, in the documented JSON shape. Used by
//! `plan-widget eval --format json` and the widget's export. (The element's events have their
//! own, smaller wire types: [`super::events`].)

use super::constraint::reason;
use super::i18n::Lang;
use super::plan::{Goal, Outcome, Plan, Role, Status, Unit};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub plan: String,
    /// The scenario's share code (empty when there is none yet).
    pub scenario: String,
    pub levers: Vec<LeverRow>,
    pub targets: Vec<TargetRow>,
    pub derived: Vec<DerivedRow>,
    /// Per role (outcome, commitment, check): how many hold (met or at risk) of how many.
    pub counts: Vec<RoleCount>,
    /// The plan's binding resources (money, staff, …) in this scenario.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<ConstraintRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RoleCount {
    pub role: Role,
    pub met: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConstraintRow {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub rule: &'static str,
    pub available: Option<f64>,
    pub need: Option<f64>,
    pub gap: Option<f64>,
    pub items: Vec<ConstraintItemRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConstraintItemRow {
    pub id: String,
    pub label: String,
    pub need: Option<f64>,
    /// Share of the need covered, 0–1.
    pub share: Option<f64>,
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
    /// Where the default comes from (`plan`, `not_in_plan`, `official`, `estimate`, `fitted`),
    /// when the plan says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<&'static str>,
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
    /// `outcome`, `commitment` or `check` (a feasibility check the model adds; no source).
    pub role: Role,
    /// What a resource gap stopped that reaches this target, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
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
                origin: input.origin.map(|o| o.as_str()),
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
                role: t.role,
                reason: reason(plan, outcome, i, lang),
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
        counts: outcome
            .counts_by_role(plan)
            .iter()
            .map(|&(role, met, total)| RoleCount { role, met, total })
            .collect(),
        constraints: constraint_rows(plan, outcome, lang),
    }
}

fn constraint_rows(plan: &Plan, outcome: &Outcome, lang: Lang) -> Vec<ConstraintRow> {
    let d = |i: usize| finite(outcome.derived(plan, i));
    plan.constraints()
        .iter()
        .map(|c| ConstraintRow {
            id: c.id.clone(),
            label: c.label.get(lang).to_string(),
            unit: c.unit.canonical(lang).to_string(),
            rule: c.rule.as_str(),
            available: d(c.available),
            need: d(c.need),
            gap: d(c.gap),
            items: c
                .items
                .iter()
                .map(|it| ConstraintItemRow {
                    id: it.id.clone(),
                    label: it.label.get(lang).to_string(),
                    need: d(it.need),
                    share: d(it.share),
                })
                .collect(),
        })
        .collect()
}
