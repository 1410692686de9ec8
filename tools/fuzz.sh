#!/bin/sh
# Runs every cargo-fuzz target for SECONDS each (default 600), seeded from
# the test corpus: fuzz_run gets each tests/**/*.py behind a heap-size
# prefix, fuzz_parse the sources, fuzz_mpy the .mpy files under tests/.
# Needs nightly and cargo-fuzz (installed here if missing). Not part of
# tools/test.sh: a finding is a crash file under fuzz/artifacts/TARGET/.
# Usage: sh tools/fuzz.sh [SECONDS] [TARGET...]
set -e
cd "$(dirname "$0")/.."
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"fuzz_parse fuzz_mpy fuzz_run"}
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz
python3 - <<'PY'
import os, pathlib
root = pathlib.Path("tests")
for t in ("fuzz_run", "fuzz_parse", "fuzz_mpy"):
    os.makedirs(f"fuzz/corpus/{t}", exist_ok=True)
for i, p in enumerate(sorted(root.rglob("*.py"))):
    src = p.read_bytes()
    name = p.as_posix().replace("/", "_")
    pathlib.Path(f"fuzz/corpus/fuzz_parse/{name}").write_bytes(src)
    # Heap prefix: spread the seeds over 2 KiB .. 1 MiB.
    pathlib.Path(f"fuzz/corpus/fuzz_run/{name}").write_bytes(bytes([i % 10, (i * 37) % 256]) + src)
for p in sorted(root.rglob("*.mpy")):
    pathlib.Path(f"fuzz/corpus/fuzz_mpy/{p.as_posix().replace('/', '_')}").write_bytes(p.read_bytes())
PY
status=0
for t in $targets; do
    echo "== $t for ${secs}s"
    # The gc scans the native stack conservatively, which AddressSanitizer
    # reports as overflows (and its fake stacks would hide roots): fuzz_run
    # runs without a sanitizer; panics, aborts, faults and hangs still show.
    san=address
    [ "$t" = fuzz_run ] && san=none
    if cargo +nightly fuzz run -s "$san" "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -25; then
        :
    fi
    if ls "fuzz/artifacts/$t"/crash-* "fuzz/artifacts/$t"/timeout-* "fuzz/artifacts/$t"/oom-* >/dev/null 2>&1; then
        echo "$t: FINDINGS in fuzz/artifacts/$t"; status=1
    fi
done
exit $status
