#!/usr/bin/env bash
# Builds the Node addon and lays out the @i2v/node package in npm/node:
#   npm/node/i2v-node.<platform>.node          the addon (cargo's cdylib, renamed), which the
#                                              loader (native.js) takes before any package
#   npm/platforms/<platform>/i2v-node.<platform>.node   the same, in this platform's package
#                                              (@i2v/node-<platform>, an optional dependency)
#   npm/node/shared/*.js                       the JS shell, copied from npm/shared
#   npm/node/index.d.ts, index.d.cts           the one TypeScript contract, copied
#   npm/node/index.cjs                         main.js and what it imports, bundled as CommonJS
#                                              (esbuild, a dev dependency): `require` loads it,
#                                              and index.js re-exports it for `import`
# <platform> is napi-rs's name: linux-x64-gnu, darwin-arm64, …
#
# Usage: scripts/build-node.sh [--release]. The default is a debug addon (~90 MB), quick to
# rebuild, for tests. --release builds what packages ship: the `node-release` profile (fat LTO,
# one codegen unit, stripped; ~6.5 MB), about 3 minutes from clean on 2 cores and about 1 after
# a change. Quick when nothing changed: cargo does nothing and files are copied only when they
# differ. scripts/release-node.sh builds the other platforms where it can.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

profile=debug
case "${1:-}" in
  --release) profile=node-release ;;
  "") ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac

cargo build --quiet -p i2v-node --profile "$([[ $profile == debug ]] && echo dev || echo "$profile")"

target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "build-node.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
case "$(uname -s)" in
  Linux)
    lib="libi2v_node.so"
    if ldd --version 2>&1 | grep -qi musl; then platform="linux-$arch-musl"; else platform="linux-$arch-gnu"; fi
    ;;
  Darwin) lib="libi2v_node.dylib"; platform="darwin-$arch" ;;
  *) echo "build-node.sh: unsupported system $(uname -s)" >&2; exit 1 ;;
esac

# Copies $1 to $2 unless they are already the same (so timestamps only move on a change).
copy() {
  if ! cmp -s "$1" "$2"; then
    cp "$1" "$2.tmp"
    mv "$2.tmp" "$2"
  fi
}

addon="i2v-node.$platform.node"
copy "$target_dir/$profile/$lib" "npm/node/$addon"
if [[ -d "npm/platforms/$platform" ]]; then
  copy "$target_dir/$profile/$lib" "npm/platforms/$platform/$addon"
fi
mkdir -p npm/node/shared
for file in npm/shared/*.js; do
  copy "$file" "npm/node/shared/$(basename "$file")"
done
copy npm/shared/index.d.ts npm/node/index.d.ts
copy npm/shared/index.d.ts npm/node/index.d.cts

# A real CommonJS module, not require(esm) (Node 20.19+/22.12+ only). `import.meta.url` becomes
# the bundle's own URL; packages stay outside it (the addon's per-platform package included).
esbuild="node_modules/.bin/esbuild"
if [[ ! -x "$esbuild" ]]; then
  echo "build-node.sh: $esbuild is missing: run npm ci at the repository root" >&2
  exit 1
fi
"$esbuild" npm/node/main.js --bundle --format=cjs --platform=node --target=node18.17 \
  --packages=external --log-level=warning \
  --define:import.meta.url=__i2v_module_url \
  --banner:js="'use strict'; const __i2v_module_url = require('node:url').pathToFileURL(__filename).href;" \
  --outfile="$target_dir/i2v-node-index.cjs"
copy "$target_dir/i2v-node-index.cjs" npm/node/index.cjs
