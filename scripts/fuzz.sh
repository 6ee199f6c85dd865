#!/usr/bin/env bash
# Runs each fuzz target of fuzz/ for a short while (seconds per target: $1, default 20), coverage
# guided, and fails on the first crash (its input is kept in fuzz/artifacts/<target>/).
#
# cargo-fuzz needs a nightly toolchain for its sanitizers; libFuzzer's coverage does not, so on
# stable the targets are built with the same coverage flags cargo-fuzz passes, without address
# sanitizing (a panic, an overflow or a debug assertion is still caught). With a nightly toolchain
# and cargo-fuzz installed, `cargo +nightly fuzz run <target>` is the fuller run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$(repo_root)/fuzz"
seconds="${1:-20}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
# Only the targets' code is instrumented: the flags reach the target triple, not build scripts.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
log "fuzz: building the targets (coverage on, $triple)"
cargo build --release --locked --target "$triple" --target-dir target/coverage
bin="target/coverage/$triple/release"
for target in $(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^i2v-fuzz$'); do
  log "fuzz: $target for ${seconds} s"
  mkdir -p "corpus/$target" "artifacts/$target"
  # The corpus grows between runs on one machine; the committed seeds start it anywhere.
  "$bin/$target" -max_total_time="$seconds" -print_final_stats=0 \
    -artifact_prefix="artifacts/$target/" "corpus/$target" "seeds/$target" 2>&1 | tail -n 3
done
