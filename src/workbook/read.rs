//! Reads a plan workbook back into the plan file's JSON, remembering where every field came
//! from so that errors name their sheet and cell.

use super::book::{insert, JSON_SUFFIX};
use super::cells::{read_cell, CellProblem};
use super::columns::{self, Kind, HEADER_ROWS, HELP_SHEET, PLAN_ROWS, PLAN_SHEET};
use super::grid::cell_name;
use super::{WorkbookError, WorkbookErrorKind};
use calamine::{Data, Range, Reader, Xlsx};
use serde_json::{Map, Value};
use std::io::Cursor;

/// One column of a table sheet as read: index, field path, Chinese header.
#[derive(Debug, Clone)]
struct ColumnAt {
    index: u32,
    path: String,
    header: String,
}

/// Where a list's items are: its sheet, columns and the row of each item.
#[derive(Debug, Clone)]
struct ListAt {
    sheet: String,
    path: String,
    columns: Vec<ColumnAt>,
    rows: Vec<u32>,
}

/// Where each part of the plan file sits in the workbook.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// Plan sheet rows: field path, 0-based row, Chinese name.
    fields: Vec<(String, u32, String)>,
    lists: Vec<ListAt>,
}

/// The plan file's JSON read from a workbook, with the places of its parts; cell problems
/// are errors with their place.
pub fn read_book(bytes: &[u8]) -> Result<(Value, Locator), Vec<WorkbookError>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        vec![WorkbookError {
            place: String::new(),
            kind: WorkbookErrorKind::NotAWorkbook(e.to_string()),
        }]
    })?;
    let mut root = Map::new();
    let mut loc = Locator::default();
    let mut errors = Vec::new();
    for name in wb.sheet_names() {
        if name == HELP_SHEET {
            continue;
        }
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                errors.push(WorkbookError {
                    place: name.clone(),
                    kind: WorkbookErrorKind::NotAWorkbook(e.to_string()),
                });
                continue;
            }
        };
        if name == PLAN_SHEET {
            read_fields(&range, &mut root, &mut loc, &mut errors);
        } else if let Some(path) = list_path(&name) {
            let list = read_list(&name, &path, &range, &mut errors);
            if !list.0.is_empty() && insert(&mut root, &path, Value::Array(list.0)).is_err() {
                errors.push(WorkbookError {
                    place: name.clone(),
                    kind: WorkbookErrorKind::Clash(path.clone()),
                });
            }
            loc.lists.push(list.1);
        }
    }
    if errors.is_empty() {
        Ok((Value::Object(root), loc))
    } else {
        Err(errors)
    }
}

/// The list a sheet holds: a known sheet's, or the sheet's name when it is a field path.
fn list_path(name: &str) -> Option<String> {
    if let Some(l) = columns::list_by_name(name) {
        return Some(l.path.to_string());
    }
    let is_path = !name.is_empty()
        && name
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    is_path.then(|| name.to_string())
}

fn text_at(range: &Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .and_then(super::grid::cell_text)
        .unwrap_or_default()
}

fn read_fields(
    range: &Range<Data>,
    root: &mut Map<String, Value>,
    loc: &mut Locator,
    errors: &mut Vec<WorkbookError>,
) {
    let last = range.end().map(|e| e.0).unwrap_or(0);
    for row in HEADER_ROWS..=last {
        let path = text_at(range, row, 1).trim().to_string();
        if path.is_empty() {
            continue;
        }
        let name = text_at(range, row, 0);
        let place = format!("{PLAN_SHEET}!{} {name} ({path})", cell_name(row, 2));
        loc.fields.push((path.clone(), row, name));
        let kind = PLAN_ROWS.iter().find(|c| c.path == path).map(|c| c.kind);
        let json = path.ends_with(JSON_SUFFIX);
        let data = range.get_value((row, 2)).cloned().unwrap_or(Data::Empty);
        match read_cell(&data, kind, json) {
            Ok(None) => {}
            Ok(Some(v)) => {
                let key = path.strip_suffix(JSON_SUFFIX).unwrap_or(&path);
                if insert(root, key, v).is_err() {
                    errors.push(WorkbookError {
                        place,
                        kind: WorkbookErrorKind::Clash(path.clone()),
                    });
                }
            }
            Err(p) => errors.push(WorkbookError {
                place,
                kind: p.into(),
            }),
        }
    }
}

fn read_list(
    sheet: &str,
    path: &str,
    range: &Range<Data>,
    errors: &mut Vec<WorkbookError>,
) -> (Vec<Value>, ListAt) {
    let list = columns::list_by_path(path);
    let (last_row, last_col) = range.end().unwrap_or((0, 0));
    let columns: Vec<ColumnAt> = (0..=last_col)
        .map(|c| ColumnAt {
            index: c,
            path: text_at(range, 1, c).trim().to_string(),
            header: text_at(range, 0, c),
        })
        .filter(|c| !c.path.is_empty())
        .collect();
    let mut items = Vec::new();
    let mut rows = Vec::new();
    for row in HEADER_ROWS..=last_row {
        let mut item = Map::new();
        for col in &columns {
            let place = || {
                format!(
                    "{sheet}!{} {} ({})",
                    cell_name(row, col.index),
                    col.header,
                    col.path
                )
            };
            let json = col.path.ends_with(JSON_SUFFIX);
            let key = col.path.strip_suffix(JSON_SUFFIX).unwrap_or(&col.path);
            let kind: Option<Kind> = list
                .and_then(|l| columns::find(l.columns(), key))
                .map(|c| c.kind);
            let data = range
                .get_value((row, col.index))
                .cloned()
                .unwrap_or(Data::Empty);
            match read_cell(&data, kind, json) {
                Ok(None) => {}
                Ok(Some(v)) => {
                    if insert(&mut item, key, v).is_err() {
                        errors.push(WorkbookError {
                            place: place(),
                            kind: WorkbookErrorKind::Clash(col.path.clone()),
                        });
                    }
                }
                Err(p) => errors.push(WorkbookError {
                    place: place(),
                    kind: p.into(),
                }),
            }
        }
        if !item.is_empty() {
            items.push(Value::Object(item));
            rows.push(row);
        }
    }
    let at = ListAt {
        sheet: sheet.to_string(),
        path: path.to_string(),
        columns,
        rows,
    };
    (items, at)
}

impl From<CellProblem> for WorkbookErrorKind {
    fn from(p: CellProblem) -> Self {
        match p {
            CellProblem::ErrorValue(e) => WorkbookErrorKind::ErrorValue(e),
            CellProblem::NotJson(e) => WorkbookErrorKind::NotJson(e),
        }
    }
}

impl Locator {
    /// The workbook place of a plan-file path (`targets[12].goal.value` →
    /// `目标!J14 目标值 (goal.value)`); a path it cannot place is named as it is.
    pub fn place(&self, path: &str) -> String {
        let mut lists: Vec<&ListAt> = self.lists.iter().collect();
        lists.sort_by_key(|l| std::cmp::Reverse(l.path.len()));
        for list in lists {
            let Some(rest) = path.strip_prefix(list.path.as_str()) else {
                continue;
            };
            if rest.is_empty() {
                return list.sheet.clone();
            }
            if let Some(p) = list.place_item(rest) {
                return p;
            }
        }
        self.place_field(path)
    }

    fn place_field(&self, path: &str) -> String {
        let found = self
            .fields
            .iter()
            .find(|(p, _, _)| p == path)
            .or_else(|| self.fields.iter().find(|(p, _, _)| within(p, path)))
            .or_else(|| self.fields.iter().find(|(p, _, _)| within(path, p)));
        match found {
            Some((p, row, name)) => format!("{PLAN_SHEET}!{} {name} ({p})", cell_name(*row, 2)),
            None => format!("{PLAN_SHEET} ({path})"),
        }
    }
}

/// `inner` is `outer` or a field or item inside it.
fn within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|r| r.is_empty() || r.starts_with('.') || r.starts_with('['))
}

impl ListAt {
    /// `rest` is `[i]` or `[i].field…` after the list's path.
    fn place_item(&self, rest: &str) -> Option<String> {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        let index: usize = inner.get(..close)?.parse().ok()?;
        let after = inner.get(close + 1..)?.trim_start_matches('.');
        let sheet = &self.sheet;
        let Some(&row) = self.rows.get(index) else {
            return Some(format!("{sheet} ({}{rest})", self.path));
        };
        if after.is_empty() {
            return Some(format!("{sheet}!{0}:{0}", row + 1));
        }
        let key = |c: &ColumnAt| {
            c.path
                .strip_suffix(JSON_SUFFIX)
                .unwrap_or(&c.path)
                .to_string()
        };
        let col = self
            .columns
            .iter()
            .find(|c| key(c) == after)
            .or_else(|| self.columns.iter().find(|c| within(after, &key(c))))
            .or_else(|| self.columns.iter().find(|c| within(&key(c), after)));
        Some(match col {
            Some(c) => format!("{sheet}!{} {} ({after})", cell_name(row, c.index), c.header),
            None => format!("{sheet}!{0}:{0} ({after})", row + 1),
        })
    }
}
