//! Progress against the plan by county: milestones by month and quarter (the 任务分解表),
//! actuals, status against the current milestone, the county ranking. See docs/progress.md.
//!
//! The widget needs five calls: [`actuals::parse_actuals`] (text → actuals and row errors),
//! [`Breakdown::new`] (milestones), [`progress`] (status grid and ranking), [`timeline`] (one
//! target, city or one county) and the exports in [`export`].

pub mod actuals;
pub mod export;
mod ranking;

use super::county::{Aggregate, Counties, Split};
use super::i18n::Lang;
use super::plan::{Goal, Plan, Profile, Target, TargetKind};
use serde::Serialize;
use std::fmt;

pub use actuals::{parse_actuals, Actual, Actuals, ActualsLoad, RowError};
pub use ranking::{outcome, provisional_note, unreported_rule, Ranked};

/// Cumulative share of the year's change at the end of each quarter for `back_loaded` targets
/// (construction: slow start, most of the work in the second half).
pub const BACK_LOADED_QUARTERS: [f64; 4] = [0.10, 0.25, 0.55, 1.0];

/// A month of the plan's year, 1–12.
pub type MonthNo = u8;

/// Where a figure belongs: one county-level division, or the whole city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    City,
    /// Index into [`Counties::divisions`].
    County(usize),
}

impl Scope {
    /// The id used in files: the division's id, or `city`.
    pub fn id<'a>(&self, counties: Option<&'a Counties>) -> &'a str {
        match self {
            Scope::City => CITY_ID,
            Scope::County(d) => counties
                .and_then(|c| c.division(*d))
                .map(|d| d.id.as_str())
                .unwrap_or(""),
        }
    }

    pub fn name(&self, counties: Option<&Counties>, lang: Lang) -> String {
        match self {
            Scope::City => city_name(lang).to_string(),
            Scope::County(d) => counties
                .and_then(|c| c.division(*d))
                .map(|d| d.name.get(lang).to_string())
                .unwrap_or_default(),
        }
    }
}

/// The id that stands for the whole city in actuals and exports.
pub const CITY_ID: &str = "city";

pub fn city_name(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "全市",
        Lang::En => "Whole city",
    }
}

/// One path from a baseline to a goal through the year.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestones {
    pub baseline: f64,
    /// The value the path heads for (see [`heading`]).
    pub goal: f64,
    /// +1 when more is better, −1 when less is better.
    pub direction: f64,
    /// Cumulative value due at the end of each month, January first.
    pub months: [f64; 12],
}

impl Milestones {
    /// Value due at the end of month `m` (1–12); the baseline before January.
    pub fn month(&self, m: MonthNo) -> f64 {
        match m {
            0 => self.baseline,
            m => self
                .months
                .get(usize::from(m.min(12)) - 1)
                .copied()
                .unwrap_or(self.goal),
        }
    }
    /// Value due at the end of quarter `q` (1–4).
    pub fn quarter(&self, q: u8) -> f64 {
        self.month(q.clamp(1, 4) * 3)
    }
    pub fn quarters(&self) -> [f64; 4] {
        [
            self.quarter(1),
            self.quarter(2),
            self.quarter(3),
            self.quarter(4),
        ]
    }
}

/// The value a target's path heads for and its direction (+1: more is better):
/// `>=` and `=` head up to the goal, `<=` down to it; `between` heads for the nearer end
/// (the lower end from below, the upper end from above). When the baseline already meets the
/// goal, the path stays at the goal: holding it is on track.
pub fn heading(goal: Goal, baseline: f64) -> (f64, f64) {
    match goal {
        Goal::AtLeast(x) | Goal::Equal(x) => (x, 1.0),
        Goal::AtMost(x) => (x, -1.0),
        Goal::Between(_, b) if baseline > b => (b, -1.0),
        Goal::Between(a, _) => (a, 1.0),
    }
}

/// Cumulative fraction of the change due by the end of month `m`, for work from month `start`
/// to month `deadline`. `step`: nothing until the deadline, all of it then (yes/no targets).
pub fn fraction(
    profile: Profile,
    step: bool,
    start: MonthNo,
    deadline: MonthNo,
    m: MonthNo,
) -> f64 {
    if m >= deadline {
        return 1.0;
    }
    if step || m < start {
        return 0.0;
    }
    let t = f64::from(m - start + 1) / f64::from(deadline - start + 1);
    match profile {
        Profile::Linear => t,
        Profile::BackLoaded => {
            // Piecewise linear through (0, 0), (¼, q1), (½, q2), (¾, q3), (1, 1).
            let mut prev = (0.0, 0.0);
            for (i, q) in BACK_LOADED_QUARTERS.iter().enumerate() {
                let x = (i as f64 + 1.0) / 4.0;
                if t <= x + 1e-12 {
                    return prev.1 + (q - prev.1) * (t - prev.0) / (x - prev.0);
                }
                prev = (x, *q);
            }
            1.0
        }
    }
}

/// How a path runs: its curve, whether it steps at the deadline, its work window and whether
/// it counts whole items.
#[derive(Debug, Clone, Copy)]
struct Shape {
    profile: Profile,
    step: bool,
    window: (MonthNo, MonthNo),
    whole: bool,
}

/// `exact` as a whole number: the nearest one, a half rounded toward `goal`.
pub fn whole_toward(exact: f64, goal: f64) -> f64 {
    let near = exact.round();
    if (exact - near).abs() < 1e-9 {
        return near;
    }
    let down = exact.floor();
    match exact - down {
        f if (f - 0.5).abs() < 1e-9 && goal > exact => down + 1.0,
        f if (f - 0.5).abs() < 1e-9 => down,
        _ => near,
    }
}

fn path(baseline: f64, goal: f64, direction: f64, shape: Shape) -> Milestones {
    // Already at or beyond the goal: hold the goal.
    let flat = direction * (baseline - goal) >= 0.0;
    let mut months = [goal; 12];
    if !flat {
        let (start, deadline) = shape.window;
        for (m, v) in (1..=12).zip(months.iter_mut()) {
            let f = fraction(shape.profile, shape.step, start, deadline, m);
            *v = baseline + (goal - baseline) * f;
            if shape.whole {
                *v = whole_toward(*v, goal);
            }
        }
    }
    Milestones {
        baseline,
        goal,
        direction,
        months,
    }
}

/// Splits `total` by `shares` (summing to 1). With `whole` and a whole-number total, into
/// whole numbers by largest remainders; ties (equal remainders) go to the larger share, then to
/// the smaller division id, so the order of the divisions changes nothing. Otherwise
/// proportionally.
pub fn apportion(total: f64, shares: &[f64], ids: &[&str], whole: bool) -> Vec<f64> {
    let whole = whole && (total - total.round()).abs() < 1e-9;
    if !whole {
        return shares.iter().map(|s| total * s).collect();
    }
    let sign = if total < 0.0 { -1.0 } else { 1.0 };
    let t = total.abs().round();
    let raw: Vec<f64> = shares.iter().map(|s| t * s).collect();
    let mut parts: Vec<f64> = raw.iter().map(|r| (r + 1e-9).floor()).collect();
    let remainders: Vec<f64> = raw.iter().zip(&parts).map(|(r, p)| r - p).collect();
    let mut order: Vec<usize> = (0..raw.len())
        .filter(|i| shares.get(*i).is_some_and(|s| *s > 0.0))
        .collect();
    let at = |v: &[f64], i: usize| (v.get(i).copied().unwrap_or(0.0) * 1e9).round();
    let id = |i: usize| ids.get(i).copied().unwrap_or("");
    order.sort_by(|a, b| {
        at(&remainders, *b)
            .total_cmp(&at(&remainders, *a))
            .then(at(shares, *b).total_cmp(&at(shares, *a)))
            .then(id(*a).cmp(id(*b)))
    });
    let mut left = t - parts.iter().sum::<f64>();
    for i in order {
        if left < 0.5 {
            break;
        }
        if let Some(p) = parts.get_mut(i) {
            *p += 1.0;
            left -= 1.0;
        }
    }
    parts.iter().map(|p| p * sign).collect()
}

/// One target's milestones: for the city and for each division with a part.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetBreakdown {
    pub target: usize,
    pub city: Milestones,
    /// Index as [`Counties::divisions`]; `None` where the division has no part.
    pub counties: Vec<Option<Milestones>>,
    pub start: MonthNo,
    pub deadline: MonthNo,
}

/// Every target's milestones: the 任务分解表.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub year: i32,
    pub targets: Vec<TargetBreakdown>,
}

impl Breakdown {
    pub fn new(plan: &Plan) -> Breakdown {
        let counties = plan.counties();
        let targets = plan
            .targets()
            .iter()
            .enumerate()
            .map(|(t, target)| target_breakdown(counties, t, target))
            .collect();
        Breakdown {
            year: plan.meta().year,
            targets,
        }
    }

    pub fn target(&self, t: usize) -> Option<&TargetBreakdown> {
        self.targets.get(t)
    }

    /// Milestones of target `t` for `scope`, if that scope has a part.
    pub fn milestones(&self, t: usize, scope: Scope) -> Option<&Milestones> {
        let tb = self.targets.get(t)?;
        match scope {
            Scope::City => Some(&tb.city),
            Scope::County(d) => tb.counties.get(d)?.as_ref(),
        }
    }
}

fn target_breakdown(counties: Option<&Counties>, t: usize, target: &Target) -> TargetBreakdown {
    let assignment = counties.and_then(|c| c.assignment(t));
    let (start, deadline) = assignment.map(|a| (a.start, a.deadline)).unwrap_or((1, 12));
    let split = assignment.map(|a| a.split).unwrap_or(Split::CityOnly);
    let shape = Shape {
        profile: target.profile,
        step: target.kind == TargetKind::YesNo || matches!(split, Split::NonCentralEach(_)),
        window: (start, deadline),
        whole: assignment.is_some_and(|a| a.whole),
    };
    let b = target.baseline;
    let (goal, dir) = heading(target.goal, b);
    let city = path(b, goal, dir, shape);
    let n = counties.map(|c| c.divisions().len()).unwrap_or(0);
    let mut parts: Vec<Option<Milestones>> = vec![None; n];
    if let (Some(c), Some(a)) = (counties, assignment) {
        let ids: Vec<&str> = c.divisions().iter().map(|d| d.id.as_str()).collect();
        let base_parts = apportion(b, &a.shares, &ids, a.whole);
        let change_parts = apportion(goal - b, &a.shares, &ids, a.whole);
        for (d, slot) in parts.iter_mut().enumerate() {
            if !c.has_part(t, d) {
                continue;
            }
            let (cb, cg) = match (a.split, a.aggregate) {
                (Split::ByWeight, Aggregate::Sum) => {
                    let cb = base_parts.get(d).copied().unwrap_or(0.0);
                    let cg = cb + change_parts.get(d).copied().unwrap_or(0.0);
                    if cb == 0.0 && cg == 0.0 {
                        continue; // allotted nothing (a small share of a few whole items)
                    }
                    (cb, cg)
                }
                (Split::ByWeight, _) => (b, goal),
                (Split::PerCountyMin(v), _) => (b.min(v), v),
                (Split::NonCentralEach(v), _) => (0.0, v),
                (Split::CityOnly, _) => continue,
            };
            *slot = Some(path(cb, cg, dir, shape));
        }
    }
    TargetBreakdown {
        target: t,
        city,
        counties: parts,
        start,
        deadline,
    }
}

/// Status of one target in one county (or the city) against the milestone of the as-of month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    Ahead,
    OnTrack,
    Behind,
    NoReport,
}

impl ProgressStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressStatus::Ahead => "ahead",
            ProgressStatus::OnTrack => "on_track",
            ProgressStatus::Behind => "behind",
            ProgressStatus::NoReport => "no_report",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProgressStatus::Ahead, Lang::ZhCn) => "超前",
            (ProgressStatus::OnTrack, Lang::ZhCn) => "按期",
            (ProgressStatus::Behind, Lang::ZhCn) => "滞后",
            (ProgressStatus::NoReport, Lang::ZhCn) => "未报送",
            (ProgressStatus::Ahead, Lang::En) => "Ahead",
            (ProgressStatus::OnTrack, Lang::En) => "On track",
            (ProgressStatus::Behind, Lang::En) => "Behind",
            (ProgressStatus::NoReport, Lang::En) => "No report",
        }
    }

    /// On track or ahead: the milestone is met.
    pub fn is_met(self) -> bool {
        matches!(self, ProgressStatus::Ahead | ProgressStatus::OnTrack)
    }
}

/// The on-track band of a path: `tolerance` × the year's change, or × the goal itself when
/// there is no change to make.
pub fn band(m: &Milestones, tolerance: f64) -> f64 {
    let span = (m.goal - m.baseline).abs();
    let span = if span > 0.0 { span } else { m.goal.abs() };
    (tolerance * span).max(1e-9)
}

/// Status of `value` against the milestone `due` of path `m`.
pub fn status_of(m: &Milestones, due: f64, value: f64, tolerance: f64) -> ProgressStatus {
    let tol = band(m, tolerance);
    let diff = m.direction * (value - due);
    if diff > tol {
        ProgressStatus::Ahead
    } else if diff >= -tol {
        ProgressStatus::OnTrack
    } else {
        ProgressStatus::Behind
    }
}

/// Completion ratio against the milestone: done ÷ due since the baseline, 0–2. When nothing
/// is due yet: 1 if the milestone is met, else 0.
fn completion(m: &Milestones, due: f64, value: f64, status: ProgressStatus) -> f64 {
    let need = m.direction * (due - m.baseline);
    if need.abs() < 1e-12 {
        return if status.is_met() { 1.0 } else { 0.0 };
    }
    (m.direction * (value - m.baseline) / need).clamp(0.0, 2.0)
}

/// One cell of the status grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub target: usize,
    pub scope: Scope,
    /// Due at the end of the as-of month.
    pub milestone: f64,
    /// The latest reported value up to the as-of month (for the city: reported, or aggregated).
    pub value: Option<f64>,
    /// Month of that report (for an aggregate: the latest month among the counties').
    pub reported: Option<MonthNo>,
    pub status: ProgressStatus,
    /// Done ÷ due since the baseline, 0–2 (0 without a report).
    pub completion: f64,
    /// Whether the milestone asks for any change from the baseline by the as-of month.
    pub due_something: bool,
}

/// The progress report: every target for the city and each division with a part, and the
/// ranking of the divisions.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    pub year: i32,
    pub as_of: MonthNo,
    pub tolerance: f64,
    /// City cells first for each target, then its divisions in file order.
    pub cells: Vec<Cell>,
    /// Best first.
    pub ranking: Vec<Ranked>,
}

impl ProgressReport {
    pub fn cell(&self, t: usize, scope: Scope) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.target == t && c.scope == scope)
    }
}

/// Problems with a progress request as a whole (row problems are [`RowError`]s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    /// The as-of month is not in the plan's year.
    MonthOutsideYear {
        month: String,
        year: i32,
    },
    BadMonth(String),
    /// No as-of month given and no actuals to take it from.
    NoMonth,
}

impl ProgressError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProgressError::MonthOutsideYear { month, year }, _) => {
                super::i18n::month_outside_year(month, *year, lang)
            }
            (ProgressError::BadMonth(m), _) => super::i18n::bad_month(m, lang),
            (ProgressError::NoMonth, Lang::ZhCn) => "没有可用的报送数据，也未指定月份".into(),
            (ProgressError::NoMonth, Lang::En) => "no usable actuals and no month given".into(),
        }
    }
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ProgressError {}

/// The month of `YYYY-MM` within the plan's year.
pub fn month_in_year(s: &str, year: i32) -> Result<MonthNo, ProgressError> {
    match super::validate::parse_month(s) {
        None => Err(ProgressError::BadMonth(s.to_string())),
        Some((y, m)) if y == year => Ok(m),
        Some(_) => Err(ProgressError::MonthOutsideYear {
            month: s.trim().to_string(),
            year,
        }),
    }
}

/// `YYYY-MM` of month `m` of `year`.
pub fn month_label(year: i32, m: MonthNo) -> String {
    format!("{year:04}-{m:02}")
}

/// The value of target `t` for `scope` as of month `m`: the latest report up to `m`; for the
/// city without a report of its own, the aggregate of the divisions (a division that has not
/// reported counts at its baseline; no division reported: none).
pub fn value_as_of(
    plan: &Plan,
    breakdown: &Breakdown,
    actuals: &Actuals,
    t: usize,
    scope: Scope,
    m: MonthNo,
) -> Option<(f64, MonthNo)> {
    if let Some(a) = actuals.latest(t, scope, m) {
        return Some((a.value, a.month));
    }
    if scope != Scope::City {
        return None;
    }
    let counties = plan.counties()?;
    let assignment = counties.assignment(t)?;
    let tb = breakdown.target(t)?;
    let mut any: Option<MonthNo> = None;
    let mut values = Vec::new();
    for (d, part) in tb.counties.iter().enumerate() {
        let Some(part) = part else { continue };
        let v = match actuals.latest(t, Scope::County(d), m) {
            Some(a) => {
                any = Some(any.map_or(a.month, |x| x.max(a.month)));
                a.value
            }
            None => part.baseline,
        };
        let w = assignment.shares.get(d).copied().unwrap_or(0.0);
        values.push((v, w));
    }
    let month = any?;
    let value = match assignment.aggregate {
        Aggregate::Sum => values.iter().map(|(v, _)| v).sum(),
        Aggregate::Mean => {
            let w: f64 = values.iter().map(|(_, w)| w).sum();
            if w > 0.0 {
                values.iter().map(|(v, w)| v * w).sum::<f64>() / w
            } else {
                values.iter().map(|(v, _)| v).sum::<f64>() / values.len().max(1) as f64
            }
        }
        Aggregate::Min => values.iter().map(|(v, _)| *v).fold(f64::INFINITY, f64::min),
    };
    Some((value, month))
}

/// The status grid and the ranking as of month `as_of` (default: the latest month in the
/// actuals).
pub fn progress(
    plan: &Plan,
    breakdown: &Breakdown,
    actuals: &Actuals,
    as_of: Option<MonthNo>,
) -> Result<ProgressReport, ProgressError> {
    let as_of = match as_of.or_else(|| actuals.latest_month()) {
        Some(m) if (1..=12).contains(&m) => m,
        Some(m) => {
            return Err(ProgressError::MonthOutsideYear {
                month: m.to_string(),
                year: plan.meta().year,
            })
        }
        None => return Err(ProgressError::NoMonth),
    };
    let counties = plan.counties();
    let tolerance = counties
        .map(|c| c.ranking().tolerance)
        .unwrap_or(super::county::RankingRules::default().tolerance);
    let mut cells = Vec::new();
    for tb in &breakdown.targets {
        let scopes = std::iter::once((Scope::City, Some(&tb.city))).chain(
            tb.counties
                .iter()
                .enumerate()
                .map(|(d, m)| (Scope::County(d), m.as_ref())),
        );
        for (scope, m) in scopes {
            let Some(m) = m else { continue };
            let due = m.month(as_of);
            let found = value_as_of(plan, breakdown, actuals, tb.target, scope, as_of);
            let (status, completion) = match found {
                Some((v, _)) => {
                    let s = status_of(m, due, v, tolerance);
                    (s, completion(m, due, v, s))
                }
                None => (ProgressStatus::NoReport, 0.0),
            };
            cells.push(Cell {
                target: tb.target,
                scope,
                milestone: due,
                value: found.map(|f| f.0),
                reported: found.map(|f| f.1),
                status,
                completion,
                due_something: (due - m.baseline).abs() > 1e-12,
            });
        }
    }
    let ranking = counties
        .map(|c| ranking::rank(c, &cells))
        .unwrap_or_default();
    Ok(ProgressReport {
        year: plan.meta().year,
        as_of,
        tolerance,
        cells,
        ranking,
    })
}

/// One month of a target's timeline: the milestone and what was reported for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint {
    pub month: MonthNo,
    pub milestone: f64,
    /// Reported in that month (for the city: its own report, or the aggregate of the divisions
    /// as of that month when any division reported in it).
    pub actual: Option<f64>,
}

/// Target `t`'s twelve months for `scope`; empty when that scope has no part.
pub fn timeline(
    plan: &Plan,
    breakdown: &Breakdown,
    actuals: &Actuals,
    t: usize,
    scope: Scope,
) -> Vec<TimelinePoint> {
    let Some(m) = breakdown.milestones(t, scope) else {
        return Vec::new();
    };
    (1..=12)
        .map(|month| {
            let actual = match actuals.at(t, scope, month) {
                Some(a) => Some(a.value),
                None if scope == Scope::City => {
                    value_as_of(plan, breakdown, actuals, t, scope, month)
                        .filter(|(_, reported)| *reported == month)
                        .map(|(v, _)| v)
                }
                None => None,
            };
            TimelinePoint {
                month,
                milestone: m.month(month),
                actual,
            }
        })
        .collect()
}
