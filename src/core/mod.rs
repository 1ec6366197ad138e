//! The pure core: no IO, no web dependency. Everything here is tested natively.

pub mod builtin;
pub mod constraint;
pub mod county;
pub mod display;
pub mod engine;
pub mod events;
pub mod export;
pub mod expr;
pub mod feedback;
pub mod format;
pub mod i18n;
pub mod json_place;
pub mod keyed;
pub mod numtext;
pub mod order;
pub mod plan;
pub mod png;
pub mod progress;
pub mod qr;
pub mod report;
pub mod risk;
pub mod roles;
pub mod seek;
pub mod session;
pub mod share;
pub mod tally;
pub mod validate;
pub mod why;
pub mod wire;

pub use i18n::Lang;
pub use plan::{Input, InputKind, Outcome, Plan, Status, Target};
pub use validate::{parse_plan, PlanError, PlanErrors};
