#!/bin/sh
# Runs every test of micropython-rs, as CI does. Installs what it needs
# first (tools/setup.sh). Steps:
#   1. cargo test for the whole workspace (unit, snapshot, .mpy and VM tests),
#   2. the no_std core build for the Cortex-M4 target (with and without the
#      compiler feature),
#   3. the differential corpus (tests/run.py) on the release binary,
#   4. the corpus again (a subset under CI) on a build that collects at
#      every allocation (feature gc-stress).
# Ends with the differential runner's "N passed, N failed" line.
set -e
cd "$(dirname "$0")/.."
sh tools/setup.sh
jobs=${JOBS:-2}
echo "== cargo test"
cargo test --workspace --release -q 2>&1 | grep -E "^test result|FAILED|panicked|error" || true
cargo test --workspace --release -q >/dev/null 2>&1 || { cargo test --workspace --release 2>&1 | tail -40; exit 1; }
echo "== no_std build for thumbv7em-none-eabihf"
cargo build -q --release -p mpy-core --target thumbv7em-none-eabihf --no-default-features
cargo build -q --release -p mpy-core --target thumbv7em-none-eabihf --no-default-features --features compiler,float
echo "== gc-stress corpus (collect at every allocation)"
cargo build -q --release -p micropython-unix --features gc-stress --target-dir target/gc-stress
python3 tests/run.py -j "$jobs" --binary target/gc-stress/release/micropython
echo "== differential corpus"
cargo build -q --release -p micropython-unix
python3 tests/run.py -j "$jobs"
