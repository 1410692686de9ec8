//! TIM2..TIM5 (general-purpose timers) for `machine.Timer`/`pyb.Timer`:
//! counting at the requested rate for `counter()`; the callbacks come
//! from SysTick (`mpy_cortex_m::hw`), since QEMU 7.2's model stops
//! raising the update interrupt after the first one. Register facts: RM0090;
//! QEMU models these four timers (shared/spec/boards.md).

use mpy_cortex_m::reg::Reg;

/// Timer numbers, by slot.
pub const IDS: [u8; 4] = [2, 3, 4, 5];
/// The timers' input clock: QEMU 7.2's model runs them at a fixed 1 GHz
/// (measured: counter rate x (PSC + 1)); on silicon it is the APB1 timer
/// clock, 84 MHz.
const TIMCLK: u32 = 1_000_000_000;

const CR1: usize = 0x00;
const SR: usize = 0x10;
const EGR: usize = 0x14;
const CNT: usize = 0x24;
const PSC: usize = 0x28;
const ARR: usize = 0x2C;

/// Register `off` of the timer in `slot` (0..4).
fn reg(slot: usize, off: usize) -> Reg {
    let base = 0x4000_0000 + 0x400 * (slot & 3);
    // SAFETY: TIM2..TIM5 registers (RM0090), 32-bit aligned, always
    // accessible once the timer's clock is on.
    unsafe { Reg::at(base + off) }
}

// SAFETY: RCC APB1 peripheral clock enable register.
const RCC_APB1ENR: Reg = unsafe { Reg::at(0x4002_3800 + 0x40) };

/// Starts timer `slot` with its update interrupt at `hz`.
pub fn start(slot: usize, hz: u32) -> bool {
    if slot >= 4 || hz == 0 {
        return false;
    }
    stop(slot);
    RCC_APB1ENR.set_bits(1 << slot);
    let ticks = TIMCLK / hz;
    let psc = ticks / 65_536;
    let arr = (ticks / (psc + 1)).saturating_sub(1);
    if arr == 0 {
        return false;
    }
    reg(slot, PSC).write(psc);
    reg(slot, ARR).write(arr);
    reg(slot, EGR).write(1);
    reg(slot, SR).write(0);
    reg(slot, CR1).write(1);
    true
}

/// Stops timer `slot` and masks its interrupt.
pub fn stop(slot: usize) {
    if slot >= 4 {
        return;
    }
    reg(slot, CR1).write(0);
    reg(slot, SR).write(0);
}

/// The counter of timer `slot`.
pub fn counter(slot: usize) -> u32 {
    if slot >= 4 {
        return 0;
    }
    reg(slot, CNT).read()
}
