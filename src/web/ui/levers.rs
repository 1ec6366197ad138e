//! The lever panel: policy levers by group, then the illustrative assumptions folded away. Each
//! input is a native range with a number field beside it, a mark of the plan's value and a reset.

use super::msg::Msg;
use super::shared::{Reveal, SharedMsg};
use super::tally::{resident_band, resident_text, residents_notice, Residents};
use super::view::PlanRef;
use crate::core::display::{input_plain, input_quantity, read_typed, TypedProblem};
use crate::core::numtext;
use crate::core::plan::{Input, Origin, Section};
use crate::core::tally::marks::Marks;
use crate::core::{InputKind, Lang};
use std::cell::Cell;
use std::rc::Rc;
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

/// The filter box's text, and its input handler.
#[hook]
fn use_lever_filter() -> (String, Callback<InputEvent>) {
    let filter = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    ((*filter).clone(), on_filter)
}

/// Which groups are open. Rows of a closed group are not rendered at all (a plan may have a
/// hundred inputs): the <details> are controlled, toggled by their summary. The group of the
/// plan's first policy lever starts open; a share code opens the groups it changed.
#[hook]
fn use_open_groups(plan: &PlanRef, reveal: &Reveal) -> UseStateHandle<Vec<String>> {
    let open_groups = use_state(|| {
        let first = plan
            .inputs()
            .iter()
            .find(|i| i.kind == InputKind::Policy)
            .map(|i| group_key(InputKind::Policy, &i.group));
        first.into_iter().collect::<Vec<String>>()
    });
    use_reveal(&open_groups, plan, reveal);
    open_groups
}

/// Opens or closes the group `key` (its summary was clicked).
fn toggle(open_groups: &UseStateHandle<Vec<String>>, key: String) -> Callback<MouseEvent> {
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
}

/// The groups of the panel: which inputs the filter lets through, which groups are open, and
/// each group's `<details>` with its rows.
struct Groups<'a> {
    props: &'a PanelProps,
    /// The filter, ASCII-lowercased (Chinese has no case; full Unicode tables cost wasm bytes).
    needle: String,
    open_groups: &'a UseStateHandle<Vec<String>>,
    marks: Option<Rc<Marks>>,
}

impl Groups<'_> {
    fn filtering(&self) -> bool {
        !self.needle.is_empty()
    }

    /// A lever matches by its label, its id or its group's title ("投入" finds the funding).
    fn matches(&self, i: usize) -> bool {
        let (plan, lang, needle) = (&self.props.plan, self.props.lang, &self.needle);
        plan.inputs().get(i).is_some_and(|input| {
            let group = plan.section(&input.group).map(|s| s.title.get(lang));
            !self.filtering()
                || input.label.get(lang).to_ascii_lowercase().contains(needle)
                || input.id.contains(needle)
                || group.is_some_and(|g| g.to_ascii_lowercase().contains(needle))
        })
    }

    fn is_open(&self, key: &str) -> bool {
        self.filtering() || self.open_groups.iter().any(|k| k == key)
    }

    /// The groups of inputs of `kind`, in the order of the plan's sections.
    fn of(&self, kind: InputKind) -> Vec<Html> {
        let plan = &self.props.plan;
        plan.sections()
            .iter()
            .filter_map(|section| {
                let members: Vec<usize> = (0..plan.inputs().len())
                    .filter(|&i| {
                        plan.inputs()
                            .get(i)
                            .is_some_and(|input| input.kind == kind && input.group == section.id)
                            && self.matches(i)
                    })
                    .collect();
                (!members.is_empty()).then(|| self.group(kind, section, &members))
            })
            .collect()
    }

    fn group(&self, kind: InputKind, section: &Section, members: &[usize]) -> Html {
        let (props, lang) = (self.props, self.props.lang);
        let inputs = || {
            members
                .iter()
                .filter_map(|&i| Some((i, props.plan.inputs().get(i)?)))
        };
        let changed = inputs()
            .filter(|(i, input)| props.values.get(*i).is_some_and(|v| *v != input.default))
            .count();
        let key = group_key(kind, &section.id);
        let open = self.is_open(&key);
        let rows = open.then(|| {
            inputs()
                .map(|(i, input)| {
                    html! {
                        <LeverRow
                            key={input.id.clone()}
                            plan={props.plan.clone()}
                            index={i}
                            value={props.values.get(i).copied().unwrap_or(input.default)}
                            {lang}
                            ids={props.ids.clone()}
                            on_set={props.on_set.clone()}
                            on_commit={props.on_commit.clone()}
                            on_reset={props.on_reset.clone()}
                            resident={self.marks.as_ref().and_then(|m| Some((m.get(i)?, m.valid)))}
                        />
                    }
                })
                .collect::<Html>()
        });
        let n = members.len();
        html! {
            <details class="pw-group" key={key.clone()} {open}>
                <summary onclick={toggle(self.open_groups, key)}>
                    { section.title.get(lang) }<span class="pw-count">{ format!(" ({n})") }</span>
                    if changed > 0 { <span class="pw-tag pw-changed-mark">{ SharedMsg::ChangedIn(changed).text(lang) }</span> }
                </summary>
                if let Some(rows) = rows {
                    <ul class="pw-rows">{ rows }</ul>
                }
            </details>
        }
    }
}

#[component]
pub fn LeverPanel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let (filter, on_filter) = use_lever_filter();
    let open_groups = use_open_groups(&props.plan, &props.reveal);
    let groups = Groups {
        props,
        needle: filter.trim().to_ascii_lowercase(),
        open_groups: &open_groups,
        marks: props.residents.marks(),
    };
    let filtering = groups.filtering();
    let levers = groups.of(InputKind::Policy);
    let assumptions_open = groups.is_open(ASSUMPTIONS);
    let assumptions = groups.of(InputKind::Assumption);
    let n_assumptions = props
        .plan
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
                <input id={format!("{}filter", props.ids)} type="search" value={filter} oninput={on_filter} />
            </p>
            if none {
                <p class="pw-hint">{ Msg::NoMatch.text(lang) }</p>
            }
            { for levers }
            if n_assumptions > 0 && (!filtering || !assumptions.is_empty()) {
                <details class="pw-assumptions" open={assumptions_open}>
                    <summary onclick={toggle(&open_groups, ASSUMPTIONS.to_string())}>{ Msg::Assumptions(n_assumptions).text(lang) }</summary>
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

/// What the person typed in a number field, while it differs from the value (or was refused).
type Draft = Option<(String, Option<TypedProblem>)>;

/// The handlers of a row: the range ([`RangeHandlers`]), the number field (set when the text
/// reads as a number in range, else keep it as a refused draft; commit at `change`) and the
/// reset button.
struct RowHandlers {
    range: RangeHandlers,
    on_number: Callback<InputEvent>,
    on_number_change: Callback<Event>,
    on_reset: Callback<MouseEvent>,
}

/// The range's handlers. Its `input` sets the value. A pointer's drag is one undo step, open
/// from its first `input` to its `change` (the cards out of view follow in slices meanwhile,
/// cards.rs). A key's step is complete at once: its `input` commits too, whether or not a
/// `change` follows (an engine or assistive technology may send none; and the widget renders
/// between a key's `input` and its `change`, so waiting for it drew a key's move as a drag step,
/// tests/e2e/keys.spec.mjs). `keyed` tells which: set at the range's `keydown`, cleared at a
/// pointer press on it. Leaving the range (`blur`) ends any step still open.
struct RangeHandlers {
    on_input: Callback<InputEvent>,
    on_change: Callback<Event>,
    on_keydown: Callback<KeyboardEvent>,
    on_pointerdown: Callback<PointerEvent>,
    on_blur: Callback<FocusEvent>,
}

fn range_handlers(props: &RowProps, keyed: &Rc<Cell<bool>>) -> RangeHandlers {
    let i = props.index;
    let (on_set, on_commit) = (props.on_set.clone(), props.on_commit.clone());
    let on_input = {
        let keyed = keyed.clone();
        Callback::from(move |e: InputEvent| {
            let el = e.target_unchecked_into::<HtmlInputElement>();
            if let Ok(v) = el.value().parse::<f64>() {
                on_set.emit((i, v));
                if keyed.get() {
                    on_commit.emit(());
                }
            }
        })
    };
    let (k, p) = (keyed.clone(), keyed.clone());
    RangeHandlers {
        on_input,
        on_change: props.on_commit.reform(|_: Event| ()),
        on_keydown: Callback::from(move |_: KeyboardEvent| k.set(true)),
        on_pointerdown: Callback::from(move |_: PointerEvent| p.set(false)),
        on_blur: props.on_commit.reform(|_: FocusEvent| ()),
    }
}

fn row_handlers(
    props: &RowProps,
    draft: &UseStateHandle<Draft>,
    keyed: &Rc<Cell<bool>>,
) -> RowHandlers {
    let (i, lang) = (props.index, props.lang);
    let range = range_handlers(props, keyed);
    let on_number = {
        let (on_set, draft) = (props.on_set.clone(), draft.clone());
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
        let (on_commit, draft) = (props.on_commit.clone(), draft.clone());
        Callback::from(move |_: Event| {
            if matches!(*draft, Some((_, None))) {
                draft.set(None);
            }
            on_commit.emit(())
        })
    };
    let on_reset = {
        let (on_reset, draft) = (props.on_reset.clone(), draft.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            on_reset.emit(i)
        })
    };
    RowHandlers {
        range,
        on_number,
        on_number_change,
        on_reset,
    }
}

/// The number field's text and its problem: the draft while it is refused or still means the
/// current value, else the value.
fn field_text(input: &Input, draft: &Draft, value: f64, lang: Lang) -> (String, Option<String>) {
    let (text, problem) = match draft {
        Some((t, Some(p))) => (t.clone(), Some(*p)),
        Some((t, None)) if read_typed(input, t, value, lang) == Ok(value) => (t.clone(), None),
        _ => (input_plain(input, value, lang), None),
    };
    let error = problem.map(|p| match p {
        TypedProblem::NotANumber => Msg::NotANumber.text(lang),
        TypedProblem::OutOfRange => Msg::OutOfRange(
            &input_plain(input, input.min, lang),
            &input_quantity(input, input.max, lang),
        )
        .text(lang),
    });
    (text, error)
}

/// "规划值 …" beside the slider; a lever whose default the plan does not state is marked as a
/// default, not "the plan".
fn plan_mark(input: &Input, lang: Lang) -> String {
    let plan_value = input_quantity(input, input.default, lang);
    if input.kind == InputKind::Assumption || input.origin == Some(Origin::NotInPlan) {
        Msg::DefaultValue(&plan_value)
    } else {
        Msg::PlanValue(&plan_value)
    }
    .text(lang)
}

/// Where the default comes from: a short word beside the label (not colour alone), its meaning
/// on hover and for screen readers.
fn origin_mark(input: &Input, lang: Lang) -> Html {
    match input.origin {
        Some(o) => html! {
            <span class="pw-tag pw-origin" data-origin={o.as_str()} title={o.explain(lang)}>
                { o.label(lang) }
                <span class="pw-sr">{ format!("{}{}", if lang == Lang::ZhCn { "：" } else { ": " }, o.explain(lang)) }</span>
            </span>
        },
        None if input.kind == InputKind::Assumption => {
            html! { <span class="pw-tag">{ Msg::IllustrativeMark.text(lang) }</span> }
        }
        None => Html::default(),
    }
}

/// One lever or assumption.
#[component]
pub fn LeverRow(props: &RowProps) -> Html {
    let lang = props.lang;
    let draft = use_state(|| None::<(String, Option<TypedProblem>)>);
    let keyed = use_memo((), |_| Cell::new(false));
    let Some(input) = props.plan.inputs().get(props.index) else {
        return Html::default();
    };
    let h = row_handlers(props, &draft, &keyed);
    let r = h.range;
    // The slider works in the canonical unit (exact step grid); everything people read or type
    // is in the unit shown in `lang` (core::display converts both ways).
    let label = input.label.get(lang);
    let id = format!("{}in-{}", props.ids, input.id);
    let (err_id, list_id, resident_id) = (format!("{id}-e"), format!("{id}-l"), format!("{id}-r"));
    let (text, error) = field_text(input, &draft, props.value, lang);
    let at_default = props.value == input.default;
    let note = input.note.get(lang);
    html! {
        <li class={classes!("pw-lever", (!at_default).then_some("pw-changed"))}>
            <label class="pw-lever-label" for={id.clone()}>
                { label }
                { origin_mark(input, lang) }
            </label>
            <div class="pw-lever-controls">
                <input type="range" id={id.clone()} min={numtext::shortest(input.min)} max={numtext::shortest(input.max)}
                    step={numtext::shortest(input.step)} value={numtext::shortest(props.value)} list={list_id.clone()}
                    aria-valuetext={input_quantity(input, props.value, lang)}
                    aria-describedby={props.resident.is_some().then(|| resident_id.clone())}
                    oninput={r.on_input} onchange={r.on_change} onkeydown={r.on_keydown}
                    onpointerdown={r.on_pointerdown} onblur={r.on_blur} />
                if let Some((mark, _)) = props.resident {
                    { resident_band(input, mark) }
                }
                <input type="text" inputmode="decimal" class="pw-number" id={format!("{id}-n")} value={text}
                    aria-label={Msg::ValueOf(label).text(lang)} aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={err_id.clone()} oninput={h.on_number} onchange={h.on_number_change} />
                <span class="pw-unit" aria-hidden="true">{ input.unit.shown(lang) }</span>
                <button type="button" class="pw-btn pw-reset" aria-label={Msg::ResetLever(label).text(lang)}
                    disabled={at_default} onclick={h.on_reset}>{ Msg::Reset.text(lang) }</button>
                if !at_default { <span class="pw-tag pw-changed-mark">{ SharedMsg::Changed.text(lang) }</span> }
                <span class="pw-plan-value">{ plan_mark(input, lang) }</span>
            </div>
            if let Some((mark, valid)) = props.resident {
                { resident_text(input, mark, valid, lang, resident_id.clone()) }
            }
            <datalist id={list_id}><option value={numtext::shortest(input.default)} /></datalist>
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
