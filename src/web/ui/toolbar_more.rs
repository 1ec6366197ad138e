//! The toolbar's secondary controls (the feedback link, the exports) in a group of their own.
//! Where the whole row fits (65em and wider: 1040 px, 1560 px in large text) the group is part
//! of the toolbar row, always shown; narrower it is folded behind a "More" button
//! (`aria-expanded`), so the toolbar's every control is in view on a 320–375 px screen without
//! pushing the counts off the first screen, and the feedback link, added once the widget is
//! ready, moves nothing (widget.css).

use crate::core::Lang;
use yew::prelude::*;

/// The "More" button's label, in both languages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MoreMsg {
    More,
}

impl MoreMsg {
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MoreMsg::More, Lang::ZhCn) => "更多",
            (MoreMsg::More, _) => "More",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct MoreProps {
    pub lang: Lang,
    /// The widget's id prefix (the group's id).
    pub ids: AttrValue,
    pub children: Html,
}

/// The "More" button (shown in one column only, CSS) and the group it opens.
#[component]
pub fn ToolbarMore(props: &MoreProps) -> Html {
    let open = use_state_eq(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let id = format!("{}more", props.ids);
    html! {
        <>
            <button type="button" class="pw-btn pw-more-toggle" aria-expanded={open.to_string()} aria-controls={id.clone()} onclick={toggle}>
                { MoreMsg::More.text(props.lang) }<span class="pw-more-mark" aria-hidden="true">{ if *open { " ▴" } else { " ▾" } }</span>
            </button>
            <div {id} class={classes!("pw-toolbar-more", open.then_some("pw-open"))}>
                { props.children.clone() }
            </div>
        </>
    }
}
