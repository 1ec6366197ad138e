//! Compare: the plan as written, the kept scenarios and the current one side by side (the counts
//! at a glance, the levers that differ, the statuses that flipped), then the form that keeps the
//! current scenario under a name; and the fold that puts the levers behind a button on this tab
//! in one column ([`lever_fold`]), so on a phone the comparison is what the tab shows first.
//! Every column's statuses are the shown ones ([`crate::core::risk::shown_outcome`]), as on the
//! cards; a column whose chances are still being estimated shows the one-assumption statuses,
//! marked "estimating".

use super::msg::{status_icon, Msg};
use super::risk::{Figures, RiskMsg};
use super::state::{KeptView, StorageNote};
use super::view::{status_class, PlanRef};
use crate::core::display::input_quantity;
use crate::core::{Lang, Outcome, Status};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A compare column: its title, values, shown outcome, whether its chances are still to come,
/// and which kept scenario it is (none: the plan as written, the current scenario).
struct Column<'a> {
    title: String,
    values: &'a [f64],
    outcome: Rc<Outcome>,
    pending: bool,
    kept: Option<usize>,
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub plan: PlanRef,
    /// The plan as written, by the one-assumption rule.
    pub base: Rc<Outcome>,
    pub values: Vec<f64>,
    /// The current scenario as the cards show it.
    pub shown: Rc<Outcome>,
    /// The current scenario's chances are still to come.
    pub estimating: bool,
    /// Chances of the plan as written and the kept scenarios, as they are estimated.
    pub figures: Figures,
    pub kept: Vec<KeptView>,
    pub storage: Option<StorageNote>,
    pub lang: Lang,
    pub ids: AttrValue,
    pub on_keep: Callback<String>,
    pub on_remove: Callback<usize>,
    /// With residents' marks: adds their median scenario as a column ([`super::tally`]).
    #[prop_or_default]
    pub residents: Option<Callback<()>>,
}

/// The columns: the plan as written, each kept scenario, the current scenario; each with its
/// shown outcome and whether its chances are still to come.
fn columns<'a>(
    props: &'a CompareProps,
    defaults: &'a [f64],
    base: Rc<Outcome>,
    base_pending: bool,
) -> Vec<Column<'a>> {
    let lang = props.lang;
    let mut columns = vec![Column {
        title: Msg::PlanAsWritten.text(lang),
        values: defaults,
        outcome: base,
        pending: base_pending,
        kept: None,
    }];
    for (k, kv) in props.kept.iter().enumerate() {
        let (outcome, pending) = props.figures.shown(&kv.kept.values, &kv.outcome);
        columns.push(Column {
            title: kv.kept.name.clone(),
            values: &kv.kept.values,
            outcome,
            pending,
            kept: Some(k),
        });
    }
    columns.push(Column {
        title: Msg::Current.text(lang),
        values: &props.values,
        outcome: props.shown.clone(),
        pending: props.estimating,
        kept: None,
    });
    columns
}

/// The keep form's name field and its handlers: the name typed, and keep (then empty it).
#[hook]
fn use_keep_form(
    on_keep: &Callback<String>,
) -> (String, Callback<InputEvent>, Callback<SubmitEvent>) {
    let name = use_state(String::new);
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_submit = {
        let (name, on_keep) = (name.clone(), on_keep.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_keep.emit((*name).clone());
            name.set(String::new());
        })
    };
    ((*name).clone(), on_name, on_submit)
}

/// A column's head: its title, a remove button for a kept scenario, "estimating".
fn head_cell(props: &CompareProps, c: &Column) -> Html {
    let lang = props.lang;
    html! {
        <th scope="col">
            { c.title.clone() }
            if let Some(k) = c.kept {
                <button
                    type="button"
                    class="pw-btn pw-remove"
                    aria-label={Msg::Remove(&c.title).text(lang)}
                    onclick={props.on_remove.reform(move |_: MouseEvent| k)}
                >{ "×" }</button>
            }
            if c.pending {
                <span class="pw-estimating-mark">{ RiskMsg::Estimating.text(lang) }</span>
            }
        </th>
    }
}

/// The counts at a glance: a row per status (its icon and word in the row's head), each
/// column's number of targets in it, so two columns fit side by side on a phone.
fn count_rows(columns: &[Column], lang: Lang) -> Html {
    let counts: Vec<[usize; 4]> = columns.iter().map(|c| c.outcome.counts()).collect();
    let row = |k: usize, s: Status| {
        let cells = columns.iter().zip(&counts).map(|(c, n)| {
            let n = n.get(k).copied().unwrap_or(0);
            html! { <td class={classes!(c.pending.then_some("pw-pending"))}>{ n.to_string() }</td> }
        });
        html! {
            <tr class={classes!("pw-count-row", status_class(s))}>
                <th scope="row"><span aria-hidden="true">{ status_icon(s) }{ " " }</span><span class="pw-word">{ s.label(lang) }</span></th>
                { for cells }
            </tr>
        }
    };
    html! { <>{ row(0, Status::Met) }{ row(1, Status::AtRisk) }{ row(2, Status::NotMet) }</> }
}

/// An input some column changed: its value in each column.
fn input_row(plan: &PlanRef, columns: &[Column], i: usize, lang: Lang) -> Option<Html> {
    let input = plan.inputs().get(i)?;
    let cells = columns.iter().map(|c| {
        let x = c.values.get(i).copied().unwrap_or(input.default);
        let differs = x != input.default;
        html! {
            <td class={classes!(differs.then_some("pw-diff"))}>
                { input_quantity(input, x, lang) }
            </td>
        }
    });
    Some(html! {
        <tr key={input.id.clone()}>
            <th scope="row">{ input.label.get(lang) }</th>
            { for cells }
        </tr>
    })
}

/// A target whose status some column flipped: its status in each column.
fn target_row(
    plan: &PlanRef,
    columns: &[Column],
    base: &Outcome,
    t: usize,
    lang: Lang,
) -> Option<Html> {
    let target = plan.targets().get(t)?;
    let base = base.statuses.get(t).copied();
    let cells = columns.iter().map(|c| {
        let s = c.outcome.statuses.get(t).copied().unwrap_or(Status::NoData);
        html! {
            <td class={classes!(status_class(s), (Some(s) != base).then_some("pw-diff"), c.pending.then_some("pw-pending"))}>
                <span aria-hidden="true">{ status_icon(s) }{ " " }</span>{ s.label(lang) }
            </td>
        }
    });
    Some(html! {
        <tr key={target.id.clone()}>
            <th scope="row">{ target.label.get(lang) }</th>
            { for cells }
        </tr>
    })
}

#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let (name, on_name, on_submit) = use_keep_form(&props.on_keep);
    let defaults = plan.defaults();
    let (base, base_pending) = props.figures.shown(&defaults, &props.base);
    let columns = columns(props, &defaults, base.clone(), base_pending);
    let changed_inputs: Vec<usize> = (0..plan.inputs().len())
        .filter(|&i| columns.iter().any(|c| c.values.get(i) != defaults.get(i)))
        .collect();
    let flipped: Vec<usize> = (0..plan.targets().len())
        .filter(|&t| {
            columns
                .iter()
                .any(|c| c.outcome.statuses.get(t) != base.statuses.get(t))
        })
        .collect();
    let span = (columns.len() + 1).to_string();
    let name_id = format!("{}keep-name", props.ids);
    html! {
        <section class="pw-compare" aria-label={Msg::Compare.text(lang)}>
            <h3 class="pw-h">{ Msg::Compare.text(lang) }</h3>
            <div class="pw-table-wrap" tabindex="0" role="group" aria-label={Msg::Compare.text(lang)}>
                <table class="pw-table">
                    <thead><tr><td></td>{ for columns.iter().map(|c| head_cell(props, c)) }</tr></thead>
                    <tbody>
                        <tr class="pw-subhead"><th scope="rowgroup" colspan={span.clone()}>{ Msg::AtAGlance.text(lang) }</th></tr>
                        { count_rows(&columns, lang) }
                        <tr class="pw-subhead"><th scope="rowgroup" colspan={span.clone()}>{ Msg::LeversChanged.text(lang) }</th></tr>
                        if changed_inputs.is_empty() {
                            <tr><td colspan={span.clone()}>{ Msg::SameAsPlan.text(lang) }</td></tr>
                        }
                        { for changed_inputs.iter().filter_map(|&i| input_row(plan, &columns, i, lang)) }
                        <tr class="pw-subhead"><th scope="rowgroup" colspan={span.clone()}>{ Msg::StatusesFlipped.text(lang) }</th></tr>
                        if flipped.is_empty() {
                            <tr><td colspan={span}>{ Msg::SameAsPlan.text(lang) }</td></tr>
                        }
                        { for flipped.iter().filter_map(|&t| target_row(plan, &columns, &base, t, lang)) }
                    </tbody>
                </table>
            </div>
            <p class="pw-hint">{ RiskMsg::CompareRule.text(lang) }</p>
            <p class="pw-hint">{ Msg::CompareHint.text(lang) }</p>
            <form class="pw-keep" onsubmit={on_submit}>
                <label for={name_id.clone()}>{ Msg::ScenarioName.text(lang) }</label>
                <input id={name_id} type="text" maxlength="60" value={name} oninput={on_name} />
                <button type="submit" class="pw-btn pw-primary">{ Msg::Keep.text(lang) }</button>
            </form>
            if let Some(on_add) = &props.residents {
                { super::tally::add_median(lang, on_add) }
            }
            if let Some(note) = props.storage {
                <p class="pw-error" role="status">{
                    match note {
                        StorageNote::Refused => Msg::StorageRefused.text(lang),
                        StorageNote::Unreadable => Msg::StorageUnreadable.text(lang),
                    }
                }</p>
            }
        </section>
    }
}

/// On the Compare tab in one column (a phone; large text under 1,100 px), the lever panel that
/// follows this disclosure is folded behind it, so the comparison comes first under the tabs;
/// opened, its summary stands for the panel's heading (widget.css). A native `<details>` with no
/// content of its own: the browser keeps its state, so nothing is added to the wasm but markup;
/// it is drawn anew, folded, on each visit to the tab. Where levers and view stand side by side,
/// it is hidden and the panel always shown.
pub fn lever_fold(lang: Lang) -> Html {
    html! {
        <details class="pw-lever-fold"><summary>{ Msg::Levers.text(lang) }</summary></details>
    }
}
