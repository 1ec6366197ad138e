//! Residents' choices shown back (the element's `tally` attribute): the JSON that
//! `plan-widget tally` wrote, read by [`crate::core::tally::marks`]. Each slider gets a band
//! (the middle half of the residents' values) and a median mark, with the same in words for
//! everyone (not colour alone); Compare can add the residents' median scenario as a column.

use super::view::PlanRef;
use crate::core::display::input_quantity;
use crate::core::tally::marks::{Mark, Marks, MarksError};
use crate::core::Lang;
use std::rc::Rc;
use yew::prelude::*;

/// What the `tally` URL gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Residents {
    /// No `tally` attribute (the default): nothing is shown.
    #[default]
    Off,
    Loaded(Rc<Marks>),
    /// The fetch failed: `status` is the HTTP status, 0 when there was no answer.
    FetchFailed {
        url: Rc<str>,
        status: u16,
    },
    Invalid {
        url: Rc<str>,
        error: MarksError,
    },
}

impl Residents {
    pub fn marks(&self) -> Option<Rc<Marks>> {
        match self {
            Residents::Loaded(m) => Some(m.clone()),
            _ => None,
        }
    }
}

/// Messages of this feature.
#[derive(Debug, Clone, PartialEq)]
pub enum TallyMsg<'a> {
    /// (median, q1, q3, changed, valid)
    Mark(&'a str, &'a str, &'a str, usize, usize),
    FetchFailed(&'a str, u16),
    Invalid(&'a str, String),
    Source(usize),
    MedianName,
    AddMedian,
}

impl TallyMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            TallyMsg::Mark(m, a, b, c, n) if zh => {
                format!("居民方案:中位数 {m},中间一半 {a} 至 {b}({n} 份中 {c} 份调整了此项)")
            }
            TallyMsg::Mark(m, a, b, c, n) => format!(
                "Residents: median {m}, middle half {a} to {b} ({c} of {n} scenarios changed it)"
            ),
            TallyMsg::FetchFailed(url, 0) if zh => {
                format!("居民方案统计 {url} 无法下载。滑块上不显示居民的选择,其余功能照常。")
            }
            TallyMsg::FetchFailed(url, 0) => format!(
                "The residents' tally {url} could not be downloaded. The sliders show no residents' marks; everything else works as usual."
            ),
            TallyMsg::FetchFailed(url, s) if zh => format!(
                "居民方案统计 {url} 无法加载(HTTP {s})。滑块上不显示居民的选择,其余功能照常。"
            ),
            TallyMsg::FetchFailed(url, s) => format!(
                "The residents' tally {url} could not be loaded (HTTP {s}). The sliders show no residents' marks; everything else works as usual."
            ),
            TallyMsg::Invalid(url, why) if zh => {
                format!("居民方案统计 {url} 无法使用:{why} 滑块上不显示居民的选择。")
            }
            TallyMsg::Invalid(url, why) => format!(
                "The residents' tally {url} cannot be used: {why} The sliders show no residents' marks."
            ),
            TallyMsg::Source(n) if zh => {
                format!("滑块下方的色带标出 {n} 份居民方案的中间一半,深色竖线为中位数。")
            }
            TallyMsg::Source(n) => format!(
                "The band under each slider marks the middle half of {n} residents' scenarios; the dark tick is their median."
            ),
            TallyMsg::MedianName if zh => "居民方案中位数".into(),
            TallyMsg::MedianName => "Residents' median scenario".into(),
            TallyMsg::AddMedian if zh => "加入“居民方案中位数”一列".into(),
            TallyMsg::AddMedian => "Add the residents' median scenario as a column".into(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub residents: Residents,
    pub lang: Lang,
}

/// Above the levers: what the marks mean, or why there are none.
#[component]
pub fn ResidentsNotice(props: &NoticeProps) -> Html {
    let lang = props.lang;
    match &props.residents {
        Residents::Off => Html::default(),
        Residents::Loaded(m) => html! {
            <p class="pw-hint pw-residents-key">{ TallyMsg::Source(m.valid).text(lang) }</p>
        },
        Residents::FetchFailed { url, status } => html! {
            <p class="pw-error pw-residents-error" role="status">{ TallyMsg::FetchFailed(url, *status).text(lang) }</p>
        },
        Residents::Invalid { url, error } => html! {
            <p class="pw-error pw-residents-error" role="status">{ TallyMsg::Invalid(url, error.message(lang)).text(lang) }</p>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct MarkProps {
    pub plan: PlanRef,
    pub index: usize,
    pub mark: Mark,
    pub valid: usize,
    pub lang: Lang,
    /// Id of the text, for the slider's `aria-describedby`.
    pub id: AttrValue,
}

/// x (0–1000) of `v` on the input's range.
fn x_of(min: f64, max: f64, v: f64) -> f64 {
    if max > min {
        ((v - min) / (max - min)).clamp(0.0, 1.0) * 1000.0
    } else {
        500.0
    }
}

/// Right under one slider: the band of the middle half and the median, aligned with the track
/// (hidden from screen readers: [`ResidentText`] says the same).
#[component]
pub fn ResidentBand(props: &MarkProps) -> Html {
    let Some(input) = props.plan.inputs().get(props.index) else {
        return Html::default();
    };
    let m = props.mark;
    let (a, b) = (
        x_of(input.min, input.max, m.q1),
        x_of(input.min, input.max, m.q3),
    );
    let x = x_of(input.min, input.max, m.median);
    html! {
        <svg class="pw-resident-band" viewBox="0 0 1000 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="pw-resident-track" x="0" y="5" width="1000" height="2" />
            <rect class="pw-resident-half" x={format!("{:.1}", a - 4.0)} y="2" width={format!("{:.1}", (b - a + 8.0).max(8.0))} height="8" />
            <rect class="pw-resident-median" x={format!("{:.1}", x - 3.0)} y="0" width="6" height="12" />
        </svg>
    }
}

/// The residents' mark in words, under the lever's controls (the slider's description).
#[component]
pub fn ResidentText(props: &MarkProps) -> Html {
    let lang = props.lang;
    let Some(input) = props.plan.inputs().get(props.index) else {
        return Html::default();
    };
    let m = props.mark;
    let q = |v: f64| input_quantity(input, v, lang);
    let text = TallyMsg::Mark(&q(m.median), &q(m.q1), &q(m.q3), m.changed, props.valid).text(lang);
    html! { <p class="pw-resident-text" id={props.id.clone()}>{ text }</p> }
}

#[derive(Properties, PartialEq)]
pub struct AddMedianProps {
    pub lang: Lang,
    /// Adds the residents' median scenario as a kept column.
    pub on_add: Callback<()>,
}

/// In Compare: the button that adds the residents' median scenario as a column.
#[component]
pub fn AddMedian(props: &AddMedianProps) -> Html {
    let on_add = props.on_add.reform(|_: MouseEvent| ());
    html! {
        <p class="pw-residents-add">
            <button type="button" class="pw-btn" onclick={on_add}>{ TallyMsg::AddMedian.text(props.lang) }</button>
        </p>
    }
}
