#!/usr/bin/env bash
# The README's first command: builds the project and runs the main job: the local studio serving
# the NemoVideo agent API, the demo page and the browser package on http://127.0.0.1:8787,
# keeping its data in ./.i2v-studio. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$(repo_root)"
ensure_all

log "building i2v-studio"
cargo build -p i2v-studio --release --locked
log "building the browser package (@i2v/web) and the Node addon (@i2v/node, for the i2v CLI)"
bash scripts/build-web.sh
bash scripts/build-node.sh

port="${PORT:-8787}"
log "open http://127.0.0.1:$port/ in a browser (Ctrl-C stops the studio)"
exec target/release/i2v-studio --port "$port" --data-dir "${DATA_DIR:-.i2v-studio}" \
  --web-root web-demo --pkg-root npm/web/pkg
