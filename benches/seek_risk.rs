//! Goal seek and risk benchmarks on the built-in plan. `cargo bench --bench seek_risk`
//!
//! The scenario is the built-in plan with every policy lever at its minimum, so that most
//! targets are missed and each goal seek has work to do.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use plan_widget::core::builtin;
use plan_widget::core::parse_plan;
use plan_widget::core::risk::RiskRun;
use plan_widget::core::seek::{policy_at_minimum, SeekOptions, Seeker};
use plan_widget::core::InputKind;

fn benches(c: &mut Criterion) {
    let src = builtin::source(builtin::DEFAULT_ID).unwrap_or_default();
    let Ok(plan) = parse_plan(src) else {
        return;
    };
    let values = policy_at_minimum(&plan);
    let mut seeker = Seeker::new(&plan);
    let unmet: Vec<usize> = (0..plan.targets().len())
        .filter(|&t| !seeker.is_met(&values, t).unwrap_or(true))
        .collect();
    let deps = |t: usize| seeker.dependencies().of_target(t).len();
    // The unmet target with the most inputs behind it: the costliest suggestion list.
    let Some(&worst) = unmet.iter().max_by_key(|&&t| deps(t)) else {
        return;
    };
    let lever = seeker
        .dependencies()
        .of_target(worst)
        .iter()
        .copied()
        .find(|&i| {
            plan.inputs()
                .get(i)
                .is_some_and(|x| x.kind == InputKind::Policy)
        })
        .unwrap_or(0);
    eprintln!(
        "{} of {} targets unmet; costliest: target {} with {} inputs behind it",
        unmet.len(),
        plan.targets().len(),
        worst,
        deps(worst)
    );

    c.bench_function("seek: dependency pre-pass (Seeker::new)", |b| {
        b.iter(|| {
            Seeker::new(black_box(&plan))
                .dependencies()
                .of_target(0)
                .len()
        })
    });
    c.bench_function("seek: one target, one lever", |b| {
        b.iter(|| seeker.seek(black_box(&values), worst, lever).ok())
    });
    c.bench_function("seek: full suggestions for one target (levers)", |b| {
        b.iter(|| {
            seeker
                .suggestions(black_box(&values), worst, SeekOptions::default())
                .map(|s| s.len())
        })
    });
    c.bench_function(
        "seek: full suggestions for one target (levers + assumptions)",
        |b| {
            b.iter(|| {
                seeker
                    .suggestions(black_box(&values), worst, SeekOptions { assumptions: true })
                    .map(|s| s.len())
            })
        },
    );
    c.bench_function("seek: suggestions for every unmet target (levers)", |b| {
        b.iter(|| {
            unmet
                .iter()
                .filter_map(|&t| seeker.suggestions(&values, t, SeekOptions::default()).ok())
                .count()
        })
    });

    let defaults = plan.defaults();
    let mut group = c.benchmark_group("risk");
    group.sample_size(20);
    group.bench_function("10,000 Monte Carlo samples of the built-in plan", |b| {
        b.iter(|| {
            let Ok(mut run) = RiskRun::new(&plan, black_box(&defaults), 10_000, 2022) else {
                return 0;
            };
            run.step(&plan, 10_000);
            run.result().samples
        })
    });
    group.finish();
}

criterion_group!(seek_risk, benches);
criterion_main!(seek_risk);
