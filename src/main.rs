//! The `plan-widget` command line (native only; the wasm build has no binary to speak of).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    plan_widget::cli::main_with_args(std::env::args_os())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
