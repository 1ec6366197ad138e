#!/usr/bin/env bash
# Packs the widget package (pkg/) into release archives a portal team can download and unpack
# on its web server without building anything:
#
#   scripts/release.sh              builds pkg/ (scripts/build.sh), then packs it
#   scripts/release.sh --no-build   packs the pkg/ that is there
#
# Writes dist/plan-widget-<version>.tar.gz, dist/plan-widget-<version>.zip (both hold one folder
# plan-widget-<version>/ with the files of pkg/ and the iframe page frame.html, .js, .css) and dist/plan-widget-<version>.sha256, the
# archives' SHA-256 sums in the format `sha256sum -c` reads. <version> is Cargo.toml's.
# The archives are reproducible: sorted names, fixed times and owners, so the same pkg/ gives
# the same bytes and the same sums. dist/ is build output (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "release.sh: $*" >&2; exit 1; }

[[ "${1:-}" == "--no-build" ]] || bash scripts/build.sh
[[ -f pkg/plan-widget.js && -f pkg/plan-widget-wasm_bg.wasm ]] || die "pkg/ is not built: run scripts/build.sh"

version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
[[ -n "$version" ]] || die "no version in Cargo.toml"
name="plan-widget-$version"

mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -a pkg "$stage/$name"
# The iframe page (www/frame.html, its script and style) beside plan-widget.js, for CMS pages
# that can hold only an <iframe>: <folder>/frame.html?plan=…&lang=…&scenario=….
sed 's#src="pkg/plan-widget.js"#src="plan-widget.js"#' www/frame.html >"$stage/$name/frame.html"
grep -q 'src="plan-widget.js"' "$stage/$name/frame.html" || die "www/frame.html no longer loads pkg/plan-widget.js"
sed "s#from './pkg/plan-widget.js'#from './plan-widget.js'#" www/frame.js >"$stage/$name/frame.js"
grep -q "from './plan-widget.js'" "$stage/$name/frame.js" || die "www/frame.js no longer imports ./pkg/plan-widget.js"
cp www/frame.css "$stage/$name/"
# Fixed times, so the archives depend on the files' bytes only.
find "$stage/$name" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +

rm -f "dist/$name.tar.gz" "dist/$name.zip" "dist/$name.sha256"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' \
  -cf - "$name" | gzip -9n >"dist/$name.tar.gz"
if command -v zip >/dev/null; then
  (cd "$stage" && find "$name" | LC_ALL=C sort | zip -X -q -9 "$OLDPWD/dist/$name.zip" -@)
else
  # No zip program (a bare machine): Python's zipfile writes the same layout.
  python3 - "$stage" "$name" "dist/$name.zip" <<'PY'
import os, sys, zipfile
stage, name, out = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for root, dirs, files in sorted(os.walk(os.path.join(stage, name))):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            info = zipfile.ZipInfo(os.path.relpath(path, stage), (2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            with open(path, "rb") as src:
                z.writestr(info, src.read(), zipfile.ZIP_DEFLATED)
PY
fi
(cd dist && sha256sum "$name.tar.gz" "$name.zip" >"$name.sha256" && sha256sum -c --quiet "$name.sha256")

echo "release.sh: dist/"
ls -l "dist/$name.tar.gz" "dist/$name.zip" "dist/$name.sha256"
cat "dist/$name.sha256"
