#!/usr/bin/env bash
# The README's first command: builds the project and runs the main job, the local studio.
# It serves the NemoVideo agent API on http://127.0.0.1:8787 (and, once the demo page exists,
# the page itself), keeping its data in ./.i2v-studio. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$(repo_root)"
ensure_all

log "building i2v-studio"
cargo build -p i2v-studio --release --locked

args=(--port "${PORT:-8787}" --data-dir "${DATA_DIR:-.i2v-studio}")
[ -f web-demo/index.html ] && args+=(--web-root web-demo)
[ -d npm/web/pkg ] && args+=(--pkg-root npm/web/pkg)
log "starting the studio (Ctrl-C to stop)"
exec target/release/i2v-studio "${args[@]}"
