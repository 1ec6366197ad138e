//! Plan file → validated [`Plan`]. Reports every problem at once, each with its place
//! (`targets[12].goal.value`) and a message in both languages.
//!
//! `errors` (the error table), `fields` (field readers), `build` (one function per section of
//! the file), `constraints`, `graph` (order of derived quantities), `reach`, `month`.

use super::format::PlanFile;
use super::plan::Plan;

mod build;
mod constraints;
mod errors;
mod fields;
mod graph;
mod month;
mod reach;

use build::build;
pub use errors::{Choice, IdKind, JsonProblem, PlanError, PlanErrorKind, PlanErrors};
pub(crate) use fields::{not_one_of, Ctx, Item};
pub use month::parse_month;

/// Parses and validates a plan file.
pub fn parse_plan(json: &str) -> Result<Plan, PlanErrors> {
    let mut file: PlanFile = serde_json::from_str(json).map_err(|e| {
        let place = format!("line {}, column {}", e.line(), e.column());
        let msg = e.to_string();
        // serde_json appends " at line L column C"; the place already says it.
        let msg = match msg.rfind(" at line ") {
            Some(i) => msg.get(..i).unwrap_or(&msg).to_string(),
            None => msg,
        };
        let category = match e.classify() {
            serde_json::error::Category::Eof => JsonProblem::Eof,
            serde_json::error::Category::Data => JsonProblem::Data,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                JsonProblem::Syntax
            }
        };
        PlanErrors(vec![PlanError {
            place,
            kind: PlanErrorKind::Json {
                category,
                detail: msg,
            },
        }])
    })?;
    build(&mut file)
}

/// Validates a plan file already read into its wire types (e.g. from a workbook); the errors'
/// places are the same JSON paths as [`parse_plan`]'s.
pub fn validate_file(mut file: PlanFile) -> Result<Plan, PlanErrors> {
    build(&mut file)
}

/// Checks every target's `source` against the plan's own text.
pub fn check_sources(plan: &Plan, document: &str) -> Vec<PlanError> {
    plan.targets()
        .iter()
        .enumerate()
        .filter(|(_, t)| !document.contains(t.source.as_str()))
        .map(|(i, t)| PlanError {
            place: format!("targets[{i}].source"),
            kind: PlanErrorKind::SourceNotFound(t.source.clone()),
        })
        .collect()
}
