//! Heap size setting and linker script for the mps2-an386 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 4 MiB of data RAM: 256 KiB of stack, room for statics, the rest heap.
    configure(3584 * 1024);
}
