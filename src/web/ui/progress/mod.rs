//! The Progress view (issue 6): load reported figures (file picker, or the element's `actuals`
//! attribute), the as-of month and area, each target's timeline (chart + table), the county ×
//! target status grid, the ranking, exports (CSV with BOM, JSON) and a print view.
//!
//! Self-contained: its own state ([`state::PState`]), its own messages ([`msg::PMsg`]); the
//! parent gives the plan, the language and, optionally, what the element fetched from its
//! `actuals` URL ([`PageActuals`]: texts, or why a fetch failed).

mod chart;
mod download;
pub mod msg;
pub mod state;
mod tables;

pub use super::view::PlanRef;

use crate::core::progress::{
    export, progress, timeline, Breakdown, MonthNo, ProgressError, ProgressReport, ProgressStatus,
    Scope,
};
use crate::core::Lang;
use msg::{progress_class, progress_icon, PMsg};
use state::{Failure, PAction, PState, Source};
pub use state::{Fetched, PageActuals, PageFetch};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::{File, HtmlInputElement, HtmlSelectElement};
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

const ACCEPT: &str = ".csv,.json,.xlsx,text/csv,application/json";

/// What an export button makes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Export {
    BreakdownCsv,
    BreakdownJson,
    GridCsv,
    RankingCsv,
    ReportJson,
}

/// What a chosen file gives: its text, or for a `.xlsx` the filled cells the workbook module
/// (loaded on first use, off the first download) reads.
async fn read_file(f: &File, plan: &Rc<crate::core::Plan>) -> PAction {
    let name = f.name();
    let source = Source::File(name.clone());
    let plan = plan.clone();
    if !name.to_lowercase().ends_with(".xlsx") {
        return match download::read_text(f).await {
            Ok(text) => PAction::Load { plan, source, text },
            Err(_) => PAction::Unreadable(name),
        };
    }
    match download::read_workbook(f).await {
        Ok(Some(rows)) => PAction::Cells { plan, source, rows },
        Ok(None) => PAction::NotWorkbook(name),
        Err(_) => PAction::Unreadable(name),
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
            format!("{id}-breakdown.csv"),
            CSV,
            export::breakdown_csv(plan, bd, lang),
        ),
        Export::BreakdownJson => (
            format!("{id}-breakdown.json"),
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
                    format!("{id}-progress-{month}.csv"),
                    CSV,
                    export::grid_csv(plan, r, lang),
                ),
                Export::RankingCsv => (
                    format!("{id}-ranking-{month}.csv"),
                    CSV,
                    export::ranking_csv(plan, r, lang),
                ),
                _ => (
                    format!("{id}-progress-{month}.json"),
                    JSON,
                    json(serde_json::to_string_pretty(&export::report_json(
                        plan, r, lang,
                    )))?,
                ),
            }
        }
    })
}

#[component]
pub fn ProgressView(props: &ProgressProps) -> Html {
    let lang = props.lang;
    let plan = props.plan.clone();
    let state = use_reducer(PState::new);
    let root = use_node_ref();
    let ids = use_memo((), |_| {
        let n = VIEWS.with(|c| {
            let n = c.get().wrapping_add(1);
            c.set(n);
            n
        });
        format!("pwp{n}-")
    });
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

    let on_file = {
        let d = state.dispatcher();
        let plan = plan.0.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files: Vec<File> = match input.files() {
                Some(list) => (0..list.length()).filter_map(|i| list.get(i)).collect(),
                None => return,
            };
            // The same file can be chosen again (a corrected version); its name stays shown.
            input.set_value("");
            if files.is_empty() {
                return;
            }
            d.dispatch(PAction::Picked(files.iter().map(File::name).collect()));
            let d = d.clone();
            let plan = plan.clone();
            wasm_bindgen_futures::spawn_local(async move {
                for f in files {
                    d.dispatch(read_file(&f, &plan).await);
                }
            });
        })
    };
    let on_month = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                d.dispatch(PAction::AsOf(s.value().parse::<MonthNo>().ok()));
            }
        })
    };
    let on_scope = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                let scope = match s.value().parse::<usize>() {
                    Ok(i) => Scope::County(i),
                    Err(_) => Scope::City,
                };
                d.dispatch(PAction::Scope(scope));
            }
        })
    };
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
    let export_button = |kind: Export, label: PMsg, needs_report: bool| {
        let on_export = on_export.clone();
        html! {
            <button type="button" class="pw-btn" disabled={needs_report && ok_report.is_none()}
                onclick={Callback::from(move |_: MouseEvent| on_export.emit(kind))}>{ label.text(lang) }</button>
        }
    };

    let counties = plan.counties();
    let year = plan.meta().year;
    let month_text = month.map(|m| PMsg::Month(year, m).text(lang));

    // Loads, newest first: the count of values and one message per bad row.
    let loads = state.loads.iter().map(|l| {
        let name = match &l.source {
            Source::Page(url) => PMsg::FromPage(url).text(lang),
            Source::File(n) => n.clone(),
        };
        if let Some(failure) = l.failure {
            let text = match failure {
                Failure::Unreadable => PMsg::ReadFailed(&name),
                Failure::Http(status) => PMsg::FetchHttp(&name, status),
                Failure::Network => PMsg::FetchNetwork(&name),
                Failure::NotWorkbook => PMsg::NotWorkbook(&name),
            };
            return html! { <li class="pw-load pw-error">{ text.text(lang) }</li> };
        }
        let errors = l.errors.iter().map(|e| html! { <li>{ e.message(lang) }</li> });
        let warnings = l.warnings.iter().map(|e| html! { <li>{ e.message(lang) }</li> });
        html! {
            <li class="pw-load">
                <p class="pw-load-count">{ PMsg::Loaded { name: &name, used: l.used, bad: l.errors.len() }.text(lang) }</p>
                if l.html {
                    <p class="pw-error">{ PMsg::NotData.text(lang) }</p>
                }
                if !l.errors.is_empty() {
                    // A focusable scroll box (a region) around the list: a `ul` with a role would
                    // no longer be a list for its items.
                    <div class="pw-row-errors" tabindex="0" role="region" aria-label={PMsg::BadRows(&name).text(lang)}>
                        <ul>{ for errors }</ul>
                    </div>
                }
                if !l.warnings.is_empty() {
                    <details class="pw-row-warnings">
                        <summary>{ PMsg::Warnings(l.warnings.len()).text(lang) }</summary>
                        <ul>{ for warnings }</ul>
                    </details>
                }
            </li>
        }
    });

    let month_options = (1..=12u8).map(|m| {
        html! { <option value={m.to_string()} selected={month == Some(m)}>{ PMsg::Month(year, m).text(lang) }</option> }
    });
    let scope_options = std::iter::once((String::new(), Scope::City))
        .chain(
            (0..counties.map(|c| c.divisions().len()).unwrap_or(0))
                .map(|d| (d.to_string(), Scope::County(d))),
        )
        .map(|(v, s)| {
            html! { <option value={v} selected={state.scope == s}>{ s.name(counties, lang) }</option> }
        });

    // Timelines: one per target, folded; only open ones are drawn.
    let scope_name = state.scope.name(counties, lang);
    let timelines = plan.targets().iter().enumerate().map(|(t, target)| {
        let open = state.open.contains(&t);
        let toggle = {
            let d = state.dispatcher();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                d.dispatch(PAction::Toggle(t));
            })
        };
        let cell = ok_report.as_ref().and_then(|r| r.cell(t, state.scope));
        let has_part = bd.milestones(t, state.scope).is_some();
        let status = match (cell, has_part) {
            (Some(c), _) => html! {
                <span class={classes!("pw-status", progress_class(c.status))}>
                    <span class="pw-icon" aria-hidden="true">{ progress_icon(c.status) }</span>
                    { c.status.label(lang) }
                </span>
            },
            (None, true) => html! {
                <span class={classes!("pw-status", progress_class(ProgressStatus::NoReport))}>
                    <span class="pw-icon" aria-hidden="true">{ progress_icon(ProgressStatus::NoReport) }</span>
                    { ProgressStatus::NoReport.label(lang) }
                </span>
            },
            (None, false) => html! { <span class="pw-k">{ PMsg::NoPart.text(lang) }</span> },
        };
        let body = (open && has_part).then(|| {
            let points = Rc::new(timeline(&plan, &bd, &state.actuals, t, state.scope));
            html! {
                <chart::Timeline
                    {points}
                    label={AttrValue::from(target.label.get(lang).to_string())}
                    scope={AttrValue::from(scope_name.clone())}
                    unit={Rc::new(target.unit.clone())}
                    {year}
                    as_of={month}
                    {lang}
                />
            }
        });
        html! {
            <details class="pw-tl" key={target.id.clone()} data-target={target.id.clone()} {open}>
                <summary onclick={toggle}>
                    <span class="pw-tl-label">{ target.label.get(lang) }</span>{ " " }{ status }
                </summary>
                { for body }
            </details>
        }
    });

    let file_id = format!("{ids}file");
    let picked = if state.picked.is_empty() {
        PMsg::NoFile.text(lang)
    } else {
        PMsg::Picked(&state.picked).text(lang)
    };
    let month_id = format!("{ids}month");
    let scope_id = format!("{ids}scope");
    let report_view = match (&*report, &ok_report) {
        (_, Some(r)) => {
            let m = AttrValue::from(month_text.clone().unwrap_or_default());
            html! {
                <>
                    <tables::Grid plan={plan.clone()} report={r.clone()} month={m.clone()} {lang} />
                    <tables::Ranking plan={plan.clone()} report={r.clone()} month={m} {lang} />
                </>
            }
        }
        (Some(Err(e)), None) => {
            html! { <p class="pw-error">{ PMsg::ReportError(&e.message(lang)).text(lang) }</p> }
        }
        (_, None) => html! { <p class="pw-hint pw-empty">{ PMsg::NoActuals.text(lang) }</p> },
    };
    html! {
        <section class="pw-progress" ref={root} aria-labelledby={format!("{ids}h")}>
            <h3 class="pw-h" id={format!("{ids}h")}>{ PMsg::Heading.text(lang) }</h3>
            <p class="pw-hint pw-noprint">{ PMsg::Intro.text(lang) }</p>
            <div class="pw-p-load pw-noprint">
                <h4 class="pw-h">{ PMsg::LoadHeading.text(lang) }</h4>
                // The native input, visually hidden but focusable (Tab, then Enter or Space),
                // named by its label, which looks like a button in the widget's language.
                <div class="pw-file-pick">
                    <input type="file" id={file_id.clone()} class="pw-file" accept={ACCEPT} multiple=true onchange={on_file}
                        aria-describedby={format!("{ids}file-name {ids}load-hint")} />
                    <label class="pw-btn pw-file-btn" for={file_id}>{ PMsg::LoadLabel.text(lang) }</label>
                    <span class="pw-file-name" id={format!("{ids}file-name")}>{ picked }</span>
                </div>
                <p class="pw-hint" id={format!("{ids}load-hint")}>{ PMsg::LoadHint.text(lang) }</p>
                <div role="status" aria-live="polite" class="pw-loads">
                    if !state.actuals.is_empty() {
                        <p class="pw-total">{ PMsg::Total(state.actuals.len()).text(lang) }</p>
                    }
                    <ul>{ for loads }</ul>
                </div>
            </div>
            <div class="pw-p-controls pw-noprint">
                <label for={month_id.clone()}>{ PMsg::AsOf.text(lang) }</label>
                <select id={month_id} onchange={on_month}>{ for month_options }</select>
                <label for={scope_id.clone()}>{ PMsg::Scope.text(lang) }</label>
                <select id={scope_id} onchange={on_scope}>{ for scope_options }</select>
            </div>
            if let Some(m) = &month_text {
                <p class="pw-print-only">{ PMsg::AsOf.text(lang) }{ ": " }{ m }</p>
            }
            { report_view }
            <section class="pw-p-timelines">
                <h4 class="pw-h">{ PMsg::TimelineHeading(&scope_name).text(lang) }</h4>
                { for timelines }
            </section>
            <div class="pw-p-export pw-noprint">
                <h4 class="pw-h">{ PMsg::ExportHeading.text(lang) }</h4>
                <div class="pw-toolbar">
                    { export_button(Export::BreakdownCsv, PMsg::BreakdownCsv, false) }
                    { export_button(Export::BreakdownJson, PMsg::BreakdownJson, false) }
                    { export_button(Export::GridCsv, PMsg::GridCsv, true) }
                    { export_button(Export::RankingCsv, PMsg::RankingCsv, true) }
                    { export_button(Export::ReportJson, PMsg::ReportJson, true) }
                    <button type="button" class="pw-btn" onclick={Callback::from(|_: MouseEvent| download::print())}>{ PMsg::Print.text(lang) }</button>
                </div>
            </div>
        </section>
    }
}
