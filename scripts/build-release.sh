#!/usr/bin/env bash
# The release build into dist/: `trunk build --release` on the pinned nightly with the size
# flags (scripts/setup.sh, hes_release_env), then Trunk's post_build hook
# (scripts/post-build.mjs: the wasm split, CSP, pruned wasm, minified JS, SRI, .gz/.br). Installs what is missing.
# Extra arguments go to Trunk, e.g. ./scripts/build-release.sh --public-url /simulator/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$HES_ROOT"
hes_ensure_build_tools
hes_ensure_nightly
hes_ensure_wasm_split
hes_release_env
exec trunk build --release "$@"
