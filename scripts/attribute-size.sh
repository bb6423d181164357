#!/usr/bin/env bash
# Who owns the bytes of the release wasm (README, "Size"): the release build's cargo step with
# its size flags, but with the symbol names kept, then the same wasm-split as the release build,
# then `twiggy top` and `twiggy dominators` on the main module and the largest split modules.
# Raw sizes before wasm-opt: for attribution, not for the budget (scripts/test.sh counts that).
#   ./scripts/attribute-size.sh [N]    # the top N owners (default 20)
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
