//! Native integration tests: one binary, one module per area.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod broken_plans;
mod cli;
mod county_workbook;
mod handan;
mod model;
mod progress;
mod readme;
mod robust;
mod seek_risk;
mod support;
mod tally;
mod workbook;
