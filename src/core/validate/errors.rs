//! The error table: one problem of a plan file, its place and its message in both languages.

use crate::core::county::CountyProblem;
use crate::core::expr;
use crate::core::format::FORMAT_VERSION;
use crate::core::i18n::{self, Lang};
use crate::core::numtext;
use std::fmt;

/// One problem in a plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanError {
    /// Where: a JSON path such as `targets[12].goal.value`, or `line 3, column 7`.
    pub place: String,
    pub kind: PlanErrorKind,
}

/// What kind of JSON problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonProblem {
    Syntax,
    Eof,
    Data,
}

/// What an unknown id was meant to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A name in a formula (an input or a derived quantity).
    Name,
    Section,
    Target,
    /// A county-level division of the counties block.
    Division,
}

/// A field whose value must be one of a fixed list (the list comes from its parser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    GoalOp,
    Kind,
    Profile,
    DivisionKind,
    Split,
    Aggregate,
    Rule,
    Role,
    Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PlanErrorKind {
    /// The text is not JSON (syntax), or ends early, or is not of the plan's shape (data);
    /// with serde's detail.
    Json {
        category: JsonProblem,
        detail: String,
    },
    Missing,
    WrongFormat(u32),
    BadId(String),
    BadPlanId(String),
    DuplicateId(String),
    EmptyText,
    MinNotBelowMax {
        min: f64,
        max: f64,
    },
    StepNotPositive(f64),
    OutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    RangeOrder {
        min: f64,
        low: f64,
        default: f64,
        high: f64,
        max: f64,
    },
    Formula {
        offset: usize,
        problem: expr::ParseErrorKind,
    },
    /// An id that names nothing of its kind; `suggestion` is the nearest one that exists.
    Unknown {
        kind: IdKind,
        id: String,
        suggestion: Option<String>,
    },
    Cycle(Vec<String>),
    /// A value not in its field's list; `allowed` lists those that are (here).
    NotOneOf {
        field: Choice,
        value: String,
        allowed: Vec<&'static str>,
    },
    GoalBetweenOrder {
        min: f64,
        max: f64,
    },
    NotFinite,
    SourceNotFound(String),
    NoTargets,
    BadDate(String),
    BadMonth(String),
    MonthOutsideYear {
        month: String,
        year: i32,
    },
    StartAfterDeadline,
    SharesSum(f64),
    WeightsPartial,
    NotPositive(f64),
    NoYear,
    NoDivisions,
    NoNonCentral,
    YesNoByWeight,
    /// A language code other than `zh` and `en` (in a unit's `display`).
    UnknownLanguage(String),
    /// A display scale that is not a finite number above 0.
    BadScale(f64),
    /// A display unit with an empty text.
    EmptyUnitText,
    /// A problem of the counties block (its messages live in `core::county`).
    County(CountyProblem),
    /// A feasibility check with a `source` quote (checks are the model's, not the document's).
    CheckHasSource,
}

impl IdKind {
    fn noun(self, zh: bool) -> &'static str {
        match (self, zh) {
            (IdKind::Name, true) => "未知名称",
            (IdKind::Section, true) => "未知章节",
            (IdKind::Target, true) => "未知目标",
            (IdKind::Division, true) => "未知县（市、区）",
            (IdKind::Name, false) => "unknown name",
            (IdKind::Section, false) => "unknown section",
            (IdKind::Target, false) => "unknown target",
            (IdKind::Division, false) => "unknown county-level division",
        }
    }
}

impl Choice {
    fn noun(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Choice::GoalOp, true) => "目标运算符",
            (Choice::Kind, true) => "类型",
            (Choice::Profile, true) => "进度曲线",
            (Choice::DivisionKind, true) => "行政区类型",
            (Choice::Split, true) => "分解规则",
            (Choice::Aggregate, true) => "汇总方式",
            (Choice::Rule, true) => "规则",
            (Choice::Role, true) => "角色",
            (Choice::Origin, true) => "来源",
            (Choice::GoalOp, false) => "goal op",
            (Choice::Kind, false) => "kind",
            (Choice::Profile, false) => "profile",
            (Choice::DivisionKind, false) => "division kind",
            (Choice::Split, false) => "split",
            (Choice::Aggregate, false) => "aggregate",
            (Choice::Rule, false) => "rule",
            (Choice::Role, false) => "role",
            (Choice::Origin, false) => "origin",
        }
    }
}

impl PlanErrorKind {
    pub fn message(&self, lang: Lang) -> String {
        use PlanErrorKind as K;
        let zh = lang == Lang::ZhCn;
        // Exhaustive, so that a new variant must be given a family; each family's own match
        // then names it.
        let text = match self {
            K::Json { .. }
            | K::Missing
            | K::WrongFormat(_)
            | K::BadId(_)
            | K::BadPlanId(_)
            | K::DuplicateId(_)
            | K::EmptyText
            | K::SourceNotFound(_)
            | K::NoTargets
            | K::BadDate(_)
            | K::CheckHasSource => self.file_message(zh),
            K::MinNotBelowMax { .. }
            | K::StepNotPositive(_)
            | K::OutOfRange { .. }
            | K::RangeOrder { .. }
            | K::GoalBetweenOrder { .. }
            | K::NotFinite
            | K::NotPositive(_) => self.number_message(zh),
            K::Formula { .. } | K::Unknown { .. } | K::Cycle(_) | K::NotOneOf { .. } => {
                self.name_message(lang)
            }
            K::UnknownLanguage(_) | K::BadScale(_) | K::EmptyUnitText => self.unit_message(zh),
            K::BadMonth(_)
            | K::MonthOutsideYear { .. }
            | K::StartAfterDeadline
            | K::SharesSum(_)
            | K::WeightsPartial
            | K::NoYear
            | K::NoDivisions
            | K::NoNonCentral
            | K::YesNoByWeight
            | K::County(_) => self.county_message(lang),
        };
        text.unwrap_or_default()
    }

    /// The file as a whole: JSON, format, ids, texts, quotes.
    fn file_message(&self, zh: bool) -> Option<String> {
        use PlanErrorKind as K;
        Some(match self {
            K::Json { category, detail } => {
                let what = match (category, zh) {
                    (JsonProblem::Syntax, true) => "JSON 语法错误",
                    (JsonProblem::Eof, true) => "文件在此处意外结束",
                    (JsonProblem::Data, true) => "字段名称或类型与计划格式不符",
                    (JsonProblem::Syntax, false) => "JSON syntax error",
                    (JsonProblem::Eof, false) => "the file ends too early",
                    (JsonProblem::Data, false) => "a field's name or type does not fit the plan format",
                };
                format!("{what} ({detail})")
            }
            K::Missing if zh => "缺少必填字段".into(),
            K::Missing => "required field is missing".into(),
            K::WrongFormat(v) if zh => {
                format!("格式版本 {v} 不受支持（本程序读取版本 {FORMAT_VERSION}）")
            }
            K::WrongFormat(v) => {
                format!("format version {v} is not supported (this build reads {FORMAT_VERSION})")
            }
            K::BadId(id) if zh => format!("标识 '{id}' 无效：只能用小写字母、数字和下划线，以字母开头"),
            K::BadId(id) => format!(
                "'{id}' is not a valid id: use lowercase letters, digits and '_', starting with a letter"
            ),
            K::BadPlanId(id) if zh => {
                format!("计划标识 '{id}' 无效：只能用小写字母、数字和 '-'")
            }
            K::BadPlanId(id) => format!(
                "'{id}' is not a valid plan id: use lowercase letters, digits and '-'"
            ),
            K::DuplicateId(id) if zh => format!("标识 '{id}' 重复"),
            K::DuplicateId(id) => format!("id '{id}' is used more than once"),
            K::EmptyText if zh => "中文文本不能为空".into(),
            K::EmptyText => "the Chinese text (zh) must not be empty".into(),
            K::SourceNotFound(s) if zh => format!("原文中找不到引文 “{s}”"),
            K::SourceNotFound(s) => format!("the quote “{s}” is not in the plan's text"),
            K::NoTargets if zh => "计划没有任何目标".into(),
            K::NoTargets => "the plan has no targets".into(),
            K::BadDate(d) if zh => format!("日期 '{d}' 应为 YYYY-MM-DD"),
            K::BadDate(d) => format!("date '{d}' must be YYYY-MM-DD"),
            K::CheckHasSource if zh => {
                "可行性检查是模型加的，不是原文的目标：不能有 source 引文".into()
            }
            K::CheckHasSource => {
                "a feasibility check is the model's, not the document's: it takes no source".into()
            }
            _ => return None,
        })
    }

    /// Numbers: ranges, steps, goals (numbers as `{}` writes them, through [`n`]).
    fn number_message(&self, zh: bool) -> Option<String> {
        use PlanErrorKind as K;
        Some(match self {
            K::MinNotBelowMax { min, max } if zh => {
                format!("最小值 {} 必须小于最大值 {}", n(min), n(max))
            }
            K::MinNotBelowMax { min, max } => {
                format!("min {} must be below max {}", n(min), n(max))
            }
            K::StepNotPositive(s) if zh => format!("步长 {} 必须大于 0", n(s)),
            K::StepNotPositive(s) => format!("step {} must be greater than 0", n(s)),
            K::OutOfRange { value, min, max } if zh => {
                format!("{} 超出范围 [{}, {}]", n(value), n(min), n(max))
            }
            K::OutOfRange { value, min, max } => {
                format!("{} is outside the range [{}, {}]", n(value), n(min), n(max))
            }
            K::RangeOrder {
                min,
                low,
                default,
                high,
                max,
            } => format!(
                "{} min {} ≤ low {} ≤ default {} ≤ high {} ≤ max {}",
                if zh { "须满足" } else { "must satisfy" },
                n(min),
                n(low),
                n(default),
                n(high),
                n(max)
            ),
            K::GoalBetweenOrder { min, max } if zh => {
                format!("区间目标的 min {} 大于 max {}", n(min), n(max))
            }
            K::GoalBetweenOrder { min, max } => {
                format!("between goal has min {} above max {}", n(min), n(max))
            }
            K::NotFinite if zh => "数值必须是有限数".into(),
            K::NotFinite => "the number must be finite".into(),
            K::NotPositive(v) if zh => format!("{} 必须大于 0", n(v)),
            K::NotPositive(v) => format!("{} must be greater than 0", n(v)),
            _ => return None,
        })
    }

    /// Names: formulas, unknown ids, values outside their list.
    fn name_message(&self, lang: Lang) -> Option<String> {
        use PlanErrorKind as K;
        let zh = lang == Lang::ZhCn;
        Some(match self {
            K::Formula { offset, problem } if zh => {
                format!(
                    "公式第 {} 个字符处有误：{}",
                    offset + 1,
                    problem.message(lang)
                )
            }
            K::Formula { offset, problem } => {
                format!(
                    "formula error at character {}: {}",
                    offset + 1,
                    problem.message(lang)
                )
            }
            K::Unknown {
                kind,
                id,
                suggestion,
            } => {
                let dym = i18n::did_you_mean(suggestion.as_deref(), lang);
                format!("{} '{id}'{dym}", kind.noun(zh))
            }
            K::Cycle(path) if zh => format!("公式循环引用：{}", path.join(" → ")),
            K::Cycle(path) => format!("formulas form a cycle: {}", path.join(" → ")),
            K::NotOneOf {
                field,
                value,
                allowed,
            } if zh => {
                let lead = if *field == Choice::Origin {
                    "此处可用"
                } else {
                    "可用"
                };
                format!(
                    "{} '{value}' 无效（{lead} {}）",
                    field.noun(true),
                    allowed.join("、")
                )
            }
            K::NotOneOf {
                field,
                value,
                allowed,
            } => format!(
                "{} '{value}' is not one of {}",
                field.noun(false),
                allowed.join(", ")
            ),
            _ => return None,
        })
    }

    /// Units and their display forms.
    fn unit_message(&self, zh: bool) -> Option<String> {
        use PlanErrorKind as K;
        Some(match self {
            K::UnknownLanguage(code) if zh => format!("未知语言 '{code}'（可用 zh、en）"),
            K::UnknownLanguage(code) => format!("unknown language '{code}' (use zh or en)"),
            K::BadScale(v) if zh => {
                format!("显示比例 {} 必须是大于 0 的有限数（显示值 = 数值 × 比例）", n(v))
            }
            K::BadScale(v) => format!("display scale {} must be a finite number greater than 0 (shown value = value × scale)", n(v)
            ),
            K::EmptyUnitText if zh => "显示单位的文字不能为空".into(),
            K::EmptyUnitText => "the display unit's text must not be empty".into(),
            _ => return None,
        })
    }

    /// The counties block: months, shares, weights, splits.
    fn county_message(&self, lang: Lang) -> Option<String> {
        use PlanErrorKind as K;
        let zh = lang == Lang::ZhCn;
        Some(match self {
            K::BadMonth(m) => i18n::bad_month(m, lang),
            K::MonthOutsideYear { month, year } => i18n::month_outside_year(month, *year, lang),
            K::StartAfterDeadline if zh => "开始月份晚于完成时限".into(),
            K::StartAfterDeadline => "the start month is after the deadline".into(),
            K::SharesSum(sum) if zh => format!("各县份额之和为 {}，应为 100", n(sum)),
            K::SharesSum(sum) => format!("the shares sum to {}, not 100", n(sum)),
            K::WeightsPartial if zh => "权重须全部填写或全部不填".into(),
            K::WeightsPartial => "give a weight for every division or for none".into(),
            K::NoYear if zh => "有县（市、区）分解时，计划必须填写年度 year".into(),
            K::NoYear => "a plan with a counties block needs its `year`".into(),
            K::NoDivisions if zh => "县（市、区）列表为空".into(),
            K::NoDivisions => "the list of divisions is empty".into(),
            K::NoNonCentral if zh => "没有主城区以外的县（市、区），此规则无对象".into(),
            K::NoNonCentral => {
                "no division lies outside the main urban area, so this rule applies to none".into()
            }
            K::YesNoByWeight if zh => {
                "是/否目标不能按权重分解（可用 per_county_min、non_central_each、city_only）".into()
            }
            K::YesNoByWeight => {
                "a yes/no target cannot be split by weight (use per_county_min, non_central_each or city_only)".into()
            }
            K::County(p) => p.message(lang),
            _ => return None,
        })
    }
}

impl PlanError {
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.place, self.kind.message(lang))
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PlanError {}

/// All the errors of one plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanErrors(pub Vec<PlanError>);

impl PlanErrors {
    pub fn message(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for PlanErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PlanErrors {}

/// A number of the plan file as `{}` writes an `f64` (`2`, `0.5`), without core's float code.
fn n(v: &f64) -> String {
    numtext::shortest(*v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::constraint::Rule;
    use crate::core::county::{Aggregate, DivisionKind};

    /// One of each variant (but `County`, whose messages `core::county` owns).
    fn one_of_each() -> Vec<PlanErrorKind> {
        use PlanErrorKind as K;
        let unknown = |kind| K::Unknown {
            kind,
            id: "x".into(),
            suggestion: Some("y".into()),
        };
        let mut all = vec![
            K::Json {
                category: JsonProblem::Eof,
                detail: "d".into(),
            },
            K::Missing,
            K::WrongFormat(9),
            K::BadId("X".into()),
            K::BadPlanId("X".into()),
            K::DuplicateId("x".into()),
            K::EmptyText,
            K::MinNotBelowMax { min: 2.0, max: 1.0 },
            K::StepNotPositive(0.0),
            K::OutOfRange {
                value: 5.0,
                min: 0.0,
                max: 1.0,
            },
            K::RangeOrder {
                min: 0.0,
                low: 2.0,
                default: 1.0,
                high: 3.0,
                max: 4.0,
            },
            K::Formula {
                offset: 0,
                problem: expr::ParseErrorKind::Empty,
            },
            K::Cycle(vec!["a".into(), "b".into(), "a".into()]),
            K::GoalBetweenOrder { min: 2.0, max: 1.0 },
            K::NotFinite,
            K::SourceNotFound("q".into()),
            K::NoTargets,
            K::BadDate("d".into()),
            K::BadMonth("m".into()),
            K::MonthOutsideYear {
                month: "2021-01".into(),
                year: 2022,
            },
            K::StartAfterDeadline,
            K::SharesSum(90.0),
            K::WeightsPartial,
            K::NotPositive(0.0),
            K::NoYear,
            K::NoDivisions,
            K::NoNonCentral,
            K::YesNoByWeight,
            K::UnknownLanguage("fr".into()),
            K::BadScale(0.0),
            K::EmptyUnitText,
            K::CheckHasSource,
        ];
        all.extend(
            [
                IdKind::Name,
                IdKind::Section,
                IdKind::Target,
                IdKind::Division,
            ]
            .map(unknown),
        );
        all.push(K::NotOneOf {
            field: Choice::Origin,
            value: "v".into(),
            allowed: vec!["a", "b"],
        });
        all
    }

    #[test]
    fn every_kind_has_a_message_in_both_languages() {
        for kind in one_of_each() {
            let (zh, en) = (kind.message(Lang::ZhCn), kind.message(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty(), "{kind:?}");
            assert_ne!(zh, en, "{kind:?}");
        }
    }

    #[test]
    fn not_one_of_lists_the_allowed_values() {
        let kind = PlanErrorKind::NotOneOf {
            field: Choice::Rule,
            value: "first".into(),
            allowed: Rule::NAMES.to_vec(),
        };
        assert_eq!(
            kind.message(Lang::En),
            "rule 'first' is not one of pro_rata, in_order"
        );
        assert_eq!(
            kind.message(Lang::ZhCn),
            "规则 'first' 无效（可用 pro_rata、in_order）"
        );
    }

    #[test]
    fn the_allowed_names_are_what_the_parsers_read() {
        assert!(Rule::NAMES
            .iter()
            .all(|n| Rule::parse(n).map(Rule::as_str) == Some(*n)));
        assert!(DivisionKind::NAMES
            .iter()
            .all(|n| DivisionKind::parse(n).map(DivisionKind::as_str) == Some(*n)));
        assert!(Aggregate::NAMES
            .iter()
            .all(|n| Aggregate::parse(n).map(Aggregate::as_str) == Some(*n)));
    }
}
