//! Risk: Monte Carlo over the assumptions' uncertainty ranges.
//!
//! **Distribution.** Each assumption is drawn independently from the triangular distribution
//! with mode at its current value and ends `min(low, value)` and `max(high, value)` (its
//! `low`–`high` range from the plan file, stretched to include the current value when a user
//! moved it outside). At the plan's defaults that is triangular(low, default, high). An
//! assumption with `low == high` (and the current value there) stays fixed; policy levers stay
//! at their scenario values. Samples are continuous (not snapped to the slider step).
//!
//! **Randomness.** PCG32 (`rand_pcg::Pcg32`, O'Neill's PCG-XSH-RR 64/32) seeded with
//! `Pcg32::new(seed, STREAM)`; a uniform in (0, 1) is one 32-bit output plus ½, over 2³². Integer
//! arithmetic, IEEE `sqrt` and no fused multiply-add: the same seed gives the same figures on
//! every platform, native and wasm. Assumptions are drawn in input order, one sample after the
//! other, so a run split into any chunks gives the same figures as one run.
//!
//! **Figures.** For each target the share of samples in which it is met. For each derived
//! quantity the 10th, 50th and 90th percentiles of its finite samples (linear interpolation
//! between order statistics, "type 7"). Samples are stored (f32, one row of derived values per
//! sample), about
//! 1.8 MB for 10,000 samples of 44 derived quantities.
//!
//! **At risk.** [`status_with_risk`]: a target met at the scenario's values but met in fewer
//! than [`AT_RISK_BELOW`] of the samples is `at_risk`.

use super::engine::Workspace;
use super::i18n::Lang;
use super::plan::{InputKind, Outcome, Plan, Status};
use rand_core::RngCore;
use rand_pcg::Pcg32;

/// The PCG stream (increment) every run uses; the seed chooses the state.
pub const STREAM: u64 = 0x0a02_bdbf_7bb3_c0a7;
/// A target met at the scenario's values but with P(met) below this is `at_risk`.
pub const AT_RISK_BELOW: f64 = 0.9;
/// Seed used when none is given.
pub const DEFAULT_SEED: u64 = 2022;
/// Samples used when no number is given.
pub const DEFAULT_SAMPLES: usize = 10_000;

/// The status a target shows once its probability of being met is known: `no_data` and
/// `not_met` stay; a target met at the scenario's values (`met`, or `at_risk` by the
/// one-assumption rule of [`crate::core::plan::Evaluator::outcome`]) is `at_risk` when
/// `probability < AT_RISK_BELOW`, `met` otherwise. Without a probability the status is kept.
pub fn status_with_risk(status: Status, probability: Option<f64>) -> Status {
    match (status, probability) {
        (Status::Met | Status::AtRisk, Some(p)) if p < AT_RISK_BELOW => Status::AtRisk,
        (Status::Met | Status::AtRisk, Some(_)) => Status::Met,
        (s, _) => s,
    }
}

/// `outcome` with each status as the chances make it ([`status_with_risk`]), the one rule for
/// every status the widget shows: cards, summary counts, compare columns, announcements and the
/// `status-change` event. `probabilities` is [`RiskResult::probabilities`] (one per target); a
/// target without one keeps its status.
pub fn shown_outcome(outcome: &Outcome, probabilities: &[Option<f64>]) -> Outcome {
    let mut shown = outcome.clone();
    for (t, s) in shown.statuses.iter_mut().enumerate() {
        *s = status_with_risk(*s, probabilities.get(t).copied().flatten());
    }
    shown
}

/// Whether target `t` gets a chance from a run (its [`RiskResult::probabilities`] entry is
/// `Some` once a sample is drawn): it has a value formula and is not a commitment the publisher
/// simply sets (that is what the bureau decides, shown without a probability). The widget keeps
/// the chance line's room on such a card before the chances come.
pub fn has_chance(plan: &Plan, t: usize) -> bool {
    plan.targets().get(t).is_some_and(|x| x.value.is_some()) && !plan.is_set_commitment(t)
}

/// Scenarios kept in a [`RiskCache`] beyond those still wanted.
pub const CACHE_SPARE: usize = 16;

/// Finished risk figures by scenario values, for one plan, sample count and seed. A run is
/// deterministic given its seed, so the figures of a scenario never change once computed: the
/// widget computes each scenario (the current one, the plan as written, kept ones) once and
/// looks it up after that (undo, reset, a kept scenario opened again). Values are compared bit
/// for bit (they are snapped to the sliders' steps). Bounded: [`RiskCache::insert`] drops the
/// oldest entries that are not wanted beyond [`CACHE_SPARE`].
#[derive(Debug, Clone)]
pub struct RiskCache<R> {
    /// Oldest first.
    entries: Vec<(Vec<u64>, R)>,
}

impl<R> Default for RiskCache<R> {
    fn default() -> RiskCache<R> {
        RiskCache::new()
    }
}

fn bits(values: &[f64]) -> impl Iterator<Item = u64> + '_ {
    values.iter().map(|v| v.to_bits())
}

impl<R> RiskCache<R> {
    pub fn new() -> RiskCache<R> {
        RiskCache {
            entries: Vec::new(),
        }
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    fn position(&self, values: &[f64]) -> Option<usize> {
        self.entries
            .iter()
            .position(|(k, _)| k.len() == values.len() && k.iter().copied().eq(bits(values)))
    }
    /// The figures of the scenario `values`, if computed.
    pub fn get(&self, values: &[f64]) -> Option<&R> {
        self.position(values)
            .and_then(|i| self.entries.get(i))
            .map(|(_, r)| r)
    }
    /// Stores the figures of `values` (replacing earlier ones), then drops the oldest entries
    /// that are not in `wanted` while more than [`CACHE_SPARE`] such entries remain.
    pub fn insert(&mut self, values: &[f64], figures: R, wanted: &[&[f64]]) {
        if let Some(i) = self.position(values) {
            self.entries.remove(i);
        }
        self.entries.push((bits(values).collect(), figures));
        let is_wanted = |k: &[u64]| {
            wanted
                .iter()
                .any(|w| w.len() == k.len() && k.iter().copied().eq(bits(w)))
        };
        let mut spare = self.entries.iter().filter(|(k, _)| !is_wanted(k)).count();
        self.entries.retain(|(k, _)| {
            if spare > CACHE_SPARE && !is_wanted(k) {
                spare -= 1;
                false
            } else {
                true
            }
        });
    }
    /// The first scenario of `wanted` (in order of priority) whose figures are not computed.
    pub fn first_missing<'a>(&self, wanted: &[&'a [f64]]) -> Option<&'a [f64]> {
        wanted.iter().copied().find(|w| self.position(w).is_none())
    }
}

/// A risk run the plan cannot start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RiskError {
    #[error("{got} input values given, the plan has {expected}")]
    WrongLength { expected: usize, got: usize },
    #[error("the number of samples must be at least 1")]
    NoSamples,
}

impl RiskError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RiskError::WrongLength { expected, got }, Lang::ZhCn) => {
                format!("给出了 {got} 个输入值，计划有 {expected} 个")
            }
            (RiskError::NoSamples, Lang::ZhCn) => "样本数至少为 1".to_string(),
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// A 10–50–90% band.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Band {
    /// The band of the negated quantity: a balance of −51 to −44 shown as a shortfall is a gap
    /// of 44 to 51 (low end first, the same sign as the gap it goes with).
    pub fn negated(self) -> Band {
        Band {
            p10: -self.p90,
            p50: -self.p50,
            p90: -self.p10,
        }
    }
}

/// The figures of a (possibly unfinished) run.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskResult {
    /// Samples drawn so far.
    pub samples: usize,
    pub seed: u64,
    /// Per target: P(met); `None` for a target with no value formula or when no sample is drawn.
    pub probabilities: Vec<Option<f64>>,
    /// Per derived quantity: its band; `None` when it has no finite sample.
    pub bands: Vec<Option<Band>>,
}

/// One assumption's triangular distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tri {
    input: usize,
    low: f64,
    mode: f64,
    high: f64,
}

impl Tri {
    /// Inverse CDF at `u` in (0, 1).
    fn quantile(&self, u: f64) -> f64 {
        let (a, c, b) = (self.low, self.mode, self.high);
        let w = b - a;
        if w <= 0.0 {
            return c;
        }
        if u * w < c - a {
            a + (u * w * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * w * (b - c)).sqrt()
        }
    }
}

/// A Monte Carlo run that can be advanced in chunks (between animation frames) and restarted
/// cheaply when the scenario changes. It holds no reference to the plan: pass the same plan to
/// every call (a plan with another number of inputs or slots makes `step` do nothing).
#[derive(Debug, Clone)]
pub struct RiskRun {
    seed: u64,
    total: usize,
    done: usize,
    rng: Pcg32,
    base: Vec<f64>,
    probe: Vec<f64>,
    tris: Vec<Tri>,
    ws: Workspace,
    has_value: Vec<bool>,
    met: Vec<u32>,
    n_derived: usize,
    /// Row-major: sample `s`'s derived values at `s * n_derived ..`.
    derived: Vec<f32>,
    /// Bands of the first derived quantities, from the samples drawn so far
    /// ([`RiskRun::step_bands`]); emptied when samples are drawn.
    bands: Vec<Option<Band>>,
    scratch: Vec<f32>,
}

impl RiskRun {
    /// A run of `samples` samples at the scenario `values`, seeded with `seed`.
    pub fn new(
        plan: &Plan,
        values: &[f64],
        samples: usize,
        seed: u64,
    ) -> Result<RiskRun, RiskError> {
        let mut run = RiskRun {
            seed,
            total: 0,
            done: 0,
            rng: Pcg32::new(seed, STREAM),
            base: Vec::new(),
            probe: Vec::new(),
            tris: Vec::new(),
            ws: plan.program().workspace(),
            has_value: Vec::new(),
            met: Vec::new(),
            n_derived: 0,
            derived: Vec::new(),
            bands: Vec::new(),
            scratch: Vec::new(),
        };
        run.restart(plan, values, samples, seed)?;
        Ok(run)
    }

    /// Starts over with new scenario values (and sample count, seed), keeping the buffers.
    pub fn restart(
        &mut self,
        plan: &Plan,
        values: &[f64],
        samples: usize,
        seed: u64,
    ) -> Result<(), RiskError> {
        let n_in = plan.inputs().len();
        if values.len() != n_in {
            return Err(RiskError::WrongLength {
                expected: n_in,
                got: values.len(),
            });
        }
        if samples == 0 {
            return Err(RiskError::NoSamples);
        }
        self.seed = seed;
        self.total = samples;
        self.done = 0;
        self.rng = Pcg32::new(seed, STREAM);
        self.base.clear();
        self.base.extend_from_slice(values);
        self.probe.clear();
        self.probe.extend_from_slice(values);
        self.tris.clear();
        for (i, (input, &v)) in plan.inputs().iter().zip(values).enumerate() {
            if input.kind != InputKind::Assumption {
                continue;
            }
            let (low, high) = (input.low.min(v), input.high.max(v));
            if high > low {
                self.tris.push(Tri {
                    input: i,
                    low,
                    mode: v,
                    high,
                });
            }
        }
        if self.ws.slots.len() != plan.program().slot_count() {
            self.ws = plan.program().workspace();
        }
        self.has_value.clear();
        self.has_value
            .extend((0..plan.targets().len()).map(|i| has_chance(plan, i)));
        self.met.clear();
        self.met.resize(plan.targets().len(), 0);
        self.n_derived = plan.derived().len();
        self.derived.clear();
        self.derived.resize(self.n_derived * samples, f32::NAN);
        self.bands.clear();
        Ok(())
    }

    /// A uniform in (0, 1): one 32-bit draw, centred in its cell.
    fn uniform(&mut self) -> f64 {
        (f64::from(self.rng.next_u32()) + 0.5) * (1.0 / 4_294_967_296.0)
    }

    /// Draws up to `n` more samples; returns how many it drew (0 once finished).
    pub fn step(&mut self, plan: &Plan, n: usize) -> usize {
        if self.base.len() != plan.inputs().len()
            || self.ws.slots.len() != plan.program().slot_count()
            || self.met.len() != plan.targets().len()
            || self.n_derived != plan.derived().len()
        {
            return 0;
        }
        let n = n.min(self.total - self.done);
        if n > 0 {
            self.bands.clear();
        }
        for _ in 0..n {
            for k in 0..self.tris.len() {
                let u = self.uniform();
                if let Some(tri) = self.tris.get(k).copied() {
                    if let Some(p) = self.probe.get_mut(tri.input) {
                        *p = tri.quantile(u);
                    }
                }
            }
            plan.program().run(&self.probe, &mut self.ws);
            let slots = &self.ws.slots;
            for (t, target) in plan.targets().iter().enumerate() {
                let v = slots.get(plan.target_slot(t)).copied().unwrap_or(f64::NAN);
                if target.value.is_some() && target.goal.is_met(v) {
                    if let Some(m) = self.met.get_mut(t) {
                        *m += 1;
                    }
                }
            }
            let row = self.done * self.n_derived;
            let first = plan.derived_slot(0);
            if let (Some(dst), Some(src)) = (
                self.derived.get_mut(row..row + self.n_derived),
                slots.get(first..first + self.n_derived),
            ) {
                for (x, &v) in dst.iter_mut().zip(src) {
                    *x = v as f32;
                }
            }
            self.done += 1;
        }
        n
    }

    /// Samples drawn so far.
    pub fn done(&self) -> usize {
        self.done
    }
    /// Samples asked for.
    pub fn total(&self) -> usize {
        self.total
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Share of the samples drawn, 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
    pub fn is_done(&self) -> bool {
        self.done >= self.total
    }

    /// P(met) per target from the samples drawn so far.
    fn probabilities(&self) -> Vec<Option<f64>> {
        self.met
            .iter()
            .zip(&self.has_value)
            .map(|(&m, &has)| (has && self.done > 0).then(|| m as f64 / self.done as f64))
            .collect()
    }

    /// The chances only, without the bands (`bands` empty): what a status needs, for a fraction
    /// of the cost of [`RiskRun::result`] (whose quantiles take about half as long as sampling).
    pub fn chances(&self) -> RiskResult {
        RiskResult {
            samples: self.done,
            seed: self.seed,
            probabilities: self.probabilities(),
            bands: Vec::new(),
        }
    }

    /// The band of derived quantity `d` from the samples drawn so far (`scratch` is reused).
    fn band_of(&self, d: usize, scratch: &mut Vec<f32>) -> Option<Band> {
        scratch.clear();
        scratch.extend(
            self.derived
                .iter()
                .skip(d)
                .step_by(self.n_derived.max(1))
                .take(self.done)
                .copied()
                .filter(|v| v.is_finite()),
        );
        band(scratch)
    }

    /// Computes the bands of up to `n` more derived quantities from the samples drawn so far;
    /// returns how many it computed. The widget spreads this, the long end of a run (about half
    /// the cost of the sampling), over frames; [`RiskRun::result`] computes whatever is left.
    pub fn step_bands(&mut self, n: usize) -> usize {
        let mut scratch = std::mem::take(&mut self.scratch);
        let start = self.bands.len();
        let end = (start + n).min(self.n_derived);
        for d in start..end {
            let b = self.band_of(d, &mut scratch);
            self.bands.push(b);
        }
        self.scratch = scratch;
        end - start
    }

    /// Whether every band is computed ([`RiskRun::step_bands`]).
    pub fn bands_done(&self) -> bool {
        self.bands.len() >= self.n_derived
    }

    /// The figures from the samples drawn so far.
    pub fn result(&self) -> RiskResult {
        let probabilities = self.probabilities();
        let mut scratch: Vec<f32> = Vec::with_capacity(self.done);
        let bands = self
            .bands
            .iter()
            .copied()
            .chain((self.bands.len()..self.n_derived).map(|d| self.band_of(d, &mut scratch)))
            .collect();
        RiskResult {
            samples: self.done,
            seed: self.seed,
            probabilities,
            bands,
        }
    }
}

/// Runs `samples` samples at once (the command line; the widget steps a [`RiskRun`]).
pub fn risk(
    plan: &Plan,
    values: &[f64],
    samples: usize,
    seed: u64,
) -> Result<RiskResult, RiskError> {
    let mut run = RiskRun::new(plan, values, samples, seed)?;
    run.step(plan, samples);
    Ok(run.result())
}

/// p10, p50, p90 of `xs` (finite values; reordered in place). Type-7 quantiles: position
/// q·(n − 1), linear between the order statistics around it. Each selection works on the part
/// of `xs` above the previous one, so the three cost little more than one.
fn band(xs: &mut [f32]) -> Option<Band> {
    let n = xs.len();
    if n == 0 {
        return None;
    }
    let mut out = [f64::NAN; 3];
    let mut offset = 0;
    for (slot, q) in out.iter_mut().zip([0.1, 0.5, 0.9]) {
        let pos = q * (n - 1) as f64;
        let k = (pos.floor() as usize).clamp(offset, n - 1);
        let frac = pos - k as f64;
        let sub = xs.get_mut(offset..)?;
        let (_, &mut lo, right) = sub.select_nth_unstable_by(k - offset, f32::total_cmp);
        let lo = f64::from(lo);
        let hi = if frac > 0.0 {
            right
                .iter()
                .copied()
                .min_by(f32::total_cmp)
                .map(f64::from)
                .unwrap_or(lo)
        } else {
            lo
        };
        *slot = lo + frac * (hi - lo);
        offset = k;
    }
    let [p10, p50, p90] = out;
    Some(Band { p10, p50, p90 })
}
