//! Plans built into the command line (and, with the `embedded-plans` feature, the wasm).
//!
//! The widget's package (`scripts/build.sh`) builds the wasm without `embedded-plans`: the plan
//! texts are then files next to the element script (`pkg/plans/<id>.json`), fetched by
//! `js/plan-widget.js` and handed to `mount` as text. That keeps ~17 KB gzip out of the wasm.

use super::plan::Plan;
use super::validate::{parse_plan, PlanErrors};

/// The Handan city education bureau's 2022 plan (`plans/handan-edu-2022.json`).
#[cfg(feature = "embedded-plans")]
pub const HANDAN_EDU_2022: &str = include_str!("../../plans/handan-edu-2022.json");

/// Ids of the built-in plans, the default first.
pub const IDS: &[&str] = &["handan-edu-2022"];

/// The default plan's id.
pub const DEFAULT_ID: &str = "handan-edu-2022";

/// Whether `id` names a built-in plan (embedded in this build or not).
pub fn is_builtin(id: &str) -> bool {
    IDS.contains(&id)
}

/// The JSON text of a built-in plan; `None` for an unknown id, or when this build does not embed
/// the plans (no `embedded-plans` feature).
pub fn source(id: &str) -> Option<&'static str> {
    #[cfg(feature = "embedded-plans")]
    {
        match id {
            "handan-edu-2022" => Some(HANDAN_EDU_2022),
            _ => None,
        }
    }
    #[cfg(not(feature = "embedded-plans"))]
    {
        let _ = id;
        None
    }
}

/// Loads a built-in plan; `None` when there is no such id (or the plans are not embedded).
pub fn load(id: &str) -> Option<Result<Plan, PlanErrors>> {
    source(id).map(parse_plan)
}

#[cfg(test)]
mod tests {
    /// js/plan-widget.js fetches the default plan's file before the wasm is there, so it names
    /// the id too: the same one.
    #[test]
    fn the_element_script_has_the_same_default_plan() {
        let script = include_str!("../../js/plan-widget.js");
        let line = format!("const DEFAULT_PLAN = '{}';", super::DEFAULT_ID);
        assert_eq!(
            script.matches(&line).count(),
            1,
            "js/plan-widget.js lacks `{line}`"
        );
        assert_eq!(script.matches("const DEFAULT_PLAN").count(), 1);
    }
}
