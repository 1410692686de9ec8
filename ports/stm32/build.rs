//! Heap size setting and linker script for the netduinoplus2 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 192 KiB of RAM in QEMU: 32 KiB of stack, ~4 KiB for statics, the rest
    // is heap.
    configure(156 * 1024);
}
