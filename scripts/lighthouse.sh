#!/usr/bin/env bash
# Lighthouse 12 (mobile preset, its default) on the release dist/, served by the test server
# with the build's precompressed .br/.gz files (tests/e2e/server.mjs), in Debian's Chromium.
# Prints the four category scores, LCP and TBT (README, "Performance"). A script, not part of
# the test command. Installs Lighthouse into target/lighthouse when missing; builds dist/ when
# it is missing. Usage: ./scripts/lighthouse.sh [path, default /] [--keep-report]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$HES_ROOT"
hes_ensure_node_modules
hes_ensure_chromium
LH_DIR="$HES_ROOT/target/lighthouse"
if ! "$LH_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null | grep -q '^12\.'; then
  hes_say "installing lighthouse@12 into target/lighthouse"
  mkdir -p "$LH_DIR"
  npm install --no-audit --no-fund --no-save --prefix "$LH_DIR" lighthouse@12 >/dev/null
fi
[ -f dist/index.html ] || ./scripts/build-release.sh

route="${1:-/}"
port_file="$(mktemp)"
node -e '
  import("./tests/e2e/server.mjs").then(async ({ startServer }) => {
    const s = await startServer({ root: "dist" });
    require("fs").writeFileSync(process.argv[1], String(s.port));
  });' "$port_file" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$port_file"' EXIT
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
port="$(cat "$port_file")"
report="$HES_ROOT/target/lighthouse/report.json"

CHROME_PATH="$HES_CHROMIUM" "$LH_DIR/node_modules/.bin/lighthouse" "http://127.0.0.1:$port${route}" \
  --quiet --output=json --output-path="$report" \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = r.categories, a = r.audits;
  const pct = (x) => String(Math.round(x.score * 100)).padStart(3);
  console.log(`lighthouse ${r.lighthouseVersion}, ${r.configSettings.formFactor} preset, ${r.finalDisplayedUrl}`);
  for (const k of ["performance", "accessibility", "best-practices", "seo"]) console.log(`  ${c[k].title.padEnd(16)} ${pct(c[k])}`);
  for (const k of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "interactive"])
    console.log(`  ${a[k].title.padEnd(26)} ${a[k].displayValue}`);
  const failed = Object.values(a).filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode !== "informative" && x.scoreDisplayMode !== "manual" && x.scoreDisplayMode !== "notApplicable");
  if (failed.length) console.log("  below full marks: " + failed.map((x) => `${x.id} (${x.displayValue ?? x.score})`).join(", "));
' "$report"
