//! `plan-widget link`: the share code of a scenario.

use super::{Failure, ScenarioArgs};

pub fn run(args: &ScenarioArgs) -> Result<String, Failure> {
    Ok(args.load()?.code() + "\n")
}
