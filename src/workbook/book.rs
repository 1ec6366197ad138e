//! A plan file as tables and back, following its JSON (serde) shape generically: each list of
//! objects becomes a table (one row per item, one column per dotted field path), every other
//! field a row of the plan table. A list nested inside an item is kept in one cell as JSON
//! text (its column's path ends in `[]`). Nothing here knows a field of the format; the column
//! table (`columns.rs`) only orders and names them.

// The widget's workbook module (wasm32) uses only `Cell`.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use serde_json::{Map, Value};

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A nested list (or other JSON) written as JSON text.
    Json(String),
}

/// One list of the plan file: `path` is where it sits (`targets`, `counties.divisions`); each
/// row holds (field path, cell) pairs in the item's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub path: String,
    pub rows: Vec<Vec<(String, Cell)>>,
}

/// The whole plan as tables: plan-level fields, then the lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Book {
    pub fields: Vec<(String, Cell)>,
    pub tables: Vec<Table>,
}

/// The suffix of a column path whose cells hold JSON text.
pub const JSON_SUFFIX: &str = "[]";

/// Splits a plan file's JSON into tables.
pub fn to_book(plan: &Value) -> Book {
    let mut book = Book::default();
    if let Value::Object(map) = plan {
        walk(&mut book, "", map);
    }
    book
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Plan-level objects: lists of objects become tables, the rest plan fields.
fn walk(book: &mut Book, prefix: &str, map: &Map<String, Value>) {
    for (key, value) in map {
        let path = join(prefix, key);
        match value {
            Value::Array(items) if items.iter().all(Value::is_object) => {
                let rows = items
                    .iter()
                    .map(|item| {
                        let mut row = Vec::new();
                        flatten(&mut row, "", item);
                        row
                    })
                    .collect();
                book.tables.push(Table { path, rows });
            }
            Value::Object(inner) => walk(book, &path, inner),
            other => flatten(&mut book.fields, &path, other),
        }
    }
}

/// An item's fields as (dotted path, cell); nulls are left out (an empty cell reads as absent).
fn flatten(out: &mut Vec<(String, Cell)>, prefix: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((prefix.to_string(), Cell::Bool(*b))),
        Value::Number(n) => out.push((prefix.to_string(), Cell::Number(n.as_f64().unwrap_or(0.0)))),
        Value::String(s) => out.push((prefix.to_string(), Cell::Text(s.clone()))),
        Value::Array(_) => out.push((
            format!("{prefix}{JSON_SUFFIX}"),
            Cell::Json(value.to_string()),
        )),
        Value::Object(map) => {
            for (k, v) in map {
                flatten(out, &join(prefix, k), v);
            }
        }
    }
}

/// A cell's value as JSON: whole numbers become integers (so integer fields read them).
pub fn cell_value(cell: &Cell) -> Result<Value, String> {
    Ok(match cell {
        Cell::Text(s) => Value::String(s.clone()),
        Cell::Bool(b) => Value::Bool(*b),
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Value::from(*x as i64),
        Cell::Number(x) => serde_json::Number::from_f64(*x)
            .map(Value::Number)
            .ok_or_else(|| format!("{x}"))?,
        Cell::Json(text) => serde_json::from_str(text).map_err(|e| e.to_string())?,
    })
}

/// Sets `value` at a dotted `path` under `root`, making objects on the way. A path that runs
/// through a non-object (a field that is both a value and a group) is refused.
pub fn insert(root: &mut Map<String, Value>, path: &str, value: Value) -> Result<(), ()> {
    let mut parts = path.split('.').peekable();
    let mut here = root;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            here.insert(part.to_string(), value);
            return Ok(());
        }
        let next = here
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        here = match next {
            Value::Object(m) => m,
            _ => return Err(()),
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_become_tables_and_nested_lists_json_cells() {
        let plan = json!({
            "id": "x",
            "title": {"zh": "标题", "en": null},
            "targets": [{"id": "t", "goal": {"op": ">=", "value": 2}, "tags": [1, 2]}],
            "counties": {"divisions": [{"id": "a"}], "ranking": {"tolerance": 5}}
        });
        let book = to_book(&plan);
        // serde_json's objects keep their keys sorted.
        let paths: Vec<&str> = book.fields.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["counties.ranking.tolerance", "id", "title.zh"]);
        let tables: Vec<&str> = book.tables.iter().map(|t| t.path.as_str()).collect();
        assert_eq!(tables, ["counties.divisions", "targets"]);
        assert_eq!(
            book.tables[1].rows[0],
            vec![
                ("goal.op".to_string(), Cell::Text(">=".into())),
                ("goal.value".to_string(), Cell::Number(2.0)),
                ("id".to_string(), Cell::Text("t".into())),
                ("tags[]".to_string(), Cell::Json("[1,2]".into())),
            ]
        );
    }

    #[test]
    fn insert_builds_objects_and_refuses_a_value_used_as_group() {
        let mut root = Map::new();
        insert(&mut root, "goal.op", json!(">=")).unwrap();
        insert(&mut root, "goal.value", json!(1)).unwrap();
        assert_eq!(
            Value::Object(root.clone()),
            json!({"goal": {"op": ">=", "value": 1}})
        );
        assert!(insert(&mut root, "goal.op.x", json!(1)).is_err());
    }
}
