//! The browser APIs the UI uses, in one place: file downloads, the clipboard and the system
//! share sheet, `localStorage`, and the per-instance id prefixes. Components call these only
//! from effects and callbacks, never while rendering (the same components render natively).

use js_sys::{Array, Function, Promise, Reflect};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Element, HtmlAnchorElement, Url};

/// A file to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// The MIME types of the exports.
pub const CSV: &str = "text/csv;charset=utf-8";
pub const JSON: &str = "application/json;charset=utf-8";

/// Offers `file` as a download: a Blob URL and an `<a download>` click. With a `host` (an
/// element in the widget's shadow root) the link is put inside it for the click, then removed.
/// The object URL is revoked a little later.
pub fn download(file: &Download, host: Option<&Element>) -> Result<(), JsValue> {
    let parts = Array::of1(&JsValue::from_str(&file.text));
    let options = BlobPropertyBag::new();
    options.set_type(file.mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let a: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(&file.name);
    if let Some(host) = host {
        a.set_hidden(true);
        host.append_child(&a)?;
    }
    a.click();
    if host.is_some() {
        a.remove();
    }
    // The download has started from the URL; free it once the click has been handled.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a text from `localStorage`; storage that is missing or refused reads as none.
pub fn stored_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes a text to `localStorage`; false when the browser refuses (quota, disabled storage).
pub fn store_text(key: &str, text: &str) -> bool {
    local_storage().is_some_and(|s| s.set_item(key, text).is_ok())
}

/// Reads a JSON value from `localStorage` (missing, refused or unreadable: none).
pub fn stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&stored_text(key)?).ok()
}

/// Writes a JSON value to `localStorage`; false when the browser refuses (private mode, quota).
pub fn store<T: serde::Serialize>(key: &str, value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|text| store_text(key, &text))
}

thread_local! {
    static INSTANCES: Cell<u32> = const { Cell::new(0) };
}

/// The next number of this page's instances (of a widget or a view): ids in a shadow root
/// stay unique when a host page copies one widget's markup into another.
pub fn next_instance() -> u32 {
    INSTANCES.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    })
}

/// `navigator.share`, where the browser has it (looked up with `Reflect`: web-sys would need
/// an unstable feature, and a missing API must not trap).
fn share_function() -> Option<(web_sys::Navigator, Function)> {
    let navigator = web_sys::window()?.navigator();
    let share = Reflect::get(&navigator, &JsValue::from_str("share")).ok()?;
    let share = share.dyn_into::<Function>().ok()?;
    Some((navigator, share))
}

/// Whether the browser has the system share sheet.
pub fn can_share() -> bool {
    share_function().is_some()
}

/// Opens the system share sheet with `title` and `url`. A refusal or a cancel needs no word:
/// the link and the QR code are still in the dialog.
pub fn system_share(title: &str, url: &str) {
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
pub fn write_clipboard(text: &str) -> Option<Promise> {
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

/// The page's address (`location.href`), empty where there is none.
pub fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
