//! Why a met target is at risk, in one line for its card: which assumption, at which end of
//! its low–high range, makes it fail. Pure; the chance itself comes from [`super::risk`].

use super::display::input_quantity;
use super::i18n::Lang;
use super::plan::{Outcome, Plan};

/// One end of an assumption's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Low,
    High,
}

/// An assumption that breaks a target at one end of its range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Input index of the assumption.
    pub input: usize,
    pub end: End,
    /// The value at that end (canonical unit).
    pub value: f64,
}

/// The assumptions among `outcome.risk_drivers[t]` and the end of their range at which target
/// `t` fails, the other inputs kept at the scenario's values (two runs per driver).
pub fn breaks(plan: &Plan, outcome: &Outcome, t: usize) -> Vec<Break> {
    Probes::default().breaks(plan, outcome, t)
}

/// The runs behind [`breaks`] kept for one scenario: the plan run once per assumption and end
/// of its range (the other inputs at the scenario's values), and which targets are met in each.
/// The at-risk targets of a scenario share their assumptions, so asking [`Probes::breaks`] for
/// many of them runs each probe once instead of once per target. A scenario with other inputs
/// starts afresh.
#[derive(Debug, Default)]
pub struct Probes {
    inputs: Vec<f64>,
    /// By input and end (`2 × input`, `+ 1` at the high end): met per target, once probed.
    /// (A `Vec`, not a map: each map's key/value types are another copy of the map's code.)
    met: Vec<Option<Vec<bool>>>,
}

impl Probes {
    /// [`breaks`] of target `t`, with the runs of earlier calls for the same inputs.
    pub fn breaks(&mut self, plan: &Plan, outcome: &Outcome, t: usize) -> Vec<Break> {
        let Some(drivers) = outcome.risk_drivers.get(t) else {
            return Vec::new();
        };
        let n = plan.inputs().len();
        let inputs: Vec<f64> = outcome.slots.iter().take(n).copied().collect();
        if inputs != self.inputs {
            self.inputs = inputs;
            self.met.clear();
        }
        self.met.resize(2 * n, None);
        let mut found = Vec::new();
        for &a in drivers {
            let Some(input) = plan.inputs().get(a) else {
                continue;
            };
            for (end, value) in [(End::Low, input.low), (End::High, input.high)] {
                let met = match self.met.get_mut(2 * a + usize::from(end == End::High)) {
                    Some(Some(met)) => met,
                    Some(slot) => slot.insert(probe(plan, &self.inputs, a, value)),
                    None => continue,
                };
                if !met.get(t).copied().unwrap_or(false) {
                    found.push(Break {
                        input: a,
                        end,
                        value,
                    });
                }
            }
        }
        found
    }
}

/// Which targets are met with input `a` at `value` and the others at `inputs`.
fn probe(plan: &Plan, inputs: &[f64], a: usize, value: f64) -> Vec<bool> {
    let mut probe = inputs.to_vec();
    if let Some(p) = probe.get_mut(a) {
        *p = value;
    }
    let mut eval = plan.evaluator();
    eval.run(&probe);
    (0..plan.targets().len())
        .map(|t| eval.target_met(t))
        .collect()
}

/// At most this many assumptions are named on a card.
pub const NAMED: usize = 1;

/// The breaks in words: `若“3–5岁人口”取其范围的低端（30万 人）就达不到` /
/// `missed if “Children aged 3–5” is at the low end of its range (300,000)`; `None` when
/// there are none. Names the first [`NAMED`], then "or other assumptions".
pub fn breaks_text(plan: &Plan, found: &[Break], lang: Lang) -> Option<String> {
    let zh = lang == Lang::ZhCn;
    let parts: Vec<String> = found
        .iter()
        .take(NAMED)
        .filter_map(|b| {
            let input = plan.inputs().get(b.input)?;
            let v = input_quantity(input, b.value, lang);
            let label = input.label.get(lang);
            Some(match (b.end, zh) {
                (End::Low, true) => format!("“{label}”取其范围的低端（{v}）"),
                (End::High, true) => format!("“{label}”取其范围的高端（{v}）"),
                (End::Low, false) => format!("“{label}” is at the low end of its range ({v})"),
                (End::High, false) => format!("“{label}” is at the high end of its range ({v})"),
            })
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let more = found.len() > NAMED;
    Some(if zh {
        let more = if more { "或其他假设不利" } else { "" };
        format!("若{}{more}，就达不到", parts.join("或"))
    } else {
        let more = if more {
            " or other assumptions are unfavourable"
        } else {
            ""
        };
        format!("missed if {}{more}", parts.join(" or "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`breaks`] as it was before [`Probes`]: its own runs, one evaluator.
    fn reference(plan: &Plan, outcome: &Outcome, t: usize) -> Vec<Break> {
        let Some(drivers) = outcome.risk_drivers.get(t) else {
            return Vec::new();
        };
        let mut probe: Vec<f64> = outcome
            .slots
            .iter()
            .take(plan.inputs().len())
            .copied()
            .collect();
        let mut eval = plan.evaluator();
        let mut found = Vec::new();
        for &a in drivers {
            let input = &plan.inputs()[a];
            let current = probe[a];
            for (end, value) in [(End::Low, input.low), (End::High, input.high)] {
                probe[a] = value;
                eval.run(&probe);
                if !eval.target_met(t) {
                    found.push(Break {
                        input: a,
                        end,
                        value,
                    });
                }
            }
            probe[a] = current;
        }
        found
    }

    #[test]
    fn shared_probes_break_the_same_targets_as_runs_of_their_own() {
        let Some(Ok(plan)) = crate::core::builtin::load(crate::core::builtin::DEFAULT_ID) else {
            panic!("the default plan does not load");
        };
        // The plan as written, and each lever at either end of its range: one Probes for all
        // scenarios in turn, asked for every target.
        let mut scenarios = vec![plan.defaults()];
        for (i, input) in plan.inputs().iter().enumerate() {
            for v in [input.min, input.max] {
                let mut values = plan.defaults();
                values[i] = v;
                scenarios.push(values);
            }
        }
        let mut probes = Probes::default();
        let mut broken = 0;
        for values in &scenarios {
            let outcome = plan.evaluate(values);
            for t in 0..plan.targets().len() {
                let want = reference(&plan, &outcome, t);
                assert_eq!(probes.breaks(&plan, &outcome, t), want, "target {t}");
                assert_eq!(breaks(&plan, &outcome, t), want, "target {t}");
                broken += want.len();
            }
        }
        assert!(
            broken > 0,
            "no target breaks in any scenario: the test shows nothing"
        );
    }
}
