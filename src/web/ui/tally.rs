//! Residents' choices shown back (the element's `tally` attribute): the JSON that
//! `plan-widget tally` wrote, read by [`crate::core::tally::marks`]. Each slider gets a band
//! (the middle half of the residents' values) and a median mark, with the same in words for
//! everyone (not colour alone); Compare can add the residents' median scenario as a column.

use crate::core::display::input_quantity;
use crate::core::numtext;
use crate::core::tally::marks::{Mark, Marks, MarksError};
use crate::core::{Input, Lang};
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
                format!("居民方案：中位数 {m}，中间一半 {a} 至 {b}（{n} 份中 {c} 份调整了此项）")
            }
            TallyMsg::Mark(m, a, b, c, n) => format!(
                "Residents: median {m}, middle half {a} to {b} ({c} of {n} scenarios changed it)"
            ),
            TallyMsg::FetchFailed(url, 0) if zh => {
                format!("居民方案统计 {url} 无法下载。滑块上不显示居民的选择，其余功能照常。")
            }
            TallyMsg::FetchFailed(url, 0) => format!(
                "The residents' tally {url} could not be downloaded. The sliders show no residents' marks; everything else works as usual."
            ),
            TallyMsg::FetchFailed(url, s) if zh => format!(
                "居民方案统计 {url} 无法加载（HTTP {s}）。滑块上不显示居民的选择，其余功能照常。"
            ),
            TallyMsg::FetchFailed(url, s) => format!(
                "The residents' tally {url} could not be loaded (HTTP {s}). The sliders show no residents' marks; everything else works as usual."
            ),
            TallyMsg::Invalid(url, why) if zh => {
                format!("居民方案统计 {url} 无法使用：{why} 滑块上不显示居民的选择。")
            }
            TallyMsg::Invalid(url, why) => format!(
                "The residents' tally {url} cannot be used: {why} The sliders show no residents' marks."
            ),
            TallyMsg::Source(n) if zh => {
                format!("滑块下方的色带标出 {n} 份居民方案的中间一半，深色竖线为中位数。")
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

// Plain functions rather than components: each component type costs the wasm bytes, and these
// have no state of their own.

/// Above the levers: what the marks mean, or why there are none.
pub fn residents_notice(residents: &Residents, lang: Lang) -> Html {
    match residents {
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

/// x (0–1000) of `v` on the input's range.
fn x_of(input: &Input, v: f64) -> f64 {
    if input.max > input.min {
        ((v - input.min) / (input.max - input.min)).clamp(0.0, 1.0) * 1000.0
    } else {
        500.0
    }
}

/// Right under one slider: the band of the middle half and the median, aligned with the track
/// (hidden from screen readers: [`resident_text`] says the same).
pub fn resident_band(input: &Input, m: Mark) -> Html {
    let (a, b, x) = (x_of(input, m.q1), x_of(input, m.q3), x_of(input, m.median));
    html! {
        <svg class="pw-resident-band" viewBox="0 0 1000 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="pw-resident-track" x="0" y="5" width="1000" height="2" />
            <rect class="pw-resident-half" x={numtext::fixed(a - 4.0, 1)} y="2" width={numtext::fixed((b - a + 8.0).max(8.0), 1)} height="8" />
            <rect class="pw-resident-median" x={numtext::fixed(x - 3.0, 1)} y="0" width="6" height="12" />
        </svg>
    }
}

/// The residents' mark in words, under the lever's controls (the slider's description, `id`).
pub fn resident_text(input: &Input, m: Mark, valid: usize, lang: Lang, id: String) -> Html {
    let q = |v: f64| input_quantity(input, v, lang);
    let text = TallyMsg::Mark(&q(m.median), &q(m.q1), &q(m.q3), m.changed, valid).text(lang);
    html! { <p class="pw-resident-text" {id}>{ text }</p> }
}

/// In Compare: the button that adds the residents' median scenario as a column.
pub fn add_median(lang: Lang, on_add: &Callback<()>) -> Html {
    let onclick = on_add.reform(|_: MouseEvent| ());
    html! {
        <p class="pw-residents-add">
            <button type="button" class="pw-btn" {onclick}>{ TallyMsg::AddMedian.text(lang) }</button>
        </p>
    }
}
