//! Reads filled county reporting workbooks (`county.rs`) as actuals: every filled "reported"
//! cell is one value, resolved by the same rules as a CSV row, its errors named by sheet and
//! cell. Sheets without a county id and a `target` key row (the overview) are passed over.

use super::grid::{cell_name, cell_text};
use super::{WorkbookError, WorkbookErrorKind};
use crate::core::progress::actuals::{parse_cells, CellRow};
use crate::core::progress::ActualsLoad;
use crate::core::Plan;
use calamine::{Data, Range, Reader, Xlsx};
use std::io::Cursor;

/// Row of the division's id on each reporting sheet (0-based; the id is in column B).
pub const ID_ROW: u32 = 1;
/// Row of the column keys (below the Chinese header); data starts below it.
pub const KEY_ROW: u32 = 3;
/// Key of a month's reported column: `reported.2022-06`.
pub const REPORTED: &str = "reported.";

/// The actuals of one filled workbook. A file that is not a workbook, or has no reporting
/// sheet, is one error.
pub fn read_filled(plan: &Plan, bytes: &[u8]) -> Result<ActualsLoad, WorkbookError> {
    Ok(parse_cells(plan, read_rows(bytes)?))
}

/// The filled cells of a workbook, before they are resolved against a plan.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<CellRow>, WorkbookError> {
    let not_workbook = |e: String| WorkbookError {
        place: String::new(),
        kind: WorkbookErrorKind::NotAWorkbook(e),
    };
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_workbook(e.to_string()))?;
    let mut rows = Vec::new();
    let mut sheets = 0;
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| not_workbook(e.to_string()))?;
        if let Some(found) = sheet_rows(&name, &range) {
            sheets += 1;
            rows.extend(found);
        }
    }
    if sheets == 0 {
        return Err(WorkbookError {
            place: String::new(),
            kind: WorkbookErrorKind::NoReportingSheet,
        });
    }
    Ok(rows)
}

fn text(range: &Range<Data>, row: u32, col: u32) -> Option<String> {
    range
        .get_value((row, col))
        .and_then(cell_text)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The filled values of one reporting sheet; `None` when it is not one.
fn sheet_rows(sheet: &str, range: &Range<Data>) -> Option<Vec<CellRow>> {
    let county = text(range, ID_ROW, 1)?;
    let last_col = range.end()?.1;
    let keys: Vec<(u32, String)> = (0..=last_col)
        .filter_map(|c| text(range, KEY_ROW, c).map(|k| (c, k)))
        .collect();
    let target_col = keys.iter().find(|(_, k)| k == "target")?.0;
    let months: Vec<(u32, &str)> = keys
        .iter()
        .filter_map(|(c, k)| k.strip_prefix(REPORTED).map(|m| (*c, m)))
        .collect();
    let place = |r: u32, c: u32| format!("{sheet}!{}", cell_name(r, c));
    let last_row = range.end()?.0;
    let mut out = Vec::new();
    for r in KEY_ROW + 1..=last_row {
        for (c, month) in &months {
            let data = range.get_value((r, *c));
            let value = match data {
                Some(Data::Error(e)) => Some(e.to_string()),
                Some(d) => cell_text(d).filter(|s| !s.trim().is_empty()),
                None => None,
            };
            let Some(value) = value else { continue };
            out.push(CellRow {
                fields: [
                    Some(county.clone()),
                    text(range, r, target_col),
                    Some(month.to_string()),
                    Some(value),
                ],
                cells: [
                    place(ID_ROW, 1),
                    place(r, target_col),
                    place(KEY_ROW, *c),
                    place(r, *c),
                ],
            });
        }
    }
    Some(out)
}
