#!/usr/bin/env bash
# Installs everything the build, the tests and `npm start` need, and does nothing when it is all
# there already: Debian packages (when run as root), the npm packages, and the pinned VS Code
# server the extension runs in.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { echo "[setup] $*" >&2; }

debian_packages=(chromium libkrb5-dev ripgrep)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing Debian packages: ${missing[*]}"
    say "ask an administrator to run: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.vertopal-lock-stamp
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi

bash test/runner/setup-host.sh >/dev/null
