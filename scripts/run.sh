#!/usr/bin/env bash
# The run command: on a fresh machine installs what is missing (scripts/setup.sh: the wasm32
# target, wasm-bindgen-cli at the Cargo.lock version, npm packages, Chromium), builds pkg/, and
# serves www/ and pkg/ on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs
