//! Test-only: mounts the Progress view alone, for the end-to-end test page
//! `www/test/progress.html` until the tab bar makes it reachable in the widget. Present only
//! in builds with the `test-hooks` feature (`pkg-test/`), never in `pkg/`.

use super::{PlanRef, ProgressProps, ProgressView};
use crate::core::{builtin, Lang};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Renders the view for built-in plan `plan_id` in `lang` (`zh-CN` or `en`) into `root` (the
/// page puts it in a shadow root with the stylesheet, as the element does).
#[wasm_bindgen(js_name = testMountProgress)]
pub fn test_mount_progress(root: Element, plan_id: &str, lang: &str) -> Result<(), JsValue> {
    let plan = match builtin::load(plan_id) {
        Some(Ok(p)) => p,
        _ => return Err(JsValue::from_str("unknown built-in plan")),
    };
    let lang = if lang == "en" { Lang::En } else { Lang::ZhCn };
    let props = ProgressProps {
        plan: PlanRef(Rc::new(plan)),
        lang,
        actuals: None,
    };
    // The view lives as long as the page.
    std::mem::forget(yew::Renderer::<ProgressView>::with_root_and_props(root, props).render());
    Ok(())
}
