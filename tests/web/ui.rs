//! Component tests of the yew UI in a real browser (wasm-bindgen-test).

use crate::support::*;
use plan_widget::core::{Lang, Status};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn renders_every_target_by_section_and_the_summary() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    assert_eq!(m.count("li.pw-card"), 4);
    assert_eq!(m.count("section.pw-section"), 2);
    assert_eq!(m.text(".pw-title"), "示例镇2023年学校建设计划");
    // ger is met at the defaults but tight against its assumptions: at risk.
    assert!(
        m.card_class("ger").contains("pw-risk"),
        "{}",
        m.card_class("ger")
    );
    assert!(m.text("li[data-target='ger']").contains("有风险"));
    assert!(m.text("li[data-target='ger'] .pw-value").contains("90%"));
    assert!(m
        .text("li[data-target='ger'] .pw-goal")
        .contains("不低于 90%"));
    assert_eq!(
        m.text("li[data-target='ger'] blockquote"),
        "毛入园率达到90%"
    );
    // Summary: cost against funds as a balance (9000 − 6 × 1500 = 0 left).
    assert!(m.text(".pw-balance").contains("建设成本"));
    assert!(m.text(".pw-balance").contains("9000"));
    // Only the open group's rows are rendered: the policy levers; assumptions are folded away.
    assert_eq!(m.count("input[type=range]"), 3);
    assert!(m.text(".pw-assumptions > summary").contains("示例假设"));
    m.click(".pw-assumptions > summary").await;
    assert_eq!(m.count("input[type=range]"), 3);
    m.click(".pw-assumptions details.pw-group > summary").await;
    assert_eq!(m.count("input[type=range]"), 7);
    assert!(m.text(".pw-assumptions").contains("以镇统计年报替换"));
    m.click(".pw-assumptions > summary").await;
    assert_eq!(m.count("input[type=range]"), 3);
    assert_eq!(m.changes.borrow().len(), 1, "one scenario-change at mount");
    m.done();
}

#[wasm_bindgen_test]
async fn dropping_kindergartens_flips_the_enrolment_rate_and_reset_restores() {
    storage().remove_item(KEY).unwrap();
    let mut m = mount(Lang::ZhCn).await;
    let kg = m.range("kg_new");
    assert_eq!(kg.value(), "6");
    m.type_into(&kg, "3").await;
    assert!(m.card_class("ger").contains("pw-not"));
    assert!(m.text("li[data-target='ger'] .pw-value").contains("70%"));
    assert_eq!(m.number("kg_new").value(), "3");
    assert_eq!(kg.get_attribute("aria-valuetext").unwrap(), "3 所");
    // Announced once the chances of the new scenario are known.
    m.until_said("学前毛入园率 有风险→未达成").await;
    assert_eq!(m.last_status("ger"), Status::NotMet);
    assert_eq!(m.last_status("kg_built"), Status::NotMet);
    // The element's reset(): back to the plan as written.
    m.update(|p| p.reset += 1).await;
    assert_eq!(m.range("kg_new").value(), "6");
    assert!(m.card_class("ger").contains("pw-risk"));
    assert_eq!(m.last_status("ger"), Status::AtRisk);
    m.done();
}

#[wasm_bindgen_test]
async fn the_number_field_refuses_bad_text_without_losing_it() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    let field = m.number("kg_new");
    m.type_into(&field, "abc").await;
    assert_eq!(field.value(), "abc");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(m.text(".pw-error").contains("请输入数字"));
    assert_eq!(m.range("kg_new").value(), "6");
    m.type_into(&field, "99").await;
    assert!(m.text(".pw-error").contains("0 到 20"));
    assert_eq!(m.range("kg_new").value(), "6");
    m.type_into(&field, "10").await;
    assert_eq!(m.range("kg_new").value(), "10");
    assert_eq!(m.count(".pw-error:not(:empty)"), 0);
    m.done();
}

#[wasm_bindgen_test]
async fn english_and_a_language_change() {
    storage().remove_item(KEY).unwrap();
    let mut m = mount(Lang::En).await;
    assert_eq!(m.text(".pw-title"), "Demo Town 2023 school building plan");
    assert!(m.text("li[data-target='ger']").contains("At risk"));
    assert_eq!(
        m.one(".pw-root").get_attribute("lang").as_deref(),
        Some("en")
    );
    // Thousands separators in English.
    assert!(
        m.text(".pw-balance").contains("9,000"),
        "{}",
        m.text(".pw-balance")
    );
    m.update(|p| p.lang = Lang::ZhCn).await;
    assert!(m.text("li[data-target='ger']").contains("有风险"));
    m.done();
}

#[wasm_bindgen_test]
async fn undo_and_redo_by_button_and_keyboard() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::En).await;
    let kg = m.range("kg_new");
    m.type_into(&kg, "3").await;
    m.type_into(&m.range("funding"), "5000").await;
    m.button("Undo").await;
    assert_eq!(m.range("funding").value(), "9000");
    assert_eq!(m.range("kg_new").value(), "3");
    m.button("Redo").await;
    assert_eq!(m.range("funding").value(), "5000");
    // Ctrl+Z on a slider, Ctrl+Shift+Z to redo.
    for shift in [false, false, true] {
        kg.dispatch_event(&keydown("z", true, shift)).unwrap();
        yew::scheduler::flush().await;
    }
    assert_eq!(m.range("kg_new").value(), "3");
    assert_eq!(m.range("funding").value(), "9000");
    m.done();
}

#[wasm_bindgen_test]
async fn keep_a_scenario_compare_it_and_find_it_after_a_reload() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    m.type_into(&m.range("kg_new"), "3").await;
    m.click("[role=tab][id$='tab-compare']").await; // compare is a view of its own
    m.type_into(&m.input(".pw-keep input"), "三所").await;
    m.click(".pw-keep button[type=submit]").await;
    let table = m.text(".pw-table");
    assert!(table.contains("三所"), "{table}");
    assert!(table.contains("规划原值"));
    // The lever that differs and the status that flipped are rows of the table.
    assert!(m.text(".pw-table tbody").contains("新建幼儿园"));
    assert!(m.text(".pw-table tbody").contains("未达成"));
    assert_eq!(
        storage().get_item(KEY).unwrap().as_deref(),
        Some(r#"[{"name":"三所","values":{"kg_new":3.0}}]"#)
    );
    m.done();
    // A new mount (a reload) reads it back.
    let m = mount(Lang::ZhCn).await;
    m.click("[role=tab][id$='tab-compare']").await; // compare is a view of its own
    assert!(m.text(".pw-table thead").contains("三所"));
    m.click(".pw-table thead button").await;
    assert!(!m.text(".pw-table thead").contains("三所"));
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some("[]"));
    m.done();
}

#[wasm_bindgen_test]
async fn unreadable_storage_is_reported_not_fatal() {
    storage().set_item(KEY, "{not json").unwrap();
    let m = mount(Lang::ZhCn).await;
    assert_eq!(m.count("li.pw-card"), 4);
    m.click("[role=tab][id$='tab-compare']").await; // compare is a view of its own
    assert!(m.text(".pw-compare").contains("无法读取"));
    storage().remove_item(KEY).unwrap();
    m.done();
}

#[wasm_bindgen_test]
async fn the_filter_narrows_the_levers_and_large_text_toggles() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    m.type_into(&m.input(".pw-filter input"), "资金").await;
    assert_eq!(m.count("input[type=range]"), 1);
    assert!(m.range("funding").is_connected());
    m.type_into(&m.input(".pw-filter input"), "no such lever")
        .await;
    assert_eq!(m.count("input[type=range]"), 0);
    assert!(m.text(".pw-levers").contains("没有匹配的杠杆"));
    m.button("大字模式").await;
    assert!(m.one(".pw-root").class_name().contains("pw-large"));
    assert_eq!(
        m.one(".pw-toggle").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    // Remembered in the page's storage: a widget mounted next starts in large text.
    let large_key = "plan-widget:large-text";
    assert_eq!(
        storage().get_item(large_key).unwrap().as_deref(),
        Some("true")
    );
    m.done();
    let again = mount(Lang::ZhCn).await;
    assert!(again.one(".pw-root").class_name().contains("pw-large"));
    storage().remove_item(large_key).unwrap();
    again.done();
}
