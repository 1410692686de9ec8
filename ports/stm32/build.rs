//! Heap size setting and linker script for the netduinoplus2 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 192 KiB of RAM in QEMU: 48 KiB of stack (compiling nested
    // expressions needs ~1.5 KiB per level), a 24 KiB arena (the
    // interpreter's fixed parts, REPL input, compiled modules; the
    // compiler itself works in gc heap the core lends it), ~3 KiB of
    // statics, and 116 KiB of gc heap.
    configure(116 * 1024, 24 * 1024);
}
