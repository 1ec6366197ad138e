//! The model's truths in the widget, in a real browser (wasm-bindgen-test), on the plan in
//! another field (tests/plans/ev-chargers.json): outcomes, commitments and checks counted
//! apart, checks listed apart, where each default comes from, and what a gap stopped, in words.

use crate::support::*;
use plan_widget::core::{parse_plan, Lang};
use std::rc::Rc;
use wasm_bindgen_test::*;

const EV: &str = include_str!("../plans/ev-chargers.json");

async fn mount_ev(lang: Lang) -> Mounted {
    mount_plan(Rc::new(parse_plan(EV).unwrap()), lang, None).await
}

#[wasm_bindgen_test]
async fn roles_are_counted_and_shown_apart_and_inputs_say_where_they_come_from() {
    let m = mount_ev(Lang::ZhCn).await;
    assert_eq!(
        m.text(".pw-roles"),
        "成效指标 2/2 达成 · 承诺事项 4/4 按计划 · 可行性检查 2/2 通过"
    );
    assert!(m.find(".pw-gap").is_none(), "no gap in the plan as written");
    // The checks come first, apart, and quote nothing of the document.
    assert_eq!(m.count(".pw-checks li.pw-card"), 2);
    assert_eq!(m.count(".pw-checks blockquote"), 0);
    assert_eq!(m.count("li.pw-card[data-role='check']"), 2);
    assert!(m
        .text("li[data-target='chargers_new'] .pw-role")
        .contains("承诺事项"));
    // The origin beside the input, as a word (the second group of levers, opened).
    m.click(".pw-levers > details.pw-group:nth-of-type(2) > summary")
        .await;
    let label = m.text("label[for$='in-grid_connections']");
    assert!(label.contains("原文未载"), "{label}");
    assert!(m.text("label[for$='in-subsidy']").contains("规划原文"));
    m.done();
}

#[wasm_bindgen_test]
async fn a_funding_cut_says_what_it_stopped_on_the_summary_and_the_cards() {
    let m = mount_ev(Lang::En).await;
    m.click(".pw-levers > details.pw-group:nth-of-type(2) > summary")
        .await;
    let subsidy = m.range("subsidy");
    m.type_into(&subsidy, "4000").await;
    let gap = m.text(".pw-gap");
    assert!(gap.contains("Subsidy gap"), "{gap}");
    assert!(
        gap.contains("charger subsidies: only 53% can go ahead"),
        "{gap}"
    );
    assert!(m.card_class("chargers_new").contains("pw-not"));
    let why = m.text("li[data-target='chargers_new'] .pw-reason");
    assert!(why.starts_with("Why:"), "{why}");
    assert!(why.contains("only 53% can go ahead"), "{why}");
    assert!(m.card_class("check_financed").contains("pw-not"));
    assert_eq!(
        m.text(".pw-roles"),
        "Outcomes 0/2 met · Commitments 2/4 on plan · Feasibility checks 1/2 pass"
    );
    m.done();
}
