//! `plan-widget eval`: the scenario's levers and targets as a table or JSON.

use super::{EvalFormat as Format, Failure, ScenarioArgs};
use crate::core::constraint::{gap_text, slip_text, slips};
use crate::core::display::{goal_plain, input_plain, label_with_unit, quantity, table_number};
use crate::core::export;
use crate::core::i18n::Lang;
use crate::core::plan::{Outcome, Plan, Role};
use crate::core::report::{report, Report};
use crate::core::roles::counts_text;

pub fn run(args: &ScenarioArgs, format: Format) -> Result<String, Failure> {
    let loaded = args.load()?;
    let (plan, lang) = (&loaded.plan, loaded.lang);
    let outcome = plan.evaluate(&loaded.values);
    let rep = report(plan, &outcome, &loaded.code(), lang);
    match format {
        Format::Csv => Ok(export::csv(plan, &outcome, lang)),
        Format::Json => serde_json::to_string_pretty(&rep)
            .map(|s| s + "\n")
            .map_err(|e| Failure::input(e.to_string())),
        Format::Table => {
            let zh = lang == Lang::ZhCn;
            let mut out = String::new();
            out.push_str(&format!(
                "{} ({} v{})\n\n",
                plan.meta().title.get(lang),
                plan.id(),
                plan.version()
            ));
            out.push_str(if zh {
                "杠杆与假设\n"
            } else {
                "Levers and assumptions\n"
            });
            // The table is for people: values in the unit shown in `lang` (the JSON and CSV
            // keep the canonical unit).
            for (l, input) in rep.levers.iter().zip(plan.inputs()) {
                let changed = if (l.value - l.default).abs() > 1e-12 {
                    " *"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "  {:<28} {:<10} {:>12} {}{}\n",
                    l.id,
                    l.kind,
                    input_plain(input, l.value, lang),
                    input.unit.shown(lang),
                    changed
                ));
            }
            targets_table(&mut out, plan, &rep, lang);
            constraints_table(&mut out, plan, &outcome, lang);
            out.push_str(&format!(
                "\n{}\n",
                counts_text(&outcome.counts_by_role(plan), lang)
            ));
            let c = outcome.counts();
            out.push_str(&if zh {
                format!(
                    "达成 {} · 有风险 {} · 未达成 {} · 无数据 {}\n",
                    c[0], c[1], c[2], c[3]
                )
            } else {
                format!(
                    "met {} · at risk {} · not met {} · no data {}\n",
                    c[0], c[1], c[2], c[3]
                )
            });
            Ok(out)
        }
    }
}

/// The targets, grouped by role: the document's outcomes, its commitments, the model's checks;
/// under a target that a resource gap reaches, what the gap stopped.
fn targets_table(out: &mut String, plan: &Plan, rep: &Report, lang: Lang) {
    for role in Role::ALL {
        let rows: Vec<_> = rep
            .targets
            .iter()
            .zip(plan.targets())
            .filter(|(t, _)| t.role == role)
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", role.label(lang)));
        for (t, target) in rows {
            let unit = &target.unit;
            let goal = goal_plain(target.goal, unit, lang);
            let value = t
                .value
                .map(|v| table_number(v, unit, lang))
                .unwrap_or_else(|| "—".into());
            let label = label_with_unit(&t.label, unit, lang);
            out.push_str(&format!(
                "  {:<34} {:>12} {:<12} {:<8} {}\n",
                t.id,
                value,
                goal,
                t.status.as_str(),
                label
            ));
            if let Some(r) = &t.reason {
                out.push_str(&format!("      ↳ {r}\n"));
            }
        }
    }
}

/// Each binding resource: what is available against what is needed, and what slipped.
fn constraints_table(out: &mut String, plan: &Plan, outcome: &Outcome, lang: Lang) {
    if plan.constraints().is_empty() {
        return;
    }
    let zh = lang == Lang::ZhCn;
    out.push_str(if zh {
        "\n资源约束\n"
    } else {
        "\nBinding resources\n"
    });
    let all = slips(plan, outcome);
    for (c, con) in plan.constraints().iter().enumerate() {
        let q = |d: usize| quantity(outcome.derived(plan, d), &con.unit, lang);
        let (need, have) = if zh {
            ("需要", "可用")
        } else {
            ("needed", "available")
        };
        out.push_str(&format!(
            "  {}: {need} {} · {have} {}\n",
            con.label.get(lang),
            q(con.need),
            q(con.available)
        ));
        let mine: Vec<_> = all.iter().filter(|s| s.constraint == c).collect();
        if let Some(first) = mine.first() {
            out.push_str(&format!("    {}\n", gap_text(con, first.gap, lang)));
        }
        for s in mine {
            out.push_str(&format!("    - {}\n", slip_text(plan, s, lang)));
        }
    }
}
