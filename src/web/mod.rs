//! The web layer (wasm32 only): the yew UI ([`ui`]) and the `<plan-widget>` binding
//! ([`element`]) that `pkg/plan-widget.js` calls. Thin: all computing is in [`crate::core`].

#[cfg(feature = "test-hooks")]
pub mod bench;
pub mod browser;
// The Progress module (feature `progress-module`) is the same UI code without the element's
// exports: only the Progress view is reachable from its one export.
#[cfg(not(feature = "progress-module"))]
pub mod element;
pub mod fragment;
#[cfg(feature = "progress-module")]
pub mod progress_module;
pub mod ui;

/// The allocator: talc instead of Rust's default dlmalloc (smaller wasm; single-threaded wasm,
/// memory grown from the host as needed). Sizes in docs/widget-shell.md, "Size".
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
