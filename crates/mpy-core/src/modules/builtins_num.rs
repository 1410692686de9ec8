//! Numeric builtins: `abs`, `divmod`, `pow`, `round`, `hex`, `oct`,
//! `bin`, `chr`, `ord`.
//!
//! `abs`/`divmod`/2-argument `pow` dispatch to the operand types' slots.
//! 3-argument `pow` and `round` use the numeric types' helpers
//! (`types::int_ops::int_pow3`, `types::float::round`).

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::typ::{BinaryOp, UnaryOp};
use crate::PyResult;
use alloc::string::String;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};

/// The value of an int object (bools count) as a big int.
pub fn bigint_of(vm: &Vm, o: Obj) -> Option<BigInt> {
    if let Some(i) = o.as_small_int() {
        return Some(BigInt::from(i));
    }
    match o {
        Obj::TRUE => return Some(BigInt::from(1)),
        Obj::FALSE => return Some(BigInt::from(0)),
        _ => {}
    }
    match vm.heap.get(o)? {
        ObjData::Int(b) => Some((**b).clone()),
        ObjData::Instance(i) if !i.native.is_null() => bigint_of(vm, i.native),
        _ => None,
    }
}

fn int_arg(vm: &mut Vm, o: Obj) -> PyResult<BigInt> {
    match bigint_of(vm, o) {
        Some(b) => Ok(b),
        None => {
            let msg = alloc::format!("can't convert {} to int", vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// `abs(x)`.
pub fn b_abs(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args[0].is_bool() {
        return Ok(Obj::small_int((args[0] == Obj::TRUE) as isize));
    }
    vm.unary_op(UnaryOp::Abs, args[0])
}

/// `divmod(a, b)`.
pub fn b_divmod(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    vm.binary_op(BinaryOp::Divmod, args[0], args[1])
}

/// `pow(base, exp[, mod])`.
pub fn b_pow(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() == 2 {
        return vm.binary_op(BinaryOp::Power, args[0], args[1]);
    }
    crate::types::int_ops::int_pow3(vm, args[0], args[1], args[2])
}

/// A float rounded to an int object.
///
/// Errors: `OverflowError: can't convert inf to int`, `ValueError: can't
/// convert NaN to int`.
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Obj> {
    if f.is_nan() {
        return Err(vm.value_error("can't convert NaN to int"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("can't convert inf to int"));
    }
    if f.abs() < 4.0e18 {
        return vm.new_int(f as i64);
    }
    match BigInt::from_f64(f) {
        Some(b) => vm.new_bigint(b),
        None => Err(vm.overflow_error("can't convert inf to int")),
    }
}

/// `round(x[, ndigits])`: ints stay ints; floats round half to even (to an
/// int without `ndigits`, to a float with it).
pub fn b_round(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    crate::types::float::round(vm, args[0], args.get(1).copied().unwrap_or(Obj::NULL))
}

fn radix(vm: &mut Vm, o: Obj, base: u32, prefix: &str) -> PyResult<Obj> {
    let b = int_arg(vm, o)?;
    let mut s = String::new();
    if b.is_negative() {
        s.push('-');
    }
    s.push_str(prefix);
    s.push_str(&b.abs().to_str_radix(base));
    vm.new_str(&s)
}

/// `hex(int)`: `0xff`, `-0xff`.
pub fn b_hex(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    radix(vm, args[0], 16, "0x")
}

/// `oct(int)`: `0o10`.
pub fn b_oct(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    radix(vm, args[0], 8, "0o")
}

/// `bin(int)`: `0b101`.
pub fn b_bin(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    radix(vm, args[0], 2, "0b")
}

/// `chr(i)`: the one-character str with code point `i`.
///
/// Errors: `ValueError: chr() arg not in range(0x110000)` (surrogates
/// too: strs hold valid UTF-8 here).
pub fn b_chr(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let b = int_arg(vm, args[0])?;
    let c = b.to_u32().and_then(char::from_u32);
    match c {
        Some(c) => {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            vm.new_str(s)
        }
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

/// `ord(c)`: the code point of a one-character str, or the value of a
/// one-byte bytes/bytearray.
///
/// Errors: `TypeError: ord() expected a character, but string of length 2
/// found`.
pub fn b_ord(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let o = args[0];
    let n = if let Some(s) = vm.str_of(o) {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => return Ok(Obj::small_int(c as isize)),
            _ => s.chars().count(),
        }
    } else {
        match vm.heap.get(o) {
            Some(ObjData::Bytes(b)) if b.len() == 1 => return Ok(Obj::small_int(b[0] as isize)),
            Some(ObjData::ByteArray(b)) if b.len() == 1 => return Ok(Obj::small_int(b[0] as isize)),
            Some(ObjData::Bytes(b)) => b.len(),
            Some(ObjData::ByteArray(b)) => b.len(),
            _ => {
                let msg = alloc::format!("can't convert '{}' object to str implicitly", vm.type_name(o));
                return Err(vm.type_error(&msg));
            }
        }
    };
    let msg = alloc::format!("ord() expected a character, but string of length {} found", n);
    Err(vm.type_error(&msg))
}
