//! Display units in the widget (wasm-bindgen-test). the small plan with its money in 万元 shown
//! to English readers in million yuan (× 0.01). Values stay canonical in the share code and
//! the `scenario-change` event; what people read and type is in the shown unit.

use crate::support::*;
use plan_widget::core::{parse_plan, Lang, Plan};
use std::rc::Rc;
use wasm_bindgen_test::*;

/// tests/plans/small.json with every 万元 unit shown in English as million yuan.
fn plan_in_millions() -> Rc<Plan> {
    let display = r#""en": "10k yuan", "display": {"en": {"text": "million yuan", "scale": 0.01}}"#;
    let json = SMALL
        .replace("\"en\": \"10k yuan\"", display)
        .replace("demo-town-2023", "demo-town-units");
    assert_eq!(json.matches("million yuan").count(), 5);
    Rc::new(parse_plan(&json).unwrap())
}

#[wasm_bindgen_test]
async fn english_reads_million_yuan_and_typed_values_are_converted_back() {
    let m = mount_plan(plan_in_millions(), Lang::En, None).await;
    let written = m.code();
    // Funds 9000 万元 = 90 million yuan: slider text, number field, plan mark, summary, card.
    let funding = m.range("funding");
    assert_eq!(
        funding.value(),
        "9000",
        "the slider keeps the canonical grid"
    );
    assert_eq!(
        funding.get_attribute("aria-valuetext").unwrap(),
        "90 million yuan"
    );
    assert_eq!(m.number("funding").value(), "90");
    assert!(
        m.text(".pw-levers").contains("Plan: 90 million yuan"),
        "{}",
        m.text(".pw-levers")
    );
    assert!(
        m.text(".pw-balance").contains("90 million yuan"),
        "{}",
        m.text(".pw-balance")
    );
    assert!(m
        .text("li[data-target='within_budget'] .pw-goal")
        .contains("at least 0 million yuan"));

    // 95 million yuan typed in English is 9500 万元 everywhere the value is data.
    m.type_into(&m.number("funding"), "95").await;
    assert_eq!(m.range("funding").value(), "9500");
    assert_eq!(m.target_value("within_budget"), Some(500.0));
    assert!(m
        .text("li[data-target='within_budget'] .pw-value")
        .contains("5 million yuan"));
    // Out of range is said in the shown unit (0–200 million yuan).
    m.type_into(&m.number("funding"), "250").await;
    let error = m.text("[id$='in-funding-e']");
    assert_eq!(
        error,
        "Must be between 0 and 200 million yuan; the value is unchanged."
    );
    assert_eq!(m.range("funding").value(), "9500");
    // Typing the plan's value back gives the plan as written exactly: same share code.
    m.type_into(&m.number("funding"), "90").await;
    assert_eq!(m.range("funding").value(), "9000");
    assert_eq!(m.code(), written);
    m.done();
}

#[wasm_bindgen_test]
async fn chinese_keeps_the_plans_own_unit_without_a_second_wan() {
    let m = mount_plan(plan_in_millions(), Lang::ZhCn, None).await;
    assert_eq!(m.number("funding").value(), "9000");
    assert_eq!(
        m.range("funding").get_attribute("aria-valuetext").unwrap(),
        "9000 万元"
    );
    // 20000 万元, not 2万 万元.
    m.type_into(&m.number("funding"), "20000").await;
    assert_eq!(m.range("funding").value(), "20000");
    assert_eq!(
        m.range("funding").get_attribute("aria-valuetext").unwrap(),
        "20000 万元"
    );
    m.done();
}
