//! The notice over the plan after a share code: why it could not be read, or what of it could
//! not be applied.

use super::ShareMsg;
use crate::core::share::{ShareError, ShareWarning};
use crate::core::Lang;
use yew::prelude::*;

/// What applying a share code left to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The code could not be read; nothing was applied.
    Failed(ShareError),
    /// The code was applied, with these differences.
    Warnings(Vec<ShareWarning>),
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Notice,
    /// Whether the values shown are the plan as written.
    pub as_written: bool,
    pub lang: Lang,
    pub on_dismiss: Callback<()>,
}

/// The notice over the plan after a share code: its error, or its warnings.
#[component]
pub fn NoticeBox(props: &NoticeProps) -> Html {
    let lang = props.lang;
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let (class, role, body) = match &props.notice {
        Notice::Failed(e) => {
            let then = if props.as_written {
                ShareMsg::CodeFailedAsWritten
            } else {
                ShareMsg::CodeFailedKept
            };
            let body = html! {
                <>
                    <p class="pw-notice-h">{ ShareMsg::CodeFailed.text(lang) }</p>
                    <p>{ e.message(lang) }</p>
                    <p>{ then.text(lang) }</p>
                </>
            };
            ("pw-notice pw-notice-error", "alert", body)
        }
        Notice::Warnings(ws) => {
            let body = html! {
                <>
                    <p class="pw-notice-h">{ ShareMsg::Applied.text(lang) }</p>
                    <ul class="pw-notice-list">
                        { for ws.iter().map(|w| html! { <li>{ w.message(lang) }</li> }) }
                    </ul>
                </>
            };
            ("pw-notice pw-notice-warn", "status", body)
        }
    };
    html! {
        <div class={class} role={role}>
            <div class="pw-notice-body">{ body }</div>
            <button type="button" class="pw-btn" onclick={on_dismiss}>{ ShareMsg::Dismiss.text(lang) }</button>
        </div>
    }
}
