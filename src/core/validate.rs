//! Plan file → validated [`Plan`]. Reports every problem at once, each with its place
//! (`targets[12].goal.value`) and a message in both languages.

use super::county::{counties, CountyProblem};
use super::engine::Program;
use super::expr::{self, Expr};
use super::format::{GoalFile, PlanFile, TextFile, UnitFile, FORMAT_VERSION};
use super::i18n::Lang;
use super::plan::{
    nearest, Derived, Goal, Input, InputKind, Origin, Plan, PlanMeta, Profile, Role, Section,
    Target, TargetKind, Text, Unit, UnitDisplay,
};
use std::collections::{HashMap, HashSet};
use std::fmt;

mod constraints;
mod reach;
use reach::reach;

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
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    Cycle(Vec<String>),
    UnknownSection {
        id: String,
        suggestion: Option<String>,
    },
    BadGoalOp(String),
    GoalBetweenOrder {
        min: f64,
        max: f64,
    },
    BadKind(String),
    BadProfile(String),
    NotFinite,
    SourceNotFound(String),
    NoTargets,
    BadDate(String),
    UnknownTarget {
        id: String,
        suggestion: Option<String>,
    },
    UnknownDivision {
        id: String,
        suggestion: Option<String>,
    },
    BadDivisionKind(String),
    BadSplit(String),
    BadAggregate(String),
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
    /// A constraint rule other than `pro_rata` and `in_order`.
    BadRule(String),
    /// An origin not allowed here; `allowed` lists those that are.
    BadOrigin {
        value: String,
        allowed: &'static str,
    },
    /// A target role other than `outcome`, `commitment`, `check`.
    BadRole(String),
    /// A feasibility check with a `source` quote (checks are the model's, not the document's).
    CheckHasSource,
}

impl PlanErrorKind {
    pub fn message(&self, lang: Lang) -> String {
        use PlanErrorKind as K;
        let zh = lang == Lang::ZhCn;
        let did_you_mean = |s: &Option<String>| super::i18n::did_you_mean(s.as_deref(), lang);
        match self {
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
                format!("格式版本 {v} 不受支持(本程序读取版本 {FORMAT_VERSION})")
            }
            K::WrongFormat(v) => {
                format!("format version {v} is not supported (this build reads {FORMAT_VERSION})")
            }
            K::BadId(id) if zh => format!("标识 '{id}' 无效:只能用小写字母、数字和下划线,以字母开头"),
            K::BadId(id) => format!(
                "'{id}' is not a valid id: use lowercase letters, digits and '_', starting with a letter"
            ),
            K::BadPlanId(id) if zh => {
                format!("计划标识 '{id}' 无效:只能用小写字母、数字和 '-'")
            }
            K::BadPlanId(id) => format!(
                "'{id}' is not a valid plan id: use lowercase letters, digits and '-'"
            ),
            K::DuplicateId(id) if zh => format!("标识 '{id}' 重复"),
            K::DuplicateId(id) => format!("id '{id}' is used more than once"),
            K::EmptyText if zh => "中文文本不能为空".into(),
            K::EmptyText => "the Chinese text (zh) must not be empty".into(),
            K::MinNotBelowMax { min, max } if zh => {
                format!("最小值 {min} 必须小于最大值 {max}")
            }
            K::MinNotBelowMax { min, max } => format!("min {min} must be below max {max}"),
            K::StepNotPositive(s) if zh => format!("步长 {s} 必须大于 0"),
            K::StepNotPositive(s) => format!("step {s} must be greater than 0"),
            K::OutOfRange { value, min, max } if zh => {
                format!("{value} 超出范围 [{min}, {max}]")
            }
            K::OutOfRange { value, min, max } => {
                format!("{value} is outside the range [{min}, {max}]")
            }
            K::RangeOrder {
                min,
                low,
                default,
                high,
                max,
            } => format!(
                "{} min {min} ≤ low {low} ≤ default {default} ≤ high {high} ≤ max {max}",
                if zh { "须满足" } else { "must satisfy" }
            ),
            K::Formula { offset, problem } if zh => {
                format!("公式第 {} 个字符处有误:{}", offset + 1, problem.message(lang))
            }
            K::Formula { offset, problem } => {
                format!(
                    "formula error at character {}: {}",
                    offset + 1,
                    problem.message(lang)
                )
            }
            K::UnknownName { name, suggestion } if zh => {
                format!("未知名称 '{name}'{}", did_you_mean(suggestion))
            }
            K::UnknownName { name, suggestion } => {
                format!("unknown name '{name}'{}", did_you_mean(suggestion))
            }
            K::Cycle(path) if zh => format!("公式循环引用:{}", path.join(" → ")),
            K::Cycle(path) => format!("formulas form a cycle: {}", path.join(" → ")),
            K::UnknownSection { id, suggestion } if zh => {
                format!("未知章节 '{id}'{}", did_you_mean(suggestion))
            }
            K::UnknownSection { id, suggestion } => {
                format!("unknown section '{id}'{}", did_you_mean(suggestion))
            }
            K::BadGoalOp(op) if zh => {
                format!("目标运算符 '{op}' 无效(可用 >=、<=、=、between)")
            }
            K::BadGoalOp(op) => {
                format!("goal op '{op}' is not one of >=, <=, =, between")
            }
            K::GoalBetweenOrder { min, max } if zh => {
                format!("区间目标的 min {min} 大于 max {max}")
            }
            K::GoalBetweenOrder { min, max } => {
                format!("between goal has min {min} above max {max}")
            }
            K::BadKind(k) if zh => format!("类型 '{k}' 无效(可用 number、yes_no)"),
            K::BadKind(k) => format!("kind '{k}' is not one of number, yes_no"),
            K::BadProfile(p) if zh => format!("进度曲线 '{p}' 无效(可用 linear、back_loaded)"),
            K::BadProfile(p) => format!("profile '{p}' is not one of linear, back_loaded"),
            K::NotFinite if zh => "数值必须是有限数".into(),
            K::NotFinite => "the number must be finite".into(),
            K::SourceNotFound(s) if zh => format!("原文中找不到引文 “{s}”"),
            K::SourceNotFound(s) => format!("the quote “{s}” is not in the plan's text"),
            K::NoTargets if zh => "计划没有任何目标".into(),
            K::NoTargets => "the plan has no targets".into(),
            K::BadDate(d) if zh => format!("日期 '{d}' 应为 YYYY-MM-DD"),
            K::BadDate(d) => format!("date '{d}' must be YYYY-MM-DD"),
            K::UnknownTarget { id, suggestion } if zh => {
                format!("未知目标 '{id}'{}", did_you_mean(suggestion))
            }
            K::UnknownTarget { id, suggestion } => {
                format!("unknown target '{id}'{}", did_you_mean(suggestion))
            }
            K::UnknownDivision { id, suggestion } if zh => {
                format!("未知县(市、区) '{id}'{}", did_you_mean(suggestion))
            }
            K::UnknownDivision { id, suggestion } => {
                format!("unknown county-level division '{id}'{}", did_you_mean(suggestion))
            }
            K::BadDivisionKind(k) if zh => {
                format!("行政区类型 '{k}' 无效(可用 district、county、city)")
            }
            K::BadDivisionKind(k) => {
                format!("division kind '{k}' is not one of district, county, city")
            }
            K::BadSplit(k) if zh => format!(
                "分解规则 '{k}' 无效(可用 by_weight、per_county_min、non_central_each、city_only)"
            ),
            K::BadSplit(k) => format!(
                "split '{k}' is not one of by_weight, per_county_min, non_central_each, city_only"
            ),
            K::BadAggregate(k) if zh => format!("汇总方式 '{k}' 无效(可用 sum、mean、min)"),
            K::BadAggregate(k) => format!("aggregate '{k}' is not one of sum, mean, min"),
            K::BadMonth(m) => super::i18n::bad_month(m, lang),
            K::MonthOutsideYear { month, year } => {
                super::i18n::month_outside_year(month, *year, lang)
            }
            K::StartAfterDeadline if zh => "开始月份晚于完成时限".into(),
            K::StartAfterDeadline => "the start month is after the deadline".into(),
            K::SharesSum(sum) if zh => format!("各县份额之和为 {sum},应为 100"),
            K::SharesSum(sum) => format!("the shares sum to {sum}, not 100"),
            K::WeightsPartial if zh => "权重须全部填写或全部不填".into(),
            K::WeightsPartial => "give a weight for every division or for none".into(),
            K::NotPositive(v) if zh => format!("{v} 必须大于 0"),
            K::NotPositive(v) => format!("{v} must be greater than 0"),
            K::NoYear if zh => "有县(市、区)分解时,计划必须填写年度 year".into(),
            K::NoYear => "a plan with a counties block needs its `year`".into(),
            K::NoDivisions if zh => "县(市、区)列表为空".into(),
            K::NoDivisions => "the list of divisions is empty".into(),
            K::NoNonCentral if zh => "没有主城区以外的县(市、区),此规则无对象".into(),
            K::NoNonCentral => {
                "no division lies outside the main urban area, so this rule applies to none".into()
            }
            K::YesNoByWeight if zh => {
                "是/否目标不能按权重分解(可用 per_county_min、non_central_each、city_only)".into()
            }
            K::YesNoByWeight => {
                "a yes/no target cannot be split by weight (use per_county_min, non_central_each or city_only)".into()
            }
            K::UnknownLanguage(code) if zh => format!("未知语言 '{code}'(可用 zh、en)"),
            K::UnknownLanguage(code) => format!("unknown language '{code}' (use zh or en)"),
            K::BadScale(v) if zh => {
                format!("显示比例 {v} 必须是大于 0 的有限数(显示值 = 数值 × 比例)")
            }
            K::BadScale(v) => format!(
                "display scale {v} must be a finite number greater than 0 (shown value = value × scale)"
            ),
            K::EmptyUnitText if zh => "显示单位的文字不能为空".into(),
            K::EmptyUnitText => "the display unit's text must not be empty".into(),
            K::County(p) => p.message(lang),
            K::BadRule(r) if zh => format!("规则 '{r}' 无效(可用 pro_rata、in_order)"),
            K::BadRule(r) => format!("rule '{r}' is not one of pro_rata, in_order"),
            K::BadOrigin { value, allowed } if zh => {
                format!("来源 '{value}' 无效(此处可用 {allowed})")
            }
            K::BadOrigin { value, allowed } => {
                format!("origin '{value}' is not one of {allowed}")
            }
            K::BadRole(r) if zh => format!("角色 '{r}' 无效(可用 outcome、commitment、check)"),
            K::BadRole(r) => format!("role '{r}' is not one of outcome, commitment, check"),
            K::CheckHasSource if zh => {
                "可行性检查是模型加的,不是原文的目标:不能有 source 引文".into()
            }
            K::CheckHasSource => {
                "a feasibility check is the model's, not the document's: it takes no source".into()
            }
        }
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

/// Parses and validates a plan file.
pub fn parse_plan(json: &str) -> Result<Plan, PlanErrors> {
    let mut file: PlanFile = serde_json::from_str(json).map_err(|e| {
        let place = format!("line {}, column {}", e.line(), e.column());
        let msg = e.to_string();
        // serde_json appends " at line L column C"; the place already says it.
        let msg = match msg.rfind(" at line ") {
            Some(i) => msg.get(..i).unwrap_or(&msg).to_string(),
            None => msg,
        };
        let category = match e.classify() {
            serde_json::error::Category::Eof => JsonProblem::Eof,
            serde_json::error::Category::Data => JsonProblem::Data,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                JsonProblem::Syntax
            }
        };
        PlanErrors(vec![PlanError {
            place,
            kind: PlanErrorKind::Json {
                category,
                detail: msg,
            },
        }])
    })?;
    build(&mut file)
}

/// Validates a plan file already read into its wire types (e.g. from a workbook); the errors'
/// places are the same JSON paths as [`parse_plan`]'s.
pub fn validate_file(mut file: PlanFile) -> Result<Plan, PlanErrors> {
    build(&mut file)
}

/// Checks every target's `source` against the plan's own text.
pub fn check_sources(plan: &Plan, document: &str) -> Vec<PlanError> {
    plan.targets()
        .iter()
        .enumerate()
        .filter(|(_, t)| !document.contains(t.source.as_str()))
        .map(|(i, t)| PlanError {
            place: format!("targets[{i}].source"),
            kind: PlanErrorKind::SourceNotFound(t.source.clone()),
        })
        .collect()
}

/// `collection[index]`, formatted only when an error needs it.
#[derive(Clone, Copy)]
struct Item(&'static str, usize);

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

pub(crate) struct Ctx {
    errors: Vec<PlanError>,
}

impl Ctx {
    pub(crate) fn err(&mut self, place: impl Into<String>, kind: PlanErrorKind) {
        self.errors.push(PlanError {
            place: place.into(),
            kind,
        });
    }

    pub(crate) fn req<'a, T>(
        &mut self,
        v: &'a Option<T>,
        place: impl Fn() -> String,
    ) -> Option<&'a T> {
        if v.is_none() {
            self.err(place(), PlanErrorKind::Missing);
        }
        v.as_ref()
    }

    fn num(&mut self, v: Option<f64>, place: impl Fn() -> String) -> f64 {
        match v {
            None => {
                self.err(place(), PlanErrorKind::Missing);
                f64::NAN
            }
            Some(x) if !x.is_finite() => {
                self.err(place(), PlanErrorKind::NotFinite);
                f64::NAN
            }
            Some(x) => x,
        }
    }

    pub(crate) fn text(
        &mut self,
        v: &mut Option<TextFile>,
        place: impl Fn() -> String,
        required: bool,
    ) -> Text {
        match v {
            None if required => {
                self.err(place(), PlanErrorKind::Missing);
                Text::default()
            }
            None => Text::default(),
            Some(t) => {
                if required && t.zh.trim().is_empty() {
                    self.err(format!("{}.zh", place()), PlanErrorKind::EmptyText);
                }
                Text::new(std::mem::take(&mut t.zh), std::mem::take(&mut t.en))
            }
        }
    }

    /// A unit: its canonical text and the display units by language.
    fn unit(&mut self, v: &mut Option<UnitFile>, place: impl Fn() -> String) -> Unit {
        let Some(u) = v else {
            return Unit::default();
        };
        let mut unit = Unit::plain(Text::new(
            std::mem::take(&mut u.zh),
            std::mem::take(&mut u.en),
        ));
        for (code, d) in &u.display {
            let here = || format!("{}.display.{code}", place());
            let slot = match code.as_str() {
                "zh" => &mut unit.display_zh,
                "en" => &mut unit.display_en,
                _ => {
                    self.err(here(), PlanErrorKind::UnknownLanguage(code.clone()));
                    continue;
                }
            };
            let text = match d.text.as_deref().map(str::trim) {
                None => {
                    self.err(format!("{}.text", here()), PlanErrorKind::Missing);
                    None
                }
                Some("") => {
                    self.err(format!("{}.text", here()), PlanErrorKind::EmptyUnitText);
                    None
                }
                Some(t) => Some(t.to_string()),
            };
            let scale = match d.scale {
                None => {
                    self.err(format!("{}.scale", here()), PlanErrorKind::Missing);
                    None
                }
                Some(x) if !x.is_finite() || x <= 0.0 => {
                    self.err(format!("{}.scale", here()), PlanErrorKind::BadScale(x));
                    None
                }
                Some(x) => Some(x),
            };
            if let (Some(text), Some(scale)) = (text, scale) {
                *slot = Some(UnitDisplay { text, scale });
            }
        }
        unit
    }

    pub(crate) fn id(
        &mut self,
        v: &Option<String>,
        place: impl Fn() -> String,
        seen: &mut HashSet<String>,
    ) -> String {
        let Some(id) = self.req(v, &place) else {
            return String::new();
        };
        let id = id.clone();
        let ok = id
            .chars()
            .next()
            .map(|c| c.is_ascii_lowercase())
            .unwrap_or(false)
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            self.err(place(), PlanErrorKind::BadId(id.clone()));
        }
        if !seen.insert(id.clone()) {
            self.err(place(), PlanErrorKind::DuplicateId(id.clone()));
        }
        id
    }

    fn formula(&mut self, src: &str, place: impl Fn() -> String) -> Option<Expr> {
        match expr::parse(src) {
            Ok(e) => Some(e),
            Err(e) => {
                self.err(
                    place(),
                    PlanErrorKind::Formula {
                        offset: src.get(..e.offset).map(|s| s.chars().count()).unwrap_or(0),
                        problem: e.kind,
                    },
                );
                None
            }
        }
    }
}

fn plan_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn date_ok(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn build(file: &mut PlanFile) -> Result<Plan, PlanErrors> {
    let mut cx = Ctx { errors: Vec::new() };

    // Top level.
    match file.format {
        None => cx.err("format", PlanErrorKind::Missing),
        Some(FORMAT_VERSION) => {}
        Some(v) => cx.err("format", PlanErrorKind::WrongFormat(v)),
    }
    let id = cx
        .req(&file.id, || "id".into())
        .cloned()
        .unwrap_or_default();
    if file.id.is_some() && !plan_id_ok(&id) {
        cx.err("id", PlanErrorKind::BadPlanId(id.clone()));
    }
    let version = match file.version {
        None => {
            cx.err("version", PlanErrorKind::Missing);
            0
        }
        Some(v) => v,
    };
    let title = cx.text(&mut file.title, || "title".into(), true);
    let published = file.published.clone().unwrap_or_default();
    if !published.is_empty() && !date_ok(&published) {
        cx.err("published", PlanErrorKind::BadDate(published.clone()));
    }
    let meta = PlanMeta {
        id,
        version,
        title,
        publisher: cx.text(&mut file.publisher, || "publisher".into(), false),
        published,
        year: file.year.unwrap_or(0),
        summary: cx.text(&mut file.summary, || "summary".into(), false),
    };

    // Sections.
    let mut section_ids = HashSet::new();
    let mut sections = Vec::new();
    for (i, s) in file.sections.iter_mut().enumerate() {
        let id = cx.id(&s.id, || format!("sections[{i}].id"), &mut section_ids);
        let title = cx.text(&mut s.title, || format!("sections[{i}].title"), true);
        sections.push(Section { id, title });
    }
    if sections.is_empty() {
        cx.err("sections", PlanErrorKind::Missing);
    }
    let first_section = sections.first().map(|s| s.id.clone()).unwrap_or_default();
    let check_section = |cx: &mut Ctx, id: &str, place: String| {
        if !section_ids.contains(id) {
            let suggestion = nearest(id, sections.iter().map(|s| s.id.as_str())).map(String::from);
            cx.err(
                place,
                PlanErrorKind::UnknownSection {
                    id: id.to_string(),
                    suggestion,
                },
            );
        }
    };

    // Inputs: levers, then assumptions.
    let mut names = HashSet::new();
    let mut inputs = Vec::new();
    for (i, l) in file.levers.iter_mut().enumerate() {
        let p = Item("levers", i);
        let id = cx.id(&l.id, || format!("{p}.id"), &mut names);
        let label = cx.text(&mut l.label, || format!("{p}.label"), true);
        let unit = cx.unit(&mut l.unit, || format!("{p}.unit"));
        let group = l.group.clone().unwrap_or_else(|| first_section.clone());
        if l.group.is_some() {
            check_section(&mut cx, &group, format!("{p}.group"));
        }
        let (min, max, step, default) = range(&mut cx, &p, l.min, l.max, l.step, l.default);
        inputs.push(Input {
            id,
            kind: InputKind::Policy,
            label,
            unit,
            group,
            min,
            max,
            step,
            default,
            low: default,
            high: default,
            note: cx.text(&mut l.note, || format!("{p}.note"), false),
            origin: origin(&mut cx, &l.origin, &Origin::LEVER, || format!("{p}.origin")),
        });
    }
    for (i, a) in file.assumptions.iter_mut().enumerate() {
        let p = Item("assumptions", i);
        let id = cx.id(&a.id, || format!("{p}.id"), &mut names);
        let label = cx.text(&mut a.label, || format!("{p}.label"), true);
        let unit = cx.unit(&mut a.unit, || format!("{p}.unit"));
        let group = a.group.clone().unwrap_or_else(|| first_section.clone());
        if a.group.is_some() {
            check_section(&mut cx, &group, format!("{p}.group"));
        }
        let (min, max, step, default) = range(&mut cx, &p, a.min, a.max, a.step, a.default);
        let low = cx.num(a.low, || format!("{p}.low"));
        let high = cx.num(a.high, || format!("{p}.high"));
        if [min, max, default, low, high].iter().all(|v| v.is_finite())
            && !(min <= low && low <= default && default <= high && high <= max)
        {
            cx.err(
                format!("{p}.low"),
                PlanErrorKind::RangeOrder {
                    min,
                    low,
                    default,
                    high,
                    max,
                },
            );
        }
        let note = cx.text(&mut a.note, || format!("{p}.note"), true);
        inputs.push(Input {
            id,
            kind: InputKind::Assumption,
            label,
            unit,
            group,
            min,
            max,
            step,
            default,
            low,
            high,
            note,
            origin: origin(&mut cx, &a.origin, &Origin::ASSUMPTION, || {
                format!("{p}.origin")
            }),
        });
    }

    // Derived quantities.
    let mut derived = Vec::new();
    let mut derived_exprs: Vec<Option<Expr>> = Vec::new();
    let mut derived_places: Vec<String> = Vec::new();
    for (i, d) in file.derived.iter_mut().enumerate() {
        let p = Item("derived", i);
        let id = cx.id(&d.id, || format!("{p}.id"), &mut names);
        let label = cx.text(&mut d.label, || format!("{p}.label"), true);
        let unit = cx.unit(&mut d.unit, || format!("{p}.unit"));
        let formula = cx.req(&d.formula, || format!("{p}.formula")).cloned();
        let e = formula
            .as_deref()
            .and_then(|f| cx.formula(f, || format!("{p}.formula")));
        derived_exprs.push(e);
        derived_places.push(format!("{p}.formula"));
        derived.push(Derived {
            id,
            label,
            unit,
            formula: formula.unwrap_or_default(),
            summary: d.summary,
        });
    }

    // Constraints: more derived quantities.
    let mut list = constraints::DerivedList {
        derived,
        exprs: derived_exprs,
        places: derived_places,
    };
    let mut plan_constraints =
        constraints::build(&mut cx, &mut file.constraints, &mut names, &mut list);
    let constraints::DerivedList {
        derived,
        exprs: derived_exprs,
        places: derived_places,
    } = list;

    // Targets.
    let mut target_ids = HashSet::new();
    let mut targets = Vec::new();
    let mut target_exprs: Vec<Option<Expr>> = Vec::new();
    for (i, t) in file.targets.iter_mut().enumerate() {
        let p = Item("targets", i);
        let id = cx.id(&t.id, || format!("{p}.id"), &mut target_ids);
        let section = cx
            .req(&t.section, || format!("{p}.section"))
            .cloned()
            .unwrap_or_default();
        if t.section.is_some() {
            check_section(&mut cx, &section, format!("{p}.section"));
        }
        let label = cx.text(&mut t.label, || format!("{p}.label"), true);
        let unit = cx.unit(&mut t.unit, || format!("{p}.unit"));
        let goal = match cx.req(&t.goal, || format!("{p}.goal")) {
            Some(g) => goal(&mut cx, g, &p),
            None => Goal::AtLeast(0.0),
        };
        let kind = match t.kind.as_deref() {
            None | Some("number") => TargetKind::Number,
            Some("yes_no") => TargetKind::YesNo,
            Some(k) => {
                cx.err(format!("{p}.kind"), PlanErrorKind::BadKind(k.to_string()));
                TargetKind::Number
            }
        };
        let profile = match t.profile.as_deref() {
            None | Some("linear") => Profile::Linear,
            Some("back_loaded") => Profile::BackLoaded,
            Some(k) => {
                cx.err(
                    format!("{p}.profile"),
                    PlanErrorKind::BadProfile(k.to_string()),
                );
                Profile::Linear
            }
        };
        let baseline = match t.baseline {
            Some(b) if !b.is_finite() => {
                cx.err(format!("{p}.baseline"), PlanErrorKind::NotFinite);
                0.0
            }
            Some(b) => b,
            None => 0.0,
        };
        let role = match t.role.as_deref().map(|r| (r, Role::parse(r))) {
            None => Role::Outcome,
            Some((_, Some(r))) => r,
            Some((r, None)) => {
                cx.err(format!("{p}.role"), PlanErrorKind::BadRole(r.to_string()));
                Role::Outcome
            }
        };
        let source = if role == Role::Check {
            if t.source.is_some() {
                cx.err(format!("{p}.source"), PlanErrorKind::CheckHasSource);
            }
            String::new()
        } else {
            cx.req(&t.source, || format!("{p}.source"))
                .cloned()
                .unwrap_or_default()
        };
        if role != Role::Check && t.source.is_some() && source.trim().is_empty() {
            cx.err(format!("{p}.source"), PlanErrorKind::EmptyText);
        }
        let e = t
            .value
            .as_deref()
            .and_then(|f| cx.formula(f, || format!("{p}.value")));
        target_exprs.push(e);
        targets.push(Target {
            id,
            section,
            label,
            unit,
            goal,
            kind,
            baseline,
            profile,
            source,
            note: cx.text(&mut t.note, || format!("{p}.note"), false),
            value: t.value.clone(),
            role,
        });
    }
    if file.targets.is_empty() {
        cx.err("targets", PlanErrorKind::NoTargets);
    }

    // Names in formulas.
    let slot_of: HashMap<&str, usize> = inputs
        .iter()
        .map(|i| i.id.as_str())
        .chain(derived.iter().map(|d| d.id.as_str()))
        .enumerate()
        .map(|(slot, id)| (id, slot))
        .collect();
    let all_names: Vec<&str> = inputs
        .iter()
        .map(|i| i.id.as_str())
        .chain(derived.iter().map(|d| d.id.as_str()))
        .collect();
    let check_names = |cx: &mut Ctx, e: &Option<Expr>, place: String| {
        let mut vars = Vec::new();
        if let Some(e) = e {
            e.vars(&mut vars);
        }
        for (name, _) in vars {
            if !slot_of.contains_key(name.as_str()) {
                let suggestion = nearest(&name, all_names.iter().copied()).map(String::from);
                cx.err(
                    place.clone(),
                    PlanErrorKind::UnknownName { name, suggestion },
                );
            }
        }
    };
    for (e, place) in derived_exprs.iter().zip(&derived_places) {
        check_names(&mut cx, e, place.clone());
    }
    for (i, e) in target_exprs.iter().enumerate() {
        check_names(&mut cx, e, format!("targets[{i}].value"));
    }

    // Counties.
    let year = file.year;
    let counties = file
        .counties
        .as_mut()
        .map(|c| counties(&mut cx, c, &targets, year));

    // Order derived quantities; report cycles.
    let n_inputs = inputs.len();
    let order = topo_order(
        &mut cx,
        &derived,
        &derived_exprs,
        &derived_places,
        &slot_of,
        n_inputs,
    );

    if !cx.errors.is_empty() {
        return Err(PlanErrors(cx.errors));
    }

    // Compile.
    let slots = n_inputs + derived.len() + targets.len();
    let mut program = Program::new(slots);
    let resolve = |name: &str| slot_of.get(name).copied();
    for &d in &order {
        if let Some(Some(e)) = derived_exprs.get(d) {
            program.push(e, n_inputs + d, &resolve);
        }
    }
    for (t, e) in target_exprs.iter().enumerate() {
        match e {
            Some(e) => program.push(e, n_inputs + derived.len() + t, &resolve),
            None => program.push(&Expr::Num(f64::NAN), n_inputs + derived.len() + t, &resolve),
        }
    }

    let (input_targets, derived_targets) =
        reach(n_inputs, &order, &derived_exprs, &target_exprs, &slot_of);
    for item in plan_constraints.iter_mut().flat_map(|c| c.items.iter_mut()) {
        item.targets = derived_targets.get(item.share).cloned().unwrap_or_default();
    }

    Ok(Plan {
        meta,
        sections,
        inputs,
        derived,
        targets,
        program,
        input_targets,
        counties,
        constraints: plan_constraints,
    })
}

fn origin(
    cx: &mut Ctx,
    v: &Option<String>,
    allowed: &[Origin],
    place: impl Fn() -> String,
) -> Option<Origin> {
    let v = v.as_deref()?;
    match Origin::parse(v).filter(|o| allowed.contains(o)) {
        Some(o) => Some(o),
        None => {
            let allowed = if allowed.len() == 2 {
                "plan, not_in_plan"
            } else {
                "official, estimate, fitted"
            };
            cx.err(
                place(),
                PlanErrorKind::BadOrigin {
                    value: v.to_string(),
                    allowed,
                },
            );
            None
        }
    }
}

fn range(
    cx: &mut Ctx,
    p: &Item,
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    default: Option<f64>,
) -> (f64, f64, f64, f64) {
    let min = cx.num(min, || format!("{p}.min"));
    let max = cx.num(max, || format!("{p}.max"));
    let step = cx.num(step, || format!("{p}.step"));
    let default = cx.num(default, || format!("{p}.default"));
    if min.is_finite() && max.is_finite() && min >= max {
        cx.err(
            format!("{p}.min"),
            PlanErrorKind::MinNotBelowMax { min, max },
        );
    }
    if step.is_finite() && step <= 0.0 {
        cx.err(format!("{p}.step"), PlanErrorKind::StepNotPositive(step));
    }
    if default.is_finite() && min.is_finite() && max.is_finite() && (default < min || default > max)
    {
        cx.err(
            format!("{p}.default"),
            PlanErrorKind::OutOfRange {
                value: default,
                min,
                max,
            },
        );
    }
    (min, max, step, default)
}

fn goal(cx: &mut Ctx, g: &GoalFile, p: &Item) -> Goal {
    let Some(op) = cx.req(&g.op, || format!("{p}.goal.op")).cloned() else {
        return Goal::AtLeast(0.0);
    };
    match op.as_str() {
        ">=" | "<=" | "=" => {
            let v = cx.num(g.value, || format!("{p}.goal.value"));
            match op.as_str() {
                ">=" => Goal::AtLeast(v),
                "<=" => Goal::AtMost(v),
                _ => Goal::Equal(v),
            }
        }
        "between" => {
            let a = cx.num(g.min, || format!("{p}.goal.min"));
            let b = cx.num(g.max, || format!("{p}.goal.max"));
            if a.is_finite() && b.is_finite() && a > b {
                cx.err(
                    format!("{p}.goal.min"),
                    PlanErrorKind::GoalBetweenOrder { min: a, max: b },
                );
            }
            Goal::Between(a, b)
        }
        other => {
            cx.err(
                format!("{p}.goal.op"),
                PlanErrorKind::BadGoalOp(other.to_string()),
            );
            Goal::AtLeast(0.0)
        }
    }
}

/// Topological order of derived quantities (indices into `derived`); cycles are reported
/// once each, naming the ids around the cycle.
fn topo_order(
    cx: &mut Ctx,
    derived: &[Derived],
    exprs: &[Option<Expr>],
    places: &[String],
    slot_of: &HashMap<&str, usize>,
    n_inputs: usize,
) -> Vec<usize> {
    let deps: Vec<Vec<usize>> = exprs
        .iter()
        .map(|e| {
            let mut vars = Vec::new();
            if let Some(e) = e {
                e.vars(&mut vars);
            }
            vars.iter()
                .filter_map(|(n, _)| slot_of.get(n.as_str()))
                .filter(|s| **s >= n_inputs)
                .map(|s| s - n_inputs)
                .collect()
        })
        .collect();
    // 0 = unvisited, 1 = on stack, 2 = done.
    let mut state = vec![0u8; derived.len()];
    let mut order = Vec::with_capacity(derived.len());
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..derived.len() {
        if state.get(start) != Some(&0) {
            continue;
        }
        // Iterative DFS: (node, next dependency index).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some(&(node, next)) = stack.last() {
            let dep = deps.get(node).and_then(|d| d.get(next)).copied();
            match dep {
                Some(dep) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match state.get(dep) {
                        Some(0) => {
                            if let Some(s) = state.get_mut(dep) {
                                *s = 1;
                            }
                            stack.push((dep, 0));
                        }
                        Some(1) => {
                            let pos = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                            let mut cycle: Vec<usize> =
                                stack.iter().skip(pos).map(|(n, _)| *n).collect();
                            let mut key = cycle.clone();
                            key.sort_unstable();
                            if reported.insert(key) {
                                cycle.push(dep);
                                let names = cycle
                                    .iter()
                                    .filter_map(|n| derived.get(*n).map(|d| d.id.clone()))
                                    .collect();
                                let place = places.get(dep).cloned().unwrap_or_default();
                                cx.err(place, PlanErrorKind::Cycle(names));
                            }
                        }
                        _ => {}
                    }
                }
                None => {
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    order.push(node);
                    stack.pop();
                }
            }
        }
    }
    order
}

/// Parses a month `YYYY-MM` into (year, month 1–12).
pub fn parse_month(s: &str) -> Option<(i32, u8)> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year = y.parse::<i32>().ok()?;
    let month = m.parse::<u8>().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}
