#!/usr/bin/env bash
# axe-core for the accessibility browser tests, from npm at the version locked in
# tests/browser/axe/package-lock.json. node_modules stays in the work tree (gitignored), so
# this runs once per machine. Without npm, the accessibility tests are skipped, loudly.
set -u
DIR=tests/browser/axe
WANT=$(sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' "$DIR/package.json" | head -1)
HAVE=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$DIR/node_modules/axe-core/package.json" 2>/dev/null | head -1)
if [ -n "$WANT" ] && [ "$WANT" = "$HAVE" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's npm for the accessibility tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
if command -v npm >/dev/null 2>&1 && npm ci --prefix "$DIR" --no-audit --no-fund --silent; then
  exit 0
fi
cat >&2 <<'MSG'
************************************************************************
*  NO AXE-CORE: npm could not install it. The accessibility browser     *
*  tests will be SKIPPED. Every other test still runs.                  *
************************************************************************
MSG
exit 0
