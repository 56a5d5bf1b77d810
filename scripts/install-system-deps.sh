#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium for the browser tests, and a CJK
# font so that screenshots show Japanese text. Only runs apt-get when something is missing and
# we are root; elsewhere it says what is missing, and the browser tests skip with a message
# (or fail under CI=true).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'noto.*cjk' || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present); CJK font present"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "chromium: $(chromium --version)"
else
  echo "not installed: ${missing[*]} (apt-get install ${missing[*]}); browser tests will be skipped outside CI"
fi
