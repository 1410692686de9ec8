//! What a board tells the shared support code: its names, clock and
//! console UART.

/// A board: implemented by a zero-sized type in each board crate.
pub trait Board: 'static {
    /// Board name in the banner (MicroPython's `MICROPY_HW_BOARD_NAME`).
    const NAME: &'static str;
    /// Microcontroller name in the banner (`MICROPY_HW_MCU_NAME`).
    const MCU: &'static str;
    /// `sys.implementation._machine`: `"<NAME> with <MCU>"` (the end of
    /// [`Board::BANNER`]: `machine_of(Self::BANNER)`).
    const MACHINE: &'static str;
    /// The banner's first line: [`crate::banner!`] of [`Board::MACHINE`]'s
    /// text (a constant: nothing is formatted at boot).
    const BANNER: &'static str;
    /// `sys.platform` (MicroPython's ports say `"pyboard"` for stm32,
    /// `"qemu"` for the QEMU port).
    const PLATFORM: &'static str;
    /// Core clock in Hz: SysTick counts it (processor clock source).
    const CPU_HZ: u32;
    /// Size in bytes of the static gc heap region (build setting
    /// `MPY_HEAPSIZE`).
    const HEAP_SIZE: usize;
    /// Size in bytes of the filesystem's RAM region (build setting
    /// `MPY_FSSIZE`; under 8 littlefs blocks: no filesystem).
    const FS_SIZE: usize;
    /// Slots of the VM value stack (locals and operands of all frames).
    const VALUE_STACK: usize;
    /// The board's peripherals for `machine`/`pyb` ([`crate::hw::Ops`]):
    /// a reference to the board crate's `#[no_mangle] static
    /// MPY_BOARD_OPS`, which [`crate::hw::ops`] links to by name.
    #[cfg(all(target_os = "none", feature = "machine"))]
    const OPS: &'static crate::hw::Ops;
    /// The board's own built-in modules (`machine`, `pyb`; none without
    /// the `machine` feature).
    #[cfg(target_os = "none")]
    const MODULES: &'static [&'static mpy_core::typ::ModuleDef];
    /// Sets up the console UART: transmit ready, receive interrupt enabled
    /// (each received byte goes to [`crate::console::on_rx_byte`]).
    fn console_init();
    /// Writes bytes to the console UART, waiting for room (blocking).
    fn console_write(data: &[u8]);
    /// The static gc heap region: its start and size in bytes.
    fn heap_region() -> (*mut u8, usize);
    /// The static region of the global allocator's arena (compiler,
    /// `.mpy` reader, the interpreter's fixed parts): start and size.
    fn arena_region() -> (*mut u8, usize);
    /// The static region holding the filesystem (`.uninit`, so it
    /// survives soft resets): start and size ([`Board::FS_SIZE`]).
    fn fs_region() -> (*mut u8, usize);
}

/// The banner's first line for a board whose `sys.implementation._machine`
/// is the literal `$machine`: version, build date (the `MPY_BUILD_DATE`
/// environment variable when the board crate was built, else
/// 2026-11-21; `build_common.rs` passes it on) and machine, as one
/// constant.
#[macro_export]
macro_rules! banner {
    ($machine:literal) => {
        concat!("MicroPython v1.27.0-rs", env!("CARGO_PKG_VERSION"), " on ", env!("MPY_BANNER_DATE"), "; ", $machine)
    };
}

/// The machine part of a [`banner!`]: the text after its last `"; "`.
pub const fn machine_of(banner: &'static str) -> &'static str {
    let b = banner.as_bytes();
    let mut i = b.len();
    while i >= 2 && !(b[i - 2] == b';' && b[i - 1] == b' ') {
        i -= 1;
    }
    banner.split_at(i).1
}

#[cfg(test)]
mod tests {
    #[test]
    fn machine_of_banner() {
        assert_eq!(super::machine_of("MicroPython v1; B with M"), "B with M");
    }
}
