//! Exports: the 任务分解表 (task breakdown) and the progress report, as JSON (plain data,
//! serde) and CSV (UTF-8 with a BOM so Excel reads the Chinese, CRLF line ends, quoted where
//! needed, headers in the chosen language).

use super::{month_label, Breakdown, Milestones, ProgressReport, Scope};
use crate::core::i18n::{trim, Lang};
use crate::core::plan::Plan;
use serde::Serialize;

/// Rounds away float noise for output (4 decimals).
fn r4(x: f64) -> f64 {
    if x.is_finite() {
        let v = (x * 1e4).round() / 1e4;
        if v == 0.0 {
            0.0
        } else {
            v
        }
    } else {
        x
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakdownJson {
    pub plan: String,
    pub year: i32,
    pub targets: Vec<BreakdownTarget>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakdownTarget {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub split: &'static str,
    pub aggregate: &'static str,
    /// Divisions the split reaches: `all`, `rural`, `non_central`, `central`.
    pub among: &'static str,
    /// Where the shares come from: `equal`, `weights`, a weight set's id, or `shares`.
    pub basis: String,
    /// The division goals rest on a placeholder split (equal shares or a provisional set).
    pub provisional: bool,
    /// Counted in whole items: parts and milestones are whole numbers.
    pub whole: bool,
    /// The city's lead unit.
    pub responsible: String,
    pub start: String,
    pub deadline: String,
    /// The city first, then each division with a part.
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakdownRow {
    /// Division id, or `city`.
    pub county: String,
    pub name: String,
    pub responsible: String,
    pub baseline: f64,
    pub goal: f64,
    pub quarters: [f64; 4],
    pub months: [f64; 12],
}

fn responsible(plan: &Plan, t: usize, scope: Scope, lang: Lang) -> String {
    let counties = plan.counties();
    match scope {
        Scope::City => counties
            .and_then(|c| c.assignment(t))
            .map(|a| a.responsible.get(lang).to_string())
            .unwrap_or_default(),
        Scope::County(d) => counties.map(|c| c.county_unit(d, lang)).unwrap_or_default(),
    }
}

fn row(plan: &Plan, t: usize, scope: Scope, m: &Milestones, lang: Lang) -> BreakdownRow {
    BreakdownRow {
        county: scope.id(plan.counties()).to_string(),
        name: scope.name(plan.counties(), lang),
        responsible: responsible(plan, t, scope, lang),
        baseline: r4(m.baseline),
        goal: r4(m.goal),
        quarters: m.quarters().map(r4),
        months: m.months.map(r4),
    }
}

/// The 任务分解表 as plain data.
pub fn breakdown_json(plan: &Plan, bd: &Breakdown, lang: Lang) -> BreakdownJson {
    let counties = plan.counties();
    BreakdownJson {
        plan: plan.id().to_string(),
        year: bd.year,
        targets: bd
            .targets
            .iter()
            .filter_map(|tb| {
                let t = plan.targets().get(tb.target)?;
                let a = counties.and_then(|c| c.assignment(tb.target));
                let mut rows = vec![row(plan, tb.target, Scope::City, &tb.city, lang)];
                for (d, m) in tb.counties.iter().enumerate() {
                    if let Some(m) = m {
                        rows.push(row(plan, tb.target, Scope::County(d), m, lang));
                    }
                }
                Some(BreakdownTarget {
                    id: t.id.clone(),
                    label: t.label.get(lang).to_string(),
                    unit: t.unit.canonical(lang).to_string(),
                    split: a.map(|a| a.split.as_str()).unwrap_or("city_only"),
                    aggregate: a.map(|a| a.aggregate.as_str()).unwrap_or("sum"),
                    among: a.map(|a| a.among.as_str()).unwrap_or("all"),
                    basis: a.map(|a| a.basis.as_str().to_string()).unwrap_or_default(),
                    provisional: a.is_some_and(|a| a.provisional()),
                    whole: a.is_some_and(|a| a.whole),
                    responsible: responsible(plan, tb.target, Scope::City, lang),
                    start: month_label(bd.year, tb.start),
                    deadline: month_label(bd.year, tb.deadline),
                    rows,
                })
            })
            .collect(),
    }
}

/// A CSV being written: BOM first, CRLF line ends, fields quoted when they hold `,`, `"`,
/// a line break or surrounding spaces.
struct Csv(String);

impl Csv {
    fn new() -> Csv {
        Csv("\u{feff}".to_string())
    }
    fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            let f = f.as_ref();
            if f.contains([',', '"', '\n', '\r']) || f.trim() != f {
                self.0.push('"');
                self.0.push_str(&f.replace('"', "\"\""));
                self.0.push('"');
            } else {
                self.0.push_str(f);
            }
        }
        self.0.push_str("\r\n");
    }
}

/// Quotes one CSV field if it needs it (exposed for the widget's own tables).
pub fn csv_field(f: &str) -> String {
    let mut c = Csv(String::new());
    c.row(&[f]);
    c.0.trim_end_matches("\r\n").to_string()
}

/// Up to 4 decimals, trailing zeros dropped (the shortest form of the rounded value).
fn num(x: f64) -> String {
    if x.is_finite() {
        r4(x).to_string()
    } else {
        String::new()
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The 任务分解表 as CSV: one line per target and city or division.
pub fn breakdown_csv(plan: &Plan, bd: &Breakdown, lang: Lang) -> String {
    let mut csv = Csv::new();
    let mut header: Vec<String> = match lang {
        Lang::ZhCn => [
            "目标编号",
            "目标",
            "单位",
            "分解规则",
            "暂定分解",
            "县（市、区）编号",
            "县（市、区）",
            "责任单位",
            "开始月份",
            "完成时限",
            "基数",
            "目标值",
            "一季度",
            "二季度",
            "三季度",
            "四季度",
        ]
        .map(String::from)
        .to_vec(),
        Lang::En => [
            "target_id",
            "target",
            "unit",
            "split",
            "provisional",
            "county_id",
            "county",
            "responsible",
            "start",
            "deadline",
            "baseline",
            "goal",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
        ]
        .map(String::from)
        .to_vec(),
    };
    for (i, m) in MONTHS_EN.iter().enumerate() {
        header.push(match lang {
            Lang::ZhCn => format!("{}月", i + 1),
            Lang::En => m.to_string(),
        });
    }
    csv.row(&header);
    for t in breakdown_json(plan, bd, lang).targets {
        for r in &t.rows {
            let provisional = match (t.provisional && r.county != super::CITY_ID, lang) {
                (true, Lang::ZhCn) => "暂定",
                (true, Lang::En) => "provisional",
                (false, _) => "",
            };
            let mut line = vec![
                t.id.clone(),
                t.label.clone(),
                t.unit.clone(),
                split_words(t.split, lang).to_string(),
                provisional.to_string(),
                r.county.clone(),
                r.name.clone(),
                r.responsible.clone(),
                t.start.clone(),
                t.deadline.clone(),
                num(r.baseline),
                num(r.goal),
            ];
            line.extend(r.quarters.iter().map(|x| num(*x)));
            line.extend(r.months.iter().map(|x| num(*x)));
            csv.row(&line);
        }
    }
    csv.0
}

/// A split rule's code (`by_weight`, … as in the plan file and the JSON export) in words of the
/// table's language, for people who open the CSV in WPS or Excel; an unknown code stays as it is.
pub fn split_words(code: &str, lang: Lang) -> &str {
    match (code, lang) {
        ("by_weight", Lang::ZhCn) => "按权重分解",
        ("by_weight", Lang::En) => "split by weight",
        ("per_county_min", Lang::ZhCn) => "每县（市、区）不少于",
        ("per_county_min", Lang::En) => "at least this in every division",
        ("non_central_each", Lang::ZhCn) => "主城区以外每县（市、区）",
        ("non_central_each", Lang::En) => "each division outside the main urban area",
        ("city_only", Lang::ZhCn) => "市级任务（不分解）",
        ("city_only", Lang::En) => "city task (not split)",
        (other, _) => other,
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportJson {
    pub plan: String,
    pub year: i32,
    pub as_of: String,
    /// On-track band in percent of the year's change.
    pub tolerance: f64,
    pub cells: Vec<CellJson>,
    pub ranking: Vec<RankJson>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellJson {
    pub target: String,
    /// Division id, or `city`.
    pub county: String,
    pub milestone: f64,
    pub value: Option<f64>,
    pub reported: Option<String>,
    pub status: &'static str,
    pub completion: f64,
    /// The division goal rests on a provisional split (not ranked).
    pub provisional: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RankJson {
    /// `null`: not ranked (listed for follow-up, or nothing to rank yet).
    pub rank: Option<usize>,
    pub county: String,
    pub name: String,
    pub tasks: usize,
    pub ahead: usize,
    pub on_track: usize,
    pub behind: usize,
    pub no_report: usize,
    /// Tasks reported on.
    pub reported: usize,
    /// Tasks on a provisional split: shown, not ranked.
    pub provisional: usize,
    /// Percent of the ranked tasks (reported, or all under `behind`) on track or ahead.
    pub share: f64,
    /// Average completion ratio, percent.
    pub completion: f64,
    pub praise: bool,
    pub interview: bool,
    /// Listed for follow-up (催报): reported on too few tasks to be ranked.
    pub follow_up: bool,
}

/// The progress report as plain data (ids, not labels, in the cells; names in `lang` in the
/// ranking).
pub fn report_json(plan: &Plan, report: &ProgressReport, lang: Lang) -> ReportJson {
    let counties = plan.counties();
    ReportJson {
        plan: plan.id().to_string(),
        year: report.year,
        as_of: month_label(report.year, report.as_of),
        tolerance: r4(report.tolerance * 100.0),
        cells: report
            .cells
            .iter()
            .map(|c| CellJson {
                target: plan
                    .targets()
                    .get(c.target)
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                county: c.scope.id(counties).to_string(),
                milestone: r4(c.milestone),
                value: c.value.map(r4),
                reported: c.reported.map(|m| month_label(report.year, m)),
                status: c.status.as_str(),
                completion: r4(c.completion),
                provisional: c.scope != Scope::City
                    && counties.is_some_and(|k| k.provisional(c.target)),
            })
            .collect(),
        ranking: report
            .ranking
            .iter()
            .map(|r| RankJson {
                rank: r.rank,
                county: Scope::County(r.division).id(counties).to_string(),
                name: Scope::County(r.division).name(counties, lang),
                tasks: r.tasks,
                ahead: r.ahead,
                on_track: r.on_track,
                behind: r.behind,
                no_report: r.no_report,
                reported: r.reported(),
                provisional: r.provisional,
                share: r4(r.share * 100.0),
                completion: r4(r.completion * 100.0),
                praise: r.praise,
                interview: r.interview,
                follow_up: r.follow_up,
            })
            .collect(),
    }
}

/// The status grid as CSV: one line per target and city or division.
pub fn grid_csv(plan: &Plan, report: &ProgressReport, lang: Lang) -> String {
    let mut csv = Csv::new();
    csv.row(&match lang {
        Lang::ZhCn => [
            "目标编号",
            "目标",
            "县（市、区）编号",
            "县（市、区）",
            "截至月份",
            "进度节点",
            "实际值",
            "报送月份",
            "状态代码",
            "状态",
            "完成率（%）",
        ],
        Lang::En => [
            "target_id",
            "target",
            "county_id",
            "county",
            "as_of",
            "milestone",
            "actual",
            "reported",
            "status",
            "status_label",
            "completion_pct",
        ],
    });
    let counties = plan.counties();
    for c in &report.cells {
        let Some(t) = plan.targets().get(c.target) else {
            continue;
        };
        csv.row(&[
            t.id.clone(),
            t.label.get(lang).to_string(),
            c.scope.id(counties).to_string(),
            c.scope.name(counties, lang),
            month_label(report.year, report.as_of),
            num(c.milestone),
            c.value.map(num).unwrap_or_default(),
            c.reported
                .map(|m| month_label(report.year, m))
                .unwrap_or_default(),
            c.status.as_str().to_string(),
            c.status.label(lang).to_string(),
            trim(c.completion * 100.0, 1),
        ]);
    }
    csv.0
}

/// The ranking as CSV, best first.
pub fn ranking_csv(plan: &Plan, report: &ProgressReport, lang: Lang) -> String {
    let mut csv = Csv::new();
    csv.row(&match lang {
        Lang::ZhCn => [
            "名次",
            "县（市、区）编号",
            "县（市、区）",
            "任务数",
            "超前",
            "按期",
            "滞后",
            "未报送",
            "暂定目标（不排名）",
            "按期率（%）",
            "平均完成率（%）",
            "通报表扬",
            "约谈",
            "催报（未排名）",
        ],
        Lang::En => [
            "rank",
            "county_id",
            "county",
            "tasks",
            "ahead",
            "on_track",
            "behind",
            "no_report",
            "provisional",
            "share_pct",
            "completion_pct",
            "praise",
            "interview",
            "follow_up",
        ],
    });
    let yes = |b: bool| match (b, lang) {
        (true, Lang::ZhCn) => "是",
        (true, Lang::En) => "yes",
        (false, _) => "",
    };
    for r in &report_json(plan, report, lang).ranking {
        let ranked = r.rank.is_some();
        let num_if = |x: f64| if ranked { trim(x, 1) } else { String::new() };
        csv.row(&[
            r.rank.map(|n| n.to_string()).unwrap_or_default(),
            r.county.clone(),
            r.name.clone(),
            r.tasks.to_string(),
            r.ahead.to_string(),
            r.on_track.to_string(),
            r.behind.to_string(),
            r.no_report.to_string(),
            r.provisional.to_string(),
            num_if(r.share),
            num_if(r.completion),
            yes(r.praise).to_string(),
            yes(r.interview).to_string(),
            yes(r.follow_up).to_string(),
        ]);
    }
    csv.0
}

/// The whole progress report as CSV: the grid, a blank line, the ranking (without a second BOM).
pub fn report_csv(plan: &Plan, report: &ProgressReport, lang: Lang) -> String {
    let grid = grid_csv(plan, report, lang);
    let ranking = ranking_csv(plan, report, lang);
    format!(
        "{grid}\r\n{}",
        ranking.strip_prefix('\u{feff}').unwrap_or(&ranking)
    )
}
