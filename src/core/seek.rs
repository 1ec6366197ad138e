//! Goal seek: for a target and an input, the smallest change of that input, on its step grid
//! and within its range, that makes the target met; and for a target that is not met, every
//! input that can fix it, ranked by the size of the change relative to the input's range.
//!
//! No linearity is assumed. The input's grid (`min`, `min + step`, …, `max`) is scanned outward
//! from the current value, both directions interleaved by distance, so the first grid point that
//! meets the target is the nearest one even when the relation is flat, turns back, or the
//! feasible set has several pieces. Grids longer than [`EXACT_SCAN_POINTS`] are scanned coarsely
//! (about [`COARSE_POINTS`] probes), and the change is then found exactly by bisection on grid
//! indices between the last coarse point that fails and the first that meets; there a feasible
//! piece narrower than the coarse stride can be missed (documented in docs/risk.md).
//!
//! Only inputs the target's formula can read (directly or through derived quantities) are
//! probed: [`Dependencies`] works that set out from the compiled program once per plan, and
//! each probe runs only the part of the program the target reads.

use super::engine::{Program, Workspace};
use super::i18n::Lang;
#[cfg(doc)]
use super::plan::Evaluator;
use super::plan::{Input, InputKind, Plan};
use std::ops::Deref;

/// Grids with at most this many points are scanned point by point.
pub const EXACT_SCAN_POINTS: usize = 2048;
/// Roughly how many probes a coarse scan of a longer grid makes per direction.
pub const COARSE_POINTS: usize = 512;

/// Which inputs a goal seek may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeekOptions {
    /// Also suggest assumptions (facts about the world), after the policy levers.
    pub assumptions: bool,
}

/// The answer for one input: move it `from` → `to`, or no value in range meets the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Suggestion {
    /// Index into [`Plan::inputs`].
    pub input: usize,
    pub kind: InputKind,
    pub from: f64,
    /// The nearest grid value that meets the target; `None` when no value in range does.
    /// Equal to `from` when the target is already met.
    pub to: Option<f64>,
    /// |to − from| / (max − min); `None` when `to` is.
    pub relative: Option<f64>,
}

impl Suggestion {
    pub fn met(&self) -> bool {
        self.to.is_some()
    }
    /// `to − from`, when there is a `to`.
    pub fn change(&self) -> Option<f64> {
        self.to.map(|t| t - self.from)
    }
}

/// A goal-seek request the plan cannot answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SeekError {
    #[error("no target number {0}")]
    UnknownTarget(usize),
    #[error("no input number {0}")]
    UnknownInput(usize),
    #[error("{got} input values given, the plan has {expected}")]
    WrongLength { expected: usize, got: usize },
}

impl SeekError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SeekError::UnknownTarget(i), Lang::ZhCn) => format!("没有第 {i} 号目标"),
            (SeekError::UnknownInput(i), Lang::ZhCn) => format!("没有第 {i} 号杠杆或假设"),
            (SeekError::WrongLength { expected, got }, Lang::ZhCn) => {
                format!("给出了 {got} 个输入值，计划有 {expected} 个")
            }
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// For each target, the inputs its value can depend on (sorted input indices) and the slots
/// its evaluation needs, worked out once from the compiled program: a target reads derived
/// quantities, which read inputs and other derived quantities.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dependencies {
    targets: Vec<Vec<usize>>,
    /// Per target: which slots (derived quantities and the target itself) must be computed.
    needed: Vec<Vec<bool>>,
}

impl Dependencies {
    pub fn of(plan: &Plan) -> Dependencies {
        let program = plan.program();
        let n_slots = program.slot_count();
        let stores = program.stores();
        // Slots each stored slot depends on, transitively. Stores come in dependency order,
        // so one pass suffices; the bounded repeat keeps any other order correct.
        let mut closure: Vec<Vec<bool>> = vec![Vec::new(); n_slots];
        for _ in 0..stores.len().max(1) {
            let mut changed = false;
            for (slot, loads) in &stores {
                let mut row = vec![false; n_slots];
                for &l in loads {
                    if let Some(x) = row.get_mut(l) {
                        *x = true;
                    }
                    if let Some(inner) = closure.get(l) {
                        for (x, &y) in row.iter_mut().zip(inner) {
                            *x |= y;
                        }
                    }
                }
                if let Some(c) = closure.get_mut(*slot) {
                    if *c != row {
                        *c = row;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let n_in = plan.inputs().len();
        let mut targets = Vec::with_capacity(plan.targets().len());
        let mut needed = Vec::with_capacity(plan.targets().len());
        for t in 0..plan.targets().len() {
            let ts = plan.target_slot(t);
            let mut need = closure.get(ts).cloned().unwrap_or_default();
            need.resize(n_slots, false);
            targets.push(
                need.iter()
                    .take(n_in)
                    .enumerate()
                    .filter(|(_, &b)| b)
                    .map(|(i, _)| i)
                    .collect(),
            );
            if let Some(x) = need.get_mut(ts) {
                *x = true;
            }
            needed.push(need);
        }
        Dependencies { targets, needed }
    }

    /// The inputs target `t` can depend on (empty for an unknown target).
    pub fn of_target(&self, t: usize) -> &[usize] {
        self.targets.get(t).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Goal seek over one plan. Build it once per plan and reuse it: it holds the dependency
/// sets, for each target the plan's compiled program reduced to what that target reads
/// ([`Program::retain_stores`]), a workspace and a probe buffer, so each probe is one run of
/// a short program with no allocation. `P` is how it holds the plan: `&Plan`, or `Rc<Plan>`
/// for a seeker kept beside the plan (the widget).
pub struct Seeker<P: Deref<Target = Plan> + Clone> {
    plan: P,
    deps: Dependencies,
    programs: Vec<Program>,
    ws: Workspace,
    probe: Vec<f64>,
}

impl<P: Deref<Target = Plan> + Clone> Seeker<P> {
    pub fn new(plan: P) -> Seeker<P> {
        let deps = Dependencies::of(&plan);
        let programs = deps
            .needed
            .iter()
            .map(|need| {
                plan.program()
                    .retain_stores(|s| need.get(s).copied().unwrap_or(false))
            })
            .collect();
        let ws = plan.program().workspace();
        let probe = Vec::with_capacity(plan.inputs().len());
        Seeker {
            plan,
            deps,
            programs,
            ws,
            probe,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn dependencies(&self) -> &Dependencies {
        &self.deps
    }

    fn load(&mut self, values: &[f64]) -> Result<(), SeekError> {
        let expected = self.plan().inputs().len();
        if values.len() != expected {
            return Err(SeekError::WrongLength {
                expected,
                got: values.len(),
            });
        }
        self.probe.clear();
        self.probe.extend_from_slice(values);
        Ok(())
    }

    /// Whether target `t` is met with the probe's values (as [`Evaluator::target_met`]).
    fn met(&mut self, t: usize) -> bool {
        let (Some(program), Some(target)) = (self.programs.get(t), self.plan.targets().get(t))
        else {
            return false;
        };
        program.run(&self.probe, &mut self.ws);
        let v = self
            .ws
            .slots
            .get(self.plan.target_slot(t))
            .copied()
            .unwrap_or(f64::NAN);
        target.value.is_some() && target.goal.is_met(v)
    }

    /// Whether target `t` is met with input `i` at `v` (the probe otherwise unchanged).
    fn met_at(&mut self, t: usize, i: usize, v: f64) -> bool {
        if let Some(p) = self.probe.get_mut(i) {
            *p = v;
        }
        self.met(t)
    }

    /// Whether target `target` is met at `values`.
    pub fn is_met(&mut self, values: &[f64], target: usize) -> Result<bool, SeekError> {
        self.load(values)?;
        Ok(self.met(target))
    }

    /// The smallest change of input `input` (on its grid, within its range) that makes target
    /// `target` met at `values`. Ties in distance go to the lower value.
    pub fn seek(
        &mut self,
        values: &[f64],
        target: usize,
        input: usize,
    ) -> Result<Suggestion, SeekError> {
        let plan = self.plan.clone();
        if plan.targets().get(target).is_none() {
            return Err(SeekError::UnknownTarget(target));
        }
        let inp = plan
            .inputs()
            .get(input)
            .ok_or(SeekError::UnknownInput(input))?;
        self.load(values)?;
        let from = values.get(input).copied().unwrap_or(inp.default);
        let to = if self.met(target) {
            Some(from)
        } else {
            let to = self.scan(target, input, inp, from);
            if let Some(p) = self.probe.get_mut(input) {
                *p = from;
            }
            to
        };
        let span = inp.max - inp.min;
        Ok(Suggestion {
            input,
            kind: inp.kind,
            from,
            to,
            relative: to.map(|t| {
                if span > 0.0 {
                    (t - from).abs() / span
                } else {
                    0.0
                }
            }),
        })
    }

    /// For target `target` at `values`: every input (policy levers; with
    /// `options.assumptions` also assumptions) its value depends on, each with its seek
    /// answer. Order: policy levers before assumptions; within each, inputs that can meet the
    /// target first, by relative change (smallest first), then those that cannot. Empty when
    /// the target is already met.
    pub fn suggestions(
        &mut self,
        values: &[f64],
        target: usize,
        options: SeekOptions,
    ) -> Result<Vec<Suggestion>, SeekError> {
        let plan = self.plan.clone();
        if plan.targets().get(target).is_none() {
            return Err(SeekError::UnknownTarget(target));
        }
        if self.is_met(values, target)? {
            return Ok(Vec::new());
        }
        let candidates: Vec<usize> = self
            .deps
            .of_target(target)
            .iter()
            .copied()
            .filter(|&i| {
                plan.inputs()
                    .get(i)
                    .is_some_and(|inp| inp.kind == InputKind::Policy || options.assumptions)
            })
            .collect();
        let mut out = Vec::with_capacity(candidates.len());
        for i in candidates {
            out.push(self.seek(values, target, i)?);
        }
        super::order::sort_by(&mut out, |a, b| {
            let key = |s: &Suggestion| (s.kind != InputKind::Policy, s.to.is_none());
            key(a).cmp(&key(b)).then(
                a.relative
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.relative.unwrap_or(f64::INFINITY))
                    .then(a.input.cmp(&b.input)),
            )
        });
        Ok(out)
    }

    /// Outward scan from `from` over the grid of `inp`; the probe holds the other inputs.
    fn scan(&mut self, t: usize, i: usize, inp: &Input, from: f64) -> Option<f64> {
        let grid = Grid::of(inp, from)?;
        let stride = if grid.last < EXACT_SCAN_POINTS {
            1
        } else {
            grid.last.div_ceil(COARSE_POINTS).max(1)
        };
        // One cursor per direction, down first (it wins ties).
        let mut sides = [
            grid.below.map(|d| Cursor {
                next: d,
                prev: d + 1,
                up: false,
            }),
            grid.above.map(|u| Cursor {
                next: u,
                prev: u.saturating_sub(1),
                up: true,
            }),
        ];
        let mut best: Option<usize> = None;
        loop {
            let dist = |c: Option<Cursor>| c.map(|c| (grid.value(c.next) - from).abs());
            let [down, up] = sides;
            let k = match (dist(down), dist(up)) {
                (None, None) => break,
                (Some(a), Some(b)) => usize::from(b < a),
                (Some(_), None) => 0,
                (None, Some(_)) => 1,
            };
            let Some(side) = sides.get_mut(k) else {
                break;
            };
            let Some(c) = *side else {
                break;
            };
            let d = (grid.value(c.next) - from).abs();
            // Past the best so far: stop this side (an equal distance still wins going down).
            let beyond = best.is_some_and(|b| {
                let db = (grid.value(b) - from).abs();
                d > db || (c.up && d >= db)
            });
            if beyond {
                *side = None;
            } else if self.met_at(t, i, grid.value(c.next)) {
                let hit = self.bisect(t, i, &grid, c.prev, c.next);
                best = nearer(&grid, from, best, hit);
                *side = None;
            } else {
                *side = c.advance(stride, grid.last);
            }
        }
        best.map(|b| grid.value(b))
    }

    /// Between grid index `fail` (fails, or the current value) and `hit` (meets): the index
    /// nearest `fail` that meets, assuming one change of outcome between them.
    fn bisect(&mut self, t: usize, i: usize, grid: &Grid, fail: usize, hit: usize) -> usize {
        let (mut lo, mut hi) = (fail, hit);
        while lo.abs_diff(hi) > 1 {
            let mid = lo.min(hi) + lo.abs_diff(hi) / 2;
            if self.met_at(t, i, grid.value(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }
}

/// The next grid index to probe in one direction and the last one probed there (it fails; at
/// the start, the current value's side).
#[derive(Debug, Clone, Copy)]
struct Cursor {
    next: usize,
    prev: usize,
    up: bool,
}

impl Cursor {
    fn advance(self, stride: usize, last: usize) -> Option<Cursor> {
        let next = if self.up {
            (self.next < last).then(|| (self.next + stride).min(last))
        } else {
            (self.next > 0).then(|| self.next.saturating_sub(stride))
        };
        next.map(|n| Cursor {
            next: n,
            prev: self.next,
            up: self.up,
        })
    }
}

fn nearer(grid: &Grid, from: f64, best: Option<usize>, hit: usize) -> Option<usize> {
    match best {
        Some(b) => {
            let (db, dh) = ((grid.value(b) - from).abs(), (grid.value(hit) - from).abs());
            Some(if dh < db || (dh == db && hit < b) {
                hit
            } else {
                b
            })
        }
        None => Some(hit),
    }
}

/// An input's step grid: indices 0..=last, value `min + k·step` (snapped), and the nearest
/// indices strictly below and above the current value.
struct Grid<'a> {
    input: &'a Input,
    last: usize,
    below: Option<usize>,
    above: Option<usize>,
}

impl<'a> Grid<'a> {
    fn of(input: &'a Input, from: f64) -> Option<Grid<'a>> {
        let span = input.max - input.min;
        if input.step.is_nan()
            || input.step <= 0.0
            || !span.is_finite()
            || span < 0.0
            || !from.is_finite()
        {
            return None;
        }
        let last = (span / input.step + 1e-9).floor() as usize;
        let eps = input.step * 1e-9;
        let c = crate::core::plan::clamp((from - input.min) / input.step, 0.0, last as f64);
        let floor = c.floor() as usize;
        let on_grid = |k: usize| (input.min + k as f64 * input.step - from).abs() <= eps;
        let below = if on_grid(floor) {
            floor.checked_sub(1)
        } else if input.min + floor as f64 * input.step < from {
            Some(floor)
        } else {
            floor.checked_sub(1)
        };
        let above_start = match below {
            Some(b) if on_grid(b + 1) => b + 2,
            Some(b) => b + 1,
            None if on_grid(0) => 1,
            None => 0,
        };
        let above = (above_start <= last).then_some(above_start);
        Some(Grid {
            input,
            last,
            below,
            above,
        })
    }

    fn value(&self, k: usize) -> f64 {
        self.input.snap(self.input.min + k as f64 * self.input.step)
    }
}

/// The benchmark scenario: every policy lever at its minimum, assumptions at their defaults
/// (most targets missed, so every goal seek has work to do).
pub fn policy_at_minimum(plan: &Plan) -> Vec<f64> {
    plan.inputs()
        .iter()
        .map(|i| match i.kind {
            InputKind::Policy => i.min,
            InputKind::Assumption => i.default,
        })
        .collect()
}

/// Every input that can fix target `target` at `values`, ranked (see [`Seeker::suggestions`]).
/// Builds a [`Seeker`]; keep one instead when asking repeatedly.
pub fn suggestions(
    plan: &Plan,
    values: &[f64],
    target: usize,
    options: SeekOptions,
) -> Result<Vec<Suggestion>, SeekError> {
    Seeker::new(plan).suggestions(values, target, options)
}
