//! Heap size setting and linker script for the mps2-an386 firmware.
include!("../cortex-m/build_common.rs");

fn main() {
    // 4 MiB of data RAM: 256 KiB of stack, a 256 KiB arena (the
    // interpreter's fixed parts, REPL input, compiled modules; the
    // compiler itself works in gc heap the core lends it), room for
    // statics, a 256 KiB filesystem (littlefs in RAM, kept across soft
    // resets), the rest (3,312 KiB) is the gc heap. (A 64 KiB arena once
    // stopped answering after the fault-recovery test; no longer seen:
    // tests/firmware/test_soft_reset.py checks it.)
    configure(3312 * 1024, 256 * 1024, 256 * 1024);
}
