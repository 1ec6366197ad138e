//! The Share button and its dialog: the link (copy, or the system share sheet), the QR code
//! with the scenario's name, and the share code.

use super::ShareMsg;
use crate::core::{qr, Lang};
use crate::web::{browser, fragment};
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement, Node, ShadowRoot};
use yew::prelude::*;

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

/// What an open dialog shows, read from the browser when it opens.
#[derive(Debug, Clone, PartialEq)]
struct Opened {
    link: AttrValue,
    /// The browser has `navigator.share`.
    can_share: bool,
}

/// The link of `code` for the element holding `button` ([`fragment::share_link`]).
fn opened(code: &str, button: &NodeRef) -> Opened {
    Opened {
        link: fragment::share_link(button.get().as_ref(), code).into(),
        can_share: browser::can_share(),
    }
}

/// Puts focus back on the Share button after the dialog closed, only if it is still in the
/// dialog or lost: never pulls it away from where the visitor has moved on to.
fn restore_focus(button: &NodeRef, dialog: &NodeRef) {
    let (Some(b), Some(d)) = (button.cast::<HtmlElement>(), dialog.cast::<Node>()) else {
        return;
    };
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

/// The Share button and its dialog (a native modal `<dialog>`: the browser traps focus, Esc
/// closes it, focus returns to the button). The dialog's content exists only while it is open.
#[component]
pub fn ShareButton(props: &ShareProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| None::<Opened>);
    let (dialog, button) = (use_node_ref(), use_node_ref());
    // A code that changes while the dialog is open (the host set `scenario`): a new link.
    {
        let (open, button) = (open.clone(), button.clone());
        use_effect_with(props.code.clone(), move |code| {
            if open.is_some() {
                open.set(Some(opened(code, &button)));
            }
        });
    }
    let on_open = {
        let (open, dialog, button, code) = (
            open.clone(),
            dialog.clone(),
            button.clone(),
            props.code.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            open.set(Some(opened(&code, &button)));
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                if !d.open() {
                    let _ = d.show_modal();
                }
            }
        })
    };
    let on_close_button = {
        let (dialog, button) = (dialog.clone(), button.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
            if let Some(b) = button.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    // The close event comes a moment after the dialog closed (Esc, or the Close button).
    let on_closed = {
        let (open, dialog, button) = (open.clone(), dialog.clone(), button.clone());
        Callback::from(move |_: Event| {
            open.set(None);
            restore_focus(&button, &dialog);
        })
    };
    let title_id = format!("{}share-title", props.ids);
    html! {
        <>
            <button ref={button} type="button" class="pw-btn" aria-haspopup="dialog" onclick={on_open}>{ ShareMsg::Share.text(lang) }</button>
            <dialog ref={dialog} class="pw-dialog" aria-labelledby={title_id.clone()} onclose={on_closed}>
                <div class="pw-dialog-head">
                    <h3 id={title_id} class="pw-h">{ ShareMsg::ShareTitle.text(lang) }</h3>
                    <button type="button" class="pw-btn" onclick={on_close_button}>{ ShareMsg::Close.text(lang) }</button>
                </div>
                if let Some(o) = (*open).clone() {
                    <ShareContent link={o.link} can_share={o.can_share} code={props.code.clone()} name={props.name.clone()} title={props.title.clone()} {lang} ids={props.ids.clone()} />
                }
            </dialog>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ContentProps {
    link: AttrValue,
    can_share: bool,
    code: AttrValue,
    name: AttrValue,
    title: AttrValue,
    lang: Lang,
    ids: AttrValue,
}

/// The open dialog's content: the link with Copy (and the system share sheet where there is
/// one), what copying did, the QR code, the share code.
#[component]
fn ShareContent(props: &ContentProps) -> Html {
    let lang = props.lang;
    let copy = use_state(|| CopyState::Idle);
    let field = use_node_ref();
    // A PNG in an <img> (not inline SVG): a phone's long-press reads images. 360 px and more:
    // sharp at 15 em in large-text mode too.
    let qr = use_memo(props.link.clone(), |link| qr::qr_png(link, 360));
    let on_copy = {
        let (copy, field, link) = (copy.clone(), field.clone(), props.link.clone());
        Callback::from(move |_: MouseEvent| copy_link(&link, copy.clone(), field.clone()))
    };
    let on_share_via = {
        let (link, title) = (props.link.clone(), props.title.clone());
        Callback::from(move |_: MouseEvent| browser::system_share(&title, &link))
    };
    let on_focus_field = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<HtmlInputElement>().select();
    });
    let p = |suffix: &str| format!("{}share-{suffix}", props.ids);
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
                <input ref={field} id={p("link")} class="pw-share-link" type="text" readonly=true
                    value={props.link.clone()} onfocus={on_focus_field} aria-describedby={p("copied")} />
                <button type="button" class="pw-btn pw-primary" onclick={on_copy}>{ ShareMsg::Copy.text(lang) }</button>
                if props.can_share {
                    <button type="button" class="pw-btn pw-share-via" onclick={on_share_via}>{ ShareMsg::ShareVia.text(lang) }</button>
                }
            </div>
            <p id={p("copied")} class="pw-share-copied" role="status">{ copy_note }</p>
            { qr_figure(&qr, &props.name, lang) }
            <p class="pw-share-code"><span class="pw-k">{ ShareMsg::Code.text(lang) }{ if lang == Lang::ZhCn { "：" } else { ": " } }</span><code>{ props.code.clone() }</code></p>
        </>
    }
}

/// Copies `link` to the clipboard; where the browser refuses, selects it in `field` for the
/// reader to copy by hand.
fn copy_link(link: &str, copy: UseStateHandle<CopyState>, field: NodeRef) {
    let manual = move |copy: UseStateHandle<CopyState>| {
        select_field(&field);
        copy.set(CopyState::Manual);
    };
    match browser::write_clipboard(link) {
        Some(promise) => yew::platform::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copy.set(CopyState::Copied);
            } else {
                manual(copy);
            }
        }),
        None => manual(copy),
    }
}

/// The QR image with the scenario's name under it, or why there is none.
fn qr_figure(qr: &Result<qr::QrPng, qr::QrFailure>, name: &AttrValue, lang: Lang) -> Html {
    match qr {
        Ok(q) => html! {
            <>
                <figure class="pw-qr">
                    <img class="pw-qr-img" src={q.data_url.clone()} alt={ShareMsg::QrOf(name).text(lang)}
                        width={q.px.to_string()} height={q.px.to_string()} />
                    <figcaption class="pw-qr-name">{ name.clone() }</figcaption>
                </figure>
                <p class="pw-hint pw-qr-hint">{ ShareMsg::QrHint.text(lang) }</p>
            </>
        },
        Err(e) => html! { <p class="pw-qr-none">{ e.message(lang) }</p> },
    }
}

fn select_field(field: &NodeRef) {
    if let Some(input) = field.cast::<HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    }
}
