#!/bin/sh
# Builds mpy-mpz for the Cortex-M4 at opt-level "z" and reports the code
# size of the crate's own object, and any panic entry points it still
# references (there should be none: every operation is panic-free). Then
# the same panic check for the host (on a 64-bit host, the 64-bit limb
# paths that the Cortex-M4 build does not contain).
# Usage: crates/mpy-mpz/check-size.sh   (from anywhere in the workspace)
set -e
cd "$(dirname "$0")/../.."
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=false \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build -q -p mpy-mpz --release --target thumbv7em-none-eabihf
dir=$(mktemp -d)
(cd "$dir" && ar x "$OLDPWD/target/thumbv7em-none-eabihf/release/libmpy_mpz.rlib")
llvm-size "$dir"/*.o
echo "panic references:"
llvm-nm -u "$dir"/*.o | grep -Ei 'panic|slice_index|bounds' || echo "  none"
rm -rf "$dir"
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build -q -p mpy-mpz --release --target-dir target/mpz-host-check
dir=$(mktemp -d)
(cd "$dir" && ar x "$OLDPWD/target/mpz-host-check/release/libmpy_mpz.rlib")
echo "host build, panic references:"
llvm-nm -u "$dir"/*.o | grep -Ei 'panic|slice_index|bounds' || echo "  none"
rm -rf "$dir"
