//! Plans built into the widget and the command line.

use super::plan::Plan;
use super::validate::{parse_plan, PlanErrors};

/// The Handan city education bureau's 2022 plan (`plans/handan-edu-2022.json`).
pub const HANDAN_EDU_2022: &str = include_str!("../../plans/handan-edu-2022.json");

/// Ids of the built-in plans, the default first.
pub const IDS: &[&str] = &["handan-edu-2022"];

/// The default plan's id.
pub const DEFAULT_ID: &str = "handan-edu-2022";

/// The JSON text of a built-in plan.
pub fn source(id: &str) -> Option<&'static str> {
    match id {
        "handan-edu-2022" => Some(HANDAN_EDU_2022),
        _ => None,
    }
}

/// Loads a built-in plan; `None` when there is no such id.
pub fn load(id: &str) -> Option<Result<Plan, PlanErrors>> {
    source(id).map(parse_plan)
}
