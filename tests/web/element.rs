//! Browser tests of the `<plan-widget>` binding (src/web/element.rs): mount into a shadow root,
//! update, reset, destroy, and the errors a page sees.

use crate::support::{set_hash, wait_for, WAIT};
use plan_widget::core::{Lang, Status};
use plan_widget::web::element::{change_detail, load_plan, mount, MountError, WidgetHandle};
use plan_widget::web::fragment::{read_fragment, share_link};
use plan_widget::web::ui::{ScenarioChange, TargetState};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

const SMALL: &str = include_str!("../plans/small.json");

/// `mount` as a page without `scenario`, prerendered markup or a `feedback` attribute calls it:
/// the plan given as text (`json`) or the built-in `plan_id`, in `lang`.
fn mount_plain(
    root: web_sys::Element,
    plan_id: &str,
    json: Option<&str>,
    src: &str,
    lang: &str,
    on_change: js_sys::Function,
) -> Result<WidgetHandle, JsValue> {
    let json = json.map(str::to_string);
    mount(
        root, plan_id, json, src, lang, None, on_change, false, None, None,
    )
}

/// A host element with an open shadow root holding a mount point, as js/plan-widget.js builds it.
fn shadow_mount_point() -> (web_sys::Element, web_sys::Element) {
    let doc = gloo::utils::document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let attach: js_sys::Function = js_sys::Reflect::get(&host, &"attachShadow".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"mode".into(), &"open".into()).unwrap();
    let shadow = attach.call1(&host, &init).unwrap();
    let root = doc.create_element("div").unwrap();
    root.set_class_name("pws-app");
    let append: js_sys::Function = js_sys::Reflect::get(&shadow, &"appendChild".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    append.call1(&shadow, &root).unwrap();
    (host, root)
}

/// Runs yew's pending renders.
async fn settle() {
    yew::scheduler::flush().await;
}

fn small_title(lang: Lang) -> String {
    load_plan("", Some(SMALL), "small.json")
        .unwrap()
        .meta()
        .title
        .get(lang)
        .to_string()
}

fn noop() -> js_sys::Function {
    js_sys::Function::new_no_args("")
}

#[wasm_bindgen_test]
async fn mounts_into_a_shadow_root_and_follows_lang() {
    let (host, root) = shadow_mount_point();
    assert!(js_sys::Reflect::get(&host, &"shadowRoot".into())
        .unwrap()
        .is_object());
    let mut handle = mount_plain(
        root.clone(),
        "",
        Some(SMALL),
        "/plans/small.json",
        "zh-CN",
        noop(),
    )
    .unwrap();
    settle().await;
    assert!(root.child_element_count() > 0, "the app rendered nothing");
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains(&small_title(Lang::ZhCn)), "{text}");
    assert_eq!(handle.plan_id(), "demo-town-2023");
    // The live share code: the plan as written.
    let small = plan_widget::core::parse_plan(SMALL).unwrap();
    let as_written = plan_widget::core::share::encode(&small, &Default::default());
    assert_eq!(handle.scenario(), as_written);

    handle.update("en", None);
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains(&small_title(Lang::En)), "{text}");

    handle.reset();
    settle().await;
    handle.destroy();
    settle().await;
    assert_eq!(root.child_element_count(), 0, "destroy left DOM behind");
    host.remove();
}

#[wasm_bindgen_test]
async fn two_instances_are_independent() {
    let (host_a, a) = shadow_mount_point();
    let (host_b, b) = shadow_mount_point();
    let mut ha = mount_plain(a.clone(), "", None, "", "zh-CN", noop()).unwrap();
    let hb = mount_plain(b.clone(), "", Some(SMALL), "s", "en", noop()).unwrap();
    settle().await;
    ha.update("en", None);
    settle().await;
    let builtin = load_plan("", None, "").unwrap();
    let a_text = a.text_content().unwrap_or_default();
    let b_text = b.text_content().unwrap_or_default();
    assert!(
        a_text.contains(builtin.meta().title.get(Lang::En)),
        "{a_text}"
    );
    assert!(b_text.contains(&small_title(Lang::En)), "{b_text}");
    assert!(!b_text.contains(builtin.meta().title.get(Lang::En)));
    ha.destroy();
    hb.destroy();
    host_a.remove();
    host_b.remove();
}

fn mount_error(plan_id: &str, json: Option<&str>, lang: &str) -> js_sys::Error {
    let (host, root) = shadow_mount_point();
    let result = mount_plain(root, plan_id, json, "/test/plan.json", lang, noop());
    host.remove();
    match result {
        Ok(_) => panic!("mount should have failed"),
        Err(e) => e.dyn_into::<js_sys::Error>().unwrap(),
    }
}

#[wasm_bindgen_test]
fn an_invalid_plan_file_is_an_error_in_the_widget_language() {
    let e = mount_error("", Some("{ not json"), "en");
    assert_eq!(String::from(e.name()), "PlanWidgetError");
    let m = String::from(e.message());
    assert!(
        m.starts_with("The plan file /test/plan.json is not valid."),
        "{m}"
    );
    assert!(m.contains("line 1, column 3"), "{m}");

    let e = mount_error("", Some("{ not json"), "zh-CN");
    let m = String::from(e.message());
    assert!(
        m.starts_with("计划文件 /test/plan.json 未通过校验。"),
        "{m}"
    );
}

#[wasm_bindgen_test]
fn an_unknown_builtin_plan_is_an_error() {
    let e = mount_error("no-such-plan", None, "en");
    let m = String::from(e.message());
    assert!(
        m.starts_with("There is no built-in plan called “no-such-plan”."),
        "{m}"
    );
    assert_eq!(
        MountError::UnknownPlan("x".into()).message(Lang::ZhCn),
        format!(
            "没有名为“x”的内置计划。请检查 plan 属性（可用：{}），或用 src 属性给出计划文件的地址。",
            plan_widget::core::builtin::IDS.join("、")
        )
    );
}

/// `JSON.stringify` of a JS value.
fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

/// The `scenario-change` detail the element script makes of a `ChangeTargets` (eagerly here).
fn detail_of(change: &JsValue) -> JsValue {
    let get = |key: &str| js_sys::Reflect::get(change, &JsValue::from_str(key)).unwrap();
    let targets: js_sys::Function = get("targets").dyn_into().unwrap();
    let detail = js_sys::Object::new();
    js_sys::Reflect::set(&detail, &"scenario".into(), &get("scenario")).unwrap();
    js_sys::Reflect::set(&detail, &"targets".into(), &targets.call0(change).unwrap()).unwrap();
    detail.into()
}

#[wasm_bindgen_test]
fn the_change_event_detail_is_a_plain_object() {
    let change = ScenarioChange {
        scenario: "abc".into(),
        targets: vec![
            TargetState {
                id: "t1".into(),
                value: Some(93.5),
                status: Status::Met,
                chance: None,
                shown_status: None,
            },
            TargetState {
                id: "t2".into(),
                value: Some(f64::NAN),
                status: Status::NoData,
                chance: None,
                shown_status: None,
            },
        ],
    };
    assert_eq!(
        stringify(&change_detail(&change)),
        r#"{"scenario":"abc","targets":[{"id":"t1","value":93.5,"status":"met"},{"id":"t2","value":null,"status":"no_data"}]}"#
    );
    // status-change: each target also has its chance (null without one) and shown status.
    let mut status = change.clone();
    status.targets[0].chance = Some(Some(0.62));
    status.targets[0].shown_status = Some(Status::AtRisk);
    status.targets[1].chance = Some(None);
    status.targets[1].shown_status = Some(Status::NoData);
    assert_eq!(
        stringify(&change_detail(&status)),
        r#"{"scenario":"abc","targets":[{"id":"t1","value":93.5,"status":"met","chance":0.62,"shownStatus":"at_risk"},{"id":"t2","value":null,"status":"no_data","chance":null,"shownStatus":"no_data"}]}"#
    );
}

#[wasm_bindgen_test]
async fn the_ui_reports_changes_to_js_as_the_event_detail() {
    // (change, event): for scenario-change a `ChangeTargets` and no second argument (the
    // element script makes the detail: its `scenario`, and `targets()` on first read); for
    // status-change the detail as a plain object and "status-change". Kept here as its JSON.
    type Seen = Vec<(String, Option<String>)>;
    let seen: Rc<RefCell<Seen>> = Rc::default();
    let sink = {
        let seen = Rc::clone(&seen);
        Closure::<dyn Fn(JsValue, Option<String>)>::new(
            move |change: JsValue, kind: Option<String>| {
                assert!(change.is_object() && !js_sys::Array::is_array(&change));
                let detail = match kind {
                    Some(_) => change,
                    None => detail_of(&change),
                };
                seen.borrow_mut().push((stringify(&detail), kind))
            },
        )
    };
    let f: js_sys::Function = sink.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let (host, root) = shadow_mount_point();
    let handle = mount_plain(root, "", Some(SMALL), "s", "en", f).unwrap();
    settle().await;
    let plan = load_plan("", Some(SMALL), "s").unwrap();
    let last = seen
        .borrow()
        .iter()
        .rev()
        .find(|(_, kind)| kind.is_none())
        .map(|(json, _)| json.clone())
        .expect("no scenario-change after mount");
    let v: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert!(v["scenario"].is_string(), "{last}");
    let ids: Vec<&str> = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = plan.targets().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, want);
    assert!(v["targets"][0].get("chance").is_none(), "{last}");
    // Once the chances of the plan as written are estimated: status-change.
    wait_for("a status-change after the first run", WAIT, || {
        seen.borrow().iter().any(|(_, k)| k.is_some())
    })
    .await;
    let (json, kind) = seen
        .borrow()
        .iter()
        .find(|(_, k)| k.is_some())
        .cloned()
        .expect("no status-change after the first run");
    assert_eq!(kind.as_deref(), Some("status-change"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ger = &v["targets"][0];
    assert_eq!(ger["id"], "ger", "{json}");
    assert_eq!(ger["status"], "at_risk", "{json}");
    assert_eq!(ger["shownStatus"], "at_risk", "{json}");
    assert!(ger["chance"].as_f64().unwrap() < 0.9, "{json}");
    handle.destroy();
    host.remove();
    drop(sink);
}

fn hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

#[wasm_bindgen_test]
fn the_fragment_key_is_the_element_id() {
    let (host, root) = shadow_mount_point();
    set_hash("#top&pw=A&pw-b=B&pwx=X");
    assert_eq!(read_fragment(&host).as_deref(), Some("A"));
    host.set_id("b");
    assert_eq!(read_fragment(&host).as_deref(), Some("B"));
    host.set_id("c");
    assert_eq!(read_fragment(&host), None);
    // The Share dialog's link (from inside the shadow root) uses the element's key, keeps the
    // page's other parts, and a page opened at it reads the code back for that element.
    let link = share_link(Some(&root), "C");
    assert!(link.ends_with("#top&pw=A&pw-b=B&pwx=X&pw-c=C"), "{link}");
    set_hash(&link[link.find('#').unwrap()..]);
    assert_eq!(read_fragment(&host).as_deref(), Some("C"));
    host.set_id("");
    assert!(share_link(Some(&root), "Z").ends_with("#top&pw-b=B&pwx=X&pw-c=C&pw=Z"));
    // Outside a shadow root: the plain key.
    assert!(share_link(None, "Z").ends_with("&pw=Z"));
    set_hash("");
    host.remove();
}

#[wasm_bindgen_test]
async fn with_sync_url_the_code_goes_into_the_fragment_under_the_element_key() {
    set_hash("#top");
    let entries = web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .length()
        .unwrap();
    // Without sync-url: the fragment is left alone.
    let (plain, plain_root) = shadow_mount_point();
    plain.set_id("plain");
    let a = mount_plain(plain_root, "", Some(SMALL), "s", "en", noop()).unwrap();
    settle().await;
    assert_eq!(hash(), "#top");
    // With sync-url: the scenario it opened with (the URL held no code) is not written.
    let (synced, root) = shadow_mount_point();
    synced.set_id("synced");
    synced.set_attribute("sync-url", "").unwrap();
    let mut b = mount_plain(root, "", Some(SMALL), "s", "en", noop()).unwrap();
    settle().await;
    let opened = b.scenario();
    assert!(!opened.is_empty());
    assert_eq!(hash(), "#top");
    // A change goes in under `pw-<id>`, with no new history entry.
    let small = plan_widget::core::parse_plan(SMALL).unwrap();
    let state = plan_widget::core::share::ShareState {
        view: plan_widget::core::share::View {
            tab: plan_widget::core::share::Tab::Compare,
            ..Default::default()
        },
        ..Default::default()
    };
    let code = plan_widget::core::share::encode(&small, &state);
    assert_ne!(code, opened);
    b.update("en", Some(code.clone()));
    settle().await;
    assert_eq!(b.scenario(), code);
    assert_eq!(hash(), format!("#top&pw-synced={code}"));
    assert_eq!(read_fragment(&synced), Some(code));
    assert_eq!(read_fragment(&plain), None);
    // Back to the scenario it opened with: the code goes out again.
    b.update("en", Some(opened));
    settle().await;
    assert_eq!(hash(), "#top");
    let now = web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .length()
        .unwrap();
    assert_eq!(now, entries);
    a.destroy();
    b.destroy();
    plain.remove();
    synced.remove();
    set_hash("");
}
