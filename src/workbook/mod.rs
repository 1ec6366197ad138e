//! Plans as spreadsheets (native only: rust_xlsxwriter writes, calamine reads; neither is in
//! the wasm). The plan workbook is the plan file as tables (docs/plan-format.md): converting
//! follows the file's serde shape (`book.rs`), so fields added to the format convert without
//! new code; `columns.rs` only names and orders the known ones. Every error names its sheet,
//! cell and field (`目标!J14 目标值 (goal.value): …`).

mod book;
mod cells;
pub mod columns;
mod county;
mod filled;
mod help;
mod read;
mod write;

use crate::core::format::PlanFile;
use crate::core::validate::{validate_file, JsonProblem, PlanErrorKind};
use crate::core::{Lang, Plan};
use std::fmt;

pub use book::{to_book, Book, Cell, Table};
pub use cells::{cell_name, cell_text, date};
pub use county::reporting_workbook;
pub use filled::read_filled;
pub use read::Locator;

/// One problem in a workbook, with its place (`目标!J14 目标值 (goal.value)`, a sheet, or
/// empty for the file as a whole).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookError {
    pub place: String,
    pub kind: WorkbookErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WorkbookErrorKind {
    /// The file is not an `.xlsx` workbook (calamine's message).
    NotAWorkbook(String),
    /// A spreadsheet error value such as `#DIV/0!`.
    ErrorValue(String),
    /// A JSON column's text is not JSON.
    NotJson(String),
    /// A field path is used both as a value and as a group of fields.
    Clash(String),
    /// What the plan's validator says about the field in this place.
    Plan(PlanErrorKind),
    /// No sheet of the workbook is a county reporting sheet (a county id in B2, keys in row 4).
    NoReportingSheet,
}

impl WorkbookErrorKind {
    pub fn message(&self, lang: Lang) -> String {
        use WorkbookErrorKind as K;
        let zh = lang == Lang::ZhCn;
        match self {
            K::NotAWorkbook(e) if zh => format!("不是可读取的 .xlsx 工作簿({e})"),
            K::NotAWorkbook(e) => format!("not a readable .xlsx workbook ({e})"),
            K::ErrorValue(e) if zh => format!("单元格是错误值 {e}"),
            K::ErrorValue(e) => format!("the cell holds the error value {e}"),
            K::NotJson(e) if zh => format!("此列应为 JSON 文本({e})"),
            K::NotJson(e) => format!("this column takes JSON text ({e})"),
            K::Clash(p) if zh => format!("字段 {p} 与另一列冲突(既是值又含子字段)"),
            K::Clash(p) => format!("field {p} clashes with another column (a value and a group)"),
            K::Plan(k) => k.message(lang),
            K::NoReportingSheet if zh => {
                "没有县区填报表(应为 plan-widget breakdown --format xlsx 生成的工作簿)".into()
            }
            K::NoReportingSheet => {
                "no county reporting sheet (expected a workbook made by plan-widget breakdown --format xlsx)".into()
            }
        }
    }
}

impl WorkbookError {
    pub fn message(&self, lang: Lang) -> String {
        if self.place.is_empty() {
            self.kind.message(lang)
        } else {
            format!("{}: {}", self.place, self.kind.message(lang))
        }
    }
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The workbook of a plan file, as `.xlsx` bytes.
pub fn plan_to_workbook(file: &PlanFile) -> Result<Vec<u8>, String> {
    value_to_workbook(&serde_json::to_value(file).map_err(|e| e.to_string())?)
}

/// The workbook of any plan-shaped JSON (what [`plan_to_workbook`] does after serializing the
/// plan file): fields the format does not have yet convert the same way.
pub fn value_to_workbook(value: &serde_json::Value) -> Result<Vec<u8>, String> {
    write::write_book(&to_book(value)).map_err(|e| e.to_string())
}

/// The JSON a workbook holds, before it is read as a plan file, with where each part sits.
pub fn workbook_to_value(bytes: &[u8]) -> Result<(serde_json::Value, Locator), Vec<WorkbookError>> {
    read::read_book(bytes)
}

/// The plan file a workbook holds (not yet validated), with where each part sits.
pub fn read_plan_file(bytes: &[u8]) -> Result<(PlanFile, Locator), Vec<WorkbookError>> {
    let (value, loc) = read::read_book(bytes)?;
    let mut track = serde_path_to_error::Track::new();
    let de = serde_path_to_error::Deserializer::new(value, &mut track);
    match serde::Deserialize::deserialize(de) {
        Ok(file) => Ok((file, loc)),
        Err(e) => {
            let e: serde_json::Error = e;
            let path = track.path().to_string();
            let detail = e.to_string();
            let place = loc.place(&unknown_field_path(&path, &detail));
            Err(vec![WorkbookError {
                place,
                kind: WorkbookErrorKind::Plan(PlanErrorKind::Json {
                    category: JsonProblem::Data,
                    detail,
                }),
            }])
        }
    }
}

/// serde names an unknown field in its message, not its path: add it, so the place is the
/// field's column.
fn unknown_field_path(path: &str, detail: &str) -> String {
    let name = detail
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next());
    match (name, path) {
        (Some(n), "." | "") => n.to_string(),
        (Some(n), p) => format!("{p}.{n}"),
        (None, p) => p.to_string(),
    }
}

/// Reads and validates a plan workbook; every error with its sheet and cell.
pub fn parse_plan_workbook(bytes: &[u8]) -> Result<Plan, Vec<WorkbookError>> {
    let (file, loc) = read_plan_file(bytes)?;
    validate_file(file).map_err(|errors| located(&loc, errors.0))
}

/// The validator's errors placed in the workbook.
pub fn located(loc: &Locator, errors: Vec<crate::core::PlanError>) -> Vec<WorkbookError> {
    errors
        .into_iter()
        .map(|e| WorkbookError {
            place: loc.place(&e.place),
            kind: WorkbookErrorKind::Plan(e.kind),
        })
        .collect()
}

/// A plan file as pretty JSON without its absent (null) fields, in the format's field order.
pub fn plan_json(file: &PlanFile) -> Result<String, String> {
    let text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    Ok(drop_nulls(&text))
}

/// Removes the `"key": null` lines of pretty-printed JSON (and the comma they leave).
fn drop_nulls(pretty: &str) -> String {
    let mut kept: Vec<String> = Vec::new();
    for line in pretty.lines() {
        let t = line.trim();
        let is_null = t.starts_with('"') && (t.ends_with("\": null") || t.ends_with("\": null,"));
        if !is_null {
            kept.push(line.to_string());
            continue;
        }
        if !t.ends_with(',') {
            if let Some(prev) = kept.last_mut() {
                if prev.ends_with(',') {
                    prev.pop();
                }
            }
        }
    }
    let mut out = kept.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_go_with_their_comma() {
        let text = "{\n  \"a\": 1,\n  \"b\": null,\n  \"c\": {\n    \"d\": 2,\n    \"e\": null\n  },\n  \"f\": null\n}";
        assert_eq!(
            drop_nulls(text),
            "{\n  \"a\": 1,\n  \"c\": {\n    \"d\": 2\n  }\n}\n"
        );
    }

    #[test]
    fn unknown_fields_are_placed_at_their_column() {
        assert_eq!(
            unknown_field_path("targets[2]", "unknown field `colour`, expected one of `id`"),
            "targets[2].colour"
        );
        assert_eq!(
            unknown_field_path("targets[2].goal.value", "invalid type"),
            "targets[2].goal.value"
        );
    }
}
