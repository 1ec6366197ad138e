//! The web layer: the yew UI ([`ui`]); in the wasm the `<plan-widget>` binding (`element`) that
//! `pkg/plan-widget.js` calls, natively the server rendering of the same UI ([`ssr`], behind
//! `plan-widget render`). Thin: all computing is in [`crate::core`].

#[cfg(all(target_arch = "wasm32", feature = "test-hooks"))]
pub mod bench;
pub mod browser;
// The Progress module (feature `progress-module`) is the same UI code without the element's
// exports: only the Progress view is reachable from its one export.
#[cfg(all(target_arch = "wasm32", not(feature = "progress-module")))]
pub mod element;
pub mod fragment;
// The panic hook (and the test-only forced panic) of each wasm: the widget's and the Progress
// module's.
#[cfg(target_arch = "wasm32")]
pub mod panic;
#[cfg(all(target_arch = "wasm32", feature = "progress-module"))]
pub mod progress_module;
#[cfg(not(target_arch = "wasm32"))]
pub mod ssr;
pub mod ui;

use crate::core::{Lang, Plan};

/// The key of a prerendered UI (`data-render` in `plan-widget render`'s output): the element
/// hydrates markup only when the wasm would render the same (this package version, this plan id
/// and version, this language), and renders afresh over anything else.
pub fn render_key(plan: &Plan, lang: Lang) -> String {
    format!(
        "{} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        plan.id(),
        plan.version(),
        lang.code()
    )
}

/// The allocator: talc instead of Rust's default dlmalloc (smaller wasm; single-threaded wasm,
/// memory grown from the host as needed). Sizes in docs/widget-shell.md, "Size".
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
