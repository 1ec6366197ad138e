//! The Progress module's part in the browser tests. In the page, `plan-widget.js` loads the
//! Progress module and mounts the view when the Progress tab is first opened; here the same
//! `ProgressView` of this wasm is mounted through the same protocol
//! (`globalThis[Symbol.for("plan-widget.openProgress")](container, lang)` → a promise of a
//! handle with `update`, `setActuals`, `actualsFailed`, `destroy`), so the tab's slot and the
//! view under test are the real ones; only the loading of the second wasm is left to the
//! end-to-end tests (tests/e2e/progress-lazy.spec.mjs).

use plan_widget::core::{Lang, Plan};
use plan_widget::web::ui::progress::{Fetched, PageFetch, PlanRef, ProgressProps, ProgressView};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

type View = Rc<RefCell<(Option<AppHandle<ProgressView>>, ProgressProps)>>;

fn apply(view: &View, change: impl FnOnce(&mut ProgressProps)) {
    let mut v = view.borrow_mut();
    let mut props = v.1.clone();
    change(&mut props);
    if let Some(app) = v.0.as_mut() {
        app.update(props.clone());
    }
    v.1 = props;
}

fn method(handle: &js_sys::Object, name: &str, f: JsValue) {
    js_sys::Reflect::set(handle, &JsValue::from_str(name), &f).unwrap();
}

/// The handle the slot gets: the view's props changed through JS-callable methods.
fn handle_for(view: View) -> js_sys::Object {
    let handle = js_sys::Object::new();
    let v = view.clone();
    let update = move |lang: String| apply(&v, |p| p.lang = Lang::from_attr(&lang));
    method(
        &handle,
        "update",
        Closure::<dyn Fn(String)>::new(update).into_js_value(),
    );
    let v = view.clone();
    let set = move |url: String, text: String| {
        let fetch = PageFetch {
            url: url.into(),
            fetched: Fetched::Text(text.into()),
        };
        apply(&v, |p| p.actuals = p.actuals.with(fetch));
    };
    method(
        &handle,
        "setActuals",
        Closure::<dyn Fn(String, String)>::new(set).into_js_value(),
    );
    let v = view.clone();
    let failed = move |url: String, status: u16| {
        let fetch = PageFetch {
            url: url.into(),
            fetched: Fetched::failed(status),
        };
        apply(&v, |p| p.actuals = p.actuals.with(fetch));
    };
    method(
        &handle,
        "actualsFailed",
        Closure::<dyn Fn(String, u16)>::new(failed).into_js_value(),
    );
    let destroy = move || {
        if let Some(app) = view.borrow_mut().0.take() {
            app.destroy();
        }
    };
    method(
        &handle,
        "destroy",
        Closure::<dyn Fn()>::new(destroy).into_js_value(),
    );
    handle
}

/// Installs the opener for widgets of `plan` (the last mounted plan wins).
pub fn install(plan: Rc<Plan>) {
    let open = move |root: Element, lang: String| -> js_sys::Promise {
        let props = ProgressProps {
            plan: PlanRef(plan.clone()),
            lang: Lang::from_attr(&lang),
            actuals: Default::default(),
        };
        let app = yew::Renderer::<ProgressView>::with_root_and_props(root, props.clone()).render();
        let view: View = Rc::new(RefCell::new((Some(app), props)));
        let handle: JsValue = handle_for(view).into();
        js_sys::Promise::resolve(&handle)
    };
    let opener = Closure::<dyn Fn(Element, String) -> js_sys::Promise>::new(open);
    let key = js_sys::Symbol::for_("plan-widget.openProgress");
    js_sys::Reflect::set(&js_sys::global(), &key, &opener.into_js_value()).unwrap();
}
