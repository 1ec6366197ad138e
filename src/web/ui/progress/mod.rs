//! The Progress view (issue 6): load reported figures (file picker, or the element's `actuals`
//! attribute), the as-of month and area, each target's timeline (chart + table), the county ×
//! target status grid, the ranking, exports (CSV with BOM, JSON) and a print view.
//!
//! Self-contained: its own state ([`state::PState`]), its own messages ([`msg::PMsg`]); the
//! parent gives the plan, the language and, optionally, what the element fetched from its
//! `actuals` URL ([`PageActuals`]: texts, or why a fetch failed).

mod chart;
pub(crate) mod download;
pub mod msg;
mod parts;
pub mod state;
mod tables;

pub use super::view::PlanRef;

use crate::core::progress::{export, progress, Breakdown, ProgressError, ProgressReport, Scope};
use crate::core::Lang;
use msg::PMsg;
pub use state::{Fetched, PageActuals, PageFetch};
use state::{PAction, PState};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct ProgressProps {
    pub plan: PlanRef,
    pub lang: Lang,
    /// Reported figures given by the host: every fetch of the element's `actuals` URL. Each
    /// new text is loaded and merged with what is loaded; a failed fetch is reported.
    #[prop_or_default]
    pub actuals: PageActuals,
}

thread_local! {
    static VIEWS: Cell<u32> = const { Cell::new(0) };
}

/// What an export button makes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Export {
    BreakdownCsv,
    BreakdownJson,
    GridCsv,
    RankingCsv,
    ReportJson,
}

/// The word in an export's file name.
#[derive(Clone, Copy)]
enum FileWord {
    Breakdown,
    Progress,
    Ranking,
}

/// File names in the widget's language: a Chinese office saves 任务分解表, not "breakdown".
fn file_word(word: FileWord, lang: Lang) -> &'static str {
    match (word, lang) {
        (FileWord::Breakdown, Lang::ZhCn) => "任务分解表",
        (FileWord::Breakdown, Lang::En) => "breakdown",
        (FileWord::Progress, Lang::ZhCn) => "进度",
        (FileWord::Progress, Lang::En) => "progress",
        (FileWord::Ranking, Lang::ZhCn) => "排名",
        (FileWord::Ranking, Lang::En) => "ranking",
    }
}

/// File name, MIME type and text of an export; `None` when it needs a report there is not.
fn export_file(
    plan: &PlanRef,
    bd: &Breakdown,
    report: Option<&ProgressReport>,
    kind: Export,
    lang: Lang,
) -> Option<(String, &'static str, String)> {
    const CSV: &str = "text/csv;charset=utf-8";
    const JSON: &str = "application/json;charset=utf-8";
    let id = plan.id();
    let json = |v: Result<String, serde_json::Error>| v.ok();
    Some(match kind {
        Export::BreakdownCsv => (
            format!("{id}-{}.csv", file_word(FileWord::Breakdown, lang)),
            CSV,
            export::breakdown_csv(plan, bd, lang),
        ),
        Export::BreakdownJson => (
            format!("{id}-{}.json", file_word(FileWord::Breakdown, lang)),
            JSON,
            json(serde_json::to_string_pretty(&export::breakdown_json(
                plan, bd, lang,
            )))?,
        ),
        Export::GridCsv | Export::RankingCsv | Export::ReportJson => {
            let r = report?;
            let month = crate::core::progress::month_label(r.year, r.as_of);
            match kind {
                Export::GridCsv => (
                    format!("{id}-{}-{month}.csv", file_word(FileWord::Progress, lang)),
                    CSV,
                    export::grid_csv(plan, r, lang),
                ),
                Export::RankingCsv => (
                    format!("{id}-{}-{month}.csv", file_word(FileWord::Ranking, lang)),
                    CSV,
                    export::ranking_csv(plan, r, lang),
                ),
                _ => (
                    format!("{id}-{}-{month}.json", file_word(FileWord::Progress, lang)),
                    JSON,
                    json(serde_json::to_string_pretty(&export::report_json(
                        plan, r, lang,
                    )))?,
                ),
            }
        }
    })
}

/// The id prefix of one view (`pwp1-`, `pwp2-`, …): labels and descriptions stay unique when a
/// page has several widgets.
fn view_ids() -> String {
    let n = VIEWS.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    });
    format!("pwp{n}-")
}

#[component]
pub fn ProgressView(props: &ProgressProps) -> Html {
    let lang = props.lang;
    let plan = props.plan.clone();
    let state = use_reducer(PState::new);
    let root = use_node_ref();
    let ids = use_memo((), |_| view_ids());
    let bd = use_memo(plan.clone(), |p| Breakdown::new(p));
    let month = state.month();
    let report: Rc<Option<Result<Rc<ProgressReport>, ProgressError>>> = {
        let actuals = state.actuals.clone();
        let bd = bd.clone();
        use_memo((plan.clone(), state.rev, month), move |(p, _, m)| {
            m.map(|m| progress(p, &bd, &actuals, Some(m)).map(Rc::new))
        })
    };
    let ok_report: Option<Rc<ProgressReport>> = match &*report {
        Some(Ok(r)) => Some(r.clone()),
        _ => None,
    };

    // The host's fetches: each one not loaded yet is loaded (or its failure reported).
    {
        let d = state.dispatcher();
        let plan = plan.0.clone();
        use_effect_with(props.actuals.clone(), move |feed| {
            if !feed.is_empty() {
                d.dispatch(PAction::Page {
                    plan,
                    feed: feed.clone(),
                });
            }
        });
    }

    let on_export = {
        let plan = plan.clone();
        let bd = bd.clone();
        let report = ok_report.clone();
        let root = root.clone();
        Callback::from(move |kind: Export| {
            let Some(host) = root.cast::<web_sys::Element>() else {
                return;
            };
            if let Some((name, mime, text)) = export_file(&plan, &bd, report.as_deref(), kind, lang)
            {
                let _ = download::download(&host, &name, mime, &text);
            }
        })
    };
    let counties = plan.counties();
    let year = plan.meta().year;
    let month_text = month.map(|m| PMsg::Month(year, m).text(lang));

    // Timelines: one per target, folded; only open ones are drawn.
    let scope_name = state.scope.name(counties, lang);
    let timelines =
        parts::timeline_items(&plan, &bd, &state, ok_report.as_deref(), &scope_name, lang);

    let report_view = report_view(&plan, &report, state.scope, month_text.as_deref(), lang);
    html! {
        <section class="pw-progress" ref={root} aria-labelledby={format!("{ids}h")}>
            <h3 class="pw-h" id={format!("{ids}h")}>{ PMsg::Heading.text(lang) }</h3>
            <p class="pw-hint pw-noprint">{ PMsg::Intro.text(lang) }</p>
            { parts::loader(&state, plan.0.clone(), &ids, lang) }
            { parts::controls(&state, &plan, &ids, lang) }
            if let Some(m) = &month_text {
                <p class="pw-print-only">{ PMsg::AsOf.text(lang) }{ ": " }{ m }</p>
            }
            { report_view }
            <section class="pw-p-timelines">
                <h4 class="pw-h">{ PMsg::TimelineHeading(&scope_name).text(lang) }</h4>
                { timelines }
            </section>
            { export_bar(on_export, ok_report.is_some(), lang) }
        </section>
    }
}

/// The table views of the report (ranking first), or why there is none.
fn report_view(
    plan: &PlanRef,
    report: &Option<Result<Rc<ProgressReport>, ProgressError>>,
    scope: Scope,
    month: Option<&str>,
    lang: Lang,
) -> Html {
    match report {
        Some(Ok(r)) => {
            let m = AttrValue::from(month.unwrap_or_default().to_string());
            html! {
                <>
                    <tables::Ranking plan={plan.clone()} report={r.clone()} month={m.clone()} {scope} {lang} />
                    <tables::Grid plan={plan.clone()} report={r.clone()} month={m} {scope} {lang} />
                </>
            }
        }
        Some(Err(e)) => {
            html! { <p class="pw-error">{ PMsg::ReportError(&e.message(lang)).text(lang) }</p> }
        }
        None => html! { <p class="pw-hint pw-empty">{ PMsg::NoActuals.text(lang) }</p> },
    }
}

/// The export buttons (the report's need a report) and print.
fn export_bar(on_export: Callback<Export>, has_report: bool, lang: Lang) -> Html {
    let button = |kind: Export, label: PMsg, needs_report: bool| {
        let on_export = on_export.clone();
        html! {
            <button type="button" class="pw-btn" disabled={needs_report && !has_report}
                onclick={Callback::from(move |_: MouseEvent| on_export.emit(kind))}>{ label.text(lang) }</button>
        }
    };
    html! {
        <div class="pw-p-export pw-noprint">
            <h4 class="pw-h">{ PMsg::ExportHeading.text(lang) }</h4>
            <div class="pw-toolbar">
                { button(Export::BreakdownCsv, PMsg::BreakdownCsv, false) }
                { button(Export::BreakdownJson, PMsg::BreakdownJson, false) }
                { button(Export::GridCsv, PMsg::GridCsv, true) }
                { button(Export::RankingCsv, PMsg::RankingCsv, true) }
                { button(Export::ReportJson, PMsg::ReportJson, true) }
                <button type="button" class="pw-btn" onclick={Callback::from(|_: MouseEvent| download::print())}>{ PMsg::Print.text(lang) }</button>
            </div>
        </div>
    }
}
