//! "Send my scenario to the bureau" (the element's `feedback` attribute): a link to the portal's
//! own form with the current scenario's share code and a short summary in its URL
//! ([`crate::core::feedback`]). Clicking it first asks the element to fire the cancelable
//! `scenario-submit` event; a host that cancels it handles the scenario itself.

use super::state::State;
use crate::core::feedback::{form_url, summary, usable};
use crate::core::share::Tab;
use crate::core::{Lang, Outcome, Plan};
use std::rc::Rc;
use yew::prelude::*;

/// The `detail` of `scenario-submit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// The share code of the current scenario (its values; no view, no kept scenarios).
    pub scenario: String,
    pub summary: String,
    /// The form's URL as the link opens it.
    pub url: String,
}

/// The `feedback` attribute and what fires `scenario-submit` (false: the host cancelled it).
#[derive(Clone, PartialEq)]
pub struct Feedback {
    pub template: AttrValue,
    pub on_submit: Callback<Submission, bool>,
}

/// Messages of this feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackMsg {
    Send,
    NewWindow,
    Hint,
}

impl FeedbackMsg {
    pub fn text(self, lang: Lang) -> &'static str {
        let zh = lang == Lang::ZhCn;
        match self {
            FeedbackMsg::Send if zh => "提交我的方案",
            FeedbackMsg::Send => "Send my scenario to the bureau",
            FeedbackMsg::NewWindow if zh => "（在新窗口打开留言表单）",
            FeedbackMsg::NewWindow => " (opens the bureau's form in a new window)",
            FeedbackMsg::Hint if zh => "通过本网站的留言表单把当前方案发送给规划部门。",
            FeedbackMsg::Hint => {
                "Sends the current scenario to the bureau through this site's own form."
            }
        }
    }
}

/// The link to the bureau's form for the reducer's state: built once per change of the values
/// (not on every chance update of the widget).
#[hook]
pub fn use_submit_link(
    state: &UseReducerHandle<State>,
    feedback: Option<Feedback>,
    lang: Lang,
) -> Rc<Html> {
    let state = state.clone();
    use_memo((state.rev, lang, feedback), move |(_, lang, f)| {
        let link = |f: &Feedback| {
            let pair = (&*state.base, &*state.outcome);
            submit_link(&state.plan, f, state.values(), pair, *lang)
        };
        f.as_ref().map_or_else(Html::default, link)
    })
}

/// The link to the bureau's form (nothing when the template is not a web link). A plain function,
/// not a component (each component type costs the wasm bytes). `base` and `outcome`: the plan as
/// written and the current scenario, statuses by the one-assumption rule.
pub fn submit_link(
    plan: &Plan,
    feedback: &Feedback,
    values: &[f64],
    (base, outcome): (&Outcome, &Outcome),
    lang: Lang,
) -> Html {
    if !usable(&feedback.template) {
        return Html::default();
    }
    let code = super::scenario_code(plan, values, Tab::Targets, &[]);
    let text = summary(plan, values, base, outcome, lang);
    let url = form_url(&feedback.template, &code, &text);
    let submission = Submission {
        scenario: code,
        summary: text,
        url: url.clone(),
    };
    let on_submit = feedback.on_submit.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if !on_submit.emit(submission.clone()) {
            e.prevent_default();
        }
    });
    html! {
        <a class="pw-btn pw-feedback" href={url} target="_blank" rel="noopener" title={FeedbackMsg::Hint.text(lang)} {onclick}>
            { FeedbackMsg::Send.text(lang) }
            <span class="pw-sr">{ FeedbackMsg::NewWindow.text(lang) }</span>
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct SlotProps {
    /// The link ([`use_submit_link`]); empty without a usable `feedback` attribute.
    pub link: Rc<Html>,
}

/// Where the link goes in the toolbar: empty in this component's first render, the link from
/// its second one on. The prerendered markup is built without the page's `feedback` attribute,
/// so the first (hydrating) render must not have the link; the element gives the attribute at
/// mount, and only this slot, not the whole widget, renders again to show it.
#[component]
pub fn SubmitSlot(props: &SlotProps) -> Html {
    let shown = use_state_eq(|| false);
    {
        let shown = shown.setter();
        use_effect_with((), move |_| shown.set(true));
    }
    if *shown {
        (*props.link).clone()
    } else {
        Html::default()
    }
}
