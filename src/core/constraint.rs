//! Binding resources: what a plan has (money, staff, …), what its items need, and the rule that
//! decides what slips when the need exceeds what there is.
//!
//! A constraint is plan data (the `constraints` block, docs/plan-format.md). Validation turns it
//! into ordinary derived quantities, so the engine's flat program evaluates it like any formula:
//!
//! - `{c}_available`: the `available` formula;
//! - `{c}_{item}_need`: each item's `need` formula;
//! - `{c}_need`: the sum of the needs;
//! - `{c}_gap`: `max(0, need − available)`;
//! - `{c}_{item}_share`: the share (0–1) of the item's need that the resource covers, by the rule:
//!   `pro_rata` gives every item `available ÷ need` (at most 1); `in_order` serves items in the
//!   order listed, so a later item gets what the earlier ones left.
//!
//! Other formulas read the shares (schools finished = planned × financed share), so a gap
//! flows on to places and rates. This module holds the typed view and the "what it stopped"
//! reasons the table, the JSON and the widget show.

use super::display;
use super::i18n::Lang;
use super::plan::{Outcome, Plan, Text, Unit};

/// How a short resource is shared among the items that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    ProRata,
    InOrder,
}

impl Rule {
    /// The names [`Rule::parse`] reads.
    pub const NAMES: [&'static str; 2] = ["pro_rata", "in_order"];

    pub fn parse(s: &str) -> Option<Rule> {
        match s {
            "pro_rata" => Some(Rule::ProRata),
            "in_order" => Some(Rule::InOrder),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ProRata => "pro_rata",
            Rule::InOrder => "in_order",
        }
    }
}

/// A binding resource. Indices are into [`Plan::derived`].
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    pub rule: Rule,
    pub available: usize,
    pub need: usize,
    pub gap: usize,
    pub items: Vec<ConstraintItem>,
}

/// One claim on a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintItem {
    pub id: String,
    pub label: Text,
    /// Derived index of its need and of its covered share (0–1).
    pub need: usize,
    pub share: usize,
    /// Targets whose value depends on the share (sorted indices).
    pub targets: Vec<usize>,
}

/// An item that the resource does not fully cover in a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slip {
    pub constraint: usize,
    pub item: usize,
    /// Covered share, 0 ≤ share < 1.
    pub share: f64,
    /// The constraint's gap, in its unit.
    pub gap: f64,
}

/// Covered shares below this count as a slip (float noise stays silent).
const FULL: f64 = 1.0 - 1e-9;

/// Every item not fully covered in `outcome`, in plan order.
pub fn slips(plan: &Plan, outcome: &Outcome) -> Vec<Slip> {
    let mut out = Vec::new();
    for (c, con) in plan.constraints().iter().enumerate() {
        let gap = outcome.derived(plan, con.gap);
        for (i, item) in con.items.iter().enumerate() {
            let share = outcome.derived(plan, item.share);
            if share.is_finite() && share < FULL {
                out.push(Slip {
                    constraint: c,
                    item: i,
                    share: share.max(0.0),
                    gap,
                });
            }
        }
    }
    out
}

/// The slips that reach target `t`.
pub fn slips_of_target(plan: &Plan, outcome: &Outcome, t: usize) -> Vec<Slip> {
    slips(plan, outcome)
        .into_iter()
        .filter(|s| reaches(plan, s, t))
        .collect()
}

/// Whether the item `s` stopped reaches target `t`.
pub fn reaches(plan: &Plan, s: &Slip, t: usize) -> bool {
    item(plan, s).is_some_and(|i| i.targets.binary_search(&t).is_ok())
}

fn item<'p>(plan: &'p Plan, s: &Slip) -> Option<&'p ConstraintItem> {
    plan.constraints()
        .get(s.constraint)
        .and_then(|c| c.items.get(s.item))
}

/// "资金缺口 28.1 亿元" / "Funding gap: 2.81 billion yuan".
pub fn gap_text(con: &Constraint, gap: f64, lang: Lang) -> String {
    let q = display::quantity(gap, &con.unit, lang);
    match lang {
        Lang::ZhCn => format!("{}缺口 {q}", con.label.get(lang)),
        Lang::En => format!("{} gap: {q}", con.label.get(lang)),
    }
}

/// "学校建设仅 72% 可落实" / "school construction: only 72% can go ahead".
pub fn slip_text(plan: &Plan, s: &Slip, lang: Lang) -> String {
    let Some(i) = item(plan, s) else {
        return String::new();
    };
    let pct = super::numtext::shortest((s.share * 100.0).floor());
    match lang {
        Lang::ZhCn => format!("{}仅 {pct}% 可落实", i.label.get(lang)),
        Lang::En => format!("{}: only {pct}% can go ahead", i.label.get(lang)),
    }
}

/// Why target `t` slipped, in words, or `None` when no resource binds it: "资金缺口 28.1 亿元:
/// 学校建设仅 72% 可落实;…".
pub fn reason(plan: &Plan, outcome: &Outcome, t: usize, lang: Lang) -> Option<String> {
    let slips = slips_of_target(plan, outcome, t);
    reason_of(plan, &slips, lang)
}

/// The words for a list of slips, grouped by constraint.
pub fn reason_of(plan: &Plan, slips: &[Slip], lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    for (c, con) in plan.constraints().iter().enumerate() {
        let mine: Vec<&Slip> = slips.iter().filter(|s| s.constraint == c).collect();
        let Some(first) = mine.first() else {
            continue;
        };
        let items: Vec<String> = mine.iter().map(|s| slip_text(plan, s, lang)).collect();
        let sep = if lang == Lang::ZhCn { "；" } else { "; " };
        let colon = if lang == Lang::ZhCn { "：" } else { ": " };
        parts.push(format!(
            "{}{colon}{}",
            gap_text(con, first.gap, lang),
            items.join(sep)
        ));
    }
    let sep = if lang == Lang::ZhCn { "。" } else { ". " };
    (!parts.is_empty()).then(|| parts.join(sep))
}
