//! Why a code could not be read, and what a read code could not apply exactly.

use super::super::export::exact;
use super::super::i18n::Lang;
use super::super::plan::{Plan, Text};
use super::{ShareState, FORMAT_VERSION, MAX_CODE_LEN};

/// Why a code could not be read at all. The widget then shows the plan as written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShareError {
    #[error("empty share code")]
    Empty,
    #[error("share code too long ({len} characters)")]
    TooLong { len: usize },
    #[error("not a share code")]
    NotShareCode,
    #[error("share code damaged (checksum)")]
    Damaged,
    #[error("share code damaged (contents)")]
    Malformed,
    #[error("share code format {version} is newer than this widget reads")]
    FutureFormat { version: u8 },
    #[error("share code made for another plan {plan:?}")]
    OtherPlan {
        /// The other plan's id, when it is one this build knows.
        plan: Option<String>,
    },
}

impl ShareError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareError::Empty, Lang::ZhCn) => "分享码是空的。".into(),
            (ShareError::Empty, Lang::En) => "The share code is empty.".into(),
            (ShareError::TooLong { len }, Lang::ZhCn) => {
                format!("这不是分享码：长达 {len} 个字符，分享码最多 {MAX_CODE_LEN} 个字符。")
            }
            (ShareError::TooLong { len }, Lang::En) => format!(
                "This is not a share code: it is {len} characters long; share codes have at most {MAX_CODE_LEN}."
            ),
            (ShareError::NotShareCode, Lang::ZhCn) => {
                "这不是本组件的分享码。请复制完整的分享链接后再试。".into()
            }
            (ShareError::NotShareCode, Lang::En) => {
                "This is not a share code of this widget. Copy the whole share link and try again."
                    .into()
            }
            (ShareError::Damaged, Lang::ZhCn) => {
                "分享码已损坏（校验不符），可能复制时缺了或改了字符。请重新复制完整链接。".into()
            }
            (ShareError::Damaged, Lang::En) => {
                "The share code is damaged (its checksum does not match): characters were probably lost or changed when it was copied. Copy the whole link again."
                    .into()
            }
            (ShareError::Malformed, Lang::ZhCn) => {
                "分享码已损坏：校验相符，但内容无法读取。".into()
            }
            (ShareError::Malformed, Lang::En) => {
                "The share code is damaged: its checksum matches but its contents cannot be read."
                    .into()
            }
            (ShareError::FutureFormat { version }, Lang::ZhCn) => format!(
                "这个分享码由更新版本的组件生成（格式 {version}），本页的组件只能读取格式 {FORMAT_VERSION}。请更新本页的组件。"
            ),
            (ShareError::FutureFormat { version }, Lang::En) => format!(
                "This share code was made by a newer widget (format {version}); this page's widget reads format {FORMAT_VERSION}. Update the widget on this page."
            ),
            (ShareError::OtherPlan { plan: Some(p) }, Lang::ZhCn) => {
                format!("这个分享码属于另一份规划（{p}），不是本页的规划。")
            }
            (ShareError::OtherPlan { plan: Some(p) }, Lang::En) => {
                format!("This share code belongs to another plan ({p}), not the plan on this page.")
            }
            (ShareError::OtherPlan { plan: None }, Lang::ZhCn) => {
                "这个分享码属于另一份规划，不是本页的规划。".into()
            }
            (ShareError::OtherPlan { plan: None }, Lang::En) => {
                "This share code belongs to another plan, not the plan on this page.".into()
            }
        }
    }
}

/// What could not be applied exactly; the rest of the code was applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareWarning {
    /// The code was made for another version of this plan.
    OtherVersion { made_for: u32, now: u32 },
    /// A value outside today's range was clamped into it.
    Clamped {
        /// The kept scenario it belongs to; `None` for the current scenario.
        scenario: Option<String>,
        input: String,
        label: Text,
        from: f64,
        to: f64,
    },
    /// Values for inputs this version of the plan no longer has.
    NotApplied {
        scenario: Option<String>,
        /// The input's id when the code carries it, else its hash key.
        input: Option<String>,
        key: u16,
        value: f64,
    },
    /// The selected target no longer exists; the view shows no selection.
    TargetGone,
    /// The code names a tab this build does not have; the first tab is shown.
    UnknownTab,
}

impl ShareWarning {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let within = |s: &Option<String>| match (s, zh) {
            (Some(n), true) => format!("（比较方案「{n}」）"),
            (Some(n), false) => format!(" (kept scenario \"{n}\")"),
            (None, _) => String::new(),
        };
        match self {
            ShareWarning::OtherVersion { made_for, now } if zh => format!(
                "这个分享码是按本规划第 {made_for} 版生成的，本页是第 {now} 版：仍然存在的设置已应用。"
            ),
            ShareWarning::OtherVersion { made_for, now } => format!(
                "This share code was made for version {made_for} of this plan; this page has version {now}. The settings that still exist were applied."
            ),
            ShareWarning::Clamped {
                scenario,
                input,
                label,
                from,
                to,
            } => {
                let (label, within, from, to) =
                    (label.get(lang), within(scenario), exact(*from), exact(*to));
                if zh {
                    format!("「{label}」（{input}）{within} 的值 {from} 超出现在的范围，已改为 {to}。")
                } else {
                    format!("\"{label}\" ({input}){within}: the value {from} is outside today's range and was changed to {to}.")
                }
            }
            ShareWarning::NotApplied {
                scenario,
                input,
                key,
                value,
            } => {
                let name = match input {
                    Some(id) => id.clone(),
                    None => format!("#{key:04x}"),
                };
                if zh {
                    format!(
                        "未能应用：输入项 {name}{} = {} 在本版规划中已不存在。",
                        within(scenario),
                        exact(*value)
                    )
                } else {
                    format!(
                        "Not applied: input {name}{} = {} no longer exists in this version of the plan.",
                        within(scenario),
                        exact(*value)
                    )
                }
            }
            ShareWarning::TargetGone if zh => "分享码选中的目标在本版规划中已不存在。".into(),
            ShareWarning::TargetGone => {
                "The target selected in the share code no longer exists in this version of the plan."
                    .into()
            }
            ShareWarning::UnknownTab if zh => "分享码要打开的页签本组件没有，已显示第一个页签。".into(),
            ShareWarning::UnknownTab => {
                "The share code opens a tab this widget does not have; the first tab is shown."
                    .into()
            }
        }
    }
}

/// A successfully read code: the state to apply and what could not be applied exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub state: ShareState,
    pub warnings: Vec<ShareWarning>,
}

impl Decoded {
    /// One value per input of the plan the code was decoded against.
    pub fn values(&self, plan: &Plan) -> Vec<f64> {
        self.state.values(plan)
    }
}
