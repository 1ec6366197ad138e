//! Engine benchmarks: compiling a plan, one full evaluation, an evaluation with statuses.
//! `cargo bench --bench engine`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use plan_widget::core::builtin;
use plan_widget::core::format::PlanFile;
use plan_widget::core::parse_plan;

fn benches(c: &mut Criterion) {
    let src = builtin::source(builtin::DEFAULT_ID).unwrap_or_default();
    let Ok(plan) = parse_plan(src) else {
        return;
    };
    let inputs = plan.defaults();

    c.bench_function("read the plan file (JSON only)", |b| {
        b.iter(|| serde_json::from_str::<PlanFile>(black_box(src)).is_ok())
    });
    c.bench_function("compile the plan (JSON + validate + compile)", |b| {
        b.iter(|| parse_plan(black_box(src)).is_ok())
    });

    let mut ev = plan.evaluator();
    c.bench_function("evaluate the built-in plan (every slot)", |b| {
        b.iter(|| ev.run(black_box(&inputs)).len())
    });

    let mut ev = plan.evaluator();
    c.bench_function("evaluate with statuses (at_risk probes)", |b| {
        b.iter(|| ev.outcome(black_box(&inputs)).statuses.len())
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
