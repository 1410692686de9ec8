#!/bin/sh
# Runs every cargo-fuzz target for SECONDS each (default 600), seeded from
# the test corpus: fuzz_run gets each tests/**/*.py behind a heap-size
# prefix, fuzz_parse the sources, fuzz_mpy and fuzz_mpy_board the sources
# compiled by our mpy-cross (fuzz_mpy_board: the boards' .mpy path, built
# with mpy-core feature board-mpy, no structural validation).
# Needs nightly and cargo-fuzz (installed here if missing). Not part of
# tools/test.sh: a finding is a crash file under fuzz/artifacts/TARGET/.
# Usage: sh tools/fuzz.sh [SECONDS] [TARGET...]
set -e
cd "$(dirname "$0")/.."
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"fuzz_parse fuzz_mpy fuzz_mpy_board fuzz_run"}
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz
cargo build -q --release -p mpy-cross
python3 - <<'PY'
import os, pathlib, subprocess
root = pathlib.Path("tests")
for t in ("fuzz_run", "fuzz_parse", "fuzz_mpy", "fuzz_mpy_board"):
    os.makedirs(f"fuzz/corpus/{t}", exist_ok=True)
for i, p in enumerate(sorted(root.rglob("*.py"))):
    src = p.read_bytes()
    name = p.as_posix().replace("/", "_")
    pathlib.Path(f"fuzz/corpus/fuzz_parse/{name}").write_bytes(src)
    # Heap prefix: spread the seeds over 2 KiB .. 1 MiB.
    pathlib.Path(f"fuzz/corpus/fuzz_run/{name}").write_bytes(bytes([i % 10, (i * 37) % 256]) + src)
    # The .mpy seeds: sources our mpy-cross compiles, at the boards'
    # small-int width (31 bits; the desktop reader takes those too).
    out = pathlib.Path(f"fuzz/corpus/fuzz_mpy/{name[:-3]}.mpy")
    r = subprocess.run(["target/release/mpy-cross", "-msmall-int-bits=31", "-o", str(out), str(p)], capture_output=True)
    if r.returncode == 0 and out.exists():
        pathlib.Path(f"fuzz/corpus/fuzz_mpy_board/{out.name}").write_bytes(out.read_bytes())
PY
status=0
for t in $targets; do
    echo "== $t for ${secs}s"
    # The gc scans the native stack conservatively, which AddressSanitizer
    # reports as overflows (and its fake stacks would hide roots): fuzz_run
    # runs without a sanitizer; panics, aborts, faults and hangs still show.
    # fuzz_mpy_board runs modules too: the same. It needs its feature.
    san=address
    feat=""
    [ "$t" = fuzz_run ] && san=none
    [ "$t" = fuzz_mpy_board ] && san=none && feat="--features board-mpy"
    if cargo +nightly fuzz run -s "$san" $feat "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -25; then
        :
    fi
    if ls "fuzz/artifacts/$t"/crash-* "fuzz/artifacts/$t"/timeout-* "fuzz/artifacts/$t"/oom-* >/dev/null 2>&1; then
        echo "$t: FINDINGS in fuzz/artifacts/$t"; status=1
    fi
done
exit $status
