//! The wire types of the element's events: the `detail` of `scenario-change` and
//! `status-change` (the shapes of js/plan-widget.d.ts, `ScenarioChangeDetail` and
//! `StatusChangeDetail`, and of docs/embedding.md). The one definition: the UI builds them
//! ([`scenario_change`]) and `crate::web::element` hands them to JS as values
//! (serde-wasm-bindgen, JSON-compatible: `None` is `null`). Apart from [`super::report`], the
//! shape of `plan-widget eval --format json` and the exports, which names its fields in
//! snake_case.

use super::plan::{Outcome, Plan, Status};
use super::risk::RiskResult;
use serde::Serialize;

/// The `detail` of `scenario-change` (and, with each target's chance, of `status-change`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioChange {
    /// The current share code (the plan as written has one too).
    pub scenario: String,
    pub targets: Vec<TargetState>,
}

/// One target of an event's `detail`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetState {
    pub id: String,
    /// `null` when the target has no finite value (status `no_data`).
    pub value: Option<f64>,
    /// By the one-assumption rule (as `plan-widget eval`).
    pub status: Status,
    /// `status-change` only: the chance of being met (`null` inside: no figure for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chance: Option<Option<f64>>,
    /// `status-change` only: the status shown ([`super::risk::shown_outcome`]), `shownStatus`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown_status: Option<Status>,
}

/// The event detail of a scenario (`outcome`, its share code `code`): for `status-change`
/// `shown` gives the shown statuses and the chances they come from.
pub fn scenario_change(
    plan: &Plan,
    outcome: &Outcome,
    code: &str,
    shown: Option<(&Outcome, &RiskResult)>,
) -> ScenarioChange {
    let status = |o: &Outcome, i: usize| o.statuses.get(i).copied().unwrap_or(Status::NoData);
    ScenarioChange {
        scenario: code.to_string(),
        targets: plan
            .targets()
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let v = outcome.target(plan, i);
                TargetState {
                    id: t.id.clone(),
                    value: v.is_finite().then_some(v),
                    status: status(outcome, i),
                    chance: shown.map(|(_, r)| r.probabilities.get(i).copied().flatten()),
                    shown_status: shown.map(|(o, _)| status(o, i)),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change() -> ScenarioChange {
        let target = |id: &str, value, status| TargetState {
            id: id.into(),
            value,
            status,
            chance: None,
            shown_status: None,
        };
        ScenarioChange {
            scenario: "abc".into(),
            targets: vec![
                target("t1", Some(93.5), Status::Met),
                target("t2", None, Status::NoData),
            ],
        }
    }

    #[test]
    fn built_from_an_evaluation_and_its_chances() {
        use crate::core::risk::shown_outcome;
        let Some(Ok(plan)) = crate::core::builtin::load(crate::core::builtin::DEFAULT_ID) else {
            panic!("the default plan does not load");
        };
        let outcome = plan.evaluate(&plan.defaults());
        let change = scenario_change(&plan, &outcome, "c", None);
        assert_eq!(change.scenario, "c");
        let ids: Vec<&str> = change.targets.iter().map(|t| t.id.as_str()).collect();
        let want: Vec<&str> = plan.targets().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, want);
        for (i, t) in change.targets.iter().enumerate() {
            assert_eq!(Some(t.status), outcome.statuses.get(i).copied());
            assert_eq!(t.value, Some(outcome.target(&plan, i)));
            assert_eq!((t.chance, t.shown_status), (None, None));
        }
        // With chances: each target's chance, and the status shown by it.
        let n = plan.targets().len();
        let risk = RiskResult {
            samples: 1,
            seed: 0,
            probabilities: vec![Some(0.5); n],
            bands: Vec::new(),
        };
        let shown = shown_outcome(&outcome, &risk.probabilities);
        let status = scenario_change(&plan, &outcome, "c", Some((&shown, &risk)));
        for (i, t) in status.targets.iter().enumerate() {
            assert_eq!(t.chance, Some(Some(0.5)));
            assert_eq!(t.shown_status, shown.statuses.get(i).copied());
        }
        assert!(status
            .targets
            .iter()
            .any(|t| t.shown_status != Some(t.status)));
    }

    #[test]
    fn the_documented_shapes() {
        let json = |c: &ScenarioChange| serde_json::to_string(c).unwrap_or_default();
        assert_eq!(
            json(&change()),
            r#"{"scenario":"abc","targets":[{"id":"t1","value":93.5,"status":"met"},{"id":"t2","value":null,"status":"no_data"}]}"#
        );
        // status-change: each target also has its chance (null without one) and shown status.
        let mut status = change();
        if let [t1, t2] = status.targets.as_mut_slice() {
            (t1.chance, t1.shown_status) = (Some(Some(0.62)), Some(Status::AtRisk));
            (t2.chance, t2.shown_status) = (Some(None), Some(Status::NoData));
        }
        assert_eq!(
            json(&status),
            r#"{"scenario":"abc","targets":[{"id":"t1","value":93.5,"status":"met","chance":0.62,"shownStatus":"at_risk"},{"id":"t2","value":null,"status":"no_data","chance":null,"shownStatus":"no_data"}]}"#
        );
    }
}
