//! The yew UI. Contract with [`crate::web::element`]: the element renders [`App`] into its
//! shadow root with [`AppProps`] and calls `AppHandle::update` when attributes change.

mod card_markup;
mod cards;
mod compare;
pub mod feedback;
mod hooks;
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
mod toolbar_more;
mod view;
mod widget;
mod words;

use crate::core::session::{Current, Kept};
use crate::core::share::{self as codec, ShareState, Tab, View};
use crate::core::{Lang, Plan};
use msg::Msg;
use state::{Action, State};
use std::rc::Rc;
use widget::Widget;
use yew::prelude::*;

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
pub(crate) fn code_of(state: &State) -> String {
    scenario_code(&state.plan, state.values(), state.tab, &state.kept_list())
}

/// The scenario's name under its QR code: the plan as written, a kept scenario with the same
/// values, or "custom".
pub(crate) fn scenario_name(state: &State, lang: Lang) -> String {
    match state.current() {
        Current::AsWritten => Msg::PlanAsWritten.text(lang),
        Current::Kept(name) => name.to_string(),
        Current::Custom => share::ShareMsg::CustomScenario.text(lang),
    }
}

/// The action behind Compare's "add the residents' median scenario" (none without marks): the
/// median scenario kept as a column, the current values unchanged.
pub(crate) fn tally_column(
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
