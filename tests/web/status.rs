//! One status rule wherever the widget shows or reports a status (wasm-bindgen-test).
//!
//! tests/plans/chance.json: places = extra + a + b + c ≥ 19 with a, b, c ~ triangular(0, 10, 10).
//! At extra = 0 (the plan as written) no single assumption at its low end fails it, so the
//! one-assumption rule (`plan-widget eval`) says met, but P(met) ≈ 0.62 (`plan-widget risk`):
//! the card, the counts, Compare, the announcement and `status-change` all say at risk. At
//! extra = 10, P(met) ≈ 0.99: met.

use crate::support::*;
use plan_widget::core::risk::{risk, shown_outcome, DEFAULT_SAMPLES, DEFAULT_SEED};
use plan_widget::core::session::{encode_kept, storage_key, Kept};
use plan_widget::core::{builtin, parse_plan, InputKind, Lang, Plan, Status};
use std::rc::Rc;
use wasm_bindgen_test::*;

const CHANCE: &str = include_str!("../plans/chance.json");

fn chance() -> Rc<Plan> {
    Rc::new(parse_plan(CHANCE).unwrap())
}

/// The status-change entry of `target` in the last `status-change`.
fn last_shown(m: &Mounted, target: &str) -> (Status, Option<Option<f64>>, Option<Status>) {
    let statuses = m.statuses.borrow();
    let last = statuses.last().expect("a status-change");
    let t = last.targets.iter().find(|t| t.id == target).unwrap();
    (t.status, t.chance, t.shown_status)
}

/// The compare table's status cells of `target`'s row (plan as written, kept..., current).
fn compare_row(m: &Mounted, target: &str, label: &str) -> Vec<String> {
    let rows = m.root.query_selector_all(".pw-table tbody tr").unwrap();
    for i in 0..rows.length() {
        let row: web_sys::Element = wasm_bindgen::JsCast::dyn_into(rows.get(i).unwrap()).unwrap();
        let head = row.query_selector("th").unwrap();
        if head.and_then(|h| h.text_content()).as_deref() == Some(label) {
            let cells = row.query_selector_all("td").unwrap();
            return (0..cells.length())
                .map(|c| cells.get(c).unwrap().text_content().unwrap_or_default())
                .collect();
        }
    }
    panic!("no compare row for {target} ({label})");
}

#[wasm_bindgen_test]
async fn met_by_the_one_assumption_rule_but_unlikely_is_at_risk_everywhere() {
    let plan = chance();
    storage().remove_item(&storage_key(&plan)).unwrap();
    let m = mount_plan(plan, Lang::ZhCn, None).await;
    m.until("the chances of the plan as written", |m| {
        m.statuses.borrow().len() == 1
    })
    .await;
    // The card and the counts.
    assert!(
        m.card_class("reach").contains("pw-risk"),
        "{}",
        m.card_class("reach")
    );
    assert!(m
        .text("li[data-target='reach'] .pw-status")
        .contains("有风险"));
    assert_eq!(
        m.text("li[data-target='reach'] .pw-chance"),
        "达标的可能性约为 62%"
    );
    assert_eq!(m.text("strong[data-status='at_risk']"), "1");
    assert_eq!(m.text("strong[data-status='met']"), "0");
    assert_eq!(m.count(".pw-estimating"), 0);
    // scenario-change keeps the one-assumption status (as `plan-widget eval`); status-change
    // adds the chance and the shown status (as `plan-widget risk`).
    assert_eq!(m.last_status("reach"), Status::Met);
    let (status, chance, shown) = last_shown(&m, "reach");
    assert_eq!(status, Status::Met);
    assert_eq!(shown, Some(Status::AtRisk));
    let p = chance.unwrap().unwrap();
    assert!((p - 0.617).abs() < 0.001, "{p}");
    let (_, chance, shown) = last_shown(&m, "extra_five");
    assert_eq!((chance, shown), (Some(Some(0.0)), Some(Status::NotMet)));
    // Nothing announced at mount.
    assert_eq!(m.text(".pw-sr"), "");

    // Ten more places: met by chance too. The one-assumption rule sees no flip of `reach`
    // (met → met); the announcement does (at risk → met).
    m.type_into(&m.range("extra"), "10").await;
    m.until_said("学位达到1.9万个 有风险→达成").await;
    assert!(m.text(".pw-sr").contains("新增5千个学位 未达成→达成"));
    assert!(m.text(".pw-sr").starts_with("2 个目标状态变化"));
    assert!(m.card_class("reach").contains("pw-met"));
    assert_eq!(last_shown(&m, "reach").2, Some(Status::Met));

    // Keep it, go back to no extra places: announced met → at risk.
    m.click("[role=tab][id$='tab-compare']").await;
    m.type_into(&m.input(".pw-keep input"), "十千").await;
    m.click(".pw-keep button[type=submit]").await;
    m.type_into(&m.range("extra"), "0").await;
    m.until_said("学位达到1.9万个 达成→有风险").await;
    // Compare: plan as written, the kept scenario, the current one, by the same rule.
    m.until("compare's chances", |m| m.count(".pw-estimating-mark") == 0)
        .await;
    assert_eq!(
        compare_row(&m, "reach", "学位达到1.9万个"),
        ["! 有风险", "✓ 达成", "! 有风险"]
    );
    // The counts at a glance: a row per status, a figure per column.
    let at_risk = compare_row(&m, "", "! 有风险");
    assert_eq!([&at_risk[0], &at_risk[2]], ["1", "1"], "{at_risk:?}");
    assert_eq!(compare_row(&m, "", "✓ 达成")[1], "2");
    // One status-change per change of the values (mount, 10, 0), none for keeping.
    assert_eq!(m.statuses.borrow().len(), 3);
    m.done();
}

#[wasm_bindgen_test]
async fn a_drag_is_announced_once_at_its_end() {
    let plan = chance();
    storage().remove_item(&storage_key(&plan)).unwrap();
    let m = mount_plan(plan, Lang::En, None).await;
    m.until("the first chances", |m| m.statuses.borrow().len() == 1)
        .await;
    let changes = m.changes.borrow().len();
    // A drag: `input` events only, faster than the debounce, then `change`.
    let slider = m.range("extra");
    for v in 1..=10 {
        slider.set_value(&v.to_string());
        fire(&slider, "input");
        yew::scheduler::flush().await;
    }
    m.type_into(&slider, "10").await;
    // scenario-change after every step, as before.
    assert_eq!(m.changes.borrow().len(), changes + 10);
    // While the chances are estimated the cards keep the last ones (marked), and nothing is
    // announced yet.
    assert_eq!(m.text(".pw-sr"), "");
    assert_eq!(m.statuses.borrow().len(), 1);
    m.until_said("19 thousand places At risk→Met").await;
    assert_eq!(
        m.statuses.borrow().len(),
        2,
        "one status-change for the drag"
    );
    assert_eq!(m.count(".pw-estimating"), 0);
    m.done();
}

/// Compare columns whose chances are not estimated yet show the one-assumption statuses,
/// marked "estimating", then the statuses by chance, the same as the core computes. The
/// built-in plan, so that its runs (each about ten frames) certainly leave the kept scenario
/// unestimated when Compare opens; the kept scenario moves the first policy lever to its maximum.
#[wasm_bindgen_test]
async fn compare_marks_columns_whose_chances_are_still_estimated() {
    let plan = Rc::new(builtin::load(builtin::DEFAULT_ID).unwrap().unwrap());
    let lever = plan
        .inputs()
        .iter()
        .position(|i| i.kind == InputKind::Policy)
        .unwrap();
    let mut values = plan.defaults();
    values[lever] = plan.inputs()[lever].max;
    let kept = Kept {
        name: "max".into(),
        values: values.clone(),
    };
    storage()
        .set_item(&storage_key(&plan), &encode_kept(&plan, &[kept]))
        .unwrap();
    let m = mount_plan(plan.clone(), Lang::En, None).await;
    m.click("[role=tab][id$='tab-compare']").await;
    let head = m.text(".pw-table thead");
    assert!(head.contains("max×estimating"), "{head}");
    assert_eq!(m.count(".pw-estimating-mark"), 3, "{head}");
    m.until("every column's chances", |m| {
        m.count(".pw-estimating-mark") == 0
    })
    .await;
    assert_eq!(m.count("td.pw-pending"), 0);
    // The kept column's counts are those of the core's shown statuses.
    let r = risk(&plan, &values, DEFAULT_SAMPLES, DEFAULT_SEED).unwrap();
    let shown = shown_outcome(&plan.evaluate(&values), &r.probabilities);
    let [met, at_risk, not_met, _] = shown.counts();
    for (label, want) in [
        ("✓ Met", met),
        ("! At risk", at_risk),
        ("✗ Not met", not_met),
    ] {
        let row = compare_row(&m, "", label);
        assert_eq!(row[1], want.to_string(), "{label}: {row:?}");
    }
    storage().remove_item(&storage_key(&plan)).unwrap();
    m.done();
}
