//! The `random` module: a small deterministic PRNG.
//!
//! The generator is splitmix64 (not MicroPython's yasmarang: only ranges
//! and determinism after `seed(n)` are promised). Its state is the
//! interpreter's (`Vm::random_state`), like the single generator of a
//! MicroPython port. `getrandbits` takes 0..=32 bits as in MicroPython;
//! range errors are a bare `ValueError` and `choice([])` a bare
//! `IndexError`, as MicroPython raises them.

#[cfg(feature = "float")]
use crate::typ::Entry;
use super::args::float_arg;
use super::args::int_arg;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::INDEX_ERROR_TYPE;
use crate::PyResult;

/// The generator state before `seed` is called.
pub const INITIAL_STATE: u64 = 0x853c_49e6_748f_ea9b;

/// Sets the state from a seed.
pub fn seed_with(vm: &mut Vm, s: u64) {
    vm.random_state = s ^ INITIAL_STATE;
}

/// The next 64 random bits.
pub fn next_u64(vm: &mut Vm) -> u64 {
    let s = vm.random_state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    vm.random_state = s;
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform value in `0..n` (`n > 0`): draws masked to the bits of
/// `n - 1`, drawn again when `n` or above (less than half of them), so no
/// modulo bias and no 64-bit division.
pub fn below(vm: &mut Vm, n: u64) -> u64 {
    let n = n.max(1);
    let mask = u64::MAX.checked_shr((n - 1).leading_zeros()).unwrap_or(0);
    loop {
        let v = next_u64(vm) & mask;
        if v < n {
            return v;
        }
    }
}

/// A uniform float in `[0, 1)` with as many random bits as the float's
/// mantissa (53, or 24 for single precision).
#[cfg(feature = "float")]
pub fn next_f64(vm: &mut Vm) -> crate::Float {
    let bits = crate::Float::MANTISSA_DIGITS;
    (next_u64(vm) >> (64 - bits)) as crate::Float / (1u64 << bits) as crate::Float
}

fn seed(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let s = match a.first() {
        Some(&o) if o != Obj::NONE => int_arg(vm, o)? as u64,
        _ => vm.hal.time_ns() as u64 ^ vm.hal.ticks_us(),
    };
    seed_with(vm, s);
    Ok(Obj::NONE)
}

fn getrandbits(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let n = int_arg(vm, a[0])?;
    if !(0..=32).contains(&n) {
        return Err(vm.value_error(msg!("bits must be 32 or less")));
    }
    if n == 0 {
        return Ok(Obj::small_int(0));
    }
    let v = next_u64(vm) >> (64 - n);
    vm.new_int(v as i64)
}

/// A random member of `range(start, stop, step)` (with `stop` too when
/// `incl`: `randint`); ValueError when empty. u64 arithmetic: the distance
/// from `start` to the last member is below 2^64, and the result lies
/// inside the range, so the wrapping adds are exact.
fn range_pick(vm: &mut Vm, start: i64, stop: i64, step: i64, incl: bool) -> PyResult<Obj> {
    let (lo, hi) = if step > 0 { (start, stop) } else { (stop, start) };
    if step == 0 || hi < lo || (hi == lo && !incl) {
        return Err(vm.value_error(msg!("")));
    }
    let span = (hi.wrapping_sub(lo) as u64).wrapping_sub(!incl as u64);
    let s = step.unsigned_abs();
    // Candidates: 0 when all 2^64 values are (randint's whole i64 range).
    let n = super::div_u64(span, s).wrapping_add(1);
    let k = if n == 0 { next_u64(vm) } else { below(vm, n) }.wrapping_mul(s);
    let v = if step > 0 { start.wrapping_add_unsigned(k) } else { start.wrapping_sub_unsigned(k) };
    vm.new_int(v)
}

fn randrange(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut v = [0, 0, 1];
    super::args::int_args(vm, a, &mut v)?;
    match a.len() {
        1 => range_pick(vm, 0, v[0], 1, false),
        _ => range_pick(vm, v[0], v[1], v[2], false),
    }
}

fn randint(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut v = [0; 2];
    super::args::int_args(vm, a, &mut v)?;
    range_pick(vm, v[0], v[1], 1, true)
}

// `random()` and `uniform()` need floats (as official's).
#[cfg(feature = "float")]
fn random(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = next_f64(vm);
    vm.new_float(f)
}

#[cfg(feature = "float")]
fn uniform(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let lo = float_arg(vm, a[0])?;
    let hi = float_arg(vm, a[1])?;
    let f = next_f64(vm);
    vm.new_float(lo + (hi - lo) * f)
}

fn choice(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let n = vm.len(a[0])?;
    if n == 0 {
        return Err(vm.error(&INDEX_ERROR_TYPE, msg!("")));
    }
    let i = below(vm, n as u64) as i64;
    let idx = vm.new_int(i)?;
    vm.subscr(a[0], idx, crate::typ::Subscr::Load)
}

static SEED: BuiltinFun = BuiltinFun::new(q::seed, 0, 1, seed);
static GETRANDBITS: BuiltinFun = BuiltinFun::new1(q::getrandbits, getrandbits);
static RANDRANGE: BuiltinFun = BuiltinFun::new(q::randrange, 1, 3, randrange);
static RANDINT: BuiltinFun = BuiltinFun::new(q::randint, 2, 2, randint);
#[cfg(feature = "float")]
static RANDOM: BuiltinFun = BuiltinFun::new(q::random, 0, 0, random);
#[cfg(feature = "float")]
static UNIFORM: BuiltinFun = BuiltinFun::new2(q::uniform, uniform);
static CHOICE: BuiltinFun = BuiltinFun::new1(q::choice, choice);

static LOCALS: [Entry; if cfg!(feature = "float") { 8 } else { 6 }] = [
    Entry::new(q::__name__, Rom::Str(q::random)),
    Entry::new(q::choice, Rom::Fun(&CHOICE)),
    Entry::new(q::getrandbits, Rom::Fun(&GETRANDBITS)),
    Entry::new(q::randint, Rom::Fun(&RANDINT)),
    #[cfg(feature = "float")]
    Entry::new(q::random, Rom::Fun(&RANDOM)),
    Entry::new(q::randrange, Rom::Fun(&RANDRANGE)),
    Entry::new(q::seed, Rom::Fun(&SEED)),
    #[cfg(feature = "float")]
    Entry::new(q::uniform, Rom::Fun(&UNIFORM)),
];

/// The `random` module.
pub static RANDOM_MODULE: ModuleDef = ModuleDef::new(q::random, &LOCALS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        crate::types::num_testutil::with_vm(|mut vm| {
            let vm = &mut vm;
            for _ in 0..1000 {
                assert!(below(vm, 6) < 6);
                let f = next_f64(vm);
                assert!((0.0..1.0).contains(&f));
            }
        })
    }
}
