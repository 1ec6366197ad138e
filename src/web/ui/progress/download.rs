//! Browser side of the exports: a file download from text (Blob + `<a download>`), reading a
//! chosen file, and the print dialog.

use crate::core::progress::actuals::CellRow;
use gloo::file::ObjectUrl;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, File, HtmlAnchorElement};

/// Offers `text` as a download named `name`. The link is put inside `host` (the widget's root,
/// in its shadow root) for the click, then removed; the object URL (gloo-file: revoked when
/// dropped) is kept a little longer, for the download to start.
pub fn download(host: &Element, name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let url = ObjectUrl::from(gloo::file::Blob::new_with_options(text, Some(mime)));
    let a: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    host.append_child(&a)?;
    a.click();
    a.remove();
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}

/// The text of a chosen file (decoded as UTF-8; a BOM is dropped by the parser).
pub async fn read_text(file: &File) -> Result<String, JsValue> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("not text"))
}

/// The filled cells of a county workbook, read by the widget's workbook module (a second
/// wasm that `plan-widget.js` loads on first use and offers as
/// `globalThis[Symbol.for("plan-widget.readWorkbook")]`). `Ok(None)`: not a reporting workbook;
/// `Err`: the file or the module could not be loaded.
pub async fn read_workbook(file: &File) -> Result<Option<Vec<CellRow>>, JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let key = js_sys::Symbol::for_("plan-widget.readWorkbook");
    let reader: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &key)?.dyn_into()?;
    let promise: js_sys::Promise = reader.call1(&JsValue::NULL, &bytes)?.dyn_into()?;
    let json = wasm_bindgen_futures::JsFuture::from(promise)
        .await?
        .as_string()
        .ok_or_else(|| JsValue::from_str("not text"))?;
    #[derive(serde::Deserialize)]
    struct Read {
        rows: Option<Vec<CellRow>>,
    }
    let read: Read = serde_json::from_str(&json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(read.rows)
}

/// Opens the browser's print dialog (the print stylesheet shows the report tables only).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
