//! Binding resources (the `constraints` block): the derived quantities validation makes from
//! them, the two rules, and the words that say what a gap stopped.

use plan_widget::core::constraint::{reason, slips};
use plan_widget::core::{parse_plan, Lang, Plan, Status};

/// A tiny plan with one resource shared by two items under `rule`.
fn plan(rule: &str) -> Plan {
    let json = format!(
        r#"{{
  "format": 1, "id": "tiny", "version": 1, "title": {{"zh": "小计划"}},
  "sections": [{{"id": "s", "title": {{"zh": "目标", "en": "Goals"}}}}],
  "levers": [
    {{"id": "budget", "label": {{"zh": "预算", "en": "Budget"}}, "min": 0, "max": 100, "step": 1, "default": 100, "origin": "plan"}},
    {{"id": "a_planned", "label": {{"zh": "甲", "en": "A"}}, "min": 0, "max": 100, "step": 1, "default": 40, "origin": "plan"}},
    {{"id": "b_planned", "label": {{"zh": "乙", "en": "B"}}, "min": 0, "max": 100, "step": 1, "default": 60, "origin": "not_in_plan"}}
  ],
  "derived": [
    {{"id": "a_done", "label": {{"zh": "甲完成"}}, "formula": "a_planned * money_a_share"}},
    {{"id": "b_done", "label": {{"zh": "乙完成"}}, "formula": "b_planned * money_b_share"}}
  ],
  "constraints": [{{
    "id": "money", "label": {{"zh": "资金", "en": "Funding"}}, "unit": {{"zh": "万元", "en": "10k yuan"}},
    "available": "budget", "rule": "{rule}",
    "items": [
      {{"id": "a", "label": {{"zh": "甲项目", "en": "project A"}}, "need": "a_planned"}},
      {{"id": "b", "label": {{"zh": "乙项目", "en": "project B"}}, "need": "b_planned"}}
    ]
  }}],
  "targets": [
    {{"id": "a", "section": "s", "label": {{"zh": "甲"}}, "goal": {{"op": ">=", "value": 40}}, "value": "a_done", "source": "甲"}},
    {{"id": "b", "section": "s", "label": {{"zh": "乙"}}, "goal": {{"op": ">=", "value": 60}}, "value": "b_done", "source": "乙", "role": "commitment"}},
    {{"id": "funded", "section": "s", "label": {{"zh": "资金到位", "en": "Funded"}}, "goal": {{"op": "<=", "value": 0}}, "value": "money_gap", "role": "check"}}
  ]
}}"#
    );
    parse_plan(&json).unwrap()
}

fn derived(plan: &Plan, values: &[f64], id: &str) -> f64 {
    let out = plan.evaluate(values);
    out.derived(plan, plan.derived_index(id).unwrap())
}

#[test]
fn pro_rata_gives_every_item_the_same_share_and_names_the_gap() {
    let p = plan("pro_rata");
    let v = [80.0, 40.0, 60.0];
    assert_eq!(derived(&p, &v, "money_need"), 100.0);
    assert_eq!(derived(&p, &v, "money_gap"), 20.0);
    assert_eq!(derived(&p, &v, "money_a_share"), 0.8);
    assert_eq!(derived(&p, &v, "money_b_share"), 0.8);
    let out = p.evaluate(&v);
    assert_eq!(
        out.statuses,
        [Status::NotMet, Status::NotMet, Status::NotMet]
    );
    assert_eq!(
        reason(&p, &out, 0, Lang::ZhCn).unwrap(),
        "资金缺口 20 万元：甲项目仅 80% 可落实"
    );
    assert_eq!(
        reason(&p, &out, 1, Lang::En).unwrap(),
        "Funding gap: 20 10k yuan: project B: only 80% can go ahead"
    );
    // The check reads the gap itself, not a share: no slip reaches it by a share.
    assert_eq!(reason(&p, &out, 2, Lang::En), None);
}

#[test]
fn in_order_serves_the_first_item_first() {
    let p = plan("in_order");
    let v = [80.0, 40.0, 60.0];
    assert_eq!(derived(&p, &v, "money_a_share"), 1.0);
    assert!((derived(&p, &v, "money_b_share") - 40.0 / 60.0).abs() < 1e-12);
    let out = p.evaluate(&v);
    assert_eq!(out.statuses[0], Status::Met);
    assert_eq!(slips(&p, &out).len(), 1);
    // Enough money: nothing slips, every target holds.
    let out = p.evaluate(&[100.0, 40.0, 60.0]);
    assert!(slips(&p, &out).is_empty());
    assert!(out.statuses.iter().all(|s| *s == Status::Met));
    // Nothing needed: a share of 1, never a division by zero.
    assert_eq!(derived(&p, &[0.0, 0.0, 0.0], "money_a_share"), 1.0);
}

#[test]
fn roles_and_origins_are_read_and_counted_apart() {
    let p = plan("pro_rata");
    let roles: Vec<_> = p.targets().iter().map(|t| t.role.as_str()).collect();
    assert_eq!(roles, ["outcome", "commitment", "check"]);
    assert_eq!(p.targets()[2].source, "");
    let origins: Vec<_> = p
        .inputs()
        .iter()
        .map(|i| i.origin.map(|o| o.as_str()))
        .collect();
    assert_eq!(origins, [Some("plan"), Some("plan"), Some("not_in_plan")]);
    let out = p.evaluate(&[80.0, 40.0, 60.0]);
    let counts: Vec<_> = out
        .counts_by_role(&p)
        .iter()
        .map(|(r, met, total)| format!("{} {met}/{total}", r.as_str()))
        .collect();
    assert_eq!(counts, ["outcome 0/1", "commitment 0/1", "check 0/1"]);
}
