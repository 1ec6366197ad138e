//! The summary strip: how many targets are met, at risk and not met, and the plan's `summary`
//! quantities (balances such as spending against funding shown as "needed against available").

use super::msg::{status_icon, Msg};
use super::risk::band_text;
use super::view::{status_class, PlanRef};
use super::words::{Glossary, WordsMsg};
use crate::core::constraint::{reason_of, slips};
use crate::core::display::quantity;
use crate::core::plan::Unit;
use crate::core::risk::{Band, RiskResult};
use crate::core::roles::counts_text;
use crate::core::session::{strip, StripItem};
use crate::core::{Lang, Outcome, Plan, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub plan: PlanRef,
    pub outcome: Rc<Outcome>,
    /// The last risk figures (10–90% bands).
    pub risk: Option<Rc<RiskResult>>,
    /// The status whose cards alone are listed (a pressed chip), if any.
    pub filter: Option<Status>,
    /// A chip pressed: its status, or `None` (pressed again: show all).
    pub on_filter: Callback<Option<Status>>,
    pub lang: Lang,
}

/// Label and unit of an outcome slot (an input or a derived quantity).
fn slot_text(plan: &Plan, slot: usize, lang: Lang) -> (String, Unit) {
    if let Some(input) = plan.inputs().get(slot) {
        return (input.label.get(lang).to_string(), input.unit.clone());
    }
    match plan.derived().get(slot.saturating_sub(plan.inputs().len())) {
        Some(d) => (d.label.get(lang).to_string(), d.unit.clone()),
        None => (String::new(), Unit::default()),
    }
}

/// A count as a toggle button that lists only its cards (pressed again: all of them).
fn count_chip(props: &SummaryProps, s: Status, n: usize) -> Html {
    let lang = props.lang;
    let pressed = props.filter == Some(s);
    let onclick = props
        .on_filter
        .reform(move |_: MouseEvent| (!pressed).then_some(s));
    html! {
        <li>
            <button type="button" class={classes!("pw-count-chip", status_class(s))}
                aria-pressed={pressed.to_string()} data-status={s.as_str()} {onclick}
                aria-label={WordsMsg::ChipLabel(s.label(lang), n).text(lang)}>
                <span class="pw-icon" aria-hidden="true">{ status_icon(s) }</span>
                <span>{ s.label(lang) }</span>
                <strong class="pw-n" data-status={s.as_str()}>{ n }</strong>
            </button>
        </li>
    }
}

/// A derived quantity's 10–90% band from the risk run, as a line of text; `flip` for a
/// balance shown as a shortfall (a positive gap has a positive range). Before the first run's
/// figures, the line's room (unseen: the band of the value `now` shown), so nothing moves when
/// they come.
fn band_of(props: &SummaryProps, d: usize, unit: &Unit, flip: bool, now: f64) -> Html {
    let Some(risk) = props.risk.as_ref() else {
        let at = Band {
            p10: now,
            p50: now,
            p90: now,
        };
        return match band_text(Some(at), unit, props.lang) {
            Some(t) => {
                html! { <span class="pw-band-room pw-pending" aria-hidden="true">{ t }</span> }
            }
            None => Html::default(),
        };
    };
    let b = risk
        .bands
        .get(d)
        .copied()
        .flatten()
        .map(|b| if flip { b.negated() } else { b });
    match band_text(b, unit, props.lang) {
        Some(t) => html! { <span class="pw-band">{ t }</span> },
        None => Html::default(),
    }
}

/// The band of the outcome slot `slot` if it is a derived quantity.
fn slot_band(props: &SummaryProps, slot: usize, unit: &Unit, now: f64) -> Html {
    let plan = &props.plan;
    slot.checked_sub(plan.inputs().len())
        .filter(|d| *d < plan.derived().len())
        .map_or_else(Html::default, |d| band_of(props, d, unit, false, now))
}

/// One of the plan's `summary` quantities: a value, or a balance (needed against available).
fn quantity_item(props: &SummaryProps, item: &StripItem) -> Html {
    let (plan, out, lang) = (&props.plan, &props.outcome, props.lang);
    match *item {
        StripItem::Value(d) => {
            let Some(q) = plan.derived().get(d) else {
                return Html::default();
            };
            let v = out.derived(plan, d);
            html! {
                <li class="pw-quantity">
                    <span class="pw-q-label">{ q.label.get(lang) }</span>
                    <strong>{ quantity(v, &q.unit, lang) }</strong>
                    { band_of(props, d, &q.unit, false, v) }
                </li>
            }
        }
        StripItem::Balance {
            balance,
            have_slot,
            need_slot,
        } => balance_item(props, balance, have_slot, need_slot),
    }
}

fn balance_item(props: &SummaryProps, balance: usize, have_slot: usize, need_slot: usize) -> Html {
    let (plan, out, lang) = (&props.plan, &props.outcome, props.lang);
    let slot = |s: usize| out.slots.get(s).copied().unwrap_or(f64::NAN);
    let (need_label, need_unit) = slot_text(plan, need_slot, lang);
    let (have_label, have_unit) = slot_text(plan, have_slot, lang);
    let b = out.derived(plan, balance);
    let unit = plan
        .derived()
        .get(balance)
        .map(|d| d.unit.clone())
        .unwrap_or_default();
    let ok = b >= 0.0;
    let status = if ok { Status::Met } else { Status::NotMet };
    let word = if ok { Msg::Surplus } else { Msg::Shortfall };
    html! {
        <li class={classes!("pw-quantity", "pw-balance", status_class(status))}>
            <span class="pw-q-label">{ need_label }</span>
            <strong>{ quantity(slot(need_slot), &need_unit, lang) }</strong>
            { slot_band(props, need_slot, &need_unit, slot(need_slot)) }
            <span class="pw-k">{ Msg::Against.text(lang) }</span>
            <span class="pw-q-label">{ have_label }</span>
            <strong>{ quantity(slot(have_slot), &have_unit, lang) }</strong>
            { slot_band(props, have_slot, &have_unit, slot(have_slot)) }
            <span class="pw-status">
                <span class="pw-icon" aria-hidden="true">{ status_icon(status) }</span>
                { format!("{} {}", word.text(lang), quantity(b.abs(), &unit, lang)) }
            </span>
            { band_of(props, balance, &unit, !ok, b.abs()) }
        </li>
    }
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let out = &props.outcome;
    let items = use_memo(plan.clone(), |p| strip(p));
    let [met, risk, not, none] = out.counts();
    // Outcomes, commitments and checks counted apart; then what a resource gap stopped.
    let roles = counts_text(&out.counts_by_role(plan), lang);
    let gap = reason_of(plan, &slips(plan, out), lang);
    html! {
        <section class="pw-summary" aria-label={Msg::AtAGlance.text(lang)}>
            <ul class="pw-counts">
                { count_chip(props, Status::Met, met) }
                { count_chip(props, Status::AtRisk, risk) }
                { count_chip(props, Status::NotMet, not) }
                if none > 0 { { count_chip(props, Status::NoData, none) } }
            </ul>
            <p class="pw-roles">{ roles }</p>
            if let Some(gap) = gap {
                <p class={classes!("pw-gap", status_class(Status::NotMet))}>
                    <span class="pw-icon" aria-hidden="true">{ status_icon(Status::NotMet) }</span>
                    { gap }
                </p>
            }
            <ul class="pw-quantities">{ for items.iter().map(|item| quantity_item(props, item)) }</ul>
            <Glossary samples={props.risk.as_ref().map_or(crate::core::risk::DEFAULT_SAMPLES, |r| r.samples)} {lang} />
        </section>
    }
}
