//! The web layer (wasm32 only): the yew UI ([`ui`]) and the `<plan-widget>` binding
//! ([`element`]) that `pkg/plan-widget.js` calls. Thin: all computing is in [`crate::core`].

#[cfg(feature = "test-hooks")]
pub mod bench;
pub mod element;
pub mod ui;
