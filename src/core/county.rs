//! County-level divisions (县、市、区) of a plan and how each target splits over them: the
//! validated form of the plan file's `counties` block (see docs/progress.md). The block is read
//! and checked in [`parse`].

mod parse;

pub(crate) use parse::{counties, CountyProblem};

use super::i18n::Lang;
use super::plan::Text;

/// District (区), county (县) or county-level city (县级市).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivisionKind {
    District,
    County,
    City,
}

impl DivisionKind {
    /// The names [`DivisionKind::parse`] reads.
    pub const NAMES: [&'static str; 3] = ["district", "county", "city"];

    pub fn parse(s: &str) -> Option<DivisionKind> {
        match s {
            "district" => Some(DivisionKind::District),
            "county" => Some(DivisionKind::County),
            "city" => Some(DivisionKind::City),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            DivisionKind::District => "district",
            DivisionKind::County => "county",
            DivisionKind::City => "city",
        }
    }
}

/// One county-level division.
#[derive(Debug, Clone, PartialEq)]
pub struct Division {
    pub id: String,
    pub name: Text,
    pub kind: DivisionKind,
    /// In the main urban area (主城区).
    pub central: bool,
    /// Has rural areas (乡村): only such divisions take part in targets split `among: rural`.
    pub rural: bool,
    /// Share of the default split, 0–1 (the divisions' shares sum to 1).
    pub share: f64,
}

/// Which divisions a target's split reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Among {
    All,
    /// Divisions with rural areas (rural kindergartens, rural schools).
    Rural,
    /// Divisions outside the main urban area.
    NonCentral,
    /// Divisions of the main urban area.
    Central,
}

impl Among {
    pub fn parse(s: &str) -> Option<Among> {
        match s {
            "all" => Some(Among::All),
            "rural" => Some(Among::Rural),
            "non_central" => Some(Among::NonCentral),
            "central" => Some(Among::Central),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Among::All => "all",
            Among::Rural => "rural",
            Among::NonCentral => "non_central",
            Among::Central => "central",
        }
    }
    pub fn includes(self, d: &Division) -> bool {
        match self {
            Among::All => true,
            Among::Rural => d.rural,
            Among::NonCentral => !d.central,
            Among::Central => d.central,
        }
    }
}

/// Where a `by_weight` split's shares come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// No weights in the file: equal shares, a placeholder (provisional).
    Equal,
    /// The divisions' own `weight`s, explained by the block's `weight_note`.
    DivisionWeights,
    /// A named weight set of the block; `provisional` as the set declares.
    Set { id: String, provisional: bool },
    /// The target's own `shares`.
    Explicit,
}

impl Basis {
    /// Whether goals split on this basis are placeholders (not from data).
    pub fn provisional(&self) -> bool {
        match self {
            Basis::Equal => true,
            Basis::Set { provisional, .. } => *provisional,
            Basis::DivisionWeights | Basis::Explicit => false,
        }
    }
    /// `equal`, `weights`, the set's id, or `shares`.
    pub fn as_str(&self) -> &str {
        match self {
            Basis::Equal => "equal",
            Basis::DivisionWeights => "weights",
            Basis::Set { id, .. } => id,
            Basis::Explicit => "shares",
        }
    }
}

/// How a target's goal is split over the divisions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Split {
    /// The year's change is split by shares (counts and amounts); rates keep the city's goal in
    /// every division.
    ByWeight,
    /// Every division must reach this value (e.g. ≥ 4 resource rooms in each county).
    PerCountyMin(f64),
    /// Every division outside the main urban area must reach this value (e.g. 1 school).
    NonCentralEach(f64),
    /// The city's (or a university's) own task: no division has a part.
    CityOnly,
}

impl Split {
    pub fn as_str(&self) -> &'static str {
        match self {
            Split::ByWeight => "by_weight",
            Split::PerCountyMin(_) => "per_county_min",
            Split::NonCentralEach(_) => "non_central_each",
            Split::CityOnly => "city_only",
        }
    }
}

/// How the city figure is made from the divisions' figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    Sum,
    /// Weighted by the target's shares (rates).
    Mean,
    /// The weakest division (per-county minimums).
    Min,
}

impl Aggregate {
    /// The names [`Aggregate::parse`] reads.
    pub const NAMES: [&'static str; 3] = ["sum", "mean", "min"];

    pub fn parse(s: &str) -> Option<Aggregate> {
        match s {
            "sum" => Some(Aggregate::Sum),
            "mean" => Some(Aggregate::Mean),
            "min" => Some(Aggregate::Min),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Mean => "mean",
            Aggregate::Min => "min",
        }
    }
}

/// One target's split, responsible unit and time window.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub split: Split,
    pub aggregate: Aggregate,
    /// Which divisions the split reaches (`by_weight` and `per_county_min`).
    pub among: Among,
    /// Shares by division (index as [`Counties::divisions`]), summing to 1 over the divisions
    /// the split reaches (0 for the others).
    pub shares: Vec<f64>,
    /// Where the shares come from.
    pub basis: Basis,
    /// Counted in whole items (schools, projects): parts and milestones are whole numbers.
    pub whole: bool,
    /// The city's lead unit.
    pub responsible: Text,
    /// First month of work and month due, 1–12 within the plan's year.
    pub start: u8,
    pub deadline: u8,
}

impl Assignment {
    /// The division goals rest on a placeholder split (equal shares, or a weight set marked
    /// provisional): shown as provisional and left out of the ranking. Only a `by_weight` total
    /// (`sum`) is split; rates and per-county minimums give every division the same goal.
    pub fn provisional(&self) -> bool {
        self.split == Split::ByWeight
            && self.aggregate == Aggregate::Sum
            && self.basis.provisional()
    }
}

/// What the ranking does with a division that has not reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreported {
    /// Not ranked: listed for follow-up (催报) when it reported on fewer than `min_reported`
    /// of its tasks; ranked on the tasks it reported otherwise.
    FollowUp,
    /// A task not reported counts as not met (the ranking of reporting, before issue 16).
    Behind,
}

impl Unreported {
    pub fn parse(s: &str) -> Option<Unreported> {
        match s {
            "follow_up" => Some(Unreported::FollowUp),
            "behind" => Some(Unreported::Behind),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Unreported::FollowUp => "follow_up",
            Unreported::Behind => "behind",
        }
    }
}

/// Ranking rules: the on-track band and the praise / 约谈 cut-offs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankingRules {
    /// On-track band, as a fraction of the year's change (0.05 = 5%).
    pub tolerance: f64,
    pub praise_top: usize,
    /// Fraction 0–1 of tasks on track or ahead needed for praise.
    pub praise_min_share: f64,
    pub interview_bottom: usize,
    /// What a missing report does.
    pub unreported: Unreported,
    /// Fraction 0–1 of its tasks a division must have reported on to be ranked (`follow_up`).
    pub min_reported: f64,
}

impl Default for RankingRules {
    fn default() -> RankingRules {
        RankingRules {
            tolerance: 0.05,
            praise_top: 3,
            praise_min_share: 0.8,
            interview_bottom: 3,
            unreported: Unreported::FollowUp,
            min_reported: 0.5,
        }
    }
}

/// The validated `counties` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Counties {
    pub(crate) divisions: Vec<Division>,
    pub(crate) weight_note: Text,
    /// Each division's own unit; `{name}` is the division's name (default: `{name}`).
    pub(crate) county_unit: Text,
    /// One per target of the plan, in the plan's target order.
    pub(crate) assignments: Vec<Assignment>,
    pub(crate) ranking: RankingRules,
}

impl Counties {
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }
    pub fn division(&self, i: usize) -> Option<&Division> {
        self.divisions.get(i)
    }
    pub fn division_index(&self, id: &str) -> Option<usize> {
        self.divisions.iter().position(|d| d.id == id)
    }
    /// What the weights are and which statistic replaces them.
    pub fn weight_note(&self) -> &Text {
        &self.weight_note
    }
    /// Target `t`'s split (index as [`crate::core::Plan::targets`]).
    pub fn assignment(&self, t: usize) -> Option<&Assignment> {
        self.assignments.get(t)
    }
    pub fn ranking(&self) -> &RankingRules {
        &self.ranking
    }
    /// Whether division `d` has a part in target `t`.
    pub fn has_part(&self, t: usize, d: usize) -> bool {
        match (self.assignments.get(t), self.divisions.get(d)) {
            (Some(a), Some(div)) => match a.split {
                Split::CityOnly => false,
                Split::NonCentralEach(_) => !div.central,
                Split::PerCountyMin(_) => a.among.includes(div),
                // A total goes only to divisions with a share of it.
                Split::ByWeight if a.aggregate == Aggregate::Sum => {
                    a.among.includes(div) && a.shares.get(d).is_some_and(|s| *s > 0.0)
                }
                Split::ByWeight => a.among.includes(div),
            },
            _ => false,
        }
    }
    /// Whether target `t`'s division goals rest on a placeholder split.
    pub fn provisional(&self, t: usize) -> bool {
        self.assignments.get(t).is_some_and(Assignment::provisional)
    }
    /// Division `d`'s responsible unit (the block's `county_unit` with the name filled in).
    pub fn county_unit(&self, d: usize, lang: Lang) -> String {
        let name = self
            .divisions
            .get(d)
            .map(|x| x.name.get(lang))
            .unwrap_or_default();
        self.county_unit.get(lang).replace("{name}", name)
    }
}
