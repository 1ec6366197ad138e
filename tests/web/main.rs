//! Browser tests: one wasm-bindgen-test binary (one link, one browser session), one module per
//! area, and the shared mounting, querying and waiting in `support`. Run by scripts/test-web.sh;
//! by hand (a module or a test name as the filter):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//!  cargo test --target wasm32-unknown-unknown --test web [progress::]`.
//!
//! wasm32 only: the native `cargo test` builds this file as an empty binary.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod element;
mod model;
mod progress;
mod seekrisk;
mod share;
mod status;
mod ui;
mod units;
