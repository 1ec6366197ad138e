//! The panic hook of each wasm instance (the widget's, and the Progress module's, which has a
//! memory and a hook of its own): on a panic the reporter given by JS is called with the
//! message before the abort trap, so js/plan-widget.js knows which instance stopped (the
//! widget's: every widget on it shows the crash and offers a restart; the Progress module's:
//! only the Progress tabs say so and offer to try again, the rest of the widget keeps working).

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static PANIC_REPORTER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Installs the panic hook: on a panic, `report(message)` is called before the abort trap.
#[wasm_bindgen(js_name = setPanicReporter)]
pub fn set_panic_reporter(report: js_sys::Function) {
    let _ = PANIC_REPORTER.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            *r = Some(report);
        }
    });
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = JsValue::from_str(&info.to_string());
        let _ = PANIC_REPORTER.try_with(|r| {
            if let Ok(r) = r.try_borrow() {
                if let Some(f) = r.as_ref() {
                    let _ = f.call1(&JsValue::NULL, &message);
                }
            }
        });
    }));
}

/// Test-only: panics on purpose so the end-to-end tests can check the crash paths (of the
/// widget, and of the Progress module). Present only in builds with the `test-hooks` feature
/// (`scripts/build.sh --test-hooks`, into `pkg-test/`), never in `pkg/`.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = testPanic)]
#[allow(clippy::panic)]
pub fn test_panic(message: &str) {
    panic!("test panic: {message}");
}
