//! `round()`: ints (feature `round-int` for negative `ndigits`) and,
//! with feature `float`, floats.

#[cfg(feature = "float")]
use crate::flt::{Float, M};
#[cfg(feature = "float")]
use super::int::int_from_f64;
use super::int::{obj_to_i64, IntVal};
use super::int_ops::{num_of, Num};
#[cfg(all(feature = "round-int", feature = "bigint"))]
use super::int_ops::num_binary_slot;
use crate::obj::Obj;
use crate::state::Vm;
#[cfg(all(feature = "round-int", feature = "bigint"))]
use crate::typ::BinaryOp;
use crate::PyResult;
#[cfg(all(feature = "round-int", feature = "bigint"))]
use mpy_mpz::{self as mpz, MpzRef};

/// `round(x)` / `round(x, ndigits)` (`ndigits` NULL when absent).
///
/// Ints: no digits or `ndigits >= 0` give the int back; negative
/// `ndigits` round half to even at that power of ten. Floats: without
/// `ndigits`, half-to-even to an int; with it, MicroPython's
/// `rint(x * 10**n) / 10**n` in floats (so `round(2.675, 2) == 2.68`,
/// `round(0.1, 400)` is nan).
///
/// Errors: `TypeError: can't convert NoneType to int` for a None
/// `ndigits` (as MicroPython), `OverflowError: can't convert inf to int`,
/// `ValueError: can't convert NaN to int`, `TypeError: can't convert str
/// to float` for non-numbers (without floats: `can't convert str to
/// int`), `MemoryError`.
pub fn round(vm: &mut Vm, x: Obj, ndigits: Obj) -> PyResult<Obj> {
    let n = if ndigits.is_null() { None } else { Some(obj_to_i64(vm, ndigits)?) };
    match num_of(vm, x) {
        Some(Num::Small(i)) => round_int(vm, x, IntVal::Small(i), n),
        #[cfg(feature = "bigint")]
        Some(Num::Big(b)) => round_int(vm, x, IntVal::Big(b), n),
        #[cfg(feature = "float")]
        Some(Num::Float(f)) => match n {
            None => int_from_f64(vm, M::rint(f)),
            Some(n) => {
                let m = M::pow(10.0, n as Float);
                let r = M::rint(f * m) / m;
                vm.new_float(r)
            }
        },
        #[cfg(feature = "float")]
        _ => {
            // Objects with `__float__` round as floats (MicroPython).
            let f = super::int::obj_to_f64(vm, x)?;
            let y = vm.new_float(f)?;
            round(vm, y, ndigits)
        }
        // Without floats, as official's: anything else as an int
        // (`ndigits` ignored).
        #[cfg(not(feature = "float"))]
        _ => {
            let i = obj_to_i64(vm, x)?;
            vm.new_int(i)
        }
    }
}

/// `round(x)` for an int `x` without feature `round-int`: `x` itself (a
/// bool as its int); with `ndigits`, `NotImplementedError` as official
/// builds without MICROPY_PY_BUILTINS_ROUND_INT.
#[cfg(not(feature = "round-int"))]
fn round_int(vm: &mut Vm, x: Obj, v: IntVal<'_>, n: Option<i64>) -> PyResult<Obj> {
    #[cfg(not(feature = "bigint"))]
    let _ = x;
    if n.is_some() {
        return Err(vm.error_noargs(&crate::types::exception::NOT_IMPLEMENTED_ERROR_TYPE));
    }
    Ok(match v {
        IntVal::Small(i) => Obj::small_int(i),
        #[cfg(feature = "bigint")]
        IntVal::Big(_) => x,
        #[cfg(not(feature = "bigint"))]
        IntVal::_Never(never, _) => match never {},
    })
}

/// `round(x, n)` for an int `x` of value `v`.
#[cfg(all(feature = "round-int", feature = "bigint"))]
fn round_int(vm: &mut Vm, x: Obj, v: IntVal<'_>, n: Option<i64>) -> PyResult<Obj> {
    let n = n.unwrap_or(0);
    let mut buf = [0u32; 2];
    let b = match v {
        IntVal::Small(i) if n >= 0 => return Ok(Obj::small_int(i)),
        // Negative digits round small ints as big ones (rare: one
        // rounding routine, no 128-bit division on the boards).
        IntVal::Small(i) => super::int_ops::small_mpz(i as i64, &mut buf),
        IntVal::Big(b) => b,
    };
    if n >= 0 {
        if vm.int_digits_pinned(x).is_some() {
            return Ok(x);
        }
        return vm.new_int_mag(b.neg, b.mag);
    }
    let k = n.unsigned_abs();
    // |v| < 2^L rounds to 0 when k > L / 3 + 2 (2^L < 8^(k-2) < 10^k / 2):
    // tested as 3k > L + 6, the same for whole numbers, with no 64-bit
    // division (k > L + 2 is tested first, so 3k cannot overflow).
    let bits = mpz::bits::bit_length(b.mag);
    if k > bits + 2 || 3 * k > bits + 6 {
        return Ok(Obj::small_int(0));
    }
    round_big(vm, b.trimmed(), k)
}

/// An int rounded half to even at `10**k`: `v - r`, plus `10**k` when
/// rounding up, where `r = v mod 10**k` (so `v - r` is `q * 10**k`).
/// Worked out on int objects: rare, so one small body.
///
/// Errors: `MemoryError`.
#[cfg(all(feature = "round-int", feature = "bigint"))]
fn round_big(vm: &mut Vm, v: MpzRef<'_>, k: u64) -> PyResult<Obj> {
    use BinaryOp::*;
    let v = vm.new_int_mag(v.neg, v.mag)?;
    let Ok(k) = isize::try_from(k) else { return Ok(Obj::small_int(0)) };
    let p = num_binary_slot(vm, Power, Obj::small_int(10), Obj::small_int(k))?;
    let r = num_binary_slot(vm, Modulo, v, p)?;
    let q = num_binary_slot(vm, FloorDivide, v, p)?;
    let t = num_binary_slot(vm, Subtract, v, r)?;
    let r2 = num_binary_slot(vm, Add, r, r)?;
    let up = num_binary_slot(vm, More, r2, p)? == Obj::TRUE
        || (num_binary_slot(vm, Equal, r2, p)? == Obj::TRUE
            && num_binary_slot(vm, And, q, Obj::small_int(1))? == Obj::small_int(1));
    if up {
        return num_binary_slot(vm, Add, t, p);
    }
    Ok(t)
}

/// `round(x, n)` for a small int `x` of value `v`, without big ints:
/// half to even at `10**-n` in `i64`.
///
/// Errors: `OverflowError: small int overflow` when rounding up leaves
/// the small-int range.
#[cfg(all(feature = "round-int", not(feature = "bigint")))]
fn round_int(vm: &mut Vm, _x: Obj, v: IntVal<'_>, n: Option<i64>) -> PyResult<Obj> {
    let IntVal::Small(i) = v;
    let n = n.unwrap_or(0);
    if n >= 0 {
        return Ok(Obj::small_int(i));
    }
    // |i| < 2**63 < 10**19.
    let Some(p) = 10i64.checked_pow(n.unsigned_abs().min(19) as u32) else { return Ok(Obj::small_int(0)) };
    let (i, p) = (i as i64, p);
    let (q, r) = (i.div_euclid(p), i.rem_euclid(p));
    let up = 2 * r > p || (2 * r == p && q & 1 == 1);
    vm.new_int(if up { i - r + p } else { i - r })
}
