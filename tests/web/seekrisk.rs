//! "What would it take" and the chances of being met, in a real browser (wasm-bindgen-test).
//!
//! Small plan (tests/plans/small.json): ger = min(100, (enrolled + kg × seats) / children × 100)
//! ≥ 90 with enrolled 1500, seats 200, children 3000, so kg ≥ 6 (kg ∈ [0, 20] step 1).

use crate::support::*;
use plan_widget::core::{builtin, parse_plan, Lang, Plan};
use std::rc::Rc;
use wasm_bindgen_test::*;

/// Mounts `App` with `plan` and no kept scenarios.
async fn mount(plan: Plan, lang: Lang) -> Mounted {
    storage().clear().unwrap();
    mount_plan(Rc::new(plan), lang, None).await
}

/// The selector of a target's card.
fn card(target: &str) -> String {
    format!("li[data-target='{target}']")
}

/// Sets a slider as a person would: `input` then `change`.
async fn slide(m: &Mounted, id: &str, value: &str) {
    m.type_into(&m.range(id), value).await;
}

fn small() -> Plan {
    parse_plan(SMALL).unwrap()
}

#[wasm_bindgen_test]
async fn what_it_takes_gives_the_hand_worked_answer_and_apply_is_one_undo_step() {
    let m = mount(small(), Lang::ZhCn).await;
    // Met (or at risk) targets have no disclosure.
    assert_eq!(m.count(".pw-seek"), 0);
    slide(&m, "kg_new", "3").await;
    assert!(m.card_class("ger").contains("pw-not"));
    let seek = format!("{} details.pw-seek", card("ger"));
    assert_eq!(m.text(&format!("{seek} > summary")), "要达成需要什么");
    // Closed: nothing computed, nothing listed.
    assert_eq!(m.count(&format!("{seek} li")), 0);
    m.click(&format!("{seek} > summary")).await;
    assert!(m.one(&seek).has_attribute("open"));
    // Only kg_new among the policy levers moves ger: (1500 + 200 kg) / 3000 ≥ 90% ⇔ kg ≥ 6.
    assert_eq!(m.count(&format!("{seek} li")), 1);
    let item = format!("{seek} li[data-lever='kg_new']");
    let text = m.text(&item);
    assert!(text.contains("新建幼儿园：3 所 → 6 所"), "{text}");
    assert!(text.contains("可调范围的 15%"), "{text}");
    assert_eq!(
        m.one(&format!("{item} button"))
            .get_attribute("aria-label")
            .as_deref(),
        Some("应用：新建幼儿园设为 6 所")
    );
    // Apply: the lever is set, the target met again, and it is announced.
    m.click(&format!("{item} button")).await;
    assert_eq!(m.range("kg_new").value(), "6");
    assert!(!m.card_class("ger").contains("pw-not"));
    assert_eq!(m.text(".pw-said"), "已应用：新建幼儿园 3 所 → 6 所");
    assert_eq!(m.count(".pw-seek"), 0);
    // One undo step back to 3 kindergartens.
    m.click(".pw-toolbar button:first-child").await;
    assert_eq!(m.range("kg_new").value(), "3");
    assert!(m.card_class("ger").contains("pw-not"));
    m.click(".pw-toolbar button:first-child").await;
    assert_eq!(m.range("kg_new").value(), "6");
    m.done();
}

#[wasm_bindgen_test]
async fn what_it_takes_says_when_no_value_in_range_meets_it() {
    let m = mount(small(), Lang::En).await;
    // 6,000 children and none enrolled: 200 kg / 6000 ≥ 90% needs kg ≥ 27 > 20.
    m.click(".pw-assumptions > summary").await;
    m.click(".pw-assumptions details.pw-group > summary").await;
    slide(&m, "children", "6000").await;
    slide(&m, "enrolled", "0").await;
    let seek = format!("{} details.pw-seek", card("ger"));
    assert_eq!(m.text(&format!("{seek} > summary")), "What would it take");
    m.click(&format!("{seek} > summary")).await;
    assert_eq!(
        m.text(&format!("{seek} li")),
        "New kindergartens: no value in range meets it"
    );
    assert_eq!(m.count(&format!("{seek} button")), 0);
    // Back to 1,500 enrolled: kg ≥ 19.5 on the grid is 20 (from 6: 14 of 20 = 70%).
    slide(&m, "enrolled", "1500").await;
    let text = m.text(&format!("{seek} li"));
    assert!(text.contains("6 schools → 20 schools"), "{text}");
    assert!(text.contains("70% of its range"), "{text}");
    m.done();
}

#[wasm_bindgen_test]
async fn chances_appear_on_every_card_set_the_status_and_follow_a_change() {
    let m = mount(small(), Lang::ZhCn).await;
    m.until("a chance on every card", |m| m.count(".pw-chance") == 4)
        .await;
    // No assumption moves these: certain.
    assert_eq!(
        m.text(&format!("{} .pw-chance", card("kg_built"))),
        "达标的可能性约为 100%"
    );
    assert_eq!(
        m.text(&format!("{} .pw-chance", card("campus"))),
        "达标的可能性约为 100%"
    );
    // Budget: 9000 − 6c ≥ 0 ⇔ c ≤ 1500, the mode of triangular(1300, 1500, 1700): P = ½.
    let budget = m.text(&format!("{} .pw-chance", card("within_budget")));
    let p: f64 = budget
        .trim_start_matches("达标的可能性约为 ")
        .trim_end_matches('%')
        .parse()
        .unwrap();
    assert!((p - 50.0).abs() <= 2.0, "{budget}");
    // Met at the values but P < 90%: at risk, on the card and in the counts.
    assert!(m.card_class("within_budget").contains("pw-risk"));
    assert_eq!(m.text("strong[data-status='met']"), "2");
    assert_eq!(m.text("strong[data-status='at_risk']"), "2");
    // The summary's quantities show their 10–90% bands.
    assert!(m.text(".pw-summary").contains("大概率在"));
    assert!(m.count(".pw-band") >= 2);
    // Three kindergartens: ger at most (1550 + 660) / 2800 = 79% → 0%; the budget always holds.
    slide(&m, "kg_new", "3").await;
    m.until("the run for 3 kindergartens", |m| {
        m.text(&format!("{} .pw-chance", card("ger"))) == "达标的可能性约为 0%"
    })
    .await;
    assert_eq!(
        m.text(&format!("{} .pw-chance", card("within_budget"))),
        "达标的可能性约为 100%"
    );
    assert!(m.card_class("within_budget").contains("pw-met"));
    assert_eq!(m.text("strong[data-status='at_risk']"), "0");
    m.done();
}

#[wasm_bindgen_test]
async fn a_long_run_shows_its_progress_and_finishes() {
    let plan = builtin::load(builtin::DEFAULT_ID).unwrap().unwrap();
    let targets = plan.targets().len() as u32;
    let m = mount(plan, Lang::ZhCn).await;
    // 10,000 samples of the built-in plan take more than a frame: a labelled progress bar.
    m.until("the progress bar", |m| {
        m.count(".pw-risk-progress:not(.pw-settled) progress") == 1
    })
    .await;
    assert!(m
        .text(".pw-risk-progress:not(.pw-settled) label")
        .contains("正在估算达标的可能性"));
    m.until("the end of the run", |m| {
        m.count(".pw-risk-progress.pw-settled") == 1 && m.count(".pw-chance") > 0
    })
    .await;
    assert!(m.count(".pw-chance") <= targets);
    assert!(m.find(".pw-band").is_some());
    m.done();
}
