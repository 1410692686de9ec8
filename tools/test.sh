#!/bin/sh
# Runs every test of micropython-rs, as CI does. Installs what it needs
# first (tools/setup.sh). Steps:
#   1. cargo test for the whole workspace (unit, snapshot, .mpy and VM tests),
#   2. the no_std core build for the Cortex-M4 target (with and without the
#      compiler feature),
#   3. the differential corpus (tests/run.py) on the release binary,
#   4. the corpus again (a subset under CI) on a build that collects at
#      every allocation (feature gc-stress),
#   5. the VM-only build (no compiler): runs .mpy and frozen code, refuses
#      source,
#   6. .mpy cross-loading (tests/mpy_cross_load.py): corpus compiled by the
#      official mpy-cross run on our VM, and by our mpy-cross on the
#      official wasm VM; fails below tests/mpy_cross_load.baseline,
#   7. the firmware (tests/firmware/run.py): builds both QEMU boards' images,
#      boots them and checks REPL, Ctrl-C, recursion, faults, raw REPL and
#      the corpus through raw-paste mode.
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
# Every folder but programs/ (the long programs take minutes when every
# allocation collects; they run in the normal corpus below).
python3 tests/run.py -j "$jobs" --binary target/gc-stress/release/micropython \
    tests/basics tests/bad_input tests/builtins tests/errors tests/import \
    tests/memory tests/modules tests/types
echo "== VM-only build (no compiler)"
cargo build -q --release -p micropython-unix -p mpy-cross
cargo build -q --release -p micropython-unix --no-default-features --target-dir target/vm-only
smoke=$(mktemp -d)
printf 'import frozentest, frozen_official\nprint(frozentest.big(3), frozen_official.fib(20))\n' > "$smoke/smoke.py"
target/release/mpy-cross -o "$smoke/smoke.mpy" "$smoke/smoke.py"
test "$(target/vm-only/release/micropython "$smoke/smoke.mpy")" = "978 6765" || { echo "VM-only build: .mpy/frozen smoke run failed"; exit 1; }
if target/vm-only/release/micropython "$smoke/smoke.py" 2>"$smoke/err"; then echo "VM-only build ran source"; exit 1; fi
printf "import smoke\n" > "$smoke/imp.py"; target/release/mpy-cross -o "$smoke/imp.mpy" "$smoke/imp.py"
target/vm-only/release/micropython "$smoke/imp.mpy" | grep -q "ImportError: script compilation not supported" || { echo "VM-only build: import of .py not refused"; exit 1; }
grep -q "no compiler" "$smoke/err" || { echo "VM-only build: unclear error for source"; exit 1; }
rm -rf "$smoke"
echo "VM-only build: .mpy + frozen smoke run OK, source refused"
echo "== .mpy cross-loading"
python3 tests/mpy_cross_load.py -j "$jobs"
echo "== firmware on the QEMU boards"
python3 tests/firmware/run.py
echo "== differential corpus"
cargo build -q --release -p micropython-unix
python3 tests/run.py -j "$jobs"
