//! `float`: the built-in type (slots), float arithmetic with Python
//! semantics, parsing, hashing and `round()`.
//!
//! Follows MicroPython's double-precision build: every division by zero
//! raises `ZeroDivisionError: divide by zero`; a negative base to a
//! non-integral power gives a complex result; float `//` and `%` use the
//! fmod-based algorithm (so `inf // 1` is nan and `-3 % inf` is inf, as
//! MicroPython prints). Floats are NaN-boxed in the object word on 64-bit
//! builds (feature `nanbox`: no allocation), stuffed into it with feature
//! `float-stuffed`, and [`FloatObj`]s otherwise. Values are
//! [`crate::Float`]: `f64`, or `f32` with feature `float-single`.

use crate::flt::Float;
use crate::flt::M;
use super::float_format::{float_repr, FloatText};
use super::int::{int_from_f64, obj_to_i64, with_bytes_of, IntVal};
use super::int_ops::{num_binary_slot, num_of, zero_div, Num};
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, TypeObj, UnaryOp};
use crate::PyResult;
#[cfg(all(feature = "bigint", any(feature = "round-int", not(feature = "float-single"))))]
use mpy_mpz::{self as mpz, MpzRef};

/// The `float` type.
pub static FLOAT_TYPE: TypeObj = TypeObj {
    name: q::float,
    flags: flags::BASETYPE,
    make_new: Some(float_make_new),
    print: Some(float_print),
    binary_op: Some(num_binary_slot),
    ext: &crate::typ::TypeExt { unary_op: Some(float_unary_op), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// A boxed float (builds without `nanbox` or `float-stuffed`; one gc
/// block).
#[cfg(not(any(feature = "nanbox", feature = "float-stuffed")))]
#[repr(C)]
pub struct FloatObj {
    /// Header (`float`).
    pub base: crate::obj::ObjBase,
    /// The value.
    pub value: Float,
}

fn float_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    if let Some(Num::Float(f)) = num_of(vm, o) {
        let mut t = FloatText::new();
        float_repr(f, &mut t);
        return out.str(vm, t.as_str());
    }
    Ok(())
}

/// `float()`, `float(x)`.
fn float_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args.len() {
        0 => vm.new_float(0.0),
        1 => {
            if vm.float_of(args[0]).is_some() {
                return Ok(args[0]);
            }
            let f = float_of(vm, args[0])?;
            vm.new_float(f)
        }
        n => Err(super::strutil::too_many_args(vm, 1, n)),
    }
}

/// `float(o)` as an `Float`: numbers convert, strs/bytes are parsed.
///
/// Errors: `ValueError: invalid syntax for number`, `TypeError: can't
/// convert NoneType to float` (and `complex`).
pub fn float_of(vm: &mut Vm, o: Obj) -> PyResult<Float> {
    match num_of(vm, o) {
        #[cfg(feature = "complex")]
        Some(Num::Complex(..)) => return Err(vm.type_error("can't convert complex to float")),
        Some(n) => return Ok(n.to_f64()),
        None => {}
    }
    let parsed = with_bytes_of(vm, o, false, |vm, text| match parse_float(text) {
        Some(f) => Ok(f),
        None => Err(vm.value_error("invalid syntax for number")),
    });
    if let Some(r) = parsed {
        return r;
    }
    float_via_method(vm, o, "float")
}

/// The float that `o`, not a number nor text, gives through `__float__`
/// (how `float()` and `complex()` convert other objects, as MicroPython).
///
/// Errors: `TypeError: can't convert NoneType to {what}` when there is
/// none or it returns no float; whatever `__float__` raises.
pub fn float_via_method(vm: &mut Vm, o: Obj, what: &str) -> PyResult<Float> {
    let t = vm.builtin_type(o);
    if let Some(f) = t.ext.unary_op {
        let r = f(vm, UnaryOp::FloatMaybe, o)?;
        if let Some(v) = vm.float_of(r) {
            return Ok(v);
        }
    }
    Err(super::strutil::cant_convert(vm, o, what))
}

/// Parses float text as MicroPython's `float()` accepts it: surrounding
/// whitespace, a sign, `inf`/`infinity`/`nan` in any case, or a decimal
/// number whose digits may contain underscores, with an optional exponent.
/// As MicroPython, an empty mantissa reads as 0 (`float('.')` and
/// `float('e5')` are 0.0). None on bad syntax. Correctly rounded
/// ([`crate::flt::from_decimal`]); no allocation.
pub fn parse_float(text: &[u8]) -> Option<Float> {
    mpy_float::parse_python::<Float>(text)
}

fn float_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let Some(Num::Float(f)) = num_of(vm, o) else { return Ok(Obj::NULL) };
    match op {
        UnaryOp::Bool => Ok(Obj::bool(f != 0.0)),
        UnaryOp::Positive | UnaryOp::FloatMaybe => Ok(o),
        UnaryOp::Negative => vm.new_float(-f),
        UnaryOp::Abs => vm.new_float(f.abs()),
        UnaryOp::IntMaybe => int_from_f64(vm, f),
        UnaryOp::Hash => float_hash(vm, f),
        _ => Ok(Obj::NULL),
    }
}

/// `hash(f)`: equal to the int's hash for integral values (so `hash(1.0)
/// == hash(1)`); MicroPython truncates other values (`hash(1.5) == 1`).
/// Allocates nothing.
pub fn float_hash(vm: &mut Vm, f: Float) -> PyResult<Obj> {
    let _ = vm;
    if f.is_nan() {
        return Ok(Obj::small_int(0));
    }
    if f.is_infinite() {
        return Ok(Obj::small_int(-1));
    }
    let t = M::trunc(f);
    if t.abs() < Obj::SMALL_INT_MAX as Float {
        return Ok(Obj::small_int(t as isize));
    }
    // A big integral value: hash as the equal big int.
    #[cfg(feature = "float-single")]
    let h = {
        // Its low 64 bits, from the float's bits (`e > 0` here).
        let (neg, m, e) = super::int::f32_parts(f);
        let low = (m as u64).checked_shl(e.unsigned_abs()).unwrap_or(0);
        super::int::hash_low(if neg { low.wrapping_neg() } else { low })
    };
    #[cfg(all(feature = "bigint", not(feature = "float-single")))]
    let h = {
        let mut d = [0u32; mpz::conv::F64_LEN];
        match mpz::conv::from_f64(&mut d, crate::flt::to_f64(t)) {
            Ok(r) => super::int::bigint_hash(MpzRef::new(r.neg, d.get(..r.len).unwrap_or(&[]))),
            Err(_) => 0,
        }
    };
    // Without big ints: the low 64 bits from the double's bits, as the
    // equal big int would hash.
    #[cfg(all(not(feature = "bigint"), not(feature = "float-single")))]
    let h = {
        let b = t.to_bits();
        let m = (b & ((1 << 52) - 1)) | (1 << 52);
        let e = ((b >> 52) & 0x7ff) as u32;
        // |t| >= 2**30 here: an exponent of at least 1053 (no subnormals).
        let low = if e >= 1075 { m.checked_shl(e - 1075).unwrap_or(0) } else { m >> (1075 - e) };
        super::int::hash_low(if t < 0.0 { low.wrapping_neg() } else { low })
    };
    Ok(Obj::small_int(h))
}

/// Python's float floor-division and modulo: `(a // b, a % b)` with the
/// modulo taking the divisor's sign. `b` must be nonzero.
pub fn float_divmod(a: Float, b: Float) -> (Float, Float) {
    let mut m = M::fmod(a, b);
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = M::copysign(0.0, b);
    }
    let fd = if div != 0.0 {
        let mut fd = M::floor(div);
        if div - fd > 0.5 {
            fd += 1.0;
        }
        fd
    } else {
        M::copysign(0.0, a / b)
    };
    (fd, m)
}

/// `a ** b` for floats (a non-negative base or an integral exponent; the
/// caller handles the complex case): `a * a` for 2, `sqrt` for 0.5 and a
/// positive base (both correctly rounded), else the table-driven
/// [`super::float_acc::pow`] (correctly rounded in practice; C99 special
/// cases: `x ** 0 == 1`, `1 ** y == 1`, even for NaN).
#[inline]
pub fn float_pow(a: Float, b: Float) -> Float {
    if b == 2.0 {
        a * a
    } else if b == 0.5 && a > 0.0 {
        M::sqrt(a)
    } else {
        super::float_acc::pow(a, b)
    }
}

/// `a op b` for floats (plain op). Returns NULL for ops floats don't have
/// (bitwise, shifts). Allocates only for boxed floats and divmod's tuple.
///
/// Errors: `ZeroDivisionError: divide by zero` for `/`, `//`, `%`, divmod
/// by zero and `0.0 ** negative`.
pub fn float_binary_op(vm: &mut Vm, op: BinaryOp, a: Float, b: Float) -> PyResult<Obj> {
    use BinaryOp::*;
    let r = match op.non_inplace() {
        // Boards: one table lookup for the comparisons.
        #[cfg(target_os = "none")]
        cmp @ (Less | More | Equal | NotEqual | LessEqual | MoreEqual) => {
            return Ok(Obj::bool(super::seq::cmp_op(cmp, a.partial_cmp(&b))));
        }
        #[cfg(not(target_os = "none"))]
        Less => return Ok(Obj::bool(a < b)),
        #[cfg(not(target_os = "none"))]
        More => return Ok(Obj::bool(a > b)),
        #[cfg(not(target_os = "none"))]
        Equal => return Ok(Obj::bool(a == b)),
        #[cfg(not(target_os = "none"))]
        NotEqual => return Ok(Obj::bool(a != b)),
        #[cfg(not(target_os = "none"))]
        LessEqual => return Ok(Obj::bool(a <= b)),
        #[cfg(not(target_os = "none"))]
        MoreEqual => return Ok(Obj::bool(a >= b)),
        Add => a + b,
        Subtract => a - b,
        Multiply => a * b,
        TrueDivide => {
            if b == 0.0 {
                return Err(zero_div(vm));
            }
            a / b
        }
        FloorDivide | Modulo | Divmod => {
            if b == 0.0 {
                return Err(zero_div(vm));
            }
            let (d, m) = float_divmod(a, b);
            match op.non_inplace() {
                FloorDivide => d,
                Modulo => m,
                _ => {
                    let d = vm.new_float(d)?;
                    let m = vm.new_float(m)?;
                    return vm.new_tuple(&[d, m]);
                }
            }
        }
        Power => {
            // `0.0 ** -inf` is inf (C99; CPython and MicroPython agree).
            // (A negative base with a non-integral finite exponent goes
            // complex even for `-inf`, giving nan+nanj as MicroPython's
            // does; CPython gives inf.)
            if a == 0.0 && b < 0.0 && b.is_finite() {
                return Err(zero_div(vm));
            }
            if a < 0.0 && b.is_finite() && M::trunc(b) != b {
                #[cfg(feature = "complex")]
                return super::complex::complex_binary_op(vm, Power, (a, 0.0), (b, 0.0));
                // Official builds without complex numbers raise this.
                #[cfg(not(feature = "complex"))]
                return Err(vm.value_error("math domain error"));
            }
            float_pow(a, b)
        }
        _ => return Ok(Obj::NULL),
    };
    vm.new_float(r)
}

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
/// to float` for non-numbers, `MemoryError`.
pub fn round(vm: &mut Vm, x: Obj, ndigits: Obj) -> PyResult<Obj> {
    let n = if ndigits.is_null() { None } else { Some(obj_to_i64(vm, ndigits)?) };
    match num_of(vm, x) {
        Some(Num::Small(i)) => round_int(vm, x, IntVal::Small(i), n),
        #[cfg(feature = "bigint")]
        Some(Num::Big(b)) => round_int(vm, x, IntVal::Big(b), n),
        Some(Num::Float(f)) => match n {
            None => int_from_f64(vm, M::rint(f)),
            Some(n) => {
                let m = M::pow(10.0, n as Float);
                let r = M::rint(f * m) / m;
                vm.new_float(r)
            }
        },
        _ => {
            // Objects with `__float__` round as floats (MicroPython).
            let f = super::int::obj_to_f64(vm, x)?;
            let y = vm.new_float(f)?;
            round(vm, y, ndigits)
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
    if k > mpz::bits::bit_length(b.mag) / 3 + 2 {
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

// Double-precision digits and values.
#[cfg(all(test, not(feature = "float-single")))]
#[path = "float_tests.rs"]
mod tests;
