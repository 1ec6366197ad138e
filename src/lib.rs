//! plan-widget: a public plan as an interactive widget.
//!
//! - [`core`]: the pure core (plan format, validation, formula engine, scenarios); no IO.
//! - `cli` (native only): the `plan-widget` command line over the core.
//! - `web` (wasm32 only): the yew UI and the `<plan-widget>` custom element.
//!
//! See ARCHITECTURE.md for the code map and invariants.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;
