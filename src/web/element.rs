//! The `<plan-widget>` binding: the wasm-bindgen exports that `pkg/plan-widget.js` (source:
//! `js/plan-widget.js`) calls. The custom element itself is JavaScript; it owns the shadow
//! root, the loading and failure states, and calls [`mount`] with the element's attributes.
//!
//! Boundary rules:
//! - Everything that crosses to JS is plain data: strings, numbers, and plain objects made from
//!   the wire types by serde-wasm-bindgen (the events' `detail`, the validator's problems).
//! - Every failure is a [`MountError`] with a message in the widget's language, thrown as a JS
//!   `Error` whose `name` is `PlanWidgetError`; JS shows its `message` as it is.
//! - A Rust panic calls the reporter given to [`crate::web::panic::set_panic_reporter`] before
//!   the abort trap, so the element can say what happened and offer to start again.

use crate::core::builtin;
use crate::core::json_place::text_problems;
use crate::core::tally::marks::read_marks;
use crate::core::validate::parse_plan;
use crate::core::{Lang, Plan, PlanErrors};
use crate::web::fragment;
use crate::web::ui::feedback::{Feedback, Submission};
use crate::web::ui::progress::{Fetched, PageActuals, PageFetch};
use crate::web::ui::tally::Residents;
use crate::web::ui::{App, AppProps, ScenarioChange};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::{AppHandle, AttrValue, Callback, Renderer};

/// Why a widget could not be mounted.
#[derive(Debug, Clone, PartialEq)]
pub enum MountError {
    /// The `plan` attribute names no built-in plan.
    UnknownPlan(String),
    /// A built-in plan failed validation (a build error; tests keep it from shipping).
    BuiltinInvalid(String, PlanErrors),
    /// A built-in plan's text was not given and this build does not embed it (the element
    /// fetches `plans/<id>.json` and passes the text).
    BuiltinNotLoaded(String),
    /// The plan file given by `src` failed to parse or validate.
    InvalidPlan { src: String, errors: PlanErrors },
}

impl MountError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            MountError::UnknownPlan(id) if zh => format!(
                "没有名为“{id}”的内置计划。请检查 plan 属性（可用：{}），或用 src 属性给出计划文件的地址。",
                builtin::IDS.join("、")
            ),
            MountError::UnknownPlan(id) => format!(
                "There is no built-in plan called “{id}”. Check the plan attribute (available: {}), or give the URL of a plan file in the src attribute.",
                builtin::IDS.join(", ")
            ),
            MountError::BuiltinInvalid(id, e) if zh => {
                format!("内置计划“{id}”无效（构建错误）：\n{}", e.message(lang))
            }
            MountError::BuiltinInvalid(id, e) => {
                format!("The built-in plan “{id}” is invalid (a build error):\n{}", e.message(lang))
            }
            MountError::BuiltinNotLoaded(id) if zh => {
                format!("内置计划“{id}”的文件（plans/{id}.json）没有加载。")
            }
            MountError::BuiltinNotLoaded(id) => {
                format!("The file of the built-in plan “{id}” (plans/{id}.json) was not loaded.")
            }
            MountError::InvalidPlan { src, errors } if zh => format!(
                "计划文件 {src} 未通过校验。请用命令 plan-widget check 检查并修正该文件：\n{}",
                errors.message(lang)
            ),
            MountError::InvalidPlan { src, errors } => format!(
                "The plan file {src} is not valid. Check and fix it with the command plan-widget check:\n{}",
                errors.message(lang)
            ),
        }
    }

    fn to_js(&self, lang: Lang) -> JsValue {
        let e = js_sys::Error::new(&self.message(lang));
        e.set_name("PlanWidgetError");
        e.into()
    }
}

/// Loads the plan: the file text given by `src` when there is one, else the built-in `plan_id`,
/// from `plan_json` (the text of `plans/<id>.json`, fetched by the element) or, in builds with
/// the `embedded-plans` feature, from the text compiled in.
pub fn load_plan(plan_id: &str, plan_json: Option<&str>, src: &str) -> Result<Plan, MountError> {
    if let (Some(json), false) = (plan_json, src.is_empty()) {
        return parse_plan(json).map_err(|errors| MountError::InvalidPlan {
            src: src.to_string(),
            errors,
        });
    }
    let id = plan_id.trim();
    let id = if id.is_empty() {
        builtin::DEFAULT_ID
    } else {
        id
    };
    if !builtin::is_builtin(id) {
        return Err(MountError::UnknownPlan(id.to_string()));
    }
    let parsed = match plan_json {
        Some(json) => parse_plan(json),
        None => builtin::load(id).ok_or_else(|| MountError::BuiltinNotLoaded(id.to_string()))?,
    };
    parsed.map_err(|e| MountError::BuiltinInvalid(id.to_string(), e))
}

/// Whether `id` names a built-in plan: the element asks when `plans/<id>.json` is missing, to
/// tell an unknown id from a file not copied.
#[wasm_bindgen(js_name = isBuiltin)]
pub fn is_builtin(id: &str) -> bool {
    builtin::is_builtin(id.trim())
}

/// The event detail of `change` as a JS value (`{scenario, targets: [{id, value, status}]}`;
/// for `status-change` each target also has `chance` and `shownStatus`): the wire type
/// [`crate::core::events::ScenarioChange`] as JSON, parsed by the browser's `JSON.parse`
/// (`null` for a missing value, plain objects). One string crosses into JS, not a string and
/// a call per field: for a plan of 600 targets that was a third of a move's time.
pub fn change_detail(change: &ScenarioChange) -> JsValue {
    to_js(change)
}

/// `value` as a plain JS value: its JSON parsed by the browser (`null` on failure). Through
/// serde_json (in the wasm anyway), not serde-wasm-bindgen's serializer, which would be in the
/// first wasm only for `validatePlan`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}

/// What the UI hands JS for a `scenario-change`: the share code, and the targets made into JS
/// values only when asked ([`ChangeTargets::targets`]). The element script puts them behind
/// the `detail`'s `targets` getter, so a move whose event nobody reads does not turn every
/// target into JSON and back (for a plan of 600 targets, a fifth of a move's time at CPU 4×).
/// Freed after the first read, or by the browser's finalizer when the detail is dropped unread.
#[wasm_bindgen]
pub struct ChangeTargets(ScenarioChange);

#[wasm_bindgen]
impl ChangeTargets {
    /// The share code.
    #[wasm_bindgen(getter)]
    pub fn scenario(&self) -> String {
        self.0.scenario.clone()
    }

    /// The targets as the plain array of the event's `detail` (`[{id, value, status}]`): the
    /// wire type's own field, through the same JSON as [`change_detail`].
    pub fn targets(&self) -> JsValue {
        to_js(&self.0.targets)
    }
}

/// One mounted widget. JS keeps it and calls its methods; `destroy` unmounts.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    props: AppProps,
    /// The share code last reported by the UI.
    current: Rc<RefCell<String>>,
}

/// Mounts the UI into `root` (an element inside the widget's shadow root).
///
/// - `plan_id`: a built-in plan id (empty: the default plan); ignored when `plan_json` is given.
/// - `plan_json`: the text of a plan file fetched from `src` (validated here).
/// - `src`: the URL the text came from (named in error messages).
/// - `lang`: the `lang` attribute (`zh-CN` default, `en`).
/// - `scenario`: a share code to apply, if any.
/// - `on_change`: called for `scenario-change` with a [`ChangeTargets`] (the element script
///   makes the `detail` from it); for the `status-change` event with its detail (a plain object,
///   [`change_detail`]: chances and shown statuses added) and the event's name as a second
///   argument. With `sync-url` on the element holding `root`, the
///   share code is put into the page's URL fragment first ([`fragment::UrlSync`]: not the
///   scenario the widget opened with, when the URL held no code).
/// - `hydrate`: `root` holds prerendered HTML (`plan-widget render`, src/web/ssr.rs): when its
///   `data-render` key is this plan's and language's ([`crate::web::render_key`]), the UI adopts
///   it in place (yew's hydration: no visible jump); otherwise it is replaced.
/// - `feedback`, `on_submit`: the `feedback` attribute and what fires `scenario-submit`, as for
///   [`WidgetHandle::set_feedback`]. Given here, not set after mount: a change of the props
///   right after mount rendered the whole widget a second time; the link shows from the second
///   render of its slot ([`crate::web::ui::feedback::SubmitSlot`]), the prerendered markup has none.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount(
    root: web_sys::Element,
    plan_id: &str,
    plan_json: Option<String>,
    src: &str,
    lang: &str,
    scenario: Option<String>,
    on_change: js_sys::Function,
    hydrate: bool,
    feedback: Option<String>,
    on_submit: Option<js_sys::Function>,
) -> Result<WidgetHandle, JsValue> {
    let lang = Lang::from_attr(lang);
    let plan = load_plan(plan_id, plan_json.as_deref(), src).map_err(|e| e.to_js(lang))?;
    let current = Rc::new(RefCell::new(String::new()));
    let on_change_fn = on_change.clone();
    // With `sync-url` on the element, the share code goes into the page's URL fragment.
    let sync = fragment::host_of(&root).map(fragment::UrlSync::new);
    let on_change = {
        let current = Rc::clone(&current);
        Callback::from(move |change: ScenarioChange| {
            if let Ok(mut c) = current.try_borrow_mut() {
                c.clone_from(&change.scenario);
            }
            if let Some(sync) = sync.as_ref() {
                sync.changed(&change.scenario);
            }
            // A throwing listener is the host's problem; it must not take the widget down.
            let _ = on_change.call1(&JsValue::NULL, &ChangeTargets(change).into());
        })
    };
    // The same JS function, told which event: `status-change`.
    let on_status = {
        let on_change = on_change_fn.clone();
        Callback::from(move |change: ScenarioChange| {
            let kind = JsValue::from_str("status-change");
            let _ = on_change.call2(&JsValue::NULL, &change_detail(&change), &kind);
        })
    };
    let props = AppProps {
        plan: Rc::new(plan),
        lang,
        scenario: scenario.filter(|s| !s.is_empty()).map(AttrValue::from),
        reset: 0,
        on_change,
        on_status,
        // What the `actuals` attribute's URL gives arrives later through `setActuals` or
        // `actualsFailed`.
        actuals: PageActuals::default(),
        feedback: on_submit.and_then(|f| feedback_of(feedback, f)),
        // `tally` arrives through `setTally`.
        residents: Residents::Off,
    };
    let key = crate::web::render_key(&props.plan, lang);
    let renderer = Renderer::<App>::with_root_and_props(root.clone(), props.clone());
    let app = if hydrate && root.get_attribute("data-render").as_deref() == Some(key.as_str()) {
        renderer.hydrate()
    } else {
        root.set_text_content(None);
        renderer.render()
    };
    Ok(WidgetHandle {
        app: Some(app),
        props,
        current,
    })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies changed `lang` / `scenario` attributes (the plan is fixed: JS remounts for a new one).
    pub fn update(&mut self, lang: &str, scenario: Option<String>) {
        let mut props = self.props.clone();
        props.lang = Lang::from_attr(lang);
        props.scenario = scenario.filter(|s| !s.is_empty()).map(AttrValue::from);
        self.set(props);
    }

    /// Reported figures (CSV or JSON text) fetched by the element from `url` (its `actuals`
    /// attribute, made absolute); the Progress view loads them, merged with what is loaded.
    /// This wasm does not read them: the code for `data-actuals-error` comes from the Progress
    /// module (`actualsCode`), which holds the actuals reader.
    #[wasm_bindgen(js_name = setActuals)]
    pub fn set_actuals(&mut self, url: &str, text: &str) {
        self.add_fetch(url, Fetched::Text(Rc::from(text)));
    }

    /// The element could not fetch `url` (its `actuals` attribute): `status` is the HTTP
    /// status, 0 when there was no answer. The Progress view says so; what it has loaded stays.
    #[wasm_bindgen(js_name = actualsFailed)]
    pub fn actuals_failed(&mut self, url: &str, status: u16) {
        self.add_fetch(url, Fetched::failed(status));
    }

    fn add_fetch(&mut self, url: &str, fetched: Fetched) {
        let mut props = self.props.clone();
        props.actuals = props.actuals.with(PageFetch {
            url: Rc::from(url),
            fetched,
        });
        self.set(props);
    }

    /// The `feedback` attribute (`None`: removed): the form's URL with `{code}` and `{summary}`.
    /// `on_submit(scenario, summary, url)` fires `scenario-submit` and returns false when it was
    /// cancelled (three strings rather than JSON: no serializer for one more type in the wasm).
    #[wasm_bindgen(js_name = setFeedback)]
    pub fn set_feedback(&mut self, template: Option<String>, on_submit: js_sys::Function) {
        let mut props = self.props.clone();
        let same = props.feedback.as_ref().map(|f| f.template.as_str()) == template.as_deref();
        if same && props.feedback.is_some() {
            return;
        }
        props.feedback = feedback_of(template, on_submit);
        self.set(props);
    }

    /// The text fetched from the `tally` attribute's `url` (a tally JSON): the sliders get the
    /// residents' marks. Returns the code the element puts in `data-tally-error` (empty: used).
    #[wasm_bindgen(js_name = setTally)]
    pub fn set_tally(&mut self, url: &str, text: &str) -> String {
        let mut props = self.props.clone();
        let (residents, code) = match read_marks(&props.plan, text) {
            Ok(m) => (Residents::Loaded(Rc::new(m)), ""),
            Err(error) => (
                Residents::Invalid {
                    url: Rc::from(url),
                    error,
                },
                "tally-invalid",
            ),
        };
        props.residents = residents;
        self.set(props);
        code.to_string()
    }

    /// The element could not fetch the `tally` URL (`status` 0: no answer). The widget says so;
    /// everything else stays.
    #[wasm_bindgen(js_name = tallyFailed)]
    pub fn tally_failed(&mut self, url: &str, status: u16) {
        let mut props = self.props.clone();
        props.residents = Residents::FetchFailed {
            url: Rc::from(url),
            status,
        };
        self.set(props);
    }

    /// The `tally` attribute was removed: no marks.
    #[wasm_bindgen(js_name = clearTally)]
    pub fn clear_tally(&mut self) {
        let mut props = self.props.clone();
        props.residents = Residents::Off;
        self.set(props);
    }

    /// The current share code (empty until the UI reports one).
    pub fn scenario(&self) -> String {
        self.current
            .try_borrow()
            .map(|c| c.clone())
            .unwrap_or_default()
    }

    /// Back to the plan as written.
    pub fn reset(&mut self) {
        let mut props = self.props.clone();
        props.reset = props.reset.wrapping_add(1);
        self.set(props);
    }

    /// The plan's id (the built-in id or the `id` of the `src` file).
    #[wasm_bindgen(js_name = planId)]
    pub fn plan_id(&self) -> String {
        self.props.plan.id().to_string()
    }

    /// Unmounts the UI; the handle is spent.
    pub fn destroy(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    fn set(&mut self, props: AppProps) {
        if props == self.props {
            return;
        }
        if let Some(app) = self.app.as_mut() {
            app.update(props.clone());
        }
        self.props = props;
    }
}

/// The `feedback` attribute (`None` or blank: no link) and the JS function that fires
/// `scenario-submit` with (scenario, summary, url) and returns false when it was cancelled.
fn feedback_of(template: Option<String>, on_submit: js_sys::Function) -> Option<Feedback> {
    template.filter(|t| !t.trim().is_empty()).map(|t| Feedback {
        template: AttrValue::from(t),
        on_submit: Callback::from(move |s: Submission| {
            let arg = |t: &str| JsValue::from_str(t);
            // A throwing listener cancels nothing.
            on_submit
                .call3(
                    &JsValue::NULL,
                    &arg(&s.scenario),
                    &arg(&s.summary),
                    &arg(&s.url),
                )
                .map_or(true, |v| v.as_bool().unwrap_or(true))
        }),
    })
}

/// The problems of a plan text for an editor (www/studio.html), as an array of
/// `{line, column, place, message, quote}`: the validator of `plan-widget check`, each error
/// at its line; with `document`, also every `source` quote not found in it. `[]`: valid.
#[wasm_bindgen(js_name = validatePlan)]
pub fn validate_plan(text: &str, document: Option<String>, lang: &str) -> JsValue {
    to_js(&text_problems(
        text,
        document.as_deref(),
        Lang::from_attr(lang),
    ))
}
