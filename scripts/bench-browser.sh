#!/usr/bin/env bash
# Browser benchmark (README, "Performance"): reported, not asserted, and not part of the test
# command. Builds the release dist/ if it is missing, writes the 1,000-action save
# (cargo run --release --example bench_save) and measures load and clicks in headless Chromium
# (tests/bench/browser.mjs). Extra arguments go to the benchmark, e.g. --runs 50.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$HES_ROOT"
hes_ensure_node_modules
hes_ensure_chromium
[ -f dist/index.html ] || ./scripts/build-release.sh
cargo run --quiet --locked --release --example bench_save > target/bench-save.json
HES_CHROMIUM="$HES_CHROMIUM" node tests/bench/browser.mjs target/bench-save.json "$@"
