//! `Pin.irq`: external interrupts on pin edges, on boards that have them
//! (netduinoplus2: the STM32's EXTI lines 0-15, one pin per line number).
//! The board's interrupt handler records the lines that fired
//! ([`fired`]); the VM's pending check ([`pending_hook`], with the
//! Timer callbacks) runs their handlers with the Pin as argument, hard
//! ones with the heap locked.

use crate::hw::ops;
use crate::kw::{kw_arg, kw_bool, kw_check};
use core::sync::atomic::{AtomicU32, Ordering};
use mpy_core::q;
use mpy_core::typ::BuiltinFun;
use mpy_core::{Obj, PyResult, Vm};

/// `Pin.IRQ_RISING` and `Pin.IRQ_FALLING` (official stm32's values).
pub const IRQ_RISING: isize = 0x1011_0000;
/// See [`IRQ_RISING`].
pub const IRQ_FALLING: isize = 0x1021_0000;
/// Interrupt lines (pins with the same number share one).
pub const LINES: usize = 16;
/// `Vm::port_roots` slot of the handler table: a list of `[pin, handler,
/// hard]` per line.
pub const ROOT: usize = 5;

static FIRED: AtomicU32 = AtomicU32::new(0);

/// From the board's interrupt handler: line `line` saw its edge.
pub fn fired(line: usize) {
    if line < LINES {
        FIRED.fetch_or(1 << line, Ordering::Relaxed);
    }
}

/// `irq(handler=None, trigger=IRQ_FALLING|IRQ_RISING, *, hard=False)`:
/// sets (None: removes) the pin's edge handler.
///
/// Errors: `ValueError: Pin.irq not supported` on a board or pin without
/// external interrupts; `TypeError`.
fn irq(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, k, &[q::handler, q::trigger, q::hard, q::priority, q::wake])?;
    let pin = crate::pin::pin_arg(vm, a[0])?;
    let handler = kw_arg(k, q::handler).or_else(|| a.get(1).copied()).unwrap_or(Obj::NONE);
    // (Its low bits as given: not clamped as `kw_int`'s.)
    let trigger = match kw_arg(k, q::trigger).or(a.get(2).copied()) {
        Some(o) => mpy_core::modules::args::int_arg(vm, o)? as isize,
        None => IRQ_RISING | IRQ_FALLING,
    };
    let hard = kw_bool(vm, k, q::hard, false)?;
    let edges = u8::from(trigger & IRQ_RISING == IRQ_RISING) | u8::from(trigger & IRQ_FALLING == IRQ_FALLING) << 1;
    let line = usize::from(pin % 16);
    let edges = if handler == Obj::NONE { 0 } else { edges };
    let table = crate::hw::root_table(vm, ROOT, 3 * LINES)?;
    for (i, v) in [a[0], handler, Obj::bool(hard)].into_iter().enumerate() {
        crate::hw::root_store(vm, table, 3 * line + i, v)?;
    }
    FIRED.fetch_and(!(1 << line), Ordering::Relaxed);
    if !(ops().pin_irq)(pin, edges) {
        return Err(vm.value_error(mpy_core::msg!("Pin.irq not supported")));
    }
    Ok(Obj::NONE)
}

/// `Pin.irq`.
pub static IRQ: BuiltinFun = BuiltinFun::new_kw(q::irq, 1, irq);

/// Runs the handlers of the lines that fired (from the VM's pending
/// check). An exception in one is printed and disables it, as official's
/// `uncaught exception in ExtInt interrupt handler line N`.
pub fn pending_hook(vm: &mut Vm) {
    let mut bits = FIRED.swap(0, Ordering::Relaxed);
    let table = vm.port_roots[ROOT];
    while bits != 0 && !table.is_null() {
        let line = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let Some(items) = vm.list_items(table) else { return };
        let (pin, handler, hard) = match items.get(3 * line..3 * line + 3) {
            Some(t) => (t[0], t[1], t[2] == Obj::TRUE),
            None => return,
        };
        if handler == Obj::NONE {
            continue;
        }
        if let Err(e) = crate::hw::call_handler(vm, handler, pin, hard) {
            let _ = crate::hw::root_store(vm, table, 3 * line + 1, Obj::NONE);
            crate::hw::report_handler_error(vm, "ExtInt interrupt handler line ", line as u32, "\n", e);
        }
    }
}
