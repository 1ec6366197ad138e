//! The widget's one reducer: `impl Reducible` for [`crate::core::session::Session`], whose
//! [`Session::apply`] holds every rule (tested natively). An action that changes nothing returns
//! the same `Rc`, so nothing re-renders.

use crate::core::session::Session;
pub use crate::core::session::{Action, KeptView, Session as State, StorageNote};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.apply(action) {
            Rc::new(next)
        } else {
            self
        }
    }
}
