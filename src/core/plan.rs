//! The validated plan: domain types the rest of the product works with, built only by
//! [`crate::core::validate::parse_plan`], and its evaluation (values and statuses).

use super::constraint::Constraint;
use super::county::Counties;
use super::engine::{Program, Workspace};
use super::i18n::Lang;
pub use super::roles::{Origin, Role};
use serde::Serialize;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`; English falls back to Chinese when empty.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En if self.en.is_empty() => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// How a quantity is shown to people in one language: `value × scale`, written with `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDisplay {
    pub text: String,
    /// Finite and > 0 (validated).
    pub scale: f64,
}

/// A quantity's unit. Values are always in the canonical unit (`text`): the engine, share
/// codes, the JSON and CSV outputs, actuals. A language may show the quantity in another unit
/// (`亿元` → "billion yuan", × 0.1); only human displays convert, through
/// [`crate::core::display`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    /// The canonical unit, in both languages.
    pub text: Text,
    pub display_zh: Option<UnitDisplay>,
    pub display_en: Option<UnitDisplay>,
}

impl Unit {
    /// A unit without display units.
    pub fn plain(text: Text) -> Unit {
        Unit {
            text,
            ..Unit::default()
        }
    }

    /// The canonical unit's text: the unit of the values in data outputs (JSON, CSV).
    pub fn canonical(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    fn display(&self, lang: Lang) -> Option<&UnitDisplay> {
        match lang {
            Lang::ZhCn => self.display_zh.as_ref(),
            Lang::En => self.display_en.as_ref(),
        }
    }

    /// The unit people read in `lang`: the display unit if the plan gives one.
    pub fn shown(&self, lang: Lang) -> &str {
        match self.display(lang) {
            Some(d) => &d.text,
            None => self.canonical(lang),
        }
    }

    /// Shown value per canonical value in `lang` (1 without a display unit).
    pub fn scale(&self, lang: Lang) -> f64 {
        self.display(lang).map_or(1.0, |d| d.scale)
    }

    /// A canonical value in the unit shown in `lang`.
    pub fn to_shown(&self, v: f64, lang: Lang) -> f64 {
        match self.display(lang) {
            Some(d) => v * d.scale,
            None => v,
        }
    }

    /// A value in the unit shown in `lang` back in the canonical unit.
    pub fn from_shown(&self, v: f64, lang: Lang) -> f64 {
        match self.display(lang) {
            Some(d) => v / d.scale,
            None => v,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Policy,
    Assumption,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Policy => "policy",
            InputKind::Assumption => "assumption",
        }
    }
}

/// A lever or an assumption: a value the user can move.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub id: String,
    pub kind: InputKind,
    pub label: Text,
    pub unit: Unit,
    pub group: String,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// The plan as written (levers) or the illustrative default (assumptions).
    pub default: f64,
    /// Uncertainty range; equal to `default` for policy levers.
    pub low: f64,
    pub high: f64,
    pub note: Text,
    /// Where the default comes from, if the plan says.
    pub origin: Option<Origin>,
}

impl Input {
    /// Number of decimals the step needs (step 0.5 → 1, step 1 → 0).
    pub fn decimals(&self) -> usize {
        decimals_of(self.step)
    }

    /// `v` clamped to the range and snapped to the step grid from `min`.
    pub fn snap(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return self.default;
        }
        let v = clamp(v, self.min, self.max);
        let k = ((v - self.min) / self.step).round();
        let snapped = self.min + k * self.step;
        // Clean binary noise (0.1 steps) so values round-trip through text exactly.
        let d = self.decimals() as i32 + 2;
        let f = 10f64.powi(d);
        clamp((snapped * f).round() / f, self.min, self.max)
    }
}

/// `v.clamp(lo, hi)` for `lo <= hi` (NaN stays NaN), without `f64::clamp`'s panic message for
/// `lo > hi`, which formats both bounds with `Debug` and so brings core's float formatter into
/// the wasm (docs/widget-shell.md, "Size").
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

/// Decimals needed to show a step exactly (up to 6).
pub fn decimals_of(step: f64) -> usize {
    let mut d = 0;
    let mut s = step.abs();
    while d < 6 && (s - s.round()).abs() > 1e-9 {
        s *= 10.0;
        d += 1;
    }
    d
}

#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    pub formula: String,
    pub summary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    AtLeast(f64),
    AtMost(f64),
    Equal(f64),
    Between(f64, f64),
}

impl Goal {
    /// Whether `v` meets the goal (with a relative tolerance of 1e-9 for float noise).
    pub fn is_met(&self, v: f64) -> bool {
        if !v.is_finite() {
            return false;
        }
        let tol = |x: f64| 1e-9 * x.abs().max(1.0);
        match *self {
            Goal::AtLeast(x) => v >= x - tol(x),
            Goal::AtMost(x) => v <= x + tol(x),
            Goal::Equal(x) => (v - x).abs() <= tol(x),
            Goal::Between(a, b) => v >= a - tol(a) && v <= b + tol(b),
        }
    }

    pub fn op(&self) -> &'static str {
        match self {
            Goal::AtLeast(_) => ">=",
            Goal::AtMost(_) => "<=",
            Goal::Equal(_) => "=",
            Goal::Between(..) => "between",
        }
    }

    /// The value a milestone path heads for (the lower end of `between`).
    pub fn reference(&self) -> f64 {
        match *self {
            Goal::AtLeast(x) | Goal::AtMost(x) | Goal::Equal(x) => x,
            Goal::Between(a, _) => a,
        }
    }

    /// How far `v` is from meeting the goal (0 when met), in the target's unit.
    pub fn shortfall(&self, v: f64) -> f64 {
        match *self {
            Goal::AtLeast(x) => (x - v).max(0.0),
            Goal::AtMost(x) => (v - x).max(0.0),
            Goal::Equal(x) => (v - x).abs(),
            Goal::Between(a, b) => (a - v).max(v - b).max(0.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Number,
    YesNo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Linear,
    BackLoaded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: String,
    pub section: String,
    pub label: Text,
    pub unit: Unit,
    pub goal: Goal,
    pub kind: TargetKind,
    pub baseline: f64,
    pub profile: Profile,
    pub source: String,
    pub note: Text,
    /// The formula it reads, if any.
    pub value: Option<String>,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: Text,
}

/// Status of a target in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    AtRisk,
    NotMet,
    NoData,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::AtRisk => "at_risk",
            Status::NotMet => "not_met",
            Status::NoData => "no_data",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Met, Lang::ZhCn) => "达成",
            (Status::AtRisk, Lang::ZhCn) => "有风险",
            (Status::NotMet, Lang::ZhCn) => "未达成",
            (Status::NoData, Lang::ZhCn) => "无数据",
            (Status::Met, Lang::En) => "Met",
            (Status::AtRisk, Lang::En) => "At risk",
            (Status::NotMet, Lang::En) => "Not met",
            (Status::NoData, Lang::En) => "No data",
        }
    }
}

/// Descriptive facts about the plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanMeta {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub publisher: Text,
    pub published: String,
    pub year: i32,
    pub summary: Text,
}

/// A validated, compiled plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub(crate) meta: PlanMeta,
    pub(crate) sections: Vec<Section>,
    pub(crate) inputs: Vec<Input>,
    pub(crate) derived: Vec<Derived>,
    pub(crate) targets: Vec<Target>,
    pub(crate) program: Program,
    /// For each input, the targets whose value depends on it.
    pub(crate) input_targets: Vec<Vec<usize>>,
    pub(crate) counties: Option<Counties>,
    pub(crate) constraints: Vec<Constraint>,
}

impl Plan {
    pub fn meta(&self) -> &PlanMeta {
        &self.meta
    }
    pub fn id(&self) -> &str {
        &self.meta.id
    }
    pub fn version(&self) -> u32 {
        self.meta.version
    }
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
    /// Levers first, then assumptions, in file order. Scenario values are indexed like this.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    pub fn derived(&self) -> &[Derived] {
        &self.derived
    }
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }
    pub fn program(&self) -> &Program {
        &self.program
    }
    /// The county-level divisions and how targets split over them, if the plan has them.
    pub fn counties(&self) -> Option<&Counties> {
        self.counties.as_ref()
    }

    /// The binding resources (money, staff, …), with the derived quantities they made.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// The targets whose value depends on input `i` (sorted indices). Moving an input can only
    /// change these targets: goal seek and the `at_risk` probes skip the others.
    pub fn targets_of_input(&self, i: usize) -> &[usize] {
        self.input_targets.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether target `t` is a commitment the publisher simply sets: role `commitment` and no
    /// assumption reaches its value (it reads levers only). Goal seek and risk skip these: there
    /// is nothing uncertain to model, the bureau decides the number.
    pub fn is_set_commitment(&self, t: usize) -> bool {
        let Some(target) = self.targets.get(t) else {
            return false;
        };
        target.role == Role::Commitment
            && !self.inputs.iter().enumerate().any(|(i, input)| {
                input.kind == InputKind::Assumption
                    && self.targets_of_input(i).binary_search(&t).is_ok()
            })
    }

    pub fn input_index(&self, id: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.id == id)
    }
    pub fn target_index(&self, id: &str) -> Option<usize> {
        self.targets.iter().position(|t| t.id == id)
    }
    pub fn derived_index(&self, id: &str) -> Option<usize> {
        self.derived.iter().position(|d| d.id == id)
    }
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The plan as written: every input at its default.
    pub fn defaults(&self) -> Vec<f64> {
        self.inputs.iter().map(|i| i.default).collect()
    }

    /// Slot of derived quantity `i`.
    pub fn derived_slot(&self, i: usize) -> usize {
        self.inputs.len() + i
    }
    /// Slot of target `i`'s value.
    pub fn target_slot(&self, i: usize) -> usize {
        self.inputs.len() + self.derived.len() + i
    }

    /// A fresh evaluator for this plan.
    pub fn evaluator(&self) -> Evaluator<'_> {
        Evaluator {
            plan: self,
            ws: self.program.workspace(),
            probe_ws: self.program.workspace(),
            probe: Vec::with_capacity(self.inputs.len()),
        }
    }

    /// Evaluates `inputs` (one value per input, as [`Plan::inputs`]) with statuses.
    pub fn evaluate(&self, inputs: &[f64]) -> Outcome {
        self.evaluator().outcome(inputs)
    }

    /// Nearest known input id to `name` (for "did you mean" messages).
    pub fn nearest_input(&self, name: &str) -> Option<&str> {
        nearest(name, self.inputs.iter().map(|i| i.id.as_str()))
    }
    pub fn nearest_target(&self, name: &str) -> Option<&str> {
        nearest(name, self.targets.iter().map(|t| t.id.as_str()))
    }
}

/// The candidate closest to `name` by edit distance, if reasonably close.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, c)| *d <= (c.len().max(name.len()) / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The values and statuses of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Every slot: inputs, derived, target values.
    pub slots: Vec<f64>,
    pub statuses: Vec<Status>,
    /// For each target: the assumptions whose low or high end make it fail (for `at_risk`).
    pub risk_drivers: Vec<Vec<usize>>,
}

impl Outcome {
    pub fn input(&self, i: usize) -> f64 {
        self.slots.get(i).copied().unwrap_or(f64::NAN)
    }
    pub fn derived(&self, plan: &Plan, i: usize) -> f64 {
        self.slots
            .get(plan.derived_slot(i))
            .copied()
            .unwrap_or(f64::NAN)
    }
    pub fn target(&self, plan: &Plan, i: usize) -> f64 {
        self.slots
            .get(plan.target_slot(i))
            .copied()
            .unwrap_or(f64::NAN)
    }
    /// Counts of (met, at risk, not met, no data).
    pub fn counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for s in &self.statuses {
            let k = match s {
                Status::Met => 0,
                Status::AtRisk => 1,
                Status::NotMet => 2,
                Status::NoData => 3,
            };
            if let Some(x) = c.get_mut(k) {
                *x += 1;
            }
        }
        c
    }
    /// Per role (outcome, commitment, check): (met or at risk, total).
    pub fn counts_by_role(&self, plan: &Plan) -> [(Role, usize, usize); 3] {
        Role::ALL.map(|role| {
            let mut met = 0;
            let mut total = 0;
            for (t, s) in plan.targets.iter().zip(&self.statuses) {
                if t.role == role {
                    total += 1;
                    if matches!(s, Status::Met | Status::AtRisk) {
                        met += 1;
                    }
                }
            }
            (role, met, total)
        })
    }
    /// Derived quantities that are not finite (a division by zero, …): diagnostics.
    pub fn diagnostics<'p>(&self, plan: &'p Plan) -> Vec<&'p Derived> {
        plan.derived
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.derived(plan, *i).is_finite())
            .map(|(_, d)| d)
            .collect()
    }
}

/// Evaluates a plan many times without allocating.
pub struct Evaluator<'p> {
    plan: &'p Plan,
    ws: Workspace,
    probe_ws: Workspace,
    probe: Vec<f64>,
}

impl<'p> Evaluator<'p> {
    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Runs the program; returns every slot. No allocation.
    pub fn run(&mut self, inputs: &[f64]) -> &[f64] {
        self.plan.program.run(inputs, &mut self.ws);
        &self.ws.slots
    }

    /// Value of target `t` in the last [`Evaluator::run`].
    pub fn target_value(&self, t: usize) -> f64 {
        self.ws
            .slots
            .get(self.plan.target_slot(t))
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// Whether target `t` is met by the last run.
    pub fn target_met(&self, t: usize) -> bool {
        match self.plan.targets.get(t) {
            Some(target) => target.value.is_some() && target.goal.is_met(self.target_value(t)),
            None => false,
        }
    }

    /// Values and statuses. `at_risk`: met, but moving one assumption to the end of its
    /// low–high range makes it fail. Costs 1 + 2 × (assumptions) runs.
    pub fn outcome(&mut self, inputs: &[f64]) -> Outcome {
        let plan = self.plan;
        self.plan.program.run(inputs, &mut self.ws);
        let n = plan.targets.len();
        let mut statuses = Vec::with_capacity(n);
        for (t, target) in plan.targets.iter().enumerate() {
            let v = self.target_value(t);
            statuses.push(if target.value.is_none() || !v.is_finite() {
                Status::NoData
            } else if target.goal.is_met(v) {
                Status::Met
            } else {
                Status::NotMet
            });
        }
        let mut drivers: Vec<Vec<usize>> = vec![Vec::new(); n];
        self.probe.clear();
        self.probe.extend_from_slice(inputs);
        self.probe.resize(plan.inputs.len(), f64::NAN);
        for (a, input) in plan.inputs.iter().enumerate() {
            if input.kind != InputKind::Assumption {
                continue;
            }
            let reached = plan.targets_of_input(a);
            if !reached
                .iter()
                .any(|t| statuses.get(*t) == Some(&Status::Met))
            {
                continue;
            }
            let current = self.probe.get(a).copied().unwrap_or(input.default);
            for end in [input.low, input.high] {
                if end == current {
                    continue;
                }
                if let Some(p) = self.probe.get_mut(a) {
                    *p = end;
                }
                plan.program.run(&self.probe, &mut self.probe_ws);
                for &t in reached {
                    let Some(target) = plan.targets.get(t) else {
                        continue;
                    };
                    if statuses.get(t) != Some(&Status::Met) {
                        continue;
                    }
                    let v = self
                        .probe_ws
                        .slots
                        .get(plan.target_slot(t))
                        .copied()
                        .unwrap_or(f64::NAN);
                    if !target.goal.is_met(v) {
                        if let Some(d) = drivers.get_mut(t) {
                            if !d.contains(&a) {
                                d.push(a);
                            }
                        }
                    }
                }
            }
            if let Some(p) = self.probe.get_mut(a) {
                *p = current;
            }
        }
        for (s, d) in statuses.iter_mut().zip(&drivers) {
            if *s == Status::Met && !d.is_empty() {
                *s = Status::AtRisk;
            }
        }
        Outcome {
            slots: self.ws.slots.clone(),
            statuses,
            risk_drivers: drivers,
        }
    }
}
