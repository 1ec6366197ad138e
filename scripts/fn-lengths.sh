#!/usr/bin/env bash
# Lists the functions in src/ longer than a reader can hold in their head (over 80 lines, the
# line with `fn` to the closing brace) and the files over 700 lines. Fails when there is any,
# except the engine's interpreter loop (one `match` over the instruction set, kept whole on
# purpose: src/core/engine.rs, `run`).
set -euo pipefail
cd "$(dirname "$0")/.."
max_fn=80
max_file=700
allowed='src/core/engine.rs:run'

bad=0
while IFS= read -r line; do
  echo "$line"
  bad=1
done < <(
  find src -name '*.rs' -print0 | xargs -0 awk -v max="$max_fn" -v allowed="$allowed" '
    FNR == 1 { depth = 0; infn = 0 }
    {
      code = $0
      gsub(/"([^"\\]|\\.)*"/, "\"\"", code)   # strings: braces inside do not count
      sub(/\/\/.*/, "", code)                  # comments
    }
    !infn && code ~ /(^|[^A-Za-z_])fn [A-Za-z_0-9]+/ {
      match(code, /fn [A-Za-z_0-9]+/); name = substr(code, RSTART + 3, RLENGTH - 3)
      infn = 1; start = FNR; fdepth = depth; opened = 0
    }
    {
      n = split(code, ch, "")
      for (i = 1; i <= n; i++) {
        if (ch[i] == "{") { depth++; if (infn) opened = 1 }
        else if (ch[i] == "}") { depth-- }
      }
      if (infn && !opened && code ~ /;[[:space:]]*$/) { infn = 0 }   # a declaration without body
      if (infn && opened && depth == fdepth) {
        len = FNR - start + 1
        if (len > max && (FILENAME ":" name) != allowed) printf "%s:%d: fn %s is %d lines\n", FILENAME, start, name, len
        infn = 0
      }
    }'
)
while IFS= read -r f; do
  echo "$f"
  bad=1
done < <(find src -name '*.rs' -exec wc -l {} + | awk -v max="$max_file" '$2 != "total" && $1 > max {printf "%s: %d lines (over %d)\n", $2, $1, max}')

if ((bad)); then
  echo "fn-lengths: split the functions and files above along their seams" >&2
  exit 1
fi
echo "fn-lengths: no function over $max_fn lines, no file over $max_file lines in src/"
