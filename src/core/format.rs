//! The plan file's wire format (format version 1).
//!
//! These serde types are what authors write and what the built-in plans are. They are
//! deliberately loose (every field that can be missing is an `Option`) so that validation can
//! report *every* problem with its place instead of stopping at the first serde error. The
//! engine never sees these types: [`crate::core::plan::Plan`] is built from them by
//! [`crate::core::validate`].

use super::keyed::Keyed;
use super::wire::wire_struct;
use serde::Serialize;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A text in both languages of the product. `zh` is required; `en` falls back to `zh`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TextFile {
    pub zh: String,
    pub en: String,
}

/// A unit: its text in both languages (the plan's canonical unit: every value of the quantity
/// is in it) and, per language, an optional display unit for human readers, e.g.
/// `{"zh": "亿元", "en": "100M yuan", "display": {"en": {"text": "billion yuan", "scale": 0.1}}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnitFile {
    pub zh: String,
    pub en: String,
    /// By language code (`zh`, `en`): the unit shown to people in that language.
    #[serde(skip_serializing_if = "Keyed::is_empty")]
    pub display: Keyed<UnitDisplayFile>,
}

/// A display unit: shown value = value × `scale`, written with `text`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnitDisplayFile {
    pub text: Option<String>,
    pub scale: Option<f64>,
}

/// The whole plan file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanFile {
    /// Must equal [`FORMAT_VERSION`].
    pub format: Option<u32>,
    /// Stable id, `[a-z0-9-]+`, e.g. `handan-edu-2022`.
    pub id: Option<String>,
    /// The plan's own version; share codes made for another version say so.
    pub version: Option<u32>,
    pub title: Option<TextFile>,
    /// Who published the plan, e.g. the city education bureau.
    pub publisher: Option<TextFile>,
    /// Date the plan was published, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The plan's year (milestones run through it).
    pub year: Option<i32>,
    /// Short summary in the authors' own words.
    pub summary: Option<TextFile>,
    pub sections: Vec<SectionFile>,
    /// Policy levers: what the plan's authors decide.
    pub levers: Vec<LeverFile>,
    /// Assumptions: facts about the world, illustrative defaults a bureau replaces.
    pub assumptions: Vec<AssumptionFile>,
    /// Quantities computed from levers, assumptions and other derived quantities.
    pub derived: Vec<DerivedFile>,
    pub targets: Vec<TargetFile>,
    /// County-level divisions (县、市、区) and how targets split over them.
    pub counties: Option<CountiesFile>,
    /// Binding resources (money, staff, …): what is available, what each item needs, and the
    /// rule that decides what slips when need exceeds what is available. Validation turns each
    /// into ordinary derived quantities (`{id}_gap`, `{id}_{item}_share`, …) that formulas read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<ConstraintFile>,
}

/// A binding resource. See docs/plan-format.md, "Constraints".
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConstraintFile {
    /// Prefix of the derived quantities it makes, `[a-z][a-z0-9_]*`.
    pub id: Option<String>,
    pub label: Option<TextFile>,
    /// The unit of `available`, every item's `need` and the gap.
    pub unit: Option<UnitFile>,
    /// Formula: how much of the resource there is.
    pub available: Option<String>,
    /// What slips when the needs exceed what is available: `pro_rata` (every item gets the
    /// same share) or `in_order` (items are served in the order listed; later ones slip first).
    pub rule: Option<String>,
    pub items: Vec<ConstraintItemFile>,
}

/// One claim on a binding resource.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConstraintItemFile {
    /// `[a-z][a-z0-9_]*`, unique within its constraint.
    pub id: Option<String>,
    pub label: Option<TextFile>,
    /// Formula: how much of the resource this item needs in full.
    pub need: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SectionFile {
    pub id: Option<String>,
    pub title: Option<TextFile>,
}

/// A policy lever. `default` is the plan as written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LeverFile {
    pub id: Option<String>,
    pub label: Option<TextFile>,
    /// Unit shown after the value, both languages (may be empty for pure numbers).
    pub unit: Option<UnitFile>,
    /// Lever group id for the UI (e.g. `construction`); defaults to the first section.
    pub group: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub step: Option<f64>,
    pub default: Option<f64>,
    /// Optional explanation shown beside the lever.
    pub note: Option<TextFile>,
    /// Where the default comes from: `plan` (the document states it) or `not_in_plan` (the
    /// document states no figure; the default is the authors' reading). Absent: not said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// An assumption. `default` is an illustrative value; `low`/`high` is its uncertainty range
/// (used by the risk analysis and by the `at_risk` rule); `min`/`max`/`step` bound the slider.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AssumptionFile {
    pub id: Option<String>,
    pub label: Option<TextFile>,
    pub unit: Option<UnitFile>,
    pub group: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub step: Option<f64>,
    pub default: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Which official statistic replaces the illustrative default, and where the default comes from.
    pub note: Option<TextFile>,
    /// Where the default comes from: `official` (a cited statistic; the note names it),
    /// `estimate`, or `fitted` (chosen to make the plan consistent). Absent: not said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// A derived quantity: `formula` over ids of levers, assumptions and other derived quantities.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DerivedFile {
    pub id: Option<String>,
    pub label: Option<TextFile>,
    pub unit: Option<UnitFile>,
    pub formula: Option<String>,
    /// Shown in the summary strip (e.g. cost against funding) when true.
    pub summary: bool,
}

/// A goal: `{"op": ">=", "value": 93.5}` or `{"op": "between", "min": 1, "max": 2}`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GoalFile {
    pub op: Option<String>,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TargetFile {
    pub id: Option<String>,
    pub section: Option<String>,
    pub label: Option<TextFile>,
    pub unit: Option<UnitFile>,
    pub goal: Option<GoalFile>,
    /// Formula of the quantity this target reads (usually one id). Absent: `no_data`.
    pub value: Option<String>,
    /// Value at the start of the plan's year (milestones start here). Defaults to 0.
    pub baseline: Option<f64>,
    /// `yes_no` for milestones that are done or not (value 1 = done); `number` otherwise.
    pub kind: Option<String>,
    /// The exact fragment of the plan's text this target comes from.
    pub source: Option<String>,
    /// Optional author's note (why tight, what feeds it).
    pub note: Option<TextFile>,
    /// Milestone profile through the year: `linear` (default) or `back_loaded`.
    pub profile: Option<String>,
    /// `outcome` (default: a result the plan aims at), `commitment` (the value is a lever the
    /// publisher sets) or `check` (a feasibility check the model adds; it has no `source`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The `counties` block: the plan's county-level divisions (县、市、区), how each target splits
/// over them, who is responsible and by when. See docs/progress.md.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CountiesFile {
    pub divisions: Vec<DivisionFile>,
    /// What the division weights are and which statistic replaces them (required when any
    /// division has a `weight`).
    pub weight_note: Option<TextFile>,
    /// The city's lead unit for targets that name none (e.g. 市教育局).
    pub responsible: Option<TextFile>,
    /// Each division's own responsible unit; `{name}` is replaced by the division's name
    /// (default `{name}`: the division itself).
    pub county_unit: Option<TextFile>,
    /// Named weight sets (e.g. a census population by division) that targets split by.
    pub weight_sets: Keyed<WeightSetFile>,
    /// The weight set for targets that name none (default: the divisions' `weight`s, else
    /// equal shares, which are provisional).
    pub default_weights: Option<String>,
    /// Units (either language) of targets counted in whole items (`所`, `个`): their county
    /// parts and milestones are whole numbers.
    pub whole_units: Vec<String>,
    /// Split rules, responsible units and deadlines per target; targets not listed use the
    /// defaults (`by_weight`, the block's `responsible`, the plan year's end).
    pub targets: Vec<TargetSplitFile>,
    /// Status tolerance and the praise / 约谈 cut-offs of the ranking.
    pub ranking: Option<RankingFile>,
}

/// One county-level division.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DivisionFile {
    pub id: Option<String>,
    pub name: Option<TextFile>,
    /// `district` (区), `county` (县) or `city` (县级市).
    pub kind: Option<String>,
    /// Part of the main urban area (主城区).
    pub central: bool,
    /// Share of the default split, in percent (all divisions or none; they sum to 100).
    pub weight: Option<f64>,
    /// Has rural areas (default: not `central`).
    pub rural: Option<bool>,
}

/// A named set of division weights from one statistic.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WeightSetFile {
    /// The statistic and its source (required).
    pub note: Option<TextFile>,
    /// A placeholder, not from data: goals split by it are marked provisional.
    pub provisional: bool,
    /// Division id → weight (any non-negative numbers, e.g. people; normalised over the
    /// divisions a split reaches). Every division must be listed.
    pub weights: Keyed<f64>,
}

/// How one target splits over the divisions, who answers for it and by when.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TargetSplitFile {
    pub target: Option<String>,
    /// `by_weight` (default), `per_county_min`, `non_central_each`, `city_only`.
    pub split: Option<String>,
    /// For `per_county_min` and `non_central_each`: each division's goal (defaults: the
    /// target's goal, and 1).
    pub per_county: Option<f64>,
    /// For `by_weight`: this target's own shares in percent, by division id (sum 100).
    pub shares: Option<Keyed<f64>>,
    /// For `by_weight`: the weight set to split by (instead of the block's default).
    pub weights: Option<String>,
    /// Which divisions take part: `all` (default), `rural`, `non_central`, `central`.
    pub among: Option<String>,
    /// Counted in whole items (default: the unit is one of the block's `whole_units`).
    pub whole: Option<bool>,
    /// How the city figure is made from the divisions': `sum`, `mean` (weighted) or `min`.
    pub aggregate: Option<String>,
    pub responsible: Option<TextFile>,
    /// First month of work, `YYYY-MM` (milestones stay at the baseline before it).
    pub start: Option<String>,
    /// Month the goal is due, `YYYY-MM` (default: the plan year's December).
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RankingFile {
    /// On-track band around a milestone, in percent of the year's change (default 5).
    pub tolerance: Option<f64>,
    /// How many top places may be praised (default 3)…
    pub praise_top: Option<u32>,
    /// …if their share of tasks on track or ahead is at least this percent (default 80).
    pub praise_min_share: Option<f64>,
    /// How many last places are called in for 约谈 (default 3).
    pub interview_bottom: Option<u32>,
    /// A division that has not reported: `follow_up` (default: listed for follow-up, not
    /// ranked as behind) or `behind` (a missing report counts as not met).
    pub unreported: Option<String>,
    /// With `follow_up`: the percent of its tasks a division must have reported on to be
    /// ranked (default 50).
    pub min_reported: Option<f64>,
}

// Reading: one visitor for all (core::wire) instead of serde's derive per struct. Every field, in
// order; all start from the struct's `Default` when absent.
wire_struct! { TextFile, ignore_unknown_fields, [zh, en] }
wire_struct! { UnitFile, deny_unknown_fields, [zh, en, display] }
wire_struct! { UnitDisplayFile, deny_unknown_fields, [text, scale] }
wire_struct! {
    PlanFile,
    deny_unknown_fields,
    [
        format, id, version, title, publisher, published, year,
        summary, sections, levers, assumptions, derived, targets, counties, constraints
    ]
}
wire_struct! { ConstraintFile, deny_unknown_fields, [id, label, unit, available, rule, items] }
wire_struct! { ConstraintItemFile, deny_unknown_fields, [id, label, need] }
wire_struct! { SectionFile, deny_unknown_fields, [id, title] }
wire_struct! {
    LeverFile,
    deny_unknown_fields,
    [id, label, unit, group, min, max, step, default, note, origin]
}
wire_struct! {
    AssumptionFile,
    deny_unknown_fields,
    [id, label, unit, group, min, max, step, default, low, high, note, origin]
}
wire_struct! { DerivedFile, deny_unknown_fields, [id, label, unit, formula, summary] }
wire_struct! { GoalFile, deny_unknown_fields, [op, value, min, max] }
wire_struct! {
    TargetFile,
    deny_unknown_fields,
    [id, section, label, unit, goal, value, baseline, kind, source, note, profile, role]
}
wire_struct! {
    CountiesFile,
    deny_unknown_fields,
    [
        divisions, weight_note, responsible, county_unit,
        weight_sets, default_weights, whole_units, targets, ranking
    ]
}
wire_struct! { DivisionFile, deny_unknown_fields, [id, name, kind, central, weight, rural] }
wire_struct! { WeightSetFile, deny_unknown_fields, [note, provisional, weights] }
wire_struct! {
    TargetSplitFile,
    deny_unknown_fields,
    [
        target, split, per_county, shares, weights,
        among, whole, aggregate, responsible, start, deadline
    ]
}
wire_struct! {
    RankingFile,
    deny_unknown_fields,
    [tolerance, praise_top, praise_min_share, interview_bottom, unreported, min_reported]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::wire::Wire;
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

    /// The keys a JSON object holds, in order.
    struct Keys(Vec<String>);

    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some(k) = map.next_key::<String>()? {
                        map.next_value::<IgnoredAny>()?;
                        keys.push(k);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(V)
        }
    }

    /// The fields `wire_struct!` reads are the fields serde's `Serialize` derive writes, in the
    /// same order (the order of "expected one of" in unknown-field messages), save those it
    /// skips when empty.
    fn same_fields<T: Wire + Serialize>() {
        let text = serde_json::to_string(&T::default()).unwrap_or_default();
        let written = serde_json::from_str::<Keys>(&text)
            .map(|k| k.0)
            .unwrap_or_default();
        let skipped = ["display", "constraints", "origin", "role"];
        let read: Vec<&str> = T::INFO
            .fields
            .iter()
            .copied()
            .filter(|f| written.iter().any(|w| w == f) || !skipped.contains(f))
            .collect();
        assert_eq!(read, written, "{}", T::INFO.name);
    }

    #[test]
    fn every_struct_reads_the_fields_it_writes() {
        same_fields::<TextFile>();
        same_fields::<UnitFile>();
        same_fields::<UnitDisplayFile>();
        same_fields::<PlanFile>();
        same_fields::<ConstraintFile>();
        same_fields::<ConstraintItemFile>();
        same_fields::<SectionFile>();
        same_fields::<LeverFile>();
        same_fields::<AssumptionFile>();
        same_fields::<DerivedFile>();
        same_fields::<GoalFile>();
        same_fields::<TargetFile>();
        same_fields::<CountiesFile>();
        same_fields::<DivisionFile>();
        same_fields::<WeightSetFile>();
        same_fields::<TargetSplitFile>();
        same_fields::<RankingFile>();
    }
}
