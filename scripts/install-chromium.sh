#!/usr/bin/env bash
# Make a Chromium available for the Playwright tests, or say loudly that there is none.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
fi
if .venv/bin/playwright install chromium; then
  exit 0
fi
cat >&2 <<'MSG'
************************************************************************
*  NO CHROMIUM: neither apt-get nor `playwright install` could get one.  *
*  The browser tests will be SKIPPED. Every other test still runs.      *
************************************************************************
MSG
exit 0
