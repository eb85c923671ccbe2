#!/usr/bin/env bash
# Installs the real agent CLIs the end-to-end test drives (apps/cli/test/agents-e2e) into DIR:
#   @anthropic-ai/claude-code  (a Bun-compiled native binary from its linux-x64 optional dependency)
#   @openai/codex              (a JS launcher plus its static musl binary, also an optional dependency)
# Idempotent and cached: when DIR already holds both at the pinned versions, nothing is fetched.
# Prints the bin paths as `claude=PATH` and `codex=PATH` on stdout (everything else goes to stderr).
#
# usage: scripts/install-agent-clis.sh [DIR]   (default: $DEVTIME_AGENT_CLIS_DIR or ~/.cache/devtime-agent-clis)
# Then: DEVTIME_E2E_AGENTS=1 DEVTIME_AGENT_CLIS_DIR=DIR pnpm vitest run apps/cli/test/agents-e2e
set -euo pipefail

# The versions the fixtures in shared/fixtures/agents/ were recorded with.
CLAUDE_VERSION=${CLAUDE_CODE_VERSION:-2.1.330}
CODEX_VERSION=${CODEX_VERSION:-0.169.0}

DIR=${1:-${DEVTIME_AGENT_CLIS_DIR:-$HOME/.cache/devtime-agent-clis}}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
NM="$DIR/node_modules"
CLAUDE_BIN="$NM/.bin/claude"
CODEX_BIN="$NM/.bin/codex"

log() { printf 'install-agent-clis: %s\n' "$*" >&2; }

installed_version() { # installed_version PACKAGE  -> version from its package.json, or nothing
  node -e 'try { console.log(require(process.argv[1]).version) } catch {}' "$NM/$1/package.json" 2>/dev/null || true
}

# A CLI counts as installed only when it runs and reports the pinned version: the claude package
# ships a placeholder bin/claude.exe that its postinstall replaces with the native binary, so a
# package.json alone (e.g. after an install with scripts disabled) is not enough.
is_ready() {
  [ "$(installed_version @anthropic-ai/claude-code)" = "$CLAUDE_VERSION" ] || return 1
  [ "$(installed_version @openai/codex)" = "$CODEX_VERSION" ] || return 1
  local home
  home=$(mktemp -d)
  # An empty HOME so neither CLI reads or writes the caller's settings for a version check.
  HOME="$home" CODEX_HOME="$home/.codex" timeout 20 "$CLAUDE_BIN" --version 2>/dev/null | grep -q "^$CLAUDE_VERSION " &&
    HOME="$home" CODEX_HOME="$home/.codex" timeout 20 "$CODEX_BIN" --version 2>/dev/null | grep -q "codex-cli $CODEX_VERSION\$"
  local ok=$?
  rm -rf "$home"
  return $ok
}

if is_ready; then
  log "cached: claude-code $CLAUDE_VERSION and codex $CODEX_VERSION in $DIR"
else
  log "installing @anthropic-ai/claude-code@$CLAUDE_VERSION and @openai/codex@$CODEX_VERSION into $DIR"
  start=$(date +%s)
  # A package.json of its own, so DIR never resolves to an enclosing project (and its lockfile).
  cat >"$DIR/package.json" <<EOF
{
  "name": "devtime-agent-clis",
  "private": true,
  "description": "Agent CLIs for DevTime's end-to-end test (scripts/install-agent-clis.sh)",
  "dependencies": {
    "@anthropic-ai/claude-code": "$CLAUDE_VERSION",
    "@openai/codex": "$CODEX_VERSION"
  }
}
EOF
  # Optional dependencies carry the native binaries: never --omit=optional here. Scripts must run
  # (claude-code's postinstall puts its native binary in place of the placeholder).
  (cd "$DIR" && npm install --no-audit --no-fund --no-save --include=optional --ignore-scripts=false \
    --loglevel=error >&2)
  # Older npm or an ignore-scripts config can leave the placeholder: run the postinstall explicitly.
  if ! HOME=/nonexistent timeout 20 "$CLAUDE_BIN" --version >/dev/null 2>&1; then
    log "running claude-code's postinstall (native binary) by hand"
    (cd "$NM/@anthropic-ai/claude-code" && node install.cjs >&2)
  fi
  is_ready || { log "the CLIs do not run after installing; see the output above"; exit 1; }
  log "installed in $(($(date +%s) - start)) s"
fi

echo "claude=$CLAUDE_BIN"
echo "codex=$CODEX_BIN"
