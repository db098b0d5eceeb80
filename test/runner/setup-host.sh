#!/usr/bin/env bash
# Installs the VS Code server that the host tests and `npm start` run in, from the npm package
# code-server pinned in ./host. Its own install scripts are skipped because they download ripgrep
# from GitHub and refuse to run as root; this script does their work with Debian's ripgrep instead.
# Idempotent: a marker per code-server version and Node major makes a second run instant.
#
# usage: setup-host.sh [DEST]    (default: <repo>/.vscode-test/code-server)
# prints the VS Code server directory on stdout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pins="$here/host"
dest="${1:-$repo/.vscode-test/code-server}"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
server="$dest/node_modules/code-server/lib/vscode"
version="$(node -p "require('$pins/package.json').dependencies['code-server']")"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
marker="$server/.vertopal-setup-$version-node$node_major"
say() { echo "[setup-host] $*" >&2; }

if [ -f "$marker" ]; then
  echo "$server"
  exit 0
fi

need=()
command -v rg >/dev/null || need+=(ripgrep)
command -v krb5-config >/dev/null || need+=(libkrb5-dev)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  say "missing Debian packages: ${need[*]}"
  say "install them with: apt-get update && apt-get install -y ${need[*]}"
  exit 1
fi
[ "$node_major" = 20 ] ||
  say "warning: code-server $version expects Node 20, this is $(node --version)"

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
cp "$pins/package.json" "$pins/package-lock.json" "$dest/"
say "installing code-server $version (scripts skipped)"
(cd "$dest" && npm ci --ignore-scripts --loglevel=error)

cd "$server"
say "installing the server's runtime dependencies"
npm install --omit=dev --ignore-scripts --loglevel=error
# @vscode/ripgrep only downloads its binary when bin/ is missing; Debian's rg stands in.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
say "building native modules (about 40 s)"
# node-pty's install step calls `npx node-gyp`, which this machine's npmrc (yes=false) would refuse.
npm_config_yes=true npm rebuild --loglevel=error >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --loglevel=error >/dev/null)
node out/server-main.js --version >/dev/null
touch "$marker"
say "ready: $server"
echo "$server"
