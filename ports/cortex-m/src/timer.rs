//! `machine.Timer` / `pyb.Timer`: the board's hardware timers with a
//! Python callback per update interrupt (see [`crate::hw`] for when it
//! runs; 1 to 1000 Hz, in whole milliseconds). One object per timer, kept in `Vm::port_roots` so `Timer(n)`
//! returns the same object and its callback stays alive.
//!
//! `Timer(id, *, mode=Timer.PERIODIC, freq=None, period=None,
//! callback=None, hard=True)`; methods `init(**kw)`, `deinit()`,
//! `callback(fn)` (pyb), `counter()`, `freq()`. `period` is in
//! milliseconds. Callbacks receive the timer.

use crate::hw::{self, ops};
use crate::kw::{kw_arg, kw_bool, kw_check, kw_int};
use mpy_core::q;
use mpy_core::typ::{flags, BuiltinFun, Entry, Rom, TypeObj};
use mpy_core::{Obj, PyResult, Vm};

/// Slot layout of a timer object.
const S_SLOT: usize = 0;
const S_CB: usize = 1;
const S_FLAGS: usize = 2;
const S_FREQ: usize = 3;
/// Flag bits: the callback is soft (runs with the heap unlocked); one-shot.
const F_SOFT: isize = 1;
const F_ONE_SHOT: isize = 2;

/// `Timer.ONE_SHOT` and `Timer.PERIODIC`.
const ONE_SHOT: isize = 0;
const PERIODIC: isize = 1;

fn slots(vm: &mut Vm, t: Obj) -> PyResult<[Obj; 4]> {
    crate::kw::slots_of(vm, t, &TIMER_TYPE, mpy_core::msg!("expected a Timer"))
}

/// Sets slot `i` of timer `t` (one call sequence for every store).
#[inline(never)]
fn set(vm: &mut Vm, t: Obj, i: usize, v: Obj) {
    vm.set_port_slot(t, &TIMER_TYPE, i, v);
}

fn slot_of(s: &[Obj; 4]) -> usize {
    s[S_SLOT].as_small_int().unwrap_or(0) as usize
}

/// `Timer(id, **kw)`.
///
/// Errors: `ValueError: Timer(N) doesn't exist`; `init`'s.
fn make_new(vm: &mut Vm, _cls: Obj, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    let id = crate::kw::first_arg(vm, a)?;
    let id = crate::kw::int32(vm, id)?;
    let Some(slot) = ops().timer_ids.iter().position(|&t| i32::from(t) == id) else {
        return Err(vm.value_error(mpy_core::msg!("Timer doesn't exist")));
    };
    let mut t = hw::timer_obj(vm, slot);
    if t.is_null() {
        t = vm.new_port_obj(&TIMER_TYPE, [Obj::small_int(slot as isize), Obj::NONE, Obj::small_int(0), Obj::small_int(0)])?;
        vm.port_roots[hw::TIMER_ROOT + slot] = t;
    }
    if a.len() > 1 || !k.is_empty() {
        init_kw(vm, t, &a[1..], k)?;
    }
    Ok(t)
}

/// `init(*, mode, freq, period, callback, hard)` (pyb: `init(freq=...)`).
/// Returns None (so `init` is a tail call).
///
/// Errors: `ValueError` for a bad frequency; `TypeError` for an unknown
/// keyword.
fn init_kw(vm: &mut Vm, t: Obj, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, k, &[q::mode, q::freq, q::period, q::callback, q::hard])?;
    let s = slots(vm, t)?;
    let slot = slot_of(&s);
    let mode = kw_int(vm, k, q::mode, None, PERIODIC as i32)? as isize;
    let hz = match (kw_arg(k, q::freq).or_else(|| a.first().copied()), kw_arg(k, q::period)) {
        (Some(f), _) => crate::kw::int32(vm, f)?,
        (None, Some(p)) => {
            let ms = crate::kw::int32(vm, p)?;
            if ms <= 0 {
                return Err(vm.value_error(mpy_core::msg!("period too small")));
            }
            // (In 32 bits: no call to the 64-bit division routine.)
            (1000 / ms.min(1000) as u32) as i32
        }
        (None, None) => return Err(vm.value_error(mpy_core::msg!("must specify freq or period"))),
    };
    let soft = !kw_bool(vm, k, q::hard, true)?;
    hw::stop_timer(slot);
    if let Some(cb) = kw_arg(k, q::callback) {
        set(vm, t, S_CB, cb);
    }
    let f = (if soft { F_SOFT } else { 0 }) | (if mode == ONE_SHOT { F_ONE_SHOT } else { 0 });
    set(vm, t, S_FLAGS, Obj::small_int(f));
    if !(1..=1000).contains(&hz) {
        return Err(vm.value_error(mpy_core::msg!("freq out of range")));
    }
    // The hardware counter runs for `counter()`; firings come from SysTick.
    let hz32 = hz as u32;
    (ops().timer_start)(slot, hz32);
    hw::soft_start(slot, (1000 + hz32 / 2) / hz32);
    set(vm, t, S_FREQ, Obj::small_int(hz as isize));
    Ok(Obj::NONE)
}

fn init(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    init_kw(vm, a[0], &a[1..], k)
}

/// `counter()` (member 0: the hardware counter), `freq()` (1: the
/// frequency set, 0 when stopped) and `deinit()` (2: stops the timer and
/// drops its callback): one body ([`BuiltinFun::new1_at`]).
fn query(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let s = slots(vm, a0)?;
    let slot = slot_of(&s);
    match at {
        0 => vm.new_int(i64::from((ops().timer_counter)(slot))),
        1 => Ok(s[S_FREQ]),
        _ => {
            hw::stop_timer(slot);
            set(vm, a0, S_CB, Obj::NONE);
            set(vm, a0, S_FREQ, Obj::small_int(0));
            Ok(Obj::NONE)
        }
    }
}

/// `callback(fn)`: sets (None: removes) the callback (pyb.Timer).
fn callback(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    slots(vm, a[0])?;
    set(vm, a[0], S_CB, a[1]);
    Ok(Obj::NONE)
}

/// Runs the callback of timer `slot` `n` times (from the pending hook).
pub fn run_callback(vm: &mut Vm, slot: usize, n: u32) {
    let t = hw::timer_obj(vm, slot);
    let Some(s) = vm.port_slots(t, &TIMER_TYPE) else { return };
    let f = s[S_FLAGS].as_small_int().unwrap_or(0);
    if f & F_ONE_SHOT != 0 {
        hw::stop_timer(slot);
    }
    let cb = s[S_CB];
    if cb == Obj::NONE || cb.is_null() {
        return;
    }
    let hard = f & F_SOFT == 0;
    for _ in 0..n {
        if let Err(e) = hw::call_handler(vm, cb, t, hard) {
            set(vm, t, S_CB, Obj::NONE);
            let id = ops().timer_ids.get(slot).copied().unwrap_or(0);
            hw::report_handler_error(vm, "Timer(", u32::from(id), ") interrupt handler\n", e);
            return;
        }
    }
}

static INIT: BuiltinFun = BuiltinFun::new_kw(q::init, 1, init);
static DEINIT: BuiltinFun = BuiltinFun::new1_at(q::deinit, query, 2);
static CALLBACK: BuiltinFun = BuiltinFun::new2(q::callback, callback);
static COUNTER: BuiltinFun = BuiltinFun::new1_at(q::counter, query, 0);
static FREQ: BuiltinFun = BuiltinFun::new1_at(q::freq, query, 1);

static LOCALS: [Entry; 7] = [
    Entry::new(q::ONE_SHOT, Rom::Int(ONE_SHOT)),
    Entry::new(q::PERIODIC, Rom::Int(PERIODIC)),
    Entry::new(q::callback, Rom::Fun(&CALLBACK)),
    Entry::new(q::counter, Rom::Fun(&COUNTER)),
    Entry::new(q::deinit, Rom::Fun(&DEINIT)),
    Entry::new(q::freq, Rom::Fun(&FREQ)),
    Entry::new(q::init, Rom::Fun(&INIT)),
];

/// The `Timer` type (`machine.Timer`, `pyb.Timer`).
pub static TIMER_TYPE: TypeObj =
    TypeObj { name: q::Timer.tn(), flags: flags::PORT_OBJ, make_new: Some(make_new), locals: mpy_core::typ::Locals::of(&LOCALS), ..TypeObj::EMPTY };
