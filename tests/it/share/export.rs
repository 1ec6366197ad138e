//! CSV and JSON export of a scenario of the small plan, against expected files.

use super::small;
use crate::golden;
use plan_widget::core::export::{
    csv, csv_with_chances, export_json, file_name, json, json_with_chances,
};
use plan_widget::core::risk::{risk, DEFAULT_SAMPLES, DEFAULT_SEED};
use plan_widget::core::share::{encode, ShareState, View};
use plan_widget::core::Lang;
use plan_widget::core::{parse_plan, Plan};

fn scenario() -> Vec<f64> {
    let mut v = small().defaults();
    v[0] = 3.0; // kg_new: fewer kindergartens, the goal of 6 is missed
    v[3] = 3210.5; // children, off the step grid
    v
}

/// Compares with `tests/share/export-small.expected.KIND`; `UPDATE_EXPECT=1` rewrites it.
fn expect(kind: &str, actual: &str) {
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/share/export-small");
    golden::check(&case, kind, actual);
}

/// Rounded as shown (`65.4`, not `65.4103722161657`), goals in words, in both languages.
#[test]
fn csv_in_both_languages() {
    let plan = small();
    let outcome = plan.evaluate(&scenario());
    let zh = csv(plan, &outcome, Lang::ZhCn);
    expect("zh.csv", &zh);
    expect("en.csv", &csv(plan, &outcome, Lang::En));
    assert!(zh.contains(",65.4,%,90,不低于 90%,未达成\r\n"), "{zh}");
}

/// Download names: Chinese in Chinese, the plan's id in English.
#[test]
fn file_names_follow_the_language() {
    let plan = small();
    assert_eq!(
        file_name(plan, "csv", Lang::ZhCn),
        "示例镇2023年学校建设计划-方案.csv"
    );
    assert_eq!(
        file_name(plan, "json", Lang::En),
        "demo-town-2023-scenario.json"
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
    // The JSON keeps the exact values (3210.5, off the step grid), the CSV rounds them.
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

fn chance_plan() -> Plan {
    parse_plan(include_str!("../../plans/chance.json")).unwrap()
}

/// With the chances (the widget, once estimated), the CSV's status is the one the cards show
/// and a last column gives the chance; without them the CSV is as before.
#[test]
fn csv_with_chances_says_what_the_cards_say() {
    // Rounded as the cards show it (a whole percent), not 0.8123.
    let plan = chance_plan();
    let d = plan.defaults();
    let outcome = plan.evaluate(&d);
    let r = risk(&plan, &d, DEFAULT_SAMPLES, DEFAULT_SEED).unwrap();
    let p = r.probabilities[0].unwrap();
    assert!(p > 0.5 && p < 0.9, "{p}");
    let text = csv_with_chances(&plan, &outcome, Some(&r.probabilities), Lang::ZhCn);
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(
        lines[0],
        "类别,编号,名称,数值,单位,规划原值,目标值,状态,达成概率（%）"
    );
    assert_eq!(
        lines[1],
        format!(
            "目标,reach,学位达到1.9万个,30,千个,30,不低于 19 千个,有风险,{}",
            (p * 100.0).round()
        )
    );
    assert_eq!(
        lines[2],
        "目标,extra_five,新增5千个学位,0,千个,0,不低于 5 千个,未达成,0"
    );
    // Without chances: the status of `plan-widget eval` (met) and no chance column.
    let plain = csv(&plan, &outcome, Lang::En);
    assert!(plain.lines().nth(1).unwrap().ends_with(",Met"), "{plain}");
    assert_eq!(csv_with_chances(&plan, &outcome, None, Lang::En), plain);
}

/// The JSON keeps `status` (as `plan-widget eval`) and adds `chance` and `shown_status`.
#[test]
fn json_with_chances_adds_the_shown_status() {
    let plan = chance_plan();
    let d = plan.defaults();
    let outcome = plan.evaluate(&d);
    let r = risk(&plan, &d, DEFAULT_SAMPLES, DEFAULT_SEED).unwrap();
    let text = json_with_chances(&plan, &outcome, "", Some(&r.probabilities), Lang::En);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let reach = &v["targets"][0];
    assert_eq!(reach["status"], "met");
    assert_eq!(reach["shown_status"], "at_risk");
    assert_eq!(reach["chance"], r.probabilities[0].unwrap());
    let without: serde_json::Value =
        serde_json::from_str(&json(&plan, &outcome, "", Lang::En)).unwrap();
    assert!(without["targets"][0].get("chance").is_none());
    assert!(without["targets"][0].get("shown_status").is_none());
}
