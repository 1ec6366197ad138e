//! The export buttons: the current scenario as CSV (UTF-8 with BOM) or JSON, named after the
//! plan (the texts are [`crate::core::export`]'s; the download is [`browser::download`]).

use super::ShareMsg;
use crate::core::risk::RiskResult;
use crate::core::{export, Lang, Outcome, Plan};
use crate::web::browser::{self, Download, CSV, JSON};
use crate::web::ui::view::PlanRef;
use std::rc::Rc;
use yew::prelude::*;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The export of the current scenario: CSV (UTF-8 with BOM) or JSON, named after the plan.
/// With the scenario's `chances` (once estimated), the statuses the widget shows come too.
pub fn export_file(
    format: ExportFormat,
    plan: &Plan,
    outcome: &Outcome,
    chances: Option<&[Option<f64>]>,
    code: &str,
    lang: Lang,
) -> Download {
    match format {
        ExportFormat::Csv => Download {
            name: export::file_name(plan, "csv", lang),
            mime: CSV,
            text: export::csv_with_chances(plan, outcome, chances, lang),
        },
        ExportFormat::Json => Download {
            name: export::file_name(plan, "json", lang),
            mime: JSON,
            text: export::json_with_chances(plan, outcome, code, chances, lang),
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub plan: PlanRef,
    pub outcome: Rc<Outcome>,
    /// The current scenario's risk figures, once estimated (not while estimating).
    pub risk: Option<Rc<RiskResult>>,
    pub code: AttrValue,
    pub lang: Lang,
}

/// The export buttons (CSV and JSON of the current scenario).
#[component]
pub fn ExportButtons(props: &ExportProps) -> Html {
    let lang = props.lang;
    let failed = use_state(|| false);
    let button = |format: ExportFormat, label: ShareMsg| {
        let plan = props.plan.clone();
        let outcome = props.outcome.clone();
        let risk = props.risk.clone();
        let code = props.code.clone();
        let failed = failed.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let chances = risk.as_deref().map(|r| r.probabilities.as_slice());
            let file = export_file(format, &plan, &outcome, chances, &code, lang);
            // The one download of the widget, its link put into the page's body for the click.
            let saved = browser::body().and_then(|body| browser::download(&file, &body));
            failed.set(saved.is_err());
        });
        html! { <button type="button" class="pw-btn" {onclick}>{ label.text(lang) }</button> }
    };
    html! {
        <>
            { button(ExportFormat::Csv, ShareMsg::ExportCsv) }
            { button(ExportFormat::Json, ShareMsg::ExportJson) }
            if *failed { <span class="pw-k" role="status">{ ShareMsg::ExportFailed.text(lang) }</span> }
        </>
    }
}
