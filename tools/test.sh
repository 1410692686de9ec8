#!/bin/sh
# Runs every test of micropython-rs, as CI does. Installs what it needs
# first (tools/setup.sh). Steps:
#   1. cargo test for the whole workspace (unit, snapshot, .mpy and VM tests),
#   2. the no_std core build for the Cortex-M4 target (with and without the
#      compiler feature),
#   3. the differential corpus (tests/run.py) on the release binary,
#   4. the heap and gc unit tests under Miri; the corpus again (a subset)
#      on builds that collect at every allocation (feature gc-stress),
#      64-bit and 32-bit; the whole corpus on the 32-bit (i686) build and
#      on a build whose global allocator aborts on any allocation while a
#      script runs (feature alloc-guard: everything lives in the gc heap),
#      with its REPL paths too (pty transcripts, raw-REPL corpus);
#      the unit tests and the corpus (--float-single: floats compared at 6
#      digits) on the i686 build with single-precision floats stuffed into
#      the object word (feature float-stuffed, as the Cortex-M4F firmware),
#   5. the VM-only build (no compiler): runs .mpy and frozen code, refuses
#      source; the `minimal` preset (tests/preset_check.py: the corpus
#      fails only where it imports a left-out module or uses a left-out
#      builtin feature, big ints or floats),
#   6. .mpy cross-loading (tests/mpy_cross_load.py): corpus compiled by the
#      official mpy-cross run on our VM, and by our mpy-cross on the
#      official wasm VM; fails below tests/mpy_cross_load.baseline,
#   7. the REPL on a pseudo-terminal (ports/unix/tests/repl): key-by-key
#      transcripts, raw and raw-paste protocols, Ctrl-C timing, and the
#      official mpremote driving it through socat,
#   8. the corpus again, sent through the raw REPL (tests/run.py --via
#      raw-repl),
#   9. the firmware (tests/firmware/run.py): builds both QEMU boards' images,
#      boots them and checks REPL, Ctrl-C, recursion, faults, raw REPL and
#      the corpus through raw-paste mode; frozen modules on the compiler
#      and VM-only images (tests/firmware/test_frozen.py); memory across
#      soft resets and a small arena's fault recovery
#      (tests/firmware/test_soft_reset.py); pins, LEDs, ADC, interrupt-driven
#      UART receive (tests/firmware/test_pins.py, test_uart_rxbuf.py); the images' flash sizes against
#      bench/size_budget.txt (bench/firmware_size.py --check: may not
#      grow); then the official mpremote on both boards (tests/firmware/test_mpremote.py: fs, mount,
#      repl).
# Ends with the differential runner's "N passed, N failed" line.
set -e
cd "$(dirname "$0")/.."
sh tools/setup.sh
jobs=${JOBS:-2}
echo "== cargo test"
# One run, its output kept: a failure prints every failing test's report
# (and a test binary killed by a signal), then the workspace runs once more so
# a failure that does not repeat shows here as "flaky" instead of hiding; a
# failure that repeats ends the run.
cargo_log=$(mktemp)
if cargo test --workspace --release -q >"$cargo_log" 2>&1; then
    grep -E "^test result" "$cargo_log"
else
    grep -E "^test result|FAILED|panicked|error|signal|overflow|failures:" "$cargo_log" || true
    sed -n '/^failures:$/,/^test result/p' "$cargo_log" | head -80
    tail -30 "$cargo_log"
    echo "cargo test failed (above); running it again to tell a repeatable failure from a flaky one"
    if cargo test --workspace --release -q >"$cargo_log" 2>&1; then
        echo "cargo test: FLAKY (the first run failed, the second passed)"
    else
        tail -60 "$cargo_log"; exit 1
    fi
fi
rm -f "$cargo_log"
echo "== no_std build for thumbv7em-none-eabihf"
cargo build -q --release -p mpy-core --target thumbv7em-none-eabihf --no-default-features
cargo build -q --release -p mpy-core --target thumbv7em-none-eabihf --no-default-features --features compiler,float
cargo build -q --release -p mpy-core --target thumbv7em-none-eabihf --no-default-features --features compiler,float,float-stuffed
cargo build -q --release -p mpy-repl --target thumbv7em-none-eabihf
echo "== heap and gc unit tests under Miri"
sh tools/miri.sh
echo "== gc-stress corpus (collect at every allocation), 64-bit and 32-bit"
# Every folder but programs/ (the long programs take minutes when every
# allocation collects; they run in the normal corpus below).
stress_dirs="tests/basics tests/bad_input tests/builtins tests/errors tests/import tests/memory tests/modules tests/types"
cargo build -q --profile ci -p micropython-unix --features gc-stress --target-dir target/gc-stress
MPY_TEST_TIMEOUT=30 python3 tests/run.py -j "$jobs" --binary target/gc-stress/ci/micropython $stress_dirs
cargo build -q --profile ci -p micropython-unix --features gc-stress --target i686-unknown-linux-gnu --target-dir target/gc-stress
MPY_TEST_TIMEOUT=30 python3 tests/run.py -j "$jobs" --binary target/gc-stress/i686-unknown-linux-gnu/ci/micropython $stress_dirs
echo "== 32-bit build (i686, boxed floats): unit tests, object sizes, the whole corpus"
i686_log=$(mktemp)
if ! cargo test -p mpy-core --profile ci --target i686-unknown-linux-gnu --target-dir target/i686 --lib -- --nocapture >"$i686_log" 2>&1; then
    tail -60 "$i686_log"; exit 1
fi
grep -E "^test result|^object sizes|^\|" "$i686_log"
rm -f "$i686_log"
cargo build -q --profile ci -p micropython-unix --target i686-unknown-linux-gnu --target-dir target/i686
python3 tests/run.py -j "$jobs" --binary target/i686/i686-unknown-linux-gnu/ci/micropython
python3 ports/unix/tests/rss_bound.py target/i686/i686-unknown-linux-gnu/ci/micropython
echo "== single-precision floats stuffed in the object word (i686, feature float-stuffed)"
stuffed_log=$(mktemp)
if ! cargo test -p mpy-core --profile ci --target i686-unknown-linux-gnu --features float-stuffed --target-dir target/stuffed --lib -- --nocapture >"$stuffed_log" 2>&1; then
    tail -60 "$stuffed_log"; exit 1
fi
grep -E "^test result|^\| float" "$stuffed_log"
rm -f "$stuffed_log"
cargo build -q --profile ci -p micropython-unix --target i686-unknown-linux-gnu --features float-stuffed --target-dir target/stuffed
python3 tests/run.py -j "$jobs" --float-single --binary target/stuffed/i686-unknown-linux-gnu/ci/micropython
echo "== no global allocation on VM paths (alloc-guard build): the whole corpus"
cargo build -q --profile ci -p micropython-unix --features alloc-guard --target-dir target/alloc-guard
python3 tests/run.py -j "$jobs" --binary target/alloc-guard/ci/micropython
echo "== alloc-guard build: the REPL paths (pty transcripts, the corpus through the raw REPL)"
MICROPY_BIN=target/alloc-guard/ci/micropython python3 -m unittest discover -s ports/unix/tests/repl -p 'test_[fr]*.py'
python3 tests/run.py -j "$jobs" --via raw-repl --binary target/alloc-guard/ci/micropython
echo "== VM-only build (no compiler)"
cargo build -q --release -p micropython-unix -p mpy-cross
cargo build -q --release -p micropython-unix --no-default-features --features full --target-dir target/vm-only
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
echo "== minimal module preset (unix, with the compiler)"
cargo build -q --profile ci -p micropython-unix --no-default-features --features compiler,minimal --target-dir target/minimal
python3 tests/preset_check.py -j "$jobs" --preset minimal --binary target/minimal/ci/micropython
echo "== .mpy cross-loading"
python3 tests/mpy_cross_load.py -j "$jobs"
echo "== REPL on a pty (transcripts, Ctrl-C, mpremote over socat)"
MICROPY_BIN=target/release/micropython python3 -m unittest discover -s ports/unix/tests/repl -p 'test_*.py'
echo "== differential corpus through the raw REPL"
python3 tests/run.py -j "$jobs" --via raw-repl
echo "== firmware on the QEMU boards"
python3 tests/firmware/run.py
python3 tests/firmware/test_frozen.py
python3 tests/firmware/test_soft_reset.py
python3 tests/firmware/test_pins.py
python3 tests/firmware/test_uart_rxbuf.py
echo "== mpremote on the QEMU boards (exec, eval, run, fs, mount, soft-reset, repl)"
python3 tests/firmware/test_mpremote.py
python3 bench/firmware_size.py --check bench/size_budget.txt
echo "== differential corpus"
cargo build -q --release -p micropython-unix
python3 tests/run.py -j "$jobs"
python3 ports/unix/tests/rss_bound.py target/release/micropython
