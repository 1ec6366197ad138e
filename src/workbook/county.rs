//! The county reporting workbook (任务分解表): an overview, the city's own sheet and one sheet
//! per county-level division with its targets, responsible unit and monthly milestones, and an
//! empty "reported" (上报值) cell per month for the county to fill. The sheets are protected:
//! only the reported cells are open, and they take numbers (or 是/否 for yes/no targets).
//! `filled.rs` reads them back as actuals.

use super::filled::{ID_ROW, KEY_ROW, REPORTED};
use super::write::Styles;
use crate::core::plan::{Plan, TargetKind};
use crate::core::progress::export::{breakdown_json, split_words, BreakdownRow, BreakdownTarget};
use crate::core::progress::{Breakdown, CITY_ID};
use crate::core::Lang;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, Formula, Workbook, Worksheet, XlsxError,
};

/// Row of the Chinese header (above the keys).
const HEAD_ROW: u32 = 2;

/// The fixed columns before the months: key, Chinese and English header.
const FIXED: [(&str, &str, &str); 8] = [
    ("target", "目标编号", "target id"),
    ("label", "目标", "target"),
    ("unit", "单位", "unit"),
    ("responsible", "责任单位", "responsible"),
    ("start", "开始月份", "start"),
    ("deadline", "完成时限", "deadline"),
    ("baseline", "年初基数", "baseline"),
    ("goal", "年度目标", "goal"),
];

/// The overview's column headers.
const OVERVIEW_ZH: [&str; 12] = [
    "目标编号",
    "目标",
    "单位",
    "分解规则",
    "牵头单位",
    "完成时限",
    "年初基数",
    "年度目标",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
];
const OVERVIEW_EN: [&str; 12] = [
    "target id",
    "target",
    "unit",
    "split",
    "lead unit",
    "deadline",
    "baseline",
    "goal",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
];

/// The county reporting workbook of a plan, as `.xlsx` bytes.
pub fn reporting_workbook(plan: &Plan, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let bd = Breakdown::new(plan);
    let data = breakdown_json(plan, &bd, lang);
    let styles = Styles::new();
    let mut wb = Workbook::new();
    wb.push_worksheet(overview(plan, &data.targets, data.year, lang, &styles)?);
    let mut used: Vec<String> = Vec::new();
    for scope in scopes(plan) {
        let rows: Vec<(&BreakdownTarget, &BreakdownRow)> = data
            .targets
            .iter()
            .filter_map(|t| t.rows.iter().find(|r| r.county == scope).map(|r| (t, r)))
            .collect();
        let Some((_, first)) = rows.first() else {
            continue;
        };
        let name = sheet_name(&first.name, &scope, &used);
        used.push(name.clone());
        let sheet = County {
            plan,
            year: data.year,
            lang,
            styles: &styles,
        };
        wb.push_worksheet(sheet.write(&name, &scope, &rows)?);
    }
    wb.save_to_buffer()
}

/// `city`, then every division's id, in the plan's order.
fn scopes(plan: &Plan) -> Vec<String> {
    let divisions = plan.counties().map(|c| c.divisions()).unwrap_or_default();
    std::iter::once(CITY_ID.to_string())
        .chain(divisions.iter().map(|d| d.id.clone()))
        .collect()
}

/// A sheet name from the division's name: at most 31 characters, none of `[]:*?/\`, unique;
/// else the id.
fn sheet_name(name: &str, id: &str, used: &[String]) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    if clean.is_empty() || used.contains(&clean) {
        id.chars().take(31).collect()
    } else {
        clean
    }
}

fn month_header(m: usize, reported: bool, lang: Lang) -> String {
    match (lang, reported) {
        (Lang::ZhCn, false) => format!("{m}月节点"),
        (Lang::ZhCn, true) => format!("{m}月上报值"),
        (Lang::En, false) => format!("M{m} milestone"),
        (Lang::En, true) => format!("M{m} reported"),
    }
}

fn overview(
    plan: &Plan,
    targets: &[BreakdownTarget],
    year: i32,
    lang: Lang,
    styles: &Styles,
) -> Result<Worksheet, XlsxError> {
    let zh = lang == Lang::ZhCn;
    let mut ws = Worksheet::new();
    ws.set_name(if zh { "总览" } else { "Overview" })?;
    let title = plan.meta().title.get(lang);
    ws.write_string_with_format(
        0,
        0,
        if zh {
            format!("{title} 任务分解表（{year} 年）")
        } else {
            format!("{title}: task breakdown ({year})")
        },
        &styles.head,
    )?;
    let how = if zh {
        "各县（市、区）在本县工作表的“上报值”列填写当月完成值（是/否类目标填 是 或 否），其余单元格已锁定。填好后报市教育局，用 plan-widget progress --actuals 文件.xlsx 汇总；几个县的文件可一起汇总。"
    } else {
        "Each county fills the \"reported\" column of its own sheet for the month (是/否 for yes/no targets); the other cells are locked. Send the file back; plan-widget progress --actuals FILE.xlsx reads it, several counties' files together."
    };
    ws.write_string(1, 0, how)?;
    let head = if zh { OVERVIEW_ZH } else { OVERVIEW_EN };
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &styles.head)?;
    }
    for (i, t) in targets.iter().enumerate() {
        let r = 4 + i as u32;
        let city = t.rows.iter().find(|row| row.county == CITY_ID);
        for (c, s) in [
            &t.id,
            &t.label,
            &t.unit,
            &split_words(t.split, lang).to_string(),
            &t.responsible,
            &t.deadline,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(r, c as u16, s)?;
        }
        if let Some(city) = city {
            let figures = [city.baseline, city.goal].into_iter().chain(city.quarters);
            for (c, v) in figures.enumerate() {
                ws.write_number(r, 6 + c as u16, v)?;
            }
        }
    }
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(4, 30)?;
    ws.set_freeze_panes(4, 2)?;
    ws.protect();
    Ok(ws)
}

/// One reporting sheet being written.
struct County<'a> {
    plan: &'a Plan,
    year: i32,
    lang: Lang,
    styles: &'a Styles,
}

impl County<'_> {
    fn write(
        &self,
        name: &str,
        scope: &str,
        rows: &[(&BreakdownTarget, &BreakdownRow)],
    ) -> Result<Worksheet, XlsxError> {
        let zh = self.lang == Lang::ZhCn;
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        let title = self.plan.meta().title.get(self.lang);
        let first = rows.first().map(|(_, r)| r);
        let heading = match (first, zh) {
            (Some(r), true) => format!("{title} 任务分解表 · {}（{}）", r.name, r.responsible),
            (Some(r), false) => format!("{title}: task breakdown · {} ({})", r.name, r.responsible),
            (None, _) => title.to_string(),
        };
        ws.write_string_with_format(0, 0, heading, &self.styles.head)?;
        ws.write_string(
            ID_ROW,
            0,
            if zh {
                "县（市、区）编号"
            } else {
                "county id"
            },
        )?;
        ws.write_string_with_format(ID_ROW, 1, scope, &self.styles.path)?;
        self.headers(&mut ws)?;
        let open = Format::new().set_unlocked();
        for (i, (t, r)) in rows.iter().enumerate() {
            self.row(&mut ws, KEY_ROW + 1 + i as u32, t, r, &open)?;
        }
        ws.set_column_width(0, 26)?;
        ws.set_column_width(1, 36)?;
        ws.set_column_width(3, 24)?;
        ws.set_freeze_panes(KEY_ROW + 1, 2)?;
        ws.protect();
        Ok(ws)
    }

    fn headers(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let zh = self.lang == Lang::ZhCn;
        let mut keys: Vec<(String, String)> = FIXED
            .iter()
            .map(|(k, z, e)| (k.to_string(), if zh { z } else { e }.to_string()))
            .collect();
        for m in 1..=12 {
            let month = format!("{:04}-{m:02}", self.year);
            keys.push((
                format!("milestone.{month}"),
                month_header(m, false, self.lang),
            ));
            keys.push((
                format!("{REPORTED}{month}"),
                month_header(m, true, self.lang),
            ));
        }
        keys.push((
            "months_reported".into(),
            if zh {
                "已报月数"
            } else {
                "months reported"
            }
            .into(),
        ));
        for (c, (key, head)) in keys.iter().enumerate() {
            ws.write_string_with_format(HEAD_ROW, c as u16, head, &self.styles.head)?;
            ws.write_string_with_format(KEY_ROW, c as u16, key, &self.styles.path)?;
        }
        Ok(())
    }

    fn row(
        &self,
        ws: &mut Worksheet,
        r: u32,
        t: &BreakdownTarget,
        row: &BreakdownRow,
        open: &Format,
    ) -> Result<(), XlsxError> {
        for (c, s) in [
            &t.id,
            &t.label,
            &t.unit,
            &row.responsible,
            &t.start,
            &t.deadline,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(r, c as u16, s)?;
        }
        ws.write_number(r, 6, row.baseline)?;
        ws.write_number(r, 7, row.goal)?;
        let yes_no = self
            .plan
            .targets()
            .iter()
            .find(|x| x.id == t.id)
            .is_some_and(|x| x.kind == TargetKind::YesNo);
        let check = self.check(yes_no)?;
        let mut reported = Vec::new();
        for (m, v) in row.months.iter().enumerate() {
            let c = 8 + 2 * m as u16;
            ws.write_number(r, c, *v)?;
            ws.write_blank(r, c + 1, open)?;
            ws.add_data_validation(r, c + 1, r, c + 1, &check)?;
            reported.push(super::grid::cell_name(r, u32::from(c) + 1));
        }
        let count = Formula::new(format!("=COUNTA({})", reported.join(",")));
        ws.write_formula(r, 8 + 24, count)?;
        Ok(())
    }

    /// The check of a reported cell: a number, or 是/否.
    fn check(&self, yes_no: bool) -> Result<DataValidation, XlsxError> {
        if yes_no {
            DataValidation::new()
                .allow_list_strings(&["是", "否"])?
                .set_error_title("是或否 / Yes or no")?
                .set_error_message("请选择 是 或 否。Pick 是 (yes) or 否 (no).")
        } else {
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1.0e12, 1.0e12))
                .set_error_title("需要数字 / Number expected")?
                .set_error_message("上报值应为数字。The reported value is a number.")
        }
    }
}
