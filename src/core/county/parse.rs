//! Reads and checks the plan file's `counties` block into [`Counties`]; every problem is
//! reported with its place (see docs/plan-format.md and docs/progress.md).

use super::{
    Aggregate, Among, Assignment, Basis, Counties, Division, DivisionKind, RankingRules, Split,
    Unreported,
};
use crate::core::format::{CountiesFile, RankingFile, TargetSplitFile, WeightSetFile};
use crate::core::i18n::Lang;
use crate::core::numtext;
use crate::core::plan::{nearest, Role, Target, TargetKind, Text};
use crate::core::validate::{not_one_of, parse_month, Choice, Ctx, IdKind, PlanErrorKind};

/// The split rules, as the plan file writes them.
const SPLITS: [&str; 4] = [
    "by_weight",
    "per_county_min",
    "non_central_each",
    "city_only",
];
use crate::core::keyed::{Keyed, Names};

/// Problems peculiar to the counties block (the rest use the general [`PlanErrorKind`]s).
#[derive(Debug, Clone, PartialEq)]
pub enum CountyProblem {
    UnknownWeightSet {
        id: String,
        suggestion: Option<String>,
    },
    /// A weight set does not list this division.
    NoWeightFor(String),
    /// A weight below zero.
    Negative(f64),
    /// No division the split reaches has a weight above zero.
    NoWeightAmong(&'static str),
    /// No division belongs to the group a target is split among.
    NoneAmong(&'static str),
    /// An explicit share for a division outside the group the target is split among.
    ShareOutside {
        id: String,
        among: &'static str,
    },
    BadAmong(String),
    BadUnreported(String),
    /// A target gives both `weights` and `shares`.
    WeightsAndShares,
}

impl CountyProblem {
    pub fn message(&self, lang: Lang) -> String {
        use CountyProblem as P;
        let zh = lang == Lang::ZhCn;
        match self {
            P::UnknownWeightSet { id, suggestion } => {
                let hint = crate::core::i18n::did_you_mean(suggestion.as_deref(), lang);
                match zh {
                    true => format!("未知权重集 '{id}'{hint}"),
                    false => format!("unknown weight set '{id}'{hint}"),
                }
            }
            P::NoWeightFor(id) if zh => format!("权重集缺少县（市、区）'{id}' 的权重"),
            P::NoWeightFor(id) => format!("the weight set has no weight for division '{id}'"),
            P::Negative(v) if zh => format!("权重 {} 不能小于 0", numtext::shortest(*v)),
            P::Negative(v) => format!("weight {} must not be below 0", numtext::shortest(*v)),
            P::NoWeightAmong(a) if zh => format!("分解范围 {a} 内没有权重大于 0 的县（市、区）"),
            P::NoWeightAmong(a) => format!("no division among '{a}' has a weight above 0"),
            P::NoneAmong(a) if zh => format!("没有属于分解范围 {a} 的县（市、区）"),
            P::NoneAmong(a) => format!("no division belongs to '{a}'"),
            P::ShareOutside { id, among } if zh => {
                format!("'{id}' 不属于分解范围 {among}，不能分到份额")
            }
            P::ShareOutside { id, among } => {
                format!("'{id}' is not among '{among}' and cannot have a share")
            }
            P::BadAmong(s) if zh => {
                format!("分解范围 '{s}' 无效（可用 all、rural、non_central、central）")
            }
            P::BadAmong(s) => {
                format!("among '{s}' is not one of all, rural, non_central, central")
            }
            P::BadUnreported(s) if zh => format!("未报送规则 '{s}' 无效（可用 follow_up、behind）"),
            P::BadUnreported(s) => format!("unreported '{s}' is not one of follow_up, behind"),
            P::WeightsAndShares if zh => "weights 与 shares 只能填写一个".into(),
            P::WeightsAndShares => "give `weights` or `shares`, not both".into(),
        }
    }
}

fn county_err(cx: &mut Ctx, place: impl Into<String>, p: CountyProblem) {
    cx.err(place, PlanErrorKind::County(p));
}

/// A weight set, validated: the raw weights by division index and whether it is provisional.
struct WeightSet {
    weights: Vec<f64>,
    provisional: bool,
}

/// The counties block → [`Counties`]; problems go to `cx`.
pub(crate) fn counties(
    cx: &mut Ctx,
    file: &mut CountiesFile,
    targets: &[Target],
    year: Option<i32>,
) -> Counties {
    let p = "counties";
    if year.is_none() {
        cx.err("year", PlanErrorKind::NoYear);
    }
    let weighted = file.divisions.iter().any(|d| d.weight.is_some());
    let divisions = divisions(cx, file);
    let weight_note = cx.text(&mut file.weight_note, || format!("{p}.weight_note"), false);
    let responsible = cx.text(&mut file.responsible, || format!("{p}.responsible"), true);
    let county_unit = match &file.county_unit {
        Some(_) => cx.text(&mut file.county_unit, || format!("{p}.county_unit"), true),
        None => Text::new("{name}", "{name}"),
    };
    let sets = weight_sets(cx, &mut file.weight_sets, &divisions);
    let default_basis = default_basis(
        cx,
        file.default_weights.as_deref(),
        &sets,
        &divisions,
        weighted,
    );
    let cx_defaults = Defaults {
        divisions: &divisions,
        sets: &sets,
        basis: default_basis,
        responsible,
        whole_units: &file.whole_units,
        year,
    };
    let mut assignments: Vec<Assignment> =
        targets.iter().map(|t| cx_defaults.assignment(t)).collect();
    let mut seen = Names::new();
    for (i, e) in file.targets.iter_mut().enumerate() {
        let q = format!("{p}.targets[{i}]");
        let Some((ti, target)) = entry_target(cx, e, targets, &q, &mut seen) else {
            continue;
        };
        let a = cx_defaults.entry(cx, e, target, &q);
        if let Some(slot) = assignments.get_mut(ti) {
            *slot = a;
        }
    }
    Counties {
        divisions,
        weight_note,
        county_unit,
        assignments,
        ranking: ranking(cx, file.ranking.as_ref()),
    }
}

/// The divisions, with their default shares (`weight` in percent, or equal).
fn divisions(cx: &mut Ctx, file: &mut CountiesFile) -> Vec<Division> {
    let p = "counties";
    if file.divisions.is_empty() {
        cx.err(format!("{p}.divisions"), PlanErrorKind::NoDivisions);
    }
    let with_weight = file.divisions.iter().filter(|d| d.weight.is_some()).count();
    let n = file.divisions.len();
    if with_weight != 0 && with_weight != n {
        cx.err(format!("{p}.divisions"), PlanErrorKind::WeightsPartial);
    }
    let mut ids = Names::new();
    let mut out = Vec::new();
    for (i, d) in file.divisions.iter_mut().enumerate() {
        let q = format!("{p}.divisions[{i}]");
        let id = cx.id(&d.id, || format!("{q}.id"), &mut ids);
        let name = cx.text(&mut d.name, || format!("{q}.name"), true);
        let kind = match cx.req(&d.kind, || format!("{q}.kind")) {
            Some(k) => DivisionKind::parse(k).unwrap_or_else(|| {
                let k = k.clone();
                cx.err(
                    format!("{q}.kind"),
                    not_one_of(Choice::DivisionKind, &k, DivisionKind::NAMES),
                );
                DivisionKind::County
            }),
            None => DivisionKind::County,
        };
        let share = match d.weight {
            Some(w) if !w.is_finite() => {
                cx.err(format!("{q}.weight"), PlanErrorKind::NotFinite);
                0.0
            }
            Some(w) if w <= 0.0 => {
                cx.err(format!("{q}.weight"), PlanErrorKind::NotPositive(w));
                0.0
            }
            Some(w) => w / 100.0,
            None => 1.0 / n.max(1) as f64,
        };
        out.push(Division {
            id,
            name,
            kind,
            central: d.central,
            rural: d.rural.unwrap_or(!d.central),
            share,
        });
    }
    let weights_ok = file
        .divisions
        .iter()
        .all(|d| d.weight.is_none_or(|w| w.is_finite() && w > 0.0));
    if with_weight == n && n > 0 && weights_ok {
        check_sum(
            cx,
            out.iter().map(|d| d.share * 100.0),
            format!("{p}.divisions"),
        );
        if file.weight_note.is_none() {
            cx.err(format!("{p}.weight_note"), PlanErrorKind::Missing);
        }
    }
    out
}

/// The named weight sets: every division listed, no weight below zero, a note.
fn weight_sets(
    cx: &mut Ctx,
    files: &mut Keyed<WeightSetFile>,
    divisions: &[Division],
) -> Keyed<WeightSet> {
    let mut out = Keyed::new();
    for (id, f) in files.iter_mut() {
        let q = format!("counties.weight_sets.{id}");
        cx.text(&mut f.note, || format!("{q}.note"), true);
        let mut weights = vec![0.0; divisions.len()];
        for (did, w) in f.weights.iter() {
            let place = format!("{q}.weights.{did}");
            match divisions.iter().position(|d| &d.id == did) {
                None => unknown_division(cx, place, did, divisions),
                Some(_) if !w.is_finite() => cx.err(place, PlanErrorKind::NotFinite),
                Some(_) if *w < 0.0 => county_err(cx, place, CountyProblem::Negative(*w)),
                Some(d) => {
                    if let Some(slot) = weights.get_mut(d) {
                        *slot = *w;
                    }
                }
            }
        }
        for d in divisions {
            if !d.id.is_empty() && !f.weights.contains_key(&d.id) {
                let p = CountyProblem::NoWeightFor(d.id.clone());
                county_err(cx, format!("{q}.weights"), p);
            }
        }
        let provisional = f.provisional;
        out.insert(
            id.clone(),
            WeightSet {
                weights,
                provisional,
            },
        );
    }
    out
}

fn unknown_division(cx: &mut Ctx, place: String, id: &str, divisions: &[Division]) {
    let suggestion = nearest(id, divisions.iter().map(|d| d.id.as_str())).map(String::from);
    let id = id.to_string();
    cx.err(
        place,
        PlanErrorKind::Unknown {
            kind: IdKind::Division,
            id,
            suggestion,
        },
    );
}

/// The basis of targets that name no weights: the block's `default_weights`, the divisions'
/// `weight`s (`weighted`), or equal shares (provisional).
fn default_basis(
    cx: &mut Ctx,
    name: Option<&str>,
    sets: &Keyed<WeightSet>,
    divisions: &[Division],
    weighted: bool,
) -> (Basis, Vec<f64>) {
    let basis = match name {
        Some(id) => set_basis(cx, id, sets, "counties.default_weights".into()),
        None if weighted => (
            Basis::DivisionWeights,
            divisions.iter().map(|d| d.share).collect(),
        ),
        None => (Basis::Equal, vec![1.0; divisions.len()]),
    };
    if !basis.1.is_empty() && basis.1.iter().sum::<f64>() <= 0.0 {
        let p = CountyProblem::NoWeightAmong(Among::All.as_str());
        county_err(cx, "counties.default_weights", p);
    }
    basis
}

fn set_basis(cx: &mut Ctx, id: &str, sets: &Keyed<WeightSet>, place: String) -> (Basis, Vec<f64>) {
    match sets.get(id) {
        Some(s) => {
            let basis = Basis::Set {
                id: id.to_string(),
                provisional: s.provisional,
            };
            (basis, s.weights.clone())
        }
        None => {
            let suggestion = nearest(id, sets.keys().map(String::as_str)).map(String::from);
            let p = CountyProblem::UnknownWeightSet {
                id: id.to_string(),
                suggestion,
            };
            county_err(cx, place, p);
            (Basis::Equal, Vec::new())
        }
    }
}

/// What a target gets when its entry does not say.
struct Defaults<'a> {
    divisions: &'a [Division],
    sets: &'a Keyed<WeightSet>,
    basis: (Basis, Vec<f64>),
    responsible: Text,
    whole_units: &'a [String],
    year: Option<i32>,
}

impl Defaults<'_> {
    fn whole(&self, t: &Target) -> bool {
        let u = &t.unit.text;
        self.whole_units
            .iter()
            .any(|w| !w.trim().is_empty() && (w.trim() == u.zh.trim() || w.trim() == u.en.trim()))
    }

    /// Shares over the divisions `among` includes, from raw weights (normalised).
    fn normalise(&self, raw: &[f64], among: Among) -> Option<Vec<f64>> {
        let w: Vec<f64> = self
            .divisions
            .iter()
            .zip(raw)
            .map(|(d, w)| if among.includes(d) { *w } else { 0.0 })
            .collect();
        let sum: f64 = w.iter().sum();
        (sum > 0.0 && sum.is_finite()).then(|| w.iter().map(|x| x / sum).collect())
    }

    fn assignment(&self, t: &Target) -> Assignment {
        // Yes/no targets and the model's feasibility checks are the city's own by default.
        let split = if t.kind == TargetKind::YesNo || t.role == Role::Check {
            Split::CityOnly
        } else {
            Split::ByWeight
        };
        let (basis, raw) = self.basis.clone();
        // A default basis without weight is reported once, by `default_basis`.
        let shares = self
            .normalise(&raw, Among::All)
            .unwrap_or_else(|| vec![0.0; self.divisions.len()]);
        Assignment {
            split,
            aggregate: default_aggregate(t, split),
            among: Among::All,
            shares,
            basis,
            whole: self.whole(t),
            responsible: self.responsible.clone(),
            start: 1,
            deadline: 12,
        }
    }

    /// One entry of `counties.targets` for `target`.
    fn entry(&self, cx: &mut Ctx, e: &mut TargetSplitFile, target: &Target, q: &str) -> Assignment {
        let split = self.split(cx, e, target, q);
        let among = self.among(cx, e, split, q);
        let aggregate = match e.aggregate.as_deref() {
            None => default_aggregate(target, split),
            Some(a) => Aggregate::parse(a).unwrap_or_else(|| {
                let a = a.to_string();
                cx.err(
                    format!("{q}.aggregate"),
                    not_one_of(Choice::Aggregate, &a, Aggregate::NAMES),
                );
                Aggregate::Sum
            }),
        };
        let (basis, shares) = self.shares(cx, e, among, q, split == Split::ByWeight);
        let responsible = match &e.responsible {
            Some(_) => cx.text(&mut e.responsible, || format!("{q}.responsible"), true),
            None => self.responsible.clone(),
        };
        let start = self.month(cx, &e.start, format!("{q}.start"), 1);
        let deadline = self.month(cx, &e.deadline, format!("{q}.deadline"), 12);
        if start > deadline {
            cx.err(format!("{q}.start"), PlanErrorKind::StartAfterDeadline);
        }
        Assignment {
            split,
            aggregate,
            among,
            shares,
            basis,
            whole: e.whole.unwrap_or_else(|| self.whole(target)),
            responsible,
            start,
            deadline,
        }
    }

    fn split(&self, cx: &mut Ctx, e: &TargetSplitFile, target: &Target, q: &str) -> Split {
        let per_county = |cx: &mut Ctx, default: f64| match e.per_county {
            Some(v) if !v.is_finite() => {
                cx.err(format!("{q}.per_county"), PlanErrorKind::NotFinite);
                default
            }
            Some(v) => v,
            None => default,
        };
        let yes_no = target.kind == TargetKind::YesNo;
        match e.split.as_deref() {
            None if yes_no => Split::CityOnly,
            Some("by_weight") if yes_no => {
                cx.err(format!("{q}.split"), PlanErrorKind::YesNoByWeight);
                Split::CityOnly
            }
            None | Some("by_weight") => Split::ByWeight,
            Some("per_county_min") => Split::PerCountyMin(per_county(cx, target.goal.reference())),
            Some("non_central_each") => {
                if !self.divisions.is_empty() && self.divisions.iter().all(|d| d.central) {
                    cx.err(format!("{q}.split"), PlanErrorKind::NoNonCentral);
                }
                Split::NonCentralEach(per_county(cx, 1.0))
            }
            Some("city_only") => Split::CityOnly,
            Some(k) => {
                cx.err(format!("{q}.split"), not_one_of(Choice::Split, k, SPLITS));
                Split::ByWeight
            }
        }
    }

    fn among(&self, cx: &mut Ctx, e: &TargetSplitFile, split: Split, q: &str) -> Among {
        let among = match e.among.as_deref() {
            None => Among::All,
            Some(s) => Among::parse(s).unwrap_or_else(|| {
                county_err(
                    cx,
                    format!("{q}.among"),
                    CountyProblem::BadAmong(s.to_string()),
                );
                Among::All
            }),
        };
        let among = match split {
            Split::NonCentralEach(_) => Among::NonCentral,
            _ => among,
        };
        let reported = matches!(split, Split::NonCentralEach(_)); // as NoNonCentral
        if !reported
            && !self.divisions.is_empty()
            && !self.divisions.iter().any(|d| among.includes(d))
        {
            county_err(
                cx,
                format!("{q}.among"),
                CountyProblem::NoneAmong(among.as_str()),
            );
        }
        among
    }

    /// The target's shares: its own `shares` (percent), a named weight set, or the default.
    fn shares(
        &self,
        cx: &mut Ctx,
        e: &TargetSplitFile,
        among: Among,
        q: &str,
        by_weight: bool,
    ) -> (Basis, Vec<f64>) {
        if e.weights.is_some() && e.shares.is_some() {
            county_err(cx, format!("{q}.weights"), CountyProblem::WeightsAndShares);
        }
        if let Some(map) = &e.shares {
            return (Basis::Explicit, self.explicit(cx, map, among, q));
        }
        let (basis, raw) = match &e.weights {
            Some(id) => set_basis(cx, id, self.sets, format!("{q}.weights")),
            None => self.basis.clone(),
        };
        let shares = self.normalise(&raw, among).unwrap_or_else(|| {
            if by_weight && !raw.is_empty() {
                let p = CountyProblem::NoWeightAmong(among.as_str());
                county_err(cx, format!("{q}.among"), p);
            }
            vec![0.0; self.divisions.len()]
        });
        (basis, shares)
    }

    fn explicit(&self, cx: &mut Ctx, map: &Keyed<f64>, among: Among, q: &str) -> Vec<f64> {
        let mut shares = vec![0.0; self.divisions.len()];
        for (id, v) in map.iter() {
            let place = format!("{q}.shares.{id}");
            match self.divisions.iter().position(|d| &d.id == id) {
                None => unknown_division(cx, place, id, self.divisions),
                Some(_) if !v.is_finite() => cx.err(place, PlanErrorKind::NotFinite),
                Some(_) if *v < 0.0 => cx.err(place, PlanErrorKind::NotPositive(*v)),
                Some(d) => {
                    let outside = self.divisions.get(d).is_some_and(|x| !among.includes(x));
                    if outside && *v > 0.0 {
                        let p = CountyProblem::ShareOutside {
                            id: id.clone(),
                            among: among.as_str(),
                        };
                        county_err(cx, place, p);
                    } else if let Some(s) = shares.get_mut(d) {
                        *s = v / 100.0;
                    }
                }
            }
        }
        check_sum(cx, map.values().copied(), format!("{q}.shares"));
        shares
    }

    fn month(&self, cx: &mut Ctx, m: &Option<String>, place: String, default: u8) -> u8 {
        let Some(m) = m else { return default };
        match (parse_month(m), self.year) {
            (None, _) => {
                cx.err(place, PlanErrorKind::BadMonth(m.clone()));
                default
            }
            (Some((y, _)), Some(year)) if y != year => {
                let month = m.clone();
                cx.err(place, PlanErrorKind::MonthOutsideYear { month, year });
                default
            }
            (Some((_, mm)), _) => mm,
        }
    }
}

/// The target an entry names (index and target), or `None` after reporting why not.
fn entry_target<'t>(
    cx: &mut Ctx,
    e: &TargetSplitFile,
    targets: &'t [Target],
    q: &str,
    seen: &mut Names,
) -> Option<(usize, &'t Target)> {
    let tid = cx.req(&e.target, || format!("{q}.target"))?;
    if !seen.add(tid.clone()) {
        cx.err(
            format!("{q}.target"),
            PlanErrorKind::DuplicateId(tid.clone()),
        );
    }
    let found = targets.iter().enumerate().find(|(_, t)| &t.id == tid);
    if found.is_none() {
        let suggestion = nearest(tid, targets.iter().map(|t| t.id.as_str())).map(String::from);
        let id = tid.clone();
        cx.err(
            format!("{q}.target"),
            PlanErrorKind::Unknown {
                kind: IdKind::Target,
                id,
                suggestion,
            },
        );
    }
    found
}

fn ranking(cx: &mut Ctx, file: Option<&RankingFile>) -> RankingRules {
    let mut ranking = RankingRules::default();
    let Some(r) = file else { return ranking };
    let q = "counties.ranking";
    let mut percent = |v: Option<f64>, field: &str, default: f64| match v {
        Some(x) if x.is_finite() && (0.0..=100.0).contains(&x) => x / 100.0,
        Some(x) => {
            let kind = PlanErrorKind::OutOfRange {
                value: x,
                min: 0.0,
                max: 100.0,
            };
            cx.err(format!("{q}.{field}"), kind);
            default
        }
        None => default,
    };
    ranking.tolerance = percent(r.tolerance, "tolerance", ranking.tolerance);
    ranking.praise_min_share = percent(
        r.praise_min_share,
        "praise_min_share",
        ranking.praise_min_share,
    );
    ranking.min_reported = percent(r.min_reported, "min_reported", ranking.min_reported);
    if let Some(n) = r.praise_top {
        ranking.praise_top = n as usize;
    }
    if let Some(n) = r.interview_bottom {
        ranking.interview_bottom = n as usize;
    }
    if let Some(u) = &r.unreported {
        match Unreported::parse(u) {
            Some(u) => ranking.unreported = u,
            None => county_err(
                cx,
                format!("{q}.unreported"),
                CountyProblem::BadUnreported(u.clone()),
            ),
        }
    }
    ranking
}

/// Rates (unit `%`) are averaged, per-county minimums take the weakest division, the rest sum.
fn default_aggregate(t: &Target, split: Split) -> Aggregate {
    match split {
        Split::PerCountyMin(_) => Aggregate::Min,
        _ if t.unit.text.zh.trim() == "%" => Aggregate::Mean,
        _ => Aggregate::Sum,
    }
}

fn check_sum(cx: &mut Ctx, values: impl Iterator<Item = f64>, place: String) {
    let sum: f64 = values.sum();
    if sum.is_finite() && (sum - 100.0).abs() > 0.05 {
        cx.err(
            place,
            PlanErrorKind::SharesSum((sum * 1000.0).round() / 1000.0),
        );
    }
}
