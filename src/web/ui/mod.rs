//! The yew UI. Contract with [`crate::web::element`]: the element renders [`App`] into its
//! shadow root with [`AppProps`] and calls `AppHandle::update` when attributes change.

use crate::core::{Lang, Plan, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Properties the custom element gives the UI.
#[derive(Properties, Clone, PartialEq)]
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
    /// Called after every change of the scenario.
    #[prop_or_default]
    pub on_change: Callback<ScenarioChange>,
}

/// What the element reports in its `scenario-change` event.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioChange {
    /// The current share code (empty until share codes exist).
    pub scenario: String,
    pub targets: Vec<TargetState>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetState {
    pub id: String,
    pub value: Option<f64>,
    pub status: Status,
}

/// Placeholder root component; the UI work replaces it.
#[component]
pub fn App(props: &AppProps) -> Html {
    html! { <h2>{ props.plan.meta().title.get(props.lang) }</h2> }
}
