//! A shared scenario is marked as such: after a share code (the `scenario` attribute or
//! property, or a `#pw=` link) moved the widget away from the plan as written, a banner says it
//! is someone's modified version, lists what was changed and offers the plan as written; the
//! lever panel opens the groups that hold the changed inputs (and marks every changed input in
//! words, [`SharedMsg::Changed`]); the widget is scrolled into view once.

use super::view::PlanRef;
use crate::core::display::input_quantity;
use crate::core::{Lang, Plan};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};
use yew::prelude::*;

/// The strings of the shared-scenario marks, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum SharedMsg<'a> {
    /// The banner's first line, with the number of changed inputs.
    Banner(usize),
    /// One changed input: label, the plan's value, the shared value.
    Change(&'a str, &'a str, &'a str),
    /// More changes than listed.
    More(usize),
    AsWritten,
    /// The mark of a changed input (beside its slider), and in a group's title with a count.
    Changed,
    ChangedIn(usize),
}

impl SharedMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            SharedMsg::Banner(n) if zh => {
                format!("这是他人调整的方案，与计划原文不同：改动了 {n} 项。")
            }
            SharedMsg::Banner(1) => {
                "This is someone’s modified version, not the plan as written: 1 input changed."
                    .to_string()
            }
            SharedMsg::Banner(n) => format!(
                "This is someone’s modified version, not the plan as written: {n} inputs changed."
            ),
            SharedMsg::Change(label, from, to) if zh => format!("{label}：计划 {from} → {to}"),
            SharedMsg::Change(label, from, to) => format!("{label}: plan {from} → {to}"),
            SharedMsg::More(n) if zh => format!("另有 {n} 项"),
            SharedMsg::More(n) => format!("and {n} more"),
            SharedMsg::AsWritten if zh => "查看计划原文".to_string(),
            SharedMsg::AsWritten => "See the plan as written".to_string(),
            SharedMsg::Changed if zh => "已改动".to_string(),
            SharedMsg::Changed => "Changed".to_string(),
            SharedMsg::ChangedIn(n) if zh => format!("已改动 {n} 项"),
            SharedMsg::ChangedIn(n) => format!("{n} changed"),
        }
    }
}

/// The inputs (levers and assumptions) whose value differs from the plan's.
pub fn changed_inputs(plan: &Plan, values: &[f64]) -> Vec<usize> {
    plan.inputs()
        .iter()
        .zip(values)
        .enumerate()
        .filter(|(_, (input, v))| **v != input.default)
        .map(|(i, _)| i)
        .collect()
}

/// The inputs a share code changed, for the lever panel to open their groups: a new
/// `generation` each time a code is applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reveal {
    pub generation: u32,
    pub inputs: Rc<[usize]>,
}

impl Reveal {
    /// The next reveal after `self`, of the inputs changed in `values`.
    pub fn next(&self, plan: &Plan, values: &[f64]) -> Reveal {
        Reveal {
            generation: self.generation.wrapping_add(1),
            inputs: changed_inputs(plan, values).into(),
        }
    }
}

/// A widget's shared-scenario state: the inputs for the lever panel to reveal, and whether the
/// banner shows.
#[derive(Clone, PartialEq)]
pub struct Shared {
    pub reveal: UseStateHandle<Reveal>,
    pub banner: UseStateHandle<bool>,
}

impl Shared {
    /// A share code is about to replace `current` with `values`: marked as shared, unless it
    /// changes nothing (the widget's own code fed back) or brings the plan as written.
    pub fn applying(&self, plan: &Plan, current: &[f64], values: &[f64]) {
        if values != current && values != plan.defaults().as_slice() {
            self.reveal.set(self.reveal.next(plan, values));
            self.banner.set(true);
        }
    }
}

/// The shared-scenario state. Back at the plan's values the banner is gone for good (a later
/// code brings it back). Call it before the effect that applies codes: at mount, this effect
/// must run first.
#[hook]
pub fn use_shared(plan: &Plan, values: &[f64]) -> Shared {
    let reveal = use_state_eq(Reveal::default);
    let banner = use_state_eq(|| false);
    {
        let banner = banner.clone();
        let away = values != plan.defaults().as_slice();
        use_effect_with(away, move |away| {
            if !*away {
                banner.set(false);
            }
        });
    }
    Shared { reveal, banner }
}

/// At most this many changes are listed in the banner.
const LISTED: usize = 5;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub plan: PlanRef,
    pub values: Vec<f64>,
    pub lang: Lang,
    /// Scroll the widget into view when the banner appears (once per page: the first code).
    pub scroll: bool,
    /// "See the plan as written".
    pub on_as_written: Callback<()>,
}

/// The banner over the summary while a shared scenario differs from the plan as written.
#[component]
pub fn SharedBanner(props: &BannerProps) -> Html {
    let lang = props.lang;
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.scroll, move |scroll| {
            if *scroll {
                scroll_host_into_view(&node);
            }
        });
    }
    let plan = &props.plan;
    let changed = changed_inputs(plan, &props.values);
    let items = changed.iter().take(LISTED).filter_map(|&i| {
        let input = plan.inputs().get(i)?;
        let from = input_quantity(input, input.default, lang);
        let to = input_quantity(input, *props.values.get(i)?, lang);
        Some(html! { <li>{ SharedMsg::Change(input.label.get(lang), &from, &to).text(lang) }</li> })
    });
    let more = changed.len().saturating_sub(LISTED);
    let on_click = props.on_as_written.reform(|_: MouseEvent| ());
    html! {
        <div ref={node} class="pw-shared" role="status">
            <div class="pw-notice-body">
                <p class="pw-notice-h"><span class="pw-shared-icon" aria-hidden="true">{ "✎ " }</span>{ SharedMsg::Banner(changed.len()).text(lang) }</p>
                <ul class="pw-notice-list">
                    { for items }
                    if more > 0 { <li>{ SharedMsg::More(more).text(lang) }</li> }
                </ul>
            </div>
            <button type="button" class="pw-btn pw-primary" onclick={on_click}>{ SharedMsg::AsWritten.text(lang) }</button>
        </div>
    }
}

/// Scrolls the `<plan-widget>` element holding `node` to the top of the viewport (or `node`
/// itself outside a shadow root).
fn scroll_host_into_view(node: &NodeRef) {
    let Some(el) = node.cast::<Element>() else {
        return;
    };
    let host = el
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .map(|r| r.host())
        .unwrap_or(el);
    host.scroll_into_view();
}
