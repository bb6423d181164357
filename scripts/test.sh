#!/usr/bin/env bash
# Runs every test layer, installing whatever is missing first:
#   1. native      cargo test --workspace (the app's and crates/domain's unit and integration tests)
#   2. browser     cargo test --target wasm32-unknown-unknown --test browser
#                  (wasm-bindgen-test in headless Chromium via chromedriver)
#   3. size        the release build into dist/ (scripts/build-release.sh: pinned nightly,
#                  size flags, post-build), the same at the sub-path /simulator/ into
#                  target/dist-sub (for the sub-path e2e test), and the first-load budget
#   4. e2e         node --test tests/e2e/ (Playwright + Chromium on dist/)
# Every layer runs even if an earlier one failed (e2e needs the build);
# the exit status is non-zero if any failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$HES_ROOT"

BUDGET=256000  # the product's budget: 250 KB gzip -9, index.html + referenced .js/.wasm/.css + texts; fails above it
LOGS="$HES_ROOT/target/hes-test"
mkdir -p "$LOGS"
T0=$SECONDS

hes_say "setup: checking tools"
hes_ensure_build_tools
hes_ensure_chromium
echo "    setup took $((SECONDS - T0))s"

set +e
declare -a NAMES=() RESULTS=() TIMES=()
record() { NAMES+=("$1"); RESULTS+=("$2"); TIMES+=("$3"); }

# --- 1. native ---------------------------------------------------------------
hes_say "layer 1/4 native: cargo test --workspace (the app and the hes-domain crate)"
t=$SECONDS
cargo test --workspace --locked 2>&1 | tee "$LOGS/native.log"
[ "${PIPESTATUS[0]}" -eq 0 ] && r=pass || r=FAIL
record native "$r" $((SECONDS - t))

# --- 2. browser --------------------------------------------------------------
hes_say "layer 2/4 browser: cargo test --target wasm32-unknown-unknown --test browser (headless Chromium)"
t=$SECONDS
# Extra Chromium flags; the runner itself adds headless, no-sandbox, disable-dev-shm-usage.
cat > "$LOGS/webdriver.json" <<JSON
{
  "goog:chromeOptions": {
    "binary": "$HES_CHROMIUM",
    "args": ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-extensions"]
  }
}
JSON
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER="$HES_CHROMEDRIVER" \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$LOGS/webdriver.json" \
WASM_BINDGEN_TEST_TIMEOUT=180 \
WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
  cargo test --locked --target wasm32-unknown-unknown --test browser 2>&1 | tee "$LOGS/browser.log"
[ "${PIPESTATUS[0]}" -eq 0 ] && r=pass || r=FAIL
record browser "$r" $((SECONDS - t))

# --- 3. release build + first-load size ---------------------------------------
hes_say "layer 3/4 size: release build, gzipped first load (budget $BUDGET bytes)"
t=$SECONDS
built=0
if ./scripts/build-release.sh 2>&1 | tee "$LOGS/trunk.log"; [ "${PIPESTATUS[0]}" -eq 0 ] \
  && ./scripts/build-release.sh --public-url /simulator/ --dist target/dist-sub > "$LOGS/trunk-sub.log" 2>&1; then
  built=1
  # The first load: index.html (the release build inlines the stylesheet and boot.js), what it
  # references (Trunk's hashed .js and .wasm; not the service worker, which loads after the page,
  # nor fault.js, which boot.js loads only when the wasm traps), the split loader the JS imports (not the
  # split modules: a first visit shows the home screen, which needs none of them; an e2e test,
  # split.test.mjs, checks that), and the current language's texts and
  # guide texts, both fetched before the app mounts (the largest of the three languages is
  # counted for each).
  base="$(grep -oE "<base href=[\"']?[^\"' >]+" dist/index.html | head -n1 | sed -E "s#^<base href=[\"']?##")"
  mapfile -t refs < <(grep -oE "[=\"'][^\"' <>=]+\.(js|wasm|css)\b" dist/index.html \
    | sed -E "s#^[=\"']##; s#^https?://[^/]+##" \
    | while IFS= read -r p; do p="${p#"${base:-/}"}"; echo "${p#/}"; done \
    | grep -vx -e 'sw.js' -e 'fault.js' | sort -u)
  # The modules the JS glue imports (the split loader, __wasm_split-<hash>.js) load with it.
  mapfile -t -O "${#refs[@]}" refs < <(for f in "${refs[@]}"; do
    [[ "$f" == *.js && -f "dist/$f" ]] && grep -oE "from ?[\"'][.]/[^\"']+[.]js[\"']" "dist/$f" | sed -E "s#^from ?[\"'][.]/##; s#[\"']\$##"
  done | sort -u)
  files=(index.html)
  for f in "${refs[@]}"; do
    [ -f "dist/$f" ] && files+=("$f") || echo "    warning: index.html references $f, not found in dist/"
  done
  for kind in i18n guide; do
    # Only the first screen's texts (<lang>.core.json) load before the app mounts; the rest
    # (<lang>.json) loads with the first split screen.
    texts="$(for f in dist/$kind/*.core.json; do printf '%s %s\n' "$(gzip -9 -c "$f" | wc -c)" "${f#dist/}"; done | sort -n | tail -n1 | cut -d' ' -f2)"
    files+=("$texts")
  done
  total=0; brotli=0
  printf '    %10s  %10s  %10s  %s\n' raw gzip-9 brotli file
  for f in "${files[@]}"; do
    raw=$(wc -c < "dist/$f"); gz=$(gzip -9 -c "dist/$f" | wc -c)
    br=$( [ -f "dist/$f.br" ] && wc -c < "dist/$f.br" || node -e "process.stdout.write(String(require('zlib').brotliCompressSync(require('fs').readFileSync(process.argv[1])).length))" "dist/$f")
    total=$((total + gz)); brotli=$((brotli + br))
    printf '    %10d  %10d  %10d  %s\n' "$raw" "$gz" "$br" "$f"
  done
  printf '    %10s  %10d  %10d  total first load (gzip -9, brotli), budget %d gzip\n' '' "$total" "$brotli" "$BUDGET"
  if ! printf '%s\n' "${files[@]}" | grep -q '_bg\.wasm$' || ! printf '%s\n' "${files[@]}" | grep -q '\.js$'; then
    echo "    FAIL: index.html references no .js/_bg.wasm"; r=FAIL
  elif [ "$total" -gt "$BUDGET" ]; then
    echo "    FAIL: first load is $total bytes gzipped, $((total - BUDGET)) bytes over the $BUDGET byte budget"; r=FAIL
  else
    echo "    first load within budget: $((BUDGET - total)) bytes to spare"
    r=pass
  fi
  SIZE_NOTE="$total bytes gzipped"
else
  r=FAIL; SIZE_NOTE="build failed"
fi
record "size ($SIZE_NOTE)" "$r" $((SECONDS - t))

# --- 4. end-to-end -----------------------------------------------------------
hes_say "layer 4/4 e2e: node --test tests/e2e/ (Playwright + headless Chromium on dist/)"
t=$SECONDS
if [ "$built" -eq 1 ]; then
  HES_DIST="$HES_ROOT/dist" HES_DIST_SUB="$HES_ROOT/target/dist-sub" HES_CHROMIUM="$HES_CHROMIUM" \
    node --test --test-reporter=spec tests/e2e/ 2>&1 | tee "$LOGS/e2e.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] && r=pass || r=FAIL
else
  echo "    skipped: no release build"; : > "$LOGS/e2e.log"; r=FAIL
fi
record e2e "$r" $((SECONDS - t))

# --- summary -----------------------------------------------------------------
count() { # <log> <cargo|node> -> "passed failed"
  case "$2" in
    cargo) sed -nE 's/^test result: [A-Za-z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' "$1" \
             | awk '{p += $1; f += $2} END {print p + 0, f + 0}' ;;
    node)  awk '/^(ℹ|#) pass [0-9]+$/ {p = $3} /^(ℹ|#) fail [0-9]+$/ {f = $3} END {print p + 0, f + 0}' "$1" ;;
  esac
}
read -r np nf < <(count "$LOGS/native.log" cargo)
read -r bp bf < <(count "$LOGS/browser.log" cargo)
read -r ep ef < <(count "$LOGS/e2e.log" node)
sp=0; sf=0; [ "${RESULTS[2]}" = pass ] && sp=1 || sf=1

hes_say "summary ($((SECONDS - T0))s in all)"
failed=0
details=("$np passed, $nf failed" "$bp passed, $bf failed" "budget check" "$ep passed, $ef failed")
for i in "${!NAMES[@]}"; do
  printf '  %-4s  %-36s %5ss  %s\n' "${RESULTS[$i]}" "${NAMES[$i]}" "${TIMES[$i]}" "${details[$i]}"
  [ "${RESULTS[$i]}" = pass ] || failed=1
done
# Any layer that failed without failing a counted test still counts as a failure.
extra=0
for i in 0 1 3; do
  case $i in 0) f=$nf ;; 1) f=$bf ;; 3) f=$ef ;; esac
  [ "${RESULTS[$i]}" = pass ] || [ "$f" -gt 0 ] || extra=$((extra + 1))
done
echo "total: $((np + bp + sp + ep)) passed, $((nf + bf + sf + ef + extra)) failed"
exit "$failed"
