//! The mps2-an386 board: names, clock, console on UART0, heap region.

use mpy_cortex_m::board::Board;
use mpy_cortex_m::heap::Region;

include!(concat!(env!("OUT_DIR"), "/config.rs"));

/// The static gc heap region, not zeroed at boot.
#[link_section = ".uninit.mpy_heap"]
static HEAP: Region<HEAP_SIZE> = Region::new();

/// The global allocator's arena, not zeroed at boot.
#[link_section = ".uninit.mpy_arena"]
static ARENA: Region<ARENA_SIZE> = Region::new();

/// The filesystem's RAM block device, not zeroed at boot (files survive
/// soft resets).
#[link_section = ".uninit.mpy_fs"]
static FS: Region<FS_SIZE> = Region::new();

/// ARM MPS2 with the AN386 Cortex-M4 image, as QEMU's `mps2-an386`.
pub struct Mps2;

impl Board for Mps2 {
    const NAME: &'static str = "mps2-an386";
    const MCU: &'static str = "Cortex-M4";
    const MACHINE: &'static str = "mps2-an386 with Cortex-M4";
    const PLATFORM: &'static str = "qemu";
    const CPU_HZ: u32 = 25_000_000;
    const HEAP_SIZE: usize = HEAP_SIZE;
    const FS_SIZE: usize = FS_SIZE;
    const VALUE_STACK: usize = 4096;

    fn console_init() {
        crate::uart::init();
    }

    fn console_write(data: &[u8]) {
        crate::uart::write(data);
    }

    fn heap_region() -> (*mut u8, usize) {
        HEAP.bounds()
    }

    fn arena_region() -> (*mut u8, usize) {
        ARENA.bounds()
    }

    fn fs_region() -> (*mut u8, usize) {
        FS.bounds()
    }
}
