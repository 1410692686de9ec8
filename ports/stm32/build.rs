//! Heap size setting and linker script for the netduinoplus2 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 192 KiB of RAM in QEMU: 48 KiB of stack (compiling nested
    // expressions needs ~1.5 KiB per level), a 40 KiB arena for the
    // compiler and the interpreter's fixed parts, ~3 KiB of statics, and
    // 100 KiB of gc heap.
    configure(100 * 1024, 40 * 1024);
}
