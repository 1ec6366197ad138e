//! Mounting the UI for the browser tests (tests/web_*.rs): `App` with tests/plans/small.json in
//! a fresh `<div>`, and what a person does to it.
#![allow(dead_code)]

pub mod progress_opener;

use plan_widget::core::{parse_plan, Lang, Plan, Status};
use plan_widget::web::ui::{App, AppProps, ScenarioChange};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
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
    // The Progress tab mounts the real view (tests/web_support/progress_opener.rs).
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

impl Mounted {
    pub fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }
    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }
    pub fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }
    pub fn card_class(&self, target: &str) -> String {
        self.one(&format!("li[data-target='{target}']"))
            .class_name()
    }
    pub fn input(&self, selector: &str) -> HtmlInputElement {
        self.one(selector).dyn_into().unwrap()
    }
    pub fn range(&self, id: &str) -> HtmlInputElement {
        self.input(&format!("input[type=range][id$='in-{id}']"))
    }
    pub fn number(&self, id: &str) -> HtmlInputElement {
        self.input(&format!("input[id$='in-{id}-n']"))
    }
    /// Sets an input's value and fires `input` then `change`, as a person would.
    pub async fn type_into(&self, el: &HtmlInputElement, value: &str) {
        el.set_value(value);
        for kind in ["input", "change"] {
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            let ev = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
            el.dispatch_event(&ev).unwrap();
        }
        yew::scheduler::flush().await;
    }
    pub async fn click(&self, selector: &str) {
        self.one(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
        yew::scheduler::flush().await;
    }
    pub async fn button(&self, label: &str) {
        let buttons = self.root.query_selector_all("button").unwrap();
        for i in 0..buttons.length() {
            let b: HtmlElement = buttons.get(i).unwrap().dyn_into().unwrap();
            if b.text_content().unwrap_or_default() == label {
                b.click();
                yew::scheduler::flush().await;
                return;
            }
        }
        panic!("no button {label}");
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
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }
    /// The button whose text is `label`.
    pub fn button_el(&self, label: &str) -> Element {
        let buttons = self.root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .map(|i| buttons.get(i).unwrap().dyn_into::<Element>().unwrap())
            .find(|b| b.text_content().unwrap_or_default() == label)
            .unwrap_or_else(|| panic!("no button {label}"))
    }
    pub async fn click_el(&self, el: Element) {
        el.dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
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
    /// Waits (up to 5 s) until `ok` holds; risk runs go on between frames meanwhile.
    pub async fn until(&self, what: &str, ok: impl Fn(&Mounted) -> bool) {
        for _ in 0..250 {
            if ok(self) {
                return;
            }
            yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
            yew::scheduler::flush().await;
        }
        panic!("timed out waiting for {what}");
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
