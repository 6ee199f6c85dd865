#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine of this kind. Idempotent: each step
# checks first and costs about nothing when its tool is already there.
# Sourced by the other scripts; run directly it installs everything.
set -euo pipefail

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen version the workspace pins (Cargo.lock), which the CLI must match exactly.
pinned_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$(repo_root)/Cargo.lock"
}

ensure_rust_wasm() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want=$(pinned_wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    # Not --locked: the CLI's own lockfile names a crate version the registry no longer serves.
    log "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# Installs Debian packages that are missing; `apt-get update` only when something must be installed.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_node() {
  command -v node >/dev/null || ensure_apt nodejs npm
}

# The studio probes uploads with ffprobe and renders with ffmpeg; titles need Latin and CJK fonts;
# Debian's ffmpeg cannot read HEIC, so libheif's tools convert it (and make the tests' HEIC file).
ensure_media_tools() {
  ensure_apt ffmpeg fonts-dejavu-core fonts-wqy-zenhei libheif-examples
}

# The JS dev tools of the root package.json (wasm-opt, playwright-core, the benchmark's
# comparison parser), reinstalled only when package-lock.json changed.
ensure_npm_packages() {
  local root stamp want
  root=$(repo_root)
  stamp="$root/node_modules/.i2v-lock-sha256"
  want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing the npm dev tools (package-lock.json)"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}

# Debian's Chromium drives the browser tests (playwright-core and wasm-bindgen-test).
ensure_browser() {
  ensure_apt chromium chromium-driver
}

ensure_all() {
  ensure_node
  ensure_rust_wasm
  ensure_media_tools
  ensure_npm_packages
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_all
fi
