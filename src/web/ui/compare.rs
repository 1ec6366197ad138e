//! Compare: keep the current scenario under a name; the plan as written, the kept scenarios and
//! the current one side by side, with the levers that differ and the statuses that flipped.
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

/// A compare column: title, values, shown outcome, chances still to come, kept index.
type Column<'a> = (String, &'a [f64], Rc<Outcome>, bool, Option<usize>);

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

#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let name = use_state(String::new);
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_submit = {
        let name = name.clone();
        let on_keep = props.on_keep.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_keep.emit((*name).clone());
            name.set(String::new());
        })
    };
    let defaults = plan.defaults();
    // Columns: the plan as written, each kept scenario, the current scenario; each with its
    // shown outcome and whether its chances are still to come.
    let (base, base_pending) = props.figures.shown(&defaults, &props.base);
    let mut columns: Vec<Column> = vec![(
        Msg::PlanAsWritten.text(lang),
        &defaults,
        base.clone(),
        base_pending,
        None,
    )];
    for (k, kv) in props.kept.iter().enumerate() {
        let (o, pending) = props.figures.shown(&kv.kept.values, &kv.outcome);
        columns.push((kv.kept.name.clone(), &kv.kept.values, o, pending, Some(k)));
    }
    columns.push((
        Msg::Current.text(lang),
        &props.values,
        props.shown.clone(),
        props.estimating,
        None,
    ));

    let changed_inputs: Vec<usize> = (0..plan.inputs().len())
        .filter(|&i| {
            columns
                .iter()
                .any(|(_, v, _, _, _)| v.get(i) != defaults.get(i))
        })
        .collect();
    let flipped: Vec<usize> = (0..plan.targets().len())
        .filter(|&t| {
            columns
                .iter()
                .any(|(_, _, o, _, _)| o.statuses.get(t) != base.statuses.get(t))
        })
        .collect();

    let estimating = RiskMsg::Estimating.text(lang);
    let head = columns.iter().map(|(title, _, _, pending, kept)| {
        html! {
            <th scope="col">
                { title.clone() }
                if let Some(k) = *kept {
                    <button
                        type="button"
                        class="pw-btn pw-remove"
                        aria-label={Msg::Remove(title).text(lang)}
                        onclick={props.on_remove.reform(move |_: MouseEvent| k)}
                    >{ "×" }</button>
                }
                if *pending {
                    <span class="pw-estimating-mark">{ estimating.clone() }</span>
                }
            </th>
        }
    });
    let counts_row = columns.iter().map(|(_, _, o, pending, _)| {
        let [met, risk, not, _] = o.counts();
        let chip = |s: Status, n: usize| {
            html! {
                <span class={classes!("pw-mini", status_class(s))}>
                    <span aria-hidden="true">{ status_icon(s) }{ " " }</span>
                    { format!("{} {n}", s.label(lang)) }
                </span>
            }
        };
        html! { <td class={classes!(pending.then_some("pw-pending"))}>{ chip(Status::Met, met) }{ chip(Status::AtRisk, risk) }{ chip(Status::NotMet, not) }</td> }
    });
    let input_rows = changed_inputs.iter().filter_map(|&i| {
        let input = plan.inputs().get(i)?;
        let cells = columns.iter().map(|(_, v, _, _, _)| {
            let x = v.get(i).copied().unwrap_or(input.default);
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
    });
    let target_rows = flipped.iter().filter_map(|&t| {
        let target = plan.targets().get(t)?;
        let base = base.statuses.get(t).copied();
        let cells = columns.iter().map(|(_, _, o, pending, _)| {
            let s = o.statuses.get(t).copied().unwrap_or(Status::NoData);
            html! {
                <td class={classes!(status_class(s), (Some(s) != base).then_some("pw-diff"), pending.then_some("pw-pending"))}>
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
    });
    let span = (columns.len() + 1).to_string();
    let name_id = format!("{}keep-name", props.ids);
    html! {
        <section class="pw-compare" aria-label={Msg::Compare.text(lang)}>
            <h3 class="pw-h">{ Msg::Compare.text(lang) }</h3>
            <p class="pw-hint">{ Msg::CompareHint.text(lang) }</p>
            <p class="pw-hint">{ RiskMsg::CompareRule.text(lang) }</p>
            <form class="pw-keep" onsubmit={on_submit}>
                <label for={name_id.clone()}>{ Msg::ScenarioName.text(lang) }</label>
                <input id={name_id} type="text" maxlength="60" value={(*name).clone()} oninput={on_name} />
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
            <div class="pw-table-wrap" tabindex="0" role="group" aria-label={Msg::Compare.text(lang)}>
                <table class="pw-table">
                    <thead><tr><td></td>{ for head }</tr></thead>
                    <tbody>
                        <tr><th scope="row">{ Msg::AtAGlance.text(lang) }</th>{ for counts_row }</tr>
                        <tr class="pw-subhead"><th scope="rowgroup" colspan={span.clone()}>{ Msg::LeversChanged.text(lang) }</th></tr>
                        if changed_inputs.is_empty() {
                            <tr><td colspan={span.clone()}>{ Msg::SameAsPlan.text(lang) }</td></tr>
                        }
                        { for input_rows }
                        <tr class="pw-subhead"><th scope="rowgroup" colspan={span.clone()}>{ Msg::StatusesFlipped.text(lang) }</th></tr>
                        if flipped.is_empty() {
                            <tr><td colspan={span}>{ Msg::SameAsPlan.text(lang) }</td></tr>
                        }
                        { for target_rows }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
