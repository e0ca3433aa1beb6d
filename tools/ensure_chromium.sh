#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download needs the network). Install it when it is missing and we are allowed to.
set -euo pipefail
CHROMIUM="${EVENTWIRE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "the browser tests need Chromium at $CHROMIUM: install Debian's 'chromium' package (as root: apt-get install chromium) or set EVENTWIRE_CHROMIUM" >&2
exit 1
