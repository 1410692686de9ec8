//! Heap size setting and linker script for the mps2-an386 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 4 MiB of data RAM: 256 KiB of stack, a 256 KiB arena for the
    // compiler, room for statics, the rest (3.375 MiB) is the gc heap.
    configure(3456 * 1024, 256 * 1024);
}
