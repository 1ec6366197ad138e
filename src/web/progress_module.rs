//! The Progress view's own wasm (feature `progress-module`; `pkg/plan-widget-progress*`): the
//! same crate built without the element's exports, so it holds the Progress view (its tables,
//! chart, exports and the actuals reader) and nothing of the rest of the UI. The widget's first
//! wasm does not contain the view: its Progress tab holds a [`crate::web::ui::lazy::ProgressSlot`],
//! and the element (js/plan-widget.js, `progressModule`) loads this module when the tab is first
//! opened and calls [`mount_progress`] with the tab's container.
//!
//! The module has its own memory, so it gets the plan as text (the same text the widget was
//! mounted with) and parses it again.

use crate::core::progress::parse_actuals;
use crate::core::validate::parse_plan;
use crate::core::Lang;
use crate::web::ui::progress::{
    Fetched, PageActuals, PageFetch, PlanRef, ProgressProps, ProgressView,
};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Renderer};

/// The code the element puts in `data-actuals-error` for actuals `text` fetched for the plan
/// `plan_json`: empty when every row was good, `actuals-rows`, `actuals-invalid`
/// ([`crate::core::progress::ActualsLoad::host_code`]). Here rather than in the first wasm:
/// this module holds the actuals reader (17.7 KB of the first wasm, docs/widget-shell.md "Size").
#[wasm_bindgen(js_name = actualsCode)]
pub fn actuals_code(plan_json: &str, text: &str) -> Result<String, JsValue> {
    let plan = parse_plan(plan_json).map_err(|e| js_sys::Error::new(&e.message(Lang::En)))?;
    Ok(parse_actuals(&plan, text).host_code().to_string())
}

/// A mounted Progress view.
#[wasm_bindgen]
pub struct ProgressHandle {
    app: Option<AppHandle<ProgressView>>,
    props: ProgressProps,
}

/// Mounts the Progress view in `root` for the plan `plan_json` (already validated by the
/// widget: an error here means the two modules disagree, and its message says so).
#[wasm_bindgen(js_name = mountProgress)]
pub fn mount_progress(
    root: web_sys::Element,
    plan_json: &str,
    lang: &str,
) -> Result<ProgressHandle, JsValue> {
    let lang = Lang::from_attr(lang);
    let plan = parse_plan(plan_json).map_err(|e| js_sys::Error::new(&e.message(lang)))?;
    let props = ProgressProps {
        plan: PlanRef(Rc::new(plan)),
        lang,
        actuals: PageActuals::default(),
    };
    let app = Renderer::<ProgressView>::with_root_and_props(root, props.clone()).render();
    Ok(ProgressHandle {
        app: Some(app),
        props,
    })
}

#[wasm_bindgen]
impl ProgressHandle {
    /// The widget's language changed.
    pub fn update(&mut self, lang: &str) {
        let mut props = self.props.clone();
        props.lang = Lang::from_attr(lang);
        self.set(props);
    }

    /// A fetch of the element's `actuals` URL gave `text` (forwarded by the widget, in order).
    #[wasm_bindgen(js_name = setActuals)]
    pub fn set_actuals(&mut self, url: &str, text: &str) {
        self.add_fetch(url, Fetched::Text(Rc::from(text)));
    }

    /// A fetch of the element's `actuals` URL failed: `status` is the HTTP status, 0 when there
    /// was no answer.
    #[wasm_bindgen(js_name = actualsFailed)]
    pub fn actuals_failed(&mut self, url: &str, status: u16) {
        self.add_fetch(url, Fetched::failed(status));
    }

    /// Unmounts the view; the handle is spent.
    pub fn destroy(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    fn add_fetch(&mut self, url: &str, fetched: Fetched) {
        let url = Rc::from(url);
        let actuals = self.props.actuals.with(PageFetch { url, fetched });
        self.set(ProgressProps {
            actuals,
            ..self.props.clone()
        });
    }

    fn set(&mut self, props: ProgressProps) {
        if props != self.props {
            if let Some(app) = self.app.as_mut() {
                app.update(props.clone());
            }
            self.props = props;
        }
    }
}
