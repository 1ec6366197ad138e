//! Risk in the browser: a Monte Carlo run ([`RiskRun`]) stepped in chunks between animation
//! frames, restarted (debounced) when the scenario changes, with a progress bar when a run takes
//! longer than a frame. Its figures: each target's chance of being met (and its status by
//! [`shown_outcome`]), each derived quantity's 10–90% band. Every scenario the UI shows a
//! status for is estimated once and kept by its values ([`Figures`]).

use crate::core::numtext;
use crate::core::plan::Unit;
use crate::core::risk::{
    shown_outcome, Band, RiskCache, RiskResult, RiskRun, AT_RISK_BELOW, DEFAULT_SAMPLES,
    DEFAULT_SEED,
};
use crate::core::{Lang, Outcome, Plan};
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Samples drawn between two checks of the clock.
const CHUNK: usize = 250;
/// Time a frame may spend sampling (ms).
const FRAME_BUDGET_MS: f64 = 8.0;
/// Wait after a change before sampling starts (ms), so a slider drag does not restart the run
/// at every step.
const DEBOUNCE_MS: u32 = 150;

/// The strings of risk, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum RiskMsg<'a> {
    /// A 10–90% band: low, high (with unit), as "most likely between".
    Band(&'a str, &'a str),
    /// Label of the progress bar.
    Running,
    /// A compare column whose chances are still to come (its statuses: the one-assumption rule).
    Estimating,
    /// How compare's statuses are decided.
    CompareRule,
}

impl RiskMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: String, e: String| if zh { z } else { e };
        match self {
            RiskMsg::Band(a, b) => s(
                format!("大概率在 {a} 至 {b} 之间"),
                format!("most likely between {a} and {b}"),
            ),
            RiskMsg::Running => s(
                "正在估算达标的可能性".into(),
                "Estimating the chances".into(),
            ),
            RiskMsg::Estimating => s("估算中".into(), "estimating".into()),
            RiskMsg::CompareRule => {
                let p = numtext::shortest((AT_RISK_BELOW * 100.0).round());
                s(
                    format!("各列状态与目标卡片一致：达标的可能性低于 {p}% 的目标为“有风险”；标有“估算中”的列暂按单项假设判断。"),
                    format!("Every column's statuses follow the cards: a target met with less than a {p}% chance is “At risk”; a column marked “estimating” uses the one-assumption check until its chances are in."),
                )
            }
        }
    }
}

/// Risk figures by scenario values ([`RiskCache`]), shared with the driver: every scenario the
/// widget shows a status for (the current one, the plan as written, kept ones) is estimated
/// once, with the same samples and seed, and looked up after that. Compared by `version`
/// (bumped whenever figures are added), so props holding it compare cheaply.
#[derive(Clone)]
pub struct Figures {
    driver: DriverRef,
    version: u32,
}

impl PartialEq for Figures {
    fn eq(&self, other: &Figures) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.driver, &other.driver)
    }
}

impl Figures {
    /// The figures of the scenario `values`, once estimated.
    pub fn get(&self, values: &[f64]) -> Option<Rc<RiskResult>> {
        self.driver.try_borrow().ok()?.cache.get(values).cloned()
    }

    /// The outcome of the scenario `values` as shown ([`shown_outcome`]), and whether its
    /// figures are still to come (then: the one-assumption statuses, marked "estimating").
    pub fn shown(&self, values: &[f64], outcome: &Rc<Outcome>) -> (Rc<Outcome>, bool) {
        match self.get(values) {
            Some(r) => (Rc::new(shown_outcome(outcome, &r.probabilities)), false),
            None => (outcome.clone(), true),
        }
    }
}

/// What the UI shows of the risk runs for the current scenario.
#[derive(Clone, PartialEq)]
pub struct RiskView {
    /// The figures of the current values once estimated; until then the last figures the
    /// current scenario had (so statuses do not flicker during a drag), or none.
    pub result: Option<Rc<RiskResult>>,
    /// `result` belongs to the current values.
    pub settled: bool,
    /// The current values have been still for [`DEBOUNCE_MS`] (at mount: at once).
    pub quiet: bool,
    /// Share done, while the current scenario's run has taken longer than one frame.
    pub progress: Option<f64>,
    pub figures: Figures,
}

/// The run, what it computes, the pending timer or frame (dropping them cancels them) and the
/// figures found so far.
#[derive(Default)]
struct Driver {
    run: Option<RiskRun>,
    /// The scenario `run` estimates.
    running: Option<Vec<f64>>,
    timeout: Option<Timeout>,
    frame: Option<AnimationFrame>,
    cache: RiskCache<Rc<RiskResult>>,
    /// The current scenario (estimated first), then the others the UI shows.
    current: Vec<f64>,
    others: Vec<Vec<f64>>,
    version: u32,
    /// The revision whose values have been still for the debounce.
    quiet: Option<u32>,
    progress: Option<f64>,
    /// The last figures of a current scenario.
    last: Option<Rc<RiskResult>>,
}

impl Driver {
    fn wanted(&self) -> Vec<&[f64]> {
        std::iter::once(self.current.as_slice())
            .chain(self.others.iter().map(Vec::as_slice))
            .collect()
    }
}

type DriverRef = Rc<RefCell<Driver>>;

fn now() -> f64 {
    js_sys::Date::now()
}

/// One frame's worth of sampling; schedules the next frame, or stores the figures and goes on
/// with the next scenario still to estimate.
fn frame(driver: DriverRef, plan: Rc<Plan>, update: UseForceUpdateHandle) {
    let start = now();
    let mut d = driver.borrow_mut();
    let current = d.running.as_deref() == Some(d.current.as_slice());
    let Some(run) = d.run.as_mut() else {
        return;
    };
    while !run.is_done() && now() - start < FRAME_BUDGET_MS {
        if run.step(&plan, CHUNK) == 0 {
            break;
        }
    }
    // The bands only for the current scenario (Compare needs the chances), a few at a time
    // within the frame's budget: at once they would block the page for tens of milliseconds.
    let banding = current && run.is_done();
    while banding && !run.bands_done() && now() - start < FRAME_BUDGET_MS {
        run.step_bands(1);
    }
    if banding && !run.bands_done() {
        let next = {
            let driver = driver.clone();
            request_animation_frame(move |_| frame(driver, plan, update))
        };
        d.frame = Some(next);
        return;
    }
    if run.is_done() || run.done() == 0 {
        let Some(run) = d.run.as_ref() else {
            return;
        };
        let result = Rc::new(if current { run.result() } else { run.chances() });
        d.frame = None;
        d.progress = None;
        if let Some(values) = d.running.take() {
            let mut cache = std::mem::take(&mut d.cache);
            cache.insert(&values, result, &d.wanted());
            d.cache = cache;
            d.version = d.version.wrapping_add(1);
        }
        let next = {
            let (driver, plan, update) = (driver.clone(), plan.clone(), update.clone());
            request_animation_frame(move |_| next(driver, plan, update))
        };
        d.frame = Some(next);
        drop(d);
        update.force_update();
    } else {
        let p = run.progress();
        let next = {
            let driver = driver.clone();
            let update = update.clone();
            request_animation_frame(move |_| frame(driver, plan, update))
        };
        d.frame = Some(next);
        if current {
            d.progress = Some(p);
            drop(d);
            update.force_update();
        }
    }
}

/// Starts (reusing the buffers) the run for the first wanted scenario not yet estimated: the
/// current one first, then the plan as written and the kept ones.
fn next(driver: DriverRef, plan: Rc<Plan>, update: UseForceUpdateHandle) {
    let mut d = driver.borrow_mut();
    d.frame = None;
    let without_bands = d
        .cache
        .get(&d.current)
        .is_some_and(|r| r.bands.len() != plan.derived().len());
    let missing = if without_bands {
        Some(d.current.clone())
    } else {
        d.cache.first_missing(&d.wanted()).map(<[f64]>::to_vec)
    };
    let Some(values) = missing else {
        return;
    };
    let started = match d.run.as_mut() {
        Some(run) => run
            .restart(&plan, &values, DEFAULT_SAMPLES, DEFAULT_SEED)
            .is_ok(),
        None => match RiskRun::new(&plan, &values, DEFAULT_SAMPLES, DEFAULT_SEED) {
            Ok(run) => {
                d.run = Some(run);
                true
            }
            Err(_) => false,
        },
    };
    if !started {
        return;
    }
    d.running = Some(values);
    let f = {
        let driver = driver.clone();
        request_animation_frame(move |_| frame(driver, plan, update))
    };
    d.frame = Some(f);
}

/// The current values changed (revision `rev`): the run going on is cancelled, and the next
/// one starts after `delay` ms of stillness (`None`: at mount, after the first painted frame).
/// Returns the effect's cleanup.
fn restart(
    driver: DriverRef,
    plan: Rc<Plan>,
    values: Vec<f64>,
    rev: u32,
    delay: Option<u32>,
    update: UseForceUpdateHandle,
) -> impl FnOnce() {
    {
        let mut d = driver.borrow_mut();
        d.current = values;
        d.frame = None;
        d.running = None;
        d.progress = None;
    }
    let start = {
        let driver = driver.clone();
        move |delay| {
            Timeout::new(delay, move || {
                {
                    let mut d = driver.borrow_mut();
                    d.timeout = None;
                    d.quiet = Some(rev);
                }
                next(driver, plan, update.clone());
                update.force_update();
            })
        }
    };
    match delay {
        Some(delay) => driver.borrow_mut().timeout = Some(start(delay)),
        // At mount: once the first frame is painted, so the widget answers a first move (and
        // shows itself) before the first estimate starts and renders it again.
        None => {
            let frame = {
                let driver = driver.clone();
                request_animation_frame(move |_| {
                    let mut d = driver.borrow_mut();
                    d.frame = None;
                    d.timeout = Some(start(0));
                })
            };
            driver.borrow_mut().frame = Some(frame);
        }
    }
    move || {
        let mut d = driver.borrow_mut();
        d.timeout = None;
        d.frame = None;
        d.running = None;
    }
}

/// Estimates the current scenario `values` (revision `rev`) and then `others` (the plan as
/// written, kept scenarios; `others_rev` changes when they do), each once. The current one at
/// mount once the first frame is painted, after a change once the values have been still for
/// [`DEBOUNCE_MS`]; a change cancels the run going on (it starts again later if still wanted).
#[hook]
pub fn use_risk(
    plan: &Rc<Plan>,
    values: &[f64],
    rev: u32,
    others: &[Vec<f64>],
    others_rev: u32,
) -> RiskView {
    let update = use_force_update();
    let driver: DriverRef = use_mut_ref(Driver::default);
    let first = use_mut_ref(|| true);
    {
        let (plan, values, driver, update) = (
            plan.clone(),
            values.to_vec(),
            driver.clone(),
            update.clone(),
        );
        use_effect_with(rev, move |&rev| {
            let delay = (!first.replace(false)).then_some(DEBOUNCE_MS);
            restart(driver, plan, values, rev, delay, update)
        });
    }
    {
        let (plan, others, driver, update) = (
            plan.clone(),
            others.to_vec(),
            driver.clone(),
            update.clone(),
        );
        use_effect_with(others_rev, move |_| {
            let idle = {
                let mut d = driver.borrow_mut();
                d.others = others;
                d.timeout.is_none() && d.frame.is_none()
            };
            if idle {
                next(driver, plan, update);
            }
        });
    }
    let mut d = driver.borrow_mut();
    let exact = d.cache.get(values).cloned();
    if exact.is_some() {
        d.last.clone_from(&exact);
    }
    let settled = exact.is_some();
    RiskView {
        result: exact.or_else(|| d.last.clone()),
        settled,
        quiet: d.quiet == Some(rev),
        progress: if settled { None } else { d.progress },
        figures: Figures {
            driver: driver.clone(),
            version: d.version,
        },
    }
}

/// The 10–90% band as text, or nothing.
pub fn band_text(band: Option<Band>, unit: &Unit, lang: Lang) -> Option<String> {
    let b = band?;
    let f = |v: f64| crate::core::display::quantity(v, unit, lang);
    Some(RiskMsg::Band(&f(b.p10), &f(b.p90)).text(lang))
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// The current scenario's chances are still to come.
    pub estimating: bool,
    /// Share done, once its run has taken longer than a frame.
    pub progress: Option<f64>,
    pub lang: Lang,
}

/// "Estimating the chances" while the current scenario's chances are still to come (during the
/// wait after a change too), with a progress bar (indeterminate until the run has taken a frame).
#[component]
pub fn RiskProgress(props: &ProgressProps) -> Html {
    let label = RiskMsg::Running.text(props.lang);
    // Settled: kept in place, unseen, so the widget's height does not change with every estimate.
    html! {
        <p class={classes!("pw-risk-progress", (!props.estimating).then_some("pw-settled"))} aria-hidden={(!props.estimating).then_some("true")}>
            <label>
                { format!("{label} ") }
                if let Some(p) = props.progress {
                    <progress max="1" value={numtext::fixed(p, 3)}>{ super::seek::percent(p) }</progress>
                } else if !props.estimating {
                    <progress max="1" value="1"></progress>
                } else {
                    <progress max="1"></progress>
                }
            </label>
        </p>
    }
}
