#!/usr/bin/env bash
# The README's first command: builds the project and runs the main job.
# Until the local studio and the demo page exist, the main job is the core: it is built, and its
# benchmarks show what it does on this machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$(repo_root)"
ensure_all

log "building i2v-core (host and wasm32)"
cargo build -p i2v-core --release --locked
cargo build -p i2v-core --release --locked --target wasm32-unknown-unknown

log "benchmarks of i2v-core"
cargo bench -p i2v-core --locked
