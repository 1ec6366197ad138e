#!/usr/bin/env bash
# The run command: on a fresh machine installs what is missing (the wasm32 target, the
# wasm-bindgen CLI at the Cargo.lock version, the npm dev tools), builds pkg/, and serves www/
# and pkg/ on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" ]]; then
  echo "run.sh: installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "=$want"
fi

if [[ ! -x node_modules/.bin/wasm-opt ]] || [[ ! -d node_modules/@playwright/test ]]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

bash scripts/build.sh
exec node scripts/serve.mjs
