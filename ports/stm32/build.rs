//! Heap size setting and linker script for the netduinoplus2 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 192 KiB of RAM in QEMU: 48 KiB of stack (compiling nested
    // expressions needs ~1.5 KiB per level), a 24 KiB arena (the
    // interpreter's fixed parts, REPL input, compiled modules; the
    // compiler itself works in gc heap the core lends it), ~3 KiB of
    // statics, a 16 KiB filesystem (littlefs in RAM, 64 blocks, kept
    // across soft resets) and 100 KiB of gc heap.
    configure(100 * 1024, 24 * 1024, 16 * 1024);
}
