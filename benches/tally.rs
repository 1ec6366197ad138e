//! Tally benchmark: 100,000 residents' codes (every twentieth broken) read from text, tallied
//! and written as JSON, on the built-in plan. `cargo bench --bench tally`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use plan_widget::core::builtin;
use plan_widget::core::i18n::Lang;
use plan_widget::core::share::{self, ShareState, View};
use plan_widget::core::tally::{self, read_codes, Entry};
use plan_widget::core::{parse_plan, InputKind, Plan};

/// `n` codes, one per line: each changes up to four policy levers (a simple LCG picks them and
/// their values); every twentieth has a character changed.
fn codes(plan: &Plan, n: usize) -> String {
    let levers: Vec<usize> = plan
        .inputs()
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == InputKind::Policy)
        .map(|(i, _)| i)
        .collect();
    let mut seed: u64 = 1;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut out = String::new();
    for k in 0..n {
        let mut values = plan.defaults();
        for _ in 0..next() % 5 {
            let i = levers
                .get(next() % levers.len().max(1))
                .copied()
                .unwrap_or(0);
            if let (Some(slot), Some(input)) = (values.get_mut(i), plan.inputs().get(i)) {
                let f = (next() % 1000) as f64 / 1000.0;
                *slot = input.snap(input.min + f * (input.max - input.min));
            }
        }
        let mut code = share::encode(
            plan,
            &ShareState::from_values(plan, &values, View::default()),
        );
        if k % 20 == 0 {
            code.replace_range(
                5..6,
                if code.get(5..6) == Some("A") {
                    "B"
                } else {
                    "A"
                },
            );
        }
        out.push_str(&code);
        out.push('\n');
    }
    out
}

fn benches(c: &mut Criterion) {
    let src = builtin::source(builtin::DEFAULT_ID).unwrap_or_default();
    let Ok(plan) = parse_plan(src) else {
        return;
    };
    let text = codes(&plan, 100_000);
    let mut g = c.benchmark_group("tally");
    g.sample_size(10);
    g.bench_function("100k codes: read, tally, JSON", |b| {
        b.iter(|| {
            let entries: Vec<Entry> = read_codes(black_box(&text))
                .unwrap_or_default()
                .into_iter()
                .map(|(line, code)| Entry {
                    source: "codes.txt".into(),
                    line,
                    code,
                })
                .collect();
            let t = tally::tally(&plan, &entries, Lang::ZhCn);
            black_box(tally::json(&t))
        })
    });
    g.finish();
}

criterion_group!(tally_benches, benches);
criterion_main!(tally_benches);
