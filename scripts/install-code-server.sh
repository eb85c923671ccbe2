#!/usr/bin/env bash
# Installs code-server (a real VS Code with a real extension host, from npm) into DIR for the VS Code
# extension's end-to-end test (apps/vscode/test/e2e). code-server compiles native modules on install
# (~1.5 min the first time), so it needs Node ≥ 22 on PATH, npm_config_nodedir pointing at that Node's
# headers, and the Debian packages libkrb5-dev libxkbfile-dev libsecret-1-dev (installed here when missing
# and we are root). Idempotent and cached: when DIR already holds the pinned version and it runs, nothing
# is fetched. Keep DIR outside the repository (the default is in ~/.cache).
# Prints `code-server=PATH` on stdout (everything else goes to stderr).
#
# usage: scripts/install-code-server.sh [DIR]   (default: $DEVTIME_CODE_SERVER_DIR or ~/.cache/devtime-code-server)
# Then: DEVTIME_E2E_VSCODE=1 DEVTIME_CODE_SERVER_DIR=DIR pnpm vitest run apps/vscode/test/e2e
set -euo pipefail

# Major version 4 (VS Code 1.10x–1.13x); pin the exact version for reproducible runs when needed.
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4}

DIR=${1:-${DEVTIME_CODE_SERVER_DIR:-$HOME/.cache/devtime-code-server}}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
NM="$DIR/node_modules"
BIN="$NM/.bin/code-server"

log() { printf 'install-code-server: %s\n' "$*" >&2; }

installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch {}' "$NM/code-server/package.json" 2>/dev/null || true
}

# Installed means: the package is there at a version matching the pin, and the binary answers --version
# (a half-finished install, e.g. a failed native build, leaves a package.json but no working binary).
is_ready() {
  local version
  version=$(installed_version)
  [ -n "$version" ] || return 1
  case "$version" in "$CODE_SERVER_VERSION" | "$CODE_SERVER_VERSION".*) ;; *) return 1 ;; esac
  [ -f "$DIR/.ready" ] || return 1
  timeout 60 "$BIN" --version >/dev/null 2>&1
}

missing_debs() {
  local missing=()
  for deb in libkrb5-dev libxkbfile-dev libsecret-1-dev; do
    dpkg -s "$deb" >/dev/null 2>&1 || missing+=("$deb")
  done
  echo "${missing[@]:-}"
}

if is_ready; then
  log "cached: code-server $(installed_version) in $DIR"
else
  debs=$(missing_debs)
  if [ -n "$debs" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing build dependencies: $debs"
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $debs >/dev/null
    else
      log "missing build dependencies ($debs): install them (apt-get install -y $debs) and re-run"
      exit 1
    fi
  fi
  log "installing code-server@$CODE_SERVER_VERSION into $DIR (compiles native modules, ~1.5 min)"
  start=$(date +%s)
  rm -f "$DIR/.ready"
  # A package.json of its own, so DIR never resolves to an enclosing project (and its lockfile).
  cat >"$DIR/package.json" <<EOF
{
  "name": "devtime-code-server",
  "private": true,
  "description": "code-server for DevTime's VS Code end-to-end test (scripts/install-code-server.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" }
}
EOF
  # Scripts must run: code-server's postinstall builds its native modules against this Node.
  (cd "$DIR" && npm install --no-audit --no-fund --no-save --ignore-scripts=false --loglevel=error >&2)
  touch "$DIR/.ready"
  is_ready || { rm -f "$DIR/.ready"; log "code-server does not run after installing; see the output above"; exit 1; }
  log "installed code-server $(installed_version) in $(($(date +%s) - start)) s"
fi

echo "code-server=$BIN"
