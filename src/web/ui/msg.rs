//! Every string of the UI, in both languages: one variant per message, one `match` arm per
//! language, so a missing translation is a compile error.

use crate::core::plan::Role;
use crate::core::{Lang, Status};

/// A message of the UI. Variants carry the already formatted parts they interpolate.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg<'a> {
    PublishedBy(&'a str),
    PublishedOn(&'a str),
    AtAGlance,
    TargetsHeading,
    Projected,
    Goal,
    Done,
    NotDone,
    PlanText,
    Note,
    Levers,
    LeversHint,
    Assumptions(usize),
    AssumptionsHint,
    IllustrativeMark,
    Filter,
    NoMatch,
    PlanValue(&'a str),
    DefaultValue(&'a str),
    Reset,
    ResetLever(&'a str),
    ResetAll,
    ValueOf(&'a str),
    NotANumber,
    OutOfRange(&'a str, &'a str),
    Undo,
    Redo,
    LargeText,
    Compare,
    CompareHint,
    ScenarioName,
    Keep,
    DefaultName,
    PlanAsWritten,
    Current,
    Remove(&'a str),
    LeversChanged,
    StatusesFlipped,
    SameAsPlan,
    StorageRefused,
    StorageUnreadable,
    Flips(usize, &'a str),
    Surplus,
    Shortfall,
    Against,
    /// The small mark on a card that is not an outcome: 承诺事项 / 可行性检查.
    RoleMark(Role),
    ChecksHint,
    Why,
}

impl Msg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            Msg::PublishedBy(p) => s(&format!("发布单位：{p}"), &format!("Published by {p}")),
            Msg::PublishedOn(d) => s(&format!("发布日期：{d}"), &format!("Published {d}")),
            Msg::AtAGlance => s("总体情况", "At a glance"),
            Msg::RoleMark(Role::Commitment) => s("承诺事项", "commitment"),
            Msg::RoleMark(Role::Check) => s("可行性检查", "feasibility check"),
            Msg::RoleMark(Role::Outcome) => s("成效指标", "outcome"),
            Msg::ChecksHint => s(
                "模型自己的检查，不是规划原文的目标：资源能否覆盖计划所需。",
                "The model's own checks, not the plan's targets: do the resources cover what the plan needs.",
            ),
            Msg::Why => s("原因：", "Why: "),
            Msg::TargetsHeading => s("规划目标", "The plan's targets"),
            Msg::Projected => s("预计", "Projected"),
            Msg::Goal => s("目标", "Goal"),
            Msg::Done => s("已完成", "Done"),
            Msg::NotDone => s("未完成", "Not done"),
            Msg::PlanText => s("原文", "The plan's words"),
            Msg::Note => s("说明", "Note"),
            Msg::Levers => s("政策杠杆", "Policy levers"),
            Msg::LeversHint => s(
                "拖动滑块或输入数值，所有目标随即重新计算。",
                "Move a slider or type a value: every target is recomputed at once.",
            ),
            Msg::Assumptions(n) => s(&format!("示例假设（{n} 项）"), &format!("Illustrative assumptions ({n})")),
            Msg::AssumptionsHint => s(
                "以下为示例假设值，并非规划内容；请以本地统计数据替换。",
                "These are illustrative assumptions, not part of the plan; replace them with local statistics.",
            ),
            Msg::IllustrativeMark => s("示例假设", "illustrative assumption"),
            Msg::Filter => s("筛选杠杆", "Filter levers"),
            Msg::NoMatch => s("没有匹配的杠杆。", "No lever matches."),
            Msg::PlanValue(v) => s(&format!("规划值 {v}"), &format!("Plan: {v}")),
            Msg::DefaultValue(v) => s(&format!("示例默认值 {v}"), &format!("Illustrative default: {v}")),
            Msg::Reset => s("重置", "Reset"),
            Msg::ResetLever(l) => s(&format!("重置“{l}”为规划值"), &format!("Reset “{l}” to the plan's value")),
            Msg::ResetAll => s("全部重置", "Reset all"),
            Msg::ValueOf(l) => s(&format!("{l}（数值）"), &format!("{l} (value)")),
            Msg::NotANumber => s("请输入数字，原值保持不变。", "Enter a number; the value is unchanged."),
            Msg::OutOfRange(a, b) => s(
                &format!("应在 {a} 到 {b} 之间，原值保持不变。"),
                &format!("Must be between {a} and {b}; the value is unchanged."),
            ),
            Msg::Undo => s("撤销", "Undo"),
            Msg::Redo => s("重做", "Redo"),
            Msg::LargeText => s("大字模式", "Large text"),
            Msg::Compare => s("方案比较", "Compare scenarios"),
            Msg::CompareHint => s(
                "保存当前方案后，可与规划原值并列比较，刷新页面后仍保留。",
                "Keep the current scenario to compare it with the plan as written; kept scenarios survive a reload.",
            ),
            Msg::ScenarioName => s("方案名称", "Scenario name"),
            Msg::Keep => s("保存当前方案", "Keep this scenario"),
            Msg::DefaultName => s("方案", "Scenario"),
            Msg::PlanAsWritten => s("规划原值", "Plan as written"),
            Msg::Current => s("当前", "Current"),
            Msg::Remove(n) => s(&format!("删除方案“{n}”"), &format!("Remove scenario “{n}”")),
            Msg::LeversChanged => s("调整的杠杆", "Levers changed"),
            Msg::StatusesFlipped => s("状态变化的目标", "Targets whose status changed"),
            Msg::SameAsPlan => s("与规划原值相同", "Same as the plan"),
            Msg::StorageRefused => s(
                "浏览器拒绝保存（存储已满或被禁用），方案只保留到关闭本页。",
                "The browser refused to store the scenarios (storage full or disabled); they last until this page is closed.",
            ),
            Msg::StorageUnreadable => s(
                "之前保存的方案无法读取，已忽略。",
                "Previously kept scenarios could not be read and were ignored.",
            ),
            Msg::Flips(n, list) => s(
                &format!("{n} 个目标状态变化：{list}"),
                &format!("{n} target{} changed status: {list}", if *n == 1 { "" } else { "s" }),
            ),
            Msg::Surplus => s("结余", "surplus"),
            Msg::Shortfall => s("缺口", "shortfall"),
            Msg::Against => s("对比", "against"),
        }
    }
}

/// The icon shown with a status word (status is never colour alone).
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Met => "✓",
        Status::AtRisk => "!",
        Status::NotMet => "✗",
        Status::NoData => "–",
    }
}

/// List separator for announcements.
pub fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "；",
        Lang::En => "; ",
    }
}
