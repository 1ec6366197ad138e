//! Parts of the widget loaded on use. The Progress view is not in the widget's first wasm: its
//! tab holds a [`ProgressSlot`], which asks the element (js/plan-widget.js, through
//! `globalThis[Symbol.for("plan-widget.openProgress")]`) to load the Progress module
//! (`pkg/plan-widget-progress*`, [`crate::web::progress_module`]) and mount the view in the
//! slot's container. Until then the slot says it is loading; if the load fails it says why and
//! offers to try again. Once mounted, the slot passes on the widget's language and every fetch
//! of the `actuals` URL. A panic or trap in the module stops that module only: the element tells
//! the slot ([`STOPPED_EVENT`] on its container), which says so and offers to try again (a fresh
//! instance of the module); the rest of the widget keeps working.

use super::progress::{Fetched, PageActuals};
use crate::core::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The event the element dispatches on a view's container when the Progress module's instance
/// stopped (a panic or a trap; `detail`: the message). js/plan-widget.js, `PROGRESS_STOPPED`.
const STOPPED_EVENT: &str = "plan-widget-progress-stopped";

#[wasm_bindgen]
extern "C" {
    /// The Progress module's `ProgressHandle`, seen from this wasm.
    type Mounted;
    #[wasm_bindgen(method, catch)]
    fn update(this: &Mounted, lang: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = setActuals)]
    fn set_actuals(this: &Mounted, url: &str, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = actualsFailed)]
    fn actuals_failed(this: &Mounted, url: &str, status: u16) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn destroy(this: &Mounted) -> Result<(), JsValue>;
}

/// The slot's messages, in both languages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LazyMsg<'a> {
    Loading,
    /// The load failed: what the browser said (the file is named in it).
    Failed(&'a str),
    /// The view stopped with an error (a panic or trap of the module): the message.
    Stopped(&'a str),
    Retry,
}

impl LazyMsg<'_> {
    pub fn text(self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            LazyMsg::Loading if zh => "正在加载进度视图……".into(),
            LazyMsg::Loading => "Loading the Progress view…".into(),
            LazyMsg::Failed(why) if zh => format!(
                "进度视图未能加载（{why}）。请检查网络后重试；如果一直失败，请网站技术人员确认 pkg/ 目录中有 plan-widget-progress.js 和 plan-widget-progress_bg.wasm。"
            ),
            LazyMsg::Failed(why) => format!(
                "The Progress view could not be loaded ({why}). Check the connection and try again; if it keeps failing, the site's web team should check that pkg/ holds plan-widget-progress.js and plan-widget-progress_bg.wasm."
            ),
            LazyMsg::Stopped(why) if zh => format!(
                "进度视图出错停止了（{why}）。控件的其余部分照常可用；可以重试。"
            ),
            LazyMsg::Stopped(why) => format!(
                "The Progress view stopped with an error ({why}). The rest of the widget keeps working; you can try again."
            ),
            LazyMsg::Retry if zh => "重试".into(),
            LazyMsg::Retry => "Try again".into(),
        }
    }
}

/// The message of a JS error (or thrown string).
fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "?".to_string())
}

#[derive(Properties, Clone, PartialEq)]
pub struct ProgressSlotProps {
    pub lang: Lang,
    /// Every fetch of the element's `actuals` URL, passed on to the view once it is mounted.
    #[prop_or_default]
    pub actuals: PageActuals,
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Failed(String),
    /// The mounted view's module stopped (a panic or a trap).
    Stopped(String),
    Ready,
}

/// What the slot shares with its loading task: the mounted view, how many `actuals` fetches it
/// has been given, and the newest props (the language may change while the module loads).
#[derive(Default)]
struct Link {
    view: Option<Mounted>,
    sent: usize,
    latest: Option<ProgressSlotProps>,
    /// The slot was unmounted (or is retrying): a view that arrives now is destroyed.
    gone: bool,
}

impl Link {
    /// Gives the mounted view the newest language and the fetches it has not had yet.
    fn sync(&mut self) -> Result<(), JsValue> {
        let (Some(view), Some(props)) = (self.view.as_ref(), self.latest.as_ref()) else {
            return Ok(());
        };
        view.update(props.lang.code())?;
        for fetch in props.actuals.iter().skip(self.sent) {
            match &fetch.fetched {
                Fetched::Text(text) => view.set_actuals(&fetch.url, text)?,
                Fetched::Http(status) => view.actuals_failed(&fetch.url, *status)?,
                Fetched::Network => view.actuals_failed(&fetch.url, 0)?,
            }
        }
        self.sent = props.actuals.len();
        Ok(())
    }

    /// The module's instance stopped: its view is let go without a call into it, and what it
    /// left in `container` is cleared.
    fn lose_view(&mut self, container: &NodeRef) {
        self.view = None;
        self.sent = 0;
        if let Some(el) = container.cast::<web_sys::Element>() {
            el.set_text_content(None);
        }
    }

    fn drop_view(&mut self) {
        if let Some(view) = self.view.take() {
            let _ = view.destroy();
        }
        self.sent = 0;
    }
}

/// Asks the element to load the Progress module and mount the view in `container`.
async fn open(container: web_sys::Element, lang: Lang) -> Result<Mounted, String> {
    let why = |e: JsValue| error_text(&e);
    let key = js_sys::Symbol::for_("plan-widget.openProgress");
    let opener = js_sys::Reflect::get(&js_sys::global(), &key)
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| "plan-widget.js: no openProgress".to_string())?;
    let promise: js_sys::Promise = opener
        .call2(&JsValue::NULL, &container, &JsValue::from_str(lang.code()))
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    let view = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(why)?;
    Ok(view.unchecked_into())
}

/// The Progress tab's content: the container the Progress module mounts into, and the loading
/// state or the failure with a retry button above it.
#[function_component]
pub fn ProgressSlot(props: &ProgressSlotProps) -> Html {
    let container = use_node_ref();
    let load = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);
    let link = use_mut_ref(Link::default);
    link.borrow_mut().latest = Some(props.clone());
    {
        let link = Rc::clone(&link);
        let load = load.clone();
        use_effect(move || {
            let synced = link.borrow_mut().sync();
            if let Err(e) = synced {
                link.borrow_mut().drop_view();
                load.set(Load::Failed(error_text(&e)));
            }
        });
    }
    use_stopped(&container, &link, &load, *attempt);
    {
        let (container, link, load, lang) =
            (container.clone(), link.clone(), load.clone(), props.lang);
        use_effect_with(*attempt, move |_| {
            start(container, Rc::clone(&link), load, lang);
            move || {
                let mut l = link.borrow_mut();
                l.gone = true;
                l.drop_view();
            }
        });
    }
    let lang = props.lang;
    let failure = |message: String| {
        let (load, attempt) = (load.clone(), attempt.clone());
        let retry = Callback::from(move |_: MouseEvent| {
            load.set(Load::Loading);
            attempt.set(*attempt + 1);
        });
        html! {
            <div class="pw-error pw-lazy-failed" role="alert">
                <p>{ message }</p>
                <button type="button" class="pw-btn" onclick={retry}>{ LazyMsg::Retry.text(lang) }</button>
            </div>
        }
    };
    let status = match &*load {
        Load::Loading => html! {
            <p class="pw-hint pw-lazy-loading" role="status" aria-live="polite">{ LazyMsg::Loading.text(lang) }</p>
        },
        Load::Failed(why) => failure(LazyMsg::Failed(why).text(lang)),
        Load::Stopped(why) => failure(LazyMsg::Stopped(why).text(lang)),
        Load::Ready => Html::default(),
    };
    html! {
        <div class="pw-lazy" aria-busy={(*load == Load::Loading).to_string()}>
            { status }
            // A new container for each attempt: what a stopped instance left on the old one
            // (its event listeners) cannot reach the next view.
            <div class="pw-lazy-view"><div key={*attempt} ref={container}></div></div>
        </div>
    }
}

/// Listens on the container of each attempt for [`STOPPED_EVENT`]: the view is lost, the slot
/// says why.
#[hook]
fn use_stopped(
    container: &NodeRef,
    link: &Rc<RefCell<Link>>,
    load: &UseStateHandle<Load>,
    attempt: u32,
) {
    let (container, link, load) = (container.clone(), Rc::clone(link), load.clone());
    use_effect_with(attempt, move |_| {
        let target = container.cast::<web_sys::Element>();
        let listener = target.map(|target| {
            gloo::events::EventListener::new(&target, STOPPED_EVENT, move |e| {
                let detail = js_sys::Reflect::get(e, &JsValue::from_str("detail"));
                let why = detail.ok().and_then(|d| d.as_string()).unwrap_or_default();
                link.borrow_mut().lose_view(&container);
                load.set(Load::Stopped(why));
            })
        });
        move || drop(listener)
    });
}

/// Starts loading the module and mounting the view; the outcome goes to `load`.
fn start(container: NodeRef, link: Rc<RefCell<Link>>, load: UseStateHandle<Load>, lang: Lang) {
    let Some(el) = container.cast::<web_sys::Element>() else {
        return;
    };
    link.borrow_mut().gone = false;
    wasm_bindgen_futures::spawn_local(async move {
        let opened = open(el, lang).await;
        let mut l = link.borrow_mut();
        match opened {
            // The slot went away while the module loaded.
            Ok(view) if l.gone => {
                let _ = view.destroy();
            }
            Ok(view) => {
                l.view = Some(view);
                l.sent = 0;
                match l.sync() {
                    Ok(()) => load.set(Load::Ready),
                    Err(e) => {
                        l.drop_view();
                        load.set(Load::Failed(error_text(&e)));
                    }
                }
            }
            Err(why) => load.set(Load::Failed(why)),
        }
    });
}
