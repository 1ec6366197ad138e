//! Test-only (feature `test-hooks`, built into `pkg-test/`, never `pkg/`): goal seek and Monte
//! Carlo over the built-in plan timed inside the wasm, for `scripts/bench-seekrisk.mjs`.
//!
//! Scenario for goal seek: every policy lever at its minimum (most targets missed), as the
//! native benchmark (`benches/seek_risk.rs`). Risk: 10,000 samples of the plan as written.
//! Each figure is taken `rounds` times; the median and the minimum are reported (on a loaded
//! machine the minimum is the closer to the cost of the work itself). `performance.now()` is
//! coarse in browsers (100 µs in Chromium without cross-origin isolation), so one target's
//! suggestions are timed over a batch of [`BATCH`] calls.

use crate::core::builtin;
use crate::core::risk::{RiskRun, DEFAULT_SAMPLES, DEFAULT_SEED};
use crate::core::seek::{policy_at_minimum, SeekOptions, Seeker};
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// Calls per timed batch of one target's suggestions.
const BATCH: u32 = 20;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Median and minimum of `rounds` timings (ms) of `f`.
fn timed(rounds: u32, mut f: impl FnMut()) -> (f64, f64) {
    let mut xs: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let t0 = performance_now();
            f();
            performance_now() - t0
        })
        .collect();
    xs.sort_by(f64::total_cmp);
    let median = xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN);
    let min = xs.first().copied().unwrap_or(f64::NAN);
    (median, min)
}

/// Runs the benchmark and returns its figures as JSON (times in ms, each `[median, min]`):
/// `seekerNew`, `seekTargetMax` (the slowest target), `seekAll` (every missed target once), `risk` (10,000 samples and the figures), with
/// `missed`, `targets`, `samples`; or `{"error"}`.
#[wasm_bindgen(js_name = benchSeekRisk)]
pub fn bench_seek_risk(rounds: u32) -> String {
    let plan = match builtin::load(builtin::DEFAULT_ID) {
        Some(Ok(p)) => p,
        _ => return r#"{"error":"no built-in plan"}"#.to_string(),
    };
    let low = policy_at_minimum(&plan);
    let seeker_new = timed(rounds, || drop(black_box(Seeker::new(&plan))));

    let mut seeker = Seeker::new(&plan);
    let missed: Vec<usize> = (0..plan.targets().len())
        .filter(|&t| !seeker.is_met(&low, t).unwrap_or(true))
        .collect();
    let batch = f64::from(BATCH);
    let mut per_target: Vec<(f64, f64)> = missed
        .iter()
        .map(|&t| {
            let (median, min) = timed(rounds, || {
                for _ in 0..BATCH {
                    let _ = black_box(seeker.suggestions(&low, t, SeekOptions::default()));
                }
            });
            (median / batch, min / batch)
        })
        .collect();
    per_target.sort_by(|a, b| a.0.total_cmp(&b.0));
    let target_max = per_target.last().copied().unwrap_or((f64::NAN, f64::NAN));
    let all = timed(rounds, || {
        for &t in &missed {
            let _ = black_box(seeker.suggestions(&low, t, SeekOptions::default()));
        }
    });

    let values = plan.defaults();
    let mut samples = 0;
    let risk = timed(rounds, || {
        if let Ok(mut run) = RiskRun::new(&plan, &values, DEFAULT_SAMPLES, DEFAULT_SEED) {
            run.step(&plan, DEFAULT_SAMPLES);
            samples = black_box(run.result()).samples;
        }
    });
    let pair = |(a, b): (f64, f64)| [a, b];
    serde_json::json!({
        "seekerNew": pair(seeker_new),
        "seekTargetMax": pair(target_max),
        "seekAll": pair(all),
        "risk": pair(risk),
        "missed": missed.len(),
        "targets": plan.targets().len(),
        "samples": samples,
    })
    .to_string()
}
