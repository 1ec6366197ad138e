//! Goal seek and risk: known answers worked out by hand (see docs/risk.md), reproducibility,
//! convergence within tolerances derived from N, and the command line.

use plan_widget::core::plan::Status;
use plan_widget::core::risk::{
    risk, shown_outcome, status_with_risk, RiskCache, RiskRun, AT_RISK_BELOW, CACHE_SPARE,
    DEFAULT_SAMPLES, DEFAULT_SEED,
};
use plan_widget::core::seek::{suggestions, SeekError, SeekOptions, Seeker};
use plan_widget::core::{parse_plan, Lang, Plan};

const SEEK_PLAN: &str = include_str!("../plans/seek.json");
const RISK_PLAN: &str = include_str!("../plans/risk.json");
const CHANCE_PLAN: &str = include_str!("../plans/chance.json");

fn plan(src: &str) -> Plan {
    parse_plan(src).unwrap()
}

/// Scenario values: defaults with `sets` applied.
fn values(plan: &Plan, sets: &[(&str, f64)]) -> Vec<f64> {
    let mut v = plan.defaults();
    for (id, x) in sets {
        v[plan.input_index(id).unwrap()] = *x;
    }
    v
}

/// Goal seek of `target` on `lever` at the defaults with `sets`: the value it moves to.
fn seek(target: &str, lever: &str, sets: &[(&str, f64)]) -> Option<f64> {
    let p = plan(SEEK_PLAN);
    let v = values(&p, sets);
    let t = p.target_index(target).unwrap();
    let i = p.input_index(lever).unwrap();
    let s = Seeker::new(&p).seek(&v, t, i).unwrap();
    assert_eq!(s.from, v[i]);
    assert_eq!(s.met(), s.to.is_some());
    s.to
}

/// (target, lever, scenario changes, answer, working).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, f64)],
    Option<f64>,
    &'static str,
);

/// Hand-worked answers (docs/risk.md).
const HAND_WORKED: &[Case] = &[
    ("linear", "x", &[], Some(65.0), "3x + 5 >= 200 <=> x >= 65"),
    (
        "linear",
        "x",
        &[("x", 10.5)],
        Some(65.0),
        "from off the grid: still 65",
    ),
    (
        "hump",
        "q",
        &[],
        Some(8.0),
        "q(20 - q) >= 96 <=> 8 <= q <= 12; from 2: 8",
    ),
    (
        "hump",
        "q",
        &[("q", 19.5)],
        Some(12.0),
        "the relation turns back: from 19.5, 12",
    ),
    (
        "equal",
        "q",
        &[],
        Some(3.0),
        "q(20 - q) = 51 <=> q = 3 or 17",
    ),
    (
        "hump_impossible",
        "q",
        &[],
        None,
        "the hump peaks at 100 (q = 10) < 101",
    ),
    (
        "capped",
        "x",
        &[],
        None,
        "min(x, 40) is flat from 40: never 50",
    ),
    (
        "equal_off_grid",
        "q",
        &[],
        None,
        "q = 10 ± √51 falls between 0.5 steps",
    ),
    (
        "linear",
        "unused",
        &[],
        None,
        "a lever the target does not read",
    ),
    (
        "gate",
        "x",
        &[],
        Some(70.0),
        "if(x >= 70, 1, 0): flat both sides of the jump",
    ),
    (
        "two_pieces",
        "r",
        &[],
        Some(5.0),
        "(r - 10)^2 >= 25 <=> r <= 5 or r >= 15",
    ),
    (
        "two_pieces",
        "r",
        &[("r", 11.0)],
        Some(15.0),
        "from 11 the upper piece is nearer",
    ),
    (
        "two_pieces",
        "r",
        &[("r", 10.0)],
        Some(5.0),
        "equally far: the lower value",
    ),
    (
        "wide",
        "big",
        &[],
        Some(50000.0),
        "big^2 >= 2.5e9 on 100,001 points: coarse + bisect",
    ),
    (
        "wide",
        "big",
        &[("big", 49999.0)],
        Some(50000.0),
        "one step away",
    ),
    (
        "met_already",
        "x",
        &[],
        Some(10.0),
        "already met: no change",
    ),
];

#[test]
fn hand_worked_answers() {
    for &(target, lever, sets, answer, working) in HAND_WORKED {
        assert_eq!(
            seek(target, lever, sets),
            answer,
            "{target}/{lever} {sets:?}: {working}"
        );
    }
}

#[test]
fn met_target_has_no_suggestions() {
    let p = plan(SEEK_PLAN);
    let t = p.target_index("met_already").unwrap();
    assert!(suggestions(&p, &p.defaults(), t, SeekOptions::default())
        .unwrap()
        .is_empty());
}

#[test]
fn suggestions_ranked_by_relative_change_levers_first() {
    // 3x + 2z + a >= 260 at x = z = 10, a = 0 (value 50):
    // z alone: z >= 115, 105/200 = 0.525; x alone: x >= 80, 70/100 = 0.7;
    // a alone (assumption): a >= 210, 210/300 = 0.7.
    let p = plan(SEEK_PLAN);
    let t = p.target_index("combo").unwrap();
    let ids = |opts| -> Vec<(String, Option<f64>, Option<f64>)> {
        suggestions(&p, &p.defaults(), t, opts)
            .unwrap()
            .iter()
            .map(|s| (p.inputs()[s.input].id.clone(), s.to, s.relative))
            .collect()
    };
    assert_eq!(
        ids(SeekOptions::default()),
        vec![
            ("z".to_string(), Some(115.0), Some(0.525)),
            ("x".to_string(), Some(80.0), Some(0.7)),
        ]
    );
    let with_a = ids(SeekOptions { assumptions: true });
    assert_eq!(with_a.len(), 3);
    assert_eq!(with_a[2], ("a".to_string(), Some(210.0), Some(0.7)));
    // Levers that cannot meet it come after those that can.
    let t = p.target_index("capped").unwrap();
    let s = suggestions(&p, &p.defaults(), t, SeekOptions::default()).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].to, None);
    assert_eq!(s[0].relative, None);
}

#[test]
fn dependencies_come_from_the_formulas() {
    let p = plan(SEEK_PLAN);
    let seeker = Seeker::new(&p);
    let deps = seeker.dependencies();
    let ids = |t: &str| -> Vec<&str> {
        deps.of_target(p.target_index(t).unwrap())
            .iter()
            .map(|&i| p.inputs()[i].id.as_str())
            .collect()
    };
    assert_eq!(ids("combo"), vec!["x", "z", "a"]);
    assert_eq!(ids("hump"), vec!["q"]);
    assert!(deps.of_target(999).is_empty());
}

/// Brute force: every grid value of `input`, nearest first (ties: lower), with the evaluator.
fn brute_force(plan: &Plan, values: &[f64], t: usize, i: usize) -> Option<f64> {
    let inp = &plan.inputs()[i];
    let n = ((inp.max - inp.min) / inp.step + 1e-9).floor() as usize;
    let mut grid: Vec<f64> = (0..=n)
        .map(|k| inp.snap(inp.min + k as f64 * inp.step))
        .collect();
    let from = values[i];
    grid.sort_by(|a, b| {
        (a - from)
            .abs()
            .total_cmp(&(b - from).abs())
            .then(a.total_cmp(b))
    });
    let mut ev = plan.evaluator();
    let mut probe = values.to_vec();
    grid.into_iter().find(|&v| {
        probe[i] = v;
        ev.run(&probe);
        ev.target_met(t)
    })
}

#[test]
fn built_in_plan_answers_match_brute_force() {
    // Every policy lever at its minimum: most targets missed.
    let plan = plan_widget::core::builtin::load(plan_widget::core::builtin::DEFAULT_ID)
        .unwrap()
        .unwrap();
    let values: Vec<f64> = plan
        .inputs()
        .iter()
        .map(|i| match i.kind {
            plan_widget::core::InputKind::Policy => i.min,
            plan_widget::core::InputKind::Assumption => i.default,
        })
        .collect();
    let mut seeker = Seeker::new(&plan);
    let mut checked = 0;
    for t in 0..plan.targets().len() {
        let all = seeker
            .suggestions(&values, t, SeekOptions { assumptions: true })
            .unwrap();
        for s in all {
            assert_eq!(
                s.to,
                brute_force(&plan, &values, t, s.input),
                "target {t} input {}",
                s.input
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn dependencies_agree_with_the_plan_reach() {
    for src in [SEEK_PLAN, RISK_PLAN, include_str!("../plans/small.json")] {
        let p = plan(src);
        let seeker = Seeker::new(&p);
        for t in 0..p.targets().len() {
            let from_reach: Vec<usize> = (0..p.inputs().len())
                .filter(|&i| p.targets_of_input(i).contains(&t))
                .collect();
            assert_eq!(seeker.dependencies().of_target(t), from_reach.as_slice());
        }
    }
}

#[test]
fn seek_errors_have_messages_in_both_languages() {
    let p = plan(SEEK_PLAN);
    let mut s = Seeker::new(&p);
    let e = s.seek(&[1.0], 0, 0).unwrap_err();
    assert_eq!(
        e,
        SeekError::WrongLength {
            expected: p.inputs().len(),
            got: 1
        }
    );
    assert_eq!(e.message(Lang::En), "1 input values given, the plan has 7");
    assert_eq!(e.message(Lang::ZhCn), "给出了 1 个输入值，计划有 7 个");
    let e = s.seek(&p.defaults(), 99, 0).unwrap_err();
    assert_eq!(e.message(Lang::En), "no target number 99");
    let e = s.seek(&p.defaults(), 0, 99).unwrap_err();
    assert_eq!(e.message(Lang::ZhCn), "没有第 99 号杠杆或假设");
}

/// Tolerance for an estimated probability `p` from `n` samples: 4 standard errors.
fn p_tol(p: f64, n: usize) -> f64 {
    4.0 * (p * (1.0 - p) / n as f64).sqrt()
}

/// Triangular(a, c, b) quantile and density.
fn tri_quantile(a: f64, c: f64, b: f64, q: f64) -> f64 {
    if q < (c - a) / (b - a) {
        a + (q * (b - a) * (c - a)).sqrt()
    } else {
        b - ((1.0 - q) * (b - a) * (b - c)).sqrt()
    }
}
fn tri_density(a: f64, c: f64, b: f64, x: f64) -> f64 {
    if x < c {
        2.0 * (x - a) / ((b - a) * (c - a))
    } else {
        2.0 * (b - x) / ((b - a) * (b - c))
    }
}

#[test]
fn probabilities_converge_to_the_analytic_values() {
    let p = plan(RISK_PLAN);
    let n = 20_000;
    let r = risk(&p, &p.defaults(), n, 7).unwrap();
    assert_eq!(r.samples, n);
    let prob = |id: &str| r.probabilities[p.target_index(id).unwrap()].unwrap();
    // u ~ triangular(10, 40, 110): P(u >= 40) = (110 - 40) / (110 - 10) = 0.7.
    let exact = 0.7;
    assert!(
        (prob("above_mode") - exact).abs() <= p_tol(exact, n),
        "{}",
        prob("above_mode")
    );
    // P(u >= 15) = 1 - (15 - 10)^2 / ((110 - 10)(40 - 10)) = 1 - 25/3000.
    let exact = 1.0 - 25.0 / 3000.0;
    assert!((prob("likely") - exact).abs() <= p_tol(exact, n));
    // k·w with k a fixed lever and w a certain assumption (low = high): always 6.
    assert_eq!(prob("always"), 1.0);
    assert_eq!(prob("never"), 0.0);
}

#[test]
fn band_of_an_assumption_matches_triangular_quantiles() {
    let p = plan(RISK_PLAN);
    let n = 20_000;
    let r = risk(&p, &p.defaults(), n, 11).unwrap();
    let b = r.bands[p.derived_index("u_copy").unwrap()].unwrap();
    for (q, got) in [(0.1, b.p10), (0.5, b.p50), (0.9, b.p90)] {
        let x = tri_quantile(10.0, 40.0, 110.0, q);
        // Standard error of a sample quantile: sqrt(q(1-q)/n) / density.
        let tol = 4.0 * (q * (1.0 - q) / n as f64).sqrt() / tri_density(10.0, 40.0, 110.0, x);
        assert!((got - x).abs() <= tol, "q{q}: {got} vs {x} ± {tol}");
    }
    let fixed = r.bands[p.derived_index("kw").unwrap()].unwrap();
    assert_eq!((fixed.p10, fixed.p50, fixed.p90), (6.0, 6.0, 6.0));
}

#[test]
fn same_seed_same_figures_other_seed_differs() {
    let p = plan(RISK_PLAN);
    let a = risk(&p, &p.defaults(), 2000, 42).unwrap();
    let b = risk(&p, &p.defaults(), 2000, 42).unwrap();
    let c = risk(&p, &p.defaults(), 2000, 43).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.bands, c.bands);
    assert_ne!(a.probabilities, c.probabilities);
}

#[test]
fn chunked_run_equals_one_run_and_restarts() {
    let p = plan(RISK_PLAN);
    let whole = risk(&p, &p.defaults(), 1000, 5).unwrap();
    let mut run = RiskRun::new(&p, &p.defaults(), 1000, 5).unwrap();
    assert_eq!(run.progress(), 0.0);
    let mut steps = 0;
    while !run.is_done() {
        assert_eq!(run.step(&p, 64), 64.min(1000 - steps * 64));
        steps += 1;
    }
    assert_eq!(steps, 16);
    assert_eq!(run.progress(), 1.0);
    assert_eq!(run.step(&p, 64), 0);
    assert_eq!(run.result(), whole);
    // A partial result is the figures so far.
    run.restart(&p, &values(&p, &[("k", 4.0)]), 500, 5).unwrap();
    run.step(&p, 100);
    let partial = run.result();
    assert_eq!(partial.samples, 100);
    assert_eq!(run.progress(), 0.2);
    // k = 4: k·w = 8, the "always" target (= 6) is never met.
    assert_eq!(
        partial.probabilities[p.target_index("always").unwrap()],
        Some(0.0)
    );
}

#[test]
fn moved_assumption_stretches_its_range() {
    // u set to 150 (above high = 110): triangular(10, 150, 150).
    // P(u >= 40) = 1 - (40 - 10)^2 / ((150 - 10)(150 - 10)) = 1 - 900/19600.
    let p = plan(RISK_PLAN);
    let n = 20_000;
    let r = risk(&p, &values(&p, &[("u", 150.0)]), n, 3).unwrap();
    let got = r.probabilities[p.target_index("above_mode").unwrap()].unwrap();
    let exact = 1.0 - 900.0 / 19600.0;
    assert!((got - exact).abs() <= p_tol(exact, n), "{got}");
}

#[test]
fn risk_errors() {
    let p = plan(RISK_PLAN);
    let e = RiskRun::new(&p, &p.defaults(), 0, 1).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "the number of samples must be at least 1"
    );
    assert_eq!(e.message(Lang::ZhCn), "样本数至少为 1");
    let e = RiskRun::new(&p, &[1.0], 10, 1).unwrap_err();
    assert_eq!(e.message(Lang::En), "1 input values given, the plan has 4");
    // Stepping with another plan does nothing.
    let other = plan(SEEK_PLAN);
    let mut run = RiskRun::new(&p, &p.defaults(), 10, 1).unwrap();
    assert_eq!(run.step(&other, 10), 0);
}

#[test]
fn status_with_risk_threshold() {
    assert_eq!(status_with_risk(Status::Met, Some(0.95)), Status::Met);
    assert_eq!(
        status_with_risk(Status::Met, Some(AT_RISK_BELOW)),
        Status::Met
    );
    assert_eq!(status_with_risk(Status::Met, Some(0.89)), Status::AtRisk);
    assert_eq!(status_with_risk(Status::AtRisk, Some(0.99)), Status::Met);
    assert_eq!(status_with_risk(Status::NotMet, Some(0.95)), Status::NotMet);
    assert_eq!(status_with_risk(Status::NoData, None), Status::NoData);
    assert_eq!(status_with_risk(Status::AtRisk, None), Status::AtRisk);
}

/// tests/plans/chance.json: places = extra + a + b + c ≥ 19, each assumption triangular(0, 10,
/// 10) (its default at the favourable end). At extra = 0 no single assumption at its low end
/// fails it (20 ≥ 19), so the one-assumption rule says met; but the deficits 10 − a etc. add up
/// (mean 10, sd ≈ 4.1 for a total of at most 11): P(met) ≈ 0.62, so it is shown at risk.
#[test]
fn shown_outcome_applies_the_chances_to_every_status() {
    let p = plan(CHANCE_PLAN);
    let reach = p.target_index("reach").unwrap();
    let five = p.target_index("extra_five").unwrap();
    let outcome = p.evaluate(&p.defaults());
    assert_eq!(outcome.statuses[reach], Status::Met);
    assert_eq!(outcome.statuses[five], Status::NotMet);
    let r = risk(&p, &p.defaults(), DEFAULT_SAMPLES, DEFAULT_SEED).unwrap();
    let pr = r.probabilities[reach].unwrap();
    assert!(
        (pr - 0.617).abs() < 4.0 * (0.617f64 * 0.383 / 10_000.0).sqrt(),
        "{pr}"
    );
    let shown = shown_outcome(&outcome, &r.probabilities);
    assert_eq!(shown.statuses[reach], Status::AtRisk);
    assert_eq!(shown.statuses[five], Status::NotMet);
    assert_eq!(shown.slots, outcome.slots);
    assert_eq!(shown.counts(), [0, 1, 1, 0]);
    // Ten more places: P(met) = 1 − P(deficits > 21) ≈ 0.99: met.
    let v = values(&p, &[("extra", 10.0)]);
    let r = risk(&p, &v, DEFAULT_SAMPLES, DEFAULT_SEED).unwrap();
    let shown = shown_outcome(&p.evaluate(&v), &r.probabilities);
    assert_eq!(shown.statuses[reach], Status::Met);
    // No figures (too few entries too): the statuses are kept.
    assert_eq!(shown_outcome(&outcome, &[]).statuses, outcome.statuses);
    assert_eq!(
        shown_outcome(&outcome, &[None, Some(1.0)]).statuses,
        outcome.statuses
    );
}

#[test]
fn risk_cache_finds_scenarios_by_value_and_keeps_the_wanted_ones() {
    let mut cache: RiskCache<u32> = RiskCache::new();
    let a = [1.0, 2.0];
    let b = [1.0, 2.5];
    assert!(cache.is_empty());
    assert_eq!(cache.first_missing(&[&a, &b]), Some(&a[..]));
    cache.insert(&a, 1, &[]);
    assert_eq!(cache.get(&a), Some(&1));
    assert_eq!(cache.get(&b), None);
    assert_eq!(cache.get(&[1.0]), None);
    assert_eq!(cache.first_missing(&[&a, &b]), Some(&b[..]));
    cache.insert(&b, 2, &[]);
    assert_eq!(cache.first_missing(&[&a, &b]), None);
    // The same values again replace the figures.
    cache.insert(&a, 3, &[]);
    assert_eq!(cache.get(&a), Some(&3));
    assert_eq!(cache.len(), 2);
    // Beyond CACHE_SPARE unwanted entries, the oldest unwanted go; wanted ones stay.
    let many: Vec<[f64; 2]> = (0..CACHE_SPARE + 5).map(|i| [9.0, i as f64]).collect();
    for (i, v) in many.iter().enumerate() {
        cache.insert(v, 100 + i as u32, &[&b]);
    }
    assert_eq!(cache.len(), CACHE_SPARE + 1);
    assert_eq!(cache.get(&b), Some(&2), "wanted: kept");
    assert_eq!(cache.get(&a), None, "oldest unwanted: dropped");
    assert_eq!(cache.get(&many[4]), None);
    assert_eq!(cache.get(&many[5]), Some(&105));
    assert_eq!(
        cache.get(many.last().unwrap()),
        Some(&(100 + CACHE_SPARE as u32 + 4))
    );
}

/// A run is deterministic given its seed: the figures a cache keeps for a scenario are the ones
/// a new run would give, whichever scenarios ran in between on the same buffers.
#[test]
fn a_scenario_gets_the_same_figures_whenever_it_runs() {
    let p = plan(CHANCE_PLAN);
    let d = p.defaults();
    let other = values(&p, &[("extra", 4.0), ("a", 3.0)]);
    let first = risk(&p, &d, 2_000, DEFAULT_SEED).unwrap();
    let mut run = RiskRun::new(&p, &other, 2_000, DEFAULT_SEED).unwrap();
    run.step(&p, 700);
    run.restart(&p, &d, 2_000, DEFAULT_SEED).unwrap();
    while run.step(&p, 333) > 0 {}
    assert_eq!(run.result(), first);
    // The chances alone: the same probabilities, no bands.
    let chances = run.chances();
    assert_eq!(chances.probabilities, first.probabilities);
    assert_eq!((chances.samples, chances.seed), (2_000, DEFAULT_SEED));
    assert!(chances.bands.is_empty());
    assert_eq!(first.bands.len(), p.derived().len());
}

/// The bands computed a few at a time (the widget spreads them over frames) are the bands of
/// `result()`; drawing more samples starts them over.
#[test]
fn bands_in_steps_are_the_bands_at_once() {
    let p = plan_widget::core::builtin::load("handan-edu-2022")
        .unwrap()
        .unwrap();
    let d = p.defaults();
    let whole = risk(&p, &d, 3_000, DEFAULT_SEED).unwrap();
    assert!(p.derived().len() > 10);
    let mut run = RiskRun::new(&p, &d, 3_000, DEFAULT_SEED).unwrap();
    run.step(&p, 1_000);
    assert_eq!(run.step_bands(4), 4);
    run.step(&p, 5_000);
    assert!(run.is_done());
    assert!(!run.bands_done());
    let mut steps = 0;
    while run.step_bands(3) > 0 {
        steps += 1;
    }
    assert!(run.bands_done());
    assert_eq!(steps, p.derived().len().div_ceil(3));
    assert_eq!(run.result(), whole);
    // Half done: the rest is computed by result().
    let mut half = RiskRun::new(&p, &d, 3_000, DEFAULT_SEED).unwrap();
    half.step(&p, 3_000);
    half.step_bands(p.derived().len() / 2);
    assert_eq!(half.result(), whole);
}

// ---- command line ----

use crate::support::run_cli;

const SEEK_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/plans/seek.json");
const RISK_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/plans/risk.json");

/// `plan-widget seek --plan tests/plans/seek.json --target TARGET ARGS…`
fn seek_cli(target: &str, args: &str) -> (i32, String, String) {
    let mut all = vec!["seek", "--plan", SEEK_FILE, "--target", target];
    all.extend(args.split_whitespace());
    run_cli(&all)
}

/// `plan-widget risk --plan tests/plans/risk.json ARGS…`
fn risk_cli(args: &str) -> (i32, String, String) {
    let mut all = vec!["risk", "--plan", RISK_FILE];
    all.extend(args.split_whitespace());
    run_cli(&all)
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap()
}

#[test]
fn cli_seek_json() {
    let (code, out, err) = seek_cli("combo", "--format json");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        json(&out),
        serde_json::json!({"target": "combo", "met": false, "suggestions": [
            {"lever": "z", "kind": "policy", "from": 10.0, "to": 115.0, "met": true},
            {"lever": "x", "kind": "policy", "from": 10.0, "to": 80.0, "met": true}
        ]})
    );
    let (code, out, _) = seek_cli("hump_impossible", "--lever q --format json");
    assert_eq!(code, 0);
    assert_eq!(
        json(&out)["suggestions"],
        serde_json::json!([{"lever": "q", "kind": "policy", "from": 2.0, "met": false}])
    );
    let (_, out, _) = seek_cli("two_pieces", "--set r=11 --format json");
    assert_eq!(json(&out)["suggestions"][0]["to"], 15.0);
}

#[test]
fn cli_seek_table_both_languages() {
    let (code, out, _) = seek_cli("capped", "--lang en");
    assert_eq!(code, 0);
    assert!(out.contains("none in range"), "{out}");
    let (_, out, _) = seek_cli("capped", "");
    assert!(out.contains("范围内不可达"), "{out}");
    let (_, out, _) = seek_cli("met_already", "--lang en");
    assert!(out.contains("Already met"), "{out}");
    let (_, out, _) = seek_cli("linear", "--lang en");
    assert!(
        out.lines()
            .any(|l| l.contains(" x ") && l.contains("65") && l.contains("55%")),
        "{out}"
    );
}

#[test]
fn cli_unknown_ids_name_the_nearest() {
    let (code, _, err) = seek_cli("lineer", "--lang en");
    assert_ne!(code, 0);
    assert_eq!(err.trim(), "no target 'lineer' (did you mean 'linear'?)");
    let (code, _, err) = seek_cli("linear", "--lever xx");
    assert_ne!(code, 0);
    assert_eq!(err.trim(), "没有编号为 'xx' 的杠杆或假设（是否应为 'x'？）");
}

#[test]
fn cli_risk_json_is_reproducible() {
    let args = "--samples 4000 --seed 9 --format json";
    let (code, out, err) = risk_cli(args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(risk_cli(args).1, out);
    let v = json(&out);
    assert_eq!(v["samples"], 4000);
    assert_eq!(v["seed"], 9);
    assert_eq!(v["targets"][0]["id"], "above_mode");
    let p = v["targets"][0]["probability"].as_f64().unwrap();
    assert!((p - 0.7).abs() <= p_tol(0.7, 4000));
    // Met at the defaults (u = 40 >= 40) but P ≈ 0.7 < 0.9: at risk.
    assert_eq!(v["targets"][0]["status"], "at_risk");
    assert_eq!(v["targets"][1]["status"], "met");
    assert_eq!(
        v["derived"][1],
        serde_json::json!({"id": "kw", "p10": 6.0, "p50": 6.0, "p90": 6.0})
    );
    assert_ne!(risk_cli("--samples 4000 --seed 10 --format json").1, out);
}

#[test]
fn cli_risk_table_and_bad_input() {
    let (code, out, _) = risk_cli("--samples 500 --lang en");
    assert_eq!(code, 0);
    assert!(out.contains("500 samples, seed 2022"), "{out}");
    assert!(out.contains("Derived quantities (10%–50%–90% band)"));
    let (_, out, _) = risk_cli("--samples 500");
    assert!(out.contains("500 个样本，种子 2022"), "{out}");
    let (code, _, err) = risk_cli("--samples 0 --lang en");
    assert_ne!(code, 0);
    assert_eq!(err.trim(), "the number of samples must be at least 1");
}

/// A shortfall and its range have the same sign: a balance of −51 to −44 is a gap of 44 to 51.
#[test]
fn a_negated_band_keeps_its_low_end_first() {
    use plan_widget::core::risk::Band;
    let balance = Band {
        p10: -51.0,
        p50: -47.1,
        p90: -44.0,
    };
    let gap = balance.negated();
    assert_eq!((gap.p10, gap.p50, gap.p90), (44.0, 47.1, 51.0));
    assert!(gap.p10 <= gap.p50 && gap.p50 <= gap.p90);
}
