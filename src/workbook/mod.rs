//! Plans as spreadsheets (native only: rust_xlsxwriter writes, calamine reads; neither is in
//! the widget's wasm). The plan workbook is the plan file as tables (docs/plan-format.md):
//! converting follows the file's serde shape (`book.rs`), so fields added to the format convert
//! without new code; `columns.rs` only names and orders the known ones. Every error names its
//! sheet, cell and field (`目标!J14 目标值 (goal.value): …`). The county reporting workbook is
//! `county.rs` (write) and `filled.rs` (read); `filled.rs` and `grid.rs` are also the separately
//! loaded workbook module of the widget (`module.rs`, feature `xlsx-reader`, wasm32).

mod book;
mod cells;
pub mod columns;
mod filled;
pub mod grid;
mod plan_book;
mod read;

// Writing workbooks is native only (rust_xlsxwriter).
#[cfg(not(target_arch = "wasm32"))]
mod county;
#[cfg(not(target_arch = "wasm32"))]
mod help;
#[cfg(not(target_arch = "wasm32"))]
mod write;

#[cfg(all(target_arch = "wasm32", feature = "xlsx-reader"))]
pub mod module;

use crate::core::validate::PlanErrorKind;
use crate::core::Lang;
use std::fmt;

pub use book::{to_book, Book, Cell, Table};
pub use filled::{read_filled, read_rows};
pub use grid::{cell_name, cell_text};

pub use cells::date;
pub use plan_book::{located, parse_plan_workbook, plan_json, read_plan_file, workbook_to_value};
pub use read::Locator;

#[cfg(not(target_arch = "wasm32"))]
pub use county::reporting_workbook;
#[cfg(not(target_arch = "wasm32"))]
pub use plan_book::{plan_to_workbook, value_to_workbook};

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
            K::NotAWorkbook(e) if zh => format!("不是可读取的 .xlsx 工作簿（{e}）"),
            K::NotAWorkbook(e) => format!("not a readable .xlsx workbook ({e})"),
            K::ErrorValue(e) if zh => format!("单元格是错误值 {e}"),
            K::ErrorValue(e) => format!("the cell holds the error value {e}"),
            K::NotJson(e) if zh => format!("此列应为 JSON 文本（{e}）"),
            K::NotJson(e) => format!("this column takes JSON text ({e})"),
            K::Clash(p) if zh => format!("字段 {p} 与另一列冲突（既是值又含子字段）"),
            K::Clash(p) => format!("field {p} clashes with another column (a value and a group)"),
            K::Plan(k) => k.message(lang),
            K::NoReportingSheet if zh => {
                "没有县区填报表（应为 plan-widget breakdown --format xlsx 生成的工作簿）".into()
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
