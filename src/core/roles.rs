//! What a target is (outcome, commitment, check) and where an input's default comes from:
//! the two labels that tell a plan's own figures from the model's.

use super::i18n::Lang;
use serde::Serialize;

/// Where an input's default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A lever whose default the document states.
    Plan,
    /// A lever whose default the document does not state.
    NotInPlan,
    /// An assumption taken from a cited official statistic.
    Official,
    /// An assumption estimated by the plan's authors.
    Estimate,
    /// An assumption chosen so that the plan's numbers are consistent.
    Fitted,
}

impl Origin {
    pub const LEVER: [Origin; 2] = [Origin::Plan, Origin::NotInPlan];
    pub const ASSUMPTION: [Origin; 3] = [Origin::Official, Origin::Estimate, Origin::Fitted];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Plan => "plan",
            Origin::NotInPlan => "not_in_plan",
            Origin::Official => "official",
            Origin::Estimate => "estimate",
            Origin::Fitted => "fitted",
        }
    }

    /// The short label shown beside an input.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Origin::Plan, Lang::ZhCn) => "规划原文",
            (Origin::NotInPlan, Lang::ZhCn) => "原文未载",
            (Origin::Official, Lang::ZhCn) => "官方统计",
            (Origin::Estimate, Lang::ZhCn) => "估计值",
            (Origin::Fitted, Lang::ZhCn) => "拟合值",
            (Origin::Plan, Lang::En) => "in the plan",
            (Origin::NotInPlan, Lang::En) => "not in the plan",
            (Origin::Official, Lang::En) => "official",
            (Origin::Estimate, Lang::En) => "estimate",
            (Origin::Fitted, Lang::En) => "fitted",
        }
    }

    /// One sentence on what the label means (a tooltip, the docs).
    pub fn explain(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Origin::Plan, Lang::ZhCn) => "默认值是规划原文写明的数字",
            (Origin::NotInPlan, Lang::ZhCn) => "规划原文没有写明这个数字，默认值是编制者的假定",
            (Origin::Official, Lang::ZhCn) => "默认值来自注明出处的官方统计",
            (Origin::Estimate, Lang::ZhCn) => "默认值是估计值，有待统计数据替换",
            (Origin::Fitted, Lang::ZhCn) => "默认值是为使规划数字自洽而选定的，并非实测",
            (Origin::Plan, Lang::En) => "the default is a figure the plan states",
            (Origin::NotInPlan, Lang::En) => {
                "the plan states no figure; the default is the authors' assumption"
            }
            (Origin::Official, Lang::En) => "the default is a cited official statistic",
            (Origin::Estimate, Lang::En) => {
                "the default is an estimate, to be replaced by statistics"
            }
            (Origin::Fitted, Lang::En) => {
                "the default was chosen to make the plan's figures consistent, not measured"
            }
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        Origin::LEVER
            .into_iter()
            .chain(Origin::ASSUMPTION)
            .find(|o| o.as_str() == s)
    }
}

/// What a target is: a result the document aims at, a count the publisher simply sets, or a
/// feasibility check the model adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    Outcome,
    Commitment,
    Check,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Outcome, Role::Commitment, Role::Check];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Outcome => "outcome",
            Role::Commitment => "commitment",
            Role::Check => "check",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Name of the group, e.g. in the counts "成效指标 12/18 达成".
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Outcome, Lang::ZhCn) => "成效指标",
            (Role::Commitment, Lang::ZhCn) => "承诺事项",
            (Role::Check, Lang::ZhCn) => "可行性检查",
            (Role::Outcome, Lang::En) => "Outcomes",
            (Role::Commitment, Lang::En) => "Commitments",
            (Role::Check, Lang::En) => "Feasibility checks",
        }
    }

    /// What "met" is called for this role: 达成 / 按计划 / 通过.
    pub fn met_word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Outcome, Lang::ZhCn) => "达成",
            (Role::Commitment, Lang::ZhCn) => "按计划",
            (Role::Check, Lang::ZhCn) => "通过",
            (Role::Outcome, Lang::En) => "met",
            (Role::Commitment, Lang::En) => "on plan",
            (Role::Check, Lang::En) => "pass",
        }
    }
}

/// "成效指标 12/14 达成 · 承诺事项 45/47 按计划 · 可行性检查 1/2 通过": counts per role as
/// (role, met, total), roles with no target left out.
pub fn counts_text(counts: &[(Role, usize, usize)], lang: Lang) -> String {
    counts
        .iter()
        .filter(|(_, _, total)| *total > 0)
        .map(|(role, met, total)| {
            format!("{} {met}/{total} {}", role.label(lang), role.met_word(lang))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
