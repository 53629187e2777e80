#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
# Installs what the browser tests need when it is missing (Debian's chromium),
# then runs pytest over tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at /usr/bin/chromium." >&2
    echo "Install it with: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

exec .venv/bin/pytest "$@"
