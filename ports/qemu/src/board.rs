//! The mps2-an386 board: names, clock, console on UART0, heap region.

use mpy_cortex_m::board::Board;
use mpy_cortex_m::heap::Region;
#[cfg(feature = "machine")]
use mpy_cortex_m::hw::Ops;
#[cfg(feature = "machine")]
use mpy_cortex_m::reg::MemRegion;

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
    const BANNER: &'static str = mpy_cortex_m::banner!("mps2-an386 with Cortex-M4");
    const MACHINE: &'static str = mpy_cortex_m::board::machine_of(Self::BANNER);
    const PLATFORM: &'static str = "qemu";
    const CPU_HZ: u32 = 25_000_000;
    const HEAP_SIZE: usize = HEAP_SIZE;
    const FS_SIZE: usize = FS_SIZE;
    const VALUE_STACK: usize = 4096;
    #[cfg(feature = "machine")]
    const OPS: &'static Ops = &MPY_BOARD_OPS;
    #[cfg(feature = "machine")]
    const MODULES: &'static [&'static mpy_cortex_m::mpy_core::typ::ModuleDef] =
        &[&mpy_cortex_m::machine::MACHINE_MODULE];
    #[cfg(not(feature = "machine"))]
    const MODULES: &'static [&'static mpy_cortex_m::mpy_core::typ::ModuleDef] = &[];

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

/// What `machine.mem*` may touch: the 4 MiB RAM (read), the APB
/// peripherals and the Cortex-M system space (read and write).
#[cfg(feature = "machine")]
static MEM: [MemRegion; 3] = [
    MemRegion { start: 0x0000_0000, end: 0x0040_0000, writable: false },
    MemRegion { start: 0x4000_0000, end: 0x4003_0000, writable: true },
    MemRegion { start: 0xE000_0000, end: 0xE010_0000, writable: true },
];

/// No unique id on this board: the CPUID register and the board name.
#[cfg(feature = "machine")]
fn unique_id() -> [u8; 12] {
    let cpuid = mpy_cortex_m::reg::peek(&MEM, 0xE000_ED00, 4).unwrap_or(0);
    let mut id = *b"\0\0\0\0MPS2AN38";
    id[..4].copy_from_slice(&cpuid.to_le_bytes());
    id
}

/// The peripherals, linked by name into `mpy_cortex_m::hw::ops`.
#[cfg(feature = "machine")]
#[no_mangle]
static MPY_BOARD_OPS: Ops = Ops {
    mem: &MEM,
    timer_ids: &crate::periph::TIMER_IDS,
    timer_start: crate::periph::timer_start,
    timer_stop: crate::periph::timer_stop,
    timer_counter: crate::periph::timer_counter,
    uart_ids: &crate::periph::UART_IDS,
    uart_init: crate::periph::uart_init,
    uart_write: crate::periph::uart_write,
    uart_deinit: crate::periph::uart_deinit,
    unique_id,
    pin_names: &crate::periph::PIN_NAMES,
    pin_ports: crate::periph::PIN_PORTS,
    pin_count: 66,
    pin_mode: crate::periph::pin_mode,
    pin_write: crate::periph::pin_write,
    pin_read: crate::periph::pin_read,
    pin_irq: |_, edges| edges == 0,
    leds: &[64, 65],
    adc_channel: |_| None,
    adc_channels: 0,
    adc_read: |_| None,
};
