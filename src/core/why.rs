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
    let Some(drivers) = outcome.risk_drivers.get(t) else {
        return Vec::new();
    };
    let n = plan.inputs().len();
    let mut probe: Vec<f64> = outcome.slots.iter().take(n).copied().collect();
    let mut eval = plan.evaluator();
    let mut found = Vec::new();
    for &a in drivers {
        let Some(input) = plan.inputs().get(a) else {
            continue;
        };
        let current = probe.get(a).copied().unwrap_or(input.default);
        for (end, value) in [(End::Low, input.low), (End::High, input.high)] {
            if let Some(p) = probe.get_mut(a) {
                *p = value;
            }
            eval.run(&probe);
            if !eval.target_met(t) {
                found.push(Break {
                    input: a,
                    end,
                    value,
                });
            }
        }
        if let Some(p) = probe.get_mut(a) {
            *p = current;
        }
    }
    found
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
