#!/usr/bin/env bash
# Runs every test of the project, installing what the tests need first. The README's second
# command, and what CI runs (.ci/run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$(repo_root)"
ensure_all

log "format"
cargo fmt --all --check

log "lint (host and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p i2v-core --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

log "tests (host)"
cargo test --workspace --locked

# A host `cargo test` compiles nothing for wasm, so the core's tests run again on wasm32, in Node.
log "tests (i2v-core on wasm32, in Node)"
cargo test -p i2v-core --locked --target wasm32-unknown-unknown
