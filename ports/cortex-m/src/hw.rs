//! The board's peripherals as the hardware modules (`machine`, `pyb`)
//! see them: a table of functions each board fills ([`Ops`]), and what
//! interrupt handlers record for the VM.
//!
//! Timer callbacks are driven by SysTick (software timers with 1 ms
//! resolution, as official stm32's `machine.Timer`): QEMU 7.2's STM32
//! TIM model stops interrupting after its first update event, so the
//! hardware timers only provide `counter()`. Interrupts run no Python:
//! the SysTick handler counts each firing in an atomic ([`timer_fired`]). The
//! VM's pending check ([`mpy_core::vm::pending`], every 32nd backward jump,
//! between sleep slices, after each command) calls [`pending_hook`],
//! which runs each fired timer's callback: with the heap locked for hard
//! callbacks (allocating raises `MemoryError`), unlocked for soft ones.

use crate::reg::MemRegion;
use core::sync::atomic::{AtomicU32, Ordering};
use mpy_core::{Obj, PyResult, Vm};

/// Timers a board can have.
pub const MAX_TIMERS: usize = 4;
/// `Vm::port_roots` slot of the first timer object (one slot per timer).
pub const TIMER_ROOT: usize = 1;
/// Callbacks run per timer per check at most (firings beyond that while
/// the VM could not check are dropped).
const MAX_CATCH_UP: u32 = 4;

/// A board's peripherals.
pub struct Ops {
    /// Regions `machine.mem*` may access.
    pub mem: &'static [MemRegion],
    /// The hardware timer numbers (`Timer(id)`), at most [`MAX_TIMERS`].
    pub timer_ids: &'static [u8],
    /// Starts timer `slot` (index in `timer_ids`) interrupting at `hz`
    /// (rounded to what the hardware can do); false if out of range.
    pub timer_start: fn(slot: usize, hz: u32) -> bool,
    /// Stops timer `slot` and its interrupt.
    pub timer_stop: fn(slot: usize),
    /// The counter of timer `slot`.
    pub timer_counter: fn(slot: usize) -> u32,
    /// The UART numbers `UART(id)` accepts (not the console's).
    pub uart_ids: &'static [u8],
    /// Turns on UART `id` (from `uart_ids`) at `baud`, with its receive
    /// interrupt passing each byte to [`crate::uartrx::on_rx`].
    pub uart_init: fn(id: u8, baud: u32),
    /// Sends bytes on UART `id` (blocking).
    pub uart_write: fn(id: u8, data: &[u8]),
    /// Turns UART `id` off.
    pub uart_deinit: fn(id: u8),
    /// The MCU's unique id bytes.
    pub unique_id: fn() -> [u8; 12],
    /// Board pin names (`Pin('LED')`) and their pin numbers.
    pub pin_names: &'static [(&'static str, u8)],
    /// GPIO ports of 16 pins named by letter from `A` (`Pin('A0')`,
    /// `Pin('PA0')`: pin numbers 0..16 * pin_ports).
    pub pin_ports: u8,
    /// Pin numbers `Pin(n)` accepts: `0..pin_count` (at most
    /// [`crate::pin::MAX_PINS`]).
    pub pin_count: u8,
    /// Sets a pin's mode (`crate::pin` constants), pull (0 none, 1 up, 2
    /// down) and alternate function.
    pub pin_mode: fn(pin: u8, mode: u8, pull: u8, alt: u8),
    /// Drives a pin's output level.
    pub pin_write: fn(pin: u8, level: bool),
    /// Reads a pin's input level.
    pub pin_read: fn(pin: u8) -> bool,
    /// Enables a pin's external interrupt on edges (bit 0 rising, bit 1
    /// falling; 0: off; handler: [`crate::extint::fired`]). False if the
    /// pin has none.
    pub pin_irq: fn(pin: u8, edges: u8) -> bool,
    /// The pins of `pyb.LED(1..)` (active high).
    pub leds: &'static [u8],
    /// The ADC channel of a pin number (None: not an analog pin).
    pub adc_channel: fn(pin: u8) -> Option<u8>,
    /// ADC channels `ADC(n)` accepts besides pins: `0..adc_channels`.
    pub adc_channels: u8,
    /// One conversion of ADC channel `ch`: 12 bits (None: no ADC, or
    /// it did not finish).
    pub adc_read: fn(ch: u8) -> Option<u16>,
}

static FIRED: [AtomicU32; MAX_TIMERS] = [const { AtomicU32::new(0) }; MAX_TIMERS];
/// Period in milliseconds of each software timer (0: stopped).
static PERIOD: [AtomicU32; MAX_TIMERS] = [const { AtomicU32::new(0) }; MAX_TIMERS];
/// Milliseconds until each software timer fires next.
static LEFT: [AtomicU32; MAX_TIMERS] = [const { AtomicU32::new(0) }; MAX_TIMERS];

/// Starts software timer `slot` firing every `period_ms` (>= 1).
pub fn soft_start(slot: usize, period_ms: u32) {
    if let (Some(p), Some(l)) = (PERIOD.get(slot), LEFT.get(slot)) {
        p.store(0, Ordering::Relaxed);
        l.store(period_ms.max(1), Ordering::Relaxed);
        p.store(period_ms.max(1), Ordering::Relaxed);
    }
    timer_clear(slot);
}

/// Stops timer `slot`: the board's hardware counter, then the software
/// timer, whose unhandled firings are forgotten (one body for every
/// stop).
pub fn stop_timer(slot: usize) {
    (ops().timer_stop)(slot);
    if let Some(p) = PERIOD.get(slot) {
        p.store(0, Ordering::Relaxed);
    }
    timer_clear(slot);
}

/// From the SysTick handler, every millisecond: counts down the running
/// software timers and records those that fire.
pub fn soft_tick() {
    for slot in 0..MAX_TIMERS {
        let p = PERIOD[slot].load(Ordering::Relaxed);
        if p == 0 {
            continue;
        }
        let l = LEFT[slot].load(Ordering::Relaxed);
        if l <= 1 {
            LEFT[slot].store(p, Ordering::Relaxed);
            timer_fired(slot);
        } else {
            LEFT[slot].store(l - 1, Ordering::Relaxed);
        }
    }
}

/// Called by a board's timer interrupt handler (after acknowledging the
/// hardware): timer `slot` fired once more.
pub fn timer_fired(slot: usize) {
    if let Some(f) = FIRED.get(slot) {
        f.fetch_add(1, Ordering::Relaxed);
    }
}

/// Forgets the firings of timer `slot` not handled yet (stopped or
/// reconfigured).
pub fn timer_clear(slot: usize) {
    if let Some(f) = FIRED.get(slot) {
        f.store(0, Ordering::Relaxed);
    }
}

/// The VM's pending-check hook: runs the callbacks of the timers that
/// fired (see the module docs). An exception in one is printed as
/// `uncaught exception in Timer(N) interrupt handler` and disables that
/// callback, as on MicroPython's stm32 port.
///
/// Errors: none (callback errors are printed).
pub fn pending_hook(vm: &mut Vm) -> PyResult<()> {
    for slot in 0..MAX_TIMERS {
        let n = FIRED[slot].swap(0, Ordering::Relaxed);
        if n > 0 {
            crate::timer::run_callback(vm, slot, n.min(MAX_CATCH_UP));
        }
    }
    crate::extint::pending_hook(vm);
    Ok(())
}

/// Calls interrupt handler `f` with `arg` (hard: with the heap locked).
///
/// Errors: whatever the handler raises.
pub fn call_handler(vm: &mut Vm, f: Obj, arg: Obj, hard: bool) -> PyResult<()> {
    if hard {
        vm.heap.stats.lock_depth += 1;
    }
    let r = vm.call(f, &[arg], &[]);
    if hard {
        vm.heap.stats.lock_depth = vm.heap.stats.lock_depth.saturating_sub(1);
    }
    r.map(|_| ())
}

/// Prints `uncaught exception in {what}{n}{tail}` and exception `e` (a
/// handler's error) to the console.
#[inline(never)]
pub fn report_handler_error(vm: &mut Vm, what: &str, n: u32, tail: &str, e: mpy_core::PyErr) {
    let mut out = mpy_core::runtime::print::Out::Stdout;
    let _ = out.fmt(vm, mpy_core::msg!("uncaught exception in {}{}{}"), &[what.into(), n.into(), tail.into()]);
    let _ = mpy_core::vm::print_exception(vm, e.0, &mut out);
}

/// Stores `v` at index `i` of `table` (a [`root_table`]; one call
/// sequence for every store).
///
/// Errors: `IndexError` (none for an index below the table's length).
#[inline(never)]
pub fn root_store(vm: &mut Vm, table: Obj, i: usize, v: Obj) -> PyResult<()> {
    vm.subscr(table, Obj::small_int(i as isize), mpy_core::typ::Subscr::Store(v)).map(drop)
}

/// The table list in port root `root`, made (`n` Nones) at its first use.
/// (Filled in the heap, not copied from a table of Nones in flash.)
///
/// Errors: `MemoryError`.
pub fn root_table(vm: &mut Vm, root: usize, n: usize) -> PyResult<Obj> {
    if vm.port_roots[root].is_null() {
        vm.port_roots[root] = mpy_core::types::seq::new_seq_with(vm, true, n, &mut |_, d| d.len())?;
    }
    Ok(vm.port_roots[root])
}

/// The timer object of `slot` (NULL when none was made).
pub fn timer_obj(vm: &Vm, slot: usize) -> Obj {
    vm.port_roots.get(TIMER_ROOT + slot).copied().unwrap_or(Obj::NULL)
}

extern "Rust" {
    /// The board's peripherals: the board crate defines this static (with
    /// `#[no_mangle]`; see [`crate::board::Board::OPS`]). Linked by name,
    /// not looked up: calls through it become direct calls (-0.4 KB).
    static MPY_BOARD_OPS: Ops;
}

/// The board's peripherals.
pub fn ops() -> &'static Ops {
    // SAFETY: every board crate defines `MPY_BOARD_OPS` as an immutable
    // static of this very type (`Board::OPS` is a reference to it), which
    // nothing writes.
    unsafe { &MPY_BOARD_OPS }
}
