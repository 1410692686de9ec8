//! The time base: SysTick interrupts every millisecond on the processor
//! clock; microseconds come from the millisecond count plus the counter.

use core::cell::Cell;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m::peripheral::syst::SystClkSource;
use cortex_m::peripheral::SYST;
use critical_section::Mutex;

static MILLIS: Mutex<Cell<u64>> = Mutex::new(Cell::new(0));
/// SysTick counts per millisecond.
static PER_MS: AtomicU32 = AtomicU32::new(1);

/// Starts SysTick at 1 kHz on a `cpu_hz` processor clock.
pub fn init(cpu_hz: u32) {
    let per_ms = (cpu_hz / 1000).max(1);
    PER_MS.store(per_ms, Ordering::Relaxed);
    // SAFETY: only this module touches SysTick; single core.
    let mut p = unsafe { cortex_m::Peripherals::steal() };
    let syst: &mut SYST = &mut p.SYST;
    syst.disable_counter();
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(per_ms - 1);
    syst.clear_current();
    syst.enable_interrupt();
    syst.enable_counter();
}

/// The SysTick exception handler's body: one more millisecond.
pub fn on_tick() {
    critical_section::with(|cs| {
        let m = MILLIS.borrow(cs);
        m.set(m.get().wrapping_add(1));
    });
    #[cfg(feature = "machine")]
    crate::hw::soft_tick();
}

fn millis() -> u64 {
    critical_section::with(|cs| MILLIS.borrow(cs).get())
}

/// Microseconds since boot.
pub fn ticks_us() -> u64 {
    let per_ms = PER_MS.load(Ordering::Relaxed) as u64;
    loop {
        let m1 = millis();
        let counted = per_ms - 1 - SYST::get_current() as u64;
        let m2 = millis();
        if m1 == m2 {
            // `counted < per_ms <= u32::MAX / 1000`: 32-bit arithmetic
            // (no call to the 64-bit division routine).
            return m1 * 1000 + u64::from(counted as u32 * 1000 / per_ms as u32);
        }
    }
}

/// Milliseconds since boot (`ticks_us() / 1000`, without the division).
pub fn ticks_ms() -> u64 {
    millis()
}

/// Waits `us` microseconds, sleeping between ticks; returns early when a
/// Ctrl-C is pending so the VM can raise `KeyboardInterrupt`.
pub fn sleep_us(us: u64) {
    let end = ticks_us().saturating_add(us);
    loop {
        let now = ticks_us();
        if now >= end || crate::console::interrupt_pending() {
            return;
        }
        // Sleep through whole milliseconds; spin for the last one.
        if end - now > 1000 {
            crate::cpu::idle();
        }
    }
}

/// The processor clock in Hz (SysTick's source).
pub fn cpu_hz() -> u32 {
    PER_MS.load(Ordering::Relaxed).saturating_mul(1000)
}
