//! Progress benchmarks on the built-in plan: the breakdown, reading actuals, the report.
//! `cargo bench --bench progress`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use plan_widget::core::builtin;
use plan_widget::core::i18n::Lang;
use plan_widget::core::parse_plan;
use plan_widget::core::progress::export::breakdown_csv;
use plan_widget::core::progress::{parse_actuals, progress, Breakdown};

/// A full monthly report: every division with a part in every target, January to June.
fn full_report(plan: &plan_widget::core::Plan, bd: &Breakdown) -> String {
    let mut csv = String::from("county,target,month,value\n");
    let Some(c) = plan.counties() else {
        return csv;
    };
    for tb in &bd.targets {
        let Some(t) = plan.targets().get(tb.target) else {
            continue;
        };
        for (d, m) in tb.counties.iter().enumerate() {
            let (Some(m), Some(div)) = (m, c.division(d)) else {
                continue;
            };
            for month in 1..=6u8 {
                csv.push_str(&format!(
                    "{},{},2022-{month:02},{}\n",
                    div.id,
                    t.id,
                    m.month(month)
                ));
            }
        }
    }
    csv
}

fn benches(c: &mut Criterion) {
    let src = builtin::source(builtin::DEFAULT_ID).unwrap_or_default();
    let Ok(plan) = parse_plan(src) else {
        return;
    };
    let bd = Breakdown::new(&plan);
    let text = full_report(&plan, &bd);
    let load = parse_actuals(&plan, &text);

    c.bench_function("breakdown (milestones) of the built-in plan", |b| {
        b.iter(|| Breakdown::new(black_box(&plan)))
    });
    c.bench_function("breakdown CSV of the built-in plan", |b| {
        b.iter(|| breakdown_csv(black_box(&plan), &bd, Lang::ZhCn))
    });
    c.bench_function(
        &format!("parse actuals ({} rows)", load.actuals.len()),
        |b| b.iter(|| parse_actuals(black_box(&plan), black_box(&text))),
    );
    c.bench_function("progress report (status grid and ranking)", |b| {
        b.iter(|| progress(black_box(&plan), &bd, &load.actuals, None))
    });
}

criterion_group!(progress_benches, benches);
criterion_main!(progress_benches);
