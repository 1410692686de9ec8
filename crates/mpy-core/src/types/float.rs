//! `float`: the built-in type (slots), float arithmetic with Python
//! semantics, parsing and hashing.
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
use super::int::{int_from_f64, with_bytes_of};
use super::int_ops::{num_binary_slot, num_of, zero_div, Num};
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, TypeObj, UnaryOp};
use crate::PyResult;
#[cfg(all(feature = "bigint", not(feature = "float-single")))]
use mpy_mpz::{self as mpz, MpzRef};

/// The `float` type.
pub static FLOAT_TYPE: TypeObj = TypeObj {
    name: q::float.tn(),
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
        // (complex has no subclasses: its name is `complex`.)
        Some(Num::Complex(..)) => return Err(super::strutil::cant_convert(vm, o, "float")),
        Some(n) => return Ok(n.to_f64()),
        None => {}
    }
    let parsed = with_bytes_of(vm, o, false, |vm, text| match parse_float(text) {
        Some(f) => Ok(f),
        None => Err(super::strutil::number_syntax(vm)),
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
/// modulo taking the divisor's sign. `b` must be nonzero. (Single
/// precision: `mpy_float`'s, which the compiler's folding shares.)
#[cfg(feature = "float-single")]
pub fn float_divmod(a: Float, b: Float) -> (Float, Float) {
    mpy_float::math32::divmod(a, b)
}

/// Python's float floor-division and modulo: `(a // b, a % b)` with the
/// modulo taking the divisor's sign. `b` must be nonzero.
#[cfg(not(feature = "float-single"))]
pub fn float_divmod(a: Float, b: Float) -> (Float, Float) {
    mpy_float::divmod_f64(a, b)
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
                return Err(vm.value_error(msg!("math domain error")));
            }
            float_pow(a, b)
        }
        _ => return Ok(Obj::NULL),
    };
    vm.new_float(r)
}

// Double-precision digits and values.
#[cfg(all(test, not(feature = "float-single")))]
#[path = "float_tests.rs"]
mod tests;
