#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine. Idempotent: a second run
# only checks. Used by scripts/run.sh (the run command) and scripts/test.sh (the test command).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Debian's Chromium and ChromeDriver (never a downloaded browser).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# The other engines' smoke test (scripts/test-engines.mjs): Firefox ESR, and WebKitGTK's
# WebKitWebDriver with its MiniBrowser on a virtual display.
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
# Chinese glyphs for screenshots and the print view.
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
# LibreOffice (headless) opens the workbooks the CLI writes in the workbook tests.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
# pip for openpyxl (below).
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt)"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Rust: the wasm target and the gate's components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

# wasm-bindgen-cli at exactly the version in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (had: ${have:-none}); takes a few minutes"
  cargo install wasm-bindgen-cli --version "=$want"
fi

# npm packages (playwright-core, @playwright/test, puppeteer-core, selenium-webdriver, binaryen for
# wasm-opt, terser, jsqr): no browser download (puppeteer-core, not puppeteer).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
# openpyxl (PyPI): the workbook tests edit and fill workbooks with a spreadsheet library the
# project does not write them with.
if ! python3 -c 'import openpyxl' >/dev/null 2>&1; then
  say "installing openpyxl (pip)"
  python3 -m pip install --quiet openpyxl 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages openpyxl
fi
say "ready"
