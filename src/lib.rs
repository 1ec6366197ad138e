//! plan-widget: a public plan as an interactive widget.
//!
//! - [`core`]: the pure core (plan format, validation, formula engine, scenarios); no IO.
//! - `cli` (native only): the `plan-widget` command line over the core.
//! - `workbook` (native only): plans and county reports as `.xlsx` workbooks.
//! - `web`: the yew UI; on wasm32 also the `<plan-widget>` custom element, natively the server
//!   rendering behind `plan-widget render`.
//!
//! See ARCHITECTURE.md for the code map and invariants.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx-reader"))]
pub mod workbook;

// The workbook module (feature `xlsx-reader`) is a wasm of its own, without the UI; natively the
// UI is there for `plan-widget render` (feature `render`, default).
#[cfg(any(
    all(not(target_arch = "wasm32"), feature = "render"),
    all(target_arch = "wasm32", not(feature = "xlsx-reader"))
))]
pub mod web;
