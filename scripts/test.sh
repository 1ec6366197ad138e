#!/usr/bin/env bash
# The test command: installs what is missing, then runs every test — the gate (fmt, function
# and file lengths, clippy native and wasm32), the native tests, the plan data check, the browser tests
# (wasm-bindgen-test in Chromium) and the end-to-end tests (Playwright driving Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check
step "function and file lengths (scripts/fn-lengths.sh)"
bash scripts/fn-lengths.sh
step "cargo clippy (native, all targets)"
cargo clippy --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings

step "native tests"
cargo test

step "the CLI without the UI crates (--no-default-features --features embedded-plans)"
# The plain CLI builds without yew, web-sys, tokio (the cargo feature `render` off), and its
# `render` says it was built without rendering (exit code 2) instead of failing to build.
cargo clippy --no-default-features --features embedded-plans --bin plan-widget -- -D warnings
set +e
lean=$(cargo run --quiet --no-default-features --features embedded-plans -- render --lang en 2>&1)
code=$?
set -e
[[ $code -eq 2 && "$lean" == *"built without rendering"* ]] ||
  { echo "expected render to say it was built without rendering (exit 2), got $code: $lean" >&2; exit 1; }
cargo run --quiet --no-default-features --features embedded-plans -- check plans/handan-edu-2022.json >/dev/null
echo "plan-widget without render: check runs; render says it was built without rendering"

step "plan data check (tools/check_plan.py)"
python3 tools/check_plan.py plans/handan-edu-2022.json plans/handan-edu-2022.txt >/dev/null
echo "plans/handan-edu-2022.json: ok"

if [ -f scripts/test-web.sh ]; then
  step "browser and end-to-end tests"
  bash scripts/test-web.sh
fi
