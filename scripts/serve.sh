#!/usr/bin/env bash
# Development server: installs what is missing, then serves the app with
# live reload on http://127.0.0.1:8080 (extra arguments go to `trunk serve`,
# e.g. ./scripts/serve.sh --release). It builds into target/serve-dist so
# that dist/ keeps the release build that scripts/test.sh tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$HES_ROOT"

hes_say "checking tools"
hes_ensure_build_tools

hes_say "trunk serve on http://127.0.0.1:8080/"
exec trunk serve --address 127.0.0.1 --port 8080 --dist target/serve-dist "$@"
