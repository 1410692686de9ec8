//! Heap size setting and linker script for the netduinoplus2 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 192 KiB of RAM in QEMU: 64 KiB of stack (compiling nested
    // expressions needs ~1.5 KiB per level), ~4 KiB for statics, the rest
    // is heap.
    configure(124 * 1024);
}
