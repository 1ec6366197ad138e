//! One target's timeline: milestones against reported values by month, as a small SVG chart
//! (sized by attributes, no style) with the same figures in a table for screen readers.

use super::msg::PMsg;
use crate::core::display::shown_number;
use crate::core::plan::Unit;
use crate::core::progress::{MonthNo, TimelinePoint};
use crate::core::Lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub points: Rc<Vec<TimelinePoint>>,
    /// Target label and area name, for the caption.
    pub label: AttrValue,
    pub scope: AttrValue,
    /// The target's unit: values are canonical, shown in the unit of `lang`.
    pub unit: Rc<Unit>,
    pub year: i32,
    pub as_of: Option<MonthNo>,
    pub lang: Lang,
}

const W: f64 = 320.0;
const H: f64 = 150.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

/// The y range of a chart: every milestone and value, padded; never empty.
fn y_range(points: &[TimelinePoint]) -> (f64, f64) {
    let vals = points
        .iter()
        .flat_map(|p| std::iter::once(p.milestone).chain(p.actual))
        .filter(|v| v.is_finite());
    let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    if (hi - lo).abs() < 1e-9 {
        let pad = if hi.abs() > 0.0 { hi.abs() * 0.1 } else { 1.0 };
        return (lo - pad, hi + pad);
    }
    let pad = (hi - lo) * 0.08;
    (lo - pad, hi + pad)
}

fn x_of(m: MonthNo) -> f64 {
    LEFT + (f64::from(m) - 1.0) / 11.0 * (W - LEFT - RIGHT)
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let points = &props.points;
    let (lo, hi) = y_range(points);
    let y_of = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let plan_line: String = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x_of(p.month), y_of(p.milestone)))
        .collect::<Vec<_>>()
        .join(" ");
    let reported: Vec<(MonthNo, f64)> = points
        .iter()
        .filter_map(|p| p.actual.map(|a| (p.month, a)))
        .collect();
    let actual_line: String = reported
        .iter()
        .map(|(m, a)| format!("{:.1},{:.1}", x_of(*m), y_of(*a)))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = reported.iter().map(|(m, a)| {
        html! { <circle class="pw-tl-dot" cx={format!("{:.1}", x_of(*m))} cy={format!("{:.1}", y_of(*a))} r="3.5" /> }
    });
    let ticks = [1u8, 3, 6, 9, 12].into_iter().map(|m| {
        html! { <text class="pw-tl-tick" x={format!("{:.1}", x_of(m))} y={format!("{}", H - 8.0)} text-anchor="middle">{ m }</text> }
    });
    let as_of = props.as_of.map(|m| {
        let x = format!("{:.1}", x_of(m));
        html! { <line class="pw-tl-now" x1={x.clone()} x2={x} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} /> }
    });
    let y_label = |v: f64, y: f64| {
        html! { <text class="pw-tl-tick" x={(LEFT - 4.0).to_string()} y={format!("{:.1}", y + 4.0)} text-anchor="end">{ shown_number(v, &props.unit, lang) }</text> }
    };
    let top_v = hi - (hi - lo) * 0.08 / 1.16;
    let bottom_v = lo + (hi - lo) * 0.08 / 1.16;
    html! {
        <div class="pw-timeline">
            <figure class="pw-tl-figure">
                <svg class="pw-tl-chart" viewBox={format!("0 0 {W} {H}")} width="320" height="150" aria-hidden="true" focusable="false">
                    <line class="pw-tl-axis" x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={(H - BOTTOM).to_string()} y2={(H - BOTTOM).to_string()} />
                    <line class="pw-tl-axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} />
                    { y_label(top_v, y_of(top_v)) }
                    { y_label(bottom_v, y_of(bottom_v)) }
                    { for ticks }
                    { for as_of }
                    <polyline class="pw-tl-plan" points={plan_line} />
                    if reported.len() > 1 { <polyline class="pw-tl-actual" points={actual_line} /> }
                    { for dots }
                </svg>
                <figcaption class="pw-k">{ PMsg::ChartLegendPlan.text(lang) }<br />{ PMsg::ChartLegendActual.text(lang) }</figcaption>
            </figure>
            { timeline_table(props) }
        </div>
    }
}

/// The timeline's figures as a table (month, milestone, actual): what the chart shows, for
/// screen readers and for reading exact values.
fn timeline_table(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let points = &props.points;
    let rows = points.iter().map(|p| {
        let month = PMsg::Month(props.year, p.month).text(lang);
        html! {
            <tr class={classes!((props.as_of == Some(p.month)).then_some("pw-now"))}>
                <th scope="row">{ month }</th>
                <td>{ shown_number(p.milestone, &props.unit, lang) }</td>
                <td>{ p.actual.map(|a| shown_number(a, &props.unit, lang)).unwrap_or_else(|| "—".into()) }</td>
            </tr>
        }
    });
    // "…by month (%)" in English, "…实际值（%）" in Chinese.
    let unit = match (props.unit.shown(lang), lang) {
        ("", _) => String::new(),
        (u, Lang::ZhCn) => format!("（{u}）"),
        (u, _) => format!(" ({u})"),
    };
    let caption = PMsg::TimelineCaption(&props.label, &props.scope).text(lang);
    html! {
        <div class="pw-table-wrap pw-scroll pw-tl-table" tabindex="0" role="region" aria-label={caption.clone()}>
            <table class="pw-table">
                <caption>{ caption }{ unit }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ PMsg::MonthCol.text(lang) }</th>
                        <th scope="col">{ PMsg::Milestone.text(lang) }</th>
                        <th scope="col">{ PMsg::Actual.text(lang) }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
