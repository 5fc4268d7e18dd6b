#!/usr/bin/env bash
# Lighthouse (and the Puppeteer it brings) for the benchmark's browser part, from npm at the
# versions locked in bench/lighthouse/package-lock.json. node_modules stays in the work tree
# (gitignored), so this runs once per machine. Exits non-zero when it could not install them:
# the bench then says which measurements it could not make.
set -u
DIR=bench/lighthouse
WANT=$(sed -n 's/.*"lighthouse": "\(.*\)".*/\1/p' "$DIR/package.json" | head -1)
HAVE=$(sed -n 's/^  "version": "\(.*\)".*/\1/p' "$DIR/node_modules/lighthouse/package.json" 2>/dev/null | head -1)
if [ -n "$WANT" ] && [ "$WANT" = "$HAVE" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-lighthouse: no npm on this machine (Node 20 and npm are needed)." >&2
  exit 1
fi
echo "Installing Lighthouse $WANT for the bench (npm ci in $DIR)..." >&2
npm ci --prefix "$DIR" --no-audit --no-fund --silent
