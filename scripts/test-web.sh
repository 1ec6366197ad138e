#!/usr/bin/env bash
# The browser tests: builds pkg/ and pkg-test/, runs the wasm-bindgen-test files in headless
# Chromium (Debian's chromedriver), then the Playwright end-to-end tests over the served pages.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -d node_modules/@playwright/test ]] || bash scripts/setup.sh

bash scripts/build.sh
bash scripts/build.sh --test-hooks

# Every tests/web_*.rs is a wasm-bindgen-test file.
web_tests=()
for f in tests/web_*.rs; do
  [[ -e "$f" ]] && web_tests+=(--test "$(basename "$f" .rs)")
done
if ((${#web_tests[@]})); then
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
    cargo test --target wasm32-unknown-unknown "${web_tests[@]}"
fi

PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test -c tests/e2e/playwright.config.mjs "$@"
