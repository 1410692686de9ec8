//! The `machine` module on the boards: `mem8`/`mem16`/`mem32` (reads of
//! the regions the board lists; writes to device and system registers
//! only: `ValueError` elsewhere), `freq`, `reset`, `soft_reset`,
//! `unique_id`, `disable_irq`/`enable_irq`, `idle`, `Timer`, `UART`,
//! `Pin`, `Signal`, `ADC`.

use crate::hw::ops;
use mpy_core::modules::args::int_arg;
use mpy_core::obj::ObjBase;
use mpy_core::q;
use mpy_core::typ::{BuiltinFun, ModuleDef, Entry, Rom, Subscr, TypeObj};
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
use mpy_core::{Obj, PyResult, Vm};

/// `mem8`, `mem16`, `mem32`: static objects of [`MEM_TYPE`].
static MEM8: ObjBase = ObjBase { ty: &MEM_TYPE };
static MEM16: ObjBase = ObjBase { ty: &MEM_TYPE };
static MEM32: ObjBase = ObjBase { ty: &MEM_TYPE };

/// `memN[addr]` and `memN[addr] = v`.
///
/// Errors: `ValueError: bad address` outside the board's regions (or a
/// write outside its register regions) or unaligned; `TypeError` for
/// `del`.
fn mem_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let width = if o == Obj::from_static(&MEM8) {
        1
    } else if o == Obj::from_static(&MEM16) {
        2
    } else {
        4
    };
    let addr = int_arg(vm, index)?;
    let Ok(addr) = usize::try_from(addr) else { return Err(vm.value_error(mpy_core::msg!("bad address"))) };
    match op {
        Subscr::Load => match crate::reg::peek(ops().mem, addr, width) {
            Some(v) => vm.new_int(i64::from(v)),
            None => Err(vm.value_error(mpy_core::msg!("bad address"))),
        },
        Subscr::Store(v) => {
            let v = int_arg(vm, v)? as u32;
            if crate::reg::poke(ops().mem, addr, width, v) {
                Ok(Obj::NONE)
            } else {
                Err(vm.value_error(mpy_core::msg!("bad address")))
            }
        }
        Subscr::Delete => Err(vm.type_error(mpy_core::msg!("can't delete memory"))),
    }
}

/// The type of `machine.mem8/16/32`.
pub static MEM_TYPE: TypeObj = TypeObj { name: q::mem.tn(), subscr: Some(mem_subscr), ..TypeObj::EMPTY };

/// `freq()`: the CPU clock in Hz.
fn freq(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.new_int(i64::from(crate::systick::cpu_hz()))
}

/// `reset()`: a full system reset.
fn reset(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    cortex_m::peripheral::SCB::sys_reset()
}

/// `soft_reset()`: raises `SystemExit`, which the REPL turns into a soft
/// reset.
fn soft_reset(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Err(vm.error_noargs(&SYSTEM_EXIT_TYPE))
}

/// `unique_id()`: the MCU's id bytes.
fn unique_id(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let id = (ops().unique_id)();
    vm.new_bytes(&id)
}

/// `disable_irq()`: masks interrupts; returns the previous state for
/// `enable_irq` (True: they were enabled). The REPL unmasks them again
/// after each command.
fn disable_irq(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let was = cortex_m::register::primask::read().is_active();
    cortex_m::interrupt::disable();
    Ok(Obj::bool(was))
}

/// `enable_irq(state=True)`: unmasks interrupts if `state` is true.
fn enable_irq(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let on = match a.first() {
        Some(&s) => vm.is_true(s)?,
        None => true,
    };
    if on {
        crate::cpu::enable_interrupts();
    }
    Ok(Obj::NONE)
}

/// `idle()`: sleeps until the next interrupt (at most a millisecond).
fn idle(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    crate::cpu::idle();
    Ok(Obj::NONE)
}

static FREQ: BuiltinFun = BuiltinFun::new(q::freq, 0, 1, freq);
static RESET: BuiltinFun = BuiltinFun::new(q::reset, 0, 0, reset);
static SOFT_RESET: BuiltinFun = BuiltinFun::new(q::soft_reset, 0, 0, soft_reset);
static UNIQUE_ID: BuiltinFun = BuiltinFun::new(q::unique_id, 0, 0, unique_id);
static DISABLE_IRQ: BuiltinFun = BuiltinFun::new(q::disable_irq, 0, 0, disable_irq);
static ENABLE_IRQ: BuiltinFun = BuiltinFun::new(q::enable_irq, 0, 1, enable_irq);
static IDLE: BuiltinFun = BuiltinFun::new(q::idle, 0, 0, idle);

static LOCALS: [Entry; 16] = [
    Entry::new(q::__name__, Rom::Str(q::machine)),
    Entry::new(q::ADC, Rom::Type(&crate::adc::ADC_TYPE)),
    Entry::new(q::Pin, Rom::Type(&crate::pin::PIN_TYPE)),
    Entry::new(q::Signal, Rom::Type(&crate::signal::SIGNAL_TYPE)),
    Entry::new(q::Timer, Rom::Type(&crate::timer::TIMER_TYPE)),
    Entry::new(q::UART, Rom::Type(&crate::pyuart::UART_TYPE)),
    Entry::new(q::disable_irq, Rom::Fun(&DISABLE_IRQ)),
    Entry::new(q::enable_irq, Rom::Fun(&ENABLE_IRQ)),
    Entry::new(q::freq, Rom::Fun(&FREQ)),
    Entry::new(q::idle, Rom::Fun(&IDLE)),
    Entry::new(q::reset, Rom::Fun(&RESET)),
    Entry::new(q::soft_reset, Rom::Fun(&SOFT_RESET)),
    Entry::new(q::unique_id, Rom::Fun(&UNIQUE_ID)),
    Entry::new(q::mem8, Rom::Obj(&MEM8)),
    Entry::new(q::mem16, Rom::Obj(&MEM16)),
    Entry::new(q::mem32, Rom::Obj(&MEM32)),
];

/// The `machine` module.
pub static MACHINE_MODULE: ModuleDef = ModuleDef::new(q::machine, &LOCALS);
