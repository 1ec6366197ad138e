//! Actuals: reported values by county, target and month, from CSV (header
//! `county,target,month,value`) or the equivalent JSON (an array of objects with those keys).
//! Every bad row gets one message (row, column, what is wrong) and the good rows are kept.

use super::{city_name, MonthNo, Scope, CITY_ID};
use crate::core::county::Split;
use crate::core::i18n::{bad_month, did_you_mean, month_outside_year, Lang};
use crate::core::plan::{nearest, Plan, TargetKind};
use crate::core::validate::parse_month;
use std::collections::HashMap;
use std::fmt;

/// One reported value.
#[derive(Debug, Clone, PartialEq)]
pub struct Actual {
    pub target: usize,
    pub scope: Scope,
    pub month: MonthNo,
    pub value: f64,
    /// Where it came from: the CSV line, or the JSON item (1-based).
    pub row: usize,
}

/// The usable reported values, one per (target, scope, month).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actuals {
    rows: Vec<Actual>,
}

impl Actuals {
    /// Builds the set from rows; for the same (target, scope, month) the later row wins.
    pub fn from_rows(rows: Vec<Actual>) -> Actuals {
        let mut map: HashMap<(usize, Scope, MonthNo), Actual> = HashMap::new();
        for r in rows {
            map.insert((r.target, r.scope, r.month), r);
        }
        let mut rows: Vec<Actual> = map.into_values().collect();
        rows.sort_by_key(|a| (a.target, a.scope, a.month));
        Actuals { rows }
    }
    /// Adds `newer` (a second file, a correction): for the same county, target and month the
    /// newer value wins; nothing else is lost.
    pub fn merge(&mut self, newer: Actuals) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.extend(newer.rows);
        *self = Actuals::from_rows(rows);
    }
    pub fn rows(&self) -> &[Actual] {
        &self.rows
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    /// The latest month reported by anyone.
    pub fn latest_month(&self) -> Option<MonthNo> {
        self.rows.iter().map(|r| r.month).max()
    }
    /// The reports of target `t` for `scope`, by month (rows are sorted by target, scope, month).
    fn series(&self, t: usize, scope: Scope) -> &[Actual] {
        let lo = self
            .rows
            .partition_point(|r| (r.target, r.scope) < (t, scope));
        let hi = self
            .rows
            .partition_point(|r| (r.target, r.scope) <= (t, scope));
        self.rows.get(lo..hi).unwrap_or_default()
    }
    /// The latest report of target `t` for `scope` in or before month `m`.
    pub fn latest(&self, t: usize, scope: Scope, m: MonthNo) -> Option<&Actual> {
        self.series(t, scope).iter().rev().find(|r| r.month <= m)
    }
    /// The report of target `t` for `scope` in month `m`.
    pub fn at(&self, t: usize, scope: Scope, m: MonthNo) -> Option<&Actual> {
        self.series(t, scope).iter().find(|r| r.month == m)
    }
}

/// The columns of an actuals file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    County,
    Target,
    Month,
    Value,
}

impl Column {
    pub const ALL: [Column; 4] = [Column::County, Column::Target, Column::Month, Column::Value];

    fn index(self) -> usize {
        match self {
            Column::County => 0,
            Column::Target => 1,
            Column::Month => 2,
            Column::Value => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Column::County => "county",
            Column::Target => "target",
            Column::Month => "month",
            Column::Value => "value",
        }
    }

    /// Header names accepted for the column (besides the English key).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::County => &["county", "县（市、区）", "县（市、区）", "县区", "地区"],
            Column::Target => &["target", "目标", "指标", "目标编号"],
            Column::Month => &["month", "月份"],
            Column::Value => &["value", "数值", "完成值", "实际值"],
        }
    }
}

/// What is wrong with a row, or with the file as a whole.
#[derive(Debug, Clone, PartialEq)]
pub enum RowErrorKind {
    /// The file is not JSON or not an array of objects (serde's message).
    Json(String),
    /// The file has no header line.
    NoHeader,
    /// The header lacks this column.
    MissingColumn(Column),
    /// A quoted field is not closed before the end of the file.
    UnclosedQuote,
    /// The field is missing or empty.
    Empty,
    UnknownCounty {
        name: String,
        suggestion: Option<String>,
    },
    UnknownTarget {
        name: String,
        suggestion: Option<String>,
    },
    BadMonth(String),
    MonthOutsideYear {
        month: String,
        year: i32,
    },
    NotANumber(String),
    NotYesNo(String),
    /// A city-only target reported by a county.
    CityOnly {
        target: String,
    },
    /// A county with no part in the target (e.g. a central district for a
    /// one-school-in-every-county rule).
    NoPart {
        county: String,
        target: String,
    },
    /// A JSON item that is not an object, or a field of the wrong type.
    NotAnObject,
    /// Warning: an earlier row for the same county, target and month is replaced.
    Duplicate {
        earlier: usize,
    },
}

impl RowErrorKind {
    pub fn message(&self, lang: Lang) -> String {
        use RowErrorKind as K;
        let zh = lang == Lang::ZhCn;
        let did_you_mean = |s: &Option<String>| did_you_mean(s.as_deref(), lang);
        match self {
            K::Json(m) if zh => format!("不是有效的报送数据 JSON:{m}"),
            K::Json(m) => format!("not valid actuals JSON: {m}"),
            K::NoHeader if zh => "缺少表头（应为 county,target,month,value）".into(),
            K::NoHeader => "the header line is missing (expected county,target,month,value)".into(),
            K::MissingColumn(c) if zh => format!("表头缺少 {} 列", c.as_str()),
            K::MissingColumn(c) => format!("the header has no {} column", c.as_str()),
            K::UnclosedQuote if zh => "引号未闭合".into(),
            K::UnclosedQuote => "a quoted field is not closed".into(),
            K::Empty if zh => "不能为空".into(),
            K::Empty => "must not be empty".into(),
            K::UnknownCounty { name, suggestion } if zh => {
                format!("未知县（市、区）'{name}'{}", did_you_mean(suggestion))
            }
            K::UnknownCounty { name, suggestion } => {
                format!("unknown county '{name}'{}", did_you_mean(suggestion))
            }
            K::UnknownTarget { name, suggestion } if zh => {
                format!("未知目标 '{name}'{}", did_you_mean(suggestion))
            }
            K::UnknownTarget { name, suggestion } => {
                format!("unknown target '{name}'{}", did_you_mean(suggestion))
            }
            K::BadMonth(m) => bad_month(m, lang),
            K::MonthOutsideYear { month, year } => month_outside_year(month, *year, lang),
            K::NotANumber(v) if zh => format!("'{v}' 不是数字"),
            K::NotANumber(v) => format!("'{v}' is not a number"),
            K::NotYesNo(v) if zh => format!("'{v}' 不是是/否值（可用 1、0、是、否、yes、no）"),
            K::NotYesNo(v) => format!("'{v}' is not a yes/no value (use 1, 0, yes, no, or 是 / 否)"),
            K::CityOnly { target } if zh => {
                format!("目标 '{target}' 由市级负责，不分解到县，请以 county = city 报送")
            }
            K::CityOnly { target } => format!(
                "target '{target}' is the city's own task, not split over counties: report it as county 'city'"
            ),
            K::NoPart { county, target } if zh => {
                format!("'{county}' 不承担目标 '{target}' 的任务")
            }
            K::NoPart { county, target } => {
                format!("'{county}' has no part in target '{target}'")
            }
            K::NotAnObject if zh => {
                "应为含 county、target、month、value 的对象".into()
            }
            K::NotAnObject => "must be an object with county, target, month and value".into(),
            K::Duplicate { earlier } if zh => {
                format!("与第 {earlier} 行的县、目标、月份相同，以本行为准")
            }
            K::Duplicate { earlier } => format!(
                "same county, target and month as row {earlier}: this later row is used"
            ),
        }
    }
}

/// One problem, with its place: the row (CSV line or JSON item, 1-based; 0 for the whole
/// file) and the column.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub column: Option<Column>,
    pub kind: RowErrorKind,
    /// JSON items are "item N", CSV lines are "row N".
    pub json: bool,
    /// In a workbook: the cell (`邯山区!P7`); it replaces the row and column in messages.
    pub cell: Option<String>,
}

impl RowError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let sep = if zh { "：" } else { ": " };
        if let Some(cell) = &self.cell {
            let column = self
                .column
                .map(|c| format!(" ({})", c.as_str()))
                .unwrap_or_default();
            return format!("{cell}{column}{sep}{}", self.kind.message(lang));
        }
        let mut place = match (self.row, self.json, zh) {
            (0, _, true) => "文件".to_string(),
            (0, _, false) => "file".to_string(),
            (r, false, true) => format!("第 {r} 行"),
            (r, false, false) => format!("row {r}"),
            (r, true, true) => format!("第 {r} 项"),
            (r, true, false) => format!("item {r}"),
        };
        if let Some(c) = self.column {
            place.push_str(&if zh {
                format!("，{} 列", c.as_str())
            } else {
                format!(", column {}", c.as_str())
            });
        }
        format!("{place}{sep}{}", self.kind.message(lang))
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RowError {}

/// What loading an actuals file gives: the usable values, one error per bad row, and
/// warnings (duplicates replaced). Nothing good is dropped because of a bad row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActualsLoad {
    pub actuals: Actuals,
    pub errors: Vec<RowError>,
    pub warnings: Vec<RowError>,
}

impl ActualsLoad {
    /// The embedding page's code for this load (`data-actuals-error`): empty when every row was
    /// good, `actuals-rows` when some rows were skipped, `actuals-invalid` when none was usable.
    pub fn host_code(&self) -> &'static str {
        match (self.errors.is_empty(), self.actuals.is_empty()) {
            (true, _) => "",
            (false, false) => "actuals-rows",
            (false, true) => "actuals-invalid",
        }
    }
}

/// Parses actuals as JSON when the text starts with `[` or `{`, else as CSV.
pub fn parse_actuals(plan: &Plan, text: &str) -> ActualsLoad {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        Some('[') | Some('{') => parse_json(plan, text),
        _ => parse_csv(plan, text),
    }
}

/// Raw fields of one row, before they are resolved against the plan.
struct RawRow {
    row: usize,
    fields: [Option<String>; 4],
    /// The cells the fields came from, in a workbook.
    cells: Option<[String; 4]>,
}

/// One value read from a workbook: county, target, month and value, each with its cell
/// (`邯山区!B2`, `邯山区!A7`, …) for the messages.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CellRow {
    pub fields: [Option<String>; 4],
    pub cells: [String; 4],
}

/// Resolves values read from a workbook (`crate::workbook`'s county reporting workbook): the
/// same rules as CSV rows; errors name their cells.
pub fn parse_cells(plan: &Plan, rows: Vec<CellRow>) -> ActualsLoad {
    let mut load = ActualsLoad::default();
    let raw = rows.into_iter().enumerate().map(|(i, r)| RawRow {
        row: i + 1,
        fields: r.fields,
        cells: Some(r.cells),
    });
    resolve(plan, raw, false, &mut load);
    load
}

/// Parses CSV actuals. Tolerates a BOM, CRLF, quoted fields (with `""` and line breaks inside),
/// blank lines, spaces around fields, columns in any order and extra columns.
pub fn parse_csv(plan: &Plan, text: &str) -> ActualsLoad {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (records, unclosed) = csv_records(text);
    let mut load = ActualsLoad::default();
    let mut records = records
        .into_iter()
        .filter(|(_, f)| !f.iter().all(|x| x.trim().is_empty()));
    let file_error = |kind| RowError {
        row: 0,
        column: None,
        kind,
        json: false,
        cell: None,
    };
    let Some((_, header)) = records.next() else {
        load.errors.push(file_error(RowErrorKind::NoHeader));
        return load;
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut index = [0usize; 4];
    let mut missing = Vec::new();
    for (c, slot) in Column::ALL.iter().zip(index.iter_mut()) {
        match header
            .iter()
            .position(|h| c.aliases().contains(&h.as_str()))
        {
            Some(i) => *slot = i,
            None => missing.push(*c),
        }
    }
    if missing.len() == 4 {
        load.errors.push(file_error(RowErrorKind::NoHeader));
        return load;
    }
    if !missing.is_empty() {
        for c in missing {
            load.errors.push(file_error(RowErrorKind::MissingColumn(c)));
        }
        return load;
    }
    let raw = records.map(|(row, f)| RawRow {
        row,
        fields: index.map(|i| f.get(i).cloned()),
        cells: None,
    });
    resolve(plan, raw, false, &mut load);
    if let Some(line) = unclosed {
        load.errors.push(RowError {
            row: line,
            column: None,
            kind: RowErrorKind::UnclosedQuote,
            json: false,
            cell: None,
        });
    }
    load
}

/// Splits CSV text into records, each with the line it starts on. Returns the line of an
/// unclosed quote, if any (that record is dropped).
pub(crate) fn csv_records(text: &str) -> (Vec<(usize, Vec<String>)>, Option<usize>) {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start || field.trim().is_empty() => {
                field.clear();
                quoted = true;
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                records.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return (records, Some(start));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((start, fields));
    }
    (records, None)
}

/// Parses JSON actuals: an array of objects with `county`, `target`, `month` and `value`
/// (strings or numbers; `value` may also be `true`/`false`).
pub fn parse_json(plan: &Plan, text: &str) -> ActualsLoad {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut load = ActualsLoad::default();
    let items: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            load.errors.push(RowError {
                row: 0,
                column: None,
                kind: RowErrorKind::Json(e.to_string()),
                json: true,
                cell: None,
            });
            return load;
        }
    };
    let mut raw = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let Some(obj) = item.as_object() else {
            load.errors.push(RowError {
                row,
                column: None,
                kind: RowErrorKind::NotAnObject,
                json: true,
                cell: None,
            });
            continue;
        };
        let field = |c: Column| {
            obj.get(c.as_str()).and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
                _ => None,
            })
        };
        raw.push(RawRow {
            row,
            fields: Column::ALL.map(field),
            cells: None,
        });
    }
    resolve(plan, raw.into_iter(), true, &mut load);
    load
}

/// Resolves raw rows against the plan; good rows go to `load.actuals`, bad ones to errors.
fn resolve(plan: &Plan, raw: impl Iterator<Item = RawRow>, json: bool, load: &mut ActualsLoad) {
    let mut good: Vec<Actual> = Vec::new();
    let mut seen: HashMap<(usize, Scope, MonthNo), usize> = HashMap::new();
    for r in raw {
        match resolve_row(plan, &r) {
            Ok(a) => {
                if let Some(earlier) = seen.insert((a.target, a.scope, a.month), r.row) {
                    load.warnings.push(RowError {
                        row: r.row,
                        column: None,
                        kind: RowErrorKind::Duplicate { earlier },
                        json,
                        cell: None,
                    });
                }
                good.push(a);
            }
            Err((column, kind)) => load.errors.push(RowError {
                row: r.row,
                column: Some(column),
                kind,
                json,
                cell: r
                    .cells
                    .as_ref()
                    .and_then(|c| c.get(column.index()).cloned()),
            }),
        }
    }
    load.actuals = Actuals::from_rows(good);
}

/// One raw row → an actual, or the first problem with its column.
fn resolve_row(plan: &Plan, r: &RawRow) -> Result<Actual, (Column, RowErrorKind)> {
    let field = |c: Column| {
        r.fields
            .get(c.index())
            .and_then(|f| f.as_deref())
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .ok_or((c, RowErrorKind::Empty))
    };
    let county = field(Column::County)?;
    let scope = find_scope(plan, county).map_err(|k| (Column::County, k))?;
    let target = field(Column::Target)?;
    let t = find_target(plan, target).map_err(|k| (Column::Target, k))?;
    let tid = plan
        .targets()
        .get(t)
        .map(|x| x.id.clone())
        .unwrap_or_default();
    if let (Scope::County(d), Some(c)) = (scope, plan.counties()) {
        if !c.has_part(t, d) {
            let kind = match c.assignment(t).map(|a| a.split) {
                Some(Split::CityOnly) => RowErrorKind::CityOnly { target: tid },
                _ => RowErrorKind::NoPart {
                    county: county.to_string(),
                    target: tid,
                },
            };
            return Err((Column::County, kind));
        }
    }
    let month = field(Column::Month)?;
    let year = plan.meta().year;
    let m = match parse_month(month) {
        None => return Err((Column::Month, RowErrorKind::BadMonth(month.to_string()))),
        Some((y, _)) if y != year => {
            return Err((
                Column::Month,
                RowErrorKind::MonthOutsideYear {
                    month: month.to_string(),
                    year,
                },
            ))
        }
        Some((_, m)) => m,
    };
    let value = field(Column::Value)?;
    let v = match plan.targets().get(t).map(|x| x.kind) {
        Some(TargetKind::YesNo) => {
            yes_no(value).ok_or((Column::Value, RowErrorKind::NotYesNo(value.to_string())))?
        }
        _ => number(value).ok_or((Column::Value, RowErrorKind::NotANumber(value.to_string())))?,
    };
    Ok(Actual {
        target: t,
        scope,
        month: m,
        value: v,
        row: r.row,
    })
}

/// A county by id or name in either language, or the city (`city`, 全市, 市本级, Whole city).
fn find_scope(plan: &Plan, name: &str) -> Result<Scope, RowErrorKind> {
    let city_names = [CITY_ID, "全市", "市本级", "市级", city_name(Lang::En)];
    if city_names.iter().any(|c| c.eq_ignore_ascii_case(name)) {
        return Ok(Scope::City);
    }
    let divisions = plan.counties().map(|c| c.divisions()).unwrap_or_default();
    let found = divisions.iter().position(|d| {
        d.id.eq_ignore_ascii_case(name)
            || d.name.zh == name
            || (!d.name.en.is_empty() && d.name.en.eq_ignore_ascii_case(name))
    });
    match found {
        Some(d) => Ok(Scope::County(d)),
        None => {
            let candidates = divisions
                .iter()
                .map(|d| d.id.as_str())
                .chain(std::iter::once(CITY_ID));
            let suggestion = nearest(&name.to_lowercase(), candidates)
                .map(String::from)
                .or_else(|| {
                    divisions
                        .iter()
                        .find(|d| !name.is_empty() && d.name.zh.starts_with(name))
                        .map(|d| d.name.zh.clone())
                });
            Err(RowErrorKind::UnknownCounty {
                name: name.to_string(),
                suggestion,
            })
        }
    }
}

/// A target by id or label in either language.
fn find_target(plan: &Plan, name: &str) -> Result<usize, RowErrorKind> {
    plan.targets()
        .iter()
        .position(|t| {
            t.id == name
                || t.label.zh == name
                || (!t.label.en.is_empty() && t.label.en.eq_ignore_ascii_case(name))
        })
        .ok_or_else(|| RowErrorKind::UnknownTarget {
            name: name.to_string(),
            suggestion: plan.nearest_target(name).map(String::from),
        })
}

fn yes_no(s: &str) -> Option<f64> {
    match s.trim().to_lowercase().as_str() {
        "1" | "1.0" | "是" | "yes" | "y" | "true" | "完成" => Some(1.0),
        "0" | "0.0" | "否" | "no" | "n" | "false" | "未完成" => Some(0.0),
        _ => None,
    }
}

/// A finite number; thousands separators and a trailing `%` are allowed.
fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let s = s.strip_suffix('%').unwrap_or(s).trim();
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}
