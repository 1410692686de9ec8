//! `float`: the built-in type (slots), float arithmetic with Python
//! semantics, parsing, hashing and `round()`.
//!
//! Follows MicroPython's double-precision build: every division by zero
//! raises `ZeroDivisionError: divide by zero`; a negative base to a
//! non-integral power gives a complex result; float `//` and `%` use the
//! fmod-based algorithm (so `inf // 1` is nan and `-3 % inf` is inf, as
//! MicroPython prints).

use super::float_format::float_repr;
use super::int::{int_from_f64, obj_to_i64, text_bytes};
use super::int_ops::{num_binary_slot, num_of, zero_div, Num};
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, TypeObj, UnaryOp};
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Zero};

/// The `float` type.
pub static FLOAT_TYPE: TypeObj = TypeObj {
    name: q::float,
    flags: flags::BASETYPE,
    make_new: Some(float_make_new),
    print: Some(float_print),
    unary_op: Some(float_unary_op),
    binary_op: Some(num_binary_slot),
    ..TypeObj::EMPTY
};

fn float_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    if let Some(Num::Float(f)) = num_of(vm, o) {
        float_repr(f, out);
    }
    Ok(())
}

/// `float()`, `float(x)`.
fn float_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match args.len() {
        0 => vm.new_float(0.0),
        1 => {
            let f = float_of(vm, args[0])?;
            vm.new_float(f)
        }
        n => {
            let msg = format!("function expected at most 1 arguments, got {n}");
            Err(vm.type_error(&msg))
        }
    }
}

/// `float(o)` as an `f64`: numbers convert, strs/bytes are parsed.
///
/// Errors: `ValueError: invalid syntax for number`, `TypeError: can't
/// convert NoneType to float` (and `complex`).
pub fn float_of(vm: &mut Vm, o: Obj) -> PyResult<f64> {
    match num_of(vm, o) {
        Some(Num::Complex(..)) => return Err(vm.type_error("can't convert complex to float")),
        Some(n) => return Ok(n.to_f64()),
        None => {}
    }
    if let Some(text) = text_bytes(vm, o) {
        return match parse_float(&text) {
            Some(f) => Ok(f),
            None => Err(vm.value_error("invalid syntax for number")),
        };
    }
    let t = vm.builtin_type(o);
    if let Some(f) = t.unary_op {
        let r = f(vm, UnaryOp::FloatMaybe, o)?;
        if let Some(v) = vm.float_of(r) {
            return Ok(v);
        }
    }
    let msg = format!("can't convert {} to float", vm.type_name(o));
    Err(vm.type_error(&msg))
}

/// Parses float text as MicroPython's `float()` accepts it: surrounding
/// whitespace, a sign, `inf`/`infinity`/`nan` in any case, or a decimal
/// number whose digits may contain underscores, with an optional exponent.
/// As MicroPython, an empty mantissa reads as 0 (`float('.')` and
/// `float('e5')` are 0.0). None on bad syntax.
pub fn parse_float(text: &[u8]) -> Option<f64> {
    let s = core::str::from_utf8(text).ok()?.trim_matches(|c: char| c.is_ascii_whitespace());
    let b = s.as_bytes();
    let mut i = 0;
    let neg = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let rest = &s[i..];
    let word = rest.to_ascii_lowercase();
    let special = match word.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    let mut int_part = String::new();
    let mut frac = String::new();
    let mut exp = String::new();
    let mut consumed = false;
    let mut in_frac = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                if in_frac { frac.push(c as char) } else { int_part.push(c as char) }
                consumed = true;
            }
            b'_' => {}
            b'.' if !in_frac => {
                in_frac = true;
                consumed = true;
            }
            _ => break,
        }
        i += 1;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        consumed = true;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            exp.push(b[i] as char);
            i += 1;
        }
        let start = exp.len();
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            if b[i] != b'_' {
                exp.push(b[i] as char);
            }
            i += 1;
        }
        if exp.len() == start {
            return None;
        }
    }
    if !consumed || i != b.len() {
        return None;
    }
    let mut t = String::new();
    if neg {
        t.push('-');
    }
    t.push_str(if int_part.is_empty() { "0" } else { &int_part });
    t.push('.');
    t.push_str(if frac.is_empty() { "0" } else { &frac });
    if !exp.is_empty() {
        t.push('e');
        t.push_str(&exp);
    }
    t.parse::<f64>().ok()
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
pub fn float_hash(vm: &mut Vm, f: f64) -> PyResult<Obj> {
    if f.is_nan() {
        return Ok(Obj::small_int(0));
    }
    if f.is_infinite() {
        return Ok(Obj::small_int(-1));
    }
    let t = libm::trunc(f);
    if t.abs() < Obj::SMALL_INT_MAX as f64 {
        return Ok(Obj::small_int(t as isize));
    }
    // A big integral value: hash as the equal big int.
    let b = BigInt::from_f64(t).unwrap_or_default();
    let _ = vm;
    Ok(Obj::small_int(super::int::bigint_hash(&b)))
}

/// Python's float floor-division and modulo: `(a // b, a % b)` with the
/// modulo taking the divisor's sign. `b` must be nonzero.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = libm::fmod(a, b);
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = libm::copysign(0.0, b);
    }
    let fd = if div != 0.0 {
        let mut fd = libm::floor(div);
        if div - fd > 0.5 {
            fd += 1.0;
        }
        fd
    } else {
        libm::copysign(0.0, a / b)
    };
    (fd, m)
}

/// `a op b` for floats (plain op). Returns NULL for ops floats don't have
/// (bitwise, shifts).
///
/// Errors: `ZeroDivisionError: divide by zero` for `/`, `//`, `%`, divmod
/// by zero and `0.0 ** negative`.
pub fn float_binary_op(vm: &mut Vm, op: BinaryOp, a: f64, b: f64) -> PyResult<Obj> {
    use BinaryOp::*;
    let r = match op.non_inplace() {
        Less => return Ok(Obj::bool(a < b)),
        More => return Ok(Obj::bool(a > b)),
        Equal => return Ok(Obj::bool(a == b)),
        NotEqual => return Ok(Obj::bool(a != b)),
        LessEqual => return Ok(Obj::bool(a <= b)),
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
            if a == 0.0 && b < 0.0 {
                return Err(zero_div(vm));
            }
            if a < 0.0 && b.is_finite() && libm::trunc(b) != b {
                return super::complex::complex_binary_op(vm, Power, (a, 0.0), (b, 0.0));
            }
            super::float_acc::pow(a, b)
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
/// to float` for non-numbers.
pub fn round(vm: &mut Vm, x: Obj, ndigits: Obj) -> PyResult<Obj> {
    let n = if ndigits.is_null() { None } else { Some(obj_to_i64(vm, ndigits)?) };
    match num_of(vm, x) {
        Some(Num::Small(i)) => round_int(vm, BigInt::from(i), n),
        Some(Num::Big(b)) => round_int(vm, b, n),
        Some(Num::Float(f)) => match n {
            None => int_from_f64(vm, libm::rint(f)),
            Some(n) => {
                let m = libm::pow(10.0, n as f64);
                let r = libm::rint(f * m) / m;
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

fn round_int(vm: &mut Vm, v: BigInt, n: Option<i64>) -> PyResult<Obj> {
    let n = n.unwrap_or(0);
    if n >= 0 {
        return vm.new_bigint(v);
    }
    let Ok(k) = u32::try_from(n.unsigned_abs()) else { return Ok(Obj::small_int(0)) };
    if k as u64 > v.bits() / 3 + 2 {
        return Ok(Obj::small_int(0));
    }
    let p = num_traits::Pow::pow(BigInt::from(10), k);
    let (q, r) = v.div_mod_floor(&p);
    let twice = &r * 2u32;
    let up = twice > p || (twice == p && q.is_odd());
    let q = if up { q + 1u32 } else { q };
    let r = q * p;
    if r.is_zero() {
        return Ok(Obj::small_int(0));
    }
    vm.new_bigint(r)
}

#[cfg(test)]
#[path = "float_tests.rs"]
mod tests;

/// A boxed float (builds without `nanbox`; one gc block).
#[cfg(not(feature = "nanbox"))]
#[repr(C)]
pub struct FloatObj {
    /// Header (`float`).
    pub base: crate::obj::ObjBase,
    /// The value.
    pub value: f64,
}
