#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium for the browser tests. Only runs
# apt-get when Chromium is missing and we are root; elsewhere it says what is missing, and the
# browser tests skip with a message (or fail under CI=true).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present)"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: $(chromium --version)"
else
  echo "chromium is not installed (apt-get install chromium); browser tests will be skipped outside CI"
fi
