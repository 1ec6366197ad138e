//! Risk in the browser: a Monte Carlo run ([`RiskRun`]) stepped in chunks between animation
//! frames, restarted (debounced) when the scenario changes, with a progress bar when a run takes
//! longer than a frame. Its figures: each target's chance of being met (and its status by
//! [`status_with_risk`]), each derived quantity's 10–90% band.

use crate::core::plan::Unit;
use crate::core::risk::{
    status_with_risk, Band, RiskResult, RiskRun, DEFAULT_SAMPLES, DEFAULT_SEED,
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
    /// The chance of being met (formatted percentage).
    ChanceMet(&'a str),
    /// A 10–90% band: low, high (with unit).
    Band(&'a str, &'a str),
    /// Label of the progress bar.
    Running,
    /// Title of the chance: how it is estimated (samples).
    ChanceHint(usize),
}

impl RiskMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: String, e: String| if zh { z } else { e };
        match self {
            RiskMsg::ChanceMet(p) => s(format!("达成概率 {p}"), format!("Chance met {p}")),
            RiskMsg::Band(a, b) => s(
                format!("10%–90% 区间:{a} 至 {b}"),
                format!("10–90% range: {a} to {b}"),
            ),
            RiskMsg::Running => s("正在估算达成概率".into(), "Estimating the chances".into()),
            RiskMsg::ChanceHint(n) => s(
                format!("在示例假设的不确定范围内随机抽取 {n} 次估算"),
                format!(
                    "Estimated from {n} random draws over the illustrative assumptions' ranges"
                ),
            ),
        }
    }
}

/// What the UI shows of the risk run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskView {
    /// The figures of the last finished run (kept while a new one runs).
    pub result: Option<Rc<RiskResult>>,
    /// The scenario revision `result` belongs to.
    pub rev: Option<u32>,
    /// Share done, while a run has taken longer than one frame.
    pub progress: Option<f64>,
}

impl RiskView {
    pub fn probability(&self, target: usize) -> Option<f64> {
        self.result
            .as_ref()
            .and_then(|r| r.probabilities.get(target).copied().flatten())
    }
}

/// The run and the pending timer or frame; dropping them cancels them.
#[derive(Default)]
struct Driver {
    run: Option<RiskRun>,
    timeout: Option<Timeout>,
    frame: Option<AnimationFrame>,
}

type DriverRef = Rc<RefCell<Driver>>;

fn now() -> f64 {
    js_sys::Date::now()
}

/// One frame's worth of sampling; schedules the next frame or publishes the result.
fn frame(driver: DriverRef, plan: Rc<Plan>, rev: u32, view: UseStateHandle<RiskView>) {
    let start = now();
    let mut d = driver.borrow_mut();
    let Some(run) = d.run.as_mut() else {
        return;
    };
    while !run.is_done() && now() - start < FRAME_BUDGET_MS {
        if run.step(&plan, CHUNK) == 0 {
            break;
        }
    }
    if run.is_done() || run.done() == 0 {
        let result = Rc::new(run.result());
        d.frame = None;
        drop(d);
        view.set(RiskView {
            result: Some(result),
            rev: Some(rev),
            progress: None,
        });
    } else {
        let p = run.progress();
        let next = {
            let (driver, plan, view) = (driver.clone(), plan.clone(), view.clone());
            request_animation_frame(move |_| frame(driver, plan, rev, view))
        };
        d.frame = Some(next);
        drop(d);
        let mut v = (*view).clone();
        v.progress = Some(p);
        view.set(v);
    }
}

/// Starts (or restarts, reusing the buffers) the run for `values`.
fn start(
    driver: DriverRef,
    plan: Rc<Plan>,
    values: Vec<f64>,
    rev: u32,
    view: UseStateHandle<RiskView>,
) {
    {
        let mut d = driver.borrow_mut();
        let restarted = match d.run.as_mut() {
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
        if !restarted {
            return;
        }
    }
    let next = {
        let driver = driver.clone();
        request_animation_frame(move |_| frame(driver, plan, rev, view))
    };
    driver.borrow_mut().frame = Some(next);
}

/// Runs the risk of the scenario `values` (revision `rev`): at mount at once, after a change
/// once the values have been still for [`DEBOUNCE_MS`]. A change cancels the pending run.
#[hook]
pub fn use_risk(plan: &Rc<Plan>, values: &[f64], rev: u32) -> RiskView {
    let view = use_state(RiskView::default);
    let driver: DriverRef = use_mut_ref(Driver::default);
    let first = use_mut_ref(|| true);
    {
        let (plan, values, view) = (plan.clone(), values.to_vec(), view.clone());
        use_effect_with(rev, move |&rev| {
            let delay = if first.replace(false) { 0 } else { DEBOUNCE_MS };
            let timeout = {
                let driver = driver.clone();
                Timeout::new(delay, move || start(driver, plan, values, rev, view))
            };
            driver.borrow_mut().timeout = Some(timeout);
            move || {
                let mut d = driver.borrow_mut();
                d.timeout = None;
                d.frame = None;
            }
        });
    }
    (*view).clone()
}

/// The outcome with each status as the probability makes it ([`status_with_risk`]).
pub fn with_risk(outcome: &Outcome, risk: &RiskView) -> Outcome {
    let mut shown = outcome.clone();
    for (t, s) in shown.statuses.iter_mut().enumerate() {
        *s = status_with_risk(*s, risk.probability(t));
    }
    shown
}

/// The 10–90% band as text, or nothing.
pub fn band_text(band: Option<Band>, unit: &Unit, lang: Lang) -> Option<String> {
    let b = band?;
    let f = |v: f64| crate::core::display::quantity(v, unit, lang);
    Some(RiskMsg::Band(&f(b.p10), &f(b.p90)).text(lang))
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub progress: Option<f64>,
    pub lang: Lang,
}

/// The progress bar of a run that takes longer than a frame.
#[component]
pub fn RiskProgress(props: &ProgressProps) -> Html {
    let Some(p) = props.progress else {
        return Html::default();
    };
    let label = RiskMsg::Running.text(props.lang);
    html! {
        <p class="pw-risk-progress">
            <label>
                { label }{ " " }
                <progress max="1" value={format!("{p:.3}")}>{ super::seek::percent(p) }</progress>
            </label>
        </p>
    }
}
