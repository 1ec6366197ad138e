#!/usr/bin/env bash
# Builds the widget package into pkg/ (or, with --test-hooks, a test build into pkg-test/).
#
#   scripts/build.sh               release build → pkg/
#   scripts/build.sh --test-hooks  the same with the test-only exports (forced panic) → pkg-test/
#
# Steps: cargo rustc (cdylib, release: opt-level z, LTO, 1 codegen unit, panic abort) →
# wasm-bindgen --target web (exactly the crate's wasm-bindgen version) → wasm-opt -Oz (npm
# binaryen) → the element script and glue minified (terser), stylesheet, types, package.json, the built-in plans
# (plans/<id>.json, minified; not compiled into the wasm) and their prerendered HTML (plans/<id>.<lang>.html:
# `plan-widget render`, the UI's first screen, shown before the wasm arrives and without WebAssembly).
set -euo pipefail
cd "$(dirname "$0")/.."

out=pkg
# No `embedded-plans`: the built-in plans ship as pkg/plans/<id>.json (fetched by the element).
features=(--no-default-features)
if [[ "${1:-}" == "--test-hooks" ]]; then
  out=pkg-test
  features+=(--features test-hooks)
fi

die() { echo "build.sh: $*" >&2; exit 1; }

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[[ -n "$want" ]] || die "no wasm-bindgen in Cargo.lock"
command -v wasm-bindgen >/dev/null ||
  die "wasm-bindgen is not installed: cargo install wasm-bindgen-cli --version =$want (or run scripts/run.sh)"
have=$(wasm-bindgen --version | awk '{print $2}')
[[ "$have" == "$want" ]] ||
  die "wasm-bindgen CLI is $have but Cargo.lock has $want: cargo install wasm-bindgen-cli --version =$want"
wasm_opt=node_modules/.bin/wasm-opt
[[ -x "$wasm_opt" ]] || die "$wasm_opt is missing: run npm ci (binaryen from npm; Debian's wasm-opt is too old)"
terser=node_modules/.bin/terser
[[ -x "$terser" ]] || die "$terser is missing: run npm ci"

echo "build.sh: cargo rustc (release, wasm32) ${features[*]}"
# `cargo rustc --crate-type cdylib` builds only the cdylib, so LTO runs over the whole program.
cargo rustc --lib --crate-type cdylib --release --target wasm32-unknown-unknown "${features[@]}"
wasm=target/wasm32-unknown-unknown/release/plan_widget.wasm
[[ -f "$wasm" ]] || die "$wasm was not built"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "build.sh: wasm-bindgen $have --target web"
wasm-bindgen "$wasm" --target web --no-typescript --out-dir "$tmp" --out-name plan-widget-wasm

echo "build.sh: wasm-opt -Oz"
# --strip-producers / --strip-target-features: the two custom sections left (no name or debug
# sections: wasm-bindgen drops them without --keep-debug).
"$wasm_opt" -Oz --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$tmp/plan-widget-wasm_bg.wasm" -o "$tmp/plan-widget-wasm_bg.opt.wasm"
mv "$tmp/plan-widget-wasm_bg.opt.wasm" "$tmp/plan-widget-wasm_bg.wasm"

# A second wasm built from the same crate with a feature: the cdylib, wasm-bindgen, wasm-opt.
#   module <feature> <out-name>
module() {
  cargo rustc --lib --crate-type cdylib --release --target wasm32-unknown-unknown --no-default-features --features "$1"
  wasm-bindgen "$wasm" --target web --no-typescript --out-dir "$tmp" --out-name "$2"
  "$wasm_opt" -Oz --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$tmp/$2_bg.wasm" -o "$tmp/$2_bg.opt.wasm"
  mv "$tmp/$2_bg.opt.wasm" "$tmp/$2_bg.wasm"
}

# The workbook module: the same crate with `xlsx-reader` and without the UI (src/lib.rs), a
# wasm of its own that the element loads only when a .xlsx file is picked in the Progress view.
echo "build.sh: the workbook module (cargo rustc --features xlsx-reader)"
module xlsx-reader plan-widget-xlsx

# The Progress module: the same crate with `progress-module`: the Progress view alone
# (src/web/progress_module.rs), loaded when the Progress tab is first opened.
echo "build.sh: the Progress module (cargo rustc --features progress-module)"
# In the test build it has the test-only exports too (a forced panic: tests/e2e/progress-panic.spec.mjs).
progress_features=progress-module
[[ "$out" == pkg-test ]] && progress_features=progress-module,test-hooks
module "$progress_features" plan-widget-progress

rm -rf "$out"
mkdir -p "$out"
# The glue (and below, the element script), minified (terser: ES modules; export and class names kept); the readable
# source of the element is js/plan-widget.js.
echo "build.sh: terser (element script, glue)"
cp "$tmp/plan-widget-wasm_bg.wasm" "$tmp/plan-widget-xlsx_bg.wasm" "$tmp/plan-widget-progress_bg.wasm" js/plan-widget.d.ts "$out/"
for js in "$tmp/plan-widget-wasm.js" "$tmp/plan-widget-xlsx.js" "$tmp/plan-widget-progress.js"; do
  "$terser" "$js" --module --ecma 2020 --compress --mangle --keep-classnames -o "$out/$(basename "$js")"
done
if [[ -f src/web/ui/widget.css ]]; then
  cp src/web/ui/widget.css "$out/plan-widget.css"
else
  # The UI work writes the real stylesheet; until then a placeholder keeps the link valid.
  printf '/* plan-widget UI styles: src/web/ui/widget.css (not written yet) */\n:host { all: initial; display: block; }\n' >"$out/plan-widget.css"
fi

version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
sed "s/@VERSION@/$version/" js/package.json >"$out/package.json"

# The built-in plans, minified: the element fetches plans/<id>.json for a `plan` attribute.
mkdir -p "$out/plans"
for file in plans/*.json; do
  id=$(basename "$file" .json)
  node -e '
    const fs = require("fs");
    const plan = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    if (plan.id !== process.argv[3]) throw new Error(`${process.argv[1]}: id "${plan.id}" is not the file name`);
    fs.writeFileSync(process.argv[2], JSON.stringify(plan));' "$file" "$out/plans/$id.json" "$id" ||
    die "$file: the plan id must be the file name"
done

# The prerendered widget per built-in plan and language (`plan-widget render`: the same yew
# components rendered natively): the element shows it while the wasm loads, hydrates it, and
# shows it with a note where there is no WebAssembly.
echo "build.sh: prerendered HTML (native plan-widget render)"
cargo build --quiet --bin plan-widget
cli=target/debug/plan-widget
for file in plans/*.json; do
  id=$(basename "$file" .json)
  for lang in zh-CN en; do
    "$cli" render --plan "$id" --lang "$lang" --shadow >"$out/plans/$id.$lang.html" || die "$file: render failed"
  done
done

# plan-widget.js asks for every other file with ?v=<hash of them all>: those can be cached for
# a year; only plan-widget.js itself needs revalidating (see www/embed.html, hosting). The
# prerendered HTML is hashed as rendered above (its stylesheet link without ?v=), then rendered
# again below with the hash on that link.
build=$(cat "$out"/plan-widget-wasm_bg.wasm "$out"/plan-widget-wasm.js "$out"/plan-widget.css \
  "$out"/plan-widget-xlsx_bg.wasm "$out"/plan-widget-xlsx.js \
  "$out"/plan-widget-progress_bg.wasm "$out"/plan-widget-progress.js \
  "$out"/plans/*.json "$out"/plans/*.html | sha256sum | cut -c1-12)
sed "s/@BUILD@/$build/" js/plan-widget.js >"$tmp/plan-widget.js"
# The hash in package.json too (`build`): `plan-widget render --head` reads it there.
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  fs.writeFileSync(process.argv[1], JSON.stringify({ ...pkg, build: process.argv[2] }, null, 2) + "\n");' "$out/package.json" "$build"
# The <head> hints per built-in plan (`plan-widget render --head`: preloads of the wasm, its
# glue and the plan file, with this build's ?v=), for a page to include server-side (the demo
# pages; www/embed.html, "Start everything at once"): plans/<id>.head.html for a page holding the
# render output, plans/<id>.<lang>.head.html for a page whose element fetches it.
# The prerendered HTML again, its stylesheet link now with the same ?v= (`--pkg-dir`): a page
# holding it (inline or included) never gets an old stylesheet from a year-long cache.
for file in plans/*.json; do
  id=$(basename "$file" .json)
  "$cli" render --plan "$id" --head --pkg-dir "$out" >"$out/plans/$id.head.html"
  for lang in zh-CN en; do
    "$cli" render --plan "$id" --lang "$lang" --head fetched --pkg-dir "$out" >"$out/plans/$id.$lang.head.html"
    "$cli" render --plan "$id" --lang "$lang" --shadow --pkg-dir "$out" >"$out/plans/$id.$lang.html" || die "$file: render failed"
    grep -q "plan-widget.css?v=$build\"" "$out/plans/$id.$lang.html" || die "$out/plans/$id.$lang.html: no ?v=$build on the stylesheet link"
  done
done
node scripts/shell-css.mjs "$tmp/plan-widget.js" js/shell.css
"$terser" "$tmp/plan-widget.js" --module --ecma 2020 --compress --mangle --keep-classnames -o "$out/plan-widget.js"

# Precompressed copies for servers that send them as they are (nginx gzip_static/brotli_static,
# Apache, IIS: www/embed.html, "Compression"): <file>.gz and <file>.br beside every file that
# shrinks by compression, at the highest levels (node's zlib: no extra tools).
echo "build.sh: precompressed .gz and .br"
node scripts/precompress.mjs "$out"

echo "build.sh: $out/"
ls -l "$out"
