//! Fuzzes the share-code decoder: no input may panic it. See docs/share.md.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_widget::core::share::{decode, seal, to_bytes, ShareState};
use plan_widget::core::{builtin, Plan};
use std::sync::OnceLock;

fn plan() -> Option<&'static Plan> {
    static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
    PLAN.get_or_init(|| builtin::load(builtin::DEFAULT_ID).and_then(Result::ok))
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(plan) = plan() else { return };
    // As text: the checks before the checksum.
    let _ = decode(plan, &String::from_utf8_lossy(data));
    // As a sealed payload: past the checksum, into the format byte and the plan hash.
    let _ = decode(plan, &seal(data));
    // With a valid header for this plan: the body parser itself.
    let mut payload = to_bytes(plan, &ShareState::default());
    payload.truncate(4);
    payload.extend_from_slice(data);
    let _ = decode(plan, &seal(&payload));
});
