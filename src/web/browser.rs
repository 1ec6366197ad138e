//! The browser APIs the UI uses, in one place: file downloads (gloo-file), the clipboard and the
//! system share sheet, `localStorage` (gloo-storage), and the per-instance id prefixes. The URL
//! fragment is [`super::fragment`]'s. Components call these only
//! from effects and callbacks, never while rendering (the same components render natively).

use crate::core::session::StoredError;
use gloo::file::ObjectUrl;
use gloo::storage::errors::StorageError;
use gloo::storage::{LocalStorage, Storage};
use js_sys::{Function, Promise, Reflect};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement};

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

/// Offers `file` as a download: an object URL (gloo-file: revoked when dropped, kept a little
/// longer for the download to start) and an `<a download>` click. The link is put inside `host`
/// (the widget's root in its shadow root, or the page's body) for the click, then removed.
pub fn download(file: &Download, host: &Element) -> Result<(), JsValue> {
    let url = ObjectUrl::from(gloo::file::Blob::new_with_options(
        file.text.as_str(),
        Some(file.mime),
    ));
    let a: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(&file.name);
    a.set_hidden(true);
    host.append_child(&a)?;
    a.click();
    a.remove();
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}

/// The page's body (where a download's link goes when the widget has no root at hand).
pub fn body() -> Result<Element, JsValue> {
    gloo::utils::document()
        .body()
        .map(Element::from)
        .ok_or_else(|| JsValue::from_str("no body"))
}

/// Whether the page may use localStorage. gloo-storage's `LocalStorage` throws a JS exception
/// (through the wasm, past Rust) where the browser refuses it (storage blocked for a frame),
/// so each use checks this first.
fn storage_allowed() -> bool {
    // Rendered natively (`plan-widget render`) there is no browser and no storage.
    if cfg!(not(target_arch = "wasm32")) {
        return false;
    }
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// Reads `T` stored under `key` (gloo-storage: JSON): `None` when nothing is stored or storage
/// is refused, an error when what is stored is not a `T`.
pub fn stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<Result<T, StoredError>> {
    if !storage_allowed() {
        return None;
    }
    match LocalStorage::get::<T>(key) {
        Ok(v) => Some(Ok(v)),
        Err(StorageError::KeyNotFound(_)) => None,
        Err(e) => Some(Err(StoredError(e.to_string()))),
    }
}

/// Stores `value` under `key`; false when the browser refuses (quota, disabled storage).
pub fn store<T: serde::Serialize>(key: &str, value: &T) -> bool {
    storage_allowed() && LocalStorage::set(key, value).is_ok()
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
