//! What the browser tests share: mounting `App` with tests/plans/small.json in a fresh `<div>`,
//! queries and what a person does to any mounted view (`Dom`), and waiting on a condition
//! (`wait_for`, never a fixed sleep).

pub mod progress_opener;

use plan_widget::core::{parse_plan, Lang, Plan, Status};
use plan_widget::web::ui::{App, AppProps, ScenarioChange};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::{AppHandle, AttrValue, Callback};

pub const SMALL: &str = include_str!("../plans/small.json");
pub const KEY: &str = "plan-widget:demo-town-2023:v1:scenarios";

pub fn plan() -> Rc<Plan> {
    Rc::new(parse_plan(SMALL).unwrap())
}

pub struct Mounted {
    pub root: Element,
    pub handle: AppHandle<App>,
    pub props: AppProps,
    pub changes: Rc<RefCell<Vec<ScenarioChange>>>,
    /// Every `status-change` (shown statuses known), in order.
    pub statuses: Rc<RefCell<Vec<ScenarioChange>>>,
}

/// Sets the page's URL fragment (`""`: none) without a history entry.
pub fn set_hash(hash: &str) {
    let window = web_sys::window().unwrap();
    let location = window.location();
    let url = format!(
        "{}{}{hash}",
        location.pathname().unwrap(),
        location.search().unwrap()
    );
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

pub async fn mount(lang: Lang) -> Mounted {
    mount_with(lang, None).await
}

/// Mounts `App` with the small plan and a share code to apply, if any.
pub async fn mount_with(lang: Lang, scenario: Option<&str>) -> Mounted {
    mount_plan(plan(), lang, scenario).await
}

/// Mounts `App` with any plan.
pub async fn mount_plan(plan: Rc<Plan>, lang: Lang, scenario: Option<&str>) -> Mounted {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let sink = changes.clone();
    let statuses = Rc::new(RefCell::new(Vec::new()));
    let status_sink = statuses.clone();
    // The Progress tab mounts the real view (tests/web/support/progress_opener.rs).
    progress_opener::install(plan.clone());
    let props = AppProps {
        plan,
        lang,
        scenario: scenario.map(|s| AttrValue::from(s.to_string())),
        reset: 0,
        on_change: Callback::from(move |c| sink.borrow_mut().push(c)),
        on_status: Callback::from(move |c| status_sink.borrow_mut().push(c)),
        actuals: Default::default(),
        feedback: None,
        residents: Default::default(),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props.clone()).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        handle,
        props,
        changes,
        statuses,
    }
}

/// How long a test waits for a condition before it fails: the chances of being met are
/// estimated between frames, and the shared test machine can be slow.
pub const WAIT: Duration = Duration::from_secs(10);

/// Waits until `ok()` holds, running yew's pending renders and letting timers, fetches and the
/// risk runs go on between looks; fails naming `what` after `timeout`.
pub async fn wait_for(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = js_sys::Date::now();
    loop {
        yew::scheduler::flush().await;
        if ok() {
            return;
        }
        if js_sys::Date::now() - start > timeout.as_secs_f64() * 1000.0 {
            panic!("timed out after {timeout:?} waiting for {what}");
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Fires a bubbling event of `kind` at `el`.
pub fn fire(el: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

/// A bubbling `keydown` of `key`, with Ctrl and Shift held or not.
pub fn keydown(key: &str, ctrl: bool, shift: bool) -> web_sys::KeyboardEvent {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()
}

/// Queries on a mounted view's root, and what a person does to it.
#[allow(async_fn_in_trait)]
pub trait Dom {
    fn root(&self) -> &Element;
    fn find(&self, selector: &str) -> Option<Element> {
        self.root().query_selector(selector).unwrap()
    }
    fn one(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }
    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root().query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.get(i).unwrap().dyn_into().unwrap())
            .collect()
    }
    fn count(&self, selector: &str) -> u32 {
        self.root().query_selector_all(selector).unwrap().length()
    }
    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }
    fn input(&self, selector: &str) -> HtmlInputElement {
        self.one(selector).dyn_into().unwrap()
    }
    /// The button whose text is `label`.
    fn button_el(&self, label: &str) -> Element {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default() == label)
            .unwrap_or_else(|| panic!("no button {label}"))
    }
    async fn click_el(&self, el: Element) {
        el.dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
    }
    async fn click(&self, selector: &str) {
        self.click_el(self.one(selector)).await;
    }
    async fn button(&self, label: &str) {
        self.click_el(self.button_el(label)).await;
    }
    /// Sets an input's value and fires `input` then `change`, as a person would.
    async fn type_into(&self, el: &HtmlInputElement, value: &str) {
        el.set_value(value);
        fire(el, "input");
        fire(el, "change");
        yew::scheduler::flush().await;
    }
    /// Chooses `value` in the `<select>` at `selector`.
    async fn select(&self, selector: &str, value: &str) {
        let s: HtmlSelectElement = self.one(selector).dyn_into().unwrap();
        s.set_value(value);
        fire(&s, "change");
        yew::scheduler::flush().await;
    }
}

impl Dom for Mounted {
    fn root(&self) -> &Element {
        &self.root
    }
}

impl Mounted {
    pub fn card_class(&self, target: &str) -> String {
        self.one(&format!("li[data-target='{target}']"))
            .class_name()
    }
    pub fn range(&self, id: &str) -> HtmlInputElement {
        self.input(&format!("input[type=range][id$='in-{id}']"))
    }
    pub fn number(&self, id: &str) -> HtmlInputElement {
        self.input(&format!("input[id$='in-{id}-n']"))
    }
    pub async fn update(&mut self, f: impl FnOnce(&mut AppProps)) {
        f(&mut self.props);
        self.handle.update(self.props.clone());
        yew::scheduler::flush().await;
    }
    pub fn last_status(&self, target: &str) -> Status {
        let changes = self.changes.borrow();
        let last = changes.last().expect("a scenario-change");
        last.targets.iter().find(|t| t.id == target).unwrap().status
    }
    /// The share code of the last `scenario-change`.
    pub fn code(&self) -> String {
        self.changes
            .borrow()
            .last()
            .expect("a scenario-change")
            .scenario
            .clone()
    }
    /// A target's value in the last `scenario-change`.
    pub fn target_value(&self, target: &str) -> Option<f64> {
        let changes = self.changes.borrow();
        let last = changes.last().expect("a scenario-change");
        last.targets.iter().find(|t| t.id == target).unwrap().value
    }
    /// Sets the `scenario` prop, as the element does for its attribute, property or fragment.
    pub async fn set_scenario(&mut self, code: &str) {
        self.props.scenario = Some(AttrValue::from(code.to_string()));
        self.handle.update(self.props.clone());
        yew::scheduler::flush().await;
    }
    /// Waits until `ok` holds (risk runs go on between looks).
    pub async fn until(&self, what: &str, ok: impl Fn(&Mounted) -> bool) {
        wait_for(what, WAIT, || ok(self)).await;
    }
    /// Waits until the live region says something containing `part`.
    pub async fn until_said(&self, part: &str) {
        self.until(&format!("the live region to say {part}"), |m| {
            m.text(".pw-sr").contains(part)
        })
        .await;
    }
    pub fn done(self) {
        self.handle.destroy();
        self.root.remove();
    }
}
