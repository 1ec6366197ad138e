//! The yew UI. Contract with [`crate::web::element`]: the element renders [`App`] into its
//! shadow root with [`AppProps`] and calls `AppHandle::update` when attributes change.

mod compare;
pub mod feedback;
mod lazy;
mod levers;
pub mod msg;
pub mod progress;
mod risk;
mod seek;
pub mod share;
mod shared;
pub mod state;
mod strip;
mod summary;
pub mod tally;
mod targets;
mod view;
mod words;

use crate::core::risk::{shown_outcome, RiskResult};
use crate::core::session::{self, storage_key, Flip, Kept, StoredError};
use crate::core::share::{self as codec, ShareState, Tab, View};
use crate::core::{Lang, Outcome, Plan, Status};
use gloo::storage::errors::StorageError;
use gloo::storage::{LocalStorage, Storage};
use msg::{list_sep, Msg};
use state::{Action, State, StorageNote};
use std::cell::Cell;
use std::rc::Rc;
use view::PlanRef;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The localStorage key of the large-text choice (one for every widget of the page's origin).
const LARGE_TEXT_KEY: &str = "plan-widget:large-text";

/// Properties the custom element gives the UI.
#[derive(Properties, Clone)]
pub struct AppProps {
    /// The validated plan.
    pub plan: Rc<Plan>,
    pub lang: Lang,
    /// A share code to apply (the `scenario` attribute or property, or the URL fragment).
    /// Applied when it changes.
    #[prop_or_default]
    pub scenario: Option<AttrValue>,
    /// Incremented by the element's `reset()`: the UI goes back to the plan as written.
    #[prop_or_default]
    pub reset: u32,
    /// Called after every change of the scenario (statuses by the one-assumption rule).
    #[prop_or_default]
    pub on_change: Callback<ScenarioChange>,
    /// Called once the shown statuses of the current scenario are known (after its chances are
    /// estimated), once per change of the values and at mount.
    #[prop_or_default]
    pub on_status: Callback<ScenarioChange>,
    /// Reported figures for the Progress view ([`progress::ProgressView`]): every fetch of the
    /// element's `actuals` URL (its text, or why it failed).
    #[prop_or_default]
    pub actuals: progress::PageActuals,
    /// The `feedback` attribute: "Send my scenario to the bureau" ([`feedback::submit_link`]).
    #[prop_or_default]
    pub feedback: Option<feedback::Feedback>,
    /// What the `tally` attribute's URL gave: residents' marks on the sliders.
    #[prop_or_default]
    pub residents: tally::Residents,
}

/// The plan is compared by pointer (as [`view::PlanRef`] does): the element keeps one `Rc` per
/// mount, so an update of `lang` or `scenario` does not walk the whole plan.
impl PartialEq for AppProps {
    fn eq(&self, other: &AppProps) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan)
            && self.lang == other.lang
            && self.scenario == other.scenario
            && self.reset == other.reset
            && self.on_change == other.on_change
            && self.on_status == other.on_status
            && self.actuals == other.actuals
            && self.feedback == other.feedback
            && self.residents == other.residents
    }
}

/// What the element reports in its `scenario-change` and `status-change` events: the wire
/// types of [`crate::core::events`].
pub use crate::core::events::{ScenarioChange, TargetState};

/// The share code of a scenario: its values, its tab and the kept scenarios. The one place
/// where it is computed.
pub fn scenario_code(plan: &Plan, values: &[f64], tab: Tab, kept: &[Kept]) -> String {
    let view = View {
        tab,
        ..View::default()
    };
    let mut share = ShareState::from_values(plan, values, view);
    for k in kept {
        share.keep(plan, k.name.clone(), &k.values);
    }
    codec::encode(plan, &share)
}

/// The share code of the reducer's state.
fn code_of(state: &State) -> String {
    let kept: Vec<Kept> = state.kept.iter().map(|k| k.kept.clone()).collect();
    scenario_code(&state.plan, state.values(), state.tab, &kept)
}

/// What applying the share code `code` does: the action for the reducer (none when the code
/// cannot be read) and what to tell the reader.
fn apply_code(plan: &Plan, code: &str, fallback: &str) -> (Option<Action>, Option<share::Notice>) {
    match codec::decode(plan, codec::code_from_fragment(code)) {
        Ok(decoded) => {
            let values = decoded.values(plan);
            let kept = decoded
                .state
                .kept
                .iter()
                .map(|k| Kept {
                    name: k.name.clone(),
                    values: k.values(plan),
                })
                .collect();
            let action = Action::Apply {
                values,
                tab: share::shown_tab(decoded.state.view.tab),
                kept,
                fallback: fallback.to_string(),
            };
            let notice =
                (!decoded.warnings.is_empty()).then_some(share::Notice::Warnings(decoded.warnings));
            (Some(action), notice)
        }
        Err(e) => (None, Some(share::Notice::Failed(e))),
    }
}

/// The scenario's name under its QR code: the plan as written, a kept scenario with the same
/// values, or "custom".
fn scenario_name(state: &State, lang: Lang) -> String {
    if state.values() == state.plan.defaults().as_slice() {
        return Msg::PlanAsWritten.text(lang);
    }
    state
        .kept
        .iter()
        .find(|k| k.kept.values == state.values())
        .map(|k| k.kept.name.clone())
        .unwrap_or_else(|| share::ShareMsg::CustomScenario.text(lang))
}

/// What the `scenario-change` event reports for `state`.
fn change_of(state: &State, code: &str) -> ScenarioChange {
    change_with(state, code, None)
}

/// What the `status-change` event reports: `change_of` with each target's chance and shown
/// status.
fn status_of(state: &State, code: &str, shown: &Outcome, risk: &RiskResult) -> ScenarioChange {
    change_with(state, code, Some((shown, risk)))
}

fn change_with(
    state: &State,
    code: &str,
    shown: Option<(&Outcome, &RiskResult)>,
) -> ScenarioChange {
    crate::core::events::scenario_change(&state.plan, &state.outcome, code, shown)
}

/// Whether the page may use localStorage. gloo-storage's `LocalStorage` throws a JS exception
/// (through the wasm, past Rust) where the browser refuses it (storage blocked for a frame),
/// so each use checks this first.
fn storage_allowed() -> bool {
    // Rendered natively (`plan-widget render`) there is no browser and no storage.
    if cfg!(not(target_arch = "wasm32")) {
        return false;
    }
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// Reads `T` stored under `key` (gloo-storage: JSON): `None` when nothing is stored or storage
/// is refused, an error when what is stored is not a `T`.
fn read_stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<Result<T, StoredError>> {
    if !storage_allowed() {
        return None;
    }
    match LocalStorage::get::<T>(key) {
        Ok(v) => Some(Ok(v)),
        Err(StorageError::KeyNotFound(_)) => None,
        Err(e) => Some(Err(StoredError(e.to_string()))),
    }
}

/// Stores `value` under `key`; false when the browser refuses (quota, disabled storage).
fn write_stored<T: serde::Serialize>(key: &str, value: &T) -> bool {
    storage_allowed() && LocalStorage::set(key, value).is_ok()
}

thread_local! {
    static INSTANCES: Cell<u32> = const { Cell::new(0) };
}

/// The action behind Compare's "add the residents' median scenario" (none without marks): the
/// median scenario kept as a column, the current values unchanged.
fn tally_column(
    state: &UseReducerHandle<State>,
    residents: &tally::Residents,
    lang: Lang,
) -> Option<Callback<()>> {
    let marks = residents.marks()?;
    let d = state.dispatcher();
    let (plan, current) = (state.plan.clone(), state.values().to_vec());
    Some(Callback::from(move |()| {
        let name = tally::TallyMsg::MedianName.text(lang);
        d.dispatch(Action::Apply {
            values: current.clone(),
            tab: Tab::Compare,
            kept: vec![Kept {
                name: name.clone(),
                values: marks.median_values(&plan),
            }],
            fallback: name,
        })
    }))
}

/// The root component. A new plan (another id or version) starts a fresh session.
#[component]
pub fn App(props: &AppProps) -> Html {
    let key = format!("{}:{}", props.plan.id(), props.plan.version());
    html! { <Widget {key} ..props.clone() /> }
}

/// What the last change of the values did to the targets (the move strip); `None` before any.
/// A step that keeps the outcome (a commit, a kept scenario) keeps the last list.
#[hook]
fn use_moves(state: &State) -> Option<Rc<Vec<session::Move>>> {
    let last = use_mut_ref(|| (state.outcome.clone(), None));
    let mut last = last.borrow_mut();
    if !Rc::ptr_eq(&last.0, &state.outcome) {
        let m = session::moves(&state.plan, &last.0, &state.outcome);
        *last = (state.outcome.clone(), Some(Rc::new(m)));
    }
    last.1.clone()
}

#[component]
fn Widget(props: &AppProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(|| {
        let stored = read_stored(&storage_key(&props.plan))
            .map(|s| s.map(|stored| session::from_stored(&props.plan, stored)));
        State::new(props.plan.clone(), stored)
    });
    let ids = use_memo((), |_| {
        let n = INSTANCES.with(|c| {
            let n = c.get().wrapping_add(1);
            c.set(n);
            n
        });
        AttrValue::from(format!("pw{n}-"))
    });
    // Large text is remembered across reloads (the page's localStorage; unavailable: off). Read
    // after the first render, which is the prerendered one (src/web/ssr.rs) and must match it.
    let large = use_state(|| false);
    {
        let large = large.clone();
        use_effect_with((), move |_| {
            if matches!(read_stored(LARGE_TEXT_KEY), Some(Ok(true))) {
                large.set(true);
            }
        });
    }
    let plan = use_memo(state.plan.clone(), |p| PlanRef(p.clone()));
    let plan = (*plan).clone();

    // The element's reset(): every change of the counter after mount.
    let seen_reset = use_mut_ref(|| props.reset);
    {
        let dispatcher = state.dispatcher();
        let seen_reset = seen_reset.clone();
        use_effect_with(props.reset, move |reset| {
            if *seen_reset.borrow() != *reset {
                *seen_reset.borrow_mut() = *reset;
                dispatcher.dispatch(Action::ResetAll);
            }
        });
    }
    // A shared scenario is marked (shared.rs); before the effect applying codes.
    let marked = shared::use_shared(&state.plan, state.values());
    // A share code (the `scenario` prop): applied when it changes, as one undo step; what
    // could not be applied, or why nothing could, is shown in a notice.
    let notice = use_state(|| None::<share::Notice>);
    {
        let dispatcher = state.dispatcher();
        let plan = state.plan.clone();
        let notice = notice.clone();
        let marked = marked.clone();
        let current = state.values().to_vec();
        use_effect_with(props.scenario.clone(), move |code| {
            match code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                Some(code) => {
                    let (action, note) = apply_code(&plan, code, &Msg::DefaultName.text(lang));
                    if let Some(a) = action {
                        if let Action::Apply { values, .. } = &a {
                            marked.applying(&plan, &current, values);
                        }
                        dispatcher.dispatch(a);
                    }
                    notice.set(note);
                }
                None => notice.set(None),
            }
        });
    }
    // The share code, computed once per change of the values, the tab or the kept scenarios;
    // scenario-change after each (and once at mount).
    let code = {
        let state = state.clone();
        use_memo((state.rev, state.tab, state.kept_rev), move |_| {
            AttrValue::from(code_of(&state))
        })
    };
    {
        let state = state.clone();
        let on_change = props.on_change.clone();
        let code = code.clone();
        use_effect_with((state.rev, state.tab, state.kept_rev), move |_| {
            on_change.emit(change_of(&state, &code))
        });
    }
    // Kept scenarios go to browser storage; a refusal is reported, never fatal.
    {
        let state = state.clone();
        use_effect_with(state.kept_rev, move |rev| {
            if *rev != 0 {
                let kept: Vec<_> = state.kept.iter().map(|k| k.kept.clone()).collect();
                let stored = session::to_stored(&state.plan, &kept);
                let ok = write_stored(&storage_key(&state.plan), &stored);
                let note = if ok { None } else { Some(StorageNote::Refused) };
                if note != state.storage && (state.storage != Some(StorageNote::Unreadable) || !ok)
                {
                    state.dispatch(Action::Storage(note));
                }
            }
        });
    }

    let dispatcher = state.dispatcher();
    let on_set = use_callback(dispatcher.clone(), |(i, v), d| {
        d.dispatch(Action::Set(i, v))
    });
    let on_commit = use_callback(dispatcher.clone(), |_: (), d| d.dispatch(Action::Commit));
    let on_reset = use_callback(dispatcher.clone(), |i, d| d.dispatch(Action::ResetInput(i)));
    let on_keep = use_callback((dispatcher.clone(), lang), |name, (d, lang)| {
        d.dispatch(Action::Keep(name, Msg::DefaultName.text(*lang)))
    });
    let on_remove = use_callback(dispatcher.clone(), |k, d| d.dispatch(Action::Remove(k)));
    let on_add_median = tally_column(&state, &props.residents, lang);
    let submit = feedback::use_submit_link(&state, props.feedback.clone(), lang);
    // A goal-seek suggestion applied: one undo step.
    let on_apply = use_callback(dispatcher.clone(), |(i, v), d| {
        d.dispatch(Action::Commit);
        d.dispatch(Action::Set(i, v));
        d.dispatch(Action::Commit);
    });
    // Chances: the current scenario first, then the plan as written and the kept scenarios.
    let others = {
        let state = state.clone();
        use_memo(state.kept_rev, move |_| {
            std::iter::once(state.plan.defaults())
                .chain(state.kept.iter().map(|k| k.kept.values.clone()))
                .collect::<Vec<_>>()
        })
    };
    let risk = risk::use_risk(
        &state.plan,
        state.values(),
        state.rev,
        &others,
        state.kept_rev,
    );
    let shown = use_memo((state.outcome.clone(), risk.result.clone()), |(o, r)| {
        Rc::new(match r {
            Some(r) => shown_outcome(o, &r.probabilities),
            None => (**o).clone(),
        })
    });
    let shown: Rc<_> = (*shown).clone();
    // Once the shown statuses of a new scenario are known (its values still, its chances
    // estimated): the flips since the last known ones are announced, and `status-change` fires.
    // Once per revision, so a drag is announced once, at its end.
    let flips = use_state(Vec::<Flip>::new);
    {
        // Before any chances are known, the cards show the one-assumption statuses of the
        // scenario at mount: the first flips are counted from those (the mount itself is not
        // announced).
        let heard = {
            let (rev, outcome) = (state.rev, state.outcome.clone());
            use_mut_ref(move || Some((rev, outcome)))
        };
        let ready = risk.settled && risk.quiet;
        let (state, shown, result, flips) = (
            state.clone(),
            shown.clone(),
            risk.result.clone(),
            flips.clone(),
        );
        let on_status = props.on_status.clone();
        let code = code.clone();
        use_effect_with((state.rev, ready), move |&(rev, ready)| {
            if ready {
                let before = heard.replace(Some((rev, shown.clone())));
                if let Some((r, before)) = before {
                    if r != rev {
                        flips.set(session::flips(&before, &shown));
                    }
                }
                if let Some(result) = result {
                    on_status.emit(status_of(&state, &code, &shown, &result));
                }
            }
        });
    }
    let moves = use_moves(&state);
    let on_tab = use_callback(dispatcher.clone(), |t, d| d.dispatch(Action::Tab(t)));
    // A pressed count chip lists only its cards (on the Targets tab); `None` shows all again.
    let filter = use_state(|| None::<Status>);
    let on_filter = {
        let (filter, d) = (filter.clone(), dispatcher.clone());
        let elsewhere = matches!(share::shown_tab(state.tab), Tab::Compare | Tab::Progress);
        Callback::from(move |f: Option<Status>| {
            filter.set(f);
            if f.is_some() && elsewhere {
                d.dispatch(Action::Tab(Tab::Targets));
            }
        })
    };
    let on_dismiss = {
        let notice = notice.clone();
        Callback::from(move |()| notice.set(None))
    };
    let on_as_written = {
        let (d, banner) = (dispatcher.clone(), marked.banner.clone());
        Callback::from(move |()| {
            banner.set(false);
            d.dispatch(Action::ResetAll);
        })
    };
    let act = |a: fn() -> Action| {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a()))
    };
    let on_keydown = {
        let d = dispatcher.clone();
        Callback::from(move |e: KeyboardEvent| {
            if !(e.ctrl_key() || e.meta_key()) {
                return;
            }
            // Text fields keep the browser's own undo.
            let in_text = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok())
                .is_some_and(|i| i.type_() != "range");
            if in_text {
                return;
            }
            let action = match e.key().as_str() {
                "z" | "Z" if e.shift_key() => Action::Redo,
                "z" | "Z" => Action::Undo,
                "y" | "Y" => Action::Redo,
                _ => return,
            };
            e.prevent_default();
            d.dispatch(action);
        })
    };
    let toggle_large = {
        let large = large.clone();
        Callback::from(move |_: MouseEvent| {
            let on = !*large;
            // A storage that refuses (private mode, quota) only loses the memory of the choice.
            let _ = write_stored(LARGE_TEXT_KEY, &on);
            large.set(on);
        })
    };

    let meta = plan.meta();
    let announcement = if flips.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = flips
            .iter()
            .filter_map(|f| {
                let t = plan.targets().get(f.target)?;
                Some(format!(
                    "{} {}→{}",
                    t.label.get(lang),
                    f.before.label(lang),
                    f.after.label(lang)
                ))
            })
            .collect();
        Msg::Flips(list.len(), &list.join(list_sep(lang))).text(lang)
    };
    let publisher = meta.publisher.get(lang);
    let changed = state.values() != plan.defaults().as_slice();
    let code = (*code).clone();
    let tab = share::shown_tab(state.tab);
    // The progress view is mounted on its first visit and then kept (hidden on other tabs).
    let progress_seen = {
        let seen = use_mut_ref(|| false);
        if tab == Tab::Progress {
            *seen.borrow_mut() = true;
        }
        let seen = *seen.borrow();
        seen
    };
    let panel = match tab {
        Tab::Targets | Tab::Seek | Tab::Risk => {
            html! { <targets::Targets plan={plan.clone()} outcome={shown.clone()} risk={risk.result.clone()} filter={*filter} on_filter={on_filter.clone()} {lang} /> }
        }
        Tab::Compare => html! {
            <compare::Compare
                plan={plan.clone()}
                base={state.base.clone()}
                values={state.values().to_vec()}
                shown={shown.clone()}
                estimating={!risk.settled}
                figures={risk.figures.clone()}
                kept={state.kept.clone()}
                storage={state.storage}
                {lang}
                ids={(*ids).clone()}
                {on_keep}
                {on_remove}
                residents={on_add_median}
            />
        },
        // Drawn below, kept mounted once visited so loaded actuals survive a change of tab.
        Tab::Progress => Html::default(),
    };
    html! {
        <div class={classes!("pw-root", large.then_some("pw-large"), (!risk.settled).then_some("pw-estimating"))} lang={lang.code()} onkeydown={on_keydown}>
            <header class="pw-header">
                <h2 class="pw-title">{ meta.title.get(lang) }</h2>
                <p class="pw-meta">
                    if !publisher.is_empty() { <span>{ Msg::PublishedBy(publisher).text(lang) }</span> }
                    if !meta.published.is_empty() { <span>{ Msg::PublishedOn(&meta.published).text(lang) }</span> }
                </p>
                <div class="pw-toolbar">
                    <button type="button" class="pw-btn" disabled={!state.history.can_undo()} onclick={act(|| Action::Undo)} aria-keyshortcuts="Control+Z">{ Msg::Undo.text(lang) }</button>
                    <button type="button" class="pw-btn" disabled={!state.history.can_redo()} onclick={act(|| Action::Redo)} aria-keyshortcuts="Control+Shift+Z">{ Msg::Redo.text(lang) }</button>
                    <button type="button" class="pw-btn" disabled={!changed} onclick={act(|| Action::ResetAll)}>{ Msg::ResetAll.text(lang) }</button>
                    <button type="button" class="pw-btn pw-toggle" aria-pressed={(*large).to_string()} onclick={toggle_large}>{ Msg::LargeText.text(lang) }</button>
                    <share::ShareButton code={code.clone()} name={scenario_name(&state, lang)} title={meta.title.get(lang).to_string()} {lang} ids={(*ids).clone()} />
                    { (*submit).clone() }
                    <share::ExportButtons plan={plan.clone()} outcome={state.outcome.clone()} risk={risk.settled.then(|| risk.result.clone()).flatten()} code={code.clone()} {lang} />
                </div>
            </header>
            if *marked.banner && changed {
                <shared::SharedBanner plan={plan.clone()} values={state.values().to_vec()} {lang} scroll={marked.reveal.generation == 1} {on_as_written} />
            }
            if let Some(n) = (*notice).clone() {
                <share::NoticeBox notice={n} as_written={!changed} {lang} {on_dismiss} />
            }
            <summary::Summary plan={plan.clone()} outcome={shown.clone()} risk={risk.result.clone()} filter={*filter} {on_filter} {lang} />
            if tab != Tab::Progress {
                <strip::MoveStrip plan={plan.clone()} shown={shown.clone()} moves={moves} {lang} />
            }
            <risk::RiskProgress estimating={!risk.settled} progress={risk.progress} {lang} />
            <share::TabBar {tab} {lang} ids={(*ids).clone()} on_select={on_tab} />
            <seek::SeekProvider plan={plan.clone()} rev={state.rev} values={state.values().to_vec()} {on_apply}>
            <div class={classes!("pw-main", (tab == Tab::Progress).then_some("pw-main-wide"))}>
                if tab != Tab::Progress {
                    <levers::LeverPanel
                        plan={plan.clone()}
                        values={state.values().to_vec()}
                        {lang}
                        ids={(*ids).clone()}
                        reveal={(*marked.reveal).clone()}
                        {on_set}
                        {on_commit}
                        {on_reset}
                        residents={props.residents.clone()}
                    />
                }
                <div class="pw-panel" role="tabpanel" id={format!("{}panel", *ids)}
                    aria-labelledby={format!("{}tab-{}", *ids, share::tab_slug(tab))}>
                    { panel }
                    if progress_seen {
                        <div hidden={tab != Tab::Progress}>
                            <lazy::ProgressSlot {lang} actuals={props.actuals.clone()} />
                        </div>
                    }
                </div>
            </div>
            </seek::SeekProvider>
            <div class="pw-sr" role="status" aria-live="polite" aria-atomic="true">{ announcement }</div>
        </div>
    }
}
