//! Views and sharing: the tab bar, the Share dialog (link, copy, QR code, code), the notice
//! after a share code was applied, and the CSV/JSON export. The codec, the QR code and the
//! export texts are the core's ([`crate::core::share`], [`crate::core::qr`],
//! [`crate::core::export`]); this draws them and talks to the browser.

use crate::core::share::{ShareError, ShareWarning, Tab};
use crate::core::{export, qr, Lang, Outcome, Plan};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement, KeyboardEvent, Node, ShadowRoot};
use yew::prelude::*;

/// The strings of this file, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareMsg<'a> {
    Views,
    TabName(Tab),
    Share,
    ShareTitle,
    ShareHint,
    Link,
    Copy,
    Copied,
    CopyManual,
    Code,
    QrOf(&'a str),
    QrHint,
    ShareVia,
    Close,
    CustomScenario,
    ExportCsv,
    ExportJson,
    ExportFailed,
    CodeFailed,
    CodeFailedAsWritten,
    CodeFailedKept,
    Applied,
    Dismiss,
}

impl ShareMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            ShareMsg::Views => s("视图", "Views"),
            ShareMsg::TabName(Tab::Targets) => s("目标", "Targets"),
            ShareMsg::TabName(Tab::Compare) => s("方案比较", "Compare"),
            ShareMsg::TabName(Tab::Progress) => s("进度", "Progress"),
            ShareMsg::TabName(Tab::Seek) => s("目标反推", "Goal seek"),
            ShareMsg::TabName(Tab::Risk) => s("风险", "Risk"),
            ShareMsg::Share => s("分享", "Share"),
            ShareMsg::ShareTitle => s("分享此方案", "Share this scenario"),
            ShareMsg::ShareHint => s(
                "复制链接，或用手机扫描二维码：打开后看到的杠杆、数值和视图与这里完全相同。",
                "Copy the link, or scan the QR code with a phone: it opens exactly these levers, numbers and view.",
            ),
            ShareMsg::Link => s("链接", "Link"),
            ShareMsg::Copy => s("复制链接", "Copy link"),
            ShareMsg::Copied => s("链接已复制。", "Link copied."),
            ShareMsg::CopyManual => s(
                "浏览器不允许自动复制。链接已选中，请按 Ctrl+C（Mac 上按 ⌘+C）复制。",
                "The browser did not allow copying. The link is selected: press Ctrl+C (⌘+C on a Mac) to copy it.",
            ),
            ShareMsg::Code => s("分享码", "Share code"),
            ShareMsg::QrOf(name) => s(&format!("“{name}”的二维码"), &format!("QR code of “{name}”")),
            ShareMsg::QrHint => s(
                "在微信等应用中长按二维码图片，可以识别或保存。",
                "In WeChat and similar apps, long-press the QR image to scan or save it.",
            ),
            ShareMsg::ShareVia => s("发送到其他应用", "Send to an app"),
            ShareMsg::Close => s("关闭", "Close"),
            ShareMsg::CustomScenario => s("自定义方案", "Custom scenario"),
            ShareMsg::ExportCsv => s("导出 CSV", "Export CSV"),
            ShareMsg::ExportJson => s("导出 JSON", "Export JSON"),
            ShareMsg::ExportFailed => s(
                "浏览器未能保存文件。",
                "The browser could not save the file.",
            ),
            ShareMsg::CodeFailed => s("无法打开分享的方案。", "The shared scenario could not be opened."),
            ShareMsg::CodeFailedAsWritten => s("下面显示的是规划原值。", "Below is the plan as written."),
            ShareMsg::CodeFailedKept => s("当前方案保持不变。", "The current scenario is unchanged."),
            ShareMsg::Applied => s(
                "已打开分享的方案，但有以下不同：",
                "The shared scenario was opened, with these differences:",
            ),
            ShareMsg::Dismiss => s("知道了", "Dismiss"),
        }
    }
}

/// Whether a tab is a view of its own in this build. Goal seek and risk live on the target
/// cards, so a code that names them opens the targets.
fn tab_shown(tab: Tab) -> bool {
    match tab {
        Tab::Targets | Tab::Compare | Tab::Progress => true,
        Tab::Seek | Tab::Risk => false,
    }
}

/// The tabs of the tab bar, in order.
pub fn tabs() -> impl Iterator<Item = Tab> {
    Tab::ALL.into_iter().filter(|t| tab_shown(*t))
}

/// The tab that shows `tab` (itself, or the targets for a tab that is not a view of its own).
pub fn shown_tab(tab: Tab) -> Tab {
    if tab_shown(tab) {
        tab
    } else {
        Tab::Targets
    }
}

/// Id suffix of a tab (element ids are `{ids}tab-{slug}` and `{ids}panel`).
pub fn tab_slug(tab: Tab) -> &'static str {
    match tab {
        Tab::Targets => "targets",
        Tab::Compare => "compare",
        Tab::Progress => "progress",
        Tab::Seek => "seek",
        Tab::Risk => "risk",
    }
}

#[derive(Properties, PartialEq)]
pub struct TabBarProps {
    pub tab: Tab,
    pub lang: Lang,
    pub ids: AttrValue,
    pub on_select: Callback<Tab>,
}

/// The WAI-ARIA tabs pattern: one tab stop, arrow keys (and Home/End) move and select.
#[component]
pub fn TabBar(props: &TabBarProps) -> Html {
    let lang = props.lang;
    let all: Vec<Tab> = tabs().collect();
    let on_key = {
        let all = all.clone();
        let current = props.tab;
        let on_select = props.on_select.clone();
        let ids = props.ids.clone();
        Callback::from(move |e: KeyboardEvent| {
            let at = all.iter().position(|t| *t == current).unwrap_or(0);
            let last = all.len().saturating_sub(1);
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => {
                    if at >= last {
                        0
                    } else {
                        at + 1
                    }
                }
                "ArrowLeft" | "ArrowUp" => {
                    if at == 0 {
                        last
                    } else {
                        at - 1
                    }
                }
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            let Some(tab) = all.get(to).copied() else {
                return;
            };
            on_select.emit(tab);
            let sel = format!("#{}tab-{}", ids, tab_slug(tab));
            let next = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.parent_element())
                .and_then(|bar| bar.query_selector(&sel).ok().flatten())
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let Some(el) = next {
                let _ = el.focus();
            }
        })
    };
    html! {
        <div class="pw-tabs" role="tablist" aria-label={ShareMsg::Views.text(lang)} onkeydown={on_key}>
            { for all.iter().map(|&tab| {
                let selected = tab == props.tab;
                let on_select = props.on_select.clone();
                html! {
                    <button type="button" role="tab" class="pw-tab"
                        id={format!("{}tab-{}", props.ids, tab_slug(tab))}
                        aria-selected={selected.to_string()}
                        aria-controls={format!("{}panel", props.ids)}
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| on_select.emit(tab))}>
                        { ShareMsg::TabName(tab).text(lang) }
                    </button>
                }
            }) }
        </div>
    }
}

/// What applying a share code left to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The code could not be read; nothing was applied.
    Failed(ShareError),
    /// The code was applied, with these differences.
    Warnings(Vec<ShareWarning>),
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Notice,
    /// Whether the values shown are the plan as written.
    pub as_written: bool,
    pub lang: Lang,
    pub on_dismiss: Callback<()>,
}

/// The notice over the plan after a share code: its error, or its warnings.
#[component]
pub fn NoticeBox(props: &NoticeProps) -> Html {
    let lang = props.lang;
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let (class, role, body) = match &props.notice {
        Notice::Failed(e) => {
            let then = if props.as_written {
                ShareMsg::CodeFailedAsWritten
            } else {
                ShareMsg::CodeFailedKept
            };
            let body = html! {
                <>
                    <p class="pw-notice-h">{ ShareMsg::CodeFailed.text(lang) }</p>
                    <p>{ e.message(lang) }</p>
                    <p>{ then.text(lang) }</p>
                </>
            };
            ("pw-notice pw-notice-error", "alert", body)
        }
        Notice::Warnings(ws) => {
            let body = html! {
                <>
                    <p class="pw-notice-h">{ ShareMsg::Applied.text(lang) }</p>
                    <ul class="pw-notice-list">
                        { for ws.iter().map(|w| html! { <li>{ w.message(lang) }</li> }) }
                    </ul>
                </>
            };
            ("pw-notice pw-notice-warn", "status", body)
        }
    };
    html! {
        <div class={class} role={role}>
            <div class="pw-notice-body">{ body }</div>
            <button type="button" class="pw-btn" onclick={on_dismiss}>{ ShareMsg::Dismiss.text(lang) }</button>
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Manual,
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The current share code.
    pub code: AttrValue,
    /// The scenario's name, shown under the QR code.
    pub name: AttrValue,
    /// The plan's title, for the system share sheet (`navigator.share`).
    #[prop_or_default]
    pub title: AttrValue,
    pub lang: Lang,
    pub ids: AttrValue,
}

/// The Share button and its dialog (a native modal `<dialog>`: the browser traps focus, Esc
/// closes it, focus returns to the button).
#[component]
pub fn ShareButton(props: &ShareProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    let copy = use_state(|| CopyState::Idle);
    let dialog = use_node_ref();
    let button = use_node_ref();
    let field = use_node_ref();
    let link = if *open {
        crate::web::fragment::share_link(button.get().as_ref(), &props.code)
    } else {
        String::new()
    };
    let qr = use_memo(link.clone(), |link| {
        // A PNG in an <img> (not inline SVG): a phone's long-press reads images. 360 px and
        // more: sharp at 15 em in large-text mode too.
        (!link.is_empty()).then(|| qr::qr_png(link, 360))
    });

    let on_open = {
        let open = open.clone();
        let copy = copy.clone();
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(true);
            copy.set(CopyState::Idle);
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                if !d.open() {
                    let _ = d.show_modal();
                }
            }
        })
    };
    let on_close_button = {
        let dialog = dialog.clone();
        let button = button.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
            if let Some(b) = button.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let on_closed = {
        let open = open.clone();
        let button = button.clone();
        let dialog = dialog.clone();
        Callback::from(move |_: Event| {
            open.set(false);
            // The close event comes a moment after the dialog closed (Esc, or the Close button):
            // put focus back on the Share button only if it is still in the dialog or lost,
            // never pull it away from where the visitor has moved on to.
            if let (Some(b), Some(d)) = (button.cast::<HtmlElement>(), dialog.cast::<Node>()) {
                let active = b
                    .get_root_node()
                    .dyn_into::<ShadowRoot>()
                    .ok()
                    .and_then(|r| r.active_element())
                    .or_else(|| gloo::utils::document().active_element());
                let lost = match &active {
                    None => true,
                    Some(a) => d.contains(Some(a)) || a.tag_name() == "BODY",
                };
                if lost {
                    let _ = b.focus();
                }
            }
        })
    };
    let on_copy = {
        let copy = copy.clone();
        let field = field.clone();
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let copy = copy.clone();
            let field = field.clone();
            match write_clipboard(&link) {
                Some(promise) => {
                    yew::platform::spawn_local(async move {
                        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                        if ok {
                            copy.set(CopyState::Copied);
                        } else {
                            select_field(&field);
                            copy.set(CopyState::Manual);
                        }
                    });
                }
                None => {
                    select_field(&field);
                    copy.set(CopyState::Manual);
                }
            }
        })
    };
    let on_share_via = {
        let (link, title) = (link.clone(), props.title.clone());
        Callback::from(move |_: MouseEvent| system_share(&title, &link))
    };
    let on_focus_field = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<HtmlInputElement>().select();
    });

    let p = |suffix: &str| format!("{}share-{suffix}", props.ids);
    let content = if *open {
        let qr_html = qr_figure(qr.as_ref().as_ref(), &props.name, lang);
        let copy_note = match *copy {
            CopyState::Idle => String::new(),
            CopyState::Copied => ShareMsg::Copied.text(lang),
            CopyState::Manual => ShareMsg::CopyManual.text(lang),
        };
        html! {
            <>
                <p class="pw-hint">{ ShareMsg::ShareHint.text(lang) }</p>
                <label class="pw-share-label" for={p("link")}>{ ShareMsg::Link.text(lang) }</label>
                <div class="pw-share-row">
                    <input ref={field.clone()} id={p("link")} class="pw-share-link" type="text" readonly=true
                        value={link.clone()} onfocus={on_focus_field} aria-describedby={p("copied")} />
                    <button type="button" class="pw-btn pw-primary" onclick={on_copy}>{ ShareMsg::Copy.text(lang) }</button>
                    if can_share() {
                        <button type="button" class="pw-btn pw-share-via" onclick={on_share_via}>{ ShareMsg::ShareVia.text(lang) }</button>
                    }
                </div>
                <p id={p("copied")} class="pw-share-copied" role="status">{ copy_note }</p>
                { qr_html }
                <p class="pw-share-code"><span class="pw-k">{ ShareMsg::Code.text(lang) }{ if lang == Lang::ZhCn { "：" } else { ": " } }</span><code>{ props.code.clone() }</code></p>
            </>
        }
    } else {
        html! {}
    };
    html! {
        <>
            <button ref={button} type="button" class="pw-btn" aria-haspopup="dialog" onclick={on_open}>{ ShareMsg::Share.text(lang) }</button>
            <dialog ref={dialog} class="pw-dialog" aria-labelledby={p("title")} onclose={on_closed}>
                <div class="pw-dialog-head">
                    <h3 id={p("title")} class="pw-h">{ ShareMsg::ShareTitle.text(lang) }</h3>
                    <button type="button" class="pw-btn" onclick={on_close_button}>{ ShareMsg::Close.text(lang) }</button>
                </div>
                { content }
            </dialog>
        </>
    }
}

/// The QR image with the scenario's name under it, or why there is none.
fn qr_figure(qr: Option<&Result<qr::QrPng, qr::QrFailure>>, name: &AttrValue, lang: Lang) -> Html {
    match qr {
        Some(Ok(q)) => html! {
            <>
                <figure class="pw-qr">
                    <img class="pw-qr-img" src={q.data_url.clone()} alt={ShareMsg::QrOf(name).text(lang)}
                        width={q.px.to_string()} height={q.px.to_string()} />
                    <figcaption class="pw-qr-name">{ name.clone() }</figcaption>
                </figure>
                <p class="pw-hint pw-qr-hint">{ ShareMsg::QrHint.text(lang) }</p>
            </>
        },
        Some(Err(e)) => html! { <p class="pw-qr-none">{ e.message(lang) }</p> },
        None => html! {},
    }
}

/// `navigator.share`, where the browser has it (looked up with `Reflect`: web-sys would need
/// an unstable feature, and a missing API must not trap).
fn share_function() -> Option<(web_sys::Navigator, Function)> {
    let navigator = web_sys::window()?.navigator();
    let share = Reflect::get(&navigator, &JsValue::from_str("share")).ok()?;
    let share = share.dyn_into::<Function>().ok()?;
    Some((navigator, share))
}

/// Whether the Share dialog offers the system share sheet.
fn can_share() -> bool {
    share_function().is_some()
}

/// Opens the system share sheet with `title` and `url`. A refusal or a cancel needs no word:
/// the link and the QR code are still in the dialog.
fn system_share(title: &str, url: &str) {
    let Some((navigator, share)) = share_function() else {
        return;
    };
    let data = js_sys::Object::new();
    let _ = Reflect::set(
        &data,
        &JsValue::from_str("title"),
        &JsValue::from_str(title),
    );
    let _ = Reflect::set(&data, &JsValue::from_str("url"), &JsValue::from_str(url));
    if let Ok(promise) = share.call1(&navigator, &data) {
        if let Ok(promise) = promise.dyn_into::<Promise>() {
            // Awaited, so a cancel is not an unhandled rejection in the console.
            yew::platform::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}

/// Starts `navigator.clipboard.writeText(text)`; `None` where the clipboard API is missing
/// (an insecure page) or throws.
fn write_clipboard(text: &str) -> Option<Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write: Function = Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()?
        .dyn_into()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into()
        .ok()
}

fn select_field(field: &NodeRef) {
    if let Some(input) = field.cast::<HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// A file to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// The export of the current scenario: CSV (UTF-8 with BOM) or JSON, named after the plan.
/// With the scenario's `chances` (once estimated), the statuses the widget shows come too.
pub fn export_file(
    format: ExportFormat,
    plan: &Plan,
    outcome: &Outcome,
    chances: Option<&[Option<f64>]>,
    code: &str,
    lang: Lang,
) -> Download {
    match format {
        ExportFormat::Csv => Download {
            name: export::file_name(plan, "csv", lang),
            mime: "text/csv;charset=utf-8",
            text: export::csv_with_chances(plan, outcome, chances, lang),
        },
        ExportFormat::Json => Download {
            name: export::file_name(plan, "json", lang),
            mime: "application/json;charset=utf-8",
            text: export::json_with_chances(plan, outcome, code, chances, lang),
        },
    }
}

/// Saves `file`: the one download of the widget ([`super::progress::download::download`]),
/// its link put into the page's body for the click.
fn save(file: &Download) -> Result<(), JsValue> {
    let body = gloo::utils::document()
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    super::progress::download::download(&body, &file.name, file.mime, &file.text)
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub plan: super::view::PlanRef,
    pub outcome: std::rc::Rc<Outcome>,
    /// The current scenario's risk figures, once estimated (not while estimating).
    pub risk: Option<std::rc::Rc<crate::core::risk::RiskResult>>,
    pub code: AttrValue,
    pub lang: Lang,
}

/// The export buttons (CSV and JSON of the current scenario).
#[component]
pub fn ExportButtons(props: &ExportProps) -> Html {
    let lang = props.lang;
    let failed = use_state(|| false);
    let button = |format: ExportFormat, label: ShareMsg| {
        let plan = props.plan.clone();
        let outcome = props.outcome.clone();
        let risk = props.risk.clone();
        let code = props.code.clone();
        let failed = failed.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let chances = risk.as_deref().map(|r| r.probabilities.as_slice());
            let file = export_file(format, &plan, &outcome, chances, &code, lang);
            failed.set(save(&file).is_err());
        });
        html! { <button type="button" class="pw-btn" {onclick}>{ label.text(lang) }</button> }
    };
    html! {
        <>
            { button(ExportFormat::Csv, ShareMsg::ExportCsv) }
            { button(ExportFormat::Json, ShareMsg::ExportJson) }
            if *failed { <span class="pw-k" role="status">{ ShareMsg::ExportFailed.text(lang) }</span> }
        </>
    }
}
