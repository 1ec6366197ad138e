//! Reading one spreadsheet cell as a JSON value of the plan file, by the column's kind, and
//! naming cells (`J12`). Spreadsheets change what people type (a month becomes a date, an id
//! of digits a number); known columns take such cells back to what the format expects.

use super::book::{cell_value, Cell};
use super::columns::Kind;
use super::grid::{number_text, to_cell};
use calamine::Data;
use serde_json::Value;

/// A cell that cannot be read as a value of its column.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    /// A spreadsheet error value such as `#DIV/0!`.
    ErrorValue(String),
    /// A JSON column's text is not JSON.
    NotJson(String),
}

/// The value of a cell (`None`: empty). `json` marks a column of JSON text; `kind` is the
/// known column's kind (`None`: an unknown column, read as it is).
pub fn read_cell(
    data: &Data,
    kind: Option<Kind>,
    json: bool,
) -> Result<Option<Value>, CellProblem> {
    if let Data::Error(e) = data {
        return Err(CellProblem::ErrorValue(e.to_string()));
    }
    let Some(cell) = to_cell(data) else {
        return Ok(None);
    };
    if json {
        return match &cell {
            Cell::Text(t) => serde_json::from_str(t)
                .map(Some)
                .map_err(|e| CellProblem::NotJson(e.to_string())),
            other => plain(other).map(Some),
        };
    }
    let cell = match (kind, cell, data) {
        (Some(Kind::Date), _, Data::DateTime(d)) => Cell::Text(date(d.as_f64(), false)),
        (Some(Kind::Month), _, Data::DateTime(d)) => Cell::Text(date(d.as_f64(), true)),
        (Some(Kind::Text | Kind::Date | Kind::Month), Cell::Number(x), _) => {
            Cell::Text(number_text(x))
        }
        (Some(Kind::Number | Kind::Integer), Cell::Text(t), _) => match t.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => Cell::Number(x),
            _ => Cell::Text(t),
        },
        (Some(Kind::Bool), Cell::Text(t), _) => match yes_no(&t) {
            Some(b) => Cell::Bool(b),
            None => Cell::Text(t),
        },
        (Some(Kind::Bool), Cell::Number(x), _) if x == 0.0 || x == 1.0 => Cell::Bool(x == 1.0),
        (_, cell, _) => cell,
    };
    plain(&cell).map(Some)
}

fn plain(cell: &Cell) -> Result<Value, CellProblem> {
    cell_value(cell).map_err(CellProblem::NotJson)
}

fn yes_no(t: &str) -> Option<bool> {
    match t.trim().to_lowercase().as_str() {
        "true" | "1" | "是" | "yes" => Some(true),
        "false" | "0" | "否" | "no" => Some(false),
        _ => None,
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as `YYYY-MM-DD` or `YYYY-MM`.
pub fn date(serial: f64, month_only: bool) -> String {
    // Howard Hinnant's civil-from-days, counting from 1970-01-01 (serial 25569).
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    if month_only {
        format!("{y:04}-{m:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_serials() {
        assert_eq!(date(44691.0, false), "2022-05-10");
        assert_eq!(date(44713.0, true), "2022-06");
        assert_eq!(date(25569.0, false), "1970-01-01");
    }

    #[test]
    fn known_columns_take_typed_cells_back() {
        let text = Some(Kind::Text);
        assert_eq!(
            read_cell(&Data::Float(2022.0), text, false),
            Ok(Some(Value::from("2022")))
        );
        assert_eq!(
            read_cell(&Data::String(" 93.5".into()), Some(Kind::Number), false),
            Ok(Some(Value::from(93.5)))
        );
        assert_eq!(
            read_cell(&Data::String("是".into()), Some(Kind::Bool), false),
            Ok(Some(Value::from(true)))
        );
        assert_eq!(
            read_cell(&Data::Float(3.0), None, false),
            Ok(Some(Value::from(3)))
        );
        assert_eq!(
            read_cell(&Data::String(String::new()), text, false),
            Ok(None)
        );
        assert!(matches!(
            read_cell(&Data::String("[1,".into()), None, true),
            Err(CellProblem::NotJson(_))
        ));
    }
}
