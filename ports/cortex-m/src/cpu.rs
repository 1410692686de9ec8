//! Core (not board) services: sleeping until an interrupt, the DWT cycle
//! counter (`time.ticks_cpu`), the stack's
//! bounds from the linker script, and the MPU guard below the stack.
//!
//! Memory layout (each board's `memory.x`): the stack sits at the bottom of
//! RAM (`_stack_end` .. `_stack_start`) so that overflowing it runs into
//! the guard region below instead of into `.data`/`.bss`/heap.

use crate::reg::Reg;
use core::sync::atomic::{AtomicBool, Ordering};

/// Bytes of the no-access MPU region just below the stack.
pub const GUARD_SIZE: usize = 4096;

extern "C" {
    /// Top of the stack (initial SP), from `memory.x`.
    static _stack_start: u32;
    /// Bottom of the stack, from `memory.x` (4 KiB aligned).
    static _stack_end: u32;
}

/// `(bottom, top)` addresses of the main stack.
pub fn stack_bounds() -> (usize, usize) {
    let top = &raw const _stack_start as usize;
    let bottom = &raw const _stack_end as usize;
    (bottom, top)
}

/// Sleeps until the next interrupt (SysTick wakes at least every ms).
#[inline]
pub fn idle() {
    cortex_m::asm::wfi();
}

/// Enables interrupts (PRIMASK = 0).
pub fn enable_interrupts() {
    // SAFETY: called at boot and after a soft reset, when no critical
    // section is in progress (a fault or panic inside one abandons it).
    unsafe { cortex_m::interrupt::enable() }
}

// MPU registers (ARMv7-M architecture reference, PMSAv7).
// SAFETY: architectural System Control Space registers, always present on
// a Cortex-M4 with MPU (both boards); accessed only at boot.
const MPU_CTRL: Reg = unsafe { Reg::at(0xE000_ED94) };
// SAFETY: as above.
const MPU_RBAR: Reg = unsafe { Reg::at(0xE000_ED9C) };
// SAFETY: as above.
const MPU_RASR: Reg = unsafe { Reg::at(0xE000_EDA0) };

/// Makes the [`GUARD_SIZE`] bytes below the stack inaccessible (MPU
/// region 0, everything else on the default memory map), so a native
/// stack overflow faults (and the fault handler soft-resets) instead of
/// silently corrupting memory.
pub fn guard_stack() {
    let (bottom, _) = stack_bounds();
    let base = (bottom - GUARD_SIZE) as u32;
    // RBAR: base | VALID | region 0. RASR: XN | AP=000 (no access) |
    // SIZE=log2(4096)-1 | ENABLE. CTRL: PRIVDEFENA | ENABLE.
    MPU_RBAR.write(base | (1 << 4));
    MPU_RASR.write((1 << 28) | (11 << 1) | 1);
    MPU_CTRL.write((1 << 2) | 1);
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}

// DWT cycle counter (ARMv7-M: DEMCR.TRCENA, DWT_CTRL.CYCCNTENA/NOCYCCNT).
// SAFETY: architectural debug registers; QEMU 7.2 reads them as 0 and
// ignores writes (no DWT model), silicon counts.
const DEMCR: Reg = unsafe { Reg::at(0xE000_EDFC) };
// SAFETY: as above.
const DWT_CTRL: Reg = unsafe { Reg::at(0xE000_1000) };
// SAFETY: as above.
const DWT_CYCCNT: Reg = unsafe { Reg::at(0xE000_1004) };

/// Does DWT's cycle counter count (detected by [`cycle_counter_init`])?
static CYCLES: AtomicBool = AtomicBool::new(false);

/// Starts the DWT cycle counter and checks that it counts: QEMU 7.2 does
/// not model DWT (CYCCNT stays 0), so `time.ticks_cpu` then falls back
/// to microseconds ([`cycles`] returns None).
pub fn cycle_counter_init() {
    DEMCR.set_bits(1 << 24);
    let ok = DWT_CTRL.read() & (1 << 25) == 0 && {
        DWT_CTRL.set_bits(1);
        let a = DWT_CYCCNT.read();
        cortex_m::asm::delay(64);
        DWT_CYCCNT.read() != a
    };
    CYCLES.store(ok, Ordering::Relaxed);
}

/// The DWT cycle count, if the counter runs.
pub fn cycles() -> Option<u32> {
    CYCLES.load(Ordering::Relaxed).then(|| DWT_CYCCNT.read())
}

/// Enables (`on`) or disables device interrupt `irq` in the NVIC
/// (ISER/ICER). Enable only once its handler is ready.
#[inline(never)]
pub fn nvic_enable(irq: u16, on: bool) {
    let base = if on { 0xE000_E100 } else { 0xE000_E180 };
    // SAFETY: NVIC_ISERn / NVIC_ICERn (ARMv7-M), write-one-to-set/clear
    // registers for interrupts 32n..32n+31; every board's handler for a
    // device interrupt is `DefaultHandler`, which dispatches by number.
    unsafe { Reg::at(base + 4 * usize::from(irq / 32)) }.write(1 << (irq % 32));
}
