#!/usr/bin/env bash
# The browser tests: builds pkg/ and pkg-test/, runs the wasm-bindgen-test binary (tests/web/)
# in headless Chromium (Debian's chromedriver), then the Playwright end-to-end tests over the
# served pages, then the demo page's smoke test in Firefox ESR and WebKitGTK (scripts/test-engines.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d node_modules/@playwright/test || ! -d node_modules/puppeteer-core || ! -d node_modules/selenium-webdriver ||
  ! -x node_modules/.bin/tsc ]] ||
  ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then
  bash scripts/setup.sh
fi

# The element script type-checks (its JSDoc types and plan-widget.d.ts; js/tsconfig.json).
node_modules/.bin/tsc -p js/tsconfig.json

bash scripts/build.sh
bash scripts/build.sh --test-hooks

# The wasm-bindgen-test binary tests/web/ (one module per area, tests/web/main.rs lists them).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test --target wasm32-unknown-unknown --test web

PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test -c tests/e2e/playwright.config.mjs "$@"

# Every engine: the demo page renders, a lever moves a figure, a share code reopens the scenario,
# no page error, in Firefox ESR and WebKitGTK. Ends with "engines: N passed, M failed".
node scripts/test-engines.mjs
