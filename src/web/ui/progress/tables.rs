//! The county × target status grid and the county ranking.

use super::msg::{progress_class, progress_icon, PMsg};
use crate::core::display::shown_number;
use crate::core::i18n::trim;
use crate::core::progress::{provisional_note, unreported_rule, ProgressReport, Scope};
use crate::core::Lang;
use crate::web::ui::view::PlanRef;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub plan: PlanRef,
    pub report: Rc<ProgressReport>,
    /// The as-of month, written out.
    pub month: AttrValue,
    /// The 范围 selector: the whole city shows every county; one county shows it alone.
    pub scope: Scope,
    pub lang: Lang,
}

/// The columns of the grid for the chosen area: the city and every division, or the city and
/// the chosen division.
fn grid_scopes(props: &ReportProps) -> Vec<Scope> {
    let n = props
        .plan
        .counties()
        .map(|c| c.divisions().len())
        .unwrap_or(0);
    match props.scope {
        Scope::County(d) => vec![Scope::City, Scope::County(d)],
        Scope::City => std::iter::once(Scope::City)
            .chain((0..n).map(Scope::County))
            .collect(),
    }
}

/// Targets down, the city and each division across; a cell per part: icon + word + colour,
/// reported value / milestone. Scrolls sideways inside its own box; the first column sticks.
#[component]
pub fn Grid(props: &ReportProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let counties = plan.counties();
    let scopes = grid_scopes(props);
    let provisional = |t: usize| counties.is_some_and(|c| c.provisional(t));
    let head = scopes.iter().map(|s| {
        html! { <th scope="col" data-county={s.id(counties).to_string()}>{ s.name(counties, lang) }</th> }
    });
    let shown = |t: usize| match props.scope {
        Scope::County(d) => counties.is_some_and(|c| c.has_part(t, d)),
        Scope::City => true,
    };
    let rows = plan.targets().iter().enumerate().filter(|(t, _)| shown(*t)).map(|(t, target)| {
        let prov = provisional(t);
        let cells = scopes.iter().map(|s| match props.report.cell(t, *s) {
            Some(c) => {
                let n = |v: f64| shown_number(v, &target.unit, lang);
                let v = c.value.map(n).unwrap_or_else(|| "—".into());
                html! {
                    <td class={classes!("pw-cell", progress_class(c.status))} data-county={s.id(counties).to_string()} data-status={c.status.as_str()}>
                        <span class="pw-icon" aria-hidden="true">{ progress_icon(c.status) }</span>
                        <span class="pw-status-word">{ c.status.label(lang) }</span>
                        <span class="pw-cell-v">{ v }{ " / " }{ n(c.milestone) }</span>
                        if prov && *s != Scope::City {
                            <span class="pw-prov">{ PMsg::Provisional.text(lang) }</span>
                        }
                    </td>
                }
            }
            None => html! {
                <td class="pw-cell pw-nopart" data-county={s.id(counties).to_string()}>{ PMsg::NoPart.text(lang) }</td>
            },
        });
        html! {
            <tr data-target={target.id.clone()}>
                <th scope="row">
                    { target.label.get(lang) }
                    if prov { { " " }<span class="pw-prov">{ PMsg::Provisional.text(lang) }</span> }
                </th>
                { for cells }
            </tr>
        }
    });
    html! {
        <section class="pw-p-grid">
            <h4 class="pw-h">{ PMsg::GridHeading.text(lang) }</h4>
            if let Scope::County(_) = props.scope {
                <p class="pw-hint">{ PMsg::GridFiltered(&props.scope.name(counties, lang)).text(lang) }</p>
            }
            <div class="pw-table-wrap pw-scroll" tabindex="0" role="region" aria-label={PMsg::GridHeading.text(lang)}>
                <table class="pw-table pw-grid">
                    <caption>{ PMsg::GridCaption(&props.month).text(lang) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ PMsg::Target.text(lang) }</th>
                            { for head }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

/// The ranking, best first, with the rule in a sentence and praise / 约谈 in words.
#[component]
pub fn Ranking(props: &ReportProps) -> Html {
    let lang = props.lang;
    let Some(counties) = props.plan.counties() else {
        return html! { <p class="pw-hint">{ PMsg::NoRanking.text(lang) }</p> };
    };
    let rules = counties.ranking();
    let rule = PMsg::RankingRule(
        &trim(rules.tolerance * 100.0, 1),
        rules.praise_top,
        &trim(rules.praise_min_share * 100.0, 1),
        rules.interview_bottom,
    )
    .text(lang);
    let unreported = unreported_rule(rules, lang);
    let provisional = provisional_note(counties, props.plan.targets().len(), lang);
    let rows = props.report.ranking.iter().map(|r| {
        let d = Scope::County(r.division);
        let mark = if r.praise {
            html! { <span class="pw-praise">{ "★ " }{ PMsg::Praise.text(lang) }</span> }
        } else if r.interview {
            html! { <span class="pw-interview">{ "⚠ " }{ PMsg::Interview.text(lang) }</span> }
        } else if r.follow_up {
            html! { <span class="pw-followup">{ "✉ " }{ PMsg::FollowUp.text(lang) }</span> }
        } else {
            Html::default()
        };
        let ranked = r.rank.is_some();
        let pct = |x: f64| if ranked { format!("{}%", trim(x * 100.0, 1)) } else { "—".into() };
        let rank = match r.rank {
            Some(n) => html! { { n } },
            None => html! { <span class="pw-k">{ PMsg::NotRanked.text(lang) }</span> },
        };
        let selected = props.scope == d;
        html! {
            <tr data-county={d.id(Some(counties)).to_string()} aria-current={selected.then_some("true")} class={classes!(r.praise.then_some("pw-r-praise"), r.interview.then_some("pw-r-interview"), r.follow_up.then_some("pw-r-followup"), selected.then_some("pw-r-current"))}>
                <td class="pw-num">{ rank }</td>
                <th scope="row">{ d.name(Some(counties), lang) }</th>
                <td class="pw-num">{ r.tasks }</td>
                <td class="pw-num">{ r.ahead }</td>
                <td class="pw-num">{ r.on_track }</td>
                <td class="pw-num">{ r.behind }</td>
                <td class="pw-num">{ r.no_report }</td>
                <td class="pw-num">{ r.provisional }</td>
                <td class="pw-num">{ pct(r.share) }</td>
                <td class="pw-num">{ pct(r.completion) }</td>
                <td class="pw-mark">{ mark }</td>
            </tr>
        }
    });
    use crate::core::progress::ProgressStatus as S;
    html! {
        <section class="pw-p-ranking">
            <h4 class="pw-h">{ PMsg::RankingHeading.text(lang) }</h4>
            <p class="pw-rule">{ rule }{ " " }{ unreported }</p>
            if let Some(note) = provisional { <p class="pw-rule">{ note }</p> }
            <div class="pw-table-wrap pw-scroll" tabindex="0" role="region" aria-label={PMsg::RankingHeading.text(lang)}>
                <table class="pw-table pw-ranking">
                    <caption>{ PMsg::RankingCaption(&props.month).text(lang) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ PMsg::Rank.text(lang) }</th>
                            <th scope="col">{ PMsg::County.text(lang) }</th>
                            <th scope="col">{ PMsg::Tasks.text(lang) }</th>
                            <th scope="col">{ S::Ahead.label(lang) }</th>
                            <th scope="col">{ S::OnTrack.label(lang) }</th>
                            <th scope="col">{ S::Behind.label(lang) }</th>
                            <th scope="col">{ S::NoReport.label(lang) }</th>
                            <th scope="col">{ PMsg::ProvisionalCol.text(lang) }</th>
                            <th scope="col">{ PMsg::Share.text(lang) }</th>
                            <th scope="col">{ PMsg::Completion.text(lang) }</th>
                            <th scope="col">{ PMsg::Mark.text(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
