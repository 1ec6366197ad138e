//! CSV and JSON export of a scenario of the small plan, against expected files.

use super::small;
use plan_widget::core::export::{csv, export_json, json};
use plan_widget::core::share::{encode, ShareState, View};
use plan_widget::core::Lang;

fn scenario() -> Vec<f64> {
    let mut v = small().defaults();
    v[0] = 3.0; // kg_new: fewer kindergartens, the goal of 6 is missed
    v[3] = 3210.5; // children, off the step grid
    v
}

#[test]
fn csv_in_both_languages() {
    let plan = small();
    let outcome = plan.evaluate(&scenario());
    assert_eq!(
        csv(plan, &outcome, Lang::ZhCn),
        include_str!("export-small.zh.csv")
    );
    assert_eq!(
        csv(plan, &outcome, Lang::En),
        include_str!("export-small.en.csv")
    );
}

#[test]
fn json_is_the_report_with_version_and_changes() {
    let plan = small();
    let values = scenario();
    let outcome = plan.evaluate(&values);
    let code = encode(
        plan,
        &ShareState::from_values(plan, &values, View::default()),
    );
    let text = json(plan, &outcome, &code, Lang::En);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["plan"], "demo-town-2023");
    assert_eq!(v["version"], 1);
    assert_eq!(v["scenario"], code.as_str());
    assert_eq!(
        v["changed"],
        serde_json::json!([
            {"id": "kg_new", "kind": "policy", "label": "New kindergartens", "value": 3.0, "default": 6.0, "unit": "schools"},
            {"id": "children", "kind": "assumption", "label": "Children aged 3-5", "value": 3210.5, "default": 3000.0, "unit": "children"}
        ])
    );
    assert_eq!(v["targets"].as_array().unwrap().len(), plan.targets().len());
    assert_eq!(v["targets"][1]["status"], "not_met");
    assert_eq!(
        export_json(plan, &outcome, &code, Lang::En)
            .report
            .levers
            .len(),
        plan.inputs().len()
    );
}
