//! plan-widget: a public plan as an interactive widget.
//!
//! - [`core`]: the pure core (plan format, validation, formula engine, scenarios); no IO.
//! - `cli` (native only): the `plan-widget` command line over the core.
//! - `workbook` (native only): plans and county reports as `.xlsx` workbooks.
//! - `web` (wasm32 only): the yew UI and the `<plan-widget>` custom element.
//!
//! See ARCHITECTURE.md for the code map and invariants.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(not(target_arch = "wasm32"))]
pub mod workbook;

#[cfg(target_arch = "wasm32")]
pub mod web;
