//! Small helpers the components share: a cheap-to-compare plan handle and status classes.

use crate::core::{Plan, Status};
use std::rc::Rc;

/// The plan, compared by pointer: components that take it re-render only when the plan itself
/// is replaced, not when a deep comparison would be needed.
#[derive(Debug, Clone)]
pub struct PlanRef(pub Rc<Plan>);

impl PartialEq for PlanRef {
    fn eq(&self, other: &PlanRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for PlanRef {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        &self.0
    }
}

/// An `Rc` compared by pointer, for hook dependencies: `Rc`'s own `==` compares the values
/// (a whole outcome of hundreds of targets on every render). Holding the `Rc` keeps its address
/// from being reused while it is compared.
#[derive(Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &ByPtr<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// CSS class of a status.
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "pw-met",
        Status::AtRisk => "pw-risk",
        Status::NotMet => "pw-not",
        Status::NoData => "pw-nodata",
    }
}
