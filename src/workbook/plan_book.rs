//! The plan workbook's entry points: plan file ⇄ workbook, reading with places, validating.

#[cfg(not(target_arch = "wasm32"))]
use super::{book::to_book, write};
use super::{read, read::Locator, WorkbookError, WorkbookErrorKind};
use crate::core::format::PlanFile;
use crate::core::validate::{validate_file, JsonProblem, PlanErrorKind};
use crate::core::Plan;

/// The workbook of a plan file, as `.xlsx` bytes.
#[cfg(not(target_arch = "wasm32"))]
pub fn plan_to_workbook(file: &PlanFile) -> Result<Vec<u8>, String> {
    value_to_workbook(&serde_json::to_value(file).map_err(|e| e.to_string())?)
}

/// The workbook of any plan-shaped JSON (what [`plan_to_workbook`] does after serializing the
/// plan file): fields the format does not have yet convert the same way.
#[cfg(not(target_arch = "wasm32"))]
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
