# shellcheck shell=bash
# Shared install logic, sourced by scripts/serve.sh and scripts/test.sh.
# Every step checks first and installs only what is missing or at the wrong
# version, so a second run costs a few seconds.
#
#   wasm32-unknown-unknown   rustup target add
#   nightly (pinned)         rustup toolchain install, rust-src: the release build only
#                            (build-std with size flags, see scripts/build-release.sh)
#   trunk ^0.21              cargo install --locked (Trunk 0.22 needs a newer rustc)
#   wasm-bindgen-cli         cargo install, exactly Cargo.lock's wasm-bindgen version
#                            (also provides wasm-bindgen-test-runner)
#   wasm-split-cli           cargo install wasm_split_cli_support (its build-binary feature),
#                            the release build only (code splitting, scripts/post-build.mjs)
#   wasm-opt (binaryen)      npm ci: devDependency binaryen in package-lock.json
#   playwright-core, axe     npm ci (same lock)
#   chromium, chromedriver   apt-get (Debian), only for the tests

HES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The nightly toolchain of the release build (README, "Size"). Dev, tests and `trunk serve`
# stay on the stable toolchain.
HES_NIGHTLY=nightly-2026-05-20
export PATH="$HES_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ -t 1 ]; then HES_B=$'\033[1m' HES_N=$'\033[0m'; else HES_B='' HES_N=''; fi
hes_say() { printf '\n%s==> %s%s\n' "$HES_B" "$*" "$HES_N"; }
hes_ok() { printf '    ok: %s\n' "$*"; }
hes_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Version of a package as pinned in Cargo.lock.
hes_lock_version() {
  awk -v name="$1" '
    $0 == "[[package]]" { in_pkg = 1; found = 0; next }
    in_pkg && $0 == "name = \"" name "\"" { found = 1; next }
    in_pkg && found && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
  ' "$HES_ROOT/Cargo.lock"
}

hes_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else hes_die "need root (or sudo) to run: $*"
  fi
}

HES_APT_UPDATED=
hes_apt_install() {
  if [ -z "$HES_APT_UPDATED" ]; then
    hes_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    HES_APT_UPDATED=1
  fi
  hes_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

hes_ensure_rust() {
  command -v cargo >/dev/null 2>&1 || hes_die "cargo not found: install Rust with rustup first"
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    hes_ok "rust target wasm32-unknown-unknown"
  else
    hes_say "installing rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

hes_ensure_trunk() {
  local have
  have="$(trunk --version 2>/dev/null || true)"
  if [[ "$have" =~ ^trunk\ 0\.21\. ]]; then
    hes_ok "$have"
  else
    hes_say "installing trunk ^0.21 (found: ${have:-none}; takes ~8 min)"
    cargo install trunk --version '^0.21' --locked
  fi
}

hes_ensure_wasm_bindgen() {
  local want have runner
  want="$(hes_lock_version wasm-bindgen)"
  [ -n "$want" ] || hes_die "wasm-bindgen not found in Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null || true)"
  runner="$(wasm-bindgen-test-runner --version 2>/dev/null || true)"
  if [ "$have" = "wasm-bindgen $want" ] && [ "$runner" = "wasm-bindgen-test-runner $want" ]; then
    hes_ok "$have (= Cargo.lock)"
  else
    hes_say "installing wasm-bindgen-cli $want (found: ${have:-none}; takes ~4 min)"
    cargo install wasm-bindgen-cli --version "=$want" --force
  fi
}

# npm ci from the committed lock, skipped when node_modules was installed
# from this exact lock (stamp written after a successful npm ci).
hes_ensure_node_modules() {
  command -v npm >/dev/null 2>&1 || hes_die "npm not found: install Node.js 20+ first"
  local stamp="$HES_ROOT/node_modules/.hes-lock.sha256" want
  want="$(sha256sum "$HES_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    hes_ok "node_modules matches package-lock.json"
  else
    hes_say "npm ci"
    (cd "$HES_ROOT" && npm ci --no-audit --no-fund)
    echo "$want" > "$stamp"
  fi
  local opt
  opt="$(wasm-opt --version 2>/dev/null || true)"
  [[ "$opt" == *version_132* ]] || hes_die "wasm-opt version_132 expected on PATH, found: ${opt:-none}"
  hes_ok "$opt ($(command -v wasm-opt))"
}

hes_ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    hes_ok "$(chromium --version 2>/dev/null | head -n1); $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
  else
    hes_say "installing chromium + chromium-driver (apt)"
    hes_apt_install chromium chromium-driver
  fi
  HES_CHROMIUM="$(command -v chromium)"
  HES_CHROMEDRIVER="$(command -v chromedriver)"
  export HES_CHROMIUM HES_CHROMEDRIVER
}

# The pinned nightly with rust-src (for -Zbuild-std), and the standard library's own crates
# fetched once, so the offline release build (Trunk runs cargo --offline) finds them.
hes_ensure_nightly() {
  local sysroot stamp
  if rustup run "$HES_NIGHTLY" rustc --version >/dev/null 2>&1 \
    && [ -d "$(rustup run "$HES_NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
    hes_ok "$(rustup run "$HES_NIGHTLY" rustc --version) with rust-src"
  else
    hes_say "installing $HES_NIGHTLY (minimal, rust-src) for the release build"
    rustup toolchain install "$HES_NIGHTLY" --profile minimal --component rust-src
  fi
  sysroot="$(rustup run "$HES_NIGHTLY" rustc --print sysroot)"
  stamp="$HES_ROOT/target/.hes-std-fetched-$HES_NIGHTLY"
  if [ ! -f "$stamp" ]; then
    hes_say "fetching the standard library's dependencies (build-std)"
    cargo "+$HES_NIGHTLY" fetch --manifest-path "$sysroot/lib/rustlib/src/rust/library/Cargo.toml"
    mkdir -p "$HES_ROOT/target" && touch "$stamp"
  fi
}

# wasm-split-cli, which cuts the release wasm at the `#[lazy]` functions of src/ui/routes.rs.
HES_WASM_SPLIT=0.2.4
hes_ensure_wasm_split() {
  if cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$HES_WASM_SPLIT:" && command -v wasm-split-cli >/dev/null 2>&1; then
    hes_ok "wasm-split-cli (wasm_split_cli_support $HES_WASM_SPLIT)"
  else
    hes_say "installing wasm-split-cli (wasm_split_cli_support $HES_WASM_SPLIT; takes ~1 min)"
    cargo install wasm_split_cli_support --version "=$HES_WASM_SPLIT" --features build-binary --locked
  fi
}

# The release build's environment: the pinned nightly, the standard library rebuilt for size
# (optimize_for_size), panics that abort at once without messages or locations, and no Debug
# formatting (README, "Size"); the screens of src/ui/routes.rs split out of the first load
# (`hes_split`, with the relocations wasm-split-cli reads). Its own target directory keeps the
# stable builds' cache.
hes_release_env() {
  export RUSTUP_TOOLCHAIN="$HES_NIGHTLY"
  export CARGO_TARGET_DIR="$HES_ROOT/target/release-nightly"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none --cfg hes_split -Clink-args=--emit-relocs"
}

# Everything `trunk build` / `trunk serve` needs.
hes_ensure_build_tools() {
  hes_ensure_rust
  hes_ensure_trunk
  hes_ensure_wasm_bindgen
  hes_ensure_node_modules
}
