//! Share codes, QR codes, export and the `link` command (their data: tests/share/).

mod cli;
mod codec;
mod export;
mod hostile;

use plan_widget::core::{builtin, parse_plan, Plan};
use std::sync::OnceLock;

/// The built-in (Handan) plan.
pub fn handan() -> &'static Plan {
    static P: OnceLock<Plan> = OnceLock::new();
    P.get_or_init(|| builtin::load(builtin::DEFAULT_ID).unwrap().unwrap())
}

pub fn small() -> &'static Plan {
    static P: OnceLock<Plan> = OnceLock::new();
    P.get_or_init(|| parse_plan(include_str!("../../plans/small.json")).unwrap())
}

/// `small.json` as version 2: `kg_new` renamed to `kindergartens_new`, `funding` max 15000.
pub fn small_v2() -> &'static Plan {
    static P: OnceLock<Plan> = OnceLock::new();
    P.get_or_init(|| parse_plan(include_str!("../../share/small-v2.json")).unwrap())
}

/// The Handan plan as it was at version 1, frozen: the hostile-code corpus holds codes made for
/// it, and tests the codec, not the model (which moves on with the built-in plan).
pub fn handan_v1() -> &'static Plan {
    static P: OnceLock<Plan> = OnceLock::new();
    P.get_or_init(|| parse_plan(include_str!("../../share/handan-v1.json")).unwrap())
}

pub fn plan_named(name: &str) -> &'static Plan {
    match name {
        "handan" => handan(),
        "handan-v1" => handan_v1(),
        "small" => small(),
        "small-v2" => small_v2(),
        other => panic!("unknown test plan {other}"),
    }
}
