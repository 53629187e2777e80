#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
# Installs what the browser tests need when it is missing (Debian's chromium,
# scripts/chromium.sh), then runs pytest over tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

bash scripts/chromium.sh --required

exec .venv/bin/pytest "$@"
