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

step "plan data check (tools/check_plan.py)"
python3 tools/check_plan.py plans/handan-edu-2022.json plans/handan-edu-2022.txt >/dev/null
echo "plans/handan-edu-2022.json: ok"

if [ -f scripts/test-web.sh ]; then
  step "browser and end-to-end tests"
  bash scripts/test-web.sh
fi
