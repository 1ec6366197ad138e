//! Parts of the Progress view that need no hooks: the file picker's callback, the list of
//! loads with their messages, and the timelines list.

use super::chart;
use super::download;
use super::msg::{progress_class, progress_icon, PMsg};
use super::state::{Failure, PAction, PState, Source};
use crate::core::plan::Plan;
use crate::core::progress::{timeline, Breakdown, MonthNo, ProgressReport, ProgressStatus, Scope};
use crate::core::Lang;
use std::rc::Rc;
use web_sys::{File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

const ACCEPT: &str = ".csv,.json,.xlsx,text/csv,application/json";

/// The file picker's `change`: every chosen file is read and loaded, in order.
pub(super) fn on_file(d: UseReducerDispatcher<PState>, plan: Rc<Plan>) -> Callback<Event> {
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
}

/// What a chosen file gives: its text, or for a `.xlsx` the filled cells the workbook module
/// (loaded on first use, off the first download) reads.
async fn read_file(f: &File, plan: &Rc<Plan>) -> PAction {
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

/// Loads, newest first: the count of values and one message per bad row.
pub(super) fn load_items(state: &PState, lang: Lang) -> Html {
    let items = state.loads.iter().map(|l| {
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
    html! { <>{ for items }</> }
}

/// Timelines: one per target, folded; only open ones are drawn.
pub(super) fn timeline_items(
    plan: &Plan,
    bd: &Breakdown,
    state: &UseReducerHandle<PState>,
    report: Option<&ProgressReport>,
    scope_name: &str,
    lang: Lang,
) -> Html {
    let year = plan.meta().year;
    let month = state.month();
    let items = plan.targets().iter().enumerate().map(|(t, target)| {
        let open = state.open.contains(&t);
        let toggle = {
            let d = state.dispatcher();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                d.dispatch(PAction::Toggle(t));
            })
        };
        let cell = report.and_then(|r| r.cell(t, state.scope));
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
            let points = Rc::new(timeline(plan, bd, &state.actuals, t, state.scope));
            html! {
                <chart::Timeline
                    {points}
                    label={AttrValue::from(target.label.get(lang).to_string())}
                    scope={AttrValue::from(scope_name.to_string())}
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
    html! { <>{ for items }</> }
}

/// The loading section: the file picker (a native input named by its label), the names chosen
/// last, the total in use and each load's messages.
pub(super) fn loader(
    state: &UseReducerHandle<PState>,
    plan: Rc<Plan>,
    ids: &str,
    lang: Lang,
) -> Html {
    let file_id = format!("{ids}file");
    let picked = if state.picked.is_empty() {
        PMsg::NoFile.text(lang)
    } else {
        PMsg::Picked(&state.picked).text(lang)
    };
    let on_file = on_file(state.dispatcher(), plan);
    html! {
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
                <ul>{ load_items(state, lang) }</ul>
            </div>
        </div>
    }
}

/// The as-of month and the area (范围) selectors.
pub(super) fn controls(
    state: &UseReducerHandle<PState>,
    plan: &Plan,
    ids: &str,
    lang: Lang,
) -> Html {
    let (year, month) = (plan.meta().year, state.month());
    let counties = plan.counties();
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
                let scope = s
                    .value()
                    .parse::<usize>()
                    .map_or(Scope::City, Scope::County);
                d.dispatch(PAction::Scope(scope));
            }
        })
    };
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
    let (month_id, scope_id) = (format!("{ids}month"), format!("{ids}scope"));
    html! {
        <div class="pw-p-controls pw-noprint">
            <label for={month_id.clone()}>{ PMsg::AsOf.text(lang) }</label>
            <select id={month_id} onchange={on_month}>{ for month_options }</select>
            <label for={scope_id.clone()}>{ PMsg::Scope.text(lang) }</label>
            <select id={scope_id} onchange={on_scope}>{ for scope_options }</select>
        </div>
    }
}
