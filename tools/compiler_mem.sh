#!/bin/sh
# Peak compiler memory per source byte on x86-64 and i686, for
# tests/programs/*.py and mpremote's mount hook (fs_hook_code, if the
# mpremote package is installed).
set -e
cd "$(dirname "$0")/.."
files=$(ls tests/programs/*.py)
hook=target/tmp/mount_hook.py
mkdir -p target/tmp
if python3 -c "from mpremote.transport_serial import fs_hook_code as c; open('$hook','w').write(c)" 2>/dev/null; then
    files="$files $hook"
fi
for t in x86_64-unknown-linux-gnu i686-unknown-linux-gnu; do
    echo "== $t"
    cargo run -q --release -p mpy-compiler --example mem_per_byte --target $t -- $files
done
