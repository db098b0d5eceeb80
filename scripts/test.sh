#!/usr/bin/env bash
# `npm test`: sets up what is missing, then runs every check: lint, types, unit tests in plain
# Node, integration tests inside a real VS Code extension host, and the benchmark in quick mode.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh || exit 1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
step() {
  echo
  echo "=== $1"
  shift
  "$@" 2>&1 | tee -a "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || { echo "=== failed ($rc)"; status=1; }
}

step "build" node esbuild.js
step "type check and compile tests" npx tsc -p .
step "lint" npx eslint . --max-warnings 0
step "format" npx prettier --check . --log-level warn
step "unit tests" npx mocha --config .mocharc.json
step "host tests (VS Code extension host)" \
  node test/runner/run-host.mjs --tests out/test/host/index.js
step "host tests: window reload" \
  node test/runner/run-host.mjs --tests out/test/host-restart/index.js
step "host tests: extension host killed" \
  node test/runner/run-host.mjs --tests out/test/host-restart/index.js --host-may-die \
  --env VERTOPAL_RESTART=kill
step "benchmark, quick mode (proves it runs; figures are not judged)" \
  node --expose-gc out/bench/bench.js --quick

# One closing line over both layers, counted from mocha's own summaries.
passed=$(grep -E '^\s*[0-9]+ passing' "$log" | awk '{s += $1} END {print s + 0}')
failed=$(grep -E '^\s*[0-9]+ failing' "$log" | awk '{s += $1} END {print s + 0}')
[ "$status" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo
echo "tests: $passed passed, $failed failed"
exit "$status"
