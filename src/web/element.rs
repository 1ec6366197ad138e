//! The `<plan-widget>` binding: wasm-bindgen exports that `pkg/plan-widget.js` calls.
//! (Filled in by the widget shell work.)
