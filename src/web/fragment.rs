//! The share code in the page's URL fragment, browser side. The key (`pw`, or `pw-<id>` for an
//! element with an id) and the parsing are [`crate::core::share`]'s; this reads and writes
//! `location`: the element reads its code as it loads and, with `sync-url`, on every
//! `hashchange` ([`read_fragment`], the export `readFragment`); with `sync-url` the scenario is
//! written back as it changes ([`UrlSync`], called by [`crate::web::element::mount`]'s
//! change callback); the Share dialog's link ([`share_link`]) uses the same key. The host's
//! other fragment parts are kept byte for byte (`#top&pw=CODE`).
//!
//! A code this tab wrote is marked in `sessionStorage` ([`written_here`]): a reload of one's own
//! tab reopens one's own scenario, not "someone's modified version"; sessionStorage survives a
//! reload but not a new tab or another browser, where the same link is a shared one. Where
//! storage is refused nothing is marked, and every code in the URL counts as shared.

use crate::core::share::{code_at_key, fragment_key, fragment_with_key};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The element whose shadow root holds `node` (none outside a shadow root).
pub fn host_of(node: &web_sys::Node) -> Option<web_sys::Element> {
    let root: web_sys::ShadowRoot = node.get_root_node().dyn_into().ok()?;
    Some(root.host())
}

/// The fragment key of `element`: `pw-<id>` with an id, else `pw`.
fn key_of_element(element: Option<&web_sys::Element>) -> String {
    fragment_key(&element.map(web_sys::Element::id).unwrap_or_default())
}

/// The fragment key of the `<plan-widget>` element holding `node`.
pub fn key_of(node: &web_sys::Node) -> String {
    key_of_element(host_of(node).as_ref())
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The share code for `element` in the page's URL fragment (`None`: its key is not there).
#[wasm_bindgen(js_name = readFragment)]
pub fn read_fragment(element: &web_sys::Element) -> Option<String> {
    let hash = location()?.hash().ok()?;
    code_at_key(&hash, &key_of_element(Some(element))).map(str::to_string)
}

/// Puts `code` under `element`'s key into the page's URL fragment (an empty code removes the
/// key) with `history.replaceState` (no new history entry); nothing when the URL stays the
/// same. A frame that refuses (sandboxed) keeps its URL: the widget works without it.
pub fn write_fragment(element: &web_sys::Element, code: &str) {
    let (Some(location), Some(history)) =
        (location(), web_sys::window().and_then(|w| w.history().ok()))
    else {
        return;
    };
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let fragment = fragment_with_key(&hash, &key_of_element(Some(element)), code);
    let hash_part = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    if hash_part == hash {
        return;
    }
    let state = history.state().unwrap_or(JsValue::NULL);
    let url = format!("{path}{search}{hash_part}");
    if history
        .replace_state_with_url(&state, "", Some(&url))
        .is_ok()
    {
        mark_written(&key_of_element(Some(element)), code);
    }
}

/// What `sync-url` writes for one mounted widget. The scenario it opened with is not written
/// when the URL held no code for it: an untouched page keeps its URL (a bookmark of it follows
/// the plan's later versions instead of pinning this one), and a return to that scenario (undo,
/// "reset all") takes the code out again. A page opened with a code keeps a code.
pub struct UrlSync {
    host: web_sys::Element,
    had_code: bool,
    opened: std::cell::OnceCell<String>,
}

impl UrlSync {
    /// For the `<plan-widget>` element `host`, as it mounts.
    pub fn new(host: web_sys::Element) -> Self {
        let had_code = read_fragment(&host).is_some();
        UrlSync {
            host,
            had_code,
            opened: std::cell::OnceCell::new(),
        }
    }

    /// After each `scenario-change` (the first one is the mount's): the URL follows `code` when
    /// the element has `sync-url`.
    pub fn changed(&self, code: &str) {
        let opened = self.opened.get_or_init(|| code.to_string());
        if !self.host.has_attribute("sync-url") {
            return;
        }
        let kept = if !self.had_code && opened == code {
            ""
        } else {
            code
        };
        write_fragment(&self.host, kept);
    }
}

/// The sessionStorage key of the mark of the code this tab last wrote under fragment key `key`.
fn mark_key(key: &str) -> String {
    format!("plan-widget:written:{key}")
}

/// This tab's sessionStorage; `None` where the browser refuses it (a sandboxed frame, blocked
/// storage: the getter throws, which web-sys returns as an error).
fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Marks `code` as written by this tab under `key` (an empty code removes the mark). A refusal
/// (quota, blocked storage) only loses the mark.
fn mark_written(key: &str, code: &str) {
    if let Some(storage) = session_storage() {
        let _ = if code.is_empty() {
            storage.remove_item(&mark_key(key))
        } else {
            storage.set_item(&mark_key(key), code)
        };
    }
}

/// Whether `code`, about to be applied to the `<plan-widget>` element holding `node`, is the
/// one this tab last wrote into the URL under that element's key (a reload of one's own tab).
pub fn written_here(node: &web_sys::Node, code: &str) -> bool {
    let mark = session_storage().and_then(|s| s.get_item(&mark_key(&key_of(node))).ok().flatten());
    mark.is_some_and(|m| !code.is_empty() && m == code)
}

/// The link of a share code for the element holding `node`: the page's URL with the code under
/// that element's key in its fragment (the host's other fragment parts kept).
pub fn share_link(node: Option<&web_sys::Node>, code: &str) -> String {
    let key = key_of_element(node.and_then(host_of).as_ref());
    let href = location().and_then(|l| l.href().ok()).unwrap_or_default();
    let (base, fragment) = href.split_once('#').unwrap_or((href.as_str(), ""));
    format!("{base}#{}", fragment_with_key(fragment, &key, code))
}
