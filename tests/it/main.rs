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
mod constraints;
mod county_goals;
mod county_workbook;
mod en_text;
mod golden;
mod handan;
mod model;
mod other_field;
mod progress;
mod readme;
mod robust;
mod scenarios;
mod seek_risk;
mod share;
mod support;
mod tally;
mod workbook;
mod zh_text;
