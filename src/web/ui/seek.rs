//! "What would it take": on a target that is not met, a disclosure listing the policy levers
//! that can meet it ([`Seeker::suggestions`]), each with a one-click Apply.
//!
//! One [`Seeker`] per plan, built the first time a disclosure opens and kept in
//! [`SeekProvider`]. Suggestions are computed only for open disclosures: the list is a child
//! component rendered only when its `<details>` is open, and only it subscribes to the scenario
//! context, so closed cards do not re-render when the values change.

use super::view::PlanRef;
use crate::core::display::quantity;
use crate::core::numtext;
use crate::core::seek::{SeekOptions, Seeker, Suggestion};
use crate::core::{Lang, Plan};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The strings of goal seek, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum SeekMsg<'a> {
    WhatItTakes,
    /// Lever label, from, to (both with unit).
    Move(&'a str, &'a str, &'a str),
    /// The change as a share of the lever's range (already formatted).
    OfRange(&'a str),
    NoneInRange(&'a str),
    NoLever,
    Apply,
    /// Accessible name of an Apply button: lever label and the value it sets (with unit).
    ApplyTo(&'a str, &'a str),
    /// Announced after an Apply: lever label, from, to.
    Applied(&'a str, &'a str, &'a str),
    Hint,
}

impl SeekMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: String, e: String| if zh { z } else { e };
        match self {
            SeekMsg::WhatItTakes => s("要达成需要什么".into(), "What would it take".into()),
            SeekMsg::Move(l, a, b) => s(format!("{l}：{a} → {b}"), format!("{l}: {a} → {b}")),
            SeekMsg::OfRange(p) => s(
                format!("（变动幅度为可调范围的 {p}）"),
                format!("({p} of its range)"),
            ),
            SeekMsg::NoneInRange(l) => s(
                format!("{l}：可调范围内没有能达成的值"),
                format!("{l}: no value in range meets it"),
            ),
            SeekMsg::NoLever => s(
                "没有政策杠杆能影响这个目标。".into(),
                "No policy lever affects this target.".into(),
            ),
            SeekMsg::Apply => s("应用".into(), "Apply".into()),
            SeekMsg::ApplyTo(l, v) => s(
                format!("应用：{l}设为 {v}"),
                format!("Apply: set {l} to {v}"),
            ),
            SeekMsg::Applied(l, a, b) => s(
                format!("已应用：{l} {a} → {b}"),
                format!("Applied: {l} {a} → {b}"),
            ),
            SeekMsg::Hint => s(
                "每项只调整一个杠杆，其余保持不变；按变动幅度从小到大排列。".into(),
                "Each moves one lever with the others unchanged, smallest change first.".into(),
            ),
        }
    }
}

/// A share (0–1) as a percentage for display: whole percent, "<1%" for a small non-zero share.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1%".to_string()
    } else if (99.5..100.0).contains(&p) {
        ">99%".to_string()
    } else {
        format!("{}%", numtext::fixed(p, 0))
    }
}

/// The seeker of the widget's plan, built on first use.
type SeekerCell = Rc<RefCell<Option<Seeker<Rc<Plan>>>>>;

/// What the suggestion lists read: the current scenario and how to apply a change.
#[derive(Clone)]
pub struct SeekCtx {
    /// Bumped at every change of the values (the lists recompute when it changes).
    pub rev: u32,
    pub values: Rc<Vec<f64>>,
    seeker: SeekerCell,
    /// Apply: (input, value, announcement).
    on_apply: Callback<(usize, f64, String)>,
}

impl PartialEq for SeekCtx {
    fn eq(&self, other: &SeekCtx) -> bool {
        self.rev == other.rev
            && Rc::ptr_eq(&self.seeker, &other.seeker)
            && self.on_apply == other.on_apply
    }
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub plan: PlanRef,
    pub rev: u32,
    pub values: Vec<f64>,
    /// Sets an input as one undoable step.
    pub on_apply: Callback<(usize, f64)>,
    pub children: Html,
}

/// Holds the plan's seeker, provides [`SeekCtx`] and announces applied suggestions.
#[component]
pub fn SeekProvider(props: &ProviderProps) -> Html {
    let seeker: SeekerCell =
        (*use_memo(props.plan.clone(), |_| Rc::new(RefCell::new(None)))).clone();
    let announcement = use_state(String::new);
    let on_apply = use_callback(
        (props.on_apply.clone(), announcement.setter()),
        |(i, v, text): (usize, f64, String), (apply, announce)| {
            apply.emit((i, v));
            announce.set(text);
        },
    );
    let values = use_memo(props.values.clone(), |v| Rc::new(v.clone()));
    let ctx = SeekCtx {
        rev: props.rev,
        values: (*values).clone(),
        seeker,
        on_apply,
    };
    html! {
        <ContextProvider<SeekCtx> context={ctx}>
            { props.children.clone() }
            <div class="pw-said" role="status" aria-live="polite" aria-atomic="true">{ (*announcement).clone() }</div>
        </ContextProvider<SeekCtx>>
    }
}

#[derive(Properties, PartialEq)]
pub struct WhatProps {
    pub plan: PlanRef,
    pub target: usize,
    pub lang: Lang,
}

/// The disclosure on a card. Controlled: the list exists only while it is open.
#[component]
pub fn WhatItTakes(props: &WhatProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(!*open);
        })
    };
    html! {
        <details class="pw-seek" open={*open}>
            <summary onclick={toggle}>{ SeekMsg::WhatItTakes.text(props.lang) }</summary>
            if *open {
                <SeekList plan={props.plan.clone()} target={props.target} lang={props.lang} />
            }
        </details>
    }
}

/// The suggestions for one target at the current scenario.
#[component]
fn SeekList(props: &WhatProps) -> Html {
    let lang = props.lang;
    let ctx = use_context::<SeekCtx>();
    let rev = ctx.as_ref().map(|c| c.rev);
    let suggestions = {
        let ctx = ctx.clone();
        let plan = props.plan.0.clone();
        use_memo((rev, props.target), move |(_, target)| {
            let Some(ctx) = ctx else {
                return Vec::new();
            };
            let mut cell = ctx.seeker.borrow_mut();
            let seeker = cell.get_or_insert_with(|| Seeker::new(plan));
            seeker
                .suggestions(&ctx.values, *target, SeekOptions::default())
                .unwrap_or_default()
        })
    };
    let (Some(ctx), plan) = (ctx, &props.plan) else {
        return Html::default();
    };
    let rows = suggestions.iter().filter_map(|s: &Suggestion| {
        let input = plan.inputs().get(s.input)?;
        let label = input.label.get(lang);
        let from = quantity(s.from, &input.unit, lang);
        let (Some(to), Some(rel)) = (s.to, s.relative) else {
            return Some(html! {
                <li class="pw-seek-none" key={s.input}>{ SeekMsg::NoneInRange(label).text(lang) }</li>
            });
        };
        let to_text = quantity(to, &input.unit, lang);
        let announce = SeekMsg::Applied(label, &from, &to_text).text(lang);
        let onclick = {
            let apply = ctx.on_apply.clone();
            let input = s.input;
            Callback::from(move |e: MouseEvent| {
                focus_card(&e);
                apply.emit((input, to, announce.clone()))
            })
        };
        Some(html! {
            <li class="pw-seek-item" key={s.input} data-lever={input.id.clone()}>
                <span class="pw-seek-move">{ SeekMsg::Move(label, &from, &to_text).text(lang) }</span>
                { " " }
                <span class="pw-k">{ SeekMsg::OfRange(&percent(rel)).text(lang) }</span>
                { " " }
                <button type="button" class="pw-btn pw-seek-apply" aria-label={SeekMsg::ApplyTo(label, &to_text).text(lang)} {onclick}>
                    { SeekMsg::Apply.text(lang) }
                </button>
            </li>
        })
    });
    html! {
        <div class="pw-seek-body">
            if suggestions.is_empty() {
                <p class="pw-k">{ SeekMsg::NoLever.text(lang) }</p>
            } else {
                <p class="pw-k">{ SeekMsg::Hint.text(lang) }</p>
                <ul class="pw-seek-list">{ for rows }</ul>
            }
        </div>
    }
}

/// Before an Apply takes the disclosure away (its target now met), the focus moves from the
/// button to the target's card (focusable for it: `tabindex="-1"`), whose new status a screen
/// reader then reads; it fell to the page's body (tests/e2e/polish.spec.mjs).
fn focus_card(e: &MouseEvent) {
    let card = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|el| el.closest(".pw-card").ok().flatten())
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(card) = card {
        if !card.has_attribute("tabindex") {
            let _ = card.set_attribute("tabindex", "-1");
        }
        let _ = card.focus();
    }
}
