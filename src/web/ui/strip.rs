//! The move strip: on a narrow screen (one column, levers above the targets) a compact strip that
//! sticks to the top of the viewport with the counts and the targets the last move changed, so a
//! lever's effect stays in view while it moves. Hidden where levers and targets sit side by side
//! (widget.css). Which targets changed, and in what order, is [`crate::core::session::moves`].

use super::msg::status_icon;
use super::view::{status_class, PlanRef};
use crate::core::display::{quantity, shown_number};
use crate::core::session::Move;
use crate::core::{Lang, Outcome, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Targets named in the strip at most; the rest are counted.
const SHOWN: usize = 3;

/// The strip's own words, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum StripMsg {
    /// The strip's name for assistive technology.
    Label,
    /// Before any move.
    Idle,
    /// Before the changed targets.
    Changed,
    /// A move that changed no target.
    NoneChanged,
    /// More changed targets than the strip names.
    More(usize),
}

impl StripMsg {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: String, e: String| if zh { z } else { e };
        match self {
            StripMsg::Label => s("调整的效果".into(), "Effect of your changes".into()),
            StripMsg::Idle => s(
                "移动调节项，受影响的目标显示在这里".into(),
                "Move a lever: the targets it changes show here".into(),
            ),
            StripMsg::Changed => s("刚才：".into(), "Just now: ".into()),
            StripMsg::NoneChanged => s(
                "刚才的调整没有改变任何目标".into(),
                "The last change moved no target".into(),
            ),
            StripMsg::More(n) => s(format!("另有 {n} 项"), format!("{n} more")),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct MoveStripProps {
    pub plan: PlanRef,
    /// The shown outcome (statuses as the cards show them).
    pub shown: Rc<Outcome>,
    /// What the last move changed; `None` before any move.
    pub moves: Option<Rc<Vec<Move>>>,
    pub lang: Lang,
}

#[component]
pub fn MoveStrip(props: &MoveStripProps) -> Html {
    let lang = props.lang;
    let [met, risk, not, _] = props.shown.counts();
    let count = |s: Status, n: usize| {
        html! {
            <li class={classes!("pw-strip-count", status_class(s))}>
                <span class="pw-icon" aria-hidden="true">{ status_icon(s) }</span>
                <span class="pw-strip-word">{ s.label(lang) }</span>
                <strong>{ n }</strong>
            </li>
        }
    };
    html! {
        <section class="pw-strip" aria-label={StripMsg::Label.text(lang)}>
            <ul class="pw-strip-counts">
                { count(Status::Met, met) }
                { count(Status::AtRisk, risk) }
                { count(Status::NotMet, not) }
            </ul>
            <p class="pw-strip-moves" aria-live="polite">{ moves_html(props) }</p>
        </section>
    }
}

/// The changed targets in a few words each: icon, value before → after, label (cut short with
/// an ellipsis on a narrow screen; the figures never are).
fn moves_html(props: &MoveStripProps) -> Html {
    let lang = props.lang;
    let Some(moves) = props.moves.as_ref() else {
        return html! { <span class="pw-k">{ StripMsg::Idle.text(lang) }</span> };
    };
    if moves.is_empty() {
        return html! { <span class="pw-k">{ StripMsg::NoneChanged.text(lang) }</span> };
    }
    let plan = &props.plan;
    let items = moves.iter().take(SHOWN).filter_map(|m| {
        let t = plan.targets().get(m.target)?;
        let s = props
            .shown
            .statuses
            .get(m.target)
            .copied()
            .unwrap_or(Status::NoData);
        Some(html! {
            <span class={classes!("pw-strip-move", status_class(s), m.flipped.then_some("pw-strip-flip"))} data-target={t.id.clone()}>
                <span class="pw-icon" aria-hidden="true">{ status_icon(s) }</span>
                <span class="pw-strip-said">{ s.label(lang) }{ " " }</span>
                <span class="pw-strip-value">
                    { shown_number(m.before, &t.unit, lang) }{ "→" }
                    <strong>{ quantity(m.after, &t.unit, lang) }</strong>
                </span>
                { " " }
                <span class="pw-strip-name">{ t.label.get(lang) }</span>
            </span>
        })
    });
    let more = moves.len().saturating_sub(SHOWN);
    html! {
        <>
            <span class="pw-k">{ StripMsg::Changed.text(lang) }</span>
            { for items }
            if more > 0 { <span class="pw-k">{ StripMsg::More(more).text(lang) }</span> }
        </>
    }
}
