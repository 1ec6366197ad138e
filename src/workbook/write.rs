//! Writes a plan's tables as an `.xlsx` workbook (rust_xlsxwriter): the how-to sheet, the plan
//! sheet (one row per plan-level field), one sheet per list with Chinese headers over the
//! English field paths, number formats and drop-down lists.

use super::book::{Book, Cell, Table, JSON_SUFFIX};
use super::columns::{self, Col, Kind, HEADER_ROWS, HELP_SHEET, LISTS, PLAN_ROWS, PLAN_SHEET};
use super::help::help_lines;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// How many empty rows below the data still get the drop-downs and number checks.
const SPARE_ROWS: u32 = 300;

/// One column of a table sheet as written: its field path and its known spec, if any.
pub struct Column {
    pub path: String,
    pub spec: Option<&'static Col>,
}

impl Column {
    /// The Chinese header: the known one (a map column adds its key), else the path itself.
    pub fn header(&self) -> String {
        match self.spec {
            Some(c) if c.path.ends_with('.') => {
                let key = self.path.rsplit('.').next().unwrap_or_default();
                format!("{}:{key}", c.zh)
            }
            Some(c) => c.zh.to_string(),
            None => self.path.clone(),
        }
    }
    fn kind(&self) -> Kind {
        self.spec.map(|c| c.kind).unwrap_or(Kind::Text)
    }
}

/// The columns of a table: known ones in the table's order (map columns as their keys
/// appear), then unknown paths as they appear.
pub fn table_columns(
    known: impl Iterator<Item = &'static Col>,
    rows: &[Vec<(String, Cell)>],
) -> Vec<Column> {
    let mut seen: Vec<&str> = Vec::new();
    for row in rows {
        for (p, _) in row {
            if !seen.contains(&p.as_str()) {
                seen.push(p);
            }
        }
    }
    let mut out: Vec<Column> = Vec::new();
    for c in known {
        if c.path.ends_with('.') {
            let keys = seen
                .iter()
                .filter(|p| columns::find(std::iter::once(c), p).is_some());
            out.extend(keys.map(|p| Column {
                path: p.to_string(),
                spec: Some(c),
            }));
        } else {
            out.push(Column {
                path: c.path.to_string(),
                spec: Some(c),
            });
        }
    }
    for p in seen {
        if !out.iter().any(|c| c.path == p) {
            out.push(Column {
                path: p.to_string(),
                spec: None,
            });
        }
    }
    out
}

pub(crate) struct Styles {
    pub head: Format,
    pub path: Format,
    pub text: Format,
    pub number: Format,
    pub integer: Format,
    pub json: Format,
}

impl Styles {
    pub(crate) fn new() -> Styles {
        Styles {
            head: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDCE6F1))
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            path: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_border(FormatBorder::Thin),
            text: Format::new().set_num_format("@"),
            number: Format::new().set_num_format("General"),
            integer: Format::new().set_num_format("0"),
            json: Format::new()
                .set_num_format("@")
                .set_font_color(Color::RGB(0x7F3F00)),
        }
    }
    fn for_kind(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Number | Kind::Bool => &self.number,
            Kind::Integer => &self.integer,
            Kind::Text | Kind::Date | Kind::Month => &self.text,
        }
    }
}

/// The workbook of a plan, as bytes.
pub fn write_book(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    wb.push_worksheet(help_sheet(&styles)?);
    wb.push_worksheet(plan_sheet(book, &styles)?);
    for list in LISTS {
        let empty = Table {
            path: list.path.to_string(),
            rows: Vec::new(),
        };
        let table = book
            .tables
            .iter()
            .find(|t| t.path == list.path)
            .unwrap_or(&empty);
        wb.push_worksheet(table_sheet(list.name, list.cols, table, &styles)?);
    }
    for table in &book.tables {
        if columns::list_by_path(&table.path).is_none() {
            wb.push_worksheet(table_sheet(&table.path, &[], table, &styles)?);
        }
    }
    wb.save_to_buffer()
}

fn help_sheet(styles: &Styles) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(HELP_SHEET)?;
    ws.set_column_width(0, 110)?;
    let wrap = Format::new().set_text_wrap();
    for (i, (line, head)) in help_lines().into_iter().enumerate() {
        let f = if head { &styles.head } else { &wrap };
        ws.write_string_with_format(i as u32, 0, line, f)?;
    }
    Ok(ws)
}

fn plan_sheet(book: &Book, styles: &Styles) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(PLAN_SHEET)?;
    for (c, (zh, en)) in [("名称", "name"), ("字段", "field"), ("值", "value")]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, zh, &styles.head)?;
        ws.write_string_with_format(1, c as u16, en, &styles.path)?;
    }
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(2, 80)?;
    ws.set_freeze_panes(HEADER_ROWS, 0)?;
    let known = PLAN_ROWS.iter().map(|c| (c.path.to_string(), Some(c)));
    let unknown = book
        .fields
        .iter()
        .filter(|(p, _)| !PLAN_ROWS.iter().any(|c| c.path == p))
        .map(|(p, _)| (p.clone(), None));
    for (row, (path, spec)) in (HEADER_ROWS..).zip(known.chain(unknown)) {
        let kind = spec.map(|c| c.kind).unwrap_or(Kind::Text);
        ws.write_string(row, 0, spec.map(|c| c.zh).unwrap_or(path.as_str()))?;
        ws.write_string_with_format(row, 1, &path, &styles.path)?;
        if let Some((_, cell)) = book.fields.iter().find(|(p, _)| *p == path) {
            write_cell(&mut ws, row, 2, cell, styles.for_kind(kind), styles)?;
        } else {
            ws.write_blank(row, 2, styles.for_kind(kind))?;
        }
        if let Some(dv) = spec.and_then(|c| validation(c).transpose()) {
            ws.add_data_validation(row, 2, row, 2, &dv?)?;
        }
    }
    Ok(ws)
}

fn table_sheet(
    name: &str,
    known: &'static [&'static [Col]],
    table: &Table,
    styles: &Styles,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    let cols = table_columns(known.iter().flat_map(|g| g.iter()), &table.rows);
    let last = HEADER_ROWS + table.rows.len() as u32 + SPARE_ROWS;
    for (c, col) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, col.header(), &styles.head)?;
        ws.write_string_with_format(1, c, &col.path, &styles.path)?;
        let format = if col.path.ends_with(JSON_SUFFIX) {
            &styles.json
        } else {
            styles.for_kind(col.kind())
        };
        ws.set_column_format(c, format)?;
        ws.set_column_width(c, width(col, &table.rows))?;
        if let Some(dv) = col.spec.and_then(|s| validation(s).transpose()) {
            ws.add_data_validation(HEADER_ROWS, c, last, c, &dv?)?;
        }
    }
    ws.set_freeze_panes(HEADER_ROWS, 1)?;
    for (r, row) in table.rows.iter().enumerate() {
        let r = HEADER_ROWS + r as u32;
        for (path, cell) in row {
            let Some(c) = cols.iter().position(|c| c.path == *path) else {
                continue;
            };
            let kind = cols.get(c).map(Column::kind).unwrap_or(Kind::Text);
            write_cell(&mut ws, r, c as u16, cell, styles.for_kind(kind), styles)?;
        }
    }
    Ok(ws)
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: &Format,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => ws.write_string_with_format(row, col, s, format)?,
        Cell::Number(x) => ws.write_number_with_format(row, col, *x, format)?,
        Cell::Bool(b) => ws.write_boolean_with_format(row, col, *b, format)?,
        Cell::Json(s) => ws.write_string_with_format(row, col, s, &styles.json)?,
    };
    Ok(())
}

/// The column's width in characters: its longest header or cell (CJK counts double), bounded.
fn width(col: &Column, rows: &[Vec<(String, Cell)>]) -> f64 {
    let chars = |s: &str| {
        s.chars()
            .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
            .sum::<usize>()
    };
    let longest = rows
        .iter()
        .filter_map(|r| r.iter().find(|(p, _)| *p == col.path))
        .map(|(_, cell)| match cell {
            Cell::Text(s) | Cell::Json(s) => chars(s),
            Cell::Number(x) => x.to_string().len(),
            Cell::Bool(_) => 5,
        })
        .chain([chars(&col.header()), col.path.len()])
        .max()
        .unwrap_or(8);
    (longest as f64 + 2.0).clamp(8.0, 48.0)
}

/// The data validation of a known column: its drop-down list, or a number check.
fn validation(col: &Col) -> Result<Option<DataValidation>, XlsxError> {
    let dv = if !col.list.is_empty() {
        DataValidation::new()
            .allow_list_strings(col.list)?
            .set_error_title("取值无效 / Invalid value")?
            .set_error_message(format!(
                "请从下拉列表中选择。Pick one of: {}",
                col.list.join(", ")
            ))?
    } else {
        match col.kind {
            Kind::Number => DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1.0e300, 1.0e300))
                .set_error_title("需要数字 / Number expected")?
                .set_error_message("此处应填数字。This cell takes a number.")?,
            Kind::Integer => DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, i32::MAX))
                .set_error_title("需要整数 / Whole number expected")?
                .set_error_message("此处应填整数。This cell takes a whole number.")?,
            Kind::Text | Kind::Bool | Kind::Date | Kind::Month => return Ok(None),
        }
    };
    Ok(Some(dv))
}
