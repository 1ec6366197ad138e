//! Plain words for what the cards and the summary show: the sentences of a card's figures (its
//! chance, why it is at risk, its bar's ends), the count chips as filters, and the glossary that
//! explains every term on touch and keyboard (a disclosure, never a `title` tooltip).

use super::seek::percent;
use crate::core::numtext;
use crate::core::plan::Role;
use crate::core::risk::AT_RISK_BELOW;
use crate::core::{Lang, Status};
use yew::prelude::*;

/// A message of the plain-words layer.
#[derive(Debug, Clone, PartialEq)]
pub enum WordsMsg<'a> {
    /// The chance of being met (formatted percentage).
    Chance(&'a str),
    /// At risk: met, but only just; then why (an assumption's end, in words).
    OnlyJustBecause(&'a str),
    /// At risk with no single assumption to name: the chance of missing.
    OnlyJustChance(&'a str),
    /// At risk before the chances are in and with nothing to name.
    OnlyJust,
    /// The bar's left end (the baseline or zero).
    BarStart(&'a str),
    /// The goal's label at its mark.
    BarGoal(&'a str),
    /// "Showing only …" above filtered cards: status word, count.
    Showing(&'a str, usize),
    ShowAll,
    /// The chip's accessible name: status word, count.
    ChipLabel(&'a str, usize),
    GlossaryTitle,
    TermChance,
    ExplainChance(usize),
    TermRange,
    ExplainRange,
    TermAtRisk,
    ExplainAtRisk,
    ExplainRole(Role),
    TermBar,
    ExplainBar,
}

impl WordsMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: String, e: String| if zh { z } else { e };
        match self {
            WordsMsg::Chance(p) => s(
                format!("达标的可能性约为 {p}"),
                format!("About a {p} chance of being met"),
            ),
            WordsMsg::OnlyJustBecause(why) => s(
                format!("达标，但余量很小：{why}。"),
                format!("Met, but only just: {why}."),
            ),
            WordsMsg::OnlyJustChance(q) => s(
                format!("达标，但余量很小：约有 {q} 的可能达不到。"),
                format!("Met, but only just: about a {q} chance it is missed."),
            ),
            WordsMsg::OnlyJust => s(
                "达标，但余量很小。".into(),
                "Met, but only just.".into(),
            ),
            WordsMsg::BarStart(v) => s(format!("起点 {v}"), format!("start {v}")),
            WordsMsg::BarGoal(v) => s(format!("目标 {v}"), format!("goal {v}")),
            WordsMsg::Showing(word, n) => s(
                format!("只显示“{word}”的 {n} 个目标。"),
                format!("Showing only the {n} “{word}” target{}.", plural(*n)),
            ),
            WordsMsg::ShowAll => s("显示全部目标".into(), "Show all targets".into()),
            WordsMsg::ChipLabel(word, n) => s(
                format!("{word} {n} 个，点按只看这些目标"),
                format!("{word}: {n}; press to list only these targets"),
            ),
            WordsMsg::GlossaryTitle => s(
                "这些词是什么意思？".into(),
                "What do these words mean?".into(),
            ),
            WordsMsg::TermChance => s("达标的可能性（达成概率）".into(), "Chance of being met".into()),
            WordsMsg::ExplainChance(n) => s(
                format!("示例假设（如人口、入园意愿）并不确定。把每项假设在其范围内随机取值，重算 {n} 次，目标达标的次数占多少，就是达标的可能性。"),
                format!("The illustrative assumptions (population, take-up, …) are uncertain. Each is drawn at random within its range and the plan recomputed {n} times; the share of runs in which the target is met is its chance."),
            ),
            WordsMsg::TermRange => s("大概率在……之间（区间）".into(), "Most likely between … and …".into()),
            WordsMsg::ExplainRange => s(
                "同样的重算中，去掉最低的一成和最高的一成结果后，其余八成结果所在的范围。".into(),
                "In the same recomputations, the range that holds the middle eight in ten results (the lowest and the highest tenth left out).".into(),
            ),
            WordsMsg::TermAtRisk => s(
                "有风险（达标，但余量很小）".into(),
                "At risk (met, but only just)".into(),
            ),
            WordsMsg::ExplainAtRisk => {
                let p = numtext::shortest((AT_RISK_BELOW * 100.0).round());
                s(
                    format!("按当前数值能达标，但只要某项假设取到其范围的一端就达不到，或达标的可能性低于 {p}%。卡片上写明是哪项假设。"),
                    format!("Met at the current values, but one assumption at an end of its range makes it fail, or its chance is below {p}%. The card names the assumption."),
                )
            }
            WordsMsg::ExplainRole(Role::Outcome) => s(
                "规划要实现的结果，如入学率：取决于资金、教师和示例假设。".into(),
                "A result the plan aims for, such as an enrolment rate: it depends on money, teachers and the illustrative assumptions.".into(),
            ),
            WordsMsg::ExplainRole(Role::Commitment) => s(
                "规划承诺去做的事，如新建学校的数量：资金或教师不够时会落空。".into(),
                "Something the plan promises to do, such as the number of schools built: it slips when money or teachers run short.".into(),
            ),
            WordsMsg::ExplainRole(Role::Check) => s(
                "模型自己的检查，不是规划原文的目标：资金和教师够不够用。".into(),
                "The model's own check, not one of the plan's targets: are there enough money and teachers.".into(),
            ),
            WordsMsg::TermBar => s("卡片上的横条".into(), "The bar on a card".into()),
            WordsMsg::ExplainBar => s(
                "从起点（规划前的数值，或 0）画到目标之后一点；竖线是目标。填充越过竖线为达标，停在竖线前为差距。".into(),
                "It runs from the start (the value before the plan, or 0) to a little past the goal; the upright line is the goal. Fill past the line is met, fill short of it is the shortfall.".into(),
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The one line on an at-risk card: why (an assumption's end, in words), else its chance of
/// being missed, else "only just".
pub fn at_risk_line(why: Option<&str>, chance: Option<f64>, lang: Lang) -> String {
    match (why, chance) {
        (Some(w), _) => WordsMsg::OnlyJustBecause(w).text(lang),
        (None, Some(p)) => WordsMsg::OnlyJustChance(&percent(1.0 - p)).text(lang),
        (None, None) => WordsMsg::OnlyJust.text(lang),
    }
}

#[derive(Properties, PartialEq)]
pub struct GlossaryProps {
    /// Samples of a risk run (how many recomputations the chance rests on).
    pub samples: usize,
    pub lang: Lang,
}

/// Every term the cards and the summary use, explained in a disclosure (touch and keyboard).
#[component]
pub fn Glossary(props: &GlossaryProps) -> Html {
    let lang = props.lang;
    let term = |t: String, d: String| {
        html! { <><dt>{ t }</dt><dd>{ d }</dd></> }
    };
    let roles = Role::ALL.map(|r| {
        term(
            super::msg::Msg::RoleMark(r).text(lang),
            WordsMsg::ExplainRole(r).text(lang),
        )
    });
    html! {
        <details class="pw-glossary">
            <summary>{ WordsMsg::GlossaryTitle.text(lang) }</summary>
            <dl>
                { term(WordsMsg::TermChance.text(lang), WordsMsg::ExplainChance(props.samples).text(lang)) }
                { term(WordsMsg::TermRange.text(lang), WordsMsg::ExplainRange.text(lang)) }
                { term(WordsMsg::TermAtRisk.text(lang), WordsMsg::ExplainAtRisk.text(lang)) }
                { term(WordsMsg::TermBar.text(lang), WordsMsg::ExplainBar.text(lang)) }
                { for roles }
            </dl>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShowingProps {
    pub status: Status,
    pub count: usize,
    pub on_filter: Callback<Option<Status>>,
    pub lang: Lang,
}

/// Above filtered cards: what is shown, and the way back to all. Scrolled into view when a
/// chip is pressed (on a phone the cards are below the lever panel).
#[component]
pub fn Showing(props: &ShowingProps) -> Html {
    let lang = props.lang;
    let all = props.on_filter.reform(|_: MouseEvent| None);
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.status, move |_| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                el.scroll_into_view();
            }
        });
    }
    html! {
        <p class="pw-showing" role="status" ref={node}>
            { WordsMsg::Showing(props.status.label(lang), props.count).text(lang) }{ " " }
            <button type="button" class="pw-btn pw-show-all" onclick={all}>{ WordsMsg::ShowAll.text(lang) }</button>
        </p>
    }
}
