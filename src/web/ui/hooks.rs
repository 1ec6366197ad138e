//! The widget's hooks: each effect the widget has on the page and the element, one hook per
//! concern, so [`super::widget::Widget`] only wires them together and draws. Browser APIs are
//! called in effects and callbacks only ([`crate::web::browser`]).

use super::msg::Msg;
use super::risk::{use_risk, RiskView};
use super::share::{self, Notice};
use super::shared::Shared;
use super::state::{Action, State};
use super::ScenarioChange;
use crate::core::events::scenario_change;
use crate::core::risk::shown_outcome;
use crate::core::session::{self, storage_key, Flip, Kept};
use crate::core::share as codec;
use crate::core::{Lang, Outcome, Plan};
use crate::web::{browser, fragment};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The localStorage key of the large-text choice (one for every widget of the page's origin).
const LARGE_TEXT_KEY: &str = "plan-widget:large-text";

/// The element's `reset()`: every change of the counter after mount resets all.
#[hook]
pub fn use_reset(reset: u32, state: &UseReducerHandle<State>) {
    let seen = use_mut_ref(|| reset);
    let dispatcher = state.dispatcher();
    use_effect_with(reset, move |reset| {
        if *seen.borrow() != *reset {
            *seen.borrow_mut() = *reset;
            dispatcher.dispatch(Action::ResetAll);
        }
    });
}

/// What applying the share code `code` does: the action for the reducer (none when the code
/// cannot be read) and what to tell the reader.
fn apply_code(plan: &Plan, code: &str, fallback: &str) -> (Option<Action>, Option<Notice>) {
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
                (!decoded.warnings.is_empty()).then_some(Notice::Warnings(decoded.warnings));
            (Some(action), notice)
        }
        Err(e) => (None, Some(Notice::Failed(e))),
    }
}

/// A share code (the `scenario` prop): applied when it changes, as one undo step, and marked
/// (`marked`, shared.rs) unless this tab wrote it into the URL itself (`sync-url`, then a reload:
/// [`fragment::written_here`] for the element holding `root`); what could not be applied, or
/// why nothing could, is the notice.
#[hook]
pub fn use_share_code(
    scenario: Option<AttrValue>,
    state: &UseReducerHandle<State>,
    marked: &Shared,
    root: &NodeRef,
    lang: Lang,
) -> UseStateHandle<Option<Notice>> {
    let notice = use_state(|| None::<Notice>);
    let dispatcher = state.dispatcher();
    let (plan, current) = (state.plan.clone(), state.values().to_vec());
    let (notice_set, marked, root) = (notice.clone(), marked.clone(), root.clone());
    use_effect_with(scenario, move |code| {
        match code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => {
                let (action, note) = apply_code(&plan, code, &Msg::DefaultName.text(lang));
                let own = root
                    .get()
                    .is_some_and(|node| fragment::written_here(&node, code));
                if let Some(a) = action {
                    if let (Action::Apply { values, .. }, false) = (&a, own) {
                        marked.applying(&plan, &current, values);
                    }
                    dispatcher.dispatch(a);
                }
                notice_set.set(note);
            }
            None => notice_set.set(None),
        }
    });
    notice
}

/// The share code, computed once per change of the values, the tab or the kept scenarios;
/// `scenario-change` after each (and once at mount).
#[hook]
pub fn use_scenario_code(
    state: &UseReducerHandle<State>,
    on_change: &Callback<ScenarioChange>,
) -> AttrValue {
    let deps = (state.rev, state.tab, state.kept_rev);
    let code = {
        let state = state.clone();
        use_memo(deps, move |_| AttrValue::from(super::code_of(&state)))
    };
    {
        let (state, on_change, code) = (state.clone(), on_change.clone(), code.clone());
        use_effect_with(deps, move |_| {
            on_change.emit(scenario_change(&state.plan, &state.outcome, &code, None))
        });
    }
    (*code).clone()
}

/// Kept scenarios go to browser storage after each change; a refusal is reported, never fatal.
#[hook]
pub fn use_kept_storage(state: &UseReducerHandle<State>) {
    let state = state.clone();
    use_effect_with(state.kept_rev, move |rev| {
        if *rev != 0 {
            let stored = session::to_stored(&state.plan, &state.kept_list());
            let ok = browser::store(&storage_key(&state.plan), &stored);
            if let Some(action) = state.after_write(ok) {
                state.dispatch(action);
            }
        }
    });
}

/// The chances (the current scenario first, then the plan as written and the kept scenarios)
/// and the outcome as shown ([`shown_outcome`]).
#[hook]
pub fn use_chances(state: &UseReducerHandle<State>) -> (RiskView, Rc<Outcome>) {
    let others = {
        let state = state.clone();
        use_memo(state.kept_rev, move |_| state.compared_values())
    };
    let risk = use_risk(
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
    let shown: Rc<Outcome> = (*shown).clone();
    (risk, shown)
}

/// Once the shown statuses of a new scenario are known (its values still, its chances
/// estimated): the flips since the last known ones (for the announcement), and `status-change`.
/// Once per revision, so a drag is announced once, at its end.
#[hook]
pub fn use_status_events(
    state: &UseReducerHandle<State>,
    risk: &RiskView,
    shown: &Rc<Outcome>,
    code: &AttrValue,
    on_status: &Callback<ScenarioChange>,
) -> Rc<Vec<Flip>> {
    let flips = use_state(|| Rc::new(Vec::<Flip>::new()));
    // Before any chances are known, the cards show the one-assumption statuses of the scenario
    // at mount: the first flips are counted from those (the mount itself is not announced).
    let heard = {
        let (rev, outcome) = (state.rev, state.outcome.clone());
        use_mut_ref(move || Some((rev, outcome)))
    };
    let ready = risk.settled && risk.quiet;
    let (state, shown, result) = (state.clone(), shown.clone(), risk.result.clone());
    let (flips_set, on_status, code) = (flips.clone(), on_status.clone(), code.clone());
    use_effect_with((state.rev, ready), move |&(rev, ready)| {
        if ready {
            let before = heard.replace(Some((rev, shown.clone())));
            if let Some((r, before)) = before {
                if r != rev {
                    flips_set.set(Rc::new(session::flips(&before, &shown)));
                }
            }
            if let Some(result) = result {
                let shown = Some((&*shown, &*result));
                on_status.emit(scenario_change(&state.plan, &state.outcome, &code, shown));
            }
        }
    });
    (*flips).clone()
}

/// What the last change of the values did to the targets (the move strip); `None` before any.
/// A step that keeps the outcome (a commit, a kept scenario) keeps the last list.
#[hook]
pub fn use_moves(state: &State) -> Option<Rc<Vec<session::Move>>> {
    let last = use_mut_ref(|| (state.outcome.clone(), None));
    let mut last = last.borrow_mut();
    if !Rc::ptr_eq(&last.0, &state.outcome) {
        let m = session::moves(&state.plan, &last.0, &state.outcome);
        *last = (state.outcome.clone(), Some(Rc::new(m)));
    }
    last.1.clone()
}

/// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere in the widget: undo and redo. Text fields keep the
/// browser's own undo.
#[hook]
pub fn use_undo_keys(state: &UseReducerHandle<State>) -> Callback<KeyboardEvent> {
    use_callback(state.dispatcher(), |e: KeyboardEvent, d| {
        if !(e.ctrl_key() || e.meta_key()) {
            return;
        }
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
}

/// The large-text switch (适老化), remembered across reloads in the page's localStorage
/// (unavailable: off): whether it is on, and its toggle.
#[hook]
pub fn use_large_text() -> (bool, Callback<MouseEvent>) {
    let large = use_state(|| false);
    // Read after mount: the first render depends on the props only (it also renders natively).
    {
        let large = large.clone();
        use_effect_with((), move |_| {
            if matches!(browser::stored::<bool>(LARGE_TEXT_KEY), Some(Ok(true))) {
                large.set(true);
            }
        });
    }
    let toggle = {
        let large = large.clone();
        Callback::from(move |_: MouseEvent| {
            let on = !*large;
            // A storage that refuses (private mode, quota) only loses the memory of the choice.
            let _ = browser::store(LARGE_TEXT_KEY, &on);
            large.set(on);
        })
    };
    (*large, toggle)
}

/// The reducer's actions as memoised callbacks (so the components given them re-render only
/// when what they show changes).
#[derive(Clone, PartialEq)]
pub struct Actions {
    pub set: Callback<(usize, f64)>,
    pub commit: Callback<()>,
    pub reset: Callback<usize>,
    pub keep: Callback<String>,
    pub remove: Callback<usize>,
    /// A goal-seek suggestion applied: one undo step.
    pub apply: Callback<(usize, f64)>,
    pub tab: Callback<codec::Tab>,
}

#[hook]
pub fn use_actions(state: &UseReducerHandle<State>, lang: Lang) -> Actions {
    let d = state.dispatcher();
    Actions {
        set: use_callback(d.clone(), |(i, v), d| d.dispatch(Action::Set(i, v))),
        commit: use_callback(d.clone(), |_: (), d| d.dispatch(Action::Commit)),
        reset: use_callback(d.clone(), |i, d| d.dispatch(Action::ResetInput(i))),
        keep: use_callback((d.clone(), lang), |name, (d, lang)| {
            d.dispatch(Action::Keep(name, Msg::DefaultName.text(*lang)))
        }),
        remove: use_callback(d.clone(), |k, d| d.dispatch(Action::Remove(k))),
        apply: use_callback(d.clone(), |(i, v), d| {
            d.dispatch(Action::Commit);
            d.dispatch(Action::Set(i, v));
            d.dispatch(Action::Commit);
        }),
        tab: use_callback(d, |t, d| d.dispatch(Action::Tab(t))),
    }
}
