#!/usr/bin/env bash
# `npm start`: builds the extension and opens it in VS Code's server, reachable from a browser,
# together with a local Vertopal API simulator so tasks can be followed without an account.
#   npm start                 simulator + VS Code on 127.0.0.1
#   npm start -- --real       against the real https://api.vertopal.com (your own credentials)
#   HOST=0.0.0.0 npm start    reachable from other machines (the simulator stays on loopback)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
node esbuild.js
npx tsc -p .

settings='{}'
if [ "${1:-}" != "--real" ]; then
  sim_log="$(mktemp)"
  node out/test/simulator/main.js --port "${SIM_PORT:-0}" --demo >"$sim_log" 2>&1 &
  sim_pid=$!
  trap 'kill "$sim_pid" 2>/dev/null; rm -f "$sim_log"' EXIT
  for _ in $(seq 100); do
    grep -q 'listening on' "$sim_log" && break
    sleep 0.1
  done
  sim_url="$(grep -o 'http://[^ ]*' "$sim_log" | head -n1)"
  [ -n "$sim_url" ] || { cat "$sim_log"; echo "the simulator did not start" >&2; exit 1; }
  cat "$sim_log"
  settings="{\"vertopal.api.baseUrl\": \"$sim_url\"}"
  echo "Use the free credential (Vertopal: Use Free Credential) to talk to the simulator."
fi
node test/runner/run-host.mjs --serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}" \
  --settings "$settings"
