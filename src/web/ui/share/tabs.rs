//! The tab bar (the WAI-ARIA tabs pattern) and which tabs are views of their own.

use super::ShareMsg;
use crate::core::share::Tab;
use crate::core::Lang;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Whether a tab is a view of its own in this build. Goal seek and risk live on the target
/// cards, so a code that names them opens the targets.
fn tab_shown(tab: Tab) -> bool {
    match tab {
        Tab::Targets | Tab::Compare | Tab::Progress => true,
        Tab::Seek | Tab::Risk => false,
    }
}

/// The tabs of the tab bar, in order.
pub fn tabs() -> impl Iterator<Item = Tab> {
    Tab::ALL.into_iter().filter(|t| tab_shown(*t))
}

/// The tab that shows `tab` (itself, or the targets for a tab that is not a view of its own).
pub fn shown_tab(tab: Tab) -> Tab {
    if tab_shown(tab) {
        tab
    } else {
        Tab::Targets
    }
}

/// Id suffix of a tab (element ids are `{ids}tab-{slug}` and `{ids}panel`).
pub fn tab_slug(tab: Tab) -> &'static str {
    match tab {
        Tab::Targets => "targets",
        Tab::Compare => "compare",
        Tab::Progress => "progress",
        Tab::Seek => "seek",
        Tab::Risk => "risk",
    }
}

#[derive(Properties, PartialEq)]
pub struct TabBarProps {
    pub tab: Tab,
    pub lang: Lang,
    pub ids: AttrValue,
    pub on_select: Callback<Tab>,
}

/// A view chosen with the tab list in the lower half of the screen (a phone, the tabs just
/// scrolled into sight) opens below the fold: once it has rendered (a zero timeout, after yew's
/// render), the selected tab is scrolled to the top, where its `scroll-margin-top` keeps it clear
/// of the sticky move strip. A tab list higher up stays where it is; a view changed otherwise (a
/// code applied, a count chip) scrolls nothing. `from`: the event's target, inside the tab list.
fn bring_up(from: Option<web_sys::EventTarget>) {
    let Some(bar) = from
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[role=tablist]").ok().flatten())
    else {
        return;
    };
    gloo::timers::callback::Timeout::new(0, move || {
        let Some(tab) = bar.query_selector("[aria-selected=true]").ok().flatten() else {
            return;
        };
        let height = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64());
        if height.is_some_and(|h| tab.get_bounding_client_rect().top() > h / 2.0) {
            tab.scroll_into_view();
        }
    })
    .forget();
}

/// The WAI-ARIA tabs pattern: one tab stop, arrow keys (and Home/End) move and select.
#[component]
pub fn TabBar(props: &TabBarProps) -> Html {
    let lang = props.lang;
    let all: Vec<Tab> = tabs().collect();
    let on_key = {
        let all = all.clone();
        let current = props.tab;
        let on_select = props.on_select.clone();
        let ids = props.ids.clone();
        Callback::from(move |e: KeyboardEvent| {
            let at = all.iter().position(|t| *t == current).unwrap_or(0);
            let last = all.len().saturating_sub(1);
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => {
                    if at >= last {
                        0
                    } else {
                        at + 1
                    }
                }
                "ArrowLeft" | "ArrowUp" => {
                    if at == 0 {
                        last
                    } else {
                        at - 1
                    }
                }
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            let Some(tab) = all.get(to).copied() else {
                return;
            };
            on_select.emit(tab);
            bring_up(e.target());
            let sel = format!("#{}tab-{}", ids, tab_slug(tab));
            let next = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.parent_element())
                .and_then(|bar| bar.query_selector(&sel).ok().flatten())
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let Some(el) = next {
                let _ = el.focus();
            }
        })
    };
    html! {
        <div class="pw-tabs" role="tablist" aria-label={ShareMsg::Views.text(lang)} onkeydown={on_key}>
            { for all.iter().map(|&tab| {
                let selected = tab == props.tab;
                let on_select = props.on_select.clone();
                html! {
                    <button type="button" role="tab" class="pw-tab"
                        id={format!("{}tab-{}", props.ids, tab_slug(tab))}
                        aria-selected={selected.to_string()}
                        aria-controls={format!("{}panel", props.ids)}
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |e: MouseEvent| {
                            on_select.emit(tab);
                            bring_up(e.target());
                        })}>
                        { ShareMsg::TabName(tab).text(lang) }
                    </button>
                }
            }) }
        </div>
    }
}
