#!/usr/bin/env bash
# Lighthouse 12 (mobile preset, its default) on the release dist/, served by the test server
# with the build's precompressed .br/.gz files (tests/e2e/server.mjs), in Debian's Chromium.
# Runs each entry point RUNS times (default 3) and prints, per entry point, the median of the
# performance score, CLS, TBT, LCP and FCP, and the other three category scores (README,
# "Performance"). A script, not part of the test command (issue 21: a benchmark, not a timed
# test). Installs Lighthouse into target/lighthouse when missing; builds dist/ when missing.
#
# Usage: ./scripts/lighthouse.sh [route ...]   (default: the three entry points
#        /  /embed/scenario/debt-unpaid  /embed/guide/g8)
#        RUNS=5 ./scripts/lighthouse.sh /guide/g4
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

RUNS="${RUNS:-3}"
if [ "$#" -eq 0 ]; then set -- / /embed/scenario/debt-unpaid /embed/guide/g8; fi

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
reports="$LH_DIR/reports"
rm -rf "$reports"; mkdir -p "$reports"

i=0
for route in "$@"; do
  for run in $(seq "$RUNS"); do
    hes_say "lighthouse $route, run $run of $RUNS"
    CHROME_PATH="$HES_CHROMIUM" "$LH_DIR/node_modules/.bin/lighthouse" "http://127.0.0.1:$port${route}" \
      --quiet --output=json --output-path="$reports/$i-$run.json" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
  done
  i=$((i + 1))
done

node -e '
  const fs = require("fs");
  const [dir, runs, ...routes] = process.argv.slice(1);
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
  const rows = routes.map((route, i) => {
    const rs = Array.from({ length: Number(runs) }, (_, k) => JSON.parse(fs.readFileSync(`${dir}/${i}-${k + 1}.json`, "utf8")));
    const cat = (k) => median(rs.map((r) => Math.round(r.categories[k].score * 100)));
    const num = (k) => median(rs.map((r) => r.audits[k].numericValue));
    const below = new Set();
    for (const r of rs) for (const a of Object.values(r.audits))
      if (a.score !== null && a.score < 1 && !["informative", "manual", "notApplicable"].includes(a.scoreDisplayMode)) below.add(a.id);
    return { route, perf: cat("performance"), a11y: cat("accessibility"), bp: cat("best-practices"), seo: cat("seo"),
      cls: num("cumulative-layout-shift"), tbt: num("total-blocking-time"), lcp: num("largest-contentful-paint"),
      fcp: num("first-contentful-paint"), perfs: rs.map((r) => Math.round(r.categories.performance.score * 100)), below: [...below] };
  });
  const v = JSON.parse(fs.readFileSync(`${dir}/0-1.json`, "utf8"));
  console.log(`lighthouse ${v.lighthouseVersion}, ${v.configSettings.formFactor} preset, median of ${runs} runs`);
  console.log("| entry point | performance (runs) | CLS | TBT | LCP | FCP | a11y | best pr. | SEO |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(`| \`${r.route}\` | ${r.perf} (${r.perfs.join(", ")}) | ${r.cls.toFixed(3)} | ${Math.round(r.tbt)} ms | ${(r.lcp / 1000).toFixed(1)} s | ${(r.fcp / 1000).toFixed(1)} s | ${r.a11y} | ${r.bp} | ${r.seo} |`);
  for (const r of rows) if (r.below.length) console.log(`below full marks on ${r.route}: ${r.below.join(", ")}`);
' "$reports" "$RUNS" "$@"
