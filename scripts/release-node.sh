#!/usr/bin/env bash
# Builds the @i2v/node packages for release, the napi-rs way: the main package (npm/node, the JS
# and no addon) and one package per platform (npm/platforms/<platform>, the addon alone, built
# with the `node-release` profile: fat LTO, one codegen unit, stripped), which the main package
# lists as optionalDependencies so that npm installs only the one that fits. The same for the
# local studio the `i2v` CLI starts: @i2v/studio-<platform> (npm/studio-platforms/<platform>,
# the i2v-studio binary alone, built with the `studio-release` profile, the same settings),
# also an optional dependency of @i2v/node; the CLI finds it (npm/node/cli/studio.js).
#
# Usage: scripts/release-node.sh [OUT_DIR]   (default target/npm-release)
# Packs every package it could build into OUT_DIR; publishing is `npm publish` of each tarball,
# the platform packages first. It says which platforms it could not build here and why: a release
# needs all five, so the rest are built on machines (or CI runners) of those platforms with this
# same script, or with cross toolchains installed here:
#   linux-arm64-gnu   rustup target add aarch64-unknown-linux-gnu, and a linker for it
#                     (Debian: apt-get install gcc-aarch64-linux-gnu)
#   darwin-x64/arm64  a macOS SDK: build on macOS (rustup target add x86_64-apple-darwin
#                     aarch64-apple-darwin), or cargo-zigbuild with an SDK
#   win32-x64-msvc    the MSVC toolchain: build on Windows, or cargo-xwin
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p "${1:-target/npm-release}"
out="$(cd "${1:-target/npm-release}" && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

# platform, Rust target, library file, linker the target needs (empty: the host's).
targets=(
  "linux-x64-gnu x86_64-unknown-linux-gnu libi2v_node.so"
  "linux-arm64-gnu aarch64-unknown-linux-gnu libi2v_node.so aarch64-linux-gnu-gcc"
  "darwin-x64 x86_64-apple-darwin libi2v_node.dylib"
  "darwin-arm64 aarch64-apple-darwin libi2v_node.dylib"
  "win32-x64-msvc x86_64-pc-windows-msvc i2v_node.dll"
)

host="$(rustc -vV | sed -n 's/^host: //p')"
built=()
skipped=()
for entry in "${targets[@]}"; do
  read -r platform triple lib linker <<<"$entry"
  why=""
  if [[ "$triple" != "$host" ]]; then
    if ! rustup target list --installed 2>/dev/null | grep -qx "$triple"; then
      why="the Rust target $triple is not installed"
    elif [[ "$triple" == *apple-darwin && "$(uname -s)" != Darwin ]]; then
      why="no macOS SDK here (build on macOS)"
    elif [[ "$triple" == *windows-msvc ]]; then
      why="no MSVC toolchain here (build on Windows, or with cargo-xwin)"
    elif [[ -n "${linker:-}" ]] && ! command -v "$linker" >/dev/null; then
      why="no linker $linker"
    fi
  fi
  if [[ -n "$why" ]]; then
    skipped+=("$platform: $why")
    continue
  fi
  echo "release-node.sh: building $platform ($triple)" >&2
  env_linker=()
  if [[ "$triple" == "$host" ]]; then
    # The host's build is build-node.sh's (same profile and folder, so nothing is built twice).
    bash scripts/build-node.sh --release
  else
    if [[ -n "${linker:-}" ]]; then
      env_linker=("CARGO_TARGET_$(echo "$triple" | tr 'a-z-' 'A-Z_')_LINKER=$linker")
    fi
    env "${env_linker[@]}" cargo build --quiet -p i2v-node --profile node-release --target "$triple"
    cp "$target_dir/$triple/node-release/$lib" "npm/platforms/$platform/i2v-node.$platform.node"
  fi
  (cd "npm/platforms/$platform" && npm pack --silent --pack-destination "$out" >/dev/null)

  # The studio: the binary alone, stripped, in its own package.
  exe=i2v-studio
  [[ "$triple" == *windows* ]] && exe=i2v-studio.exe
  if [[ "$triple" == "$host" ]]; then
    cargo build --quiet -p i2v-studio --profile studio-release
    studio_out="$target_dir/studio-release/$exe"
  else
    env "${env_linker[@]}" cargo build --quiet -p i2v-studio --profile studio-release --target "$triple"
    studio_out="$target_dir/$triple/studio-release/$exe"
  fi
  cp "$studio_out" "npm/studio-platforms/$platform/$exe"
  chmod 755 "npm/studio-platforms/$platform/$exe"
  (cd "npm/studio-platforms/$platform" && npm pack --silent --pack-destination "$out" >/dev/null)
  built+=("$platform")
done

# The main package: its JS, bundled and copied by build-node.sh (the addon beside it is not in
# its `files`).
(cd npm/node && npm pack --silent --pack-destination "$out" >/dev/null)

echo "release-node.sh: packed into $out:" >&2
ls -l "$out" >&2
echo "release-node.sh: built ${built[*]:-no platform}" >&2
if ((${#skipped[@]})); then
  echo "release-node.sh: NOT built here (a release needs them all; see the top of this script):" >&2
  printf '  %s\n' "${skipped[@]}" >&2
  exit 3
fi
