//! The lever panel: policy levers by group, then the illustrative assumptions folded away. Each
//! input is a native range with a number field beside it, a mark of the plan's value and a reset.

use super::msg::Msg;
use super::shared::{Reveal, SharedMsg};
use super::tally::{resident_band, resident_text, residents_notice, Residents};
use super::view::PlanRef;
use crate::core::display::{input_plain, input_quantity, read_typed, TypedProblem};
use crate::core::plan::Origin;
use crate::core::{InputKind, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Key of the folded box of all assumptions among the open groups.
const ASSUMPTIONS: &str = "assumptions";

/// Key of a lever group among the open groups.
fn group_key(kind: InputKind, section: &str) -> String {
    format!("{}:{section}", kind.as_str())
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub plan: PlanRef,
    pub values: Vec<f64>,
    pub lang: Lang,
    /// Prefix for element ids, unique per widget instance.
    pub ids: AttrValue,
    /// The inputs a share code changed: their groups open (shared.rs).
    #[prop_or_default]
    pub reveal: Reveal,
    pub on_set: Callback<(usize, f64)>,
    pub on_commit: Callback<()>,
    pub on_reset: Callback<usize>,
    /// Residents' marks (the `tally` attribute), shown under each slider.
    #[prop_or_default]
    pub residents: Residents,
}

#[component]
pub fn LeverPanel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let filter = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    // ASCII case folding only: Chinese has no case, and full Unicode tables cost wasm bytes.
    let needle = filter.trim().to_ascii_lowercase();
    let filtering = !needle.is_empty();
    let plan = &props.plan;
    let marks = props.residents.marks();
    // A lever matches by its label, its id or its group's title ("投入" finds the funding).
    let matches = |i: usize| {
        plan.inputs().get(i).is_some_and(|input| {
            let group = plan.section(&input.group).map(|s| s.title.get(lang));
            !filtering
                || input.label.get(lang).to_ascii_lowercase().contains(&needle)
                || input.id.contains(&needle)
                || group.is_some_and(|g| g.to_ascii_lowercase().contains(&needle))
        })
    };
    // Which groups are open. Rows of a closed group are not rendered at all (a plan may have
    // a hundred inputs): the <details> are controlled, toggled by their summary.
    let open_groups = use_state(|| {
        let first = plan
            .inputs()
            .iter()
            .find(|i| i.kind == InputKind::Policy)
            .map(|i| group_key(InputKind::Policy, &i.group));
        first.into_iter().collect::<Vec<String>>()
    });
    use_reveal(&open_groups, plan, &props.reveal);
    let toggle = |key: String| {
        let open_groups = open_groups.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let mut next = (*open_groups).clone();
            match next.iter().position(|k| *k == key) {
                Some(at) => {
                    next.remove(at);
                }
                None => next.push(key.clone()),
            }
            open_groups.set(next);
        })
    };
    let is_open = |key: &str| filtering || open_groups.iter().any(|k| k == key);
    let group = |kind: InputKind| -> Vec<Html> {
        plan.sections()
            .iter()
            .filter_map(|section| {
                let members = || {
                    plan.inputs().iter().enumerate().filter(|(i, input)| {
                        input.kind == kind && input.group == section.id && matches(*i)
                    })
                };
                let n = members().count();
                if n == 0 {
                    return None;
                }
                let changed = members()
                    .filter(|(i, input)| props.values.get(*i).is_some_and(|v| *v != input.default))
                    .count();
                let key = group_key(kind, &section.id);
                let open = is_open(&key);
                let rows = open.then(|| {
                    members()
                        .map(|(i, input)| {
                            html! {
                                <LeverRow
                                    key={input.id.clone()}
                                    plan={plan.clone()}
                                    index={i}
                                    value={props.values.get(i).copied().unwrap_or(input.default)}
                                    {lang}
                                    ids={props.ids.clone()}
                                    on_set={props.on_set.clone()}
                                    on_commit={props.on_commit.clone()}
                                    on_reset={props.on_reset.clone()}
                                    resident={marks.as_ref().and_then(|m| Some((m.get(i)?, m.valid)))}
                                />
                            }
                        })
                        .collect::<Html>()
                });
                Some(html! {
                    <details class="pw-group" key={key.clone()} {open}>
                        <summary onclick={toggle(key)}>
                            { section.title.get(lang) }<span class="pw-count">{ format!(" ({n})") }</span>
                            if changed > 0 { <span class="pw-tag pw-changed-mark">{ SharedMsg::ChangedIn(changed).text(lang) }</span> }
                        </summary>
                        if let Some(rows) = rows {
                            <ul class="pw-rows">{ rows }</ul>
                        }
                    </details>
                })
            })
            .collect()
    };
    let levers = group(InputKind::Policy);
    let assumptions_open = is_open(ASSUMPTIONS);
    let assumptions = group(InputKind::Assumption);
    let n_assumptions = plan
        .inputs()
        .iter()
        .filter(|i| i.kind == InputKind::Assumption)
        .count();
    let none = levers.is_empty() && assumptions.is_empty();
    html! {
        <div class="pw-levers">
            <h3 class="pw-h">{ Msg::Levers.text(lang) }</h3>
            <p class="pw-hint">{ Msg::LeversHint.text(lang) }</p>
            { residents_notice(&props.residents, lang) }
            <p class="pw-filter">
                <label for={format!("{}filter", props.ids)}>{ Msg::Filter.text(lang) }</label>
                <input id={format!("{}filter", props.ids)} type="search" value={(*filter).clone()} oninput={on_filter} />
            </p>
            if none {
                <p class="pw-hint">{ Msg::NoMatch.text(lang) }</p>
            }
            { for levers }
            if n_assumptions > 0 && (!filtering || !assumptions.is_empty()) {
                <details class="pw-assumptions" open={assumptions_open}>
                    <summary onclick={toggle(ASSUMPTIONS.to_string())}>{ Msg::Assumptions(n_assumptions).text(lang) }</summary>
                    if assumptions_open {
                        <p class="pw-hint">{ Msg::AssumptionsHint.text(lang) }</p>
                        { for assumptions }
                    }
                </details>
            }
        </div>
    }
}

/// A share code's changed inputs: their groups (and the assumptions' box) open, once per code.
#[hook]
fn use_reveal(open_groups: &UseStateHandle<Vec<String>>, plan: &PlanRef, reveal: &Reveal) {
    let (open_groups, plan) = (open_groups.clone(), plan.clone());
    use_effect_with(reveal.clone(), move |reveal| {
        let mut next = (*open_groups).clone();
        for input in reveal.inputs.iter().filter_map(|&i| plan.inputs().get(i)) {
            let mut keys = vec![group_key(input.kind, &input.group)];
            if input.kind == InputKind::Assumption {
                keys.push(ASSUMPTIONS.to_string());
            }
            for key in keys {
                if !next.contains(&key) {
                    next.push(key);
                }
            }
        }
        if next != *open_groups {
            open_groups.set(next);
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub plan: PlanRef,
    pub index: usize,
    pub value: f64,
    pub lang: Lang,
    pub ids: AttrValue,
    pub on_set: Callback<(usize, f64)>,
    pub on_commit: Callback<()>,
    pub on_reset: Callback<usize>,
    /// The residents' mark on this input and the number of scenarios counted.
    #[prop_or_default]
    pub resident: Option<(crate::core::tally::marks::Mark, usize)>,
}

/// One lever or assumption.
#[component]
pub fn LeverRow(props: &RowProps) -> Html {
    let lang = props.lang;
    // What the person typed, while it differs from the value (or was refused).
    let draft = use_state(|| None::<(String, Option<TypedProblem>)>);
    let Some(input) = props.plan.inputs().get(props.index) else {
        return Html::default();
    };
    let i = props.index;
    // The slider works in the canonical unit (exact step grid); everything people read or type
    // is in the unit shown in `lang` (core::display converts both ways).
    let unit = input.unit.shown(lang);
    let label = input.label.get(lang);
    let shown = |v: f64| input_quantity(input, v, lang);
    let id = format!("{}in-{}", props.ids, input.id);
    let num_id = format!("{id}-n");
    let err_id = format!("{id}-e");
    let list_id = format!("{id}-l");
    let resident_id = format!("{id}-r");

    let on_range = {
        let on_set = props.on_set.clone();
        Callback::from(move |e: InputEvent| {
            let el = e.target_unchecked_into::<HtmlInputElement>();
            if let Ok(v) = el.value().parse::<f64>() {
                on_set.emit((i, v));
            }
        })
    };
    let on_range_change = {
        let on_commit = props.on_commit.clone();
        Callback::from(move |_: Event| on_commit.emit(()))
    };
    let on_number = {
        let on_set = props.on_set.clone();
        let draft = draft.clone();
        let (plan, current) = (props.plan.clone(), props.value);
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let Some(input) = plan.inputs().get(i) else {
                return;
            };
            let problem = match read_typed(input, &text, current, lang) {
                Err(p) => Some(p),
                Ok(v) => {
                    on_set.emit((i, v));
                    None
                }
            };
            draft.set(Some((text, problem)));
        })
    };
    let on_number_change = {
        let on_commit = props.on_commit.clone();
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            if matches!(*draft, Some((_, None))) {
                draft.set(None);
            }
            on_commit.emit(())
        })
    };
    let on_reset = {
        let on_reset = props.on_reset.clone();
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            on_reset.emit(i)
        })
    };

    // The field shows the draft while it is refused or still means the current value.
    let (text, problem) = match &*draft {
        Some((t, Some(p))) => (t.clone(), Some(*p)),
        Some((t, None)) if read_typed(input, t, props.value, lang) == Ok(props.value) => {
            (t.clone(), None)
        }
        _ => (input_plain(input, props.value, lang), None),
    };
    let error = problem.map(|p| match p {
        TypedProblem::NotANumber => Msg::NotANumber.text(lang),
        TypedProblem::OutOfRange => Msg::OutOfRange(
            &input_plain(input, input.min, lang),
            &input_quantity(input, input.max, lang),
        )
        .text(lang),
    });
    let at_default = props.value == input.default;
    let assumption = input.kind == InputKind::Assumption;
    let note = input.note.get(lang);
    let plan_value = shown(input.default);
    // A lever whose default the plan does not state is marked as a default, not "the plan".
    let plan_mark = if assumption || input.origin == Some(Origin::NotInPlan) {
        Msg::DefaultValue(&plan_value)
    } else {
        Msg::PlanValue(&plan_value)
    }
    .text(lang);
    // Where the default comes from: a short word beside the label (not colour alone), its
    // meaning on hover and for screen readers.
    let origin = match input.origin {
        Some(o) => html! {
            <span class="pw-tag pw-origin" data-origin={o.as_str()} title={o.explain(lang)}>
                { o.label(lang) }
                <span class="pw-sr">{ if lang == Lang::ZhCn { "：" } else { ": " } }{ o.explain(lang) }</span>
            </span>
        },
        None if assumption => {
            html! { <span class="pw-tag">{ Msg::IllustrativeMark.text(lang) }</span> }
        }
        None => Html::default(),
    };
    html! {
        <li class={classes!("pw-lever", (!at_default).then_some("pw-changed"))}>
            <label class="pw-lever-label" for={id.clone()}>
                { label }
                { origin }
            </label>
            <div class="pw-lever-controls">
                <input
                    type="range"
                    id={id.clone()}
                    min={input.min.to_string()}
                    max={input.max.to_string()}
                    step={input.step.to_string()}
                    value={props.value.to_string()}
                    list={list_id.clone()}
                    aria-valuetext={shown(props.value)}
                    aria-describedby={props.resident.is_some().then(|| resident_id.clone())}
                    oninput={on_range}
                    onchange={on_range_change}
                />
                if let Some((mark, _)) = props.resident {
                    { resident_band(input, mark) }
                }
                <input
                    type="text"
                    inputmode="decimal"
                    class="pw-number"
                    id={num_id}
                    value={text}
                    aria-label={Msg::ValueOf(label).text(lang)}
                    aria-invalid={problem.is_some().then_some("true")}
                    aria-describedby={err_id.clone()}
                    oninput={on_number}
                    onchange={on_number_change}
                />
                <span class="pw-unit" aria-hidden="true">{ unit }</span>
                <button
                    type="button"
                    class="pw-btn pw-reset"
                    aria-label={Msg::ResetLever(label).text(lang)}
                    disabled={at_default}
                    onclick={on_reset}
                >{ Msg::Reset.text(lang) }</button>
                if !at_default { <span class="pw-tag pw-changed-mark">{ SharedMsg::Changed.text(lang) }</span> }
                <span class="pw-plan-value">{ plan_mark }</span>
            </div>
            if let Some((mark, valid)) = props.resident {
                { resident_text(input, mark, valid, lang, resident_id.clone()) }
            }
            <datalist id={list_id}><option value={input.default.to_string()} /></datalist>
            <p class="pw-error" id={err_id} aria-live="polite">{ error.unwrap_or_default() }</p>
            if !note.is_empty() {
                <details class="pw-lever-note">
                    <summary>{ Msg::Note.text(lang) }</summary>
                    <p>{ note }</p>
                </details>
            }
        </li>
    }
}
