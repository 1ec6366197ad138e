//! Component tests of views, sharing and export in a real browser (wasm-bindgen-test).

use crate::support::*;
use plan_widget::core::share::{self, Change, ShareError, ShareState, Tab, View};
use plan_widget::core::Lang;
use plan_widget::web::ui::share::{export_file, ExportFormat};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement};

/// A share code of the small plan with one change and a view.
fn code_with(change: Change, view: View) -> String {
    let state = ShareState {
        changes: vec![change],
        view,
        kept: Vec::new(),
    };
    share::encode(&plan(), &state)
}

fn kg_new(value: f64) -> Change {
    Change {
        id: "kg_new".into(),
        value,
    }
}

#[wasm_bindgen_test]
async fn the_share_dialog_shows_the_link_the_qr_code_and_the_code() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    m.type_into(&m.range("kg_new"), "3").await;
    let code = m.code();
    assert!(!code.is_empty());
    let dialog: HtmlDialogElement = m.one("dialog.pw-dialog").dyn_into().unwrap();
    assert!(!dialog.open());
    let share_button = m.button_el("分享");
    share_button
        .clone()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    set_hash("#top");
    m.click_el(share_button.clone()).await;
    assert!(dialog.open());
    let link: HtmlInputElement = m.one(".pw-share-link").dyn_into().unwrap();
    assert!(link.read_only());
    // The link is the page's own URL with our fragment key; the rest of the page's fragment
    // (here `#top`, set before the dialog opened) is kept.
    let location = web_sys::window().unwrap().location();
    let page = location.href().unwrap();
    let page = page.split('#').next().unwrap().to_string();
    assert_eq!(
        link.value(),
        format!("{page}#{}", share::fragment_with_code("#top", &code))
    );
    assert!(link.value().ends_with(&format!("#top&pw={code}")));
    set_hash("");
    // The QR code is a PNG <img> (a phone's long-press reads it), named after the scenario
    // (tests/e2e/share.spec.mjs decodes it).
    let img = m.one("img.pw-qr-img");
    assert!(img
        .get_attribute("src")
        .unwrap()
        .starts_with("data:image/png;base64,iVBORw0KGgo"));
    assert!(img.get_attribute("width").unwrap().parse::<u32>().unwrap() >= 360);
    assert_eq!(m.text(".pw-qr-name"), "自定义方案");
    assert_eq!(
        img.get_attribute("alt").as_deref(),
        Some("“自定义方案”的二维码")
    );
    assert_eq!(m.text(".pw-share-code code"), code);
    // No style attribute anywhere (CSP style-src 'self').
    assert!(m.find("[style]").is_none());
    // Close: the dialog closes and focus goes back to the Share button.
    m.click_el(m.button_el("关闭")).await;
    assert!(!dialog.open());
    let active = gloo::utils::document().active_element().unwrap();
    assert_eq!(active, share_button, "{}", active.outer_html());
    m.done();
}

#[wasm_bindgen_test]
async fn the_qr_name_is_the_kept_scenario_or_the_plan_as_written() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::En).await;
    m.click_el(m.button_el("Share")).await;
    assert_eq!(m.text(".pw-qr-name"), "Plan as written");
    m.click_el(m.button_el("Close")).await;
    m.type_into(&m.range("kg_new"), "4").await;
    m.click_el(m.one("[role=tab][id$='tab-compare']")).await;
    m.type_into(&m.input(".pw-keep input"), "Four").await;
    m.click_el(m.one(".pw-keep button[type=submit]")).await;
    m.click_el(m.button_el("Share")).await;
    assert_eq!(m.text(".pw-qr-name"), "Four");
    m.done();
    storage().remove_item(KEY).unwrap();
}

#[wasm_bindgen_test]
async fn a_code_reopens_the_same_values_view_and_kept_scenarios_in_a_fresh_app() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    m.type_into(&m.range("kg_new"), "3").await;
    m.click_el(m.one("[role=tab][id$='tab-compare']")).await;
    m.type_into(&m.input(".pw-keep input"), "三所").await;
    m.click_el(m.one(".pw-keep button[type=submit]")).await;
    m.type_into(&m.range("funding"), "12000").await;
    let code = m.code();
    let ger = m.target_value("ger");
    let built = m.target_value("kg_built");
    m.done();
    storage().remove_item(KEY).unwrap();

    // A fresh widget (another visitor, no stored scenarios) with the code.
    let m = mount_with(Lang::ZhCn, Some(&code)).await;
    assert_eq!(m.range("kg_new").value(), "3");
    assert_eq!(m.range("funding").value(), "12000");
    assert_eq!(m.target_value("ger"), ger);
    assert_eq!(m.target_value("kg_built"), built);
    // The same view: the compare tab, with the kept scenario.
    let tab = m.one("[role=tab][aria-selected=true]");
    assert!(tab.id().ends_with("tab-compare"), "{}", tab.id());
    assert!(m.text(".pw-table thead").contains("三所"));
    assert!(m.find(".pw-notice").is_none());
    // The same code comes back out.
    assert_eq!(m.code(), code);
    // Applying was one undo step: undo goes back to the plan as written.
    m.click_el(m.button_el("撤销")).await;
    assert_eq!(m.range("kg_new").value(), "6");
    assert_eq!(m.range("funding").value(), "9000");
    m.done();
    storage().remove_item(KEY).unwrap();
}

#[wasm_bindgen_test]
async fn a_corrupted_code_shows_its_message_over_the_plan_as_written() {
    storage().remove_item(KEY).unwrap();
    let good = code_with(kg_new(2.0), View::default());
    // Change one character in the middle: the checksum catches it.
    let mut chars: Vec<char> = good.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = if chars[mid] == 'A' { 'B' } else { 'A' };
    let bad: String = chars.into_iter().collect();
    for (lang, link) in [
        (Lang::ZhCn, bad.clone()),
        (Lang::En, format!("https://x.cn/a.html#top&pw={bad}")),
    ] {
        let m = mount_with(lang, Some(&link)).await;
        let notice = m.text(".pw-notice-error");
        assert!(
            notice.contains(&ShareError::Damaged.message(lang)),
            "{notice}"
        );
        assert_eq!(
            m.one(".pw-notice-error").get_attribute("role").as_deref(),
            Some("alert")
        );
        // The plan as written, whole.
        assert_eq!(m.range("kg_new").value(), "6");
        assert_eq!(m.root.query_selector_all("li.pw-card").unwrap().length(), 4);
        let as_written = if lang == Lang::ZhCn {
            "规划原值"
        } else {
            "plan as written"
        };
        assert!(notice.contains(as_written), "{notice}");
        // Dismissed, it goes away.
        m.click_el(m.one(".pw-notice button")).await;
        assert!(m.find(".pw-notice").is_none());
        m.done();
    }
    // Text that is no share code at all.
    let m = mount_with(Lang::ZhCn, Some("hello world")).await;
    assert!(m
        .text(".pw-notice-error")
        .contains(&ShareError::NotShareCode.message(Lang::ZhCn)));
    m.done();
}

#[wasm_bindgen_test]
async fn an_out_of_range_value_is_clamped_with_a_warning() {
    storage().remove_item(KEY).unwrap();
    let code = code_with(kg_new(35.0), View::default());
    let m = mount_with(Lang::ZhCn, Some(&code)).await;
    assert_eq!(m.range("kg_new").value(), "20");
    let notice = m.text(".pw-notice-warn");
    assert!(notice.contains("已打开分享的方案"), "{notice}");
    assert!(notice.contains("35"), "{notice}");
    assert!(notice.contains("已改为 20"), "{notice}");
    m.done();
}

#[wasm_bindgen_test]
async fn a_scenario_prop_change_after_mount_is_applied_and_a_bad_one_keeps_the_scenario() {
    storage().remove_item(KEY).unwrap();
    let mut m = mount(Lang::ZhCn).await;
    let code = code_with(
        kg_new(9.0),
        View {
            tab: Tab::Progress,
            ..View::default()
        },
    );
    m.set_scenario(&code).await;
    let tab = m.one("[role=tab][aria-selected=true]");
    assert!(tab.id().ends_with("tab-progress"), "{}", tab.id());
    // The Progress view is mounted into its slot once the (here in-process) module answers.
    m.until("the Progress view", |m| {
        m.text("[role=tabpanel]").starts_with("进度督导")
    })
    .await;
    m.click_el(m.one("[role=tab][id$='tab-targets']")).await;
    assert_eq!(m.range("kg_new").value(), "9");
    // A bad code later: the message, and the scenario on screen is kept.
    m.set_scenario("pw-not-a-code").await;
    let notice = m.text(".pw-notice-error");
    assert!(notice.contains("当前方案保持不变"), "{notice}");
    assert_eq!(m.range("kg_new").value(), "9");
    m.done();
}

#[wasm_bindgen_test]
async fn tabs_switch_by_click_and_arrow_keys_and_the_tab_is_in_the_code() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    let p = plan();
    let tabs = m
        .root
        .query_selector_all("[role=tablist] [role=tab]")
        .unwrap();
    assert_eq!(tabs.length(), 3);
    assert_eq!(m.text("[role=tablist]"), "目标方案比较进度");
    let decoded_tab = |m: &Mounted| share::decode(&p, &m.code()).unwrap().state.view.tab;
    assert_eq!(decoded_tab(&m), Tab::Targets);
    assert!(m.find(".pw-compare").is_none());
    m.click_el(m.one("[role=tab][id$='tab-compare']")).await;
    assert!(m.find(".pw-compare").is_some());
    assert!(m.find("li.pw-card").is_none());
    assert_eq!(decoded_tab(&m), Tab::Compare);
    let selected = m.one("[role=tab][aria-selected=true]");
    assert_eq!(selected.get_attribute("tabindex").as_deref(), Some("0"));
    let panel = m.one("[role=tabpanel]");
    assert_eq!(
        panel.get_attribute("aria-labelledby").unwrap(),
        selected.id()
    );
    // Arrow right: the next tab is selected and focused; End and Home; wrap-around.
    let key = |k: &str| keydown(k, false, false);
    selected.dispatch_event(&key("ArrowRight")).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(decoded_tab(&m), Tab::Progress);
    let active = gloo::utils::document().active_element().unwrap();
    assert!(
        active.id().ends_with("tab-progress"),
        "{}",
        active.outer_html()
    );
    // The Progress view is mounted into its slot once the (here in-process) module answers.
    m.until("the Progress view", |m| {
        m.text("[role=tabpanel]").starts_with("进度督导")
    })
    .await;
    active.dispatch_event(&key("ArrowRight")).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(decoded_tab(&m), Tab::Targets);
    let active = gloo::utils::document().active_element().unwrap();
    active.dispatch_event(&key("End")).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(decoded_tab(&m), Tab::Progress);
    m.done();
}

#[wasm_bindgen_test]
async fn export_builds_csv_with_a_bom_and_json_with_the_code() {
    storage().remove_item(KEY).unwrap();
    let m = mount(Lang::ZhCn).await;
    m.type_into(&m.range("kg_new"), "3").await;
    let p = plan();
    let code = m.code();
    let values = share::decode(&p, &code).unwrap().values(&p);
    let outcome = p.evaluate(&values);
    let csv = export_file(ExportFormat::Csv, &p, &outcome, None, &code, Lang::ZhCn);
    assert_eq!(csv.name, "示例镇2023年学校建设计划-方案.csv");
    assert!(csv.mime.starts_with("text/csv"));
    assert!(
        csv.text.starts_with("\u{FEFF}类别,编号,名称"),
        "{}",
        csv.text
    );
    assert!(csv.text.contains("kg_new"));
    let json = export_file(ExportFormat::Json, &p, &outcome, None, &code, Lang::En);
    assert_eq!(json.name, "demo-town-2023-scenario.json");
    let v: serde_json::Value = serde_json::from_str(&json.text).unwrap();
    assert_eq!(v["scenario"], serde_json::Value::from(code));
    // The buttons are there and a click does not break the widget.
    m.click_el(m.button_el("导出 CSV")).await;
    assert!(m.find(".pw-root").is_some());
    assert!(m.find("[role=status].pw-k").is_none());
    m.done();
}
