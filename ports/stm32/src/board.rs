//! The netduinoplus2 board: names, clock, console on USART1, heap region.

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

/// Netduino Plus 2 (STM32F405RG), as QEMU's `netduinoplus2` machine.
pub struct Netduino;

impl Board for Netduino {
    const NAME: &'static str = "NetduinoPlus2";
    const MCU: &'static str = "STM32F405RG";
    const BANNER: &'static str = mpy_cortex_m::banner!("NetduinoPlus2 with STM32F405RG");
    const MACHINE: &'static str = mpy_cortex_m::board::machine_of(Self::BANNER);
    const PLATFORM: &'static str = "pyboard";
    const CPU_HZ: u32 = 168_000_000;
    const HEAP_SIZE: usize = HEAP_SIZE;
    const FS_SIZE: usize = FS_SIZE;
    const VALUE_STACK: usize = 1024;
    #[cfg(feature = "machine")]
    const OPS: &'static Ops = &MPY_BOARD_OPS;
    #[cfg(feature = "machine")]
    const MODULES: &'static [&'static mpy_cortex_m::mpy_core::typ::ModuleDef] =
        &[&mpy_cortex_m::machine::MACHINE_MODULE, &mpy_cortex_m::pyb::PYB_MODULE];
    #[cfg(not(feature = "machine"))]
    const MODULES: &'static [&'static mpy_cortex_m::mpy_core::typ::ModuleDef] = &[];

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

/// What `machine.mem*` may touch: flash and SRAM (read), the peripherals
/// and the Cortex-M system space (read and write).
#[cfg(feature = "machine")]
static MEM: [MemRegion; 4] = [
    MemRegion { start: 0x0800_0000, end: 0x0810_0000, writable: false },
    MemRegion { start: 0x2000_0000, end: 0x2003_0000, writable: false },
    MemRegion { start: 0x4000_0000, end: 0x5006_0C00, writable: true },
    MemRegion { start: 0xE000_0000, end: 0xE010_0000, writable: true },
];

/// The 96-bit unique device id (RM0090: at 0x1FFF7A10). QEMU does not map
/// the system memory holding it; the id is made from the CPUID register
/// and the board name instead, so it is stable per build.
#[cfg(feature = "machine")]
fn unique_id() -> [u8; 12] {
    let cpuid = mpy_cortex_m::reg::peek(&MEM, 0xE000_ED00, 4).unwrap_or(0);
    let mut id = *b"\0\0\0\0NETDUINO";
    id[..4].copy_from_slice(&cpuid.to_le_bytes());
    id
}

/// The peripherals, linked by name into `mpy_cortex_m::hw::ops`.
#[cfg(feature = "machine")]
#[no_mangle]
static MPY_BOARD_OPS: Ops = Ops {
    mem: &MEM,
    timer_ids: &crate::tim::IDS,
    timer_start: crate::tim::start,
    timer_stop: crate::tim::stop,
    timer_counter: crate::tim::counter,
    uart_ids: &crate::uarts::IDS,
    uart_init: crate::uarts::init,
    uart_write: crate::uarts::write,
    uart_deinit: crate::uarts::deinit,
    unique_id,
    pin_names: &crate::gpio::NAMES,
    pin_ports: crate::gpio::PORTS,
    pin_count: crate::gpio::PORTS * 16,
    pin_mode: crate::gpio::mode,
    pin_write: crate::gpio::write,
    pin_read: crate::gpio::read,
    pin_irq: crate::gpio::irq,
    leds: &crate::gpio::LEDS,
    adc_channel: crate::gpio::adc_channel,
    adc_channels: 19,
    adc_read: crate::gpio::adc_read,
};
