//! `plan-widget risk`: Monte Carlo over the assumptions' ranges.

use super::{Failure, Format, ScenarioArgs};
use crate::core::display::{label_with_unit, table_number};
use crate::core::i18n::{trim, Lang};
use crate::core::plan::{Plan, Status};
use crate::core::risk::{risk, shown_outcome, RiskResult};
use serde::Serialize;

#[derive(Serialize)]
struct RiskJson<'a> {
    samples: usize,
    seed: u64,
    targets: Vec<TargetJson<'a>>,
    derived: Vec<DerivedJson<'a>>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    id: &'a str,
    probability: Option<f64>,
    /// The status with `at_risk` defined by the probability.
    status: Status,
}

#[derive(Serialize)]
struct DerivedJson<'a> {
    id: &'a str,
    p10: Option<f64>,
    p50: Option<f64>,
    p90: Option<f64>,
}

pub fn run(
    args: &ScenarioArgs,
    samples: usize,
    seed: u64,
    format: Format,
) -> Result<String, Failure> {
    let loaded = args.load()?;
    let (plan, lang, values) = (&loaded.plan, loaded.lang, &loaded.values);
    let result = risk(plan, values, samples, seed).map_err(|e| Failure::input(e.message(lang)))?;
    let outcome = plan.evaluate(values);
    // The one status rule the widget shows.
    let statuses = shown_outcome(&outcome, &result.probabilities).statuses;
    match format {
        Format::Json => json(plan, &result, &statuses),
        Format::Table => {
            let mut out = targets_table(plan, &result, &statuses, lang);
            out.push_str(&derived_table(plan, &result, lang));
            Ok(out)
        }
    }
}

fn json(plan: &Plan, result: &RiskResult, statuses: &[Status]) -> Result<String, Failure> {
    let json = RiskJson {
        samples: result.samples,
        seed: result.seed,
        targets: plan
            .targets()
            .iter()
            .zip(&result.probabilities)
            .zip(statuses)
            .map(|((t, &p), &status)| TargetJson {
                id: &t.id,
                probability: p,
                status,
            })
            .collect(),
        derived: plan
            .derived()
            .iter()
            .zip(&result.bands)
            .map(|(d, b)| DerivedJson {
                id: &d.id,
                p10: b.map(|b| b.p10),
                p50: b.map(|b| b.p50),
                p90: b.map(|b| b.p90),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json)
        .map(|s| s + "\n")
        .map_err(|e| Failure::input(e.to_string()))
}

/// The run's heading, then one row per target: its chance of being met and its status.
fn targets_table(plan: &Plan, result: &RiskResult, statuses: &[Status], lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out = if zh {
        format!(
            "{}：{} 个样本，种子 {}（假设取三角分布，政策杠杆固定）\n\n目标\n  {:<34} {:>10}  {:<8} {}\n",
            plan.meta().title.get(lang),
            result.samples,
            result.seed,
            "编号",
            "达成概率",
            "状态",
            "名称"
        )
    } else {
        format!(
            "{}: {} samples, seed {} (assumptions triangular, policy levers fixed)\n\nTargets\n  {:<34} {:>10}  {:<8} {}\n",
            plan.meta().title.get(lang),
            result.samples,
            result.seed,
            "id",
            "P(met)",
            "status",
            "label"
        )
    };
    let rows = plan
        .targets()
        .iter()
        .zip(&result.probabilities)
        .zip(statuses);
    for (i, ((t, p), s)) in rows.enumerate() {
        // A commitment the bureau simply sets has no chance to estimate: say so.
        let none = match (plan.is_set_commitment(i), zh) {
            (true, true) => "承诺事项",
            (true, false) => "commitment",
            (false, _) => "—",
        };
        let p = p
            .map(|p| format!("{}%", trim(p * 100.0, 1)))
            .unwrap_or_else(|| none.into());
        out.push_str(&format!(
            "  {:<34} {:>10}  {:<8} {}\n",
            t.id,
            p,
            s.as_str(),
            t.label.get(lang)
        ));
    }
    out
}

/// One row per derived quantity: its 10%–50%–90% band.
fn derived_table(plan: &Plan, result: &RiskResult, lang: Lang) -> String {
    let mut out = if lang == Lang::ZhCn {
        format!(
            "\n派生量（10%–50%–90% 分位）\n  {:<34} {:>14} {:>14} {:>14}  {}\n",
            "编号", "P10", "P50", "P90", "名称"
        )
    } else {
        format!(
            "\nDerived quantities (10%–50%–90% band)\n  {:<34} {:>14} {:>14} {:>14}  {}\n",
            "id", "P10", "P50", "P90", "label"
        )
    };
    for (d, b) in plan.derived().iter().zip(&result.bands) {
        let f = |v: Option<f64>| {
            v.map(|v| table_number(v, &d.unit, lang))
                .unwrap_or_else(|| "—".into())
        };
        out.push_str(&format!(
            "  {:<34} {:>14} {:>14} {:>14}  {}\n",
            d.id,
            f(b.map(|b| b.p10)),
            f(b.map(|b| b.p50)),
            f(b.map(|b| b.p90)),
            label_with_unit(d.label.get(lang), &d.unit, lang)
        ));
    }
    out
}
