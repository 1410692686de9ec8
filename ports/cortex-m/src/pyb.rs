//! The `pyb` module's basics (netduinoplus2): `delay`, `udelay`,
//! `millis`, `micros`, `elapsed_millis`, `elapsed_micros`, `freq`,
//! `info`, `Timer`, `UART`, `Pin`, `LED`, `ADC`. Millisecond and microsecond counts wrap at
//! 2**30, as the `time` ticks do.

use mpy_core::modules::args::int_arg;
use mpy_core::q;
use mpy_core::runtime::print::Out;
use mpy_core::typ::{BuiltinFun, ModuleDef, Entry, Rom};
use mpy_core::{Obj, PyResult, Vm};

const TICKS_MASK: u64 = (1 << 30) - 1;

fn millis(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::small_int(((crate::systick::ticks_ms()) & TICKS_MASK) as isize))
}

fn micros(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::small_int((crate::systick::ticks_us() & TICKS_MASK) as isize))
}

/// `elapsed_millis(start)` (`which` 0) and `elapsed_micros(start)` (1):
/// ticks of that clock since `start` (a `millis()` or `micros()`), one
/// body.
fn elapsed(vm: &mut Vm, h0: Obj, which: usize) -> PyResult<Obj> {
    let start = int_arg(vm, h0)? as u64;
    let now = if which == 0 { crate::systick::ticks_ms() } else { crate::systick::ticks_us() };
    Ok(Obj::small_int((now.wrapping_sub(start) & TICKS_MASK) as isize))
}

/// `freq()`: `(sysclk, hclk, pclk1, pclk2)` in Hz (the STM32F405 at 168
/// MHz: APB1 at a quarter, APB2 at half).
fn freq(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = crate::systick::cpu_hz();
    let mut v = [Obj::NONE; 4];
    for (slot, x) in v.iter_mut().zip([f, f, f / 4, f / 2]) {
        *slot = vm.new_int(i64::from(x))?;
    }
    vm.new_tuple(&v)
}

/// `info()`: the clock and the heap, as a few lines.
fn info(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let (total, used, free) = (vm.heap.size(), vm.heap.mem_alloc(), vm.heap.mem_free());
    let hz = crate::systick::cpu_hz();
    // (One template: one call instead of one per piece.)
    Out::Stdout.fmt(
        vm,
        "S={}\nGC:\n  {} total\n  {} used\n  {} free\n",
        &[hz.into(), total.into(), used.into(), free.into()],
    )?;
    Ok(Obj::NONE)
}

static DELAY: BuiltinFun = BuiltinFun::new1_at(q::delay, mpy_core::modules::sleep_int, 0);
static UDELAY: BuiltinFun = BuiltinFun::new1_at(q::udelay, mpy_core::modules::sleep_int, 1);
static MILLIS: BuiltinFun = BuiltinFun::new(q::millis, 0, 0, millis);
static MICROS: BuiltinFun = BuiltinFun::new(q::micros, 0, 0, micros);
static ELAPSED_MILLIS: BuiltinFun = BuiltinFun::new1_at(q::elapsed_millis, elapsed, 0);
static ELAPSED_MICROS: BuiltinFun = BuiltinFun::new1_at(q::elapsed_micros, elapsed, 1);
static FREQ: BuiltinFun = BuiltinFun::new(q::freq, 0, 0, freq);
static INFO: BuiltinFun = BuiltinFun::new(q::info, 0, 1, info);

static LOCALS: [Entry; 14] = [
    Entry::new(q::__name__, Rom::Str(q::pyb)),
    Entry::new(q::ADC, Rom::Type(&crate::adc::ADC_TYPE)),
    Entry::new(q::LED, Rom::Type(&crate::led::LED_TYPE)),
    Entry::new(q::Pin, Rom::Type(&crate::pin::PIN_TYPE)),
    Entry::new(q::Timer, Rom::Type(&crate::timer::TIMER_TYPE)),
    Entry::new(q::UART, Rom::Type(&crate::pyuart::UART_TYPE)),
    Entry::new(q::delay, Rom::Fun(&DELAY)),
    Entry::new(q::elapsed_micros, Rom::Fun(&ELAPSED_MICROS)),
    Entry::new(q::elapsed_millis, Rom::Fun(&ELAPSED_MILLIS)),
    Entry::new(q::freq, Rom::Fun(&FREQ)),
    Entry::new(q::info, Rom::Fun(&INFO)),
    Entry::new(q::micros, Rom::Fun(&MICROS)),
    Entry::new(q::millis, Rom::Fun(&MILLIS)),
    Entry::new(q::udelay, Rom::Fun(&UDELAY)),
];

/// The `pyb` module.
pub static PYB_MODULE: ModuleDef = ModuleDef::new(q::pyb, &LOCALS);
