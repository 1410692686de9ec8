//! The netduinoplus2 board: names, clock, console on USART1, heap region.

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

/// Netduino Plus 2 (STM32F405RG), as QEMU's `netduinoplus2` machine.
pub struct Netduino;

impl Board for Netduino {
    const NAME: &'static str = "NetduinoPlus2";
    const MCU: &'static str = "STM32F405RG";
    const MACHINE: &'static str = "NetduinoPlus2 with STM32F405RG";
    const PLATFORM: &'static str = "pyboard";
    const CPU_HZ: u32 = 168_000_000;
    const HEAP_SIZE: usize = HEAP_SIZE;
    const FS_SIZE: usize = FS_SIZE;
    const VALUE_STACK: usize = 1024;

    fn console_init() {
        crate::usart::init();
    }

    fn console_write(data: &[u8]) {
        crate::usart::write(data);
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
