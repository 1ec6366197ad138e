//! `plan-widget eval`: the scenario's levers and targets as a table or JSON.

use super::{EvalFormat as Format, Failure, ScenarioArgs};
use crate::core::display::{goal_plain, input_plain, label_with_unit, table_number};
use crate::core::export;
use crate::core::i18n::Lang;
use crate::core::report::report;

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
            out.push_str(if zh { "\n目标\n" } else { "\nTargets\n" });
            for (t, target) in rep.targets.iter().zip(plan.targets()) {
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
            }
            let c = outcome.counts();
            out.push_str(&if zh {
                format!(
                    "\n达成 {} · 有风险 {} · 未达成 {} · 无数据 {}\n",
                    c[0], c[1], c[2], c[3]
                )
            } else {
                format!(
                    "\nmet {} · at risk {} · not met {} · no data {}\n",
                    c[0], c[1], c[2], c[3]
                )
            });
            Ok(out)
        }
    }
}
