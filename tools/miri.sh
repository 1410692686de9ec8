#!/bin/sh
# Runs the heap and gc unit tests (block allocator, vectors, var objects,
# marking and sweeping on bare heaps) under Miri, which checks the unsafe
# code in crates/mpy-core/src/heap and gc.rs for undefined behaviour.
set -e
cd "$(dirname "$0")/.."
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-permissive-provenance}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for filter in heap:: gc::; do
    if ! cargo +nightly miri test -p mpy-core --lib --target-dir target/miri -- "$filter" >"$log" 2>&1; then
        tail -40 "$log"
        exit 1
    fi
    grep -E "^test result" "$log"
done
