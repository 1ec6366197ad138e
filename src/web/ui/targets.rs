//! The targets, grouped by the plan's sections: one card per target with its projected value
//! against its goal, its status (colour + icon + word), a gauge and the plan's own words. What
//! a card shows comes from the widget's card feed ([`super::cards`]).

use super::card_markup::{gauge_html, heading_html, words_html, Body, FirstLook};
use super::cards::{use_card, FeedRef};
use super::msg::{status_icon, Msg};
use super::seek::{percent, WhatItTakes};
use super::view::{status_class, PlanRef};
use super::words::{at_risk_line, Showing, WordsMsg};
use crate::core::display::{bar, goal_words, quantity};
use crate::core::plan::{Role, Target, TargetKind};
use crate::core::risk::has_chance;
use crate::core::{Lang, Outcome, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TargetsProps {
    pub plan: PlanRef,
    /// What each card shows: a move re-renders only the cards it changes, through the feed,
    /// not this list.
    pub feed: FeedRef,
    /// The shown outcome while a status filter is on (it decides which cards are listed);
    /// `None` without a filter, so that a move does not re-render the list.
    pub filtered: Option<Rc<Outcome>>,
    /// Only the cards with this status (a count chip of the summary was pressed).
    pub filter: Option<Status>,
    pub on_filter: Callback<Option<Status>>,
    pub lang: Lang,
}

/// The cards of the targets `keep` selects (and the status filter lets through), in plan order.
fn cards(props: &TargetsProps, keep: impl Fn(&Target) -> bool) -> Vec<Html> {
    let plan = &props.plan;
    let lang = props.lang;
    let passes = |i: usize| match (props.filter, &props.filtered) {
        (Some(f), Some(o)) => o.statuses.get(i).copied().unwrap_or(Status::NoData) == f,
        _ => true,
    };
    plan.targets()
        .iter()
        .enumerate()
        .filter(|(i, t)| keep(t) && passes(*i))
        .map(|(i, t)| {
            html! {
                <TargetCard key={t.id.clone()} plan={plan.clone()} index={i} feed={props.feed.clone()} {lang} />
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
        let cards = cards(props, |t| {
            t.section == section.id && t.role != Role::Check
        });
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
    let showing = props.filter.map(|status| {
        let count = props
            .filtered
            .as_ref()
            .map_or(0, |o| o.statuses.iter().filter(|s| **s == status).count());
        html! { <Showing {status} {count} on_filter={props.on_filter.clone()} {lang} /> }
    });
    html! {
        <div class="pw-targets">
            <h3 class="pw-h">{ Msg::TargetsHeading.text(lang) }</h3>
            { for showing }
            { for checks }
            { for sections }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub plan: PlanRef,
    pub index: usize,
    /// What the card shows ([`FeedRef::data`]); the feed re-renders the card when it changes.
    pub feed: FeedRef,
    pub lang: Lang,
}

/// The card's body as yew elements: what [`FirstLook::body`] draws as one raw node.
fn body_elements(b: &Body) -> Html {
    let lang = b.lang;
    html! {
        <>
            { b.heading.clone() }
            <p class="pw-status">
                <span class="pw-icon" aria-hidden="true">{ status_icon(b.status) }</span>
                <span class="pw-status-word">{ b.status.label(lang) }</span>
            </p>
            <p class="pw-values">
                <span class="pw-k">{ Msg::Projected.text(lang) }</span>
                <strong class="pw-value">{ b.value }</strong>
                <span class="pw-k">{ Msg::Goal.text(lang) }</span>
                <span class="pw-goal">{ b.goal }</span>
            </p>
            { b.bar.clone() }
            if let Some(line) = b.risk_why {
                <p class="pw-risk-why">{ line }</p>
            }
            if let Some((text, room)) = b.chance {
                if room {
                    <p class="pw-chance-room pw-pending" aria-hidden="true">{ text }</p>
                } else {
                    <p class="pw-chance">{ text }</p>
                }
            }
            if let Some(r) = b.reason {
                <p class="pw-reason"><span class="pw-k">{ Msg::Why.text(lang) }</span>{ r }</p>
            }
        </>
    }
}

/// One target. Re-rendered by the feed when what it shows changes, or for a new language.
#[component]
pub fn TargetCard(props: &CardProps) -> Html {
    let lang = props.lang;
    let node = use_node_ref();
    let data = use_card(&props.feed, props.index, &node);
    // The body's markup at the first render, until the card draws anything else.
    let first = use_mut_ref(FirstLook::default);
    // Fixed for the target and the language: built once, never redrawn by a move.
    let fixed = use_memo(
        (props.plan.clone(), props.index, lang),
        |(plan, i, lang)| {
            plan.targets()
                .get(*i)
                .map(|t| (heading_html(t, *lang), words_html(t, *lang)))
        },
    );
    let (heading, words) = (*fixed).clone().unwrap_or_default();
    // The bar follows the value alone (the hydration's second render reuses it).
    let deps = (props.plan.clone(), props.index, lang, data.value.to_bits());
    let gauge = use_memo(deps, |(plan, i, lang, _)| {
        let t = plan.targets().get(*i)?;
        let b = bar(t.goal, t.baseline, data.value).filter(|_| t.kind != TargetKind::YesNo)?;
        Some(gauge_html(b, t, *lang))
    });
    let Some(t) = props.plan.targets().get(props.index) else {
        return Html::default();
    };
    let yes_no = t.kind == TargetKind::YesNo;
    let value = match (data.value.is_finite(), yes_no) {
        (false, _) => "—".to_string(),
        (true, true) if t.goal.is_met(data.value) => Msg::Done.text(lang),
        (true, true) => Msg::NotDone.text(lang),
        (true, false) => quantity(data.value, &t.unit, lang),
    };
    let goal = if yes_no {
        Msg::Done.text(lang)
    } else {
        goal_words(t.goal, &t.unit, lang)
    };
    let bar = (*gauge).clone().unwrap_or_default();
    let at_risk = (data.status == Status::AtRisk)
        .then(|| at_risk_line(data.why.as_deref(), data.chance, lang));
    let chance = match data.chance {
        Some(p) => Some((WordsMsg::Chance(&percent(p)).text(lang), false)),
        // Its room from the first paint (unseen), so nothing moves when the chance comes.
        None if has_chance(&props.plan, props.index) => {
            Some((WordsMsg::Chance("—").text(lang), true))
        }
        None => None,
    };
    let seekable = data.status == Status::NotMet
        && t.role != Role::Check
        && !props.plan.is_set_commitment(props.index);
    // Until the card first shows something else than at its first render (the plan as
    // written: the prerendered HTML), its body is one raw node that hydration walks past.
    let body = Body {
        heading: &heading,
        status: data.status,
        value: &value,
        goal: &goal,
        bar: &bar,
        risk_why: at_risk.as_deref(),
        chance: chance.as_ref().map(|(text, room)| (text.as_str(), *room)),
        reason: data.reason.as_deref(),
        lang,
    };
    let raw = first.borrow_mut().body(&body);
    let body = raw.unwrap_or_else(|| body_elements(&body));
    html! {
        <li ref={node} class={classes!("pw-card", status_class(data.status))} data-target={t.id.clone()} data-role={t.role.as_str()}>
            { body }
            if seekable {
                <WhatItTakes plan={props.plan.clone()} target={props.index} {lang} />
            }
            { words }
        </li>
    }
}

#[cfg(test)]
#[cfg(all(feature = "render", not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::validate::parse_plan;
    use crate::web::ssr::render_component;

    #[derive(Properties, PartialEq)]
    struct ShowProps {
        html: Html,
    }

    #[component]
    fn Show(props: &ShowProps) -> Html {
        props.html.clone()
    }

    /// `html` rendered as `plan-widget render` renders, without yew's comment markers.
    fn rendered(html: Html) -> String {
        let out = render_component::<Show>(ShowProps { html }).unwrap_or_else(|e| panic!("{e}"));
        let mut text = String::new();
        let mut rest = out.as_str();
        while let Some(at) = rest.find("<!--") {
            text.push_str(&rest[..at]);
            let end = rest[at..].find("-->").map_or(rest.len(), |e| at + e + 3);
            rest = &rest[end..];
        }
        text + rest
    }

    /// The raw body is the card's yew elements to the byte (as prerendered), for every line a
    /// card may have and with the texts of a plan whose texts hold markup.
    #[test]
    fn the_raw_body_is_the_elements() {
        let plan = parse_plan(include_str!("../../../tests/plans/markup.json")).unwrap();
        let t = plan.targets().iter().find(|t| t.id == "kg_built").unwrap();
        for lang in [Lang::ZhCn, Lang::En] {
            let heading = heading_html(t, lang);
            let b = bar(t.goal, t.baseline, 2.0).unwrap();
            let bar = gauge_html(b, t, lang);
            let value = quantity(2.0, &t.unit, lang);
            let goal = goal_words(t.goal, &t.unit, lang);
            let lines = [
                (None, None, None),
                (Some("<b>\"why\" & how</b>"), Some(("— <i>", true)), None),
                (
                    Some("x"),
                    Some(("87%", false)),
                    Some("<script>alert(1)</script>"),
                ),
            ];
            for (status, (risk_why, chance, reason)) in
                [Status::Met, Status::AtRisk, Status::NotMet]
                    .into_iter()
                    .zip(lines)
            {
                let body = Body {
                    heading: &heading,
                    status,
                    value: &value,
                    goal: &goal,
                    bar: &bar,
                    risk_why,
                    chance,
                    reason,
                    lang,
                };
                let raw = rendered(FirstLook::default().body(&body).unwrap());
                assert_eq!(raw, rendered(body_elements(&body)));
                assert!(!raw.contains("<script") && !raw.contains("<img"), "{raw}");
            }
        }
    }
}
