#!/usr/bin/env bash
# Runs every test of the project, installing what the tests need first. The README's second
# command, and what CI runs (.ci/run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$(repo_root)"
ensure_all
ensure_browser

log "format"
cargo fmt --all --check

log "lint (host and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p i2v-sse -p i2v-text -p i2v-core -p i2v-js -p i2v-wasm -p i2v-preview --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

log "tests (host)"
cargo test --workspace --locked

# The parsers that read what the network and people send, fuzzed briefly (fuzz/, issue 21).
bash scripts/fuzz.sh 15

# A host `cargo test` compiles nothing for wasm, so the core's tests run again on wasm32, in Node,
# and the wasm binding's in headless Chromium.
log "tests (i2v-sse, i2v-text, i2v-core and i2v-js on wasm32, in Node)"
cargo test -p i2v-sse -p i2v-text -p i2v-core -p i2v-js --locked --target wasm32-unknown-unknown
log "tests (i2v-wasm on wasm32, in Chromium)"
WASM_BINDGEN_USE_BROWSER=1 cargo test -p i2v-wasm --locked --target wasm32-unknown-unknown

log "building the JS packages"
bash scripts/build-node.sh
bash scripts/build-web.sh   # also checks the .wasm size budget

# The one TypeScript contract, used as a program would use it (every TurnEvent narrowed, every
# error class), checked strictly as a browser project sees it (DOM lib), as a Node project
# does (no DOM, Node's own types), and with neither; with it, a sample of every value the Rust
# shapes send (tests/types/samples.ts, which `cargo test -p i2v-js` keeps as the shapes make it).
log "TypeScript contract (tsc --strict, with and without the DOM lib): the usage file and the Rust shapes' samples"
node_modules/.bin/tsc -p tests/types/tsconfig.json
node_modules/.bin/tsc -p tests/types/tsconfig.node.json
node_modules/.bin/tsc -p tests/types/tsconfig.es2022.json   # neither: ES2022 alone
node_modules/.bin/tsc -p tests/types/tsconfig.web.json      # @i2v/web's own Preview, as the built package types it

log "JS syntax"
find npm web-demo tests -name node_modules -prune -o \( -name '*.js' -o -name '*.mjs' \) -print0 |
  xargs -0 -n1 node --check

# The studio binary the JS tests start is the workspace's debug build, made by `cargo test` above.
log "the shared JS suite against @i2v/node, and the Node-only tests"
I2V_PACKAGE=node node --test --test-concurrency=2 tests/js/*.test.mjs tests/node/*.test.mjs
log "the shared JS suite against @i2v/web (in Node)"
I2V_PACKAGE=web node --test --test-concurrency=2 tests/js/*.test.mjs
# The cloud is documented in a second form (docs/PROTOCOL.md §8): the same suite, both packages,
# against studios that answer in it.
log "the shared JS suite against the studio's api-reference dialect, with both packages"
I2V_DIALECT=reference I2V_PACKAGE=node node --test --test-concurrency=2 tests/js/*.test.mjs
I2V_DIALECT=reference I2V_PACKAGE=web node --test --test-concurrency=2 tests/js/*.test.mjs
log "browser tests (headless Chromium): the package across origins, and the demo page"
node --test --test-concurrency=1 tests/browser/*.test.mjs tests/e2e/*.test.mjs
# @i2v/web as users bundle it (issue 18): npm pack → a fresh project → Vite and esbuild with
# their defaults → one chat turn in Chromium against the studio.
log "bundler tests (Vite, esbuild)"
node --test --test-concurrency=1 tests/bundlers/*.test.mjs
