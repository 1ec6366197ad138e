//! The targets, grouped by the plan's sections: one card per target with its projected value
//! against its goal, its status (colour + icon + word), a gauge and the plan's own words.

use super::msg::{status_icon, Msg};
use super::risk::RiskMsg;
use super::seek::{percent, WhatItTakes};
use super::view::{status_class, PlanRef};
use crate::core::constraint::reason;
use crate::core::display::{gauge, goal_text, quantity};
use crate::core::plan::{Role, Target, TargetKind};
use crate::core::risk::RiskResult;
use crate::core::{Lang, Outcome, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TargetsProps {
    pub plan: PlanRef,
    pub outcome: Rc<Outcome>,
    /// The last risk figures (chances of being met).
    pub risk: Option<Rc<RiskResult>>,
    pub lang: Lang,
}

/// The cards of the targets `keep` selects, in plan order.
fn cards(props: &TargetsProps, keep: impl Fn(&Target) -> bool) -> Vec<Html> {
    let plan = &props.plan;
    let lang = props.lang;
    plan.targets()
        .iter()
        .enumerate()
        .filter(|(_, t)| keep(t))
        .map(|(i, t)| {
            html! {
                <TargetCard
                    key={t.id.clone()}
                    plan={plan.clone()}
                    index={i}
                    value={props.outcome.target(plan, i)}
                    status={props.outcome.statuses.get(i).copied().unwrap_or(Status::NoData)}
                    chance={props.risk.as_ref().and_then(|r| r.probabilities.get(i).copied().flatten())}
                    samples={props.risk.as_ref().map_or(0, |r| r.samples)}
                    reason={reason(plan, &props.outcome, i, lang)}
                    {lang}
                />
            }
        })
        .collect()
}

#[component]
pub fn Targets(props: &TargetsProps) -> Html {
    let plan = &props.plan;
    let lang = props.lang;
    // The model's feasibility checks come first and apart: they are not the document's.
    let checks = cards(props, |t| t.role == Role::Check);
    let checks = (!checks.is_empty()).then(|| {
        html! {
            <section class="pw-section pw-checks" aria-label={Role::Check.label(lang)}>
                <h4 class="pw-section-title">{ Role::Check.label(lang) }</h4>
                <p class="pw-hint">{ Msg::ChecksHint.text(lang) }</p>
                <ul class="pw-cards">{ for checks }</ul>
            </section>
        }
    });
    let sections = plan.sections().iter().filter_map(|section| {
        let cards = cards(props, |t| t.section == section.id && t.role != Role::Check);
        if cards.is_empty() {
            return None;
        }
        Some(html! {
            <section class="pw-section" key={section.id.clone()} aria-label={section.title.get(lang).to_string()}>
                <h4 class="pw-section-title">{ section.title.get(lang) }</h4>
                <ul class="pw-cards">{ for cards }</ul>
            </section>
        })
    });
    html! {
        <div class="pw-targets">
            <h3 class="pw-h">{ Msg::TargetsHeading.text(lang) }</h3>
            { for checks }
            { for sections }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub plan: PlanRef,
    pub index: usize,
    pub value: f64,
    pub status: Status,
    /// P(met) from the risk run, once there is one.
    pub chance: Option<f64>,
    pub samples: usize,
    /// What a resource gap stopped that reaches this target, in words.
    pub reason: Option<String>,
    pub lang: Lang,
}

/// One target. Re-renders only when its own value, status or the language change.
#[component]
pub fn TargetCard(props: &CardProps) -> Html {
    let lang = props.lang;
    let Some(t) = props.plan.targets().get(props.index) else {
        return Html::default();
    };
    let yes_no = t.kind == TargetKind::YesNo;
    let value = match (props.value.is_finite(), yes_no) {
        (false, _) => "—".to_string(),
        (true, true) if t.goal.is_met(props.value) => Msg::Done.text(lang),
        (true, true) => Msg::NotDone.text(lang),
        (true, false) => quantity(props.value, &t.unit, lang),
    };
    let goal = if yes_no {
        Msg::Done.text(lang)
    } else {
        goal_text(t.goal, &t.unit, lang)
    };
    let bar = match gauge(t.goal, props.value) {
        Some((fill, mark)) if !yes_no => html! {
            <svg class="pw-gauge" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="pw-gauge-track" x="0" y="1" width="100" height="6" />
                <rect class="pw-gauge-fill" x="0" y="1" width={format!("{fill:.2}")} height="6" />
                <rect class="pw-gauge-goal" x={format!("{:.2}", (mark - 0.6).max(0.0))} y="0" width="1.2" height="8" />
            </svg>
        },
        _ => Html::default(),
    };
    let note = t.note.get(lang);
    let role = match t.role {
        Role::Outcome => Html::default(),
        r => {
            html! { <span class="pw-tag pw-role" data-role={r.as_str()}>{ Msg::RoleMark(r).text(lang) }</span> }
        }
    };
    let seekable = props.status == Status::NotMet
        && t.role != Role::Check
        && !props.plan.is_set_commitment(props.index);
    html! {
        <li class={classes!("pw-card", status_class(props.status))} data-target={t.id.clone()} data-role={t.role.as_str()}>
            <h5 class="pw-card-label">{ t.label.get(lang) }{ role }</h5>
            <p class="pw-status">
                <span class="pw-icon" aria-hidden="true">{ status_icon(props.status) }</span>
                <span class="pw-status-word">{ props.status.label(lang) }</span>
            </p>
            <p class="pw-values">
                <span class="pw-k">{ Msg::Projected.text(lang) }</span>
                <strong class="pw-value">{ value }</strong>
                <span class="pw-k">{ Msg::Goal.text(lang) }</span>
                <span class="pw-goal">{ goal }</span>
            </p>
            { bar }
            if let Some(p) = props.chance {
                <p class="pw-chance" title={RiskMsg::ChanceHint(props.samples).text(lang)}>{ RiskMsg::ChanceMet(&percent(p)).text(lang) }</p>
            }
            if let Some(r) = &props.reason {
                <p class="pw-reason"><span class="pw-k">{ Msg::Why.text(lang) }</span>{ r }</p>
            }
            if seekable {
                <WhatItTakes plan={props.plan.clone()} target={props.index} {lang} />
            }
            if !t.source.is_empty() {
                <details class="pw-source">
                    <summary>{ Msg::PlanText.text(lang) }</summary>
                    <blockquote lang="zh-CN">{ &t.source }</blockquote>
                    if !note.is_empty() {
                        <p class="pw-note"><span class="pw-k">{ Msg::Note.text(lang) }{ " " }</span>{ note }</p>
                    }
                </details>
            } else if !note.is_empty() {
                <p class="pw-note">{ note }</p>
            }
        </li>
    }
}
