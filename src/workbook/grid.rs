//! Cells by name and as text: what both the plan workbook and the county workbooks need, and
//! all that the separately loaded workbook module of the widget needs (calamine only).

use super::book::Cell;
use calamine::Data;

/// The cell as text, number or boolean; `None` when empty.
pub(crate) fn to_cell(data: &Data) -> Option<Cell> {
    match data {
        Data::Empty | Data::Error(_) => None,
        Data::String(s) if s.is_empty() => None,
        Data::String(s) => Some(Cell::Text(s.clone())),
        Data::Float(x) => Some(Cell::Number(*x)),
        Data::Int(i) => Some(Cell::Number(*i as f64)),
        Data::Bool(b) => Some(Cell::Bool(*b)),
        Data::DateTime(d) => Some(Cell::Number(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(Cell::Text(s.clone())),
    }
}

/// The text of a cell as people read it: a number without a trailing `.0`.
pub fn cell_text(data: &Data) -> Option<String> {
    match to_cell(data)? {
        Cell::Text(s) | Cell::Json(s) => Some(s),
        Cell::Number(x) => Some(number_text(x)),
        Cell::Bool(b) => Some(if b { "1" } else { "0" }.to_string()),
    }
}

pub(crate) fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A cell's name: column letters and 1-based row (`J12`) from 0-based indexes.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 9), "J12");
        assert_eq!(cell_name(2, 25), "Z3");
        assert_eq!(cell_name(2, 26), "AA3");
        assert_eq!(cell_name(2, 701), "ZZ3");
        assert_eq!(cell_name(2, 702), "AAA3");
    }
}
