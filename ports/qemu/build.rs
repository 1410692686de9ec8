//! Heap size setting and linker script for the mps2-an386 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 4 MiB of data RAM: 256 KiB of stack, a 64 KiB arena (the
    // interpreter's fixed parts, REPL input, compiled modules; the
    // compiler itself works in gc heap the core lends it), room for
    // statics, the rest (3,760 KiB) is the gc heap.
    configure(3760 * 1024, 64 * 1024);
}
