#!/usr/bin/env bash
# Chromium for the build (diagrams drawn at build time, the PDF of the notes)
# and the browser tests: the one way the Makefile and tests/run.sh get it.
# Installs Debian's chromium when it is missing and this runs as root with
# apt-get; otherwise says in one line what to run.
#   scripts/chromium.sh              a build: without Chromium it goes on
#   scripts/chromium.sh --required   the tests: without Chromium, exit 1
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"  # another path only to test this script
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium (diagrams drawn at build time, the PDF, the browser tests)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
if [ "${1:-}" = --required ]; then
  echo "The browser tests need Chromium at $CHROMIUM; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
echo "No Chromium: the diagrams are left to the reader's browser and there is no PDF; for both, run: sudo apt-get install chromium" >&2
