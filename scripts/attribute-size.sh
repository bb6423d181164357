#!/usr/bin/env bash
# Who owns the bytes of the release wasm (README, "Size"): the release build's cargo step with
# its size flags, but with the symbol names kept, then the same wasm-split as the release build,
# then `twiggy top` and `twiggy dominators` on the main module and the largest split modules.
# Raw sizes before wasm-opt: for attribution, not for the budget (scripts/test.sh counts that).
#   ./scripts/attribute-size.sh [N]    # the top N owners (default 20), then the bytes by crate
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$HES_ROOT"
TOP="${1:-20}"
hes_ensure_build_tools
hes_ensure_nightly
hes_ensure_wasm_split
if ! command -v twiggy >/dev/null 2>&1; then
  hes_say "installing twiggy (size attribution; about 2 minutes)"
  cargo install twiggy --locked
fi
hes_release_env
export CARGO_TARGET_DIR="$HES_ROOT/target/release-names"
export CARGO_PROFILE_RELEASE_STRIP=none
hes_say "release build with names kept (into $CARGO_TARGET_DIR)"
cargo build --release --target wasm32-unknown-unknown --bin hosted_exchange_sim
out="$HES_ROOT/target/size-attribution"
rm -rf "$out"; mkdir -p "$out"
wasm-split-cli "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/hosted_exchange_sim.wasm" "$out" --out-name main >/dev/null
hes_say "main module: top $TOP"
twiggy top -n "$TOP" "$out/main.wasm"
hes_say "main module: dominators (top $TOP)"
twiggy dominators -d 3 -r "$TOP" "$out/main.wasm"
for m in $(ls -S "$out"/*.wasm | grep -v '/main.wasm$' | head -n 3); do
  hes_say "$(basename "$m"): top $TOP"
  twiggy top -n "$TOP" "$m"
done
# The owners by crate (issue 21): every item's shallow size, summed under the first crate its
# name names (`<serde_json::… as …>` goes to serde_json; a generic instantiation goes to the
# crate of its outer item), leaving out the custom sections wasm-opt strips (names,
# wasm-bindgen's) and wasm-bindgen's describe functions, which its CLI removes.
for m in "$out/main.wasm" $(ls -S "$out"/split_*.wasm | head -n 1); do
  hes_say "$(basename "$m"): bytes by crate (top $TOP)"
  twiggy top -n 1000000 -f csv "$m" | node -e '
    const lines = require("fs").readFileSync(0, "utf8").split("\n").slice(1).filter(Boolean);
    const sum = new Map(); let total = 0;
    for (const line of lines) {
      const m = line.match(/^(\x22(?:[^\x22]|\x22\x22)*\x22|[^,]*),(\d+),/); if (!m) continue;
      const name = m[1][0] === "\x22" ? m[1].slice(1, -1).replace(/\x22\x22/g, "\x22") : m[1], size = Number(m[2]);
      if (/^("function names"|custom section|Σ|\.\.\. and|(export ")?__wbindgen_describe)/.test(name)) continue;
      const crate = name.match(/([a-z_][a-z0-9_]*)\[[0-9a-f]+\]::/)?.[1]
        ?? (name.startsWith("data segment") ? "(data segments)" : /^<?(str|char|\[|u\d|i\d|usize|f64)/.test(name) ? "core" : "(tables, unnamed)");
      sum.set(crate, (sum.get(crate) ?? 0) + size); total += size;
    }
    const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[1]));
    console.log(`| crate | bytes (raw, before wasm-opt) | share |\n| --- | ---: | ---: |`);
    for (const [crate, size] of top) console.log(`| ${crate} | ${size.toLocaleString("en")} | ${(100 * size / total).toFixed(1)} % |`);
    console.log(`| all (${sum.size} owners) | ${total.toLocaleString("en")} | 100 % |`);
  ' "$TOP"
done
