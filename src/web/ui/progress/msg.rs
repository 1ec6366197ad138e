//! Every string of the Progress view, in both languages (one `match` arm per language).

use crate::core::progress::ProgressStatus;
use crate::core::Lang;

/// A message of the Progress view. Variants carry the already formatted parts.
#[derive(Debug, Clone, PartialEq)]
pub enum PMsg<'a> {
    Heading,
    Intro,
    LoadHeading,
    LoadLabel,
    LoadHint,
    /// The figures behind the `actuals` attribute: its URL.
    FromPage(&'a str),
    /// The page's figures (`FromPage`) could not be fetched: the HTTP status.
    FetchHttp(&'a str, u16),
    /// The page's figures (`FromPage`) could not be fetched at all.
    FetchNetwork(&'a str),
    /// The page's URL gave a web page (HTML), not CSV or JSON.
    NotData,
    /// Next to the file picker: nothing chosen yet.
    NoFile,
    /// Next to the file picker: the names of the files chosen last.
    Picked(&'a [String]),
    /// `name`: `used` values loaded, `bad` bad rows.
    Loaded {
        name: &'a str,
        used: usize,
        bad: usize,
    },
    Warnings(usize),
    /// The list of bad rows of file `name`.
    BadRows(&'a str),
    Total(usize),
    ReadFailed(&'a str),
    NotWorkbook(&'a str),
    NoActuals,
    AsOf,
    Scope,
    /// `YYYY` and month number.
    Month(i32, u8),
    GridHeading,
    GridCaption(&'a str),
    Target,
    NoPart,
    RankingHeading,
    RankingCaption(&'a str),
    /// tolerance %, praise_top, praise min share %, interview_bottom.
    RankingRule(&'a str, usize, &'a str, usize),
    Provisional,
    ProvisionalCol,
    FollowUp,
    NotRanked,
    /// The grid shows one division: say so.
    GridFiltered(&'a str),
    Rank,
    County,
    Tasks,
    Share,
    Completion,
    Mark,
    Praise,
    Interview,
    NoRanking,
    TimelineHeading(&'a str),
    TimelineCaption(&'a str, &'a str),
    MonthCol,
    Milestone,
    Actual,
    ChartLegendPlan,
    ChartLegendActual,
    ExportHeading,
    BreakdownCsv,
    BreakdownJson,
    GridCsv,
    RankingCsv,
    ReportJson,
    Print,
    ReportError(&'a str),
}

impl PMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            PMsg::Heading
            | PMsg::Intro
            | PMsg::LoadHeading
            | PMsg::LoadLabel
            | PMsg::LoadHint
            | PMsg::FromPage(..)
            | PMsg::FetchHttp(..)
            | PMsg::FetchNetwork(..)
            | PMsg::NotData => self.view(zh),
            PMsg::NoFile
            | PMsg::Picked(..)
            | PMsg::Loaded { .. }
            | PMsg::Warnings(..)
            | PMsg::BadRows(..)
            | PMsg::Total(..)
            | PMsg::ReadFailed(..)
            | PMsg::NotWorkbook(..)
            | PMsg::NoActuals => self.files(zh),
            PMsg::AsOf
            | PMsg::Scope
            | PMsg::Month(..)
            | PMsg::GridHeading
            | PMsg::GridCaption(..)
            | PMsg::Target
            | PMsg::NoPart
            | PMsg::GridFiltered(..) => self.grid(zh),
            PMsg::RankingHeading
            | PMsg::RankingCaption(..)
            | PMsg::RankingRule(..)
            | PMsg::Provisional
            | PMsg::ProvisionalCol
            | PMsg::FollowUp
            | PMsg::NotRanked
            | PMsg::Rank
            | PMsg::County
            | PMsg::Tasks
            | PMsg::Share
            | PMsg::Completion
            | PMsg::Mark
            | PMsg::Praise
            | PMsg::Interview
            | PMsg::NoRanking => self.ranking(zh),
            PMsg::TimelineHeading(..)
            | PMsg::TimelineCaption(..)
            | PMsg::MonthCol
            | PMsg::Milestone
            | PMsg::Actual
            | PMsg::ChartLegendPlan
            | PMsg::ChartLegendActual => self.timeline(zh),
            PMsg::ExportHeading
            | PMsg::BreakdownCsv
            | PMsg::BreakdownJson
            | PMsg::GridCsv
            | PMsg::RankingCsv
            | PMsg::ReportJson
            | PMsg::Print
            | PMsg::ReportError(..) => self.exports(zh),
        }
    }

    /// The view and where its figures come from (the picker, the page's `actuals` URL).
    fn view(&self, zh: bool) -> String {
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            PMsg::Heading => s("进度督导", "Progress by county"),
            PMsg::Intro => s(
                "各县（市、区）按月报送完成情况，对照分解到月份的进度节点，显示超前、按期、滞后，并按规则排名。",
                "Counties report what they have done each month; each figure is checked against the month's milestone (ahead, on track, behind) and the counties are ranked.",
            ),
            PMsg::LoadHeading => s("载入报送数据", "Load reported figures"),
            PMsg::LoadLabel => s(
                "选择报送文件（CSV、JSON 或填报工作簿 .xlsx）",
                "Choose a report file (CSV, JSON or a filled .xlsx workbook)",
            ),
            PMsg::LoadHint => s(
                "表头为 county,target,month,value；县区和目标可用编号或名称，月份为 YYYY-MM。再次载入的文件与已有数据合并。",
                "Header county,target,month,value; counties and targets by id or name, month as YYYY-MM. A further file is merged with what is loaded.",
            ),
            PMsg::FromPage(url) => s(
                &format!("本页提供的报送数据（{url}）"),
                &format!("Figures given by this page ({url})"),
            ),
            PMsg::FetchHttp(name, status) => {
                let (zh_why, en_why) = match status {
                    404 => ("，文件不存在", ", no such file"),
                    401 | 403 => ("，无权访问", ", access refused"),
                    _ => ("", ""),
                };
                s(
                    &format!("{name}：无法下载（HTTP {status}{zh_why}），已载入的数据保持不变。"),
                    &format!("{name}: could not be downloaded (HTTP {status}{en_why}); what is loaded is unchanged."),
                )
            }
            PMsg::FetchNetwork(name) => s(
                &format!("{name}：无法下载（网络错误，或该地址不在本站、被页面的安全策略阻止），已载入的数据保持不变。"),
                &format!("{name}: could not be downloaded (a network error, or the address is not on this site or is blocked by the page's security policy); what is loaded is unchanged."),
            ),
            PMsg::NotData => s(
                "该地址返回的是网页（HTML），不是 CSV 或 JSON 报送数据；请检查 actuals 属性中的地址。",
                "The address gave a web page (HTML), not reported figures in CSV or JSON: check the address in the actuals attribute.",
            ),
            _ => String::new(),
        }
    }

    /// What was loaded from the files and pages.
    fn files(&self, zh: bool) -> String {
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            PMsg::NoFile => s("未选择文件", "No file chosen"),
            PMsg::Picked(names) => {
                if zh {
                    format!("已选择：{}", names.join("、"))
                } else {
                    format!("Chosen: {}", names.join(", "))
                }
            }
            PMsg::Loaded { name, used, bad } => s(
                &format!("{name}：载入 {used} 条数据，{bad} 行有误已跳过"),
                &format!(
                    "{name}: {used} value{} loaded, {bad} bad row{} skipped",
                    plural(*used),
                    plural(*bad)
                ),
            ),
            PMsg::Warnings(n) => s(&format!("{n} 条提示"), &format!("{n} note{}", plural(*n))),
            PMsg::BadRows(name) => s(&format!("{name} 的错误行"), &format!("Bad rows of {name}")),
            PMsg::Total(n) => s(
                &format!("共 {n} 条报送数据在用。"),
                &format!("{n} reported value{} in use.", plural(*n)),
            ),
            PMsg::ReadFailed(name) => s(
                &format!("{name}：无法读取文件，已载入的数据保持不变。"),
                &format!("{name}: the file could not be read; what is loaded is unchanged."),
            ),
            PMsg::NotWorkbook(name) => s(
                &format!("{name}：不是县区填报工作簿（应由 plan-widget breakdown --format xlsx 生成），已载入的数据保持不变。"),
                &format!("{name}: not a county reporting workbook (made by plan-widget breakdown --format xlsx); what is loaded is unchanged."),
            ),
            PMsg::NoActuals => s(
                "尚未载入报送数据。载入后显示各县状态和排名；任务分解表现在即可导出。",
                "No reported figures loaded yet. Load a file to see each county's status and the ranking; the task breakdown can be exported now.",
            ),
            _ => String::new(),
        }
    }

    /// The controls (as of, area) and the county × target grid.
    fn grid(&self, zh: bool) -> String {
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            PMsg::AsOf => s("截至月份", "As of"),
            PMsg::Scope => s("范围", "Area"),
            PMsg::Month(y, m) => s(
                &format!("{y}年{m}月"),
                &format!("{} {y}", MONTHS_EN.get(usize::from(*m).saturating_sub(1)).unwrap_or(&"")),
            ),
            PMsg::GridHeading => s("各县（市、区）进度", "Status by county"),
            PMsg::GridCaption(m) => s(
                &format!("截至{m}各目标的完成情况（实际值 / 进度节点）"),
                &format!("Each target as of {m} (reported / milestone)"),
            ),
            PMsg::Target => s("目标", "Target"),
            PMsg::NoPart => s("不承担", "no part"),
            PMsg::GridFiltered(name) => s(
                &format!("只显示全市和{name}承担的目标；在“范围”中选择全市可查看全部县（市、区）。"),
                &format!("Showing the whole city and {name}'s targets only; choose the whole city under Area to see every county."),
            ),
            _ => String::new(),
        }
    }

    /// The county ranking.
    fn ranking(&self, zh: bool) -> String {
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            PMsg::RankingHeading => s("县（市、区）排名", "County ranking"),
            PMsg::RankingCaption(m) => s(&format!("截至{m}的排名"), &format!("Ranking as of {m}")),
            PMsg::RankingRule(tol, top, min, bottom) => s(
                &format!(
                    "排名规则：按承担任务中按期或超前（与进度节点相差不超过年度任务量的 {tol}% 为按期）的比例排序，比例相同时按平均完成率排序；前 {top} 名且比例不低于 {min}% 的通报表扬，参加排名的后 {bottom} 名中有任务滞后的约谈。"
                ),
                &format!(
                    "The rule: counties are ranked by the share of their tasks on track or ahead (on track: within {tol}% of the year's change of the milestone), then by their average completion; the top {top} with a share of at least {min}% are praised (通报表扬), and of the last {bottom} ranked, those with a task behind are called in (约谈)."
                ),
            ),
            PMsg::Provisional => s("暂定", "provisional"),
            PMsg::ProvisionalCol => s("暂定目标（不排名）", "Provisional (not ranked)"),
            PMsg::FollowUp => s("报送不足，列入催报", "Too few reports: follow up"),
            PMsg::NotRanked => s("不排名", "not ranked"),
            PMsg::Rank => s("名次", "Rank"),
            PMsg::County => s("县（市、区）", "County"),
            PMsg::Tasks => s("任务数", "Tasks"),
            PMsg::Share => s("按期率", "On track or ahead"),
            PMsg::Completion => s("平均完成率", "Average completion"),
            PMsg::Mark => s("结果", "Outcome"),
            PMsg::Praise => s("通报表扬", "Praised (通报表扬)"),
            PMsg::Interview => s("约谈", "Called in (约谈)"),
            PMsg::NoRanking => s(
                "本规划未分解到县（市、区），没有排名。",
                "This plan is not broken down by county: there is no ranking.",
            ),
            _ => String::new(),
        }
    }

    /// Each target's timeline.
    fn timeline(&self, zh: bool) -> String {
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            PMsg::TimelineHeading(scope) => s(
                &format!("各目标进度曲线：{scope}"),
                &format!("Each target's timeline: {scope}"),
            ),
            PMsg::TimelineCaption(t, scope) => s(
                &format!("{t}（{scope}）：各月进度节点与实际值"),
                &format!("{t} ({scope}): milestones and reported values by month"),
            ),
            PMsg::MonthCol => s("月份", "Month"),
            PMsg::Milestone => s("进度节点", "Milestone"),
            PMsg::Actual => s("实际值", "Reported"),
            PMsg::ChartLegendPlan => s("虚线：进度节点", "Dashed line: milestones"),
            PMsg::ChartLegendActual => s("圆点：实际值", "Dots: reported values"),
            _ => String::new(),
        }
    }

    /// Exports and print.
    fn exports(&self, zh: bool) -> String {
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            PMsg::ExportHeading => s("导出与打印", "Export and print"),
            PMsg::BreakdownCsv => s("任务分解表 CSV", "Task breakdown CSV"),
            PMsg::BreakdownJson => s("任务分解表 JSON", "Task breakdown JSON"),
            PMsg::GridCsv => s("进度表 CSV", "Status table CSV"),
            PMsg::RankingCsv => s("排名 CSV", "Ranking CSV"),
            PMsg::ReportJson => s("进度报告 JSON", "Progress report JSON"),
            PMsg::Print => s("打印报告", "Print the report"),
            PMsg::ReportError(e) => s(
                &format!("无法生成进度报告：{e}"),
                &format!("No progress report: {e}"),
            ),
            _ => String::new(),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The icon shown with a progress status (never colour alone).
pub fn progress_icon(s: ProgressStatus) -> &'static str {
    match s {
        ProgressStatus::Ahead => "▲",
        ProgressStatus::OnTrack => "✓",
        ProgressStatus::Behind => "▼",
        ProgressStatus::NoReport => "–",
    }
}

/// CSS class of a progress status.
pub fn progress_class(s: ProgressStatus) -> &'static str {
    match s {
        ProgressStatus::Ahead => "pw-ahead",
        ProgressStatus::OnTrack => "pw-met",
        ProgressStatus::Behind => "pw-not",
        ProgressStatus::NoReport => "pw-nodata",
    }
}
