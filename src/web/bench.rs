//! Test-only (feature `test-hooks`, built into `pkg-test/`, never `pkg/`): goal seek and Monte
//! Carlo over the built-in plan timed inside the wasm, for `scripts/bench-seekrisk.mjs`.
//!
//! Scenario for goal seek: every policy lever at its minimum (most targets missed), as the
//! native benchmark (`benches/seek_risk.rs`). Risk: 10,000 samples of the plan as written.

use crate::core::risk::{RiskRun, DEFAULT_SAMPLES, DEFAULT_SEED};
use crate::core::seek::{SeekOptions, Seeker};
use crate::core::{builtin, InputKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs the benchmark (`rounds` repetitions of each measurement) and returns its figures as
/// JSON (times in ms): `seekerNew`, `seekPerTargetMedian`, `seekPerTargetMax`, `seekAll`,
/// `missed`, `risk` (median of the runs), `riskMin`, `samples`; or `{"error"}`.
#[wasm_bindgen(js_name = benchSeekRisk)]
pub fn bench_seek_risk(rounds: u32) -> String {
    let plan = match builtin::load(builtin::DEFAULT_ID) {
        Some(Ok(p)) => p,
        _ => return r#"{"error":"no built-in plan"}"#.to_string(),
    };
    let rounds = rounds.max(1);
    let low: Vec<f64> = plan
        .inputs()
        .iter()
        .map(|i| match i.kind {
            InputKind::Policy => i.min,
            InputKind::Assumption => i.default,
        })
        .collect();

    let t0 = performance_now();
    let mut seeker = Seeker::new(&plan);
    let seeker_new = performance_now() - t0;

    let mut per_target = Vec::new();
    let mut all = Vec::new();
    let missed: Vec<usize> = (0..plan.targets().len())
        .filter(|&t| !seeker.is_met(&low, t).unwrap_or(true))
        .collect();
    for &t in &missed {
        let t0 = performance_now();
        for _ in 0..rounds {
            let _ = seeker.suggestions(&low, t, SeekOptions::default());
        }
        per_target.push((performance_now() - t0) / f64::from(rounds));
    }
    for _ in 0..rounds {
        let t0 = performance_now();
        for &t in &missed {
            let _ = seeker.suggestions(&low, t, SeekOptions::default());
        }
        all.push(performance_now() - t0);
    }

    let values = plan.defaults();
    let mut risk = Vec::new();
    let mut samples = 0;
    for _ in 0..rounds {
        let t0 = performance_now();
        if let Ok(mut run) = RiskRun::new(&plan, &values, DEFAULT_SAMPLES, DEFAULT_SEED) {
            run.step(&plan, DEFAULT_SAMPLES);
            samples = run.result().samples;
        }
        risk.push(performance_now() - t0);
    }
    let max = per_target.iter().copied().fold(0.0, f64::max);
    let risk_min = risk.iter().copied().fold(f64::INFINITY, f64::min);
    serde_json::json!({
        "seekerNew": seeker_new,
        "seekPerTargetMedian": median(per_target),
        "seekPerTargetMax": max,
        "seekAll": median(all),
        "missed": missed.len(),
        "targets": plan.targets().len(),
        "risk": median(risk),
        "riskMin": risk_min,
        "samples": samples,
    })
    .to_string()
}
