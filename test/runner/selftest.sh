#!/usr/bin/env bash
# Proves the host runner fails when it should: each deliberately broken entry module in
# selftest/ must end with its expected exit code. Not part of `npm test` (it takes a minute);
# run it after changing run-host.mjs: npm run test:runner
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
expect() {
  local file="$1" want="$2" got
  node test/runner/run-host.mjs --tests "test/runner/selftest/$file" --timeout 40000 >/dev/null 2>&1
  got=$?
  if [ "$got" = "$want" ]; then
    echo "ok   $file -> exit $got"
  else
    echo "FAIL $file -> exit $got, expected $want"
    bad=1
  fi
}
bad=0
expect failing-test.js 1
expect throws-on-load.js 1
expect host-dies.js 7
expect hangs.js 3
exit "$bad"
